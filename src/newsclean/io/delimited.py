"""CSV and TSV with a header: one column is cleaned, every other byte comes out as it was.

Each row keeps the exact text it was read from, so an unchanged row (the header too) is
written back byte for byte, line endings and quoting included; only a changed row is written
anew, with its own line ending. Bytes that are not UTF-8 survive as surrogate escapes, so a
row holding them is passed through unchanged, bytes and all.

CSV is read strictly: a row whose quotes do not balance (``"y"z``, or a quote that never
closes and would swallow every later row into one cell) is passed through and reported, and
reading goes on at the next line. TSV is unquoted (as ``QUOTE_NONE``): a quote is text.
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


class _Lines:
    """The physical lines a csv.reader pulls, remembered until the row they make is taken.

    csv.reader asks for exactly the lines of one row before it returns it, so ``take()``
    after each row gives that row's source text.
    """

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream
        self._back: list[str] = []
        self._taken: list[str] = []

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = self._back.pop() if self._back else next(self._stream)
        self._taken.append(line)
        return line

    def take(self) -> list[str]:
        taken, self._taken = self._taken, []
        return taken

    def push_back(self, lines: list[str]) -> None:
        self._back.extend(reversed(lines))


def _ending(text: str) -> str:
    return "\r\n" if text.endswith("\r\n") else text[-1:] if text[-1:] in "\r\n" else ""


def _raw(lines: list[str]) -> bytes:
    return "".join(lines).encode("utf-8", "surrogateescape")


def _rows(
    lines: _Lines, delimiter: str, where: str, first: int
) -> Iterator[tuple[str, list[str] | None, list[str]]]:
    """``(where, cells, source lines)``; cells are None for a row that cannot be read."""
    number = first
    while True:
        if delimiter == "\t":  # unquoted: a line is a row
            try:
                line = next(lines)
            except StopIteration:
                return
            lines.take()
            yield f"{where}:{number}", line.rstrip("\r\n").split("\t"), [line]
            number += 1
            continue
        reader = csv.reader(lines, delimiter=delimiter, strict=True)
        try:
            for row in reader:
                taken = lines.take()
                yield f"{where}:{number}", row, taken
                number += len(taken)
            return
        except csv.Error:
            # Report the row's first line and read on from the next: a stray quote costs one
            # line, never the rest of the file.
            taken = lines.take()
            lines.push_back(taken[1:])
            yield f"{where}:{number}", None, taken[:1]
            number += 1


def read_delimited(
    stream: IO[bytes], where: str, options: FormatOptions, delimiter: str
) -> Iterator[Record]:
    text = io.TextIOWrapper(stream, encoding="utf-8", errors="surrogateescape", newline="")
    lines = _Lines(text)
    rows = _rows(lines, delimiter, where, 1)
    first = next(rows, None)
    if first is None:
        return
    loc, header, taken = first
    if header is None:
        raise ValueError(f"{loc}: the header row's quotes do not balance")
    names = [header[0].removeprefix("\ufeff"), *header[1:]]  # Excel's "CSV UTF-8" has a BOM
    index = _column_index(names, options.column, loc)
    yield Record(loc, item=header, raw=_raw(taken), structural=True)  # written back as it is
    quoting = "quotes that do not balance" if delimiter == "," else "unreadable"
    for loc, row, taken in rows:
        raw = _raw(taken)
        if row is None:
            yield Record(loc, raw=raw, problem=f"row with {quoting}")
            continue
        if index >= len(row):
            yield Record(
                loc,
                item=row,
                raw=raw,
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
                raw=raw,
                problem=f"column {options.column!r} is not UTF-8 (at character {exc.start + 1})",
            )
            continue
        yield Record(loc, texts={str(index): cell}, item=row, raw=raw, lang=options.lang)


class DelimitedWriter:
    def __init__(self, out: IO[bytes], delimiter: str) -> None:
        self.out = out
        self.delimiter = delimiter

    def write(self, record: Record) -> None:
        raw = record.raw if isinstance(record.raw, bytes) else b""
        if not record.changed or record.passed_through:
            self.out.write(raw)
            return
        source = raw.decode("utf-8", "surrogateescape")
        row = list(record.item)
        for index, text in record.texts.items():
            row[int(index)] = text
        if self.delimiter == "\t":
            if any(c in cell for cell in row for c in "\t\r\n"):
                self.out.write(raw)  # a cleaned cell that TSV cannot hold unquoted: as read
                return
            line = "\t".join(row) + _ending(source)
        else:
            buffer = io.StringIO()
            csv.writer(buffer, delimiter=self.delimiter, lineterminator=_ending(source)).writerow(
                row
            )
            line = buffer.getvalue()
        self.out.write(line.encode("utf-8", "surrogateescape"))

    def close(self) -> None:
        return None
