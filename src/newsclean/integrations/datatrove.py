"""A datatrove formatter step: ``NewscleanFormatter`` (``pip install 'newsclean[datatrove]'``).

It goes where datatrove's own formatters go (``FTFYFormatter``, ``PIIFormatter``), between a
reader and a writer, and unlike them it says what it changed: per cleaner, the number of
documents it changed (``newsclean/<cleaner>``) and of spans (``newsclean/<cleaner>/spans``),
plus ``changed``/``unchanged``, in the step's stats.

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from newsclean.integrations.datatrove import NewscleanFormatter

    LocalPipelineExecutor(pipeline=[
        JsonlReader("raw/"),
        NewscleanFormatter(profile="mt"),
        JsonlWriter("clean/"),
    ]).run()

A document's language is taken from ``metadata["language"]`` (what datatrove's language
filter writes) when present, else detected.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from datatrove.pipeline.formatters.base import BaseFormatter
from datatrove.utils.typeshelper import StatHints

from newsclean.integrations import Cleaning
from newsclean.pipeline import Pipeline

__all__ = ["NewscleanFormatter"]


class NewscleanFormatter(BaseFormatter):
    """Clean ``doc.text`` with a newsclean profile or pipeline, counting each cleaner's work."""

    name = "🧹 newsclean"

    def __init__(
        self,
        profile: str | None = None,
        pipeline: Pipeline | Mapping[str, Any] | None = None,
        *,
        language_key: str | None = "language",
    ) -> None:
        super().__init__()
        # the description, not the Pipeline: datatrove pickles steps to its workers
        self.cleaning = Cleaning(profile=profile, pipeline=pipeline)
        self.language_key = language_key

    def format(self, text: str) -> str:
        return self.cleaning.clean(text)

    def run(self, data: Any, rank: int = 0, world_size: int = 1) -> Any:
        for doc in data:
            self.stat_update(StatHints.total)
            lang = doc.metadata.get(self.language_key) if self.language_key else None
            with self.track_time():
                explained = self.cleaning.explain(
                    doc.text, lang=lang if isinstance(lang, str) else None
                )
            changed = explained.by_cleaner()
            self.stat_update("changed" if changed else "unchanged")
            for cleaner, spans in changed.items():
                self.stat_update(f"newsclean/{cleaner}")
                self.stat_update(f"newsclean/{cleaner}/spans", value=spans)
            doc.text = explained.text
            yield doc
