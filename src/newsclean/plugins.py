"""User cleaners from outside the package: entry points and ``--plugin`` modules.

A package makes its cleaners available to every newsclean (the CLI, process pools, Ray and Dask
workers) by declaring an entry point in the ``newsclean.cleaners`` group::

    [project.entry-points."newsclean.cleaners"]
    drop_house_footer = "mypkg.cleaners:drop_house_footer"   # a function or a Cleaner
    mypkg = "mypkg.cleaners"                                 # or a module that registers

Entry points are loaded when a pipeline names a cleaner the registry does not know, or when
every cleaner is listed, so a pipeline of built-ins never imports third-party code. A module
that is not installed (``newsclean clean --plugin my_cleaners.py``) is loaded with
`load_plugin`; a pipeline that uses one of its cleaners names the module in its description
(``plugins = [...]``), so a worker loads it before rebuilding the steps.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from newsclean.errors import PluginError

# module name -> how to load it again in another process (a module name or a file path)
_SOURCES: dict[str, str] = {}


def is_plugin_file(source: str) -> bool:
    """A plugin named by a file path (``lib/x.py``) rather than a module name."""
    return source.endswith(".py") or Path(source).is_file()


def is_loaded(source: str) -> bool:
    """The plugin file ``source`` was loaded already in this process."""
    return str(Path(source).resolve()) in _SOURCES.values()


def load_plugin(source: str) -> ModuleType:
    """Import a plugin module by name (``my_cleaners``) or by path (``lib/my_cleaners.py``).

    Loading the same source twice returns the module loaded first.
    """
    path = Path(source)
    if source.endswith(".py") or path.is_file():
        if not path.is_file():
            raise PluginError(f"{source}: plugin file not found")
        name = path.stem
        known = sys.modules.get(name)
        if (
            known is not None
            and Path(getattr(known, "__file__", "") or "").resolve() == path.resolve()
        ):
            return known
        if known is not None or not name.isidentifier():
            raise PluginError(
                f"{source}: a plugin file needs a module name of its own; "
                f"{name!r} is {'taken' if known else 'not a Python identifier'}"
            )
        spec = importlib.util.spec_from_file_location(name, path)
        if spec is None or spec.loader is None:
            raise PluginError(f"{source}: cannot load as a Python module")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        try:
            spec.loader.exec_module(module)
        except Exception as exc:
            del sys.modules[name]
            raise PluginError(
                f"{source}: plugin failed to load ({type(exc).__name__}: {exc})"
            ) from None
        _SOURCES[name] = str(path.resolve())
        return module
    try:
        module = importlib.import_module(source)
    except ImportError as exc:
        raise PluginError(f"{source}: cannot import plugin module ({exc})") from None
    except Exception as exc:
        raise PluginError(
            f"{source}: plugin failed to load ({type(exc).__name__}: {exc})"
        ) from None
    _SOURCES[module.__name__] = source
    return module


def source_of(module: str) -> str | None:
    """How another process loads ``module`` again, if it came in through `load_plugin`."""
    return _SOURCES.get(module)
