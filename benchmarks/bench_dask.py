"""Pipeline articles/s on a Dask cluster of 1 and of 2 worker processes, on the same input, and the ratio.

Run from the repository root::

    python benchmarks/bench_dask.py                 # 200 generated articles
    python benchmarks/bench_dask.py --articles 400 --json

The input is N different generated articles (:func:`onrecord.eval.dedup.generated`, with quotes), ingested
into a fresh store each time: once by the plain pipeline (one process), then by ``onrecord.scale.ingest`` on a
``distributed.LocalCluster`` of 1 and of 2 worker processes (one thread each). The clusters are started, and
their workers have loaded spaCy and the extractor (a first small ingest), before the clock starts, as a
long-running cluster would be. On a 2-core machine the driver's second pass (people, stories, the writes)
shares the cores with the workers.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path
from typing import Any

from bench_warc import timed  # this folder's script (python puts the script's folder on the path)

from onrecord import nlp, pipeline, scale
from onrecord.eval import dedup


def _timed(run: Any) -> float:
    spent, report = timed(run)
    assert not report["counts"]["failed"], report
    return spent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=200, help="generated articles (default 200)")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    args = ap.parse_args()
    texts = dedup.generated(args.articles, seed=11)
    warm = dedup.generated(4, seed=99)
    with tempfile.TemporaryDirectory() as tmp:
        folder, first = Path(tmp) / "in", Path(tmp) / "warm"
        folder.mkdir()
        first.mkdir()
        for i, t in enumerate(texts):
            (folder / f"a{i:05d}.txt").write_text(t, encoding="utf-8")
        for i, t in enumerate(warm):
            (first / f"w{i}.txt").write_text(t, encoding="utf-8")
        nlp.load("")
        _timed(lambda s: pipeline.ingest(s, [first]))
        rates: dict[str, float] = {"pipeline": args.articles / _timed(lambda s: pipeline.ingest(s, [folder]))}
        for n in (1, 2):
            client = scale.client_for(processes=n)
            try:
                _timed(lambda s, c=client: scale.ingest(s, [first], c, partition=1))  # the workers load once
                rates[f"dask_{n}"] = args.articles / _timed(lambda s, c=client: scale.ingest(s, [folder], c))
            finally:
                cluster = client.cluster
                client.close()
                cluster.close()
    out = {"articles": args.articles, **{k: round(v, 2) for k, v in rates.items()},
           "ratio_2_to_1": round(rates["dask_2"] / rates["dask_1"], 2)}
    if args.json:
        print(json.dumps(out))
        return
    print(f"{args.articles} articles: pipeline (one process) {out['pipeline']} articles/s; Dask 1 worker "
          f"{out['dask_1']}, 2 workers {out['dask_2']} articles/s; 2 workers / 1 = {out['ratio_2_to_1']}")


if __name__ == "__main__":
    main()
