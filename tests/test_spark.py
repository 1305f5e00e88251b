"""Spark: clean_dataframe on a local session gives newsclean.clean's output, row for row."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.cluster
pyspark = pytest.importorskip("pyspark")
pytest.importorskip("pyarrow")

import newsclean  # noqa: E402
from newsclean.errors import ConfigError  # noqa: E402
from newsclean.integrations.spark import clean_dataframe  # noqa: E402

REAL = Path(__file__).parent / "data" / "real"


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    from pyspark.sql import SparkSession

    # the workers run this environment's Python (where newsclean is installed), as a user's
    # PYSPARK_PYTHON says; Spark's own config key resolves the venv's symlink and loses it
    before = os.environ.get("PYSPARK_PYTHON")
    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("newsclean-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    yield session
    session.stop()
    if before is None:
        os.environ.pop("PYSPARK_PYTHON", None)
    else:
        os.environ["PYSPARK_PYTHON"] = before


def _rows() -> list[tuple[int, str | None]]:
    texts: list[str | None] = []
    for name in ("cases.jsonl", "articles.jsonl"):
        for line in (REAL / name).read_text("utf-8").split("\n"):
            if line:
                row = json.loads(line)
                texts.append(row.get("raw") or row.get("text"))
    return list(enumerate([*texts, None]))


@pytest.mark.parametrize("profile", ["default", "mt"])
def test_output_is_exactly_clean_row_for_row(spark: Any, profile: str) -> None:
    rows = _rows()
    df = spark.createDataFrame(rows, "id long, text string").repartition(3)
    out = clean_dataframe(df, ["text"], profile=profile, counts_column="changes")
    got = {r["id"]: (r["text"], r["changes"]) for r in out.collect()}
    assert len(got) == len(rows)
    for i, text in rows:
        if text is None:
            assert got[i] == (None, None)
        else:
            explained = newsclean.Pipeline.from_profile(profile).explain(text)
            assert got[i] == (explained.text, len(explained.changes)), i


def test_a_pipeline_travels_to_the_executors(spark: Any) -> None:
    df = spark.createDataFrame([(1, "Bashar al -Assad said the the war")], "id long, body string")
    out = clean_dataframe(df, ["body"], pipeline={"steps": ["join_spaced_hyphens"]})
    assert out.collect()[0]["body"] == "Bashar al-Assad said the the war"


def test_mistakes_are_one_line_errors(spark: Any) -> None:
    df = spark.createDataFrame([(1, "x")], "id long, body string")
    with pytest.raises(ConfigError, match="no column 'text'"):
        clean_dataframe(df)
    with pytest.raises(ConfigError, match="column 'id' is bigint, not string"):
        clean_dataframe(df, ["id"])
    with pytest.raises(ConfigError, match="already a column"):
        clean_dataframe(df, ["body"], counts_column="id")


def test_the_readme_recipe_runs(spark: Any) -> None:
    import re

    readme = (Path(__file__).resolve().parent.parent / "docs" / "integrations.md").read_text(
        "utf-8"
    )
    found = re.search(r"<!-- recipe: spark -->\n```python\n(.*?)\n```", readme, re.S)
    assert found
    namespace: dict[str, Any] = {"spark": spark}
    exec(compile(found.group(1), "docs/integrations.md recipe spark", "exec"), namespace)
    raw = "Bashar al -Assad said the the war ."
    explained = newsclean.explain(raw, profile="mt")
    assert [tuple(r) for r in namespace["rows"]] == [(explained.text, len(explained.changes))]


def test_offsets_column(spark: Any) -> None:
    raw = "Bashar al -Assad said ."
    df = spark.createDataFrame([(1, raw)], "id long, text string")
    row = clean_dataframe(df, offsets_column="offsets").collect()[0]
    assert json.loads(row["offsets"]) == {
        "text": [list(s) for s in newsclean.explain(raw).offsets.replaced()]
    }
