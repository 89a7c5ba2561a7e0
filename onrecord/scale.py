"""Batch work that outgrows one process: ingest on a Dask cluster.

``onrecord ingest --processes N`` (a ``distributed.LocalCluster`` of N worker processes) or ``--dask
tcp://host:8786`` (a running cluster) reads the input here, sends the articles to the workers in partitions,
and each worker parses them and extracts their statements and who is who (spaCy and the extractor's models
loaded once per worker process). The second pass is here, one article at a time in input order: people are
resolved against everyone stored, stories found, and everything written through the one store. So the result
does not depend on how the work was split: the workers see the same things (the register, and the people
stored before the run began) whichever articles they get.

A partition that fails (a worker lost) is retried ``RETRIES`` times; an article that fails inside it fails alone,
with its code, as in a plain ingest. A rerun resumes: what is stored is a duplicate, not analysed again.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from . import budget, extract, pipeline
from . import nlp as nlp_mod
from .errors import OnrecordError
from .ingest import read_items
from .ingest.fetch import FetchPolicy
from .models import Article
from .resolve.register import Register
from .settings import default as default_setting
from .store import SQLiteStore

RETRIES = 2
PARTITION = 8  # articles a task parses and reads: enough to batch the parse, small enough to spread the work

_loaded: dict[tuple[str, ...], tuple[Any, Any, str]] = {}  # per worker process: the parser and the extractor


def _tools(settings: dict[str, Any], register: Register) -> tuple[Any, Any, str]:
    key = tuple(str(settings.get(k, default_setting(k))) for k in ("spacy_model", "extractor", "attributions"))
    if key not in _loaded:
        extractor, made_by = pipeline.make_extractor(register, settings)
        _loaded[key] = (nlp_mod.load(str(settings.get("spacy_model", ""))), extractor, made_by)
    return _loaded[key]


def analyse_partition(articles: list[Article], settings: dict[str, Any], register: Register,
                      known_roles: dict[str, list[str]]) -> tuple[str, list[tuple[Any, float]]]:
    """On a worker: what the quotes are made by, and each article's ``(quotes, facts)`` (or the error it failed
    with) with the seconds it took."""
    nlp, extractor, made_by = _tools(settings, register)
    limits = budget.Limits.from_settings(settings)
    out: list[tuple[Any, float]] = []
    docs = extract.parse_timed(nlp, (a.text for a in articles), batch_size=int(settings.get("batch_size", 32)))
    for article, (doc, parse_seconds) in zip(articles, docs, strict=True):
        clock = budget.Clock(limits.seconds, parse_seconds, article.source)
        try:
            day = register.for_article(article.text, article.published)
            out.append((pipeline.extract_article(extractor, day, known_roles, article, doc, clock, limits),
                        clock.elapsed))
        except Exception as exc:  # noqa: BLE001  (that article fails, the partition goes on)
            out.append((exc if isinstance(exc, OnrecordError) else RuntimeError(repr(exc)), clock.elapsed))
    return made_by, out


def client_for(processes: int | None = None, address: str | None = None) -> Any:
    """A Dask client: of a local cluster of ``processes`` worker processes (one thread each), or of the
    cluster at ``address``."""
    try:
        import distributed
    except ImportError as exc:
        raise OnrecordError("E402", "ingest on a Dask cluster needs dask.distributed",
                            hint="pip install 'onrecord[scale]'") from exc
    Client: Any = distributed.Client
    LocalCluster: Any = distributed.LocalCluster

    if address:
        try:
            return Client(address, timeout="20s")
        except OSError as exc:
            raise OnrecordError("E401", f"no Dask scheduler answers at {address} ({exc})",
                                hint="start one (dask scheduler) or give --processes N for a local cluster") from exc
    if not processes or processes < 1:
        raise OnrecordError("E401", f"--processes must be 1 or more, not {processes!r}")
    cluster = LocalCluster(n_workers=processes, threads_per_worker=1, processes=True, dashboard_address=":0")
    return Client(cluster)


def ingest(store: SQLiteStore, paths: list[str | Path], client: Any, *, register: Register | None = None,
           settings: dict[str, Any] | None = None, progress: bool = False, feeds: Iterable[str] = (),
           sitemaps: Iterable[str] = (), partition: int = PARTITION) -> pipeline.IngestReport:
    """:func:`onrecord.pipeline.ingest`, with the parse and the extraction on ``client``'s workers."""
    settings = dict(settings or {})
    register = register or pipeline.register_from_store(store)
    report = pipeline.IngestReport()
    limits = budget.Limits.from_settings(settings)
    policy = FetchPolicy.from_settings(settings)
    inputs: list[str | Path] = list(paths)
    inputs += pipeline.web_links(store, report, policy, feeds, sitemaps,
                                 int(settings.get("max_feed_links", default_setting("max_feed_links"))))
    items = read_items(inputs, int(settings.get("max_article_bytes", 2_000_000)), policy, known=store.article_at)
    pending = pipeline.pending_articles(store, items, report, limits)
    if not pending:
        pipeline.reapply_corrections(store, register=register)
        return report
    resolver = pipeline.people_resolver(store, register, settings)
    known = {p.name: p.roles for p in resolver.people.values() if p.kind == "person"}  # fixed for the run
    parts = [pending[i:i + partition] for i in range(0, len(pending), partition)]
    worker_settings = {k: v for k, v in settings.items() if k != "progress"}
    futures = client.map(analyse_partition, parts, settings=worker_settings, register=register,
                         known_roles=known, retries=RETRIES, pure=False)
    story_index = pipeline.story_index_of(store, settings)
    done = _progress(futures, progress, len(pending))
    for part, future in zip(parts, futures, strict=True):
        try:
            made_by, results = future.result()
        except Exception as exc:  # noqa: BLE001  (the partition failed after its retries: its articles fail)
            made_by, results = "", [(RuntimeError(f"the worker's task failed: {exc!r}"), 0.0)] * len(part)
        for article, (got, seconds) in zip(part, results, strict=True):
            clock = budget.Clock(limits.seconds, seconds, article.source)
            try:
                if isinstance(got, BaseException):
                    raise got
                quotes, facts = got
                resolver.enter(register, article.text, article.published)
                state = pipeline.place_article(store, resolver, story_index, made_by, article, quotes, facts, clock)
            except Exception as exc:  # noqa: BLE001  (one article fails, the others go on)
                pipeline.article_failed(report, store, article, exc)
                continue
            report.end(article.source, state, article_id=article.id)
            store.log(article.source, state, article_id=article.id)
        done(len(part))
    pipeline.finish_ingest(store, register, settings)
    return report


def _progress(futures: list[Any], enabled: bool, total: int) -> Any:
    """A callback that moves a progress bar by the articles of each partition placed (none off a terminal)."""
    import sys

    if not enabled or not sys.stderr.isatty():
        return lambda n: None
    from tqdm import tqdm

    bar = tqdm(total=total, desc="analysing on the cluster", unit="article")
    started = time.monotonic()

    def step(n: int) -> None:
        bar.update(n)
        if bar.n >= total:
            bar.set_postfix_str(f"{total / max(time.monotonic() - started, 1e-9):.1f} articles/s")
            bar.close()

    return step
