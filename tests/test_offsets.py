"""Offsets between the cleaned and the raw text (Explained.to_raw / to_clean, OffsetMap)."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsclean
from newsclean.explain import Explained

REAL = Path(__file__).parent / "data" / "real"


def check_map(raw: str, explained: Explained, rng: random.Random) -> None:
    clean, m = explained.text, explained.offsets
    assert m.raw_length == len(raw) and m.clean_length == len(clean)
    c = r = 0
    for g in m.segments:  # the segments tile both texts, in order
        assert (g.clean_start, g.raw_start) == (c, r)
        c, r = g.clean_end, g.raw_end
        if g.kept:  # a kept character maps to itself
            assert clean[g.clean_start : g.clean_end] == raw[g.raw_start : g.raw_end]
        else:
            a = explained.to_clean(g.raw_start, g.raw_end)
            assert a == (g.clean_start, g.clean_end) or g.raw_start == g.raw_end
    assert (c, r) == (len(clean), len(raw))
    kept = [g for g in m.segments if g.kept and g.clean_end > g.clean_start]
    for g in rng.sample(kept, min(len(kept), 20)):
        a = rng.randrange(g.clean_start, g.clean_end)
        b = rng.randrange(a, g.clean_end) + 1
        ra, rb = explained.to_raw(a, b)
        assert raw[ra:rb] == clean[a:b]
        assert explained.to_clean(ra, rb) == (a, b)  # the round trip on kept text
    points = sorted(rng.randrange(len(clean) + 1) for _ in range(20))
    mapped = [explained.to_raw(p, p)[0] for p in points]
    assert mapped == sorted(mapped)  # monotone


def _real_texts() -> list[tuple[str, str]]:
    out = []
    for name in ("cases.jsonl", "articles.jsonl"):
        for line in (REAL / name).read_text("utf-8").split("\n"):  # not splitlines: U+2028
            if not line:
                continue
            row = json.loads(line)
            out.append((row.get("raw") or row.get("text") or "", row.get("profile", "default")))
    return out


def test_every_real_case_maps_both_ways() -> None:
    rng = random.Random(7)
    texts = _real_texts()
    assert len(texts) > 300
    changed = 0
    for raw, profile in texts:
        for name in {profile, "mt"}:
            explained = newsclean.Pipeline.from_profile(name).explain(raw)
            changed += bool(explained.changes)
            check_map(raw, explained, rng)
    assert changed > 100


PIECES = [
    "al -Assad",
    "&amp;quot;",
    'a "high price,quot; for',
    " .",
    "the the",
    "\n\n",
    "word ",
    "<b>",
    "</b>",
    "Ã©tÃ©",
    "\u200b",
    "Share this article\n",
    "@-@",
    "&#8217;",
    "  ",
    "x",
    "Read more: Other story\n",
    "don 't",
    "\t",
    "é",
    "%MINIFYHTMLabc%",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30), st.sampled_from(["default", "mt"]))
def test_generated_texts_map_both_ways(parts: list[str], profile: str) -> None:
    raw = "".join(parts)
    explained = newsclean.Pipeline.from_profile(profile).explain(raw)
    check_map(raw, explained, random.Random(len(raw)))
    assert newsclean.replay(raw, explained.changes) == explained.text


def test_an_entity_span_projected_back() -> None:
    raw = "Bashar al -Assad met the the envoy in Damascus."
    explained = newsclean.explain(raw, profile="mt")
    start = explained.text.index("al-Assad")
    a, b = explained.to_raw(start, start + len("al-Assad"))
    assert raw[a:b] == "al -Assad"


def test_spans_outside_the_text_are_refused() -> None:
    explained = newsclean.explain("al -Assad")
    with pytest.raises(ValueError, match="outside the text"):
        explained.to_raw(0, 99)


def test_explain_json_offsets(tmp_path: Path) -> None:
    src = tmp_path / "t.txt"
    raw = 'Bashar al -Assad paid a "high price,quot; for it'
    src.write_text(raw, encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "newsclean", "explain", str(src), "--json", "--offsets"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    row = json.loads(out)[0]
    explained = newsclean.explain(raw)
    for cs, ce, rs, re_ in row["offsets"]:
        assert explained.to_clean(rs, re_) == (cs, ce)
        if ce > cs:
            assert explained.to_raw(cs, ce) == (rs, re_)
    assert [9, 9, 9, 10] in row["offsets"]  # the deleted space of "al -Assad"


def test_the_batch_api_gives_the_maps_as_a_column() -> None:
    from newsclean.batch import BatchCleaner

    texts = [raw for raw, _ in _real_texts()[:60]] + [None]
    out = BatchCleaner(["text"], counts_column="n", offsets_column="offsets")({"text": texts})
    for raw, cleaned, n, offsets in zip(texts, out["text"], out["n"], out["offsets"], strict=True):
        maps = json.loads(offsets)
        if raw is None:
            assert maps == {"text": None} and n is None and cleaned is None
            continue
        explained = newsclean.explain(raw)
        assert cleaned == explained.text and n == len(explained.changes)
        assert [tuple(m) for m in maps["text"]] == explained.offsets.replaced()


def test_the_batch_api_offsets_on_arrow() -> None:
    pa = pytest.importorskip("pyarrow")
    from newsclean.batch import BatchCleaner

    table = pa.table({"text": ["Bashar al -Assad said .", None]})
    out = BatchCleaner(offsets_column="offsets")(table)
    assert out.column("offsets").to_pylist() == [
        '{"text":[[9,9,9,10],[20,20,21,22]]}',
        '{"text":null}',
    ]
