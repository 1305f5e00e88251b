"""Cleaning knows nothing of files or the command line: the import rule, checked."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "newsclean"
FORBIDDEN_IN_CLEANERS = (
    "newsclean.cli",
    "newsclean.io",
    "newsclean.run",
    "newsclean.pipeline",
    "pathlib",
    "os",
)


def imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_cleaners_import_no_io_or_cli() -> None:
    for path in (PACKAGE / "cleaners").glob("*.py"):
        if path.name == "glossary.py":  # load_glossary reads the user's glossary file by design
            continue
        bad = {m for m in imports(path) if m.startswith(FORBIDDEN_IN_CLEANERS)}
        assert not bad, f"{path.name} imports {bad}"


def test_nothing_imports_cli() -> None:
    for path in PACKAGE.rglob("*.py"):
        if path.name not in ("cli.py", "__main__.py"):
            assert "newsclean.cli" not in imports(path), path
