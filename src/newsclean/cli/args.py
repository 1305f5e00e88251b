"""The command line: every subcommand and option, in one parser."""

from __future__ import annotations

import argparse
from pathlib import Path

from newsclean import __build__, __version__
from newsclean.engines import ENGINES
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
            "see docs/quality.md (default: off)",
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
    p_clean.add_argument(
        "-o",
        "--output",
        help="output file ('-': stdout), or directory (ending in / or existing) for one output "
        "per input; default stdout. Never an input: that is refused",
    )
    with_pipeline(p_clean)
    p_clean.add_argument(
        "--jobs",
        type=int,
        help="worker processes (output is identical to --jobs 1; default: 1); with --engine "
        "and no --address, the local cluster's workers (default there: all cores)",
    )
    p_clean.add_argument(
        "--engine",
        choices=ENGINES,
        help="clean JSONL or Parquet on a Ray or Dask cluster (pip install 'newsclean[ray]' or "
        "'newsclean[dask]'); output is identical to the serial run",
    )
    p_clean.add_argument(
        "--address",
        help="with --engine: the cluster to join (Ray: ray://host:10001 or auto; Dask: "
        "tcp://host:8786); default: start a local cluster",
    )
    p_clean.add_argument(
        "--shard-mb",
        type=float,
        default=4.0,
        help="with --engine, or --jobs on JSONL or Parquet: input per task, in MB (default: 4)",
    )
    p_clean.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="progress bar on stderr (default: when it is a terminal)",
    )
    p_clean.add_argument(
        "--stats", type=Path, help="write counts (per cleaner too) to this JSON file"
    )
    p_clean.add_argument(
        "--strict",
        action="store_true",
        help="stop at the first record that cannot be processed (exit 2)",
    )
    p_clean.add_argument(
        "--rejects",
        type=Path,
        help="write records passed through, with reasons, to this JSONL file",
    )

    p_explain = sub.add_parser("explain", help="show what each cleaner changed, and where")
    with_inputs(p_explain)
    p_explain.add_argument("--text", help="explain this string instead of reading input")
    with_pipeline(p_explain)
    p_explain.add_argument("--json", action="store_true", help="print changes as JSON")
    p_explain.add_argument(
        "--offsets",
        action="store_true",
        help="with --json: also each changed span as [clean_start, clean_end, raw_start, "
        "raw_end], to project annotations between the cleaned and the raw text",
    )
    p_explain.add_argument(
        "--limit", type=int, default=20, help="at most this many records with changes (default: 20)"
    )

    p_audit = sub.add_parser(
        "audit", help="report what each cleaner would change in a corpus, writing nothing"
    )
    with_inputs(p_audit)
    with_pipeline(p_audit)
    p_audit.add_argument("--json", action="store_true", help="print the report as JSON")
    p_audit.add_argument("--html", type=Path, help="also write a self-contained HTML report here")
    p_audit.add_argument(
        "--examples", type=int, default=3, help="examples per cleaner (default: 3)"
    )

    p_eval = sub.add_parser(
        "eval",
        help="score a profile or pipeline on labelled cases (JSONL: id, source, kind, raw, expected)",
    )
    p_eval.add_argument("cases", help="JSONL case file")
    with_pipeline(p_eval)
    p_eval.add_argument("--json", action="store_true", help="print the report as JSON")
    p_eval.add_argument(
        "--worst", type=int, default=5, help="how many worst cases to show (default: 5)"
    )
    p_eval.add_argument(
        "--baseline", type=Path, help="quality baseline: fail (exit 3) below its floors"
    )
    p_eval.add_argument(
        "--update-baseline", action="store_true", help="pin today's scores as floors"
    )
    p_eval.add_argument(
        "--allow-regression",
        action="store_true",
        help="with --update-baseline: allow lowering a floor",
    )

    p_learn = sub.add_parser(
        "learn",
        help="find the lines a source repeats across its documents (page furniture), for "
        "review and --boilerplate",
    )
    with_inputs(p_learn, "read")
    p_learn.add_argument("-o", "--output", help="phrase file to write (default: stdout)")
    p_learn.add_argument(
        "--by",
        help="field naming a record's source (default: a source, site or domain field, else "
        "the host of a url, link or ref field; else all records are one source)",
    )
    p_learn.add_argument(
        "--min-documents",
        type=int,
        default=5,
        help="a line must be in at least this many documents of its source (default 5, min 2)",
    )
    p_learn.add_argument(
        "--min-share",
        type=float,
        default=0.3,
        help="... and in at least this share of them (default 0.3)",
    )
    p_learn.add_argument(
        "--show", type=int, default=20, help="lines to show on stderr (default: 20)"
    )

    p_list = sub.add_parser(
        "list", help="list every cleaner: name, family, risk, profiles, summary"
    )
    p_list.add_argument("--markdown", action="store_true", help="as a Markdown table (for docs)")
    with_plugins(p_list)
    return parser
