"""Shared test helpers and Hypothesis profiles.

``ci`` (the default) keeps property tests quick; ``thorough`` runs many more examples:
``HYPOTHESIS_PROFILE=thorough python -m pytest tests/test_properties.py tests/test_testing.py``.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile("ci", max_examples=150, deadline=None)
settings.register_profile(
    "thorough", max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
