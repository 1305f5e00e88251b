"""Built-in cleaners, one module per family. Importing this package registers them all.

Families are imported in a fixed order so registration order (and `newsclean list`) is stable.
"""

from newsclean.cleaners import (  # noqa: F401  (imported for registration)
    debris,
    detokenize,
    encoding,
    entities,
    glossary,
    markup,
    mt,
    normalize,
    whitespace,
)
