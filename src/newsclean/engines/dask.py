"""Dask: clean a bag or a dataframe on the cluster you run, or start a local one.

>>> import dask.bag as db
>>> bag = db.from_sequence([{"id": 1, "text": "Bashar al -Assad said ."}, {"id": 2}], npartitions=1)
>>> clean_bag(bag, profile="mt", counts_field="changes").compute(scheduler="sync")
[{'id': 1, 'text': 'Bashar al-Assad said.', 'changes': 2}, {'id': 2, 'changes': None}]
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from newsclean.batch import BatchCleaner
from newsclean.engines._session import Session, require
from newsclean.engines._shards import clean_shard
from newsclean.errors import EngineError
from newsclean.pipeline import Pipeline

_MISSING = object()


def _clean_items(items: Sequence[Any], cleaner: BatchCleaner) -> list[Any]:
    """One bag partition: strings cleaned; dicts get their fields cleaned; the rest as is."""
    items = list(items)
    if all(isinstance(i, str) for i in items):
        return cleaner.clean_values(items)
    dicts = [i for i in items if isinstance(i, Mapping)]
    columns = {name: [d.get(name, _MISSING) for d in dicts] for name in cleaner.columns}
    cleaned = cleaner(columns)
    counts = cleaned.get(cleaner.counts_column) if cleaner.counts_column else None
    out: list[Any] = []
    row = 0
    for item in items:
        if not isinstance(item, Mapping):
            out.append(cleaner.clean_values([item])[0])
            continue
        new = dict(item)
        for name in cleaner.columns:
            value = cleaned[name][row]
            if value is not _MISSING:
                new[name] = value
        if counts is not None:
            new[cleaner.counts_column] = counts[row]
        out.append(new)
        row += 1
    return out


def clean_bag(
    bag: Any,
    *,
    fields: Sequence[str] = ("text",),
    profile: str | None = None,
    pipeline: Pipeline | Mapping[str, Any] | None = None,
    counts_field: str | None = None,
) -> Any:
    """A bag of strings, or of dicts whose ``fields`` are cleaned (others passed through).

    With ``counts_field``, each dict gains the number of changes made to it, or None when a
    field was missing or not a string (it is passed through unchanged). Works with
    ``dask.bag.read_text(...).map(json.loads)``.
    """
    require("dask.bag", "dask")
    cleaner = BatchCleaner(fields, profile=profile, pipeline=pipeline, counts_column=counts_field)
    return bag.map_partitions(_clean_items, cleaner)


def clean_dataframe(
    ddf: Any,
    columns: Sequence[str] = ("text",),
    *,
    profile: str | None = None,
    pipeline: Pipeline | Mapping[str, Any] | None = None,
    counts_column: str | None = None,
) -> Any:
    """A Dask dataframe with ``columns`` cleaned (nulls passed through), partition by partition.

    Works with ``dask.dataframe.read_parquet`` and ``read_json(..., lines=True)``; with
    ``counts_column``, a nullable integer column of changes per row is added.
    """
    require("dask.dataframe", "dask")
    cleaner = BatchCleaner(columns, profile=profile, pipeline=pipeline, counts_column=counts_column)
    return ddf.map_partitions(cleaner, meta=cleaner(ddf._meta))


@contextlib.contextmanager
def session(
    *,
    address: str | None,
    workers: int | None,
    description: dict[str, Any],
    options: Any,
    detail: bool,
) -> Iterator[Session]:
    """A Dask client on the scheduler at ``address``, or on a new local cluster of processes."""
    distributed = require("distributed", "dask")
    cluster = None
    try:
        if address:
            try:
                client = distributed.Client(address, timeout="10s")
            except (OSError, TimeoutError) as exc:
                raise EngineError(f"cannot reach the Dask scheduler at {address} ({exc})") from None
            where = f"Dask scheduler {address}"
        else:
            count = workers or os.cpu_count() or 1
            cluster = distributed.LocalCluster(
                n_workers=count,
                threads_per_worker=1,  # cleaning holds the GIL: one process per core
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
            client = distributed.Client(cluster)
            where = f"local Dask cluster, {count} workers"
        try:
            slots = sum(client.nthreads().values()) or 1

            def submit(shard: Any) -> Any:
                return client.submit(clean_shard, description, options, detail, shard, pure=False)

            yield Session(submit, lambda future: future.result(), slots, where)
        finally:
            client.close()
    finally:
        if cluster is not None:
            cluster.close()
