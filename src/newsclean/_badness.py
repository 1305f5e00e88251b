"""ftfy's mojibake test, `ftfy.badness.is_bad`, with the same answers at a fraction of the cost.

``is_bad`` searches ftfy's BADNESS_RE over the whole text. On a line that is not mojibake
(every line ftfy checks after it repaired one, to see whether to go on) the search tries its
37 alternatives at every character: about 0.17 µs a character, most of the cost of repairing a
line. Yet every alternative holds, within its first few characters, a character from a fixed
set of non-ASCII *anchors* (accented letters, C1 controls, currency and punctuation ftfy
names): a match must begin at most `_REACH` characters before an anchor. So the anchors are
found with one compiled character class, and the pattern is tried only at the few places
before each; where anchors are dense (Cyrillic, Greek) the plain search takes over.

The anchor set and reach are read from the compiled pattern of the installed ftfy, not
copied: a pattern whose shape breaks the argument (an alternative without an anchor near its
start) makes `is_bad` the plain search. tests/test_badness.py checks the two agree.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable
from typing import Any

from ftfy.badness import BADNESS_RE

# the regex parser (re._parser since Python 3.11, the oldest newsclean runs on; sre_parse is
# its deprecated alias): no public module reads a compiled pattern's structure
_sre_parse: Any = importlib.import_module("re._parser")

# Past this many anchors in one text, the plain search is cheaper than trying each.
_DENSE = 48
# Texts this short cost the plain search next to nothing.
_SHORT = 96


def _charset(op: Any, arg: Any) -> set[str] | None:
    """The characters one parsed item matches when it is a plain set of non-ASCII
    characters (a literal or a class of literals and ranges), else None."""
    if op is _sre_parse.LITERAL:
        chars = {chr(arg)}
    elif op is _sre_parse.IN:
        chars = set()
        for kind, value in arg:
            if kind is _sre_parse.LITERAL:
                chars.add(chr(value))
            elif kind is _sre_parse.RANGE:
                chars.update(map(chr, range(value[0], value[1] + 1)))
            else:  # NEGATE or a category: not a plain set
                return None
    else:
        return None
    return chars if all(c > "\x7f" for c in chars) else None


def _width(op: Any, arg: Any) -> int | None:
    """The most characters one parsed item can match, for the items ftfy's prefixes use."""
    if op in (_sre_parse.LITERAL, _sre_parse.IN, _sre_parse.ANY, _sre_parse.CATEGORY):
        return 1
    if op is _sre_parse.AT:
        return 0
    if op in (_sre_parse.MAX_REPEAT, _sre_parse.MIN_REPEAT):
        _, most, item = arg
        inner = [_width(o, a) for o, a in item]
        if most <= 1 and len(inner) == 1 and inner[0] is not None:
            return int(most) * inner[0]
    return None


def anchors_of(pattern: re.Pattern[str]) -> tuple[str, int] | None:
    """``(anchors, reach)`` of an alternation: every match holds one of ``anchors`` at most
    ``reach`` characters after its start. None when some alternative holds none near its
    start, or its prefix has no bounded width.

    >>> anchors_of(re.compile("[a-z]é|ü|x?ñ"))
    ('éñü', 1)
    >>> anchors_of(re.compile("[a-z]+é")) is None
    True
    """
    tree = _sre_parse.parse(pattern.pattern, pattern.flags)
    items = list(tree)
    alternation = len(items) == 1 and items[0][0] is _sre_parse.BRANCH
    branches: Iterable[Any] = items[0][1][1] if alternation else [tree]
    found: set[str] = set()
    reach = 0
    for branch in branches:
        offset = 0
        for op, arg in branch:
            chars = _charset(op, arg)
            if chars is not None:
                found |= chars
                reach = max(reach, offset)
                break
            width = _width(op, arg)
            if width is None:
                return None
            offset += width
        else:
            return None
    return "".join(sorted(found)), reach


_FOUND = anchors_of(BADNESS_RE)
if _FOUND is not None:
    _ANCHOR_RE: re.Pattern[str] | None = re.compile(
        "[" + "".join(re.escape(c) for c in _FOUND[0]) + "]"
    )
    _REACH = _FOUND[1]
else:  # pragma: no cover - a future ftfy pattern of another shape
    _ANCHOR_RE, _REACH = None, 0


def is_bad(text: str) -> bool:
    """`ftfy.badness.is_bad`: does the text hold one of ftfy's signs of mojibake?

    >>> is_bad("Syriaâ€™s shelling")
    True
    >>> is_bad("Syria’s “intense” shelling, café, Zürich")
    False
    """
    search = BADNESS_RE.search
    if _ANCHOR_RE is None or len(text) < _SHORT:
        return search(text) is not None
    match = BADNESS_RE.match
    tried = 0  # every start before this one has been tried
    for seen, hit in enumerate(_ANCHOR_RE.finditer(text), 1):
        at = hit.start()
        for start in range(max(tried, at - _REACH), at + 1):
            if match(text, start) is not None:
                return True
        tried = at + 1
        if seen == _DENSE:
            return search(text, tried) is not None
    return False
