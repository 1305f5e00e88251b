"""Open files and streams, compressed or not, deciding by magic bytes first, then extension."""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
from pathlib import Path
from typing import IO

from newsclean.errors import NewscleanError

_MAGIC = {b"\x1f\x8b": "gzip", b"BZh": "bz2", b"\xfd7zXZ\x00": "xz", b"\x28\xb5\x2f\xfd": "zstd"}
_SUFFIX = {
    ".gz": "gzip",
    ".gzip": "gzip",
    ".bz2": "bz2",
    ".xz": "xz",
    ".zst": "zstd",
    ".zstd": "zstd",
}


class InputError(NewscleanError):
    """A file cannot be opened or read as asked; the message names it."""


def compression_of(path: Path, head: bytes = b"") -> str | None:
    """The compression of a file: by its first bytes, else by its extension.

    >>> compression_of(Path("feed.jsonl.gz")), compression_of(Path("x"), b"BZh91AY")
    ('gzip', 'bz2')
    """
    for magic, name in _MAGIC.items():
        if head.startswith(magic):
            return name
    return _SUFFIX.get(path.suffix.lower())


def strip_compression(path: Path) -> Path:
    """``feed.jsonl.gz`` -> ``feed.jsonl``: the name that tells the format."""
    return path.with_suffix("") if path.suffix.lower() in _SUFFIX else path


def _zstd() -> object:
    try:
        import zstandard
    except ImportError:
        raise InputError(
            "zstd-compressed files need the zstandard package: pip install 'newsclean[zstd]'"
        ) from None
    return zstandard


def open_binary_read(path: Path) -> IO[bytes]:
    """Open ``path`` for reading bytes, decompressing as its magic bytes say."""
    try:
        raw = path.open("rb")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot open ({exc.strerror})") from None
    head = raw.peek(8)[:8] if isinstance(raw, io.BufferedReader) else b""
    kind = compression_of(path, head)
    if kind == "gzip":
        return gzip.GzipFile(fileobj=raw)  # type: ignore[return-value]
    if kind == "bz2":
        return bz2.BZ2File(raw)
    if kind == "xz":
        return lzma.LZMAFile(raw)
    if kind == "zstd":
        zstd = _zstd()
        return zstd.ZstdDecompressor().stream_reader(raw)  # type: ignore[attr-defined, no-any-return]
    return raw


def wrap_binary_write(raw: IO[bytes], path: Path) -> IO[bytes]:
    """Wrap an open binary file so that writes compress as ``path``'s extension says."""
    kind = _SUFFIX.get(path.suffix.lower())
    if kind == "gzip":
        return gzip.GzipFile(fileobj=raw, mode="wb", mtime=0)  # type: ignore[return-value]
    if kind == "bz2":
        return bz2.BZ2File(raw, "wb")
    if kind == "xz":
        return lzma.LZMAFile(raw, "wb")
    if kind == "zstd":
        zstd = _zstd()
        return zstd.ZstdCompressor().stream_writer(raw)  # type: ignore[attr-defined, no-any-return]
    return raw
