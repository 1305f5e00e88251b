"""HTML in, clean text out: article extraction from real pages, faithful rendering of
fragments, code left alone, and the formats around them (JSON Feed, empty feeds, metadata)."""

from __future__ import annotations

import gzip
import json
import re
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from bs4.element import Comment, NavigableString, Tag
from hypothesis import given
from hypothesis import strategies as st

import newsclean
from newsclean.io.extract import extract
from newsclean.io.html import _SKIP, html_to_text
from test_cli import jsonl, run

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "tests" / "data" / "pages"
sys.path.insert(0, str(ROOT / "benchmarks"))
from extraction import page_scores, score  # noqa: E402

TRUTH = json.loads((PAGES / "ground-truth.json").read_text(encoding="utf-8"))


def page(key: str) -> bytes:
    return gzip.decompress((PAGES / "html" / f"{key}.html.gz").read_bytes())


# -- pages: a maintained extractor ----------------------------------------------------------------
def test_cli_extracts_the_article_of_real_pages(tmp_path: Path) -> None:
    """`newsclean clean DIR -o OUT/` on real pages: as good as trafilatura on the benchmark's
    ground truth, in the same run (the whole 61-page figure: benchmarks/extraction.py)."""
    out = run("clean", str(PAGES / "html"), "-o", f"{tmp_path}/")
    assert out.returncode == 0, out.stderr
    expected = {key: entry["articleBody"] for key, entry in TRUTH.items()}
    ours = {key: (tmp_path / f"{key}.txt").read_text(encoding="utf-8") for key in TRUTH}
    import trafilatura

    theirs = {key: trafilatura.extract(page(key), include_comments=False) or "" for key in TRUTH}
    ours_f1, theirs_f1 = score(expected, ours)["f1"], score(expected, theirs)["f1"]
    assert ours_f1 >= 0.95
    assert ours_f1 >= theirs_f1 - 0.01
    # every page's output is a text file: it ends with a line break
    assert all(text.endswith("\n") for text in ours.values())


def test_render_alone_keeps_page_furniture() -> None:
    """Why pages go to an extractor: every visible text node has far lower precision."""
    key = "94fbcc26772088646cb977cecf1abc4012847a1f6927d09505cbf0c3d417ba07"
    precision_render, _ = page_scores(TRUTH[key]["articleBody"], html_to_text(page(key)))
    precision_extract, _ = page_scores(TRUTH[key]["articleBody"], extract(page(key)).text)
    assert precision_extract > precision_render + 0.2


def test_metadata_as_jsonl_fields(tmp_path: Path) -> None:
    key = "dc7ccccc1f34eb2928cb238739aaf18c712d59d8d34b41acfb29178aeba65356"
    target = tmp_path / "pages.jsonl"
    out = run("clean", str(PAGES / "html" / f"{key}.html.gz"), "-o", str(target))
    assert out.returncode == 0, out.stderr
    (record,) = jsonl(target.read_bytes())
    assert record["title"] and record["date"] and record["url"] == TRUTH[key]["url"]
    assert record["text"] == newsclean.clean(extract(page(key)).text) + "\n"
    assert "filedate" not in record  # the day of the run would make output differ by day


def test_without_trafilatura_a_one_line_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import fails as if not installed
    with pytest.raises(newsclean.MissingDependencyError, match=r"pip install 'newsclean\[html\]'"):
        extract("<p>x</p>")


def test_no_article_found_falls_back_to_the_whole_text() -> None:
    found = extract("<p>Short.</p>")
    assert found.extractor == "render" and found.text == "Short."


# -- fragments: a faithful renderer ---------------------------------------------------------------
def _visible_text_nodes(markup: bytes) -> list[str]:
    soup = BeautifulSoup(markup, "html.parser")
    found = []
    for node in soup.find_all(string=True):
        if isinstance(node, Comment) or not isinstance(node, NavigableString):
            continue
        if type(node) is not NavigableString:  # doctype, CDATA, processing instructions
            continue
        parents = [p for p in node.parents if isinstance(p, Tag)]
        if any(p.name in _SKIP for p in parents):
            continue
        text = " ".join(str(node).split())
        if text:
            found.append(text)
    return found


@pytest.mark.parametrize("key", sorted(TRUTH))
def test_render_keeps_every_visible_text_node_of_real_pages(key: str) -> None:
    """Every text node comes out with its words intact (none dropped, none glued to a
    neighbour), in document order."""
    rendered = html_to_text(page(key))
    flat = " ".join(rendered.split())
    position = 0
    for text in _visible_text_nodes(page(key)):
        at = flat.find(text, position)
        assert at >= 0, f"lost or glued: {text[:80]!r}"
        position = at + len(text)


def test_render_line_and_block_breaks() -> None:
    assert html_to_text("First line<br>second line") == "First line\nsecond line"
    assert html_to_text("<span>one</span><span>two</span> <b>three</b>") == "onetwo three"
    assert html_to_text("text <div>block</div> tail") == "text\n\nblock\n\ntail"
    assert html_to_text("<form><p>Body of the page.</p></form>") == "Body of the page."
    assert html_to_text("<ul><li>a</li><li>b</li></ul>outside") == "a\n\nb\n\noutside"


def test_alt_text_kept_or_dropped() -> None:
    markup = '<p>Lead.</p><img alt="A man walks"><p>Next.</p>'
    assert html_to_text(markup) == "Lead.\n\nA man walks\n\nNext."
    assert html_to_text(markup, alt_text=False) == "Lead.\n\nNext."


# -- code is not prose ----------------------------------------------------------------------------
CODE_ITEM = (
    "<p>Set the value with <code>x = a ? b : c</code> , then run it .</p>"
    "<pre>x = a ? b : c\nx = a ? b : c\n  print ( x )</pre>"
    "<p>Bashar al -Assad said .</p>"
)


def test_code_from_html_is_left_alone() -> None:
    rendered = html_to_text(CODE_ITEM)
    cleaned = newsclean.clean(rendered)
    assert "```\nx = a ? b : c\nx = a ? b : c\n  print ( x )\n```" in cleaned
    assert "`x = a ? b : c`" in cleaned
    assert "Bashar al-Assad said." in cleaned  # the prose around it is still cleaned


def test_code_in_plain_text_fenced_or_indented() -> None:
    text = (
        "Bashar al -Assad spoke.\n\n~~~\nCOPY . /app\nCOPY . /app\n~~~\n\n"
        "Or this:\n\n    if x == 1 :\n        y = a ? b : c\n\nBashar al -Assad said ."
    )
    cleaned = newsclean.clean(text)
    assert "~~~\nCOPY . /app\nCOPY . /app\n~~~" in cleaned
    assert "    if x == 1 :\n        y = a ? b : c" in cleaned
    assert cleaned.startswith("Bashar al-Assad spoke.") and cleaned.endswith(
        "Bashar al-Assad said."
    )
    explained = newsclean.explain(text)
    assert newsclean.replay(text, explained.changes) == explained.text == cleaned


def test_indented_prose_is_not_code() -> None:
    """Wire copy indents paragraphs: without code evidence, an indented block is prose."""
    text = "    Bashar al -Assad said .\n\n    Talks resumed ."
    assert newsclean.clean(text) != text


# -- feeds and formats ----------------------------------------------------------------------------
def test_json_feed(tmp_path: Path) -> None:
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Example",
        "items": [
            {
                "id": "1",
                "url": "https://example.org/1",
                "title": "Talks resume",
                "content_html": "<p>Bashar al -Assad <b>said</b>.</p><p>First<br>line</p>",
            },
            {"id": "2", "content_text": "Plain text , item two ."},
        ],
    }
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(feed), encoding="utf-8")
    out = run("clean", str(path))
    assert out.returncode == 0, out.stderr
    items = jsonl(out.stdout)
    assert [i["id"] for i in items] == ["1", "2"]
    assert items[0]["content"] == "Bashar al-Assad said.\n\nFirst\nline"
    assert items[0]["link"] == "https://example.org/1"
    assert items[1]["content"] == "Plain text, item two."


def test_empty_feed_is_zero_records_and_non_feed_xml_says_so(tmp_path: Path) -> None:
    empty = tmp_path / "empty.rss"
    empty.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>',
        encoding="utf-8",
    )
    out = run("clean", str(empty))
    assert out.returncode == 0 and out.stdout == b"" and b"0 records" in out.stderr
    other = tmp_path / "note.xml"
    other.write_text('<?xml version="1.0"?><note><to>x</to></note>', encoding="utf-8")
    out = run("clean", str(other))
    assert out.returncode == 4 and b"note.xml: not an RSS, Atom or RDF feed" in out.stderr


def test_extensionless_xhtml_page_is_read_as_html(tmp_path: Path) -> None:
    path = tmp_path / "page"
    path.write_bytes(
        b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- saved -->\n<html xmlns="http://www.w3.org/1999/xhtml">'
        b"<body><p>Bashar al -Assad said.</p></body></html>"
    )
    out = run("clean", str(path), "--extractor", "render")
    assert out.returncode == 0, out.stderr
    assert out.stdout == b"Bashar al-Assad said.\n"


def test_feed_items_to_jsonl_file_is_accepted(tmp_path: Path) -> None:
    feed = ROOT / "samples" / "feed.rss"
    out = run("clean", str(feed), "-o", str(tmp_path / "items.jsonl"))
    assert out.returncode == 0, out.stderr
    assert len(jsonl((tmp_path / "items.jsonl").read_bytes())) == 4


def test_html_to_a_mismatched_name_is_refused(tmp_path: Path) -> None:
    key = next(iter(TRUTH))
    out = run("clean", str(PAGES / "html" / f"{key}.html.gz"), "-o", str(tmp_path / "x.csv"))
    assert out.returncode == 2
    assert re.search(rb"x\.csv: the output is txt", out.stderr)


@given(
    st.lists(
        st.sampled_from(
            [
                "",
                "    ",
                "\t",
                "Prose line.",
                "x = 1",
                "if x == 1 :",
                "def f():",
                "    y = 2",
                "\tz = 3",
                "    plain words",
                " ",
                "Talks resumed .",
                "Run `x = 1` now",
                "    `pip install x` and `f()`",
                "He said , `` we go . ''",
                "a `b` c",
            ]
        ),
        max_size=12,
    ).map("\n".join)
)
def test_indented_blocks_fast_path_agrees_with_the_walk(text: str) -> None:
    from newsclean._code import _indented_blocks, _walk, protected_spans

    assert protected_spans(text) == _walk(text)
    if "`" not in text:
        assert _indented_blocks(text) == _walk(text)
    for other in ("\r\n", "\x0c", "\u2028"):  # other line breaks go to the walk
        assert protected_spans(text.replace("\n", other)) == _walk(text.replace("\n", other))


# -- hostile nesting: any depth, no RecursionError ------------------------------------------------
DEEP_SENTENCE = (
    "Negotiators met in Geneva on Tuesday for a third round of talks about the ceasefire."
)


def _deep_page(depth: int) -> str:
    return (
        "<html><body><article>"
        + "<div><span>" * depth
        + f"<p>{DEEP_SENTENCE}</p>"
        + "</span></div>" * depth
        + "</article></body></html>"
    )


@pytest.mark.parametrize("depth", [1_000, 20_000])
def test_deep_nesting_rendered_whole(depth: int) -> None:
    assert html_to_text(_deep_page(depth)) == DEEP_SENTENCE


def test_deep_page_extracted_or_rendered(monkeypatch: pytest.MonkeyPatch) -> None:
    assert extract(_deep_page(2_000)).text == DEEP_SENTENCE
    import trafilatura

    def too_deep(*args: object, **kwargs: object) -> str:
        raise RecursionError("maximum recursion depth exceeded")

    # Whatever part of the extractor walks the tree recursively, the page is rendered instead.
    monkeypatch.setattr(trafilatura, "extract", too_deep)
    found = extract(_deep_page(2_000))
    assert found.text == DEEP_SENTENCE and found.extractor == "render"


def test_deep_pages_and_feed_items_through_the_cli(tmp_path: Path) -> None:
    """A deep page among others, and a feed item whose description nests 2,000 <b>: every
    page and every item comes out (the issue's probe crashed the run with a traceback)."""
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a-deep.html").write_text(_deep_page(1_500), encoding="utf-8")
    (pages / "b-flat.html").write_text(_deep_page(1), encoding="utf-8")
    feed = tmp_path / "deep.rss"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        "<item><title>A</title><description><![CDATA["
        + "<b>" * 2_000
        + "Talks resumed."
        + "</b>" * 2_000
        + "]]></description></item><item><title>B</title><description>Second item."
        "</description></item></channel></rss>",
        encoding="utf-8",
    )
    for extractor in ("trafilatura", "render"):
        out = run(
            "clean", "--extractor", extractor, str(pages), "-o", f"{tmp_path}/out-{extractor}/"
        )
        assert out.returncode == 0, out.stderr
        assert b"Traceback" not in out.stderr
        for name in ("a-deep", "b-flat"):
            written = (tmp_path / f"out-{extractor}" / f"{name}.txt").read_text(encoding="utf-8")
            assert written == DEEP_SENTENCE + "\n"
    out = run("clean", str(feed))
    assert out.returncode == 0 and b"Traceback" not in out.stderr, out.stderr
    assert [item["summary"] for item in jsonl(out.stdout)] == ["Talks resumed.", "Second item."]
