"""Files named by URL (``s3://``, ``gs://``, ``hf://``, ``file://``...), read and written
through fsspec (``pip install 'newsclean[remote]'`` plus the filesystem's own package:
``s3fs``, ``gcsfs``; ``huggingface_hub`` for ``hf://``).

A `Remote` stands where a local `Path` does: it has the name, suffix and ``str`` the format
detection and messages use. Reading streams (nothing is staged on disk); writing goes through
an fsspec transaction, so an output appears whole when the run succeeds and not at all when it
fails, as local outputs do.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import IO, Any, TypeAlias

from newsclean.errors import InputError, MissingDependencyError

# a URL with a scheme of two letters or more ("c:/x" is a Windows drive, not a URL)
URL_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+://")


def is_url(name: str) -> bool:
    """``s3://bucket/a.jsonl`` is; ``feed.jsonl`` and ``-`` are not.

    >>> is_url("s3://news/2026/part-0.jsonl.gz"), is_url("news/part-0.jsonl"), is_url("c:/x")
    (True, False, False)
    """
    return URL_RE.match(name) is not None


def _fsspec() -> Any:
    try:
        import fsspec
    except ImportError:
        raise MissingDependencyError(
            "URLs are read through fsspec: pip install 'newsclean[remote]' "
            "(plus s3fs for s3://, gcsfs for gs://)"
        ) from None
    return fsspec


class Remote:
    """A file (or, ending in ``/``, a folder) named by URL."""

    def __init__(self, url: str) -> None:
        self.url = url
        # the file name, which format detection and output naming read (as from a Path)
        self.name = PurePosixPath(url.split("://", 1)[1].split("?", 1)[0] or "/").name

    def __str__(self) -> str:
        return self.url

    def __repr__(self) -> str:
        return f"Remote({self.url!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Remote) and other.url == self.url

    def __hash__(self) -> int:
        return hash(self.url)

    def _filesystem(self) -> tuple[Any, str]:
        fsspec = _fsspec()
        try:
            fs, path = fsspec.core.url_to_fs(self.url)
        except (ImportError, ValueError) as exc:  # an unknown scheme, its package missing
            raise InputError(f"{self.url}: cannot open ({exc})") from None
        return fs, path

    def open_read(self) -> IO[bytes]:
        fs, path = self._filesystem()
        try:
            return fs.open(path, "rb")  # type: ignore[no-any-return]
        except FileNotFoundError:
            raise InputError(f"{self.url}: no such file") from None
        except IsADirectoryError:
            raise InputError(f"{self.url}: is a folder; end it with / to read its files") from None
        except OSError as exc:
            raise InputError(f"{self.url}: cannot open ({exc})") from None

    def files(self) -> list[Remote]:
        """The files under a folder URL, sorted, skipping hidden ones."""
        fs, path = self._filesystem()
        try:
            found = fs.find(path)
        except OSError as exc:
            raise InputError(f"{self.url}: cannot list ({exc})") from None
        base = self.url.rstrip("/")
        root = path.rstrip("/")
        return [
            Remote(base + "/" + p[len(root) :].lstrip("/"))
            for p in sorted(found)
            if not PurePosixPath(p).name.startswith(".")
        ]

    @contextlib.contextmanager
    def open_write(self) -> Iterator[IO[bytes]]:
        """Write the whole file or nothing: the fsspec transaction commits on success only."""
        fs, path = self._filesystem()
        try:
            fs.makedirs(fs._parent(path), exist_ok=True)  # object stores: nothing to make
        except OSError as exc:
            raise InputError(f"{self.url}: cannot write there ({exc})") from None
        with fs.transaction, fs.open(path, "wb") as out:
            yield out


Location: TypeAlias = Path | Remote


def location(name: str) -> Location:
    """A URL as a `Remote`, anything else as a local `Path`."""
    return Remote(name) if is_url(name) else Path(name)
