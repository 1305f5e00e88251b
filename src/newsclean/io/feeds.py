"""RSS and Atom feeds with feedparser: one record per item; title, summary and content cleaned.

HTML in summaries and contents is turned into text first. Items come out as JSON objects
(id, link, published, title, summary, content), written as JSON Lines.
"""

from __future__ import annotations

import io
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
    """One record per item. The bytes go to feedparser as a buffer: given bytes or a string,
    feedparser would try them as a URL or a local file name first."""
    data = stream.read()
    parsed = feedparser.parse(io.BytesIO(data))
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if isinstance(problem, feedparser.CharacterEncodingOverride):
        problem = None  # a declared charset that was wrong: feedparser decoded it anyway
    if not parsed.entries and not parsed.get("version"):
        why = f" ({problem})" if problem else ""
        yield Record(where, raw=data, problem=f"not an RSS, Atom or RDF feed{why}")
        return
    if problem is not None:
        # A feed that is not well-formed (truncated, say): its items are read as far as
        # feedparser got, and the whole file goes to the rejects too, so nothing is lost.
        yield Record(where, raw=data, problem=f"feed is not well-formed XML ({problem})")
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
        lang = parsed.feed.get("language") if options.lang is None else options.lang
        yield Record(f"{where}#item{number}", texts=texts, item=item, raw=None, lang=lang)
