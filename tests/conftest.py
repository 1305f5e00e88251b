"""Shared test helpers and Hypothesis profiles.

``ci`` (the default) keeps property tests quick; ``thorough`` runs many more examples:
``HYPOTHESIS_PROFILE=thorough python -m pytest tests/test_properties.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"

settings.register_profile("ci", max_examples=150, deadline=None)
settings.register_profile(
    "thorough", max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def clean_passages() -> dict[str, str]:
    """Real clean news passages: tests/data/clean (see SOURCES.md there) and the seeds' correct parts."""
    passages = {
        p.stem: p.read_text(encoding="utf-8") for p in sorted((DATA / "clean").glob("*.txt"))
    }
    # The idlib seed with its caption blocks removed is correct text throughout.
    passages["idlib-seed-expected"] = (
        DATA / "expected" / "idlib-shelling-captions.default.txt"
    ).read_text(encoding="utf-8")
    return passages
