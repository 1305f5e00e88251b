"""Line bookkeeping shared by the cleaners that remove things.

Two rules of layout hold for every removal, so they live here once:
a line emptied by a removal disappears, and paragraph spacing stays one blank line.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Protocol, TypeVar

from newsclean import _facts, _scan
from newsclean.cleaner import Edit, Edits

_SPACE = " \t"
# After removing a token before these, the space in front of it goes too ("a %X%." -> "a.").
_CLOSERS = ".,;:!?)]}\n"


def line_spans_python(text: str) -> tuple[tuple[int, int], ...]:
    """``(start, end)`` of each line, without its newline. A final newline ends in an empty line.

    The reference; `line_spans` runs the compiled twin when there is one (a test checks both
    agree).

    >>> line_spans_python("ab\\n\\ncd\\n")
    ((0, 2), (3, 3), (4, 6), (7, 7))
    """
    spans = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        spans.append((start, end))
        start = end + 1
    return tuple(spans)


def fact_lines_python(text: str, fact: int) -> tuple[int, ...]:
    """Numbers of the lines where a line fact of the scan holds: the reference of the compiled
    `fact_lines`, which hands cleaners the only lines they can act on.

    HEAD_LINE: 2 to 120 characters that begin, after white space and bullets, as a line of
    the phrase lists does (boilerplate, a lead-in); CREDIT_LINE: 2 to 120 characters shaped
    as a photo credit; PAREN_END: after a non-blank line, ending in a credit's parenthesis;
    ON_LINE: 2 to 120 characters that begin with "On " (a promo "On <site>: ...").

    >>> fact_lines_python("Troops left.\\n\\n• Read more: x\\nAdvertisement", _facts.HEAD_LINE)
    (2, 3)
    """
    lines = text.split("\n")
    if fact == _facts.HEAD_LINE:
        return tuple(
            i
            for i, line in enumerate(lines)
            if _facts.LINE_LEN_MIN <= len(line) <= _facts.LINE_LEN_MAX and _scan.head_line(line)
        )
    if fact == _facts.CREDIT_LINE:
        return tuple(
            i
            for i, line in enumerate(lines)
            if _facts.LINE_LEN_MIN <= len(line) <= _facts.LINE_LEN_MAX and _scan.credit_shaped(line)
        )
    if fact == _facts.PAREN_END:
        return tuple(
            i
            for i in range(1, len(lines))
            if lines[i - 1].strip() and _scan.credit_paren_end(lines[i])
        )
    if fact == _facts.ON_LINE:
        return tuple(i for i, line in enumerate(lines) if _scan.on_line(line))
    raise ValueError("fact_lines() knows HEAD_LINE, CREDIT_LINE, PAREN_END, ON_LINE")


def pair_positions_python(text: str, pairs: Sequence[str]) -> tuple[tuple[int, ...], ...]:
    """Where each two-character string of ``pairs`` occurs in ``text``, overlaps included.

    The reference of the compiled `pair_positions`, which reads the text once: a str.find
    for a pair with a space in it is slow, spaces being everywhere.

    >>> pair_positions_python("a , b ,c ( d", (" ,", "( "))
    ((1, 5), (9,))
    """
    found = []
    for pair in pairs:
        at, positions = text.find(pair), []
        while at >= 0:
            positions.append(at)
            at = text.find(pair, at + 1)
        found.append(tuple(positions))
    return tuple(found)


def pair_lines_python(text: str, pairs: Sequence[str]) -> list[int]:
    """The start of each line (lines end at ``\\n``) holding one of the two-character
    strings of ``pairs``, in order: the reference of the compiled `pair_lines`, which reads
    the text once and keeps no position per occurrence (a tokenised line of megabytes holds
    millions).

    >>> pair_lines_python("a , b\\nno\\n( c ,\\nx ;", (" ,", "( ", " ;"))
    [0, 9, 15]
    """
    if any(len(p) != 2 or p[0] == "\n" for p in pairs):
        raise ValueError("pairs are str of two characters, the first not a line break")
    if not pairs:
        return []
    found = re.compile("|".join(map(re.escape, pairs)))
    starts: list[int] = []
    pos = 0
    while (m := found.search(text, pos)) is not None:
        start = text.rfind("\n", 0, m.start()) + 1
        starts.append(start)
        end = text.find("\n", m.start() + 1)
        if end < 0:
            break
        pos = end + 1
    return starts


_split_lines = _scan.compiled("line_spans") or line_spans_python
_fact_lines = _scan.compiled("fact_lines") or fact_lines_python
pair_positions: Callable[[str, Sequence[str]], tuple[tuple[int, ...], ...]] = (
    _scan.compiled("pair_positions") or pair_positions_python
)
pair_lines: Callable[[str, Sequence[str]], list[int]] = (
    _scan.compiled("pair_lines") or pair_lines_python
)


class _Found(Protocol):
    def end(self) -> int: ...


_FoundT = TypeVar("_FoundT", bound=_Found, covariant=True)


class _Matcher(Protocol[_FoundT]):
    def match(self, string: str, pos: int = ..., /) -> _FoundT | None: ...


def matches_at(pattern: _Matcher[_FoundT], text: str, starts: Iterable[int]) -> Iterator[_FoundT]:
    """``pattern.finditer(text)`` (a pattern of `re` or `regex`), asked only at ``starts``,
    which must hold every place a match may begin (from a compiled walk: `pair_positions`,
    `_scan.article_candidates`; or a run a search finds fast). A search for a pattern that
    begins with a space, or with a lookbehind, tries every position; this tries a few.
    Lazy, as ``finditer`` is: a hostile text may hold a million matches.

    >>> [m.group() for m in matches_at(re.compile(" -[A-Z]"), "al -Assad, a -b", [2, 12])]
    [' -A']
    """
    end = -1
    for start in starts:
        if start < end:
            continue
        m = pattern.match(text, start)
        if m is not None:
            end = m.end()
            yield m


@functools.lru_cache(maxsize=32)
def fact_lines(text: str, fact: int) -> tuple[int, ...]:
    """`fact_lines_python`, compiled when it can be; cached, as the boilerplate, lead-in and
    related-link cleaners ask for the same lines of the same text."""
    return _fact_lines(text, fact)


def head_lines(text: str) -> tuple[int, ...]:
    """The lines that begin as a line of the phrase lists does (HEAD_LINE)."""
    return fact_lines(text, _facts.HEAD_LINE)


@functools.lru_cache(maxsize=16)
def line_spans(text: str) -> tuple[tuple[int, int], ...]:
    """``(start, end)`` of each line, as `line_spans_python` gives them.

    Cached by text, so the cleaners that work line by line share one split of the same text.

    >>> line_spans("ab\\n\\ncd\\n")
    ((0, 2), (3, 3), (4, 6), (7, 7))
    """
    return _split_lines(text)


SHORT_LINE = (
    _facts.LINE_LEN_MAX
)  # longer lines are prose paragraphs: no lead-in, credit or page furniture


@functools.lru_cache(maxsize=16)
def short_lines(text: str) -> tuple[int, ...]:
    """Numbers of the lines of 2 to SHORT_LINE characters, the only ones that can be debris.

    Cached like `line_spans`, so the debris cleaners share one walk over the lines.

    >>> short_lines("Plus:\\n\\n" + "x" * 200 + "\\nAdvertisement")
    (0, 3)
    """
    return tuple(i for i, (s, e) in enumerate(line_spans(text)) if 1 < e - s <= SHORT_LINE)


def is_blank(text: str, span: tuple[int, int]) -> bool:
    return not text[span[0] : span[1]].strip()


_VISIBLE_RE = re.compile(r"\S")  # what str.strip() keeps


def _line_before(text: str, start: int) -> tuple[int, int]:
    """The span of the line before the one starting at ``start`` (which must be > 0)."""
    return text.rfind("\n", 0, start - 1) + 1, start - 1


def line_at(text: str, pos: int) -> tuple[int, int]:
    """The span of the line holding offset ``pos``."""
    end = text.find("\n", pos)
    return text.rfind("\n", 0, pos) + 1, len(text) if end < 0 else end


def drop_lines(text: str, spans: Sequence[tuple[int, int]], drop: Iterable[int]) -> list[Edit]:
    """Edits that delete the lines numbered in ``drop`` and keep paragraph spacing single.

    A dropped line that was a paragraph of its own takes the blank line after it along (or,
    at the end of the text, the blank lines before it), so no double blank line is left.

    >>> t = "One.\\n\\nPlus:\\n\\nTwo."
    >>> from newsclean.cleaner import apply_edits
    >>> apply_edits(t, drop_lines(t, line_spans(t), [2]))
    'One.\\n\\nTwo.'
    >>> t = "One.\\n\\nPlus:\\n"
    >>> apply_edits(t, drop_lines(t, line_spans(t), [2]))
    'One.\\n'
    """
    return drop_line_spans(text, [spans[i] for i in sorted(drop)])


def drop_line_spans(text: str, dropped: Iterable[tuple[int, int]]) -> list[Edit]:
    """`drop_lines` for lines given by their spans: it reads only the lines around them.

    Neighbouring lines are found with ``str.find``/``rfind`` and blank runs with one regex
    step, so the cost follows the dropped lines, not the length of the text.
    """
    # Sorted, not made a set first: callers give lines in order, which sorting checks in one
    # pass, while a set would scramble them and cost n log n to sort back (super-linear).
    order = sorted(dropped)
    if not order:
        return []
    runs: list[list[tuple[int, int]]] = []
    for span in order:  # dropped lines with only blank lines between them form one run
        if runs and span <= runs[-1][1]:
            continue  # the same line twice
        if runs and not text[runs[-1][1][1] : span[0]].strip():
            runs[-1][1] = span
        else:
            runs.append([span, span])
    edits: list[Edit] = []
    for (a_start, _), (_, b_end) in runs:
        visible = _VISIBLE_RE.search(text, b_end)
        if visible is None:  # only blank lines follow: cut back to the end of the last kept line
            before = a_start
            while before > 0:
                line = _line_before(text, before)
                if not is_blank(text, line):
                    break
                before = line[0]
            if before == 0:
                edits.append((0, len(text), ""))
            else:
                edits.append((before - 1, len(text), "\n" if text.endswith("\n") else ""))
            continue
        next_start = b_end + 1  # the line after the run exists: something visible follows
        next_blank = is_blank(text, line_at(text, next_start))
        if next_blank and (a_start == 0 or is_blank(text, _line_before(text, a_start))):
            # the block and the blank run after it, up to the next visible line
            edits.append((a_start, text.rfind("\n", 0, visible.start()) + 1, ""))
        else:
            edits.append((a_start, next_start, ""))
    return edits


def removal_edits(text: str, matches: Iterable[Edit]) -> Sequence[Edit]:
    """Turn single-line token removals into edits that leave tidy lines.

    ``matches`` are sorted, non-overlapping ``(start, end, replacement)`` within single lines.
    A line left blank by them is dropped (see `drop_lines`); otherwise a deleted token takes
    one neighbouring space with it, so no double space or space before punctuation is left.

    >>> t = "Intro\\n\\n%X% %Y%\\n\\nNext, %Z% on."
    >>> from newsclean.cleaner import apply_edits
    >>> found = [(7, 10, ""), (11, 14, ""), (22, 25, "")]
    >>> apply_edits(t, removal_edits(t, found))
    'Intro\\n\\nNext, on.'
    """
    dropped: list[tuple[int, int]] = []
    tokens = Edits()
    # One line at a time, as the matches come (a hostile line may hold a million): its token
    # edits go in as found and are taken back if the line ends up blank, to be dropped whole.
    ls = le = -1  # the current line's span
    mark, pos, visible = 0, 0, False  # its first token; the end of its last match; text kept
    for s, e, r in matches:
        if s > le:
            if le >= 0 and not (visible or _VISIBLE_RE.search(text, pos, le)):
                del tokens[mark:]
                dropped.append((ls, le))
            ls, le = line_at(text, s)
            # a line of nothing but whitespace matches is not left "blank" by them: keep it
            mark, pos, visible = len(tokens), ls, not _VISIBLE_RE.search(text, ls, le)
        visible = visible or bool(r.strip()) or _VISIBLE_RE.search(text, pos, s) is not None
        pos = e
        if not r:
            prev = text[s - 1] if s > ls else "\n"
            nxt = text[e] if e < le else "\n"
            if prev in _SPACE or prev == "\n":
                if nxt in _SPACE:
                    e += 1
                elif nxt in _CLOSERS and prev in _SPACE:
                    s -= 1
        if len(tokens) > mark and s < tokens[-1][1]:  # two absorbed spaces met: one deletion
            last = tokens[-1]
            tokens[-1] = (last[0], max(e, last[1]), last[2] + r)
        else:
            tokens.add(s, e, r)
    if le >= 0 and not (visible or _VISIBLE_RE.search(text, pos, le)):
        del tokens[mark:]
        dropped.append((ls, le))
    if not dropped:
        return tokens
    tokens += drop_line_spans(text, dropped)
    tokens.sort()
    return tokens
