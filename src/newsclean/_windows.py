"""Windows of a long text: where a local cleaner has to look, and what it already saw.

On one long text (many articles joined, a book-length page) every gate that any part opens
is open for the whole text, so each open cleaner would read all of it, and after each edit
the whole text would be scanned again. A *local* cleaner (``@cleaner(local=True)``) promises
that its edits in one paragraph depend only on that paragraph and the ones around it, so the
run loop (`newsclean.gated`) hands it the windows of the text instead:

- the text is cut at *seams* into windows of at least `WINDOW` characters (the seam belongs to
  the window after it). A seam is a blank line ``"\\n\\n"`` between two paragraphs of prose
  (`_breaks_runs`: a long line that ends as a sentence), which no run of short lines
  (related headlines, a share widget, captions) goes through;
- a window is read with the paragraph on the far side of each of its seams, and the blank
  line beyond it, so a cleaner that looks at the line before or after, or treats the start
  or end of the text apart, sees what it sees in the whole text; only the edits that start
  in the window's own stretch are kept;
- each window has its own facts (`newsclean._scan`), so a cleaner runs only on the windows
  whose facts open its gate, and a window remembers which cleaners found nothing in it, so a
  second pass after an edit elsewhere does not read it again;
- after an edit, the windows it did not touch keep their facts, shifted; only the touched
  ones are scanned again.

The promise is checked like a gate's: a test runs every local cleaner on long real texts
both ways, whole and window by window with the smallest windows, and requires the same
edits. Where two windows' edits would overlap, the cleaner runs on the whole text instead.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Sequence

from newsclean._scan import scan
from newsclean.cleaner import Edit, Edits

WINDOW = 1 << 13  # a window's own stretch: at least this many characters, up to the next seam
LONG_TEXT = 1 << 16  # a text at least this long is run window by window
# A line of this many words or more that ends as a sentence ends every run of short lines the
# debris cleaners read: no headline ends so, nor a share target, and every phrase of the
# bundled lists is shorter (18 words at most).
RUN_BREAK_WORDS = 20
_SENTENCE_END = re.compile(r"[.!:;,][\"”’)]?[ \t]*$", re.MULTILINE)


def _breaks_runs(text: str, start: int, end: int) -> bool:
    """The paragraph ``text[start:end]`` has a line that ends any run of short lines: one of
    `RUN_BREAK_WORDS` words or more that ends as a sentence.

    >>> _breaks_runs("Related\\nIBM beats rivals in a quarter of record sales\\n", 0, 50)
    False
    >>> _breaks_runs("word " * 25 + "end.", 0, 129)
    True
    """
    for hit in _SENTENCE_END.finditer(text, start, end):
        line_start = max(text.rfind("\n", start, hit.start()) + 1, start)
        if text.count(" ", line_start, hit.start()) >= RUN_BREAK_WORDS - 1:
            return True
    return False


def is_seam(text: str, at: int) -> bool:
    """A blank line at ``at`` between two paragraphs of prose: where a window may be cut.

    >>> prose = "Troops left the town on Tuesday after a week of shelling that destroyed the market, the school and the clinic, residents said."
    >>> is_seam(prose + "\\n\\n" + prose, len(prose)), is_seam(prose + "\\n\\nRelated\\n\\n" + prose, len(prose))
    (True, False)
    """
    if not (
        at > 0
        and at + 2 < len(text)
        and text[at] == "\n"
        and text[at + 1] == "\n"
        and not text[at - 1].isspace()
        and not text[at + 2].isspace()
    ):
        return False
    before = text.rfind("\n\n", 0, at)
    after = text.find("\n\n", at + 2)
    return _breaks_runs(text, before + 2 if before >= 0 else 0, at) and _breaks_runs(
        text, at + 2, after if after >= 0 else len(text)
    )


def find_seams(text: str, start: int, end: int, size: int) -> list[int]:
    """The seams that cut ``text[start:end]`` into stretches of at least ``size`` characters
    (the last one may be shorter than ``size`` only when nothing follows it to cut).

    >>> p = "Troops left the town on Tuesday after a week of shelling that destroyed the market, the school and the clinic, residents said."
    >>> text = "\\n\\n".join([p, p, "Related", p, p])
    >>> find_seams(text, 0, len(text), 1)
    [126, 391]
    """
    seams: list[int] = []
    own = start  # where the current stretch begins
    while True:
        at = text.find("\n\n", own + size, end)
        while at >= 0 and not is_seam(text, at):
            at = text.find("\n\n", at + 1, end)
        if at < 0 or at + 2 >= end:
            return seams
        seams.append(at)
        own = at


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
        """The stretch window ``k``'s cleaners read: its own, widened over the paragraph on
        the far side of each seam and the blank line beyond it (so that neither end reads as
        the start or the end of a text)."""
        seams, text = self._seams, self.text
        start = max(text.rfind("\n\n", 0, seams[k - 1]), 0) if k else 0
        if k < len(seams):
            after = text.find("\n\n", seams[k] + 2)
            end = after + 2 if after >= 0 else len(text)
        else:
            end = len(text)
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
            # an edit that reaches the blank line at a far edge of what was read may have been
            # decided from that edge (a run of dropped lines that seems to end the text)
            far = end - 2 if end < len(text) else end + 1
            kept = 0
            for a, b, replacement in found:
                a, b = a + start, b + start
                if own_start <= a < own_end or a == own_end == len(text):
                    if a < last_end or b >= far or (start and a <= start + 2):
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
        # so is one whose paragraph on either side an edit made no longer prose.
        kept = [s for s in old_seams if not touched(s - 1, s + 2)]
        moved_seams = [moved(s) for s in kept]
        still = [i for i, at in enumerate(moved_seams) if is_seam(text, at)]
        kept, new_seams = [kept[i] for i in still], [moved_seams[i] for i in still]
        self.text = text
        # a window grown past twice the size (seams dropped) is cut again
        seams: list[int] = []
        bounds = [0, *new_seams, len(text)]
        for i in range(len(bounds) - 1):
            lo, hi = bounds[i], bounds[i + 1]
            if i:
                seams.append(lo)
            if hi - lo > 2 * self._size:
                seams += find_seams(text, lo, hi, self._size)
        self._seams = seams
        # A new window is an old one moved when it has the same seams on each side (or the
        # text's ends) and no edit met what it read: its context is the old one moved (what
        # decides it is inside it), its facts and what it has seen stay.
        old_index = {s: i for i, s in enumerate(old_seams)}
        back = dict(zip(new_seams, kept, strict=True))
        ctx, facts, quiet = [], [], []
        for k in range(len(seams) + 1):
            same = self._old_window(k, back, old_index, len(old_seams))
            if same is not None:
                a, b = old_ctx[same]
                if not touched(a, b):
                    ctx.append((moved(a), moved(b)))
                    facts.append(self.facts[same])
                    quiet.append(self.quiet[same])
                    continue
            ctx.append(self._context(k))
            facts.append(scan(text[ctx[-1][0] : ctx[-1][1]], self._want))
            quiet.append(set())
        self._ctx, self.facts, self.quiet = ctx, facts, quiet

    def _old_window(
        self, k: int, back: dict[int, int], old_index: dict[int, int], old_count: int
    ) -> int | None:
        """The number of the old window that window ``k`` is, moved; None if it is new."""
        seams = self._seams
        if (k and seams[k - 1] not in back) or (k < len(seams) and seams[k] not in back):
            return None  # a side is a seam found anew
        left = old_index[back[seams[k - 1]]] + 1 if k else 0
        right = old_index[back[seams[k]]] if k < len(seams) else old_count
        return left if right == left else None


def _edit_arrays(edits: Sequence[Edit]) -> tuple[Sequence[int], Sequence[int], list[int]]:
    """Starts, ends and the running length change of sorted edits."""
    if isinstance(edits, Edits):
        starts, ends = edits._starts, edits._ends
        replacements = edits._replacements
    else:
        starts = [e[0] for e in edits]
        ends = [e[1] for e in edits]
        replacements = [e[2] for e in edits]
    shift = list(
        itertools.accumulate(
            len(r) - (b - a) for a, b, r in zip(starts, ends, replacements, strict=True)
        )
    )
    return starts, ends, shift
