"""Built-in cleaners, one module per family. Importing this package registers them all.

Families are imported in alphabetical order (the import sorter keeps it), so the registry and
`newsclean list` group cleaners by family in a stable order. Profiles set the running order.
"""

from newsclean.cleaners import (  # noqa: F401  (imported for registration)
    debris,
    detokenize,
    encoding,
    entities,
    furniture,
    glossary,
    markup,
    mt,
    normalize,
    whitespace,
)
