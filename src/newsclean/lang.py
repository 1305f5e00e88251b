"""Which language a text is in, for the cleaners that encode one language's typography.

Cleaners of English spacing, hyphenation, contractions, a/an and doubled words declare
``langs=("en",)``; the pipeline runs them only on text in those languages. French puts a
space before ``:`` and ``!``, Spanish incisos are spaced hyphens, German and Dutch suspend
hyphens (``Bundes- und``), and so on: each is an "English slip" somewhere else.

A text's language comes from the caller (``clean(text, lang="fr")``, a ``lang`` field in a
feed, ``--lang``), else from `detect_language`: a quick test that accepts plain English prose
on the spot (its function words), else the py3langid identifier (it ships its model; 73/73
correct on the shared corpus's passages in 19 languages). Without py3langid installed, a
text that is not plainly English counts as unknown, and only language-neutral cleaners run.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from typing import Any

from newsclean import _scan

ENGLISH = ("en",)

# Function words that make up about a sixth of English running text and almost none of any
# other language's ("the" alone is about 5 %). Counted with spaces on both sides. The second
# row (no other language's words) lets a news text heavy with names pass the quick test too
# ("Coronavirus: New York ramps up mass burials ..." reads 1 in 13 with the first row alone):
# of 1,630 real texts (shared corpus, tests/data/real, 19 languages) it accepts 72 more, all
# of which py3langid calls English too, and no other.
_ENGLISH_WORDS = (
    *(" the ", " and ", " of ", " to ", " is ", " was ", " that "),
    *(" with ", " from ", " this ", " which ", " have ", " has ", " were ", " been "),
)
_SAMPLE = 1200  # characters read by the quick test: a few sentences
_ID_SAMPLE = 2000  # characters handed to the identifier: its cost grows with length
# detect_language(text) reads text[:READS] and nothing after: the run loop asks again after an
# edit only when that head changed
READS = max(_SAMPLE, _ID_SAMPLE)


def normalize(lang: str | None) -> str | None:
    """``"en-US"`` -> ``"en"``; empty or None -> None. English in ISO 639-3 (``"eng_Latn"``,
    as GlotLID and datatrove's language filter write it) is ``"en"`` too: English is the one
    language the language-bound cleaners ask about.

    >>> normalize("en-US"), normalize("PT_br"), normalize(""), normalize("eng_Latn")
    ('en', 'pt', None, 'en')
    """
    if not lang:
        return None
    code = lang.replace("_", "-").split("-")[0].strip().lower() or None
    return "en" if code == "eng" else code


def looks_english(text: str) -> bool:
    """True for running English prose: enough English function words in its first lines.

    >>> looks_english("The rebels said that the attack on the town was the work of the army.")
    True
    >>> looks_english("Canada : un ministre de Trudeau rembourse des frais de voyage.")
    False
    """
    spaces, *hits = _lower_counts(text, _SAMPLE, (" ", *_ENGLISH_WORDS))
    return sum(hits) >= 3 and sum(hits) * 12 >= spaces + 1


def lower_counts_python(text: str, limit: int, needles: Sequence[str]) -> tuple[int, ...]:
    """How often each needle occurs in ``text[:limit].lower()``: the reference of the
    compiled twin, which reads the text without making the lower-case copy."""
    sample = text[:limit].lower()
    return tuple(sample.count(needle) for needle in needles)


_lower_counts: Callable[[str, int, Sequence[str]], tuple[int, ...]] = (
    _scan.compiled("lower_counts") or lower_counts_python
)


@functools.cache
def _identifier() -> Any:
    """py3langid's identifier with probabilities normalised to 0..1, or None if missing."""
    try:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier
    except ImportError:
        return None
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


# How sure the identifier must be to call a text another language. Real passages in 19
# languages score 0.53 to 1.0 (shared corpus); short English snippets ("al -Assad", "Turkey ,
# Syria") get some other language at 0.01 to 0.4.
_CONFIDENT = 0.5
# A word, not an entity name ("quot;"), a hex id or a piece of markup.
_WORD_RE = re.compile(r"(?<![\w&#;])[^\W\d_]{1,30}(?![\w;])")
_MIN_LETTERS = 25  # below this, no identifier can tell a language: the text counts as unsure


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of ``text``'s language, or None when it cannot be told.

    A guess the identifier is not sure of counts as English when every letter is ASCII (a
    short English title or snippet), else as unknown.

    >>> detect_language("La oposición -que controla el Congreso- rechazó la propuesta del Gobierno.")
    'es'
    >>> detect_language("Turkey , Syria")
    'en'
    """
    if looks_english(text):
        return "en"
    identifier = _identifier()
    if identifier is None:
        return None
    # Words only: hex ids, URLs and markup left in a dirty text would read as "no language"
    sample = " ".join(_WORD_RE.findall(text, 0, _ID_SAMPLE))
    if sum(c.isalpha() for c in sample) >= _MIN_LETTERS:
        lang, probability = identifier.classify(sample)
        if lang == "en" or (probability >= _CONFIDENT and lang != "zxx"):
            return str(lang)
    # unsure: English if every letter is ASCII (a short English title or snippet)
    head = text[:_ID_SAMPLE]
    return "en" if all(c.isascii() for c in head if c.isalpha()) else None
