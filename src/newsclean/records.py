"""Records: the one type that readers, executors and writers share.

A reader turns each input item (a JSON line, a CSV row, a feed item, a file) into a Record
holding the texts to clean, keyed by field name, and the item itself for the writer to put
them back into. An item that cannot be processed (a broken JSON line, a missing field,
undecodable bytes) becomes a Record with a ``problem``: it is passed through unchanged, counted
and reported, never dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Record:
    """One input item. ``where`` is ``path:line`` (or ``path``) for messages."""

    where: str
    texts: dict[str, str] = field(default_factory=dict)
    item: Any = None  # the parsed item (dict, CSV row, feed entry), for the writer
    raw: bytes | str | None = None  # the item exactly as read, written back when passed through
    problem: str | None = None  # why it is passed through unchanged
    changed: bool = False
    structural: bool = False  # a CSV header: written back, not counted as a record
    lang: str | None = None  # the texts' language (a record's field, or --lang); None: detect

    @property
    def passed_through(self) -> bool:
        return self.problem is not None
