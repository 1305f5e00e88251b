"""Execution: records in, cleaned records out, in input order, here or elsewhere.

`run_serial` cleans in this process; `run_in_chunks` hands the texts to whatever runs chunks
(a process pool or a cluster session from ``newsclean.engines``: one execution model for
``--jobs`` and ``--engine``). Workers rebuild the pipeline from its plain description
(``Pipeline.to_dict()``), never from a pickled object, so what runs in a worker is exactly
what the TOML says.
"""

from __future__ import annotations

import collections
import itertools
from collections.abc import Callable, Iterable, Iterator

from newsclean.pipeline import Pipeline
from newsclean.records import Record
from newsclean.stats import CleanerCounts, Stats, utf8_size

Texts = dict[str, str]


def clean_texts(
    pipeline: Pipeline, texts: Texts, detail: bool, lang: str | None = None
) -> tuple[Texts, dict[str, CleanerCounts]]:
    """Clean each text (in ``lang``, else detected); with ``detail``, also count what each
    cleaner did (explain runs the same gated loop, recording)."""
    cleaned: Texts = {}
    counts: dict[str, CleanerCounts] = {}
    for key, text in texts.items():
        if not detail:
            cleaned[key] = pipeline(text, lang=lang)
            continue
        explained = pipeline.explain(text, lang=lang)
        cleaned[key] = explained.text
        seen: set[str] = set()
        for change in explained.changes:
            c = counts.setdefault(change.cleaner, CleanerCounts())
            c.spans += 1
            c.chars += len(change.before) + len(change.after)
            if change.cleaner not in seen:
                seen.add(change.cleaner)
                c.documents += 1
    return cleaned, counts


def _account(
    record: Record, cleaned: Texts, counts: dict[str, CleanerCounts], stats: Stats
) -> None:
    record.changed = cleaned != record.texts
    record.texts = cleaned
    stats.changed += record.changed
    stats.unchanged += not record.changed
    for name, c in counts.items():
        stats.cleaners[name] = stats.cleaners.get(name, CleanerCounts()) + c


def _pre(record: Record, stats: Stats) -> bool:
    """Count a record on its way in; True when it needs cleaning."""
    if record.structural:
        return False
    stats.records += 1
    if record.passed_through:
        stats.passed_through += 1
        stats.reasons[(record.problem or "").split(" (")[0]] += 1
        return False
    size = sum(len(t) for t in record.texts.values())
    stats.chars_in += size
    stats.bytes_in += sum(utf8_size(t) for t in record.texts.values())
    return True


def run_serial(
    records: Iterable[Record], pipeline: Pipeline, stats: Stats, *, detail: bool = False
) -> Iterator[Record]:
    """The reference executor: one record after another, in this process."""
    for record in records:
        if _pre(record, stats):
            _account(record, *clean_texts(pipeline, record.texts, detail, record.lang), stats)
        yield record


Chunk = list[tuple[Texts, str | None]]  # the texts of records (and their language) to clean
Cleaned = list[tuple[Texts, dict[str, CleanerCounts]]]  # a chunk's results, in its order


def run_in_chunks(
    records: Iterable[Record],
    stats: Stats,
    clean: Callable[[Iterator[Chunk]], Iterator[Cleaned]],
    *,
    chunk: int = 64,
) -> Iterator[Record]:
    """Records cleaned ``chunk`` at a time by ``clean`` (which maps chunks to results, in
    order: a local process pool or a cluster, see ``newsclean.engines``), yielded in input
    order and counted as `run_serial` counts them. Reading stays here; only texts travel.
    """
    waiting: collections.deque[list[Record]] = collections.deque()

    def chunks() -> Iterator[Chunk]:
        iterator = iter(records)
        while batch := list(itertools.islice(iterator, chunk)):
            todo = [r for r in batch if _pre(r, stats)]
            waiting.append(batch)
            yield [(r.texts, r.lang) for r in todo]

    for results in clean(chunks()):
        batch = waiting.popleft()
        done = iter(results)
        for record in batch:
            if not record.structural and not record.passed_through:
                _account(record, *next(done), stats)
            yield record
