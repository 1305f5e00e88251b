"""Gates: one pass over a text that tells which cleaners could have anything to do.

Each fact is a bit. A cleaner declares its gate (``@cleaner(gate=AMP | SEMI)``): the facts of
which at least one must hold for it to find any edit. A pipeline scans each text once and
skips every cleaner whose gate bits are all clear, so clean text costs this one pass instead
of a dozen substring searches. A gate is a promise: a test checks, per cleaner, that it
finds no edit wherever its gate is closed.

A fact should say "this cleaner will find something" rather than "a character it looks for
occurs": on real news the coarse facts were open on most articles. So facts describe shapes
(a space and a hyphen between letters, a clitic split from its word, a mojibake lead before a
continuation), literal clues (`NEEDLES`) and line shapes (a credit, a phrase's start). A
fact that costs a walk of its own (REPEAT) is computed only when asked: ``scan(text, want)``
with the pipeline's gates as ``want``.

`scan` is compiled (``_speedups.c``) when a C compiler was there at install time; otherwise
`scan_python`, the reference, which the compiled one must match bit for bit (a property test).
The compiled module also hands cleaners the places to look (`article_candidates`,
`repeat_lines`, and `newsclean._text.fact_lines` and `pair_positions`), each with a reference.

The fact bits and the limits both scans apply are defined once, in `newsclean._facts` (the C
header ``_facts.h`` is generated from it); the clues (needles, line heads, mojibake characters)
are built here from data/ and handed to the compiled scan at import. This is the only module
that imports `_speedups`: others get compiled code through `compiled`.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import re
import unicodedata
import warnings
from collections.abc import Callable
from typing import Any

from newsclean._facts import (
    A_AN,
    ALL,
    AMP,
    APOS_SPACE_LOWER,
    AT,
    BACKSLASH,
    BLANKS,
    BOM,
    CJK_MARK,
    CODE_MARK,
    CODE_MARKS,
    CONTROL,
    COUNTER_WORDS,
    CREDIT_LINE,
    CREDIT_WORDS,
    DUP_LINE,
    FOREIGN_SCRIPT,
    FURNITURE,
    HEAD_LINE,
    HOVERCARD,
    HYPHEN_SPACE,
    INDENTED,
    LBRACE,
    LBRACKET,
    LINE_LEN_MAX,
    LINE_LEN_MIN,
    LT,
    MAX_LINES,
    MOJIBAKE,
    ON_LINE,
    OPEN_SPACE,
    PAREN_END,
    PERCENT_CAP,
    PTB_TOKEN,
    QUOTE_PAD,
    REPEAT,
    SEMI,
    SP_MARK,
    SPACE_APOS,
    SPACE_CLOSE,
    SPACE_HYPHEN,
    SPACE_N_APOS,
    STOP_LOWER,
    TRAILING_WS,
    TRUNCATION,
    UMLAUT,
    UMLAUTS,
    ZERO_WIDTH,
    check_capacity,
)
from newsclean.data import LINE_SKIP, fold, read_list
from newsclean.errors import SpeedupsMissingWarning

TEXT_START, TEXT_END = "\x02", "\x03"
SECTIONS = read_list("sections.txt")  # a label that opens the text: drop_furniture_lines


def prefix_free(words: tuple[str, ...]) -> tuple[str, ...]:
    """``words`` without those another of them begins ("Sports" after "Sport"): as needles,
    the shorter one finds both.

    >>> prefix_free(("Sport", "Sports", "News"))
    ('Sport', 'News')
    """
    return tuple(w for w in words if not any(o != w and w.startswith(o) for o in words))


# The shapes of drop_furniture_lines: a line that one of these patterns fills (after spaces or
# tabs) is page furniture. Each comes with its clue, a string every such line holds (case
# counted), which is the FURNITURE fact's needle; a shape without a clue must be one the scan's
# `furniture_line` finds. A new shape is one row here: the gate and the cleaner are built from
# it (real cases: FakeNewsCorpus, Sputnik, Architectural Digest, Reuters).
FURNITURE_SHAPES: tuple[tuple[str | None, str], ...] = (
    (
        "appeared first on",
        r"The post \S[^\n]{0,200} appeared first on \S[^\n]{0,100}",
    ),  # WordPress feeds
    (
        "views and opinions",  # a site's disclaimer
        r"The views and opinions expressed in (?:the|this) article do not necessarily reflect"
        r" (?:those|the views) of [^\n]{1,80}",
    ),
    ("subscribe now", r"For the full story[^\n]{0,40}, subscribe now[^\n]{0,80}"),
    # a credit, a button, the caption again
    ("View full size image", r"Credit: [^\n]{1,80}? View full size image\b[^\n]{0,400}"),
    # a blog's post-meta
    (" Comment", r"[A-Z][a-z]{2,8} [0-9]{1,2}, [0-9]{4} / [0-9]+ Comments?(?: / [^\n]{1,80})?"),
    (None, r"(?:Image|Photo|Picture|Slide)s? [0-9]{1,3} of /? ?[0-9]{1,3}"),  # "Image 1 of / 9"
    # "1 of 2. A general view of …": a gallery caption
    (None, r"[0-9]{1,3} of [0-9]{1,3}\. [A-Z\"“‘'][^\n]{0,400}"),
)
# A clitic split from its word and its apostrophe ("doesn ’ t", "they ' re"): a needle of the
# SPACE_N_APOS fact, the gate of join_split_contractions (its _SPACED_CLITIC_RE)
SPACED_CLITICS = tuple(f"n{a} t" for a in (" '", " ’")) + tuple(
    f"{a} {c} " for a in (" '", " ’") for c in ("re", "ve", "ll")
)
_QUOTE_OPENERS = " \t([{—–\n"  # _OPENS_AFTER of join_spaced_quotes, and a line start
_QUOTE_CLOSERS = " \t.,;:!?)]}—–\r\n"  # _CLOSES_BEFORE, and a line end
NEEDLES: tuple[tuple[str, int], ...] = (
    *(
        (clue, FURNITURE)
        for clue in (
            *(clue for clue, _ in FURNITURE_SHAPES if clue),
            "Mandatory Credit: ",  # a caption ending in its credit (drop_furniture_lines)
            *(TEXT_START + word for word in prefix_free(SECTIONS)),  # a label opening the text
        )
    ),
    (" MORE", HOVERCARD),
    ("chars]", TRUNCATION),
    *(
        (f"-{t}-", PTB_TOKEN)
        for t in (
            ["LRB", "RRB", "LSB", "RSB", "LCB", "RCB", "lrb", "rrb", "lsb", "rsb", "lcb", "rcb"]
        )
    ),
    ("``", PTB_TOKEN),
    *((f'{c}" ', QUOTE_PAD) for c in _QUOTE_OPENERS),
    (TEXT_START + '" ', QUOTE_PAD),
    *((f' "{c}', QUOTE_PAD) for c in _QUOTE_CLOSERS),
    (' "' + TEXT_END, QUOTE_PAD),
    *((mark, CJK_MARK) for mark in "・。，"),
    *((clitic, SPACE_N_APOS) for clitic in SPACED_CLITICS),
    ("\n    ", INDENTED),
    ("\n\t", INDENTED),
)


# How common a character is in English news, most common first: the compiled scan keys each
# needle by its rarest pair of neighbours, so that it looks closer at few positions.
_COMMON = " etaoinshrdlcumwfgyp,.\nbv0123456789TSACMBPRDHIkNEFGLWOJKUVjxqYzQXZ"
_RANK = {c: i for i, c in enumerate(_COMMON)}  # anything else is rarer still


def key_offset(needle: str) -> int:
    """Where the rarest pair of neighbouring characters of ``needle`` begins (the last of
    equally rare ones): ranks of `_COMMON`, anything else rarer still.

    >>> key_offset("chars]"), key_offset("appeared first on"), key_offset("。")
    (4, 1, 0)
    """
    if len(needle) == 1:
        return 0
    scores = [
        _RANK.get(needle[i], len(_COMMON)) + _RANK.get(needle[i + 1], len(_COMMON))
        for i in range(len(needle) - 1)
    ]
    return max(range(len(scores)), key=lambda i: (scores[i], i))


def _needle_facts(text: str) -> int:
    flags = 0
    stripped = None
    present: dict[str, bool] = {}  # a needle's rarest character, looked for once per text
    for needle, fact in NEEDLES:
        if flags & fact:
            continue
        if needle.startswith(TEXT_START):
            if stripped is None:
                stripped = text.lstrip(" \t")
            found = stripped.startswith(needle[1:])
        elif needle.endswith(TEXT_END):
            found = text.endswith(needle[:-1])
        else:
            char = _RAREST[needle]
            there = present.get(char)
            if there is None:
                there = present[char] = char in text
            found = there and needle in text
        if found:
            flags |= fact
    return flags


_RAREST = {  # each needle's rarest character: looked for first, by the reference
    needle: max(needle, key=lambda c: _RANK.get(c, len(_COMMON))) for needle, _ in NEEDLES
}


# What the debris cleaners strip from the ends of a line before comparing it (`debris._key`).


END = "\x01"  # in a head: only white space and LINE_SKIP characters may follow


def _line_heads() -> tuple[str, ...]:
    """What the lines of data/boilerplate.txt begin with: a whole phrase and the line's end
    (END), or what comes before the ``*`` of a prefix pattern; lower case, single spaces.
    Also whole lines of share_targets.txt (drop_boilerplate_lines drops runs of them), and
    lead-ins of lead_ins.txt as prefixes: a bare lead-in in any case ("Read More"), a promo
    line ("Read more <site>"), a related block's heading ("More Great WIRED Stories") all
    begin with one. A head that another head begins is left out: the shorter one matches."""
    lines = [
        (name, line)
        for name in ("boilerplate.txt", "share_targets.txt", "lead_ins.txt")
        for line in read_list(name)
    ]
    heads = set()
    for name, line in lines:
        phrase, star, _ = line.partition("*")
        head = fold(phrase)
        if not head or not head.isascii() or head[0] in LINE_SKIP:
            raise ValueError(f"{name}: {line!r} has no ASCII head to gate on")
        heads.add(head if star or name == "lead_ins.txt" else head + END)
    return tuple(sorted(h for h in heads if not any(h != o and h.startswith(o) for o in heads)))


LINE_HEADS = _line_heads()


def head_at(line: str, at: int, head: str) -> bool:
    """Does ``line`` continue at ``at`` with ``head``, as the compiled scan compares them?

    A space in ``head`` matches a run of white space; a letter either case, and ``i``/``k``
    also U+0130 and U+212A, whose lower case is ``i``/``k`` (``str.lower`` would fold them);
    END, the rest of the line if that is only white space and LINE_SKIP characters.

    >>> head_at("  SHARE\tthis", 2, "share this"), head_at("Shared", 0, "share this")
    (True, False)
    >>> head_at("Ad:", 0, "ad" + END), head_at("Admiral", 0, "ad" + END)
    (True, False)
    """
    for h in head:
        if h == END:
            return all(c.isspace() or c in LINE_SKIP for c in line[at:])
        if h == " ":
            if at >= len(line) or not line[at].isspace():
                return False
            while at < len(line) and line[at].isspace():
                at += 1
            continue
        if at >= len(line):
            return False
        c = line[at]
        at += 1
        if "a" <= h <= "z":
            if (c.isascii() and c.lower() != h) or (not c.isascii() and (c, h) not in _FOLDS):
                return False
        elif c != h:
            return False
    return True


_FOLDS = {("\u0130", "i"), ("\u212a", "k")}


def head_line(line: str) -> bool:
    """Does ``line`` begin, after white space and LINE_SKIP characters, with a head?"""
    at = 0
    while at < len(line) and (line[at].isspace() or line[at] in LINE_SKIP):
        at += 1
    if at >= len(line):
        return False
    first = line[at]  # folded as head_at folds: only heads that begin so are tried
    first = "i" if first == "\u0130" else "k" if first == "\u212a" else first
    first = first.lower() if first.isascii() else first
    return any(head_at(line, at, head) for head in _HEADS_BY_FIRST.get(first, ()))


_HEADS_BY_FIRST: dict[str, tuple[str, ...]] = {
    first: tuple(h for h in LINE_HEADS if h[0] == first) for first in {h[0] for h in LINE_HEADS}
}


_LEAD_CODECS = ("cp1252", "latin-1", "cp1251", "cp1250", "iso-8859-2", "mac_roman", "cp437")


def _mojibake_leads() -> str:
    """What the lead byte of a UTF-8 sequence (0xC2-0xF4) becomes when the bytes are read in
    one of the codepages whose mix-ups with UTF-8 ftfy repairs: Windows-1252 and Latin-1,
    Windows-1251, Windows-1250 and ISO-8859-2, MacRoman, code page 437. Mojibake of any of
    them (and of two in a row) holds one. Left out: MacRoman's curly quotes, dashes, ellipsis,
    guillemets, no-break space, euro sign and middle dot (lead bytes of Cyrillic, Armenian and
    Arabic read as MacRoman, a mix-up not seen in the wild), which correct text is full of.
    """
    leads = set()
    for codec in _LEAD_CODECS:
        for byte in range(0xC2, 0xF5):
            with contextlib.suppress(UnicodeDecodeError):
                leads.add(bytes([byte]).decode(codec))
    return "".join(sorted(leads - set("“”‘’–—…«»\u00a0€·")))


MOJIBAKE_LEADS = _mojibake_leads()
# ftfy's codepages, read sloppily (a byte a codepage leaves undefined is its C1 control)
_FTFY_CODECS = (
    "latin-1", "cp1252", "cp1251", "cp1250", "cp1253", "cp1254", "cp1257", "iso-8859-2",
    "mac_roman", "cp437",
)  # fmt: skip


def _byte_chars(codecs: tuple[str, ...], low: int, high: int) -> str:
    chars = set()
    for codec in codecs:
        for byte in range(low, high + 1):
            try:
                chars.add(bytes([byte]).decode(codec))
            except UnicodeDecodeError:
                chars.add(chr(byte))
    return "".join(sorted(chars))


# What a continuation byte (0x80-0xBF) becomes, and the mark of a byte lost on the way (ftfy's
# replace_lossy_sequences reads U+FFFD, which its sloppy codecs write as SUBSTITUTE)
MOJIBAKE_CONTINUATIONS = _byte_chars(_FTFY_CODECS, 0x80, 0xBF) + "\ufffd"


def _leads_of(byte_values: list[int]) -> str:
    """The mojibake leads that these lead bytes become."""
    made = {c for b in byte_values for c in _byte_chars(_LEAD_CODECS, b, b)}
    return "".join(sorted(made & set(MOJIBAKE_LEADS)))


# Leads before which a space may stand for a lost byte 0xA0 (ftfy's restore_byte_a0: "Ã " for
# "à"), and leads before which "?" may stand for a lost byte (its replace_lossy_sequences)
MOJIBAKE_BEFORE_SPACE = _leads_of([0xC2, 0xC3, 0xC5, 0xCE, 0xD0, 0xD9, 0xE2, 0xE3, 0xF0])
MOJIBAKE_BEFORE_LOSS = _leads_of([0xC2, 0xC3, *range(0xE0, 0xF5)])
MOJIBAKE_RE = re.compile(
    f"[{re.escape(MOJIBAKE_LEADS)}][{re.escape(MOJIBAKE_CONTINUATIONS)}]"
    f"|[{re.escape(MOJIBAKE_BEFORE_SPACE)}] |[{re.escape(MOJIBAKE_BEFORE_LOSS)}]\\?"
    "|[\x80-\x9f\x1a]"  # C1 (fix_c1_controls) and SUBSTITUTE (replace_lossy_sequences) anywhere
)
_FOREIGN_RANGES = (
    (0x0370, 0x03FF),  # Greek
    (0x0400, 0x052F),  # Cyrillic
    (0x0530, 0x058F),  # Armenian
    (0x0590, 0x05FF),  # Hebrew
    (0x0600, 0x06FF),  # Arabic
    (0x0900, 0x097F),  # Devanagari
    (0x0E00, 0x0E7F),  # Thai
    (0x10A0, 0x10FF),  # Georgian
    (0x3040, 0x30FF),  # Hiragana, Katakana
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK
    (0xAC00, 0xD7AF),  # Hangul
)


def _foreign_letters() -> tuple[str, str]:
    """The letters of those blocks and the marks written on them (Devanagari and Thai vowel
    signs): as a string (for the compiled scan's table) and as a regex character class of
    ranges (a class of 40,000 single characters takes the regex module 0.3 s to compile)."""
    runs: list[list[int]] = []
    for low, high in _FOREIGN_RANGES:
        for c in range(low, high + 1):
            if unicodedata.category(chr(c))[0] in "LM":
                if runs and runs[-1][1] == c - 1:
                    runs[-1][1] = c
                else:
                    runs.append([c, c])
    letters = "".join(chr(c) for a, b in runs for c in range(a, b + 1))
    ranges = "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in runs)
    return letters, f"[{ranges}]"


FOREIGN_LETTERS, FOREIGN_CLASS = _foreign_letters()
_CONTROL_CHARS = "".join(chr(c) for c in (*range(9), 11, *range(14, 32), 127, *range(128, 160)))
_CHAR_FACTS = (
    ("&", AMP),
    (";", SEMI),
    ("[", LBRACKET),
    ("{", LBRACE),
    ("<", LT),
    ("@", AT),
    ("\ufeff", BOM),
    ("\u2581", SP_MARK),
    ("\\", BACKSLASH),
)
_PATTERN_FACTS = (
    (re.compile("[" + re.escape(_CONTROL_CHARS) + "]"), CONTROL),
    (re.compile(FOREIGN_CLASS), FOREIGN_SCRIPT),
    (re.compile(f"[{UMLAUTS}]"), UMLAUT),
    (re.compile(f"[{re.escape(CODE_MARKS)}]"), CODE_MARK),
    (re.compile("[\u200b\u200c\u200d\u2060]"), ZERO_WIDTH),
    (re.compile(r" [,.;:!?)\]]"), SPACE_CLOSE),
    (re.compile(r"[(\[] "), OPEN_SPACE),
    (re.compile("%[BCDFGHJKLMNPQRSTVWXYZ]"), PERCENT_CAP),
    (re.compile(" n['’]"), SPACE_N_APOS),
    (re.compile(r"[ \t](?:[\n\r]|\Z)"), TRAILING_WS),
    (
        re.compile(r"\n[ \t\r]*\n[ \t\r]*\n"),
        BLANKS,
    ),  # CRLF blank lines too  # each blank run is read at most twice
    (
        re.compile("(?: a|A) [aeiouAEIOUFHLMNRSX]|(?: an|An) [b-df-hj-np-tv-zB-DF-HJ-NP-TV-ZU]"),
        A_AN,
    ),
    (re.compile(r"[.!?] [^\W\d_A-Z]{3,20}\."), STOP_LOWER),
)


# Every MOJIBAKE_RE match begins with one of these
_MOJIBAKE_SIGN_RE = re.compile(f"[{re.escape(MOJIBAKE_LEADS)}\x80-\x9f\x1a]")


_LETTER = r"(?:[A-Za-z]|(?![\x00-\x7f\u2019])\w)"  # as `_scan_letter` reads one
_SPLIT_CLITIC_RE = re.compile(
    f"{_LETTER} ['’](?:[A-Z]|[bcdfghjklmpqrstvwxyz](?:{_LETTER})?(?!{_LETTER}|['’]))"
)


_GLUED_CLITIC_RE = re.compile(
    f"{_LETTER}['’] [bcdfghjklmpqrstvwxyz](?:{_LETTER})?(?!{_LETTER}|['’])"
)


def _scan_letter(char: str) -> bool:
    """A letter as the compiled scan classes characters: an ASCII letter, or beyond ASCII
    what str.isalnum() accepts but U+2019 (read as an apostrophe)."""
    return (
        ("a" <= char <= "z")
        or ("A" <= char <= "Z")
        or (char > "\x7f" and char != "\u2019" and char.isalnum())
    )


def _letters_around(text: str, pair: str) -> bool:
    """Does ``pair`` occur with a letter right before it and right after it ("al -Assad" for
    " -", "al- Assad" for "- ")?"""
    found = text.find(pair)
    while found >= 0:
        if (
            found
            and found + 2 < len(text)
            and _scan_letter(text[found - 1])
            and _scan_letter(text[found + 2])
        ):
            return True
        found = text.find(pair, found + 1)
    return False


def scan_python(text: str, want: int = ALL) -> int:
    """The facts of ``text``: the reference implementation, in plain Python.

    >>> scan_python("AT&T said ,") == AMP | SPACE_CLOSE
    True
    >>> scan_python("\\n\\nLead") == BLANKS, scan_python("One.\\n\\nTwo.\\n") == 0
    (True, True)
    """
    flags = 0
    for char, fact in _CHAR_FACTS:
        if char in text:
            flags |= fact
    for pattern, fact in _PATTERN_FACTS:
        if pattern.search(text):
            flags |= fact
    # facts whose patterns are slow to search for: asked only after a cheap first sign
    if _MOJIBAKE_SIGN_RE.search(text) and MOJIBAKE_RE.search(text):
        flags |= MOJIBAKE
    if (" '" in text or " ’" in text) and _SPLIT_CLITIC_RE.search(text):
        flags |= SPACE_APOS
    if ("' " in text or "’ " in text) and _GLUED_CLITIC_RE.search(text):
        flags |= APOS_SPACE_LOWER
    if _letters_around(text, " -"):
        flags |= SPACE_HYPHEN
    if _letters_around(text, "- "):
        flags |= HYPHEN_SPACE
    body = text.lstrip(" \t\n\r")
    if "\n" in text[: len(text) - len(body)]:  # a line break before the first visible char
        flags |= BLANKS
    tail = text[len(text.rstrip(" \t\n\r")) :]
    if tail.count("\n") >= 2:  # a blank line after the last visible char
        flags |= BLANKS
    lines = text.split("\n")
    if any(LINE_LEN_MIN <= len(line) <= LINE_LEN_MAX and credit_shaped(line) for line in lines):
        flags |= CREDIT_LINE
    if any(LINE_LEN_MIN <= len(line) <= LINE_LEN_MAX and head_line(line) for line in lines):
        flags |= HEAD_LINE
    if any(lines[i - 1].strip() and credit_paren_end(lines[i]) for i in range(1, len(lines))):
        flags |= PAREN_END
    if any(furniture_line(line) for line in lines):
        flags |= FURNITURE
    if any(on_line(line) for line in lines):
        flags |= ON_LINE
    seen: set[tuple[int, str, str]] = set()
    prose = 0
    for key in (line.strip() for line in lines):
        if not prose_end(key):
            continue
        prose += 1
        ends = (len(key), key[:8], key[-8:])
        if (ends in seen and key.count(" ") >= 7) or prose > MAX_LINES:
            flags |= DUP_LINE
            break
        seen.add(ends)
    if want & REPEAT and _has_repeat(text):
        flags |= REPEAT
    return flags | _needle_facts(text)


# A superset of the REPEAT fact (its words bounded by ASCII letters only), for a quick no
_MAYBE_REPEAT_RE = re.compile(r"(?<![A-Za-z])([A-Za-z]{1,20})[ \t]{1,4}(?i:\1)(?![A-Za-z])")


def _has_repeat(text: str) -> bool:
    """The REPEAT fact, as the compiled walk reads it: runs of letters (ASCII letters, and
    beyond ASCII what str.isalpha accepts); a run of 1 to 20 ASCII letters, then 1 to 4
    spaces or tabs, then the same run in any ASCII case."""
    if not _MAYBE_REPEAT_RE.search(text):
        return False  # not even the letters of a doubled word: no need to walk the text
    runs: list[tuple[int, int, bool]] = []
    start, ascii_run = -1, True
    for i, c in enumerate(text + " "):
        if ("a" <= c <= "z") or ("A" <= c <= "Z") or (c >= "\x80" and c.isalpha()):
            if start < 0:
                start, ascii_run = i, True
            ascii_run = ascii_run and c < "\x80"
            continue
        if start >= 0:
            runs.append((start, i, ascii_run))
            start = -1
    for (a, b, first), (x, y, second) in itertools.pairwise(runs):
        if (
            first
            and second
            and b - a <= 20
            and b - a == y - x
            and 1 <= x - b <= 4
            and text[b:x].strip(" \t") == ""
            and text[a:b].lower() == text[x:y].lower()
        ):
            return True
    return False


def on_line(line: str) -> bool:
    """A line of 2 to 120 characters that begins (after spaces and tabs) with "On ": where a
    promo "On <site>: <headline>" can stand (the ON_LINE fact)."""
    return LINE_LEN_MIN <= len(line) <= LINE_LEN_MAX and line.lstrip(" \t").startswith("On ")


_SLASH_AGENCY_RE = re.compile("/[A-Zd]")  # every agency a credit names after "/" begins so
_CREDIT_WORDS = ("(", *CREDIT_WORDS)


def credit_shaped(line: str) -> bool:
    """Can ``line`` be a photo credit? It begins (after white space) with "(" or a credit
    word, or has "/" before an agency's first letter ("Ghaith Alsayed/AP").

    >>> credit_shaped("  Photo: Reuters"), credit_shaped("Ghaith Alsayed/AP"), credit_shaped("24/7 news")
    (True, True, False)
    """
    return line.lstrip().startswith(_CREDIT_WORDS) or _SLASH_AGENCY_RE.search(line) is not None


_CREDIT_CHARS = frozenset(".'’-/&:")


def credit_paren_end(line: str) -> bool:
    """Does ``line`` end (but for two white space characters at most) in a parenthesis that a
    photo credit could fill: from its last "(" (within the last 160 characters) only letters,
    white space and . ' ’ - / & :, the first a capital, "v" ("via") or "d" ("dpa")?

    >>> credit_paren_end("A man in Sarmin (Ghaith Alsayed/AP) "), credit_paren_end("in 2019 (up 5%)")
    (True, False)
    """
    tail = line[-3:].rstrip()
    if not tail.endswith(")"):
        return False
    close = len(line) - 3 + len(tail) - 1 if len(line) >= 3 else len(tail) - 1
    floor = max(0, len(line) - 160)
    for k in range(close - 1, floor - 1, -1):
        c = line[k]
        if c == "(":
            first = line[k + 1] if k + 1 < close else ")"
            return first.isupper() or first in "vd"
        if not (c.isalpha() or c.isspace() or c in _CREDIT_CHARS):
            return False
    return False


_ASSET_ID_LINE_RE = re.compile("[ \t]*[0-9]{6,12}[ \t]*\r?")
_COUNTER_START_RE = re.compile(
    "[ \t]*(?:" + "|".join(map(re.escape, COUNTER_WORDS)) + "|[0-9]{1,3} of )"
)


def furniture_line(line: str) -> bool:
    """Is ``line`` a photo's asset id (6 to 12 ASCII digits between spaces or tabs), or does
    it open as a gallery counter does ("Image 1 of 9", "1 of 2. A general view")?

    >>> furniture_line(" 4419915"), furniture_line("1 of 2. A view"), furniture_line("One of us")
    (True, True, False)
    """
    return (
        _ASSET_ID_LINE_RE.fullmatch(line) is not None or _COUNTER_START_RE.match(line) is not None
    )


_PROSE_END_RE = re.compile('[.!?]["”’)]?\\Z')


def prose_end(key: str) -> bool:
    """Does ``key`` (a line stripped of white space) end as a sentence?"""
    return _PROSE_END_RE.search(key) is not None


def repeat_lines_python(text: str) -> list[tuple[int, int]]:
    """The reference of `repeat_lines`: every line may hold a doubled word (its regex decides).

    The compiled one gives only the lines where some run of ASCII letters follows itself
    after 1 to 4 spaces or tabs, case ignored (every word remove_repeated_words removes is
    ASCII)."""
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


# After "a": "n" and a word an "a" would fit, or a word an "an" would: the shapes of fix_a_an_
# agreement's candidates (a vowel letter, or F H L M N R S X and a capital, after "a"; a
# consonant letter, or U and a capital, after "an")
ARTICLE_SUSPECT = (
    "(?:n(?= [b-df-hj-np-tv-zB-DF-HJ-NP-TV-Z]| U[A-Z])|(?= [aeiouAEIOU]| [FHLMNRSX][A-Z]))"
)
_LOWER_ARTICLE_RE = re.compile(" a" + ARTICLE_SUSPECT)
_UPPER_ARTICLE_RE = re.compile("A" + ARTICLE_SUSPECT)


def article_candidates_python(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Where an article stands before a word it may disagree with: " a"/" an" (the position of
    the space) and "A"/"An". The reference of the compiled `article_candidates`.

    >>> article_candidates_python("An car, a apple, A MP and a dog")
    ((7,), (0, 17))
    """
    return (
        tuple(m.start() for m in _LOWER_ARTICLE_RE.finditer(text)),
        tuple(m.start() for m in _UPPER_ARTICLE_RE.finditer(text)),
    )


scan: Callable[..., int] = scan_python
repeat_lines: Callable[[str], list[tuple[int, int]]] = repeat_lines_python
article_candidates: Callable[[str], tuple[tuple[int, ...], tuple[int, ...]]] = (
    article_candidates_python
)
try:
    if os.environ.get("NEWSCLEAN_PURE_PYTHON"):  # benchmarks and tests of the fallback
        raise ImportError("NEWSCLEAN_PURE_PYTHON is set")
    from newsclean import _speedups
except ImportError as missing:  # built without a C compiler: same results, slower
    COMPILED = False
    if not os.environ.get("NEWSCLEAN_PURE_PYTHON"):
        warnings.warn(
            "newsclean: the compiled scan (newsclean._speedups) is not built here, so cleaning "
            f"runs in pure Python, several times slower ({missing}). Reinstall newsclean where "
            "a C compiler is available, or install a binary wheel, to build it.",
            SpeedupsMissingWarning,
            stacklevel=2,
        )
else:
    check_capacity("line heads", len(LINE_HEADS), "MAX_HEADS")
    check_capacity("LINE_SKIP", len(LINE_SKIP), "MAX_SKIP")
    check_capacity("the longest line head", max(map(len, LINE_HEADS)), "MAX_HEAD_LEN")
    check_capacity("needles", len(NEEDLES), "MAX_NEEDLES")
    check_capacity("the longest needle", max(len(n) for n, _ in NEEDLES), "MAX_NEEDLE_LEN")
    _speedups.set_line_heads(LINE_HEADS, LINE_SKIP)
    _speedups.set_mojibake(
        MOJIBAKE_LEADS,
        MOJIBAKE_CONTINUATIONS,
        MOJIBAKE_BEFORE_SPACE,
        MOJIBAKE_BEFORE_LOSS,
        MOJIBAKE,
    )
    _speedups.set_char_facts(CODE_MARKS, CODE_MARK)
    _speedups.set_char_facts("\\", BACKSLASH)
    for _needle, _fact in NEEDLES:
        _anchor = 1 if _needle.startswith(TEXT_START) else 2 if _needle.endswith(TEXT_END) else 0
        _bare = _needle.strip(TEXT_START + TEXT_END)
        _speedups.set_needles([_bare], _anchor, _fact, key_offset(_bare) if not _anchor else 0)
    _speedups.set_char_facts(FOREIGN_LETTERS, FOREIGN_SCRIPT)
    _speedups.set_char_facts(UMLAUTS, UMLAUT)
    scan = _speedups.scan
    repeat_lines = _speedups.repeat_lines
    article_candidates = _speedups.article_candidates
    COMPILED = True


def compiled(name: str) -> Callable[..., Any] | None:
    """The compiled function ``name`` of `_speedups`, or None where the C scan is not built
    (or NEWSCLEAN_PURE_PYTHON is set): the one door to compiled code, so the fallback is
    decided once, here. Each caller keeps the Python reference its twin must match.

    >>> compiled("lower_counts") is None or callable(compiled("lower_counts"))
    True
    """
    return getattr(_speedups, name) if COMPILED else None
