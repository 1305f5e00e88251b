"""Write a file completely or not at all: to a temporary file beside it, then os.replace."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from newsclean.io.compression import wrap_binary_write


@contextlib.contextmanager
def atomic_binary_writer(path: Path) -> Iterator[IO[bytes]]:
    """Yield a (compressing, by extension) binary stream; on success it replaces ``path``.

    An exception (a KeyboardInterrupt included) removes the temporary file and leaves any
    existing ``path`` untouched, so an interrupted run never leaves half an output.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as raw:
            stream = wrap_binary_write(raw, path)
            yield stream
            if stream is not raw:
                stream.close()
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
