"""Collection for the whole tree (the package's doctests and tests/).

The Dask module's doctest runs Dask: without the test-cluster extra it is not collected, as
the engines' tests skip (``pip install -e '.[test]'`` alone must pass).
"""

import importlib.util

collect_ignore = [] if importlib.util.find_spec("dask") else ["src/newsclean/engines/dask.py"]
