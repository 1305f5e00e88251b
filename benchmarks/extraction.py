"""Article extraction from real news pages: newsclean's HTML path against trafilatura, one run.

Scores with the formula of scrapinghub/article-extraction-benchmark (its ground truth is the
hand-checked article body of each page): 4-gram shingles of ``\\w+`` tokens; per page, true
positives, false positives and false negatives are counted over shingle multisets and
normalised to sum to 1; precision and recall are averaged over pages, and F1 is taken of the
two means.

Systems, on the same pages in the same process:

- ``newsclean clean page.html.gz``: the CLI's HTML path (extraction, then the default profile),
  run as a user runs it;
- ``trafilatura.extract``: trafilatura alone (``include_comments=False``);
- ``render``: newsclean's faithful renderer of every visible text node (``html_to_text``),
  which is meant for feed items and fragments, not for pages.

    python benchmarks/extraction.py                       # ../shared/pages
    python benchmarks/extraction.py --pages DIR --json out.json

DIR holds ``ground-truth.json`` ({id: {"url", "articleBody"}}) and ``html/<id>.html.gz``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

_TOKEN_RE = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN_RE.findall(text)
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)))


def page_scores(expected: str, got: str) -> tuple[float, float]:
    """Precision and recall of one page (the benchmark's conventions for empty sides)."""
    want, have = shingles(expected), shingles(got)
    tp = sum(min(count, have[key]) for key, count in want.items())
    fp = sum(max(0, count - want[key]) for key, count in have.items())
    fn = sum(max(0, count - have[key]) for key, count in want.items())
    total = tp + fp + fn
    if total == 0:
        return 1.0, 1.0
    tp_, fp_, fn_ = tp / total, fp / total, fn / total
    precision = tp_ / (tp_ + fp_) if tp_ + fp_ else 0.0
    recall = tp_ / (tp_ + fn_) if tp_ + fn_ else 0.0
    return precision, recall


def score(expected: dict[str, str], got: dict[str, str]) -> dict[str, float]:
    pairs = [page_scores(expected[key], got.get(key, "")) for key in expected]
    precision = sum(p for p, _ in pairs) / len(pairs)
    recall = sum(r for _, r in pairs) / len(pairs)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"f1": round(f1, 4), "precision": round(precision, 4), "recall": round(recall, 4)}


def run_cli(pages: Path, ids: list[str]) -> dict[str, str]:
    """`newsclean clean DIR -o OUT/`: one text file per page, as a user would run it."""
    with tempfile.TemporaryDirectory() as out:
        subprocess.run(
            [sys.executable, "-m", "newsclean", "clean", str(pages / "html"), "-o", out + "/"],
            check=True,
        )
        return {key: (Path(out) / f"{key}.txt").read_text(encoding="utf-8") for key in ids}


def run_function(pages: Path, ids: list[str], extract: Callable[[bytes], str]) -> dict[str, str]:
    return {
        key: extract(gzip.decompress((pages / "html" / f"{key}.html.gz").read_bytes()))
        for key in ids
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--pages", type=Path, default=Path("../shared/pages"))
    parser.add_argument("--json", type=Path, help="write the scores here too")
    args = parser.parse_args(argv)

    truth = json.loads((args.pages / "ground-truth.json").read_text(encoding="utf-8"))
    expected = {key: entry["articleBody"] for key, entry in truth.items()}
    ids = sorted(expected)

    import trafilatura

    from newsclean.io.html import html_to_text

    results = {
        "newsclean clean page.html.gz": score(expected, run_cli(args.pages, ids)),
        "trafilatura.extract": score(
            expected,
            run_function(
                args.pages,
                ids,
                lambda html: trafilatura.extract(html, include_comments=False) or "",
            ),
        ),
        "render (every visible text node)": score(
            expected, run_function(args.pages, ids, html_to_text)
        ),
    }
    print(f"{len(ids)} pages from {args.pages} (trafilatura {trafilatura.__version__})")
    print(f"{'system':34} {'F1':>6} {'prec':>6} {'recall':>6}")
    for name, figures in results.items():
        print(
            f"{name:34} {figures['f1']:6.3f} {figures['precision']:6.3f} {figures['recall']:6.3f}"
        )
    if args.json:
        args.json.write_text(json.dumps({"pages": len(ids), "results": results}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
