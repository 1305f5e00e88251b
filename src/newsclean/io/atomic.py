"""Write a file completely or not at all: to a temporary file beside it, then os.replace.

Only regular files are replaced. An output that exists and is something else (``/dev/null``,
a named pipe, a terminal) is written straight to: replacing it would turn a device node into
a regular file. ``-`` and ``/dev/stdout`` are standard output.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from newsclean.io.compression import wrap_binary_write
from newsclean.io.remote import Remote

STDOUT_NAMES = ("-", "/dev/stdout")


def is_stdout(path: Path | Remote | str) -> bool:
    return str(path) in STDOUT_NAMES


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_binary_writer(path: Path | Remote) -> Iterator[IO[bytes]]:
    """Yield a (compressing, by extension) binary stream; on success it replaces ``path``.

    An exception (a KeyboardInterrupt included) removes the temporary file and leaves any
    existing ``path`` untouched, so an interrupted run never leaves half an output. The new
    file gets the mode of the file it replaces, or what the umask allows for a new one (a
    temporary file alone would be 0600).
    """
    if is_stdout(path):
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    if isinstance(path, Remote):
        with path.open_write() as raw:
            stream = wrap_binary_write(raw, Path(path.name))
            yield stream
            if stream is not raw:
                stream.close()
        return
    try:
        existing: os.stat_result | None = os.stat(path)
    except OSError:
        existing = None
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        with open(path, "wb") as raw:  # a device, a pipe: written to, never replaced
            stream = wrap_binary_write(raw, path)
            yield stream
            if stream is not raw:
                stream.close()
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    try:
        mode = stat.S_IMODE(existing.st_mode) if existing else 0o666 & ~_umask()
        os.fchmod(fd, mode)
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
