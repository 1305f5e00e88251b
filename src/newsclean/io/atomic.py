"""Write a file completely or not at all: to a temporary file beside it, then os.replace.

Only regular files are replaced. An output that exists and is something else (``/dev/null``,
a named pipe, a terminal) is written straight to: replacing it would turn a device node into
a regular file. ``-`` and ``/dev/stdout`` are standard output.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import stat
import sys
import tempfile
import time
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
    path.parent.mkdir(parents=True, exist_ok=True)  # a directory output's subfolders
    try:
        fd, tmp = tempfile.mkstemp(prefix=_partial_prefix(path), suffix=".partial", dir=path.parent)
    except OSError as exc:  # named after the user's path, not the temporary file's
        raise OSError(exc.errno, exc.strerror, str(path)) from None
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
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(exc, OSError) and exc.filename == tmp:  # a full disk while writing
            raise OSError(exc.errno, exc.strerror, str(path)) from None
        raise
    finally:
        remove_stale_partials(path)


# A temporary file is named `.NAME.HOST-PID.RANDOM.partial`: a run killed outright (SIGKILL, a
# power cut) cannot remove its own, so the next run that writes NAME removes those whose
# process on this host is gone. Another host's (a shared disk) and a live process's are kept.
_HOST = re.sub(r"[^A-Za-z0-9-]", "", socket.gethostname())[:40] or "host"
_LEGACY_AGE = 3600.0  # s: partials of versions that named no process are removed when older


def _partial_prefix(path: Path) -> str:
    return f".{path.name}.{_HOST}-{os.getpid()}."


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if sys.platform == "win32":  # os.kill(pid, 0) would terminate it: an open file stays put
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's live process
        return True
    return True


def remove_stale_partials(path: Path) -> list[Path]:
    """Remove the temporary files that killed runs left beside ``path``; return them.

    >>> import tempfile; folder = Path(tempfile.mkdtemp())
    >>> dead = folder / f".out.jsonl.{_HOST}-999999999.x1.partial"; _ = dead.write_bytes(b"{")
    >>> [p.name for p in remove_stale_partials(folder / "out.jsonl")] == [dead.name]
    True
    """
    removed: list[Path] = []
    prefix = f".{path.name}."
    try:
        names = [n for n in os.listdir(path.parent) if n.startswith(prefix)]
    except OSError:
        return removed
    for name in names:
        match = _PARTIAL_RE.fullmatch(name[len(prefix) :])
        if match is None:
            continue
        stale_path = path.parent / name
        if match["pid"] is not None:
            if match["host"] != _HOST or _alive(int(match["pid"])):
                continue
        else:
            try:
                if time.time() - os.stat(stale_path).st_mtime < _LEGACY_AGE:
                    continue
            except OSError:
                continue
        with contextlib.suppress(OSError):  # on Windows a live run's open file stays
            os.unlink(stale_path)
            removed.append(stale_path)
    return removed


_PARTIAL_RE = re.compile(r"(?:(?P<host>[A-Za-z0-9-]*)-(?P<pid>[0-9]+)\.)?[A-Za-z0-9_]+\.partial")
