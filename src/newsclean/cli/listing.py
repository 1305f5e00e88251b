"""``newsclean list``: every registered cleaner, as text or a Markdown table."""

from __future__ import annotations

import argparse

from newsclean.cli.common import EXIT_OK
from newsclean.registry import list_cleaners


def run_list(markdown: bool) -> int:
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


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The options of `newsclean list` of its own (the shared ones: `newsclean.cli.args`)."""
    p.add_argument("--markdown", action="store_true", help="as a Markdown table (for docs)")
