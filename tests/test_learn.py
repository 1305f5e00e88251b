"""`newsclean learn`: boilerplate learned from real articles grouped by their site, and the
phrase file it writes, loaded back with --boilerplate."""

from __future__ import annotations

import json
import random
from collections import Counter
from pathlib import Path

import pytest

from newsclean.data import fold
from newsclean.learn import (
    LineCounts,
    count_lines,
    merged,
    phrase_file,
    read_phrases,
    source_of,
)
from test_cli import run

ARTICLES = Path(__file__).resolve().parent / "data" / "real" / "articles.jsonl"
ROWS = [json.loads(line) for line in ARTICLES.read_text(encoding="utf-8").splitlines()]
# Furniture that real sites repeat in every article (read off the shared corpus's articles)
KNOWN = {
    "originally published on live science",
    "story timeline",
    "ftc: we use income earning auto affiliate links. more",
    "this article has been adapted from its original source",
    "(image credit: all about space)",
}


def counted(rows: list[dict[str, str]], **kwargs: int) -> LineCounts:
    counts = LineCounts(**kwargs)
    for row in rows:
        counts.add(source_of(row, by="ref"), row["text"])
    return counts


def test_learns_the_furniture_real_sites_repeat() -> None:
    found = counted(ROWS).learned(min_documents=2, min_share=0.5)
    assert {line.key for line in found} >= KNOWN


def test_never_a_line_of_one_document_only() -> None:
    found = counted(ROWS).learned(min_documents=2, min_share=0.5)
    by_site: dict[str, Counter[str]] = {}
    for row in ROWS:
        keys = {fold(line) for line in row["text"].splitlines() if line.strip()}
        by_site.setdefault(source_of(row, by="ref"), Counter()).update(keys)
    for line in found:
        assert by_site[line.source][line.key] >= 2, line


def test_the_same_list_whatever_the_order() -> None:
    shuffled = ROWS[:]
    random.Random(7).shuffle(shuffled)
    first = phrase_file(counted(ROWS).learned(min_documents=2, min_share=0.5))
    assert first == phrase_file(counted(shuffled).learned(min_documents=2, min_share=0.5))


def test_bounded_memory_keeps_the_frequent_lines() -> None:
    rows = [
        {"ref": "https://site.example/a", "text": f"Unique line number {n} of the story."}
        for n in range(2000)
    ]
    rows += [{"ref": "https://site.example/b", "text": "Sign up for the Site newsletter"}] * 600
    counts = counted(rows, max_entries=100)
    assert len(counts.counts) <= 100
    (line,) = counts.learned(min_documents=5, min_share=0.1)
    assert line.key == "sign up for the site newsletter" and line.documents >= 590


def test_shards_merge_to_the_whole() -> None:
    whole = counted(ROWS)
    left, right = counted(ROWS[:150]), counted(ROWS[150:])
    left.merge(right)
    assert left.learned(min_documents=2, min_share=0.5) == whole.learned(
        min_documents=2, min_share=0.5
    )


def test_cli_learn_then_clean_with_the_list(tmp_path: Path) -> None:
    phrases = tmp_path / "site-boilerplate.txt"
    out = run(
        "learn",
        str(ARTICLES),
        "--by",
        "ref",
        "--min-documents",
        "2",
        "--min-share",
        "0.5",
        "-o",
        str(phrases),
    )
    assert out.returncode == 0, out.stderr
    assert b"307 documents" in out.stderr
    assert set(read_phrases(phrases.read_text(encoding="utf-8"))) >= KNOWN
    article = next(r for r in ROWS if "livescience.com" in r["ref"])
    source = tmp_path / "one.jsonl"
    source.write_text(json.dumps(article) + "\n", encoding="utf-8")
    plain = json.loads(run("clean", str(source)).stdout)["text"]
    assert "Originally published on Live Science." in plain
    cleaned = run("clean", str(source), "--boilerplate", str(phrases))
    assert cleaned.returncode == 0, cleaned.stderr
    text = json.loads(cleaned.stdout)["text"]
    assert "Originally published on Live Science." not in text
    assert text.split("\n")[0] == plain.split("\n")[0]  # the story stays


def test_boilerplate_needs_the_step(tmp_path: Path) -> None:
    pipeline = tmp_path / "p.toml"
    pipeline.write_text('steps = ["join_spaced_hyphens"]\n', encoding="utf-8")
    phrases = tmp_path / "b.txt"
    phrases.write_text("story timeline\n", encoding="utf-8")
    out = run("clean", "--pipeline", str(pipeline), "--boilerplate", str(phrases), stdin=b"x")
    assert out.returncode == 2
    assert b"no drop_boilerplate_lines step" in out.stderr


@pytest.mark.cluster
def test_counts_on_a_dask_cluster_equal_the_serial_counts() -> None:
    """Each partition counted on a worker, the counts merged: the same list as one process."""
    bag_module = pytest.importorskip("dask.bag")
    rows = [{"ref": r["ref"], "text": r["text"]} for r in ROWS]
    bag = bag_module.from_sequence(rows, npartitions=6)
    counts = bag.reduction(lambda part: count_lines(part, by="ref"), merged, split_every=3).compute(
        scheduler="processes", num_workers=2
    )
    serial = count_lines(rows, by="ref")
    assert counts.learned(min_documents=2, min_share=0.5) == serial.learned(
        min_documents=2, min_share=0.5
    )
