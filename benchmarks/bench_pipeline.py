"""Throughput and memory of the onrecord pipeline beside a bare spaCy parse of the same texts.

Run from the repository root::

    python benchmarks/bench_pipeline.py                  # 150 varied copies of the built-in examples
    python benchmarks/bench_pipeline.py --articles 600   # a bigger corpus
    python benchmarks/bench_pipeline.py --input DIR      # the .txt files under DIR instead
    python benchmarks/bench_pipeline.py --json           # the figures as one JSON object

Both measurements are wall clock (``time.perf_counter``) with the spaCy model already loaded
and warmed up on one text, so model loading is in neither.  The *bare parse* is
``list(nlp.pipe(texts, batch_size=32))``; the *pipeline* is ``pipeline.ingest`` into a fresh
temporary SQLite store followed by ``pipeline.add_issue`` (stance analysis of every stored quote).
The ratio is pipeline words/s divided by bare-parse words/s; the target is at least 0.5.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import onrecord
from onrecord import nlp, pipeline
from onrecord.store import open_store

PACKAGE_DIR = Path(onrecord.__file__).resolve().parent
EXAMPLE_ARTICLES = PACKAGE_DIR / "examples" / "articles"
EXAMPLE_REGISTER = PACKAGE_DIR / "examples" / "register.json"
DEFAULT_ISSUE = "a ban on second homes in national parks"
SETTINGS: dict[str, object] = {}  # pipeline settings (--extractor)
DEFAULT_ARTICLES = 150
BATCH_SIZE = 32
TARGET_RATIO = 0.5


@dataclass
class Phase:
    """One measured phase: how much text went through and how long it took (best of the repeats)."""

    name: str
    articles: int
    words: int
    seconds: float
    runs: list[float] = field(default_factory=list)
    peak_rss_mb: float = 0.0

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds if self.seconds > 0 else float("inf")

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds if self.seconds > 0 else float("inf")

    def as_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "words": self.words,
            "seconds": round(self.seconds, 4),
            "runs_seconds": [round(s, 4) for s in self.runs],
            "articles_per_s": round(self.articles_per_s, 2),
            "words_per_s": round(self.words_per_s, 1),
            "peak_rss_mb": round(self.peak_rss_mb, 1),
        }


def peak_rss_mb() -> float:
    """The process's peak resident set size so far (ru_maxrss: KiB on Linux, bytes on macOS)."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def word_count(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def build_corpus(input_dir: Path | None, n_articles: int | None) -> list[str]:
    """The benchmark texts: every copy is made unique so that the pipeline does not skip it as a duplicate.

    With the built-in examples (the default) the three articles are cycled to ``n_articles`` (150 unless
    given).  With ``input_dir`` every ``.txt`` file under it is used once, unless ``n_articles`` is given:
    then the files are cut to that many, or cycled up to it.  A text is varied (a distinct closing
    sentence appended) only from its second copy on, so that a folder's files are parsed as they are.
    """
    folder = input_dir if input_dir is not None else EXAMPLE_ARTICLES
    files = sorted(p for p in folder.rglob("*.txt") if p.is_file())
    sources = [t for t in (p.read_text(encoding="utf-8") for p in files) if t.strip()]
    if not sources:
        raise SystemExit(f"no non-empty .txt files under {folder}")
    if n_articles is None:
        n_articles = len(sources) if input_dir is not None else DEFAULT_ARTICLES
    if n_articles < 1:
        raise SystemExit("--articles must be at least 1")
    texts: list[str] = []
    for i in range(n_articles):
        base = sources[i % len(sources)]
        if i < len(sources) and input_dir is not None:
            texts.append(base)
        else:
            texts.append(f"{base.rstrip()}\n\nStory number {i + 1}.\n")
    return texts


def write_corpus(texts: list[str], folder: Path) -> None:
    width = len(str(len(texts)))
    for i, text in enumerate(texts, start=1):
        (folder / f"article_{i:0{width}d}.txt").write_text(text, encoding="utf-8")


def bare_parse(texts: list[str]) -> float:
    model = nlp.load()
    start = time.perf_counter()
    docs = list(model.pipe(texts, batch_size=BATCH_SIZE))
    elapsed = time.perf_counter() - start
    del docs
    return elapsed


def run_pipeline(texts: list[str], issue: str) -> tuple[float, dict[str, Any]]:
    """Ingest ``texts`` into a fresh temporary store and analyse one issue; seconds and what was stored."""
    with tempfile.TemporaryDirectory(prefix="onrecord-bench-") as tmp:
        articles_dir = Path(tmp) / "articles"
        articles_dir.mkdir()
        write_corpus(texts, articles_dir)
        store = open_store(str(Path(tmp) / "bench.db"))
        try:
            reg = pipeline.load_register_into(store, EXAMPLE_REGISTER)
            start = time.perf_counter()
            report = pipeline.ingest(store, [articles_dir], register=reg, settings=SETTINGS)
            pipeline.add_issue(store, issue)
            elapsed = time.perf_counter() - start
            stored = {
                "ingest": report.as_dict()["counts"],
                "quotes": len(store.quotes()),
                "people": len(store.all_people()),
            }
        finally:
            store.close()
    return elapsed, stored


def traced_peak_mb(func: Callable[[], object]) -> float:
    """The peak of Python-heap allocations (tracemalloc) while ``func`` runs, in MB."""
    tracemalloc.start()
    try:
        func()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / (1024 * 1024)


def benchmark(texts: list[str], issue: str, repeat: int, trace: bool) -> dict[str, Any]:
    t0 = time.perf_counter()
    model = nlp.load()  # lru-cached: the pipeline's own nlp.load() gets this same object
    load_seconds = time.perf_counter() - t0
    model(texts[0])  # warm-up, so that lazy initialisation is in neither measurement
    rss_after_load = peak_rss_mb()

    n_articles, n_words = len(texts), word_count(texts)
    bare_runs: list[float] = []
    pipe_runs: list[float] = []
    stored: dict[str, Any] = {}
    bare_rss = pipe_rss = 0.0
    for r in range(repeat):
        bare_runs.append(bare_parse(texts))
        if r == 0:  # ru_maxrss only ever grows: later rounds would carry the pipeline's peak over
            bare_rss = peak_rss_mb()
        seconds, stored = run_pipeline(texts, issue)
        pipe_runs.append(seconds)
        if r == 0:
            pipe_rss = peak_rss_mb()

    bare = Phase("bare spaCy parse", n_articles, n_words, min(bare_runs), bare_runs, bare_rss)
    pipe = Phase("onrecord pipeline", n_articles, n_words, min(pipe_runs), pipe_runs, pipe_rss)
    ratio = pipe.words_per_s / bare.words_per_s
    meta = model.meta
    result: dict[str, Any] = {
        "corpus": {"articles": n_articles, "words": n_words, "chars": sum(map(len, texts))},
        "model": f"{meta.get('lang', '?')}_{meta.get('name', '?')}-{meta.get('version', '?')}",
        "pipes": list(model.pipe_names),
        "batch_size": BATCH_SIZE,
        "repeat": repeat,
        "model_load_seconds": round(load_seconds, 3),
        "rss_after_model_load_mb": round(rss_after_load, 1),
        "bare_parse": bare.as_dict(),
        "pipeline": pipe.as_dict(),
        "pipeline_stored": stored,
        "ratio": round(ratio, 3),
        "target_ratio": TARGET_RATIO,
        "meets_target": ratio >= TARGET_RATIO,
        "python": platform.python_version(),
        "platform": platform.platform(),
    }
    if trace:  # an extra, untimed pass: tracemalloc slows Python down too much to time under it
        result["pipeline_tracemalloc_peak_mb"] = round(traced_peak_mb(lambda: run_pipeline(texts, issue)), 1)
    return result


def print_report(result: dict[str, Any]) -> None:
    corpus = result["corpus"]
    print(f"corpus   {corpus['articles']} articles, {corpus['words']} words, {corpus['chars']} chars")
    print(f"extractor {SETTINGS.get('extractor') or 'the default (setting extractor)'}")
    print(f"model    {result['model']}  pipes={','.join(result['pipes'])}  batch_size={result['batch_size']}")
    print(f"         loaded in {result['model_load_seconds']:.2f}s (excluded), "
          f"peak RSS after load {result['rss_after_model_load_mb']:.0f} MB")
    best = f" (best of {result['repeat']})" if result["repeat"] > 1 else ""
    print()
    header = f"{'phase':<20}{'articles':>9}{'words':>10}{'seconds' + best:>{10 + len(best)}}" \
             f"{'articles/s':>12}{'words/s':>11}{'peak RSS MB':>13}"
    print(header)
    print("-" * len(header))
    for key, label in (("bare_parse", "bare spaCy parse"), ("pipeline", "onrecord pipeline")):
        p = result[key]
        print(f"{label:<20}{p['articles']:>9}{p['words']:>10}{p['seconds']:>{10 + len(best)}.2f}"
              f"{p['articles_per_s']:>12.1f}{p['words_per_s']:>11.0f}{p['peak_rss_mb']:>13.0f}")
    print()
    verdict = "meets" if result["meets_target"] else "BELOW"
    print(f"ratio    pipeline words/s / bare parse words/s = {result['ratio']:.3f}  "
          f"({verdict} the {result['target_ratio']} target)")
    stored = result["pipeline_stored"]
    counts = ", ".join(f"{k} {v}" for k, v in stored["ingest"].items())
    print(f"stored   {counts}; {stored['quotes']} quotes, {stored['people']} people")
    if result["repeat"] > 1:
        for key in ("bare_parse", "pipeline"):
            runs = ", ".join(f"{s:.2f}" for s in result[key]["runs_seconds"])
            print(f"runs     {key}: {runs} s")
    if "pipeline_tracemalloc_peak_mb" in result:
        print(f"memory   pipeline Python-heap peak (tracemalloc, untimed pass) "
              f"{result['pipeline_tracemalloc_peak_mb']:.1f} MB")
    print("note     peak RSS is the process's high-water mark (ru_maxrss) after each phase's first run, so the "
          "pipeline's figure can be no lower than the bare parse's")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--articles", type=int, default=None, metavar="N",
                        help=f"corpus size (default {DEFAULT_ARTICLES} for the built-in examples, "
                             "every file once for --input)")
    parser.add_argument("--input", type=Path, default=None, metavar="DIR",
                        help="a folder of .txt articles to use instead of the built-in examples")
    parser.add_argument("--issue", default=DEFAULT_ISSUE,
                        help=f"the issue analysed (default {DEFAULT_ISSUE!r})")
    parser.add_argument("--repeat", type=int, default=1, metavar="R",
                        help="measure each phase R times and report the best (default 1)")
    parser.add_argument("--tracemalloc", action="store_true",
                        help="also report the pipeline's Python-heap peak from an extra, untimed pass")
    parser.add_argument("--extractor", default=None, help="registered extractor (default: the setting's default)")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = parser.parse_args(argv)
    if args.extractor:
        SETTINGS["extractor"] = args.extractor
    if args.input is not None and not args.input.is_dir():
        parser.error(f"--input {args.input}: not a directory")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    texts = build_corpus(args.input, args.articles)
    result = benchmark(texts, args.issue, args.repeat, args.tracemalloc)
    if args.json:
        print(json.dumps(result, indent=None))
    else:
        print_report(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
