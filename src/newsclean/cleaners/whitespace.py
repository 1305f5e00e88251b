"""Layout tidy, run last: trailing spaces and runs of blank lines."""

from __future__ import annotations

import re

from newsclean.cleaner import Edit, Risk, cleaner

TRAILING_RE = re.compile(r"[ \t]+$", re.MULTILINE)


@cleaner(family="whitespace", risk=Risk.SAFE)
def strip_trailing_whitespace(text: str) -> list[Edit]:
    """Remove spaces and tabs at the end of lines.

    Safe: trailing blanks are invisible and never part of the story.

    >>> strip_trailing_whitespace("Turkey hit back.  \\nIdlib\\t")
    'Turkey hit back.\\nIdlib'
    """
    if " \n" not in text and "\t\n" not in text and not text.endswith((" ", "\t")):
        return []
    return [(m.start(), m.end(), "") for m in TRAILING_RE.finditer(text)]


# Three or more line breaks (two or more blank lines, blanks holding only spaces) -> one
# blank line. A single blank line is paragraph spacing and stays.
BLANK_RUN_RE = re.compile(r"\n(?:[ \t]*\n){2,}")


@cleaner(family="whitespace", risk=Risk.SAFE)
def collapse_blank_lines(text: str) -> list[Edit]:
    """Collapse runs of blank lines into one blank line, so paragraph spacing stays single.

    Safe: one blank line between paragraphs is left exactly as it is.

    >>> collapse_blank_lines("Turkey hit back.\\n\\n\\n\\nRussia said.\\n\\nTalks ended.")
    'Turkey hit back.\\n\\nRussia said.\\n\\nTalks ended.'
    """
    if "\n\n" not in text and "\n \n" not in text and "\n\t\n" not in text:
        return []
    return [(m.start(), m.end(), "\n\n") for m in BLANK_RUN_RE.finditer(text)]
