"""A LangChain document transformer: ``NewscleanTransformer`` (``pip install
'newsclean[langchain]'``).

    from langchain_core.documents import Document
    from newsclean.integrations.langchain import NewscleanTransformer

    docs = NewscleanTransformer(profile="mt").transform_documents(loader.load())

Each document comes back as a copy with ``page_content`` cleaned and, under
``metadata["newsclean"]``, how many spans each cleaner changed (``{}``: untouched). A document's
language is read from ``metadata["language"]`` when present, else detected.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from langchain_core.documents import BaseDocumentTransformer, Document

from newsclean.integrations import Cleaning
from newsclean.pipeline import Pipeline

__all__ = ["NewscleanTransformer"]


class NewscleanTransformer(BaseDocumentTransformer):
    """Clean each document's ``page_content``; per-cleaner counts go into its metadata."""

    def __init__(
        self,
        profile: str | None = None,
        pipeline: Pipeline | Mapping[str, Any] | None = None,
        *,
        metadata_key: str | None = "newsclean",
        language_key: str | None = "language",
    ) -> None:
        self.cleaning = Cleaning(profile=profile, pipeline=pipeline)
        self.metadata_key = metadata_key
        self.language_key = language_key

    def transform_documents(
        self, documents: Sequence[Document], **kwargs: Any
    ) -> Sequence[Document]:
        out: list[Document] = []
        for doc in documents:
            lang = doc.metadata.get(self.language_key) if self.language_key else None
            explained = self.cleaning.explain(
                doc.page_content, lang=lang if isinstance(lang, str) else None
            )
            metadata = dict(doc.metadata)
            if self.metadata_key:
                metadata[self.metadata_key] = explained.by_cleaner()
            out.append(
                doc.model_copy(update={"page_content": explained.text, "metadata": metadata})
            )
        return out
