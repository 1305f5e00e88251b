"""Build benchmarks/eval/corpus.jsonl, the evaluation corpus, from the repository's real cases.

Sources, each case keeping its own `source`:
- tests/cases/*.json: every case run through a profile (in-the-wild, synthetic, negative and
  known-failure cases; known failures stay in and count against the score);
- samples/*.txt: the two seed articles, with tests/data/expected/<seed>.<profile>.txt;
- src/newsclean/testing/passages/open.jsonl: real, openly licensed clean news passages
  (kind "clean").

The case files stay the one place cases are written; this script derives the corpus from them.

    python benchmarks/build_eval_corpus.py           # rewrite the corpus
    python benchmarks/build_eval_corpus.py --check   # exit 1 if it is out of date (CI)
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from newsclean.testing._passages import passage_records

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "benchmarks" / "eval" / "corpus.jsonl"
SEED_SOURCE = "shared/seeds/{name}.txt, expected output from shared/seeds/ARTIFACTS.md"


def build() -> str:
    rows = []
    for name in ("in-the-wild", "synthetic", "negative", "known-failures"):
        for case in json.loads(
            (ROOT / "tests" / "cases" / f"{name}.json").read_text(encoding="utf-8")
        ):
            if "profile" in case:
                rows.append(
                    {
                        "id": case["label"],
                        "source": case["source"],
                        "kind": case["kind"],
                        "profile": case["profile"],
                        "raw": case["original"],
                        "expected": case["expected"],
                    }
                )
    for sample in sorted((ROOT / "samples").glob("*.txt")):
        for profile in ("default", "mt"):
            expected = ROOT / "tests" / "data" / "expected" / f"{sample.stem}.{profile}.txt"
            rows.append(
                {
                    "id": f"seed-{sample.stem}-{profile}",
                    "source": SEED_SOURCE.format(name=sample.stem),
                    "kind": "seed-article",
                    "profile": profile,
                    "raw": sample.read_text(encoding="utf-8"),
                    "expected": expected.read_text(encoding="utf-8"),
                }
            )
    for record in passage_records():
        rows.append(
            {
                "id": f"clean-{record['id']}",
                "source": f"{record['attribution']}, {record['original_url']} ({record['licence']})",
                "kind": "clean",
                "raw": record["text"],
                "expected": record["text"],
            }
        )
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--check", action="store_true", help="fail if the corpus file is out of date"
    )
    args = parser.parse_args(argv)
    text = build()
    if args.check:
        if not CORPUS.exists() or CORPUS.read_text(encoding="utf-8") != text:
            print(
                f"{CORPUS.relative_to(ROOT)} is out of date: run python benchmarks/build_eval_corpus.py"
            )
            return 1
        print(f"{CORPUS.relative_to(ROOT)} is up to date ({text.count(chr(10))} cases)")
        return 0
    CORPUS.write_text(text, encoding="utf-8")
    print(f"wrote {CORPUS.relative_to(ROOT)} ({text.count(chr(10))} cases)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
