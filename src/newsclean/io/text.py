"""Plain text: one document per file. A file that is not UTF-8 is passed through as bytes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

from newsclean.io.options import FormatOptions
from newsclean.records import Record


def read_text(stream: IO[bytes], where: str, options: FormatOptions) -> Iterator[Record]:
    data = stream.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        yield Record(
            f"{where}:{line}",
            raw=data,
            problem=f"not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})",
        )
        return
    if text.startswith("\ufeff"):
        yield Record(where, texts={"text": text[1:]}, raw=data, lang=options.lang)
        return
    # valid UTF-8 without a BOM encodes back to the same bytes, so an unchanged text is
    # written from itself: a huge document is not held twice (as str and as bytes)
    del data
    yield Record(where, texts={"text": text}, lang=options.lang)


def write_text_record(out: IO[bytes], record: Record) -> None:
    if record.passed_through or (not record.changed and record.raw is not None):
        raw = record.raw
        out.write(raw if isinstance(raw, bytes) else str(raw).encode("utf-8"))
    else:
        out.write(record.texts["text"].encode("utf-8"))
