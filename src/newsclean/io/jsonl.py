"""JSON Lines (one object per line) and JSON arrays of objects.

Each line is decoded and parsed on its own, so a broken line costs only that line: it is
passed through byte for byte with the reason. A record whose texts did not change is written
back exactly as it was read, so cleaning never reformats what it did not touch.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, Any

from newsclean.io.options import FormatOptions
from newsclean.records import Record


def get_path(item: Any, path: str) -> Any:
    """``item["body"]["text"]`` for ``"body.text"``; KeyError when any step is missing."""
    for key in path.split("."):
        if not isinstance(item, dict) or key not in item:
            raise KeyError(key)
        item = item[key]
    return item


def set_path(item: dict[str, Any], path: str, value: str) -> None:
    *parents, last = path.split(".")
    for key in parents:
        item = item[key]
    item[last] = value


def record_from_object(
    item: Any, where: str, options: FormatOptions, raw: bytes | str | None
) -> Record:
    """A Record of the fields of a parsed JSON object, or one that says why it cannot be."""
    if not isinstance(item, dict):
        return Record(where, raw=raw, problem=f"not a JSON object (a {type(item).__name__})")
    texts: dict[str, str] = {}
    for path in options.fields:
        try:
            value = get_path(item, path)
        except KeyError:
            return Record(where, item=item, raw=raw, problem=f"field {path!r} missing")
        if not isinstance(value, str):
            kind = "null" if value is None else f"{type(value).__name__}, not text"
            return Record(where, item=item, raw=raw, problem=f"field {path!r} is {kind}")
        texts[path] = value
    return Record(where, texts=texts, item=item, raw=raw)


def read_jsonl(
    stream: IO[bytes], where: str, options: FormatOptions, first_line: int = 1
) -> Iterator[Record]:
    """Records of JSON lines; ``first_line`` numbers the first line (a shard's offset)."""
    for number, line in enumerate(stream, first_line):
        if not line.strip():
            continue
        loc = f"{where}:{number}"
        body = line.rstrip(b"\r\n")
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield Record(
                loc,
                raw=line,
                problem=f"not UTF-8 (byte 0x{body[exc.start]:02x} at column {exc.start + 1})",
            )
            continue
        try:
            item = json.loads(text)
        except json.JSONDecodeError as exc:
            yield Record(
                loc,
                raw=line,
                problem=f"not JSON ({exc.msg.removesuffix(' at')} at column {exc.colno})",
            )
            continue
        yield record_from_object(item, loc, options, line)


def write_jsonl_record(out: IO[bytes], record: Record) -> None:
    if record.passed_through or not record.changed:
        raw = record.raw if isinstance(record.raw, bytes) else str(record.raw or "").encode("utf-8")
        out.write(raw if raw.endswith(b"\n") else raw + b"\n")
        return
    for path, text in record.texts.items():
        set_path(record.item, path, text)
    out.write(json.dumps(record.item, ensure_ascii=False).encode("utf-8") + b"\n")


def read_json_array(stream: IO[bytes], where: str, options: FormatOptions) -> Iterator[Record]:
    data = stream.read()
    try:
        items = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        yield Record(
            where,
            raw=data,
            problem=f"not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})",
        )
        return
    except json.JSONDecodeError as exc:
        yield Record(
            where,
            raw=data,
            problem=f"not JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})",
        )
        return
    if not isinstance(items, list):
        items = [items]
    for number, item in enumerate(items):
        yield record_from_object(
            item, f"{where}[{number}]", options, json.dumps(item, ensure_ascii=False)
        )


class JsonArrayWriter:
    """Writes ``[`` on the first record and ``]`` on close: a streamed JSON array."""

    def __init__(self, out: IO[bytes]) -> None:
        self.out = out
        self.count = 0

    def write(self, record: Record) -> None:
        if record.passed_through and record.item is None:
            item: Any = (
                record.raw.decode("utf-8", "replace")
                if isinstance(record.raw, bytes)
                else record.raw
            )
        else:
            item = record.item
            if record.changed:
                for path, text in record.texts.items():
                    set_path(item, path, text)
        self.out.write(
            (b"[\n" if not self.count else b",\n")
            + json.dumps(item, ensure_ascii=False).encode("utf-8")
        )
        self.count += 1

    def close(self) -> None:
        self.out.write(b"\n]\n" if self.count else b"[]\n")
