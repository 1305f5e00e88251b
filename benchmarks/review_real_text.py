"""Every change each profile makes to real text, for review: tests/data/real/review.jsonl.

The corpus is real text nobody on this project wrote (tests/data/real/, copied from the shared
corpus): 307 English news articles and 73 correct passages in 19 languages. Each change a
profile makes there is either a true repair (the source really was broken) or damage. The
review file lists every change with a verdict written by a person: ``repair`` and why.
`tests/test_real_text.py` fails when a change is not in the file (a new edit nobody has
looked at) or an entry is no longer made (the file is stale).

    python benchmarks/review_real_text.py            # list what is not reviewed yet
    python benchmarks/review_real_text.py --write    # rewrite the file: reviewed entries kept,
                                                     # new ones added with verdict "unreviewed"

A change is keyed by corpus, record id, profile, cleaner, what it replaced and with what,
and the 30 characters on each side in the text as that step saw it.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import newsclean

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "tests" / "data" / "real"
REVIEW = REAL / "review.jsonl"
CONTEXT = 30
KEY = ("corpus", "id", "profile", "cleaner", "before", "after", "context")


def records() -> Iterator[tuple[str, str, str, str | None]]:
    """``(corpus, id, text, lang)`` of every real text that must be reviewed."""
    with open(REAL / "articles.jsonl", encoding="utf-8") as f:
        for number, line in enumerate(f):
            row = json.loads(line)
            yield "articles", f"{number}:{row['ref']}", row["text"], None
    with open(REAL / "multilingual.jsonl", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            yield "multilingual", row["id"], row["raw"], None  # language detected, as for users


def changes() -> list[dict[str, str]]:
    """Every change of both profiles on the real texts, in a stable order."""
    found = []
    for corpus, ident, text, lang in records():
        for profile in ("default", "mt"):
            current, step, pending = text, -1, []
            for change in newsclean.explain(text, profile=profile, lang=lang).changes:
                if change.step != step and pending:  # the text as this change's step saw it
                    current = newsclean.replay(current, pending)
                    pending = []
                step = change.step
                pending.append(change)
                context = (
                    current[max(0, change.start - CONTEXT) : change.start]
                    + "⟦"
                    + change.before
                    + "⟧"
                    + current[change.end : change.end + CONTEXT]
                )
                found.append(
                    {
                        "corpus": corpus,
                        "id": ident,
                        "profile": profile,
                        "cleaner": change.cleaner,
                        "before": change.before,
                        "after": change.after,
                        "context": context,
                    }
                )
    return found


def key(row: dict[str, str]) -> tuple[str, ...]:
    return tuple(row[k] for k in KEY)


def load_review() -> list[dict[str, str]]:
    if not REVIEW.exists():
        return []
    with open(REVIEW, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="rewrite the review file")
    args = parser.parse_args(argv)
    reviewed = {key(r): r for r in load_review()}
    current = changes()
    new = [c for c in current if key(c) not in reviewed]
    gone = set(reviewed) - {key(c) for c in current}
    for row in new:
        print(
            f"unreviewed: {row['corpus']} {row['id']} {row['profile']} {row['cleaner']}: {row['context']!r}"
        )
    print(
        f"{len(current)} changes, {len(new)} unreviewed, {len(gone)} no longer made",
        file=sys.stderr,
    )
    if args.write:
        rows = [reviewed.get(key(c)) or {**c, "verdict": "unreviewed", "why": ""} for c in current]
        with open(REVIEW, "w", encoding="utf-8") as out:
            for row in rows:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return 1 if new or gone else 0


if __name__ == "__main__":
    sys.exit(main())
