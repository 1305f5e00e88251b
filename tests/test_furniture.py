"""The furniture model (drop_scored_furniture): real extractor output, real negatives, knobs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import newsclean
from newsclean.cleaners.furniture import drop_scored_furniture, kept_as_article, model
from newsclean.errors import ConfigError

DATA = Path(__file__).parent / "data"
CASES = json.loads((DATA / "furniture" / "benchmark_cases.json").read_text("utf-8"))


def _lines(case: dict[str, object], level: str) -> tuple[list[str], list[str]]:
    """(furniture lines dropped, article lines dropped) at ``level``."""
    text = str(case["text"])
    kept = set(drop_scored_furniture(text, level=level).split("\n"))  # type: ignore[arg-type]
    shares = case["article_share"]
    assert isinstance(shares, list)
    gone = [(line, a) for line, a in zip(text.split("\n"), shares, strict=True) if a is not None]
    return (
        [line for line, a in gone if a == 0 and line not in kept],
        [line for line, a in gone if a >= 0.5 and line not in kept],
    )


@pytest.mark.parametrize("level", ["confident", "more"])
def test_no_article_line_of_real_extractor_output_is_dropped(level: str) -> None:
    lost = [line for case in CASES for line in _lines(case, level)[1]]
    assert not lost, lost


def test_real_furniture_lines_go() -> None:
    """Bylines, datelines, comment and newsletter prompts of real extractor output: a floor
    (13 of the 47 furniture lines at the confident level when the model was made)."""
    dropped = [line for case in CASES for line in _lines(case, "confident")[0]]
    assert len(dropped) >= 10, dropped
    more = [line for case in CASES for line in _lines(case, "more")[0]]
    assert set(dropped) <= set(more)


def test_levels_are_ordered_and_only_the_furniture_profile_runs_it() -> None:
    thresholds = model()["thresholds"]
    assert 0.5 < thresholds["more"] < thresholds["confident"] < 1

    def names(profile: str) -> list[str]:
        return [step.name for step in newsclean.Pipeline.from_profile(profile).steps]

    assert "drop_scored_furniture" in names("furniture")
    assert "drop_scored_furniture" not in names("default") + names("mt")
    assert [n for n in names("furniture") if n != "drop_scored_furniture"] == names("default")


def test_code_tables_and_long_sentences_are_never_scored() -> None:
    text = (
        "Share this\n\nComments\n\n>>> numbers[:] = [n for n in numbers if not odd(n)]\n\n"
        "| Team | Points |\n\n...\n\nThe committee said on Friday that it would publish the "
        "full report next month.\n\nSign up for our newsletter"
    )
    kept = drop_scored_furniture(text, threshold=0.0)
    for line in text.split("\n"):
        if line and kept_as_article(line):
            assert line in kept.split("\n"), line
    assert "Share this" not in kept


def test_short_texts_are_left_alone() -> None:
    text = "Comments\n\nShare this"
    assert drop_scored_furniture(text, threshold=0.0) == text


def test_an_unknown_level_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="one of 'confident', 'more'"):
        newsclean.Pipeline([{"name": "drop_scored_furniture", "level": "all"}])


def test_cli_furniture_flag(tmp_path: Path) -> None:
    """--furniture adds the model to the profile: what it drops beyond the default is the
    case's furniture (as the furniture profile drops it)."""
    case = next(
        c
        for c in CASES
        if newsclean.clean(str(c["text"]), profile="furniture") != newsclean.clean(str(c["text"]))
    )
    src = tmp_path / "page.txt"
    src.write_text(str(case["text"]), encoding="utf-8")
    run = [sys.executable, "-m", "newsclean", "clean", str(src), "--no-progress"]
    plain = subprocess.run(run, capture_output=True, text=True, check=True).stdout
    scored = subprocess.run(
        [*run, "--furniture", "confident"], capture_output=True, text=True, check=True
    ).stdout
    assert scored == newsclean.clean(str(case["text"]), profile="furniture")
    gone = set(plain.split("\n")) - set(scored.split("\n"))
    assert gone and gone <= set(_lines(case, "confident")[0]), gone
    bad = subprocess.run([*run, "--furniture", "all"], capture_output=True, text=True)
    assert bad.returncode == 2 and "invalid choice" in bad.stderr


def test_every_drop_comes_with_its_score_and_evidence() -> None:
    from newsclean.cleaners.furniture import line_evidence

    threshold = model()["thresholds"]["confident"]
    for case in CASES:
        dropped = set(_lines(case, "confident")[0])
        for line, p, why in line_evidence(str(case["text"])):
            if line in dropped:
                assert p is not None and p >= threshold and why, line
