"""The ``newsclean`` command: clean feeds and files, explain changes, audit a corpus, evaluate.

User mistakes (a missing file, an unknown format or cleaner, a malformed pipeline, a bad
``--field``) print one line ``newsclean: what: why`` and exit with status 2, never a traceback.

Exit status: 0 clean run; 1 internal error; 2 usage error, or an unprocessable record with
``--strict``; 3 quality gate failed (``eval``); 4 the run finished but passed records through
unchanged (each one reported, and counted in ``--stats``); 130 interrupted (no output written).
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import errno
import fnmatch
import html
import json
import os
import signal
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from newsclean import __build__, __version__
from newsclean.engines import ENGINES
from newsclean.engines import FORMATS as ENGINE_FORMATS
from newsclean.errors import NewscleanError
from newsclean.explain import Change, replay
from newsclean.io import (
    FORMATS,
    OUTPUT_SUFFIX,
    FormatOptions,
    InputError,
    Writer,
    detect_format,
    make_writer,
    output_kind,
    read_records,
)
from newsclean.io.atomic import STDOUT_NAMES, atomic_binary_writer, is_stdout
from newsclean.io.compression import open_binary_read, open_stdin, strip_compression
from newsclean.io.jsonl import dumps as dumps_json
from newsclean.io.remote import Location, Remote, is_url, location
from newsclean.learn import LineCounts, phrase_file, read_phrases, source_of
from newsclean.pipeline import Pipeline
from newsclean.plugins import load_plugin
from newsclean.records import Record
from newsclean.registry import list_cleaners
from newsclean.run import run_processes, run_serial
from newsclean.stats import CleanerCounts, Stats

EXIT_OK, EXIT_INTERNAL, EXIT_USAGE, EXIT_QUALITY, EXIT_PASSED_THROUGH, EXIT_INTERRUPTED = (
    0,
    1,
    2,
    3,
    4,
    130,
)
SHOWN_PROBLEMS = 10  # reported one per line on stderr; the rest are counted


class UsageError(Exception):
    """A mistake in how the command was called or in what it was given."""


class StrictStop(Exception):
    """--strict met a record it cannot process."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsclean",
        description="Clean the dirty text of scraped and machine-translated news.",
        epilog="Exit status: 0 ok, 1 internal error, 2 usage or input error, 3 quality gate "
        "failed, 4 records passed through unchanged, 130 interrupted.",
    )
    scan = (
        "compiled scan"
        if __build__ == "compiled"
        else "pure-Python scan: slower, no C compiler at install"
    )
    parser.add_argument("--version", action="version", version=f"newsclean {__version__} ({scan})")
    sub = parser.add_subparsers(dest="command", required=True)

    def with_plugins(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--plugin",
            action="append",
            metavar="MODULE",
            help="import a module (name or .py path) that registers cleaners, so a pipeline "
            "can name them; installed plugins' entry points need no flag (repeatable)",
        )

    def with_pipeline(p: argparse.ArgumentParser) -> None:
        with_plugins(p)
        group = p.add_mutually_exclusive_group()
        group.add_argument("--profile", default="default", help="shipped profile: default or mt")
        group.add_argument("--pipeline", type=Path, help="pipeline TOML file")
        p.add_argument(
            "--boilerplate",
            type=Path,
            action="append",
            help="phrase file (one line each, as `newsclean learn` writes) whose lines "
            "drop_boilerplate_lines drops too (repeatable)",
        )

    def with_inputs(p: argparse.ArgumentParser) -> None:
        p.add_argument("inputs", nargs="*", help="files or directories ('-' or nothing: stdin)")
        p.add_argument(
            "--format",
            choices=sorted(FORMATS),
            help="input format (default: by extension, then content)",
        )
        p.add_argument(
            "--field",
            action="append",
            help="JSON field to clean, dotted for nested (repeatable; default: text)",
        )
        p.add_argument(
            "--column", default="text", help="CSV/TSV column to clean: header name or 0-based index"
        )
        p.add_argument(
            "--lang",
            help="the language of records without their own (ISO 639-1, e.g. en, fr); "
            "default: detected per record",
        )
        p.add_argument(
            "--lang-field",
            default="lang",
            help="JSON/Parquet field holding a record's language (default: lang)",
        )
        p.add_argument(
            "--glob",
            help="files to take from directories (default: files of the known formats, "
            "compressed or not)",
        )
        html = p.add_argument_group("HTML pages and feed items")
        html.add_argument(
            "--extractor",
            choices=("trafilatura", "render"),
            default="trafilatura",
            help="HTML pages: trafilatura finds the article (pip install 'newsclean[html]'); "
            "render keeps every visible text node (default: trafilatura)",
        )
        html.add_argument(
            "--html-comments", action="store_true", help="keep readers' comments under articles"
        )
        html.add_argument(
            "--no-html-tables", action="store_true", help="leave out the text of tables"
        )
        html.add_argument("--html-links", action="store_true", help="write links as [text](url)")
        html.add_argument(
            "--no-alt-text",
            action="store_true",
            help="rendered HTML (feed items, --extractor render): leave out image alt text",
        )

    p_clean = sub.add_parser("clean", help="clean records and write them in their format")
    with_inputs(p_clean)
    p_clean.add_argument(
        "-o",
        "--output",
        help="output file ('-': stdout), or directory (ending in / or existing) for one output "
        "per input; default stdout. Never an input: that is refused",
    )
    with_pipeline(p_clean)
    p_clean.add_argument(
        "--jobs",
        type=int,
        help="worker processes (output is identical to --jobs 1; default: 1); with --engine "
        "and no --address, the local cluster's workers (default there: all cores)",
    )
    p_clean.add_argument(
        "--engine",
        choices=ENGINES,
        help="clean JSONL or Parquet on a Ray or Dask cluster (pip install 'newsclean[ray]' or "
        "'newsclean[dask]'); output is identical to the serial run",
    )
    p_clean.add_argument(
        "--address",
        help="with --engine: the cluster to join (Ray: ray://host:10001 or auto; Dask: "
        "tcp://host:8786); default: start a local cluster",
    )
    p_clean.add_argument(
        "--shard-mb",
        type=float,
        default=4.0,
        help="with --engine, or --jobs on JSONL or Parquet: input per task, in MB (default: 4)",
    )
    p_clean.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="progress bar on stderr (default: when it is a terminal)",
    )
    p_clean.add_argument(
        "--stats", type=Path, help="write counts (per cleaner too) to this JSON file"
    )
    p_clean.add_argument(
        "--strict",
        action="store_true",
        help="stop at the first record that cannot be processed (exit 2)",
    )
    p_clean.add_argument(
        "--rejects",
        type=Path,
        help="write records passed through, with reasons, to this JSONL file",
    )

    p_explain = sub.add_parser("explain", help="show what each cleaner changed, and where")
    with_inputs(p_explain)
    p_explain.add_argument("--text", help="explain this string instead of reading input")
    with_pipeline(p_explain)
    p_explain.add_argument("--json", action="store_true", help="print changes as JSON")
    p_explain.add_argument(
        "--limit", type=int, default=20, help="at most this many records with changes"
    )

    p_audit = sub.add_parser(
        "audit", help="report what each cleaner would change in a corpus, writing nothing"
    )
    with_inputs(p_audit)
    with_pipeline(p_audit)
    p_audit.add_argument("--json", action="store_true", help="print the report as JSON")
    p_audit.add_argument("--html", type=Path, help="also write a self-contained HTML report here")
    p_audit.add_argument("--examples", type=int, default=3, help="examples per cleaner")

    p_eval = sub.add_parser(
        "eval",
        help="score a profile or pipeline on labelled cases (JSONL: id, source, kind, raw, expected)",
    )
    p_eval.add_argument("cases", help="JSONL case file")
    with_pipeline(p_eval)
    p_eval.add_argument("--json", action="store_true", help="print the report as JSON")
    p_eval.add_argument("--worst", type=int, default=5, help="how many worst cases to show")
    p_eval.add_argument(
        "--baseline", type=Path, help="quality baseline: fail (exit 3) below its floors"
    )
    p_eval.add_argument(
        "--update-baseline", action="store_true", help="pin today's scores as floors"
    )
    p_eval.add_argument(
        "--allow-regression",
        action="store_true",
        help="with --update-baseline: allow lowering a floor",
    )

    p_learn = sub.add_parser(
        "learn",
        help="find the lines a source repeats across its documents (page furniture), for "
        "review and --boilerplate",
    )
    with_inputs(p_learn)
    p_learn.add_argument("-o", "--output", help="phrase file to write (default: stdout)")
    p_learn.add_argument(
        "--by",
        help="field naming a record's source (default: a source, site or domain field, else "
        "the host of a url, link or ref field; else all records are one source)",
    )
    p_learn.add_argument(
        "--min-documents",
        type=int,
        default=5,
        help="a line must be in at least this many documents of its source (default 5, min 2)",
    )
    p_learn.add_argument(
        "--min-share",
        type=float,
        default=0.3,
        help="... and in at least this share of them (default 0.3)",
    )
    p_learn.add_argument("--show", type=int, default=20, help="lines to show on stderr")

    p_list = sub.add_parser(
        "list", help="list every cleaner: name, family, risk, profiles, summary"
    )
    p_list.add_argument("--markdown", action="store_true", help="as a Markdown table (for docs)")
    with_plugins(p_list)
    return parser


# -- shared ---------------------------------------------------------------------------------------
def _load_plugins(args: argparse.Namespace) -> None:
    for source in getattr(args, "plugin", None) or ():
        load_plugin(source)


def _pipeline(args: argparse.Namespace) -> Pipeline:
    _load_plugins(args)
    pipeline = (
        Pipeline.from_toml(args.pipeline)
        if args.pipeline is not None
        else Pipeline.from_profile(args.profile)
    )
    files = getattr(args, "boilerplate", None) or []
    if not files:
        return pipeline
    phrases: list[str] = []
    for path in files:
        try:
            phrases += read_phrases(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"{path}: cannot read the phrase file ({exc})") from None
    return with_boilerplate(pipeline, tuple(phrases))


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


def _options(args: argparse.Namespace) -> FormatOptions:
    fields = tuple(args.field or ("text",))
    for name in fields:
        if not name or any(not part for part in name.split(".")):
            raise UsageError(
                f"--field {name!r}: a field is a name or a dotted path such as body.text"
            )
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
    )


def _inputs(args: argparse.Namespace) -> list[tuple[Location | None, Location | None]]:
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
                listed = [f for f in remote.files() if _wanted(f, args.glob)]
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
                if p.is_file() and not p.name.startswith(".") and (args.glob or _known(p))
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


def _wanted(file: Remote, glob: str | None) -> bool:
    return fnmatch.fnmatch(file.name, glob) if glob else _known(file)


def _known(path: Location) -> bool:
    """A file whose extension names a format newsclean reads (``feed.jsonl.gz`` too)."""
    suffix = strip_compression(path).suffix.lower()
    return any(suffix in f.suffixes for f in FORMATS.values())


def _format_of(path: Location | None, args: argparse.Namespace) -> str:
    """The format given, else the one the name or, failing that, the content says.

    Standard input is sniffed by content exactly as a file is (after decompression)."""
    if args.format:
        return str(args.format)
    if path is None:
        return detect_format(Path("stdin"), _stdin().peek(4096)[:4096], args.column)  # type: ignore[attr-defined]
    with open_binary_read(path) as stream:
        try:
            head = stream.peek(4096)[:4096]  # type: ignore[attr-defined]
        except (OSError, EOFError) as exc:
            raise InputError(f"{path}: cannot read ({exc})") from None
    return detect_format(path, head, args.column)


_STDIN: list[IO[bytes]] = []


def _stdin() -> IO[bytes]:
    """Standard input, decompressed if its magic bytes say so; opened once, peekable."""
    if not _STDIN:
        if sys.stdin is None:
            raise UsageError("no standard input to read; name an input file")
        if sys.stdin.isatty():
            print("newsclean: reading standard input (Ctrl-D ends it)", file=sys.stderr)
        _STDIN.append(open_stdin(sys.stdin.buffer))
    return _STDIN[0]


def _records(path: Location | None, fmt: str, options: FormatOptions) -> Iterator[Record]:
    try:
        yield from read_records(path, fmt, options, _stdin() if path is None else None)
    except ValueError as exc:  # a CSV column that is not there, and similar
        raise UsageError(str(exc)) from None


# -- clean ----------------------------------------------------------------------------------------
class Problems:
    """Reports passed-through records: the first few on stderr, all to --rejects."""

    def __init__(self, strict: bool, rejects: IO[bytes] | None) -> None:
        self.strict, self.rejects, self.count = strict, rejects, 0

    def __call__(self, records: Iterator[Record]) -> Iterator[Record]:
        for record in records:
            if record.passed_through:
                self.count += 1
                if self.strict:
                    raise StrictStop(f"{record.where}: {record.problem}")
                if self.count <= SHOWN_PROBLEMS:
                    print(
                        f"newsclean: {record.where}: {record.problem}; passed through unchanged",
                        file=sys.stderr,
                    )
                if self.rejects is not None:
                    self.rejects.write(reject_line(record))
            yield record


def reject_line(record: Record) -> bytes:
    """A passed-through record as a JSON line from which it can be recovered byte for byte:
    ``raw`` holds its text when it is UTF-8, ``raw_base64`` its bytes otherwise, and ``item``
    a parsed item that has no raw form (a Parquet row, a feed item)."""
    row: dict[str, Any] = {"where": record.where, "reason": record.problem}
    raw = record.raw
    if isinstance(raw, bytes):
        try:
            row["raw"] = raw.decode("utf-8")
        except UnicodeDecodeError:
            row["raw_base64"] = base64.b64encode(raw).decode("ascii")
    elif raw is not None:
        row["raw"] = raw
    else:
        row["item"] = record.item
    return dumps_json(row).encode("utf-8") + b"\n"


def _progress(records: Iterator[Record], enabled: bool) -> Iterator[Record]:
    if not enabled:
        yield from records
        return
    from tqdm import tqdm

    with tqdm(unit=" records", file=sys.stderr, dynamic_ncols=True) as bar:
        size = number = 0
        for number, record in enumerate(records, 1):
            size += sum(len(t) for t in record.texts.values())
            if number % 64 == 0:  # updating per record would cost more than cleaning
                bar.update(64)
                bar.set_postfix_str(f"{size / 1e6:.1f} MB", refresh=False)
            yield record
        bar.update(number % 64)


def _write_on_engine(
    session: Any,
    jobs: list[tuple[str, Location | None, Location | None]],
    options: FormatOptions,
    writer: Writer,
    stats: Stats,
    problems: Problems,
    show_progress: bool,
    shard_bytes: int,
) -> None:
    """Shards to the cluster, results back in order: counts merged, problems reported, output written."""
    from newsclean.engines._shards import shards_of

    def shards() -> Iterator[Any]:
        for fmt, path, _ in jobs:
            try:
                yield from shards_of(
                    path, fmt, options, _stdin() if path is None else None, shard_bytes
                )
            except ValueError as exc:  # a Parquet column that is not there
                raise UsageError(str(exc)) from None

    bar = None
    if show_progress:
        from tqdm import tqdm

        bar = tqdm(unit=" records", file=sys.stderr, dynamic_ncols=True)
    try:
        for result in session.run(shards()):
            stats.add(result.stats)
            for _ in problems(iter(result.problems)):
                pass
            if isinstance(result.payload, bytes):
                writer.out.write(result.payload)  # type: ignore[attr-defined]
            else:
                writer.write_table(result.payload)  # type: ignore[attr-defined]
            if bar is not None:
                bar.update(result.records)
    finally:
        if bar is not None:
            bar.close()


def _out_name(
    path: Location | None, base: Location | None, out_dir: Location, writes: str, fmt: str
) -> Location:
    if path is None:
        relative = Path(f"stdin{OUTPUT_SUFFIX[writes]}")
    else:
        if isinstance(path, Remote):
            inside = str(path)[len(str(base).rstrip("/")) + 1 :] if base else path.name
            relative = Path(inside)
        else:
            relative = path.relative_to(base) if isinstance(base, Path) else Path(path.name)
        if FORMATS[fmt].writes != fmt and writes in (
            "items",
            "text",
        ):  # feeds -> .jsonl, html -> .txt
            relative = strip_compression(relative).with_suffix(OUTPUT_SUFFIX[writes])
    if isinstance(out_dir, Remote):
        return Remote(str(out_dir).rstrip("/") + "/" + relative.as_posix())
    return out_dir / relative


def _check_suffix(target: Location, writes: str) -> None:
    """Refuse an output name whose extension promises another format than is written."""
    suffix = strip_compression(target).suffix.lower()
    named = [f.writes for f in FORMATS.values() if suffix in f.suffixes]
    if not named or writes in named or writes == "rss" or (writes == "items" and "jsonl" in named):
        return
    wanted = OUTPUT_SUFFIX[writes]
    raise UsageError(
        f"{target}: the output is {wanted[1:]} (from the input's format), not {suffix[1:]}; "
        f"name it {wanted}"
    )


def _check_outputs(inputs: list[Location], outputs: list[Location]) -> None:
    """Before anything is read: no output may be an input or another output, and each one's
    directory must be writable. Standard output and device nodes are written, not replaced."""
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
        parent = Path(real).parent
        while not parent.exists():
            parent = parent.parent
        if not parent.is_dir() or not os.access(parent, os.W_OK | os.X_OK):
            raise UsageError(f"{target}: cannot write there ({parent} is not writable)")


def _clean(args: argparse.Namespace) -> int:
    pipeline = _pipeline(args)
    options = _options(args)
    inputs = _inputs(args)
    if args.jobs is not None and args.jobs < 1:
        raise UsageError(f"--jobs must be at least 1, got {args.jobs}")
    if args.address and not args.engine:
        raise UsageError("--address names a cluster for --engine ray or --engine dask")
    formats = [(_format_of(path, args), path, base) for path, base in inputs]
    output: str | None = None if args.output is None or is_stdout(args.output) else args.output
    to_dir = output is not None and (
        output.endswith(("/", os.sep)) or (not is_url(output) and Path(output).is_dir())
    )
    targets: list[Location] = []
    if to_dir:
        targets = [
            _out_name(path, base, location(str(output)), FORMATS[fmt].writes, fmt)
            for fmt, path, base in formats
        ]
    else:
        kinds = {FORMATS[fmt].writes for fmt, _, _ in formats}
        if len(kinds) > 1:
            raise UsageError(
                f"inputs of different formats ({', '.join(sorted(kinds))}) need -o DIRECTORY/"
            )
        if output is None and "parquet" in kinds:
            raise UsageError("Parquet is written to a file: give -o FILE.parquet")
        if kinds == {"json"} and len(formats) > 1:
            raise UsageError("several JSON files make one array each: give -o DIRECTORY/")
        if output is not None:
            targets = [location(output)]
            _check_suffix(targets[0], output_kind(formats[0][0], targets[0]))
    _check_outputs(
        [path for _, path, _ in formats if path is not None],
        [*targets, *(p for p in (args.rejects, args.stats) if p is not None)],
    )
    if args.shard_mb <= 0:
        raise UsageError(f"--shard-mb must be positive, got {args.shard_mb}")
    shard_bytes = max(1, int(args.shard_mb * 1e6))
    if args.engine:
        for fmt, path, _ in formats:
            if fmt not in ENGINE_FORMATS:
                raise UsageError(
                    f"{path or '<stdin>'}: --engine cleans JSONL or Parquet, not {fmt}; "
                    "run without --engine, or convert it"
                )
    stats = Stats()
    show_progress = sys.stderr.isatty() if args.progress is None else args.progress
    started = time.perf_counter()

    detail = args.stats is not None

    def execute(records: Iterator[Record]) -> Iterator[Record]:
        if args.jobs and args.jobs > 1:
            return run_processes(records, pipeline, stats, jobs=args.jobs, detail=detail)
        return run_serial(records, pipeline, stats, detail=detail)

    with contextlib.ExitStack() as stack:
        rejects = stack.enter_context(atomic_binary_writer(args.rejects)) if args.rejects else None
        problems = Problems(args.strict, rejects)
        session = None
        # --jobs N on JSONL or Parquet runs shards on a process pool, like the engines do, so
        # parsing and writing are parallel too; other formats go record by record.
        sharded_jobs = (
            args.jobs is not None
            and args.jobs > 1
            and all(fmt in ENGINE_FORMATS for fmt, _, _ in formats)
        )
        if args.engine or sharded_jobs:
            from newsclean.engines import open_session

            session = stack.enter_context(
                open_session(
                    args.engine or "processes",
                    address=args.address,
                    workers=args.jobs,
                    description=pipeline.to_dict(),
                    options=options,
                    detail=detail,
                )
            )
            up = time.perf_counter() - started
            started += up  # the run's MB/s counts cleaning, not the cluster's start-up
            if args.engine:
                print(
                    f"newsclean: running on {session.description} (up in {up:.1f} s)",
                    file=sys.stderr,
                )

        def write_all(
            jobs: list[tuple[str, Location | None, Location | None]], writer: Writer
        ) -> None:
            if session is not None:
                _write_on_engine(
                    session, jobs, options, writer, stats, problems, show_progress, shard_bytes
                )
                writer.close()
                return
            stream = (r for fmt, path, _ in jobs for r in _records(path, fmt, options))
            for record in _progress(problems(execute(stream)), show_progress):
                writer.write(record)
            writer.close()

        if to_dir:
            for (fmt, path, base), target in zip(formats, targets, strict=True):
                with atomic_binary_writer(target) as out:
                    write_all([(fmt, path, base)], make_writer(FORMATS[fmt].writes, out))
        elif output is not None:
            target = location(output)
            with atomic_binary_writer(target) as out:
                write_all(formats, make_writer(output_kind(formats[0][0], target), out))
        else:
            out = sys.stdout.buffer
            write_all(formats, make_writer(FORMATS[formats[0][0]].writes, out))
            out.flush()
        stats.seconds = time.perf_counter() - started
        if args.stats:
            with atomic_binary_writer(args.stats) as out:
                out.write(json.dumps(stats.as_dict(), indent=1).encode("utf-8") + b"\n")
    if problems.count > SHOWN_PROBLEMS:
        print(
            f"newsclean: ... and {problems.count - SHOWN_PROBLEMS} more records passed through",
            file=sys.stderr,
        )
    print(f"newsclean: {stats.summary()}", file=sys.stderr)
    return EXIT_PASSED_THROUGH if stats.passed_through else EXIT_OK


# -- explain --------------------------------------------------------------------------------------
_RED, _GREEN, _DIM, _RESET = "\x1b[31m", "\x1b[32m", "\x1b[2m", "\x1b[0m"


def _show(text: str) -> str:
    return text.replace("\n", "⏎")  # newlines stay visible on one output line


def _inline(before: str, after: str, context_left: str, context_right: str, colour: bool) -> str:
    show = _show
    if colour:
        return f"{_DIM}{show(context_left)}{_RESET}{_RED}{show(before)}{_RESET}{_GREEN}{show(after)}{_RESET}{_DIM}{show(context_right)}{_RESET}"
    removed = f"[-{show(before)}-]" if before else ""
    added = f"{{+{show(after)}+}}" if after else ""
    return f"{show(context_left)}{removed}{added}{show(context_right)}"


def _explain_texts(args: argparse.Namespace) -> Iterator[tuple[str, str, str | None]]:
    if args.text is not None:
        yield "--text", args.text, args.lang
        return
    options = _options(args)
    for path, _ in _inputs(args):
        for record in _records(path, _format_of(path, args), options):
            for field, text in record.texts.items():
                where = record.where if len(record.texts) == 1 else f"{record.where} {field}"
                yield where, text, record.lang


def _explain(args: argparse.Namespace) -> int:
    pipeline = _pipeline(args)
    colour = sys.stdout.isatty() and not args.json and "NO_COLOR" not in os.environ
    shown = 0
    rows = []
    for where, text, lang in _explain_texts(args):
        explained = pipeline.explain(text, lang=lang)
        if not explained.changes:
            continue
        shown += 1
        if args.json:
            rows.append(
                {
                    "where": where,
                    "text": explained.text,
                    "changes": [vars(c) for c in explained.changes],
                }
            )
        else:
            print(f"{where}: {len(explained.changes)} change(s)")
            # Offsets index the text as it stood before each change's step, so the context
            # is read from that text, replayed step by step.
            current, step = text, -1
            applied: list[Change] = []
            for change in explained.changes:
                if change.step != step and applied:
                    current = replay(current, applied)
                    applied = []
                step = change.step
                applied.append(change)
                left = current[max(0, change.start - 25) : change.start]
                right = current[change.end : change.end + 25]
                line = current.count("\n", 0, change.start) + 1
                print(
                    f"  {change.cleaner:32} line {line:<4} {_inline(change.before, change.after, left, right, colour)}"
                )
        if shown >= args.limit:
            break
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    elif not shown:
        print("no changes")
    return EXIT_OK


# -- audit ----------------------------------------------------------------------------------------
def _audit(args: argparse.Namespace) -> int:
    pipeline = _pipeline(args)
    options = _options(args)
    if args.html is not None:
        _check_outputs([p for p, _ in _inputs(args) if p is not None], [args.html])
    stats = Stats()
    examples: dict[str, list[dict[str, str]]] = {}
    for path, _ in _inputs(args):
        fmt = _format_of(path, args)
        for record in _records(path, fmt, options):
            if record.structural or record.passed_through:
                stats.records += not record.structural
                stats.passed_through += record.passed_through
                continue
            stats.records += 1
            changed = False
            for text in record.texts.values():
                stats.bytes_in += len(text.encode("utf-8", "surrogatepass"))
                explained = pipeline.explain(text, lang=record.lang)
                for change in explained.changes:
                    changed = True
                    counts = stats.cleaners.setdefault(change.cleaner, CleanerCounts())
                    counts.spans += 1
                    counts.chars += len(change.before) + len(change.after)
                    bucket = examples.setdefault(change.cleaner, [])
                    if len(bucket) < args.examples and not any(
                        e["where"] == record.where for e in bucket
                    ):
                        bucket.append(
                            {
                                "where": record.where,
                                "before": change.before[:300],
                                "after": change.after[:300],
                            }
                        )
                for name in {c.cleaner for c in explained.changes}:
                    stats.cleaners[name].documents += 1
            stats.changed += changed
            stats.unchanged += not changed
    report: dict[str, Any] = {
        "records": stats.records,
        "changed": stats.changed,
        "passed_through": stats.passed_through,
        "bytes": stats.bytes_in,
        "cleaners": {
            k: {**vars(v), "examples": examples.get(k, [])}
            for k, v in sorted(stats.cleaners.items(), key=lambda kv: -kv[1].documents)
        },
    }
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        print(
            f"{stats.records} records, {stats.changed} would change, {stats.passed_through} cannot be processed"
        )
        print(f"  {'cleaner':34} {'documents':>9} {'share':>6} {'spans':>7} {'chars':>8}")
        for name, row in report["cleaners"].items():
            share = row["documents"] / stats.records if stats.records else 0
            print(
                f"  {name:34} {row['documents']:9} {share:6.1%} {row['spans']:7} {row['chars']:8}"
            )
            for example in row["examples"]:
                print(
                    f"      {example['where']}: {example['before'][:60]!r} -> {example['after'][:60]!r}"
                )
    if args.html:
        with atomic_binary_writer(args.html) as out:
            out.write(_audit_html(report).encode("utf-8"))
        print(f"newsclean: wrote {args.html}", file=sys.stderr)
    return EXIT_OK


def _audit_html(report: dict[str, Any]) -> str:
    """A self-contained page: totals, a bar per cleaner (share of records), and examples."""
    records = report["records"] or 1
    rows = []
    for name, row in report["cleaners"].items():
        share = row["documents"] / records
        examples = "".join(
            f"<li><code>{html.escape(e['where'])}</code>: <del>{html.escape(e['before'])}</del> → <ins>{html.escape(e['after'])}</ins></li>"
            for e in row["examples"]
        )
        rows.append(
            f"<tr><td><code>{html.escape(name)}</code></td><td class=n>{row['documents']}</td>"
            f"<td><div class=bar style='width:{share * 100:.1f}%'></div>{share:.1%}</td>"
            f"<td class=n>{row['spans']}</td><td class=n>{row['chars']}</td></tr>"
            f"<tr class=ex><td colspan=5><ul>{examples}</ul></td></tr>"
        )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>newsclean audit</title>
<style>
body{{font:14px/1.4 system-ui,sans-serif;margin:2em;max-width:70em}} table{{border-collapse:collapse;width:100%}}
td,th{{padding:.3em .6em;border-bottom:1px solid #ddd;text-align:left}} .n{{text-align:right}}
.bar{{display:inline-block;height:.9em;background:#4a7;margin-right:.5em;vertical-align:middle}}
.ex td{{border:0;font-size:12px;color:#444}} del{{background:#fdd}} ins{{background:#dfd;text-decoration:none}}
</style></head><body>
<h1>newsclean audit</h1>
<p><b>{report["records"]}</b> records, <b>{report["changed"]}</b> would change, <b>{report["passed_through"]}</b> cannot be processed, {report["bytes"] / 1e6:.2f} MB.</p>
<table><tr><th>cleaner</th><th class=n>records</th><th>share of records</th><th class=n>spans</th><th class=n>chars</th></tr>
{"".join(rows)}
</table></body></html>
"""


# -- eval and list --------------------------------------------------------------------------------
def _eval(args: argparse.Namespace) -> int:
    from newsclean import evaluate as ev

    pipeline = _pipeline(args)
    profile = None if args.pipeline is not None else args.profile
    cases = ev.applicable(ev.load_cases(args.cases), profile)
    if not cases:
        raise UsageError(
            f"{args.cases}: no cases apply to {'profile ' + str(profile) if profile else 'this pipeline'}"
        )
    report = ev.evaluate(cases, pipeline, worst=args.worst)
    title = f"profile {profile}" if profile else f"pipeline {args.pipeline}"
    print(json.dumps(report.as_dict(), indent=1) if args.json else ev.format_report(report, title))
    if args.baseline is None:
        return EXIT_OK
    # one baseline file holds floors per profile and case file (synthetic and real apart)
    key = f"{profile or 'pipeline:' + args.pipeline.name} on {Path(args.cases).name}"
    try:
        stored = (
            json.loads(args.baseline.read_text(encoding="utf-8")) if args.baseline.exists() else {}
        )
    except (OSError, json.JSONDecodeError) as exc:
        raise UsageError(f"{args.baseline}: not a readable baseline ({exc})") from None
    corpus_digest = ev.digest(args.cases)
    if args.update_baseline:
        new, lowered = ev.updated_baseline(
            report, stored.get(key), corpus_digest, allow_regression=args.allow_regression
        )
        if lowered:
            print(
                f"newsclean: not lowering floors without --allow-regression: {'; '.join(lowered)}",
                file=sys.stderr,
            )
            return EXIT_QUALITY
        stored[key] = new
        with atomic_binary_writer(args.baseline) as out:
            out.write((json.dumps(stored, indent=1, sort_keys=True) + "\n").encode("utf-8"))
        print(f"pinned {len(new['floors'])} floors for {key} in {args.baseline}", file=sys.stderr)
        return EXIT_OK
    if key not in stored:
        raise UsageError(f"{args.baseline}: no floors for {key}; pin them with --update-baseline")
    problems = ev.compare(report, stored[key], corpus_digest)
    if problems:
        print(f"newsclean: quality gate failed for {key}:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return EXIT_QUALITY
    print(
        f"quality gate passed for {key}: {len(stored[key]['floors'])} floors held", file=sys.stderr
    )
    return EXIT_OK


def _list(markdown: bool) -> int:
    rows = list_cleaners()
    if markdown:
        print("| cleaner | family | risk | profiles | what it does |")
        print("| --- | --- | --- | --- | --- |")
        for r in rows:
            summary = r.summary.replace("|", "\\|")
            print(
                f"| `{r.name}` | {r.family} | {r.risk} | {', '.join(r.profiles) or '-'} | {summary} |"
            )
        return EXIT_OK
    width = max(len(r.name) for r in rows)
    for r in rows:
        profiles = ",".join(r.profiles) or "-"
        print(f"{r.name:{width}}  {r.family:10}  {r.risk!s:6}  {profiles:10}  {r.summary}")
    return EXIT_OK


def _terminate(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # unwinds through the atomic writers, which remove their temp files


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command in ("clean", "audit"):
        signal.signal(signal.SIGTERM, _terminate)
        if hasattr(signal, "SIGHUP"):  # a closed terminal: clean up as for SIGTERM
            signal.signal(signal.SIGHUP, _terminate)
    to_file = getattr(args, "output", None) not in (None, *STDOUT_NAMES)
    unwritten = "no output written" if to_file or args.command != "clean" else "output incomplete"
    try:
        if args.command == "clean":
            return _clean(args)
        if args.command == "explain":
            return _explain(args)
        if args.command == "audit":
            return _audit(args)
        if args.command == "eval":
            return _eval(args)
        if args.command == "learn":
            return _learn(args)
        _load_plugins(args)
        return _list(args.markdown)
    except StrictStop as exc:
        print(f"newsclean: {exc}; stopped (--strict), {unwritten}", file=sys.stderr)
        return EXIT_USAGE
    except (UsageError, InputError, NewscleanError) as exc:
        print(f"newsclean: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(f"newsclean: interrupted; {unwritten}", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # `newsclean clean big.jsonl | head` is not an error
        _silence_stdout()
        return EXIT_OK
    except OSError as exc:  # a full disk, a vanished directory: one line, never a traceback
        where = exc.filename or ("<stdout>" if exc.errno == errno.ENOSPC else "newsclean")
        print(f"newsclean: {where}: {exc.strerror or exc}; {unwritten}", file=sys.stderr)
        _silence_stdout()
        return (
            EXIT_USAGE
            if exc.filename or exc.errno in (errno.ENOSPC, errno.EDQUOT)
            else EXIT_INTERNAL
        )


# -- learn ----------------------------------------------------------------------------------------
def _learn(args: argparse.Namespace) -> int:
    if args.min_documents < 2:
        raise UsageError(f"--min-documents must be at least 2, got {args.min_documents}")
    if not 0 < args.min_share <= 1:
        raise UsageError(f"--min-share must be in (0, 1], got {args.min_share}")
    options = _options(args)
    inputs = _inputs(args)
    if args.output not in (None, *STDOUT_NAMES):
        _check_outputs([p for p, _ in inputs if p is not None], [Path(args.output)])
    counts = LineCounts()
    records = skipped = 0
    for path, _ in inputs:
        for record in _records(path, _format_of(path, args), options):
            if record.structural:
                continue
            if record.passed_through:
                skipped += 1
                continue
            records += 1
            source = source_of(record.item, args.by)
            counts.add(source, "\n".join(record.texts.values()))
    found = counts.learned(min_documents=args.min_documents, min_share=args.min_share)
    text = phrase_file(found).encode("utf-8")
    if args.output in (None, *STDOUT_NAMES):
        sys.stdout.buffer.write(text)
        sys.stdout.buffer.flush()
    else:
        with atomic_binary_writer(Path(args.output)) as out:
            out.write(text)
    sources = len(counts.documents)
    print(
        f"newsclean: {records} documents from {sources} source{'s' if sources != 1 else ''}"
        f" ({skipped} unreadable, passed over): {len(found)} repeated lines",
        file=sys.stderr,
    )
    for line in found[: args.show]:
        where = line.source or "all"
        print(
            f"  {line.documents:>6}/{line.of:<6} {where[:30]:30} {line.text[:70]}", file=sys.stderr
        )
    return EXIT_OK


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's final flush cannot fail again."""
    with contextlib.suppress(OSError):
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        os.dup2(sys.stdout.fileno(), 1)
