"""The ``newsclean`` command: clean feeds and files, explain changes, audit a corpus, evaluate.

User mistakes (a missing file, an unknown format or cleaner, a malformed pipeline, a bad
``--field``) print one line ``newsclean: what: why`` and exit with status 2, never a traceback.

Exit status: 0 clean run; 1 internal error; 2 usage error, or an unprocessable record with
``--strict``; 3 quality gate failed (``eval``); 4 the run finished but passed records through
unchanged (each one reported, and counted in ``--stats``); 130 interrupted (no output written).
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import sys
from collections.abc import Sequence

from newsclean.cli.args import parse
from newsclean.cli.audit import run_audit
from newsclean.cli.clean import run_clean
from newsclean.cli.common import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, load_plugins
from newsclean.cli.evaluate import run_eval
from newsclean.cli.explain import run_explain
from newsclean.cli.learn import run_learn
from newsclean.cli.listing import run_list
from newsclean.errors import InputError, NewscleanError, StrictStop, UsageError
from newsclean.io.atomic import STDOUT_NAMES

__all__ = ["main"]


def _terminate(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # unwinds through the atomic writers, which remove their temp files


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    if args.command in ("clean", "audit"):
        signal.signal(signal.SIGTERM, _terminate)
        if hasattr(signal, "SIGHUP"):  # a closed terminal: clean up as for SIGTERM
            signal.signal(signal.SIGHUP, _terminate)
    to_file = args.output not in (None, *STDOUT_NAMES)
    unwritten = "no output written" if to_file or args.command != "clean" else "output incomplete"
    try:
        if args.command == "clean":
            return run_clean(args)
        if args.command == "explain":
            return run_explain(args)
        if args.command == "audit":
            return run_audit(args)
        if args.command == "eval":
            return run_eval(args)
        if args.command == "learn":
            return run_learn(args)
        load_plugins(args)
        return run_list(args.markdown)
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


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's final flush cannot fail again."""
    with contextlib.suppress(OSError):
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        os.dup2(sys.stdout.fileno(), 1)
