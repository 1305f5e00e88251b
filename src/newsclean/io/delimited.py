"""CSV and TSV with a header: one column is cleaned, every other cell comes out as it was.

Bytes that are not UTF-8 survive as surrogate escapes, so a row holding them is passed through
unchanged, bytes and all.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import IO

from newsclean.io.options import FormatOptions
from newsclean.records import Record

csv.field_size_limit(1 << 30)  # an article can be far longer than csv's 128 kB default


def _column_index(header: list[str], column: str, where: str) -> int:
    if column in header:
        return header.index(column)
    if column.isdigit() and int(column) < len(header):
        return int(column)
    raise ValueError(f"{where}: no column {column!r}; the header has: {', '.join(header)}")


def read_delimited(
    stream: IO[bytes], where: str, options: FormatOptions, delimiter: str
) -> Iterator[Record]:
    text = io.TextIOWrapper(stream, encoding="utf-8", errors="surrogateescape", newline="")
    reader = csv.reader(text, delimiter=delimiter)
    header = next(reader, None)
    if header is None:
        return
    index = _column_index(header, options.column, f"{where}:1")
    yield Record(f"{where}:1", item=header, raw="header", structural=True)  # written back as it is
    for row in reader:
        loc = f"{where}:{reader.line_num}"
        if index >= len(row):
            yield Record(
                loc,
                item=row,
                raw="row",
                problem=f"row has {len(row)} cells, no column {options.column!r}",
            )
            continue
        cell = row[index]
        try:
            cell.encode("utf-8")
        except UnicodeEncodeError as exc:
            yield Record(
                loc,
                item=row,
                raw="row",
                problem=f"column {options.column!r} is not UTF-8 (at character {exc.start + 1})",
            )
            continue
        yield Record(loc, texts={str(index): cell}, item=row, raw="row")


class DelimitedWriter:
    def __init__(self, out: IO[bytes], delimiter: str) -> None:
        self.text = io.TextIOWrapper(
            out, encoding="utf-8", errors="surrogateescape", newline="", write_through=True
        )
        self.writer = csv.writer(self.text, delimiter=delimiter, lineterminator="\n")

    def write(self, record: Record) -> None:
        row = list(record.item)
        if record.changed:
            for index, text in record.texts.items():
                row[int(index)] = text
        self.writer.writerow(row)

    def close(self) -> None:
        self.text.flush()
        self.text.detach()
