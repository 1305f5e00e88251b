"""Inputs and outputs named by URL, through fsspec: fsspec's in-memory filesystem stands for
an object store (the command runs in-process so it sees it), ``file://`` for a mounted one."""

from __future__ import annotations

import gzip
import io
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsclean.cli import main
from test_cli import command

fsspec = pytest.importorskip("fsspec")

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@pytest.fixture
def memory() -> Iterator[Any]:
    fs = fsspec.filesystem("memory")
    fs.store.clear()
    fs.pseudo_dirs.clear()
    fs.pseudo_dirs.append("")
    yield fs
    fs.store.clear()


def local_run(tmp_path: Path, *args: str) -> bytes:
    out = tmp_path / "local.out"
    assert main(["clean", *args, "-o", str(out)]) == 0
    return out.read_bytes()


def test_jsonl_gz_from_and_to_a_bucket(memory: Any, tmp_path: Path) -> None:
    raw = (SAMPLES / "articles.jsonl").read_bytes()
    memory.pipe("/news/2026/part-0.jsonl.gz", gzip.compress(raw))
    assert (
        main(
            ["clean", "memory://news/2026/part-0.jsonl.gz", "-o", "memory://clean/part-0.jsonl.gz"]
        )
        == 0
    )
    got = gzip.decompress(memory.cat("/clean/part-0.jsonl.gz"))
    (tmp_path / "in.jsonl").write_bytes(raw)
    assert got == local_run(tmp_path, str(tmp_path / "in.jsonl"))


def test_parquet_from_and_to_a_bucket(memory: Any, tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    raw = (SAMPLES / "articles.parquet").read_bytes()
    memory.pipe("/news/a.parquet", raw)
    assert main(["clean", "memory://news/a.parquet", "-o", "memory://clean/a.parquet"]) == 0
    (tmp_path / "a.parquet").write_bytes(raw)
    import pyarrow.parquet as pq

    want = pq.read_table(io.BytesIO(local_run(tmp_path, str(tmp_path / "a.parquet"))))
    assert pq.read_table(io.BytesIO(memory.cat("/clean/a.parquet"))).equals(want)


def test_a_folder_url_to_a_folder_url(memory: Any) -> None:
    raw = (SAMPLES / "articles.jsonl").read_bytes()
    memory.pipe("/news/a.jsonl", raw)
    memory.pipe("/news/deep/b.jsonl.gz", gzip.compress(raw))
    memory.pipe("/news/photo.png", b"\x89PNG not news")
    assert main(["clean", "memory://news/", "-o", "memory://clean/"]) == 0
    assert sorted(memory.find("/clean")) == ["/clean/a.jsonl", "/clean/deep/b.jsonl.gz"]
    assert gzip.decompress(memory.cat("/clean/deep/b.jsonl.gz")) == memory.cat("/clean/a.jsonl")


def test_a_failed_run_writes_nothing_to_the_bucket(
    memory: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    memory.pipe("/news/a.jsonl", (SAMPLES / "articles.jsonl").read_bytes() + b'{"text": "no end\n')
    assert main(["clean", "memory://news/a.jsonl", "-o", "memory://clean/a.jsonl", "--strict"]) == 2
    assert not memory.exists("/clean/a.jsonl")
    assert "memory://news/a.jsonl:10" in capsys.readouterr().err


def test_an_output_url_that_is_an_input_is_refused(
    memory: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    memory.pipe("/news/a.jsonl", b'{"text": "a"}\n')
    assert main(["clean", "memory://news/a.jsonl", "-o", "memory://news/a.jsonl"]) == 2
    assert capsys.readouterr().err == (
        "newsclean: memory://news/a.jsonl: is an input too; write to another file\n"
    )
    assert memory.cat("/news/a.jsonl") == b'{"text": "a"}\n'


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("memory://news/missing.jsonl", "memory://news/missing.jsonl: no such file"),
        (
            "nosuchscheme://x/a.jsonl",
            "nosuchscheme://x/a.jsonl: cannot open (Protocol not known: nosuchscheme)",
        ),
    ],
)
def test_url_mistakes_are_one_line(
    url: str, message: str, memory: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["clean", url]) == 2
    assert capsys.readouterr().err == f"newsclean: {message}\n"


def test_file_urls_from_the_command_line(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.jsonl").write_bytes((SAMPLES / "articles.jsonl").read_bytes())
    url = (tmp_path / "in").as_uri() + "/"
    done = subprocess.run(
        [*command(), "clean", url, "-o", (tmp_path / "out").as_uri() + "/"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    want = local_run(tmp_path, str(tmp_path / "in" / "a.jsonl"))
    assert (tmp_path / "out" / "a.jsonl").read_bytes() == want


def test_without_fsspec_a_url_says_what_to_install(tmp_path: Path) -> None:
    code = (
        "import sys; sys.modules['fsspec'] = None; from newsclean.cli import main; "
        "sys.exit(main(['clean', 's3://bucket/a.jsonl']))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert done.stderr.startswith(
        "newsclean: URLs are read through fsspec: pip install 'newsclean[remote]'"
    )
