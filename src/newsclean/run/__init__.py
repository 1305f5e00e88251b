"""Execution: records in, cleaned records out, in input order, serially or in processes.

Executors differ only in how they launch work. Workers rebuild the pipeline from its plain
description (``Pipeline.to_dict()``), never from a pickled object, so what runs in a worker is
exactly what the TOML says.
"""

from __future__ import annotations

import collections
import concurrent.futures
import itertools
from collections.abc import Iterable, Iterator
from typing import Any

from newsclean.pipeline import Pipeline
from newsclean.records import Record
from newsclean.stats import CleanerCounts, Stats

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
    stats.bytes_in += sum(len(t.encode("utf-8", "surrogatepass")) for t in record.texts.values())
    return True


def run_serial(
    records: Iterable[Record], pipeline: Pipeline, stats: Stats, *, detail: bool = False
) -> Iterator[Record]:
    """The reference executor: one record after another, in this process."""
    for record in records:
        if _pre(record, stats):
            _account(record, *clean_texts(pipeline, record.texts, detail, record.lang), stats)
        yield record


_worker_pipeline: Pipeline | None = None


def _init_worker(description: dict[str, Any]) -> None:
    global _worker_pipeline
    _worker_pipeline = Pipeline.from_dict(description)


def _clean_chunk(
    texts: list[tuple[Texts, str | None]], detail: bool
) -> list[tuple[Texts, dict[str, CleanerCounts]]]:
    if _worker_pipeline is None:
        raise RuntimeError("a worker of run_processes was started without its pipeline")
    return [clean_texts(_worker_pipeline, t, detail, lang) for t, lang in texts]


def run_processes(
    records: Iterable[Record],
    pipeline: Pipeline,
    stats: Stats,
    *,
    jobs: int,
    detail: bool = False,
    chunk: int = 64,
) -> Iterator[Record]:
    """Clean in ``jobs`` processes, chunk by chunk, yielding records in input order.

    At most ``2 * jobs`` chunks are in flight, so memory stays flat however long the input.
    """
    description = pipeline.to_dict()  # refuses unregistered functions with a clear message
    pending: collections.deque[tuple[list[Record], concurrent.futures.Future[Any] | None]] = (
        collections.deque()
    )
    with concurrent.futures.ProcessPoolExecutor(
        jobs, initializer=_init_worker, initargs=(description,)
    ) as pool:
        iterator = iter(records)
        while True:
            while len(pending) < 2 * jobs:
                batch = list(itertools.islice(iterator, chunk))
                if not batch:
                    break
                todo = [r for r in batch if _pre(r, stats)]
                future = (
                    pool.submit(_clean_chunk, [(r.texts, r.lang) for r in todo], detail)
                    if todo
                    else None
                )
                pending.append((batch, future))
            if not pending:
                return
            batch, future = pending.popleft()
            results = iter(future.result() if future else [])
            for record in batch:
                if not record.structural and not record.passed_through:
                    _account(record, *next(results), stats)
                yield record
