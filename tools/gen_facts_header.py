"""Write src/newsclean/_facts.h from newsclean/_facts.py (the scan's fact bits and limits).

    python tools/gen_facts_header.py          # regenerate
    python tools/gen_facts_header.py --check  # exit 1 if the checked-in header is stale

Run it after adding or moving a fact or a limit in _facts.py, then rebuild (pip install -e .).
"""

from __future__ import annotations

import sys
from pathlib import Path

from newsclean._facts import c_header

HEADER = Path(__file__).resolve().parent.parent / "src" / "newsclean" / "_facts.h"


def main(argv: list[str]) -> int:
    wanted = c_header()
    if "--check" in argv:
        if HEADER.read_text(encoding="utf-8") != wanted:
            print(f"{HEADER}: stale; run python tools/gen_facts_header.py", file=sys.stderr)
            return 1
        return 0
    HEADER.write_text(wanted, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
