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

import threading
from collections import deque
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from . import budget, extract, pipeline
from . import nlp as nlp_mod
from .errors import OnrecordError
from .models import Article
from .resolve.register import Register
from .settings import default as default_setting
from .store import SQLiteStore

RETRIES = 2
PARTITION = 8  # articles a task parses and reads: enough to batch the parse, small enough to spread the work
IN_FLIGHT = 3  # partitions queued per worker at a time: the rest of the input waits here, not in the cluster
# what a worker needs to know of the settings (nothing else travels: not the write token, not an API key)
WORKER_SETTINGS = ("spacy_model", "extractor", "resolver", "attributions", "batch_size", "max_article_tokens",
                   "max_quote_marks", "max_token_chars", "max_paragraph_words", "max_sentence_tokens",
                   "max_article_seconds")

_loaded: dict[tuple[str, ...], tuple[Any, Any, str]] = {}  # per worker process: the parser and the extractor
# one partition at a time per worker process: the extractor reads the article's day and the known people from
# its own attributes, so two threads of one worker must not share it (one thread per worker uses the cores)
_lock = threading.Lock()


class WorkerError(Exception):
    """What went wrong with one article on a worker, as the plain pipeline would report it (its repr)."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text

    def __repr__(self) -> str:
        return self.text


def _tools(settings: dict[str, Any], register: Register) -> tuple[Any, Any, str]:
    key = tuple(str(settings.get(k, default_setting(k))) for k in ("spacy_model", "extractor", "resolver",
                                                                                "attributions"))
    if key not in _loaded:
        extractor, made_by = pipeline.make_extractor(register, settings)
        _loaded[key] = (nlp_mod.load(str(settings.get("spacy_model", ""))), extractor, made_by)
    return _loaded[key]


def analyse_partition(articles: list[Article], settings: dict[str, Any], register: Register,
                      known_roles: dict[str, list[str]]) -> tuple[str, list[tuple[Any, float]]]:
    """On a worker: what the quotes are made by, and each article's ``(quotes, facts)`` (or the error it failed
    with) with the seconds it took. The parser or the extractor failing to load fails the task (and the run)."""
    return analyse(articles, settings, register, known_roles)


def analyse(articles: list[Article], settings: dict[str, Any], register: Register,
            known_roles: dict[str, list[str]]) -> tuple[str, list[tuple[Any, float]]]:
    """:func:`analyse_partition`'s work (the task sent is that function, so a test can stand in for it)."""
    with _lock:
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
                out.append((exc if isinstance(exc, OnrecordError) else WorkerError(repr(exc)), clock.elapsed))
        return made_by, out


def client_for(processes: int | None = None, address: str | None = None, wait: float = 30.0) -> Any:
    """A Dask client: of a local cluster of ``processes`` worker processes (one thread each), or of the
    cluster at ``address`` (E130 when no scheduler answers there, or it has no worker within ``wait`` s)."""
    try:
        import distributed as dist
    except ImportError as exc:
        raise OnrecordError("E131", "ingest on a Dask cluster needs dask.distributed",
                            hint="pip install 'onrecord[scale]'") from exc
    distributed: Any = dist
    if address:
        try:
            client = distributed.Client(address, timeout="20s")
        except (OSError, ValueError, TimeoutError) as exc:
            raise OnrecordError("E130", f"no Dask scheduler answers at {address} ({exc})",
                                hint="give the scheduler's address (tcp://host:8786), or --processes N for a "
                                "local cluster") from exc
        try:
            client.wait_for_workers(1, timeout=wait)
        except (OSError, TimeoutError) as exc:
            client.close()
            raise OnrecordError("E130", f"the Dask scheduler at {address} has no worker (waited {wait:g} s)",
                                hint="start workers: dask worker ADDRESS --nthreads 1") from exc
        return client
    if not processes or processes < 1:
        raise OnrecordError("E401", f"--processes must be 1 or more, not {processes!r}")
    cluster = distributed.LocalCluster(n_workers=processes, threads_per_worker=1, processes=True,
                                       dashboard_address="127.0.0.1:0")
    try:
        return distributed.Client(cluster)
    except BaseException:
        cluster.close()
        raise


def ingest(store: SQLiteStore, paths: list[str | Path], client: Any, *, register: Register | None = None,
           settings: dict[str, Any] | None = None, progress: bool = False, feeds: Iterable[str] = (),
           sitemaps: Iterable[str] = (), partition: int = PARTITION) -> pipeline.IngestReport:
    """:func:`onrecord.pipeline.ingest`, with the parse and the extraction on ``client``'s workers."""
    settings = dict(settings or {})
    register = register or pipeline.register_from_store(store)
    report = pipeline.IngestReport()
    limits = budget.Limits.from_settings(settings)
    items = pipeline.read_inputs(store, report, paths, settings, feeds, sitemaps, progress)
    pending = pipeline.pending_articles(store, items, report, limits)
    if not pending:
        pipeline.reapply_corrections(store, register=register)
        return report
    resolver = pipeline.people_resolver(store, register, settings)
    known = {p.name: p.roles for p in resolver.people.values() if p.kind == "person"}  # fixed for the run
    shared = {"settings": {k: settings[k] for k in WORKER_SETTINGS if k in settings},
              # sent to the workers once, not with every task
              # (in a list: a dict given to scatter alone is scattered value by value; hash=False: keys of this run
              # alone, or a run that sends equal data shares its keys, and the last run's release cancels them)
              "register": client.scatter([register], broadcast=True, hash=False)[0],
              "known_roles": client.scatter([known], broadcast=True, hash=False)[0]}
    parts = [pending[i:i + partition] for i in range(0, len(pending), partition)]
    window = max(2, IN_FLIGHT * len(client.scheduler_info().get("workers", {})))
    story_index = pipeline.story_index_of(store, settings)
    bar = _Progress(progress, len(pending))
    queued: deque[tuple[list[Article], Any]] = deque()
    try:
        for k in range(len(parts)):
            while len(queued) < window and k + len(queued) < len(parts):
                nxt = parts[k + len(queued)]
                queued.append((nxt, client.submit(analyse_partition, nxt, retries=RETRIES, pure=False, **shared)))
            part, future = queued.popleft()
            for article, (made_by, got, seconds) in zip(part, _results(client, part, future, shared), strict=True):
                _place(store, report, resolver, story_index, register, limits, article, made_by, got, seconds)
            bar.step(len(part))
    finally:
        bar.close()
        for _, future in queued:
            future.cancel()
    pipeline.finish_ingest(store, register, settings)
    return report


def _results(client: Any, part: list[Article], future: Any, shared: dict[str, Any]) -> list[tuple[str, Any, float]]:
    """A partition's results, ``(made by, (quotes, facts) or error, seconds)`` per article. When the task failed
    after its retries (its worker lost: an article that crashes the process, or runs it out of memory), each of
    its articles is tried alone, once, so that only the one at fault fails."""
    try:
        made_by, results = future.result()
        return [(made_by, got, seconds) for got, seconds in results]
    except OnrecordError:
        raise  # the worker cannot load the parser or the extractor: the run stops, with the code and the hint
    except Exception:  # noqa: BLE001
        if len(part) == 1:
            raise
    out: list[tuple[str, Any, float]] = []
    for article in part:
        try:
            made_by, [(got, seconds)] = client.submit(analyse_partition, [article], retries=0, pure=False,
                                                      **shared).result()
        except OnrecordError:
            raise
        except Exception as exc:  # noqa: BLE001  (this one is at fault)
            made_by, got, seconds = "", WorkerError(f"the worker was lost reading it: {exc!r}"), 0.0
        out.append((made_by, got, seconds))
    return out


def _place(store: SQLiteStore, report: pipeline.IngestReport, resolver: Any, story_index: Any, register: Register,
           limits: budget.Limits, article: Article, made_by: str, got: Any, seconds: float) -> None:
    try:
        resolver.enter(register, article.text, article.published)
    except Exception as exc:  # noqa: BLE001  (that article fails, as in a plain ingest)
        got = exc
    pipeline.settle(store, report, resolver, story_index, made_by, article, got,
                    budget.Clock(limits.seconds, seconds, article.source))


class _Progress:
    """A progress bar of the articles placed (none off a terminal), with the rate at the end."""

    def __init__(self, enabled: bool, total: int) -> None:
        import sys

        self.bar: Any = None
        if enabled and sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, desc="analysing on the cluster", unit="article")

    def step(self, n: int) -> None:
        if self.bar is not None:
            self.bar.update(n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
