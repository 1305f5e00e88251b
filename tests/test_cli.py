"""The console script, run for real as a user would, on the bundled samples of every format."""

from __future__ import annotations

import csv
import gzip
import io
import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SEED = SAMPLES / "helicopter-machine-translated.txt"


def command() -> list[str]:
    """The installed console script (beside this interpreter), else ``python -m newsclean``."""
    script = Path(sys.executable).parent / "newsclean"
    exe = str(script) if script.exists() else shutil.which("newsclean")
    return [exe] if exe else [sys.executable, "-m", "newsclean"]


def run(
    *args: str, stdin: bytes | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    cmd = command()
    return subprocess.run(
        [*cmd, *args], input=stdin, capture_output=True, timeout=300, check=False, cwd=cwd
    )


def expected(seed: str, profile: str = "default") -> str:
    return (ROOT / "tests" / "data" / "expected" / f"{seed}.{profile}.txt").read_text(
        encoding="utf-8"
    )


def jsonl(data: bytes) -> list[dict[str, object]]:
    return [json.loads(line) for line in data.splitlines() if line.strip()]


# -- formats ------------------------------------------------------------------------------------
def test_plain_text_sample_in_both_profiles() -> None:
    for profile in ("default", "mt"):
        out = run("clean", "--profile", profile, str(SEED))
        assert out.returncode == 0, out.stderr
        assert out.stdout.decode() == expected("helicopter-machine-translated", profile)
        assert b"1 record: 1 changed" in out.stderr


def test_jsonl_and_gzip(tmp_path: Path) -> None:
    plain = run("clean", str(SAMPLES / "articles.jsonl"))
    assert plain.returncode == 0, plain.stderr
    rows = jsonl(plain.stdout)
    source = jsonl((SAMPLES / "articles.jsonl").read_bytes())
    assert [r["id"] for r in rows] == [r["id"] for r in source]
    assert rows[0]["text"] == expected("helicopter-machine-translated")
    assert all(r["source"] == s["source"] for r, s in zip(rows, source, strict=True))
    target = tmp_path / "out.jsonl.gz"
    out = run("clean", str(SAMPLES / "articles.jsonl.gz"), "-o", str(target))
    assert out.returncode == 0, out.stderr
    assert gzip.decompress(target.read_bytes()) == plain.stdout


def test_csv_with_multiline_cells_keeps_other_columns(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    out = run("clean", str(SAMPLES / "articles.csv"), "-o", str(target))
    assert out.returncode == 0, out.stderr
    before = list(
        csv.reader(io.StringIO((SAMPLES / "articles.csv").read_text(encoding="utf-8"), newline=""))
    )
    after = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8"), newline="")))
    assert after[0] == before[0] == ["id", "title", "text", "source"]
    assert len(after) == len(before)
    for b, a in zip(before[1:], after[1:], strict=True):
        assert (a[0], a[1], a[3]) == (b[0], b[1], b[3])
    assert after[1][2] == expected("helicopter-machine-translated")
    assert "\n\n" in after[1][2]  # a multi-line cell stayed one cell


def test_csv_unknown_column_is_a_usage_error() -> None:
    out = run("clean", str(SAMPLES / "articles.csv"), "--column", "body")
    assert out.returncode == 2
    assert b"no column 'body'; the header has: id, title, text, source" in out.stderr
    assert b"Traceback" not in out.stderr


@pytest.mark.parametrize("name", ["feed.rss", "feed.atom"])
def test_feeds_come_out_as_jsonl_items(name: str) -> None:
    out = run("clean", str(SAMPLES / name))
    assert out.returncode == 0, out.stderr
    items = jsonl(out.stdout)
    assert len(items) == 4
    assert set(items[0]) == {"id", "link", "published", "title", "summary", "content"}
    text = items[0]["summary"] or items[0]["content"]
    assert isinstance(text, str)
    assert "%MINIFYHTML" not in text and "<p>" not in text and 'price,"' in text


def test_feed_items_as_rss_when_asked(tmp_path: Path) -> None:
    import feedparser

    target = tmp_path / "clean.rss"
    out = run("clean", str(SAMPLES / "feed.atom"), "-o", str(target))
    assert out.returncode == 0, out.stderr
    parsed = feedparser.parse(target.read_bytes())
    assert not parsed.bozo and len(parsed.entries) == 4
    assert "%MINIFYHTML" not in parsed.entries[0].summary


def test_html_page_gives_clean_text() -> None:
    out = run("clean", str(SAMPLES / "page.html"))
    assert out.returncode == 0, out.stderr
    text = out.stdout.decode()
    assert text.startswith("Turkey has said it hit back")
    assert "Ghaith Alsayed/AP" not in text and "var ads" not in text and "Home" not in text
    # trafilatura's layout: one paragraph per line, and a final line break
    assert text.endswith("\n")
    paragraphs = [line for line in expected("idlib-shelling-captions").splitlines() if line]
    assert text.splitlines() == paragraphs


def test_directory_in_directory_out(tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    out = run("clean", str(SAMPLES), "--glob", "*.txt", "-o", f"{out_dir}/")
    assert out.returncode == 0, out.stderr
    assert sorted(p.name for p in out_dir.iterdir()) == sorted(
        p.name for p in SAMPLES.glob("*.txt")
    )
    assert (out_dir / SEED.name).read_text(encoding="utf-8") == expected(
        "helicopter-machine-translated"
    )


def test_stdin_and_module_entry() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "newsclean", "clean", "-"],
        input=b"al -Assad said.",
        capture_output=True,
        check=False,
    )
    assert (out.returncode, out.stdout) == (0, b"al-Assad said.")


def test_nested_fields(tmp_path: Path) -> None:
    src = tmp_path / "nested.jsonl"
    src.write_text(
        json.dumps(
            {"id": 1, "title": "Bashar al -Assad", "body": {"text": 'price,quot; he said "x'}}
        )
        + "\n",
        encoding="utf-8",
    )
    out = run("clean", str(src), "--field", "title", "--field", "body.text")
    assert out.returncode == 0, out.stderr
    assert jsonl(out.stdout) == [
        {"id": 1, "title": "Bashar al-Assad", "body": {"text": 'price,quot; he said "x'}}
    ]


def test_list_and_object_fields_are_cleaned_leaf_by_leaf(tmp_path: Path) -> None:
    row = {
        "id": 2,
        "paras": ["Bashar al -Assad", 7, None, ["Bashar al -Assad"]],
        "meta": {"lead": "Bashar al -Assad", "n": 1},
    }
    src = tmp_path / "paras.jsonl"
    src.write_text(json.dumps(row) + "\n", encoding="utf-8")
    whole = run("clean", str(src), "--field", "paras", "--field", "meta")
    one = run("clean", str(src), "--field", "paras.3.0")
    assert whole.returncode == 0 and one.returncode == 0, whole.stderr + one.stderr
    fixed = "Bashar al-Assad"
    assert jsonl(whole.stdout) == [
        {"id": 2, "paras": [fixed, 7, None, [fixed]], "meta": {"lead": fixed, "n": 1}}
    ]
    assert jsonl(one.stdout) == [{**row, "paras": ["Bashar al -Assad", 7, None, [fixed]]}]


def test_progress_counts_bytes_when_the_size_is_known(tmp_path: Path) -> None:
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps({"text": "Bashar al -Assad"}) + "\n", encoding="utf-8")
    sized = run("clean", str(src), "-o", str(tmp_path / "out.jsonl"), "--progress")
    piped = run("clean", "-", "--progress", stdin=src.read_bytes())
    assert sized.returncode == 0 and piped.returncode == 0, sized.stderr + piped.stderr
    size = src.stat().st_size
    bar = sized.stderr.decode()
    assert "100%" in bar and f"{size}.0/{size}.0" in bar and "B/s" in bar and "1 record]" in bar
    assert b"records" in piped.stderr and b"%" not in piped.stderr


def test_learn_help_speaks_of_reading() -> None:
    out = run("learn", "--help")
    assert out.returncode == 0
    assert b"JSON field to read" in out.stdout and b"to clean" not in out.stdout


# -- nothing is lost ----------------------------------------------------------------------------
def broken_jsonl(tmp_path: Path) -> Path:
    src = tmp_path / "broken.jsonl"
    src.write_bytes(
        b'{"id": 1, "text": "Bashar al -Assad said."}\n'
        b'{"id": 2, "text": "half a line\n'
        b'{"id": 3, "text": "Caf\xe9 owners said."}\n'
        b'{"id": 4, "body": "no text field"}\n'
        b'{"id": 5, "text": "Turkey\'s troops left."}\n'
    )
    return src


def test_broken_lines_pass_through_in_order_and_are_reported(tmp_path: Path) -> None:
    src = broken_jsonl(tmp_path)
    rejects = tmp_path / "rejects.jsonl"
    stats = tmp_path / "stats.json"
    out = run("clean", str(src), "--rejects", str(rejects), "--stats", str(stats))
    assert out.returncode == 4, out.stderr
    lines = out.stdout.splitlines(keepends=True)
    original = src.read_bytes().splitlines(keepends=True)
    assert len(lines) == 5
    assert json.loads(lines[0])["text"] == "Bashar al-Assad said."
    assert lines[1:4] == original[1:4] and lines[4] == original[4]  # passed through byte for byte
    err = out.stderr.decode()
    assert f"{src}:2: not JSON (Unterminated string" in err
    assert f"{src}:3: not UTF-8 (byte 0xe9" in err
    assert f"{src}:4: field 'text' missing" in err
    assert "5 records: 1 changed, 1 unchanged, 3 passed through" in err
    assert [r["where"] for r in jsonl(rejects.read_bytes())] == [f"{src}:2", f"{src}:3", f"{src}:4"]
    counts = json.loads(stats.read_text(encoding="utf-8"))
    assert (counts["records"], counts["passed_through"], counts["changed"]) == (5, 3, 1)
    assert counts["cleaners"]["join_spaced_hyphens"]["documents"] == 1


def test_strict_stops_and_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    out = run("clean", str(broken_jsonl(tmp_path)), "--strict", "-o", str(target))
    assert out.returncode == 2
    assert b"broken.jsonl:2: not JSON" in out.stderr and b"no output written" in out.stderr
    assert not target.exists()
    assert not list(tmp_path.glob(".*partial"))


def test_undecodable_and_empty_files(tmp_path: Path) -> None:
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("Caf\xe9 in Idlib\n".encode("latin-1"))
    out = run("clean", str(latin))
    assert out.returncode == 4
    assert out.stdout == latin.read_bytes()
    assert f"{latin}:1: not UTF-8 (byte 0xe9".encode() in out.stderr
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    out = run("clean", str(empty), "-o", str(tmp_path / "out.jsonl"))
    assert out.returncode == 0 and (tmp_path / "out.jsonl").read_bytes() == b""
    assert b"0 records" in out.stderr


def test_jobs_2_output_equals_jobs_1(tmp_path: Path) -> None:
    big = tmp_path / "many.jsonl"
    rows = (SAMPLES / "articles.jsonl").read_bytes()
    big.write_bytes(rows * 40 + b"{broken\n" + rows * 10)
    one = run("clean", str(big), "--jobs", "1", "--profile", "mt")
    two = run("clean", str(big), "--jobs", "2", "--profile", "mt")
    assert one.returncode == two.returncode == 4
    assert one.stdout == two.stdout
    assert one.stderr.split(b";")[0] == two.stderr.split(b";")[0]


def test_interrupted_run_leaves_no_output(tmp_path: Path) -> None:
    big = tmp_path / "big.jsonl"
    big.write_bytes((SAMPLES / "articles.jsonl").read_bytes() * 3000)
    target = tmp_path / "out.jsonl"
    cmd = command()
    proc = subprocess.Popen([*cmd, "clean", str(big), "-o", str(target)], stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while not list(tmp_path.glob(".out.jsonl.*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert b"interrupted; no output written" in err
    assert not target.exists()
    assert not list(tmp_path.glob(".*partial"))


# -- explain, audit, list, mistakes ---------------------------------------------------------------
def test_list_and_explain() -> None:
    listing = run("list").stdout.decode()
    assert "fix_a_an_agreement" in listing and "high" in listing
    explained = run("explain", "--text", "Bashar al -Assad").stdout.decode()
    assert "join_spaced_hyphens" in explained and "Bashar al[- -]-Assad" in explained
    data = json.loads(run("explain", "--json", "--profile", "mt", str(SEED)).stdout)
    assert {c["cleaner"] for c in data[0]["changes"]} >= {
        "fix_a_an_agreement",
        "drop_orphaned_lead_ins",
    }


def test_audit_html_report(tmp_path: Path) -> None:
    report = tmp_path / "report.html"
    out = run("audit", str(SAMPLES / "articles.jsonl"), "--html", str(report), "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["records"] == 9 and data["changed"] == 9
    page = report.read_text(encoding="utf-8")
    assert (
        "<b>9</b> records" in page
        and "remove_minifier_placeholders" in page
        and "class=bar" in page
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("clean", "missing.txt"), b"newsclean: missing.txt: no such file or directory"),
        (("clean", "--profile", "mtt", str(SEED)), b"unknown profile 'mtt'. Did you mean 'mt'?"),
        (("clean", "--pipeline", "nope.toml", str(SEED)), b"nope.toml: pipeline file not found"),
        (
            ("clean", "--field", "body..text", str(SEED)),
            b"--field 'body..text': a field is a name or a dotted path",
        ),
        (("clean", str(SEED), str(SAMPLES / "articles.csv")), b"need -o DIRECTORY/"),
    ],
)
def test_user_mistakes_exit_2_without_traceback(args: tuple[str, ...], message: bytes) -> None:
    out = run(*args)
    assert out.returncode == 2, out.stderr
    assert message in out.stderr
    assert b"Traceback" not in out.stderr


def test_unknown_cleaner_in_pipeline_file(tmp_path: Path) -> None:
    toml = tmp_path / "p.toml"
    toml.write_text(
        'steps = [\n  "join_spaced_hyphens",\n  "remove_minifer_placeholders",\n]\n',
        encoding="utf-8",
    )
    out = run("clean", "--pipeline", str(toml), str(SEED))
    assert out.returncode == 2
    assert (
        f"{toml}:3: unknown cleaner 'remove_minifer_placeholders'. Did you mean 'remove_minifier_placeholders'".encode()
        in out.stderr
    )
