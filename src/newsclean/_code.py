"""Code quoted in news text, which no prose cleaner may touch.

Tech news quotes code: shell lines, configuration, Python. Its spacing and punctuation are
syntax (``x = a ? b : c``; a line that repeats on purpose), so the pipeline cleans the prose
around it and leaves it byte for byte (`protected_spans`). Code is recognised in the forms
Markdown gives it, which is also how newsclean renders ``<pre>`` and ``<code>`` from HTML: a
fenced block (```` ``` ```` or ``~~~``), a block indented by four spaces or a tab that reads
as code, and a line holding a ```code span``` that reads as code.
"""

from __future__ import annotations

import re

# Lines of code and configuration quoted in tech news: a prompt or a shell variable, a
# Dockerfile or SQL keyword, Python statements, an assignment, braces, arrows. Spacing there
# is syntax, not a slip (`COPY . /app`, `lambda x :`, `"user-agent" : x`).
CODE_LINE_RE = re.compile(
    r"""^\s*(?:>>>|\.\.\.\s|\$|\#!|//|\./
    |(?:FROM|RUN|COPY|ADD|ENV|ARG|CMD|WORKDIR|EXPOSE|ENTRYPOINT|VOLUME|USER
       |SELECT|INSERT|UPDATE|DELETE|CREATE|ALTER|DROP)\s
    |(?:import|from)\s[\w.]+(?:\s+import\s|\s*$)
    |(?:def|class|if|elif|for|while|return|with)\s[^\n]*:\s*$
    |[\w.\[\]"']+\s=\s)
    |\blambda\b|[{}]|==|=>|->|:=|\w\(\)""",
    re.VERBOSE,
)


def looks_like_code(line: str) -> bool:
    """True for a line of code or configuration, where spacing is syntax.

    >>> looks_like_code("COPY . /tmp/myapp"), looks_like_code(">>> odd = lambda x : bool(x % 2)")
    (True, True)
    >>> looks_like_code("The rebels , backed by Turkey , advanced .")
    False
    """
    return CODE_LINE_RE.search(line) is not None


_FENCE_RE = re.compile(r"^ {0,3}(`{3,}|~{3,})", re.MULTILINE)
_INLINE_RE = re.compile(r"(?<!`)`([^`\n]+)`(?!`)")


def protected_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of the code in ``text``: whole lines, their newlines included.

    >>> text = "Run this:\\n\\n```\\nx = a ? b : c\\nx = a ? b : c\\n```\\n\\nIt works ."
    >>> [text[s:e] for s, e in protected_spans(text)]
    ['```\\nx = a ? b : c\\nx = a ? b : c\\n```\\n']
    >>> protected_spans("He said , `` we will go . ''")  # PTB quotes are not code
    []
    """
    if "`" in text or "~~~" in text or any(brk in text for brk in _OTHER_BREAKS):
        return _walk(text)  # fences or code spans; or line breaks besides "\n", as str splits
    if "\n    " not in text and "\n\t" not in text and not text.startswith(("    ", "\t")):
        return []
    return _indented_blocks(text)


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


# An indented block: lines indented by four spaces or a tab, after a blank line (or the start).
_INDENTED_RE = re.compile(r"(?:\A|(?:\A|(?<=\n))[ \t]*\n)((?:(?: {4}|\t)[^\n]*\S[^\n]*(?:\n|\Z))+)")


def _indented_blocks(text: str) -> list[tuple[int, int]]:
    """`protected_spans` of a text without backticks or tildes: its indented blocks that
    read as code, found by one regex search instead of a walk over every line."""
    return [
        (m.start(1), m.end(1))
        for m in _INDENTED_RE.finditer(text)
        if any(looks_like_code(line) for line in m.group(1).splitlines())
    ]
