"""``newsclean audit``: what is dirty in a feed, as text, JSON or an HTML report."""

from __future__ import annotations

import argparse
import html
import json
import sys
from pathlib import Path
from typing import Any

from newsclean.cli.common import (
    EXIT_OK,
    check_outputs,
    format_of,
    format_options,
    input_files,
    pipeline_from,
    records_of,
)
from newsclean.cli.job import Job
from newsclean.io.atomic import atomic_binary_writer
from newsclean.stats import CleanerCounts, Stats


def run_audit(args: Job) -> int:
    pipeline = pipeline_from(args)
    options = format_options(args)
    if args.html is not None:
        check_outputs([p for p, _ in input_files(args) if p is not None], [args.html])
    stats = Stats()
    examples: dict[str, list[dict[str, str]]] = {}
    for path, _ in input_files(args):
        fmt = format_of(path, args)
        for record in records_of(path, fmt, options):
            if record.structural or record.passed_through:
                stats.records += not record.structural
                stats.passed_through += record.passed_through
                continue
            stats.records += 1
            changed = False
            for text in record.texts.values():
                stats.bytes_in += len(text.encode("utf-8", "surrogatepass"))
                explained = pipeline.explain(text, lang=record.lang)
                for change in explained.changes:
                    changed = True
                    counts = stats.cleaners.setdefault(change.cleaner, CleanerCounts())
                    counts.spans += 1
                    counts.chars += len(change.before) + len(change.after)
                    bucket = examples.setdefault(change.cleaner, [])
                    if len(bucket) < args.examples and not any(
                        e["where"] == record.where for e in bucket
                    ):
                        bucket.append(
                            {
                                "where": record.where,
                                "before": change.before[:300],
                                "after": change.after[:300],
                            }
                        )
                for name in {c.cleaner for c in explained.changes}:
                    stats.cleaners[name].documents += 1
            stats.changed += changed
            stats.unchanged += not changed
    report: dict[str, Any] = {
        "records": stats.records,
        "changed": stats.changed,
        "passed_through": stats.passed_through,
        "bytes": stats.bytes_in,
        "cleaners": {
            k: {**vars(v), "examples": examples.get(k, [])}
            for k, v in sorted(stats.cleaners.items(), key=lambda kv: -kv[1].documents)
        },
    }
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        print(
            f"{stats.records} records, {stats.changed} would change, {stats.passed_through} cannot be processed"
        )
        print(f"  {'cleaner':34} {'documents':>9} {'share':>6} {'spans':>7} {'chars':>8}")
        for name, row in report["cleaners"].items():
            share = row["documents"] / stats.records if stats.records else 0
            print(
                f"  {name:34} {row['documents']:9} {share:6.1%} {row['spans']:7} {row['chars']:8}"
            )
            for example in row["examples"]:
                print(
                    f"      {example['where']}: {example['before'][:60]!r} -> {example['after'][:60]!r}"
                )
    if args.html:
        with atomic_binary_writer(args.html) as out:
            out.write(_audit_html(report).encode("utf-8"))
        print(f"newsclean: wrote {args.html}", file=sys.stderr)
    return EXIT_OK


def _audit_html(report: dict[str, Any]) -> str:
    """A self-contained page: totals, a bar per cleaner (share of records), and examples."""
    records = report["records"] or 1
    rows = []
    for name, row in report["cleaners"].items():
        share = row["documents"] / records
        examples = "".join(
            f"<li><code>{html.escape(e['where'])}</code>: <del>{html.escape(e['before'])}</del> → <ins>{html.escape(e['after'])}</ins></li>"
            for e in row["examples"]
        )
        rows.append(
            f"<tr><td><code>{html.escape(name)}</code></td><td class=n>{row['documents']}</td>"
            f"<td><div class=bar style='width:{share * 100:.1f}%'></div>{share:.1%}</td>"
            f"<td class=n>{row['spans']}</td><td class=n>{row['chars']}</td></tr>"
            f"<tr class=ex><td colspan=5><ul>{examples}</ul></td></tr>"
        )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>newsclean audit</title>
<style>
body{{font:14px/1.4 system-ui,sans-serif;margin:2em;max-width:70em}} table{{border-collapse:collapse;width:100%}}
td,th{{padding:.3em .6em;border-bottom:1px solid #ddd;text-align:left}} .n{{text-align:right}}
.bar{{display:inline-block;height:.9em;background:#4a7;margin-right:.5em;vertical-align:middle}}
.ex td{{border:0;font-size:12px;color:#444}} del{{background:#fdd}} ins{{background:#dfd;text-decoration:none}}
</style></head><body>
<h1>newsclean audit</h1>
<p><b>{report["records"]}</b> records, <b>{report["changed"]}</b> would change, <b>{report["passed_through"]}</b> cannot be processed, {report["bytes"] / 1e6:.2f} MB.</p>
<table><tr><th>cleaner</th><th class=n>records</th><th>share of records</th><th class=n>spans</th><th class=n>chars</th></tr>
{"".join(rows)}
</table></body></html>
"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The options of `newsclean audit` of its own (the shared ones: `newsclean.cli.args`)."""
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--html", type=Path, help="also write a self-contained HTML report here")
    p.add_argument("--examples", type=int, default=3, help="examples per cleaner (default: 3)")
