"""One injector per artifact class: a clean paragraph in, the paragraphs of its dirty form out.

Each injector takes hypothesis' ``draw`` and one clean paragraph and returns the list of
paragraphs to put in its place (the paragraph made dirty, or with debris added before or after
it), or ``None`` when the paragraph offers no realistic place for that artifact. Positions are
chosen as real slips occur: between words, at line starts, after punctuation, around quotes.
Nothing here imports newsclean's cleaners: the injectors describe the dirt independently of
the code that removes it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st

from newsclean.cleaners.mt import legit_doublings

Draw = Callable[[st.SearchStrategy[Any]], Any]
Injector = Callable[[Draw, str], "list[str] | None"]


def _pick(draw: Draw, matches: list[re.Match[str]]) -> re.Match[str] | None:
    return draw(st.sampled_from(matches)) if matches else None


def _splice(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


def _words(para: str) -> int:
    return len(para.split())


# -- markup ------------------------------------------------------------------------------------
_HEX = st.text("0123456789abcdef", min_size=32, max_size=32)


def minifier_placeholder(draw: Draw, para: str) -> list[str] | None:
    """A line of minifier placeholders where embedded blocks were (seed helicopter line 7)."""
    digest = draw(_HEX)
    count = draw(st.integers(1, 3))
    first = draw(st.integers(0, 40))
    line = " ".join(f"%MINIFYHTML{digest}{first + i}%" for i in range(count))
    return [para, line] if draw(st.booleans()) else [line, para]


_SHORTCODES = (
    '[caption id="attachment_{n}" align="alignnone" width="640"]<img src="/wp/{n}.jpg" alt=""> Troops near the border[/caption]',
    "[embed]https://www.youtube.com/watch?v={n}[/embed]",
    '[gallery ids="{n},{m}"]',
    '[video width="640" height="360" mp4="/media/{n}.mp4"][/video]',
)


def shortcode(draw: Draw, para: str) -> list[str] | None:
    """A WordPress shortcode on a line of its own, or after a sentence inside a paragraph."""
    code = draw(st.sampled_from(_SHORTCODES)).format(
        n=draw(st.integers(1, 9999)), m=draw(st.integers(1, 9999))
    )
    ends = [m for m in re.finditer(r"(?<=[a-z]\.) (?=[A-Z])", para)]
    spot = _pick(draw, ends) if draw(st.booleans()) else None
    if spot is None:
        return [para, code]
    return [_splice(para, spot.start(), spot.end(), f" {code} ")]


def template_token(draw: Draw, para: str) -> list[str] | None:
    """An unrendered template token on its own line."""
    token = draw(
        st.sampled_from(
            ["{{ author.name }}", "{% include 'ad.html' %}", "{{ related_links }}", "{# TODO #}"]
        )
    )
    return [token, para]


def html_comment(draw: Draw, para: str) -> list[str] | None:
    """Block-editor comments around a paragraph (``<!-- wp:paragraph -->``)."""
    return [f"<!-- wp:paragraph -->{para}<!-- /wp:paragraph -->"]


def stray_tag(draw: Draw, para: str) -> list[str] | None:
    """Inline tags left around a word (``<strong>Idlib</strong>``)."""
    spot = _pick(draw, list(re.finditer(r"(?<![\w<>/])[A-Za-z]{3,}(?![\w<>])", para)))
    if spot is None:
        return None
    tag = draw(st.sampled_from(["strong", "em", "b", "span"]))
    return [_splice(para, spot.start(), spot.end(), f"<{tag}>{spot.group()}</{tag}>")]


def embed_marker(draw: Draw, para: str) -> list[str] | None:
    """A scraper's marker where an embed was removed."""
    return [
        para,
        draw(st.sampled_from(["[embedded content]", "[Embedded content]", "[Embedded video]"])),
    ]


# -- entities ----------------------------------------------------------------------------------
_QUOTE = re.compile(r'(?<=[A-Za-z,.!?])"')  # a closing straight quote after a word


def lost_ampersand_entity(draw: Draw, para: str) -> list[str] | None:
    """An entity that lost its ``&``: ``price,quot;`` (seed helicopter line 21), ``Turkey#8217;s``,
    AG News's space for it (``men #39;s``), ``Tom amp; Jerry``."""
    options = [("quot;", m) for m in _QUOTE.finditer(para)]
    options += [
        (f"#{ord(m.group())};", m) for m in re.finditer(r"(?<=[A-Za-z])['’](?=[a-z])", para)
    ]
    # AG News wrote a space for the "&" ("men #39;s"); feeds lose it between words ("amp;")
    options += [(" #39;", m) for m in re.finditer(r"(?<=[a-z])'(?=[a-z])", para)]
    options += [("amp;", m) for m in re.finditer(r"(?<=[A-Za-z] )&(?= [A-Za-z])", para)]
    if not options:
        return None
    entity, spot = draw(st.sampled_from(options))
    return [_splice(para, spot.start(), spot.end(), entity)]


_ENTITY_OF = {
    '"': ["&quot;", "&#34;"],
    "'": ["&#39;", "&apos;"],
    "’": ["&rsquo;", "&#8217;"],
    "“": ["&ldquo;"],
    "”": ["&rdquo;"],
    "&": ["&amp;"],
    "£": ["&pound;"],
}


def html_entity(draw: Draw, para: str) -> list[str] | None:
    """A character written as an HTML entity (``&quot;``, ``&#8217;``)."""
    spots = [m for m in re.finditer("[\"'’“”&£]", para)]
    spot = _pick(draw, spots)
    if spot is None:
        return None
    return [
        _splice(para, spot.start(), spot.end(), draw(st.sampled_from(_ENTITY_OF[spot.group()])))
    ]


def double_escaped_entity(draw: Draw, para: str) -> list[str] | None:
    """An entity escaped twice (``&amp;quot;``). A bare ``&`` is not used: ``&amp;amp;`` is
    a deeper escape, which the cleaners leave as found."""
    spot = _pick(draw, list(re.finditer("[\"'’“”£]", para)))
    if spot is None:
        return None
    entity = draw(st.sampled_from(_ENTITY_OF[spot.group()]))
    return [_splice(para, spot.start(), spot.end(), "&amp;" + entity[1:])]


def mojibake(draw: Draw, para: str) -> list[str] | None:
    """A paragraph's UTF-8 bytes decoded as Windows-1252 (``Syriaâ€™s``)."""
    import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252)

    if para.isascii():
        return None
    return [para.encode("utf-8").decode("sloppy-windows-1252")]


# -- detokenisation ----------------------------------------------------------------------------
_HYPHENATED = re.compile(r"(?<![\w-])([A-Za-z]{2,})-([A-Za-z]{2,})(?![\w-])")


def spaced_hyphen(draw: Draw, para: str) -> list[str] | None:
    """A space put before a hyphen, as MT output has it: ``al -Assad`` (seed helicopter line
    15), ``Akufo -Addo``, ``Internet -banking``, ``top -selling`` (WMT system outputs), or
    after the hyphen of a prefix (``anti- government``). A space after any other hyphen is
    a dash, which the cleaner rightly leaves."""
    from newsclean.cleaners.detokenize import _COMPOUND_ENDS, _PREFIXES

    spots = [
        m
        for m in _HYPHENATED.finditer(para)
        if m.group(1).lower() in _PREFIXES
        # a Capitalised word: an all-capitals one after " -" reads as a flag (``-REx``, ``-A``)
        or (m.group(2)[:1].isupper() and m.group(2)[1:2].islower())
        or m.group(2).endswith(_COMPOUND_ENDS)
    ]
    spot = _pick(draw, spots)
    if spot is None:
        return None
    if spot.group(1).lower() in _PREFIXES and draw(st.booleans()):
        return [_splice(para, spot.end(1) + 1, spot.end(1) + 1, " ")]
    return [_splice(para, spot.end(1), spot.end(1), " ")]


def punctuation_spacing(draw: Draw, para: str) -> list[str] | None:
    """A detokenisation space before ``,`` or ``.`` or inside brackets (``word ,``)."""
    # after a word of two letters or more: "a.m ." is an abbreviation's, which the cleaner
    # rightly leaves
    spots = list(re.finditer(r"(?<=[A-Za-z]{2})(?=[,.](?:\s|$))|(?<=\()(?=\w)|(?<=\w)(?=\))", para))
    spot = _pick(draw, spots)
    if spot is None:
        return None
    return [_splice(para, spot.start(), spot.start(), " ")]


def split_contraction(draw: Draw, para: str) -> list[str] | None:
    """A tokenizer's split contraction or possessive (``Turkey 's``, ``is n't``)."""
    spot = _pick(
        draw,
        list(re.finditer(r"(?<=[A-Za-z])(?=['’](?:s|t|re|ve|ll|d|m)\b)|(?<=[a-z])(?=n't\b)", para)),
    )
    if spot is None:
        return None
    return [_splice(para, spot.start(), spot.start(), " ")]


def moses_escape(draw: Draw, para: str) -> list[str] | None:
    """Moses' aggressive-hyphen and number escapes (``well @-@ known``, ``1 @,@ 000``)."""
    spots = list(re.finditer(r"(?<=[A-Za-z0-9])([-,.])(?=[A-Za-z0-9])", para))
    spot = _pick(
        draw,
        [
            m
            for m in spots
            if m.group() == "-" or (para[m.start() - 1].isdigit() and para[m.end()].isdigit())
        ],
    )
    if spot is None:
        return None
    return [_splice(para, spot.start(), spot.end(), f" @{spot.group()}@ ")]


def bpe_marker(draw: Draw, para: str) -> list[str] | None:
    """A word split into BPE pieces (``escal@@ ation``)."""
    spot = _pick(draw, list(re.finditer(r"(?<![\w@])[A-Za-z]{6,}", para)))
    if spot is None:
        return None
    cut = draw(st.integers(2, len(spot.group()) - 2))
    return [_splice(para, spot.start() + cut, spot.start() + cut, "@@ ")]


def sentencepiece_marker(draw: Draw, para: str) -> list[str] | None:
    """A paragraph left in SentencePiece form (``▁The▁rebels▁shot``)."""
    if "  " in para or para != para.strip() or "\n" in para:
        return None
    return ["▁" + para.replace(" ", "▁")]


def unknown_token(draw: Draw, para: str) -> list[str] | None:
    """The ``<unk>`` token between two words."""
    spot = _pick(draw, list(re.finditer(r"(?<=[A-Za-z]) (?=[A-Za-z])", para)))
    if spot is None:
        return None
    return [_splice(para, spot.start(), spot.end(), " <unk> ")]


# -- machine translation (mt profile) ----------------------------------------------------------
def _inside_phrase(para: str, at: int) -> bool:
    """Is the word at ``at`` inside a phrase: after a letter or digit and a space, outside
    any quotation of its line?"""
    line = para[para.rfind("\n", 0, at) + 1 : at]
    return (
        len(line) >= 2
        and line[-1] == " "
        and line[-2].isalnum()
        and line.count('"') % 2 == 0
        and line.count("“") <= line.count("”")
    )


def repeated_word(draw: Draw, para: str) -> list[str] | None:
    """A word doubled: a function word (``the the``) or, as MT systems double them, a content
    word (``building building``, WMT system outputs) that correct English never doubles."""
    spot = _pick(
        draw,
        # not where the passage doubles the word itself ("for for [sic]", Wikinews)
        [
            m
            for m in re.finditer(
                r"(?<![\w'’-])(the|of|to|and|for|with|from|were|their|[a-z]{5,12})"
                r"(?= [a-z])(?! \1\b)(?![\w'’-])",
                para,
            )
            if not para[: m.start()].endswith(f" {m.group()} ")
            and m.group() not in legit_doublings()  # correct English doubles these
            # a content word inside its phrase, as MT doubles it: opening a clause or inside
            # a quotation, a doubling may be meant, and remove_repeated_words leaves it
            and (len(m.group()) < 5 or _inside_phrase(para, m.start()))
        ],
    )
    if spot is None:
        return None
    return [_splice(para, spot.end(), spot.end(), " " + spot.group())]


def a_an_slip(draw: Draw, para: str) -> list[str] | None:
    """An article that disagrees with the next word (``an deadly``, ``a attack``, ``a MP``,
    ``an UN``)."""
    spots = list(
        re.finditer(
            # not before a hyphenated word, whose sound the cleaner does not guess
            # after white space (not after a quote mark, where the cleaner does not decide)
            r"(?<!\S)(a) (?=[bcdfgjklmnpqrstvwz][a-z]{2,}\b(?!-))"
            r"|(?<!\S)(an) (?=[ai][a-z]{2,}\b(?!-))"
            # initialisms said letter by letter: "an MP", "an NHS" (no vowel), "a UN", "a US"
            # (not those said as words, "a NW wind", nor "AA", "triple A")
            r"|(?<!\S)(an) (?!(?:LBS?|LN|ST|RD|MT|FT|SR|MRS?|MS|NE|NW|SE|SW)\b|(?P<d>[A-Z])(?P=d))"
            r"(?=[FHLMNRSX][B-DF-HJ-NP-TV-XZ]{1,3}\b(?!-))"
            r"|(?<!\S)(a) (?!U[PHM]\b)(?=U[A-Z]{1,2}\b(?!-))",
            para,
        )
    )
    spot = _pick(draw, spots)
    if spot is None:
        return None
    wrong = "a" if spot.group().startswith("an") else "an"
    return [_splice(para, spot.start(), spot.end() - 1, wrong)]


def stray_fragment(draw: Draw, para: str) -> list[str] | None:
    """A one-word fragment after the last sentence (``factions. agency.``)."""
    if not re.search(r"(?:^|\s)[A-Za-z]*[a-z]{2}\.$", para):  # a word, not "6pm."
        return None
    return [
        para
        + " "
        + draw(st.sampled_from(["agency", "reports", "sources", "statement", "official"]))
        + "."
    ]


# -- debris ------------------------------------------------------------------------------------
def _proves_orphan(para: str) -> bool:
    return bool(re.search(r"[.!][\"”’)]?$", para)) or _words(para) >= 20


def orphaned_lead_in(draw: Draw, para: str) -> list[str] | None:
    """A related-links lead-in whose links are gone (``Plus:``, ``Read more:``)."""
    if not _proves_orphan(para):
        return None
    return [
        draw(
            st.sampled_from(
                [
                    "Plus:",
                    "Read more:",
                    "READ MORE:",
                    "Also read:",
                    "RELATED:",
                    "See also:",
                    "More:",
                ]
            )
        ),
        para,
    ]


_CREDITS = (
    "(Ghaith Alsayed/AP)",
    "(Omar Haj Kadour/AFP)",
    "(Photo: Reuters)",
    "(AFP via Getty Images)",
)


def caption_block(draw: Draw, para: str) -> list[str] | None:
    """An image's alt text and its near-duplicate caption with a credit (seed idlib lines 9-10)."""
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", para)
    if len(words) < 8:
        return None
    start = draw(st.integers(0, len(words) - 8))
    alt = " ".join(words[start : start + draw(st.integers(8, min(16, len(words) - start)))])
    caption = f"{alt} {draw(st.sampled_from(_CREDITS))}"
    return [para, f"{alt}\n{caption}"]


def photo_credit_line(draw: Draw, para: str) -> list[str] | None:
    """A line that is only a photo credit."""
    return [
        para,
        draw(
            st.sampled_from(
                ["(Ghaith Alsayed/AP)", "Photograph: Omar Haj Kadour/AFP", "Photo: Reuters"]
            )
        ),
    ]


def boilerplate_line(draw: Draw, para: str) -> list[str] | None:
    """A line of page furniture (``Advertisement``)."""
    return [
        para,
        draw(
            st.sampled_from(
                [
                    "Advertisement",
                    "Share this article",
                    "Story continues below advertisement",
                    "Subscribe to our newsletter",
                ]
            )
        ),
    ]


def duplicate_paragraph(draw: Draw, para: str) -> list[str] | None:
    """A prose paragraph scraped twice (a title or a list line repeated is structure)."""
    if _words(para) < 8 or not para.rstrip().endswith((".", "!", "?", '."', ".”")):
        return None
    return [para, para]


# -- invisible characters and layout -----------------------------------------------------------
def zero_width_character(draw: Draw, para: str) -> list[str] | None:
    """A zero-width space inside a word."""
    spot = _pick(draw, list(re.finditer(r"(?<=[A-Za-z])(?=[A-Za-z])", para)))
    if spot is None:
        return None
    return [_splice(para, spot.start(), spot.start(), draw(st.sampled_from(["\u200b", "\u2060"])))]


def control_character(draw: Draw, para: str) -> list[str] | None:
    """A stray control character."""
    at = draw(st.integers(0, len(para)))
    # Not C1 (\x80-\x9f): a lone C1 character is usually cp1252 punctuation read as Latin-1
    # ("\x85" for "…"), which fix_mojibake rightly restores rather than deletes.
    return [_splice(para, at, at, draw(st.sampled_from(["\x00", "\x07", "\x1b", "\x7f"])))]


def byte_order_mark(draw: Draw, para: str) -> list[str] | None:
    """A BOM at a paragraph start (files concatenated)."""
    return ["\ufeff" + para]


def trailing_whitespace(draw: Draw, para: str) -> list[str] | None:
    """Spaces or tabs after the paragraph's last character."""
    return [para + draw(st.sampled_from([" ", "  ", "\t", " \t "]))]


def blank_line_run(draw: Draw, para: str) -> list[str] | None:
    """Extra blank lines after a paragraph."""
    return [para + "\n" * draw(st.integers(1, 3))]


@dataclass(frozen=True)
class Kind:
    """An artifact class: its injector and the profiles that repair it."""

    name: str
    inject: Injector
    profiles: tuple[str, ...]
    # Not on the last paragraph: blank lines after it would only be the file's end.
    inner_only: bool = False
    # Once an article at most: twice, it can be what the cleaner rightly keeps (the same
    # content word doubled in two places is the writer's, remove_repeated_words).
    once: bool = False


_BOTH = ("default", "mt")
KINDS: dict[str, Kind] = {
    k.name: k
    for k in [
        Kind("minifier_placeholder", minifier_placeholder, _BOTH),
        Kind("shortcode", shortcode, _BOTH),
        Kind("template_token", template_token, _BOTH),
        Kind("html_comment", html_comment, _BOTH),
        Kind("stray_tag", stray_tag, _BOTH),
        Kind("embed_marker", embed_marker, _BOTH),
        Kind("lost_amp_entity", lost_ampersand_entity, _BOTH),
        Kind("html_entity", html_entity, _BOTH),
        Kind("double_escaped_entity", double_escaped_entity, _BOTH),
        Kind("mojibake", mojibake, _BOTH),
        Kind("spaced_hyphen", spaced_hyphen, _BOTH),
        Kind("space_before_punct", punctuation_spacing, _BOTH),
        Kind("split_contraction", split_contraction, _BOTH),
        Kind("moses_escape", moses_escape, _BOTH),
        Kind("bpe_marker", bpe_marker, _BOTH),
        Kind("sentencepiece_marker", sentencepiece_marker, _BOTH),
        Kind("unk_token", unknown_token, _BOTH),
        Kind("repeated_word", repeated_word, ("mt",), once=True),
        Kind("a_an", a_an_slip, ("mt",)),
        Kind("stray_fragment", stray_fragment, ("mt",)),
        Kind("orphan_lead_in", orphaned_lead_in, _BOTH),
        Kind("caption_block", caption_block, _BOTH),
        Kind("photo_credit", photo_credit_line, _BOTH),
        Kind("boilerplate", boilerplate_line, _BOTH),
        Kind("duplicate_paragraph", duplicate_paragraph, _BOTH),
        Kind("zero_width", zero_width_character, _BOTH),
        Kind("control_char", control_character, _BOTH),
        Kind("bom", byte_order_mark, _BOTH),
        Kind("trailing_ws", trailing_whitespace, _BOTH),
        Kind("blank_lines", blank_line_run, _BOTH, inner_only=True),
    ]
}
