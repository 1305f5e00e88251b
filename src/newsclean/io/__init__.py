"""Readers and writers of the formats newsclean cleans, and how a format is recognised.

``read_records(path, format, options)`` yields Records; ``make_writer(format, stream)`` gives
an object with ``write(record)`` and ``close()``. Nothing here knows about cleaning: records
go in and out, and the command wires them to a pipeline.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import IO, Protocol
from xml.sax.saxutils import escape

from newsclean.errors import InputError
from newsclean.io.compression import open_binary_read, strip_compression
from newsclean.io.delimited import DelimitedWriter, read_delimited
from newsclean.io.extract import read_html
from newsclean.io.feeds import JSON_FEED_MARK, read_feed, read_json_feed
from newsclean.io.jsonl import (
    JsonArrayWriter,
    dumps,
    read_json_array,
    read_jsonl,
    set_path,
    write_jsonl_record,
)
from newsclean.io.options import FormatOptions
from newsclean.io.parquet import ParquetRecordWriter, read_parquet
from newsclean.io.remote import Remote
from newsclean.io.text import read_text, write_text_record
from newsclean.records import Record

__all__ = [
    "FORMATS",
    "FormatOptions",
    "InputError",
    "Writer",
    "detect_format",
    "make_writer",
    "output_kind",
    "read_records",
]


class Writer(Protocol):
    def write(self, record: Record) -> None: ...
    def close(self) -> None: ...


class _FunctionWriter:
    def __init__(
        self, out: IO[bytes], write: Callable[[IO[bytes], Record], None], separator: bytes = b""
    ) -> None:
        self.out, self._write, self.separator, self.count = out, write, separator, 0

    def write(self, record: Record) -> None:
        if self.count and self.separator:
            self.out.write(self.separator)
        self._write(self.out, record)
        self.count += 1

    def close(self) -> None:
        return None


class RssWriter:
    """Feed items as an RSS 2.0 document (title, link, guid, pubDate, description), streamed."""

    def __init__(self, out: IO[bytes]) -> None:
        self.out = out
        out.write(
            b'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
            b"<title>cleaned by newsclean</title><link>https://pypi.org/project/newsclean/</link>"
            b"<description>items cleaned by newsclean</description>\n"
        )

    def write(self, record: Record) -> None:
        item = dict(record.item or {})
        item.update(record.texts)
        parts = [
            ("title", item.get("title")),
            ("link", item.get("link")),
            ("guid", item.get("id")),
            ("pubDate", item.get("published")),
            ("description", item.get("content") or item.get("summary")),
        ]
        body = "".join(f"<{tag}>{escape(str(value))}</{tag}>" for tag, value in parts if value)
        self.out.write(f"<item>{body}</item>\n".encode())

    def close(self) -> None:
        self.out.write(b"</channel></rss>\n")


def _write_item(out: IO[bytes], record: Record) -> None:
    """Feed items: the item object with its cleaned texts, one JSON line. A feed that could
    not be read (no item) has no line here: it is reported, and its bytes go to --rejects."""
    if record.item is None:
        return
    item = dict(record.item)
    for path, text in record.texts.items():
        set_path(item, path, text)
    out.write(dumps(item).encode("utf-8") + b"\n")


Reader = Callable[[IO[bytes], str, FormatOptions], Iterator[Record]]


@dataclass(frozen=True)
class Format:
    name: str
    read: Reader
    writes: str  # the format its output is written in
    suffixes: tuple[str, ...]


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("jsonl", read_jsonl, "jsonl", (".jsonl", ".ndjson", ".jl")),
        Format("json", read_json_array, "json", (".json",)),
        Format("csv", partial(read_delimited, delimiter=","), "csv", (".csv",)),
        Format("tsv", partial(read_delimited, delimiter="\t"), "tsv", (".tsv", ".tab")),
        Format("text", read_text, "text", (".txt", ".text", ".md")),
        Format("feed", read_feed, "items", (".rss", ".atom", ".xml")),
        # by content only: a .json file that names a jsonfeed.org version
        Format("jsonfeed", read_json_feed, "items", ()),
        Format("html", read_html, "text", (".html", ".htm", ".xhtml")),
        Format("parquet", read_parquet, "parquet", (".parquet", ".pq")),
    )
}
OUTPUT_SUFFIX = {
    "jsonl": ".jsonl",
    "json": ".json",
    "csv": ".csv",
    "tsv": ".tsv",
    "text": ".txt",
    "items": ".jsonl",
    "parquet": ".parquet",
}


def output_kind(fmt: str, target: Path | Remote | None = None) -> str:
    """What records of input format ``fmt`` are written as, to ``target`` (None: stdout).

    Usually the input's own format (feeds: their items as JSON Lines; pages: text). Two
    outputs are asked for by the target's name: feed items to ``.rss``/``.xml`` are an RSS
    document, and pages to ``.jsonl`` are JSON Lines with the page's metadata as fields.

    >>> output_kind("html"), output_kind("html", Path("pages.jsonl.gz")), output_kind("feed", Path("x.rss"))
    ('text', 'items', 'rss')
    """
    writes = FORMATS[fmt].writes
    if target is None:
        return writes
    suffix = strip_compression(target).suffix.lower()
    if writes == "items" and suffix in (".rss", ".xml"):
        return "rss"
    if fmt == "html" and suffix in FORMATS["jsonl"].suffixes:
        return "items"
    return writes


_COMMENT_RE = re.compile(rb"\s*<!--.*?-->", re.DOTALL)


def detect_format(path: Path | Remote, head: bytes = b"", column: str = "text") -> str:
    r"""The format of a file, from its extension (compression ignored), else from its content.

    Content sniffing skips a UTF-8 BOM, leading blanks and XML/HTML comments; a first line
    that names ``column`` among tab- or comma-separated cells is a TSV or CSV header.

    >>> detect_format(Path("dump.jsonl.gz")), detect_format(Path("x"), b'{"text": "a"}')
    ('jsonl', 'jsonl')
    >>> detect_format(Path("-"), b"\xef\xbb\xbfid,text\r\n1,a"), detect_format(Path("-"), b"id\ttext\n")
    ('csv', 'tsv')
    >>> detect_format(Path("feed.json"), b'{"version": "https://jsonfeed.org/version/1.1", "items": []}')
    'jsonfeed'
    """
    suffix = strip_compression(path).suffix.lower()
    if (
        suffix in ("", ".json", ".feed")
        and head.lstrip()[:1] in (b"{", b"\xef")
        and JSON_FEED_MARK in head
    ):
        return "jsonfeed"
    for fmt in FORMATS.values():
        if suffix in fmt.suffixes:
            return fmt.name
    if head.startswith(b"PAR1"):
        return "parquet"
    start = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    while start.startswith(b"<!--"):
        comment = _COMMENT_RE.match(start)
        if comment is None:
            break
        start = start[comment.end() :].lstrip()
    lower = start[:300].lower()
    if lower.startswith(b"{"):
        return "jsonl"
    if lower.startswith(b"["):
        return "json"
    if lower.startswith((b"<!doctype html", b"<html")):
        return "html"
    if lower.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf")):
        return "html" if b"<html" in lower and b"<rss" not in lower else "feed"
    first = head.removeprefix(b"\xef\xbb\xbf").split(b"\n", 1)[0].rstrip(b"\r")
    name = column.encode("utf-8", "replace")
    if len(first) < len(head) or len(head) < 4096:  # a whole first line
        if name in first.split(b"\t"):
            return "tsv"
        cells = next(csv.reader([first.decode("utf-8", "replace")]), [])
        if column in cells and len(cells) > 1:
            return "csv"
    return "text"


def read_records(
    path: Path | Remote | None,
    fmt: str | None,
    options: FormatOptions,
    stdin: IO[bytes] | None = None,
) -> Iterator[Record]:
    """Records of a file (``None`` with ``stdin``: standard input), streamed."""
    if path is None:
        if stdin is None:
            raise ValueError("read_records(None, ...) reads standard input: pass stdin")
        stream: IO[bytes] = stdin
        where = "<stdin>"
        name: Path | Remote = Path("stdin")
    else:
        stream = open_binary_read(path, options.encoding, options.errors)
        where = str(path)
        name = path
    try:
        try:
            if fmt is None:
                peek = getattr(stream, "peek", None)
                fmt = detect_format(name, peek(4096)[:4096] if peek else b"", options.column)
            yield from FORMATS[fmt].read(stream, where, options)
        except OSError as exc:  # a truncated gzip, an unreadable disk
            raise InputError(f"{where}: cannot read ({exc})") from None
        except EOFError as exc:
            raise InputError(f"{where}: file ends early ({exc})") from None
    finally:
        if path is not None:
            stream.close()


def make_writer(output_format: str, out: IO[bytes]) -> Writer:
    """A writer of records in ``output_format`` (a Format's ``writes``) to ``out``."""
    if output_format == "jsonl":
        return _FunctionWriter(out, write_jsonl_record)
    if output_format == "items":
        return _FunctionWriter(out, _write_item)
    if output_format == "rss":
        return RssWriter(out)
    if output_format == "json":
        return JsonArrayWriter(out)
    if output_format in ("csv", "tsv"):
        return DelimitedWriter(out, "," if output_format == "csv" else "\t")
    if output_format == "parquet":
        return ParquetRecordWriter(out)
    if output_format == "text":
        return _FunctionWriter(out, write_text_record, separator=b"\n")
    raise ValueError(f"unknown output format {output_format!r}")
