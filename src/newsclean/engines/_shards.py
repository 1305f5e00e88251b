"""Shards: what the command line hands a cluster, and what a worker does with one.

The driver cuts each input into shards of whole records (a block of JSON lines with the number
of its first line, or a slice of a Parquet file as an Arrow table with its first row) and
submits them in order. A worker parses a shard with the same readers as the serial path,
cleans it with ``run_serial`` and writes it with the same writer, so the output, the
``path:line`` of every record passed through and the counts are exactly the serial ones.
Only bytes and Arrow tables cross the wire, plus the pipeline as its plain description.
"""

from __future__ import annotations

import collections
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from newsclean.batch import _pipeline_of
from newsclean.errors import InputError
from newsclean.io import FormatOptions, make_writer
from newsclean.io.compression import open_binary_read
from newsclean.io.jsonl import read_jsonl
from newsclean.io.parquet import check_fields, open_parquet, records_of_table, table_of
from newsclean.io.remote import Remote
from newsclean.records import Record
from newsclean.run import clean_texts, run_serial
from newsclean.stats import Stats

SHARD_BYTES = (
    4 << 20
)  # about 4 MB of input: ~0.3 s of work; smaller shards measured slower (driver overhead)
FORMATS = ("jsonl", "parquet")  # what a worker parses and writes itself
TEXTS = "texts"  # a chunk of records' texts read by the driver (every other format)


@dataclass(frozen=True)
class Shard:
    where: str  # the input's name, for messages
    fmt: str  # "jsonl", "parquet" or TEXTS
    data: Any  # jsonl: bytes of whole lines; parquet: a pyarrow Table; TEXTS: a run.Chunk
    first: int  # the number of its first line (jsonl, from 1) or row (parquet, from 0)
    schema: Any = None  # parquet: the file's schema, so every shard writes the same types
    records: int = 0  # lines or rows, for the progress bar


@dataclass
class ShardResult:
    payload: Any  # jsonl: output bytes; parquet: a pyarrow Table
    stats: Stats
    problems: list[Record] = field(default_factory=list)  # passed through, for the report
    records: int = 0


def shards_of(
    path: Path | Remote | None,
    fmt: str,
    options: FormatOptions,
    stdin: IO[bytes] | None = None,
    shard_bytes: int = SHARD_BYTES,
) -> Iterator[Shard]:
    """Cut one input into shards of about ``shard_bytes``, streaming: only the shards in
    flight are in memory."""
    where = "<stdin>" if path is None else str(path)
    stream = stdin if path is None else open_binary_read(path, options.encoding, options.errors)
    assert stream is not None
    try:
        if fmt == "parquet":
            parquet = open_parquet(stream, where)
            schema = parquet.schema_arrow
            check_fields(schema, where, options)
            meta = parquet.metadata
            size = sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))
            rows = max(1, shard_bytes * meta.num_rows // size) if size else 1024
            row = 0
            for batch in parquet.iter_batches(batch_size=rows):
                yield Shard(where, fmt, _table(batch), row, schema, batch.num_rows)
                row += batch.num_rows
            if row == 0:
                yield Shard(where, fmt, schema.empty_table(), 0, schema, 0)
            return
        line = 1
        while True:
            try:
                lines = stream.readlines(shard_bytes)
            except (OSError, EOFError) as exc:  # a truncated gzip
                raise InputError(f"{where}: cannot read ({exc})") from None
            if not lines:
                return
            yield Shard(where, fmt, b"".join(lines), line, records=len(lines))
            line += len(lines)
    finally:
        if path is not None:
            stream.close()


def _table(batch: Any) -> Any:
    import pyarrow as pa

    return pa.Table.from_batches([batch])


def clean_shard(
    description: dict[str, Any], options: FormatOptions, detail: bool, shard: Shard
) -> ShardResult:
    """The worker's task: parse, clean and write one shard exactly as the serial path would
    (a TEXTS shard: clean the texts, with per-cleaner counts under ``detail``)."""
    pipeline = _pipeline_of(description)
    if shard.fmt == TEXTS:
        cleaned = [clean_texts(pipeline, texts, detail, lang) for texts, lang in shard.data]
        return ShardResult(cleaned, Stats(), [], len(cleaned))
    stats = Stats()
    if shard.fmt == "parquet":
        records: Iterator[Record] = records_of_table(shard.data, shard.where, options, shard.first)
    else:
        records = read_jsonl(io.BytesIO(shard.data), shard.where, options, shard.first)
    done = list(run_serial(records, pipeline, stats, detail=detail))
    problems = [r for r in done if r.passed_through]
    if shard.fmt == "parquet":
        payload = table_of(done, shard.schema)
    else:
        out = io.BytesIO()
        writer = make_writer("jsonl", out)
        for record in done:
            writer.write(record)
        payload = out.getvalue()
    return ShardResult(payload, stats, problems, shard.records)


Submit = Callable[[Shard], Any]  # starts a shard's task on the engine, returns its handle
Await = Callable[[Any], ShardResult]  # waits for a handle's result


def in_order(
    shards: Iterator[Shard], submit: Submit, wait: Await, window: int
) -> Iterator[ShardResult]:
    """Results in input order, with at most ``window`` shards submitted and not yet consumed.

    The engine schedules; this only keeps memory flat on the driver and the output in order.
    """
    pending: collections.deque[Any] = collections.deque()
    for shard in shards:
        pending.append(submit(shard))
        if len(pending) >= window:
            yield wait(pending.popleft())
    while pending:
        yield wait(pending.popleft())
