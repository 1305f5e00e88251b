"""Article text and metadata of a news page, by trafilatura (the ``html`` extra).

A page is mostly furniture: menus, cookie banners, share buttons, related links. Telling the
article from the rest is a field of its own, so newsclean uses a maintained extractor for it
rather than a walker of its own: on 61 real news pages with hand-checked article text
(scrapinghub's article-extraction benchmark) trafilatura scores shingle F1 0.96 where every
visible text node scores 0.80 (``benchmarks/extraction.py``).

Fragments (the HTML inside a feed item) are not pages: they are rendered whole by
``newsclean.io.html.html_to_text``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import IO, Any

from newsclean.errors import InputError, MissingDependencyError
from newsclean.io.html import html_to_text
from newsclean.io.options import FormatOptions
from newsclean.records import Record

INSTALL_HINT = "pip install 'newsclean[html]'"

# trafilatura's JSON keys -> ours. Left out on purpose: "filedate" (the day of the run, so the
# output would change from day to day), "fingerprint", "raw_text", "comments" (in text when kept).
_METADATA = {
    "title": "title",
    "author": "author",
    "date": "date",
    "source": "url",
    "sitename": "sitename",
    "hostname": "hostname",
    "language": "language",
    "excerpt": "description",
    "categories": "categories",
    "tags": "tags",
    "image": "image",
    "pagetype": "pagetype",
}


@dataclass(frozen=True)
class Extracted:
    """What :func:`extract` found: the article text, its metadata, and who found it."""

    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None  # ISO 8601 (YYYY-MM-DD), as htmldate reads it from the page
    url: str | None = None
    sitename: str | None = None
    hostname: str | None = None
    language: str | None = None  # as the page declares it
    description: str | None = None
    categories: str | None = None
    tags: str | None = None
    image: str | None = None
    pagetype: str | None = None
    extractor: str = "trafilatura"  # "render" when trafilatura found no article in the page

    def metadata(self) -> dict[str, str]:
        """The fields that were found, text left out (for a JSON record)."""
        return {k: v for k, v in asdict(self).items() if v is not None and k != "text"}


def _trafilatura() -> Any:
    try:
        import trafilatura
    except ImportError:
        raise MissingDependencyError(
            f"extracting the article of an HTML page needs trafilatura: {INSTALL_HINT}"
        ) from None
    return trafilatura


def extract(
    html: str | bytes,
    *,
    url: str | None = None,
    comments: bool = False,
    tables: bool = True,
    links: bool = False,
) -> Extracted:
    """The article text and metadata of a news page.

    ``comments`` keeps readers' comments (after the article), ``tables`` the text of tables,
    ``links`` writes links as ``[text](url)``. A page in which trafilatura finds no article
    (a fragment, an index page), or that nests too deeply for it, comes out rendered whole
    (``extractor == "render"``), so no text is ever lost without a trace.

    >>> page = ("<html><body><nav>Home | World | Sport</nav><article><h1>Talks resume</h1>"
    ...         "<p>Negotiators met in Geneva on Tuesday for a third round of talks.</p>"
    ...         "<p>Both sides said progress had been made on the ceasefire terms.</p>"
    ...         "</article><footer>Cookie settings</footer></body></html>")
    >>> found = extract(page)
    >>> print(found.text)
    Talks resume
    Negotiators met in Geneva on Tuesday for a third round of talks.
    Both sides said progress had been made on the ceasefire terms.
    >>> found.title, found.extractor
    ('Talks resume', 'trafilatura')
    """
    trafilatura = _trafilatura()
    try:
        result = trafilatura.extract(
            html,
            url=url,
            output_format="json",
            with_metadata=True,
            include_comments=comments,
            include_tables=tables,
            include_links=links,
        )
    except RecursionError:
        # Parts of trafilatura walk the tree recursively: a page nested deeper than Python's
        # stack allows is rendered whole instead (the renderer keeps a stack of its own).
        result = None
    if result is None:
        return Extracted(text=html_to_text(html), url=url, extractor="render")
    found = json.loads(result)
    fields: dict[str, Any] = {ours: found.get(theirs) or None for theirs, ours in _METADATA.items()}
    fields["url"] = fields["url"] or url
    text = found.get("text") or ""
    if comments and found.get("comments"):
        text = f"{text}\n{found['comments']}"  # as trafilatura's text output
    return Extracted(text=text, **fields)


def read_html(stream: IO[bytes], where: str, options: FormatOptions) -> Iterator[Record]:
    """One record per page: its article text (``text``) and, as fields of the item, its
    metadata. No raw: what comes out of a page is always its text."""
    data = stream.read()
    if options.extractor == "render":
        text, item = html_to_text(data, alt_text=options.alt_text), {"extractor": "render"}
    else:
        try:
            found = extract(
                data,
                comments=options.html_comments,
                tables=options.html_tables,
                links=options.html_links,
            )
        except MissingDependencyError as exc:
            raise InputError(
                f"{where}: {exc} (or --extractor render: every visible text node)"
            ) from None
        text, item = found.text, found.metadata()
    if text and not text.endswith("\n"):
        text += "\n"  # a text file ends with a line break
    yield Record(where, texts={"text": text}, item={"path": where, **item}, lang=options.lang)
