"""HTML pages and fragments: the visible text, rendered as a browser lays it out, with bs4.

Every text node outside furniture elements (scripts, styles, navigation, headers, footers,
asides) comes out: block elements (``p``, ``div``, ``section``, ``li``, headings, …) are
separated by a blank line, ``<br>`` is a line break, and inline elements (``span``, ``a``,
``b``…) never split or glue words. Code keeps its lines (see `html_to_text`). Image alt text
is its own line, so ``drop_caption_blocks`` can judge it.

This renders fragments whole (the HTML of a feed item). A page's article is found by
`newsclean.io.extract`.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator

from bs4 import BeautifulSoup
from bs4.element import (
    CData,
    Comment,
    Declaration,
    Doctype,
    NavigableString,
    PageElement,
    ProcessingInstruction,
    Tag,
)

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
# merges with its neighbours. "\n" is a <br>. Text nodes lose these control characters.
_BLOCK, _LINE = "\x1e", "\x1f"
# Around the number of a code block kept aside until the layout is done (not whitespace to
# str.split, unlike the marks above; a NUL in a text node becomes U+FFFD, as in browsers).
_CODE = "\x00"
_MARKS = {0x00: "\ufffd", 0x1E: None, 0x1F: None}
_BREAKS_RE = re.compile("[\x1e\x1f\n]*[\x1e\x1f][\x1e\x1f\n]*")
_CODE_RE = re.compile("\x00([0-9]+)\x00")


def _break(run: re.Match[str]) -> str:
    marks = run.group()
    if _BLOCK in marks:
        return "\n\n"
    return "\n" * max(1, min(2, marks.count("\n")))


class _Renderer:
    """Walks a parsed page, appending text pieces and break marks to ``out``. Code blocks are
    kept aside, whole, and stand in ``out`` as a placeholder until the layout is done."""

    def __init__(self, alt_text: bool) -> None:
        self.out: list[str] = []
        self.code: list[str] = []
        self.alt_text = alt_text

    def render(self, root: Tag) -> None:
        """Walk ``root``'s descendants in document order, with a stack of its own rather than
        Python's: a page of thousands of nested elements is as readable as a flat one."""
        out = self.out
        # Each open element: its remaining children, and what to append when they are done.
        stack: list[tuple[Iterator[PageElement], str]] = [(iter(root.children), "")]
        while stack:
            children, close = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                if close:
                    out.append(close)
                continue
            if isinstance(child, NavigableString):
                if not isinstance(child, _NOT_TEXT):
                    out.append(" ".join(str(child).translate(_MARKS).split("\n")))
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
                if alt and self.alt_text:
                    out += [_LINE, alt.translate(_MARKS), _LINE]
            elif name == "pre" or (name == "code" and "\n" in child.get_text().strip()):
                self.fence(child.get_text())
            elif name == "code":
                out.append(_inline_code(child.get_text().translate(_MARKS)))
            elif name == "figcaption":  # a line under its image's alt text, as scrapers see it
                out.append("\n")
                stack.append((iter(child.children), "\n"))
            elif name in _BLOCKS:
                out.append(_BLOCK)
                stack.append((iter(child.children), _BLOCK))
            else:
                stack.append((iter(child.children), ""))

    def fence(self, code: str) -> None:
        """A code block, verbatim, as a Markdown fenced block (which the pipeline leaves
        alone: `newsclean._code`)."""
        code = code.translate(_MARKS).strip("\n")
        if not code.strip():
            return
        fence = "~~~~" if "```" in code else "```"
        self.out += [_BLOCK, f"{_CODE}{len(self.code)}{_CODE}", _BLOCK]
        self.code.append(f"{fence}\n{code}\n{fence}")


def _inline_code(code: str) -> str:
    """Code inside a sentence, as a Markdown code span."""
    code = " ".join(code.split())
    if not code:
        return ""
    return f"`{code}`" if "`" not in code else f"`` {code} ``"


def _layout(pieces: list[str], code: list[str]) -> str:
    """Join pieces: collapse spaces within lines, at most one blank line between blocks."""
    text = _BREAKS_RE.sub(_break, "".join(pieces))
    paragraphs = []
    for block in text.split("\n\n"):
        lines = [" ".join(line.split()) for line in block.split("\n")]
        lines = [line for line in lines if line]
        if lines:
            paragraphs.append("\n".join(lines))
    return _CODE_RE.sub(lambda m: code[int(m.group(1))], "\n\n".join(paragraphs))


def html_to_text(markup: str | bytes, *, alt_text: bool = True) -> str:
    """The visible text of an HTML page or fragment, one block per paragraph.

    Code (``<pre>``, and ``<code>`` of several lines) comes out verbatim as a Markdown fenced
    block, and ``<code>`` inside a sentence as a code span, so that cleaning leaves it alone.
    ``alt_text=False`` drops the alt text of images (by default it is a line of its own).

    >>> html_to_text("<p>Troops <b>left</b>.</p><script>x()</script><p>Talks resumed.</p>")
    'Troops left.\\n\\nTalks resumed.'
    >>> html_to_text("<div>Intro text</div><p>First line<br>second line</p><span>tail</span>")
    'Intro text\\n\\nFirst line\\nsecond line\\n\\ntail'
    >>> print(html_to_text("<p>Set <code>x = a ? b : c</code>:</p><pre>if x:\\n    y  = 1</pre>"))
    Set `x = a ? b : c`:
    <BLANKLINE>
    ```
    if x:
        y  = 1
    ```
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # bs4's "looks like a file name/URL" hints
        soup = BeautifulSoup(markup, "html.parser")
    renderer = _Renderer(alt_text)
    renderer.render(soup)
    return _layout(renderer.out, renderer.code)
