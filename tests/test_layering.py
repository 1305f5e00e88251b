"""Layers never import each other sideways: the import rule, checked.

cleaners -> {cleaner, registry, lang, _scan, _text, data}; io -> {records}; run -> {pipeline,
records, stats}; batch -> {pipeline}. Only the two front doors wire io, run and the pipeline
together: cli (files) and engines (clusters); only cli imports engines; nothing imports cli.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "newsclean"


def imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return {m for m in found if m.startswith("newsclean")}


@pytest.mark.parametrize(
    ("folder", "forbidden"),
    [
        (
            "cleaners",
            (
                "newsclean.io",
                "newsclean.run",
                "newsclean.cli",
                "newsclean.pipeline",
                "newsclean.records",
            ),
        ),
        (
            "io",
            (
                "newsclean.cleaners",
                "newsclean.pipeline",
                "newsclean.run",
                "newsclean.cli",
                "newsclean.registry",
                "newsclean.batch",
                "newsclean.engines",
            ),
        ),
        ("run", ("newsclean.io", "newsclean.cleaners", "newsclean.cli", "newsclean.engines")),
        ("engines", ("newsclean.cli",)),
    ],
)
def test_layer_does_not_import(folder: str, forbidden: tuple[str, ...]) -> None:
    for path in (PACKAGE / folder).glob("*.py"):
        bad = {m for m in imports(path) if m.startswith(forbidden)}
        assert not bad, f"{folder}/{path.name} imports {bad}"


def test_batch_knows_no_files_and_no_engines() -> None:
    forbidden = ("newsclean.io", "newsclean.run", "newsclean.engines", "newsclean.cli")
    bad = {m for m in imports(PACKAGE / "batch.py") if m.startswith(forbidden)}
    assert not bad, bad


def test_only_cli_imports_engines() -> None:
    for path in PACKAGE.rglob("*.py"):
        if path.parent.name not in ("engines", "cli"):
            assert not any(m.startswith("newsclean.engines") for m in imports(path)), path


def test_nothing_imports_cli() -> None:
    for path in PACKAGE.rglob("*.py"):
        if path.parent.name != "cli" and path.name != "__main__.py":
            assert not any(m.startswith("newsclean.cli") for m in imports(path)), path


def test_cli_commands_import_no_other_command() -> None:
    """Each command module has one job; what two commands share lives in cli/common.py."""
    commands = {"clean", "explain", "audit", "evaluate", "learn", "listing"}
    for path in (PACKAGE / "cli").glob("*.py"):
        others = {f"newsclean.cli.{c}" for c in commands if c != path.stem}
        if path.name not in ("__init__.py", "args.py"):  # args.py wires the commands' options
            assert not imports(path) & others, path


def test_integrations_know_no_files_engines_or_cli() -> None:
    forbidden = ("newsclean.io", "newsclean.run", "newsclean.engines", "newsclean.cli")
    for path in (PACKAGE / "integrations").glob("*.py"):
        assert not {m for m in imports(path) if m.startswith(forbidden)}, path


def test_cleaners_touch_no_files() -> None:
    for path in (PACKAGE / "cleaners").glob("*.py"):
        if path.name == "glossary.py":  # load_glossary reads the user's glossary file by design
            continue
        source = path.read_text(encoding="utf-8")
        assert "open(" not in source and "pathlib" not in source, path.name


def _module_graph() -> dict[str, set[str]]:
    """Each module of the package and the package modules it imports anywhere in its body
    (deferred imports inside functions count: they close a circle at run time too)."""
    names: dict[str, Path] = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        names[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    known = set(names) | {"newsclean._speedups"}
    graph: dict[str, set[str]] = {}
    for name, path in names.items():
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module:
                subs = {f"{node.module}.{a.name}" for a in node.names} & known
                found |= subs
                if len(subs) < len(node.names):  # names from the module itself
                    found.add(node.module)
        graph[name] = (found & known) - {name}
    return graph


def test_no_import_circle() -> None:
    """Registration imports nothing above the cleaners, lookups sit above them, engines load
    lazily: no module reaches itself through the modules it imports."""
    graph = _module_graph()
    done: set[str] = set()

    def visit(name: str, trail: list[str]) -> None:
        if name in trail:
            circle = [*trail[trail.index(name) :], name]
            raise AssertionError("import circle: " + " -> ".join(circle))
        if name in done:
            return
        for dep in sorted(graph.get(name, ())):
            visit(dep, [*trail, name])
        done.add(name)

    for name in sorted(graph):
        visit(name, [])


def test_only_the_scan_imports_the_compiled_module() -> None:
    graph = _module_graph()
    users = sorted(n for n, deps in graph.items() if "newsclean._speedups" in deps)
    assert users == ["newsclean._scan"], users
