"""newsclean's detokenisation beside sacremoses' MosesDetokenizer, in one run, on real sentences.

Real English news sentences (WMT21 newstest references in tests/data/detok/, from
wmt-conference/wmt21-news-systems txt/references/; and, with ``--articles``, the sentences of
../shared/corpus/articles.jsonl, the dev sample the rules were fitted on) are tokenised as
Moses' tokenizer.perl does (sacremoses, escapes on, ``-a`` aggressive hyphen splits), and both
detokenisers are asked to give the sentence back. A sentence the tokeniser leaves unchanged is
not counted. Prints both totals, per source. Run from the project root:

    python benchmarks/detokenize.py [--articles] [--show N]
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import sacremoses

import newsclean

ROOT = Path(__file__).resolve().parent.parent
DETOK = ROOT / "tests" / "data" / "detok"
# newstest2021 cs-en and ru-en (looked at while writing the rules); generaltest2022 de-en,
# cs-en and zh-en (each scored once untouched, then classes of their misses handled);
# newstest2021 zh-en ref B (held out: scored after those rules, its misses never read).
# tests/data/detok/README.md tells each one's story.
WMT = sorted(DETOK.glob("newstest*")) + sorted(DETOK.glob("generaltest*"))
ARTICLES = ROOT.parent / "shared" / "corpus" / "articles.jsonl"
_SPLIT = re.compile(r'(?<=[.!?”"])\s+(?=[A-Z“"‘])')


def article_sentences() -> list[str]:
    found = []
    for line in ARTICLES.read_text(encoding="utf-8").splitlines():
        for para in json.loads(line)["text"].split("\n"):
            for s in _SPLIT.split(para.strip()):
                if 6 <= len(s.split()) <= 60 and not re.search(r" [,.;:!?)]|\( ", s):
                    found.append(s)
    return found


def score(name: str, sentences: list[str], show: int) -> None:
    tok = sacremoses.MosesTokenizer(lang="en")
    moses = sacremoses.MosesDetokenizer(lang="en")
    asked = ours = theirs = 0
    misses = []
    for s in sentences:
        t = tok.tokenize(s, escape=True, aggressive_dash_splits=True, return_str=True)
        if t == s:
            continue
        asked += 1
        mine = newsclean.clean(t)
        ours += mine == s
        theirs += moses.detokenize(t.split()) == s
        if mine != s:
            misses.append((s, mine))
    print(
        f"{name}: {asked} tokenised sentences restored exactly: newsclean {ours}, sacremoses {theirs}"
    )
    for s, mine in misses[:show]:
        print(f"  want {s}\n  got  {mine}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", action="store_true", help="also the dev articles (fitted on)")
    parser.add_argument("--show", type=int, default=0, help="print this many misses per source")
    args = parser.parse_args()
    for path in WMT:
        lines = [x for x in path.read_text(encoding="utf-8").split("\n") if x]
        score(path.name, lines, args.show)
    if args.articles and ARTICLES.exists():
        score("articles.jsonl (dev, fitted on)", article_sentences(), args.show)


if __name__ == "__main__":
    main()
