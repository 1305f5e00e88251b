"""Clean batches: a list, an Arrow array, a pandas or polars Series, or the text columns of a table.

This is the engine-neutral core that Ray Data, Dask, Hugging Face ``datasets.map`` and Spark's
``pandas_udf`` all call. A :class:`BatchCleaner` holds only the pipeline's plain description
(``Pipeline.to_dict()``): that is what is pickled and shipped to workers, never a closure or a
compiled regex, and each worker process rebuilds the pipeline once and caches it.

A value that is not a string (a null, a number) is passed through unchanged; with a counts
column its count is null, so passed-through values are countable after the run.

>>> BatchCleaner(profile="mt")(["Bashar al -Assad said .", None])
['Bashar al-Assad said.', None]
>>> BatchCleaner(columns=["body"], counts_column="changes")({"body": ["a &amp;quot;red line&amp;quot;", "ok"]})
{'body': ['a "red line"', 'ok'], 'changes': [4, 0]}
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from newsclean.errors import ConfigError
from newsclean.explain import Explained
from newsclean.pipeline import Pipeline

_BUILT: dict[str, Pipeline] = {}  # per worker process: description (as JSON) -> pipeline


def _pipeline_of(description: Mapping[str, Any]) -> Pipeline:
    key = json.dumps(description, sort_keys=True)
    built = _BUILT.get(key)
    if built is None:
        if len(_BUILT) > 32:  # a long-lived worker that saw many pipelines
            _BUILT.clear()
        built = _BUILT[key] = Pipeline.from_dict(description)
    return built


def describe(
    profile: str | None = None, pipeline: Pipeline | Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """The plain description of a profile or pipeline, checked here rather than on a worker.

    >>> describe(profile="mt")["steps"][0]
    'unescape_double_escaped_entities'
    """
    if pipeline is not None and profile is not None:
        raise ConfigError("give a profile or a pipeline, not both")
    if pipeline is None:
        return Pipeline.from_profile(profile or "default").to_dict()
    if isinstance(pipeline, Pipeline):
        return pipeline.to_dict()  # refuses unregistered plain functions, with the fix to make
    if isinstance(pipeline, Mapping):
        return Pipeline.from_dict(pipeline).to_dict()
    raise ConfigError(
        f"pipeline must be a Pipeline or its to_dict() description, not {type(pipeline).__name__}"
    )


class BatchCleaner:
    """A picklable batch function: clean ``columns`` of a table, or every value of a column.

    Call it with a list of values, a ``dict`` of columns (Hugging Face batches), a pandas
    ``DataFrame`` or ``Series``, or a pyarrow ``Table``, ``Array`` or ``ChunkedArray``; it
    returns the same kind, with cleaned copies (the input is not modified). With
    ``counts_column``, tables gain a column holding, per row, the number of changes ``explain`` lists
    (summed over ``columns``), or null where a value was passed through. With
    ``offsets_column``, a text column holding each row's map between the cleaned and the raw
    values as JSON, ``{column: [[clean_start, clean_end, raw_start, raw_end], ...]}`` for every
    changed span (see `Explained.to_raw`), so annotations can be projected back to the raw text.

    >>> BatchCleaner(offsets_column="offsets")({"text": ["Bashar al -Assad said ."]})["offsets"]
    ['{"text":[[9,9,9,10],[20,20,21,22]]}']
    """

    def __init__(
        self,
        columns: Sequence[str] = ("text",),
        *,
        profile: str | None = None,
        pipeline: Pipeline | Mapping[str, Any] | None = None,
        counts_column: str | None = None,
        offsets_column: str | None = None,
    ) -> None:
        if isinstance(columns, str):
            columns = [columns]
        if not columns or not all(isinstance(c, str) and c for c in columns):
            raise ConfigError(f"columns must be a non-empty list of column names, got {columns!r}")
        if counts_column is not None and counts_column in columns:
            raise ConfigError(f"counts_column {counts_column!r} is also a column to clean")
        if offsets_column is not None and (
            offsets_column in columns or offsets_column == counts_column
        ):
            raise ConfigError(f"offsets_column {offsets_column!r} is also another column")
        self.description = describe(profile, pipeline)
        self.columns = tuple(columns)
        self.counts_column = counts_column
        self.offsets_column = offsets_column

    def __repr__(self) -> str:
        return f"BatchCleaner(columns={list(self.columns)!r}, steps={len(self.description['steps'])}, counts_column={self.counts_column!r})"

    @property
    def pipeline(self) -> Pipeline:
        return _pipeline_of(self.description)

    # -- values -----------------------------------------------------------------------------
    def clean_values(self, values: Iterable[Any]) -> list[Any]:
        """Strings cleaned, anything else passed through."""
        pipeline = self.pipeline
        return [pipeline(v) if isinstance(v, str) else v for v in values]

    def clean_values_counted(self, values: Iterable[Any]) -> tuple[list[Any], list[int | None]]:
        """Cleaned values and, per value, its number of changes (None: passed through)."""
        explained = self._explain_each(values)
        return (
            [value if e is None else e.text for value, e in explained],
            [None if e is None else len(e.changes) for _, e in explained],
        )

    def _explain_each(self, values: Iterable[Any]) -> list[tuple[Any, Explained | None]]:
        """Each value with its explanation (None: not text, passed through)."""
        pipeline = self.pipeline
        return [(v, pipeline.explain(v) if isinstance(v, str) else None) for v in values]

    # -- batches ----------------------------------------------------------------------------
    def __call__(self, batch: Any) -> Any:
        if isinstance(batch, list):
            return self.clean_values(batch)
        if isinstance(batch, Mapping):
            return self._clean_dict(batch)
        module = type(batch).__module__.split(".")[0]
        if module == "pyarrow":
            return self._clean_arrow(batch)
        if module == "pandas":
            return self._clean_pandas(batch)
        if module == "polars":
            return self._clean_polars(batch)
        if isinstance(batch, tuple):
            return self.clean_values(batch)
        raise ConfigError(
            "a batch is a list, a dict of columns, a pandas or polars DataFrame or Series, or a "
            f"pyarrow Table or Array; got {type(batch).__name__}"
        )

    def _missing(self, present: Iterable[str]) -> None:
        have = list(present)
        lost = [c for c in self.columns if c not in have]
        if lost:
            raise ConfigError(
                f"column {lost[0]!r} is not in the batch (its columns: {', '.join(map(str, have))})"
            )

    def _columns_counted(
        self, get: Any, rows: int
    ) -> tuple[dict[str, list[Any]], list[int | None] | None, list[str] | None]:
        """Clean each column (``get(name)`` gives its values); with ``counts_column``, the
        changes per row; with ``offsets_column``, each row's offset maps as JSON
        (``{column: [[clean_start, clean_end, raw_start, raw_end], ...]}``, null: not text)."""
        cleaned: dict[str, list[Any]] = {}
        if self.counts_column is None and self.offsets_column is None:
            for name in self.columns:
                cleaned[name] = self.clean_values(get(name))
            return cleaned, None, None
        total: list[int | None] = [0] * rows
        maps: list[dict[str, Any]] = [{} for _ in range(rows)]
        for name in self.columns:
            explained = self._explain_each(get(name))
            cleaned[name] = [value if e is None else e.text for value, e in explained]
            for row, (_, e) in enumerate(explained):
                n = total[row]
                total[row] = None if e is None or n is None else n + len(e.changes)
                if self.offsets_column is not None:
                    maps[row][name] = None if e is None else e.offsets.replaced()
        offsets = (
            [json.dumps(m, separators=(",", ":")) for m in maps]
            if self.offsets_column is not None
            else None
        )
        return cleaned, (total if self.counts_column is not None else None), offsets

    def _clean_dict(self, batch: Mapping[str, Any]) -> dict[str, Any]:
        self._missing(batch)
        rows = len(batch[self.columns[0]])
        cleaned, counts, offsets = self._columns_counted(lambda name: list(batch[name]), rows)
        out = {**batch, **cleaned}
        if counts is not None:
            out[self.counts_column] = counts  # type: ignore[index]
        if self.offsets_column is not None:
            out[self.offsets_column] = offsets
        return out

    def _clean_arrow(self, batch: Any) -> Any:
        import pyarrow as pa

        if isinstance(batch, (pa.Array, pa.ChunkedArray)):
            _check_arrow_text(batch.type, "the array")
            return pa.array(self.clean_values(batch.to_pylist()), type=batch.type)
        if isinstance(batch, pa.RecordBatch):
            batch = pa.Table.from_batches([batch])
        self._missing(batch.column_names)
        for name in self.columns:
            _check_arrow_text(batch.schema.field(name).type, f"column {name!r}")
        cleaned, counts, offsets = self._columns_counted(
            lambda name: batch.column(name).to_pylist(), batch.num_rows
        )
        for name, values in cleaned.items():
            index = batch.schema.get_field_index(name)
            field = batch.schema.field(index)
            batch = batch.set_column(index, field, pa.array(values, type=field.type))
        if counts is not None:
            batch = batch.append_column(self.counts_column, pa.array(counts, type=pa.int64()))
        if self.offsets_column is not None:
            batch = batch.append_column(self.offsets_column, pa.array(offsets, pa.string()))
        return batch

    def _clean_pandas(self, batch: Any) -> Any:
        import pandas as pd

        if isinstance(batch, pd.Series):
            return pd.Series(
                self.clean_values(batch.tolist()),
                index=batch.index,
                dtype=batch.dtype,
                name=batch.name,
            )
        self._missing(batch.columns)
        cleaned, counts, offsets = self._columns_counted(
            lambda name: batch[name].tolist(), len(batch)
        )
        out = batch.copy()
        for name, values in cleaned.items():
            out[name] = pd.Series(values, index=batch.index, dtype=batch[name].dtype)
        if counts is not None:
            out[self.counts_column] = pd.array(counts, dtype="Int64")
        if self.offsets_column is not None:
            out[self.offsets_column] = pd.Series(offsets, index=batch.index, dtype=object)
        return out

    def _clean_polars(self, batch: Any) -> Any:
        import polars as pl

        if isinstance(batch, pl.Series):
            _check_polars_text(batch.dtype, "the series")
            return pl.Series(batch.name, self.clean_values(batch.to_list()), dtype=batch.dtype)
        if isinstance(batch, pl.LazyFrame):
            raise ConfigError(
                "collect() a polars LazyFrame first, or clean a column with "
                "pl.col(name).map_batches(BatchCleaner())"
            )
        self._missing(batch.columns)
        for name in self.columns:
            _check_polars_text(batch.schema[name], f"column {name!r}")
        cleaned, counts, offsets = self._columns_counted(
            lambda name: batch[name].to_list(), batch.height
        )
        out = batch.with_columns(
            pl.Series(name, values, dtype=batch.schema[name]) for name, values in cleaned.items()
        )
        if counts is not None:
            out = out.with_columns(pl.Series(self.counts_column, counts, dtype=pl.Int64))
        if self.offsets_column is not None:
            out = out.with_columns(pl.Series(self.offsets_column, offsets, dtype=pl.String))
        return out


def _check_polars_text(kind: Any, what: str) -> None:
    import polars as pl

    if kind not in (pl.String, pl.Null):
        raise ConfigError(f"{what} holds {kind}, not text")


def _check_arrow_text(kind: Any, what: str) -> None:
    import pyarrow as pa

    if not (pa.types.is_string(kind) or pa.types.is_large_string(kind) or pa.types.is_null(kind)):
        raise ConfigError(f"{what} holds {kind}, not text")


def clean_column(
    values: Any,
    *,
    profile: str | None = None,
    pipeline: Pipeline | Mapping[str, Any] | None = None,
) -> Any:
    """Clean one column: a list, a pandas Series or a pyarrow Array; returns the same kind.

    >>> clean_column(['pay a "very high price,quot; for it', 3])
    ['pay a "very high price," for it', 3]
    """
    return BatchCleaner(profile=profile, pipeline=pipeline)(
        list(values) if isinstance(values, tuple) else values
    )
