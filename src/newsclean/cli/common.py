"""What every command shares: exit codes, the pipeline, plugins, the inputs and their formats."""

from __future__ import annotations

import codecs
import fnmatch
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from newsclean.cli.job import Job
from newsclean.errors import UsageError
from newsclean.io import (
    FORMATS,
    FormatOptions,
    InputError,
    detect_format,
    read_records,
)
from newsclean.io.atomic import is_stdout
from newsclean.io.compression import (
    PASS_THROUGH,
    open_binary_read,
    open_stdin,
    strip_compression,
)
from newsclean.io.remote import Location, Remote, is_url
from newsclean.learn import read_phrases
from newsclean.pipeline import Pipeline
from newsclean.plugins import load_plugin
from newsclean.records import Record

EXIT_OK, EXIT_INTERNAL, EXIT_USAGE, EXIT_QUALITY, EXIT_PASSED_THROUGH, EXIT_INTERRUPTED = (
    0,
    1,
    2,
    3,
    4,
    130,
)
SHOWN_PROBLEMS = 10  # reported one per line on stderr; the rest are counted


def load_plugins(args: Job) -> None:
    for source in args.plugin or ():
        load_plugin(source)


def pipeline_from(args: Job) -> Pipeline:
    load_plugins(args)
    pipeline = (
        Pipeline.from_toml(args.pipeline, trust_plugins=args.trust_plugins)
        if args.pipeline is not None
        else Pipeline.from_profile(args.profile)
    )
    level = args.furniture
    if level != "off":
        pipeline = with_furniture(pipeline, level)
    files = args.boilerplate or []
    if not files:
        return pipeline
    phrases: list[str] = []
    for path in files:
        try:
            phrases += read_phrases(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"{path}: cannot read the phrase file ({exc})") from None
    return with_boilerplate(pipeline, tuple(phrases))


def with_furniture(pipeline: Pipeline, level: str) -> Pipeline:
    """The pipeline with a drop_scored_furniture step at ``level``'s threshold, after the
    other line-dropping steps and before the layout tidy (or last)."""
    data = pipeline.to_dict()
    steps = [
        s
        for s in data["steps"]
        if (s if isinstance(s, str) else s["name"]) != "drop_scored_furniture"
    ]
    names = [s if isinstance(s, str) else s["name"] for s in steps]
    at = next(
        (
            names.index(n)
            for n in ("strip_trailing_whitespace", "collapse_blank_lines")
            if n in names
        ),
        len(steps),
    )
    step = {"name": "drop_scored_furniture", "level": level}
    return Pipeline.from_dict({**data, "steps": [*steps[:at], step, *steps[at:]]})


def with_boilerplate(pipeline: Pipeline, phrases: tuple[str, ...]) -> Pipeline:
    """The pipeline with ``phrases`` added to its drop_boilerplate_lines step's ``extra``. The
    phrases travel inside the pipeline's description, so workers and clusters get them."""
    data = pipeline.to_dict()
    steps = []
    found = False
    for step in data["steps"]:
        spec = {"name": step} if isinstance(step, str) else dict(step)
        if spec["name"] == "drop_boilerplate_lines":
            spec["extra"] = [*spec.get("extra", ()), *phrases]
            found = True
        steps.append(spec)
    if not found:
        raise UsageError("--boilerplate: the pipeline has no drop_boilerplate_lines step")
    return Pipeline.from_dict({**data, "steps": steps})


def format_options(args: Job) -> FormatOptions:
    fields = tuple(args.field or ("text",))
    for name in fields:
        if not name or any(not part for part in name.split(".")):
            raise UsageError(
                f"--field {name!r}: a field is a name or a dotted path such as body.text"
            )
    if args.encoding is not None:
        try:
            codecs.lookup(args.encoding)
        except LookupError:
            raise UsageError(
                f"--encoding {args.encoding!r}: not an encoding Python knows"
            ) from None
    return FormatOptions(
        fields=fields,
        column=args.column,
        lang=args.lang or None,
        lang_field=args.lang_field,
        extractor=args.extractor,
        html_comments=args.html_comments,
        html_tables=not args.no_html_tables,
        html_links=args.html_links,
        alt_text=not args.no_alt_text,
        encoding=args.encoding,
        errors=args.errors,
    )


def input_files(args: Job) -> list[tuple[Location | None, Location | None]]:
    """``(file, base)`` pairs; ``base`` is the directory it was found in (for output names)."""
    names = args.inputs or ["-"]
    found: list[tuple[Location | None, Location | None]] = []
    for name in names:
        if name == "-":
            found.append((None, None))
            continue
        if is_url(name):
            remote = Remote(name)
            if name.endswith("/"):
                listed = [f for f in remote.files() if wanted_remote(f, args.glob)]
                if not listed:
                    what = f"matching {args.glob!r}" if args.glob else "of a known format"
                    raise UsageError(f"{name}: no files {what} under this URL")
                found.extend((f, remote) for f in listed)
            else:
                found.append((remote, None))
            continue
        path = Path(name)
        if path.is_dir():
            files = sorted(
                p
                for p in path.rglob(args.glob or "*")
                if p.is_file() and not p.name.startswith(".") and (args.glob or known_format(p))
            )
            if not files:
                what = f"matching {args.glob!r}" if args.glob else "of a known format"
                raise UsageError(f"{name}: no files {what} in this directory")
            found.extend((f, path) for f in files)
        elif not path.exists():
            raise UsageError(f"{name}: no such file or directory")
        else:
            found.append((path, None))
    return found


def wanted_remote(file: Remote, glob: str | None) -> bool:
    return fnmatch.fnmatch(file.name, glob) if glob else known_format(file)


def known_format(path: Location) -> bool:
    """A file whose extension names a format newsclean reads (``feed.jsonl.gz`` too)."""
    suffix = strip_compression(path).suffix.lower()
    return any(suffix in f.suffixes for f in FORMATS.values())


def format_of(path: Location | None, args: Job) -> str:
    """The format given, else the one the name or, failing that, the content says.

    Standard input is sniffed by content exactly as a file is (after decompression and
    decoding). An input read from another encoding than UTF-8 is named on stderr, once."""
    encoding, errors = args.encoding, args.errors
    if path is None:
        stream = stdin_stream(encoding, errors)
        _say_decoded(stream, "<stdin>")
        if args.format:
            return str(args.format)
        return detect_format(Path("stdin"), stream.peek(4096)[:4096], args.column)  # type: ignore[attr-defined]
    try:  # a truncated gzip fails as soon as its header or the BOM sniff is read
        with open_binary_read(path, encoding, errors) as stream:
            _say_decoded(stream, str(path))
            if args.format:
                return str(args.format)
            head = stream.peek(4096)[:4096]  # type: ignore[attr-defined]
    except (OSError, EOFError) as exc:
        raise InputError(f"{path}: cannot read ({exc})") from None
    return detect_format(path, head, args.column)


def _say_decoded(stream: IO[bytes], where: str) -> None:
    source = getattr(stream, "decoded_from", None)
    if source is not None:
        print(f"newsclean: {where}: read as {source}, written as UTF-8", file=sys.stderr)


_STDIN: list[IO[bytes]] = []


def stdin_stream(encoding: str | None = None, errors: str = PASS_THROUGH) -> IO[bytes]:
    """Standard input, decompressed if its magic bytes say so, and decoded as the first call
    asks (see `newsclean.io.compression.decoding`); opened once, peekable."""
    if not _STDIN:
        if sys.stdin is None:
            raise UsageError("no standard input to read; name an input file")
        if sys.stdin.isatty():
            print("newsclean: reading standard input (Ctrl-D ends it)", file=sys.stderr)
        _STDIN.append(open_stdin(sys.stdin.buffer, encoding, errors))
    return _STDIN[0]


def records_of(path: Location | None, fmt: str, options: FormatOptions) -> Iterator[Record]:
    try:
        stdin = stdin_stream(options.encoding, options.errors) if path is None else None
        yield from read_records(path, fmt, options, stdin)
    except ValueError as exc:  # a CSV column that is not there, and similar
        raise UsageError(str(exc)) from None


def check_outputs(
    inputs: list[Location],
    outputs: list[Location],
    *,
    to_stdout: bool = False,
    out_dir: Location | None = None,
) -> None:
    """Before anything is read: no output may be an input or another output, each one's
    directory must exist and be writable, and (``to_stdout``) standard output must not be an
    input (``newsclean clean t.jsonl >> t.jsonl`` would read its own output for ever).
    ``out_dir`` (``-o DIR/``) is made if its parent exists, with the subfolders its files need.
    Standard output and device nodes are written, not replaced."""
    if to_stdout:
        _check_stdout(inputs)
    made = ""
    if isinstance(out_dir, Path):
        if out_dir.is_dir():
            check_directory(out_dir / "x")
        else:
            check_directory(out_dir)
        made = os.path.realpath(out_dir) + os.sep
    seen: dict[str, Location] = {}
    for target in outputs:
        if isinstance(target, Remote):
            if target in inputs:
                raise UsageError(f"{target}: is an input too; write to another file")
            if str(target) in seen:
                raise UsageError(f"{target}: named for two outputs ({seen[str(target)]} too)")
            seen[str(target)] = target
            continue
        if is_stdout(target):
            continue
        if target.exists() and not target.is_file():
            if target.is_dir():
                raise UsageError(f"{target}: is a directory; give a file name")
            continue  # /dev/null, a pipe: written to as it is
        for source in inputs:
            if isinstance(source, Path) and target.exists() and os.path.samefile(target, source):
                raise UsageError(f"{target}: is an input too; write to another file")
        real = os.path.realpath(target)
        if real in seen:
            raise UsageError(f"{target}: named for two outputs ({seen[real]} too)")
        seen[real] = target
        if not (made and real.startswith(made)):
            check_directory(target)


def check_directory(target: Path) -> None:
    """The folder ``target`` goes in must exist and be writable: a mistyped ``-o`` is an
    error, not a tree of new folders."""
    parent = Path(os.path.realpath(target)).parent
    if not parent.is_dir():
        why = "is not a directory" if parent.exists() else "does not exist"
        raise UsageError(f"{target}: cannot write there ({parent} {why})")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise UsageError(f"{target}: cannot write there ({parent} is not writable)")


def _check_stdout(inputs: list[Location]) -> None:
    """Refuse, as ``cat`` does, when standard output is a regular file that is also an input."""
    try:
        out = os.fstat(sys.stdout.fileno())
    except (OSError, AttributeError, ValueError):  # no real stdout (captured, closed)
        return
    if not stat.S_ISREG(out.st_mode):
        return
    for source in inputs:
        if not isinstance(source, Path):
            continue
        try:
            same = os.path.samestat(os.stat(source), out)
        except OSError:
            continue
        if same:
            raise UsageError(f"{source}: input file is also standard output; write to another file")
