"""The scan's rules as data, defined once: its fact bits and its limits.

`newsclean._scan` (the Python reference) reads them from here, and the compiled scan reads
them from ``_facts.h``, which `c_header` generates from this module
(``python tools/gen_facts_header.py``; a test fails when the two differ).
What the facts look for that is data too (needles, line heads, mojibake characters, word
lists) is handed to the compiled scan at import by `newsclean._scan`, never copied into C.

A new fact: a bit here (next free one), its reference in `_scan.scan_python`, its compiled
twin in ``_speedups.c``, regenerate the header.
"""

from __future__ import annotations

AMP = 1 << 0  # &
SEMI = 1 << 1  # ;
PERCENT_CAP = 1 << 2  # "%" before a capital consonant, as in "%MINIFYHTML"
LBRACKET = 1 << 3  # [
LBRACE = 1 << 4  # {
LT = 1 << 5  # <
AT = 1 << 6  # @
# A line after a non-blank line, ending (but for two white space characters at most) in a
# parenthesis a photo credit could fill (`credit_paren_end`): a caption's credit ("... (Ghaith
# Alsayed/AP)") under the alt text it repeats.
PAREN_END = 1 << 7
CONTROL = 1 << 8  # C0 but tab, newline, form feed and CR; DEL; C1
# A character of MOJIBAKE_LEADS followed by one that can stand for a continuation byte (see
# MOJIBAKE_RE), or a C1 control: where ftfy has UTF-8 bytes to decode
MOJIBAKE = 1 << 9
ZERO_WIDTH = 1 << 10  # U+200B, U+200C, U+200D, U+2060
BOM = 1 << 11  # U+FEFF
SP_MARK = 1 << 12  # U+2581, SentencePiece's word-start marker
SPACE_CLOSE = 1 << 13  # " ," " ." " ;" " :" " !" " ?" " )" " ]"
OPEN_SPACE = 1 << 14  # "( " "[ "
SPACE_HYPHEN = 1 << 15  # a letter, " -", a letter: "al -Assad"
HYPHEN_SPACE = 1 << 16  # a letter, "- ", a letter: "al- Assad"
# A letter, " '" (or " ’"), then a capital, or one or two letters (the first a consonant but
# n) and no more: a clitic split from its word ("Turkey 's", "they 're"), an elided name
SPACE_APOS = 1 << 17
SPACE_N_APOS = 1 << 18  # " n'" " n’", and a clitic split on both sides (`_scan.SPACED_CLITICS`)
TRAILING_WS = 1 << 19  # a space or tab before a line break or the end
BLANKS = 1 << 20  # a blank line before the first line, two in a row, or after the last (CR blank)
# " a V", " an C", "A V", "An C" (V: an ASCII vowel, C: an ASCII consonant), and for
# initialisms " a F".."A X" (F H L M N R S X: names said with a vowel) and " an U", "An U"
A_AN = 1 << 21
# ". word." (also after "!" or "?"): a word of 3 to 20 letters other than A-Z with a full stop,
# after a sentence's end: the one-word fragment drop_stray_fragments looks for
STOP_LOWER = 1 << 22
# Two lines that end as sentences (`prose_end`) and, stripped of white space, have the same
# length and the same first and last eight characters, the later of 8 words or more (a
# superset of a repeated paragraph of drop_duplicate_paragraphs' default min_words), or more
# than MAX_LINES lines that end as sentences.
DUP_LINE = 1 << 24
# A line of 2 to 120 characters shaped as a photo credit can be (`credit_shaped`).
CREDIT_LINE = 1 << 25
# A line of 2 to 120 characters that begins, after white space and bullets (LINE_SKIP), as a
# phrase of data/boilerplate.txt does, or is a line of share_targets.txt or lead_ins.txt
# (LINE_HEADS), case ignored: the boilerplate gate, and the title-case lead-ins' gate.
HEAD_LINE = 1 << 26
# A letter of a script other than Latin that a translation can leave in English text
# (Cyrillic, Greek, Arabic, Hebrew, CJK, Hangul, Devanagari, Thai, Georgian, Armenian): the
# gate of remove_untranslated_words.
FOREIGN_SCRIPT = 1 << 27
# A letter, "' " (or "’ "), then one or two letters, the first a lowercase consonant but n, and
# no more: a clitic split after its apostrophe ("what' s", "don' t", "they' re").
APOS_SPACE_LOWER = 1 << 28
# ä ö ü Ä Ö Ü: the gate of join_split_diacritics (a word a byte-level tokeniser split there)
UMLAUT = 1 << 29
UMLAUTS = "äöüÄÖÜ"
# A character code quoted in the text is marked with (a backtick, a tilde), or a line break
# other than LF, which the code finder reads line by line (`_code.protected_spans`)
CODE_MARK = 1 << 30
CODE_MARKS = "`~\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
BACKSLASH = 1 << 31  # \\: the gate of remove_stray_backslashes

# Facts from literal clues (NEEDLES): one of the strings occurs in the text, case counted. A
# string that begins with TEXT_START must begin the text (after spaces and tabs); one that
# ends with TEXT_END must end it.
# The clues of drop_furniture_lines' shapes: phrases (NEEDLES), a line that is an asset id or
# opens as a gallery counter does (`furniture_line`)
FURNITURE = 1 << 32
HOVERCARD = 1 << 33  # " MORE", which closes a flattened hover card
TRUNCATION = 1 << 34  # "chars]", the end of a news API's truncation counter
PTB_TOKEN = 1 << 35  # "-LRB-" and its kin, "``"
QUOTE_PAD = 1 << 36  # a straight double quote padded where a quotation opens or closes
INDENTED = 1 << 37  # a line after the first indented by four spaces or a tab
# A line of 2 to 120 characters that begins (after spaces and tabs) with "On ": the promo line
# "On HoustonChronicle.com: <headline>" of drop_related_links
ON_LINE = 1 << 38
# A run of ASCII letters that follows itself after 1 to 4 spaces or tabs, case ignored: a
# doubled-word candidate (`repeat_lines`). A second walk, so computed only when asked for
# (scan's ``want``): pipelines without remove_repeated_words do not pay for it.
REPEAT = 1 << 39
CJK_MARK = 1 << 40  # ・ 。 ，: CJK punctuation an MT system can leave in English

ALWAYS = 0  # the gate of a cleaner that always runs
ALL = (1 << 64) - 1  # scan's default ``want``: every fact

# The limits both scans apply (the compiled one from _facts.h)
LINE_LEN_MIN, LINE_LEN_MAX = 2, 120  # the lengths of a line HEAD_LINE, CREDIT_LINE and ON_LINE read
MAX_LINES = 512  # past this many lines ending as sentences, DUP_LINE is set without comparing
# Capacities of the compiled scan's tables: `check_capacity` refuses more, with the list named,
# before the C side would
MAX_HEADS = 256  # line heads (data/boilerplate.txt, share_targets.txt, lead_ins.txt)
MAX_HEAD_LEN = 64
MAX_SKIP = 32  # LINE_SKIP characters
MAX_NEEDLES = 256
MAX_NEEDLE_LEN = 40

# Words the line shapes begin with, used by both scans (the compiled one from _facts.h)
CREDIT_WORDS = ("Photo", "Picture", "Image", "Credit", "Foto")  # a photo credit (or "(")
COUNTER_WORDS = ("Image", "Photo", "Picture", "Slide")  # a gallery counter ("Image 1 of 9")
_WORD_LISTS = ("CREDIT_WORDS", "COUNTER_WORDS")

_LIMITS = ("LINE_LEN_MIN", "LINE_LEN_MAX", "MAX_LINES", "MAX_HEADS", "MAX_HEAD_LEN", "MAX_SKIP",
           "MAX_NEEDLES", "MAX_NEEDLE_LEN")  # fmt: skip


def fact_bits() -> dict[str, int]:
    """Every fact of this module by name, lowest bit first.

    >>> list(fact_bits())[:3], fact_bits()["CJK_MARK"] == 1 << 40
    (['AMP', 'SEMI', 'PERCENT_CAP'], True)
    """
    found = {
        name: value
        for name, value in globals().items()
        if name.isupper()
        and isinstance(value, int)
        and name not in _LIMITS
        and value > 0
        and value & (value - 1) == 0
    }
    return dict(sorted(found.items(), key=lambda item: item[1]))


def check_capacity(what: str, count: int, limit: str) -> None:
    """Refuse ``count`` items of ``what`` past the compiled table's capacity ``limit``."""
    if count > globals()[limit]:
        raise ValueError(f"{what}: {count} is more than the compiled scan holds ({limit})")


def c_header() -> str:
    """The text of ``_facts.h``: each fact as ``F_<NAME>`` and each limit, for the C scan."""
    lines = [
        "/* Generated from src/newsclean/_facts.py by tools/gen_facts_header.py: do not edit.",
        " * A test checks that this file is what the generator writes. */",
        "#ifndef NEWSCLEAN_FACTS_H",
        "#define NEWSCLEAN_FACTS_H",
        "",
    ]
    for name, value in fact_bits().items():
        lines.append(f"#define F_{name} (UINT64_C(1) << {value.bit_length() - 1})")
    lines.append("")
    lines += [f"#define {name} {globals()[name]}" for name in _LIMITS]
    lines.append("")
    for name in _WORD_LISTS:  # NULL-ended arrays of ASCII words
        words = globals()[name]
        if not all(
            w.isascii() and w.isprintable() and '"' not in w and "\\" not in w for w in words
        ):
            raise ValueError(f"{name}: only plain ASCII words can go into the C header")
        quoted = ", ".join(f'"{w}"' for w in words)
        lines.append(f"static const char *const {name}[] = {{{quoted}, NULL}};")
    lines += ["", "#endif", ""]
    return "\n".join(lines)
