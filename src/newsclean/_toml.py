"""A small TOML writer for pipeline descriptions (Python's tomllib only reads).

Pipelines hold strings, numbers, booleans, lists and string maps, so that is all it writes.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any


def value(v: Any) -> str:
    """Render one value as TOML.

    >>> value({"Serious climbing": "Serious escalation"})
    '{ "Serious climbing" = "Serious escalation" }'
    """
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if not math.isfinite(v):
            return "nan" if math.isnan(v) else ("inf" if v > 0 else "-inf")
        return repr(v)
    if isinstance(v, str):
        # JSON string escapes are valid TOML basic-string escapes, \uXXXX included.
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, Mapping):
        if not v:
            return "{}"
        return "{ " + ", ".join(f"{value(str(k))} = {value(x)}" for k, x in v.items()) + " }"
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(value(x) for x in v) + "]"
    raise TypeError(f"cannot write {v!r} (a {type(v).__name__}) as TOML")
