"""The benchmark scripts run (on a tiny corpus); their figures are not asserted here."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def script(name: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / name), *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


def test_throughput_runs(tmp_path: Path) -> None:
    out = script(
        "throughput.py",
        "--size-mb",
        "0.02",
        "--articles",
        "3",
        "--repeats",
        "1",
        "--no-cleaners",
        "--runs",
        "2",
        "--json",
        str(tmp_path / "t.json"),
    )
    assert out.returncode == 0, out.stderr
    assert "x  1.00 ftfy.fix_text" in out.stdout
    figures = json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))["mb_per_cpu_second"]
    assert {"clean", "dirty (default kinds)", "dirty (mt kinds)"} <= set(figures)
    medians = figures["median ratio to ftfy.fix_text"]
    assert medians["clean"]["ftfy.fix_text"] == 1.0
    assert medians["clean"]["newsclean default"] > 0


def test_linearity_runs(tmp_path: Path) -> None:
    out = script(
        "linearity.py",
        "--size-kb",
        "2",
        "--repeats",
        "1",
        "--only",
        "remove_minifier",
        "--json",
        str(tmp_path / "l.json"),
    )
    assert out.returncode in (0, 1), out.stderr  # at 2 kB, timing noise may cross the bound
    assert "s/MB" in out.stdout
    report = json.loads((tmp_path / "l.json").read_text(encoding="utf-8"))
    assert (
        list(report["ratios"]) == list(report["seconds_per_mb"]) == ["remove_minifier_placeholders"]
    )


@pytest.mark.parametrize("engine", ["processes", "dask"])
def test_scaling_runs(tmp_path: Path, engine: str) -> None:
    # The README's test command installs only the test extra: the Dask run needs test-cluster.
    if engine == "dask":
        pytest.importorskip("distributed")
    out = script(
        "scaling.py",
        "--size-mb",
        "0.3",
        "--articles",
        "3",
        "--engines",
        engine,
        "--repeats",
        "1",
        "--json",
        str(tmp_path / "s.json"),
    )
    assert out.returncode == 0, out.stderr
    runs = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))["runs"]
    assert [(r["engine"], r["workers"]) for r in runs] == [
        ("serial", 1),
        (engine, 1),
        (engine, 2),
    ]
    assert all(r["run_s"] > 0 for r in runs)
