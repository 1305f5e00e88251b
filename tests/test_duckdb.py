"""newsclean in DuckDB's SQL: the same output as newsclean.clean, row for row (real corpus)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

duckdb = pytest.importorskip("duckdb")
pa = pytest.importorskip("pyarrow")

import newsclean  # noqa: E402
from newsclean.integrations.duckdb import register  # noqa: E402

REAL = Path(__file__).parent / "data" / "real"


def _texts() -> list[str | None]:
    rows = []
    for name in ("cases.jsonl", "articles.jsonl"):
        for line in (REAL / name).read_text("utf-8").split("\n"):
            if line:
                row = json.loads(line)
                rows.append(row.get("raw") or row.get("text"))
    return [*rows, None]


@pytest.mark.parametrize("profile", ["default", "mt"])
def test_sql_gives_exactly_clean_on_the_real_corpus(profile: str) -> None:
    texts = _texts()
    con = register(duckdb.connect(), profile=profile)
    con.register("articles", pa.table({"id": list(range(len(texts))), "body": texts}))
    got = con.sql("SELECT id, newsclean_clean(body) FROM articles ORDER BY id").fetchall()
    assert [v for _, v in got] == [
        None if t is None else newsclean.clean(t, profile=profile) for t in texts
    ]


def test_a_profile_per_row() -> None:
    con = register(duckdb.connect())
    raw = "Bashar al -Assad said the the war"
    got = con.execute(
        "SELECT newsclean_clean_as(?, 'mt'), newsclean_clean_as(?, 'default'), newsclean_clean(?)",
        [raw, raw, raw],
    ).fetchone()
    assert got == (newsclean.clean(raw, profile="mt"), newsclean.clean(raw), newsclean.clean(raw))


def test_an_unknown_profile_is_an_error_naming_it() -> None:
    con = register(duckdb.connect())
    with pytest.raises(duckdb.Error, match="unknown profile 'fr'"):
        con.sql("SELECT newsclean_clean_as('x', 'fr')").fetchall()


def test_the_readme_recipe_runs(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"body": "Bashar al -Assad said price,quot; rose"}) + "\n")
    con = duckdb.connect()
    register(con)
    got = con.sql(f"SELECT newsclean_clean(body) FROM read_json('{feed}')").fetchall()
    assert got == [(newsclean.clean("Bashar al -Assad said price,quot; rose"),)]
