"""What a pipeline changed, and where: `Change`, `Explained` and `replay`.

A change's ``start``/``end`` index the text as it stood *before its step ran*, so a change list
can be replayed step by step. ``step`` is the step's position in the pipeline; it tells two runs
of the same cleaner apart.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from newsclean.cleaner import Edit, apply_edits, check_text
from newsclean.errors import ReplayError


@dataclass(frozen=True)
class Change:
    """One edited span: ``before`` at ``[start:end)`` became ``after``, by ``cleaner``."""

    cleaner: str
    start: int
    end: int
    before: str
    after: str
    step: int = 0


@dataclass(frozen=True)
class Explained:
    """The cleaned text and the changes that made it, in the order they were made."""

    text: str
    changes: list[Change] = field(default_factory=list)

    @functools.cached_property
    def offsets(self) -> OffsetMap:
        """The map between this cleaned text and the raw text it came from (built on first
        use from the change list, then O(log n) a query)."""
        return OffsetMap.from_changes(self.text, self.changes)

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """The span of the raw text that ``[start:end)`` of the cleaned text came from.

        >>> from newsclean import explain
        >>> e = explain('Bashar al -Assad paid a "high price,quot; for it')
        >>> e.text
        'Bashar al-Assad paid a "high price," for it'
        >>> e.to_raw(7, 15), e.to_raw(35, 36)  # "al-Assad" and the decoded quotation mark
        ((7, 16), (36, 41))
        """
        return self.offsets.to_raw(start, end)

    def to_clean(self, start: int, end: int) -> tuple[int, int]:
        """The span of the cleaned text that ``[start:end)`` of the raw text became.

        >>> from newsclean import explain
        >>> e = explain('Bashar al -Assad paid a "high price,quot; for it')
        >>> e.to_clean(7, 16), e.to_clean(36, 41), e.to_clean(9, 10)  # the space was deleted
        ((7, 15), (35, 36), (9, 9))
        """
        return self.offsets.to_clean(start, end)

    def by_cleaner(self) -> dict[str, int]:
        """How many spans each cleaner changed.

        >>> Explained("x", [Change("a", 0, 1, "y", "x")]).by_cleaner()
        {'a': 1}
        """
        counts: dict[str, int] = {}
        for change in self.changes:
            counts[change.cleaner] = counts.get(change.cleaner, 0) + 1
        return counts


@dataclass(frozen=True)
class Segment:
    """A stretch of the cleaned text ``[clean_start:clean_end)`` and the raw text
    ``[raw_start:raw_end)`` it came from: ``kept`` (the same characters, one for one) or
    replaced (either side may be empty: a deletion, an insertion)."""

    clean_start: int
    clean_end: int
    raw_start: int
    raw_end: int
    kept: bool


@dataclass(frozen=True)
class OffsetMap:
    """Cleaned and raw offsets, both ways: the segments tile both texts, in order.

    A kept character maps to itself; a span inside a replaced segment maps to the whole
    segment it replaced; deleted raw text maps to an empty span where it stood. Monotone.
    """

    segments: tuple[Segment, ...]
    clean_length: int
    raw_length: int

    @classmethod
    def from_changes(cls, text: str, changes: list[Change]) -> OffsetMap:
        """Compose the change list (batch by batch, as `replay` applies it) into segments."""
        raw_length = len(text) - sum(len(c.after) - (c.end - c.start) for c in changes)
        segs = [Segment(0, raw_length, 0, raw_length, True)] if raw_length else []
        for batch in _batches(changes):
            segs = _compose(segs, batch)
        return cls(tuple(segs), len(text), raw_length)

    @functools.cached_property
    def _index(self) -> tuple[list[int], list[int], list[int], list[int]]:
        s = self.segments
        return (
            [g.clean_start for g in s],
            [g.clean_end for g in s],
            [g.raw_start for g in s],
            [g.raw_end for g in s],
        )

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """The raw span a span of the cleaned text came from."""
        cs, ce, rs, re_ = self._index
        return _project(self.segments, cs, ce, rs, re_, start, end, self.clean_length)

    def to_clean(self, start: int, end: int) -> tuple[int, int]:
        """The cleaned span a span of the raw text became."""
        cs, ce, rs, re_ = self._index
        return _project(self.segments, rs, re_, cs, ce, start, end, self.raw_length)

    def replaced(self) -> list[tuple[int, int, int, int]]:
        """``(clean_start, clean_end, raw_start, raw_end)`` of every segment that changed."""
        return [
            (g.clean_start, g.clean_end, g.raw_start, g.raw_end)
            for g in self.segments
            if not g.kept
        ]


def _project(
    segs: tuple[Segment, ...],
    starts: list[int],
    ends: list[int],
    to_starts: list[int],
    to_ends: list[int],
    start: int,
    end: int,
    length: int,
) -> tuple[int, int]:
    if not 0 <= start <= end <= length:
        raise ValueError(f"span {start}:{end} is outside the text (length {length})")
    total = to_ends[-1] if to_ends else 0

    def first(p: int) -> int:  # where a span starting at p starts on the other side
        i = bisect.bisect_right(ends, p)  # the first segment holding the character at p
        if i == len(segs):
            return total
        kept = segs[i].kept
        return to_starts[i] + (p - starts[i]) if kept else to_starts[i]

    def last(p: int) -> int:  # where a span ending at p ends on the other side
        i = bisect.bisect_left(starts, p) - 1  # the last segment holding the character at p-1
        while i >= 0 and starts[i] == ends[i]:  # an empty side holds no character
            i -= 1
        if i < 0:
            return 0
        kept = segs[i].kept
        return to_starts[i] + (p - starts[i]) if kept else to_ends[i]

    a = first(start)
    if start == end:
        return a, a
    return a, max(a, last(end))


def _batches(changes: list[Change]) -> Iterator[list[Change]]:
    """The changes in the groups `replay` applies at once (one step, in order, apart)."""
    batch: list[Change] = []
    for change in changes:
        if batch and (change.step != batch[0].step or change.start < batch[-1].end):
            yield batch
            batch = []
        batch.append(change)
    if batch:
        yield batch


def _compose(segs: list[Segment], batch: list[Change]) -> list[Segment]:
    """The segments after one batch of changes, given those before it (in its coordinates)."""
    out: list[Segment] = []
    delta = 0  # how far the batch's changes so far moved the text after them
    pending = list(segs)
    i, n = 0, len(pending)
    last_right = -1  # where the last replaced segment written ends, before the batch

    def keep(g: Segment) -> None:
        out.append(
            Segment(g.clean_start + delta, g.clean_end + delta, g.raw_start, g.raw_end, g.kept)
        )

    for c in batch:
        s, e = c.start, c.end
        while i < n and pending[i].clean_end <= s:
            keep(pending[i])
            i += 1
        lo: int | None = None
        hi: int | None = None
        right = e
        if out and not out[-1].kept and last_right > s:
            # the change falls in a segment an earlier change of the batch replaced: one
            # replaced segment grows (a replaced segment is never split)
            merged = out.pop()
            start_new, lo, hi, right = (
                merged.clean_start,
                merged.raw_start,
                merged.raw_end,
                max(e, last_right),
            )
        else:
            start_new = s + delta
        while i < n and pending[i].clean_start < e:
            g = pending[i]
            if g.clean_end <= s:  # an empty segment at s (a deletion) stays before the change
                keep(g)
                i += 1
                continue
            if g.kept:
                if g.clean_start < s:
                    keep(
                        Segment(
                            g.clean_start, s, g.raw_start, g.raw_start + s - g.clean_start, True
                        )
                    )
                from_ = g.raw_start + max(0, s - g.clean_start)
                lo = from_ if lo is None else min(lo, from_)
                if g.clean_end > e:
                    cut = g.raw_start + e - g.clean_start
                    hi = cut if hi is None else max(hi, cut)
                    pending[i] = Segment(e, g.clean_end, cut, g.raw_end, True)
                    break
                hi = g.raw_end if hi is None else max(hi, g.raw_end)
            else:  # a replaced segment cannot be split: all of it joins the change
                if g.clean_start < s:
                    start_new = min(start_new, g.clean_start + delta)
                right = max(right, g.clean_end)
                lo = g.raw_start if lo is None else min(lo, g.raw_start)
                hi = g.raw_end if hi is None else max(hi, g.raw_end)
            i += 1
        if lo is None or hi is None:  # an insertion: at the raw place of its position
            at = out[-1].raw_end if out else (pending[i].raw_start if i < n else 0)
            lo = hi = at
        delta += len(c.after) - (e - s)
        out.append(Segment(start_new, right + delta, lo, hi, False))
        last_right = right
    while i < n:
        keep(pending[i])
        i += 1
    return out


def changes_from_edits(text: str, edits: Iterable[Edit], cleaner: str, step: int) -> list[Change]:
    """Record ``edits`` made to ``text`` as Changes."""
    return [Change(cleaner, s, e, text[s:e], r, step) for s, e, r in edits]


def replay(text: str, changes: Iterable[Change]) -> str:
    """Re-apply a change list to the text it was made from.

    >>> from newsclean import explain
    >>> raw = "Bashar al -Assad said the the war.."
    >>> replay(raw, explain(raw).changes) == explain(raw).text
    True
    """
    text = check_text(text, "replay()")
    batch: list[Change] = []
    for change in changes:
        if batch and (change.step != batch[0].step or change.start < batch[-1].end):
            text = _apply_batch(text, batch)
            batch = []
        batch.append(change)
    return _apply_batch(text, batch) if batch else text


def _apply_batch(text: str, batch: list[Change]) -> str:
    for change in batch:
        if text[change.start : change.end] != change.before:
            raise ReplayError(
                f"change by {change.cleaner!r} (step {change.step}) expects "
                f"{change.before!r} at {change.start}:{change.end} but the text has "
                f"{text[change.start : change.end]!r}; replay the changes on the text "
                "they were explained from"
            )
    return apply_edits(text, [(c.start, c.end, c.after) for c in batch])
