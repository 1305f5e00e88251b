"""What a pipeline changed, and where: `Change`, `Explained` and `replay`.

A change's ``start``/``end`` index the text as it stood *before its step ran*, so a change list
can be replayed step by step. ``step`` is the step's position in the pipeline; it tells two runs
of the same cleaner apart.
"""

from __future__ import annotations

from collections.abc import Iterable
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

    def by_cleaner(self) -> dict[str, int]:
        """How many spans each cleaner changed.

        >>> Explained("x", [Change("a", 0, 1, "y", "x")]).by_cleaner()
        {'a': 1}
        """
        counts: dict[str, int] = {}
        for change in self.changes:
            counts[change.cleaner] = counts.get(change.cleaner, 0) + 1
        return counts


def changes_from_edits(text: str, edits: list[Edit], cleaner: str, step: int) -> list[Change]:
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
