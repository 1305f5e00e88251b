"""Throughput of newsclean against the tools a user would pick instead, in one run.

Builds a corpus from the real clean passages bundled with newsclean and from dirty articles
made of them by the `newsclean.testing` injectors (generated deterministically), then times, on
the same documents in the same process (best of --repeats rounds, CPU seconds; in each round
the tools are timed in turn):

- newsclean's profiles, and each cleaner alone;
- ftfy.fix_text with its defaults, and with datatrove's conservative FTFYFormatter config;
- clean-text and textacy's preprocessing pipeline, and sacremoses' detokenizer (line by line),
  when installed.

It prints input MB per CPU second and the ratio to ftfy.fix_text, and can write JSON.

    python benchmarks/throughput.py                    # 8 MB per corpus
    python benchmarks/throughput.py --size-mb 2 --json benchmarks/throughput.json

Needs the test extra (hypothesis) for the injectors: pip install -e '.[test]'.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import ftfy
from hypothesis import HealthCheck, Phase, given, settings

import newsclean
from newsclean.registry import all_cleaners
from newsclean.testing import dirty_articles
from newsclean.testing._passages import bundled_passages

Clean = Callable[[str], object]


def dirty_documents(profile: str, count: int, passages: list[str] | None = None) -> list[str]:
    """``count`` dirty articles, the same ones on every run (derandomized generation), made
    from ``passages`` (default: the bundled ones)."""
    found: list[str] = []

    @settings(
        max_examples=count,
        derandomize=True,
        database=None,
        phases=[Phase.generate],
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(dirty_articles(profile=profile, passages=passages))
    def collect(pair: tuple[str, str]) -> None:
        found.append(pair[0])

    collect()
    return found


def fill(documents: list[str], size: int) -> list[str]:
    """Cycle through ``documents`` until their total size reaches ``size`` characters.

    Each copy is a distinct string object, as documents read from a feed are: newsclean caches
    a line split per text, and repeating one object would measure the cache, not the cleaning.
    """
    out: list[str] = []
    total = 0
    while total < size:
        for doc in documents:
            out.append((doc + " ")[:-1])
            total += len(doc)
            if total >= size:
                break
    return out


def cpu_seconds(funcs: dict[str, Clean], docs: list[str], repeats: int) -> dict[str, float]:
    """Best of ``repeats`` CPU seconds per tool over ``docs``, the tools timed in turn within
    each round: a busy spell on a shared machine then slows every tool alike instead of
    skewing one ratio."""
    best = dict.fromkeys(funcs, float("inf"))
    for _ in range(repeats):
        for name, func in funcs.items():
            start = time.process_time()
            for doc in docs:
                func(doc)
            best[name] = min(best[name], time.process_time() - start)
    return best


def latencies(func: Clean, docs: list[str]) -> tuple[float, float]:
    """Median and 99th-percentile wall time per document, in µs (best of three passes per
    document, so a scheduler hiccup does not make a slow document)."""
    times = []
    for doc in docs:
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            func(doc)
            best = min(best, time.perf_counter() - start)
        times.append(best * 1e6)
    times.sort()
    return times[len(times) // 2], times[min(len(times) - 1, int(len(times) * 0.99))]


def peers() -> dict[str, Clean | str]:
    """The tools to compare with; a string says why one is missing."""
    datatrove_config = ftfy.TextFixerConfig(  # datatrove's FTFYFormatter defaults
        unescape_html="auto",
        remove_terminal_escapes=True,
        fix_encoding=True,
        restore_byte_a0=True,
        replace_lossy_sequences=True,
        decode_inconsistent_utf8=True,
        fix_c1_controls=True,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=True,
        remove_control_chars=True,
        normalization=None,
    )
    found: dict[str, Clean | str] = {
        "ftfy.fix_text": ftfy.fix_text,
        "ftfy (datatrove config)": lambda t: ftfy.fix_text(t, datatrove_config),
    }
    try:
        from cleantext import clean as cleantext_clean  # type: ignore[import-not-found]

        found["clean-text"] = lambda t: cleantext_clean(
            t, lower=False, to_ascii=False, no_line_breaks=False
        )
    except ImportError:
        found["clean-text"] = "not installed (pip install clean-text)"
    try:
        import sacremoses

        # the detokeniser a user would pick for MT text, line by line (it reads tokens, so a
        # text's line breaks are kept by calling it on each line)
        moses = sacremoses.MosesDetokenizer(lang="en")
        found["sacremoses detokenize"] = lambda t: "\n".join(
            moses.detokenize(line.split()) for line in t.split("\n")
        )
    except ImportError:
        found["sacremoses detokenize"] = "not installed (pip install sacremoses)"
    try:
        from textacy import preprocessing as tp  # type: ignore[import-not-found]

        found["textacy preprocessing"] = tp.make_pipeline(
            tp.remove.html_tags, tp.normalize.unicode, tp.normalize.whitespace
        )
    except ImportError:
        found["textacy preprocessing"] = "not installed (pip install textacy)"
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--size-mb", type=float, default=8.0, help="characters per corpus, in millions"
    )
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--articles", type=int, default=300, help="distinct dirty articles to generate"
    )
    parser.add_argument("--no-cleaners", action="store_true", help="skip timing each cleaner alone")
    parser.add_argument(
        "--corpus",
        type=Path,
        help="JSONL of real articles (field text), e.g. ../shared/corpus/articles.jsonl: time "
        "them as they are, and with slips injected by newsclean.testing",
    )
    parser.add_argument(
        "--latency", action="store_true", help="also per-document latency (median, p99)"
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=1,
        help="time every corpus this many times over and report the median ratio to ftfy",
    )
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args(argv)
    size = int(args.size_mb * 1_000_000)

    if args.corpus:
        # real articles: as they come (most clean, some dirty), and with slips injected; the
        # injection needs texts the profile leaves alone, so those are the ones used for it
        real = [
            json.loads(line)["text"]
            for line in args.corpus.read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
        untouched = {
            p: [t for t in real if newsclean.clean(t, profile=p) == t] for p in ("default", "mt")
        }
        name = args.corpus.name
        corpora = {
            f"real articles ({name})": fill(real, size),
            f"real articles + injected slips, default kinds ({name})": fill(
                dirty_documents("default", args.articles, untouched["default"]), size
            ),
            f"real articles + injected slips, mt kinds ({name})": fill(
                dirty_documents("mt", args.articles, untouched["mt"]), size
            ),
        }
    else:
        clean_docs = list(bundled_passages().values())
        corpora = {
            "clean": fill(clean_docs, size),
            "dirty (default kinds)": fill(dirty_documents("default", args.articles), size),
            "dirty (mt kinds)": fill(dirty_documents("mt", args.articles), size),
        }
    tools: dict[str, Clean | str] = {
        f"newsclean {p}": newsclean.Pipeline.from_profile(p) for p in newsclean.profile_names()
    }
    tools.update(peers())

    results: dict[str, dict[str, float | str]] = {}
    ratios: dict[str, dict[str, list[float]]] = {}  # corpus -> tool -> ratio to ftfy, per run
    for run in range(args.runs):
        for corpus_name, docs in corpora.items():
            mb = sum(len(d.encode("utf-8")) for d in docs) / 1e6
            print(f"\n== {corpus_name}: {len(docs):,} documents, {mb:.1f} MB (run {run + 1})")
            row: dict[str, float | str] = {}
            for tool_name, tool in tools.items():
                if isinstance(tool, str):
                    row[tool_name] = tool
                    print(f"  {tool_name:28} {tool}")
            runnable = {name: tool for name, tool in tools.items() if not isinstance(tool, str)}
            for tool_name, seconds in cpu_seconds(runnable, docs, args.repeats).items():
                row[tool_name] = mb / seconds
            base = row["ftfy.fix_text"]
            assert isinstance(base, float)
            for tool_name, value in row.items():
                if isinstance(value, float):
                    print(
                        f"  {tool_name:28} {value:8.2f} MB/s   x{value / base:6.2f} ftfy.fix_text"
                    )
                    ratios.setdefault(corpus_name, {}).setdefault(tool_name, []).append(
                        value / base
                    )
            results[corpus_name] = row  # the last run's MB/s; the ratios' medians follow
    if args.runs > 1:
        print(f"\n== median ratio to ftfy.fix_text over {args.runs} runs")
        medians: dict[str, dict[str, float]] = {}
        for corpus_name, tools_ratios in ratios.items():
            print(f"  {corpus_name}")
            medians[corpus_name] = {t: statistics.median(r) for t, r in tools_ratios.items()}
            for tool_name, value in medians[corpus_name].items():
                runs = ", ".join(f"{r:.2f}" for r in tools_ratios[tool_name])
                print(f"    {tool_name:28} x{value:6.2f}   (runs: {runs})")
        results["median ratio to ftfy.fix_text"] = medians  # type: ignore[assignment]

    if args.latency:
        print("\n== latency per document (µs): median, p99; ratio of p99 to ftfy.fix_text's")
        lat: dict[str, dict[str, float]] = {}
        for corpus_name, docs in list(corpora.items())[1:]:
            sample = docs[: min(len(docs), 3000)]
            timed = {"ftfy.fix_text": ftfy.fix_text}
            timed.update(
                (f"newsclean {p}", newsclean.Pipeline.from_profile(p)) for p in ("default", "mt")
            )
            for tool_name, func in timed.items():
                median, p99 = latencies(func, sample)
                lat[f"{tool_name} on {corpus_name}"] = {"median_us": median, "p99_us": p99}
            base = lat[f"ftfy.fix_text on {corpus_name}"]["p99_us"]
            print(f"  {corpus_name}")
            for tool_name in timed:
                row = lat[f"{tool_name} on {corpus_name}"]
                print(
                    f"    {tool_name:24} {row['median_us']:9.0f} {row['p99_us']:9.0f}"
                    f"   p99 x{row['p99_us'] / base:5.2f} of ftfy's"
                )
        results["latency"] = lat  # type: ignore[assignment]

    if not args.no_cleaners:
        mt_docs = list(corpora.values())[-1]  # the dirty, mt-kinds corpus
        docs = mt_docs[: max(1, len(mt_docs) // 4)]
        mb = sum(len(d.encode("utf-8")) for d in docs) / 1e6
        print(f"\n== each cleaner alone, on {mb:.1f} MB of dirty (mt kinds) articles")
        funcs: dict[str, Clean] = {"ftfy.fix_text": ftfy.fix_text}
        funcs.update(
            (made.name, made)
            for made in all_cleaners()
            if made.__module__.startswith("newsclean.cleaners.")
        )
        seconds = cpu_seconds(funcs, docs, args.repeats)
        ftfy_rate = mb / seconds.pop("ftfy.fix_text")
        alone: dict[str, float | str] = {"ftfy.fix_text": ftfy_rate}
        for name, spent in seconds.items():
            rate = alone[name] = mb / spent
            print(f"  {name:34} {rate:9.1f} MB/s   x{rate / ftfy_rate:7.1f} ftfy.fix_text")
        results["each cleaner alone"] = alone

    if args.json:
        meta = {
            "python": platform.python_version(),
            "machine": platform.machine(),
            "ftfy": ftfy.__version__,
            "newsclean": newsclean.__version__,
            "size_mb": args.size_mb,
            "repeats": args.repeats,
            "runs": args.runs,
        }
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump({"meta": meta, "mb_per_cpu_second": results}, out, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
