"""The gated run loop: how a pipeline's steps are run on one text.

`Pipeline` (``newsclean.pipeline``) is data: its steps, options and TOML round trip. This is
what runs them: the text is scanned once for facts (`newsclean._scan`), only the steps whose
gate is open are visited, a step for some languages only runs on text in those, code quoted in
the text is left byte for byte, and after an edit the facts are read again and the steps
before the editing one get another pass (up to ``max_passes`` cycles). With ``changes``, each
edit is recorded as it is applied, so explaining costs what cleaning does.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import operator
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from newsclean._code import protected_spans
from newsclean._facts import CODE_MARK, DUP_LINE, INDENTED
from newsclean._scan import scan
from newsclean._windows import LONG_TEXT, Windows
from newsclean.cleaner import Cleaner, Edit, apply_edits
from newsclean.explain import Change, changes_from_edits
from newsclean.lang import READS, detect_language, normalize


class GatedRun:
    """Steps (a cleaner and its options each) made ready to run: their calls, gates and
    languages looked up once, so the hot loop does no attribute lookups per document."""

    def __init__(self, steps: Sequence[tuple[Cleaner, Mapping[str, Any]]], max_passes: int) -> None:
        self._calls = tuple((made.find_edits, options) for made, options in steps)
        self._names = tuple(made.name for made, _ in steps)
        self._gates = tuple(made.gate_for(options) for made, options in steps)
        # the facts the gates ask about: the scan computes its costlier ones only if asked
        self._want = functools.reduce(operator.or_, self._gates, 0)
        self._langs = tuple(made.langs for made, _ in steps)
        self._local = tuple(made.local for made, _ in steps)
        self._opens: dict[int, tuple[int, ...]] = {}
        self._max_passes = max_passes

    def run(self, text: str, lang: str | None, changes: list[Change] | None) -> str:
        windows, facts = self._cut(text)
        # Code needs a backtick, a tilde, another line break than LF or an indented line: the
        # scan tells (a long text's windows tell it of their parts), so most texts are never
        # searched for code (nor scanned twice).
        known = windows.union() if windows is not None else facts
        if not known & (CODE_MARK | INDENTED) and not text.startswith(("    ", "\t")):
            return self._run(text, lang, changes, facts, windows)
        code = protected_spans(text)
        if not code:
            if windows is not None and not _lone_cr(text):
                return self._run(text, lang, changes, facts, windows)
            return self._run_piece(text, lang, changes)
        # Code quoted in the text stays byte for byte: the prose between the code blocks is
        # cleaned piece by piece, in order. A piece's changes are moved to where it stands in
        # the whole text, and its steps numbered after the previous piece's, so the change
        # list replays on the whole text.
        if lang is None:
            lang = detect_language(_prose_head(text, _between(code, len(text))))
        out: list[str] = []
        done, steps, edited = 0, self._max_passes * len(self._calls), False
        for number, (start, end) in enumerate(_between(code, len(text))):
            # line breaks next to a code block belong to the layout around it, not the prose
            # (found by index: a piece of a huge text is copied once, not three times)
            lead = start
            while start and lead < end and text[lead] in "\r\n":
                lead += 1
            trail = end
            while end < len(text) and trail > lead and text[trail - 1] in "\r\n":
                trail -= 1
            piece = text[lead:trail]
            out.append(text[start:lead])
            lead, trail = lead - start, end - trail
            done += lead
            mark = len(changes) if changes is not None else 0
            if piece and not piece.isspace():  # strip() would copy the piece
                cleaned = self._run_piece(piece, lang, changes)
                edited = edited or cleaned is not piece
                piece = cleaned
            if changes is not None:
                changes[mark:] = [
                    dataclasses.replace(
                        c, start=c.start + done, end=c.end + done, step=c.step + number * steps
                    )
                    for c in changes[mark:]
                ]
            block = text[slice(*code[number])] if number < len(code) else ""
            out += [piece, text[end - trail : end], block]
            done += len(piece) + trail + len(block)
        # the pieces put back together are the text itself when none changed: no new copy
        return "".join(out) if edited else text

    def _run_piece(self, text: str, lang: str | None, changes: list[Change] | None) -> str:
        if not _lone_cr(text):
            return self._run(text, lang, changes)
        # Classic Mac line ends: run on LF ends (one character for one, so offsets hold).
        mark = len(changes) if changes is not None else 0
        text = self._run(text.replace("\r", "\n"), lang, changes)
        if changes is not None:
            back = str.maketrans("\n", "\r")
            changes[mark:] = [
                dataclasses.replace(
                    c, before=c.before.translate(back), after=c.after.translate(back)
                )
                for c in changes[mark:]
            ]
        return text.replace("\n", "\r")

    def _cut(self, text: str) -> tuple[Windows | None, int]:
        """A long text's windows (`newsclean._windows`) when it has more than one and some
        step is local (with 0 for facts: the windows hold them); else None and the text's
        facts."""
        if len(text) >= LONG_TEXT and any(self._local):
            windows = Windows(text, self._want)
            if len(windows) > 1:
                return windows, 0
            return None, windows.facts[0]  # nowhere to cut: its one window is the text
        return None, scan(text, self._want)

    def _run(
        self,
        text: str,
        lang: str | None,
        changes: list[Change] | None,
        facts: int | None = None,
        windows: Windows | None = None,
    ) -> str:
        calls, n = self._calls, len(self._calls)
        limit = self._max_passes * n
        # Steps run in a cycle until every step has seen the current text (the step that made
        # it counts as having seen it) or max_passes cycles are spent: a text that a pass left
        # unchanged stops after one pass, and after a change by the step at position r the
        # run ends at r + n, so only the steps before it run again, not the whole pipeline.
        # A step whose gate facts are all absent from the text cannot find an edit, so only
        # the open steps (`_open_steps`, from one scan, redone after a change) are visited.
        # A step for some languages only is skipped on text in another, or in one unknown;
        # unless given, the language is looked up when such a step first opens, and again
        # after each edit (so the plain loop of the tests looks it up at the first such step
        # whose gate is open since the last edit): a repair later in the run can decide the
        # language ("Ïnbsp;" read as unknown, "Ï\xa0" as English), and the next run must
        # read what the last steps of this one read, or cleaning twice would differ.
        # On a long text the local steps run window by window (`newsclean._windows`), each
        # only where its gate is open and not again where it found nothing, and an edit has
        # only the windows it touched scanned again: a long text costs what its dirty
        # paragraphs cost. The union of the windows' facts stands for the text's; DUP_LINE,
        # which compares lines across the whole text, is taken as open.
        if windows is None and facts is None:
            windows, facts = self._cut(text)
        if windows is not None:
            opens = self._open_steps(windows.union() | DUP_LINE)
        else:
            opens = self._open_steps(scan(text, self._want) if facts is None else facts)
        ran, stop = 0, min(n, limit)
        skipped: frozenset[int] | None = None
        read: tuple[str, frozenset[int]] | None = None  # the head last read for a language
        given = normalize(lang)
        while opens and ran < stop:
            cycle_start = ran - ran % n
            for i in opens[bisect.bisect_left(opens, ran - cycle_start) :]:
                at = cycle_start + i
                if at >= stop:
                    return text
                if self._langs[i]:
                    if skipped is None:
                        # read from the text as it stands: markup, entities and mojibake
                        # repaired first, so a second run reads the same language (an edit
                        # past the head the detector reads cannot change it)
                        head = text[:READS]
                        if read is None or read[0] != head:
                            read = head, self._skipped_for(given or detect_language(head))
                        skipped = read[1]
                    if i in skipped:
                        continue
                find_edits, options = calls[i]
                edits: Sequence[Edit] | None = None
                if windows is not None and self._local[i]:
                    find = functools.partial(find_edits, **options) if options else find_edits
                    edits = windows.edits(i, self._gates[i], find)
                if edits is None:
                    edits = find_edits(text, **options) if options else find_edits(text)
                if edits:
                    if changes is not None:
                        changes.extend(changes_from_edits(text, edits, self._names[i], at))
                    text = apply_edits(text, edits)
                    if given is None:
                        skipped = None  # the text changed: its language is read again
                    if windows is not None:
                        windows.update(text, edits)
                        opens = self._open_steps(windows.union() | DUP_LINE)
                    else:
                        opens = self._open_steps(scan(text, self._want))
                    ran, stop = at + 1, min(at + n, limit)
                    break
            else:
                ran = cycle_start + n
        return text

    def _skipped_for(self, language: str | None) -> frozenset[int]:
        """Positions of the steps that do not apply to text in ``language`` (None: unknown)."""
        return frozenset(
            i for i, langs in enumerate(self._langs) if langs and language not in langs
        )

    def _open_steps(self, facts: int) -> tuple[int, ...]:
        """The positions of the steps whose gate is open for ``facts``, in order (cached)."""
        found = self._opens.get(facts)
        if found is None:
            if len(self._opens) >= 4096:  # a bound on memory; texts show a few hundred sets
                self._opens.clear()
            found = self._opens[facts] = tuple(
                i for i, gate in enumerate(self._gates) if not gate or facts & gate
            )
        return found


def _prose_head(text: str, spans: Iterable[tuple[int, int]], limit: int = 1 << 16) -> str:
    """The first ``limit`` characters of the prose between code blocks, one per line: all the
    language identifier reads, without joining a copy of a huge text."""
    parts: list[str] = []
    size = 0
    for start, end in spans:
        parts.append(text[start : min(end, start + limit - size)])
        size += len(parts[-1]) + 1
        if size >= limit:
            break
    return "\n".join(parts)


def _lone_cr(text: str) -> bool:
    """Classic Mac line ends (CR alone): the line-based cleaners read them as LF, which maps
    one character to one, so offsets in explanations hold."""
    return "\r" in text and "\n" not in text


def _between(spans: list[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    """The gaps of ``[0, length)`` around sorted, disjoint ``spans``, one before each span and
    one after the last (some may be empty)."""
    gaps, pos = [], 0
    for start, end in spans:
        gaps.append((pos, start))
        pos = end
    gaps.append((pos, length))
    return gaps
