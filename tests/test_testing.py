"""newsclean.testing: its strategies drive our own repair properties, and it checks cleaners."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given

import newsclean
from newsclean import Pipeline
from newsclean.testing import KINDS, artifacts, check_cleaner, dirty_articles, kinds_for

CASES = [(profile, kind) for profile in ("default", "mt") for kind in kinds_for(profile)]


@pytest.mark.parametrize(("profile", "kind"), CASES)
def test_each_kind_is_repaired(profile: str, kind: str) -> None:
    @given(artifacts(kind, profile=profile))
    def repaired(pair: tuple[str, str]) -> None:
        dirty, expected = pair
        assert newsclean.clean(expected, profile=profile) == expected  # no damage
        assert newsclean.clean(dirty, profile=profile) == expected  # repair

    repaired()


@pytest.mark.parametrize("profile", ["default", "mt"])
@given(data=__import__("hypothesis").strategies.data())
def test_mixed_artifacts_are_repaired(profile: str, data: object) -> None:
    dirty, expected = data.draw(dirty_articles(profile=profile))  # type: ignore[attr-defined]
    cleaned = newsclean.clean(dirty, profile=profile)
    assert cleaned == expected
    assert newsclean.clean(cleaned, profile=profile) == cleaned


def test_every_kind_belongs_to_a_profile() -> None:
    assert set(KINDS) == set(kinds_for("default")) | set(kinds_for("mt"))


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: dirty_articles(kinds=["a_an_slip"]),
            "repaired only by profile\\(s\\) mt, not 'default'",
        ),
        (lambda: dirty_articles(kinds=["nope"]), "unknown artifact kind 'nope'"),
        (lambda: dirty_articles(kinds="mojibake"), "not the string 'mojibake'"),
        (lambda: dirty_articles(profile="fr"), "profile must be one of default, furniture, mt"),
        (lambda: dirty_articles(max_kinds=0), "max_kinds must be"),
        (lambda: check_cleaner(len, max_examples=0), "max_examples must be"),
    ],
)
def test_arguments_checked_eagerly(call: object, message: str) -> None:
    with pytest.raises((ValueError, TypeError), match=message):
        call()  # type: ignore[operator]


def test_check_cleaner_passes_good_and_names_bad() -> None:
    check_cleaner(Pipeline.from_profile("mt"), max_examples=30)
    check_cleaner(newsclean.get_cleaner("join_spaced_hyphens"), max_examples=30)
    with pytest.raises(AssertionError, match="changed the clean passage"):
        check_cleaner(lambda t: t.replace(" the ", " teh "), max_examples=5)
    with pytest.raises(AssertionError, match="raised ValueError"):
        check_cleaner(lambda t: t if "\x00" not in t else int("x"), max_examples=300)


def test_importing_newsclean_does_not_import_hypothesis() -> None:
    code = "import sys, newsclean; newsclean.clean('x'); print('hypothesis' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_readme_example_runs(tmp_path: Path) -> None:
    """The property-testing example (docs/extending.md) is a complete test file that passes."""
    readme = (Path(__file__).resolve().parent.parent / "docs" / "extending.md").read_text("utf-8")
    section = readme.split("## Property-testing your own cleaners", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert code is not None
    (tmp_path / "test_readme_example.py").write_text(code.group(1), encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_readme_example.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stdout[-2000:]
    assert "3 passed" in out.stdout
