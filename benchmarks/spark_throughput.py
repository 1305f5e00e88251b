"""Spark throughput: clean_dataframe on local[1] and local[2], real articles, same run.

The 307 real articles of tests/data/real/articles.jsonl, repeated to --copies times, as one
string column in --partitions partitions; each master is timed best of --runs on
``sum(length(text))`` of the cleaned frame after a warm-up (the session is started once per master and
not timed). Output is checked row for row against ``newsclean.clean``. Writes
benchmarks/spark_throughput.json.

usage: PYSPARK_PYTHON=$(which python) python benchmarks/spark_throughput.py [--copies 20]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import newsclean
from newsclean.integrations.spark import clean_dataframe

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=20)
    ap.add_argument("--partitions", type=int, default=8)
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    lines = (ROOT / "tests/data/real/articles.jsonl").read_text("utf-8").split("\n")
    texts = [json.loads(x)["text"] for x in lines if x] * a.copies
    mb = sum(len(t.encode()) for t in texts) / 1e6
    want = [newsclean.clean(t) for t in texts[: len(texts) // a.copies]]
    results = {}
    for master in ("local[1]", "local[2]"):
        spark = (
            SparkSession.builder.master(master).config("spark.ui.enabled", "false").getOrCreate()
        )
        df = spark.createDataFrame([(i, t) for i, t in enumerate(texts)], "id long, text string")
        df = df.repartition(a.partitions).cache()
        df.count()
        out = clean_dataframe(df, ["text"])
        got = {r["id"]: r["text"] for r in out.where(f"id < {len(want)}").collect()}
        assert [got[i] for i in range(len(want))] == want, "output differs from newsclean.clean"
        best = float("inf")
        for _ in range(a.runs):
            t0 = time.perf_counter()
            clean_dataframe(df, ["text"]).selectExpr("sum(length(text))").collect()
            best = min(best, time.perf_counter() - t0)
        results[master] = dict(seconds=round(best, 2), mb_per_s=round(mb / best, 2))
        print(f"{master}: {mb:.1f} MB in {best:.2f} s, {mb / best:.2f} MB/s", file=sys.stderr)
        spark.stop()
    results["speedup_2_over_1"] = round(
        results["local[1]"]["seconds"] / results["local[2]"]["seconds"], 2
    )
    results["corpus"] = (
        f"tests/data/real/articles.jsonl x {a.copies} ({len(texts)} rows, {mb:.1f} MB)"
    )
    (ROOT / "benchmarks" / "spark_throughput.json").write_text(json.dumps(results, indent=1) + "\n")
    print(json.dumps(results))


if __name__ == "__main__":
    main()
