"""HTML pages and fragments: the visible text, rendered as a browser lays it out, with bs4.

Every text node outside furniture elements (scripts, styles, navigation, headers, footers,
asides) comes out: block elements (``p``, ``div``, ``section``, ``li``, headings, …) are
separated by a blank line, ``<br>`` is a line break, and inline elements (``span``, ``a``,
``b``…) never split or glue words. Text of ``<pre>`` keeps its lines. Image alt text is its
own line, so ``drop_caption_blocks`` can judge it.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from typing import IO

from bs4 import BeautifulSoup
from bs4.element import (
    CData,
    Comment,
    Declaration,
    Doctype,
    NavigableString,
    ProcessingInstruction,
    Tag,
)

from newsclean.io.options import FormatOptions
from newsclean.records import Record

# Page furniture, not story. (A figure's caption stays: drop_caption_blocks decides on it.)
_SKIP = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "nav",
        "header",
        "footer",
        "aside",
        "iframe",
        "svg",
        "head",
        "button",
        "select",
        "option",
        "textarea",
        "input",
        "object",
        "canvas",
    ]
)
# Elements a browser lays out as blocks: their text never runs into the text around them.
_BLOCKS = frozenset(
    [
        "address",
        "article",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figure",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hgroup",
        "hr",
        "html",
        "li",
        "main",
        "menu",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
_NOT_TEXT = (Comment, Declaration, Doctype, ProcessingInstruction, CData)


# Break marks: a block edge, and the edge of a line of its own (alt text, a caption) that
# merges with its neighbours. "\n" is a <br>. Text nodes lose these two control characters.
_BLOCK, _LINE = "\x1e", "\x1f"
_MARKS = {0x1E: None, 0x1F: None}
_BREAKS_RE = re.compile("[\x1e\x1f\n]*[\x1e\x1f][\x1e\x1f\n]*")


def _break(run: re.Match[str]) -> str:
    marks = run.group()
    if _BLOCK in marks:
        return "\n\n"
    return "\n" * max(1, min(2, marks.count("\n")))


def _render(node: Tag, out: list[str], pre: bool) -> None:
    """Append text pieces and break marks."""
    for child in node.children:
        if isinstance(child, NavigableString):
            if isinstance(child, _NOT_TEXT):
                continue
            text = str(child).translate(_MARKS)
            out.append(text if pre else " ".join(text.split("\n")))
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name.lower()
        if name in _SKIP:
            continue
        if name == "br":
            out.append("\n")
        elif name == "img":
            alt = (child.get("alt") or "").strip()  # type: ignore[union-attr]
            if alt:
                out += [_LINE, alt.translate(_MARKS), _LINE]
        elif name == "figcaption":  # a line under its image's alt text, as scrapers see it
            out.append("\n")
            _render(child, out, pre)
            out.append("\n")
        elif name == "figcaption":  # a line under its image's alt text, as scrapers see it
            out.append(_LINE)
            _render(child, out, pre)
            out.append(_LINE)
        elif name in _BLOCKS:
            out.append(_BLOCK)
            _render(child, out, pre or name == "pre")
            out.append(_BLOCK)
        else:
            _render(child, out, pre)


def _layout(pieces: list[str]) -> str:
    """Join pieces: collapse spaces within lines, at most one blank line between blocks."""
    text = _BREAKS_RE.sub(_break, "".join(pieces))
    paragraphs = []
    for block in text.split("\n\n"):
        lines = [" ".join(line.split()) for line in block.split("\n")]
        lines = [line for line in lines if line]
        if lines:
            paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)


def html_to_text(markup: str | bytes) -> str:
    """The visible text of an HTML page or fragment, one block per paragraph.

    >>> html_to_text("<p>Troops <b>left</b>.</p><script>x()</script><p>Talks resumed.</p>")
    'Troops left.\\n\\nTalks resumed.'
    >>> html_to_text("<div>Intro text</div><p>First line<br>second line</p><span>tail</span>")
    'Intro text\\n\\nFirst line\\nsecond line\\n\\ntail'
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # bs4's "looks like a file name/URL" hints
        soup = BeautifulSoup(markup, "html.parser")
    pieces: list[str] = []
    _render(soup, pieces, pre=False)
    return _layout(pieces)


def read_html(stream: IO[bytes], where: str, options: FormatOptions) -> Iterator[Record]:
    data = stream.read()
    # No raw: what comes out of an HTML page is always its text, cleaned.
    yield Record(where, texts={"text": html_to_text(data)}, item={"path": where}, lang=options.lang)
