"""Layout tidy, run last: trailing spaces and runs of blank lines."""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsclean._facts import BLANKS, TRAILING_WS
from newsclean.cleaner import Edit, Edits, Risk, cleaner


@cleaner(local=True, family="whitespace", risk=Risk.SAFE, gate=TRAILING_WS)
def strip_trailing_whitespace(text: str) -> Sequence[Edit]:
    """Remove spaces and tabs at the end of lines.

    Safe: trailing blanks are invisible and never part of the story. A line's CR stays, and
    a stray CR among its trailing blanks becomes its CR, so one pass is enough.

    >>> strip_trailing_whitespace("Turkey hit back.  \\nIdlib\\t")
    'Turkey hit back.\\nIdlib'
    >>> strip_trailing_whitespace("a \\r \\nb \\r\\n")
    'a\\r\\nb\\r\\n'
    """
    # Line ends are found with str.find, then each blank run is walked back: a regex such as
    # "[ \t]+$" would be tried at every position of a long run of spaces.
    tabs = "\t" in text
    needles = [" \n"] + (["\t\n"] if tabs else [])
    if "\r" in text:
        needles += [" \r\n"] + (["\t\r\n"] if tabs else [])
    ends: list[int] = []
    for needle in needles:
        pos = text.find(needle)
        while pos >= 0:
            ends.append(pos + 1)
            pos = text.find(needle, pos + 1)
    if len(needles) > 1:
        # Each needle's hits come in order, and no two needles end at the same place (the
        # character before the break differs): sorting just merges the runs, no set needed.
        ends.sort()
    if text.endswith((" ", "\t")):
        ends.append(len(text))
    edits = Edits()
    for end in ends:
        start = end
        while start > 0 and text[start - 1] in " \t\r":
            start -= 1
        edits.append((start, end, "\r" if "\r" in text[start:end] else ""))
    return edits


# Three or more line breaks (two or more blank lines, blanks holding only spaces) -> one
# blank line. A single blank line is paragraph spacing and stays. At the edges of the text,
# blank lines go: leading ones entirely, trailing ones down to the final newline. CRLF text
# keeps its CRLF.
BLANK_RUN_RE = re.compile(r"\n(?:[ \t\r]*\n){2,}")


_BLANK_LINE_RE = re.compile(r"\n[ \t\r]*\n")


@cleaner(local=True, family="whitespace", risk=Risk.SAFE, gate=BLANKS)
def collapse_blank_lines(text: str) -> Sequence[Edit]:
    """Collapse runs of blank lines into one blank line, so paragraph spacing stays single.

    Safe: one blank line between paragraphs is left exactly as it is. Blank lines before the
    first line go, and those after the last line shrink to its final newline.

    >>> collapse_blank_lines("\\n\\nTurkey hit back.\\n\\n\\n\\nRussia said.\\n\\nTalks ended.\\n\\n")
    'Turkey hit back.\\n\\nRussia said.\\n\\nTalks ended.\\n'
    >>> collapse_blank_lines("Turkey hit back.\\r\\n\\r\\n\\r\\nRussia said.\\r\\n\\r\\n")
    'Turkey hit back.\\r\\n\\r\\nRussia said.\\r\\n'
    """
    # Nothing to collapse without a blank line (a line break, white space or none, a line
    # break) or white space opening the text. (A blank line of several spaces or tabs counts:
    # "\n   \n\t\t\n" between two paragraphs, go-readability's output in the real cases.)
    if text[:1] not in " \t\n\r" and not _BLANK_LINE_RE.search(text):
        return []
    edits = Edits()
    # Leading blank lines end at the last newline before the first visible character; found
    # by stripping (a repeated regex group is slower than linear on a long blank run).
    first_visible = len(text) - len(text.lstrip(" \t\n\r"))
    lead_end = text.rfind("\n", 0, first_visible) + 1
    if lead_end:
        edits.append((0, lead_end, ""))
    # Found by stripping, not by a regex: "\n(?:[ \t]*\n)+\Z" would be retried from every
    # newline of a long blank run that is not at the end.
    content_end = max(len(text.rstrip(" \t\n\r")), lead_end)
    first_nl = text.find("\n", content_end)
    tail_start = first_nl if first_nl >= 0 and text.count("\n", first_nl) >= 2 else len(text)
    for m in BLANK_RUN_RE.finditer(text, lead_end, tail_start):
        edits.append((m.start(), m.end(), "\n\r\n" if "\r" in m.group() else "\n\n"))
    if tail_start < len(text):
        edits.append((tail_start, len(text), "\n"))
    return edits
