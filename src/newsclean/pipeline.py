"""Pipelines: an ordered list of cleaners with their options, as readable, reloadable data.

A pipeline is built from registered names, ``(name, {options})`` pairs, or plain ``str -> str``
functions. It round-trips through `to_dict`/`from_dict` and `to_toml`/`from_toml`, which is how
profiles are shipped and how workers receive a pipeline (never as a pickled closure).
"""

from __future__ import annotations

import functools
import tomllib
import types
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union

from newsclean import _toml, registry
from newsclean.cleaner import Cleaner, Edit, Risk, check_text, from_function
from newsclean.errors import ConfigError
from newsclean.explain import Change, Explained
from newsclean.gated import GatedRun
from newsclean.plugins import is_loaded, is_plugin_file, load_plugin, source_of

StepSpec = str | tuple[str, Mapping[str, Any]] | Mapping[str, Any] | Callable[[str], str]


@dataclass(frozen=True)
class Step:
    """One cleaner in a pipeline with its validated options."""

    cleaner: Cleaner
    options: Mapping[str, Any] = field(default_factory=dict)
    registered: bool = True

    @property
    def name(self) -> str:
        return self.cleaner.name

    def edits(self, text: str) -> Sequence[Edit]:
        return self.cleaner.find_edits(text, **self.options)

    def spec(self) -> str | dict[str, Any]:
        """This step as plain data: its name, or a table of name and options."""
        if not self.options:
            return self.name
        return {"name": self.name, **{k: _plain(v) for k, v in self.options.items()}}


def _plain(v: Any) -> Any:
    """Undo the freezing done by option validation, for serialisation."""
    if isinstance(v, Mapping):
        return {k: _plain(x) for k, x in v.items()}
    if isinstance(v, tuple):
        return [_plain(x) for x in v]
    return v


def _coerce(hint: Any, value: Any, where: str) -> Any:
    """Check ``value`` against a cleaner option's annotation; freeze containers."""
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        problems = []
        for arm in args:
            if arm is type(None):
                continue
            try:
                return _coerce(arm, value, where)
            except ConfigError as exc:
                problems.append(str(exc))
        raise ConfigError(problems[0] if len(problems) == 1 else f"{where}: got {value!r}")
    if origin is typing.Literal:
        if value in args:
            return value
        raise ConfigError(f"{where} must be one of {', '.join(map(repr, args))} (got {value!r})")
    if hint is bool or hint is str:
        if isinstance(value, hint):
            return value
    elif hint is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    elif hint is float:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
    elif origin is tuple:
        if isinstance(value, (list, tuple)):
            return tuple(_coerce(args[0], x, f"{where}[{i}]") for i, x in enumerate(value))
    elif origin in (Mapping, dict):
        if isinstance(value, Mapping) and all(isinstance(k, str) for k in value):
            return types.MappingProxyType(
                {k: _coerce(args[1], x, f"{where}[{k!r}]") for k, x in value.items()}
            )
    else:  # pragma: no cover - a cleaner declared an option type this module cannot check
        raise ConfigError(f"{where}: option type {hint!r} is not supported")
    name = getattr(hint, "__name__", None) or str(hint)
    raise ConfigError(f"{where} must be {name} (got {value!r}, a {type(value).__name__})")


@functools.cache
def _hints(made: Cleaner) -> dict[str, Any]:
    return typing.get_type_hints(made.find_edits)


def _validate(made: Cleaner, options: Mapping[str, Any]) -> Mapping[str, Any]:
    unknown = [k for k in options if k not in made.options]
    if unknown:
        valid = ", ".join(made.options) or "none"
        raise ConfigError(
            f"cleaner {made.name!r} has no option {unknown[0]!r} (valid options: {valid})"
        )
    hints = _hints(made)
    return types.MappingProxyType(
        {k: _coerce(hints[k], v, f"option {k!r} of {made.name!r}") for k, v in options.items()}
    )


def _make_step(spec: StepSpec | Step) -> Step:
    if isinstance(spec, Step):
        return spec
    if isinstance(spec, str):
        return Step(registry.get_cleaner(spec))
    if isinstance(spec, tuple) and len(spec) == 2 and isinstance(spec[0], str):
        name, options = spec
        if not isinstance(options, Mapping):
            raise ConfigError(f"options of step {name!r} must be a mapping, got {options!r}")
        made = registry.get_cleaner(name)
        return Step(made, _validate(made, options))
    if isinstance(spec, Mapping):
        if "name" not in spec or not isinstance(spec["name"], str):
            raise ConfigError(f"a step table needs a 'name' string, got {dict(spec)!r}")
        made = registry.get_cleaner(spec["name"])
        return Step(made, _validate(made, {k: v for k, v in spec.items() if k != "name"}))
    if isinstance(spec, Cleaner):
        known = registry.find(spec.origin)
        return Step(spec, registered=known is spec)
    if callable(spec):
        known = registry.find(spec)
        if known is not None:
            return Step(known)
        name = getattr(spec, "__name__", type(spec).__name__)
        return Step(
            from_function(spec, family="custom", risk=Risk.MEDIUM, name=name), registered=False
        )
    raise ConfigError(
        f"a pipeline step must be a cleaner name, (name, options), a table with 'name', or a "
        f"str -> str function; got {spec!r} (a {type(spec).__name__})"
    )


class Pipeline:
    """An ordered list of cleaners applied one after another.

    >>> p = Pipeline(["join_spaced_hyphens", ("fix_a_an_agreement", {})])
    >>> p("Forces of Bashar al -Assad led an deadly offensive to the north")
    'Forces of Bashar al-Assad led a deadly offensive to the north'
    >>> p
    Pipeline(['join_spaced_hyphens', 'fix_a_an_agreement'])
    """

    def __init__(
        self, steps: Iterable[StepSpec | Step], *, name: str | None = None, max_passes: int = 1
    ) -> None:
        if isinstance(steps, (str, bytes)) or not isinstance(steps, Iterable):
            raise ConfigError(
                f"Pipeline() takes a list of steps, got {steps!r}; "
                "for a profile use Pipeline.from_profile(name)"
            )
        if (
            isinstance(max_passes, bool)
            or not isinstance(max_passes, int)
            or not 1 <= max_passes <= 10
        ):
            raise ConfigError(f"max_passes must be a whole number from 1 to 10, got {max_passes!r}")
        self.steps: tuple[Step, ...] = tuple(_make_step(s) for s in steps)
        self.name = name
        # A later cleaner can uncover work for an earlier one (removing "<!-- -->" can leave the
        # proof a lost "quot;" needed). Like ftfy's fix_segment, steps run again after a change,
        # up to max_passes cycles, so that clean(clean(x)) == clean(x). Clean text costs one
        # pass. User pipelines default to one pass so a plain function is never applied twice
        # by surprise.
        self._max_passes = max_passes
        self._loop = GatedRun([(s.cleaner, s.options) for s in self.steps], max_passes)

    @property
    def max_passes(self) -> int:
        """How many cycles of the steps a text may get (read-only: the run loop is built with
        it)."""
        return self._max_passes

    # -- running -----------------------------------------------------------------------------
    def __call__(self, text: str, *, lang: str | None = None) -> str:
        """Clean ``text``. ``lang`` (an ISO 639-1 code) says its language; without it, the
        language is detected when a cleaner that applies to some languages only could run."""
        text = check_text(text, "Pipeline()")
        return self._loop.run(text, lang, None)

    def explain(self, text: str, *, lang: str | None = None) -> Explained:
        """Clean ``text`` and report every edited span with the cleaner that made it.

        The same gated loop as cleaning, recording as it goes, so explaining costs what
        cleaning does. A change's ``step`` counts the steps run so far, across passes: it
        orders the changes and tells two runs of the same cleaner apart, which `replay` needs.
        """
        text = check_text(text, "Pipeline.explain()")
        changes: list[Change] = []
        return Explained(self._loop.run(text, lang, changes), changes)

    # -- as data -----------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """This pipeline as plain data that `from_dict` rebuilds."""
        for number, step in enumerate(self.steps):
            if not step.registered:
                raise ConfigError(
                    f"step {number} ({step.name!r}) is a plain function, which cannot be saved "
                    "by name; register it first with newsclean.register(func) (or the "
                    "@newsclean.register decorator) and build the pipeline from its name"
                )
        out: dict[str, Any] = {"name": self.name} if self.name else {}
        if self.max_passes != 1:
            out["max_passes"] = self.max_passes
        plugins = _plugins_of(self.steps)
        if plugins:
            out["plugins"] = plugins
        out["steps"] = [s.spec() for s in self.steps]
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, trust_plugins: bool = True) -> Pipeline:
        """Rebuild a pipeline from `to_dict`'s data. Its ``plugins`` are imported, which runs
        their code: with ``trust_plugins=False`` (how `from_toml` reads a file) only
        installed modules and ``.py`` files already loaded (``--plugin``) are accepted."""
        if not isinstance(data, Mapping):
            raise ConfigError(f"a pipeline description must be a table, got {data!r}")
        unknown = set(data) - {"name", "description", "max_passes", "plugins", "steps"}
        if unknown:
            raise ConfigError(
                f"unknown pipeline key {sorted(unknown)[0]!r} "
                "(valid keys: name, description, max_passes, plugins, steps)"
            )
        plugins = data.get("plugins", [])
        if not isinstance(plugins, list) or not all(isinstance(p, str) for p in plugins):
            raise ConfigError(
                f"'plugins' must be a list of module names or .py paths, got {plugins!r}"
            )
        for source in plugins:
            if not trust_plugins and is_plugin_file(source) and not is_loaded(source):
                raise ConfigError(
                    f"plugin {source!r}: a pipeline file is trusted like code, so it may name "
                    "installed plugin modules, or .py files also given with --plugin; to load "
                    "this one, pass --trust-plugins (Pipeline.from_toml(..., trust_plugins=True))"
                )
            load_plugin(source)
        steps = data.get("steps")
        if not isinstance(steps, list):
            raise ConfigError("a pipeline description needs 'steps = [...]', a list of steps")
        name = data.get("name")
        return cls(
            steps,
            name=name if isinstance(name, str) else None,
            max_passes=data.get("max_passes", 1),
        )

    def to_toml(self) -> str:
        """This pipeline as TOML text that `from_toml` rebuilds.

        >>> print(Pipeline(["join_spaced_hyphens"]).to_toml(), end="")
        steps = [
          "join_spaced_hyphens",
        ]
        """
        data = self.to_dict()
        lines = [f"{k} = {_toml.value(v)}" for k, v in data.items() if k != "steps"]
        lines.append("steps = [")
        lines.extend(f"  {_toml.value(s)}," for s in data["steps"])
        lines.append("]")
        return "\n".join(lines) + "\n"

    @classmethod
    def from_toml(cls, source: str | Path, *, trust_plugins: bool = False) -> Pipeline:
        """Build a pipeline from TOML text or from the path of a TOML file.

        A pipeline file's ``plugins`` are imported, and importing runs code: a ``.py`` path
        in it is loaded only when it was loaded already (``--plugin``, `load_plugin`) or with
        ``trust_plugins=True``; module names are imported as installed code."""
        where = "pipeline TOML"
        if isinstance(source, Path) or ("\n" not in source and "=" not in source):
            path = Path(source)
            where = str(path)
            try:
                source = path.read_text(encoding="utf-8")
            except FileNotFoundError:
                raise ConfigError(f"{path}: pipeline file not found") from None
            except (OSError, UnicodeDecodeError) as exc:
                raise ConfigError(f"{path}: cannot read pipeline file ({exc})") from None
        try:
            data = tomllib.loads(source)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{where}: malformed TOML: {exc}") from None
        try:
            return cls.from_dict(data, trust_plugins=trust_plugins)
        except ConfigError as exc:
            raise ConfigError(f"{where}{_line_of(source, exc)}: {exc}") from None

    @classmethod
    def from_profile(cls, name: str) -> Pipeline:
        """The shipped profile ``name`` (see `newsclean.profiles`)."""
        from newsclean.profiles import profile_text

        return cls.from_toml(profile_text(name))

    # -- reading -----------------------------------------------------------------------------
    def __iter__(self) -> Iterator[Step]:
        return iter(self.steps)

    def __len__(self) -> int:
        return len(self.steps)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Pipeline):
            return NotImplemented
        return self.max_passes == other.max_passes and [
            (s.cleaner, dict(s.options)) for s in self.steps
        ] == [(s.cleaner, dict(s.options)) for s in other.steps]

    __hash__ = None  # type: ignore[assignment]  # mutable-looking value object: not hashable

    def __repr__(self) -> str:
        specs = [
            repr(s.name) if not s.options else repr((s.name, _plain(dict(s.options))))
            for s in self.steps
        ]
        passes = f", max_passes={self.max_passes}" if self.max_passes != 1 else ""
        return f"Pipeline([{', '.join(specs)}]{passes})"


def _plugins_of(steps: Iterable[Step]) -> list[str]:
    """The plugin modules (loaded with `load_plugin`) that define the steps' cleaners, as
    another process loads them: so a worker rebuilding the pipeline knows them too. Installed
    plugins need no mention: a worker finds them through their entry points."""
    found: list[str] = []
    for step in steps:
        source = source_of(step.cleaner.__module__)
        if source is not None and source not in found:
            found.append(source)
    return found


def _line_of(source: str, exc: Exception) -> str:
    """':N' for the first source line naming the cleaner or option an error is about."""
    message = str(exc)
    for quoted in message.split("'")[1::2]:
        for number, line in enumerate(source.splitlines(), 1):
            if f'"{quoted}"' in line or f"'{quoted}'" in line or f"{quoted} =" in line:
                return f":{number}"
    return ""


@functools.lru_cache(maxsize=16)
def _profile_pipeline(name: str) -> Pipeline:
    return Pipeline.from_profile(name)


def clean(text: str, *, profile: str = "default", lang: str | None = None) -> str:
    """Clean ``text`` with a shipped profile (``default`` or ``mt``); ``lang``: its language,
    detected when not given (see `newsclean.lang`).

    >>> clean('He will pay a "very high price,quot; for it.')
    'He will pay a "very high price," for it.'
    >>> clean("Canada : un ministre de Trudeau rembourse ses frais de voyage !", lang="fr")
    'Canada : un ministre de Trudeau rembourse ses frais de voyage !'
    """
    text = check_text(text, "clean()")
    return _profile_pipeline(profile)(text, lang=lang)


def explain(text: str, *, profile: str = "default", lang: str | None = None) -> Explained:
    """Clean ``text`` with a profile and report every change (see `Pipeline.explain`)."""
    text = check_text(text, "explain()")
    return _profile_pipeline(profile).explain(text, lang=lang)


__all__ = ["Pipeline", "Step", "clean", "explain"]
