"""Collection for the whole tree (the package's doctests and tests/).

A module that imports an optional framework at the top (the Dask engine, the integrations) is
not collected for doctests without it, as its tests skip (``pip install -e '.[test]'`` alone
must pass).
"""

import importlib.util

_NEEDS = {
    "src/newsclean/engines/dask.py": "dask",
    "src/newsclean/integrations/datatrove.py": "datatrove",
    "src/newsclean/integrations/langchain.py": "langchain_core",
    "src/newsclean/integrations/llama_index.py": "llama_index.core",
    "src/newsclean/integrations/pandas.py": "pandas",
    "src/newsclean/integrations/nemo_curator.py": "nemo_curator",
    "src/newsclean/integrations/data_juicer.py": "data_juicer",
    "src/newsclean/integrations/duckdb.py": "pyarrow",
}


def _missing(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is None
    except ModuleNotFoundError:  # the parent package of a dotted name is missing
        return True


collect_ignore = [path for path, module in _NEEDS.items() if _missing(module)]
