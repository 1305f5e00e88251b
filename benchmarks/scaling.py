"""Scaling: `newsclean clean` on 1 and 2 workers, serially, in processes, on Dask and on Ray.

Builds a JSONL corpus of --size-mb (half real clean passages, half dirty articles made from
them by the `newsclean.testing` injectors), then runs the command on it, each configuration as
its own process, and reports MB/s over the run (from its summary line: after a cluster has
started, before it stops), the speedup of 2 workers over 1 on the same engine, and throughput
per worker next to the serial figure. Every output is compared with the serial one byte for
byte. Wall time, cluster start-up and shut-down included, is reported beside it.

    python benchmarks/scaling.py                         # 100 MB, every engine installed
    python benchmarks/scaling.py --size-mb 20 --engines dask --json benchmarks/scaling.json

Needs hypothesis (the test extra) and, for the Dask and Ray runs, the test-cluster extra:
pip install -e '.[test,test-cluster]'.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import dirty_documents

from newsclean.testing._passages import bundled_passages


def build_corpus(path: Path, size_mb: float, articles: int) -> int:
    """Write the corpus; returns its record count. Deterministic for a given size."""
    clean = list(bundled_passages().values())
    dirty = dirty_documents("default", articles)
    target = int(size_mb * 1e6)
    rng = random.Random(7)
    written = count = 0
    with path.open("wb") as out:
        while written < target:
            line = json.dumps(
                {"id": count, "text": rng.choice(dirty if count % 2 else clean)}, ensure_ascii=False
            ).encode("utf-8")
            out.write(line + b"\n")
            written += len(line) + 1
            count += 1
    return count


def command() -> list[str]:
    script = Path(sys.executable).parent / "newsclean"
    return [str(script)] if script.exists() else [sys.executable, "-m", "newsclean"]


def best_of(repeats: int, args: list[str]) -> tuple[float, float]:
    """The run with the shortest cleaning time among ``repeats``."""
    return min((timed(args) for _ in range(max(1, repeats))), key=lambda t: t[1])


def timed(args: list[str]) -> tuple[float, float]:
    """Wall seconds of the whole command, and of its run (its summary line: after the cluster
    started, before it stopped; reading and writing included)."""
    env = {**os.environ, "RAY_USAGE_STATS_ENABLED": "0"}
    start = time.perf_counter()
    done = subprocess.run([*command(), *args], capture_output=True, text=True, env=env, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"failed ({done.returncode}): {' '.join(args)}\n{done.stderr[-2000:]}")
    run = re.search(r" MB in ([0-9.]+) s", done.stderr)
    if run is None:
        raise SystemExit(f"no summary line from: {' '.join(args)}\n{done.stderr[-2000:]}")
    return seconds, float(run.group(1))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size-mb", type=float, default=100.0)
    parser.add_argument("--articles", type=int, default=300, help="distinct dirty articles")
    parser.add_argument("--engines", default="processes,dask,ray", help="comma-separated")
    parser.add_argument("--profile", default="default")
    parser.add_argument(
        "--repeats",
        type=int,
        default=3,
        help="runs per configuration; the best is kept (noisy VMs)",
    )
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="newsclean-scaling-"))
    try:
        corpus = workdir / "corpus.jsonl"
        records = build_corpus(corpus, args.size_mb, args.articles)
        size = corpus.stat().st_size / 1e6
        print(f"corpus: {records} records, {size:.1f} MB; {os.cpu_count()} cores")
        base = ["clean", str(corpus), "--profile", args.profile]
        serial_out = workdir / "serial.jsonl"
        serial_wall, serial = best_of(args.repeats, [*base, "-o", str(serial_out)])
        rows: list[dict[str, object]] = [
            {"engine": "serial", "workers": 1, "wall_s": round(serial_wall, 2), "run_s": serial}
        ]
        header = ("engine", "workers", "wall s", "run s", "MB/s", "speedup", "MB/s/worker")
        print("{:10} {:>7} {:>7} {:>7} {:>7} {:>8} {:>12}".format(*header))
        line = "{:10} {:7} {:7.1f} {:7.2f} {:7.2f} {:>8} {:12.2f}"
        print(line.format("serial", 1, serial_wall, serial, size / serial, "", size / serial))
        for engine in [e.strip() for e in args.engines.split(",") if e.strip()]:
            one = 0.0
            for workers in (1, 2):
                out = workdir / f"{engine}-{workers}.jsonl"
                extra = ["--jobs", str(workers)]
                if engine != "processes":
                    extra += ["--engine", engine]
                wall, cleaning = best_of(args.repeats, [*base, "-o", str(out), *extra])
                if not filecmp.cmp(out, serial_out, shallow=False):
                    raise SystemExit(f"{engine} with {workers} workers: output differs from serial")
                out.unlink()
                one = one or cleaning
                rows.append(
                    {
                        "engine": engine,
                        "workers": workers,
                        "wall_s": round(wall, 2),
                        "run_s": cleaning,
                        "mb_per_s": round(size / cleaning, 2),
                        "speedup_over_1_worker": round(one / cleaning, 2),
                        "mb_per_s_per_worker": round(size / cleaning / workers, 2),
                    }
                )
                print(
                    line.format(
                        engine, workers, wall, cleaning, size / cleaning,
                        f"{one / cleaning:.2f}", size / cleaning / workers,
                    )
                )  # fmt: skip
        if args.json:
            Path(args.json).write_text(
                json.dumps(
                    {
                        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
                        "corpus_mb": round(size, 1),
                        "records": records,
                        "profile": args.profile,
                        "repeats": args.repeats,
                        "runs": rows,
                    },
                    indent=1,
                )
                + "\n",
                encoding="utf-8",
            )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
