"""Counters of a run, with fixed names, mergeable with ``+`` across workers, JSON in and out."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any


def utf8_size(text: str) -> int:
    """``len(text.encode("utf-8"))`` without the copy when the text is ASCII (the common case:
    a 50 MB text is not encoded to be counted).

    >>> utf8_size("Ankara"), utf8_size("Türkiye")
    (6, 8)
    """
    return len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))


@dataclass
class CleanerCounts:
    documents: int = 0  # records in which it changed something
    spans: int = 0  # edited spans
    chars: int = 0  # characters removed plus characters inserted

    def __add__(self, other: CleanerCounts) -> CleanerCounts:
        return CleanerCounts(
            self.documents + other.documents, self.spans + other.spans, self.chars + other.chars
        )


@dataclass
class Stats:
    records: int = 0
    changed: int = 0
    unchanged: int = 0
    passed_through: int = 0
    chars_in: int = 0
    bytes_in: int = 0
    seconds: float = 0.0
    reasons: Counter[str] = field(default_factory=Counter)
    cleaners: dict[str, CleanerCounts] = field(default_factory=dict)

    def __add__(self, other: Stats) -> Stats:
        merged = Stats(
            self.records + other.records,
            self.changed + other.changed,
            self.unchanged + other.unchanged,
            self.passed_through + other.passed_through,
            self.chars_in + other.chars_in,
            self.bytes_in + other.bytes_in,
            self.seconds + other.seconds,
            self.reasons + other.reasons,
            dict(self.cleaners),
        )
        for name, counts in other.cleaners.items():
            merged.cleaners[name] = merged.cleaners.get(name, CleanerCounts()) + counts
        return merged

    def add(self, other: Stats) -> None:
        """Add ``other``'s counts to these, in place (a worker's shard into the run's total)."""
        merged = self + other
        for name in vars(self):
            setattr(self, name, getattr(merged, name))

    def as_dict(self) -> dict[str, Any]:
        return {
            "records": self.records,
            "changed": self.changed,
            "unchanged": self.unchanged,
            "passed_through": self.passed_through,
            "bytes_in": self.bytes_in,
            "seconds": round(self.seconds, 3),
            "mb_per_second": round(self.bytes_in / 1e6 / self.seconds, 2) if self.seconds else None,
            "passed_through_reasons": dict(self.reasons.most_common()),
            "cleaners": {k: vars(v) for k, v in sorted(self.cleaners.items())},
        }

    def summary(self) -> str:
        rate = f", {self.bytes_in / 1e6 / self.seconds:.1f} MB/s" if self.seconds else ""
        return (
            f"{self.records} record{'' if self.records == 1 else 's'}: {self.changed} changed, {self.unchanged} unchanged, "
            f"{self.passed_through} passed through; {self.bytes_in / 1e6:.1f} MB in {self.seconds:.2f} s{rate}"
        )
