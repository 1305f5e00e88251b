"""A NeMo Curator document modifier: ``NewscleanModifier`` (``pip install
'newsclean[nemo-curator]'``).

    from nemo_curator.stages.text.modifiers import Modify
    from newsclean.integrations.nemo_curator import NewscleanModifier

    pipeline.add_stage(Modify(NewscleanModifier(profile="mt"), input_fields="text"))

It is a ``DocumentModifier`` like NeMo Curator's own ``UnicodeReformatter`` (which runs ftfy):
``modify_document`` cleans one document's text; anything that is not a string passes through.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from nemo_curator.stages.text.modifiers import DocumentModifier

from newsclean.integrations import Cleaning

__all__ = ["NewscleanModifier"]


class NewscleanModifier(DocumentModifier):
    """Clean a document's text with a newsclean profile or pipeline description."""

    def __init__(
        self, profile: str | None = None, pipeline: Mapping[str, Any] | None = None
    ) -> None:
        super().__init__()
        self.cleaning = Cleaning(profile=profile, pipeline=pipeline)

    def modify_document(self, text: Any) -> Any:
        return self.cleaning.clean(text) if isinstance(text, str) else text
