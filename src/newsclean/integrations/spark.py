"""Clean Spark DataFrame columns on Spark's Arrow path (``pip install 'newsclean[spark]'``).

    from newsclean.integrations.spark import clean_dataframe

    df = spark.read.json("raw/")
    clean = clean_dataframe(df, columns=["text"], profile="mt", counts_column="changes")
    clean.write.json("clean/")

Each partition's rows arrive as Arrow record batches (``DataFrame.mapInArrow``) and are cleaned
by a `BatchCleaner`, which travels to the executors as the pipeline's plain description (its
plugins are imported there by name), so an executor runs exactly what the driver would: the
output is ``newsclean.clean``'s, row for row. Rows keep their order within a partition.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from newsclean.batch import BatchCleaner
from newsclean.errors import ConfigError
from newsclean.pipeline import Pipeline

__all__ = ["clean_dataframe"]


def clean_dataframe(
    df: Any,
    columns: Sequence[str] = ("text",),
    *,
    profile: str | None = None,
    pipeline: Pipeline | Mapping[str, Any] | None = None,
    counts_column: str | None = None,
    offsets_column: str | None = None,
) -> Any:
    """``df`` with ``columns`` cleaned (and, with ``counts_column``, a long column of the
    number of changes per row, null where a value was passed through; with ``offsets_column``,
    a string column of each row's offset maps as JSON, see `BatchCleaner`). Lazy, as Spark
    is: nothing runs until an action."""
    from pyspark.sql.types import LongType, StringType, StructField, StructType

    cleaner = BatchCleaner(
        columns,
        profile=profile,
        pipeline=pipeline,
        counts_column=counts_column,
        offsets_column=offsets_column,
    )
    fields = {f.name: f for f in df.schema.fields}
    for name in cleaner.columns:
        if name not in fields:
            raise ConfigError(f"no column {name!r} in the DataFrame (it has {sorted(fields)})")
        if not isinstance(fields[name].dataType, StringType):
            raise ConfigError(
                f"column {name!r} is {fields[name].dataType.simpleString()}, not string"
            )
    schema = StructType(list(df.schema.fields))
    if counts_column is not None:
        if counts_column in fields:
            raise ConfigError(f"counts_column {counts_column!r} is already a column")
        schema = schema.add(StructField(counts_column, LongType(), True))
    if offsets_column is not None:
        if offsets_column in fields:
            raise ConfigError(f"offsets_column {offsets_column!r} is already a column")
        schema = schema.add(StructField(offsets_column, StringType(), True))

    def clean_batches(batches: Iterator[Any]) -> Iterator[Any]:
        for batch in batches:
            yield from cleaner(batch).to_batches()

    return df.mapInArrow(clean_batches, schema)
