"""Page furniture found by a learned model, not by phrases: a score per line of extracted text.

Extractors leave related-article headlines, share and comment counts, bylines, dates, captions
and subscription pitches between and around the article; their surface forms differ by site and
language, so a phrase list fits only the sites it was written from. Each line is described by
general evidence instead (the jusText and C4 insight: length, function-word density, terminal
punctuation, capitals, digits, links and separators), by its place (head, tail, a run of short
lines or a short line between paragraphs), by repetition in the text, and by its words hashed
into a small table, and a logistic model weighs the evidence. The weights live in
``newsclean/data/furniture_model.json``, made by ``benchmarks/furniture_model.py`` from labelled
real extractor output with cross-validation grouped by page and site; the threshold there was
chosen on held-out folds for an article loss of at most 0.3 %.
"""

from __future__ import annotations

import functools
import itertools
import json
import math
import operator
import re
import zlib
from collections.abc import Sequence
from typing import Any, Literal

from newsclean._text import drop_lines, line_spans
from newsclean.cleaner import Edit, Risk, cleaner
from newsclean.data import read_list, read_text

_WORD_RE = re.compile(r"\w+")
_DATE_RE = re.compile(r"\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b|\b\d{1,2}:\d{2}\b")
_SEPARATORS = frozenset("|•·»›/–—>")
_TERMINAL = frozenset(".!?…\"”»)'’:;")
HASH_BUCKETS = 4096  # words hashed into this many weights: small, and collisions are rare


@functools.cache
def stop_words() -> frozenset[str]:
    """Function words of the languages newsclean meets (jusText's stop lists, BSD; see the file)."""
    return frozenset(w for line in read_list("stop_words.txt") for w in line.split())


_ZEROS = itertools.repeat(0.0)  # the weight of a feature the model never saw
_KEYS = tuple(f"w{i}" for i in range(HASH_BUCKETS))
_LETTER_RE = re.compile(r"[^\W\d_]")


@functools.lru_cache(maxsize=1 << 16)  # words recur: each is hashed once
def _key(word: str) -> str:
    """The feature name of a word (or words) hashed into one of `HASH_BUCKETS` weights."""
    return _KEYS[zlib.crc32(word.encode("utf-8", "surrogatepass")) % HASH_BUCKETS]


# the length bins: 0, 1, 2-3, 4-7, 8-15 and 16+ words
_WORD_BIN = ("words_0", "words_1", *["words_2"] * 2, *["words_4"] * 4, *["words_8"] * 8)


def _shape(line: str, stops: frozenset[str]) -> tuple[int, dict[str, float]]:
    """The word count and the style evidence of one line, on its own."""
    s = line.strip()
    words = _WORD_RE.findall(s)
    n = len(words)
    f: dict[str, float] = {}
    f["log_words"] = math.log1p(n)
    f["log_chars"] = math.log1p(len(s))
    f[_WORD_BIN[n] if n < 16 else "words_16"] = 1.0
    last = s[-1:]
    f["end_terminal"] = float(last in _TERMINAL and last != ":")
    f["end_colon"] = float(last == ":")
    f["end_stop"] = float(last in ".!?…")
    if n:
        lower = [w.lower() for w in words]
        f["stop_share"] = sum(1 for w in lower if w in stops) / n
        f["cap_share"] = sum(1 for w in words if w[:1].isupper()) / n
        f["digit_share"] = sum(1 for w in words if w.isdigit()) / n
        f["first_upper"] = float(s[:1].isupper())
        f["first_lower"] = float(s[:1].islower())
        for w in lower[:12]:
            key = _key(w)
            f[key] = f.get(key, 0.0) + 1.0
        for a, b in itertools.pairwise(lower[:6]):  # word pairs at the line's start
            key = _key(a + " " + b)
            f[key] = f.get(key, 0.0) + 1.0
        if n <= 3:
            key = _key("=" + " ".join(lower))  # a short line as a whole
            f[key] = f.get(key, 0.0) + 1.0
    f["no_letters"] = float(_LETTER_RE.search(s) is None)
    f["date"] = float(_DATE_RE.search(s) is not None)
    f["separators"] = min(3.0, float(sum(s.count(c) for c in _SEPARATORS)))
    f["link"] = float("http" in s or "www." in s or "@" in s)
    f["hashtag"] = float("#" in s)
    f["upper_line"] = float(s.isupper() and n >= 1)
    return n, f


def line_features(lines: Sequence[str]) -> list[dict[str, float] | None]:
    """The evidence for each line of a text (None for a blank line): its own style, its place
    among the text's non-blank lines, its neighbours, and whether it recurs in the text."""
    stops = stop_words()
    shapes = [(_shape(line, stops) if line.strip() else None) for line in lines]
    filled = [i for i, s in enumerate(shapes) if s is not None]
    total = len(filled)
    seen: dict[str, int] = {}
    for i in filled:
        key = lines[i].strip().lower()
        seen[key] = seen.get(key, 0) + 1
    doc_words = sum(s[0] for s in shapes if s is not None)
    out: list[dict[str, float] | None] = [None] * len(lines)

    def short(k: int) -> float:  # the k-th non-blank line is short and unpunctuated
        if not 0 <= k < total:
            return 0.0
        n, f = shapes[filled[k]]  # type: ignore[misc]
        return float(n < 8 and not f["end_stop"])

    # prose: a long line ending a sentence; the article is the stretch between the first
    # and the last, and furniture gathers outside it or in runs of short lines inside it
    prose = [k for k, i in enumerate(filled) if shapes[i][0] >= 12 and shapes[i][1]["end_stop"]]  # type: ignore[index]
    first, last = (prose[0], prose[-1]) if prose else (total, -1)
    nearest = [total] * total
    for k in prose:
        nearest[k] = 0
    for k in range(1, total):
        nearest[k] = min(nearest[k], nearest[k - 1] + 1)
    for k in range(total - 2, -1, -1):
        nearest[k] = min(nearest[k], nearest[k + 1] + 1)
    prose_share = len(prose) / max(1, total)

    for k, i in enumerate(filled):
        n, own = shapes[i]  # type: ignore[misc]
        f = dict(own)
        outside = float(k < first or k > last)
        f["before_prose"] = float(k < first)
        f["after_prose"] = float(k > last)
        f["log_prose_distance"] = math.log1p(nearest[k])
        f["prose_share"] = prose_share
        f["outside_short"] = outside * float(n < 8)
        f["inside_short"] = (1 - outside) * float(n < 8 and not own["end_stop"])
        f["head"] = float(k == 0)
        f["head3"] = float(k < 3)
        f["tail"] = float(k == total - 1)
        f["tail3"] = float(total - k <= 3)
        f["rel_pos"] = k / max(1, total - 1)
        f["share_of_text"] = n / max(1, doc_words)
        f["log_doc_lines"] = math.log1p(total)
        for name, j in (("prev", k - 1), ("next", k + 1)):
            if 0 <= j < total:
                pn, pf = shapes[filled[j]]  # type: ignore[misc]
                f[f"{name}_log_words"] = math.log1p(pn)
                f[f"{name}_end_stop"] = pf["end_stop"]
            else:
                f[f"{name}_edge"] = 1.0
        f["short_run"] = short(k - 1) + short(k + 1) + short(k - 2) + short(k + 2)
        f["short_here"] = short(k)
        f["short_in_run"] = f["short_here"] * f["short_run"]
        f["repeated"] = float(seen[lines[i].strip().lower()] > 1)
        out[i] = f
    return out


_CODE_RE = re.compile(
    r"^\s*(?:>>>|\.\.\.|\$ |#include|def |class |import |from \S+ import )|[;{}]\s*$|\w\(.*\)|\w\s?=\s?\S"
)


def kept_as_article(line: str) -> bool:
    """Lines the model is never asked about, whatever their score: text that furniture never
    is, but a model trained on news pages has not seen enough of to know (code, table rows,
    lines without letters, and a long line that ends a sentence).

    >>> [kept_as_article(x) for x in (">>> odd(3)", "| 1 | 2 |", "...", "Share this")]
    [True, True, True, False]
    """
    s = line.strip()
    if _LETTER_RE.search(s) is None or s.startswith("|") or s.endswith("|"):
        return True
    if len(s.split()) >= 10 and s[-1:] in '.!?…"”»':
        return True
    return _CODE_RE.search(s) is not None


@functools.cache
def model() -> dict[str, Any]:
    """The shipped weights, bias and thresholds (``benchmarks/furniture_model.py`` made them)."""
    raw = read_text("furniture_model.json")
    return dict(json.loads(raw))


def line_scores(text: str) -> list[tuple[int, float | None]]:
    """(line number, probability of furniture) for each non-blank line of ``text``; None for
    a line `kept_as_article` keeps whatever the model would say."""
    lines = [text[a:b] for a, b in line_spans(text)]
    return _scores(lines, line_features(lines))


def _scores(
    lines: Sequence[str], features: Sequence[dict[str, float] | None]
) -> list[tuple[int, float | None]]:
    m = model()
    weights: dict[str, float] = m["weights"]
    bias: float = m["bias"]
    scored: list[tuple[int, float | None]] = []
    for i, f in enumerate(features):
        if f is None:
            continue
        if kept_as_article(lines[i]):
            scored.append((i, None))
            continue
        z = bias + sum(map(operator.mul, f.values(), map(weights.get, f, _ZEROS)))
        scored.append((i, 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))))
    return scored


def line_evidence(text: str, top: int = 3) -> list[tuple[str, float | None, list[str]]]:
    """Why each non-blank line scored as it did: (line, probability of furniture, the
    ``top`` features that pushed it most towards furniture), for reviewing what
    `drop_scored_furniture` drops (None: a line `kept_as_article` keeps). Hashed word
    features read ``words``.

    >>> [(line, round(p or 0, 2), why) for line, p, why in line_evidence(
    ...     "Sarah.Needleman@wsj.com\\nGaming used to be so simple, we played to the end.\\n"
    ...     "We spend money on perks now, on phones and tablets.\\nThe end of it.")][:1]
    [('Sarah.Needleman@wsj.com', 0.98, ['words', 'short_here', 'head3'])]
    """
    weights: dict[str, float] = model()["weights"]
    lines = [text[a:b] for a, b in line_spans(text)]
    features = line_features(lines)
    out: list[tuple[str, float | None, list[str]]] = []
    for i, p in _scores(lines, features):
        f = features[i] or {}
        pushes: dict[str, float] = {}
        for k, v in f.items():
            name = "words" if k.startswith("w") and k[1:].isdigit() else k
            pushes[name] = pushes.get(name, 0.0) + v * weights.get(k, 0.0)
        ranked = sorted((w, k) for k, w in pushes.items() if w > 0)[::-1]
        out.append((lines[i], p, [k for _, k in ranked[:top]] if p is not None else []))
    return out


@cleaner(family="debris", risk=Risk.MEDIUM)
def drop_scored_furniture(
    text: str, *, level: Literal["confident", "more"] = "confident", threshold: float | None = None
) -> Sequence[Edit]:
    """Drop the lines the furniture model scores as page furniture: counts, bylines, pitches.

    Medium risk: a model, not a proof. At level ``confident`` (the default) held-out folds of
    real extractor output lost about 0.3 % of the article's words, at ``more`` about 1 %
    (figures in ``benchmarks/furniture_model_report.json``); a correct subhead, list item or
    attribution line can go, which is why no shipped profile but ``furniture`` runs it. Code,
    table rows, lines without letters and long sentences are never scored
    (`kept_as_article`), and a text of fewer than four lines is left alone. ``threshold``
    (0-1) overrides the level. Real cases (article-extraction benchmark, newspaper's and
    boilerpipe's output):

    >>> print(drop_scored_furniture("After raising the motion, the Senate resolved to observe a "
    ...     "minute of silence.\\n\\nThe National Assembly resumed from its annual recess on "
    ...     "Tuesday.\\n\\nClick here to subscribe to The Paradigm Newsletter\\n\\nComments\\n\\ncomments"))
    After raising the motion, the Senate resolved to observe a minute of silence.
    <BLANKLINE>
    The National Assembly resumed from its annual recess on Tuesday.
    >>> print(drop_scored_furniture("Sarah.Needleman@wsj.com\\nNov. 19, 2019 8:03 am ET\\nGaming "
    ...     "used to be so simple. We'd buy a game and grind our way to the end.\\nNow we spend "
    ...     "money over and over on virtual perks, on phones and tablets."))
    Gaming used to be so simple. We'd buy a game and grind our way to the end.
    Now we spend money over and over on virtual perks, on phones and tablets.
    >>> drop_scored_furniture("The minister resigned.\\n\\nShe stays.\\n\\nComments")
    'The minister resigned.\\n\\nShe stays.\\n\\nComments'
    """
    if text.count("\n") < 3:
        return []
    limit = model()["thresholds"][level] if threshold is None else threshold
    spans = line_spans(text)
    lines = [text[a:b] for a, b in spans]
    scored = _scores(lines, line_features(lines))
    if len(scored) < 4:
        return []
    drop = [i for i, p in scored if p is not None and p >= limit]
    return drop_lines(text, spans, drop) if drop else []
