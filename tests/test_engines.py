"""Scale-out: the batch core, Dask and Ray on real local clusters, and ``clean --engine``.

Every engine result is compared with the serial path: the same cleaned text per record, the
same record count and order (or ids), and passed-through values counted as the serial command
counts them.
"""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import newsclean
from newsclean import ConfigError, Pipeline
from newsclean.batch import BatchCleaner, clean_column
from newsclean.engines import EngineError, require
from test_cli import command

pytestmark = pytest.mark.cluster

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")
pd = pytest.importorskip("pandas")

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")


def sample_rows() -> list[dict[str, Any]]:
    lines = (SAMPLES / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


@pytest.fixture(scope="module")
def dirty_jsonl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample articles three times over, with a broken line, a null text and a missing
    field among them: what a real feed dump looks like."""
    rows = sample_rows()
    lines = [json.dumps(r, ensure_ascii=False) for r in rows]
    lines += ['{"id": "broken", "text": "no end', json.dumps({"id": "null", "text": None})]
    lines += [json.dumps({**r, "id": f"{r['id']}-2"}, ensure_ascii=False) for r in rows]
    lines += [json.dumps({"id": "no-text"}), "\xff not utf-8"]
    lines += [json.dumps({**r, "id": f"{r['id']}-3"}, ensure_ascii=False) for r in rows]
    path = tmp_path_factory.mktemp("engines") / "feed.jsonl"
    path.write_bytes("\n".join(lines).encode("utf-8").replace("\xff".encode(), b"\xff") + b"\n")
    return path


@pytest.fixture(scope="module")
def parquet_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    rows = sample_rows()
    rows += [{**r, "id": f"{r['id']}-2"} for r in rows] + [
        {"id": "null", "title": None, "text": None, "source": None}
    ]
    path = tmp_path_factory.mktemp("engines") / "articles.parquet"
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=5)
    return path


# -- the batch core: no engine needed -----------------------------------------------------------
def test_every_batch_kind_gives_the_serial_result() -> None:
    texts = [r["text"] for r in sample_rows()]
    want = [newsclean.clean(t) for t in texts]
    cleaner = BatchCleaner()
    assert cleaner(texts) == want
    assert cleaner({"text": texts, "id": list(range(len(texts)))})["text"] == want
    assert cleaner(pd.DataFrame({"text": texts}))["text"].tolist() == want
    assert clean_column(pd.Series(texts)).tolist() == want  # Spark's pandas_udf shape
    assert cleaner(pa.table({"text": texts})).column("text").to_pylist() == want
    assert clean_column(pa.array(texts, pa.large_string())).to_pylist() == want
    assert clean_column(pa.array(texts)).type == pa.string()


def test_batches_pass_nulls_through_and_count_changes() -> None:
    cleaner = BatchCleaner(["body"], profile="mt", counts_column="changes")
    table = pa.table({"body": ["Bashar al -Assad said .", None, "Fine."], "n": [1, 2, 3]})
    out = cleaner(table)
    assert out.column("body").to_pylist() == ["Bashar al-Assad said.", None, "Fine."]
    assert out.column("changes").to_pylist()[1:] == [None, 0]
    assert out.column("changes").to_pylist()[0] > 0
    assert out.column("n").to_pylist() == [1, 2, 3]
    frame = cleaner(pd.DataFrame({"body": ["word , word", None]}))
    assert frame["changes"].isna().tolist() == [False, True]
    original = pd.DataFrame({"body": ["word , word"]})
    cleaner(original)
    assert original["body"].tolist() == ["word , word"]  # the input is not modified


def test_batch_cleaner_ships_only_the_pipeline_description() -> None:
    pipeline = Pipeline(["fix_punctuation_spacing", ("remove_minifier_placeholders", {})])
    cleaner = BatchCleaner(pipeline=pipeline)
    shipped = pickle.loads(pickle.dumps(cleaner))
    assert vars(shipped) == vars(cleaner)
    assert shipped.description == pipeline.to_dict()
    assert shipped(["word , word"]) == ["word, word"]
    assert len(pickle.dumps(cleaner)) < 2000  # a description, not compiled regexes


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: BatchCleaner([]), "non-empty list of column names"),
        (lambda: BatchCleaner(profile="mt", pipeline=Pipeline(["apply_nfkc"])), "not both"),
        (lambda: BatchCleaner(profile="nope"), "nope"),
        (lambda: BatchCleaner(pipeline=Pipeline([str.strip])), "register"),
        (lambda: BatchCleaner(counts_column="text"), "also a column to clean"),
        (lambda: BatchCleaner(["body"])({"text": ["x"]}), "column 'body' is not in the batch"),
        (lambda: BatchCleaner()(pa.table({"text": [1, 2]})), "holds int64, not text"),
        (lambda: BatchCleaner()(42), "got int"),
    ],
)
def test_batch_mistakes_say_what_to_do(make: Any, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        make()


def test_a_missing_engine_gives_an_install_hint() -> None:
    with pytest.raises(EngineError, match=r"pip install 'newsclean\[ray\]'"):
        require("ray_not_installed_here", "ray")
    code = (
        "import sys; sys.modules['ray'] = None; from newsclean.cli import main; "
        f"sys.exit(main(['clean', '--engine', 'ray', {str(SAMPLES / 'articles.jsonl')!r}]))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.returncode == 2, out.stderr
    assert out.stderr.strip() == (
        "newsclean: the ray engine needs the ray package: pip install 'newsclean[ray]'"
    )


# -- Dask ---------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def dask_client() -> Iterator[Any]:
    distributed = pytest.importorskip("distributed")
    import logging

    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


def test_dask_bag_from_read_text_matches_serial(dask_client: Any, dirty_jsonl: Path) -> None:
    import dask.bag as db

    from newsclean.engines.dask import clean_bag

    lines = [line for line in dirty_jsonl.read_bytes().splitlines() if not line.startswith(b"\xff")]
    clean_copy = dirty_jsonl.with_name("utf8.jsonl")
    clean_copy.write_bytes(b"\n".join(line for line in lines if b'"no end' not in line) + b"\n")
    bag = db.read_text(str(clean_copy), blocksize=4_000).map(json.loads)
    assert bag.npartitions > 1
    result = clean_bag(bag, profile="mt", counts_field="changes").compute()
    items = [json.loads(line) for line in clean_copy.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in result] == [i["id"] for i in items]  # order and count kept
    for got, item in zip(result, items, strict=True):
        if isinstance(item.get("text"), str):
            assert got["text"] == newsclean.clean(item["text"], profile="mt")
            assert got["changes"] is not None
        else:
            assert got.get("text") == item.get("text") and got["changes"] is None
    assert sum(r["changes"] is None for r in result) == 2  # the null and the missing text


def test_dask_dataframe_from_parquet_matches_serial(dask_client: Any, parquet_file: Path) -> None:
    import dask.dataframe as dd

    from newsclean.engines.dask import clean_dataframe

    ddf = dd.read_parquet(str(parquet_file), split_row_groups=True)
    assert ddf.npartitions > 1
    got = clean_dataframe(ddf, ["text", "title"], counts_column="changes").compute()
    rows = pq.read_table(parquet_file).to_pylist()
    assert got["id"].tolist() == [r["id"] for r in rows]
    for (_, row), raw in zip(got.iterrows(), rows, strict=True):
        for column in ("text", "title"):
            want = newsclean.clean(raw[column]) if raw[column] is not None else None
            assert (None if pd.isna(row[column]) else row[column]) == want
    assert int(got["changes"].isna().sum()) == 1


# -- Ray ----------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def ray_runtime() -> Iterator[Any]:
    ray = pytest.importorskip("ray")
    import logging

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level=logging.ERROR)
    ray.data.DataContext.get_current().enable_progress_bars = False
    try:
        yield ray
    finally:
        ray.shutdown()


def test_ray_dataset_from_json_matches_serial(ray_runtime: Any, tmp_path: Path) -> None:
    from newsclean.engines.ray import clean_dataset

    rows = [*sample_rows(), {"id": "null", "title": "t", "text": None, "source": "s"}]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    ds = ray_runtime.data.read_json(str(source))
    cleaned = clean_dataset(ds, ["text"], profile="mt", counts_column="changes", batch_size=4)
    cleaned.write_parquet(str(tmp_path / "out"))  # the writers work on the result
    back = {r["id"]: r for r in pq.read_table(tmp_path / "out").to_pylist()}
    assert sorted(back) == sorted(r["id"] for r in rows)  # nothing lost, ids kept
    for row in rows:
        got = back[row["id"]]
        if row["text"] is None:
            assert got["text"] is None and got["changes"] is None
        else:
            assert got["text"] == newsclean.clean(row["text"], profile="mt")
            assert got["changes"] >= 0


def test_ray_dataset_from_parquet_keeps_every_column(ray_runtime: Any, parquet_file: Path) -> None:
    from newsclean.engines.ray import clean_dataset

    ds = ray_runtime.data.read_parquet(str(parquet_file))
    got = clean_dataset(ds, ["text"]).to_pandas()
    rows = pq.read_table(parquet_file).to_pylist()
    assert len(got) == len(rows)
    assert list(got.columns) == ["id", "title", "text", "source"]
    want = {r["id"]: (newsclean.clean(r["text"]) if r["text"] else None) for r in rows}
    for _, row in got.iterrows():
        assert (None if pd.isna(row["text"]) else row["text"]) == want[row["id"]]


# -- the command: --engine against the serial run ----------------------------------------------
def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "RAY_USAGE_STATS_ENABLED": "0"}
    return subprocess.run(
        [*command(), *args], capture_output=True, text=True, timeout=600, check=False, env=env
    )


def problem_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "passed through unchanged" in line]


def without_timing(stats: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(stats.read_text(encoding="utf-8"))
    data.pop("seconds")
    data.pop("mb_per_second")
    return data


@pytest.fixture(scope="module")
def serial_run(dirty_jsonl: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("serial")
    done = run_cli(
        "clean", str(dirty_jsonl), "-o", str(out / "out.jsonl"), "--stats", str(out / "s.json"),
        "--rejects", str(out / "rejects.jsonl"), "--profile", "mt",
    )  # fmt: skip
    assert done.returncode == 4, done.stderr
    return {"dir": out, "stderr": done.stderr}


@pytest.mark.parametrize("engine", ["processes", "dask", "ray"])
def test_engine_output_is_the_serial_output(
    engine: str, dirty_jsonl: Path, serial_run: dict[str, Any], tmp_path: Path
) -> None:
    done = run_cli(
        "clean", str(dirty_jsonl), "-o", str(tmp_path / "out.jsonl"), "--profile", "mt",
        *([] if engine == "processes" else ["--engine", engine]), "--jobs", "2",
        "--shard-mb", "0.004",
        "--stats", str(tmp_path / "s.json"), "--rejects", str(tmp_path / "rejects.jsonl"),
    )  # fmt: skip
    assert done.returncode == 4, done.stderr  # records passed through, as in the serial run
    serial = serial_run["dir"]
    assert (tmp_path / "out.jsonl").read_bytes() == (serial / "out.jsonl").read_bytes()
    assert (tmp_path / "rejects.jsonl").read_bytes() == (serial / "rejects.jsonl").read_bytes()
    assert without_timing(tmp_path / "s.json") == without_timing(serial / "s.json")
    assert problem_lines(done.stderr) == problem_lines(serial_run["stderr"])
    assert len(problem_lines(done.stderr)) == 4
    stats = without_timing(tmp_path / "s.json")
    assert stats["records"] == len(dirty_jsonl.read_bytes().splitlines())


def test_dask_engine_joins_a_running_cluster_and_cleans_parquet(
    dask_client: Any, parquet_file: Path, tmp_path: Path
) -> None:
    serial = run_cli("clean", str(parquet_file), "-o", str(tmp_path / "serial.parquet"))
    assert serial.returncode == 4, serial.stderr
    address = dask_client.scheduler.address
    done = run_cli(
        "clean", str(parquet_file), "-o", str(tmp_path / "dask.parquet"),
        "--engine", "dask", "--address", address, "--shard-mb", "0.005",
    )  # fmt: skip
    assert done.returncode == 4, done.stderr
    assert f"Dask scheduler {address}" in done.stderr
    assert problem_lines(done.stderr) == problem_lines(serial.stderr) != []
    want = pq.read_table(tmp_path / "serial.parquet")
    got = pq.read_table(tmp_path / "dask.parquet")
    assert got.equals(want)
    assert got.schema.equals(pq.read_schema(parquet_file))


@pytest.mark.parametrize("engine", ["processes", "dask"])
def test_formats_read_by_the_driver_run_on_the_same_session(engine: str, tmp_path: Path) -> None:
    """CSV, feeds and text are read here and their texts go to the workers in chunks: the
    output and the per-cleaner counts are the serial ones."""
    for sample in ("articles.csv", "feed.rss", "idlib-shelling-captions.txt"):
        serial = run_cli("clean", str(SAMPLES / sample), "--stats", str(tmp_path / "s.json"))
        assert serial.returncode == 0, serial.stderr
        flags = ["--jobs", "2"] if engine == "processes" else ["--engine", engine, "--jobs", "2"]
        done = run_cli(
            "clean", str(SAMPLES / sample), *flags, "--stats", str(tmp_path / "p.json")
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert done.stdout == serial.stdout
        assert without_timing(tmp_path / "p.json") == without_timing(tmp_path / "s.json")


def test_address_needs_an_engine() -> None:
    done = run_cli("clean", str(SAMPLES / "articles.jsonl"), "--address", "tcp://x:1")
    assert done.returncode == 2 and "--address names a cluster" in done.stderr


def test_parquet_serial_round_trip_and_bad_column(tmp_path: Path) -> None:
    done = run_cli("clean", str(SAMPLES / "articles.parquet"), "-o", str(tmp_path / "o.parquet"))
    assert done.returncode == 0, done.stderr
    got = pq.read_table(tmp_path / "o.parquet").to_pylist()
    assert [r["text"] for r in got] == [newsclean.clean(r["text"]) for r in sample_rows()]
    done = run_cli("clean", str(SAMPLES / "articles.parquet"), "--field", "body", "-o", "x.pq")
    assert done.returncode == 2
    assert "column 'body' is not in this Parquet file (its columns: id, title, text, source)" in (
        done.stderr
    )
    done = run_cli("clean", str(SAMPLES / "articles.parquet"))
    assert done.returncode == 2 and "give -o FILE.parquet" in done.stderr


def test_hugging_face_datasets_recipe(monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's ``datasets.map(BatchCleaner(...), batched=True)`` recipe, as written."""
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    datasets = pytest.importorskip("datasets")
    texts = [r["text"] for r in sample_rows()] + [None]
    ds = datasets.Dataset.from_dict({"text": texts, "id": list(range(len(texts)))})
    out = ds.map(BatchCleaner(["text"], profile="default"), batched=True, num_proc=2)
    assert list(out["id"]) == list(range(len(texts)))
    assert list(out["text"]) == [newsclean.clean(t) if t else None for t in texts]
