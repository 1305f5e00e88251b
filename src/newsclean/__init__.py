"""newsclean: clean the dirty text of scraped and machine-translated news.

>>> import newsclean
>>> newsclean.clean("Bashar al -Assad said.\\n\\nRead more:\\n\\n%MINIFYHTML28c76dd9809b04b853df86596981405a11%")
'Bashar al-Assad said.'
"""

from newsclean import _scan
from newsclean._version import __version__
from newsclean.cleaner import Cleaner, Risk, cleaner
from newsclean.cleaners.glossary import load_glossary
from newsclean.errors import (
    ConfigError,
    InputError,
    MissingDependencyError,
    NewscleanError,
    ReplayError,
    UnknownCleanerError,
)
from newsclean.explain import Change, Explained, OffsetMap, replay
from newsclean.io.extract import Extracted, extract
from newsclean.pipeline import Pipeline, Step, clean, explain
from newsclean.profiles import profile_names
from newsclean.registry import CleanerInfo, get_cleaner, list_cleaners, register

# How this install runs: "compiled" when the C scan (newsclean._speedups) was built, else
# "pure-python" (same output, slower; a SpeedupsMissingWarning said so once).
__build__ = "compiled" if _scan.COMPILED else "pure-python"

__all__ = [
    "Change",
    "Cleaner",
    "CleanerInfo",
    "ConfigError",
    "Explained",
    "Extracted",
    "InputError",
    "MissingDependencyError",
    "NewscleanError",
    "OffsetMap",
    "Pipeline",
    "ReplayError",
    "Risk",
    "Step",
    "UnknownCleanerError",
    "__build__",
    "__version__",
    "clean",
    "cleaner",
    "explain",
    "extract",
    "get_cleaner",
    "list_cleaners",
    "load_glossary",
    "profile_names",
    "register",
    "replay",
]
