"""Ray: clean a Ray Data dataset through ``map_batches``, or run the command's shards as tasks."""

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


def clean_dataset(
    ds: Any,
    columns: Sequence[str] = ("text",),
    *,
    profile: str | None = None,
    pipeline: Pipeline | Mapping[str, Any] | None = None,
    counts_column: str | None = None,
    batch_size: int = 256,
    **map_batches_options: Any,
) -> Any:
    """A dataset with ``columns`` cleaned, via ``ds.map_batches`` on Arrow batches.

    Nulls are passed through; with ``counts_column`` each row gains its number of changes (null
    where passed through). Other keyword arguments go to ``map_batches`` (``concurrency``,
    ``num_cpus``...). Works with ``ray.data.read_json``/``read_parquet`` and every writer.
    """
    require("ray.data", "ray")
    cleaner = BatchCleaner(columns, profile=profile, pipeline=pipeline, counts_column=counts_column)
    return ds.map_batches(
        cleaner, batch_format="pyarrow", batch_size=batch_size, **map_batches_options
    )


@contextlib.contextmanager
def session(
    *,
    address: str | None,
    workers: int | None,
    description: dict[str, Any],
    options: Any,
    detail: bool,
) -> Iterator[Session]:
    """Connect to the Ray cluster at ``address`` (or ``auto``), or start a local one."""
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # never phone home from a cleaning job
    ray = require("ray", "ray")
    quiet = {"log_to_driver": False, "logging_level": logging.ERROR}
    owned = False
    if ray.is_initialized() and not address:  # a notebook or test already runs Ray: use it
        where = "the running Ray instance"
    elif address:
        try:
            ray.init(address=address, **quiet)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            raise EngineError(f"cannot join the Ray cluster at {address} ({exc})") from None
        owned, where = True, f"Ray cluster {address}"
    else:
        count = workers or os.cpu_count() or 1
        ray.init(num_cpus=count, include_dashboard=False, **quiet)
        owned, where = True, f"local Ray cluster, {count} CPUs"
    try:
        task = ray.remote(num_cpus=1)(clean_shard)
        slots = int(ray.cluster_resources().get("CPU", 1)) or 1

        def submit(shard: Any) -> Any:
            return task.remote(description, options, detail, shard)

        yield Session(submit, ray.get, slots, where)
    finally:
        if owned:
            ray.shutdown()
