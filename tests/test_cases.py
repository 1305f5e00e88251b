"""Run the case files in tests/cases (see the README there) and keep them well-formed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import newsclean
from newsclean import Pipeline

CASES = Path(__file__).parent / "cases"
FILES = ("in-the-wild.json", "synthetic.json", "negative.json", "known-failures.json")
REQUIRED = {"label", "comment", "source", "original", "expected"}
ALLOWED = REQUIRED | {"cleaner", "profile", "options", "kind"}


def load(name: str) -> list[dict[str, Any]]:
    return json.loads((CASES / name).read_text(encoding="utf-8"))


def run(case: dict[str, Any]) -> str:
    if "profile" in case:
        return newsclean.clean(case["original"], profile=case["profile"])
    return Pipeline([(case["cleaner"], case.get("options", {}))])(case["original"])


def params(name: str, **marks: Any) -> list[Any]:
    return [pytest.param(c, id=c["label"], **marks) for c in load(name)]


@pytest.mark.parametrize("name", FILES)
def test_schema(name: str) -> None:
    cases = load(name)
    assert cases, f"{name} is empty"
    labels = [c["label"] for c in cases]
    assert len(labels) == len(set(labels)), f"{name}: duplicate labels"
    for case in cases:
        assert REQUIRED <= set(case) <= ALLOWED, f"{case.get('label')}: fields {sorted(case)}"
        assert ("cleaner" in case) != ("profile" in case), f"{case['label']}: cleaner xor profile"
        if "profile" in case:
            assert case["profile"] in newsclean.profile_names()
        else:
            newsclean.get_cleaner(case["cleaner"])
        if name == "negative.json":
            assert case["original"] == case["expected"], (
                f"{case['label']}: negatives must not change"
            )
        else:
            assert case["original"] != case["expected"], f"{case['label']}: nothing to repair"


@pytest.mark.parametrize(
    "case", params("in-the-wild.json") + params("synthetic.json") + params("negative.json")
)
def test_case(case: dict[str, Any]) -> None:
    assert run(case) == case["expected"]


@pytest.mark.parametrize(
    "case", params("known-failures.json", marks=pytest.mark.xfail(strict=True))
)
def test_known_failure(case: dict[str, Any]) -> None:
    assert run(case) == case["expected"]


def test_negatives_hold_in_every_profile() -> None:
    """Correct text must survive the mt profile too, unless a case names mt's own guesses."""
    for case in load("negative.json"):
        # a negative of another kind is a slip that only mt may repair (a stray fragment)
        if case.get("profile") == "default" and case.get("kind", "clean") == "clean":
            for profile in newsclean.profile_names():
                assert newsclean.clean(case["original"], profile=profile) == case["original"], (
                    case["label"],
                    profile,
                )
