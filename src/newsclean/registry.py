"""The one map from cleaner names to cleaners.

Everything that lists cleaners (profiles, `list_cleaners`, the CLI, the docs table, option
validation) reads it from here, so there is no second list to keep in step.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from newsclean.cleaner import Cleaner, Risk, from_function
from newsclean.errors import ConfigError, UnknownCleanerError, did_you_mean

_CLEANERS: dict[str, Cleaner] = {}


def add(made: Cleaner) -> None:
    """Add a cleaner; a second cleaner under a taken name is refused."""
    if not made.name.isidentifier():
        raise ConfigError(f"cleaner name {made.name!r} must be a Python identifier (snake_case)")
    if made.name in _CLEANERS and _CLEANERS[made.name].find_edits is not made.find_edits:
        raise ConfigError(
            f"a cleaner named {made.name!r} is already registered "
            f"(from {_CLEANERS[made.name].__module__}); choose another name"
        )
    if "name" in made.options:
        raise ConfigError(f"cleaner {made.name!r}: 'name' is reserved and cannot be an option")
    _CLEANERS[made.name] = made


def _load_builtins() -> None:
    import newsclean.cleaners  # noqa: F401  (importing registers every built-in cleaner)


def get_cleaner(name: str) -> Cleaner:
    """Return the cleaner registered as ``name``; an unknown name lists close matches."""
    _load_builtins()
    if name not in _CLEANERS:
        from newsclean.plugins import load_entry_points

        load_entry_points()
    try:
        return _CLEANERS[name]
    except KeyError:
        hint = did_you_mean(name, _CLEANERS)
        if not hint.startswith(" Did you mean"):
            hint += (
                " A cleaner of your own: register it in a module loaded with --plugin (or "
                "installed with a newsclean.cleaners entry point)."
            )
        raise UnknownCleanerError(f"unknown cleaner {name!r}." + hint) from None


def find(origin: object) -> Cleaner | None:
    """The registered cleaner made from ``origin`` (a function), if any."""
    _load_builtins()
    for made in _CLEANERS.values():
        if made.origin is origin or made is origin:
            return made
    return None


def all_cleaners() -> list[Cleaner]:
    """Every registered cleaner, in registration order (built-ins first, by family, then
    installed plugins)."""
    _load_builtins()
    from newsclean.plugins import load_entry_points

    load_entry_points()
    return list(_CLEANERS.values())


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
