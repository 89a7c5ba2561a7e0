"""Seconds against input size for the worst inputs we can build: is the cost of ingest near linear?

Run from the repository root::

    python benchmarks/bench_budget.py                          # every shape at 1 kB, 10 kB, 100 kB, 1 MB, 2 MB
    python benchmarks/bench_budget.py --sizes 1000,4000,16000  # other sizes (bytes)
    python benchmarks/bench_budget.py --shapes "quote marks,news text"
    python benchmarks/bench_budget.py --no-limits --sizes 2000,4000,8000  # the analysis itself, without budgets
    python benchmarks/bench_budget.py --json                   # the figures as one JSON object

Each shape is written to one file of (about) the given size in bytes, under the 2 MB size limit, and ingested alone
with ``pipeline.ingest`` into a fresh in-memory store, with the default settings (so its work and time budgets:
:mod:`onrecord.budget`), the spaCy model and the extractor's models loaded and warmed up first. The table gives the
outcome (ok, empty, or failed with its code and the limit it broke), the wall-clock seconds and the microseconds
per byte: near-linear cost is a flat last column, for the articles analysed (about the same per byte as real news,
or a few times more for text that is a token every other character) and for those that fail their budget (far
less: the checks before the parse are one pass each).

The shapes: a file of quote marks; quote marks with spaces between them (so no run without a space is long); one
endless sentence (words, no full stop, one line); one endless paragraph (short sentences on one line); deep nesting
of brackets (no spaces), of quotes (curly double and single marks), and of HTML tags (an .html file); sentences of
990 tokens (just under the sentence limit); brackets with spaces (a token every other character, in 400-token
sentences); and real news (the built-in example articles, repeated) as the yardstick.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import onrecord
from onrecord import nlp, pipeline
from onrecord.settings import SETTINGS
from onrecord.store import open_store

EXAMPLE_ARTICLES = Path(onrecord.__file__).resolve().parent / "examples" / "articles"
DEFAULT_SIZES = [1_000, 10_000, 100_000, 1_000_000, 1_999_000]
GOOD = "Council row\n\nJane Smith, a Labour MP, said: “We need a ban on disposable vapes now.”\n"
NO_LIMITS = {"max_article_tokens": 0, "max_quote_marks": 0, "max_token_chars": 0, "max_paragraph_words": 0,
             "max_sentence_tokens": 0, "max_article_seconds": 0.0}


def fill(unit: str, size: int) -> str:
    """``unit`` repeated to about ``size`` bytes of UTF-8 (whole characters)."""
    text = unit * (size // len(unit.encode("utf-8")) + 1)
    return text.encode("utf-8")[:size].decode("utf-8", errors="ignore")


def nested(opening: str, closing: str, inner: str, size: int) -> str:
    depth = max(1, (size - len(inner.encode("utf-8"))) // len((opening + closing).encode("utf-8")))
    return opening * depth + inner + closing * depth


def news(size: int) -> str:
    texts = [p.read_text("utf-8") for p in sorted(EXAMPLE_ARTICLES.glob("*.txt"))]
    return fill("\n\n".join(texts) + "\n\n", size)


# name -> (file suffix, text of about ``size`` bytes)
SHAPES: dict[str, Callable[[int], tuple[str, str]]] = {
    "quote marks": lambda n: (".txt", fill('"', n)),
    "spaced quote marks": lambda n: (".txt", fill('" ', n)),
    "endless sentence": lambda n: (".txt", fill("word ", n)),
    "endless paragraph": lambda n: (".txt", fill("Jane Smith said that the plan was a good one. ", n)),
    "nested brackets": lambda n: (".txt", nested("(", ")", "x", n)),
    "nested quotes": lambda n: (".txt", nested("“‘", "’”", "x", n)),
    "nested HTML tags": lambda n: (".html", "<html><body><article>" + nested(
        "<div>", "</div>", "<p>Jane Smith said: “We will win.” The council met on Monday to set the budget.</p>",
        max(0, n - 60)) + "</article></body></html>"),
    "990-token sentences": lambda n: (".txt", fill("word " * 989 + "end.\n", n)),
    "spaced brackets": lambda n: (".txt", fill("( " * 200 + "x " + ") " * 200 + ".\n", n)),
    "news text": lambda n: (".txt", news(n)),
}


def outcome(report: pipeline.IngestReport) -> str:
    if report.failures:
        f = report.failures[0]
        limit = f["message"].rsplit("(", 1)[-1].rstrip(")") if f["code"] in {"E110", "E113"} else f["title"]
        return f"failed {f['code']} {limit}"
    counts = report.as_dict()["counts"]
    return next(state for state in ("ok", "empty", "duplicate") if counts[state])


def measure(shape: str, size: int, settings: dict[str, Any]) -> dict[str, Any]:
    suffix, text = SHAPES[shape](size)
    with tempfile.TemporaryDirectory(prefix="onrecord-bench-budget-") as tmp:
        path = Path(tmp) / f"article{suffix}"
        path.write_text(text, "utf-8")
        store = open_store(":memory:")
        start = time.perf_counter()
        report = pipeline.ingest(store, [path], settings=settings)
        seconds = time.perf_counter() - start
        store.close()
    size_bytes = len(text.encode("utf-8"))
    return {"shape": shape, "bytes": size_bytes, "outcome": outcome(report), "seconds": round(seconds, 3),
            "us_per_byte": round(seconds / size_bytes * 1e6, 2)}


def warm_up(settings: dict[str, Any]) -> None:
    """Load the spaCy model and the extractor's models (not timed): one small article through the pipeline."""
    nlp.load(str(settings.get("spacy_model", "")))
    with tempfile.TemporaryDirectory(prefix="onrecord-bench-budget-") as tmp:
        (Path(tmp) / "warm.txt").write_text(GOOD, "utf-8")
        store = open_store(":memory:")
        pipeline.ingest(store, [Path(tmp)], settings=settings)
        store.close()


def print_row(row: dict[str, Any]) -> None:
    print(f"{row['shape']:<22}{row['bytes']:>11,}  {row['outcome']:<36}{row['seconds']:>9.2f}"
          f"{row['us_per_byte']:>10.2f}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)),
                        help="comma-separated sizes in bytes (default %(default)s)")
    parser.add_argument("--shapes", default=",".join(SHAPES), help="comma-separated shapes (default: all)")
    parser.add_argument("--no-limits", action="store_true",
                        help="switch every work and time limit off (0), to time the analysis itself")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    shapes = [s.strip() for s in args.shapes.split(",") if s.strip()]
    unknown = [s for s in shapes if s not in SHAPES]
    if unknown:
        parser.error(f"unknown shapes {unknown}; known: {', '.join(SHAPES)}")
    settings: dict[str, Any] = {s.name: s.default for s in SETTINGS}
    if args.no_limits:
        settings.update(NO_LIMITS)
    warm_up(settings)
    if not args.json:
        print(f"limits   {'off' if args.no_limits else 'the defaults'}: " + ", ".join(
            f"{k}={settings[k]:,}" for k in NO_LIMITS))
        header = f"{'shape':<22}{'bytes':>11}  {'outcome':<36}{'seconds':>9}{'us/byte':>10}"
        print(header)
        print("-" * len(header))
    rows = []
    for shape in shapes:
        for size in sizes:
            row = measure(shape, size, settings)
            rows.append(row)
            if not args.json:
                print_row(row)
    if args.json:
        print(json.dumps({"limits": {k: settings[k] for k in NO_LIMITS}, "rows": rows,
                          "python": platform.python_version(), "platform": platform.platform()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
