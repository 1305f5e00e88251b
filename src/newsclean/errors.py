"""The exceptions newsclean raises on user mistakes.

Every message says what was wrong, where, and what to do instead, so the CLI can print it as one
line without a traceback.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class NewscleanError(Exception):
    """Base class of every error newsclean raises on purpose."""


class ConfigError(NewscleanError, ValueError):
    """A pipeline, profile or cleaner option is malformed."""


class UnknownCleanerError(ConfigError, KeyError):
    """A cleaner or profile name is not registered."""

    def __str__(self) -> str:  # KeyError would repr() the message; keep it readable
        return str(self.args[0]) if self.args else ""


class ReplayError(NewscleanError, ValueError):
    """A change list does not fit the text it is replayed on."""


class InputError(NewscleanError):
    """A file cannot be opened or read as asked; the message names it."""


class MissingDependencyError(NewscleanError, ImportError):
    """An optional extra is needed for what was asked; the message says which to install."""


class EngineError(NewscleanError):
    """An engine is not installed, or its cluster cannot be reached; the message says how to fix it."""


class PluginError(NewscleanError, ImportError):
    """A plugin module named by the user cannot be found or fails to import."""


class PluginWarning(UserWarning):
    """An installed plugin's entry point failed to load; its cleaners are unavailable."""


class UsageError(NewscleanError):
    """A mistake in how the command was called or in what it was given."""


class StrictStop(NewscleanError):
    """``--strict`` met a record it cannot process."""


def did_you_mean(name: str, choices: Iterable[str]) -> str:
    """Return a ' Did you mean ...?' suffix naming close matches, or a list of valid names.

    >>> did_you_mean("fix_a_an", ["fix_a_an_agreement", "collapse_blank_lines"])
    " Did you mean 'fix_a_an_agreement'?"
    >>> did_you_mean("MT", ["default", "mt"])
    " Did you mean 'mt'?"
    """
    choices = sorted(choices)
    same_case = [c for c in choices if c.lower() == name.lower()]  # "MT" for "mt"
    close = same_case or difflib.get_close_matches(name, choices, n=3, cutoff=0.6)
    if close:
        return " Did you mean " + " or ".join(repr(c) for c in close) + "?"
    return " Valid names: " + ", ".join(choices) + "."


class SpeedupsMissingWarning(RuntimeWarning):
    """The compiled scan was not built: cleaning gives the same output, more slowly."""
