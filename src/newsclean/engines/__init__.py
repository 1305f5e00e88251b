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
import importlib
from collections.abc import Iterator
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from newsclean.engines._shards import FORMATS, Await, Shard, ShardResult, Submit, in_order
from newsclean.errors import NewscleanError

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


class EngineError(NewscleanError):
    """An engine is not installed, or its cluster cannot be reached; the message says how to fix it."""


def require(module: str, extra: str) -> ModuleType:
    """Import an engine's module, or fail with a one-line install hint."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise EngineError(
            f"the {extra} engine needs the {module.split('.')[0]} package: pip install 'newsclean[{extra}]'"
        ) from None


@dataclass
class Session:
    """A connection to a cluster, able to run shard tasks."""

    submit: Submit
    wait: Await
    workers: int  # worker slots (CPUs) the cluster offers, to size the window
    description: str  # for the log line: which cluster was used

    def run(self, shards: Iterator[Shard]) -> Iterator[ShardResult]:
        return in_order(shards, self.submit, self.wait, window=2 * self.workers + 1)


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
