"""Opt-in normalisations: they change correct text, so no profile includes them."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from newsclean._text import line_spans
from newsclean.cleaner import Edit, Edits, Risk, cleaner

_STRAIGHT = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
}  # fmt: skip
CURLY_RE = re.compile("[" + "".join(_STRAIGHT) + "]")


@cleaner(family="normalize", risk=Risk.MEDIUM)
def straighten_quotes(text: str) -> Sequence[Edit]:
    """Replace typographic quotes and apostrophes with ASCII ones.

    Medium risk, so opt-in: typographic quotes are correct text (seed idlib-shelling-captions.txt keeps them).

    >>> straighten_quotes("after “intense” shelling in Syria’s north")
    'after "intense" shelling in Syria\\'s north'
    """
    if text.isascii():
        return []
    return Edits((m.start(), m.end(), _STRAIGHT[m.group()]) for m in CURLY_RE.finditer(text))


@cleaner(family="normalize", risk=Risk.MEDIUM)
def apply_nfkc(text: str) -> Sequence[Edit]:
    """Apply Unicode NFKC normalisation, line by line (ligatures, full-width forms, ``½``).

    Medium risk, so opt-in: NFKC rewrites correct characters (``½`` becomes ``1⁄2``, superscripts flatten).

    >>> apply_nfkc("ﬁnal ｓｃｏｒｅ")
    'final score'
    """
    if text.isascii():
        return []
    edits = Edits()
    for start, end in line_spans(text):
        line = text[start:end]
        if not unicodedata.is_normalized("NFKC", line):
            edits.append((start, end, unicodedata.normalize("NFKC", line)))
    return edits
