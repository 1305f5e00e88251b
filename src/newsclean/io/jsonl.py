"""JSON Lines (one object per line) and JSON arrays of objects.

Each line is decoded and parsed on its own, so a broken line costs only that line: it is
passed through byte for byte with the reason. A record whose texts did not change is written
back exactly as it was read, so cleaning never reformats what it did not touch.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import IO, Any

from newsclean.io.options import FormatOptions
from newsclean.records import Record


def get_path(item: Any, path: str) -> Any:
    """``item["body"]["text"]`` for ``"body.text"`` (``"paras.0"``: a list's first element);
    KeyError when any step is missing."""
    for key in path.split("."):
        if isinstance(item, list) and key.isdigit() and int(key) < len(item):
            item = item[int(key)]
        elif isinstance(item, dict) and key in item:
            item = item[key]
        else:
            raise KeyError(key)
    return item


def set_path(item: dict[str, Any], path: str, value: str) -> None:
    *parents, last = path.split(".")
    node: Any = item
    for key in parents:
        node = node[int(key)] if isinstance(node, list) else node[key]
    if isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value


def string_leaves(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """The strings inside a list or object of strings (at any depth), with their dotted
    paths; numbers, booleans and nulls among them are left alone.

    >>> list(string_leaves({"lead": "a", "paras": ["b", 3, ["c"]]}, "body"))
    [('body.lead', 'a'), ('body.paras.0', 'b'), ('body.paras.2.0', 'c')]
    """
    stack: list[tuple[str, Any]] = [(path, value)]
    while stack:  # a stack of its own: nesting as deep as json.loads reads is fine
        where, node = stack.pop()
        if isinstance(node, str):
            yield where, node
        elif isinstance(node, dict):
            stack.extend((f"{where}.{k}", v) for k, v in reversed(node.items()))
        elif isinstance(node, list):
            stack.extend((f"{where}.{i}", v) for i, v in reversed(list(enumerate(node))))


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
        if isinstance(value, str):
            texts[path] = value
        elif isinstance(value, (list, dict)) and all("." not in str(k) for k in _keys(value)):
            texts.update(string_leaves(value, path))  # paragraphs as a list, and the like
        else:
            kind = "null" if value is None else f"{type(value).__name__}, not text"
            return Record(where, item=item, raw=raw, problem=f"field {path!r} is {kind}")
    try:
        lang = get_path(item, options.lang_field)
    except KeyError:
        lang = None
    lang = lang if isinstance(lang, str) and lang else options.lang
    return Record(where, texts=texts, item=item, raw=raw, lang=lang)


def _keys(value: Any) -> Iterator[str]:
    """Every object key under ``value``: a key with a dot cannot be named by a dotted path."""
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            yield from node
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


def read_jsonl(
    stream: IO[bytes], where: str, options: FormatOptions, first_line: int = 1
) -> Iterator[Record]:
    """Records of JSON lines; ``first_line`` numbers the first line (a shard's offset).

    A blank line comes back as a structural record, so the output keeps it; a UTF-8 BOM on
    the first line is skipped for parsing and kept in the output.
    """
    for number, line in enumerate(stream, first_line):
        if not line.strip():
            yield Record(f"{where}:{number}", raw=line, structural=True)
            continue
        loc = f"{where}:{number}"
        body = line.rstrip(b"\r\n")
        if number == 1 and body.startswith(BOM):
            body = body[len(BOM) :]
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
        except RecursionError:
            yield Record(loc, raw=line, problem="JSON nested too deeply to parse")
            continue
        yield record_from_object(item, loc, options, line)


BOM = b"\xef\xbb\xbf"


def dumps(value: Any) -> str:
    """JSON text of ``value``, UTF-8 where it can be; ASCII escapes when it holds a lone
    surrogate (half an emoji from JavaScript's ``"\\ud83d"``), which UTF-8 cannot carry."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(value, default=str)
    return text


_WS_RE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()
scanstring = json.decoder.scanstring  # type: ignore[attr-defined]  # (str, end) -> (value, end)


def _tree(paths: Iterable[str]) -> dict[str, Any]:
    """``{"body": {"text": "body.text"}, "title": "title"}`` for ``["body.text", "title"]``."""
    tree: dict[str, Any] = {}
    for path in paths:
        node = tree
        *parents, last = path.split(".")
        for key in parents:
            node = node.setdefault(key, {})
        node[last] = path
    return tree


def string_spans(source: str, paths: Iterable[str], start: int = 0) -> dict[str, tuple[int, int]]:
    """Where the string value of each dotted path lies in the JSON object text ``source``
    (from ``start``), quotes included. A later duplicate key wins, as in ``json.loads``.

    >>> string_spans('{"id": 1E5, "body": {"text": "war"}, "text": 2}', ["body.text"])
    {'body.text': (29, 34)}
    >>> string_spans('{"paras": ["a", 1, "b"]}', ["paras.0", "paras.2"])
    {'paras.0': (11, 14), 'paras.2': (19, 22)}
    """
    spans: dict[str, tuple[int, int]] = {}

    def walk(pos: int, node: dict[str, Any]) -> int:  # pos at "{"; returns the end of the object
        pos = _WS_RE.match(source, pos + 1).end()  # type: ignore[union-attr]
        if source[pos] == "}":
            return pos + 1
        while True:
            key, pos = scanstring(source, pos + 1)
            pos = _WS_RE.match(source, pos).end()  # type: ignore[union-attr]
            pos = _WS_RE.match(source, pos + 1).end()  # type: ignore[union-attr]  # past ":"
            pos = value(pos, node.get(key))
            pos = _WS_RE.match(source, pos).end()  # type: ignore[union-attr]
            if source[pos] == "}":
                return pos + 1
            pos = _WS_RE.match(source, pos + 1).end()  # type: ignore[union-attr]  # past ","

    def walk_array(pos: int, node: dict[str, Any]) -> int:  # pos at "["; its elements by index
        pos = _WS_RE.match(source, pos + 1).end()  # type: ignore[union-attr]
        if source[pos] == "]":
            return pos + 1
        index = 0
        while True:
            pos = value(pos, node.get(str(index)))
            pos = _WS_RE.match(source, pos).end()  # type: ignore[union-attr]
            if source[pos] == "]":
                return pos + 1
            pos = _WS_RE.match(source, pos + 1).end()  # type: ignore[union-attr]  # past ","
            index += 1

    def value(pos: int, target: Any) -> int:  # the end of the value at pos
        if isinstance(target, str) and source[pos] == '"':
            _, end = scanstring(source, pos + 1)
            spans[target] = (pos, end)
            return int(end)
        if isinstance(target, dict) and source[pos] == "{":
            return walk(pos, target)
        if isinstance(target, dict) and source[pos] == "[":
            return walk_array(pos, target)
        return int(_DECODER.raw_decode(source, pos)[1])

    walk(_WS_RE.match(source, start).end(), _tree(paths))  # type: ignore[union-attr]
    return spans


def splice_strings(source: str, texts: dict[str, str], start: int = 0) -> str:
    """``source`` (JSON object text) with the string values at ``texts``' paths replaced and
    every other byte as it was: numbers such as ``1E5`` or ``1e400``, duplicate keys, key
    order and spacing survive, which a ``json.loads``/``json.dumps`` round trip would not.

    >>> splice_strings('{"n": 1E5, "text": "a &amp;quot;b&amp;quot;"}', {"text": 'a "b"'})
    '{"n": 1E5, "text": "a \\\\"b\\\\""}'
    """
    spans = string_spans(source, texts, start)
    out = []
    at = 0
    for path, (begin, end) in sorted(spans.items(), key=lambda kv: kv[1]):
        out += [source[at:begin], dumps(texts[path])]
        at = end
    out.append(source[at:])
    return "".join(out)


def write_jsonl_record(out: IO[bytes], record: Record) -> None:
    """The line as read; for a changed record, the line with only its cleaned strings replaced."""
    raw = record.raw if isinstance(record.raw, bytes) else str(record.raw or "").encode("utf-8")
    if record.passed_through or not record.changed or record.structural:
        out.write(raw)
        return
    body = raw.rstrip(b"\r\n")
    ending = raw[len(body) :]
    prefix = BOM if body.startswith(BOM) else b""
    spliced = splice_strings(body[len(prefix) :].decode("utf-8"), record.texts)
    out.write(prefix + spliced.encode("utf-8") + ending)


def read_json_array(stream: IO[bytes], where: str, options: FormatOptions) -> Iterator[Record]:
    """Records of a JSON array of objects (or of one object).

    Each record's ``raw`` is its element's text with the separator before it, and a last
    structural record holds what follows the last element, so writing every ``raw`` back
    gives the file byte for byte. A file that does not parse is one passed-through record.
    """
    data = stream.read()
    body = data[len(BOM) :] if data.startswith(BOM) else data
    try:
        source = body.decode("utf-8")
        items = json.loads(source)
    except UnicodeDecodeError as exc:
        yield Record(
            where,
            raw=data,
            problem=f"not UTF-8 (byte 0x{body[exc.start]:02x} at offset {exc.start})",
        )
        return
    except json.JSONDecodeError as exc:
        yield Record(
            where,
            raw=data,
            problem=f"not JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})",
        )
        return
    except RecursionError:
        yield Record(where, raw=data, problem="JSON nested too deeply to parse")
        return
    if len(body) < len(data):
        yield Record(where, raw=BOM, structural=True)
    if not isinstance(items, list):
        yield record_from_object(items, where, options, body)
        return
    at = 0
    for number, item in enumerate(items):
        # past the "[" (or the "," after the previous element) and the blanks around it
        sep = source.index("[") if number == 0 else _WS_RE.match(source, at).end()  # type: ignore[union-attr]
        begin = _WS_RE.match(source, sep + 1).end()  # type: ignore[union-attr]
        _, end = _DECODER.raw_decode(source, begin)
        raw = source[at:end].encode("utf-8")
        yield record_from_object(item, f"{where}[{number}]", options, raw)
        at = end
    yield Record(where, raw=source[at:].encode("utf-8"), structural=True)


class JsonArrayWriter:
    """Writes each element as it was read, with only a changed record's cleaned strings
    replaced: an unchanged file comes out byte for byte."""

    def __init__(self, out: IO[bytes]) -> None:
        self.out = out

    def write(self, record: Record) -> None:
        raw = record.raw if isinstance(record.raw, bytes) else str(record.raw or "").encode()
        if record.changed and not record.passed_through:
            source = raw.decode("utf-8")
            start = len(source) - len(source.lstrip("[, \t\n\r"))
            raw = splice_strings(source, record.texts, start).encode("utf-8")
        self.out.write(raw)

    def close(self) -> None:
        return None
