"""Looking up the one map from cleaner names to cleaners.

Everything that lists cleaners (profiles, `list_cleaners`, the CLI, the docs table, option
validation) reads it from here, so there is no second list to keep in step. The table itself
(`newsclean.cleaner.CLEANERS` and its `add`) sits below the cleaner modules, so that
registering imports nothing above them; this module loads the built-ins and the installed
entry points on first use.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from types import ModuleType

from newsclean.cleaner import CLEANERS, Cleaner, Risk, add, from_function
from newsclean.errors import PluginWarning, UnknownCleanerError, did_you_mean

GROUP = "newsclean.cleaners"  # the entry-point group installed plugins register under
_entry_points_loaded = False


def _load_builtins() -> None:
    import newsclean.cleaners  # noqa: F401  (importing registers every built-in cleaner)


def load_entry_points() -> None:
    """Load every ``newsclean.cleaners`` entry point once; a broken one is a warning, since
    it should not stop pipelines that do not use it."""
    global _entry_points_loaded
    if _entry_points_loaded:
        return
    _entry_points_loaded = True
    for point in metadata.entry_points(group=GROUP):
        try:
            loaded = point.load()
        except Exception as exc:  # a third party's import error, whatever it is
            warnings.warn(
                f"newsclean plugin {point.name!r} ({point.value}) cannot be loaded: {exc}",
                PluginWarning,
                stacklevel=2,
            )
            continue
        if isinstance(loaded, ModuleType):
            continue  # importing it registered its cleaners
        if isinstance(loaded, Cleaner):
            add(loaded)
        elif callable(loaded) and find(loaded) is None:
            register(loaded, name=point.name)


def get_cleaner(name: str) -> Cleaner:
    """Return the cleaner registered as ``name``; an unknown name lists close matches."""
    _load_builtins()
    if name not in CLEANERS:
        load_entry_points()
    try:
        return CLEANERS[name]
    except KeyError:
        hint = did_you_mean(name, CLEANERS)
        if not hint.startswith(" Did you mean"):
            hint += (
                " A cleaner of your own: register it in a module loaded with --plugin (or "
                "installed with a newsclean.cleaners entry point)."
            )
        raise UnknownCleanerError(f"unknown cleaner {name!r}." + hint) from None


def find(origin: object) -> Cleaner | None:
    """The registered cleaner made from ``origin`` (a function), if any."""
    _load_builtins()
    for made in CLEANERS.values():
        if made.origin is origin or made is origin:
            return made
    return None


def all_cleaners() -> list[Cleaner]:
    """Every registered cleaner, in registration order (built-ins first, by family, then
    installed plugins)."""
    _load_builtins()
    load_entry_points()
    return list(CLEANERS.values())


def register(
    func: Callable[[str], str] | None = None,
    *,
    name: str | None = None,
    family: str = "custom",
    risk: Risk = Risk.MEDIUM,
) -> Callable[..., object]:
    """Register a plain ``str -> str`` function so pipelines and TOML can name it.

    Use it as a call or as a decorator; the function is returned unchanged:

    >>> @register(risk=Risk.LOW)
    ... def shout_newsroom(text: str) -> str:
    ...     '''Upper-case the word newsroom.'''
    ...     return text.replace("newsroom", "NEWSROOM")
    >>> from newsclean import Pipeline
    >>> Pipeline(["shout_newsroom"])("the newsroom")
    'the NEWSROOM'
    """

    def wrap(f: Callable[[str], str]) -> Callable[[str], str]:
        add(from_function(f, family=family, risk=risk, name=name))
        return f

    if func is not None:
        return wrap(func)
    return wrap


@dataclass(frozen=True)
class CleanerInfo:
    """One row of `list_cleaners()`."""

    name: str
    family: str
    risk: Risk
    summary: str
    profiles: tuple[str, ...]


def list_cleaners() -> list[CleanerInfo]:
    """Name, family, risk, one-line summary and profiles of every registered cleaner.

    >>> rows = list_cleaners()
    >>> [r for r in rows if r.name == "remove_minifier_placeholders"][0].profiles
    ('default', 'furniture', 'mt')
    """
    from newsclean.profiles import profile_names, profile_steps

    membership = {p: set(profile_steps(p)) for p in profile_names()}
    return [
        CleanerInfo(
            c.name,
            c.family,
            c.risk,
            c.summary,
            tuple(p for p in membership if c.name in membership[p]),
        )
        for c in all_cleaners()
    ]
