"""The job: what the user asked for, parsed and typed in one place.

argparse hands back a namespace whose attributes nobody checks; `job_from` turns it into a
`Job`, and every command reads its options from that, so a misspelt or retyped option is a
type error (mypy) and an option the parser has but the job lacks fails a test
(`tests/test_cli_job.py`). Each command declares its own options (``add_arguments`` in its
module); the options several commands share are declared once in `newsclean.cli.args`.
"""

from __future__ import annotations

import argparse
import dataclasses
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Job:
    """One command with its options; a field a command does not take keeps its default."""

    command: str
    # plugins and the pipeline (clean, explain, audit, eval; list takes plugins)
    plugin: list[str] | None = None
    profile: str = "default"
    pipeline: Path | None = None
    trust_plugins: bool = False
    boilerplate: list[Path] | None = None
    furniture: str = "off"
    # inputs (clean, explain, audit, learn)
    inputs: list[str] = dataclasses.field(default_factory=list)
    format: str | None = None
    field: list[str] | None = None
    column: str = "text"
    lang: str | None = None
    lang_field: str = "lang"
    glob: str | None = None
    encoding: str | None = None
    errors: str = "passthrough"
    extractor: str = "trafilatura"
    html_comments: bool = False
    no_html_tables: bool = False
    html_links: bool = False
    no_alt_text: bool = False
    # clean (learn takes output too)
    output: str | None = None
    jobs: int | None = None
    engine: str | None = None
    address: str | None = None
    shard_mb: float = 4.0
    progress: bool | None = None
    stats: Path | None = None
    strict: bool = False
    rejects: Path | None = None
    # explain (json: audit and eval too)
    text: str | None = None
    json: bool = False
    offsets: bool = False
    limit: int = 20
    # audit
    html: Path | None = None
    examples: int = 3
    # eval
    cases: str = ""
    worst: int = 5
    baseline: Path | None = None
    update_baseline: bool = False
    allow_regression: bool = False
    # learn
    by: str | None = None
    min_documents: int = 5
    min_share: float = 0.3
    show: int = 20
    # list
    markdown: bool = False


FIELDS = frozenset(f.name for f in dataclasses.fields(Job))


def job_from(args: argparse.Namespace) -> Job:
    """The job the parsed arguments describe; an option the job has no field for is a bug
    here, not a silently ignored flag."""
    given = vars(args)
    unknown = set(given) - FIELDS
    if unknown:
        raise TypeError(f"options without a Job field: {sorted(unknown)}")
    return Job(**given)
