"""``newsclean eval``: scores on a case file, and the quality gate against pinned floors."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from newsclean.cli.common import EXIT_OK, EXIT_QUALITY, pipeline_from
from newsclean.cli.job import Job
from newsclean.errors import UsageError
from newsclean.io.atomic import atomic_binary_writer


# -- eval and list --------------------------------------------------------------------------------
def run_eval(args: Job) -> int:
    from newsclean import evaluate as ev

    pipeline = pipeline_from(args)
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
    # one baseline file holds floors per profile and case file (synthetic and real apart)
    used = profile or f"pipeline:{args.pipeline.name if args.pipeline else ''}"
    key = f"{used} on {Path(args.cases).name}"
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
        with atomic_binary_writer(args.baseline) as out:
            out.write((json.dumps(stored, indent=1, sort_keys=True) + "\n").encode("utf-8"))
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


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The options of `newsclean eval` of its own (the shared ones: `newsclean.cli.args`)."""
    p.add_argument("cases", help="JSONL case file")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--worst", type=int, default=5, help="how many worst cases to show (default: 5)")
    p.add_argument("--baseline", type=Path, help="quality baseline: fail (exit 3) below its floors")
    p.add_argument("--update-baseline", action="store_true", help="pin today's scores as floors")
    p.add_argument(
        "--allow-regression",
        action="store_true",
        help="with --update-baseline: allow lowering a floor",
    )
