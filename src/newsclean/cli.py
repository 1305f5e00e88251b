"""The ``newsclean`` command: clean text files, explain the changes, list the cleaners.

User mistakes (a missing file, undecodable bytes, an unknown profile or cleaner, a malformed
pipeline) print one line ``newsclean: what: why`` and exit with status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from newsclean import __version__
from newsclean.errors import NewscleanError
from newsclean.pipeline import Pipeline
from newsclean.registry import list_cleaners

EXIT_OK, EXIT_INTERNAL, EXIT_USAGE, EXIT_QUALITY = 0, 1, 2, 3


class UsageError(Exception):
    """A mistake in how the command was called or in what it was given."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsclean",
        description="Clean the dirty text of scraped and machine-translated news.",
    )
    parser.add_argument("--version", action="version", version=f"newsclean {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    def with_pipeline(p: argparse.ArgumentParser) -> None:
        group = p.add_mutually_exclusive_group()
        group.add_argument("--profile", default="default", help="shipped profile (default, mt)")
        group.add_argument("--pipeline", type=Path, help="pipeline TOML file")

    p_clean = sub.add_parser("clean", help="print the cleaned text of files ('-' for stdin)")
    p_clean.add_argument("inputs", nargs="+", help="text files, one document each")
    with_pipeline(p_clean)

    p_explain = sub.add_parser("explain", help="show what each cleaner changed, and where")
    source = p_explain.add_mutually_exclusive_group(required=True)
    source.add_argument("input", nargs="?", help="a text file ('-' for stdin)")
    source.add_argument("--text", help="explain this string instead of a file")
    with_pipeline(p_explain)

    p_eval = sub.add_parser(
        "eval",
        help="score a profile or pipeline on labelled cases (JSONL: id, source, kind, raw, expected)",
    )
    p_eval.add_argument("cases", help="JSONL case file")
    with_pipeline(p_eval)
    p_eval.add_argument("--json", action="store_true", help="print the report as JSON")
    p_eval.add_argument("--worst", type=int, default=5, help="how many worst cases to show")
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

    p_list = sub.add_parser(
        "list", help="list every cleaner: name, family, risk, profiles, summary"
    )
    p_list.add_argument("--markdown", action="store_true", help="as a Markdown table (for docs)")
    return parser


def _pipeline(args: argparse.Namespace) -> Pipeline:
    if args.pipeline is not None:
        return Pipeline.from_toml(args.pipeline)
    return Pipeline.from_profile(args.profile)


def _read(name: str) -> str:
    if name == "-":
        data = sys.stdin.buffer.read()
        where = "<stdin>"
    else:
        path = Path(name)
        where = name
        if path.is_dir():
            raise UsageError(f"{name}: is a directory; give the text files in it")
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise UsageError(f"{name}: no such file") from None
        except OSError as exc:
            raise UsageError(f"{name}: cannot read ({exc.strerror})") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise UsageError(
            f"{where}:{line}: not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "convert it first, e.g. iconv -f latin1 -t utf-8"
        ) from None


def _clean(args: argparse.Namespace) -> int:
    pipeline = _pipeline(args)
    texts = [_read(name) for name in args.inputs]  # read all first: fail before any output
    for number, text in enumerate(texts):
        if number:
            sys.stdout.write("\n")
        cleaned = pipeline(text)
        sys.stdout.write(cleaned if cleaned.endswith("\n") else cleaned + "\n")
    return EXIT_OK


def _explain(args: argparse.Namespace) -> int:
    pipeline = _pipeline(args)
    text = args.text if args.text is not None else _read(args.input)
    explained = pipeline.explain(text)
    for change in explained.changes:
        print(
            f"{change.cleaner:32} {change.start:>6}:{change.end:<6} {change.before!r} -> {change.after!r}"
        )
    print(f"{len(explained.changes)} change(s)")
    return EXIT_OK


def _eval(args: argparse.Namespace) -> int:
    import json

    from newsclean import evaluate as ev

    pipeline = _pipeline(args)
    profile = None if args.pipeline is not None else args.profile
    cases = ev.applicable(ev.load_cases(args.cases), profile)
    if not cases:
        raise UsageError(
            f"{args.cases}: no cases apply to {'profile ' + str(profile) if profile else 'this pipeline'}"
        )
    report = ev.evaluate(cases, pipeline, worst=args.worst)
    title = f"profile {profile}" if profile else f"pipeline {args.pipeline}"
    print(json.dumps(report.as_dict(), indent=1) if args.json else ev.format_report(report, title))
    if args.baseline is None:
        return EXIT_OK
    key = profile or f"pipeline:{args.pipeline.name}"
    try:
        stored = (
            json.loads(args.baseline.read_text(encoding="utf-8")) if args.baseline.exists() else {}
        )
    except (OSError, json.JSONDecodeError) as exc:
        raise UsageError(f"{args.baseline}: not a readable baseline ({exc})") from None
    corpus_digest = ev.digest(args.cases)
    if args.update_baseline:
        new, lowered = ev.updated_baseline(
            report, stored.get(key), corpus_digest, allow_regression=args.allow_regression
        )
        if lowered:
            print(
                f"newsclean: not lowering floors without --allow-regression: {'; '.join(lowered)}",
                file=sys.stderr,
            )
            return EXIT_QUALITY
        stored[key] = new
        args.baseline.write_text(
            json.dumps(stored, indent=1, sort_keys=True) + "\n", encoding="utf-8"
        )
        print(f"pinned {len(new['floors'])} floors for {key} in {args.baseline}", file=sys.stderr)
        return EXIT_OK
    if key not in stored:
        raise UsageError(f"{args.baseline}: no floors for {key}; pin them with --update-baseline")
    problems = ev.compare(report, stored[key], corpus_digest)
    if problems:
        print(f"newsclean: quality gate failed for {key}:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return EXIT_QUALITY
    print(
        f"quality gate passed for {key}: {len(stored[key]['floors'])} floors held", file=sys.stderr
    )
    return EXIT_OK


def _list(markdown: bool) -> int:
    rows = list_cleaners()
    if markdown:
        print("| cleaner | family | risk | profiles | what it does |")
        print("| --- | --- | --- | --- | --- |")
        for r in rows:
            summary = r.summary.replace("|", "\\|")
            print(
                f"| `{r.name}` | {r.family} | {r.risk} | {', '.join(r.profiles) or '-'} | {summary} |"
            )
        return EXIT_OK
    width = max(len(r.name) for r in rows)
    for r in rows:
        profiles = ",".join(r.profiles) or "-"
        print(f"{r.name:{width}}  {r.family:10}  {r.risk!s:6}  {profiles:10}  {r.summary}")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "clean":
            return _clean(args)
        if args.command == "explain":
            return _explain(args)
        if args.command == "eval":
            return _eval(args)
        return _list(args.markdown)
    except (UsageError, NewscleanError) as exc:
        print(f"newsclean: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # `newsclean clean big.txt | head` is not an error
        return EXIT_OK
