"""Markup leftovers: placeholders and tags that a CMS or minifier left in the text."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from newsclean._code import looks_like_code
from newsclean._facts import BACKSLASH, LBRACE, LBRACKET, LT, PERCENT_CAP
from newsclean._text import line_at, removal_edits
from newsclean.cleaner import Edit, Edits, Risk, cleaner

# HTML-minifier placeholders (seed helicopter-machine-translated.txt, line 7). Minify swaps
# each protected block for "%MINIFYHTML" + md5 hex (32) + counter + "%"; newer versions use
# an xxh3 hex (16) + "_" + counter. The exact shape never occurs in prose.
MINIFIER_RE = re.compile(r"%MINIFYHTML(?:[0-9a-fA-F]{32}|[0-9a-fA-F]{16}_)[0-9]{1,6}%")


@cleaner(local=True, family="markup", risk=Risk.SAFE, gate=PERCENT_CAP)
def remove_minifier_placeholders(text: str) -> Sequence[Edit]:
    """Remove HTML-minifier placeholders such as ``%MINIFYHTML<32 hex>12%``.

    Safe: the token is a fixed prefix, an exact-length hex digest, a counter and ``%``. A line
    left empty goes, and paragraph spacing stays one blank line. A look-alike with the wrong
    digest length is left alone.

    >>> remove_minifier_placeholders("agency.\\n\\n%MINIFYHTML28c76dd9809b04b853df86596981405a11%"
    ...     " %MINIFYHTML28c76dd9809b04b853df86596981405a12%\\n\\nTurkish state media")
    'agency.\\n\\nTurkish state media'
    >>> remove_minifier_placeholders("see %MINIFYHTML28c76%")
    'see %MINIFYHTML28c76%'
    """
    if "%MINIFYHTML" not in text:
        return []
    return removal_edits(text, ((m.start(), m.end(), "") for m in MINIFIER_RE.finditer(text)))


# WordPress shortcodes. Only known embed/layout names count, so editorial brackets such as
# [sic], [1] or [Reuters] are never touched. Enclosing media shortcodes go with their content
# (it is an <img> or an embed URL); layout wrappers lose their tags and keep their text.
_MEDIA = r"caption|wp_caption|embed|video|audio|playlist|gallery|tweet|youtube|vimeo|instagram|soundcloud"
_LAYOUT = (
    r"vc_row|vc_column|vc_column_text|vc_single_image|et_pb_[a-z_]{1,30}|fusion_[a-z_]{1,30}"
    r"|contact-form-7|contact-form|related_posts|related|pullquote|button|ad|ads|adsense"
)
SHORTCODE_RE = re.compile(
    # [caption ..]..[/caption], its content brackets and all: a Markdown image inside it
    # ("[![alt](src)](href)", openSUSE's WordPress export) is the captioned image
    rf"\[(?P<media>{_MEDIA})\b[^\]\n]{{0,500}}\](?:(?!\[/(?P=media)\])[^\n]){{0,2000}}\[/(?P=media)\]"
    rf"|\[/?(?:{_MEDIA}|{_LAYOUT})\b[^\]\[\n]{{0,500}}\]"  # a lone opening or closing tag
)


@cleaner(local=True, family="markup", risk=Risk.LOW, gate=LBRACKET)
def remove_shortcodes(text: str) -> Sequence[Edit]:
    """Remove WordPress-style shortcodes: ``[caption …]…[/caption]``, ``[embed]``, ``[gallery …]``.

    Low risk: only known shortcode names match; media shortcodes go with what they wrap,
    layout wrappers keep their text. Square brackets in prose (``[sic]``) stay.

    >>> remove_shortcodes('Ankara said. [caption id="a1" width="300"]<img src="x.jpg"> '
    ...     'Troops in Idlib[/caption] The talks ended.')
    'Ankara said. The talks ended.'
    >>> remove_shortcodes("[vc_column_text]Turkey warned Syria.[/vc_column_text]")
    'Turkey warned Syria.'
    >>> remove_shortcodes("He said it was [sic] over.")
    'He said it was [sic] over.'
    """
    if "[" not in text:
        return []
    return removal_edits(text, ((m.start(), m.end(), "") for m in SHORTCODE_RE.finditer(text)))


# Template tokens left by unrendered templates: Jinja/Twig/Liquid/Handlebars {{ x }}, {% x %},
# {# x #}. News prose has no doubled braces.
TEMPLATE_RE = re.compile(r"\{\{[^{}\n]{1,200}\}\}|\{%[^%\n]{1,200}%\}|\{#[^#\n]{1,200}#\}")


@cleaner(local=True, family="markup", risk=Risk.LOW, gate=LBRACE)
def remove_template_tokens(text: str) -> Sequence[Edit]:
    """Remove unrendered template tokens: ``{{ author.name }}``, ``{% if ad %}``, ``{# note #}``.

    Low risk: it needs doubled braces or brace-percent pairs on one line; single braces
    (``{x}``) stay.

    >>> remove_template_tokens("By {{ author.name }} in Ankara")
    'By in Ankara'
    >>> remove_template_tokens("the set {1, 2}")
    'the set {1, 2}'
    """
    if "{" not in text:
        return []
    return removal_edits(text, ((m.start(), m.end(), "") for m in TEMPLATE_RE.finditer(text)))


HTML_COMMENT_RE = re.compile(r"<!--[^\n]{0,2000}?-->")


@cleaner(local=True, family="markup", risk=Risk.SAFE, gate=LT)
def remove_html_comments(text: str) -> Sequence[Edit]:
    """Remove HTML comments such as ``<!-- wp:paragraph -->`` left inside the text.

    Safe: ``<!--`` … ``-->`` is never prose. Comments spanning lines are left alone.

    >>> remove_html_comments("<!-- wp:paragraph -->Troops withdrew.<!-- /wp:paragraph -->")
    'Troops withdrew.'
    """
    if "<!--" not in text:
        return []
    return removal_edits(text, _comment_spans(text))


def _comment_spans(text: str) -> Iterator[Edit]:
    """The matches of HTML_COMMENT_RE, found with str.find: the next ``-->`` and the next line
    break are looked up once and reused, so each character is read a bounded number of
    times (the regex read up to 2,000 characters from every ``<!--``: 18 s/MB on ``<!-- ``
    repeated)."""
    close = newline = -1
    at = text.find("<!--")
    while at >= 0:
        if close < at + 4:
            close = text.find("-->", at + 4)
            if close < 0:
                return
        if newline < at:
            newline = text.find("\n", at)
            newline = len(text) if newline < 0 else newline
        if close < newline and close - (at + 4) <= 2000:
            yield (at, close + 3, "")
            at = text.find("<!--", close + 3)
        else:
            at = text.find("<!--", at + 1)


# Stray HTML tags. Only real tag names count, so "a <b> c"-like maths with other words and
# the MT token <unk> are left to their own cleaners. Block tags glued between two words become
# a space ("end.</p><p>Next" -> "end. Next"); inline tags just go.
_BLOCK = r"p|div|br|hr|li|ul|ol|h[1-6]|blockquote|figure|figcaption|section|article|header|footer|table|tr|td|th"
_INLINE = (
    r"a|span|strong|em|b|i|u|img|iframe|source|picture|sup|sub|small|font|noscript|time|abbr|mark"
)
# Every tag below ends in ">" before any "<" or line break, within 520 characters: that
# lookahead, tried first, rejects a run of "<" or "<a" at once (the alternation of ~40 names
# tried at each one cost 0.7 s/MB).
STRAY_TAG_RE = re.compile(
    r"<(?=[/A-Za-z][^<\n]{0,520}>)(?:"
    r"(?P<drop>script|style)\b[^<>\n]{0,500}>[^<\n]{0,5000}</(?P=drop)\s{0,5}>"  # with its code
    rf"|/?(?P<block>{_BLOCK})\b(?:\s[^<>\n]{{0,500}})?/?>"
    rf"|/?(?:{_INLINE})\b(?:\s[^<>\n]{{0,500}})?/?>)",
    re.IGNORECASE,
)


# A tag an extractor hard-wrapped: name="value" attributes across line breaks (a TinyMCE
# bookmark span's style, real web-024). Only attribute syntax may span the breaks.
WRAPPED_TAG_RE = re.compile(
    rf"<(?:{_BLOCK}|{_INLINE})\b"
    r"(?:\s{1,20}[\w:-]{1,40}(?:=(?:\"[^\"<>]{0,500}\"|'[^'<>]{0,500}'|[^\s<>\"']{1,200}))?){1,30}"
    r"\s{0,20}/?>",
    re.IGNORECASE,
)


@cleaner(local=True, family="markup", risk=Risk.LOW, gate=LT)
def remove_stray_tags(text: str) -> Sequence[Edit]:
    """Remove stray HTML tags (``<p>``, ``<a href=…>``, ``<br/>``, ``<script>…</script>``).

    Low risk: only known HTML tag names match; their text content stays. Angle brackets
    that are not tags (``x < y``, ``<unk>``) are left alone.

    >>> remove_stray_tags('Read the <a href="/r">report</a>.</p><p>Troops left.')
    'Read the report. Troops left.'
    >>> remove_stray_tags("if x < y and y > z")
    'if x < y and y > z'
    >>> remove_stray_tags('<span data-mce-type="bookmark" style="width: 0px;\\noverflow: hidden;"\\nclass="mce">x</span>')
    'x'
    """
    if "<" not in text:
        return []
    found = Edits()
    for m in STRAY_TAG_RE.finditer(text):
        s, e = m.span()
        glued = s > 0 and e < len(text) and not text[s - 1].isspace() and not text[e].isspace()
        found.append((s, e, " " if m.group("block") and glued else ""))
    if "\n" in text:
        taken = {s for s, _, _ in found}
        for m in WRAPPED_TAG_RE.finditer(text):
            tag = m.group()
            if "\n" in tag and "\n\n" not in tag and m.start() not in taken and "=" in tag:
                # one removal per line it covers: lines it leaves blank are then dropped
                start = m.start()
                for piece in tag.split("\n"):
                    if piece.strip():
                        found.append((start, start + len(piece), ""))
                    start += len(piece) + 1
        found.sort()
    # Adjacent block tags ("</p><p>") would each add a space: keep the first only.
    for i in range(len(found) - 1, 0, -1):
        if found[i][2] and found[i - 1][1] == found[i][0] and found[i - 1][2]:
            found[i] = (found[i][0], found[i][1], "")
    return removal_edits(text, found)


EMBED_MARKER_RE = re.compile(
    r"\[(?:embedded content|embedded video|embedded tweet|embed|media)\]", re.IGNORECASE
)


@cleaner(local=True, family="markup", risk=Risk.SAFE, gate=LBRACKET)
def remove_embed_markers(text: str) -> Sequence[Edit]:
    """Remove markers that stand where an embed was: ``[embedded content]``, ``[Embedded video]``.

    Safe: the bracketed phrases are fixed scraper output.

    >>> remove_embed_markers("Erdogan spoke on Tuesday.\\n\\n[embedded content]\\n\\nHe said")
    'Erdogan spoke on Tuesday.\\n\\nHe said'
    """
    if "[" not in text:
        return []
    return removal_edits(text, ((m.start(), m.end(), "") for m in EMBED_MARKER_RE.finditer(text)))


# Backslashes an export left in prose (the AG News CSV, real cases web-044 and web-047): before
# a dollar amount, an escape ("\$US46.75"); between two lower-case words, a soft line break
# written as a bare backslash ("their\back-to-school"). Paths ("C:\Users\bob"), code and
# escapes that read as one ("\n", "\t", "\r") are left.
_DOLLAR_ESCAPE_RE = re.compile(r"\\(?=\$(?:[A-Z]{1,3})?\d)")
_SOFT_BREAK_RE = re.compile(r"(?<=[a-z])\\(?=[a-mo-qsu-z])")


@cleaner(local=True, family="markup", risk=Risk.LOW, gate=BACKSLASH)
def remove_stray_backslashes(text: str) -> Sequence[Edit]:
    """Remove backslashes an export left in prose: ``\\$US46.75``, ``their\\back-to-school``.

    Low risk: a backslash before a dollar amount goes; one between two lower-case letters
    becomes a space, unless its line holds a path (``:\\``) or a doubled backslash, or reads
    as code, or the letter after it makes an escape (``\\n``, ``\\t``, ``\\r``).

    >>> remove_stray_backslashes("closed at a record \\\\$US46.75 a barrel, hoping their\\\\back-to-school sales")
    'closed at a record $US46.75 a barrel, hoping their back-to-school sales'
    >>> remove_stray_backslashes("open C:\\\\Users\\\\bob\\\\docs and print('a\\\\nb')")
    "open C:\\\\Users\\\\bob\\\\docs and print('a\\\\nb')"
    """
    # Both patterns start at a backslash: they are tried only there (from str.find), not at
    # every position of a long text; they never match at the same place ($ or a letter next).
    edits = Edits()
    at = text.find("\\")
    while at >= 0:
        if _DOLLAR_ESCAPE_RE.match(text, at):
            edits.append((at, at + 1, ""))
        elif _SOFT_BREAK_RE.match(text, at):
            start, end = line_at(text, at)
            line = text[start:end]
            if not (":\\" in line or "\\\\" in line or "/" in line or looks_like_code(line)):
                edits.append((at, at + 1, " "))
        at = text.find("\\", at + 1)
    return edits
