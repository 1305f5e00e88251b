"""HTML pages: the visible text, paragraph by paragraph, with beautifulsoup4."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

from bs4 import BeautifulSoup

from newsclean.io.options import FormatOptions
from newsclean.records import Record

# Page furniture, not story. (A figure's caption stays: drop_caption_blocks decides on it.)
_SKIP = (
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "svg",
)
_BLOCKS = (
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "figure",
    "figcaption",
    "pre",
    "td",
    "th",
    "dd",
    "dt",
)


def html_to_text(markup: str | bytes) -> str:
    """The visible text of an HTML page or fragment, one block per paragraph.

    >>> html_to_text("<p>Troops <b>left</b>.</p><script>x()</script><p>Talks resumed.</p>")
    'Troops left.\\n\\nTalks resumed.'
    """
    soup = BeautifulSoup(markup, "html.parser")
    for tag in soup(_SKIP):
        tag.decompose()
    for img in soup("img"):  # alt text is part of what a scraper sees; keep it as a line
        if img.get("alt"):
            img.replace_with(f"\n{img['alt']}\n")
    blocks = soup.find_all(_BLOCKS)
    if not blocks:
        return " ".join(soup.get_text(" ").split())
    texts = []
    for block in blocks:
        if block.find_parent(_BLOCKS):
            continue  # its text is part of an enclosing block
        text = "\n".join(" ".join(line.split()) for line in block.get_text("").split("\n"))
        text = "\n".join(line for line in text.split("\n") if line)
        if text:
            texts.append(text)
    return "\n\n".join(texts)


def read_html(stream: IO[bytes], where: str, options: FormatOptions) -> Iterator[Record]:
    data = stream.read()
    # No raw: what comes out of an HTML page is always its text, cleaned.
    yield Record(where, texts={"text": html_to_text(data)}, item={"path": where})
