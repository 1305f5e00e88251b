"""The ``.newsclean`` accessor of a pandas Series (``pip install 'newsclean[pandas]'``).

    import newsclean.integrations.pandas  # registers the accessor
    df["text"] = df["text"].newsclean.clean(profile="mt")
    df["changes"] = df["text"].newsclean.changes()

Values that are not strings (nulls, numbers) pass through; ``changes`` gives them a null count.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from newsclean.batch import BatchCleaner
from newsclean.pipeline import Pipeline

__all__ = ["NewscleanAccessor"]


@pd.api.extensions.register_series_accessor("newsclean")
class NewscleanAccessor:
    """``series.newsclean.clean()`` and ``series.newsclean.changes()``."""

    def __init__(self, series: Any) -> None:
        self._series = series

    def clean(
        self, profile: str | None = None, pipeline: Pipeline | Mapping[str, Any] | None = None
    ) -> Any:
        """A cleaned copy of the Series (same index, name and dtype)."""
        return BatchCleaner(profile=profile, pipeline=pipeline)(self._series)

    def changes(
        self, profile: str | None = None, pipeline: Pipeline | Mapping[str, Any] | None = None
    ) -> Any:
        """Per value, how many spans cleaning would change (nullable Int64; null: not text)."""
        cleaner = BatchCleaner(profile=profile, pipeline=pipeline)
        _, counts = cleaner.clean_values_counted(self._series.tolist())
        return pd.Series(
            pd.array(counts, dtype="Int64"), index=self._series.index, name=self._series.name
        )
