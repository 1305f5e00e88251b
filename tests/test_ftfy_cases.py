"""ftfy's own published test cases (tests/data/ftfy, Apache-2.0): the default profile repairs
mojibake as `ftfy.fix_encoding` does and leaves ftfy's negative cases alone."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import newsclean

DATA = Path(__file__).resolve().parent / "data" / "ftfy"
FILES = ("in-the-wild.json", "synthetic.json", "negative.json", "language-names.json")


def cases(name: str) -> list[dict[str, Any]]:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def wanted(case: dict[str, Any]) -> str:
    return str(case.get("fixed-encoding", case["fixed"]))


# The one place newsclean goes further than fix_encoding on purpose: its default profile
# decodes HTML entities, which fix_encoding leaves (ftfy's fix_text decodes them too, and
# gives newsclean's answer, "10μs").
ENTITY_ON_MOJIBAKE = "HTML entity on top of UTF-8 / Latin-1"


@pytest.mark.parametrize("name", FILES)
def test_agrees_with_fix_encoding(name: str) -> None:
    misses = []
    for case in cases(name):
        if case.get("expect") != "pass":
            continue
        got = newsclean.clean(case["original"])
        if case["label"] == ENTITY_ON_MOJIBAKE:
            assert got == case["fixed"]
        elif got != wanted(case):
            misses.append((case["label"], got, wanted(case)))
    assert misses == []


def test_negatives_come_out_as_ftfy_says_in_both_profiles() -> None:
    """Unchanged, but for "mostly negative" cases whose C1 controls stand for cp1252."""
    changed = 0
    for case in cases("negative.json"):
        changed += wanted(case) != case["original"]
        for profile in ("default", "mt"):
            assert newsclean.clean(case["original"], profile=profile) == wanted(case)
    assert changed == 1  # the negatives are negative: only the C1 case wants an edit
