"""Measure a pipeline on labelled cases: exact matches, untouched clean text, and precision
and recall of character edits per artifact kind and per cleaner.

A case is one JSON object per line: ``id``, ``source``, ``kind``, ``raw``, ``expected`` (the
schema of the shared real-text corpus): ``kind`` is a list of artifact kinds, or one string
(``"a+b"`` for several); ``profile`` names the profile a dirty case's expected text is written
for (a clean case must come out untouched in every profile); ``lang`` is the text's language,
handed to the pipeline; ``trap`` and ``note`` are for readers. Edits are compared as characters deleted from ``raw`` and characters
inserted at a position of ``raw``, so a cleaner that removes the right placeholder but also a
correct space loses precision, and one that misses half a caption loses recall.
"""

from __future__ import annotations

import difflib
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsclean.errors import NewscleanError
from newsclean.kinds import canonical
from newsclean.pipeline import Pipeline

REQUIRED = ("id", "source", "kind", "raw", "expected")


class CaseFileError(NewscleanError, ValueError):
    """A case file is missing, unreadable or malformed; the message names path and line."""


@dataclass(frozen=True)
class Case:
    id: str
    source: str
    kinds: tuple[str, ...]
    raw: str
    expected: str
    profile: str | None = None
    lang: str | None = None

    @property
    def dirty(self) -> bool:
        return self.raw != self.expected

    @property
    def kind(self) -> str:
        return "+".join(self.kinds)


def load_cases(path: str | Path) -> list[Case]:
    """Read cases from a JSONL file; a malformed line raises CaseFileError naming it."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").split(
            "\n"
        )  # not splitlines: U+2028, \x1c are text
    except FileNotFoundError:
        raise CaseFileError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CaseFileError(f"{path}: cannot read ({exc})") from None
    cases: list[Case] = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CaseFileError(f"{path}:{number}: not JSON ({exc.msg})") from None
        if not isinstance(data, dict):
            raise CaseFileError(f"{path}:{number}: a case must be a JSON object")
        missing = [
            k
            for k in REQUIRED
            if not isinstance(data.get(k), str)
            and not (k == "kind" and isinstance(data.get(k), list))
        ]
        if missing:
            raise CaseFileError(
                f"{path}:{number}: missing or non-string field(s): {', '.join(missing)}"
            )
        kind = data.get("kind")
        if isinstance(kind, str):
            kinds = tuple(canonical(k) for k in kind.split("+"))
        elif isinstance(kind, list) and kind and all(isinstance(k, str) for k in kind):
            kinds = tuple(canonical(k) for k in kind)
        else:
            raise CaseFileError(f"{path}:{number}: 'kind' must be a string or a list of strings")
        profile, lang = data.get("profile"), data.get("lang")
        if profile is not None and not isinstance(profile, str):
            raise CaseFileError(f"{path}:{number}: 'profile' must be a profile name")
        if lang is not None and not isinstance(lang, str):
            raise CaseFileError(f"{path}:{number}: 'lang' must be a language code")
        cases.append(
            Case(data["id"], data["source"], kinds, data["raw"], data["expected"], profile, lang)
        )
    return cases


def digest(path: str | Path) -> str:
    """sha256 of a case file, pinned in the baseline so floors are compared on the same data."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def char_edits(before: str, after: str) -> set[tuple[int, str, str]]:
    """The edits turning ``before`` into ``after``: ``(i, "-", c)`` deletes ``before[i]``,
    ``(i, "+k", c)`` inserts ``c`` as the k-th character before ``before[i]``.

    >>> sorted(char_edits("al -Assad", "al-Assad"))
    [(2, '-', ' ')]
    """
    out: set[tuple[int, str, str]] = set()
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op in ("delete", "replace"):
            out.update((i, "-", before[i]) for i in range(i1, i2))
        if op in ("insert", "replace"):
            out.update((i1, f"+{k}", after[j]) for k, j in enumerate(range(j1, j2)))
    return out


@dataclass
class Scores:
    """Edit counts: right (in both), extra (made, not wanted), missed (wanted, not made)."""

    right: int = 0
    extra: int = 0
    missed: int = 0

    def add(self, made: set[Any], wanted: set[Any]) -> None:
        self.right += len(made & wanted)
        self.extra += len(made - wanted)
        self.missed += len(wanted - made)

    @property
    def precision(self) -> float:
        made = self.right + self.extra
        return self.right / made if made else 1.0

    @property
    def recall(self) -> float:
        wanted = self.right + self.missed
        return self.right / wanted if wanted else 1.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "right": self.right,
            "extra": self.extra,
            "missed": self.missed,
        }


@dataclass
class Report:
    cases: int = 0
    dirty: int = 0
    exact: int = 0
    clean: int = 0
    untouched: int = 0
    overall: Scores = field(default_factory=Scores)
    kinds: dict[str, Scores] = field(default_factory=dict)
    cleaners: dict[str, Scores] = field(default_factory=dict)
    worst: list[dict[str, Any]] = field(default_factory=list)

    @property
    def exact_match(self) -> float:
        return self.exact / self.dirty if self.dirty else 1.0

    @property
    def clean_untouched(self) -> float:
        return self.untouched / self.clean if self.clean else 1.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "cases": self.cases,
            "exact_match": round(self.exact_match, 4),
            "dirty_cases": self.dirty,
            "clean_untouched": round(self.clean_untouched, 4),
            "clean_cases": self.clean,
            "overall": self.overall.as_dict(),
            "kinds": {k: v.as_dict() for k, v in sorted(self.kinds.items())},
            "cleaners": {k: v.as_dict() for k, v in sorted(self.cleaners.items())},
            "worst": self.worst,
        }


def _diff(expected: str, got: str, context: int = 0, limit: int = 8) -> list[str]:
    lines = difflib.unified_diff(
        expected.splitlines(), got.splitlines(), "expected", "got", n=context, lineterm=""
    )
    return [line[:200] for line in list(lines)[2:][:limit]]


# Shipped profiles from the most careful to the riskiest.
_PROFILE_ORDER = ("default", "mt")


def applicable(cases: Iterable[Case], profile: str | None) -> list[Case]:
    """The cases whose expected text holds for ``profile`` (None: cases for any pipeline).

    A clean case written for a riskier profile holds for the more careful ones too (the
    shared corpus's ``"profile": "mt"`` clean cases: correct text both must leave alone);
    one written for ``default`` may be text that only ``mt`` should repair."""

    def holds(case: Case) -> bool:
        if case.profile is None or case.profile == profile:
            return True
        if case.dirty or profile not in _PROFILE_ORDER or case.profile not in _PROFILE_ORDER:
            return False
        return _PROFILE_ORDER.index(profile) < _PROFILE_ORDER.index(case.profile)

    return [c for c in cases if holds(c)]


def evaluate(cases: Sequence[Case], pipeline: Pipeline, *, worst: int = 5) -> Report:
    """Score ``pipeline`` on ``cases``, and each of its cleaners by ablation.

    A cleaner's share is what the pipeline gets right, or wrong, only because of it: the
    edits of the full pipeline compared with those of the pipeline without that cleaner. This
    credits cleaners that work in tandem (`restore_entity_ampersands` puts back the ``&`` that
    `decode_html_entities` then decodes), which scoring each cleaner alone would not.
    """
    report = Report()
    ranked: list[tuple[float, Case, str]] = []
    without = [
        (
            step.name,
            Pipeline(
                [s for j, s in enumerate(pipeline.steps) if j != i], max_passes=pipeline.max_passes
            ),
        )
        for i, step in enumerate(pipeline.steps)
    ]
    for case in cases:
        got = pipeline(case.raw, lang=case.lang)
        wanted = char_edits(case.raw, case.expected)
        made = char_edits(case.raw, got)
        report.cases += 1
        report.overall.add(made, wanted)
        for kind in case.kinds:
            report.kinds.setdefault(kind, Scores()).add(made, wanted)
        if case.dirty:
            report.dirty += 1
            report.exact += got == case.expected
        else:
            report.clean += 1
            report.untouched += got == case.raw
        if got != case.expected:
            scores = Scores()
            scores.add(made, wanted)
            f1 = 2 * scores.precision * scores.recall / ((scores.precision + scores.recall) or 1)
            ranked.append((f1, case, got))
        full_right, full_extra = made & wanted, made - wanted
        for name, ablated in without:
            other = ablated(case.raw, lang=case.lang)
            if other == got:
                continue
            rest = char_edits(case.raw, other)
            scores = report.cleaners.setdefault(name, Scores())
            scores.right += len(full_right - rest)
            scores.extra += len(full_extra - rest)
    ranked.sort(key=lambda r: (r[0], r[1].id))
    report.worst = [
        {"id": c.id, "kind": c.kind, "f1": round(f1, 3), "diff": _diff(c.expected, got)}
        for f1, c, got in ranked[:worst]
    ]
    return report


def format_report(report: Report, title: str) -> str:
    """A terminal table of a report."""
    out = [
        f"{title}: {report.cases} cases",
        f"  exact match on dirty cases   {report.exact_match:7.1%}  ({report.exact}/{report.dirty})",
        f"  clean cases left untouched   {report.clean_untouched:7.1%}  ({report.untouched}/{report.clean})",
        f"  character edits overall      precision {report.overall.precision:6.1%}  recall {report.overall.recall:6.1%}",
        "",
        f"  {'kind':38} {'precision':>9} {'recall':>7} {'right':>6} {'extra':>6} {'missed':>6}",
    ]
    for kind, s in sorted(report.kinds.items()):
        out.append(
            f"  {kind:38} {s.precision:9.1%} {s.recall:7.1%} {s.right:6} {s.extra:6} {s.missed:6}"
        )
    out += [
        "",
        f"  {'cleaner (by ablation)':38} {'precision':>9} {'share':>7} {'right':>6} {'extra':>6}",
    ]
    total = report.overall.right + report.overall.missed
    for name, s in sorted(report.cleaners.items()):
        share = s.right / total if total else 0.0
        out.append(f"  {name:38} {s.precision:9.1%} {share:7.1%} {s.right:6} {s.extra:6}")
    if report.worst:
        out += ["", "  worst cases:"]
        for w in report.worst:
            out.append(f"    {w['id']} ({w['kind']}, F1 {w['f1']}):")
            out += [f"      {line}" for line in w["diff"]]
    return "\n".join(out)


# -- the quality gate ---------------------------------------------------------------------------
MARGIN = 0.005  # scores are deterministic; the margin only absorbs rounding in the baseline


def floors(report: Report) -> dict[str, float]:
    """The scores a baseline pins: exact match, clean untouched, and per-kind precision/recall."""
    pinned = {"exact_match": report.exact_match, "clean_untouched": report.clean_untouched}
    for kind, s in report.kinds.items():
        pinned[f"{kind}.precision"] = s.precision
        pinned[f"{kind}.recall"] = s.recall
    return {k: round(v, 4) for k, v in sorted(pinned.items())}


def compare(report: Report, baseline: dict[str, Any], corpus_digest: str) -> list[str]:
    """Problems that fail the gate: a changed corpus, or a score below its floor by more than MARGIN."""
    if baseline.get("digest") != corpus_digest:
        return ["the corpus changed since the baseline was pinned; re-pin with --update-baseline"]
    now = floors(report)
    problems = []
    for key, floor in baseline.get("floors", {}).items():
        score = now.get(key)
        if score is None:
            problems.append(f"{key}: no longer measured (floor {floor})")
        elif score < floor - MARGIN:
            problems.append(f"{key}: {score:.4f} is below its floor {floor:.4f}")
    return problems


def updated_baseline(
    report: Report, old: dict[str, Any] | None, corpus_digest: str, *, allow_regression: bool
) -> tuple[dict[str, Any], list[str]]:
    """A new baseline pinning today's scores; lowering an existing floor needs allow_regression."""
    new = floors(report)
    lowered = []
    if old and old.get("digest") == corpus_digest:
        lowered = [
            f"{k}: {v:.4f} -> {new.get(k, 0.0):.4f}"
            for k, v in old.get("floors", {}).items()
            if new.get(k, 0.0) < v - MARGIN
        ]
    if lowered and not allow_regression:
        return old or {}, lowered
    return {"digest": corpus_digest, "margin": MARGIN, "floors": new}, []
