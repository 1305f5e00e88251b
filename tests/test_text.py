"""Rewrites for speed give exactly the edits of the plain versions kept here (the originals):
`drop_lines` and `removal_edits` on offsets, not a split of the whole text; cleaners that
visit only the lines holding what they look for."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Sequence

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from newsclean._text import _CLOSERS, _SPACE, drop_lines, is_blank, line_spans, removal_edits
from newsclean.cleaner import Edit


def plain_drop_lines(
    text: str, spans: Sequence[tuple[int, int]], drop: Iterable[int]
) -> list[Edit]:
    order = sorted(set(drop))
    if not order:
        return []
    n = len(spans)
    blank = [is_blank(text, s) for s in spans]
    runs: list[list[int]] = []
    for i in order:
        if runs and all(blank[j] for j in range(runs[-1][1] + 1, i)):
            runs[-1][1] = i
        else:
            runs.append([i, i])
    edits: list[Edit] = []
    for a, b in runs:
        k = b + 1
        while k < n and blank[k]:
            k += 1
        if k == n:
            j = a - 1
            while j >= 0 and blank[j]:
                j -= 1
            if j < 0:
                edits.append((0, len(text), ""))
            else:
                edits.append((spans[j][1], len(text), "\n" if text.endswith("\n") else ""))
        elif (a == 0 or blank[a - 1]) and blank[b + 1]:
            edits.append((spans[a][0], spans[k][0], ""))
        else:
            edits.append((spans[a][0], spans[b + 1][0], ""))
    return edits


def plain_removal_edits(text: str, matches: list[Edit]) -> list[Edit]:
    if not matches:
        return []
    spans = line_spans(text)
    starts = [s for s, _ in spans]
    by_line: dict[int, list[Edit]] = {}
    for m in matches:
        by_line.setdefault(bisect.bisect_right(starts, m[0]) - 1, []).append(m)
    dropped: list[int] = []
    tokens: list[Edit] = []
    for number, found in by_line.items():
        ls, le = spans[number]
        kept, pos = [], ls
        for s, e, r in found:
            kept.append(text[pos:s])
            kept.append(r)
            pos = e
        kept.append(text[pos:le])
        if not "".join(kept).strip() and text[ls:le].strip():
            dropped.append(number)
            continue
        for s, e, r in found:
            if not r:
                prev = text[s - 1] if s > ls else "\n"
                nxt = text[e] if e < le else "\n"
                if prev in _SPACE or prev == "\n":
                    if nxt in _SPACE:
                        e += 1
                    elif nxt in _CLOSERS and prev in _SPACE:
                        s -= 1
            if tokens and s < tokens[-1][1]:
                tokens[-1] = (tokens[-1][0], max(e, tokens[-1][1]), tokens[-1][2] + r)
            else:
                tokens.append((s, e, r))
    return sorted(plain_drop_lines(text, spans, dropped) + tokens)


layout = st.lists(
    st.sampled_from(["a", "Plus:", " ", "\t", "\n", "\n\n", "\u2003", "%X%", ".", ",", "\r"]),
    max_size=30,
).map("".join)


@given(text=layout, data=st.data())
def test_drop_lines_matches_the_plain_version(text: str, data: st.DataObject) -> None:
    spans = line_spans(text)
    drop = data.draw(st.lists(st.integers(0, len(spans) - 1), max_size=len(spans)))
    assert drop_lines(text, spans, drop) == plain_drop_lines(text, spans, drop)


@given(text=layout, data=st.data())
def test_removal_edits_match_the_plain_version(text: str, data: st.DataObject) -> None:
    tokens = [i for i in range(len(text)) if text.startswith("%X%", i)]
    chosen = data.draw(st.lists(st.sampled_from(tokens), unique=True)) if tokens else []
    matches = [(i, i + 3, data.draw(st.sampled_from(["", "", "y", " "]))) for i in sorted(chosen)]
    assert removal_edits(text, matches) == plain_removal_edits(text, matches)
    assert removal_edits(text, iter(matches)) == plain_removal_edits(text, matches)  # lazily


edit_lists = st.lists(
    st.tuples(st.integers(0, 40), st.integers(0, 40), st.sampled_from(["", "x", "’", "ab", "😀"]))
)


@given(edits=edit_lists, cut=st.integers(0, 10))
def test_compact_edits_read_and_sort_as_the_list_of_tuples(edits: list[Edit], cut: int) -> None:
    """`Edits`, the compact list cleaners return (issue 32's memory), is the list of tuples
    for every use a cleaner or the run loop makes of it, ties in sorting included."""
    from newsclean.cleaner import Edits

    compact = Edits(edits)
    assert compact == edits and list(compact) == edits and len(compact) == len(edits)
    assert compact[cut:] == edits[cut:] and bool(compact) == bool(edits)
    if edits:
        assert compact[-1] == edits[-1] and compact[cut % len(edits)] == edits[cut % len(edits)]
        compact[0] = edits[0] = (7, 9, "ab")
    compact.sort()
    edits.sort()
    assert compact == edits
    del compact[cut:], edits[cut:]
    compact += [(1, 2, "x")]
    assert list(compact) == [*edits, (1, 2, "x")]


def test_compact_edits_widen_past_four_billion() -> None:
    from newsclean.cleaner import Edits

    compact = Edits([(5, 6, "")])
    compact.add(2**32, 2**32 + 3, "x")
    assert compact == [(5, 6, ""), (2**32, 2**32 + 3, "x")]


@given(
    text=st.text(alphabet=st.sampled_from("aé’😀 \u200bĀ\n"), max_size=40),
    data=st.data(),
)
def test_compiled_apply_edits_matches_the_join(text: str, data: st.DataObject) -> None:
    """The compiled `apply_edits` makes the string the join makes, of the same (narrowest)
    width: a str one kind too wide would compare unequal to its twin."""
    import sys

    from newsclean import _scan
    from newsclean.cleaner import Edits, apply_edits

    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=8)))
    replacements = st.sampled_from(["", "a", "é", "’", "😀", "xy"])
    edits = Edits(
        (a, b, data.draw(replacements)) for a, b in zip(cuts[::2], cuts[1::2], strict=False)
    )
    joined = apply_edits(text, list(edits))  # a list takes the Python path
    made = apply_edits(text, edits)
    assert made == joined and sys.getsizeof(made) == sys.getsizeof(joined)
    compiled = _scan.compiled("apply_edits")
    if compiled is not None and len(edits) > 1:
        backwards = Edits(reversed(list(edits)))
        if any(b[0] < a[1] for a, b in itertools.pairwise(backwards)):
            with pytest.raises(ValueError, match="not sorted"):
                compiled(text, backwards._starts, backwards._ends, backwards._replacements)


def plain_replace_sentencepiece_markers(text: str) -> list[Edit]:
    """The cleaner's rule, plainly: a line with two markers glued to a word, or (the ICU
    tokenisers' output) three markers standing alone as pieces, one piece in three at least,
    counted as the docstring says; no other block element."""
    import re

    sp = "\u2581"
    edits: list[Edit] = []
    for start, end in line_spans(text):
        line = text[start:end]
        glued = len(re.findall(f"{sp}[^\\s{sp}]", line)) >= 2
        alone = line.count(f" {sp} ") + line.startswith(f"{sp} ")
        spaced = f"{sp} " in line and alone >= 3 and alone * 3 >= line.count(" ") + 1
        if not (glued or spaced) or re.search("[\u2582-\u2588]", line):
            continue
        if f" {sp}" in line:
            line = line.replace(" ", "")
        fixed = " ".join(line.replace(sp, " ").split(" ")).strip(" ")
        fixed = re.sub(" {2,}", " ", fixed)
        if fixed != text[start:end]:
            edits.append((start, end, fixed))
    return edits


@given(
    text=st.lists(
        st.sampled_from(["\u2581", "\u2581The", "a", " ", "  ", "\n", "\u2583", "\t", "x y"]),
        max_size=30,
    ).map("".join)
)
@example(text="\u2581 \u2581  \u2581 ")  # markers alone, nothing else (found by this test)
@example(text="\u2581 The \u2581 rebels \u2581 said")
def test_sentencepiece_markers_match_the_plain_version(text: str) -> None:
    from newsclean.cleaners.detokenize import replace_sentencepiece_markers

    assert replace_sentencepiece_markers.find_edits(text) == plain_replace_sentencepiece_markers(
        text
    )


@st.composite
def mojibake(draw: st.DrawFn) -> str:
    """Text read with the wrong codec once or twice, spliced with correct text and C1."""
    text = draw(st.text(st.characters(max_codepoint=0x2FFF), max_size=30))
    for _ in range(draw(st.integers(1, 2))):
        codec = draw(st.sampled_from(["cp1252", "latin-1", "macroman", "cp437"]))
        text = text.encode("utf-8").decode(codec, errors="replace")
    extra = draw(st.sampled_from(["", "“café”", "\x85", "\x9d", "\xa0", " ", "Â"]))
    return draw(st.sampled_from([text + extra, extra + text, text]))


@given(line=st.one_of(mojibake(), st.text(max_size=40)))
def test_repair_encoding_is_ftfy_fix_text(line: str) -> None:
    import ftfy

    from newsclean.cleaners.encoding import FTFY_CONFIG, repair_encoding

    assert repair_encoding(line) == ftfy.fix_text(line, FTFY_CONFIG)


REGEX_PIECES = ["{", "}", "{{", "%", "#", "/", "*", "=", "!", "-", ">", "(", ")", ";", '"']
REGEX_PIECES += ["quot;", "&quot;", "&QUOT;", "&#34;", "&#x22;", "ali", "&", "1", "_", " ", "\t"]
REGEX_PIECES += ["int ", "var", "let", "const", "def", "x", "@@ ", "@", "\x00", "\x85", "\n", "é"]
REGEX_PIECES += ["<", "</", "<p", "<a", "script>", " href=x", ">", "style", "div>", "<br/>", "<<"]


@given(text=st.lists(st.sampled_from(REGEX_PIECES), max_size=25).map("".join))
def test_regexes_rewritten_for_speed_match_the_originals(text: str) -> None:
    """Lookbehinds moved after a literal and "X+" written "XX*" (so the engine can skip ahead)
    match exactly what the original patterns matched."""
    import re

    from newsclean.cleaners.detokenize import BPE_RE
    from newsclean.cleaners.encoding import CONTROL_RE
    from newsclean.cleaners.entities import CODE_HINT_RE, CODE_START_RE, QUOTE_TOKEN_RE
    from newsclean.cleaners.markup import _BLOCK, _INLINE, STRAY_TAG_RE

    code = re.compile(
        r"(?<![{%#])\{(?![{%#])|(?<![}%#])\}(?![}%#])|//|/\*|\*/|==|!=|->|\(\);"
        r"|^\s*(?:int|var|let|const|def)\b"
    )
    assert bool(code.search(text)) == bool(CODE_HINT_RE.search(text) or CODE_START_RE.match(text))
    quote = re.compile(r'"|&quot;|&QUOT;|&#34;|&#x22;|(?<![&0-9_])(?<!ali)quot;')
    for old, new in [
        (quote, QUOTE_TOKEN_RE),
        (re.compile(r"(?<=[^\s@])@@ (?=[^\s@])"), BPE_RE),
        (re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]+"), CONTROL_RE),
        (
            re.compile(
                r"<(?P<drop>script|style)\b[^<>\n]{0,500}>[^<\n]{0,5000}</(?P=drop)\s{0,5}>"
                rf"|</?(?P<block>{_BLOCK})\b(?:\s[^<>\n]{{0,500}})?/?>"
                rf"|</?(?:{_INLINE})\b(?:\s[^<>\n]{{0,500}})?/?>",
                re.IGNORECASE,
            ),
            STRAY_TAG_RE,
        ),
    ]:
        assert [m.span() for m in old.finditer(text)] == [m.span() for m in new.finditer(text)]


@given(
    text=st.lists(st.sampled_from([" ", "\t", "\n", "\r", "\r\n", "a", "  \n"]), max_size=30).map(
        "".join
    )
)
def test_trailing_whitespace_matches_its_regex(text: str) -> None:
    """The find-based cleaner removes exactly the runs this regex (slow on long runs) finds;
    a CR among them stays as the line's CR."""
    import re

    from newsclean.cleaners.whitespace import strip_trailing_whitespace

    runs = re.finditer(r"[ \t\r]*[ \t](?=\r?\n|\Z)", text)
    expected = [(m.start(), m.end(), "\r" if "\r" in m.group() else "") for m in runs]
    assert strip_trailing_whitespace.find_edits(text) == expected


def plain_drop_duplicate_paragraphs(text: str, min_words: int = 8) -> list[Edit]:
    """drop_duplicate_paragraphs as it was before its rewrite for long texts (every line
    walked in Python)."""
    from newsclean.cleaners.debris import _lone_prose

    keys = [line.strip() for line in text.split("\n")]
    seen_once: set[str] = set()
    repeated: set[str] = set()
    for key in keys:
        (repeated if key in seen_once else seen_once).add(key)
    if not any(_lone_prose(key, min_words) for key in repeated):
        return []
    spans = line_spans(text)
    counts: dict[str, int] = {}
    for key in keys:
        counts[key] = counts.get(key, 0) + 1
    content = [i for i, key in enumerate(keys) if key]
    pairs: dict[tuple[str, str], int] = {}
    for a, b in itertools.pairwise(keys[i] for i in content):
        if a != b:
            pairs[(a, b)] = pairs.get((a, b), 0) + 1

    def in_block(at: int, line: str) -> bool:
        before = keys[content[at - 1]] if at else None
        after = keys[content[at + 1]] if at + 1 < len(content) else None
        return (before is not None and pairs.get((before, line), 0) > 1) or (
            after is not None and pairs.get((line, after), 0) > 1
        )

    seen: set[str] = set()
    drop = []
    for at, i in enumerate(content):
        line = keys[i]
        if counts[line] > 1 and line in seen and _lone_prose(line, min_words):
            paragraph = (i == 0 or not keys[i - 1]) and (i + 1 == len(keys) or not keys[i + 1])
            if paragraph and not in_block(at, line):
                drop.append(i)
        seen.add(line)
    return drop_lines(text, spans, drop)


_PARAGRAPHS = [
    "Half of the displaced are believed to be children, officials said.",
    "Troops left the town on Tuesday after a week of heavy shelling, residents said.",
    "Pos Player Plays % Stats",
    "LB Joe Schobert 74 100%",
    "Troops left.",
    "",
    "  ",
]


@given(
    lines=st.lists(st.sampled_from(_PARAGRAPHS), max_size=30),
    min_words=st.sampled_from([1, 3, 8]),
)
def test_duplicate_paragraphs_match_the_plain_version(lines: list[str], min_words: int) -> None:
    from newsclean.cleaners.debris import drop_duplicate_paragraphs

    text = "\n".join(lines)
    expected = plain_drop_duplicate_paragraphs(text, min_words)
    assert list(drop_duplicate_paragraphs.find_edits(text, min_words=min_words)) == expected


def test_duplicate_paragraphs_match_the_plain_version_on_real_articles_joined() -> None:
    """Real articles joined, paragraphs of them repeated elsewhere (as an extractor scrapes a
    pull quote twice), and whole articles twice (a repeated block: kept): the same drops."""
    import json
    import random
    from pathlib import Path

    from newsclean.cleaners.debris import drop_duplicate_paragraphs

    path = Path(__file__).parent / "data/real/articles.jsonl"
    texts = [json.loads(line)["text"] for line in path.read_text("utf-8").splitlines()]
    rng = random.Random(5)
    for _ in range(6):
        articles = rng.sample(texts, 30)
        articles += rng.sample(articles, 3)
        paragraphs = "\n\n".join(articles).split("\n\n")
        for again in rng.sample(paragraphs, 20):
            paragraphs.insert(rng.randrange(len(paragraphs) + 1), again)
        text = "\n\n".join(paragraphs)
        expected = plain_drop_duplicate_paragraphs(text)
        assert expected  # the repeated paragraphs give the test something to compare
        assert list(drop_duplicate_paragraphs.find_edits(text)) == expected
