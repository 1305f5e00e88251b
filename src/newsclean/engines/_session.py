"""What every engine hands the shard runner: a `Session`, and `require` for its package.

Below the engine modules, so that `newsclean.engines` can import them lazily without a circle.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from dataclasses import dataclass
from types import ModuleType

from newsclean.engines._shards import Await, Shard, ShardResult, Submit, in_order
from newsclean.errors import EngineError


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
