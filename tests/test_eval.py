"""newsclean eval: scores on the evaluation corpus, and the quality gate around them."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from newsclean import Pipeline
from newsclean.evaluate import Case, applicable, char_edits, evaluate, load_cases

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "benchmarks" / "eval" / "corpus.jsonl"
BASELINE = ROOT / "benchmarks" / "quality_baseline.json"


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("newsclean")
    cmd = [exe] if exe else [sys.executable, "-m", "newsclean"]
    return subprocess.run([*cmd, *args], capture_output=True, text=True, check=False, timeout=300)


def test_corpus_is_built_from_the_case_files() -> None:
    out = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "build_eval_corpus.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stdout


def test_default_profile_leaves_every_clean_case_untouched() -> None:
    report = evaluate(applicable(load_cases(CORPUS), "default"), Pipeline.from_profile("default"))
    assert report.clean > 10
    assert report.clean_untouched == 1.0


def test_scores_count_edits_right_extra_and_missed() -> None:
    case = Case(
        "x", "synthetic", "spaced_hyphen", "al -Assad and al- Assad", "al-Assad and al-Assad"
    )
    half = Pipeline([lambda t: t.replace("al -", "al-")])  # fixes one of two slips
    report = evaluate([case], half)
    assert (report.overall.right, report.overall.extra, report.overall.missed) == (1, 0, 1)
    assert report.exact_match == 0.0 and report.worst[0]["id"] == "x"
    assert sorted(char_edits("ab", "aXb")) == [(1, "+0", "X")]


def test_gate_passes_on_the_pinned_baseline() -> None:
    for profile in ("default", "mt"):
        out = cli("eval", str(CORPUS), "--profile", profile, "--baseline", str(BASELINE))
        assert out.returncode == 0, out.stderr
        assert "quality gate passed" in out.stderr


def test_gate_fails_below_a_floor_and_refuses_to_lower_it(tmp_path: Path) -> None:
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    pinned = baseline["default on corpus.jsonl"]["floors"]
    pinned["clean_untouched"] = 1.0
    pinned["lost_amp_entity.recall"] = 1.0  # above today's score
    raised = tmp_path / "baseline.json"
    raised.write_text(json.dumps(baseline), encoding="utf-8")
    out = cli("eval", str(CORPUS), "--baseline", str(raised))
    assert out.returncode == 3
    assert "lost_amp_entity.recall" in out.stderr and "below its floor" in out.stderr
    out = cli("eval", str(CORPUS), "--baseline", str(raised), "--update-baseline")
    assert out.returncode == 3 and "--allow-regression" in out.stderr
    out = cli(
        "eval", str(CORPUS), "--baseline", str(raised), "--update-baseline", "--allow-regression"
    )
    assert out.returncode == 0
    assert cli("eval", str(CORPUS), "--baseline", str(raised)).returncode == 0


def test_gate_notices_a_changed_corpus(tmp_path: Path) -> None:
    changed = tmp_path / "corpus.jsonl"
    changed.write_text(CORPUS.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    out = cli("eval", str(changed), "--baseline", str(BASELINE))
    assert out.returncode == 3 and "corpus changed" in out.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"id": "a"}\n', "x.jsonl:1: missing or non-string field(s): source, kind, raw, expected"),
        (
            '\n{"id": "a", "source": "s", "kind": "k", "raw": "r", "expected": "e"}\n{oops\n',
            "x.jsonl:3: not JSON",
        ),
    ],
)
def test_malformed_case_file_names_the_line(tmp_path: Path, content: str, message: str) -> None:
    bad = tmp_path / "x.jsonl"
    bad.write_text(content, encoding="utf-8")
    out = cli("eval", str(bad))
    assert out.returncode == 2
    assert message in out.stderr and "Traceback" not in out.stderr
