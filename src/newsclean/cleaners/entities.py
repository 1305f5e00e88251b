"""HTML entities: double escapes, entities that lost their ``&``, and ordinary entities."""

from __future__ import annotations

import html
import re
import sys
from collections.abc import Sequence
from html.entities import html5

from newsclean._facts import AMP, SEMI
from newsclean.cleaner import Edit, Edits, Risk, cleaner

# One entity body: numeric, hex, or a name. Bounded as in ftfy's HTML_ENTITY_RE.
_BODY = r"#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31}"


def _is_entity(body: str) -> bool:
    """True for a numeric body or a name HTML5 defines with its semicolon."""
    return body[0] == "#" or f"{body};" in html5


DOUBLE_ESCAPE_RE = re.compile(rf"&amp;({_BODY});")


@cleaner(local=True, family="entities", risk=Risk.LOW, gate=AMP)
def unescape_double_escaped_entities(text: str) -> Sequence[Edit]:
    """Undo double escaping: ``&amp;quot;`` becomes ``&quot;``, which is then decoded.

    Low risk: it needs ``&amp;`` directly followed by a real entity. Deeper escapes
    (``&amp;amp;lt;``) are left as found: undoing one level per run would leave another
    entity for the next run, so cleaning twice would differ from cleaning once, and
    looping to a fixpoint would turn text about entities into markup.

    >>> unescape_double_escaped_entities("the &amp;quot;red line&amp;quot; of Ankara")
    'the &quot;red line&quot; of Ankara'
    >>> unescape_double_escaped_entities("&amp;amp;lt; and R&amp;D;")
    '&amp;amp;lt; and R&amp;D;'
    >>> unescape_double_escaped_entities("AT&amp;amp;T and Ben &amp;amp;amp; Jerry")
    'AT&amp;T and Ben &amp; Jerry'
    """
    if "&amp;" not in text:
        return []
    edits = Edits(
        # interned: a hostile text repeats one entity millions of times, one string will do
        (m.start(), m.end(), sys.intern(f"&{m.group(1)};"))
        for m in DOUBLE_ESCAPE_RE.finditer(text)
        if m.group(1) != "amp" and _is_entity(m.group(1))
    )
    # An ampersand escaped two or more times and standing for itself ("AT&amp;amp;T", "Ben
    # &amp;amp; Jerry", real feeds): one "&amp;" is left, which decodes to "&". Before an
    # entity name ("&amp;amp;lt;") it stays, as above.
    markup_escaped_twice: bool | None = None  # looked up once, at the first "&amp;amp;#"
    for m in _AMP_RUN_RE.finditer(text):
        if not ENTITY_AHEAD_RE.match(text, m.end()):
            edits.append((m.start(), m.end(), "&amp;"))
        elif m.group() == "&amp;amp;" and text[m.end() : m.end() + 1] == "#":
            if markup_escaped_twice is None:
                markup_escaped_twice = _ESCAPED_TWICE_TAG_RE.search(text) is not None
            if not markup_escaped_twice:
                continue
            # markup escaped twice as a block ("&amp;lt;span ...&amp;gt;&amp;amp;#65279;"):
            # the numeric reference inside it was escaped twice too, and a number is never
            # the name of an entity being written about
            edits.append((m.start(), m.end(), "&"))
    edits.sort()
    return edits


_ESCAPED_TWICE_TAG_RE = re.compile(r"&amp;lt;/?[A-Za-z][A-Za-z0-9]{0,9}[ >&]")


_AMP_RUN_RE = re.compile(r"&amp;(?:amp;)+")


# Entities whose "&" was lost: "price,quot; for" (seed helicopter line 21). Three shapes, each
# with its own proof, because the bare names are also real identifiers in code (`int quot;`).
#   quot;             restored only in a prose paragraph whose quote marks pair up with it
#   #8217; #39; ...   numeric codes of punctuation only, glued to a word
#   rsquo; nbsp; ...  typographic names glued to a word ("Turkeyrsquo;s", "10nbsp;km");
#   amp;              only between capitals ("ATamp;T", "Qamp;A"), never "camp;"
_PUNCT_CODES = frozenset({34, 38, 39, 160, 8211, 8212, 8216, 8217, 8220, 8221, 8230})
# the same marks as Windows-1252 numbers, which HTML5 decodes to them (AG News: "Phelps #146;s")
_CP1252_PUNCT_CODES = frozenset({130, 132, 133, 139, 145, 146, 147, 148, 150, 151, 155})
_CURRENCY_CODES = frozenset({36, 163, 165, 8364})  # $ £ ¥ €
# quotation marks, straight and curly, and their Windows-1252 numbers
_QUOTE_CODES = frozenset({34, 39, 145, 146, 147, 148, 8216, 8217, 8220, 8221})
_TYPO_NAMES = "rsquo|lsquo|rdquo|ldquo|sbquo|bdquo|mdash|ndash|hellip|nbsp|apos|laquo|raquo"


# The body of a lost entity, matched backwards from its ";" (found with str.find): the text
# is visited only at semicolons, which prose has few of.
LOST_BODY_RE = re.compile(rf"(?:#(?:[0-9]{{2,4}}|[xX][0-9a-fA-F]{{2,4}})|{_TYPO_NAMES}|amp)\Z")


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def lost_entity_starts(text: str) -> list[tuple[int, int]]:
    """Where an ``&`` is missing before a numeric or typographic entity: an empty span before
    the entity, or the space before it that stood for the ``&`` (AG News wrote a space for
    each: ``the  #36;10 million``, ``AT amp;T``, `` #39;purged #39;``).

    Numeric codes count only for punctuation (``#8217;``, or its Windows-1252 number ``#146;``
    that HTML5 decodes alike) and, like the names (``rsquo;``),
    only glued to a word: after one (``Turkey#8217;s``), or before one when nothing but a
    space or punctuation precedes (``#8220;Yes``); a quotation mark's code also after one
    space, where it closes a quotation a lost one opened on the same line. ``amp;`` counts
    only between capitals (``ATamp;T``, ``AT amp;T``) or alone between words.

    >>> lost_entity_starts("Turkey#8217;s ATamp;T, the camp; #160; x")
    [(6, 6), (16, 16)]
    >>> lost_entity_starts("AT amp;T said HP would launch  #39;virus-throttling #39; software")
    [(2, 3), (30, 31), (51, 52)]
    """
    starts: list[tuple[int, int]] = []
    opened = -1  # where a lost quotation mark opened a quotation still open, if one did
    pos = text.find(";")
    while pos >= 0:
        if not pos or not text[pos - 1].isalnum():  # every body ends in a letter or digit
            pos = text.find(";", pos + 1)
            continue
        body = LOST_BODY_RE.search(text, max(0, pos - 7), pos)
        if body is not None:
            start, token = body.start(), body.group()
            before = text[start - 1] if start else ""
            after = text[pos + 1] if pos + 1 < len(text) else ""
            two_before = text[start - 2] if start >= 2 else ""
            # AG News wrote a space for each "&": a second one before the entity was it
            lost = (start - 1, start) if before == " " and two_before == " " else (start, start)
            code = -1
            if token[0] == "#":
                digits = token[2:] if token[1] in "xX" else token[1:]
                code = int(digits, 16 if token[1] in "xX" else 10)
            if token == "amp":  # "ATamp;T", "Qamp;A", never "camp;"
                ok = before.isascii() and before.isupper() and (after.isupper() or after.isdigit())
                if before == " " and two_before.isascii() and two_before.isupper():
                    ok = after.isupper() or after.isdigit()  # "AT amp;T": the space was "&"
                    lost = (start - 1, start)
                # "Tom amp; Jerry", "Tom  amp; Jerry": alone between words
                word_before = text[max(0, start - 3) : start - 1].rstrip(" ")[-1:]
                ok = ok or (before == " " and after == " " and _is_word(word_before))
            elif _is_word(before):  # "Turkey#8217;s", "Turkeyrsquo;s"
                ok = True
            elif (
                before == " "
                and two_before not in ("", " ")
                and code in _QUOTE_CODES
                and not _is_word(after)
            ):
                # "#39;purged #39;": closes the quotation a lost mark opened on this line,
                # and its space was the "&"
                ok = opened >= 0 and text.find("\n", opened, start) < 0
                lost = (start - 1, start)
            else:  # "#8220;Yes": before a word, after a space or punctuation (not "&" or "#")
                ok = before != "&" and not (token[0] == "#" and before == "#") and _is_word(after)
            if ok and code >= 0:
                # a currency sign only before its amount ("the  #36;10 million", AG News)
                ok = (
                    code in _PUNCT_CODES
                    or code in _CP1252_PUNCT_CODES
                    or (code in _CURRENCY_CODES and after.isdigit())
                )
            if code in _QUOTE_CODES:  # a quotation opens before a word, else closes
                opened = start if ok and not _is_word(before) and _is_word(after) else -1
            if ok:
                starts.append(lost)
        pos = text.find(";", pos + 1)
    return starts


# Code has these; prose with a lost quot; does not. Doubled braces are template tokens, which
# a later cleaner removes, so they must not decide (or the second run would decide otherwise).
# Every branch begins with a literal and looks behind only after it, so the engine can skip to
# the characters that can start a match instead of trying each position (5-10 times faster).
CODE_HINT_RE = re.compile(
    r"\{(?<![{%#]\{)(?![{%#])|\}(?<![}%#]\})(?![}%#])|//|/\*|\*/|==|!=|->|\(\);"
)
CODE_START_RE = re.compile(r"\s*(?:int|var|let|const|def)\b")  # a declaration opens the line
# Quotation marks as they will stand once entities are decoded, and the bare ones.
# ("aliquot;" is a word; a digit or "_" before it means an identifier.)
# Curly marks pair with them too: a feed that mixes “ and " ("“We will win,quot; he said").
QUOTE_TOKEN_RE = re.compile(r'"|“|”|&quot;|&QUOT;|&#34;|&#x22;|quot;(?<![&0-9_]quot;)(?<!aliquot;)')


_OPENS_AFTER = frozenset(" \t([{—–-/")
_CLOSES_BEFORE = frozenset(" \t.,;:!?)]}—–-/")


def paired_lost_quotes(line: str) -> list[tuple[int, int]]:
    """Where the ``&`` goes for each bare ``quot;`` token on a line that pairs with a
    quotation mark: an empty span before the token, or the space before it that stood for
    the ``&`` (AG News wrote a space for each: `` quot;Gyro-Gen, quot; a machine``).

    Quotation marks (literal ``"``, ``&quot;`` and bare ``quot;``) are read as opening when a
    space or bracket stands before them and a character after, as closing when it is the
    other way round; a bare token after a single space that follows a character, before a
    space or a mark, closes too (its space was the ``&``). A bare token counts only when it
    closes an open quotation or opens one that something closes; a line that looks like code
    has none.

    >>> line = 'pay a "very high price,quot; for'
    >>> paired_lost_quotes(line) == [(line.index("quot;"), line.index("quot;"))]
    True
    >>> paired_lost_quotes("int sum,diff,prod,quot; //option 1")
    []
    >>> line = "“We will win,quot; he said, quot;at any price.”"
    >>> [line[i : i + 5] for i, _ in paired_lost_quotes(line)]
    ['quot;', 'quot;']
    >>> line = "for his  quot;Gyro-Gen, quot; a machine"
    >>> [line[a:b] for a, b in paired_lost_quotes(line)]
    [' ', ' ']
    """
    if CODE_HINT_RE.search(line) or CODE_START_RE.match(line):
        return []
    paired: list[tuple[int, int]] = []
    opening: tuple[int, int] | None = None  # where the "&" of the open quotation goes, if bare
    none = (-1, -1)
    for m in QUOTE_TOKEN_RE.finditer(line):  # streamed: a 50 MB line holds millions of marks
        start, end, bare = m.start(), m.end(), m.group() == "quot;"
        before = line[start - 1] if start else " "
        after = line[end] if end < len(line) else " "
        # a single space between a character and a bare token: the "&", written as a space
        spaced = bare and before == " " and start >= 2 and line[start - 2] not in " \t"
        if before in _OPENS_AFTER and after not in " \t":
            # a new quotation (a reopened one replaces it); after two spaces, one was the "&"
            lost = (start - 1, start) if line[start - 2 : start] == "  " else (start, start)
            opening = lost if bare else none
        elif (before not in " \t" or spaced) and after in _CLOSES_BEFORE and opening is not None:
            closing = (start - 1, start) if spaced else (start, start)
            paired.extend(span for span in (opening, closing if bare else none) if span != none)
            opening = None
    return sorted(paired)


@cleaner(local=True, family="entities", risk=Risk.LOW, gate=SEMI)
def restore_entity_ampersands(text: str) -> Sequence[Edit]:
    """Put back the ``&`` that an entity lost: ``price,quot; for`` becomes ``price,&quot; for``.

    Low risk: each shape needs proof from its context. A bare ``quot;`` is restored only where
    it opens or closes a quotation on its line (`paired_lost_quotes`) and the line is not code; numeric and
    typographic names only glued to a word; ``amp;`` only between capitals.
    `decode_html_entities` then turns the entity into its character.

    >>> restore_entity_ampersands('will pay a "very high price,quot; for attacking')
    'will pay a "very high price,&quot; for attacking'
    >>> restore_entity_ampersands("Agency (quot;we,quot; or quot;usquot;) and Turkey#8217;s ATamp;T")
    'Agency (&quot;we,&quot; or &quot;us&quot;) and Turkey&#8217;s AT&amp;T'
    >>> restore_entity_ampersands("int operation, num1, num2, sum,diff,prod,quot; //option 1")
    'int operation, num1, num2, sum,diff,prod,quot; //option 1'
    >>> restore_entity_ampersands("the camp; the lamp;")
    'the camp; the lamp;'
    >>> restore_entity_ampersands("Tom amp; Jerry paid the  #36;10 million")
    'Tom &amp; Jerry paid the &#36;10 million'
    """
    if ";" not in text:
        return []
    edits = Edits()
    pos = text.find("quot;")
    while pos >= 0:  # each line holding a bare "quot;", once
        if pos and text[pos - 1] == "&":  # "&quot;" is whole: only a bare one needs a line
            pos = text.find("quot;", pos + 5)
            continue
        line_start = text.rfind("\n", 0, pos) + 1
        line_end = text.find("\n", pos)
        line_end = len(text) if line_end < 0 else line_end
        line = text[line_start:line_end]
        edits.extend((line_start + a, line_start + b, "&") for a, b in paired_lost_quotes(line))
        pos = text.find("quot;", line_end)
    edits.extend((a, b, "&") for a, b in lost_entity_starts(text))
    edits.sort()
    return edits


ENTITY_RE = re.compile(rf"&({_BODY});")
ENTITY_AHEAD_RE = re.compile(rf"(?:{_BODY});")
# "&#13;" is a carriage return some CMSs write before each newline; as text it is only noise.
_DROPPED = frozenset({"#13", "#x0D", "#x0d", "#xD", "#xd"})


@cleaner(local=True, family="entities", risk=Risk.LOW, gate=AMP)
def decode_html_entities(text: str) -> Sequence[Edit]:
    """Decode HTML entities that end in ``;``: ``&quot;`` ``&#8217;`` ``&nbsp;`` ``&apos;``.

    Low risk: only complete entities with their semicolon are decoded, as HTML5 defines them,
    so ``AT&T``, ``Q&A`` and ``this&not that`` stay. An ``&amp;`` that would make a new
    entity with what follows it (``&amp;lt;``) is kept, so a second run changes nothing.

    >>> decode_html_entities("pay a &quot;very high price,&quot; for Turkey&#8217;s troops")
    'pay a "very high price," for Turkey’s troops'
    >>> decode_html_entities("AT&amp;T and Q&A, this&not that, &amp;lt;")
    'AT&T and Q&A, this&not that, &amp;lt;'
    """
    if "&" not in text:
        return []
    edits = Edits()
    for m in ENTITY_RE.finditer(text):
        body = m.group(1)
        if body in _DROPPED:
            edits.append((m.start(), m.end(), ""))
        elif _is_entity(body):
            decoded = html.unescape(m.group())
            if decoded == "&" and ENTITY_AHEAD_RE.match(text, m.end()):
                continue  # "&amp;lt;" would become "&lt;", which the next run would decode
            if decoded != m.group():
                edits.append((m.start(), m.end(), decoded))
    return edits
