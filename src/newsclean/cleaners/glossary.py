"""A user glossary: fixed replacements for known mistranslations.

MT gets some words wrong in the same way every time (seed helicopter-machine-translated.txt:
"Serious climbing" for "Serious escalation", "demolition" for "downing"). No rule can know
that; a glossary can. Terms come from the pipeline's TOML (``terms = {...}``) or, in Python,
from `load_glossary` reading a TOML or CSV file.
"""

from __future__ import annotations

import csv
import functools
import io
import tomllib
from collections.abc import Mapping, Sequence
from pathlib import Path

import regex

from newsclean.cleaner import Edit, Edits, Risk, cleaner
from newsclean.errors import ConfigError


@functools.cache
def _compile(
    terms: tuple[tuple[str, str], ...], case_sensitive: bool
) -> tuple[regex.Pattern[str], dict[str, str]]:
    # Longest first, so "Serious climbing" wins over "climbing".
    ordered = sorted(terms, key=lambda kv: -len(kv[0]))
    alternation = "|".join(regex.escape(k) for k, _ in ordered)
    flags = 0 if case_sensitive else regex.IGNORECASE
    pattern = regex.compile(rf"(?<![\p{{L}}\p{{N}}_])(?:{alternation})(?![\p{{L}}\p{{N}}_])", flags)
    lookup = {(k if case_sensitive else k.casefold()): v for k, v in ordered}
    return pattern, lookup


def _match_case(found: str, replacement: str) -> str:
    """Carry the case of the matched text over to its replacement."""
    if found.isupper() and len(found) > 1:
        return replacement.upper()
    if found[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    if found[:1].islower() and replacement[:1].isupper() and not replacement[1:2].isupper():
        return replacement[:1].lower() + replacement[1:]
    return replacement


@cleaner(family="glossary", risk=Risk.MEDIUM)
def apply_glossary(
    text: str, *, terms: Mapping[str, str] | None = None, case_sensitive: bool = False
) -> Sequence[Edit]:
    """Replace whole words or phrases from a glossary: ``Serious climbing`` -> ``Serious escalation``.

    Medium risk: it changes words, but only the user's own terms, on word boundaries, keeping
    the matched text's capitalisation unless ``case_sensitive``.

    >>> terms = {"serious climbing": "serious escalation", "demolition of the helicopter": "downing of the helicopter"}
    >>> apply_glossary("Serious climbing\\n\\nThe demolition of the helicopter occurred", terms=terms)
    'Serious escalation\\n\\nThe downing of the helicopter occurred'
    >>> apply_glossary("mountain climbingwall", terms={"climbing": "escalation"})
    'mountain climbingwall'
    """
    if not terms:
        return []
    pattern, lookup = _compile(tuple(sorted(terms.items())), case_sensitive)
    edits = Edits()
    for m in pattern.finditer(text):
        key = m.group() if case_sensitive else m.group().casefold()
        replacement = lookup[key]
        if not case_sensitive:
            replacement = _match_case(m.group(), replacement)
        if replacement != m.group():
            edits.append((m.start(), m.end(), replacement))
    return edits


def load_glossary(source: str | Path) -> dict[str, str]:
    """Read a glossary from a ``.toml`` file (``[terms]`` table) or a two-column ``.csv`` file.

    >>> import tempfile, os
    >>> with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as f:
    ...     _ = f.write("wrong,right\\nSerious climbing,Serious escalation\\n")
    >>> load_glossary(f.name)
    {'Serious climbing': 'Serious escalation'}
    >>> os.unlink(f.name)
    """
    path = Path(source)
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read glossary ({exc})") from None
    if path.suffix.lower() == ".toml":
        try:
            data = tomllib.loads(raw)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: malformed TOML: {exc}") from None
        table = data.get("terms", data)
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in table.items()):
            raise ConfigError(f'{path}: glossary entries must be strings: "wrong" = "right"')
        return dict(table)
    terms: dict[str, str] = {}
    for number, row in enumerate(csv.reader(io.StringIO(raw)), 1):
        if not row or (number == 1 and [c.strip().lower() for c in row[:2]] == ["wrong", "right"]):
            continue
        if len(row) != 2 or not row[0].strip():
            raise ConfigError(f"{path}:{number}: expected two columns, wrong,right; got {row!r}")
        terms[row[0].strip()] = row[1].strip()
    return terms
