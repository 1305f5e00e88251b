"""SQL functions in DuckDB (``pip install 'newsclean[duckdb]'``).

    import duckdb
    from newsclean.integrations.duckdb import register

    con = duckdb.connect()
    register(con)           # newsclean_clean(text) and newsclean_clean_as(text, profile)
    con.sql("SELECT newsclean_clean(body) FROM read_json('feed.jsonl')")
    con.sql("SELECT newsclean_clean_as(body, 'mt') FROM articles")

Vectorised: DuckDB hands each function a whole Arrow column at a time. Values that are not
text pass through (NULL stays NULL), and the output is exactly ``newsclean.clean``'s.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pyarrow as pa

from newsclean.batch import BatchCleaner
from newsclean.pipeline import Pipeline

__all__ = ["register"]


def register(
    con: Any,
    *,
    name: str = "newsclean_clean",
    profile: str | None = None,
    pipeline: Pipeline | Mapping[str, Any] | None = None,
) -> Any:
    """Make ``name(text)`` (this ``profile`` or ``pipeline``) and ``name_as(text, profile)``
    (a shipped profile per row) available in SQL on the connection ``con``; returns ``con``.
    DuckDB has no overloads of Python functions, hence the two names."""
    import duckdb

    cleaner = BatchCleaner(profile=profile, pipeline=pipeline)
    by_profile: dict[str, BatchCleaner] = {}

    def clean_column(texts: Any) -> Any:
        return pa.array(cleaner.clean_values(texts.to_pylist()), type=pa.string())

    def clean_column_as(texts: Any, profiles: Any) -> Any:
        values, names = texts.to_pylist(), profiles.to_pylist()
        out = []
        for value, chosen in zip(values, names, strict=True):
            if chosen is None:
                out.append(value)
                continue
            if chosen not in by_profile:
                by_profile[chosen] = BatchCleaner(profile=chosen)
            out.append(by_profile[chosen].clean_values([value])[0])
        return pa.array(out, type=pa.string())

    varchar = duckdb.sqltype("VARCHAR")
    con.create_function(name, clean_column, [varchar], varchar, type="arrow")
    con.create_function(f"{name}_as", clean_column_as, [varchar, varchar], varchar, type="arrow")
    return con
