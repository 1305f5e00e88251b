"""Feeds: RSS, Atom and RDF with feedparser, and JSON Feed; one record per item.

Title, summary and content are cleaned; HTML in them is rendered to text first
(`newsclean.io.html`). Items come out as JSON objects (id, link, published, title, summary,
content), written as JSON Lines, whatever the feed's format.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import IO, Any

import feedparser

from newsclean.io.html import html_to_text
from newsclean.io.options import FormatOptions
from newsclean.records import Record

FIELDS = ("title", "summary", "content")


def _text_of(detail: Any, value: str, options: FormatOptions) -> str:
    kind = (detail or {}).get("type", "")
    return html_to_text(value, alt_text=options.alt_text) if "html" in kind else value


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
        read = len(parsed.entries)
        yield Record(
            where,
            raw=data,
            problem=f"feed is not well-formed XML ({problem}); the {read} item"
            f"{'s' if read != 1 else ''} read before it are cleaned, and the whole file",
        )
    for number, entry in enumerate(parsed.entries, 1):
        content = entry.get("content") or []
        item: dict[str, Any] = {
            "id": entry.get("id") or entry.get("link") or f"{where}#{number}",
            "link": entry.get("link"),
            "published": entry.get("published") or entry.get("updated"),
            "title": _text_of(entry.get("title_detail"), entry.get("title", ""), options),
            "summary": _text_of(entry.get("summary_detail"), entry.get("summary", ""), options),
            "content": _text_of(content[0], content[0].get("value", ""), options)
            if content
            else "",
        }
        texts = {name: item[name] for name in FIELDS if item[name]}
        lang = parsed.feed.get("language") if options.lang is None else options.lang
        yield Record(f"{where}#item{number}", texts=texts, item=item, raw=None, lang=lang)


JSON_FEED_MARK = b"jsonfeed.org/version/"


def read_json_feed(stream: IO[bytes], where: str, options: FormatOptions) -> Iterator[Record]:
    """JSON Feed (https://jsonfeed.org, versions 1 and 1.1): one record per item, in the same
    shape as an RSS item. ``content_html`` is rendered; ``content_text`` is taken as it is."""
    data = stream.read()
    try:
        feed = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        yield Record(where, raw=data, problem=f"not a JSON Feed ({exc})")
        return
    if not (
        isinstance(feed, dict)
        and str(feed.get("version", "")).startswith("https://jsonfeed.org/version/")
        and isinstance(feed.get("items", []), list)
    ):
        yield Record(
            where, raw=data, problem="not a JSON Feed (no jsonfeed.org version, or no items list)"
        )
        return
    lang = options.lang or feed.get("language")
    for number, entry in enumerate(feed.get("items") or [], 1):
        if not isinstance(entry, dict):
            raw = json.dumps(entry, ensure_ascii=False).encode("utf-8")
            yield Record(f"{where}#item{number}", raw=raw, problem="item is not a JSON object")
            continue
        html = entry.get("content_html")
        content = (
            html_to_text(html, alt_text=options.alt_text)
            if isinstance(html, str) and html
            else str(entry.get("content_text") or "")
        )
        item: dict[str, Any] = {
            "id": str(entry.get("id") or entry.get("url") or f"{where}#{number}"),
            "link": entry.get("url"),
            "published": entry.get("date_published") or entry.get("date_modified"),
            "title": str(entry.get("title") or ""),
            "summary": str(entry.get("summary") or ""),
            "content": content,
        }
        texts = {name: item[name] for name in FIELDS if item[name]}
        yield Record(
            f"{where}#item{number}", texts=texts, item=item, lang=entry.get("language") or lang
        )
