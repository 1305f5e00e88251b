"""The cleaner model: a risk level, the `Cleaner` record and the `@cleaner` decorator.

A cleaner is written as a function that *finds edits*: given the text (and keyword-only options)
it returns a sorted list of non-overlapping ``(start, end, replacement)`` edits (a plain list,
or `Edits`, the compact one the built-in cleaners use). The decorator
wraps it in a `Cleaner`, which is called like a plain ``str -> str`` function and also hands its
edits to `Pipeline.explain`, so the explanation is the cleaner's own account of what it did, not
a diff reconstructed afterwards.
"""

from __future__ import annotations

import enum
import inspect
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, overload

from newsclean._scan import compiled, scan
from newsclean.errors import ConfigError

Edit = tuple[int, int, str]
"""``(start, end, replacement)``: replace ``text[start:end]`` with ``replacement``."""

EditFinder = Callable[..., Sequence[Edit]]


class Edits(Sequence[Edit]):
    """A list of edits kept compactly: two integer arrays and the replacements.

    A list of ``(start, end, replacement)`` tuples costs about 130 bytes an edit; this costs 16
    (24 past four billion characters) and one shared string per short replacement, so a
    cleaner that finds an edit every few characters of a huge hostile document does not hold
    many times the document while it works (issue 32). It reads and compares like the list.

    >>> edits = Edits()
    >>> edits.add(9, 11, "")
    >>> edits.append((2, 3, "-"))
    >>> edits.sort()
    >>> edits
    [(2, 3, '-'), (9, 11, '')]
    >>> edits == [(2, 3, "-"), (9, 11, "")], len(edits), edits[-1]
    (True, 2, (9, 11, ''))
    """

    __slots__ = ("_ends", "_replacements", "_shared", "_starts")

    def __init__(self, edits: Iterable[Edit] = ()) -> None:
        self._starts = array("I")
        self._ends = array("I")
        self._replacements: list[str] = []
        self._shared: dict[str, str] = {}  # one object for each short replacement
        for edit in edits:
            self.add(*edit)

    def add(self, start: int, end: int, replacement: str) -> None:
        """Append the edit ``(start, end, replacement)``."""
        if len(replacement) < 4:
            replacement = self._shared.setdefault(replacement, replacement)
        try:
            self._starts.append(start)
            self._ends.append(end)
        except OverflowError:  # a text past 2**32 characters: wider integers
            del self._starts[len(self._ends) :]
            self._starts, self._ends = array("q", self._starts), array("q", self._ends)
            self._starts.append(start)
            self._ends.append(end)
        self._replacements.append(replacement)

    def append(self, edit: Edit) -> None:
        """Append one edit, as ``list.append`` does."""
        self.add(*edit)

    def extend(self, edits: Iterable[Edit]) -> None:
        """Append edits, as ``list.extend`` does."""
        for edit in edits:
            self.add(*edit)

    def __iadd__(self, edits: Iterable[Edit]) -> Edits:
        self.extend(edits)
        return self

    def sort(self) -> None:
        """Sort as a list of the tuples sorts (by start, then end, then replacement)."""
        starts, ends, replacements = self._starts, self._ends, self._replacements
        if all(starts[i] < starts[i + 1] for i in range(len(starts) - 1)):
            return  # the usual case: found in order, checked without a copy
        # One integer an edit, start, end and position packed, sorted without a key function:
        # a million edits cost tens of MB for a moment, not the ~150 MB of tuple keys.
        # (fewer than 2**32 edits: their list would need far more memory than any machine has)
        order = sorted(
            (s << 64 | e) << 32 | i for i, (s, e) in enumerate(zip(starts, ends, strict=True))
        )
        index = [k & 0xFFFFFFFF for k in order]
        del order
        for i in range(len(index) - 1):  # the same span twice (two insertions): by replacement too
            a, b = index[i], index[i + 1]
            if (starts[a], ends[a]) == (starts[b], ends[b]) and replacements[b] < replacements[a]:
                index.sort(key=lambda i: (starts[i], ends[i], replacements[i]))
                break
        self._starts = array(starts.typecode, (starts[i] for i in index))
        self._ends = array(ends.typecode, (ends[i] for i in index))
        self._replacements = [replacements[i] for i in index]

    def __len__(self) -> int:
        return len(self._replacements)

    def __iter__(self) -> Iterator[Edit]:
        return zip(self._starts, self._ends, self._replacements, strict=True)

    @overload
    def __getitem__(self, index: int) -> Edit: ...
    @overload
    def __getitem__(self, index: slice) -> list[Edit]: ...
    def __getitem__(self, index: int | slice) -> Edit | list[Edit]:
        if isinstance(index, slice):
            return list(
                zip(self._starts[index], self._ends[index], self._replacements[index], strict=True)
            )
        return self._starts[index], self._ends[index], self._replacements[index]

    def __setitem__(self, index: int, edit: Edit) -> None:
        start, end, replacement = edit
        self._starts[index], self._ends[index], self._replacements[index] = start, end, replacement

    def __delitem__(self, index: int | slice) -> None:
        del self._starts[index], self._ends[index], self._replacements[index]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (Edits, list, tuple)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable, as a list

    def __repr__(self) -> str:
        return repr(list(self))


class Risk(enum.IntEnum):
    """How likely a cleaner is to change text that was already correct."""

    SAFE = 0  # only touches sequences that are never correct text (placeholders, BOMs)
    LOW = 1  # acts on strong evidence; suitable for the default profile
    MEDIUM = 2  # guesses from context; opt-in (mt profile)
    HIGH = 3  # rewrites words; only where the user knows the text is machine output

    def __str__(self) -> str:
        return self.name.lower()


_compiled_apply = compiled("apply_edits")


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """Apply sorted, non-overlapping edits to ``text``.

    >>> apply_edits("al -Assad", [(2, 3, "")])
    'al-Assad'
    """
    if not edits:
        return text
    if _compiled_apply is not None and isinstance(edits, Edits):
        # one string of the exact size, from the edit arrays as they are
        made: str = _compiled_apply(text, edits._starts, edits._ends, edits._replacements)
        return made
    parts: list[str] = []
    chunks: list[str] = []  # joined every few thousand parts, so a million edits do not
    pos = 0  # hold a million small slices at once (memory on one huge document)
    for start, end, replacement in edits:
        parts.append(text[pos:start])
        parts.append(replacement)
        pos = end
        if len(parts) >= 8192:
            chunks.append("".join(parts))
            parts.clear()
    parts.append(text[pos:])
    chunks.append("".join(parts))
    return "".join(chunks)


def diff_edit(before: str, after: str) -> list[Edit]:
    """Describe ``before -> after`` as at most one edit, trimming the common prefix and suffix.

    Used for plain ``str -> str`` functions, which cannot report their own edits. Linear time.

    >>> diff_edit("the the cat", "the cat")
    [(4, 8, '')]
    """
    if before == after:
        return []
    limit = min(len(before), len(after))
    prefix = 0
    while prefix < limit and before[prefix] == after[prefix]:
        prefix += 1
    suffix = 0
    while (
        suffix < limit - prefix
        and before[len(before) - 1 - suffix] == after[len(after) - 1 - suffix]
    ):
        suffix += 1
    return [(prefix, len(before) - suffix, after[prefix : len(after) - suffix])]


def check_text(text: object, where: str) -> str:
    """Return ``text`` if it is a str, else raise a TypeError that says what to do."""
    if isinstance(text, str):
        return text
    if isinstance(text, (bytes, bytearray)):
        raise TypeError(
            f"{where} expects text as str, got {type(text).__name__} of length {len(text)}; "
            "decode it first, e.g. data.decode('utf-8', errors='replace')"
        )
    raise TypeError(f"{where} expects text as str, got {text!r} (a {type(text).__name__})")


class Cleaner:
    """A named, registered cleaner: callable as ``str -> str``, with a family and a risk.

    ``name`` equals the function name, the registry key, the TOML string and the label in
    explanations, so one word finds a cleaner everywhere.
    """

    def __init__(
        self,
        find_edits: EditFinder,
        *,
        family: str,
        risk: Risk,
        name: str,
        origin: Callable[..., Any] | None = None,
        gate: int = 0,
        ungated_by: tuple[str, ...] = (),
        langs: tuple[str, ...] = (),
        local: bool = False,
    ) -> None:
        self.find_edits = find_edits
        # Its edits between two seams (blank lines with prose in reach) depend only on what
        # lies between them and the lines up to that prose, so a long text may be handed to
        # it window by window (`newsclean._windows`).
        self.local = local
        # The languages whose typography it encodes (ISO 639-1); () for every language.
        # Pipelines skip it on text in another language (see newsclean.lang).
        self.langs = langs
        # Facts of `newsclean._scan` of which one must hold for any edit (0: always run).
        self.gate = gate
        # options that, when set, make the cleaner find what its gate cannot see
        self.ungated_by = ungated_by
        # what the user handed over (a plain function for `register`), to recognise it later
        self.origin = origin if origin is not None else find_edits
        self.name = name
        self.family = family
        self.risk = risk
        doc = inspect.getdoc(find_edits) or ""
        self.summary = doc.strip().splitlines()[0] if doc.strip() else ""
        # doctest collects callables that unwrap to a function defined in the module;
        # these three attributes make a Cleaner's docstring examples run with the module's.
        self.__wrapped__ = find_edits
        self.__doc__ = find_edits.__doc__
        self.__module__ = find_edits.__module__
        self.__name__ = name
        self.__qualname__ = name
        self.options: Mapping[str, inspect.Parameter] = {
            p.name: p
            for p in inspect.signature(find_edits).parameters.values()
            if p.kind is inspect.Parameter.KEYWORD_ONLY
        }

    def edits(self, text: str, **options: Any) -> Sequence[Edit]:
        """Return the edits this cleaner makes to ``text``."""
        gate = self.gate_for(options)
        if gate and not scan(text, gate) & gate:
            return []  # the gate promises there is nothing to find
        return self.find_edits(text, **options)

    def gate_for(self, options: Mapping[str, Any]) -> int:
        """The gate that holds with these options (0, always run, if one of them opens it)."""
        return 0 if any(options.get(name) for name in self.ungated_by) else self.gate

    def __call__(self, text: str, **options: Any) -> str:
        text = check_text(text, f"{self.name}()")
        return apply_edits(text, self.edits(text, **options))

    def __repr__(self) -> str:
        return f"<Cleaner {self.name} family={self.family} risk={self.risk}>"


def cleaner(
    *,
    family: str,
    risk: Risk,
    name: str | None = None,
    gate: int = 0,
    ungated_by: tuple[str, ...] = (),
    langs: tuple[str, ...] = (),
    local: bool = False,
) -> Callable[[EditFinder], Cleaner]:
    """Register an edit-finding function as a cleaner.

    The function takes ``text`` and keyword-only options and returns a sorted list of
    non-overlapping ``(start, end, replacement)`` edits. Its first docstring line is the
    cleaner's one-line summary. ``gate`` (facts of `newsclean._scan`, or-ed) promises that it
    finds no edit in a text where none of them holds, so pipelines may skip it there;
    ``ungated_by`` names the options under which that promise does not hold. ``langs``
    names the languages it applies to (``("en",)`` for English typography); a pipeline runs
    it on text in those languages only. ``local`` promises that its edits between two blank
    lines with a line of prose in reach on each side depend only on what lies between them
    and the lines up to that prose, so a pipeline may run it on a long text window by window
    (`newsclean._windows`; a test checks the promise on real text). Called on its own, a
    cleaner does what it is asked.
    """

    def wrap(func: EditFinder) -> Cleaner:
        made = Cleaner(
            func,
            family=family,
            risk=risk,
            name=name or func.__name__,
            gate=gate,
            ungated_by=ungated_by,
            langs=langs,
            local=local,
        )
        add(made)
        return made

    return wrap


def from_function(
    func: Callable[[str], str], *, family: str, risk: Risk, name: str | None = None
) -> Cleaner:
    """Wrap a plain ``str -> str`` function as a Cleaner whose edits come from a diff."""

    def find_edits(text: str) -> list[Edit]:
        return diff_edit(text, func(text))

    label = name or getattr(func, "__name__", None) or type(func).__name__
    find_edits.__doc__ = func.__doc__ or f"User cleaner {label}."
    # Builtins such as str.strip have no __module__; a callable object may lack __name__.
    find_edits.__module__ = getattr(func, "__module__", None) or "builtins"
    return Cleaner(find_edits, family=family, risk=risk, name=label, origin=func)


# The registry's table lives here, below every cleaner module, so that registering (the
# decorator above, `newsclean.registry.register`, entry points) imports nothing above the
# cleaners: looking cleaners up (`newsclean.registry`) is the layer above.
CLEANERS: dict[str, Cleaner] = {}


def add(made: Cleaner) -> None:
    """Add a cleaner to the registry; a second cleaner under a taken name is refused."""
    if not made.name.isidentifier():
        raise ConfigError(f"cleaner name {made.name!r} must be a Python identifier (snake_case)")
    if made.name in CLEANERS and CLEANERS[made.name].find_edits is not made.find_edits:
        raise ConfigError(
            f"a cleaner named {made.name!r} is already registered "
            f"(from {CLEANERS[made.name].__module__}); choose another name"
        )
    if "name" in made.options:
        raise ConfigError(f"cleaner {made.name!r}: 'name' is reserved and cannot be an option")
    CLEANERS[made.name] = made
