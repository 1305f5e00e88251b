"""What readers and writers are told: which fields or column hold the text, how HTML is read."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FormatOptions:
    fields: tuple[str, ...] = (
        "text",
    )  # JSON: dotted paths ("body.text"); the default is the common name
    column: str = "text"  # CSV/TSV: header name, or a 0-based index
    lang: str | None = None  # the language of every record without its own (--lang)
    lang_field: str = "lang"  # JSON/Parquet: a record's own language, when the field is there
    # HTML pages: "trafilatura" finds the article; "render" keeps every visible text node
    extractor: str = "trafilatura"
    html_comments: bool = False  # keep readers' comments under the article
    html_tables: bool = True  # keep the text of tables
    html_links: bool = False  # write links as [text](url)
    alt_text: bool = True  # rendered HTML (feed items, --extractor render): image alt text
    # Text encodings (newsclean.io.compression.decoding): a UTF-16/32 byte order mark is
    # always decoded; ``encoding`` declares a legacy one; ``errors="replace"`` decodes bytes
    # that are not UTF-8 as U+FFFD instead of passing their record through.
    encoding: str | None = None
    errors: str = "passthrough"
