"""Shipped profiles: TOML pipeline files in this package, read with importlib.resources.

``default``: English news; only cleaners of risk safe or low, so correct text comes out
byte-identical. ``mt``: default plus machine-translation repairs of medium and high risk.
``furniture``: default plus the furniture model (medium risk), for extractor output.
"""

from __future__ import annotations

import functools
import tomllib
from importlib import resources

from newsclean.errors import UnknownCleanerError, did_you_mean


@functools.cache
def profile_names() -> tuple[str, ...]:
    """Names of the shipped profiles.

    >>> profile_names()
    ('default', 'furniture', 'mt')
    """
    files = resources.files(__name__).iterdir()
    return tuple(sorted(f.name[:-5] for f in files if f.name.endswith(".toml")))


def profile_text(name: str) -> str:
    """The TOML text of profile ``name``; an unknown name lists close matches."""
    if not isinstance(name, str) or name not in profile_names():
        raise UnknownCleanerError(
            f"unknown profile {name!r}." + did_you_mean(str(name), profile_names())
        )
    return resources.files(__name__).joinpath(f"{name}.toml").read_text(encoding="utf-8")


@functools.cache
def profile_steps(name: str) -> tuple[str, ...]:
    """The cleaner names of profile ``name``, in order."""
    steps = tomllib.loads(profile_text(name))["steps"]
    return tuple(s if isinstance(s, str) else s["name"] for s in steps)
