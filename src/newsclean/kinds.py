"""One vocabulary of artifact kinds, shared by case files, injectors, eval and reports.

The names are those of the shared real-text corpus (``shared/corpus/README.md``), so a score
per kind on the project's own cases, on generated dirt and on real cases means the same thing.
Kinds the real corpus has no case of yet (``minifier_placeholder``, ``stray_fragment``…) keep
the project's names. Older names still work where a user passes a kind (`canonical`), with a
DeprecationWarning from `newsclean.testing`.
"""

from __future__ import annotations

KINDS: dict[str, str] = {
    # markup and templates
    "minifier_placeholder": "an HTML minifier's placeholder (%MINIFYHTML…%)",
    "shortcode": "a WordPress-style shortcode ([caption …])",
    "template_token": "an unrendered template token ({{ x }}, {% if %})",
    "html_comment": "an HTML comment left in the text",
    "stray_tag": "an HTML tag left in the text",
    "escaped_tag": "an HTML tag escaped as &lt;p&gt;",
    "embed_marker": "a marker where an embed was ([embedded content])",
    "backslash_escape": 'a backslash escape left by a JSON or CSV export (\\")',
    "literal_backslash_n": "a literal \\n where a line break was",
    # entities and encoding
    "html_entity": "an HTML entity left undecoded (&quot;)",
    "double_escaped_entity": "an entity escaped twice (&amp;quot;)",
    "lost_amp_entity": "an entity that lost its & (price,quot; she#39;ll)",
    "moses_entity": "a Moses tokeniser's XML escape (&apos; &quot; in tokenised text)",
    "mojibake": "UTF-8 read in another codepage (Syriaâ€™s)",
    "lossy_mojibake": "mojibake whose last byte was lost (â€? for ”)",
    "nbsp_mojibake": "the mojibake of a no-break space (Â )",
    "control_char": "a control character",
    "zero_width": "a zero-width space or joiner inside a word",
    "bom": "a byte-order mark (U+FEFF)",
    # tokeniser and machine-translation output
    "spaced_hyphen": "a space beside a hyphen (al -Assad)",
    "space_before_punct": "a space before punctuation or inside brackets (word ,)",
    "spaced_quotes": 'quotes detached from their words (" word ")',
    "split_contraction": "a contraction or possessive split (isn 't, Turkey 's)",
    "ptb_brackets": "Penn Treebank tokens (-LRB-, ``)",
    "moses_escape": "a Moses aggressive-hyphen escape (well @-@ known)",
    "bpe_marker": "a BPE subword marker (escal@@ ation)",
    "sentencepiece_marker": "SentencePiece markers (▁The▁rebels)",
    "unk_token": "an <unk> token",
    "split_diacritic": "a word split at a diacritic by a byte-level tokeniser (J ü rgen)",
    "cjk_punctuation": "CJK punctuation in English output (。 ・ ，)",
    "untranslated_word": "a source-language word left before its translation",
    "repeated_word": "a word doubled by accident (the the)",
    "a_an": "an article that does not agree with the next word's sound (an deadly)",
    "stray_fragment": "a stray one-word fragment after a sentence (factions. agency.)",
    "mistranslation": "a word translated wrongly (fixed by a user glossary)",
    # page furniture and debris
    "boilerplate": "a line of page furniture (Advertisement, Share this article)",
    "orphan_lead_in": "a related-links lead-in whose links are gone (Read more:)",
    "related_link": "a promotion of another story (RELATED: <headline>)",
    "caption_block": "an image's alt text and caption",
    "photo_credit": "a line that is only a photo credit ((Ghaith Alsayed/AP))",
    "gallery_chrome": "slideshow chrome (Image 1 of 9, Back to Gallery)",
    "ui_chrome": "widget text (Close, [+] Enlarge, Like Loading...)",
    "hovercard_injection": "a pop-up card flattened into a sentence",
    "truncation_marker": "an API's truncation counter (… [+1426 chars])",
    "rss_footer": "a feed footer (The post … appeared first on …)",
    "numeric_id_debris": "a stray numeric id from the page",
    "duplicate_paragraph": "a paragraph scraped twice",
    # layout
    "trailing_ws": "spaces or tabs at the end of lines",
    "blank_lines": "runs of blank lines",
    # not artifacts
    "clean": "correct text (a hard negative: it must come out unchanged)",
    "seed-article": "a whole seed article with several artifacts",
    "glossary": "a case for a user glossary",
    "straighten_quotes": "a case for the opt-in quote straightening",
}

# The project's earlier names of the same kinds.
RENAMED: dict[str, str] = {
    "lost_ampersand_entity": "lost_amp_entity",
    "punctuation_spacing": "space_before_punct",
    "subword_marker": "bpe_marker",
    "unknown_token": "unk_token",
    "a_an_slip": "a_an",
    "orphaned_lead_in": "orphan_lead_in",
    "photo_credit_line": "photo_credit",
    "boilerplate_line": "boilerplate",
    "zero_width_character": "zero_width",
    "control_character": "control_char",
    "byte_order_mark": "bom",
    "trailing_whitespace": "trailing_ws",
    "blank_line_run": "blank_lines",
}


def canonical(kind: str) -> str:
    """The vocabulary's name for ``kind`` (an earlier name is mapped; others pass as given).

    >>> canonical("boilerplate_line"), canonical("caption_block"), canonical("my_kind")
    ('boilerplate', 'caption_block', 'my_kind')
    """
    return RENAMED.get(kind, kind)
