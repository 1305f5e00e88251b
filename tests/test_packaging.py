"""What ships: a licence, a licence for every bundled text, one version, and a wheel that
holds exactly that (no research-only text)."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

import newsclean
from newsclean.testing._passages import bundled_passages, passage_records

ROOT = Path(__file__).resolve().parent.parent
PASSAGES = ROOT / "src" / "newsclean" / "testing" / "passages"
LICENCES = {"CC BY 2.5", "OGL v3.0", "Public domain (US federal government work)"}


def test_every_bundled_passage_has_a_licence_and_an_attribution() -> None:
    assert {p.name for p in PASSAGES.iterdir()} == {"open.jsonl", "SOURCES.md"}
    sources = (PASSAGES / "SOURCES.md").read_text(encoding="utf-8")
    records = passage_records()
    assert len(records) == len(bundled_passages()) == 64
    for record in records:
        assert record["licence"] in LICENCES, record["id"]
        assert record["attribution"].strip() and record["original_url"].startswith("http")
        assert f"- `{record['id']}` ({record['licence']}): {record['attribution']}." in sources


def test_no_research_only_text_in_the_package() -> None:
    package = ROOT / "src" / "newsclean"
    assert not [p for p in package.rglob("*") if "bbc" in p.name.lower()]
    for path in package.rglob("*.md"):
        assert "BBC News dataset" not in path.read_text(encoding="utf-8"), path


def test_one_version() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"] and "version" in project["project"]["dynamic"]
    dynamic = project["tool"]["setuptools"]["dynamic"]["version"]["attr"]
    assert dynamic == "newsclean._version.__version__"
    from importlib.metadata import version

    assert version("newsclean") == newsclean.__version__


def test_version_says_how_the_scan_runs() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "newsclean", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.startswith(f"newsclean {newsclean.__version__} (")
    assert ("compiled scan" in out.stdout) == (newsclean.__build__ == "compiled")


def test_the_fallback_is_announced_once_and_gives_the_same_text() -> None:
    """Without the compiled scan (as if built without a compiler): one warning, same output."""
    code = (
        "import sys; sys.modules['newsclean._speedups'] = None; "
        "import newsclean, newsclean._text; "
        "print(newsclean.__build__, newsclean.clean('Bashar al -Assad said .', profile='mt'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "pure-python Bashar al-Assad said."
    assert out.stderr.count("SpeedupsMissingWarning") == 1
    assert "compiled scan (newsclean._speedups) is not built" in out.stderr


@pytest.mark.slow
def test_sdist_and_wheel_contents(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "build", "--sdist", "--wheel", "--outdir", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        metadata = archive.read(
            next(n for n in names if n.endswith(".dist-info/METADATA"))
        ).decode()
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert any(n.endswith("licenses/src/newsclean/testing/passages/SOURCES.md") for n in names)
    assert "newsclean/testing/passages/open.jsonl" in names
    assert not [n for n in names if "bbc" in n.lower() or n.startswith("tests/")]
    assert f"Version: {newsclean.__version__}" in metadata
    assert "License-Expression: MIT" in metadata
    assert "Classifier: Typing :: Typed" in metadata
    assert "Provides-Extra: html" in metadata
    (sdist,) = tmp_path.glob("*.tar.gz")
    assert sdist.name == f"newsclean-{newsclean.__version__}.tar.gz"
