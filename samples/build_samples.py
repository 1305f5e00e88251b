"""Rebuild the small feed samples in samples/ from the seed articles and the real case files.

    python samples/build_samples.py

Every sample is real text: the two seed articles (shared/seeds, copied here as .txt) and the
in-the-wild cases of tests/cases/in-the-wild.json, each record keeping its source.
"""

from __future__ import annotations

import csv
import gzip
import html
import io
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SEEDS = ("helicopter-machine-translated", "idlib-shelling-captions")


def records() -> list[dict[str, str]]:
    rows = []
    for seed in SEEDS:
        text = (HERE / f"{seed}.txt").read_text(encoding="utf-8")
        title = text.partition("\n\n")[0]
        rows.append(
            {
                "id": seed,
                "title": title.split(",")[0],
                "text": text,
                "source": f"shared/seeds/{seed}.txt",
            }
        )
    for case in json.loads(
        (ROOT / "tests" / "cases" / "in-the-wild.json").read_text(encoding="utf-8")
    ):
        if case.get("profile") == "default":
            rows.append(
                {
                    "id": case["label"],
                    "title": case["kind"],
                    "text": case["original"],
                    "source": case["source"],
                }
            )
    return rows


def main() -> None:
    rows = records()
    jsonl = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode("utf-8")
    (HERE / "articles.jsonl").write_bytes(jsonl)
    (HERE / "articles.jsonl.gz").write_bytes(gzip.compress(jsonl, mtime=0))
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "title", "text", "source"])
    writer.writerows([r["id"], r["title"], r["text"], r["source"]] for r in rows)
    (HERE / "articles.csv").write_text(out.getvalue(), encoding="utf-8", newline="")
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        print("pyarrow not installed: articles.parquet left as it is")
    else:
        pq.write_table(pa.Table.from_pylist(rows), HERE / "articles.parquet", row_group_size=4)

    items = []
    for row in rows[:2] + rows[3:5]:
        paragraphs = "".join(
            f"<p>{html.escape(p, quote=False)}</p>" for p in row["text"].split("\n\n")
        )
        items.append((row, paragraphs))
    rss_items = "".join(
        f"<item><title>{html.escape(r['title'])}</title><link>https://example.org/{r['id']}</link>"
        f"<guid>{r['id']}</guid><pubDate>Tue, 11 Feb 2020 10:00:00 GMT</pubDate>"
        f"<description>{html.escape(p)}</description></item>"
        for r, p in items
    )
    (HERE / "feed.rss").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Seeds</title>'
        f"<link>https://example.org/</link><description>newsclean samples</description>{rss_items}</channel></rss>\n",
        encoding="utf-8",
    )
    atom_entries = "".join(
        f"<entry><id>urn:newsclean:{r['id']}</id><title>{html.escape(r['title'])}</title>"
        f'<link href="https://example.org/{r["id"]}"/><updated>2020-02-11T10:00:00Z</updated>'
        f'<content type="html">{html.escape(p)}</content></entry>'
        for r, p in items
    )
    (HERE / "feed.atom").write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>Seeds</title>'
        f"<id>urn:newsclean:samples</id><updated>2020-02-11T10:00:00Z</updated>{atom_entries}</feed>\n",
        encoding="utf-8",
    )
    # The captions seed as a page: its caption blocks as a figure with alt text and caption.
    text = (HERE / "idlib-shelling-captions.txt").read_text(encoding="utf-8")
    body = []
    for block in text.split("\n\n"):
        lines = block.split("\n")
        if len(lines) == 2 and lines[1].endswith(")"):
            body.append(
                f'<figure><img src="photo.jpg" alt="{html.escape(lines[0])}"><figcaption>{html.escape(lines[1])}</figcaption></figure>'
            )
        else:
            body.append(f"<p>{html.escape(block, quote=False)}</p>")
    (HERE / "page.html").write_text(
        "<!doctype html>\n<html><head><title>Turkey hits back</title><script>var ads = 1;</script></head>\n"
        "<body><nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>\n<article>\n"
        + "\n".join(body)
        + "\n</article><footer>Share this article</footer></body></html>\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
