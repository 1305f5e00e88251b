"""User cleaners that travel: entry points of an installed package, and ``--plugin`` modules.

The fixture package (``tests/fixtures/demo_plugin``) is really built and installed, into a
temporary directory put on ``PYTHONPATH``, so entry points are found the way
``importlib.metadata`` finds them for any installed package. Every run with a plugin is
compared with the serial run of the same command: by name, with ``--jobs 2``, and on the local
Dask and Ray clusters.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from newsclean import ConfigError, Pipeline
from newsclean.errors import PluginError
from newsclean.plugins import load_plugin
from test_cli import command

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "demo_plugin"
SAMPLES = Path(__file__).resolve().parent.parent / "samples"

HOUSE_RULES = '''
from newsclean import Risk, register


@register(risk=Risk.LOW)
def drop_house_footer(text: str) -> str:
    """Drop the house footer line."""
    return text.replace("\\nSent from the newsroom\\n", "\\n")
'''

PIPELINE = 'steps = ["drop_wire_slug", "expand_house_abbreviations", "drop_house_footer", "collapse_blank_lines"]\n'


@pytest.fixture(scope="session")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture package, built and installed into a directory of its own."""
    work = tmp_path_factory.mktemp("plugin")
    source = work / "src"
    shutil.copytree(FIXTURE, source)  # the build writes into the tree: not into the repository
    target = work / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation",
         "--no-index", "--target", str(target), str(source)],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    assert (target / "newsclean_demo_plugin-0.1.dist-info" / "entry_points.txt").is_file()
    return target


@pytest.fixture(scope="session")
def feed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample articles, each with the made-up agency's debris added, twice over."""
    work = tmp_path_factory.mktemp("feed")
    rows = [
        json.loads(line) for line in (SAMPLES / "articles.jsonl").read_text("utf-8").splitlines()
    ]
    lines = []
    for copy in range(2):
        for n, row in enumerate(rows):
            text = f"The Gov't said so. (WIRE-SLUG {n})\nSent from the newsroom\n{row['text']}"
            lines.append(json.dumps({**row, "id": f"{row['id']}-{copy}", "text": text}))
    path = work / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (work / "house_rules.py").write_text(HOUSE_RULES, encoding="utf-8")
    (work / "pipeline.toml").write_text(PIPELINE, encoding="utf-8")
    return path


def run(args: list[str], site: Path | None, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "RAY_USAGE_STATS_ENABLED": "0"}
    env.pop("PYTHONPATH", None)
    if site is not None:
        env["PYTHONPATH"] = str(site)
    return subprocess.run(
        [*command(), *args],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env=env,
        cwd=cwd,
    )


def clean_args(feed: Path, out: Path, *extra: str) -> list[str]:
    return ["clean", str(feed), "-o", str(out), "--pipeline", "pipeline.toml",
            "--plugin", "house_rules.py", "--stats", str(out) + ".stats", *extra]  # fmt: skip


@pytest.fixture(scope="session")
def serial(installed: Path, feed: Path) -> Path:
    out = feed.parent / "serial.jsonl"
    done = run(clean_args(feed, out), installed, feed.parent)
    assert done.returncode == 0, done.stderr
    return out


def counts(out: Path) -> dict[str, object]:
    data = json.loads(Path(str(out) + ".stats").read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if k not in ("seconds", "mb_per_second")}


def test_plugin_cleaners_clean_by_name(serial: Path, feed: Path) -> None:
    for before, after in zip(
        feed.read_text("utf-8").splitlines(), serial.read_text("utf-8").splitlines(), strict=True
    ):
        text, cleaned = json.loads(before)["text"], json.loads(after)["text"]
        assert "WIRE-SLUG" in text and "WIRE-SLUG" not in cleaned
        assert cleaned.startswith("The Government said so.\n")
        assert "Sent from the newsroom" not in cleaned
    stats = counts(serial)["cleaners"]
    assert isinstance(stats, dict)
    for name in ("drop_wire_slug", "expand_house_abbreviations", "drop_house_footer"):
        assert stats[name]["documents"] == len(feed.read_text("utf-8").splitlines())


def test_plugin_cleaners_in_a_process_pool(installed: Path, feed: Path, serial: Path) -> None:
    out = feed.parent / "jobs.jsonl"
    done = run(clean_args(feed, out, "--jobs", "2"), installed, feed.parent)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == serial.read_bytes()
    assert counts(out) == counts(serial)


@pytest.mark.cluster
@pytest.mark.parametrize("engine", ["dask", "ray"])
def test_plugin_cleaners_on_a_local_cluster(
    engine: str, installed: Path, feed: Path, serial: Path
) -> None:
    pytest.importorskip({"dask": "distributed", "ray": "ray"}[engine])
    out = feed.parent / f"{engine}.jsonl"
    args = clean_args(feed, out, "--engine", engine, "--jobs", "2", "--shard-mb", "0.004")
    done = run(args, installed, feed.parent)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == serial.read_bytes()
    assert counts(out) == counts(serial)


def test_without_the_plugin_the_cleaner_is_unknown(feed: Path) -> None:
    done = run(["clean", str(feed), "--pipeline", "pipeline.toml"], None, feed.parent)
    assert done.returncode == 2
    assert done.stderr.startswith("newsclean: pipeline.toml:1: unknown cleaner 'drop_wire_slug'.")
    assert "--plugin" in done.stderr and "Traceback" not in done.stderr


def test_list_shows_installed_and_loaded_plugins(installed: Path, feed: Path) -> None:
    done = run(["list", "--plugin", "house_rules.py"], installed, feed.parent)
    assert done.returncode == 0, done.stderr
    names = [line.split()[0] for line in done.stdout.splitlines()[1:]]
    assert sorted(names[-3:]) == [
        "drop_house_footer",
        "drop_wire_slug",
        "expand_house_abbreviations",
    ]


def test_a_broken_entry_point_warns_and_spares_other_pipelines(
    installed: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    shutil.copytree(installed, site)
    broken = site / "broken_plugin-1.0.dist-info"
    broken.mkdir()
    (broken / "METADATA").write_text("Metadata-Version: 2.1\nName: broken-plugin\nVersion: 1.0\n")
    (broken / "entry_points.txt").write_text(
        "[newsclean.cleaners]\nbroken = no_such_module:cleaner\n"
    )
    (tmp_path / "a.txt").write_text("The Gov't said so. (WIRE-SLUG 1)\n", encoding="utf-8")
    builtins = run(["clean", "a.txt"], site, tmp_path)  # never looks at entry points
    assert builtins.returncode == 0 and builtins.stderr.count("\n") == 1, builtins.stderr
    done = run(["clean", "a.txt", "--pipeline", str(FIXTURE.parent / "wire.toml")], site, tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "The Gov't said so.\n"
    assert "newsclean plugin 'broken' (no_such_module:cleaner) cannot be loaded" in done.stderr


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("missing.py", "missing.py: plugin file not found"),
        ("no_such_plugin_module", "no_such_plugin_module: cannot import plugin module"),
        ("bad.py", "bad.py: plugin failed to load (ZeroDivisionError: division by zero)"),
    ],
)
def test_plugin_mistakes_are_one_line(source: str, message: str, tmp_path: Path) -> None:
    (tmp_path / "bad.py").write_text("1 / 0\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("text\n", encoding="utf-8")
    done = run(["clean", "a.txt", "--plugin", source], None, tmp_path)
    assert done.returncode == 2
    assert done.stderr.startswith(f"newsclean: {message}")
    assert done.stderr.count("\n") == 1


def test_a_pipeline_names_the_plugin_module_it_needs(tmp_path: Path) -> None:
    plugin = tmp_path / "house_rules_for_dict.py"
    plugin.write_text(HOUSE_RULES.replace("drop_house_footer", "drop_house_footer_2"), "utf-8")
    load_plugin(str(plugin))
    assert load_plugin(str(plugin)) is load_plugin(str(plugin))  # loaded once
    pipeline = Pipeline(["drop_house_footer_2", "collapse_blank_lines"])
    data = pipeline.to_dict()
    assert data["plugins"] == [str(plugin.resolve())]
    assert "plugins = [" in pipeline.to_toml()
    # another process rebuilds it from the description alone
    code = (
        "import json, sys; from newsclean import Pipeline; "
        "p = Pipeline.from_dict(json.loads(sys.argv[1])); "
        "print(p('a\\nSent from the newsroom\\nb'))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, json.dumps(data)], capture_output=True, text=True, check=True
    )
    assert out.stdout == "a\nb\n"
    assert Pipeline.from_toml(pipeline.to_toml()) == pipeline


def test_built_in_pipelines_name_no_plugins() -> None:
    assert "plugins" not in Pipeline.from_profile("mt").to_dict()
    with pytest.raises(ConfigError, match="'plugins' must be a list"):
        Pipeline.from_dict({"plugins": "x", "steps": []})
    with pytest.raises(PluginError, match="plugin file not found"):
        Pipeline.from_dict({"plugins": ["nowhere/x.py"], "steps": []})


def test_a_pipeline_file_loads_no_code_it_was_not_trusted_with(tmp_path: Path) -> None:
    plugin = tmp_path / "untrusted_rules.py"
    marker = tmp_path / "ran"
    plugin.write_text(
        HOUSE_RULES.replace("drop_house_footer", "drop_untrusted_footer")
        + f"\nopen({str(marker)!r}, 'w').close()\n",
        "utf-8",
    )
    toml = f'plugins = [{str(plugin)!r}]\nsteps = ["drop_untrusted_footer"]\n'.replace("'", '"')
    (tmp_path / "pipeline.toml").write_text(toml, "utf-8")
    (tmp_path / "a.txt").write_text("a\nSent from the newsroom\nb\n", "utf-8")
    with pytest.raises(ConfigError, match="--trust-plugins"):
        Pipeline.from_toml(toml)
    assert not marker.exists()
    refused = run(["clean", "a.txt", "--pipeline", "pipeline.toml"], None, tmp_path)
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert refused.stderr.count("\n") == 1 and "--trust-plugins" in refused.stderr
    assert not marker.exists()  # refused before a line of it ran
    for trust in (["--trust-plugins"], ["--plugin", str(plugin)]):
        done = run(["clean", "a.txt", "--pipeline", "pipeline.toml", *trust], None, tmp_path)
        assert done.returncode == 0, done.stderr
        assert done.stdout == "a\nb\n"
        assert marker.exists()
        marker.unlink()
    assert Pipeline.from_toml(toml, trust_plugins=True).steps[0].name == "drop_untrusted_footer"
