"""``newsclean clean``: records in, cleaned records out, serially, in processes or on a cluster."""

from __future__ import annotations

import argparse
import base64
import contextlib
import functools
import json
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from newsclean.cli.common import (
    EXIT_OK,
    EXIT_PASSED_THROUGH,
    SHOWN_PROBLEMS,
    check_outputs,
    format_of,
    format_options,
    input_files,
    pipeline_from,
    records_of,
    stdin_stream,
)
from newsclean.cli.job import Job
from newsclean.engines import ENGINES
from newsclean.engines import FORMATS as ENGINE_FORMATS
from newsclean.errors import StrictStop, UsageError
from newsclean.io import (
    FORMATS,
    OUTPUT_SUFFIX,
    FormatOptions,
    Writer,
    make_writer,
    output_kind,
)
from newsclean.io.atomic import atomic_binary_writer, is_stdout
from newsclean.io.compression import strip_compression
from newsclean.io.jsonl import dumps as dumps_json
from newsclean.io.remote import Location, Remote, is_url, location
from newsclean.records import Record
from newsclean.run import Chunk, Cleaned, run_in_chunks, run_serial
from newsclean.stats import Stats, utf8_size


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


def _progress(records: Iterator[Record], enabled: bool, total: int | None) -> Iterator[Record]:
    """A progress bar on stderr: in bytes, with a percentage and an ETA, when the inputs'
    size is known (``total``: plain local files), else in records. A record's bytes are its
    raw form where the reader kept one, else its texts in UTF-8."""
    if not enabled:
        yield from records
        return
    from tqdm import tqdm

    in_bytes = total is not None
    unit = {"unit": "B", "unit_scale": True, "total": total} if in_bytes else {"unit": " records"}
    with tqdm(file=sys.stderr, dynamic_ncols=True, **unit) as bar:
        size = number = pending = 0
        for number, record in enumerate(records, 1):
            raw = record.raw
            done = (
                len(raw)
                if isinstance(raw, bytes)
                else sum(utf8_size(t) for t in record.texts.values())
            )
            size += done
            pending += done if in_bytes else 1
            # updating per record would cost more than cleaning; a large one shows at once
            if number % 64 == 0 or done > 1 << 20:
                bar.update(min(pending, max(0, (total or size) - bar.n)) if in_bytes else pending)
                pending = 0
                what = f"{number} record{'s' if number != 1 else ''}"
                bar.set_postfix_str(what if in_bytes else f"{size / 1e6:.1f} MB", refresh=False)
            yield record
        bar.update(min(pending, max(0, (total or size) - bar.n)) if in_bytes else pending)
        if in_bytes:
            bar.set_postfix_str(f"{number} record{'s' if number != 1 else ''}", refresh=False)


def _known_size(paths: list[Location | None]) -> int | None:
    """The inputs' bytes as read, when every one is a local file that is not compressed."""
    total = 0
    for path in paths:
        if not isinstance(path, Path) or strip_compression(path) != path:
            return None
        try:
            total += path.stat().st_size
        except OSError:
            return None
    return total


def _clean_chunks(session: Any, chunks: Iterator[Chunk]) -> Iterator[Cleaned]:
    """Chunks of texts cleaned by the session's workers, in order."""
    from newsclean.engines._shards import TEXTS, Shard

    shards = (Shard("<texts>", TEXTS, chunk, 0, records=len(chunk)) for chunk in chunks)
    return (result.payload for result in session.run(shards))


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
                    path,
                    fmt,
                    options,
                    stdin_stream(options.encoding, options.errors) if path is None else None,
                    shard_bytes,
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


def run_clean(args: Job) -> int:
    pipeline = pipeline_from(args)
    options = format_options(args)
    inputs = input_files(args)
    if args.jobs is not None and args.jobs < 1:
        raise UsageError(f"--jobs must be at least 1, got {args.jobs}")
    if args.address and not args.engine:
        raise UsageError("--address names a cluster for --engine ray or --engine dask")
    formats = [(format_of(path, args), path, base) for path, base in inputs]
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
    check_outputs(
        [path for _, path, _ in formats if path is not None],
        [*targets, *(p for p in (args.rejects, args.stats) if p is not None)],
        to_stdout=output is None,
        out_dir=location(output) if to_dir and output is not None else None,
    )
    if args.shard_mb <= 0:
        raise UsageError(f"--shard-mb must be positive, got {args.shard_mb}")
    shard_bytes = max(1, int(args.shard_mb * 1e6))
    stats = Stats()
    show_progress = sys.stderr.isatty() if args.progress is None else args.progress
    started = time.perf_counter()

    detail = args.stats is not None

    with contextlib.ExitStack() as stack:
        rejects = stack.enter_context(atomic_binary_writer(args.rejects)) if args.rejects else None
        problems = Problems(args.strict, rejects)
        session: Any = None
        # One execution model: --jobs N is a session on a local process pool, --engine one on
        # a cluster. JSONL and Parquet go as shards that workers parse, clean and write; the
        # other formats are read here and their texts go in chunks.
        if args.engine or (args.jobs is not None and args.jobs > 1):
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

        def execute(records: Iterator[Record]) -> Iterator[Record]:
            if session is None:
                return run_serial(records, pipeline, stats, detail=detail)
            return run_in_chunks(records, stats, functools.partial(_clean_chunks, session))

        def write_all(
            jobs: list[tuple[str, Location | None, Location | None]], writer: Writer
        ) -> None:
            if session is not None and all(fmt in ENGINE_FORMATS for fmt, _, _ in jobs):
                _write_on_engine(
                    session, jobs, options, writer, stats, problems, show_progress, shard_bytes
                )
                writer.close()
                return
            stream = (r for fmt, path, _ in jobs for r in records_of(path, fmt, options))
            total = _known_size([path for _, path, _ in jobs])
            for record in _progress(problems(execute(stream)), show_progress, total):
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


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The options of `newsclean clean` of its own (the shared ones: `newsclean.cli.args`)."""
    p.add_argument(
        "-o",
        "--output",
        help="output file ('-': stdout), or directory (ending in / or existing) for one output "
        "per input; default stdout. Never an input: that is refused",
    )
    p.add_argument(
        "--jobs",
        type=int,
        help="worker processes (output is identical to --jobs 1; default: 1); with --engine "
        "and no --address, the local cluster's workers (default there: all cores)",
    )
    p.add_argument(
        "--engine",
        choices=ENGINES,
        help="clean JSONL or Parquet on a Ray or Dask cluster (pip install 'newsclean[ray]' or "
        "'newsclean[dask]'); output is identical to the serial run",
    )
    p.add_argument(
        "--address",
        help="with --engine: the cluster to join (Ray: ray://host:10001 or auto; Dask: "
        "tcp://host:8786); default: start a local cluster",
    )
    p.add_argument(
        "--shard-mb",
        type=float,
        default=4.0,
        help="with --engine, or --jobs on JSONL or Parquet: input per task, in MB (default: 4)",
    )
    p.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="progress bar on stderr (default: when it is a terminal)",
    )
    p.add_argument("--stats", type=Path, help="write counts (per cleaner too) to this JSON file")
    p.add_argument(
        "--strict",
        action="store_true",
        help="stop at the first record that cannot be processed (exit 2)",
    )
    p.add_argument(
        "--rejects",
        type=Path,
        help="write records passed through, with reasons, to this JSONL file",
    )
