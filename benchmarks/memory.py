"""Peak memory of `newsclean clean` on one huge document (issue 32 asks for at most 4x).

Each case is one single-line text file written to a temporary folder and cleaned by
``newsclean clean FILE -o OUT`` (the CLI's entry point) in a fresh process, whose peak
resident set a small wrapper process reads (``getrusage`` of its children). The fixed cost is measured the same way on a one-line
file, with and without the language identifier's model loaded (py3langid, about 115 MB, read
when a text is not plain English prose), and the document's own share is ``(peak - the base
that run had) / size``. Sizes are given twice: bytes in the file (UTF-8) and bytes of
the decoded ``str`` (CPython stores 1, 2 or 4 bytes a character, by the widest character:
one emoji makes a text of real news four times its UTF-8 size in memory).

Cases:
- ``real``: real articles (``--corpus``, default ../shared/corpus/articles.jsonl, else
  tests/data/real/articles.jsonl) joined on one line, repeated to ``--mb`` MB;
- ``real-ascii``: the same with every non-ASCII character removed (1 byte a character);
- ``dense-*``: hostile text, one artifact every few characters (Moses-tokenised quotes,
  entities, zero-width characters, spaced hyphens and contractions), ``--dense-mb`` MB:
  every artifact is an edit, and a cleaner's edit list is held before it is applied (16
  bytes an edit in `newsclean.cleaner.Edits`; about 130 as a list of tuples).

    python benchmarks/memory.py                 # 50 MB real, 20 MB dense
    python benchmarks/memory.py --mb 10 --dense-mb 5
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DENSE = {
    "dense-tokenised": "&quot; Yes , &quot; he said . ",
    "dense-entities": "price,quot; for AT&amp;amp;T ",
    "dense-zero-width": "word  word\u00a0 \u200b ",
    "dense-mt": "al -Assad isn 't Turkey 's well @-@ known <unk> ",
}
# One run in a fresh process: the CLI's own entry point, then whether the language
# identifier's model (a fixed ~115 MB) was loaded on the way.
CHILD = (
    "import sys\n"
    "from newsclean import lang\n"
    "from newsclean.cli import main\n"
    "if sys.argv[1] == 'model': lang._identifier()\n"
    "rc = main(sys.argv[2:])\n"
    "print(rc, lang._identifier.cache_info().currsize)\n"
)
# The child is started by a small wrapper that reads its peak (RUSAGE_CHILDREN): a process
# forked from this one, which holds the huge text, would report this one's peak as its own.
WRAPPER = (
    "import resource, subprocess, sys\n"
    "done = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
    "sys.stderr.write(done.stderr)\n"
    "print(done.stdout.strip() or 'failed', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def peak_mb(path: Path, out: Path, model: bool = False) -> tuple[float, bool]:
    """The peak resident set, in MB, of one `newsclean clean` of ``path`` in a fresh process,
    and whether the language identifier's model was loaded (``model``: load it first)."""
    argv = ["model" if model else "-", "clean", str(path), "-o", str(out)]
    done = subprocess.run(
        [sys.executable, "-c", WRAPPER, sys.executable, "-c", CHILD, *argv],
        capture_output=True,
        text=True,
        check=False,
    )
    *result, kib = done.stdout.split()
    if result[:1] != ["0"]:
        raise SystemExit(f"{path}: newsclean failed: {done.stderr.strip().splitlines()[-1:]}")
    loaded = result[1]
    return int(kib) * 1024 / 1e6, loaded == "1"  # ru_maxrss is in KiB on Linux


def real_line(corpus: Path) -> str:
    with corpus.open(encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f if line.strip()]
    return " ".join(t.replace("\n", " ").replace("\r", " ") for t in texts)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    shared = ROOT.parent / "shared" / "corpus" / "articles.jsonl"
    default = shared if shared.exists() else ROOT / "tests" / "data" / "real" / "articles.jsonl"
    ap.add_argument("--corpus", type=Path, default=default)
    ap.add_argument("--mb", type=float, default=50.0)
    ap.add_argument("--dense-mb", type=float, default=20.0)
    a = ap.parse_args()
    one = real_line(a.corpus)
    cases = {
        "real": (one, a.mb),
        "real-ascii": (one.encode("ascii", "ignore").decode("ascii"), a.mb),
        **{name: (unit, a.dense_mb) for name, unit in DENSE.items()},
    }
    with tempfile.TemporaryDirectory() as tmp:
        tiny, out = Path(tmp) / "tiny.txt", Path(tmp) / "out.txt"
        tiny.write_text("One line of text.\n", encoding="utf-8")
        base = {False: peak_mb(tiny, out)[0], True: peak_mb(tiny, out, model=True)[0]}
        print(
            f"corpus {a.corpus}; base: the interpreter with newsclean {base[False]:.0f} MB, "
            f"with the language model loaded {base[True]:.0f} MB"
        )
        head = f"{'case':18} {'file MB':>8} {'str MB':>7} {'model':>5} {'peak MB':>8}"
        print(f"{head} {'x file':>7} {'x str':>6}")
        for name, (unit, mb) in cases.items():
            size = int(mb * 1e6)
            text = (unit * (size // max(1, len(unit)) + 1))[:size]
            path = Path(tmp) / f"{name}.txt"
            path.write_text(text, encoding="utf-8")
            in_memory = sys.getsizeof(text) / 1e6
            del text
            file_mb = os.path.getsize(path) / 1e6
            peak, loaded = peak_mb(path, out)
            own = peak - base[loaded]
            print(
                f"{name:18} {file_mb:8.1f} {in_memory:7.1f} {'yes' if loaded else 'no':>5} "
                f"{peak:8.0f} {own / file_mb:6.1f}x {own / in_memory:5.1f}x"
            )
            path.unlink()


if __name__ == "__main__":
    main()
