"""Real clean news passages bundled with the package (sources in passages/SOURCES.md)."""

from __future__ import annotations

import functools
from importlib import resources


@functools.cache
def bundled_passages() -> dict[str, str]:
    """Name -> text of every bundled clean passage. Needs no hypothesis.

    >>> sorted(bundled_passages())[:2]
    ['bbc-business-001', 'bbc-politics-062']
    """
    folder = resources.files(__package__).joinpath("passages")
    return {
        f.name.removesuffix(".txt"): f.read_text(encoding="utf-8")
        for f in sorted(folder.iterdir(), key=lambda f: f.name)
        if f.name.endswith(".txt")
    }
