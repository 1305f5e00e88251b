"""Pipelines as data: building, options, TOML and dict round-trips, errors, user cleaners."""

from __future__ import annotations

from pathlib import Path

import pytest

import newsclean
from newsclean import ConfigError, Pipeline, Risk


@pytest.mark.parametrize("profile", ["default", "mt"])
def test_profile_round_trips_through_toml_and_dict(profile: str) -> None:
    pipeline = Pipeline.from_profile(profile)
    assert Pipeline.from_toml(pipeline.to_toml()) == pipeline
    assert Pipeline.from_dict(pipeline.to_dict()) == pipeline


def test_options_round_trip(tmp_path: Path) -> None:
    pipeline = Pipeline(
        [
            "join_spaced_hyphens",
            (
                "apply_glossary",
                {"terms": {"Serious climbing": "Serious escalation", 'a "b"': "c\\d"}},
            ),
            {"name": "drop_boilerplate_lines", "extra": ["Promoted stories"]},
            ("drop_caption_blocks", {"keep_credited": True}),
        ]
    )
    path = tmp_path / "p.toml"
    path.write_text(pipeline.to_toml(), encoding="utf-8")
    again = Pipeline.from_toml(path)
    assert again == pipeline
    assert again("Serious climbing\nPromoted stories") == "Serious escalation"


def test_repr_lists_steps() -> None:
    pipeline = Pipeline(["join_spaced_hyphens", ("drop_caption_blocks", {"keep_credited": True})])
    assert (
        repr(pipeline)
        == "Pipeline(['join_spaced_hyphens', ('drop_caption_blocks', {'keep_credited': True})])"
    )


def test_plain_function_runs_and_explains_but_refuses_toml() -> None:
    def shout_idlib(text: str) -> str:
        return text.replace("Idlib", "IDLIB")

    pipeline = Pipeline([shout_idlib, "join_spaced_hyphens"])
    assert pipeline("al -Assad in Idlib") == "al-Assad in IDLIB"
    explained = pipeline.explain("al -Assad in Idlib")
    assert [c.cleaner for c in explained.changes] == ["shout_idlib", "join_spaced_hyphens"]
    assert newsclean.replay("al -Assad in Idlib", explained.changes) == explained.text
    with pytest.raises(ConfigError, match=r"step 0 \('shout_idlib'\).*newsclean.register"):
        pipeline.to_toml()


def test_registered_function_serialises_by_name() -> None:
    @newsclean.register(risk=Risk.LOW, family="custom")
    def expand_mod(text: str) -> str:
        """Expand 'MoD' to the ministry's name."""
        return text.replace("MoD", "Ministry of Defence")

    pipeline = Pipeline([expand_mod])
    assert pipeline.to_dict() == {"steps": ["expand_mod"]}
    assert Pipeline.from_toml(pipeline.to_toml())("the MoD said") == "the Ministry of Defence said"
    row = next(r for r in newsclean.list_cleaners() if r.name == "expand_mod")
    assert (row.family, row.risk, row.summary) == (
        "custom",
        Risk.LOW,
        "Expand 'MoD' to the ministry's name.",
    )


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        (
            'steps = [\n  "join_spaced_hyphens",\n  "fix_a_an",\n]\n',
            r"pipeline TOML:3: unknown cleaner 'fix_a_an'\. Did you mean",
        ),
        ("steps = [\n  'join_spaced_hyphens',,\n]\n", r"malformed TOML: .*line 2"),
        (
            'steps = [\n  { name = "drop_caption_blocks", keep = true },\n]\n',
            r":2: cleaner 'drop_caption_blocks' has no option 'keep' \(valid options: keep_credited\)",
        ),
        (
            'steps = [{ name = "drop_caption_blocks", keep_credited = "yes" }]\n',
            r"option 'keep_credited' of 'drop_caption_blocks' must be bool \(got 'yes', a str\)",
        ),
        ('stepz = ["join_spaced_hyphens"]\n', r"unknown pipeline key 'stepz'"),
        ('steps = "join_spaced_hyphens"\n', r"needs 'steps = \[...\]'"),
    ],
)
def test_malformed_toml_names_the_line(toml: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Pipeline.from_toml(toml)


def test_missing_pipeline_file() -> None:
    with pytest.raises(ConfigError, match=r"nowhere\.toml: pipeline file not found"):
        Pipeline.from_toml(Path("nowhere.toml"))


def test_bad_steps() -> None:
    with pytest.raises(ConfigError, match="takes a list of steps"):
        Pipeline("default")  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match="a pipeline step must be"):
        Pipeline([42])  # type: ignore[list-item]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (None, r"clean\(\) expects text as str, got None \(a NoneType\)"),
        (b"Idlib", r"got bytes of length 5; decode it first"),
        (3.5, r"got 3.5 \(a float\)"),
    ],
)
def test_wrong_type_is_a_clear_type_error(value: object, message: str) -> None:
    with pytest.raises(TypeError, match=message):
        newsclean.clean(value)  # type: ignore[arg-type]


def test_cleaner_called_directly() -> None:
    from newsclean.cleaners.detokenize import join_spaced_hyphens

    assert join_spaced_hyphens("al -Assad") == "al-Assad"
    with pytest.raises(TypeError, match="join_spaced_hyphens"):
        join_spaced_hyphens(None)  # type: ignore[arg-type]


def test_replay_refuses_foreign_text() -> None:
    changes = newsclean.explain("Bashar al -Assad").changes
    with pytest.raises(newsclean.ReplayError, match="join_spaced_hyphens"):
        newsclean.replay("xxxxxxxxxxxxxxxx", changes)


def test_glossary_file_loading(tmp_path: Path) -> None:
    toml = tmp_path / "g.toml"
    toml.write_text('[terms]\n"Serious climbing" = "Serious escalation"\n', encoding="utf-8")
    assert newsclean.load_glossary(toml) == {"Serious climbing": "Serious escalation"}
    bad = tmp_path / "g.csv"
    bad.write_text("wrong,right\nonly-one-column\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"g.csv:2: expected two columns"):
        newsclean.load_glossary(bad)
