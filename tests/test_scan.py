"""Gates: the compiled scan matches the reference, and no gated cleaner misses work.

A pipeline skips a cleaner when none of its gate facts holds (`newsclean._scan`). That is
only sound if the cleaner would have found no edit there; these properties check it on
arbitrary Unicode, on text built from the pieces the cleaners look for, and on dirty articles
made by every injector.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import newsclean
from newsclean import _facts, _scan
from newsclean.registry import all_cleaners
from newsclean.testing import dirty_articles
from newsclean.testing._passages import bundled_passages
from test_properties import PIECES

GATE_PIECES = [
    *PIECES, " n'", " n’", " ’", "\t", "\r", "\r\n", " \n", "\t\n", "\n \n", "\n\t\n", "\n\n\n",
    "[ ", "( ", " ]", " )", " !", " ?", " ;", " :", "é", "Ã", "\x85", "\x7f", "\u2060", "😀", " a ", " an ", "%", "%M", "%MINIFYHTML", "5%", "Plus:",
    "READ MORE", "Read more:", "Related …", "Photo by X", " Image copyright AFP", "\u2003Photo by",
    "x/y", "(AP)", "(AP) ", "(AP)\u2003", ")\t", "\nA man carries his belongings in Sarmin\n", "A man carries his belongings in Sarmin (Ghaith Alsayed/AP)",
    "\nHalf of the displaced are children.\n", "\nHalf of the misplaced are children.\n", "\nSame line.\n", "\nSame line.\n",
    "A ", "An ", "a", "n", "e", "U", "Z", "h", "hour", ". ", "! ", "? ", "x.", "5", "_", "²", "𝐚",
]  # fmt: skip
gate_text = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(GATE_PIECES), max_size=40).map("".join),
)
GATED = [c for c in all_cleaners() if c.gate]


@given(text=gate_text)
def test_compiled_scan_matches_the_reference(text: str) -> None:
    assert _scan.scan(text) == _scan.scan_python(text)


@given(
    text=gate_text,
    pairs=st.lists(
        st.sampled_from([" ,", "( ", " '", "’ ", " n", "éx", "aa", "a\n", " \n"]), max_size=8
    ),
)
def test_compiled_helpers_match_their_references(text: str, pairs: list[str]) -> None:
    """The compiled walks that hand cleaners their places to look: pair positions, lines that
    begin with a phrase, doubled-word lines, articles, counts for the English test."""
    from newsclean import _speedups, _text, lang

    assert _speedups.pair_positions(text, pairs) == _text.pair_positions_python(text, pairs)
    assert _speedups.pair_lines(text, pairs) == _text.pair_lines_python(text, pairs)
    for fact in (_facts.HEAD_LINE, _facts.CREDIT_LINE, _facts.PAREN_END):
        assert _speedups.fact_lines(text, fact) == _text.fact_lines_python(text, fact)
    assert _speedups.article_candidates(text) == _scan.article_candidates_python(text)
    words = (" ", " the ", " is ", "aa")
    assert _speedups.lower_counts(text, 50, words) == lang.lower_counts_python(text, 50, words)
    lines = _speedups.repeat_lines(text)
    assert bool(lines) == _scan._has_repeat(text)
    from newsclean.cleaners.debris import repeated_lines_python

    assert _speedups.repeated_lines(text) == repeated_lines_python(text)
    from newsclean.cleaners.detokenize import _spaced_candidates, _spaced_candidates_python

    assert _spaced_candidates(text) == _spaced_candidates_python(text)


def test_pair_lines_refuses_a_pair_that_starts_a_line() -> None:
    """A pair beginning with a line break would belong to two lines: both twins refuse it."""
    from newsclean import _speedups, _text

    for find in (_speedups.pair_lines, _text.pair_lines_python):
        with pytest.raises(ValueError, match="the first not a line break"):
            find("a\n b", ["\n "])


@given(text=gate_text)
def test_compiled_line_spans_match_the_reference(text: str) -> None:
    from newsclean._text import _split_lines, line_spans_python

    assert _split_lines(text) == line_spans_python(text)


@given(
    text=st.lists(
        st.sampled_from([*GATE_PIECES, " " * 40, "\n" * 30, "x" * 50, "word " * 20]),
        min_size=40,
        max_size=300,
    ).map("".join)
)
def test_compiled_scan_matches_the_reference_on_long_texts(text: str) -> None:
    """Past 256 characters the compiled scan runs up to four automata over parts of the text,
    each started a few characters early to take up the true state: no fact may be lost or
    invented at a seam."""
    assert _scan.scan(text) == _scan.scan_python(text)


SEAM_PATTERNS = [" an b", " a e", "An b", "A e", ". x", " n'", " ,", "( ", "- ", " -", "%M", " \n"]
SEAM_PATTERNS += [
    "\n\n\n",
    "\n \n\t\n",
    "x \n",
    "y 're.",
    "x 's",
    "D 'A",
    "x 'sa",
    "a -b",
    "a- b",
    "t' s.",
    "y' re ",
]


@pytest.mark.parametrize("pattern", SEAM_PATTERNS)
def test_compiled_scan_finds_a_pattern_across_every_seam(pattern: str) -> None:
    """The pattern at every offset around the quarter points where the parts begin."""
    n = 400
    for quarter in (n // 4, n // 2, 3 * n // 4):
        for offset in range(quarter - 8, quarter + 8):
            for filler in ("y", "."):
                text = filler * offset + pattern + filler * (n - offset - len(pattern))
                assert _scan.scan(text) == _scan.scan_python(text), (offset, filler)


@pytest.mark.parametrize("lines", [_facts.MAX_LINES, _facts.MAX_LINES + 1])
def test_line_facts_agree_past_the_line_table(lines: int) -> None:
    text = "\n".join(f"Line {i} of the story, number {i}." for i in range(lines))
    assert _scan.scan(text) == _scan.scan_python(text)
    assert bool(_scan.scan(text) & _facts.DUP_LINE) == (lines > _facts.MAX_LINES)
    assert _scan.scan(text + "\nLine 3 of the story, number 3.") & _facts.DUP_LINE


def test_the_compiled_scan_is_built_where_ci_asks_for_it() -> None:
    if os.environ.get("NEWSCLEAN_REQUIRE_SPEEDUPS"):
        assert _scan.COMPILED, "newsclean._speedups was not built (is a C compiler installed?)"


@pytest.mark.parametrize("made", GATED, ids=lambda c: c.name)
@given(text=gate_text)
def test_a_closed_gate_means_no_edit(made: newsclean.Cleaner, text: str) -> None:
    if not _scan.scan(text) & made.gate:
        assert made.find_edits(text) == []


REPEATS = [
    "the the",
    "The the",
    "was  was",
    "is\tis",
    "of of,",
    "(the the)",
    "the-the",
    "é",
    "ſ",
    "K",
]


@given(text=st.one_of(gate_text, st.lists(st.sampled_from([*GATE_PIECES, *REPEATS])).map("".join)))
def test_the_lines_of_repeat_candidates_hold_every_doubled_word(text: str) -> None:
    from newsclean.cleaners.mt import remove_repeated_words

    lines = _scan.repeat_lines(text)
    assert lines == [
        s for s in _scan.repeat_lines_python(text) if s in lines
    ]  # some lines, in order
    found = remove_repeated_words.find_edits(text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_scan, "repeat_lines", _scan.repeat_lines_python)  # the regex on every line
        assert found == remove_repeated_words.find_edits(text)


@given(pair=st.sampled_from(["default", "mt"]).flatmap(lambda p: dirty_articles(profile=p)))
def test_no_gated_cleaner_misses_an_artifact(pair: tuple[str, str]) -> None:
    dirty, _ = pair
    for made in GATED:
        if not _scan.scan(dirty) & made.gate:
            assert made.find_edits(dirty) == [], made.name


def test_pipeline_gives_the_same_text_with_the_reference_scan(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import json
    from pathlib import Path

    from newsclean import gated
    from newsclean.testing._passages import bundled_passages

    samples = Path(__file__).resolve().parent.parent / "samples" / "articles.jsonl"
    texts = [json.loads(line)["text"] for line in samples.read_text(encoding="utf-8").splitlines()]
    texts += list(bundled_passages().values())
    compiled = [newsclean.clean(t, profile="mt") for t in texts]
    monkeypatch.setattr(gated, "scan", _scan.scan_python)
    monkeypatch.setattr(_scan, "repeat_lines", _scan.repeat_lines_python)
    assert [newsclean.clean(t, profile="mt") for t in texts] == compiled


FIND_PIECES = ["@", "-", ",", ".", " ", "a", "B", "@-@", " @-@ ", "@@", "\u200b", "\u2060"]
FIND_PIECES += ["\u200c", "\u200d", "é", "1", "\n", "\U0001f468"]


@given(text=st.lists(st.sampled_from(FIND_PIECES), max_size=30).map("".join))
def test_find_based_cleaners_match_their_reference_regex(text: str) -> None:
    """Two cleaners find candidates with str.find instead of a regex the engine would try at
    every position; their edits must be the regex's."""
    from newsclean.cleaners.detokenize import MOSES_RE, unescape_moses_escapes
    from newsclean.cleaners.encoding import ZERO_WIDTH_RE, remove_zero_width_characters

    moses = [(m.start(), m.end(), m.group(1)) for m in MOSES_RE.finditer(text)]
    assert unescape_moses_escapes.find_edits(text) == moses
    zero_width = [(m.start(), m.end(), "") for m in ZERO_WIDTH_RE.finditer(text)]
    assert remove_zero_width_characters.find_edits(text) == zero_width


CODE_PIECES = [
    " ",
    "x",
    "=",
    "==",
    "=>",
    "-",
    ">",
    ":",
    "{",
    "}",
    "lambda",
    "lambdas",
    "f",
    "(",
    ")",
]
CODE_PIECES += [
    "FROM",
    "import",
    "from",
    "os.path",
    "def",
    ">>>",
    "...",
    "$",
    "#!",
    "//",
    "./",
    "\n",
]
CODE_PIECES += ["\t", "a.b", "'", '"', "[", "]", "_", "é", "if", ":\n", "SELECT"]


@given(line=st.lists(st.sampled_from(CODE_PIECES), max_size=14).map("".join))
def test_code_lines_found_in_parts_match_the_whole_pattern(line: str) -> None:
    from newsclean._code import CODE_LINE_RE, looks_like_code

    assert looks_like_code(line) == (CODE_LINE_RE.search(line) is not None)


MARK_PIECES = [
    " ",
    " .",
    " ,",
    "a",
    "the",
    "The",
    "x",
    "trailing",
    "\n",
    "__init__.py",
    "a.b",
    "_",
    "-",
]
MARK_PIECES += ["/", "1", "é", "an", "lone", "(", "xthe", ".", "b"]


@given(text=st.lists(st.sampled_from(MARK_PIECES), max_size=30).map("".join))
def test_named_marks_and_names_match_the_patterns_asked_from_the_slip(text: str) -> None:
    """fix_punctuation_spacing asks whether a mark is named ("a trailing ,") or follows a
    file's name ("__init__.py .") only where the word before can be one; the answers must be
    the patterns', searched back from the slip over the line."""
    from newsclean._text import line_at
    from newsclean.cleaners.detokenize import (
        _MENTION_ENDS,
        _MENTION_RE,
        _NAME_END_RE,
        _name_before,
        _named_mark,
    )

    for start in range(1, len(text)):
        if not re.match(" +[,.]", text[start:]) or text[start - 1] == " ":
            continue  # only where a slip's space run begins, before "," or "."
        line_start, _ = line_at(text, start)
        named = _MENTION_RE.search(text, max(line_start, start - 40), start) is not None
        assert _named_mark(text, line_start, start) == named
        assert not named or text[start - 1] in _MENTION_ENDS  # the loop's quick no
        name = _NAME_END_RE.search(text, line_start, start) is not None
        assert _name_before(text, line_start, start) == name
        word = text[(text.rfind(" ", line_start, start) + 1) or line_start : start]
        assert not name or "." in word or "/" in word or "_" in word  # the loop's quick no


UNTRANSLATED_PIECES = ["кожна", "дякуємо", " ", "every", "the", "word", "1", "-", "'", "\n", "a"]
UNTRANSLATED_PIECES += ["Зеленський", "花前", "(", "«", "x1foo", "is"]


@given(text=st.lists(st.sampled_from(UNTRANSLATED_PIECES), max_size=20).map("".join))
def test_untranslated_words_found_from_runs_match_the_whole_pattern(text: str) -> None:
    """remove_untranslated_words asks its pattern only where a run of foreign letters starts;
    the edits must be those of the pattern searched over the whole text."""
    from newsclean._text import line_at
    from newsclean.cleaners.mt import (
        _FOREIGN_CHAR_RE,
        _FOREIGN_WORD_RE,
        _NAMING_WORDS,
        remove_untranslated_words,
    )

    expected = []
    for m in _FOREIGN_WORD_RE.finditer(text):
        start, end = line_at(text, m.start())
        if (
            m.group("before").lower() not in _NAMING_WORDS
            and len(_FOREIGN_CHAR_RE.findall(text, start, end)) <= len(m.group("word")) + 2
        ):
            expected.append((m.start(), m.end(), ""))
    assert remove_untranslated_words.find_edits(text) == expected


@st.composite
def phrase_lines(draw: st.DrawFn) -> str:
    """A line as a page might show a boilerplate phrase: any case (İ and K, U+212A, too),
    any white space, bullets and end marks around it, sometimes more words after it."""
    from newsclean.data import read_list

    phrase = draw(st.sampled_from(read_list("boilerplate.txt"))).replace("*", " ")
    cased = "".join(
        draw(st.sampled_from([c, c.upper(), *{"i": ["İ"], "k": ["\u212a"]}.get(c, [])]))
        for c in phrase
    )
    space = st.sampled_from([" ", "  ", "\t", "\u00a0", "\u2003", "\x1c", "\r"])
    words = cased.split()
    body = words[0] + "".join(draw(space) + w for w in words[1:])
    edge = st.text(alphabet=" \t\u00a0" + _scan.LINE_SKIP, max_size=3)
    more = draw(st.sampled_from(["", " today", " and more", "s", ", the minister said."]))
    return draw(edge) + body + more + draw(edge)


phrase_text = st.lists(
    st.one_of(phrase_lines(), st.sampled_from(GATE_PIECES), st.text(max_size=20)), max_size=6
).map("\n".join)


@given(text=phrase_text)
def test_the_line_head_fact_matches_the_reference_and_gates_boilerplate(text: str) -> None:
    from newsclean.cleaners.debris import drop_boilerplate_lines

    assert _scan.scan(text) == _scan.scan_python(text)
    if not _scan.scan(text) & _facts.HEAD_LINE:
        assert drop_boilerplate_lines.find_edits(text) == []


def test_extra_phrases_open_the_boilerplate_gate() -> None:
    from newsclean.cleaners.debris import drop_boilerplate_lines

    text = "Troops left.\nPromoted stories"
    assert not _scan.scan(text) & _facts.HEAD_LINE
    assert drop_boilerplate_lines(text, extra=("promoted stories",)) == "Troops left."
    step = ("drop_boilerplate_lines", {"extra": ["Promoted stories"]})
    assert newsclean.Pipeline([step])(text) == "Troops left."


def plain_run(pipeline: newsclean.Pipeline, text: str) -> str:
    """The pipeline's loop without gates: every step in turn until n steps in a row changed
    nothing (the step that changed counting as one), at most max_passes cycles. Text with
    CR line ends alone is read with LF ends, as the pipeline does."""
    from newsclean.cleaner import apply_edits

    if "\r" in text and "\n" not in text:
        return plain_run(pipeline, text.replace("\r", "\n")).replace("\n", "\r")
    from newsclean._scan import scan
    from newsclean.lang import detect_language

    language: str | None = None
    decided = (
        False  # read at the first step for some languages whose gate is open, again after an edit
    )

    n, quiet, ran = len(pipeline.steps), 0, 0
    while quiet < n and ran < pipeline.max_passes * n:
        step = pipeline.steps[ran % n]
        ran += 1
        if step.cleaner.langs:
            gate = step.cleaner.gate_for(step.options)
            if not decided and (not gate or scan(text) & gate):
                language, decided = detect_language(text), True
            if language not in step.cleaner.langs:
                quiet += 1
                continue
        edits = step.cleaner.find_edits(text, **step.options)
        if edits:
            text = apply_edits(text, edits)
            decided = False
            quiet = 1
        else:
            quiet += 1
    return text


@given(
    profile=st.sampled_from(["default", "mt"]),
    text=st.one_of(
        gate_text,
        st.sampled_from(["default", "mt"])
        .flatmap(lambda p: dirty_articles(profile=p))
        .map(lambda pair: pair[0]),
    ),
)
def test_the_gated_loop_gives_the_text_of_the_plain_loop(profile: str, text: str) -> None:
    from newsclean._code import protected_spans

    assume(not protected_spans(text))  # code stays as it is, a layer the plain loop lacks
    pipeline = newsclean.Pipeline.from_profile(profile)
    assert pipeline(text) == plain_run(pipeline, text)


def test_the_gated_loop_stops_where_the_plain_loop_does() -> None:
    """A plain function that always changes the text runs once per cycle, and a change by a
    later step makes the earlier ones run again, as in the plain loop."""
    calls = []

    def tick(text: str) -> str:
        calls.append(text)
        return text + "!"

    def pad(text: str) -> str:  # adds a trailing space once, for the next cycle to strip
        return text if text.endswith(("! ", "!!")) else text + " "

    once = newsclean.Pipeline([tick, "strip_trailing_whitespace"])
    assert once("a") == "a!"
    assert calls == ["a"]
    three = newsclean.Pipeline(["strip_trailing_whitespace", tick, pad], max_passes=3)
    assert three("a ") == plain_run(three, "a ") == "a!!"


def test_a_change_makes_every_other_step_see_the_new_text() -> None:
    """The step just before the one that changed the text runs again on it."""

    def mark(text: str) -> str:
        return text if text.endswith(("#", "# ")) else text + "# "

    pipeline = newsclean.Pipeline(["strip_trailing_whitespace", mark], max_passes=3)
    assert pipeline("a") == plain_run(pipeline, "a") == "a#"


def test_the_c_header_is_what_the_fact_table_generates() -> None:
    """_facts.h is generated from _facts.py (tools/gen_facts_header.py): a fact or limit edited
    in one and not regenerated in the other fails here, before the two scans disagree."""
    header = Path(_facts.__file__).with_name("_facts.h").read_text(encoding="utf-8")
    assert header == _facts.c_header()
    bits = list(_facts.fact_bits().values())
    assert len(set(bits)) == len(bits), "two facts share a bit"


def test_the_fact_table_is_all_the_c_scan_defines() -> None:
    """The C source defines no fact bit or shared limit of its own."""
    source = Path(_facts.__file__).with_name("_speedups.c").read_text(encoding="utf-8")
    assert not re.findall(r"#define (F_\w+|MAX_LINES|MAX_NEEDLES|MAX_HEADS)\b", source)
    assert not re.findall(r"\bF_\w+ = 1", source)
    for word in (*_facts.CREDIT_WORDS, *_facts.COUNTER_WORDS):  # word lists come from the header
        assert f'"{word}"' not in source, word


def test_a_word_list_past_the_compiled_tables_capacity_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="line heads: 257 is more than the compiled scan holds"):
        _facts.check_capacity("line heads", _facts.MAX_HEADS + 1, "MAX_HEADS")
    _facts.check_capacity("line heads", _facts.MAX_HEADS, "MAX_HEADS")


@pytest.mark.parametrize(
    ("clue", "shape"), [(c, s) for c, s in _scan.FURNITURE_SHAPES if c], ids=lambda v: str(v)[:20]
)
@given(data=st.data())
def test_every_line_a_furniture_shape_fills_holds_its_gate_clue(
    clue: str, shape: str, data: st.DataObject
) -> None:
    """The FURNITURE gate looks for each shape's clue: a line the shape fills without its clue
    would be furniture the gate never opens for."""
    line = data.draw(st.from_regex(shape, fullmatch=True).filter(lambda s: "\n" not in s))
    assert clue in line


@pytest.mark.parametrize(
    "shape", [s for c, s in _scan.FURNITURE_SHAPES if c is None], ids=lambda v: str(v)[:20]
)
@given(data=st.data())
def test_every_line_a_clueless_furniture_shape_fills_opens_the_gate(
    shape: str, data: st.DataObject
) -> None:
    """A shape without a clue relies on the scan's line shapes (`furniture_line`)."""
    line = data.draw(st.from_regex(shape, fullmatch=True).filter(lambda s: "\n" not in s))
    assert _scan.scan("Body.\n\n" + line) & _facts.FURNITURE


@given(
    head=st.lists(st.sampled_from(sorted(bundled_passages().values())), min_size=1, max_size=3),
    tail=st.text(max_size=300),
)
def test_the_language_is_read_from_the_head_alone(head: list[str], tail: str) -> None:
    """The run loop reads a language again only when ``text[:READS]`` changed, so whatever
    follows the head must not change what `detect_language` says."""
    from newsclean.lang import READS, detect_language

    text = "\n\n".join(head) + tail
    assert detect_language(text) == detect_language(text[:READS])


@given(
    st.lists(
        st.sampled_from(["Same.", " Same.", "\tSame.", "Same.\u3000", "\u3000Same.", "Same.\r", "",
                         " ", "\t", "Other", "Othe", "é", " é", "😀", "Same. Same."]),
        max_size=12,
    ).map("\n".join)
)  # fmt: skip
def test_compiled_repeated_lines_match_the_reference(text: str) -> None:
    """Lines alike but for white space at either end (str.strip's, Unicode's), of each width."""
    from newsclean import _speedups
    from newsclean.cleaners.debris import repeated_lines_python

    if not _scan.COMPILED:
        pytest.skip("no compiled scan")
    assert _speedups.repeated_lines(text) == repeated_lines_python(text)
