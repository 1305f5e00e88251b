"""The framework integrations, each run in its real framework on real articles.

Every test checks the framework's output against `newsclean.clean` on the same text. The
recipes of docs/integrations.md (the code blocks after ``<!-- recipe: NAME -->``) are run as written.

datatrove, LangChain, LlamaIndex, polars and pandas run in CI (the ``test-integrations``
extra). NeMo Curator and Data-Juicer pull torch and gigabytes with it, so they skip there; the
docs/integrations.md gives the command that runs their tests in a venv of their own.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

import newsclean

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "tests" / "data" / "real" / "articles.jsonl"


def real_articles(count: int = 24) -> list[dict[str, Any]]:
    """Real articles (tests/data/real, see its README), half of them ones the mt profile
    changes, so both paths show."""
    rows = [json.loads(line) for line in ARTICLES.read_text(encoding="utf-8").splitlines()]
    changed = [r for r in rows if newsclean.clean(r["text"], profile="mt") != r["text"]]
    kept = [r for r in rows if r not in changed]
    picked = changed[: count // 2] + kept[: count - min(len(changed), count // 2)]
    assert len(changed) >= count // 2 and len(picked) == count
    return picked


ROWS = real_articles()


def recipe(name: str) -> str:
    """The code block after ``<!-- recipe: name -->`` in docs/integrations.md."""
    readme = (ROOT / "docs" / "integrations.md").read_text(encoding="utf-8")
    found = re.search(rf"<!-- recipe: {re.escape(name)} -->\n```python\n(.*?)\n```", readme, re.S)
    assert found, f"docs/integrations.md has no recipe {name!r}"
    return found.group(1)


def run_recipe(name: str, **given: Any) -> dict[str, Any]:
    namespace: dict[str, Any] = dict(given)
    exec(compile(recipe(name), f"docs/integrations.md recipe {name}", "exec"), namespace)
    return namespace


# -- datatrove ----------------------------------------------------------------------------------
def test_datatrove_formatter_in_a_local_executor(tmp_path: Path) -> None:
    pytest.importorskip("datatrove")
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from newsclean.integrations.datatrove import NewscleanFormatter

    (tmp_path / "raw").mkdir()
    with open(tmp_path / "raw" / "news.jsonl", "w", encoding="utf-8") as out:
        for n, row in enumerate(ROWS):
            out.write(json.dumps({"id": str(n), "text": row["text"]}) + "\n")
    step = NewscleanFormatter(profile="mt")
    executor = LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(tmp_path / "raw")),
            step,
            JsonlWriter(str(tmp_path / "clean"), compression=None),
        ],
        logging_dir=str(tmp_path / "logs"),
        tasks=1,
    )
    executor.run()
    written = [
        json.loads(line)
        for line in (tmp_path / "clean" / "00000.jsonl").read_text("utf-8").splitlines()
    ]
    assert [d["text"] for d in written] == [newsclean.clean(r["text"], profile="mt") for r in ROWS]
    # per-cleaner counts in datatrove's own stats, as its executor merges them
    stats = json.loads((tmp_path / "logs" / "stats.json").read_text("utf-8"))
    ours = next(s for s in stats if "newsclean" in s["name"])["stats"]
    want: dict[str, int] = {}
    for row in ROWS:
        for cleaner in newsclean.explain(row["text"], profile="mt").by_cleaner():
            want[cleaner] = want.get(cleaner, 0) + 1

    def total(v: Any) -> Any:  # datatrove writes a counter that only ever added 1 as a number
        return v["total"] if isinstance(v, dict) else v

    got = {k.split("/")[1]: total(v) for k, v in ours.items() if k.count("/") == 1}
    assert got == want and want
    assert total(ours["changed"]) == sum(
        newsclean.clean(r["text"], profile="mt") != r["text"] for r in ROWS
    )


def test_datatrove_recipe() -> None:
    pytest.importorskip("datatrove")

    found = run_recipe("datatrove")
    assert [d.text for d in found["cleaned"]] == [
        newsclean.clean(t, profile="mt") for t in found["raw"]
    ]
    assert found["step"].stats["newsclean/remove_repeated_words"].total == 1


# -- LangChain ----------------------------------------------------------------------------------
def test_langchain_transformer_cleans_and_counts() -> None:
    pytest.importorskip("langchain_core")
    from langchain_core.documents import Document

    from newsclean.integrations.langchain import NewscleanTransformer

    docs = [Document(page_content=r["text"], metadata={"source": r["ref"]}) for r in ROWS]
    out = NewscleanTransformer(profile="mt").transform_documents(docs)
    for doc, row, before in zip(out, ROWS, docs, strict=True):
        explained = newsclean.explain(row["text"], profile="mt")
        assert doc.page_content == explained.text
        assert doc.metadata == {"source": row["ref"], "newsclean": explained.by_cleaner()}
        assert before.page_content == row["text"]  # the input documents are not modified
    french = Document(page_content="Il a dit « oui » .", metadata={"language": "fr"})
    (kept,) = NewscleanTransformer().transform_documents([french])
    assert kept.page_content == newsclean.clean(french.page_content, lang="fr")


def test_langchain_recipe() -> None:
    pytest.importorskip("langchain_core")
    found = run_recipe("langchain")
    assert found["docs"][0].page_content == newsclean.clean(
        found["raw"][0].page_content, profile="mt"
    )


# -- LlamaIndex ---------------------------------------------------------------------------------
def test_llama_index_transform_in_an_ingestion_pipeline() -> None:
    pytest.importorskip("llama_index.core")
    from llama_index.core import Document
    from llama_index.core.ingestion import IngestionPipeline
    from llama_index.core.schema import MetadataMode

    from newsclean.integrations.llama_index import NewscleanTransform

    docs = [Document(text=r["text"], metadata={"url": r["ref"]}) for r in ROWS]
    pipeline = IngestionPipeline(
        transformations=[NewscleanTransform(profile="mt", metadata_key="newsclean")]
    )
    nodes = pipeline.run(documents=docs)
    assert [n.get_content() for n in nodes] == [
        newsclean.clean(r["text"], profile="mt") for r in ROWS
    ]
    first = newsclean.explain(ROWS[0]["text"], profile="mt").by_cleaner()
    assert nodes[0].metadata["newsclean"] == first
    assert "newsclean" not in nodes[0].get_content(metadata_mode=MetadataMode.EMBED)


def test_llama_index_recipe() -> None:
    pytest.importorskip("llama_index.core")
    found = run_recipe("llama_index")
    assert (
        found["nodes"][0].get_content()
        == newsclean.clean(found["documents"][0].text, profile="mt").strip()
    )


# -- polars and pandas --------------------------------------------------------------------------
def test_polars_series_and_frames() -> None:
    pl = pytest.importorskip("polars")
    from newsclean.batch import BatchCleaner

    texts = [r["text"] for r in ROWS] + [None]
    want = [newsclean.clean(t) if t else None for t in texts]
    series = pl.Series("text", texts)
    assert BatchCleaner()(series).to_list() == want
    df = pl.DataFrame({"id": list(range(len(texts))), "text": texts})
    out = BatchCleaner(["text"], counts_column="changes")(df)
    assert out.columns == ["id", "text", "changes"]
    assert out["text"].to_list() == want
    assert out["changes"].to_list()[-1] is None
    mapped = df.with_columns(pl.col("text").map_batches(BatchCleaner(), return_dtype=pl.String))
    assert mapped["text"].to_list() == want
    with pytest.raises(newsclean.ConfigError, match="holds Int64, not text"):
        BatchCleaner(["id"])(df)


def test_polars_recipe() -> None:
    pytest.importorskip("polars")
    found = run_recipe("polars")
    assert found["df"]["text"].to_list() == [
        newsclean.clean(t, profile="mt") for t in found["raw"]["text"].to_list()
    ]


def test_pandas_accessor() -> None:
    pd = pytest.importorskip("pandas")
    import newsclean.integrations.pandas  # (registers the accessor)

    texts = [r["text"] for r in ROWS] + [None]
    series = pd.Series(texts, index=range(10, 10 + len(texts)), name="text")
    cleaned = series.newsclean.clean(profile="mt")
    assert list(cleaned.index) == list(series.index) and cleaned.name == "text"
    assert cleaned.dtype == series.dtype
    assert cleaned.tolist()[:-1] == [newsclean.clean(t, profile="mt") for t in texts[:-1]]
    assert cleaned.isna().tolist()[-1]  # the null stays null (None or NaN, as pandas keeps it)
    changes = series.newsclean.changes(profile="mt")
    assert str(changes.dtype) == "Int64" and changes.isna().tolist()[-1]
    assert changes.tolist()[:-1] == [
        len(newsclean.explain(t, profile="mt").changes) for t in texts[:-1]
    ]


def test_pandas_recipe() -> None:
    pytest.importorskip("pandas")
    found = run_recipe("pandas")
    assert found["df"]["text"].tolist() == [
        newsclean.clean(t, profile="mt") for t in found["raw"]["text"].tolist()
    ]


def test_duckdb_recipe() -> None:
    pytest.importorskip("duckdb")
    found = run_recipe("duckdb")
    raw = "Bashar al -Assad said the the war ."
    assert found["rows"] == [(newsclean.clean(raw), newsclean.clean(raw, profile="mt"))]


# -- the heavy ones: NeMo Curator and Data-Juicer (not in CI; see the module docstring) --------
def test_nemo_curator_modifier_in_a_modify_stage() -> None:
    pytest.importorskip("nemo_curator")
    import pandas as pd
    from nemo_curator.stages.text.modifiers import Modify
    from nemo_curator.tasks import DocumentBatch

    from newsclean.integrations.nemo_curator import NewscleanModifier

    stage = Modify(NewscleanModifier(profile="mt"), input_fields="text")
    frame = pd.DataFrame({"text": [r["text"] for r in ROWS], "url": [r["ref"] for r in ROWS]})
    out = stage.process(DocumentBatch(dataset_name="news", data=frame)).to_pandas()
    assert out["text"].tolist() == [newsclean.clean(r["text"], profile="mt") for r in ROWS]
    assert out["url"].tolist() == [r["ref"] for r in ROWS]


def test_data_juicer_mapper_by_name_and_object() -> None:
    pytest.importorskip("data_juicer")
    from data_juicer.core.data import NestedDataset
    from data_juicer.ops import load_ops

    from newsclean.integrations.data_juicer import OP_NAME, NewscleanMapper

    rows = [{"text": r["text"], "url": r["ref"]} for r in ROWS]
    want = [newsclean.clean(r["text"], profile="mt") for r in ROWS]
    out = NewscleanMapper(profile="mt").run(NestedDataset.from_list(rows))
    assert [r["text"] for r in out.to_list()] == want
    (op,) = load_ops([{OP_NAME: {"profile": "mt"}}])  # as a recipe names it
    assert [r["text"] for r in op.run(NestedDataset.from_list(rows)).to_list()] == want


def test_nemo_curator_recipe() -> None:
    pytest.importorskip("nemo_curator")
    found = run_recipe("nemo_curator")
    assert found["cleaned"]["text"].tolist() == [
        newsclean.clean(t, profile="mt") for t in found["raw"]["text"].tolist()
    ]


def test_data_juicer_recipe() -> None:
    pytest.importorskip("data_juicer")
    found = run_recipe("data_juicer")
    assert [r["text"] for r in found["cleaned"]] == [
        newsclean.clean(r["text"], profile="mt") for r in found["raw"]
    ]
