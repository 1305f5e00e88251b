"""Peak memory of `newsclean clean` on one huge document (issue 32 asks for at most 4x).

Each case is one single-line text file written to a temporary folder and cleaned by
``newsclean clean FILE -o OUT`` in a fresh process; the peak resident set of that process is
read from ``getrusage`` of its parent, a small wrapper started for that one run, so every
figure is one process's own peak. The interpreter with newsclean imported (a one-line file)
is measured the same way and shown, so the document's own share can be read:
``(peak - interpreter) / size``. Sizes are given twice: bytes in the file (UTF-8) and bytes of
the decoded ``str`` (CPython stores 1, 2 or 4 bytes a character, by the widest character:
one emoji makes a text of real news four times its UTF-8 size in memory).

Cases:
- ``real``: real articles (``--corpus``, default ../shared/corpus/articles.jsonl, else
  tests/data/real/articles.jsonl) joined on one line, repeated to ``--mb`` MB;
- ``real-ascii``: the same with every non-ASCII character removed (1 byte a character);
- ``dense-*``: hostile text, one artifact every few characters (Moses-tokenised quotes,
  entities, zero-width characters, spaced hyphens and contractions), ``--dense-mb`` MB:
  every artifact is an edit, and the edit lists a cleaner returns are held before they are
  applied (about 130 bytes an edit), which is what still breaks the 4x on such text.

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
WRAPPER = (
    "import resource, subprocess, sys\n"
    "rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE).returncode\n"
    "print(rc, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def peak_kib(path: Path, out: Path) -> int:
    cmd = [sys.executable, "-m", "newsclean", "clean", str(path), "-o", str(out)]
    done = subprocess.run(
        [sys.executable, "-c", WRAPPER, *cmd], capture_output=True, text=True, check=True
    )
    rc, kib = done.stdout.split()
    if rc != "0":
        raise SystemExit(f"{path}: newsclean exited {rc}")
    return int(kib)


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
        base = Path(tmp) / "tiny.txt"
        base.write_text("One line of text.\n", encoding="utf-8")
        interp = peak_kib(base, Path(tmp) / "tiny.out.txt") * 1024 / 1e6
        print(f"interpreter with newsclean: {interp:.0f} MB peak (corpus {a.corpus})")
        print(f"{'case':18} {'file MB':>8} {'str MB':>7} {'peak MB':>8} {'x file':>7} {'x str':>6}")
        for name, (unit, mb) in cases.items():
            size = int(mb * 1e6)
            text = (unit * (size // max(1, len(unit)) + 1))[:size]
            path = Path(tmp) / f"{name}.txt"
            path.write_text(text, encoding="utf-8")
            in_memory = sys.getsizeof(text) / 1e6
            del text
            file_mb = os.path.getsize(path) / 1e6
            peak = peak_kib(path, Path(tmp) / f"{name}.out.txt") * 1024 / 1e6
            own = peak - interp
            print(
                f"{name:18} {file_mb:8.1f} {in_memory:7.1f} {peak:8.0f} "
                f"{own / file_mb:6.1f}x {own / in_memory:5.1f}x"
            )
            path.unlink()


if __name__ == "__main__":
    main()
