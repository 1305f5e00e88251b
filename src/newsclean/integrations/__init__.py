"""newsclean inside the frameworks people already run, one small module per framework.

Each module is imported only when asked for (``from newsclean.integrations.langchain import
NewscleanTransformer``) and needs its framework, installed with the extra of the same name
(``pip install 'newsclean[langchain]'``). Each is written against the framework's own extension
interface and cleans exactly as `newsclean.clean` does:

- `newsclean.integrations.datatrove`: ``NewscleanFormatter``, a datatrove formatter step that
  counts what each cleaner changed with datatrove's ``stat_update``;
- `newsclean.integrations.nemo_curator`: ``NewscleanModifier``, a NeMo Curator
  ``DocumentModifier``;
- `newsclean.integrations.data_juicer`: the ``newsclean_mapper`` Data-Juicer operator;
- `newsclean.integrations.langchain`: ``NewscleanTransformer``, a LangChain
  ``BaseDocumentTransformer``;
- `newsclean.integrations.llama_index`: ``NewscleanTransform``, a LlamaIndex
  ``TransformComponent`` for nodes;
- `newsclean.integrations.pandas`: the ``.newsclean`` accessor of a pandas Series.

polars needs no module: `newsclean.batch.BatchCleaner` takes a polars Series or DataFrame.
Every integration holds the pipeline as its plain description and rebuilds it once per
process, like the Ray and Dask engines, so they pickle small and plugins travel.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from newsclean.batch import _pipeline_of, describe
from newsclean.explain import Explained
from newsclean.pipeline import Pipeline

__all__ = ["Cleaning"]


class Cleaning:
    """What every integration holds: a pipeline as its description, rebuilt once per process.

    >>> cleaning = Cleaning(profile="mt")
    >>> cleaning.explain("Bashar al -Assad said .").by_cleaner()
    {'join_spaced_hyphens': 1, 'fix_punctuation_spacing': 1}
    """

    def __init__(
        self,
        *,
        profile: str | None = None,
        pipeline: Pipeline | Mapping[str, Any] | None = None,
    ) -> None:
        self.description = describe(profile, pipeline)

    @property
    def pipeline(self) -> Pipeline:
        return _pipeline_of(self.description)

    def clean(self, text: str, lang: str | None = None) -> str:
        return self.pipeline(text, lang=lang)

    def explain(self, text: str, lang: str | None = None) -> Explained:
        return self.pipeline.explain(text, lang=lang)
