"""One vocabulary of artifact kinds: every kind a case file, the eval corpus, the real cases or
an injector names is in newsclean.kinds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsclean.evaluate import load_cases
from newsclean.kinds import KINDS, RENAMED, canonical
from newsclean.testing import KINDS as INJECTED

ROOT = Path(__file__).resolve().parent.parent


def test_injectors_use_the_vocabulary() -> None:
    assert set(INJECTED) <= set(KINDS)


@pytest.mark.parametrize("name", ["in-the-wild", "synthetic", "negative", "known-failures"])
def test_case_files_use_the_vocabulary(name: str) -> None:
    for case in json.loads((ROOT / "tests" / "cases" / f"{name}.json").read_text(encoding="utf-8")):
        kind = case.get("kind", "clean")
        kinds = kind if isinstance(kind, list) else kind.split("+")
        assert set(kinds) <= set(KINDS), case["label"]


@pytest.mark.parametrize(
    "path",
    [
        "benchmarks/eval/corpus.jsonl",
        "tests/data/real/cases.jsonl",
        "tests/data/real/multilingual.jsonl",
    ],
)
def test_eval_corpora_use_the_vocabulary(path: str) -> None:
    for case in load_cases(ROOT / path):
        assert set(case.kinds) <= set(KINDS), case.id


def test_earlier_names_map_into_the_vocabulary() -> None:
    assert set(RENAMED.values()) <= set(KINDS)
    assert not set(RENAMED) & set(KINDS)
    assert canonical("boilerplate_line") == "boilerplate"


def test_an_earlier_kind_name_still_works_with_a_warning() -> None:
    from hypothesis import find

    from newsclean.testing import artifacts

    with pytest.warns(DeprecationWarning, match="now called 'boilerplate'"):
        dirty, expected = find(artifacts("boilerplate_line"), lambda pair: True)
    assert dirty != expected
