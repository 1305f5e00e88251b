"""Real clean news passages bundled with the package: openly licensed (Wikinews CC BY 2.5,
GOV.UK OGL v3.0, US federal public domain); licence and attribution of each in
passages/SOURCES.md and in its own record of passages/open.jsonl."""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any


@functools.cache
def passage_records() -> tuple[dict[str, Any], ...]:
    """Every bundled passage as its record: id, title, text, source, original_url, licence,
    attribution, date (and a note where one is needed)."""
    data = resources.files(__package__).joinpath("passages", "open.jsonl").read_text("utf-8")
    return tuple(json.loads(line) for line in data.splitlines() if line.strip())


@functools.cache
def bundled_passages() -> dict[str, str]:
    """Id -> text of every bundled clean passage. Needs no hypothesis.

    >>> passages = bundled_passages()
    >>> len(passages), sorted(passages)[:2]
    (64, ['fed-001', 'fed-002'])
    """
    return {record["id"]: record["text"] for record in passage_records()}
