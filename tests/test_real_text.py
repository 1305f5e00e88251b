"""Real text nobody on this project wrote (tests/data/real, from the shared corpus): correct
text comes out byte-identical in every language, and every change either profile makes to the
307 real articles is a reviewed true repair (tests/data/real/review.jsonl)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

import newsclean
from newsclean.evaluate import applicable, load_cases

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "tests" / "data" / "real"


def review_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "review", ROOT / "benchmarks" / "review_real_text.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("profile", ["default", "mt"])
@pytest.mark.parametrize("name", ["multilingual.jsonl", "cases.jsonl"])
def test_correct_text_is_byte_identical(name: str, profile: str) -> None:
    changed = [
        case.id
        for case in load_cases(REAL / name)
        if not case.dirty and newsclean.clean(case.raw, profile=profile, lang=case.lang) != case.raw
    ]
    assert changed == []


def test_every_change_to_real_articles_is_a_reviewed_repair() -> None:
    review = review_module()
    reviewed = {review.key(r): r for r in review.load_review()}
    current = review.changes()
    unreviewed = [c for c in current if review.key(c) not in reviewed]
    assert unreviewed == [], "run benchmarks/review_real_text.py and review these"
    stale = set(reviewed) - {review.key(c) for c in current}
    assert not stale, f"{len(stale)} reviewed changes are no longer made: rewrite the file"
    verdicts = {(r["verdict"], bool(r["why"])) for r in reviewed.values()}
    assert verdicts == {("repair", True)}, verdicts


def test_the_review_covers_the_multilingual_passages_too() -> None:
    review = review_module()
    corpora = {corpus for corpus, *_ in review.records()}
    assert corpora == {"articles", "multilingual"}
    assert not [c for c in review.changes() if c["corpus"] == "multilingual"]


def test_real_dirty_cases_are_scored_per_kind() -> None:
    cases = applicable(load_cases(REAL / "cases.jsonl"), "default")
    kinds = {kind for case in cases for kind in case.kinds}
    assert {"clean", "boilerplate", "mojibake", "split_contraction"} <= kinds
    assert all(isinstance(case.kinds, tuple) for case in cases)


def test_language_comes_from_the_caller_or_the_text() -> None:
    french = "Canada : un ministre de Trudeau rembourse ses frais de voyage !"
    assert newsclean.clean(french) == french
    # told it is English, the English rules apply: " !" closes, and so does the colon of a
    # headline before a clause (a label's colon before a short value would stay)
    assert newsclean.clean(french, lang="en") == french.replace(" !", "!").replace(" :", ":")
    spanish = "La oposición -que controla el Congreso- rechazó la propuesta del Gobierno."
    assert newsclean.clean(spanish, profile="mt") == spanish
    english = "The rebels , backed by Turkey , said that the attack was the work of the army ."
    assert (
        newsclean.clean(english)
        == "The rebels, backed by Turkey, said that the attack was the work of the army."
    )


def test_source_notes_are_kept_with_the_copies() -> None:
    readme = (REAL / "README.md").read_text(encoding="utf-8")
    for name in ("articles.jsonl", "multilingual.jsonl", "cases.jsonl", "review.jsonl"):
        assert name in readme
    for line in (REAL / "articles.jsonl").read_text(encoding="utf-8").splitlines()[:3]:
        assert json.loads(line)["source"]


def test_records_carry_their_language_on_the_command_line() -> None:
    from test_cli import run

    lines = (
        b'{"text": "Canada : un ministre rembourse ses frais !", "lang": "fr"}\n'
        b'{"text": "Canada : un ministre rembourse ses frais !", "lang": "en"}\n'
    )
    out = run("clean", stdin=lines)
    assert out.stdout.splitlines() == [
        lines.splitlines()[0],
        b'{"text": "Canada: un ministre rembourse ses frais!", "lang": "en"}',
    ]
    out = run(
        "clean", "--lang", "fr", "--format", "text", stdin=b"Turkey , Syria and France agreed .\n"
    )
    assert out.stdout == b"Turkey , Syria and France agreed .\n"
    out = run("explain", "--lang", "en", "--text", "Il a dit : non !")
    assert b"fix_punctuation_spacing" in out.stdout


def test_the_quick_english_test_agrees_with_the_identifier() -> None:
    """Every real text the quick test calls English (its function words), py3langid calls
    English too: the quick test only saves the identifier's time, it never decides otherwise.
    Real articles, cases and passages in 19 languages (tests/data/real, the bundled ones)."""
    pytest.importorskip("py3langid")
    from newsclean import lang
    from newsclean.testing._passages import bundled_passages

    texts = list(bundled_passages().values())
    for name in ("articles.jsonl", "multilingual.jsonl", "cases.jsonl"):
        for line in (REAL / name).read_text(encoding="utf-8").split("\n"):
            if not line:
                continue
            record = json.loads(line)
            texts += [v for k, v in record.items() if k in ("text", "raw") and isinstance(v, str)]
    quick = [t for t in texts if lang.looks_english(t)]
    assert len(quick) > 300
    identifier = lang._identifier()
    words = [" ".join(lang._WORD_RE.findall(t, 0, lang._ID_SAMPLE)) for t in quick]
    assert [
        t[:60] for t, w in zip(quick, words, strict=True) if identifier.classify(w)[0] != "en"
    ] == []
