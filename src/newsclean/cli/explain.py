"""``newsclean explain``: each change with its cleaner, line and an inline diff."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator

from newsclean.cli.common import (
    EXIT_OK,
    format_of,
    format_options,
    input_files,
    pipeline_from,
    records_of,
)
from newsclean.cli.job import Job
from newsclean.explain import Change, replay

_RED, _GREEN, _DIM, _RESET = "\x1b[31m", "\x1b[32m", "\x1b[2m", "\x1b[0m"


def show(text: str) -> str:
    return text.replace("\n", "⏎")  # newlines stay visible on one output line


def inline(before: str, after: str, context_left: str, context_right: str, colour: bool) -> str:
    if colour:
        return f"{_DIM}{show(context_left)}{_RESET}{_RED}{show(before)}{_RESET}{_GREEN}{show(after)}{_RESET}{_DIM}{show(context_right)}{_RESET}"
    removed = f"[-{show(before)}-]" if before else ""
    added = f"{{+{show(after)}+}}" if after else ""
    return f"{show(context_left)}{removed}{added}{show(context_right)}"


def _explain_texts(args: Job) -> Iterator[tuple[str, str, str | None]]:
    if args.text is not None:
        yield "--text", args.text, args.lang
        return
    options = format_options(args)
    for path, _ in input_files(args):
        for record in records_of(path, format_of(path, args), options):
            for field, text in record.texts.items():
                where = record.where if len(record.texts) == 1 else f"{record.where} {field}"
                yield where, text, record.lang


def run_explain(args: Job) -> int:
    pipeline = pipeline_from(args)
    colour = sys.stdout.isatty() and not args.json and "NO_COLOR" not in os.environ
    shown = 0
    rows = []
    for where, text, lang in _explain_texts(args):
        explained = pipeline.explain(text, lang=lang)
        if not explained.changes:
            continue
        shown += 1
        if args.json:
            row: dict[str, object] = {
                "where": where,
                "text": explained.text,
                "changes": [vars(c) for c in explained.changes],
            }
            if args.offsets:
                row["offsets"] = [list(s) for s in explained.offsets.replaced()]
            rows.append(row)
        else:
            print(f"{where}: {len(explained.changes)} change(s)")
            # Offsets index the text as it stood before each change's step, so the context
            # is read from that text, replayed step by step.
            current, step = text, -1
            applied: list[Change] = []
            for change in explained.changes:
                if change.step != step and applied:
                    current = replay(current, applied)
                    applied = []
                step = change.step
                applied.append(change)
                left = current[max(0, change.start - 25) : change.start]
                right = current[change.end : change.end + 25]
                line = current.count("\n", 0, change.start) + 1
                print(
                    f"  {change.cleaner:32} line {line:<4} {inline(change.before, change.after, left, right, colour)}"
                )
        if shown >= args.limit:
            break
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    elif not shown:
        print("no changes")
    return EXIT_OK


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The options of `newsclean explain` of its own (the shared ones: `newsclean.cli.args`)."""
    p.add_argument("--text", help="explain this string instead of reading input")
    p.add_argument("--json", action="store_true", help="print changes as JSON")
    p.add_argument(
        "--offsets",
        action="store_true",
        help="with --json: also each changed span as [clean_start, clean_end, raw_start, "
        "raw_end], to project annotations between the cleaned and the raw text",
    )
    p.add_argument(
        "--limit", type=int, default=20, help="at most this many records with changes (default: 20)"
    )
