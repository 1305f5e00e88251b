"""Line bookkeeping shared by the cleaners that remove things.

Two rules of layout hold for every removal, so they live here once:
a line emptied by a removal disappears, and paragraph spacing stays one blank line.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterable, Sequence

from newsclean.cleaner import Edit

_SPACE = " \t"
# After removing a token before these, the space in front of it goes too ("a %X%." -> "a.").
_CLOSERS = ".,;:!?)]}\n"


@functools.lru_cache(maxsize=16)
def line_spans(text: str) -> tuple[tuple[int, int], ...]:
    """``(start, end)`` of each line, without its newline. A final newline ends in an empty line.

    Cached by text, so the cleaners that work line by line share one split of the same text.

    >>> line_spans("ab\\n\\ncd\\n")
    ((0, 2), (3, 3), (4, 6), (7, 7))
    """
    spans = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        spans.append((start, end))
        start = end + 1
    return tuple(spans)


SHORT_LINE = 120  # longer lines are prose paragraphs: no lead-in, credit or page furniture


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
        if k == n:  # only blank lines follow: cut back to the end of the last kept line
            j = a - 1
            while j >= 0 and blank[j]:
                j -= 1
            if j < 0:
                edits.append((0, len(text), ""))
            else:
                edits.append((spans[j][1], len(text), "\n" if text.endswith("\n") else ""))
        elif (a == 0 or blank[a - 1]) and blank[b + 1]:
            edits.append((spans[a][0], spans[k][0], ""))  # the block and the blank run after it
        else:
            edits.append((spans[a][0], spans[b + 1][0], ""))
    return edits


def removal_edits(text: str, matches: list[Edit]) -> list[Edit]:
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
            if tokens and s < tokens[-1][1]:  # two absorbed spaces met: one deletion
                tokens[-1] = (tokens[-1][0], max(e, tokens[-1][1]), tokens[-1][2] + r)
            else:
                tokens.append((s, e, r))
    return sorted(drop_lines(text, spans, dropped) + tokens)
