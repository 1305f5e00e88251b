"""newsclean's mojibake test and repair agree with ftfy's, which they stand in for.

`newsclean._badness.is_bad` tries ftfy's pattern only before its anchors; `repair_encoding`
runs ftfy's rounds with that test. Both must answer as ftfy does on ftfy's own cases, on real
text, and on generated text dense with the characters mojibake is made of.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import ftfy
import ftfy.bad_codecs  # registers sloppy-windows-125x
from ftfy.badness import BADNESS_RE
from ftfy.badness import is_bad as ftfy_is_bad
from hypothesis import given
from hypothesis import strategies as st

from newsclean import _badness
from newsclean.cleaners.encoding import FTFY_CONFIG, repair_encoding
from newsclean.testing._passages import bundled_passages

DATA = Path(__file__).resolve().parent / "data"


def real_lines() -> list[str]:
    """Lines of ftfy's cases (tests/data/ftfy), the real articles (tests/data/real) and the
    bundled clean passages in 19 languages."""
    found: list[str] = []
    for name in ("in-the-wild.json", "synthetic.json", "negative.json", "language-names.json"):
        for case in json.loads((DATA / "ftfy" / name).read_text(encoding="utf-8")):
            found += [case["original"], case["fixed"]]
    for line in (DATA / "real" / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        found += json.loads(line)["text"].split("\n")
    for passage in bundled_passages().values():
        found += passage.split("\n")
    return [x for x in found if x]


def test_the_pattern_has_the_shape_the_shortcut_needs() -> None:
    """If a future ftfy changed it, is_bad would quietly be the plain search: say so here."""
    found = _badness.anchors_of(BADNESS_RE)
    assert found is not None
    anchors, reach = found
    assert reach == 2
    assert all(c > "\x7f" for c in anchors)
    assert {"Ã", "Â", "\x80", "€", "é"} <= set(anchors)


def test_anchors_refuse_an_unbounded_prefix_or_a_missing_anchor() -> None:
    assert _badness.anchors_of(re.compile(r"\w+é")) is None
    assert _badness.anchors_of(re.compile(r"[a-z]x|é")) is None  # an alternative without one
    assert _badness.anchors_of(re.compile(r"a?b[éè]|\sü")) == ("èéü", 2)


def test_is_bad_agrees_on_real_lines() -> None:
    lines = real_lines()
    assert len(lines) > 3000
    long_ones = [x for x in lines if len(x) >= 96]
    assert len(long_ones) > 500  # the shortcut's path is taken, not only the plain search
    assert [x for x in lines if _badness.is_bad(x) != ftfy_is_bad(x)] == []


# characters mojibake is made of, the anchors, ASCII neighbours, spaces, letters of scripts that
# are dense in anchors (Cyrillic, Greek), emoji
MIXED = (
    "aeZ .,?!\n\t\xa0-'\""
    + "ÂÃÎÐØÙâàéüœŒ×²³°€£¢¥©®™–—…‘’“”•‚„†‡‰¦¤¨¬¯¸ƒˆˇ˘˛˜"
    + "\x80\x81\x8d\x90\x9d\x9f"
    + "ВГРСЂўЃвдо"
    + "ΒΓΞΟβξ"
    + "√±∂≠≈Ä"
    + "│┌▀█"
    + "😀ā"
)


@given(st.text(alphabet=MIXED, max_size=400))
def test_is_bad_agrees_on_generated_text(text: str) -> None:
    assert _badness.is_bad(text) == ftfy_is_bad(text)


@given(st.lists(st.sampled_from(["Syria", " is ", "é", "’", "Ã", "Â ", "â€", "\x9d"]), max_size=80))
def test_is_bad_agrees_past_the_dense_cutoff(pieces: list[str]) -> None:
    text = "x" * 100 + "".join(pieces)
    assert _badness.is_bad(text) == ftfy_is_bad(text)


CODECS = (
    "sloppy-windows-1252",
    "latin-1",
    "sloppy-windows-1251",
    "sloppy-windows-1250",
    "macroman",
)


@given(
    st.text(alphabet="Syria shelling café Zürich’“”—…€£½ дорогеΒήτα😀", max_size=200),
    st.sampled_from(CODECS),
    st.integers(min_value=1, max_value=2),
)
def test_repair_encoding_is_fix_text_on_generated_mojibake(
    text: str, codec: str, times: int
) -> None:
    broken = text
    for _ in range(times):
        broken = broken.encode("utf-8").decode(codec, errors="replace")
    broken = broken.replace("\n", " ")
    assert repair_encoding(broken) == ftfy.fix_text(broken, FTFY_CONFIG)


def test_repair_encoding_is_fix_text_on_real_lines() -> None:
    assert [x for x in real_lines() if repair_encoding(x) != ftfy.fix_text(x, FTFY_CONFIG)] == []
