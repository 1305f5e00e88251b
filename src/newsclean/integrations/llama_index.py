"""A LlamaIndex transformation: ``NewscleanTransform`` (``pip install
'newsclean[llama-index]'``).

    from llama_index.core.ingestion import IngestionPipeline
    from llama_index.core.node_parser import SentenceSplitter
    from newsclean.integrations.llama_index import NewscleanTransform

    nodes = IngestionPipeline(
        transformations=[NewscleanTransform(profile="mt"), SentenceSplitter()]
    ).run(documents=documents)

Put it before the splitter: it cleans whole documents, and a node's character offsets
(``start_char_idx``) point into the text it was split from. Nodes without text (images) pass
through. With ``metadata_key``, a node's metadata gets per-cleaner counts, kept out of what is
embedded and what the LLM sees.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from llama_index.core.schema import BaseNode, MetadataMode, TransformComponent
from pydantic import PrivateAttr

from newsclean.integrations import Cleaning

__all__ = ["NewscleanTransform"]


class NewscleanTransform(TransformComponent):
    """Clean the text of each node with a newsclean profile or pipeline description."""

    profile: str | None = None
    pipeline: dict[str, Any] | None = None  # a Pipeline.to_dict() description
    metadata_key: str | None = None
    language_key: str | None = "language"
    _cleaning: Cleaning = PrivateAttr()

    def model_post_init(self, context: Any, /) -> None:
        self._cleaning = Cleaning(profile=self.profile, pipeline=self.pipeline)

    @classmethod
    def class_name(cls) -> str:
        return "NewscleanTransform"

    def __call__(self, nodes: Sequence[BaseNode], **kwargs: Any) -> Sequence[BaseNode]:
        for node in nodes:
            text = node.get_content(metadata_mode=MetadataMode.NONE)
            if not text:  # an image or other media node: nothing to clean
                continue
            lang = node.metadata.get(self.language_key) if self.language_key else None
            explained = self._cleaning.explain(text, lang=lang if isinstance(lang, str) else None)
            node.set_content(explained.text)
            if self.metadata_key:
                node.metadata[self.metadata_key] = explained.by_cleaner()
                for excluded in (
                    node.excluded_embed_metadata_keys,
                    node.excluded_llm_metadata_keys,
                ):
                    if self.metadata_key not in excluded:
                        excluded.append(self.metadata_key)
        return nodes
