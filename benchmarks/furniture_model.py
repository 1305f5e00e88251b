"""Train and measure newsclean's furniture model (``newsclean/data/furniture_model.json``).

Data (read-only, ../shared): the 61 news pages of the article-extraction benchmark with 21
extractors' output and the hand-checked article (../shared/extractors), and 458 pages of
trafilatura's evaluation corpus with seven extractors' output and the maintainers' article and
furniture snippets (../shared/trafilatura-eval).

Labels, one per non-blank line of an extractor's output:
- benchmark pages: the share of the line's word 4-grams (its whole word run when shorter) found
  in the hand-checked article; >= 0.5 is article, 0 is furniture, in between is not trained on
  but counted as article when measuring loss;
- trafilatura pages: a line holding an article snippet is article; a line inside a furniture
  snippet, or holding one, and no article snippet, is furniture; other lines are not labelled.

Fitting: logistic regression (scikit-learn, at training time only) on `line_features`, with
five folds grouped by page (benchmark) and site (trafilatura). Every figure printed is measured
on held-out folds: the threshold is chosen on the out-of-fold scores of the training folds'
own inner split and reported on the held-out fold. Then the model is refit on everything and
written with the chosen threshold. Figures go to benchmarks/furniture_model_report.json and a
trade-off plot to docs/furniture-tradeoff.png.

usage: python benchmarks/furniture_model.py [--shared ../shared] [--write]
       python benchmarks/furniture_model.py --stop-words   (rebuild data/stop_words.txt)
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "newsclean" / "data"
TOKEN = re.compile(r"\w+")
WS = re.compile(r"\s+")
# article words a level may lose (word share, on held-out folds): "confident" and "more"
LEVELS = {"confident": 0.003, "more": 0.01}
# jusText's lists for the languages newsclean's corpora hold (the 19 of shared/corpus and the
# trafilatura pages'), the shortest words of each: function words are short and frequent
STOP_LANGUAGES = [
    "English",
    "German",
    "French",
    "Spanish",
    "Italian",
    "Portuguese",
    "Dutch",
    "Polish",
    "Czech",
    "Slovak",
    "Russian",
    "Ukrainian",
    "Swedish",
    "Danish",
    "Norwegian_Bokmal",
    "Finnish",
    "Turkish",
    "Hungarian",
    "Romanian",
    "Greek",
    "Indonesian",
    "Catalan",
    "Croatian",
    "Serbian",
    "Bulgarian",
    "Slovenian",
    "Estonian",
    "Latvian",
    "Lithuanian",
]
STOP_PER_LANGUAGE = 150


def build_stop_words() -> None:
    import justext  # type: ignore[import-untyped]

    lines = [
        "# Function words, the shortest of each of jusText's stop lists (BSD 2-Clause,",
        "# github.com/miso-belica/jusText), one language per line; made by",
        "# benchmarks/furniture_model.py --stop-words.",
    ]
    for lang in STOP_LANGUAGES:
        words = sorted(justext.get_stoplist(lang), key=lambda w: (len(w), w))
        lines.append(" ".join(w.lower() for w in words[:STOP_PER_LANGUAGE]))
    (DATA / "stop_words.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def shingles(tokens: list[str], n: int = 4) -> list[tuple[str, ...]]:
    if len(tokens) < n:
        return [tuple(tokens)] if tokens else []
    return [tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]


def benchmark_lines(shared: Path) -> list[dict[str, Any]]:
    bench = shared / "extractors"
    truth = json.loads((bench / "ground-truth.json").read_text("utf-8"))
    rows = []
    articles = {}  # each page's article 4-grams and word run, once for all extractors
    for page, gt in truth.items():
        true_tokens = TOKEN.findall(gt.get("articleBody", ""))
        articles[page] = (set(shingles(true_tokens)), " " + " ".join(true_tokens) + " ")
    for name in sorted(os.listdir(bench / "output")):
        data = json.loads((bench / "output" / name).read_text("utf-8"))
        if isinstance(data, dict) and set(data) == {"version", "output"}:
            data = data["output"]
        for page in truth:
            text = (data.get(page) or {}).get("articleBody") or ""
            grams, runs = articles[page]
            rows.append(
                dict(
                    group=f"b:{page}",
                    extractor=name[:-5],
                    text=text,
                    label=lambda line, g=grams, r=runs: _bench_label(line, g, r),
                )
            )
    return rows


def _bench_label(line: str, grams: set[tuple[str, ...]], runs: str) -> float:
    tokens = TOKEN.findall(line)
    if len(tokens) < 4:
        return 1.0 if (" " + " ".join(tokens) + " ") in runs else 0.0
    sh = shingles(tokens)
    return sum(s in grams for s in sh) / len(sh)


def trafilatura_lines(shared: Path) -> list[dict[str, Any]]:
    base = shared / "trafilatura-eval"
    ann = json.loads((base / "annotations.json").read_text("utf-8"))
    rows = []
    for name in sorted(os.listdir(base / "output")):
        out = json.loads((base / "output" / name).read_text("utf-8"))
        for page, v in ann.items():
            text = (out.get(page) or {}).get("articleBody") or ""
            site = v["url"].split("/")[2]
            keep = [WS.sub(" ", s).strip() for s in v["with"] if s.strip()]
            drop = [WS.sub(" ", s).strip() for s in v["without"] if s.strip()]
            rows.append(
                dict(
                    group=f"t:{site}",
                    extractor=name[:-5],
                    text=text,
                    label=lambda line, k=keep, d=drop: _snippet_label(line, k, d),
                )
            )
    return rows


def _snippet_label(line: str, keep: list[str], drop: list[str]) -> float | None:
    s = WS.sub(" ", line).strip()
    if any(k in s or (len(s) > 20 and s in k) for k in keep):
        return 1.0
    if any(d in s or s in d for d in drop):
        return 0.0
    return None


def featurise(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    from newsclean._text import line_spans
    from newsclean.cleaners.furniture import kept_as_article, line_features

    items = []
    for row in rows:
        text = row["text"]
        if text.count("\n") < 3:
            continue
        lines = [text[a:b] for a, b in line_spans(text)]
        feats = line_features(lines)
        if sum(f is not None for f in feats) < 4:
            continue
        for line, f in zip(lines, feats, strict=True):
            if f is None:
                continue
            label = row["label"](line)
            words = len(TOKEN.findall(line))
            items.append(
                dict(
                    group=row["group"],
                    extractor=row["extractor"],
                    f=f,
                    article=label,
                    words=words,
                    line=line.strip(),
                    kept=kept_as_article(line),
                )
            )
    return items


def fit(items: list[dict[str, Any]], c: float = 0.5):  # type: ignore[no-untyped-def]
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    train = [
        it
        for it in items
        if it["article"] is not None
        and not it["kept"]
        and (it["article"] >= 0.5 or it["article"] == 0)
    ]
    vec = DictVectorizer()
    x = vec.fit_transform([it["f"] for it in train])
    y = [int(it["article"] == 0) for it in train]
    # article lines weigh more: losing one costs more than keeping a furniture line
    w = [1.0 if yy else 3.0 for yy in y]
    clf = LogisticRegression(C=c, max_iter=2000)
    clf.fit(x, y, sample_weight=w)
    return vec, clf


def predict(model: tuple[Any, Any], items: list[dict[str, Any]]) -> list[float]:
    vec, clf = model
    if not items:
        return []
    scores = clf.predict_proba(vec.transform([it["f"] for it in items]))[:, 1]
    return [0.0 if it["kept"] else float(p) for it, p in zip(items, scores, strict=True)]


def tradeoff(items: list[dict[str, Any]], scores: list[float], t: float) -> tuple[float, float]:
    """(furniture words removed, article words lost) at threshold ``t``: article words are the
    line's words times its article share; furniture words the rest of labelled lines."""
    fur = fur_rm = art = art_rm = 0.0
    for it, p in zip(items, scores, strict=True):
        a = it["article"]
        if a is None:
            continue
        art += it["words"] * a
        fur += it["words"] * (1 - a)
        if p >= t:
            art_rm += it["words"] * a
            fur_rm += it["words"] * (1 - a)
    return fur_rm / max(fur, 1), art_rm / max(art, 1)


def choose_threshold(items: list[dict[str, Any]], scores: list[float], loss: float) -> float:
    for t in [x / 1000 for x in range(500, 1000)]:
        if tradeoff(items, scores, t)[1] <= loss:
            return t
    return 0.999


def folds(items: list[dict[str, Any]], k: int = 5) -> list[int]:
    import zlib

    return [zlib.crc32(it["group"].encode()) % k for it in items]


def cross_validate(items: list[dict[str, Any]], k: int = 5) -> dict[str, Any]:
    """Out-of-fold scores; each fold's threshold chosen by an inner grouped split of its
    training folds, then applied to the held-out fold."""
    fold = folds(items, k)
    oof = [0.0] * len(items)
    chosen: list[float] = []
    per_fold = []
    for f in range(k):
        train = [it for it, g in zip(items, fold, strict=True) if g != f]
        test_idx = [i for i, g in enumerate(fold) if g == f]
        test = [items[i] for i in test_idx]
        inner = folds(train, 3)
        inner_scores = [0.0] * len(train)
        for g in range(3):
            m = fit([it for it, h in zip(train, inner, strict=True) if h != g])
            part = [i for i, h in enumerate(inner) if h == g]
            for i, p in zip(part, predict(m, [train[i] for i in part]), strict=True):
                inner_scores[i] = p
        ts = {level: choose_threshold(train, inner_scores, loss) for level, loss in LEVELS.items()}
        chosen.append(ts)
        scores = predict(fit(train), test)
        for i, p in zip(test_idx, scores, strict=True):
            oof[i] = p
        per_fold.append(
            dict(
                fold=f,
                thresholds=ts,
                removed_lost={lv: tradeoff(test, scores, t) for lv, t in ts.items()},
            )
        )
        for lv, (fr, al) in per_fold[-1]["removed_lost"].items():
            print(
                f"fold {f} {lv}: threshold {ts[lv]:.3f} -> held-out furniture removed {fr:.1%}, "
                f"article lost {al:.2%}",
                file=sys.stderr,
            )
    return dict(oof=oof, thresholds=chosen, per_fold=per_fold)


def learning_curve(items: list[dict[str, Any]]) -> list[dict[str, float]]:
    """Held-out figures (fold 0 held out) when training on a growing share of the other
    folds' pages, at the confident level's loss target chosen on the held-out scores."""
    import zlib

    fold = folds(items)
    test = [it for it, g in zip(items, fold, strict=True) if g == 0]
    rest = [it for it, g in zip(items, fold, strict=True) if g != 0]
    out = []
    for share in (0.1, 0.25, 0.5, 1.0):
        part = [it for it in rest if zlib.crc32(it["group"].encode() + b"lc") % 100 < share * 100]
        scores = predict(fit(part), test)
        t = choose_threshold(test, scores, LEVELS["confident"])
        fr, al = tradeoff(test, scores, t)
        out.append(
            dict(train_share=share, train_lines=len(part), furniture_removed=fr, article_lost=al)
        )
        print(
            f"learning curve: {share:.0%} of training pages -> furniture removed {fr:.1%} "
            f"at article lost {al:.2%}",
            file=sys.stderr,
        )
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--write", action="store_true", help="write the model file and the report")
    ap.add_argument("--stop-words", action="store_true")
    a = ap.parse_args()
    if a.stop_words:
        build_stop_words()
        return
    shared = Path(a.shared)
    items = featurise(benchmark_lines(shared) + trafilatura_lines(shared))
    print(
        f"{len(items)} lines, {sum(it['article'] is not None for it in items)} labelled",
        file=sys.stderr,
    )
    cv = cross_validate(items)
    report: dict[str, Any] = {"lines": len(items), "folds": cv["per_fold"]}
    for part in ("b:", "t:"):
        sub = [
            (it, p) for it, p in zip(items, cv["oof"], strict=True) if it["group"].startswith(part)
        ]
        its, ps = [s[0] for s in sub], [s[1] for s in sub]
        curve = [
            (t, *tradeoff(its, ps, t)) for t in (0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.97, 0.99)
        ]
        report["benchmark" if part == "b:" else "trafilatura"] = curve
        for t, fr, al in curve:
            print(
                f"{part} threshold {t:.2f}: furniture removed {fr:.1%}, article lost {al:.2%}",
                file=sys.stderr,
            )
    # each level's threshold: the median of the folds' own choices (made without their
    # held-out fold); its figures are the folds' held-out figures at their own thresholds
    thresholds = {
        lv: sorted(t[lv] for t in cv["thresholds"])[len(cv["thresholds"]) // 2] for lv in LEVELS
    }
    report["thresholds"] = thresholds
    for lv in LEVELS:
        for part, name in (("b:", "benchmark"), ("t:", "trafilatura")):
            its = [
                (it, p)
                for it, p in zip(items, cv["oof"], strict=True)
                if it["group"].startswith(part)
            ]
            fr, al = tradeoff([x[0] for x in its], [x[1] for x in its], thresholds[lv])
            report.setdefault("levels", {}).setdefault(lv, {})[name] = dict(
                furniture_removed=fr, article_lost=al
            )
            print(
                f"{lv} (threshold {thresholds[lv]:.3f}) on {name}: held-out furniture words removed "
                f"{fr:.1%}, article words lost {al:.2%}",
                file=sys.stderr,
            )
    report["learning_curve"] = learning_curve(items)
    if not a.write:
        return
    vec, clf = fit(items)
    weights = {
        name: round(float(w), 4)
        for name, w in zip(vec.feature_names_, clf.coef_[0], strict=True)
        if abs(w) >= 1e-4
    }
    out = {
        "about": "newsclean furniture model: logistic weights over line_features; "
        "made by benchmarks/furniture_model.py --write",
        "bias": round(float(clf.intercept_[0]), 4),
        "thresholds": thresholds,
        "weights": dict(sorted(weights.items())),
    }
    (DATA / "furniture_model.json").write_text(json.dumps(out, indent=0) + "\n", encoding="utf-8")
    (ROOT / "benchmarks" / "furniture_model_report.json").write_text(
        json.dumps(report, indent=1) + "\n"
    )
    plot(report)


def plot(report: dict[str, Any]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 4))
    for key, label in (
        ("benchmark", "article-extraction benchmark, 61 pages x 21 extractors"),
        ("trafilatura", "trafilatura eval, 458 pages x 7 extractors"),
    ):
        curve = report[key]
        ax.plot([c[2] * 100 for c in curve], [c[1] * 100 for c in curve], marker="o", label=label)
    ax.set_xlabel("article words lost, % (held-out folds)")
    ax.set_ylabel("furniture words removed, %")
    ax.set_title("newsclean furniture model: grouped 5-fold CV")
    ax.legend(fontsize=7)
    (ROOT / "docs").mkdir(exist_ok=True)
    fig.savefig(ROOT / "docs" / "furniture-tradeoff.png", dpi=110, bbox_inches="tight")


if __name__ == "__main__":
    main()
