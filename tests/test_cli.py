"""The console script, run for real as a user would."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "helicopter-machine-translated.txt"


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    exe = shutil.which("newsclean")
    cmd = [exe] if exe else [sys.executable, "-m", "newsclean"]
    return subprocess.run([*cmd, *args], input=stdin, capture_output=True, timeout=120, check=False)


def test_clean_sample() -> None:
    out = run("clean", "--profile", "mt", str(SAMPLE))
    assert out.returncode == 0, out.stderr
    expected = (ROOT / "tests/data/expected/helicopter-machine-translated.mt.txt").read_text(
        encoding="utf-8"
    )
    assert out.stdout.decode() == expected + "\n"


def test_clean_stdin_and_module_entry() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "newsclean", "clean", "-"],
        input=b"al -Assad said.",
        capture_output=True,
        check=False,
    )
    assert (out.returncode, out.stdout) == (0, b"al-Assad said.\n")


def test_list_and_explain() -> None:
    listing = run("list").stdout.decode()
    assert "fix_a_an_agreement" in listing and "high" in listing
    explained = run("explain", "--text", "Bashar al -Assad").stdout.decode()
    assert "join_spaced_hyphens" in explained and "1 change(s)" in explained


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("clean", "missing.txt"), b"newsclean: missing.txt: no such file"),
        (("clean", "--profile", "mtt", str(SAMPLE)), b"unknown profile 'mtt'. Did you mean 'mt'?"),
        (("clean", "--pipeline", "nope.toml", str(SAMPLE)), b"nope.toml: pipeline file not found"),
    ],
)
def test_user_mistakes_exit_2_without_traceback(args: tuple[str, ...], message: bytes) -> None:
    out = run(*args)
    assert out.returncode == 2
    assert message in out.stderr
    assert b"Traceback" not in out.stderr


def test_undecodable_input_names_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("first line\nCaf\xe9 in Idlib\n".encode("latin-1"))
    out = run("clean", str(bad))
    assert out.returncode == 2
    assert f"{bad}:2: not UTF-8 (byte 0xe9".encode() in out.stderr
    assert b"Traceback" not in out.stderr
