"""RSS and Atom feeds with feedparser: one record per item; title, summary and content cleaned.

HTML in summaries and contents is turned into text first. Items come out as JSON objects
(id, link, published, title, summary, content), written as JSON Lines.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

import feedparser

from newsclean.io.html import html_to_text
from newsclean.io.options import FormatOptions
from newsclean.records import Record

FIELDS = ("title", "summary", "content")


def _text_of(detail: Any, value: str) -> str:
    kind = (detail or {}).get("type", "")
    return html_to_text(value) if "html" in kind else value


def read_feed(stream: IO[bytes], where: str, options: FormatOptions) -> Iterator[Record]:
    parsed = feedparser.parse(stream.read())
    if parsed.get("bozo") and not parsed.entries:
        problem = parsed.get("bozo_exception")
        yield Record(where, raw=None, problem=f"not an RSS or Atom feed ({problem})")
        return
    for number, entry in enumerate(parsed.entries, 1):
        content = entry.get("content") or []
        item: dict[str, Any] = {
            "id": entry.get("id") or entry.get("link") or f"{where}#{number}",
            "link": entry.get("link"),
            "published": entry.get("published") or entry.get("updated"),
            "title": _text_of(entry.get("title_detail"), entry.get("title", "")),
            "summary": _text_of(entry.get("summary_detail"), entry.get("summary", "")),
            "content": _text_of(content[0], content[0].get("value", "")) if content else "",
        }
        texts = {name: item[name] for name in FIELDS if item[name]}
        yield Record(f"{where}#item{number}", texts=texts, item=item, raw=None)
