"""newsclean's detokenisation against a maintained detokeniser: sacremoses' MosesDetokenizer
(the Moses toolkit's rules in Python, a test dependency), on the real dirty cases of
tests/data/real/cases.jsonl. Where Moses' detokeniser turns a one-line case into its
hand-written expected text, newsclean must give that text too; where it does not (BPE pieces,
an elided name, debris), the case says nothing about detokenisation and is not asked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import newsclean

sacremoses = pytest.importorskip("sacremoses")

CASES = Path(__file__).resolve().parent / "data" / "real" / "cases.jsonl"


def test_detokenisation_agrees_with_moses_on_real_lines() -> None:
    moses = sacremoses.MosesDetokenizer(lang="en")
    asked, differ = 0, []
    for line in CASES.read_text(encoding="utf-8").split("\n"):  # a case may hold U+2028
        if not line:
            continue
        case = json.loads(line)
        raw, expected = case["raw"], case["expected"]
        if raw == expected or "\n" in raw or moses.detokenize(raw.split()) != expected:
            continue
        asked += 1
        if newsclean.clean(raw, profile=case["profile"]) != expected:
            differ.append(case["id"])
    assert asked >= 10  # WMT16 and WMT21-23 lines, PTB-tokenised news
    assert differ == []
