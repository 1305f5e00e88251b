"""Open files and streams, compressed or not, deciding by magic bytes first, then extension."""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
from pathlib import Path
from typing import IO, Any

from newsclean.errors import InputError
from newsclean.io.remote import Remote

_MAGIC = {b"\x1f\x8b": "gzip", b"BZh": "bz2", b"\xfd7zXZ\x00": "xz", b"\x28\xb5\x2f\xfd": "zstd"}
_SUFFIX = {
    ".gz": "gzip",
    ".gzip": "gzip",
    ".bz2": "bz2",
    ".xz": "xz",
    ".zst": "zstd",
    ".zstd": "zstd",
}


def compression_of(path: Path, head: bytes = b"") -> str | None:
    """The compression of a file: by its first bytes, else by its extension.

    >>> compression_of(Path("feed.jsonl.gz")), compression_of(Path("x"), b"BZh91AY")
    ('gzip', 'bz2')
    """
    for magic, name in _MAGIC.items():
        if head.startswith(magic):
            return name
    return _SUFFIX.get(path.suffix.lower())


def strip_compression(path: Path | Remote) -> Path:
    """``feed.jsonl.gz`` -> ``feed.jsonl``: the name that tells the format."""
    if isinstance(path, Remote):
        path = Path(path.name)
    return path.with_suffix("") if path.suffix.lower() in _SUFFIX else path


def _zstd() -> object:
    try:
        import zstandard
    except ImportError:
        raise InputError(
            "zstd-compressed files need the zstandard package: pip install 'newsclean[zstd]'"
        ) from None
    return zstandard


def open_binary_read(path: Path | Remote) -> IO[bytes]:
    """Open ``path`` (or URL) for reading bytes, decompressing as its magic bytes say."""
    if isinstance(path, Remote):
        raw = path.open_read()
        try:
            return decompressing(raw, Path(path.name), str(path))
        except BaseException:
            raw.close()
            raise
    try:
        raw = path.open("rb")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot open ({exc.strerror})") from None
    try:
        return decompressing(raw, path, str(path))
    except BaseException:
        raw.close()
        raise


def open_stdin(stream: IO[bytes]) -> IO[bytes]:
    """Standard input, decompressed by its magic bytes, as files are (``zcat`` is optional)."""
    return decompressing(stream, Path("stdin"), "<stdin>")


def decompressing(raw: IO[bytes], path: Path, where: str) -> IO[bytes]:
    """``raw`` made peekable and decompressed as its magic bytes say.

    The magic bytes decide: a file named ``.gz`` that does not start as gzip does is an error
    that says so, never a traceback from the decompressor halfway through. Every stream
    handed back supports ``peek``, so the format can be sniffed from content.
    """
    buffered: Any = raw if hasattr(raw, "peek") else io.BufferedReader(raw)
    head = buffered.peek(8)[:8]
    kind = compression_of(Path("-"), head)
    named = _SUFFIX.get(path.suffix.lower())
    if kind is None and named is not None:
        what = "empty" if not head else f"not {named}-compressed"
        raise InputError(f"{where}: named {path.suffix} but {what}")
    if kind == "gzip":
        return io.BufferedReader(gzip.GzipFile(fileobj=buffered))
    if kind == "bz2":
        return io.BufferedReader(bz2.BZ2File(buffered))
    if kind == "xz":
        return io.BufferedReader(lzma.LZMAFile(buffered))
    if kind == "zstd":
        zstd = _zstd()
        reader = zstd.ZstdDecompressor().stream_reader(buffered)  # type: ignore[attr-defined]
        return io.BufferedReader(reader)
    return buffered  # type: ignore[no-any-return]


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
