"""Article debris: whole lines that belong to the page, not the story."""

from __future__ import annotations

import bisect
import collections
import functools
import re
import unicodedata
from collections.abc import Callable, Sequence

import regex

from newsclean._facts import (
    CREDIT_LINE,
    DUP_LINE,
    FURNITURE,
    HEAD_LINE,
    HOVERCARD,
    ON_LINE,
    PAREN_END,
    TRUNCATION,
)
from newsclean._scan import FURNITURE_SHAPES, SECTIONS, compiled, prose_end
from newsclean._text import (
    drop_line_spans,
    drop_lines,
    fact_lines,
    head_lines,
    is_blank,
    line_spans,
    short_lines,
)
from newsclean.cleaner import Edit, Edits, Risk, cleaner
from newsclean.data import LINE_SKIP, fold, read_list

_key = fold  # every phrase list is compared with lines folded one way (newsclean.data)


@functools.cache
def _lead_ins() -> frozenset[str]:
    return frozenset(read_list("lead_ins.txt"))


@functools.cache
def _lead_in_starts() -> frozenset[str]:
    return frozenset(phrase[:3] for phrase in _lead_ins())


@functools.lru_cache(maxsize=1024)  # lead-ins are a small vocabulary: page after page repeats them
def lead_in_phrase(line: str) -> str | None:
    """The lead-in phrase a line consists of (``Plus:``, ``READ MORE``), else None.

    >>> lead_in_phrase("Read more:"), lead_in_phrase("RELATED"), lead_in_phrase("More rain fell.")
    ('read more', 'related', None)
    >>> lead_in_phrase("Read More"), lead_in_phrase("Related")
    ('read more', None)
    """
    core = line.strip()
    if not core or len(core) > 40:
        return None
    bare = core.rstrip(":…").strip()
    # a colon, capitals, or a button's title case of two words or more ("Read More", CNN)
    if not (
        core.endswith((":", "…"))
        or (bare.isupper() and len(bare) >= 4)
        or (" " in bare and bare.istitle())
    ):
        return None
    key = _key(core)
    return key if key in _lead_ins() else None


# What a lead-in introduces looks like a list item, a link or a headline (short, no full stop).
_ITEM_RE = re.compile(r"^\s*(?:[-*•·►>–]|\d{1,2}[.)]\s|https?://|www\.)")
_SENTENCE_END_RE = re.compile(r"[.!][\"”’)]?\s*$")


def is_orphaned_lead_in(following: str | None) -> bool:
    """True when the next non-blank line after a lead-in is not something it introduces.

    >>> is_orphaned_lead_in("Turkish state broadcaster TRT Haber reported that the rebels shot down a helicopter.")
    True
    >>> is_orphaned_lead_in("Turkey and Russia agree Idlib ceasefire")
    False
    """
    if following is None or lead_in_phrase(following):
        return True
    if _ITEM_RE.match(following):
        return False
    return bool(_SENTENCE_END_RE.search(following)) or len(following.split()) >= 20


@cleaner(local=True, family="debris", risk=Risk.LOW, gate=HEAD_LINE)
def drop_orphaned_lead_ins(text: str) -> Sequence[Edit]:
    """Drop a related-links lead-in (``Plus:``, ``Read more:``, ``RELATED:``) whose links are gone.

    Low risk: the line must be exactly a phrase from ``data/lead_ins.txt`` with a colon (or in
    capitals), and `is_orphaned_lead_in` must find prose, another lead-in or the end after it;
    a lead-in still followed by its links or headlines stays.

    >>> drop_orphaned_lead_ins("Reuters said.\\n\\nPlus:\\n\\nTurkish media reported the downing of a helicopter.")
    'Reuters said.\\n\\nTurkish media reported the downing of a helicopter.'
    >>> drop_orphaned_lead_ins("Reuters said.\\n\\nRead more:\\n- Turkey and Russia agree Idlib ceasefire")
    'Reuters said.\\n\\nRead more:\\n- Turkey and Russia agree Idlib ceasefire'
    """
    spans = line_spans(text)
    drop: list[int] = []
    orphaned: dict[str | None, bool] = {}  # what follows, judged once per distinct line
    for i in head_lines(text):  # a lead-in begins as a phrase of the lists does
        start, end = spans[i]
        if end - start > 40 or not lead_in_phrase(text[start:end]):
            continue
        j = i + 1
        while j < len(spans) and is_blank(text, spans[j]):
            j += 1
        following = text[spans[j][0] : spans[j][1]] if j < len(spans) else None
        verdict = orphaned.get(following)
        if verdict is None:
            verdict = orphaned[following] = is_orphaned_lead_in(following)
        if verdict:
            drop.append(i)
    return drop_lines(text, spans, drop)


# A photo credit ending a caption: "(Ghaith Alsayed/AP)", "(Photo: Reuters)", "(AFP via Getty
# Images)". Seed idlib-shelling-captions.txt, lines 10 and 29.
_AGENCIES = (
    r"AP|AFP|Reuters|Getty Images|EPA|EPA-EFE|PA|PA Wire|Shutterstock|Anadolu(?: Agency)?|Xinhua"
    r"|Bloomberg|Alamy|SANA|DPA|dpa|UPI|TASS|Sputnik|IRNA|Rex Features|NurPhoto|SOPA Images"
)
CREDIT_RE = regex.compile(
    r"\((?:(?:Photo|Picture|Image|Credit)s?:\s{0,3})?"
    r"(?:\p{Lu}[\p{L}.'’ -]{1,60}/[\p{L}&.' -]{1,40}"  # Name/Agency
    rf"|(?:\p{{Lu}}[\p{{L}}.'’ -]{{1,40}} )?(?:via )?(?:{_AGENCIES})(?: Photo| Images)?"  # (AFP via Getty Images)
    r")\)\s*$"
)
CREDIT_LINE_RE = regex.compile(
    r"^\s*(?:"
    + CREDIT_RE.pattern.removesuffix(r"\s*$")  # a credit in parentheses, alone
    + r"|(?:Photo|Photograph|Picture|Image|Photo [Cc]redit|Image [Cc]redit|Image copyright|Image source"
    r"|Credit|Foto)s?(?: by)?\s{0,3}:\s{0,3}\S[^\n]{0,80}"  # "Photo: Reuters", "Photograph: X/AP"
    r"|(?:Image copyright|Photo by) \S[^\n]{0,60}"
    rf"|\p{{Lu}}[\p{{L}}.'’ -]{{1,60}}/(?:{_AGENCIES})"  # "Ghaith Alsayed/AP"
    r")\s*$"
)
_WORD_RE = regex.compile(r"\w+")
# Every credit-line shape has a slash, starts with "(", or names itself with one of these.


def near_duplicate(a: str, b: str, *, threshold: float = 0.6) -> bool:
    """True when two lines share most of their words (containment of the shorter's word set).

    >>> near_duplicate("A Turkish military convoy drives through the village of Binnish in Idlib province, Syria",
    ...                "A Turkish military convoy drives through a village in Idlib province")
    True
    """
    wa, wb = set(_WORD_RE.findall(a.lower())), set(_WORD_RE.findall(b.lower()))
    if len(wa) < 4 or len(wb) < 4:
        return False
    return len(wa & wb) / min(len(wa), len(wb)) >= threshold


@cleaner(local=True, family="debris", risk=Risk.LOW, gate=PAREN_END)
def drop_caption_blocks(text: str, *, keep_credited: bool = False) -> Sequence[Edit]:
    """Drop an image's alt-text line and its near-duplicate credited caption line.

    Low risk: two adjacent lines, the second ending in a photo credit such as
    ``(Ghaith Alsayed/AP)``, and sharing most words (`near_duplicate`). With
    ``keep_credited=True`` only the alt-text duplicate goes and the caption stays.

    >>> block = ("Turkey sent troops.\\n\\nA man carries his belongings through a street in Sarmin, in Idlib\\n"
    ...          "A man carries his belongings through a street in Sarmin (Ghaith Alsayed/AP)\\n\\nMost of the displaced")
    >>> drop_caption_blocks(block)
    'Turkey sent troops.\\n\\nMost of the displaced'
    >>> drop_caption_blocks(block, keep_credited=True).splitlines()[2]
    'A man carries his belongings through a street in Sarmin (Ghaith Alsayed/AP)'
    """
    spans = line_spans(text)
    drop: list[int] = []
    for i in fact_lines(text, PAREN_END):  # after a non-blank line, ending as a credit can
        start, end = spans[i]
        line = text[start:end]
        credit = CREDIT_RE.search(line, max(0, len(line) - 160))  # a credit ends the line
        if not credit:
            continue
        caption = line[: credit.start()]
        if near_duplicate(text[spans[i - 1][0] : spans[i - 1][1]], caption):
            drop.extend((i - 1,) if keep_credited else (i - 1, i))
    return drop_lines(text, spans, drop)


@cleaner(local=True, family="debris", risk=Risk.LOW, gate=CREDIT_LINE)
def drop_photo_credit_lines(text: str) -> Sequence[Edit]:
    """Drop lines that are only a photo credit: ``(Ghaith Alsayed/AP)``, ``Photo: Reuters``.

    Low risk: the whole line must be a credit in one of the shapes agencies use; a sentence
    that mentions a photo stays.

    >>> drop_photo_credit_lines("Troops advanced.\\n(Ghaith Alsayed/AP)\\nPhotograph: Omar Haj Kadour/AFP\\n\\nMore.")
    'Troops advanced.\\n\\nMore.'
    >>> drop_photo_credit_lines("Photo: the image showed troops leaving Idlib on Tuesday, officials said.")
    'Photo: the image showed troops leaving Idlib on Tuesday, officials said.'
    """
    # A credit is a whole short line shaped as one: the compiled walk hands over those lines
    spans = line_spans(text)
    drop = []
    for i in fact_lines(text, CREDIT_LINE):
        line = text[spans[i][0] : spans[i][1]]
        if CREDIT_LINE_RE.match(line) and not _SENTENCE_END_RE.search(line):
            drop.append(i)
    return drop_lines(text, spans, drop)


# The gate counts 8 words, the default min_words: another value asks the cleaner itself.
@cleaner(family="debris", risk=Risk.LOW, gate=DUP_LINE, ungated_by=("min_words",))
def drop_duplicate_paragraphs(text: str, *, min_words: int = 8) -> Sequence[Edit]:
    """Drop a prose paragraph that an extractor repeated; the first stays.

    Low risk: only a sentence-like line of at least ``min_words`` words that ends as a sentence
    counts, set apart by blank lines as a paragraph, and only when it repeats on its own. Real
    articles repeat lines on purpose: table
    headers per group, an FAQ answered per operator, recipe steps, list items, code. So a
    repeat that comes with its neighbour (a repeated block of lines: structure), a question
    with its answer, a list item and a code line stay. (Reviewed on the 307 real articles of
    the shared corpus, where every repeated line but pull quotes was such structure.)

    >>> drop_duplicate_paragraphs("Half of the displaced are believed to be children, officials said.\\n\\nTroops left.\\n\\n"
    ...                           "Half of the displaced are believed to be children, officials said.")
    'Half of the displaced are believed to be children, officials said.\\n\\nTroops left.'
    >>> drop_duplicate_paragraphs("Pos Player Plays % Stats\\nLB Joe Schobert 74 100%\\n\\nPos Player Plays % Stats")
    'Pos Player Plays % Stats\\nLB Joe Schobert 74 100%\\n\\nPos Player Plays % Stats'
    """
    # The repeated lines come from one compiled walk (no string and no span made per line);
    # lines are read in Python only around a repeated one, so a long text costs one pass.
    where = repeated_lines(text)
    if not where:
        return []
    size = len(text)
    keys = _LineKeys(text)
    repeated = {keys[at] for at in where}
    prose = {key for key in repeated if _lone_prose(key, min_words)}
    if not prose:
        return []  # what repeats is short lines, headers, list items: structure

    def content_before(at: int) -> int:  # the nearest non-blank line before, or -1
        while at > 0:
            at = text.rfind("\n", 0, at - 1) + 1
            if keys[at]:
                return at
        return -1

    def content_after(at: int) -> int:  # the nearest non-blank line after, or -1
        while (at := keys.end(at) + 1) <= size:
            if keys[at]:
                return at
        return -1

    # Pairs of neighbouring lines: a pair seen twice is a repeated block (a table group, an
    # FAQ entry, recipe steps), which is structure; "A A B B" (each scraped twice) is not. A
    # pair seen twice has both its lines repeated: only those pairs are counted.
    pairs: collections.Counter[tuple[str, str]] = collections.Counter()
    for at in where:
        before = content_before(at)
        if before >= 0 and keys[before] in repeated and keys[before] != keys[at]:
            pairs[(keys[before], keys[at])] += 1

    def in_block(at: int, line: str) -> bool:
        before, after = content_before(at), content_after(at)
        return (before >= 0 and pairs[(keys[before], line)] > 1) or (
            after >= 0 and pairs[(line, keys[after])] > 1
        )

    seen: set[str] = set()
    drop = []
    for at in where:
        line = keys[at]
        if line in prose and line in seen:
            end = keys.end(at)
            alone_before = at == 0 or not keys[text.rfind("\n", 0, at - 1) + 1]
            alone_after = end == size or not keys[end + 1]
            if alone_before and alone_after and not in_block(at, line):
                drop.append((at, end))
        seen.add(line)
    return drop_line_spans(text, drop)


class _LineKeys:
    """The line of a text that begins at a position, stripped, made when first asked for."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._made: dict[int, str] = {}

    def end(self, at: int) -> int:
        """Where the line that begins at ``at`` ends (its line break, or the text's end)."""
        end = self._text.find("\n", at)
        return len(self._text) if end < 0 else end

    def __getitem__(self, at: int) -> str:
        key = self._made.get(at)
        if key is None:
            key = self._made[at] = self._text[at : self.end(at)].strip()
        return key


def repeated_lines_python(text: str) -> list[int]:
    """Where the lines (split at ``"\\n"``) begin whose stripped text is not empty and is
    another line's too: the reference of the compiled `repeated_lines`.

    >>> repeated_lines_python("Same.\\n\\n  Same.\\nOther\\n\\n")
    [0, 7]
    """
    lines = text.split("\n")
    keys = [line.strip() for line in lines]
    counts = collections.Counter(keys)
    found, at = [], 0
    for line, key in zip(lines, keys, strict=True):
        if key and counts[key] > 1:
            found.append(at)
        at += len(line) + 1
    return found


repeated_lines: Callable[[str], list[int]] = compiled("repeated_lines") or repeated_lines_python


_NOT_PROSE_RE = re.compile(r"^(?:[-*•·►>|#$]|\.\.\.|\d{1,3}[.)]\s)|\? |[{}=]|\|")


def _lone_prose(line: str, min_words: int) -> bool:
    """A line that reads as a prose paragraph: enough words, a sentence end, and no mark of
    a list item, a table row, a question with its answer or code."""
    return line.count(" ") + 1 >= min_words and prose_end(line) and not _NOT_PROSE_RE.search(line)


@functools.cache
def _boilerplate(
    extra: tuple[str, ...],
) -> tuple[frozenset[str], tuple[str, ...], tuple[str, ...]]:
    """Exact phrases, prefix patterns, and the patterns' fixed heads (for one startswith)."""
    phrases = [_key(p) if not p.endswith("*") else p for p in read_list("boilerplate.txt") + extra]
    exact = frozenset(p for p in phrases if "*" not in p)
    patterns = tuple(p.lower() for p in phrases if "*" in p)
    return exact, patterns, tuple(p.partition("*")[0].rstrip() for p in patterns)


def _matches_pattern(key: str, pattern: str) -> bool:
    head, _, tail = pattern.partition("*")
    tail = tail.rstrip("*")
    return key.startswith(head.rstrip()) and (not tail or key.endswith(tail.strip()))


# The gate (a line that begins as a bundled phrase does) cannot know the phrases of ``extra``:
# given some, the cleaner always runs.
@cleaner(local=True, family="debris", risk=Risk.LOW, gate=HEAD_LINE, ungated_by=("extra",))
def drop_boilerplate_lines(text: str, *, extra: tuple[str, ...] = ()) -> Sequence[Edit]:
    """Drop lines of page furniture: ``Advertisement``, ``Share this article``, newsletter pitches.

    Low risk: the whole line must equal a phrase of ``data/boilerplate.txt`` (or of ``extra``);
    phrases ending in ``*`` match as prefixes, on lines of at most 12 words only.

    >>> drop_boilerplate_lines("Troops left.\\n\\nAdvertisement\\n\\nSign up for our newsletter today!\\n\\nTalks resumed.")
    'Troops left.\\n\\nTalks resumed.'
    >>> drop_boilerplate_lines("Sign up for our newsletter, the minister told voters who had complained for months.")
    'Sign up for our newsletter, the minister told voters who had complained for months.'
    >>> drop_boilerplate_lines("Troops left.\\nPromoted stories", extra=("promoted stories",))
    'Troops left.'
    """
    exact, patterns, heads = _boilerplate(extra)
    spans = line_spans(text)
    drop = []
    # a bundled phrase (or share target) begins as a head does; phrases of ``extra`` may not
    candidates = short_lines(text) if extra else head_lines(text)
    for i in candidates:
        s, e = spans[i]
        key = _key(text[s:e])
        if key in exact or (
            key.startswith(heads)  # one C call before the per-pattern check
            and key.count(" ") < 12
            and any(_matches_pattern(key, p) for p in patterns)
        ):
            drop.append(i)
    drop += _share_widget_runs(text, spans, candidates)
    drop += _gallery_captions(text, spans, drop)
    return drop_lines(text, spans, sorted(set(drop)))


_GALLERY_NAV = frozenset(["previous", "next", "back to gallery", "prev"])


def _gallery_captions(
    text: str, spans: tuple[tuple[int, int], ...], dropped: list[int]
) -> list[int]:
    """A slideshow flattened: its captions (short lines with no full stop) stand just above
    its ``Previous`` / ``Next`` buttons (Daily Mirror). Only with the buttons as proof, and
    at least two captions, do they go."""
    found: list[int] = []
    gone = set(dropped)
    for nav in dropped:
        if _key(text[spans[nav][0] : spans[nav][1]]) not in _GALLERY_NAV:
            continue
        captions = []
        j = nav - 1
        while j >= 0 and (
            j in gone or is_blank(text, spans[j]) or _headline(text[spans[j][0] : spans[j][1]], 24)
        ):
            if not is_blank(text, spans[j]) and j not in dropped:
                captions.append(j)
            j -= 1
        if len(captions) >= 2:
            found += captions
    return found


# A share widget flattened one network a line (New York Post: "Facebook", "Twitter",
# "Google", "WhatsApp", "Email"). One such line can be a heading ("Google" over a privacy
# policy's paragraph on Google's advertising), so only a run of three or more goes.
@functools.cache
def _share_targets() -> frozenset[str]:
    return frozenset(read_list("share_targets.txt"))


def _share_widget_runs(
    text: str, spans: tuple[tuple[int, int], ...], candidates: Sequence[int]
) -> list[int]:
    """Runs of three or more share-target lines (of ``candidates``), only blank lines between."""
    run: list[int] = []
    found: list[int] = []
    for i in candidates:
        span = spans[i]
        if span[1] - span[0] > 12 or _key(text[span[0] : span[1]]) not in _share_targets():
            continue
        if run and any(not is_blank(text, spans[j]) for j in range(run[-1] + 1, i)):
            found += run if len(run) >= 3 else []
            run = []
        run.append(i)
    return found + (run if len(run) >= 3 else [])


# Furniture lines too long or too varied for a phrase: a WordPress feed's footer, a site's
# disclaimer, a subscription pitch, slideshow counters and gallery captions, each a whole line
# (the shapes and their gate clues: `newsclean._scan.FURNITURE_SHAPES`). The search runs over
# the text once, trying only at line starts.
_FURNITURE_RE = re.compile(
    r"^[ \t]*(?:" + "|".join(shape for _, shape in FURNITURE_SHAPES) + r")[ \t]*\r?$",
    re.MULTILINE,
)


# A wire photo's caption, ending in its credit (USA TODAY Sports via Daily Caller): found from
# the credit, then checked to end its line.
_MANDATORY_CREDIT_RE = regex.compile(r"Mandatory Credit: [^\n]{2,80}?[ \t]*\r?$", regex.MULTILINE)


@cleaner(local=True, family="debris", risk=Risk.LOW, gate=FURNITURE)
def drop_furniture_lines(text: str) -> Sequence[Edit]:
    """Drop page furniture too varied for a phrase list: feed footers, gallery counters, asset ids.

    ``The post … appeared first on …``, ``1 of 2. <caption>``, ``Image 1 of 9``, a caption
    ending in ``Mandatory Credit: …``, a section label opening the text, a lone asset id.
    Low risk: each shape must fill its whole line (`_FURNITURE_RE`), and is one that sites
    and feeds generate, never prose.

    >>> drop_furniture_lines("Prices rose.\\n\\nThe post Gold rallies appeared first on Silver Daily.")
    'Prices rose.'
    >>> drop_furniture_lines("Prices rose.\\n\\n1 of 2. A general view of the hospital in Glasgow.\\n\\nDoctors said.")
    'Prices rose.\\n\\nDoctors said.'
    >>> drop_furniture_lines("He won 1 of 2. Then he lost.")
    'He won 1 of 2. Then he lost.'
    >>> drop_furniture_lines("Sports\\n\\nThe Cardinals won.\\n\\n4419915\\n\\nFans cheered.")
    'The Cardinals won.\\n\\nFans cheered.'
    """
    at = [m.start() for m in _FURNITURE_RE.finditer(text)]
    if "Mandatory Credit: " in text:
        at += (m.start() for m in _MANDATORY_CREDIT_RE.finditer(text))
    at += _asset_ids(text)
    if _SECTION_RE.match(text):
        at.append(0)
    if not at:
        return []
    spans = line_spans(text)
    starts = [s for s, _ in spans]
    return drop_lines(text, spans, sorted({bisect.bisect_right(starts, pos) - 1 for pos in at}))


# A site's section label opening the text, a paragraph of its own ("Sports", Daily Caller).
_SECTION_RE = re.compile(
    r"[ \t]*(?:"
    + "|".join(re.escape(w) for w in sorted(SECTIONS, key=len, reverse=True))  # data/sections.txt
    + r")[ \t]*\r?\n[ \t]*\r?\n"
)
# A photo's asset id left as a paragraph of its own: six digits or more, nothing else
# ("4419915", Daily Caller). Years, scores and list numbers are shorter.
_ASSET_ID_RE = re.compile(r"[ \t]*[0-9]{6,12}[ \t]*(?=\r?\n|\Z)")


_DIGITS = frozenset("0123456789")  # ASCII: asset ids are, and the FURNITURE clues say so


def _asset_ids(text: str) -> list[int]:
    """Where a paragraph that is a lone asset id starts (paragraph starts found by str.find)."""
    found = []
    starts = ([0] if text[:1] in _DIGITS else []) + [
        m + 2 for m in _find_all(text, "\n\n") if text[m + 2 : m + 3] in _DIGITS
    ]
    for at in starts:
        m = _ASSET_ID_RE.match(text, at)
        if m and _alone(text, m.start(), m.end()):
            found.append(m.start())
    return found


def _find_all(text: str, needle: str) -> list[int]:
    found, pos = [], text.find(needle)
    while pos >= 0:
        found.append(pos)
        pos = text.find(needle, pos + 1)
    return found


def _alone(text: str, start: int, end: int) -> bool:
    """The line [start, end) is a paragraph of its own: a blank line (or the text's edge)
    before and after it."""
    before = text[max(0, start - 3) : start]
    after = text[end : end + 3]
    return (start == 0 or before.endswith(("\n\n", "\n\r\n"))) and (
        end == len(text) or after.startswith(("\n\n", "\n\r\n")) or not after.strip()
    )


# NewsAPI cuts an article's content at 200 characters and appends how much is missing:
# "… [+1426 chars]" (NewsAPI responses in the shared corpus). The counter goes; the text and its
# ellipsis stay, since the cut really is there.
TRUNCATION_COUNTER_RE = re.compile(r" ?\[\+\d{1,7} chars\](?=[ \t]*(?:\r?\n|\Z))")


@cleaner(local=True, family="debris", risk=Risk.SAFE, gate=TRUNCATION)
def remove_truncation_counters(text: str) -> Sequence[Edit]:
    """Remove a news API's truncation counter at a line's end: ``path of i… [+2216 chars]``.

    Safe: ``[+N chars]`` closing a line is the counter NewsAPI appends, never prose; a counter
    inside a sentence is left.

    >>> remove_truncation_counters("The biggest US bank … [+414 chars]")
    'The biggest US bank …'
    >>> remove_truncation_counters("a note [+5 chars] inside a sentence stays")
    'a note [+5 chars] inside a sentence stays'
    """
    if "chars]" not in text:
        return []
    return Edits((m.start(), m.end(), "") for m in TRUNCATION_COUNTER_RE.finditer(text))


# -- promotion of other stories ---------------------------------------------------------------
# A headline: short, no full stop at its end (a question mark is fine), not a list item.
_HEADLINE_END_RE = re.compile(r"[.!:;,][\"”’)]?\s*$")
_SITE_RE = regex.compile(r"[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|co\.uk|com\.au|ca|us|news|tv)")
# "On HoustonChronicle.com: <headline>", "Read more: <headline>", "RELATED: <headline>".
_PROMO_RE = regex.compile(
    rf"^[ \t]*(?:(?P<label>[\p{{L}} ]{{2,30}})|On {_SITE_RE.pattern})[ \t]*:[ \t]+"
    r"(?P<head>[\p{Lu}\p{N}\"“‘'][^\n]*)$"
)
# A link card flattened: its headline, its truncated dek, then "Read more <site>" (Kinja).
_CARD_END_RE = regex.compile(rf"^[ \t]*Read more[ \t]+{_SITE_RE.pattern}[ \t]*$", regex.IGNORECASE)
# A block heading over a list of other stories: "Related", "More Great WIRED Stories".
_BLOCK_HEAD_RE = regex.compile(
    r"^[ \t]*(?:More (?:Great |Top )?[\p{L}\d ]{0,30}Stories|More from [\p{L}\d .]{1,30})[ \t:]*$",
    regex.IGNORECASE,
)


def _headline(line: str, max_words: int = 18) -> bool:
    """A line that reads as another story's headline: a capital, at most ``max_words`` words,
    no full stop, comma or colon at its end, no list or table mark.

    >>> _headline("IBM Corp fourth-quarter earnings beat analysts’ expectations"), _headline("Talks ended.")
    (True, False)
    """
    core = line.strip()
    if core and _pictograph(core[0]):  # "📱 Torn between the latest phones? Never fear—check out…"
        return not _HEADLINE_END_RE.search(core) and core.count(" ") < max_words + 12
    if not core or _HEADLINE_END_RE.search(core) or _NOT_PROSE_RE.search(core):
        return False
    first = core[0]
    return (first.isupper() or first.isdigit() or first in "\"“‘'" or _pictograph(first)) and (
        core.count(" ") < max_words
    )


def _pictograph(char: str) -> bool:
    """An emoji that opens a promo line ("👁 Prepare for the deepfake era…")."""
    return ord(char) >= 0x2190 and unicodedata.category(char) == "So"


# Every shape it drops has a line that begins with a lead-in phrase (HEAD_LINE: a promo
# label, a bare lead-in, a block heading, "Read more <site>") or is "On <site>: ..." (ON_LINE).
@cleaner(local=True, family="debris", risk=Risk.LOW, gate=HEAD_LINE | ON_LINE)
def drop_related_links(text: str) -> Sequence[Edit]:
    """Drop promotion of other stories: ``Read more: <headline>`` lines, related blocks, cards.

    A related block is a ``Related`` heading over headlines; a card, a link card flattened.
    Low risk: a promo line is a lead-in phrase of ``data/lead_ins.txt`` (or ``On <site>``), a
    colon and a headline (`_headline`: short, no full stop); a block is such a heading, alone on
    its line, over at least two headline lines, all of which go; a card is a headline and a dek
    cut short with ``…`` above ``Read more <site>``. A lead-in followed by prose is
    `drop_orphaned_lead_ins`' concern; a heading over sentences stays.

    >>> drop_related_links("Talks resumed.\\n\\nRead more: Alibaba poised to launch record Hong Kong listing\\n\\nShares rose.")
    'Talks resumed.\\n\\nShares rose.'
    >>> drop_related_links("Talks resumed.\\n\\nRelated\\nIBM earnings beat expectations\\nApple and IBM launch apps\\n\\nShares rose.")
    'Talks resumed.\\n\\nShares rose.'
    >>> drop_related_links("Related: the minister said the talks would resume on Monday in Geneva.")
    'Related: the minister said the talks would resume on Monday in Geneva.'
    """
    spans = line_spans(text)
    drop: list[int] = []
    # What a line is depends on the line alone: a page repeating one line thousands of times
    # has it judged once (the items under a heading still depend on where it stands).
    kinds: dict[str, str] = {}
    for i in _promo_candidates(text):
        line = text[spans[i][0] : spans[i][1]]
        kind = kinds.get(line)
        if kind is None:
            kind = kinds[line] = _promo_kind(line)
        if kind == "promo":
            drop.append(i)
        elif kind == "heading":
            items = _items_after(text, spans, i)
            if len(items) >= 2:
                drop += [i, *items]
        elif kind == "card end" and i >= 2:
            dek = text[spans[i - 1][0] : spans[i - 1][1]].rstrip()
            head = text[spans[i - 2][0] : spans[i - 2][1]]
            if dek.endswith(("…", "...")) and _headline(head) and head.strip():
                drop += [i - 2, i - 1, i]
    return drop_lines(text, spans, sorted(set(drop)))


def _promo_kind(line: str) -> str:
    """ "promo" (a lead-in label or "On <site>", a colon, a headline), "heading" (a bare lead-in
    or a related block's heading), "card end" ("Read more <site>"), or "" (none of them)."""
    # a label has a colon; a heading is short or begins "More"; a card's end "Read more"
    head4 = line.lstrip()[:4].lower()
    short = len(line) <= 40
    if ":" not in line and not short and head4 not in ("more", "read"):
        return ""
    promo = _PROMO_RE.match(line) if ":" in line else None
    if (
        promo
        and (promo.group("label") is None or _key(promo.group("label")) in _lead_ins())
        and _headline(promo.group("head"), 20)
    ):
        return "promo"
    if (short and _bare_lead_in(line)) or (head4 == "more" and _BLOCK_HEAD_RE.match(line)):
        return "heading"
    if head4 == "read" and _CARD_END_RE.match(line):
        return "card end"
    return ""


def _promo_candidates(text: str) -> list[int]:
    """The short lines that begin with a lead-in phrase (`head_lines`) or with "On ": the only
    ones where a promo line, a block heading or a card's end can stand."""
    return sorted({*head_lines(text), *fact_lines(text, ON_LINE)})


def _bare_lead_in(line: str) -> bool:
    """A lead-in phrase alone on its line, any case, a colon allowed (``Related``)."""
    if line.lstrip(" \t" + LINE_SKIP)[:3].lower() not in _lead_in_starts():
        return False  # most short lines: a cheap no before folding the line
    bare = _key(line)
    return bare in _lead_ins() and line.rstrip().rstrip(":").strip().lower() == bare


def _items_after(text: str, spans: tuple[tuple[int, int], ...], heading: int) -> list[int]:
    """The headline lines that follow a block heading (blank lines between them allowed),
    up to the first line that is not one."""
    items = []
    for j in range(heading + 1, min(len(spans), heading + 40)):
        if is_blank(text, spans[j]):
            continue
        if not _headline(text[spans[j][0] : spans[j][1]], 24):
            break
        items.append(j)
    return items


# -- hover cards ------------------------------------------------------------------------------
# The Hill wraps a politician's name in a pop-up card: the name again, three headlines about
# them and "MORE". Flattened, it sits right after the name, glued or after a space:
# "Rep. Ilhan OmarIlhan OmarHillicon Valley: … | … MORE (D-Minn.)". The card repeats the
# surname just before its first headline; that repetition and the closing "MORE" are the proof.
_HOVERCARD_RE = regex.compile(
    r"(?<=\b(?P<last>\p{Lu}[\p{L}'’-]*\p{L}))(?![\p{Ll}'’-])"  # the whole last word of the name
    r" ?(?:\p{Lu}[\p{L}'’.-]*\.? ){0,3}(?P=last)(?=[\p{Lu}\"'‘“0-9])"
    r"[^\n]{10,1200}? MORE\b"
)


@cleaner(local=True, family="debris", risk=Risk.LOW, gate=HOVERCARD)
def remove_hovercards(text: str) -> Sequence[Edit]:
    """Remove a politician's hover card flattened into the sentence after their name.

    Low risk: the card must repeat the name's last word (``Omar``) glued to a capitalised
    headline, and end in ``MORE`` within a paragraph; the name itself stays.

    >>> remove_hovercards("threatened to kill Rep. Ilhan OmarIlhan OmarHillicon Valley: Senators call for 5G security | Facebook gets questions MORE (D-Minn.), the office said.")
    'threatened to kill Rep. Ilhan Omar (D-Minn.), the office said.'
    >>> remove_hovercards("Gov. Kristi NoemKristi Lynn NoemSouth Dakota drops pipeline protest laws MORE (R) is defending")
    'Gov. Kristi Noem (R) is defending'
    >>> remove_hovercards("Omar Omar said MORE people came.")  # no glued headline
    'Omar Omar said MORE people came.'
    """
    # A card never spans a line break: the pattern runs only on the lines holding " MORE"
    # (a long text with one " MORE" would otherwise cost a search from every position).
    found = Edits()
    line_end = 0
    at = text.find(" MORE")
    while at >= 0:
        if at >= line_end:
            line_start = text.rfind("\n", 0, at) + 1
            line_end = text.find("\n", at)
            line_end = len(text) if line_end < 0 else line_end
            found += (
                (m.start(), m.end(), "") for m in _HOVERCARD_RE.finditer(text, line_start, line_end)
            )
        at = text.find(" MORE", at + 5)
    return found
