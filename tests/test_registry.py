"""Every registered cleaner keeps the conventions that make it findable and trustworthy."""

from __future__ import annotations

import inspect

import pytest

import newsclean
from newsclean import Risk, get_cleaner, list_cleaners
from newsclean.cleaner import Cleaner
from newsclean.profiles import profile_names, profile_steps
from newsclean.registry import all_cleaners

BUILTIN = [c for c in all_cleaners() if c.__module__.startswith("newsclean.cleaners.")]


@pytest.mark.parametrize("made", BUILTIN, ids=lambda c: c.name)
def test_cleaner_conventions(made: Cleaner) -> None:
    assert made.name == made.find_edits.__name__, "registry key must equal the function name"
    assert isinstance(made.risk, Risk)
    assert made.summary and made.summary.endswith("."), "one-line summary ending in a full stop"
    doc = inspect.getdoc(made) or ""
    assert doc.count(">>> ") >= 1, "needs a doctest with a real before/after"
    assert "risk" in doc.lower() or "safe" in doc.lower(), "docstring must state its risk"
    params = list(inspect.signature(made.find_edits).parameters.values())
    assert params[0].name == "text"
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in params[1:]), "options keyword-only"


@pytest.mark.parametrize("made", BUILTIN, ids=lambda c: c.name)
def test_cheap_exit_on_plain_ascii(made: Cleaner) -> None:
    """A plain sentence with no trigger yields no edits."""
    assert made.edits("Troops left the town on Monday, officials said.") == []


def test_registry_is_the_only_list() -> None:
    names = [c.name for c in all_cleaners()]
    assert len(names) == len(set(names))
    for profile in profile_names():
        for step in profile_steps(profile):
            get_cleaner(step)  # every profile step is registered


def test_default_profile_is_low_risk_only() -> None:
    for name in profile_steps("default"):
        assert get_cleaner(name).risk <= Risk.LOW, name


def test_mt_profile_extends_default_in_order() -> None:
    default, mt = profile_steps("default"), profile_steps("mt")
    assert [s for s in mt if s in default] == list(default)
    assert {"fix_a_an_agreement", "drop_stray_fragments", "remove_repeated_words"} <= set(mt) - set(
        default
    )


def test_list_cleaners_reports_profiles() -> None:
    rows = {r.name: r for r in list_cleaners()}
    assert rows["fix_a_an_agreement"].profiles == ("mt",)
    assert rows["remove_minifier_placeholders"].profiles == ("default", "furniture", "mt")
    assert rows["straighten_quotes"].profiles == ()
    assert rows["fix_a_an_agreement"].risk is Risk.HIGH
    assert all(r.summary for r in rows.values())


def test_unknown_name_suggests_close_matches() -> None:
    with pytest.raises(newsclean.UnknownCleanerError, match="Did you mean 'fix_a_an_agreement'"):
        get_cleaner("fix_a_an_agrement")
    with pytest.raises(newsclean.UnknownCleanerError, match=r"unknown profile 'mtt'.*'mt'"):
        newsclean.clean("x", profile="mtt")


def test_duplicate_registration_refused() -> None:
    with pytest.raises(newsclean.ConfigError, match="already registered"):
        newsclean.register(lambda t: t, name="collapse_blank_lines")


def test_readme_table_is_current(capsys: pytest.CaptureFixture[str]) -> None:
    from pathlib import Path

    from newsclean.cli import main

    main(["list", "--markdown"])
    builtin = {f"| `{c.name}` |" for c in BUILTIN}
    rows = [r for r in capsys.readouterr().out.splitlines() if r[: r.find("` |") + 3] in builtin]
    assert len(rows) == len(BUILTIN)
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    stale = [r for r in rows if r not in readme]
    assert not stale, f"README's cleaner table is stale; paste `newsclean list --markdown`: {stale}"
