"""The CLI's parsed arguments become one typed `Job` (newsclean.cli.job), built in one place."""

from __future__ import annotations

import argparse
import dataclasses

import pytest

from newsclean.cli.args import build_parser, parse
from newsclean.cli.job import FIELDS, Job, job_from


def _subparsers() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("no subcommands")


def test_every_option_of_every_command_is_a_job_field() -> None:
    for name, sub in _subparsers().items():
        dests = {a.dest for a in sub._actions if a.dest != "help"}
        assert dests <= FIELDS, f"{name}: {sorted(dests - FIELDS)} have no Job field"


def test_the_job_defaults_are_the_parsers_defaults() -> None:
    """A field a command does not take keeps the default the commands that take it show."""
    defaults = {f.name: f.default for f in dataclasses.fields(Job)}
    defaults["inputs"] = []
    for name, sub in _subparsers().items():
        for action in sub._actions:
            if action.dest in ("help", "inputs", "cases") or action.default is None:
                continue
            assert defaults[action.dest] == action.default, (name, action.dest)


@pytest.mark.parametrize(
    "argv",
    [
        ["clean", "a.jsonl", "-o", "out.jsonl", "--jobs", "2", "--field", "body"],
        ["explain", "--text", "al -Assad", "--json", "--offsets"],
        ["audit", "x.jsonl", "--examples", "5"],
        ["eval", "cases.jsonl", "--worst", "3"],
        ["learn", "x.jsonl", "--min-documents", "3"],
        ["list", "--markdown"],
    ],
)
def test_each_command_parses_to_a_typed_job(argv: list[str]) -> None:
    job = parse(argv)
    assert isinstance(job, Job) and job.command == argv[0]
    if argv[0] == "clean":
        assert (job.inputs, job.output, job.jobs, job.field) == (
            ["a.jsonl"],
            "out.jsonl",
            2,
            ["body"],
        )
    with pytest.raises(dataclasses.FrozenInstanceError):
        job.command = "other"  # type: ignore[misc]


def test_an_option_without_a_field_is_refused() -> None:
    with pytest.raises(TypeError, match="options without a Job field: \\['colour'\\]"):
        job_from(argparse.Namespace(command="clean", colour=True))
