"""Machine-translation slips that only context can show: doubled words, a/an, stray fragments.

These cleaners guess, so they belong to the ``mt`` profile, not the default one. They encode
English (``langs=ENGLISH``): a pipeline runs them only on English text (see newsclean.lang),
since "a" and "an" are words in Spanish, French and German too ("va a usar", "un an").
"""

from __future__ import annotations

import collections
import functools
import heapq
import re
from collections.abc import Iterator, Sequence

import regex

from newsclean import _facts, _scan
from newsclean._text import line_at, matches_at
from newsclean.cleaner import Edit, Edits, Risk, cleaner
from newsclean.data import read_list
from newsclean.lang import ENGLISH

# Words never doubled in correct news prose. Not here: "had had", "that that", particles that
# meet prepositions ("gave in in the end", "carry on on"), and "is is"/"was was" after "it",
# "what" or "this" ("what it is is ...").
_NEVER_DOUBLED = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "to",
        "for",
        "with",
        "from",
        "and",
        "or",
        "but",
        "as",
        "was",
        "were",
        "is",
        "are",
        "be",
        "been",
        "has",
        "have",
        "will",
        "would",
        "could",
        "should",
        "their",
        "his",
        "its",
        "our",
        "they",
        "he",
        "she",
        "we",
    ]
)
_COPULA_OK_AFTER = frozenset(["it", "what", "this", "thing"])
REPEATED_RE = regex.compile(
    r"(?<![\p{L}'’-])(\p{L}{1,20})((?:[ \t]{1,4}\1){1,8})(?![\p{L}'’-])", regex.IGNORECASE
)


@functools.cache
def legit_doublings() -> frozenset[str]:
    """The words correct English writes twice in a row (``data/legit_doublings.txt``)."""
    return frozenset(w.lower() for w in read_list("legit_doublings.txt"))


# After "at at", these make a set phrase ("pass at at least one test"): the doubling is a slip.
_AT_PHRASES = frozenset(["least", "most", "all", "once", "first", "last", "times", "home"])


def _repeats(text: str) -> Iterator[regex.Match[str]]:
    """REPEATED_RE's matches, looked for only in the lines the compiled scan says hold a word
    that follows itself (a doubling never spans a line break): the backreference pattern
    costs about 1 ms per article, the compiled walk a few microseconds."""
    for start, end in _scan.repeat_lines(text):
        yield from REPEATED_RE.finditer(text, start, end)


@cleaner(local=True, family="mt", risk=Risk.MEDIUM, gate=_facts.REPEAT, langs=ENGLISH)
def remove_repeated_words(text: str) -> Sequence[Edit]:
    """Drop an accidentally doubled word: ``the the`` -> ``the``, ``farm farm`` -> ``farm``.

    Medium risk: function words from a closed list that correct prose never doubles, and
    lower-case content words of four letters or more (``term term``), but not the doublings
    correct English has (``data/legit_doublings.txt``: ``had had``, ``that that``, ``bye
    bye``, ``great great``, ``in the know know``) nor ``what it is is``. A capitalised word
    doubled is left: names and titles double (``Walla Walla``, ``Spend Spend Spend``, a table's
    ``Change Change %``). Other short words
    meet themselves where a phrasal verb meets a phrase (``looked at at the station``): one
    pair stays, a third copy goes, and ``at at least`` loses one. A content word is doubled by
    mistake inside its phrase; one doubled where a clause opens (``For instance, chocolate
    chocolate``), inside a quotation, before ``?`` or ``!``, or doubled again elsewhere in the
    text (``funny funny``) is emphasis, speech or contrast, and stays.

    >>> remove_repeated_words("The the offensive was was stopped at the large farm farm by the the the rebels")
    'The offensive was stopped at the large farm by the rebels'
    >>> remove_repeated_words("He had had enough, and he said that that was it; what it is is war")
    'He had had enough, and he said that that was it; what it is is war'
    >>> remove_repeated_words("The car was looked at at the station; it passed at at least one test, at at at noon")
    'The car was looked at at the station; it passed at least one test, at at noon'
    >>> remove_repeated_words("Edo State Commissioner Commissioner Johnson Alalibo said")
    'Edo State Commissioner Johnson Alalibo said'
    >>> remove_repeated_words("a speech for for [sic] the living")  # the editor kept it
    'a speech for for [sic] the living'
    >>> remove_repeated_words('"Is it casual casual?" For instance, chocolate chocolate might')
    '"Is it casual casual?" For instance, chocolate chocolate might'
    """
    # One compiled pass (newsclean._scan.repeat_lines) rules out most texts and lines: a
    # doubled word is a run of ASCII letters that follows itself, also in "the the,".
    edits = Edits()
    found = list(_repeats(text))
    # the same content word doubled twice or more in one text is meant ("funny funny, ... the
    # contrast between funny funny and funny strange"): a slip does not repeat itself
    doubled = collections.Counter(m.group(1).lower() for m in found if len(m.group(1)) >= 4)
    said_so = _SaidSo(text)
    for m in found:
        first, word = m.group(1), m.group(1).lower()
        repeats = m.group(2).split()
        if any(r != repeats[0] for r in repeats):
            continue
        if repeats[0] != first and not (first.istitle() and repeats[0] == word):
            continue  # "The the" is a slip; "the The" may be a lost sentence break
        if word in legit_doublings() and word not in _NEVER_DOUBLED:
            continue
        if _SIC_RE.match(text, m.end()):
            continue  # quoted as it was said or written: "for for [sic]" (Wikinews)
        if word in ("is", "was"):
            before = text[max(0, m.start() - 12) : m.start()].split()
            if before and before[-1].lower() in _COPULA_OK_AFTER:
                continue
        if word in _NEVER_DOUBLED or (len(word) >= 4 and first.islower()):
            if word not in _NEVER_DOUBLED and (doubled[word] > 1 or said_so(m)):
                continue  # emphasis, speech or contrast: the doubling is the writer's
            edits.append((m.start(2), m.end(2), ""))  # keep the first: it may carry the capital
            continue
        if len(word) >= 4:
            if (
                word in _TITLES and len(repeats) == 1
            ):  # "Edo State Commissioner Commissioner Johnson"
                edits.append((m.start(2), m.end(2), ""))
            continue  # a capitalised name or title: "Walla Walla", "Spend Spend Spend"
        # a short word that may end a phrasal verb: keep one pair
        following = _NEXT_WORD_RE.match(text, m.end())
        if word == "at" and following and following.group(1).lower() in _AT_PHRASES:
            edits.append((m.start(2), m.end(2), ""))
        elif len(repeats) > 1:
            second = m.group(2).find(repeats[0]) + m.start(2) + len(repeats[0])
            edits.append((second, m.end(2), ""))
    return edits


_NEXT_WORD_RE = re.compile(r"[ \t]+([A-Za-z]+)")
_CLAUSE_OPENERS = frozenset(',;:(—–"“‘')  # before a doubling that opens a clause


class _SaidSo:
    """Does a content word's doubling read as meant: it opens a clause or the line ("For
    instance, chocolate chocolate might"), ends a question or an exclamation ("Is it casual
    casual?"), or stands inside a quotation on its line? A slip of translation sits inside
    its phrase ("the large vegetable farm farm", "a second term term"). Asked in text order;
    the quotation marks of a line are counted once, as the doublings advance along it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.line_end = -1
        self.scanned = self.straight = self.curly = 0

    def __call__(self, m: regex.Match[str]) -> bool:
        text, start, end = self.text, m.start(), m.end()
        if start > self.line_end:  # a new line: its quotation marks counted from its start
            self.scanned = text.rfind("\n", 0, start) + 1
            found = text.find("\n", start)
            self.line_end = len(text) if found < 0 else found
            self.straight = self.curly = 0
        segment = text[self.scanned : start]
        self.straight += segment.count('"')
        self.curly += segment.count("“") - segment.count("”")
        self.scanned = start
        before = start - 1
        while before >= 0 and text[before] in " \t":
            before -= 1
        if before < 0 or text[before] == "\n" or text[before] in _CLAUSE_OPENERS:
            return True
        if text[end : end + 1] in ("?", "!"):
            return True
        return self.straight % 2 == 1 or self.curly > 0


# Titles before a name: doubled, they are a slip (WMT21 ha-en: "State Commissioner
# Commissioner Johnson Alalibo"), where a doubled name may be real ("Walla Walla").
_TITLES = frozenset(
    [
        "commissioner",
        "president",
        "minister",
        "governor",
        "senator",
        "general",
        "secretary",
        "director",
        "chairman",
        "chairwoman",
        "chief",
        "mayor",
        "judge",
        "justice",
        "ambassador",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "captain",
        "colonel",
        "inspector",
        "professor",
        "doctor",
        "premier",
        "chancellor",
        "sheikh",
        "bishop",
        "representative",
        "lieutenant",
        "sergeant",
        "superintendent",
    ]
)
_SIC_RE = re.compile(r"[ \t]*[\[(]sic[\])]", re.IGNORECASE)


# Spelling-based guesses fail for these; each list is tested in tests/cases/negative.json.
# Consonant sound despite a vowel letter: "a university", "a European", "a one-off".
_YOU_SOUND = regex.compile(
    r"(?:uni(?![mnd]|ll)|unanim|use|usi|usu|usa|uti|uto|utah|ura|uri|ure|urug|ubiq|uber|uku|ukr"
    r"|ugan|uga|uro|eu|ewe|one(?:s|self)?\b|once)",
    regex.IGNORECASE,
)
# A consonant pair no English word begins with: the first letter is spoken as its name.
_SPELLED_START = regex.compile(r"[b-df-hj-np-tv-z](?![aeiouyhlrw])(?<!s)|s(?=[bdfgjrvxz])")
# Vowel sound despite a consonant letter: "an hour", "an honest", "an heir".
_SILENT_H = regex.compile(r"(?:hour|honest|honou?r|heir)", regex.IGNORECASE)
# Only suspicious pairs match, literal-first (" a", "A"), so the engine jumps between the few
# candidates: "a" before a vowel letter, "an" before a consonant letter. Spelling exceptions
# are then settled by `_wants_an`.
_VOWEL = r"[aeiouAEIOU]"
_CONSONANT = r"[b-df-hj-np-tv-zB-DF-HJ-NP-TV-Z]"
_WORD_REST = r"[\w'’-]{0,40}"
# Initialisms add two shapes: "a" before F, H, L, M, N, R, S or X ("a MP" for "an MP") and
# "an" before U ("an UN" for "a UN"), each followed by another capital.
_SUSPECT = _scan.ARTICLE_SUSPECT  # its compiled twin hands the places to look (`matches_at`)
ARTICLE_RE = re.compile(rf" (a{_SUSPECT}) ({_VOWEL}{_WORD_REST}|{_CONSONANT}{_WORD_REST})")
CAPITAL_ARTICLE_RE = re.compile(rf"(A{_SUSPECT}) ({_VOWEL}{_WORD_REST}|{_CONSONANT}{_WORD_REST})")
# A capital "A" is an article only at a sentence start; elsewhere it may be a label ("Plan A").
_SENTENCE_START = regex.compile(r"(?:^|\n\s*|[.!?][\"”’]?\s+|[\"“(]\s*)$")
# Words that never start a noun phrase: "vitamin a and" is a label, not a slip.
_NOT_AFTER_ARTICLE = frozenset(
    [
        "and",
        "or",
        "of",
        "in",
        "is",
        "it",
        "its",
        "to",
        "at",
        "as",
        "on",
        "if",
        "are",
        "am",
        "an",
        "up",
        "upon",
        "out",
        "off",
        "into",
        "onto",
    ]
)


# Letters whose spoken name starts with a vowel sound: "an FBI", "an MP", "an SQL", "an X".
_AN_LETTERS = frozenset("AEFHILMNORSX")
_CAPS_RE = re.compile(r"[A-Z]+")
# Capitals said as the word they stand for, or as a word: "a LB" may be "a linebacker" or
# "a pound", "a NW wind" is "a northwest wind", "ST" is "street" or "saint".
_SAID_AS_WORDS = frozenset(
    [
        "LB",
        "LBS",
        "LN",
        "ST",
        "RD",
        "MT",
        "FT",
        "SR",
        "MR",
        "MRS",
        "MS",
        "NE",
        "NW",
        "SE",
        "SW",
        "UP",
        "UH",
        "UM",
    ]
)


def _acronym_wants_an(word: str) -> bool | None:
    """For a word that starts in capitals: True "an", False "a", None when it may be read as
    a word or as letters and the two readings disagree ("a NATO", "an NFL", "a SWAT team").

    A first letter whose name and sound are both consonants (``a BBC``, ``a CEO``) and a
    ``U`` read "you" (``a UN``, ``a URL``, ``a UNICEF``) take "a"; ``A``/``E``/``I``/``O``
    take "an" unless the word may sound "w"/"you" (``ONE``, ``EURO``). F, H, L, M, N, R, S
    and X take "an" only when the letters cannot be read as a word: no vowel (``MP``,
    ``SQL``, ``NHS``) or a start no English word has (``FBI``, ``MSNBC``, ``HBO``).
    """
    caps = _CAPS_RE.match(word)
    if caps is None:
        return None
    letters, rest = caps.group(), word[caps.end() :]
    if len(letters) < 2 or (rest and rest not in ("s", "'s", "’s") and rest[0] != "-"):
        return None  # "McCain", "PhD", "DoJ": neither a plain word nor plain initials
    if letters in _SAID_AS_WORDS or letters[0] == letters[1]:
        return None  # and "AAA" is "triple A"
    lower = letters.lower()
    first = letters[0]
    if first == "U":
        return False if len(letters) <= 3 or _YOU_SOUND.match(lower) else None
    if first in "AEIO":
        return None if _YOU_SOUND.match(lower) else True
    if first not in _AN_LETTERS:
        return False  # as a word or letter by letter, a consonant: "a BBC", "a GOP", "a TV"
    if not any(c in "aeiouy" for c in lower) or _SPELLED_START.match(lower):
        return True
    return None


def _wants_an(word: str) -> bool | None:
    """True if ``word`` takes "an", False if "a", None when spelling cannot tell."""
    lower = word.lower()
    if word[:2].isupper():
        return _acronym_wants_an(word)
    if len(word) <= 2 or lower in _NOT_AFTER_ARTICLE:
        return None  # letters ("a U.S.") and labels: the sound is not spelled
    if not any(c in "aeiouy" for c in lower) or _SPELLED_START.match(lower):
        return None  # "lsd", "rpm", "Nvidia", "Ngo": read letter by letter, or as no English word
    if lower[0] == "x":
        return None  # "a xenophobic" but "an Xbox"
    if _SILENT_H.match(lower):
        return True
    if lower[0] == "h":
        return None  # "an historic" is accepted usage; never touch h-words
    if lower[0] in "aeiou":
        return not _YOU_SOUND.match(lower)
    return False


@cleaner(local=True, family="mt", risk=Risk.HIGH, gate=_facts.A_AN, langs=ENGLISH)
def fix_a_an_agreement(text: str) -> Sequence[Edit]:
    """Make "a"/"an" agree with the next word's sound: ``an deadly`` -> ``a deadly``.

    High risk: it works from spelling with exception lists (``an hour``, ``a university``,
    ``a European``, ``a one-off``), skips acronyms and h-words, treats a capital ``A`` as an
    article only at a sentence start, and acts only in English paragraphs.

    >>> fix_a_an_agreement("Attacks killed 13 Turkish soldiers, prompting an deadly military "
    ...                    "response from Ankara after a attack on the troops.")
    'Attacks killed 13 Turkish soldiers, prompting a deadly military response from Ankara after an attack on the troops.'
    >>> fix_a_an_agreement("an hour, a university, a European, a one-off, an MP, an historic day")
    'an hour, a university, a European, a one-off, an MP, an historic day'
    >>> fix_a_an_agreement("To a FBI agent, an URL, a SQL query; a NATO, an NATO and a SWAT team")
    'To an FBI agent, a URL, an SQL query; a NATO, an NATO and a SWAT team'
    """
    edits = Edits()
    lower, upper = _scan.article_candidates(text)
    for m in heapq.merge(
        matches_at(ARTICLE_RE, text, lower),
        matches_at(CAPITAL_ARTICLE_RE, text, upper),
        key=lambda m: m.start(),
    ):
        article, word = m.group(1), m.group(2)
        if "_" in word or any(c.isdigit() for c in word):
            continue
        if (
            article[0] == "A"
            and m.start()
            and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "_'’.-")
        ):
            continue  # inside a word ("RAN") or a name
        if article in ("A", "An") and not _SENTENCE_START.search(
            text[max(0, m.start() - 4) : m.start()]
        ):
            continue
        if article[0] == "A" and word[:1].isupper():
            continue  # "An Mai Spa", "A Asian ...": a capital after a capital article is a name
        wants = _wants_an(word)
        if wants is None or wants == (article.lower() == "an"):
            continue
        if article == "an" and _and_typo(text, m.start(1), word):
            continue  # "drag an drop", "running an screaming": "and" lost its "d"
        fixed = {"a": "an", "an": "a", "A": "An", "An": "A"}[article]
        edits.append((m.start(1), m.end(1), fixed))
    return edits


# Pairs joined by "and" in fixed phrases; "an" between them is "and" missing its "d".
_BINOMIALS = frozenset(
    [
        ("drag", "drop"),
        ("rock", "roll"),
        ("back", "forth"),
        ("pick", "choose"),
        ("trial", "error"),
        ("hit", "run"),
        ("wait", "see"),
        ("cut", "paste"),
        ("copy", "paste"),
        ("plug", "play"),
        ("give", "take"),
        ("touch", "go"),
        ("stop", "go"),
        ("bread", "butter"),
        ("salt", "pepper"),
    ]
)
_WORD_BEFORE_RE = re.compile(r"([^\W\d_]+)\s+\Z")


def _and_typo(text: str, at: int, word: str) -> bool:
    """True when the "an" at ``at`` stands for "and": between two -ing forms or in a pair that
    "and" joins in set phrases (a/an agreement would make "drag a drop")."""
    before = _WORD_BEFORE_RE.search(text, max(0, at - 31), at)
    if before is None:
        return False
    left, right = before.group(1).lower(), word.lower()
    return (left.endswith("ing") and right.endswith("ing")) or (left, right) in _BINOMIALS


# A lowercase one-word "sentence" after a full stop: "rebel factions. agency." (seed
# helicopter line 3), left when MT reorders a clause. English sentences start with a capital.
# Literal-first (". ", "! ", "? "): the engine jumps between sentence ends; the word before
# the stop is checked afterwards.
FRAGMENT_RE = re.compile(
    r"[.!?]((?: [^\W\d_A-Z]{3,20}\.){1,3})(?=[ \t]*$|[ \t]+[A-Z\"“]|[ \t]+[^\W\d_a-z])",
    re.MULTILINE,
)
_WORD_END_RE = re.compile(r"(?:^|[^\w.])([^\W\d_]{2,30})\Z")
# Abbreviations after which a lowercase word continues the same sentence.
_ABBREVIATIONS = frozenset(
    [
        "etc",
        "approx",
        "incl",
        "esp",
        "viz",
        "cf",
        "vs",
        "ca",
        "al",
        "jr",
        "sr",
        "inc",
        "ltd",
        "co",
        "corp",
    ]
)


def _one_word_sentence(text: str, word_start: int) -> bool:
    """True when the sentence that ends with the word at ``word_start`` is that word alone."""
    head = text[max(0, word_start - 3) : word_start]
    return word_start == 0 or head.endswith(("\n", ". ", "! ", "? ")) or head.rstrip(" ") == ""


@cleaner(local=True, family="mt", risk=Risk.HIGH, gate=_facts.STOP_LOWER, langs=ENGLISH)
def drop_stray_fragments(text: str) -> Sequence[Edit]:
    """Drop a stray one-word fragment after a sentence: ``factions. agency.`` -> ``factions.``.

    High risk: the fragment must be one lowercase word with its own full stop, standing
    after a sentence that ends in a word (not an abbreviation such as ``etc.`` or ``p.m.``)
    and before the line end or a capitalised sentence.

    >>> fix = drop_stray_fragments
    >>> fix("Abdulah al-Shami, a coalition commander, told Reuters of the rebel factions. agency.\\n\\nNext.")
    'Abdulah al-Shami, a coalition commander, told Reuters of the rebel factions.\\n\\nNext.'
    >>> fix("They met at 5 p.m. yesterday. Talks ended with pens, paper, etc. nothing.")
    'They met at 5 p.m. yesterday. Talks ended with pens, paper, etc. nothing.'
    """
    if ". " not in text:
        return []
    edits = Edits()
    for m in FRAGMENT_RE.finditer(text):
        if not all(w.islower() for w in m.group(1).split()):
            continue
        before = _WORD_END_RE.search(text, max(0, m.start() - 32), m.start())
        if before is None or before.group(1).lower() in _ABBREVIATIONS:
            continue  # "p.m." or "etc.": the stop ends an abbreviation, not a sentence
        if _one_word_sentence(text, before.start(1)):
            continue  # "on. meth. dot. com.": one-word sentences in a row are a style
        edits.append((m.start(1), m.end(), ""))
    return edits


# A byte-level tokeniser's output detokenised by spaces splits a word at a non-ASCII letter:
# "Markus S ö der", "J ü rgen Klopp", "L ä nder" (WMT21-23 system outputs into English). A
# German umlaut standing alone between letters is never an English word.
SPLIT_UMLAUT_RE = re.compile(rf"(?<=[A-Za-z]) ([{_facts.UMLAUTS}]) (?=[a-zß])")


@cleaner(local=True, family="mt", risk=Risk.MEDIUM, gate=_facts.UMLAUT, langs=ENGLISH)
def join_split_diacritics(text: str) -> Sequence[Edit]:
    """Join a word a byte-level tokeniser split at its umlaut: ``J ü rgen`` -> ``Jürgen``.

    Medium risk: only a lone ä, ö or ü between a letter and a lower-case letter, which English
    never writes as a word of its own.

    >>> join_split_diacritics("Coach J ü rgen Klopp and Markus S ö der met near Sch ö nthal.")
    'Coach Jürgen Klopp and Markus Söder met near Schönthal.'
    >>> join_split_diacritics("Häagen-Dazs, à la carte, Mötley Crüe")
    'Häagen-Dazs, à la carte, Mötley Crüe'
    """
    if not any(f" {c} " in text for c in _facts.UMLAUTS):
        return []  # six substring searches, against a regex step at every space
    return Edits((m.start(), m.end(), m.group(1)) for m in SPLIT_UMLAUT_RE.finditer(text))


# CJK punctuation left in English output by MT from Japanese or Chinese: the katakana middle
# dot as a hyphen ("5・year-old", "part・time", "Moriyama・ku"), the ideographic full stop and
# the full-width comma (WMT system outputs from Japanese).
CJK_MARK_RE = re.compile(r"(?<=[A-Za-z0-9])(・|。|，)(?=([A-Za-z0-9]|\s|$))")
_CJK_MARKS = {"・": "-", "。": ".", "，": ","}


@cleaner(local=True, family="mt", risk=Risk.MEDIUM, gate=_facts.CJK_MARK, langs=ENGLISH)
def replace_cjk_punctuation(text: str) -> Sequence[Edit]:
    """Map CJK punctuation in English text to English punctuation: ``part・time`` -> ``part-time``.

    Medium risk: only ``・`` between two ASCII letters or digits, and ``。`` or ``，`` after one;
    CJK text keeps its own punctuation (the pipeline runs this on English text only).

    >>> replace_cjk_punctuation("her 5・year-old son, a part・time job。It ended，then")
    'her 5-year-old son, a part-time job. It ended, then'
    """
    if "・" not in text and "。" not in text and "，" not in text:
        return []
    edits = Edits()
    for m in CJK_MARK_RE.finditer(text):
        mark, after = m.group(1), m.group(2)
        if mark == "・" and not after[:1].isalnum():
            continue
        glued = mark != "・" and after[:1].isalnum()  # "job。It": a space follows in English
        edits.append((m.start(), m.end(), _CJK_MARKS[mark] + (" " if glued else "")))
    return edits


# A word a machine translation left in its source language, just before its own translation:
# "but кожна every family", "a great debt дякуємо thank you" (WMT22 uk-en system outputs). It is
# in another script than the English around it. A foreign word that is named or quoted on
# purpose ("the word кожна", "(Зеленський)", "«жарт»") has a mark or a naming word beside it.
_FOREIGN_WORD_RE = regex.compile(
    r"(?<=(?P<before>\b[A-Za-z][A-Za-z'’-]*) )"
    rf"(?P<word>{_scan.FOREIGN_CLASS}+) "  # the letters of the scan's FOREIGN_SCRIPT fact
    r"(?=[a-z][a-z'’-]*\b)"
)
_FOREIGN_CHAR_RE = re.compile(_scan.FOREIGN_CLASS)
_FOREIGN_RUN_RE = re.compile(_scan.FOREIGN_CLASS + "+")
_NAMING_WORDS = frozenset(
    [
        "word",
        "words",
        "term",
        "terms",
        "phrase",
        "called",
        "named",
        "means",
        "meaning",
        "says",
        "said",
        "reads",
        "read",
        "spelled",
        "spelt",
        "wrote",
        "written",
        "translated",
        "as",
        "in",
    ]
)


@cleaner(local=True, family="mt", risk=Risk.MEDIUM, gate=_facts.FOREIGN_SCRIPT, langs=ENGLISH)
def remove_untranslated_words(text: str) -> Sequence[Edit]:
    """Remove a source-language word left just before its translation: ``кожна every`` -> ``every``.

    Medium risk: one word wholly in another script, between English words, followed by a
    lower-case English word, on a line that is otherwise Latin script; not after a naming
    word (``the word кожна means``), and not inside quotes or brackets.

    >>> remove_untranslated_words("since independence, but кожна every family has lost something")
    'since independence, but every family has lost something'
    >>> remove_untranslated_words("the word кожна means every, and Зеленський spoke")
    'the word кожна means every, and Зеленський spoke'
    """
    if text.isascii():
        return []
    edits = Edits()
    # A word of another script starts a run of its letters: the runs are found by a search
    # with a character set first (fast), and the whole pattern, whose variable lookbehind
    # makes the regex module try every position, is asked only there.
    runs = (run.start() for run in _FOREIGN_RUN_RE.finditer(text))
    for m in matches_at(_FOREIGN_WORD_RE, text, runs):
        if m.group("before").lower() in _NAMING_WORDS:
            continue
        start, end = line_at(text, m.start())
        if len(_FOREIGN_CHAR_RE.findall(text, start, end)) > len(m.group("word")) + 2:
            continue  # more than this word is in another script: a bilingual line
        edits.append((m.start(), m.end(), ""))
    return edits
