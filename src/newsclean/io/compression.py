"""Open files and streams, compressed or not, deciding by magic bytes first, then extension."""

from __future__ import annotations

import bz2
import codecs
import gzip
import io
import lzma
from pathlib import Path
from typing import IO, Any

from newsclean.errors import InputError
from newsclean.io.remote import Remote

PASS_THROUGH, REPLACE = "passthrough", "replace"  # --errors: bytes that are not UTF-8
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


def open_binary_read(
    path: Path | Remote, encoding: str | None = None, errors: str = PASS_THROUGH
) -> IO[bytes]:
    """Open ``path`` (or URL) for reading bytes, decompressing as its magic bytes say, and
    as UTF-8 (see `decoding`)."""
    if isinstance(path, Remote):
        raw = path.open_read()
        try:
            return decompressing(raw, Path(path.name), str(path), encoding, errors)
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
        return decompressing(raw, path, str(path), encoding, errors)
    except BaseException:
        raw.close()
        raise


def open_stdin(
    stream: IO[bytes], encoding: str | None = None, errors: str = PASS_THROUGH
) -> IO[bytes]:
    """Standard input, decompressed by its magic bytes, as files are (``zcat`` is optional)."""
    return decompressing(stream, Path("stdin"), "<stdin>", encoding, errors)


def decompressing(
    raw: IO[bytes],
    path: Path,
    where: str,
    encoding: str | None = None,
    errors: str = PASS_THROUGH,
) -> IO[bytes]:
    """``raw`` made peekable, decompressed as its magic bytes say, and as UTF-8 (`decoding`).

    The magic bytes decide: a file named ``.gz`` that does not start as gzip does is an error
    that says so, never a traceback from the decompressor halfway through. Every stream
    handed back supports ``peek``, so the format can be sniffed from content.
    """
    return decoding(_decompressed(raw, path, where), where, encoding, errors)


def _decompressed(raw: IO[bytes], path: Path, where: str) -> IO[bytes]:
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


# -- text encodings: everything newsclean reads is UTF-8 once it is open ---------------------------
# Byte order marks that are unambiguous (the UTF-32 ones first: FF FE 00 00 starts as UTF-16 LE's).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def bom_encoding(head: bytes) -> str | None:
    r"""The encoding a UTF-16 or UTF-32 byte order mark at the start of ``head`` declares.

    >>> bom_encoding(b"\xff\xfe{\x00"), bom_encoding(b"\xff\xfe\x00\x00{\x00\x00\x00"), bom_encoding(b"{")
    ('utf-16', 'utf-32', None)
    """
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    return None


def decoding(
    stream: IO[bytes], where: str, encoding: str | None = None, errors: str = PASS_THROUGH
) -> IO[bytes]:
    """``stream`` as UTF-8 bytes: re-encoded from a UTF-16/32 byte order mark's encoding or
    the declared ``encoding`` (``--encoding``), and with ``errors="replace"`` bytes that do
    not decode as U+FFFD. Otherwise the stream itself, so that records that are not UTF-8
    are passed through byte for byte. The stream handed back says which byte order mark it
    was decoded by (``decoded_from``; None when none was), so the command can say so."""
    if errors not in (PASS_THROUGH, REPLACE):
        raise ValueError(f"errors must be {PASS_THROUGH!r} or {REPLACE!r}, not {errors!r}")
    peek = getattr(stream, "peek", None)
    head = peek(4)[:4] if peek is not None else b""
    if head.startswith(b"PAR1"):  # Parquet stores its strings as UTF-8 itself
        return stream
    found = bom_encoding(head) if encoding is None else None
    source = encoding or found
    if source is None and errors == PASS_THROUGH:
        return stream
    if source is not None:
        try:
            source = codecs.lookup(source).name
        except LookupError:
            raise InputError(f"{where}: unknown encoding {encoding!r}") from None
    reader = io.BufferedReader(
        _Recoded(stream, where, source or "utf-8", "replace" if errors == REPLACE else "strict"),
        _RECODE_CHUNK,
    )
    reader.decoded_from = found  # type: ignore[attr-defined]
    return reader


_RECODE_CHUNK = 1 << 16


class _Recoded(io.RawIOBase):
    """A binary stream in one encoding read as UTF-8, incrementally (memory: one chunk)."""

    def __init__(self, source: IO[bytes], where: str, encoding: str, errors: str) -> None:
        self.source, self.where, self.encoding = source, where, encoding
        # utf-8-sig, utf-16 and utf-32 take their byte order mark off; UTF-8 out has none
        name = "utf-8-sig" if encoding == "utf-8" else encoding
        self.decoder = codecs.getincrementaldecoder(name)(errors)
        self.pending, self.at = b"", 0  # UTF-8 not yet handed out, from self.at on
        self.done = False
        self.offset = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while self.at == len(self.pending) and not self.done:
            chunk = self.source.read(_RECODE_CHUNK)
            self.done = not chunk
            try:
                text = self.decoder.decode(chunk, final=self.done)
            except UnicodeDecodeError as exc:
                at = self.offset + exc.start
                raise InputError(
                    f"{self.where}: not {self.encoding} (at byte {at}: {exc.reason}); "
                    "--errors replace decodes it with U+FFFD"
                ) from None
            self.offset += len(chunk)
            self.pending, self.at = text.encode("utf-8"), 0
        size = min(len(buffer), len(self.pending) - self.at)
        buffer[:size] = self.pending[self.at : self.at + size]
        self.at += size
        return size

    def close(self) -> None:
        self.source.close()
        super().close()


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
