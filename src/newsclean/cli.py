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

EXIT_OK, EXIT_INTERNAL, EXIT_USAGE = 0, 1, 2


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
        return _list(args.markdown)
    except (UsageError, NewscleanError) as exc:
        print(f"newsclean: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # `newsclean clean big.txt | head` is not an error
        return EXIT_OK
