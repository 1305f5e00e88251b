"""Windows of a long text: where a local cleaner has to look, and what it already saw.

On one long text (many articles joined, a book-length page) every gate that any part opens
is open for the whole text, so each open cleaner would read all of it, and after each edit
the whole text would be scanned again. A *local* cleaner (``@cleaner(local=True)``) promises
that its edits between two blank lines that stand between lines of prose depend only on
what lies between them and those lines, so the run loop (`newsclean.gated`) hands it the
windows of the text instead:

- the text is cut at *seams* into windows of at least `WINDOW` characters (the seam belongs to
  the window after it). A seam is a blank line ``"\\n\\n"`` with a line of prose on each
  side within a few lines (`_breaks_runs`: a long line that ends as a sentence, which no run
  of short lines, related headlines, a share widget or captions, goes through);
- a window is read with the lines on the far side of each of its seams up to that line of
  prose, so a cleaner that looks at the lines before or after, or at a run of short lines,
  sees what it sees in the whole text; only the edits that start in the window's own
  stretch are kept. Where an edit crosses into the window from its context, reaches the end
  of what was read (a run of dropped lines that seems to end the text) or overlaps the
  previous window's, the cleaner runs on the whole text instead;
- each window has its own facts (`newsclean._scan`), so a cleaner runs only on the windows
  whose facts open its gate, and a window remembers which cleaners found nothing in it, so a
  second pass after an edit elsewhere does not read it again;
- after an edit, the windows it did not touch keep their facts, shifted; only the touched
  ones are scanned again.

The promise is checked like a gate's: a test runs every local cleaner on long real texts
both ways, whole and window by window with the smallest windows, and requires the same
edits (or a refusal).
"""

from __future__ import annotations

import bisect
import itertools
import re
from array import array
from collections.abc import Callable, Sequence

from newsclean._scan import compiled, scan
from newsclean.cleaner import Edit, Edits

WINDOW = 1 << 12  # a window's own stretch: at least this many characters, up to the next seam
LONG_TEXT = 1 << 16  # a text at least this long is run window by window
# A line of this many words or more that ends as a sentence ends every run of short lines the
# debris cleaners read: no headline ends so, nor a share target, and every phrase of the
# bundled lists is shorter (18 words at most).
RUN_BREAK_WORDS = 20
REACH = 1024  # characters between a seam and the nearest line of prose on each side, at most
_SENTENCE_END = re.compile(r"[.!:;,][\"”’)]?[ \t]*$")


def _breaks_runs(text: str, start: int, end: int, words: int = RUN_BREAK_WORDS) -> bool:
    """The line ``text[start:end]`` ends any run of short lines: it has ``words`` words or
    more and ends as a sentence.

    >>> _breaks_runs("IBM beats rivals in a quarter of record sales", 0, 45)
    False
    >>> _breaks_runs("word " * 25 + "end.", 0, 129)
    True
    """
    return (
        end - start > 2 * words
        and _SENTENCE_END.search(text, max(start, end - 8), end) is not None
        and text.count(" ", start, end) >= words - 1
    )


def _visible_blank(text: str, at: int) -> bool:
    """``text[at:at + 2]`` is ``"\\n\\n"`` between two visible characters."""
    return (
        at > 0
        and at + 2 < len(text)
        and text.startswith("\n\n", at)
        and not text[at - 1].isspace()
        and not text[at + 2].isspace()
    )


def _prose_before(text: str, at: int) -> int:
    """The start of the nearest line of prose (`_breaks_runs`) that ends at or before ``at``
    (a line's end), `REACH` characters back at most; -1 if there is none."""
    end = at
    while at - end <= REACH:
        start = text.rfind("\n", 0, end) + 1
        if _breaks_runs(text, start, end):
            return start
        if start == 0:
            return -1
        end = start - 1
    return -1


def _prose_after(text: str, at: int) -> int:
    """The end (after its line break) of the nearest line of prose that begins at or after
    ``at`` (a line's start), `REACH` characters on at most; -1 if there is none."""
    start = at
    while start - at <= REACH and start < len(text):
        end = text.find("\n", start)
        if end < 0:
            return len(text) if _breaks_runs(text, start, len(text)) else -1
        if _breaks_runs(text, start, end):
            return end + 1
        start = end + 1
    return -1


def is_seam(text: str, at: int) -> bool:
    """A blank line at ``at`` between two visible characters, with a line of prose within
    `REACH` characters before and after it: where a window may be cut.

    >>> prose = "Troops left the town on Tuesday after a week of shelling that destroyed the market, the school and the clinic, residents said."
    >>> is_seam(prose + "\\n\\n" + prose, len(prose)), is_seam(prose + "\\n\\nRelated\\n" + prose, len(prose))
    (True, True)
    >>> is_seam("Related\\n\\nMore\\n\\n" + prose, 7)
    False
    """
    return (
        _visible_blank(text, at)
        and _prose_before(text, at) >= 0
        and _prose_after(text, at + 2) >= 0
    )


def find_seams(text: str, start: int, end: int, size: int) -> list[int]:
    """The seams that cut ``text[start:end]`` into stretches of at least ``size`` characters,
    each the first seam past the stretch's ``size`` characters: the compiled walk when there
    is one (a megabyte in a millisecond), else `find_seams_python`.

    >>> p = "Troops left the town on Tuesday after a week of shelling that destroyed the market, the school and the clinic, residents said."
    >>> text = "\\n\\n".join([p, p, "Related", p, p])
    >>> find_seams(text, 0, len(text), 1)
    [126, 254, 391]
    """
    if _compiled_seams is None:
        return find_seams_python(text, start, end, size)
    return _compiled_seams(text, start, end, size, REACH, RUN_BREAK_WORDS)


_compiled_seams: Callable[..., list[int]] | None = compiled("find_seams")


def find_seams_python(
    text: str, start: int, end: int, size: int, reach: int = REACH, words: int = RUN_BREAK_WORDS
) -> list[int]:
    """The reference of `find_seams` (``reach`` and ``words`` stand for `REACH` and
    `RUN_BREAK_WORDS`, so a test can shrink them).

    Linear: the lines are walked once, from `REACH` characters before each stretch's
    ``size``, and between two lines of prose the first blank line in reach of both is the
    seam.

    >>> p = "Troops left the town on Tuesday after a week of shelling that destroyed the market, the school and the clinic, residents said."
    >>> text = "\\n\\n".join([p, p, "Related", p, p])
    >>> find_seams_python(text, 0, len(text), 1)
    [126, 254, 391]
    >>> find_seams_python(text, 0, len(text), 300)
    [391]
    """
    seams: list[int] = []
    own = start
    line = max(text.rfind("\n", 0, max(own + size - reach, start)) + 1, start)
    prose_end = -1  # where the last line of prose seen ends (its line break), -1: none yet
    while line < end:
        line_end = text.find("\n", line, end)
        line_end = end if line_end < 0 else line_end
        if _breaks_runs(text, line, line_end, words):
            if prose_end >= 0:
                lo = max(own + size, prose_end, line - 2 - reach)
                hi = min(prose_end + reach, line - 2)
                at = text.find("\n\n", lo, hi + 2)
                while 0 <= at <= hi and not _visible_blank(text, at):
                    at = text.find("\n\n", at + 1, hi + 2)
                if 0 <= at <= hi and at + 2 < end:
                    seams.append(at)
                    own = at
                    ahead = own + size - reach
                    if ahead > line_end:  # the next seam's prose is further on: go there
                        line = text.rfind("\n", 0, ahead) + 1
                        prose_end = -1
                        continue
            prose_end = line_end
        line = line_end + 1
    return seams


class Windows:
    """The windows of one text, kept up to date as the run loop edits it.

    Window ``k`` owns ``[own[k], own[k + 1])``: from its seam (or the text's start) to the next
    seam; its cleaners read ``text[ctx[k][0]:ctx[k][1]]``.
    """

    def __init__(self, text: str, want: int, size: int = WINDOW) -> None:
        self._want = want
        self._size = size
        self.text = text
        self._seams = find_seams(text, 0, len(text), size)
        self._ctx = [self._context(k) for k in range(len(self._seams) + 1)]
        self.facts = [scan(text[a:b], want) for a, b in self._ctx]
        self.quiet: list[set[int]] = [set() for _ in self._ctx]

    def __len__(self) -> int:
        return len(self._ctx)

    def union(self) -> int:
        """The facts of every window or-ed: those of the whole text but for the ones that
        compare lines across it (the run loop adds DUP_LINE)."""
        found = 0
        for facts in self.facts:
            found |= facts
        return found

    def _own(self, k: int) -> tuple[int, int]:
        seams = self._seams
        return (seams[k - 1] if k else 0, seams[k] if k < len(seams) else len(self.text))

    def _context(self, k: int) -> tuple[int, int]:
        """The stretch window ``k``'s cleaners read: its own, and on the far side of each of
        its seams the lines up to the nearest line of prose, that one included."""
        seams, text = self._seams, self.text
        start = _prose_before(text, seams[k - 1]) if k else 0
        end = _prose_after(text, seams[k] + 2) if k < len(seams) else len(text)
        return start, end

    def edits(self, step: int, gate: int, find: Callable[[str], Sequence[Edit]]) -> Edits | None:
        """The edits of the local cleaner at ``step`` (gate ``gate``, ``find`` with its options
        bound) on the whole text, found window by window; None where a window's edits do not
        tell what the whole text's would be (the caller runs it on the whole text then)."""
        out = Edits()
        last_end = -1
        text = self.text
        for k, (start, end) in enumerate(self._ctx):
            if (gate and not self.facts[k] & gate) or step in self.quiet[k]:
                continue
            found = find(text[start:end])
            own_start, own_end = self._own(k)
            # an edit that reaches the far edge of what was read may have been decided from
            # that edge (a run of dropped lines that seems to end the text)
            far = end - 2 if end < len(text) else end + 1
            kept = 0
            for a, b, replacement in found:
                a, b = a + start, b + start
                if own_start <= a < own_end or a == own_end == len(text):
                    if a < last_end or b >= far:
                        return None
                    out.add(a, b, replacement)
                    last_end = b
                    kept += 1
                elif a < own_start < b:  # from the paragraph before into this window
                    return None
            if not kept:
                self.quiet[k].add(step)
        return out

    def update(self, text: str, edits: Sequence[Edit]) -> None:
        """Follow the edits that made ``text`` from the previous text: move the windows they
        did not touch, scan again the ones they did."""
        starts, ends, shift = _edit_arrays(edits)

        def moved(pos: int) -> int:
            k = bisect.bisect_right(ends, pos)
            return pos + (shift[k - 1] if k else 0)

        def touched(lo: int, hi: int) -> bool:  # an edit meets [lo, hi], ends included
            k = bisect.bisect_left(ends, lo)
            return k < len(starts) and starts[k] <= hi

        old_seams, old_ctx = self._seams, self._ctx
        # A seam an edit came near is dropped (the windows on its two sides become one), and
        # so is one whose line of prose on either side an edit changed into another kind of
        # line (those lines are what the windows on each side read across it).
        kept: list[int] = []  # the new positions of the seams kept, -1 for those dropped
        for k, at in enumerate(old_seams):
            new_at = -1
            if not touched(at - 1, at + 2):
                new_at = moved(at)
                if touched(old_ctx[k + 1][0], old_ctx[k][1]) and not is_seam(text, new_at):
                    new_at = -1
            kept.append(new_at)
        self.text = text
        # The old windows between two kept seams make one stretch. A stretch that is one old
        # window no edit met keeps its context (moved: what decides it lies inside it), its
        # facts and what it has seen; any other is cut again and scanned.
        seams: list[int] = []
        reuse: list[int] = []  # for each new window the old one it is, or -1
        first, lo = 0, 0
        for k in range(len(old_seams) + 1):
            if k < len(old_seams) and kept[k] < 0:
                continue
            hi = kept[k] if k < len(old_seams) else len(text)
            if first == k and not touched(*old_ctx[k]):
                reuse.append(k)
            else:
                cut = find_seams(text, lo, hi, self._size) if hi - lo > 2 * self._size else []
                seams += cut
                reuse += [-1] * (len(cut) + 1)
            if k < len(old_seams):
                seams.append(hi)
            first, lo = k + 1, hi
        self._seams = seams
        ctx, facts, quiet = [], [], []
        for k, old in enumerate(reuse):
            if old >= 0:
                a, b = old_ctx[old]
                ctx.append((moved(a), moved(b)))
                facts.append(self.facts[old])
                quiet.append(self.quiet[old])
            else:
                ctx.append(self._context(k))
                facts.append(scan(text[ctx[-1][0] : ctx[-1][1]], self._want))
                quiet.append(set())
        self._ctx, self.facts, self.quiet = ctx, facts, quiet


def _edit_arrays(edits: Sequence[Edit]) -> tuple[Sequence[int], Sequence[int], array[int]]:
    """Starts, ends and the running length change of sorted edits (arrays: a dense
    document's edits are many, issue 32)."""
    starts: Sequence[int]
    ends: Sequence[int]
    if isinstance(edits, Edits):
        starts, ends = edits._starts, edits._ends
        replacements: Sequence[str] = edits._replacements
    else:
        starts = array("q", (e[0] for e in edits))
        ends = array("q", (e[1] for e in edits))
        replacements = [e[2] for e in edits]
    shift = array(
        "q",
        itertools.accumulate(
            len(r) - (b - a) for a, b, r in zip(starts, ends, replacements, strict=True)
        ),
    )
    return starts, ends, shift
