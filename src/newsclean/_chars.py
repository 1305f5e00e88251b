"""A shared, cached scan of which rare ASCII characters a text contains.

Most cleaners act only where a rare character stands (``&`` for entities, ``%`` for minifier
placeholders, ``<`` for tags). Testing ``"&" in text`` costs a scan per cleaner; this module
scans a text once, at C speed (encode, then delete the common bytes), and every cleaner asks
the cached answer. The cache is keyed by the text itself (a str caches its hash), so cleaners
stay pure functions of their input and share the work whenever they see the same text.
"""

from __future__ import annotations

import functools
import re

# The characters some cleaner waits for. Everything else (letters, digits, space, newline,
# , . - and most non-ASCII bytes) is deleted by the scan, so the set left is small.
TRIGGERS = "&;%[{<@'\"#()/:!?\x7f" + "".join(chr(c) for c in range(32) if c != 10)
# UTF-8 lead bytes kept as markers of whole blocks of characters, named by what they announce:
LATIN1_SUPPLEMENT = "\xc2"  # U+0080-U+00BF: C1 controls, NBSP, £, «, »
LATIN1_LETTERS = "\xc3"  # U+00C0-U+00FF: every mojibake of UTF-8 read as cp1252 has one (Ã, â)
GENERAL_PUNCTUATION = "\xe2"  # U+2000-U+2FFF: curly quotes, zero-width spaces, ▁, …
SPECIALS = "\xef"  # U+F000-U+FFFF: the BOM U+FEFF, full-width forms
_KEEP = TRIGGERS + LATIN1_SUPPLEMENT + LATIN1_LETTERS + GENERAL_PUNCTUATION + SPECIALS
_DELETE = bytes(b for b in range(256) if chr(b) not in _KEEP)
C1_CONTROL = "\x80"  # marker: a C1 control character (U+0080-U+009F) is present
_C1_UTF8_RE = re.compile(rb"\xc2[\x80-\x9f]")  # literal-first: jumps between \xc2 bytes


@functools.lru_cache(maxsize=16)
def rare_chars(text: str) -> frozenset[str]:
    """The trigger characters, and block markers, present in ``text``.

    >>> sorted(rare_chars("AT&T said: 5% (est.)"))
    ['%', '&', '(', ')', ':']
    >>> GENERAL_PUNCTUATION in rare_chars("Syria’s"), LATIN1_LETTERS in rare_chars("Syriaâ€™s")
    (True, True)
    """
    encoded = text.encode("utf-8", "surrogatepass")
    found = frozenset(encoded.translate(None, _DELETE).decode("latin-1"))
    if LATIN1_SUPPLEMENT in found and _C1_UTF8_RE.search(encoded):
        found |= {C1_CONTROL}
    return found


def has_any(text: str, chars: str) -> bool:
    """True when ``text`` contains one of ``chars`` (trigger characters or block markers).

    >>> has_any("no markup here", "<[{"), has_any("a <b>", "<[{")
    (False, True)
    """
    return not rare_chars(text).isdisjoint(chars)
