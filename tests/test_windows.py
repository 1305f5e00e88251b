"""A long text runs window by window (`newsclean._windows`): the local cleaners' promise, the
windows' facts, and the run loop's output, each against the whole text on real articles."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import newsclean
from newsclean import gated, registry
from newsclean._facts import ALL, DUP_LINE
from newsclean._scan import scan
from newsclean._windows import Windows, find_seams, find_seams_python, is_seam
from newsclean.cleaner import apply_edits
from newsclean.cleaners.whitespace import collapse_blank_lines
from newsclean.explain import replay

REAL = Path(__file__).parent / "data/real"


def _real_texts() -> list[str]:
    texts = [json.loads(line)["text"] for line in (REAL / "articles.jsonl").open(encoding="utf-8")]
    texts += [json.loads(line)["raw"] for line in (REAL / "cases.jsonl").open(encoding="utf-8")]
    texts += [
        json.loads(line)["raw"] for line in (REAL / "multilingual.jsonl").open(encoding="utf-8")
    ]
    return [t for t in texts if t.strip()]


TEXTS = _real_texts()


def _joined(seed: int, count: int, pieces: int) -> list[str]:
    """Real texts joined with blank lines, as a feed or a corpus dump holds them."""
    rng = random.Random(seed)
    return ["\n\n".join(rng.sample(TEXTS, pieces)) for _ in range(count)]


LONG = _joined(1, 24, 12)
LOCAL = sorted(name for name, made in registry.CLEANERS.items() if made.local)


@pytest.mark.parametrize("name", LOCAL)
def test_a_local_cleaner_finds_the_same_edits_window_by_window(name: str) -> None:
    """The promise of ``local=True``, checked as a gate's is: on real texts joined, with the
    smallest windows (a cut at every seam), the edits found window by window are the edits
    of the whole text, or the windows say they cannot tell (None: the whole text is read)."""
    made = registry.get_cleaner(name)
    told = 0
    for text in LONG:
        windows = Windows(text, ALL, size=1)
        assert len(windows) > 5  # the texts are cut, or there is nothing to check
        found = windows.edits(0, made.gate, made.find_edits)
        if found is not None:
            assert list(found) == list(made.find_edits(text)), name
            told += 1
    assert told >= len(LONG) * 3 // 4  # the windows answer for most texts, not only refuse


def test_only_cleaners_that_compare_across_the_text_are_not_local() -> None:
    """Every cleaner of the shipped profiles is local but the one that compares paragraphs
    across the whole text; a plugin is not local unless it says so."""
    steps = {s.name for p in ("default", "mt") for s in newsclean.Pipeline.from_profile(p)}
    assert {n for n in steps if not registry.get_cleaner(n).local} == {"drop_duplicate_paragraphs"}
    assert not newsclean.Pipeline([str.strip]).steps[0].cleaner.local


def test_the_windows_facts_hold_every_fact_of_the_text() -> None:
    """The run loop reads the union of the windows' facts for the text's (DUP_LINE, which
    compares lines across the text, taken as open): it may hold more, never fewer."""
    for text in LONG:
        union = Windows(text, ALL).union() | DUP_LINE
        assert scan(text, ALL) & ~union == 0


@pytest.mark.parametrize("profile", ["default", "mt"])
def test_a_long_text_cleans_as_it_does_whole(profile: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Real articles joined into texts past LONG_TEXT: window by window, the output is the
    whole-text run's, byte for byte, and the explanation replays to it."""
    pipeline = newsclean.Pipeline.from_profile(profile)
    texts = _joined(2, 6, 40)
    assert all(len(t) >= gated.LONG_TEXT for t in texts)
    windowed = [pipeline(t) for t in texts]
    explained = [pipeline.explain(t) for t in texts]
    monkeypatch.setattr(gated, "LONG_TEXT", 1 << 62)
    for text, out, report in zip(texts, windowed, explained, strict=True):
        assert out == pipeline(text)
        assert report.text == out
        assert replay(text, report.changes) == out


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_windows_follow_edits_as_a_fresh_cut_reads_them(data: st.DataObject) -> None:
    """After edits, every window's facts are those of what it reads, its seams are seams, and
    the windows still cover the text in order."""
    text = data.draw(st.sampled_from(LONG))
    windows = Windows(text, ALL, size=data.draw(st.sampled_from([1, 512, 4096])))
    for _ in range(3):
        edits = []
        for start in sorted(data.draw(st.sets(st.integers(0, len(text) - 1), max_size=6))):
            if edits and start < edits[-1][1]:
                continue
            end = min(len(text), start + data.draw(st.integers(0, 300)))
            edits.append((start, end, data.draw(st.sampled_from(["", "\n\n", "x", "A b."]))))
        text = apply_edits(text, edits)
        windows.update(text, edits)
        assert windows.text == text
        for k, (start, end) in enumerate(windows._ctx):
            assert windows.facts[k] == scan(text[start:end], ALL)
            own = windows._own(k)
            assert start <= own[0] <= own[1] <= end
        assert all(is_seam(text, at) for at in windows._seams)
        assert windows._seams == sorted(set(windows._seams))


SEAM_PIECES = [
    "Troops left the town after a week of shelling.", "Related", "Share this", "\n", "\n\n",
    "\n\n\n", " \n\n", "\n\n ", "\t", "word ", "a b c d e.", "end.”", "end.) ", "end ,", "é",
    "“Quoted,” he said.\t", "😀", "\u3000", "x" * 30,
]  # fmt: skip


@given(
    text=st.one_of(
        st.lists(st.sampled_from(SEAM_PIECES), max_size=120).map("".join),
        st.sampled_from(LONG).map(lambda t: t[:20_000]),
    ),
    size=st.integers(1, 400),
    reach=st.integers(1, 300),
    words=st.integers(0, 6),
    cut=st.tuples(st.integers(0, 2000), st.integers(0, 30_000)),
)
@example(  # a blank line before an indented line is no seam; the next one is
    text="a b c d e f g.\n\n a b c d e f g.\n\na b c d e f g.",
    size=1,
    reach=50,
    words=3,
    cut=(0, 99),
)
@settings(max_examples=300)
def test_compiled_seams_are_the_reference_seams(
    text: str, size: int, reach: int, words: int, cut: tuple[int, int]
) -> None:
    from newsclean import _windows

    if _windows._compiled_seams is None:
        pytest.skip("no compiled scan")
    start, end = min(cut), min(max(cut), len(text))
    want = find_seams_python(text, start, end, size, reach, words)
    assert _windows._compiled_seams(text, start, end, size, reach, words) == want


def test_text_without_prose_has_no_seam_and_is_walked_once() -> None:
    """A megabyte of short lines has no line of prose to cut at: one walk finds no seam (the
    search does not go back over the lines for each blank line)."""
    text = "Share this\n\nFacebook\n\n" * 50_000
    assert find_seams(text, 0, len(text), 1) == []


def test_collapse_blank_lines_sees_a_blank_line_of_several_spaces() -> None:
    """Found by the window check above: a blank-line run whose lines hold several spaces or
    tabs was left alone when the text had no other blank line. Real: go-readability's output
    for a SlashGear article (article-extraction-benchmark, tests/data/real/cases.jsonl
    web-098)."""
    text = "US range is yet to be tested.\n                 \n\t\t\nIt’s a handsome EV, certainly."
    assert (
        collapse_blank_lines(text)
        == "US range is yet to be tested.\n\nIt’s a handsome EV, certainly."
    )
    prose = "Troops left.\nTalks resumed.\n   Indented line.\n"
    assert collapse_blank_lines(prose) == prose
