"""Word lists and model data shipped with newsclean: one home, one reader, one folding rule.

Every list is a UTF-8 text file here, one entry a line, ``#`` comments and blank lines
ignored; each file's header says what it is for and where its entries come from. A new entry
is a line in one file: the scan's gates (`newsclean._scan`) and the cleaners that use a list
both read it through `read_list`, and regexes are built from the lists, not written beside
them. Lines are compared after `fold`.
"""

from __future__ import annotations

from importlib import resources

# What is stripped from the ends of a line before it is compared with a phrase: bullets,
# dashes, arrows and end marks ("• Read more:", "ADVERTISEMENT.").
LINE_SKIP = "-–—•·*►>»›|:.!…"


def read_text(name: str) -> str:
    """The whole text of the data file ``name``."""
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")


def read_list(name: str) -> tuple[str, ...]:
    """The entries of the list ``name``: its lines, stripped, without comments and blanks.

    >>> read_list("share_targets.txt")[:2]
    ('facebook', 'twitter')
    """
    return tuple(
        line.strip()
        for line in read_text(name).splitlines()
        if line.strip() and not line.startswith("#")
    )


def fold(line: str) -> str:
    """A line folded for phrase lookup: lower case, single spaces, no bullet or end marks.

    >>> fold("  • Read   MORE: ")
    'read more'
    """
    return " ".join(line.lower().split()).strip(LINE_SKIP).strip()
