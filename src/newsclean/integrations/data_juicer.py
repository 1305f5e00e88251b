"""The ``newsclean_mapper`` Data-Juicer operator (``pip install 'newsclean[data-juicer]'``).

Importing this module registers the operator, so a Data-Juicer recipe can name it::

    # recipe.yaml  (run with: dj-process --config recipe.yaml
    #               --custom_operator_paths "$(python -c 'import newsclean.integrations.data_juicer as m; print(m.__file__)')")
    process:
      - newsclean_mapper:
          profile: mt

or, from Python, ``NewscleanMapper(profile="mt").run(dataset)``. It is a batched mapper that
cleans ``text_key`` of every sample; a sample whose text is not a string passes through.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from data_juicer.ops.base_op import OPERATORS, Mapper

from newsclean.integrations import Cleaning

__all__ = ["OP_NAME", "NewscleanMapper"]

OP_NAME = "newsclean_mapper"


@OPERATORS.register_module(OP_NAME)
class NewscleanMapper(Mapper):
    """Clean the text of each sample with a newsclean profile or pipeline description."""

    _batched_op = True

    def __init__(
        self,
        profile: str | None = None,
        pipeline: Mapping[str, Any] | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.cleaning = Cleaning(profile=profile, pipeline=pipeline)

    def process_batched(self, samples: dict[str, list[Any]]) -> dict[str, list[Any]]:
        samples[self.text_key] = [
            self.cleaning.clean(t) if isinstance(t, str) else t for t in samples[self.text_key]
        ]
        return samples
