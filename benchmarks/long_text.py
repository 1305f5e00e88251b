"""One long text against the same articles one by one: does a long document cost what its parts do?

Joins real articles (blank line between them) into one text and times the profile on it and on
the articles one by one, in the same run (CPU seconds, best of --repeats, the two timed in
turn). Two sets: the articles the profile leaves unchanged ("clean") and the whole corpus
("all", with the dirty ones where they stand). Prints each throughput and the ratio
long / per-article; issue 30 asks for at least 50 %.

    python benchmarks/long_text.py                       # ../shared/corpus/articles.jsonl
    python benchmarks/long_text.py --corpus tests/data/real/articles.jsonl --articles 256
"""

from __future__ import annotations

import argparse
import functools
import json
import time
from collections.abc import Callable
from pathlib import Path

import newsclean

ROOT = Path(__file__).resolve().parent.parent


def best(run: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.process_time()
        run()
        times.append(time.process_time() - start)
    return min(times)


def _each(pipeline: newsclean.Pipeline, parts: list[str]) -> list[str]:
    return [pipeline(t) for t in parts]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared/corpus/articles.jsonl")
    parser.add_argument("--articles", type=int, default=256)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    texts = [json.loads(line)["text"] for line in args.corpus.read_text("utf-8").splitlines()]
    for profile in ("default", "mt"):
        pipeline = newsclean.Pipeline.from_profile(profile)
        clean = [t for t in texts if pipeline(t) == t][: args.articles]
        for name, parts in (("clean", clean), ("all", texts[: args.articles])):
            long = "\n\n".join(parts)
            one_by_one = best(functools.partial(_each, pipeline, parts), args.repeats)
            whole = best(functools.partial(pipeline, long), args.repeats)
            mb = len(long.encode("utf-8")) / 1e6
            print(
                f"{profile:8} {name:6} {len(parts):4} articles, {mb:5.2f} MB: "
                f"one by one {mb / one_by_one:7.1f} MB/s, as one text {mb / whole:7.1f} MB/s "
                f"= {one_by_one / whole:6.1%} of per-article throughput"
            )


if __name__ == "__main__":
    main()
