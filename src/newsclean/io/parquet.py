"""Parquet, through pyarrow (the ``newsclean[parquet]`` extra).

A file's schema travels as a structural Record ahead of its rows, so the writer can write the
same columns and types back. Rows are dicts; ``--field`` names a column, or a dotted path into
a struct column. A row whose field is null or not a string is passed through unchanged.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import IO, Any

from newsclean.errors import InputError
from newsclean.io.jsonl import record_from_object, set_path
from newsclean.io.options import FormatOptions
from newsclean.records import Record

ROWS_PER_BATCH = 1024  # rows read and written at a time: memory stays flat on big files


def pyarrow_modules() -> tuple[Any, Any]:
    """``(pyarrow, pyarrow.parquet)``, or an error that says how to install them."""
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise InputError(
            "Parquet needs the pyarrow package: pip install 'newsclean[parquet]'"
        ) from None
    return pyarrow, pyarrow.parquet


def open_parquet(stream: IO[bytes], where: str) -> Any:
    """A ``pyarrow.parquet.ParquetFile``; a compressed (unseekable) stream is read into memory."""
    pa, pq = pyarrow_modules()
    if not stream.seekable():
        stream = io.BytesIO(stream.read())
    try:
        return pq.ParquetFile(stream)
    except (pa.ArrowInvalid, OSError) as exc:
        raise InputError(f"{where}: not a readable Parquet file ({exc})") from None


def check_fields(schema: Any, where: str, options: FormatOptions) -> None:
    for path in options.fields:
        if path.split(".")[0] not in schema.names:
            raise ValueError(
                f"{where}: column {path.split('.')[0]!r} is not in this Parquet file "
                f"(its columns: {', '.join(schema.names)}); choose one with --field"
            )


def records_of_table(
    table: Any, where: str, options: FormatOptions, first_row: int = 0
) -> Iterator[Record]:
    """The rows of an Arrow table as Records; ``where`` is ``path[row]``, counted from 0."""
    for row, item in enumerate(table.to_pylist(), first_row):
        yield record_from_object(item, f"{where}[{row}]", options, None)


def read_parquet(stream: IO[bytes], where: str, options: FormatOptions) -> Iterator[Record]:
    parquet = open_parquet(stream, where)
    schema = parquet.schema_arrow
    check_fields(schema, where, options)
    yield Record(where, item=schema, structural=True)
    row = 0
    for batch in parquet.iter_batches(batch_size=ROWS_PER_BATCH):
        yield from records_of_table(batch, where, options, row)
        row += batch.num_rows


def table_of(records: list[Record], schema: Any) -> Any:
    """The rows of ``records`` (cleaned texts put back) as a table of ``schema``."""
    pa, _ = pyarrow_modules()
    rows = []
    for record in records:
        if record.structural:
            continue
        item = record.item
        if record.changed:
            for path, text in record.texts.items():
                set_path(item, path, text)
        rows.append(item)
    return pa.Table.from_pylist(rows, schema=schema)


class ParquetRecordWriter:
    """Writes records as Parquet with the schema their reader announced, batch by batch."""

    def __init__(self, out: IO[bytes]) -> None:
        self.out = out
        self.schema: Any = None
        self.pending: list[Record] = []
        self.writer: Any = None

    def write(self, record: Record) -> None:
        if record.structural:
            if self.schema is not None and not record.item.equals(self.schema):
                raise InputError(
                    f"{record.where}: its columns differ from the first Parquet input's; "
                    "write each to its own output with -o DIRECTORY/"
                )
            self.schema = record.item
            return
        self.pending.append(record)
        if len(self.pending) >= ROWS_PER_BATCH:
            self.flush()

    def write_table(self, table: Any) -> None:
        """Append an already cleaned table (from a worker) of this writer's schema."""
        if self.writer is None:
            _, pq = pyarrow_modules()
            if self.schema is None:
                self.schema = table.schema
            self.writer = pq.ParquetWriter(self.out, self.schema)
        self.writer.write_table(table)

    def flush(self) -> None:
        if self.pending:
            self.write_table(table_of(self.pending, self.schema))
            self.pending = []

    def close(self) -> None:
        self.flush()
        if self.writer is None and self.schema is not None:  # no rows: still a valid file
            self.write_table(self.schema.empty_table())
        if self.writer is not None:
            self.writer.close()
