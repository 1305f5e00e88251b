"""Tokenisation leftovers of MT and NLP pipelines: Moses escapes, subword markers, spacing."""

from __future__ import annotations

import re

import regex

from newsclean._text import line_spans, removal_edits
from newsclean.cleaner import Edit, Risk, cleaner

# Moses' tokenizer writes "@-@", "@,@" and "@.@" for hyphens and separators inside words and
# numbers ("well @-@ known", "1 @,@ 000"). The @x@ shape never occurs in prose.
MOSES_RE = re.compile(r" ?@([-,.])@ ?")


@cleaner(family="detokenize", risk=Risk.SAFE)
def unescape_moses_escapes(text: str) -> list[Edit]:
    """Undo Moses aggressive-hyphen escapes: ``well @-@ known`` becomes ``well-known``.

    Safe: ``@-@``, ``@,@`` and ``@.@`` are tokenizer output, never prose. (Moses' XML escapes
    such as ``&apos;`` are HTML5 entities, decoded by `decode_html_entities`.)

    >>> unescape_moses_escapes("a well @-@ known figure paid 1 @,@ 000 or 2 @.@ 5 lira")
    'a well-known figure paid 1,000 or 2.5 lira'
    >>> unescape_moses_escapes("mail me @ home")
    'mail me @ home'
    """
    if "@" not in text:
        return []
    return [(m.start(), m.end(), m.group(1)) for m in MOSES_RE.finditer(text)]


BPE_RE = re.compile(r"(?<=\w)@@ (?=\w)")


@cleaner(family="detokenize", risk=Risk.SAFE)
def join_bpe_subwords(text: str) -> list[Edit]:
    """Join BPE subword pieces: ``escal@@ ation`` becomes ``escalation``.

    Safe: ``@@`` followed by a space inside a word is subword-nmt output only.

    >>> join_bpe_subwords("the escal@@ ation in Id@@ lib")
    'the escalation in Idlib'
    >>> join_bpe_subwords("contact @@ mention")
    'contact @@ mention'
    """
    if "@@ " not in text:
        return []
    return [(m.start(), m.end(), "") for m in BPE_RE.finditer(text)]


_SP = "\u2581"  # SentencePiece's word-start marker, LOWER ONE EIGHTH BLOCK
_BARS = re.compile("[\u2582-\u2588]")  # its neighbours in sparklines (▁▂▃▅▇)


@cleaner(family="detokenize", risk=Risk.LOW)
def replace_sentencepiece_markers(text: str) -> list[Edit]:
    """Detokenise SentencePiece output: ``▁The▁rebels`` becomes ``The rebels``.

    Low risk: a line is rewritten only if it has the marker and no other block element, so
    sparklines (``▁▂▃▅▇``) stay. Lines of spaced pieces (``▁Id lib``) are joined first.

    >>> replace_sentencepiece_markers("▁The▁rebels▁shot▁down\\n▁a ▁helic opter")
    'The rebels shot down\\na helicopter'
    >>> replace_sentencepiece_markers("prices ▁▂▃▅▇ rose")
    'prices ▁▂▃▅▇ rose'
    """
    if _SP not in text:
        return []
    edits: list[Edit] = []
    for start, end in line_spans(text):
        line = text[start:end]
        if _SP not in line or _BARS.search(line):
            continue
        if f" {_SP}" in line:  # spaced pieces: the spaces split words, the markers start them
            line = line.replace(" ", "")
        fixed = " ".join(line.replace(_SP, " ").split(" ")).strip(" ")
        fixed = re.sub(" {2,}", " ", fixed)
        if fixed != text[start:end]:
            edits.append((start, end, fixed))
    return edits


UNK_RE = re.compile(r"<unk>", re.IGNORECASE)


@cleaner(family="detokenize", risk=Risk.SAFE)
def remove_unknown_tokens(text: str) -> list[Edit]:
    """Remove the ``<unk>`` token an MT system writes for a word it could not translate.

    Safe: ``<unk>`` is a vocabulary symbol, not text.

    >>> remove_unknown_tokens("the <unk> commander said")
    'the commander said'
    """
    if "<" not in text:
        return []
    return removal_edits(text, [(m.start(), m.end(), "") for m in UNK_RE.finditer(text)])


# Words that a space-split hyphen follows in MT output ("al -Assad", "anti -government"):
# Arabic name particles and English prefixes. Other left words join only before a capital.
_PREFIXES = frozenset(
    [
        "al",
        "el",
        "ad",
        "ar",
        "as",
        "ash",
        "at",
        "az",
        "ibn",
        "bin",
        "bint",
        "abu",
        "abd",
        "anti",
        "pro",
        "non",
        "ex",
        "self",
        "co",
        "pre",
        "post",
        "semi",
        "multi",
        "mid",
        "well",
        "inter",
        "intra",
        "cross",
        "counter",
        "half",
        "all",
        "near",
        "vice",
        "pan",
        "sub",
        "ultra",
    ]
)
# A hanging hyphen before these is a suspended compound ("pre- and post-war"), not a slip.
_SUSPENDERS = frozenset(
    ["and", "or", "nor", "to", "but", "vs", "versus", "through", "und", "et", "ou", "y"]
)
SPACED_HYPHEN_RE = regex.compile(
    r"(?<![\p{L}\p{N}-])(\p{L}{1,40})(?: -(?=(\p{L}))|- (?=(\p{L}{1,40})\b))"
)


@cleaner(family="detokenize", risk=Risk.LOW)
def join_spaced_hyphens(text: str) -> list[Edit]:
    """Close a space that MT or detokenisation put beside a hyphen: ``al -Assad`` -> ``al-Assad``.

    Low risk: letters must stand on both sides; ``word -word`` joins only after a known
    prefix or particle (``al``, ``anti``, ``pro``…) or before a capital, and ``word- word``
    not before a conjunction (``pre- and post-war``). Scores (``3 -2``), spaced dashes
    (``Ankara - Moscow``) and command flags (``ls -la``) stay.

    >>> join_spaced_hyphens("Syrian President Bashar al -Assad and the anti- government side")
    'Syrian President Bashar al-Assad and the anti-government side'
    >>> join_spaced_hyphens("pre- and post-war, won 3 -2, Ankara - Moscow, run ls -la")
    'pre- and post-war, won 3 -2, Ankara - Moscow, run ls -la'
    """
    if "-" not in text:
        return []
    edits: list[Edit] = []
    for m in SPACED_HYPHEN_RE.finditer(text):
        left = m.group(1).lower()
        if m.group(2) is not None:  # "word -Word"
            if left in _PREFIXES or m.group(2).isupper():
                edits.append((m.end(1), m.end(1) + 1, ""))
        elif m.group(3).lower() not in _SUSPENDERS:  # "word- word"
            edits.append((m.end(1) + 1, m.end(1) + 2, ""))
    return edits


# "isn 't", "Turkey 's" (a space before the apostrophe), and Moses' "is n't" split.
CONTRACTION_RE = regex.compile(
    r"(?<=\p{L}) (?=['’](?:s|t|re|ve|ll|d|m)(?![\p{L}'’]))|(?<=\p{L}) (?=n['’]t(?!\p{L}))"
)


@cleaner(family="detokenize", risk=Risk.LOW)
def join_split_contractions(text: str) -> list[Edit]:
    """Rejoin contractions and possessives split by a tokenizer: ``isn 't``, ``Turkey 's``.

    Low risk: the apostrophe must start one of the English clitics (``'s 't 're 've 'll 'd
    'm``, ``n't``) and end the word, so quoted words such as ``'special'`` stay.

    >>> join_split_contractions("Turkey 's army isn 't leaving; it does n't stop")
    "Turkey's army isn't leaving; it doesn't stop"
    >>> join_split_contractions("the 'special' forces and rock 'n' roll")
    "the 'special' forces and rock 'n' roll"
    """
    if "'" not in text and "’" not in text:
        return []
    return [(m.start(), m.end(), "") for m in CONTRACTION_RE.finditer(text)]


# A space run before closing punctuation that is followed by a space, the line end or more
# closing punctuation; and a space run after "(". ".NET", ".45" and "..." never match.
SPACE_BEFORE_RE = regex.compile(
    r"(?<=[\w\"”’)\]%]) +([,.;:!?)\]])(?=$|[\s\"”’)\],.;:!?])|(?<=[(\[]) +(?=[\w\"“‘])",
    regex.MULTILINE,
)
_FRENCH_SPACED = frozenset(";:!?")


@cleaner(family="detokenize", risk=Risk.LOW)
def fix_punctuation_spacing(text: str) -> list[Edit]:
    """Remove detokenisation spaces before ``, . ; : ! ? )`` and after ``(``: ``word ,`` -> ``word,``.

    Low risk: ``;:!?`` keep their space inside a quotation or a paragraph with guillemets,
    where it is French typography, and ``:`` keeps it between digits (``3 : 2``); ``...``,
    ``.NET`` and ``.45`` never match.

    >>> fix_punctuation_spacing("The rebels , backed by Turkey ( and Qatar ) , advanced .")
    'The rebels, backed by Turkey (and Qatar), advanced.'
    >>> fix_punctuation_spacing('Macron said: "Nous sommes prêts !" and it ended 3 : 2 ...')
    'Macron said: "Nous sommes prêts !" and it ended 3 : 2 ...'
    """
    if " " not in text:
        return []
    edits: list[Edit] = []
    # Quote state is carried along the line as matches advance, so each character is counted
    # once: recounting from the line start per match would be quadratic on a long line.
    line_start, scanned, quotes, curly, guillemets = -1, 0, 0, 0, False
    for m in SPACE_BEFORE_RE.finditer(text):
        mark = m.group(1)
        if mark is None:  # "( word"
            edits.append((m.start(), m.end(), ""))
            continue
        start = m.start()
        if mark == "." and text[m.end() : m.end() + 1] == ".":  # an ellipsis " ..." is style
            continue
        if mark in _FRENCH_SPACED:
            if mark == ":" and text[start - 1].isdigit():
                continue
            if mark in ":;" and text[m.end() : m.end() + 1] in (")", "("):  # emoticons ":)"
                continue
            # Look for a line break only in the stretch not yet scanned.
            this_line = text.rfind("\n", scanned if line_start >= 0 else 0, start) + 1
            if line_start < 0 or this_line > line_start:
                line_start, scanned, quotes, curly = this_line, this_line, 0, 0
                end = text.find("\n", start)
                line = text[line_start : end if end >= 0 else len(text)]
                guillemets = "«" in line or "»" in line
            segment = text[scanned:start]
            quotes += segment.count('"')
            curly += segment.count("“") - segment.count("”")
            scanned = start
            if guillemets or quotes % 2 or curly > 0:
                continue  # French spacing inside a quotation, or a French paragraph
        edits.append((start, m.start(1), ""))
    return edits
