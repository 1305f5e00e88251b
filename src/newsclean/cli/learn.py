"""``newsclean learn``: the lines a source repeats, as a reviewed phrase file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsclean.cli.common import (
    EXIT_OK,
    check_outputs,
    format_of,
    format_options,
    input_files,
    records_of,
)
from newsclean.cli.job import Job
from newsclean.errors import UsageError
from newsclean.io.atomic import STDOUT_NAMES, atomic_binary_writer
from newsclean.learn import LineCounts, phrase_file, source_of


def run_learn(args: Job) -> int:
    if args.min_documents < 2:
        raise UsageError(f"--min-documents must be at least 2, got {args.min_documents}")
    if not 0 < args.min_share <= 1:
        raise UsageError(f"--min-share must be in (0, 1], got {args.min_share}")
    options = format_options(args)
    inputs = input_files(args)
    if args.output not in (None, *STDOUT_NAMES):
        check_outputs([p for p, _ in inputs if p is not None], [Path(args.output)])
    counts = LineCounts()
    records = skipped = 0
    for path, _ in inputs:
        for record in records_of(path, format_of(path, args), options):
            if record.structural:
                continue
            if record.passed_through:
                skipped += 1
                continue
            records += 1
            source = source_of(record.item, args.by)
            counts.add(source, "\n".join(record.texts.values()))
    found = counts.learned(min_documents=args.min_documents, min_share=args.min_share)
    text = phrase_file(found).encode("utf-8")
    if args.output in (None, *STDOUT_NAMES):
        sys.stdout.buffer.write(text)
        sys.stdout.buffer.flush()
    else:
        with atomic_binary_writer(Path(args.output)) as out:
            out.write(text)
    sources = len(counts.documents)
    print(
        f"newsclean: {records} documents from {sources} source{'s' if sources != 1 else ''}"
        f" ({skipped} unreadable, passed over): {len(found)} repeated lines",
        file=sys.stderr,
    )
    for line in found[: args.show]:
        where = line.source or "all"
        print(
            f"  {line.documents:>6}/{line.of:<6} {where[:30]:30} {line.text[:70]}", file=sys.stderr
        )
    return EXIT_OK


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The options of `newsclean learn` of its own (the shared ones: `newsclean.cli.args`)."""
    p.add_argument("-o", "--output", help="phrase file to write (default: stdout)")
    p.add_argument(
        "--by",
        help="field naming a record's source (default: a source, site or domain field, else "
        "the host of a url, link or ref field; else all records are one source)",
    )
    p.add_argument(
        "--min-documents",
        type=int,
        default=5,
        help="a line must be in at least this many documents of its source (default 5, min 2)",
    )
    p.add_argument(
        "--min-share",
        type=float,
        default=0.3,
        help="... and in at least this share of them (default 0.3)",
    )
    p.add_argument("--show", type=int, default=20, help="lines to show on stderr (default: 20)")
