"""The default profile leaves real clean news byte-identical (and so does mt)."""

from __future__ import annotations

from pathlib import Path

import pytest

import newsclean
from newsclean.testing._passages import bundled_passages

# The openly licensed passages the package bundles, and the research-only ones kept for tests
# (tests/data/clean/README.md).
CLEAN = Path(__file__).resolve().parent / "data" / "clean"
PASSAGES = bundled_passages() | {
    path.stem: path.read_text(encoding="utf-8") for path in sorted(CLEAN.glob("*.txt"))
}


@pytest.mark.parametrize("profile", ["default", "mt"])
@pytest.mark.parametrize("name", sorted(PASSAGES))
def test_clean_passage_untouched(name: str, profile: str) -> None:
    text = PASSAGES[name]
    explained = newsclean.explain(text, profile=profile)
    assert explained.changes == [], explained.changes[:3]
    assert newsclean.clean(text, profile=profile) == text


@pytest.mark.parametrize("name", sorted(PASSAGES))
def test_clean_passage_untouched_paragraph_by_paragraph(name: str) -> None:
    """Cleaners that look at whole documents must not act differently on single paragraphs."""
    for paragraph in PASSAGES[name].split("\n\n"):
        assert newsclean.clean(paragraph) == paragraph
