"""The command line's parser: the subcommands, and the options several of them share.

Each command declares its own options (``add_arguments`` in its module); `parse` turns what
argparse read into the typed `Job` (`newsclean.cli.job`) that the commands run on.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from newsclean import __build__, __version__
from newsclean.cli import audit, clean, evaluate, explain, learn, listing
from newsclean.cli.job import Job, job_from
from newsclean.io import (
    FORMATS,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsclean",
        description="Clean the dirty text of scraped and machine-translated news.",
        epilog="Exit status: 0 ok, 1 internal error, 2 usage or input error, 3 quality gate "
        "failed, 4 records passed through unchanged, 130 interrupted.",
    )
    scan = (
        "compiled scan"
        if __build__ == "compiled"
        else "pure-Python scan: slower, no C compiler at install"
    )
    parser.add_argument("--version", action="version", version=f"newsclean {__version__} ({scan})")
    sub = parser.add_subparsers(dest="command", required=True)

    def with_plugins(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--plugin",
            action="append",
            metavar="MODULE",
            help="import a module (name or .py path) that registers cleaners, so a pipeline "
            "can name them; installed plugins' entry points need no flag (repeatable)",
        )

    def with_pipeline(p: argparse.ArgumentParser) -> None:
        with_plugins(p)
        group = p.add_mutually_exclusive_group()
        group.add_argument(
            "--profile",
            default="default",
            help="shipped profile: default, mt or furniture (default: default)",
        )
        group.add_argument(
            "--pipeline",
            type=Path,
            help="pipeline TOML file (trusted like code: its plugins are imported)",
        )
        p.add_argument(
            "--trust-plugins",
            action="store_true",
            help="let --pipeline load .py plugin files it names (default: only installed "
            "modules and files given with --plugin)",
        )
        p.add_argument(
            "--boilerplate",
            type=Path,
            action="append",
            help="phrase file (one line each, as `newsclean learn` writes) whose lines "
            "drop_boilerplate_lines drops too (repeatable)",
        )
        p.add_argument(
            "--furniture",
            choices=("off", "confident", "more"),
            default="off",
            help="also drop the lines the furniture model scores as page furniture: "
            "'confident' (held-out article loss about 0.3 %%) or 'more' (about 1 %%); "
            "see docs/furniture.md (default: off)",
        )

    def with_inputs(p: argparse.ArgumentParser, verb: str = "clean") -> None:
        p.add_argument("inputs", nargs="*", help="files or directories ('-' or nothing: stdin)")
        p.add_argument(
            "--format",
            choices=sorted(FORMATS),
            help="input format (default: by extension, then content)",
        )
        p.add_argument(
            "--field",
            action="append",
            help=f"JSON field to {verb}, dotted for nested (repeatable; default: text)",
        )
        p.add_argument(
            "--column",
            default="text",
            help=f"CSV/TSV column to {verb}: header name or 0-based index (default: text)",
        )
        p.add_argument(
            "--lang",
            help="the language of records without their own (ISO 639-1, e.g. en, fr); "
            "default: detected per record",
        )
        p.add_argument(
            "--lang-field",
            default="lang",
            help="JSON/Parquet field holding a record's language (default: lang)",
        )
        p.add_argument(
            "--glob",
            help="files to take from directories (default: files of the known formats, "
            "compressed or not)",
        )
        p.add_argument(
            "--encoding",
            help="the inputs' text encoding when it is not UTF-8 (e.g. cp1252, latin-1, "
            "shift_jis); output is UTF-8. A UTF-16/32 byte order mark needs no flag",
        )
        p.add_argument(
            "--errors",
            choices=("passthrough", "replace"),
            default="passthrough",
            help="bytes that do not decode: pass their record through unchanged and report it, "
            "or decode them as U+FFFD and clean the record (default: passthrough)",
        )
        html = p.add_argument_group("HTML pages and feed items")
        html.add_argument(
            "--extractor",
            choices=("trafilatura", "render"),
            default="trafilatura",
            help="HTML pages: trafilatura finds the article (pip install 'newsclean[html]'); "
            "render keeps every visible text node (default: trafilatura)",
        )
        html.add_argument(
            "--html-comments", action="store_true", help="keep readers' comments under articles"
        )
        html.add_argument(
            "--no-html-tables", action="store_true", help="leave out the text of tables"
        )
        html.add_argument("--html-links", action="store_true", help="write links as [text](url)")
        html.add_argument(
            "--no-alt-text",
            action="store_true",
            help="rendered HTML (feed items, --extractor render): leave out image alt text",
        )

    p_clean = sub.add_parser("clean", help="clean records and write them in their format")
    with_inputs(p_clean)
    with_pipeline(p_clean)
    clean.add_arguments(p_clean)
    p_explain = sub.add_parser("explain", help="show what each cleaner changed, and where")
    with_inputs(p_explain)
    with_pipeline(p_explain)
    explain.add_arguments(p_explain)
    p_audit = sub.add_parser(
        "audit", help="report what each cleaner would change in a corpus, writing nothing"
    )
    with_inputs(p_audit)
    with_pipeline(p_audit)
    audit.add_arguments(p_audit)
    p_eval = sub.add_parser(
        "eval",
        help="score a profile or pipeline on labelled cases (JSONL: id, source, kind, raw, expected)",
    )
    evaluate.add_arguments(p_eval)
    with_pipeline(p_eval)
    p_learn = sub.add_parser(
        "learn",
        help="find the lines a source repeats across its documents (page furniture), for "
        "review and --boilerplate",
    )
    with_inputs(p_learn, "read")
    learn.add_arguments(p_learn)
    p_list = sub.add_parser(
        "list", help="list every cleaner: name, family, risk, profiles, summary"
    )
    listing.add_arguments(p_list)
    with_plugins(p_list)
    return parser


def parse(argv: Sequence[str] | None = None) -> Job:
    """The job ``argv`` asks for (argparse exits 2 with its usage line on a mistake)."""
    return job_from(build_parser().parse_args(argv))
