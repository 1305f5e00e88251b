"""Encoding and invisible characters: mojibake, control characters, zero-width marks, BOMs."""

from __future__ import annotations

import heapq
import itertools
import re
from array import array
from collections.abc import Callable, Sequence

import ftfy
from ftfy.fixes import fix_c1_controls

from newsclean._badness import is_bad
from newsclean._facts import BOM, CONTROL, MOJIBAKE, ZERO_WIDTH
from newsclean._scan import MOJIBAKE_LEADS, MOJIBAKE_RE
from newsclean._text import line_spans
from newsclean.cleaner import Edit, Edits, Risk, cleaner

# ftfy configured to repair encodings only. Everything that would alter correct text stays off:
# no quote straightening, no NFC/NFKC, no ligature or width folding, no HTML (our own
# cleaners decode entities with stricter rules), no line-break rewriting.
FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=True,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=False,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)


def repair_encoding(line: str) -> str:
    """``ftfy.fix_text(line, FTFY_CONFIG)`` for one line, at a fraction of the cost.

    With this configuration fix_text repeats two steps until the text stops changing:
    ftfy's `fix_encoding` (with its defaults, which ours match) and `fix_c1_controls`. The
    first step is idempotent, so once the second changes nothing the next round would change
    nothing either; fix_text runs that round to see it, this function does not. And
    fix_encoding's own rounds ask ftfy's badness test of the repaired line, the costly case
    (no sign found, so the whole line searched): `_fix_encoding` asks `newsclean._badness`'s
    equal test instead.

    >>> repair_encoding("Syriaâ€™s â€œintenseâ€\x9d shelling")
    'Syria’s “intense” shelling'
    """
    if "\n" in line or len(line) > FTFY_CONFIG.max_decode_length:
        return ftfy.fix_text(line, FTFY_CONFIG)  # fix_text would cut it in pieces
    while True:
        original = line
        fixed = _fix_encoding(line)
        line = fix_c1_controls(fixed)
        if line in (original, fixed):
            return line


# ftfy's one round of fix_encoding: private, so looked up, and fix_encoding itself used when a
# release renames it (the same answers, at ftfy's cost)
_ONE_STEP: Callable[[str, ftfy.TextFixerConfig], ftfy.ExplainedText] | None = getattr(
    ftfy, "_fix_encoding_one_step_and_explain", None
)
_FIX_ENCODING_CONFIG = ftfy.TextFixerConfig(explain=False)  # what ftfy.fix_encoding uses


def _fix_encoding(text: str) -> str:
    """``ftfy.fix_encoding(text)``: its rounds until the text stops changing, each round's
    first question (ASCII, or no sign of mojibake: nothing to do) asked here, cheaply.

    >>> _fix_encoding("Ã¢â‚¬Å“doubleÃ¢â‚¬\x9d")
    '“double”'
    """
    if _ONE_STEP is None:  # pragma: no cover - a future ftfy without the private step
        return ftfy.fix_encoding(text)
    while True:
        if text.isascii() or not is_bad(text):
            return text
        step = _ONE_STEP(text, _FIX_ENCODING_CONFIG).text
        if step == text:
            return text
        text = step


def looks_like_mojibake(line: str) -> bool:
    """True when a line has ftfy's signs of text decoded with the wrong codec.

    >>> looks_like_mojibake("â€œintenseâ€\\x9d shelling")
    True
    >>> looks_like_mojibake("“intense” shelling in Syria’s north, café")
    False
    """
    return not line.isascii() and bool(is_bad(line))


@cleaner(local=True, family="encoding", risk=Risk.LOW, gate=MOJIBAKE)
def fix_mojibake(text: str) -> Sequence[Edit]:
    """Repair mojibake such as ``Syriaâ€™s`` (for ``Syria’s``) with ftfy, line by line.

    Low risk: ftfy runs only on lines that `looks_like_mojibake` flags, with a configuration
    that repairs encodings and nothing else; correct curly quotes and accents are untouched.
    Every codepage mix-up ftfy repairs is found: Windows-1252 and Latin-1, Windows-1251
    (``РґРѕСЂРѕРіРµ`` for ``дороге``), Windows-1250 (``LiĂ¨ge``), MacRoman (``g√¢teaux``),
    and two in a row (``Г‚ВЈ`` for ``£``).

    >>> fix_mojibake("after â€œintenseâ€\\x9d Syrian shelling")
    'after “intense” Syrian shelling'
    >>> fix_mojibake("Syria’s “intense” café")
    'Syria’s “intense” café'
    >>> fix_mojibake("LiĂ¨ge Avenue de l'HĂ´pital\\nun r√©gime √©quilibr√©\\nРґРѕСЂРѕРіРµ Р\\x98Р·-РїРѕРґ")
    "Liège Avenue de l'Hôpital\\nun régime équilibré\\nдороге Из-под"
    """
    if text.isascii():
        return []
    edits = Edits()
    spans = line_spans(text)
    for number in _candidate_lines(text):
        start, end = spans[number]
        line = text[start:end]
        if looks_like_mojibake(line):
            fixed = repair_encoding(line)
            if fixed != line:
                edits.append((start, end, fixed))
    return edits


# A character a UTF-8 lead byte becomes in a codepage mix-up (see _scan.MOJIBAKE_LEADS).
MOJIBAKE_LEAD_RE = re.compile("[" + re.escape(MOJIBAKE_LEADS) + "]")


def _candidate_lines(text: str) -> list[int]:
    """Numbers of the lines that can be mojibake: a mojibake lead before what can stand for a
    continuation byte, or a C1 control (`_scan.MOJIBAKE_RE`), on a line holding a lead.
    ftfy's badness test is far too slow to ask of every line with an accent or a curly quote.

    The search jumps from one hit to the next line that may hold one; newlines are counted
    between hits, so the walk is linear.

    >>> _candidate_lines("ok\\nSyriaâ€™s\\n“fine”\\ncafé\\nРґРѕСЂРѕРіРµ")
    [1, 4]
    """
    found: list[int] = []
    line = 0
    previous = 0
    hit = MOJIBAKE_RE.search(text)
    while hit is not None:
        pos = hit.start()
        line += text.count("\n", previous, pos)
        start = text.rfind("\n", 0, pos) + 1
        previous = text.find("\n", pos)  # the rest of this line is already counted in
        if MOJIBAKE_LEAD_RE.search(text, start, len(text) if previous < 0 else previous):
            found.append(line)
        if previous < 0:
            break
        hit = MOJIBAKE_RE.search(text, previous)
    return found


# C0 controls except tab, newline, form feed and carriage return (layout), and DEL are debris.
# fix_mojibake runs first and repairs C1 characters inside mojibake; a C1 character left on its
# own is a Windows-1252 byte decoded as Latin-1 (``Syria\x92s``), which HTML5 and ftfy read as
# its cp1252 character. Kept, as ftfy keeps them: U+001A (SUBSTITUTE, meant where it stands in
# ftfy's negative cases) and the five C1 bytes cp1252 leaves undefined (nothing to map them to).
_UNDEFINED = (0x81, 0x8D, 0x8F, 0x90, 0x9D)  # bytes with no character in Windows-1252
_CONTROL = r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]"
CONTROL_RE = re.compile(_CONTROL + _CONTROL + "*")  # not "+": a leading class lets it skip ahead
_CONTROL_MAP = {
    **{code: "" for code in (*range(0x09), 0x0B, *range(0x0E, 0x1A), *range(0x1B, 0x20), 0x7F)},
    **{
        code: bytes([code]).decode("cp1252") for code in range(0x80, 0xA0) if code not in _UNDEFINED
    },
}


@cleaner(local=True, family="encoding", risk=Risk.SAFE, gate=CONTROL)
def remove_control_characters(text: str) -> Sequence[Edit]:
    """Remove control characters; a C1 one that stands for cp1252 punctuation becomes it.

    Removed: C0 but tab, newline, form feed, CR and U+001A; DEL. Kept: U+001A and the five C1
    characters that Windows-1252 leaves undefined, as ftfy keeps them.

    Safe: these characters have no place in article text, and a C1 character in text is a
    cp1252 byte read as Latin-1 (as the HTML5 decoding rules assume).

    >>> remove_control_characters("Idlib\\x00 province\\x1b")
    'Idlib province'
    >>> remove_control_characters("Syria\\x92s \\x93war\\x94 cost \\x80 5bn")
    'Syria’s “war” cost € 5bn'
    >>> remove_control_characters("col1\\tcol2\\r\\n, a control character: \\x1a")
    'col1\\tcol2\\r\\n, a control character: \\x1a'
    """
    edits = Edits()
    for m in CONTROL_RE.finditer(text):
        run = m.group()
        kept = run.translate(_CONTROL_MAP)
        if kept != run:
            edits.append((m.start(), m.end(), kept))
    return edits


BOM_RUN_RE = re.compile("\ufeff\ufeff*")


@cleaner(local=True, family="encoding", risk=Risk.SAFE, gate=BOM)
def strip_byte_order_marks(text: str) -> Sequence[Edit]:
    """Remove byte-order marks (U+FEFF), at the start or stranded inside by concatenation.

    Safe: as a zero-width no-break space U+FEFF is deprecated (U+2060 replaced it).

    >>> strip_byte_order_marks("\\ufeffTurkey has said\\ufeff it hit back")
    'Turkey has said it hit back'
    """
    if "\ufeff" not in text:
        return []
    # "\ufeff+" would have no literal prefix for the engine to jump to: it would be tried at
    # every position (ten times slower)
    return Edits((m.start(), m.end(), "") for m in BOM_RUN_RE.finditer(text))


# Zero-width space and word joiner are invisible debris inside words. ZWJ and ZWNJ carry
# meaning in emoji sequences and in Persian or Indic scripts, so they go only between two
# Latin letters, where they never do.
# The definition of what is removed; the cleaner finds the same runs with str.find.
ZERO_WIDTH_RE = re.compile("[\u200b\u2060]+|(?<=[A-Za-z])[\u200c\u200d]+(?=[A-Za-z])")


@cleaner(local=True, family="encoding", risk=Risk.SAFE, gate=ZERO_WIDTH)
def remove_zero_width_characters(text: str) -> Sequence[Edit]:
    """Remove zero-width spaces and joiners that split words (``Id<U+200B>lib`` -> ``Idlib``).

    Safe: ZWJ and ZWNJ stay wherever a script or an emoji sequence may need them.

    >>> remove_zero_width_characters("Id\\u200blib prov\\u200dince")
    'Idlib province'
    >>> remove_zero_width_characters("\\U0001f468\\u200d\\U0001f469")  # family emoji keeps its ZWJ
    '👨\u200d👩'
    """
    # The same edits as ZERO_WIDTH_RE.finditer, from str.find on the four characters: a regex
    # that starts with a character class is tried at every position (slow on long texts).
    # Positions kept in arrays and merged in order (a hostile text holds millions).
    found = []
    for char in "\u200b\u2060\u200c\u200d":
        at, positions = text.find(char), array("q")
        while at >= 0:
            positions.append(at)
            at = text.find(char, at + 1)
        if positions:
            found.append(positions)
    if not found:
        return []
    edits = Edits()
    places = heapq.merge(*found) if len(found) > 1 else iter(found[0])
    run_start = previous = next(places)
    for at in itertools.chain(places, (-1,)):
        if at == previous + 1 and _is_joiner(text[at]) == _is_joiner(text[previous]):
            previous = at
            continue
        end = previous + 1
        if not _is_joiner(text[run_start]) or (
            run_start > 0
            and end < len(text)
            and _is_ascii_letter(text[run_start - 1])
            and _is_ascii_letter(text[end])
        ):
            edits.append((run_start, end, ""))
        run_start = previous = at
    return edits


def _is_joiner(char: str) -> bool:
    return char in "\u200c\u200d"


def _is_ascii_letter(char: str) -> bool:
    return char.isascii() and char.isalpha()
