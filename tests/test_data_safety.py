"""Nothing lost, nothing destroyed: each data-safety defect of issue 12, reproduced as a user
would meet it (the console script run for real), plus a fuzz run of the CLI."""

from __future__ import annotations

import base64
import gzip
import json
import os
import signal
import stat
import subprocess
import threading
import time
from pathlib import Path

import pytest

import newsclean
from newsclean.io.jsonl import splice_strings
from test_cli import command, jsonl, run

RED_LINE = b'{"id": 1, "text": "a &amp;quot;red line&amp;quot;"}\n'


def rejects_of(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_bytes().splitlines()]


# -- 1. standard input is sniffed and decompressed as files are ---------------------------------
def test_stdin_jsonl_is_cleaned_as_json_not_as_prose() -> None:
    out = run("clean", stdin=RED_LINE)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == {"id": 1, "text": 'a "red line"'}


def test_stdin_gzip_is_decompressed_and_sniffed() -> None:
    out = run("clean", "-", stdin=gzip.compress(RED_LINE))
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == {"id": 1, "text": 'a "red line"'}


def test_stdin_csv_is_read_as_csv() -> None:
    table = b'id,text\r\n1,"Bashar al -Assad said , again"\r\n2,fine\r\n'
    out = run("clean", stdin=table)
    assert out.returncode == 0, out.stderr
    assert out.stdout == b'id,text\r\n1,"Bashar al-Assad said, again"\r\n2,fine\r\n'


# -- 2. a lone surrogate escape --------------------------------------------------------------
def test_lone_surrogate_in_a_changed_record_is_written(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(
        b'{"text": "half \\ud83d an emoji, &amp;quot;x&amp;quot;"}\n{"text": "ok"}\n'
    )
    out = run("clean", str(source), "--rejects", str(tmp_path / "rej.jsonl"))
    assert out.returncode == 0, out.stderr
    first, second = out.stdout.splitlines()
    assert json.loads(first)["text"] == 'half \ud83d an emoji, "x"'
    assert b"\\ud83d" in first and second == b'{"text": "ok"}'


# -- 3. TSV and CSV quoting ---------------------------------------------------------------------
def test_tsv_is_unquoted_and_unchanged_rows_stay_byte_for_byte() -> None:
    table = b'id\ttext\n1\t"We will win," he said.\n2\t"unclosed quote\n3\tTurkey , Syria\n'
    out = run("clean", "--format", "tsv", stdin=table)
    assert out.returncode == 0, out.stderr
    assert out.stdout == table.replace(b"Turkey , Syria", b"Turkey, Syria")


def test_csv_unbalanced_quote_is_reported_and_later_rows_survive(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_bytes(b'id,text\r\n1,"unclosed\r\n2,"ok , then"\r\n3,x"y"z\r\n')
    rejects = tmp_path / "rej.jsonl"
    out = run("clean", str(source), "--rejects", str(rejects))
    assert out.returncode == 4, out.stderr
    assert out.stdout == b'id,text\r\n1,"unclosed\r\n2,"ok, then"\r\n3,x"y"z\r\n'
    assert b"quotes that do not balance" in out.stderr
    assert [r["raw"] for r in rejects_of(rejects)] == ['1,"unclosed\r\n']


def test_csv_unchanged_rows_keep_crlf_and_quoting() -> None:
    table = b'"id","text"\r\n"1","Quoted, as it was"\r\n2,plain\r\n'
    out = run("clean", "--format", "csv", stdin=table)
    assert out.stdout == table


# -- 4. an output that is an input --------------------------------------------------------------
@pytest.mark.parametrize("flag", ["-o", "--rejects", "--stats"])
def test_an_output_path_that_is_an_input_is_refused(tmp_path: Path, flag: str) -> None:
    source = tmp_path / "feed.jsonl"
    source.write_bytes(RED_LINE)
    out = run("clean", str(source), flag, str(source))
    assert out.returncode == 2
    assert (
        out.stderr.decode().strip()
        == f"newsclean: {source}: is an input too; write to another file"
    )
    assert source.read_bytes() == RED_LINE


def test_a_page_cleaned_onto_itself_is_refused(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(b"<p>Story</p>")
    out = run("clean", str(page), "-o", str(page))
    assert out.returncode == 2 and page.read_bytes() == b"<p>Story</p>"


def test_two_outputs_on_one_path_are_refused(tmp_path: Path) -> None:
    source = tmp_path / "feed.jsonl"
    source.write_bytes(RED_LINE)
    same = tmp_path / "out.jsonl"
    out = run("clean", str(source), "-o", str(same), "--rejects", str(same))
    assert out.returncode == 2 and b"named for two outputs" in out.stderr
    assert not same.exists()


# -- 5. device nodes and /dev/stdout --------------------------------------------------------------
def test_output_to_a_named_pipe_writes_into_it(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    out = run("clean", "--format", "jsonl", "-o", str(fifo), stdin=RED_LINE)
    reader.join(30)
    assert out.returncode == 0, out.stderr
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert json.loads(got[0])["text"] == 'a "red line"'


def test_dev_stdout_is_standard_output() -> None:
    out = run("clean", "-o", "/dev/stdout", stdin=RED_LINE)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["text"] == 'a "red line"'
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


# -- 6, 7. cleaners that deleted what they should repair or keep ---------------------------------
def test_windows_1252_punctuation_is_repaired_not_deleted() -> None:
    assert newsclean.clean("Syria\x92s \x93won\x94 price \x80 5") == "Syria’s “won” price € 5"


def test_a_lone_sentencepiece_marker_in_prose_is_left_alone() -> None:
    text = "The ▁ character is a SentencePiece marker."
    assert newsclean.clean(text) == text


# -- 8. HTML keeps every visible text -----------------------------------------------------------
def test_html_keeps_text_outside_paragraphs(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_bytes(
        b"<html><body><div>Lead in a div.</div><p>First line<br>second line</p>"
        b"<section><span>Text in a span.</span></section><form><p>In a form.</p></form></body></html>"
    )
    # the renderer (feed items, fragments); pages go to trafilatura by default (test_html.py)
    out = run("clean", str(page), "--extractor", "render")
    assert out.stdout.decode() == (
        "Lead in a div.\n\nFirst line\nsecond line\n\nText in a span.\n\nIn a form.\n"
    )


# -- passed through, and truly unchanged ----------------------------------------------------------
def test_a_json_file_that_does_not_parse_comes_out_byte_for_byte(tmp_path: Path) -> None:
    source = tmp_path / "broken.json"
    source.write_bytes(b'[{"text": "a \xff ,"}, {')
    out = run("clean", str(source), "--rejects", str(tmp_path / "rej.jsonl"))
    assert out.returncode == 4
    assert out.stdout == source.read_bytes()
    (reject,) = rejects_of(tmp_path / "rej.jsonl")
    assert base64.b64decode(str(reject["raw_base64"])) == source.read_bytes()


def test_a_json_array_keeps_its_layout(tmp_path: Path) -> None:
    source = tmp_path / "a.json"
    source.write_bytes(b'[\n  {"n": 1E5, "text": "al -Assad"},\n  {"n": 1e400, "text": "ok"}\n]\n')
    out = run("clean", str(source))
    assert out.stdout == source.read_bytes().replace(b"al -Assad", b"al-Assad")


def test_jsonl_changed_record_changes_only_its_strings(tmp_path: Path) -> None:
    lines = [
        b'{"n": 1E5, "big": 1e400, "text": "x", "text": "al -Assad", "t": "\\u00e9"}\r\n',
        b"\n",
        b'{"text": "unchanged ,"  }',  # no final newline: none is added
    ]
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"".join(lines))
    out = run("clean", str(source))
    assert out.stdout == b"".join(lines).replace(b"al -Assad", b"al-Assad").replace(
        b"unchanged ,", b"unchanged,"
    )


def test_bom_prefixed_jsonl_and_csv(tmp_path: Path) -> None:
    jsonl = tmp_path / "bom.jsonl"
    jsonl.write_bytes(b"\xef\xbb\xbf" + RED_LINE)
    out = run("clean", str(jsonl))
    assert out.returncode == 0, out.stderr
    assert out.stdout == b'\xef\xbb\xbf{"id": 1, "text": "a \\"red line\\""}\n'
    table = tmp_path / "bom.csv"
    table.write_bytes(b"\xef\xbb\xbfid,text\r\n1,al -Assad\r\n")
    out = run("clean", str(table))
    assert out.returncode == 0, out.stderr
    assert out.stdout == b"\xef\xbb\xbfid,text\r\n1,al-Assad\r\n"


def test_rejected_csv_rows_and_feeds_are_recoverable(tmp_path: Path) -> None:
    table = tmp_path / "t.csv"
    table.write_bytes(b"id,text\n1\n2,ok\n")
    rejects = tmp_path / "rej.jsonl"
    run("clean", str(table), "--rejects", str(rejects))
    assert [r["raw"] for r in rejects_of(rejects)] == ["1\n"]
    feed = tmp_path / "f.rss"
    feed.write_bytes(b"<?xml version='1.0'?><note>not a feed</note>")
    out = run("clean", str(feed), "--rejects", str(rejects))
    assert out.returncode == 4 and b"not an RSS, Atom or RDF feed" in out.stderr
    assert rejects_of(rejects)[0]["raw"] == feed.read_text()


def test_a_truncated_feed_is_reported_and_kept(tmp_path: Path) -> None:
    feed = tmp_path / "f.rss"
    feed.write_bytes(
        b'<?xml version="1.0"?><rss version="2.0"><channel><item><title>Turkey , Syria</title>'
        b"</item><item><title>cut"
    )
    rejects = tmp_path / "rej.jsonl"
    out = run("clean", str(feed), "--rejects", str(rejects))
    assert out.returncode == 4 and b"not well-formed" in out.stderr
    assert json.loads(out.stdout.splitlines()[0])["title"] == "Turkey, Syria"
    assert rejects_of(rejects)[0]["raw"] == feed.read_text()


# -- security and resources -----------------------------------------------------------------------
def test_a_feed_whose_content_is_a_path_is_not_opened(tmp_path: Path) -> None:
    secret = tmp_path / "secret.rss"
    secret.write_bytes(
        b'<?xml version="1.0"?><rss version="2.0"><channel><item><title>SECRET</title>'
        b"</item></channel></rss>"
    )
    decoy = tmp_path / "decoy.rss"
    decoy.write_bytes(str(secret).encode())
    out = run("clean", str(decoy))
    assert b"SECRET" not in out.stdout and out.returncode == 4


def test_outputs_respect_the_umask_and_keep_an_existing_mode(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(RED_LINE)
    target = tmp_path / "out.jsonl"
    old = os.umask(0o022)
    try:
        assert run("clean", str(source), "-o", str(target)).returncode == 0
        assert stat.S_IMODE(target.stat().st_mode) == 0o644
        target.chmod(0o640)
        assert run("clean", str(source), "-o", str(target)).returncode == 0
        assert stat.S_IMODE(target.stat().st_mode) == 0o640
    finally:
        os.umask(old)


def test_html_comment_search_matches_its_regex() -> None:
    from newsclean.cleaners.markup import HTML_COMMENT_RE, _comment_spans

    for text in ["<!-- a --> b <!-- c", "<!-->x-->", "<!-- \n -->", "<!-- " * 50 + "-->", ""]:
        spans = [(m.start(), m.end(), "") for m in HTML_COMMENT_RE.finditer(text)]
        assert list(_comment_spans(text)) == spans


def test_pyarrow_floor_is_past_cve_2023_47248() -> None:
    import tomllib

    root = Path(__file__).resolve().parent.parent
    project = tomllib.loads((root / "pyproject.toml").read_text())["project"]
    pins = [d for deps in project["optional-dependencies"].values() for d in deps]
    assert [p for p in pins if p.startswith("pyarrow")]
    assert all(p == "pyarrow>=14.0.1" for p in pins if p.startswith("pyarrow"))


# -- clear errors, never a traceback -----------------------------------------------------------
def one_line_error(out: subprocess.CompletedProcess[bytes], where: str) -> str:
    message = out.stderr.decode()
    assert out.returncode == 2, message
    assert "Traceback" not in message and message.count("\n") == 1, message
    assert message.startswith(f"newsclean: {where}"), message
    return message


def test_truncated_small_and_fake_gzip_files(tmp_path: Path) -> None:
    data = gzip.compress(RED_LINE * 2000)
    cases = {
        "truncated.jsonl.gz": data[: len(data) // 2],
        "small.jsonl.gz": data[:5],
        "plain.jsonl.gz": RED_LINE,
        "empty.jsonl.gz": b"",
    }
    for name, content in cases.items():
        path = tmp_path / name
        path.write_bytes(content)
        for args in (
            ["clean", str(path)],
            ["clean", "--jobs", "2", str(path)],
            ["explain", "--limit", "9999", str(path)],
        ):
            one_line_error(run(*args), str(path))


def test_deeply_nested_json_line_is_passed_through(tmp_path: Path) -> None:
    source = tmp_path / "deep.jsonl"
    deep = b'{"text": "x", "n": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n"
    source.write_bytes(deep + RED_LINE)
    out = run("clean", str(source))
    assert out.returncode == 4, out.stderr
    assert out.stdout.startswith(deep) and b"nested too deeply" in out.stderr


def test_a_full_disk_is_one_line(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(RED_LINE)
    with open("/dev/full", "wb") as full:
        on_stdout = subprocess.run(
            [*command(), "clean", str(source)], stdout=full, stderr=subprocess.PIPE, check=False
        )
    message = on_stdout.stderr.decode()
    assert on_stdout.returncode == 2 and "No space left" in message and "Traceback" not in message
    on_file = run("clean", str(source), "-o", "/dev/full")
    assert on_file.returncode == 2 and b"No space left" in on_file.stderr
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


@pytest.mark.parametrize("flag", ["-o", "--rejects", "--stats"])
def test_an_unwritable_output_is_refused_before_the_run(tmp_path: Path, flag: str) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(RED_LINE)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    target = blocker / "out.jsonl"
    out = run("clean", str(source), flag, str(target))
    one_line_error(out, str(target))
    assert out.stdout == b""  # nothing was cleaned first


def test_audit_html_unwritable_is_refused(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    source = tmp_path / "in.jsonl"
    source.write_bytes(RED_LINE)
    one_line_error(run("audit", str(source), "--html", str(blocker / "r.html")), str(blocker))


def test_sighup_cleans_up_like_sigterm(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    proc = subprocess.Popen(
        [*command(), "clean", "--format", "jsonl", "-o", str(target)],
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdin is not None
    proc.stdin.write(RED_LINE)
    proc.stdin.flush()
    time.sleep(2)
    proc.send_signal(signal.SIGHUP)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert b"interrupted; no output written" in err
    assert list(tmp_path.iterdir()) == []


# -- smaller -----------------------------------------------------------------------------------
def test_carriage_returns() -> None:
    once = newsclean.clean("a \r \nb")
    assert once == newsclean.clean(once) == "a\r\nb"
    assert newsclean.clean("One.\r\n\r\n\r\n\r\nTwo.\r\n") == "One.\r\n\r\nTwo.\r\n"
    assert (
        newsclean.clean("Story.\rAdvertisement\rMore story , here.") == "Story.\rMore story, here."
    )


def test_directories_give_known_formats_by_default(tmp_path: Path) -> None:
    (tmp_path / "feed.jsonl").write_bytes(RED_LINE)
    (tmp_path / "tool.py").write_text("x = 1 ,2\n")
    (tmp_path / "README").write_text("al -Assad\n")
    out = run("clean", str(tmp_path), "-o", str(tmp_path / "out") + "/")
    assert out.returncode == 0, out.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["feed.jsonl"]


def test_output_extension_must_match_the_format(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(RED_LINE)
    out = run("clean", str(source), "-o", str(tmp_path / "out.csv"))
    assert "name it .jsonl" in one_line_error(out, str(tmp_path / "out.csv"))


def test_messages() -> None:
    out = run("clean", "--profile", "MT", stdin=b"x")
    assert out.returncode == 2 and b"Did you mean 'mt'?" in out.stderr
    out = run("clean", "--strict", "--format", "jsonl", stdin=b"{broken\n")
    assert b"output incomplete" in out.stderr and b"no output written" not in out.stderr
    feed = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><item><title>t</title>'
        b"<description>https://example.com/story.html</description></item></channel></rss>"
    )
    out = run("clean", "--format", "feed", stdin=feed)
    assert out.returncode == 0 and b"Warning" not in out.stderr, out.stderr


def test_a_terminal_on_stdin_is_told_what_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    from newsclean.cli import common

    class Terminal(io.BytesIO):
        def isatty(self) -> bool:
            return True

    fake = io.TextIOWrapper(Terminal(b"plain text\n"))
    monkeypatch.setattr(sys, "stdin", fake)
    monkeypatch.setattr(common, "_STDIN", [])
    messages = io.StringIO()
    monkeypatch.setattr(sys, "stderr", messages)
    common.stdin_stream()
    assert "reading standard input" in messages.getvalue()


# -- the splice, on generated records ------------------------------------------------------------
def test_splice_gives_the_object_with_new_strings() -> None:
    from hypothesis import given
    from hypothesis import strategies as st

    values = st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=5),
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3)
        ),
        max_leaves=8,
    )

    @given(
        item=st.dictionaries(st.text(max_size=4), values, max_size=4),
        text=st.text(max_size=10),
        new=st.text(max_size=10),
        indent=st.sampled_from([None, 1]),
        ascii_only=st.booleans(),
    )
    def check(
        item: dict[str, object], text: str, new: str, indent: int | None, ascii_only: bool
    ) -> None:
        item = {**item, "body": {"text": text}}
        source = json.dumps(item, indent=indent, ensure_ascii=ascii_only)
        spliced = splice_strings(source, {"body.text": new})
        assert json.loads(spliced) == {**item, "body": {"text": new}}
        head = source.index('"body"')  # everything before the value is kept as it was
        assert spliced[:head] == source[:head]

    check()


# -- a fuzz run of the CLI: every record out, cleaned or byte for byte ----------------------------
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from newsclean import cli  # noqa: E402
from newsclean.io import FormatOptions  # noqa: E402
from newsclean.io.delimited import read_delimited  # noqa: E402

PIECES = ["al -Assad", " ,", "&amp;quot;", "price,quot;", "\\ud83d", "\\u00e9", "\\n", "\\\\", "x"]
PIECES += ['\\"', "é", "Advertisement", "  ", "▁a▁b", "\\t", "<p>", "&#146;", "1E5"]
CELL_PIECES = ['"', ",", "\t", "\r\n", "\n", "al -Assad", " ,", "é", "x", "&amp;quot;", "\r"]
FUZZ = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def json_line() -> st.SearchStrategy[bytes]:
    text = st.lists(st.sampled_from(PIECES), max_size=8).map("".join)
    extra = st.sampled_from(['"n": 1E5, ', '"k": [[{"a": null}]], ', '"text": 1, ', ""])
    good = st.builds(lambda e, t: ("{" + e + '"text": "' + t + '"}').encode(), extra, text)
    bad = st.sampled_from([b"{broken", b'{"text": "\xff"}', b"[1]", b'{"other": "x"}', b"  "])
    return st.one_of(good, good, bad)


def main_in_process(*args: str) -> int:
    try:
        return cli.main(list(args))
    except SystemExit as exc:  # argparse
        return int(exc.code or 0)


def reject_bytes(path: Path) -> list[bytes]:
    if not path.exists():
        return []
    rows = [json.loads(line) for line in path.read_bytes().splitlines()]
    return [
        base64.b64decode(r["raw_base64"]) if "raw_base64" in r else str(r["raw"]).encode()
        for r in rows
    ]


@FUZZ
@given(
    lines=st.lists(json_line(), max_size=12),
    endings=st.lists(st.sampled_from([b"\n", b"\r\n"]), min_size=12, max_size=12),
    final=st.booleans(),
)
def test_fuzz_jsonl(tmp_path: Path, lines: list[bytes], endings: list[bytes], final: bool) -> None:
    raws = [line + end for line, end in zip(lines, endings, strict=False)]
    if raws and not final:
        raws[-1] = lines[-1]
    source, target, rejects = tmp_path / "in.jsonl", tmp_path / "out.jsonl", tmp_path / "rej.jsonl"
    source.write_bytes(b"".join(raws))
    rejects.unlink(missing_ok=True)
    assert main_in_process("clean", str(source), "-o", str(target), "--rejects", str(rejects)) in (
        0,
        4,
    )
    out = target.read_bytes().splitlines(keepends=True)
    assert len(out) == len(raws)
    for before, after in zip(raws, out, strict=True):
        if before == after:
            continue
        old, new = json.loads(before), json.loads(after)
        assert {**old, "text": None} == {**new, "text": None}
        assert new["text"] == newsclean.clean(old["text"])
    for raw in reject_bytes(rejects):
        assert raw in raws


@FUZZ
@given(
    rows=st.lists(
        st.lists(
            st.lists(st.sampled_from(CELL_PIECES), max_size=5).map("".join), min_size=1, max_size=3
        ),
        max_size=8,
    ),
    delimiter=st.sampled_from([",", "\t"]),
    quote_all=st.booleans(),
)
def test_fuzz_delimited(
    tmp_path: Path, rows: list[list[str]], delimiter: str, quote_all: bool
) -> None:
    import csv
    import io

    buffer = io.StringIO()
    if delimiter == "\t":  # TSV is unquoted: cells joined as they are (a quote is text)
        buffer.write("id\ttext\n" + "".join("\t".join(row) + "\n" for row in rows))
    else:
        quoting = csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL
        writer = csv.writer(buffer, quoting=quoting)
        writer.writerow(["id", "text"])
        writer.writerows(rows)
    data = buffer.getvalue().encode()
    if rows and rows[-1][0].endswith("x"):
        data += b'"unclosed,row\n'
    suffix = ".csv" if delimiter == "," else ".tsv"
    source, target, rejects = (
        tmp_path / f"in{suffix}",
        tmp_path / f"out{suffix}",
        tmp_path / "rej.jsonl",
    )
    source.write_bytes(data)
    rejects.unlink(missing_ok=True)
    assert main_in_process("clean", str(source), "-o", str(target), "--rejects", str(rejects)) in (
        0,
        4,
    )
    read = lambda path: list(  # noqa: E731
        read_delimited(io.BytesIO(path.read_bytes()), "x", FormatOptions(), delimiter)
    )
    before, after = read(source), read(target)
    assert len(before) == len(after)
    for old, new in zip(before, after, strict=True):
        if old.raw == new.raw:
            continue
        assert not old.passed_through and not new.passed_through
        assert [c for i, c in enumerate(old.item) if i != 1] == [
            c for i, c in enumerate(new.item) if i != 1
        ]
        assert new.texts["1"] == newsclean.clean(old.texts["1"])
    for raw in reject_bytes(rejects):
        assert raw in data


@FUZZ
@given(cut=st.integers(min_value=0, max_value=400), kind=st.sampled_from(["gz", "bz2", "xz"]))
def test_fuzz_truncated_compressed(tmp_path: Path, cut: int, kind: str) -> None:
    import bz2
    import lzma

    compress = {"gz": gzip.compress, "bz2": bz2.compress, "xz": lzma.compress}[kind]
    data = compress(RED_LINE * 40)
    source, target = tmp_path / f"in.jsonl.{kind}", tmp_path / "out.jsonl"
    source.write_bytes(data[: min(cut, len(data))])
    target.unlink(missing_ok=True)
    code = main_in_process("clean", str(source), "-o", str(target))
    assert code == (0 if cut >= len(data) else 2)
    assert target.exists() == (code == 0)


# -- first use and hostile input (issue 32) -------------------------------------------------------
def test_stdout_onto_an_input_is_refused(tmp_path: Path) -> None:
    """`newsclean clean t.jsonl >> t.jsonl` used to read its own output for ever, and
    `> t.jsonl` to empty the input with status 0. Refused as `cat` refuses."""
    source = tmp_path / "t.jsonl"
    source.write_bytes(RED_LINE)
    with open(source, "ab") as appended:
        out = subprocess.run(
            [*command(), "clean", str(source)],
            stdout=appended,
            stderr=subprocess.PIPE,
            timeout=60,
            check=False,
        )
    assert out.returncode == 2, out.stderr
    assert out.stderr.decode() == (
        f"newsclean: {source}: input file is also standard output; write to another file\n"
    )
    assert source.read_bytes() == RED_LINE  # untouched
    with open(source, "wb") as truncated:  # what the shell's `>` does before the command runs
        out = subprocess.run(
            [*command(), "clean", str(source)],
            stdout=truncated,
            stderr=subprocess.PIPE,
            check=False,
        )
    assert out.returncode == 2 and b"input file is also standard output" in out.stderr
    other = tmp_path / "other.jsonl"
    source.write_bytes(RED_LINE)
    with open(other, "wb") as elsewhere:
        out = subprocess.run(
            [*command(), "clean", str(source)],
            stdout=elsewhere,
            stderr=subprocess.PIPE,
            check=False,
        )
    assert out.returncode == 0 and other.read_bytes() != b""


def test_a_missing_output_folder_is_an_error_not_made(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(RED_LINE)
    target = tmp_path / "missing" / "dir" / "x.jsonl"
    message = one_line_error(run("clean", str(source), "-o", str(target)), str(target))
    assert "does not exist" in message and not (tmp_path / "missing").exists()
    # -o DIR/ makes DIR (and the subfolders its files need) when its parent exists, as mkdir
    one_line_error(run("clean", str(source), "-o", f"{tmp_path}/a/b/"), f"{tmp_path}/a/b")
    assert not (tmp_path / "a").exists()
    out = run("clean", str(source), "-o", f"{tmp_path}/made/")
    assert out.returncode == 0 and (tmp_path / "made" / "in.jsonl").exists()


def test_a_write_error_names_the_users_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The temporary file beside the output is an implementation detail: errors name the output."""
    import tempfile

    from newsclean.io.atomic import atomic_binary_writer

    target = tmp_path / "out.jsonl"

    def refused(*args: object, prefix: str = "", suffix: str = "", dir: str = "") -> None:
        raise PermissionError(13, "Permission denied", f"{dir}/{prefix}abc{suffix}")

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    with pytest.raises(PermissionError) as caught, atomic_binary_writer(target):
        pass
    assert caught.value.filename == str(target)


def test_killed_runs_leave_no_partials_once_the_next_run_ends(tmp_path: Path) -> None:
    """kill -9 cannot be caught: the partial stays until the next run that writes the same
    output removes it (and only the partials whose process is gone)."""
    source = tmp_path / "big.jsonl"
    source.write_bytes(RED_LINE * 200_000)
    target = tmp_path / "out.jsonl"
    proc = subprocess.Popen(
        [*command(), "clean", str(source), "-o", str(target)], stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 60
    while not any(p.name.endswith(".partial") for p in tmp_path.iterdir()):
        assert time.monotonic() < deadline and proc.poll() is None
        time.sleep(0.05)
    proc.kill()
    proc.wait()
    (left,) = [p for p in tmp_path.iterdir() if p.name.endswith(".partial")]
    assert left.name.startswith(".out.jsonl.")
    # a live writer's partial of the same output, and another output's, are kept
    live = (
        tmp_path / f".out.jsonl.{left.name.split('.')[3].rsplit('-', 1)[0]}-{os.getpid()}.k.partial"
    )
    live.write_bytes(b"")
    elsewhere = tmp_path / ".other.jsonl.h-999999999.k.partial"
    elsewhere.write_bytes(b"")
    small = tmp_path / "small.jsonl"
    small.write_bytes(RED_LINE)
    out = run("clean", str(small), "-o", str(target))
    assert out.returncode == 0, out.stderr
    partials = sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".partial"))
    assert partials == sorted([live.name, elsewhere.name])


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-be"])
def test_utf16_and_utf32_with_a_bom_are_decoded_and_written_as_utf8(
    tmp_path: Path, codec: str
) -> None:
    """A byte order mark is unambiguous: the file is decoded, cleaned and written as UTF-8
    (it used to be 'not UTF-8' and passed through, a UTF-16 JSONL record as two rejects)."""
    bom = {"utf-16-le": "\ufeff", "utf-16-be": "\ufeff", "utf-32-be": "\ufeff"}.get(codec, "")
    lines = RED_LINE.decode() + '{"id": 2, "text": "Café ,über"}\n'
    source = tmp_path / "in.jsonl"
    source.write_bytes((bom + lines).encode(codec))
    for args in (
        ["clean", str(source)],
        ["clean", "--jobs", "2", "--shard-mb", "0.00001", str(source)],
    ):
        out = run(*args)
        assert out.returncode == 0, out.stderr
        assert jsonl(out.stdout) == [
            {"id": 1, "text": 'a "red line"'},
            {"id": 2, "text": "Café ,über"},
        ]
        assert f"{source}: read as utf-{codec[4:6]}, written as UTF-8".encode() in out.stderr
    text = tmp_path / "in.txt"
    text.write_bytes((bom + "Bashar al -Assad said .\n").encode(codec))
    out = run("clean", "--profile", "mt", str(text))
    assert out.returncode == 0 and out.stdout == b"Bashar al-Assad said.\n", out.stderr
    piped = run("clean", "--format", "jsonl", "-", stdin=source.read_bytes())
    assert piped.returncode == 0 and len(jsonl(piped.stdout)) == 2, piped.stderr


def test_a_declared_legacy_encoding(tmp_path: Path) -> None:
    source = tmp_path / "in.txt"
    source.write_bytes("Café owners said “it is open” &amp;quot;now&amp;quot;.\n".encode("cp1252"))
    assert run("clean", str(source)).returncode == 4  # not UTF-8: passed through, reported
    out = run("clean", "--encoding", "cp1252", str(source))
    assert out.returncode == 0, out.stderr
    assert out.stdout.decode("utf-8") == 'Café owners said “it is open” "now".\n'
    one_line_error(run("clean", "--encoding", "klingon", str(source)), "--encoding 'klingon'")
    undefined = tmp_path / "undefined.txt"
    undefined.write_bytes(b"caf\x81\n")  # 0x81 means nothing in cp1252
    message = one_line_error(run("clean", "--encoding", "cp1252", str(undefined)), str(undefined))
    assert "not cp1252" in message and "--errors replace" in message


def test_errors_replace_cleans_what_is_not_utf8(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(b'{"text": "caf\xe9 &amp;quot;x&amp;quot;"}\n' + RED_LINE)
    rejects = tmp_path / "rej.jsonl"
    kept = run("clean", str(source), "--rejects", str(rejects))
    assert (
        kept.returncode == 4 and kept.stdout.splitlines()[0] == source.read_bytes().splitlines()[0]
    )
    out = run("clean", "--errors", "replace", str(source))
    assert out.returncode == 0, out.stderr
    assert jsonl(out.stdout) == [{"text": 'caf\ufffd "x"'}, {"id": 1, "text": 'a "red line"'}]


# Hostile one-line documents, an artifact every few characters (benchmarks/memory.py's dense
# cases): every artifact is an edit, so what a cleaner holds per edit decides the peak.
DENSE = {
    "default": ["price,quot; for AT&amp;amp;T ", "word  word\u00a0 \u200b "],
    "mt": ["&quot; Yes , &quot; he said . ", "al -Assad isn 't Turkey 's well @-@ known <unk> "],
}


@pytest.mark.parametrize(("profile", "unit"), [(p, u) for p, units in DENSE.items() for u in units])
def test_a_huge_dense_document_is_cleaned_within_a_few_times_its_size(
    profile: str, unit: str
) -> None:
    """Issue 32: peak memory within 4x the document. The Python allocations made while
    cleaning 1 MB of dense artifacts (the text itself not counted) stay within 3.5 times its
    size in memory (2.2-3.3 on 2026-12-07; `benchmarks/memory.py` has the whole process at
    20 MB: 2.7-3.6x with the text); lists of edit tuples, ~130 bytes an edit, took 5.7-13.7x."""
    import sys
    import tracemalloc

    text = (unit * (1_000_000 // len(unit) + 1))[:1_000_000]
    newsclean.clean(text[:5000], profile=profile)  # the language model, loaded once
    tracemalloc.start()
    try:
        cleaned = newsclean.clean(text, profile=profile)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert cleaned != text
    assert peak < 3.5 * sys.getsizeof(text), f"{peak / sys.getsizeof(text):.1f}x"
