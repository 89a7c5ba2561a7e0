"""Web archives end to end: articles/s from a WARC of generated pages, beside the pipeline's own rate.

Run from the repository root::

    python benchmarks/bench_warc.py                  # 1,000 pages
    python benchmarks/bench_warc.py --pages 200 --json

It writes one ``.warc.gz`` of N HTML pages (each a generated article, :func:`onrecord.eval.dedup.generated`,
in a page with navigation and a footer, with the request record before each response, and one image response
every ten pages, as crawls have) and times three things on this machine, each into a fresh store:

- reading the archive alone (warcio records, trafilatura's extraction): pages/s;
- ``pipeline.ingest`` of the archive, end to end (reading, parsing, quotes, people, stories, storing);
- ``pipeline.ingest`` of the same article texts as JSON Lines: the pipeline's own rate, without the archive.

and the near-duplicate step's own cost per 10,000 articles (``benchmarks/bench_dedup.py``'s measure).
"""

from __future__ import annotations

import argparse
import io
import json
import tempfile
import time
from pathlib import Path
from typing import Any

from bench_dedup import cost as dedup_cost  # this folder's script (python puts the script's folder on the path)

from onrecord import nlp, pipeline
from onrecord.eval import dedup
from onrecord.ingest.warc import read_warc
from onrecord.settings import default
from onrecord.store import SQLiteStore

PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<meta property="og:site_name" content="The Bench Gazette"></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>{title}</h1>{paras}</article><footer>Copyright The Bench Gazette</footer></body></html>"""


def write_archive(path: Path, texts: list[str]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i, text in enumerate(texts):
            url = f"https://bench.example.org/news/{i}"
            title, *paras = [p for p in text.split("\n\n") if p.strip()]
            body = PAGE.format(title=title, paras="".join(f"<p>{p}</p>" for p in paras)).encode()
            req = StatusAndHeaders(f"GET /news/{i} HTTP/1.1", [("Host", "bench.example.org")], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=req))
            head = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=head))
            if i % 10 == 0:
                img = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
                writer.write_record(writer.create_warc_record(f"https://bench.example.org/img/{i}.png", "response",
                                                              payload=io.BytesIO(b"\x89PNG" + b"0" * 2000),
                                                              http_headers=img))


def timed(run: Any) -> tuple[float, dict[str, Any]]:
    """Seconds ``run(store)`` takes on a fresh in-memory store, and its report (an ingest's)."""
    store = SQLiteStore(":memory:")
    try:
        started = time.perf_counter()
        report = run(store)
        return time.perf_counter() - started, report.as_dict()
    finally:
        store.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=1000, help="pages in the archive (default 1,000)")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    args = ap.parse_args()
    texts = dedup.generated(args.pages, seed=7)
    nlp.load("")  # loaded before the clocks start, as a running service has it
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / "bench.warc.gz"
        write_archive(archive, texts)
        started = time.perf_counter()
        pages = sum(1 for _, item in read_warc(archive, 2_000_000) if hasattr(item, "text"))
        read_s = time.perf_counter() - started
        warc_s, warc_report = timed(lambda s: pipeline.ingest(s, [archive], settings={"progress": False}))
        jsonl = Path(tmp) / "same.jsonl"
        jsonl.write_text("".join(json.dumps({"text": t, "url": f"https://bench.example.org/news/{i}"}) + "\n"
                                 for i, t in enumerate(texts)), "utf-8")
        own_s, own_report = timed(lambda s: pipeline.ingest(s, [jsonl], settings={"progress": False}))
    out = {"pages": args.pages, "read_pages_per_s": round(pages / read_s, 1),
           "warc_articles_per_s": round(args.pages / warc_s, 2),
           "pipeline_articles_per_s": round(args.pages / own_s, 2), "warc_seconds": round(warc_s, 1),
           "pipeline_seconds": round(own_s, 1), "warc_report": warc_report["counts"],
           "skipped": warc_report["skipped"], "jsonl_report": own_report["counts"],
           "dedup_s_per_10k": dedup_cost(10_000, float(default("dedup_threshold")))["total_s_per_10k"]}
    if args.json:
        print(json.dumps(out))
        return
    print(f"{args.pages:,} pages in a .warc.gz ({out['skipped']} other records skipped)")
    print(f"  reading the archive alone (warcio + trafilatura): {out['read_pages_per_s']} pages/s")
    print(f"  ingest of the archive, end to end:               {out['warc_articles_per_s']} articles/s "
          f"({out['warc_seconds']} s; {out['warc_report']})")
    print(f"  ingest of the same texts as JSON Lines:          {out['pipeline_articles_per_s']} articles/s "
          f"({out['pipeline_seconds']} s)")
    print(f"  near-duplicate stories (sign, index, match):    {out['dedup_s_per_10k']} s per 10,000 articles")


if __name__ == "__main__":
    main()
