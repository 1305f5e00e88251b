"""Boilerplate learned from a corpus: the lines a site repeats across its documents.

Per-document rules cannot know that ``Sign up for the CorkBeo newsletter`` is furniture on one
site. Across a feed they can: a line that recurs in many documents of the same source is the
page's, not the story's (the line-frequency method of CCNet and C4, by source). `LineCounts`
counts, per source, in how many documents each short line occurs, by a 64-bit hash of the line
folded as `drop_boilerplate_lines` folds it. Memory is bounded: past ``max_entries`` hashes,
the rarest are forgotten (lossy counting), so a line seen in fewer documents than the prune
floor may be missed but a frequent one is not. Counts merge (`merge`), so shards counted on
workers combine.

What it finds is for a person to review (`LearnedLine` says how often, where), then to load
into the pipeline as phrases (``drop_boilerplate_lines(extra=...)``, ``newsclean clean
--boilerplate FILE``), so that per-document cleaning stays deterministic and replayable.

>>> counts = LineCounts()
>>> for n in range(4):
...     counts.add("example.com", f"Story {n} text.\\nSign up for the Example newsletter\\nShare")
>>> [(l.text, l.documents) for l in counts.learned(min_documents=3)]
[('Share', 4), ('Sign up for the Example newsletter', 4)]
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from newsclean._text import SHORT_LINE
from newsclean.data import fold

# Fields that name a record's source, in the order they are tried, and fields holding its URL
# (whose host is the source when no source field is there).
SOURCE_FIELDS = ("source", "site", "domain", "sitename", "hostname")
URL_FIELDS = ("url", "link", "ref", "source_url")


def source_of(item: dict[str, object] | None, by: str | None = None) -> str:
    """The source a record belongs to: the ``by`` field if given, else a source field, else
    the host of a URL field, else ``""`` (one group for everything).

    >>> source_of({"ref": "https://www.wired.com/story/x"}), source_of({"site": "AP"}, by="site")
    ('www.wired.com', 'AP')
    """
    if not item:
        return ""
    names = (by,) if by else SOURCE_FIELDS
    for name in names:
        value = item.get(name)
        if isinstance(value, str) and value and "://" not in value:
            return value
    for name in (by,) if by else URL_FIELDS:
        value = item.get(name)
        if isinstance(value, str) and "://" in value:
            return urlsplit(value).hostname or ""
    return ""


def _hash(key: str) -> int:
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "big")


@dataclass(frozen=True)
class LearnedLine:
    """A line a source repeats: the line as first seen, its folded key, in how many of the
    source's documents it occurs, and how many documents the source has."""

    source: str
    text: str
    key: str
    documents: int
    of: int


@dataclass
class LineCounts:
    """Per source: documents seen, and per line hash the number of documents holding it."""

    max_entries: int = 2_000_000
    documents: dict[str, int] = field(default_factory=dict)
    counts: dict[tuple[str, int], int] = field(default_factory=dict)
    texts: dict[tuple[str, int], str] = field(default_factory=dict)
    floor: int = 0  # counts at or below this may have been forgotten

    def add(self, source: str, text: str) -> None:
        """Count the short lines of one document (each line once per document)."""
        self.documents[source] = self.documents.get(source, 0) + 1
        seen: set[int] = set()
        for line in text.splitlines():
            if not line.strip() or len(line) > SHORT_LINE or "*" in line:
                continue  # "*" would read as a wildcard in a phrase list
            key = fold(line)
            if sum(c.isalpha() for c in key) < 3:
                continue  # rules, numbers, bullets: nothing a phrase list should hold
            h = _hash(key)
            if h in seen:
                continue
            seen.add(h)
            slot = (source, h)
            self.counts[slot] = self.counts.get(slot, self.floor) + 1
            # the least of the line's spellings, so the list does not depend on input order
            line = line.strip()
            shown = self.texts.get(slot)
            if shown is None or line < shown:
                self.texts[slot] = line
        if len(self.counts) > self.max_entries:
            self._prune()

    def _prune(self) -> None:
        """Forget the rarest hashes until the table is three quarters full."""
        while len(self.counts) > self.max_entries * 3 // 4:
            self.floor += 1
            self.counts = {k: v for k, v in self.counts.items() if v > self.floor}
        self.texts = {k: v for k, v in self.texts.items() if k in self.counts}

    def merge(self, other: LineCounts) -> None:
        """Add another counter's counts (a shard counted elsewhere)."""
        for source, n in other.documents.items():
            self.documents[source] = self.documents.get(source, 0) + n
        for slot, n in other.counts.items():
            self.counts[slot] = self.counts.get(slot, 0) + n
        for slot, text in other.texts.items():
            shown = self.texts.get(slot)
            if shown is None or text < shown:
                self.texts[slot] = text
        self.floor = max(self.floor, other.floor)
        if len(self.counts) > self.max_entries:
            self._prune()

    def learned(self, *, min_documents: int = 5, min_share: float = 0.3) -> list[LearnedLine]:
        """Lines in at least ``min_documents`` documents (never fewer than 2) and at least
        ``min_share`` of their source's documents; most frequent first, then by source and
        text, so the list is the same for the same input whatever the order of documents."""
        least = max(2, min_documents)
        found = []
        for (source, _h), n in self.counts.items():
            total = self.documents.get(source, 0)
            if n >= least and total and n / total >= min_share and (source, _h) in self.texts:
                text = self.texts[(source, _h)]
                found.append(LearnedLine(source, text, fold(text), n, total))
        found.sort(key=lambda line: (-line.documents, line.source, line.key))
        return found


def count_lines(
    records: Iterable[dict[str, object]], *, by: str | None = None, field: str = "text"
) -> LineCounts:
    """`LineCounts` of a batch of records (dicts with the text in ``field``): the unit of
    work on a cluster, where each partition is counted and the counts merged: with Dask,
    ``bag.reduction(count_lines, merged)`` (tests/test_learn.py runs it)."""
    counts = LineCounts()
    for record in records:
        text = record.get(field)
        if isinstance(text, str):
            counts.add(source_of(record, by), text)
    return counts


def merged(parts: Iterable[LineCounts]) -> LineCounts:
    """One `LineCounts` of many (shards counted apart), in the order given."""
    total = LineCounts()
    for part in parts:
        total.merge(part)
    return total


def phrase_file(lines: Iterable[LearnedLine]) -> str:
    """The learned lines as a phrase list `drop_boilerplate_lines` loads: one folded line
    each, under a comment that says where it was seen and how often."""
    out = [
        "# Boilerplate learned by `newsclean learn`: lines repeated across a source's documents.",
        "# Review before use: delete any line that belongs to the stories.",
    ]
    keys: set[str] = set()
    for line in lines:
        if line.key in keys:
            continue
        keys.add(line.key)
        where = line.source or "all records"
        out.append(f"# {line.documents}/{line.of} documents of {where}: {line.text}")
        out.append(line.key)
    return "\n".join(out) + "\n"


def read_phrases(text: str) -> tuple[str, ...]:
    """The phrases of a phrase file (comments and blank lines left out).

    >>> read_phrases("# a comment\\nstory timeline\\n\\nmore from wired\\n")
    ('story timeline', 'more from wired')
    """
    return tuple(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )
