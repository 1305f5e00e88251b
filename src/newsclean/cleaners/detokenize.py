"""Tokenisation leftovers of MT and NLP pipelines: Moses escapes, subword markers, spacing."""

from __future__ import annotations

import bisect
import collections
import itertools
import re
from collections.abc import Callable, Iterator, Sequence

from newsclean._code import looks_like_code
from newsclean._facts import (
    APOS_SPACE_LOWER,
    AT,
    HYPHEN_SPACE,
    LT,
    OPEN_SPACE,
    PTB_TOKEN,
    QUOTE_PAD,
    SP_MARK,
    SPACE_APOS,
    SPACE_CLOSE,
    SPACE_HYPHEN,
    SPACE_N_APOS,
)
from newsclean._scan import compiled
from newsclean._text import line_at, matches_at, pair_lines, pair_positions, removal_edits
from newsclean.cleaner import Edit, Edits, Risk, cleaner
from newsclean.data import read_list
from newsclean.lang import ENGLISH

_compiled_spaced: Callable[[str, str, str, str, str], list[tuple[int, int, str]]] | None = compiled(
    "spaced_candidates"
)

# Moses' tokenizer writes "@-@", "@,@" and "@.@" for hyphens and separators inside words and
# numbers ("well @-@ known", "1 @,@ 000"). The @x@ shape never occurs in prose.
# Not inside a longer run of "@" ("@@.@@"): removing the middle would leave another "@.@".
# The definition of a Moses escape; the cleaner finds the same matches from each "@".
MOSES_RE = re.compile(r" ?(?<!@)@([-,.])@(?!@) ?")
_MOSES_AT_RE = re.compile(r"@(?=[-,.]@)")


@cleaner(local=True, family="detokenize", risk=Risk.SAFE, gate=AT)
def unescape_moses_escapes(text: str) -> Sequence[Edit]:
    """Undo Moses aggressive-hyphen escapes: ``well @-@ known`` becomes ``well-known``.

    Safe: ``@-@``, ``@,@`` and ``@.@`` are tokenizer output, never prose. (Moses' XML escapes
    such as ``&apos;`` are HTML5 entities, decoded by `decode_html_entities`.)

    >>> unescape_moses_escapes("a well @-@ known figure paid 1 @,@ 000 or 2 @.@ 5 lira")
    'a well-known figure paid 1,000 or 2.5 lira'
    >>> unescape_moses_escapes("mail me @ home")
    'mail me @ home'
    """
    # The same matches as MOSES_RE.finditer, from the candidates "@x@" that _MOSES_AT_RE finds
    # without consuming them: MOSES_RE begins with an optional space, so the engine would try
    # it at every position, and a Python step per "@" cost 0.55 s/MB on a run of "@".
    edits = Edits()
    end = 0
    for m in _MOSES_AT_RE.finditer(text):
        at = m.start()
        if at < end or (at and text[at - 1] == "@") or text[at + 3 : at + 4] == "@":
            continue
        start = at - 1 if at > end and text[at - 1] == " " else at
        stop = at + 4 if text[at + 3 : at + 4] == " " else at + 3
        edits.append((start, stop, text[at + 1]))
        end = stop
    return edits


# A piece ends in "@@ " after any character but a space: subword-nmt splits punctuation and
# initialisms too ("N@@ .@@ Y@@ .@@ U@@ ." for "N.Y.U.", WMT16 news).
# lookbehind after the literal: the engine skips to "@@". No "@" on either side: removing
# "@@ " from "0@@@ @ 0" would make a new one, and the cleaner must be idempotent.
BPE_RE = re.compile(r"@@(?<=[^\s@]@@) (?=[^\s@])")


@cleaner(local=True, family="detokenize", risk=Risk.SAFE, gate=AT)
def join_bpe_subwords(text: str) -> Sequence[Edit]:
    """Join BPE subword pieces: ``escal@@ ation`` becomes ``escalation``.

    Safe: ``@@`` glued to what precedes it and followed by a space is subword-nmt output only.

    >>> join_bpe_subwords("the escal@@ ation in Id@@ lib at N@@ .@@ Y@@ .@@ U@@ .")
    'the escalation in Idlib at N.Y.U.'
    >>> join_bpe_subwords("contact @@ mention")
    'contact @@ mention'
    """
    if "@@ " not in text:
        return []
    return Edits((m.start(), m.end(), "") for m in BPE_RE.finditer(text))


_SP = "\u2581"  # SentencePiece's word-start marker, LOWER ONE EIGHTH BLOCK
_BAR_CHARS = "".join(map(chr, range(0x2582, 0x2589)))  # its neighbours in sparklines (▁▂▃▅▇)
_BARS = re.compile(f"[{_BAR_CHARS}]")
_SPACE_RUN_RE = re.compile("  +")  # not " {2,}": a literal prefix lets the engine skip ahead
# SentencePiece output puts the marker at the start of word after word. A line with fewer
# than two markers glued to a word (prose that names the character: "The ▁ character") is
# not SentencePiece output, and rewriting it would take every space out of it.
_SP_WORD_RE = re.compile(f"{_SP}[^\\s{_SP}]")


@cleaner(local=True, family="detokenize", risk=Risk.LOW, gate=SP_MARK)
def replace_sentencepiece_markers(text: str) -> Sequence[Edit]:
    """Detokenise SentencePiece output: ``▁The▁rebels`` becomes ``The rebels``.

    Low risk: a line is rewritten only if it has at least two markers glued to a word and no
    other block element, so sparklines (``▁▂▃▅▇``) and prose that names the marker stay.
    Lines of spaced pieces (``▁Id lib``) are joined first; a line where the markers are pieces
    of their own (``▁ The ▁ rebels``) needs three of them, and one piece in three.

    >>> replace_sentencepiece_markers("▁The▁rebels▁shot▁down\\n▁a ▁helic opter")
    'The rebels shot down\\na helicopter'
    >>> replace_sentencepiece_markers("prices ▁▂▃▅▇ rose")
    'prices ▁▂▃▅▇ rose'
    >>> replace_sentencepiece_markers("The ▁ character is a SentencePiece marker.")
    'The ▁ character is a SentencePiece marker.'
    >>> replace_sentencepiece_markers("▁ The ▁ rebel s ▁ shot ▁ down ▁ a ▁ helic opter")
    'The rebels shot down a helicopter'
    """
    if _SP not in text:
        return []
    bars = any(bar in text for bar in _BAR_CHARS)  # one memchr each; the regex only if needed
    edits = Edits()
    at = text.find(_SP)
    while at >= 0:  # each line holding a marker, once
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        line = text[start:end]
        words = _SP_WORD_RE.search(line)
        sentencepiece = words is not None and _SP_WORD_RE.search(line, words.end()) is not None
        if not sentencepiece and f"{_SP} " in line:
            # every piece spaced, the marker one of them ("▁ The ▁ rebels ▁ said"): markers
            # alone at three word starts or more, and one piece in three at least (ICU tokenisers
            # of MT pipelines write every space so: mozilla/translations)
            alone = line.count(f" {_SP} ") + line.startswith(f"{_SP} ")
            sentencepiece = alone >= 3 and alone * 3 >= line.count(" ") + 1
        if sentencepiece and not (bars and _BARS.search(line)):
            if f" {_SP}" in line:  # spaced pieces: the spaces split words, the markers start them
                line = line.replace(" ", "")
            fixed = _SPACE_RUN_RE.sub(" ", line.replace(_SP, " ").strip(" "))
            if fixed != text[start:end]:
                edits.append((start, end, fixed))
        at = text.find(_SP, end)
    return edits


UNK_RE = re.compile(r"<unk>", re.IGNORECASE)


@cleaner(local=True, family="detokenize", risk=Risk.SAFE, gate=LT)
def remove_unknown_tokens(text: str) -> Sequence[Edit]:
    """Remove the ``<unk>`` token an MT system writes for a word it could not translate.

    Safe: ``<unk>`` is a vocabulary symbol, not text.

    >>> remove_unknown_tokens("the <unk> commander said")
    'the commander said'
    """
    if "<" not in text:
        return []
    return removal_edits(text, ((m.start(), m.end(), "") for m in UNK_RE.finditer(text)))


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
# Both shapes start with a literal ("- " or " -"), which the regex engine finds at memchr speed;
# the word before is then read backwards from a short window.
SPACE_HYPHEN_RE = re.compile(r" -(?=[^\W\d_])")  # "al -Assad"
HYPHEN_SPACE_RE = re.compile(r"- (?=([^\W\d_]{1,40})\b)")  # "al- Assad"
WORD_BEFORE_RE = re.compile(r"(?:^|[^\w-])([^\W\d_]{1,40})\Z")


def _word_before(text: str, pos: int) -> str | None:
    """The whole word of letters ending at ``pos``, if one does (at most 40 letters)."""
    found = WORD_BEFORE_RE.search(text, max(0, pos - 42), pos)
    return found.group(1) if found else None


@cleaner(
    local=True, family="detokenize", risk=Risk.LOW, gate=SPACE_HYPHEN | HYPHEN_SPACE, langs=ENGLISH
)
def join_spaced_hyphens(text: str) -> Sequence[Edit]:
    """Close a space that MT or detokenisation put beside a hyphen: ``al -Assad`` -> ``al-Assad``.

    Low risk: letters must stand on both sides. ``word -Word`` joins before a capitalised
    word (``Akufo -Addo``) or after a known prefix or particle (``al``, ``anti``, ``pro``…);
    ``word -word`` also joins when the second word ends as compounds do (``-ing``, ``-ed``,
    ``-based``…) and is the line's only such hyphen (``Internet -banking``), since command
    flags do not (``ls -la``, ``stunnel -version``, ``$IPTABLES -A FORWARD -p tcp``). ``word- word`` is a dash
    (``the air is tense- suddenly``) unless the first word is a known prefix, and never before
    a conjunction (``pre- and post-war``, German ``Hand- sowie``). Scores (``3 -2``) and spaced
    dashes (``Ankara - Moscow``) stay.

    >>> join_spaced_hyphens("Syrian President Bashar al -Assad and the anti- government side")
    'Syrian President Bashar al-Assad and the anti-government side'
    >>> join_spaced_hyphens("pre- and post-war, won 3 -2, Ankara - Moscow, run ls -la")
    'pre- and post-war, won 3 -2, Ankara - Moscow, run ls -la'
    >>> join_spaced_hyphens("the air is tense- suddenly you take out poetry install -E extras")
    'the air is tense- suddenly you take out poetry install -E extras'
    """
    spaced_before, spaced_after = pair_positions(text, (" -", "- "))
    edits = Edits()
    for m in matches_at(SPACE_HYPHEN_RE, text, spaced_before):
        left = _word_before(text, m.start())
        if not left:
            continue
        right = _RIGHT_WORD_RE.match(text, m.end())
        word = right.group() if right else ""
        if (
            left.lower() in _PREFIXES
            or (word[:1].isupper() and word[1:2].islower())
            or (
                word.islower()
                and word.endswith(_COMPOUND_ENDS)
                and _only_flag_on_line(text, m.start())
            )
        ):
            edits.append((m.start(), m.start() + 1, ""))
    for m in matches_at(HYPHEN_SPACE_RE, text, spaced_after):
        left = _word_before(text, m.start())
        if left and left.lower() in _PREFIXES and m.group(1).lower() not in _SUSPENDERS:
            edits.append((m.start() + 1, m.end(), ""))
    edits.sort()
    return edits


# How the second half of an English compound split by MT ends ("top -selling", "Internet
# -banking", "state -owned", "energy -based"); command flags (-version, -nodes) do not.
_COMPOUND_ENDS = ("ing", "ed", "based", "related", "wide", "free", "like", "style", "term")
_RIGHT_WORD_RE = re.compile(r"[^\W\d_]+(?![\d_])")


def _only_flag_on_line(text: str, pos: int) -> bool:
    """True when the " -x" at ``pos`` is the only one on its line and the line is not code."""
    start, end = line_at(text, pos)
    line = text[start:end]
    return (
        len(SPACE_HYPHEN_RE.findall(line)) == 1 and " --" not in line and not looks_like_code(line)
    )


# "isn 't", "Turkey 's" (a space before the apostrophe), and Moses' "is n't" split. Candidates
# are the spaces before an apostrophe or "n'", found with str.find; the clitic is checked there.
CLITIC_RE = re.compile(r"['’](?:s|t|re|ve|ll|d|m)(?![^\W_]|['’])|n['’]t(?![^\W_])")


# The apostrophe glued to the left word, the space after it ("what' s", "don' t"): the
# clitic must stand alone before a space, punctuation or the end, so "the players' team" and
# "the boys' t-shirts" stay.
_GLUED_CLITIC_RE = re.compile(r"(?:s|t|re|ve|ll|d|m)(?=[ \t\n\r,.;:!?\"”)]|\Z)")
# An elided name split before its apostrophe: "D 'Agata", "O 'Neill", "L 'Oréal".
_ELIDED_NAME_RE = re.compile(r"['’][A-Z][^\W\d_]{1,30}\b(?!['’])")


@cleaner(
    local=True,
    family="detokenize",
    risk=Risk.LOW,
    gate=SPACE_APOS | SPACE_N_APOS | APOS_SPACE_LOWER,
    langs=ENGLISH,
)
def join_split_contractions(text: str) -> Sequence[Edit]:
    """Rejoin contractions and possessives split by a tokenizer: ``isn 't``, ``Turkey 's``.

    Low risk: the apostrophe must start one of the English clitics (``'s 't 're 've 'll 'd
    'm``, ``n't``) and end the word, so quoted words such as ``'special'`` stay. A clitic split
    after its apostrophe (``what' s``) must stand alone, and a name split before one
    (``D 'Agata``) must be a lone ``D``, ``O`` or ``L`` before a capitalised word that no
    apostrophe closes. One split on both sides (``doesn ’ t``) only after a word that clitic
    always follows (``data/clitic_hosts.txt``).

    >>> join_split_contractions("Turkey 's army isn 't leaving; it does n't stop")
    "Turkey's army isn't leaving; it doesn't stop"
    >>> join_split_contractions("You can 't make up what' s happening, said Charlie D 'Agata.")
    "You can't make up what's happening, said Charlie D'Agata."
    >>> join_split_contractions("the 'special' forces, rock 'n' roll, the players' t-shirts, plan D 'Alpha'")
    "the 'special' forces, rock 'n' roll, the players' t-shirts, plan D 'Alpha'"
    >>> join_split_contractions("it doesn ’ t work, they ' re sure; the ' re-run ' stays")
    "it doesn’t work, they're sure; the ' re-run ' stays"
    """
    # Every place to look, from one compiled pass: " '" " ’" (a space before an apostrophe),
    # " n" (then an apostrophe: "does n't"), "' " "’ " (a space after one)
    before, before_curly, spaced_n, after, after_curly = pair_positions(text, _CLITIC_PAIRS)
    n_split = [p for p in spaced_n if text[p + 2 : p + 3] == "'"]
    n_split_curly = [p for p in spaced_n if text[p + 2 : p + 3] == "’"]
    edits = Edits()
    for places in (before, n_split, before_curly, n_split_curly):
        for pos in places:
            if (
                pos > 0
                and text[pos - 1].isalpha()
                and (
                    CLITIC_RE.match(text, pos + 1)
                    or (
                        text[pos - 1] in "DOL"
                        and (pos < 2 or not text[pos - 2].isalnum())
                        and _ELIDED_NAME_RE.match(text, pos + 1)
                    )
                )
            ):
                edits.append((pos, pos + 1, ""))
            elif pos > 0 and _SPACED_CLITIC_RE.match(text, pos + 1):
                # split on both sides ("doesn ’ t", "they ' re"): only after a word the clitic
                # always follows, so a quotation mark between words stays
                word = text[text.rfind(" ", 0, pos) + 1 : pos].lower()
                clitic = text[pos + 3 : pos + 5].rstrip()
                if word in _CLITIC_HOSTS.get(clitic, ()):
                    edits += [(pos, pos + 1, ""), (pos + 2, pos + 3, "")]
    for places in (after, after_curly):
        line_end, opened_at = -1, -1
        for pos in places:
            if pos > line_end:  # a new line: where its first single quotation opens, once
                line_start, line_end = line_at(text, pos)
                opened_at = _first_opening_quote(text, line_start, line_end)
            if (
                pos > 0
                and text[pos - 1].isalpha()
                and _GLUED_CLITIC_RE.match(text, pos + 2)
                and not 0 <= opened_at < pos
            ):
                edits.append((pos + 1, pos + 2, ""))
    edits.sort()
    return edits


_CLITIC_PAIRS = (" '", " ’", " n", "' ", "’ ")
# A clitic split from both its word and its apostrophe, as tokenisers that split curly
# apostrophes write it (sacremoses on "doesn’t": "doesn ’ t"), and the words it follows: the
# needles of this shape open the SPACE_N_APOS gate (newsclean._scan.SPACED_CLITICS).
_SPACED_CLITIC_RE = re.compile(r"['’] (?:t|re|ve|ll)(?![^\W_]|['’])")
_CLITIC_HOSTS: dict[str, frozenset[str]] = {
    line.split()[0]: frozenset(line.split()[1:]) for line in read_list("clitic_hosts.txt")
}  # data/clitic_hosts.txt


def _first_opening_quote(text: str, start: int, end: int) -> int:
    """Where the first single quotation of the line ``text[start:end]`` opens, or -1: an
    apostrophe after it may close it (``the 'what' s``), so it is a quote mark, not a split
    clitic. A curly ``‘`` opens; a straight one opens after a space, a bracket or the line
    start unless a clitic follows it."""
    curly = text.find("‘", start, end)
    pos = text.find("'", start, end if curly < 0 else curly)
    while pos >= 0:
        if (pos == start or text[pos - 1] in " \t(") and not CLITIC_RE.match(text, pos):
            return pos
        pos = text.find("'", pos + 1, end if curly < 0 else curly)
    return curly


# A space run before closing punctuation that is followed by a space, the line end or more
# closing punctuation; and a space run after "(" or "[". ".NET", ".45" and "..." never match.
# Candidates are found with str.find on the two-character needles (" ,", "( ", ...), which
# runs at C speed and visits only real occurrences; a regex would start at every space.
_FRENCH_SPACED = frozenset(";:!?")
_SPACED_MARKS = tuple(
    (pair, pair.strip() if pair.strip() in "();:!?[]" else "")
    for pair in (" ,", " .", " ;", " :", " !", " ?", " )", " ]", "( ", "[ ")
)
_BEFORE_OK = frozenset('"”’)]%_')  # besides letters and digits, may stand before the spaces
_AFTER_OK = frozenset('"”’)],.;:!?')  # besides whitespace, may follow the mark
_OPENED_OK = frozenset('"“‘_')  # besides letters and digits, may follow "( "


_SPACED_NEEDLES = tuple(pair for pair, _ in _SPACED_MARKS)


def _spaced_candidates(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, mark)`` of each removable space run, in text order ("" mark: after "("):
    the compiled walk when there is one (a line of thousands of slips costs it microseconds),
    else `_spaced_candidates_python`."""
    if _compiled_spaced is None:
        return _spaced_candidates_python(text)
    return sorted(_compiled_spaced(text, _MARKS, _BEFORE, _AFTER, _OPENED))


_MARKS = ",.;:!?)]"
_BEFORE, _AFTER, _OPENED = ("".join(sorted(x)) for x in (_BEFORE_OK, _AFTER_OK, _OPENED_OK))


def _spaced_candidates_python(text: str) -> list[tuple[int, int, str]]:
    """The reference of `_spaced_candidates`.

    The needles' places come from one pass (`pair_positions`); a later needle's candidate at
    the same start replaces an earlier one's, as when each was searched in turn.
    """
    found: dict[int, tuple[int, int, str]] = {}
    for needle, places in zip(_SPACED_NEEDLES, pair_positions(text, _SPACED_NEEDLES), strict=True):
        for pos in places:
            if needle[0] == " ":  # spaces before a mark at pos + 1
                mark_at = pos + 1
                start = pos
                while start > 0 and text[start - 1] == " ":
                    start -= 1
                before = text[start - 1] if start else ""
                after = text[mark_at + 1 : mark_at + 2]
                if (
                    before
                    and (before.isalnum() or before in _BEFORE_OK)
                    and (not after or after.isspace() or after in _AFTER_OK)
                ):
                    found[start] = (start, mark_at, text[mark_at])
            else:  # spaces after an opening bracket at pos
                end = pos + 1
                while end < len(text) and text[end] == " ":
                    end += 1
                nxt = text[end : end + 1]
                if nxt and (nxt.isalnum() or nxt in _OPENED_OK):
                    found[pos + 1] = (pos + 1, end, "")
    return [found[k] for k in sorted(found)]


@cleaner(
    local=True, family="detokenize", risk=Risk.LOW, gate=SPACE_CLOSE | OPEN_SPACE, langs=ENGLISH
)
def fix_punctuation_spacing(text: str) -> Sequence[Edit]:
    """Remove detokenisation spaces before ``, . ; : ! ? )`` and after ``(``: ``word ,`` -> ``word,``.

    Low risk: ``;:!?`` keep their space inside a quotation or a paragraph with guillemets,
    where it is French typography, and ``:`` keeps it between digits (``3 : 2``); ``...``,
    ``.NET`` and ``.45`` never match.

    >>> fix_punctuation_spacing("The rebels , backed by Turkey ( and Qatar ) , advanced .")
    'The rebels, backed by Turkey (and Qatar), advanced.'
    >>> fix_punctuation_spacing('Macron said: "Nous sommes prêts !" and it ended 3 : 2 ...')
    'Macron said: "Nous sommes prêts !" and it ended 3 : 2 ...'
    >>> fix_punctuation_spacing("Shares jumped 20 % , the market said .\\nA rise of 5 % was seen.")
    'Shares jumped 20%, the market said.\\nA rise of 5 % was seen.'
    """
    edits = Edits()
    candidates = _spaced_candidates(text)
    starts = [c[0] for c in candidates]
    # Each line holding a candidate is read once, when its first candidate comes up: is it
    # code, how many spacing slips it has; its quote state is carried along as candidates
    # advance, so each character is counted once.
    line_start = line_end = -1
    code = guillemets = False
    label_from = 0
    slips = scanned = quotes = curly = 0
    for at, (start, end, mark) in enumerate(candidates):
        if start > line_end:
            line_start, line_end = line_at(text, start)
            line = text[line_start:line_end]
            code = looks_like_code(line)
            found_label = _LABEL_RE.search(line)
            label_from = line_start + found_label.start() if found_label else line_end + 1
            guillemets = "«" in line or "»" in line
            last = bisect.bisect_left(starts, line_end, at)
            slips = sum(1 for c in candidates[at:last] if c[2] != ":")
            scanned, quotes, curly = line_start, 0, 0
        if code or start >= label_from:
            continue
        if (
            mark in ",."
            and text[start - 1] in _MENTION_ENDS  # (cheap first: the regex is asked rarely)
            and text[end + 1 : end + 3].strip()[:1].islower()
            and _named_mark(text, line_start, start)
        ):
            continue  # "a trailing , in a list": the mark is named, not used
        if not mark:  # "( word"
            edits.append((start, end, ""))
            continue
        if mark == ".":
            after = text[end + 1 : end + 3]
            if after[:1] == "." or after == " .":
                continue  # ". . ." is style
            if after == " /":
                continue  # "COPY . /app": a path or a command
            word = text[(text.rfind(" ", line_start, start) + 1) or line_start : start]
            if ("." in word or "/" in word or "_" in word) and _name_before(
                text, line_start, start
            ):
                continue  # "the __init__.py .": a name (a name's word holds one of those)
        if mark in _FRENCH_SPACED:
            if mark == ":" and text[start - 1].isdigit():
                continue
            if (
                mark == ":"
                and text[end + 1 : end + 2] == " "
                and slips < 2
                and not _clause_after(text, end + 2, line_end)
            ):
                continue  # "VIP : 60,000₩", "Category : Press": a label, unless the line is tokenised
            if mark in ":;" and text[end + 1 : end + 2] in (")", "("):  # emoticons ":)"
                continue
            segment = text[scanned:start]
            quotes += segment.count('"')
            curly += segment.count("“") - segment.count("”")
            scanned = start
            if guillemets or quotes % 2 or curly > 0:
                continue  # French spacing inside a quotation, or a French paragraph
        edits.append((start, end, ""))
    if " %" in text:
        edits += _tokenised_percents(text, candidates, starts)
        edits.sort()
    return edits


def _clause_after(text: str, at: int, line_end: int) -> bool:
    """What follows a spaced colon at ``at`` (to the line's end or the next spaced colon)
    reads as a clause, a headline's second half: three words or more, one of them in lower
    case (``Biosensor : your family medical examiner``), not a label's value (``VIP :
    60,000₩``, ``Category : Press Releases``, ``News date : 04/21/2022 Category : ...``).

    >>> line = "Because of Omikron : Johnson wants to push booster vaccinations"
    >>> _clause_after(line, 21, len(line)), _clause_after("Category : Press Releases", 11, 25)
    (True, False)
    """
    stop = text.find(" : ", at, line_end)
    words = text[at : line_end if stop < 0 else stop].split()
    return len(words) >= 3 and any(word[:1].islower() for word in words)


def _tokenised_percents(
    text: str, candidates: list[tuple[int, int, str]], starts: list[int]
) -> list[Edit]:
    """``20 %`` -> ``20%``, only on a line a tokeniser spaced (two other spacing slips on it):
    alone, ``20 %`` is the typography of French and of many style guides. Each line is judged
    once, however many ``%`` it holds."""
    edits: list[Edit] = []
    line_end, tokenised = -1, False
    pos = text.find(" %")
    while pos >= 0:
        if pos > line_end:
            line_start, line_end = line_at(text, pos)
            first = bisect.bisect_left(starts, line_start)
            last = bisect.bisect_left(starts, line_end)
            slips = sum(1 for c in candidates[first:last] if c[2] != ":")
            line = text[line_start:line_end]
            tokenised = slips >= 2 and "«" not in line and not looks_like_code(line)
        after = text[pos + 2 : pos + 3]
        if tokenised and pos and text[pos - 1].isdigit() and (not after or not after.isalnum()):
            edits.append((pos, pos + 1, ""))
        pos = text.find(" %", pos + 2)
    return edits


# A bracketed label ending a line, as some sites credit each quoted source: "[ Engadget ]",
# "It's Complicated [ Bloomberg ]". Its spacing is the site's style.
_LABEL_RE = re.compile(r"\[(?: [^\[\]\n]{1,40}|[^\[\]\n]{1,40} )\]\s*$")
# A punctuation mark named in prose comes after a determiner, maybe with a word for where it
# stands between: "a trailing , in a list", "the . key". Not any -ing word: in "This morning ,
# team members" the comma is used, not named.
_MENTION_RE = re.compile(
    r"\b(?:[Aa]n?|[Tt]he|[Tt]his|[Ee]ach|[Ee]very|[Aa]ny)"
    r"(?: (?:trailing|leading|closing|opening|dangling|missing|extra|final|following|single|lone))?\Z"
)


# The last letters of the words `_MENTION_RE` can end with: a slip after any other letter is
# not a named mark, and needs no regex (a line of thousands of slips asks each).
_MENTION_ENDS = frozenset("anehsygl")


def _named_mark(text: str, line_start: int, start: int) -> bool:
    """Does a determiner (and maybe a word for where it stands) end at ``start``, naming the
    mark after it: "a trailing , in a list", "the . key" (`_MENTION_RE`)? Its longest match,
    "every following", has 15 characters. (The caller asks only after a letter of
    `_MENTION_ENDS`.)"""
    return _MENTION_RE.search(text, max(line_start, start - 16), start) is not None


def _name_before(text: str, line_start: int, start: int) -> bool:
    """Does the token ending at ``start`` name a file, a module or an address (`_NAME_END_RE`)?
    The token is the run of name characters back from ``start``; the search runs over it only
    (once per slip on a long line, a search from the line's start was quadratic)."""
    k = start
    while k > line_start and (text[k - 1].isalnum() or text[k - 1] in "_./-"):
        k -= 1
    return _NAME_END_RE.search(text, k, start) is not None


# The end of a token that names a file, a module or an address (a dot, slash or underscore
# inside it): a space before the full stop after it is kept.
_NAME_END_RE = re.compile(r"[\w-](?:[./][A-Za-z_]|_)[\w./-]*\Z")
# A straight double quote that opens (at a line start, or after a space or an opening bracket)
# and one that closes (before a space, punctuation or the line end). Tokenised and
# half-detokenised MT output pads quotations inside: `he said " we will go " .` (WMT system
# outputs, Moses `&quot; word &quot;` once decoded).
_OPENS_AFTER = frozenset(" \t([{—–")
_CLOSES_BEFORE = frozenset(" \t.,;:!?)]}—–")


@cleaner(local=True, family="detokenize", risk=Risk.LOW, gate=QUOTE_PAD, langs=ENGLISH)
def join_spaced_quotes(text: str) -> Sequence[Edit]:
    """Close the spaces a tokeniser left inside straight double quotes: ``" we will go "``.

    Low risk: a line is touched only when its straight double quotes pair up in order, each
    pair opening where a quotation opens and closing where one closes, and at least one pair
    is padded inside. A quote used otherwise on the line (inch marks ``a 5" screen``, a lone
    quote, an odd count) leaves the whole line alone.

    >>> join_spaced_quotes('Protesters held banners that read " Law and Justice is a hell for women. "')
    'Protesters held banners that read "Law and Justice is a hell for women."'
    >>> join_spaced_quotes('" This will not work, " she told VOA. It was "fine, " he said.')
    '"This will not work," she told VOA. It was "fine," he said.'
    >>> join_spaced_quotes('a 5" screen and a 7" one; he said " no')
    'a 5" screen and a 7" one; he said " no'

    On such a line, single quotes padded the same way close up too:

    >>> join_spaced_quotes('" They would write down \\' no issues \\' (after that), " Manning said.')
    '"They would write down \\'no issues\\' (after that)," Manning said.'
    """
    if '" ' not in text and ' "' not in text:
        return []
    edits = Edits()
    at = text.find('"')
    while at >= 0:
        start, end = line_at(text, at)
        edits += _quote_pairs(text, start, end)
        at = text.find('"', end)
    return edits


def _quote_pairs(text: str, start: int, end: int) -> list[Edit]:
    """The padding inside the quote pairs of the line ``text[start:end]``, if they pair up."""
    quotes = []
    at = text.find('"', start, end)
    while at >= 0:
        quotes.append(at)
        at = text.find('"', at + 1, end)
    if len(quotes) % 2:
        return []
    edits: list[Edit] = []
    for opening, closing in zip(quotes[::2], quotes[1::2], strict=True):
        before = text[opening - 1] if opening > start else " "
        after = text[closing + 1] if closing + 1 < end else " "
        if before not in _OPENS_AFTER or after not in _CLOSES_BEFORE:
            return []  # not a quotation: inch marks, a quote inside a word
        inner = text[opening + 1 : closing]
        if not inner.strip() or "  " in inner:
            return []
        if inner[0] == " ":
            edits.append((opening + 1, opening + 2, ""))
        if inner[-1] == " " and len(inner) > 1:
            edits.append((closing - 1, closing, ""))
    if edits and " ' " in text[start:end]:
        edits = sorted(edits + _single_quote_pairs(text, start, end))
    return edits


def _single_quote_pairs(text: str, start: int, end: int) -> list[Edit]:
    """Padding inside ``' no issues '`` on a line whose double quotes a tokeniser padded too.

    Every straight single quote standing alone on the line must pair up in order, the pair
    holding one to eight words, and no opening one may follow a word ending in ``s`` (``the
    players ' union`` is a split possessive, not a quotation)."""
    marks = []
    at = text.find("'", start, end)
    while at >= 0:
        before = text[at - 1] if at > start else " "
        after = text[at + 1] if at + 1 < end else " "
        if before in " \t" and (after in " \t" or after in _CLOSES_BEFORE):
            marks.append(at)
        elif before in " \t" or after in " \t":
            return []  # a quote glued to a word on one side: the line's quoting is mixed
        at = text.find("'", at + 1, end)
    if not marks or len(marks) % 2:
        return []
    edits: list[Edit] = []
    for opening, closing in zip(marks[::2], marks[1::2], strict=True):
        inner = text[opening + 1 : closing]
        words = inner.split()
        left = opening - 1  # the last character before the opening quote and its spaces
        while left >= start and text[left] in " \t":
            left -= 1
        if (
            not 1 <= len(words) <= 8
            or inner[:1] != " "
            or inner[-1:] != " "
            or '"' in inner
            or (left >= start and text[left] in "sS")
        ):
            return []
        edits += [(opening + 1, opening + 2, ""), (closing - 1, closing, "")]
    return edits


# The Penn Treebank's escapes for brackets (-LRB- -RRB-, lower-cased in some corpora) and its
# quotes (`` and ''). Seen in PTB-tokenised CNN stories and WikiText. The bracket tokens never
# occur in prose; the quote pair is mapped only where both halves stand on the line in order.
PTB_BRACKET_RE = re.compile(r"-(?:LRB|RRB|LSB|RSB|LCB|RCB|lrb|rrb|lsb|rsb|lcb|rcb)-")
_PTB_BRACKETS = {"lrb": "(", "rrb": ")", "lsb": "[", "rsb": "]", "lcb": "{", "rcb": "}"}
PTB_QUOTES_RE = re.compile(r"``[^`'\n]{1,500}?''")


@cleaner(local=True, family="detokenize", risk=Risk.SAFE, gate=PTB_TOKEN)
def replace_ptb_tokens(text: str) -> Sequence[Edit]:
    """Replace Penn Treebank tokens with what they stand for: ``-LRB- CNN -RRB-`` -> ``( CNN )``.

    Safe: ``-LRB-`` and its kin are tokeniser output, never prose; ```` `` ```` and ``''`` become
    ``"`` only as a pair on one line. The spaces the tokeniser put around them are closed by
    `fix_punctuation_spacing` and `join_spaced_quotes`.

    >>> replace_ptb_tokens("Seoul , South Korea -LRB- CNN -RRB- The man , -lrb- born 1945 -rrb-")
    'Seoul , South Korea ( CNN ) The man , ( born 1945 )'
    >>> replace_ptb_tokens("`` Hour of Power , '' he said, and ''italic'' stays")
    '" Hour of Power , " he said, and \\'\\'italic\\'\\' stays'
    """
    edits = Edits()
    if "-" in text:
        for m in PTB_BRACKET_RE.finditer(text):
            edits.append((m.start(), m.end(), _PTB_BRACKETS[m.group()[1:-1].lower()]))
    if "``" in text:
        for m in PTB_QUOTES_RE.finditer(text):
            edits += [(m.start(), m.start() + 2, '"'), (m.end() - 2, m.end(), '"')]
        edits.sort()
    return edits


# A whole tokenised line (Moses' tokenizer.perl or sacremoses, the Penn Treebank's once its
# tokens are replaced) is restored as a whole, as Moses' detokenizer does: quotes paired from
# both sides, brackets, clitics, escapes, currency and units, not one spacing rule at a time.
# The partial rules above remain for the half-detokenised slips of scraped text ("Yobe North ,").
_CLOSERS = frozenset([",", ".", ";", ":", "!", "?", ")", "]", "}", "...", "…", "%"])
_OPENERS = frozenset(["(", "[", "{"])
_CLOSING_BRACKETS = frozenset([")", "]", "}"])
_CURRENCY = frozenset("$£€¥₹")
_SENTENCE_MARKS = frozenset([",", "."])
# Moses' XML escapes, met here when the cleaner runs before `decode_html_entities` or alone.
_MOSES_XML = {
    "&quot;": '"',
    "&apos;": "'",
    "&amp;": "&",
    "&lt;": "<",
    "&gt;": ">",
    "&#124;": "|",
    "&#91;": "[",
    "&#93;": "]",
}
_MOSES_XML_RE = re.compile("|".join(map(re.escape, _MOSES_XML)))
# The clitics English tokenisers split off: "'s" "n't" (Moses, PTB) and "’ s" (curly, split).
_CLITIC_WORDS = frozenset(w for c in ("s", "t", "re", "ve", "ll", "d", "m") for w in (c, c.upper()))
_CLITIC_STARTS = frozenset("'’‘nN")  # what a clitic token can begin with
# ‘ too: an apostrophe typed as an opening quote ("didn‘t", WMT22's zh-en reference B)
_CLITIC_TOKEN_RE = re.compile(rf"(?:['’‘](?:{'|'.join(sorted(_CLITIC_WORDS))})|n['’‘]t|N['’‘]T)\Z")
# A word glued to the mark a tokeniser always splits off: "word," "word;" "(word" "word)" —
# or to a full stop after three lower-case letters (abbreviations such as "Mr." "U.S." "a.m."
# stay glued in tokenised text too). One of these and the line was not tokenised.
_GLUED_RE = re.compile(r"[^\W_][,;:!?)\]]+\Z|\A[(\[][^\W_]|(?<![.\w])[^\W\d_]*[a-z]{3}\.\Z")
_GLUED_ENDS = frozenset(",;:!?)].")
_WORDISH_RE = re.compile(r"[^\W_]")
# Reporting verbs: a quote mark after a comma with one of these just after it closes a
# quotation that began on an earlier line ('... easier , " Jezdci.cz quoted Minařík's wife').
_REPORTED = frozenset(read_list("reporting_verbs.txt"))  # data/reporting_verbs.txt
_QUOTE_ENDS = frozenset([",", ".", "?", "!", "...", "…"])  # a quotation ends after these
_TOKEN_RE = re.compile(r"[^ ]+")
_SHORT_NUMBER_RE = re.compile(r"\d{1,2}\Z")
_QUOTE_TOKENS = frozenset(['"', "&quot;", "“", "”", "‘", "’", "'", "&apos;", "„", "‚"])


def _dots(tok: str) -> bool:
    """A run of full stops other than one (``..``, ``....``): Moses keeps it as one token, and
    it closes like ``...``."""
    return len(tok) > 1 and not tok.strip(".")


def _word_slash(prev: str, nxt: str) -> bool:
    """A slash token between these two reads as one Moses split off between two lower-case
    words or numbers (``he / she``, ``2018 / 19``; ``AFP / Getty``, between names, does not)."""
    return (prev[-1:].islower() or prev[-1:].isdigit()) and (nxt[:1].islower() or nxt[:1].isdigit())


def _tokenised(body: str) -> bool:
    """Is this line tokeniser output as a whole? At least two marks stand alone between
    words, one of them not ``; : ! ?`` (French spacing: ``Quoi ? Non !``) nor a bracket
    (a site's label: ``[ The Verge ]``), and no word is
    glued to a mark a tokeniser always splits off (French glues its commas and full stops)."""
    spaced = sentence = 0
    # Token by token with one of look-ahead, not body.split(): a long line of prose is
    # usually judged within its first sentence, and splitting it all would cost more.
    found = _TOKEN_RE.finditer(body)
    following = next(found, None)
    i = -1
    tok = ""
    while following is not None:
        i += 1
        prev, tok = tok, following.group()
        following = next(found, None)
        nxt = following.group() if following is not None else ""
        if i and (tok in _CLOSERS or (tok[0] == "." and _dots(tok))):  # (cheap test first)
            spaced += 1
            sentence += tok not in _FRENCH_SPACED and tok not in _CLOSING_BRACKETS
        elif tok == "/" and _word_slash(prev, nxt):
            spaced += 1  # Moses splits every slash; alone, it does not make a line tokenised
        elif tok in _OPENERS and nxt:
            spaced += 1  # a bracket pair alone is a site's label style: "[ The Verge ]"
        elif (
            (tok[0] in _CLITIC_STARTS and _CLITIC_TOKEN_RE.match(tok))
            or tok in _QUOTE_TOKENS
            or (tok in _CURRENCY and nxt[:1].isdigit())
            or (tok in ("#", "@") and _WORDISH_RE.match(nxt))
        ):
            split_clitic = tok in ("'", "’") and nxt in _CLITIC_WORDS  # "you ’ re": twice
            spaced += 1 + split_clitic
            sentence += 1
        elif len(tok) > 1 and (tok[-1] in _GLUED_ENDS or tok[0] in "(["):
            glued = _GLUED_RE.search(tok)  # (it can match only where one of those stands)
            if glued and not (
                glued.end() == len(tok) and tok[-1] == "." and nxt and not nxt[:1].isupper()
            ):
                return False
    return spaced >= 2 and sentence >= 1


def _restore(body: str) -> str:
    """Join the tokens of a tokenised line as the untokenised text had them.

    >>> _restore("&quot; Yes , &quot; he said .")
    '"Yes," he said.'
    """
    return "".join(piece for _, _, piece in _restored_pieces(body))


def _restored_pieces(body: str) -> Iterator[Edit]:
    """`_restore` as pieces ``(start, end, restored)`` that cover ``body`` in order.

    The tokens are read as a stream with four of look-ahead, and the output is handed out in
    pieces of 4,096 tokens or so: a line of megabytes costs a few copies of itself, not a list of
    its words, and its pieces go to the edit list as they are (no joined copy). Where Moses'
    XML escapes were read first, offsets no longer match the body: one piece."""
    unescaped = _MOSES_XML_RE.sub(lambda m: _MOSES_XML[m.group()], body)
    matches = _TOKEN_RE.finditer(unescaped)  # the line has single spaces
    found = (m.group() for m in matches)
    ahead = collections.deque(itertools.islice(found, 4))  # filled to four after each token
    out: list[str] = []
    chunks: list[str] = []
    glue = True  # no space before the next token
    double_open = single_open = False
    low_open = low_single_open = False  # „ or ‚ opened: “ or ‘ closes (German, Czech, Polish)
    prev = ""
    piece_start = 0
    whole = unescaped is body  # offsets hold: pieces may be handed out as they are made
    end = 0  # where the current token ends in the body (tokens are one space apart)
    while ahead:
        tok = word = ahead.popleft()
        following = next(found, None)
        if following is not None:
            ahead.append(following)
        nxt = ahead[0] if ahead else ""
        space = not glue
        glue = False
        if tok[0].isalnum() and not (tok[0] in "nN" and _CLITIC_TOKEN_RE.match(tok)):
            pass  # a word (most tokens): only its space before, as decided, and no glue
        elif tok in _CLOSERS or (tok[0] == "." and _dots(tok)):
            space = space and (
                (tok == "%" and not prev[-1:].isdigit())
                # "bullying . … You", "that .. then" (a run of stops, "..." among them)
                or ((tok == "…" or (tok[0] == "." and len(tok) > 1)) and prev in _CLOSERS)
            )
            if tok == ":" and _SHORT_NUMBER_RE.match(prev) and _SHORT_NUMBER_RE.match(nxt):
                glue = True  # "16 : 9", "10 : 30" (but "2015 ; 28 : 685" keeps its space)
        elif (
            tok in _OPENERS
            or (tok in _CURRENCY and nxt[:1].isdigit())
            or (tok in ("#", "@") and _WORDISH_RE.match(nxt))
        ):
            glue = True
        elif tok in ("@-@", "@,@", "@.@"):
            space, glue, tok = False, True, tok[1]
        elif tok == "/" and prev[-1:].isalnum() and nxt[:1].isalnum():
            space, glue = False, True  # "and / or", "1 / 2"
        elif tok == "„":
            glue, low_open = True, True
        elif tok == "“" and low_open:
            space, low_open = False, False  # „Francík“: the low quote's closing mark
        elif tok == "‚":
            glue, low_single_open = True, True
        elif tok == "‘" and low_single_open:
            space, low_single_open = False, False
        elif tok == "+" and nxt[:1].isdigit() and not prev[-1:].isdigit():
            glue = True  # "above + 20" (but "2 + 2" keeps its spaces)
        elif tok == "°" and prev[-1:].isdigit():
            space, glue = False, nxt in ("C", "F")  # "22 ° C"
        elif tok == "–" and prev[-1:].isdigit() and nxt[:1].isdigit():
            space, glue = False, True  # "2 – 4 %": a range (a dash between words keeps its spaces)
        elif tok == '"':
            if (
                double_open
                or not nxt
                or nxt in _CLOSERS
                or (prev in _QUOTE_ENDS and nxt[:1].islower())  # 'cues , " he said'
                or (prev == "," and not _REPORTED.isdisjoint(ahead))
            ):  # 'easier , " Jezdci.cz quoted': the quotation began on an earlier line
                space, double_open = False, False
            else:
                glue, double_open = True, True
        elif tok == "“":
            glue = True
        elif tok == "”":
            space, low_open = False, False  # also „…” (Polish, Hungarian)
        elif tok == "‘":
            glue, single_open = True, True
        elif tok in ("'", "’"):
            if nxt in _CLITIC_WORDS and prev[-1:].isalnum():
                space, glue = False, True  # "don ’ t", "Ford ’ s": a split clitic
            elif single_open:
                space, single_open = False, False
            elif prev[-1:] in ("s", "S") and not (tok == "'" and nxt == "n"):
                space = False  # "the players ' union": a plural's possessive
            elif tok == "'" and nxt and nxt not in _CLOSERS:
                glue, single_open = True, True
            else:
                space = False
        elif _CLITIC_TOKEN_RE.match(tok):
            space = False
        elif tok[:1] in "'’" and prev in ("D", "O", "L") and tok[1:2].isupper():
            space = False  # "O 'Neill"
        if space:
            out.append(" ")
        out.append(tok)
        prev = word
        end += len(word) + (end > 0)  # the token and the space before it
        if len(out) >= 8192:
            if whole:
                yield piece_start, end, "".join(out)
                piece_start = end
            else:
                chunks.append("".join(out))
            out.clear()
    if whole:
        yield piece_start, len(body), "".join(out)
        return
    chunks.append("".join(out))
    del found, matches, unescaped  # the copy the tokens were read from goes before the join
    yield 0, len(body), "".join(chunks)


@cleaner(
    local=True, family="detokenize", risk=Risk.LOW, gate=SPACE_CLOSE | OPEN_SPACE, langs=ENGLISH
)
def detokenize_lines(text: str) -> Sequence[Edit]:
    """Restore lines a tokeniser wrote out whole: ``&quot; Yes , &quot; he said .`` -> ``"Yes," he said.``.

    Low risk: a line is rewritten only when it is tokeniser output as a whole: two or more
    marks stand alone between words, one of them neither ``; : ! ?`` nor a bracket, and no
    word is glued to a mark a tokeniser always splits off (``word,`` ``(word`` ``word:``), so
    prose with one slip, French spacing, site labels and code stay for the narrower rules or
    untouched. The line is then joined as
    Moses' detokenizer joins it, and more: quotes paired from both sides (one that opens the
    line, one before its end), curly and straight, split clitics (``don ’ t``), plural
    possessives (``the players ' union``), currency, ``%``, ``16 : 9``, ``and / or``.

    >>> detokenize_lines("&quot; They would write down &apos; no issues &apos; ( after that ) , &quot; Manning said .")
    '"They would write down \\'no issues\\' (after that)," Manning said.'
    >>> detokenize_lines("The players ’ union didn ’ t pay $ 8.5 million , 20 % of it , on 16 : 9 screens .")
    'The players’ union didn’t pay $8.5 million, 20% of it, on 16:9 screens.'
    >>> detokenize_lines("Pourquoi ? Parce que ! Il a dit : « non » , puis est parti.")
    'Pourquoi ? Parce que ! Il a dit : « non » , puis est parti.'
    """
    edits = Edits()
    # the lines holding a needle of SPACE_CLOSE or OPEN_SPACE, from one compiled walk
    for start in pair_lines(text, _SPACED_NEEDLES):
        end = text.find("\n", start)
        line = text[start : len(text) if end < 0 else end].rstrip("\r")
        body = line.strip(" \t")
        if "  " in body or "\t" in body:
            continue
        if body.count(" ", 0, 200) < 3 or not _tokenised(body) or looks_like_code(body):
            continue
        at = start + line.find(body)
        for a, b, piece in _restored_pieces(body):  # one piece unless the line is huge
            if piece != body[a:b]:
                edits.add(at + a, at + b, piece)
    return edits
