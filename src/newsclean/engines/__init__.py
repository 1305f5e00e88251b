"""Run newsclean on a cluster you already operate: Ray (``newsclean[ray]``) or Dask (``newsclean[dask]``).

- ``newsclean.engines.ray.clean_dataset(ds, columns=["text"])``: a Ray Data dataset in, a
  dataset with cleaned columns out, through ``map_batches``.
- ``newsclean.engines.dask.clean_bag(bag)`` and ``clean_dataframe(ddf, columns=["text"])``.
- ``newsclean clean --engine ray|dask [--address ADDRESS]``: JSONL or Parquet files, with the
  output, messages and counts of the serial command (see ``_shards``).

Either way the pipeline travels as its plain description and is rebuilt once per worker
process; cleaning itself is :class:`newsclean.batch.BatchCleaner`, which needs neither engine.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from newsclean.engines._session import Session, require
from newsclean.engines._shards import FORMATS, Shard, ShardResult, in_order
from newsclean.errors import EngineError

__all__ = [
    "ENGINES",
    "FORMATS",
    "EngineError",
    "Session",
    "Shard",
    "ShardResult",
    "in_order",
    "open_session",
    "require",
]

ENGINES = ("ray", "dask")


@contextlib.contextmanager
def _process_session(
    workers: int, description: dict[str, Any], options: Any, detail: bool
) -> Iterator[Session]:
    """Shards on a local process pool: what ``--jobs N`` uses for JSONL and Parquet, so the
    parsing and writing move to the workers too, not only the cleaning."""
    import concurrent.futures

    from newsclean.engines._shards import clean_shard

    with concurrent.futures.ProcessPoolExecutor(workers) as pool:

        def submit(shard: Shard) -> Any:
            return pool.submit(clean_shard, description, options, detail, shard)

        yield Session(submit, lambda future: future.result(), workers, f"{workers} local processes")


@contextlib.contextmanager
def open_session(
    engine: str,
    *,
    address: str | None,
    workers: int | None,
    description: dict[str, Any],
    options: Any,
    detail: bool,
) -> Iterator[Session]:
    """Join the cluster at ``address``, or start a local one with ``workers`` workers
    (``engine="processes"``: a local process pool, no cluster)."""
    if engine == "processes":
        with _process_session(workers or 1, description, options, detail) as opened:
            yield opened
        return
    if engine == "dask":
        from newsclean.engines import dask as engine_module
    elif engine == "ray":
        from newsclean.engines import ray as engine_module  # type: ignore[no-redef]
    else:
        raise EngineError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    with engine_module.session(
        address=address, workers=workers, description=description, options=options, detail=detail
    ) as opened:
        yield opened
