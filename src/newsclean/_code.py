"""Code quoted in news text, which no prose cleaner may touch.

Tech news quotes code: shell lines, configuration, Python. Its spacing and punctuation are
syntax (``x = a ? b : c``; a line that repeats on purpose), so the pipeline cleans the prose
around it and leaves it byte for byte (`protected_spans`). Code is recognised in the forms
Markdown gives it, which is also how newsclean renders ``<pre>`` and ``<code>`` from HTML: a
fenced block (```` ``` ```` or ``~~~``), a block indented by four spaces or a tab that reads
as code, and a line holding a ```code span``` that reads as code.
"""

from __future__ import annotations

import bisect
import re

# Lines of code and configuration quoted in tech news: a prompt or a shell variable, a
# Dockerfile or SQL keyword, Python statements, an assignment, braces, arrows. Spacing there
# is syntax, not a slip (`COPY . /app`, `lambda x :`, `"user-agent" : x`).
_CODE_START = r"""\s*(?:>>>|\.\.\.\s|\$|\#!|//|\./
    |(?:FROM|RUN|COPY|ADD|ENV|ARG|CMD|WORKDIR|EXPOSE|ENTRYPOINT|VOLUME|USER
       |SELECT|INSERT|UPDATE|DELETE|CREATE|ALTER|DROP)\s
    |(?:import|from)\s[\w.]+(?:\s+import\s|\s*$)
    |(?:def|class|if|elif|for|while|return|with)\s[^\n]*:\s*$
    |[\w.\[\]"']+\s=\s)"""
CODE_LINE_RE = re.compile(
    "^" + _CODE_START + r"""|\blambda\b|[{}]|==|=>|->|:=|\w\(\)""", re.VERBOSE
)
# The same, in parts: the line's start matched once, and each mark looked for by str.find (the
# whole pattern, tried at every position, reads about 10 characters a microsecond)
_CODE_START_RE = re.compile(_CODE_START, re.VERBOSE)
_CODE_MARKS = ("{", "}", "==", "=>", "->", ":=")
_LAMBDA_RE = re.compile(r"\blambda\b")
_CALL_RE = re.compile(r"\w\(\)")


def looks_like_code(line: str) -> bool:
    """True for a line of code or configuration, where spacing is syntax.

    >>> looks_like_code("COPY . /tmp/myapp"), looks_like_code(">>> odd = lambda x : bool(x % 2)")
    (True, True)
    >>> looks_like_code("The rebels , backed by Turkey , advanced .")
    False
    """
    return (
        _CODE_START_RE.match(line) is not None
        or any(mark in line for mark in _CODE_MARKS)
        or ("lambda" in line and _LAMBDA_RE.search(line) is not None)
        or ("()" in line and _CALL_RE.search(line) is not None)
    )


_FENCE_RE = re.compile(r"^ {0,3}(`{3,}|~{3,})", re.MULTILINE)
_INLINE_RE = re.compile(r"(?<!`)`([^`\n]+)`(?!`)")
# The same without its lookbehind, so that the search starts from a literal (a fast scan)
_SPAN_RE = re.compile(r"`([^`\n]+)`(?!`)")


def protected_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of the code in ``text``: whole lines, their newlines included.

    >>> text = "Run this:\\n\\n```\\nx = a ? b : c\\nx = a ? b : c\\n```\\n\\nIt works ."
    >>> [text[s:e] for s, e in protected_spans(text)]
    ['```\\nx = a ? b : c\\nx = a ? b : c\\n```\\n']
    >>> protected_spans("He said , `` we will go . ''")  # PTB quotes are not code
    []
    """
    if _holds(text, "```") or _holds(text, "~~~") or any(brk in text for brk in _OTHER_BREAKS):
        return _walk(text)  # fences; or line breaks besides "\n", as str splits
    spans = []
    if _INDENTED_LINE_RE.search(text) is not None or text.startswith(("    ", "\t")):
        spans = _indented_blocks(text)
    if "`" in text:
        spans = _with_code_span_lines(text, spans)
    return spans


def _holds(text: str, run: str) -> bool:
    """``run in text``, for a run of one character (a fence): the character is looked for
    first, which str.find does several times faster than the run in a text of wide
    characters, and a fence mark is rare; past a few dozen of them the run is looked for.

    >>> _holds("a `b` c ``` d", "```"), _holds("a `b` c `` d", "```")
    (True, False)
    """
    mark = run[0]
    at = text.find(mark)
    for _ in range(32):
        if at < 0:
            return False
        if text.startswith(run, at):
            return True
        at = text.find(mark, at + 1)
    return run in text


_OTHER_BREAKS = ("\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")


def _walk(text: str) -> list[tuple[int, int]]:
    """The reference: every line visited, fences, indented blocks and code spans."""
    spans: list[tuple[int, int]] = []
    lines = text.splitlines(keepends=True)
    pos, i, blank_before = 0, 0, True
    while i < len(lines):
        line = lines[i]
        fence = _FENCE_RE.match(line)
        if fence:  # to the closing fence of the same kind, or to the end of the text
            mark, end, j = fence.group(1), pos + len(line), i + 1
            while j < len(lines):
                end += len(lines[j])
                j += 1
                if (
                    lines[j - 1].strip().startswith(mark)
                    and not lines[j - 1].strip(mark[0]).strip()
                ):
                    break
            spans.append((pos, end))
            pos, i, blank_before = end, j, False
            continue
        if blank_before and line.startswith(("    ", "\t")) and line.strip():
            j, end = i, pos
            while j < len(lines) and lines[j].startswith(("    ", "\t")) and lines[j].strip():
                end += len(lines[j])
                j += 1
            if any(looks_like_code(lines[k]) for k in range(i, j)):
                spans.append((pos, end))
                pos, i, blank_before = end, j, False
                continue
        if any(looks_like_code(code.group(1)) for code in _INLINE_RE.finditer(line)):
            spans.append((pos, pos + len(line)))
        blank_before = not line.strip()
        pos += len(line)
        i += 1
    return spans


# Where an indented line begins after a line break: a search with a literal first character,
# which the regex module runs as a fast scan (a pattern that tries every position, as a
# lookbehind does, reads real articles at 10 MB/s).
_INDENTED_LINE_RE = re.compile(r"\n(?: {4}|\t)")


def _indented_blocks(text: str) -> list[tuple[int, int]]:
    """`protected_spans` of a text without backticks or tildes: its indented blocks that
    read as code (indented lines after a blank line or the start), visiting only the lines
    that begin indented."""
    spans: list[tuple[int, int]] = []
    size, done = len(text), 0
    starts = [m.start() + 1 for m in _INDENTED_LINE_RE.finditer(text)]
    if text.startswith(("    ", "\t")):
        starts.insert(0, 0)
    for start in starts:
        if start < done:
            continue
        if start and text[text.rfind("\n", 0, start - 1) + 1 : start - 1].strip(" \t"):
            continue  # the line before is not blank
        at, code = start, False
        while at < size and text.startswith(("    ", "\t"), at):
            end = text.find("\n", at)
            line = text[at : size if end < 0 else end]
            if not line.strip():
                break
            code = code or looks_like_code(line)
            at = size if end < 0 else end + 1
        if at > start:
            if code:
                spans.append((start, at))
            done = at
    return spans


def _with_code_span_lines(text: str, blocks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``blocks`` and the lines outside them that hold a code span reading as code, in order:
    what the walk finds in a text without fences, from one search for code spans."""
    lines: list[tuple[int, int]] = []
    block_starts = [a for a, _ in blocks]
    at = 0
    while (found := _SPAN_RE.search(text, at)) is not None:
        at = found.end()
        if found.start() and text[found.start() - 1] == "`":
            at = found.start() + 1  # _INLINE_RE's lookbehind, checked here
            continue
        start = text.rfind("\n", 0, found.start()) + 1
        if lines and lines[-1][0] == start:
            continue  # this line is protected already
        k = bisect.bisect_right(block_starts, start) - 1
        if k >= 0 and start < blocks[k][1]:
            continue  # inside a code block
        if looks_like_code(found.group(1)):
            end = text.find("\n", found.end())
            lines.append((start, len(text) if end < 0 else end + 1))
    return sorted(blocks + lines)
