"""Hypothesis strategies that make realistic dirty articles, and ready property checks.

For newsclean's own tests and for anyone who writes or configures cleaners::

    from hypothesis import given
    from newsclean.testing import dirty_articles

    @given(dirty_articles(kinds=["lost_amp_entity", "caption_block"]))
    def test_repairs(pair):
        dirty, expected = pair
        assert newsclean.clean(dirty) == expected

Each example takes a real clean news passage bundled with the package (`clean_passages`),
injects artifacts of the chosen kinds at realistic places, and pairs the dirty text with what
the profile must turn it into: the passage itself. Needs hypothesis:
``pip install 'newsclean[testing]'``. Importing `newsclean` never imports this module.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable
from typing import Any

try:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover - exercised only without the extra
    raise ImportError(
        "newsclean.testing needs hypothesis: pip install 'newsclean[testing]'"
    ) from None

from newsclean.cleaner import Cleaner, apply_edits
from newsclean.explain import replay
from newsclean.kinds import canonical
from newsclean.pipeline import Pipeline
from newsclean.profiles import profile_names
from newsclean.testing._injectors import KINDS
from newsclean.testing._passages import bundled_passages

__all__ = ["KINDS", "artifacts", "check_cleaner", "clean_passages", "dirty_articles", "kinds_for"]


def kinds_for(profile: str) -> tuple[str, ...]:
    """The artifact kinds a shipped profile repairs.

    >>> "a_an" in kinds_for("mt"), "a_an" in kinds_for("default")
    (True, False)
    """
    _check_profile(profile)
    return tuple(k.name for k in KINDS.values() if profile in k.profiles)


def _check_profile(profile: object) -> None:
    if not isinstance(profile, str) or profile not in profile_names():
        raise ValueError(f"profile must be one of {', '.join(profile_names())}; got {profile!r}")


def clean_passages(*, generated: bool = False) -> st.SearchStrategy[str]:
    """Real clean news passages bundled with newsclean; with ``generated=True`` also
    prose-like text built from their sentences.

    >>> from hypothesis import find
    >>> find(clean_passages(), lambda p: "crane" in p).startswith("A storm yesterday")
    True
    """
    if not isinstance(generated, bool):
        raise TypeError(f"generated must be True or False, got {generated!r}")
    real = st.sampled_from(list(bundled_passages().values()))
    if not generated:
        return real
    sentences = sorted(
        {
            s.strip() + "."
            for p in bundled_passages().values()
            for s in p.replace("\n", " ").split(". ")
            if len(s.split()) > 3
        }
    )
    paragraph = st.lists(st.sampled_from(sentences), min_size=1, max_size=4).map(" ".join)
    return st.one_of(real, st.lists(paragraph, min_size=1, max_size=5).map("\n\n".join))


def _current_name(kind: str) -> str:
    """The vocabulary's name of a kind; an earlier name works for now, with a warning."""
    name = canonical(kind)
    if name != kind:
        warnings.warn(
            f"artifact kind {kind!r} is now called {name!r} (newsclean.kinds)",
            DeprecationWarning,
            stacklevel=4,
        )
    return name


def _validate_kinds(kinds: Iterable[str] | None, profile: str) -> tuple[str, ...]:
    _check_profile(profile)
    if kinds is None:
        return kinds_for(profile)
    if isinstance(kinds, str):
        raise TypeError(
            f"kinds must be a list of kind names, not the string {kinds!r}; use [{kinds!r}]"
        )
    chosen = tuple(_current_name(k) for k in kinds)
    if not chosen:
        raise ValueError("kinds must name at least one artifact kind")
    for kind in chosen:
        if kind not in KINDS:
            raise ValueError(f"unknown artifact kind {kind!r}; valid kinds: {', '.join(KINDS)}")
        if profile not in KINDS[kind].profiles:
            raise ValueError(
                f"kind {kind!r} is repaired only by profile(s) {', '.join(KINDS[kind].profiles)}, "
                f"not {profile!r}; choose another profile or leave the kind out"
            )
    return chosen


@st.composite
def _dirty(
    draw: Callable[[st.SearchStrategy[Any]], Any],
    kinds: tuple[str, ...],
    passages: tuple[str, ...],
    max_kinds: int,
) -> tuple[str, str]:
    chosen = draw(st.lists(st.sampled_from(kinds), min_size=1, max_size=max_kinds))
    # Try passages, and paragraphs within them, in a drawn order until the kinds find places:
    # some artifacts need something to act on (mojibake needs a non-ASCII character).
    for passage in draw(st.permutations(passages)):
        body = passage.rstrip("\n")  # a file's final newline stays final, after any debris
        paragraphs = body.split("\n\n")
        free = draw(st.permutations(range(len(paragraphs))))
        replaced: dict[int, list[str]] = {}
        for number, kind in enumerate(chosen):
            if KINDS[kind].once and kind in chosen[:number]:
                continue
            last = len(paragraphs) - 1 if KINDS[kind].inner_only else None
            for slot in free:
                if slot in replaced or slot == last:
                    continue
                if made := KINDS[kind].inject(draw, paragraphs[slot]):
                    replaced[slot] = made
                    break
        if replaced:
            out = [p for i, para in enumerate(paragraphs) for p in replaced.get(i, [para])]
            return "\n\n".join(out) + passage[len(body) :], passage
    no_place: tuple[str, str] = draw(st.nothing())  # rejects this example; never returns
    return no_place


def dirty_articles(
    *,
    kinds: Iterable[str] | None = None,
    profile: str = "default",
    max_kinds: int = 3,
    passages: Iterable[str] | None = None,
) -> st.SearchStrategy[tuple[str, str]]:
    """``(dirty, expected)`` pairs: a real passage with 1 to ``max_kinds`` artifacts injected,
    and the text ``profile`` must make of it. ``kinds`` defaults to every kind the profile
    repairs; asking for a kind it does not repair is an error. ``passages``: your own clean
    texts to inject into (your corpus's articles) instead of the bundled ones; the expected
    text is the passage itself, so they must be texts the profile leaves unchanged.

    >>> from hypothesis import find
    >>> dirty, expected = find(dirty_articles(kinds=["minifier_placeholder"]), lambda p: True)
    >>> "%MINIFYHTML" in dirty and "%MINIFYHTML" not in expected
    True
    """
    chosen = _validate_kinds(kinds, profile)
    if isinstance(max_kinds, bool) or not isinstance(max_kinds, int) or max_kinds < 1:
        raise ValueError(f"max_kinds must be a whole number of at least 1, got {max_kinds!r}")
    texts = tuple(bundled_passages().values()) if passages is None else tuple(passages)
    if not texts or not all(isinstance(t, str) and t.strip() for t in texts):
        raise ValueError("passages must be a non-empty collection of non-blank strings")
    return _dirty(chosen, texts, max_kinds)


def artifacts(kind: str, *, profile: str = "default") -> st.SearchStrategy[tuple[str, str]]:
    """``(dirty, expected)`` pairs with exactly one artifact of ``kind``.

    >>> from hypothesis import find
    >>> dirty, expected = find(artifacts("spaced_hyphen"), lambda p: True)
    >>> dirty != expected and dirty.replace(" -", "-").replace("- ", "-") == expected
    True
    """
    if not isinstance(kind, str):
        raise TypeError(f"kind must be a kind name (str), got {kind!r}")
    chosen = _validate_kinds([kind], profile)
    return _dirty(chosen, tuple(bundled_passages().values()), 1)


# Arbitrary text plus the pieces cleaners look for, so checks reach the interesting branches.
_PIECES = (
    " ", "\n", "\n\n", "-", " -", ",", " ,", ".", "(", ")", "&", ";", "#", "@", "@@ ", "@-@",
    "quot;", "&quot;", "&amp;", '"', "“", "”", "'", "’", "▁", "<p>", "<unk>", "[caption]",
    "{{ x }}", "<!-- -->", "%MINIFYHTML", "Plus:", "Advertisement", "(Ghaith Alsayed/AP)",
    "â€œ", "\u200b", "\ufeff", "\x00", "the", "the the", "an", "a", "al", "Assad", "hour",
)  # fmt: skip
HOSTILE_TEXT: st.SearchStrategy[str] = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(_PIECES), max_size=40).map("".join),
)


def check_cleaner(
    cleaner: Cleaner | Pipeline | Callable[[str], str],
    *,
    max_examples: int = 200,
    idempotent: bool = True,
    passages: bool = True,
    large: bool = True,
) -> None:
    """Run the standard properties on a cleaner, a pipeline or a ``str -> str`` function.

    It never raises on arbitrary Unicode (surrogates and controls included); it is idempotent;
    it leaves every bundled clean passage unchanged; it copes with a 1 MB document; and, for a
    pipeline, explain and replay agree with calling it. The first failure raises an
    AssertionError naming the property and the minimal example hypothesis shrank it to.

    >>> from newsclean import Pipeline
    >>> check_cleaner(Pipeline.from_profile("default"), max_examples=20)
    >>> check_cleaner(lambda t: t + "!", max_examples=20)
    Traceback (most recent call last):
    ...
    AssertionError: <lambda> is not idempotent: on '' it gave '!' then '!!'
    """
    if isinstance(max_examples, bool) or not isinstance(max_examples, int) or max_examples < 1:
        raise ValueError(f"max_examples must be a positive whole number, got {max_examples!r}")
    if not callable(cleaner):
        raise TypeError(
            f"check_cleaner needs a cleaner, pipeline or str -> str function, got {cleaner!r}"
        )
    name = getattr(cleaner, "__name__", None) or repr(cleaner)
    run: Callable[[str], str] = cleaner

    def verify(text: str) -> None:
        try:
            once = run(text)
        except Exception as exc:  # report what the user's cleaner raised, on which input
            raise AssertionError(f"{name} raised {exc!r} on {text!r}") from exc
        if not isinstance(once, str):
            raise AssertionError(f"{name} returned {type(once).__name__}, not str, on {text!r}")
        if idempotent and run(once) != once:
            raise AssertionError(
                f"{name} is not idempotent: on {text!r} it gave {once!r} then {run(once)!r}"
            )
        if isinstance(cleaner, Pipeline):
            explained = cleaner.explain(text)
            if explained.text != once or replay(text, explained.changes) != once:
                raise AssertionError(f"{name}: explain/replay disagree with calling it on {text!r}")
        if isinstance(cleaner, Cleaner) and apply_edits(text, cleaner.edits(text)) != once:
            raise AssertionError(f"{name}: its edits do not give its output on {text!r}")

    config = settings(
        max_examples=max_examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    try:
        config(given(HOSTILE_TEXT)(verify))()
    except AssertionError as exc:  # hypothesis has shrunk it; report just the minimal case
        raise AssertionError(str(exc)) from None
    if passages:
        for passage_name, passage in bundled_passages().items():
            if run(passage) != passage:
                raise AssertionError(f"{name} changed the clean passage {passage_name!r}")
    if large:
        big = "\n\n".join(list(bundled_passages().values()) * 200)[: 1 << 20]
        verify(big)
