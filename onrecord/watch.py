"""``onrecord watch``: follow feeds and sitemaps, and read each new article once.

A round checks every source with a conditional request (ETag, Last-Modified: a 304 costs nothing), queues the
article links it has not seen, fetches the queued URLs whose time has come, and analyses what it fetched. The
queue lives in the store, so a stopped watch resumes where it stopped: a URL is fetched once (its article is
kept in the queue until it is analysed), a URL already stored is never fetched, and each ends in exactly one
state, ok, empty, duplicate or failed. A failure that may pass (no answer, HTTP 429 or 5xx) is retried with
a doubling wait, ``watch_retries`` times.

Politeness: robots.txt is honoured (one read per host and round, Python's own parser), one request at a time
with ``watch_host_delay`` seconds (or the site's Crawl-delay, if longer) between two to the same host, and a
User-Agent that names onrecord and ``fetch_contact``.
"""

from __future__ import annotations

import json
import time
import urllib.robotparser
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from . import pipeline
from .errors import OnrecordError
from .ingest import Item, web
from .ingest.fetch import FEED_TYPES, FetchPolicy, HTTPStatusError, fetch
from .models import END_STATES, Article
from .settings import default as default_setting
from .store import SQLiteStore

KINDS = ("feed", "sitemap")
RETRYABLE = ("E122",)  # no answer in time, or no connection


def _now() -> datetime:
    return datetime.now(UTC)


def _stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def _site(url: str) -> str:
    """``scheme://host[:port]``: what one robots.txt speaks for."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _retry_wait(settings: dict[str, Any]) -> float:
    return float(settings.get("watch_retry_seconds", default_setting("watch_retry_seconds")))


def _end(store: SQLiteStore, result: Round, url: str, state: str, *, code: str | None = None,
         message: str | None = None, article_id: str | None = None, attempt: bool = False) -> None:
    """A queued URL ends ``state``: in the queue, the ingest log and the round's counts."""
    store.watch_update(url, state, code=code, message=message, article_id=article_id, attempt=attempt)
    store.log(url, state, code, message, article_id)
    result.ended[state] += 1


class RobotsUnreachable(OnrecordError):
    """E122 for a URL whose site's robots.txt cannot be read this round: the URL waits, and no try is counted."""


class Polite:
    """robots.txt per host (read once), and the wait between two requests to one host."""

    def __init__(self, policy: FetchPolicy, delay: float, sleep: Callable[[float], None] = time.sleep) -> None:
        self.policy, self.delay, self.sleep = policy, delay, sleep
        self.robots: dict[str, urllib.robotparser.RobotFileParser] = {}
        self.unreachable: dict[str, str] = {}  # site -> why its robots.txt could not be read this round
        self.last: dict[str, float] = {}

    def _rules(self, url: str) -> urllib.robotparser.RobotFileParser:
        site = _site(url)
        if site not in self.robots:
            rules = urllib.robotparser.RobotFileParser(f"{site}/robots.txt")
            self.wait(url)
            try:
                answer = fetch(f"{site}/robots.txt", self.policy, accept=())
                rules.parse(answer.body.decode("utf-8", errors="replace").splitlines())
            except OnrecordError as exc:
                status = exc.http_status if isinstance(exc, HTTPStatusError) else None
                if status in (401, 403):  # a site that refuses its robots.txt allows nothing
                    rules.parse(["User-agent: *", "Disallow: /"])
                elif exc.code == "E122" or status == 429 or (status or 0) >= 500:
                    # unreachable (RFC 9309): nothing is fetched from the site this round, and its URLs wait
                    self.unreachable[site] = exc.message
                    rules.parse(["User-agent: *", "Disallow: /"])
                else:  # unavailable (404, 410, another 4xx; too large, a redirect loop): everything is allowed
                    rules.parse([])
            self.robots[site] = rules
        return self.robots[site]

    def allowed(self, url: str) -> bool:
        return self._rules(url).can_fetch(self.policy.user_agent, url)

    def sitemaps(self, url: str) -> list[str]:
        """The sitemaps the site's robots.txt names (read once a round, as for the rules)."""
        return list(self._rules(url).site_maps() or [])

    def before(self, url: str) -> None:
        """What every request of the watch does first: robots.txt must allow it (else E129; a robots.txt that
        cannot be read is E122, which passes: the URL is tried again later), then the wait."""
        allowed = self.allowed(url)
        why = self.unreachable.get(_site(url))
        if why is not None:
            raise RobotsUnreachable("E122", f"{url}: the site's robots.txt cannot be read ({why})", path=url)
        if not allowed:
            raise OnrecordError("E129", f"{url}: robots.txt does not allow onrecord to fetch it", path=url)
        self.wait(url)

    def wait(self, url: str) -> None:
        host = _host(url)
        rules = self.robots.get(_site(url))
        crawl = rules.crawl_delay(self.policy.user_agent) if rules is not None else None
        gap = max(self.delay, float(crawl or 0))
        if host in self.last:
            left = gap - (time.monotonic() - self.last[host])
            if left > 0:
                self.sleep(left)
        self.last[host] = time.monotonic()


@dataclass
class Round:
    """What one round did: sources checked (and how many answered 304), links queued, URLs fetched, and the
    end states of the URLs it finished."""

    sources: int = 0
    not_modified: int = 0
    queued: int = 0
    fetched: int = 0
    retrying: int = 0
    ended: dict[str, int] = field(default_factory=lambda: dict.fromkeys(END_STATES, 0))
    failures: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def add_sources(store: SQLiteStore, feeds: Iterable[str] = (), sitemaps: Iterable[str] = ()) -> None:
    for kind, urls in (("feed", feeds), ("sitemap", sitemaps)):
        for url in urls:
            if not web.is_url(url):
                raise OnrecordError("E120", f"{url}: a {kind} to watch must be an http(s) URL", path=url)
            store.watch_add_source(url, kind)


def read_sources_file(path: str) -> tuple[list[str], list[str]]:
    """Feeds and sitemaps from a file: one URL a line, ``sitemap URL`` for a sitemap, ``#`` comments."""
    feeds: list[str] = []
    sitemaps: list[str] = []
    try:
        lines = open(path, encoding="utf-8").read().splitlines()  # noqa: SIM115
    except OSError as exc:
        raise OnrecordError("E101", f"{path}: cannot read the list of feeds ({exc.strerror or exc})",
                            path=path) from exc
    for n, line in enumerate(lines, start=1):
        words = line.split("#", 1)[0].split()
        if not words:
            continue
        kind, url = (words[0].lower(), words[1]) if len(words) == 2 else ("feed", words[0])
        if kind not in KINDS or len(words) > 2 or not web.is_url(url):
            raise OnrecordError("E401", f"{path}:{n}: expected 'URL', 'feed URL' or 'sitemap URL', not {line!r}",
                                path=path)
        (feeds if kind == "feed" else sitemaps).append(url)
    return feeds, sitemaps


def _retry(store: SQLiteStore, row: dict[str, Any], exc: OnrecordError, settings: dict[str, Any],
           result: Round) -> None:
    retries = int(settings.get("watch_retries", default_setting("watch_retries")))
    status = exc.http_status if isinstance(exc, HTTPStatusError) else None
    passing = exc.code in RETRYABLE or status in (429, 500, 502, 503, 504)
    if passing and row["attempts"] < retries:
        later = _now() + timedelta(seconds=_retry_wait(settings) * 2 ** row["attempts"])
        store.watch_update(row["url"], "queued", code=exc.code, message=exc.message, next_attempt=_stamp(later),
                           attempt=True)
        result.retrying += 1
        return
    _end(store, result, row["url"], "failed", code=exc.code, message=exc.message, attempt=True)
    result.failures.append({"source": row["url"], **exc.to_json()["error"]})


def _unexpected(url: str, exc: Exception) -> OnrecordError:
    """E100 for what went wrong that onrecord did not foresee: that source or URL fails, the round goes on."""
    return OnrecordError("E100", f"{url}: {type(exc).__name__}: {exc}"[:500], path=url)


def _check(store: SQLiteStore, source: dict[str, Any], policy: FetchPolicy, polite: Polite, limit: int,
           result: Round) -> None:
    """Read one source and queue its new links. A feed is asked with its ETag and Last-Modified (a 304 costs
    nothing); a sitemap is read whole each round, since a sitemap index can stay the same while its sitemaps
    (a news sitemap) change."""
    url, kind = source["url"], source["kind"]
    result.sources += 1
    try:
        if kind == "feed":
            polite.before(url)
            conditional = {k: v for k, v in (("If-None-Match", source["etag"]),
                                              ("If-Modified-Since", source["last_modified"])) if v}
            page = fetch(url, policy, accept=FEED_TYPES, headers=conditional)
            if page.status == 304:
                result.not_modified += 1
                store.watch_checked(url, status=304)
                return
            links = web.feed_links(url, policy, limit, page=page, before=polite.before)
            status, etag, modified = page.status, page.headers.get("etag"), page.headers.get("last-modified")
        else:
            read = web.sitemap_links(url, policy, limit, before=polite.before, robots=polite.sitemaps)
            links, status, etag, modified = read.links, 200, None, None
        new = store.watch_enqueue(links, url)
        result.queued += new
        store.watch_checked(url, status=status, etag=etag, last_modified=modified, links=new)
    except Exception as exc:  # noqa: BLE001  (one source that fails must not stop the others, round after round)
        err = exc if isinstance(exc, OnrecordError) else _unexpected(url, exc)
        store.watch_checked(url, code=err.code, message=err.message)
        result.failures.append({"source": url, **err.to_json()["error"]})


def _article_json(article: Article) -> str:
    return json.dumps(asdict(article), ensure_ascii=False)


def run_round(store: SQLiteStore, settings: dict[str, Any], *, sleep: Callable[[float], None] = time.sleep,
              progress: bool = False) -> Round:
    """One round over every source the store follows; see the module's text."""
    policy = FetchPolicy.from_settings(settings)
    polite = Polite(policy, float(settings.get("watch_host_delay", default_setting("watch_host_delay"))), sleep)
    limit = int(settings.get("max_feed_links", default_setting("max_feed_links")))
    result = Round()
    for source in store.watch_sources():
        _check(store, source, policy, polite, limit, result)
    batch = int(settings.get("watch_batch", default_setting("watch_batch")))
    for row in store.watch_due(_stamp(_now()), batch):
        url = row["url"]
        stored = store.article_at(url)
        if stored:  # never fetched again
            _end(store, result, url, "duplicate", article_id=stored)
            continue
        try:
            polite.before(url)
            article = web.article(url, policy)
        except RobotsUnreachable as exc:  # the site is down, not the URL: it waits for a later round
            store.watch_update(url, "queued", code=exc.code, message=exc.message,
                               next_attempt=_stamp(_now() + timedelta(seconds=_retry_wait(settings))))
            result.retrying += 1
            continue
        except OnrecordError as exc:
            _retry(store, row, exc, settings, result)
            continue
        except Exception as exc:  # noqa: BLE001  (that URL fails; the round goes on, and the next)
            _retry(store, row, _unexpected(url, exc), settings, result)
            continue
        store.watch_update(url, "fetched", article=_article_json(article), article_id=article.id)
        result.fetched += 1
    _analyse(store, settings, result, progress)
    return result


def _analyse(store: SQLiteStore, settings: dict[str, Any], result: Round, progress: bool) -> None:
    """Analyse every fetched article (this round's, and any a stopped round left), and end their URLs."""
    rows = store.watch_fetched()
    if not rows:
        return
    # an article a stopped round stored from this URL, but whose URL it did not end: it ends ok or empty (the same
    # text stored from another URL is a duplicate, as ingest says)
    stored = {r["url"] for r in rows if r["article_id"] and store.article_at(r["url"]) == r["article_id"]}
    fresh = [r for r in rows if r["url"] not in stored]
    for r in rows:
        if r["url"] in stored:
            _end(store, result, r["url"], "ok" if store.quotes(r["article_id"]) else "empty",
                 article_id=r["article_id"])
    items: list[Item] = [(r["url"], Article(**json.loads(r["article"]))) for r in fresh]
    report = pipeline.ingest_items(store, items, settings=settings, progress=progress)
    for r in fresh:  # ingest_items logged these itself
        state, code, article_id = report.ended.get(r["url"], ("failed", "E100", None))
        store.watch_update(r["url"], state, code=code, article_id=article_id)
        result.ended[state] += 1
    result.failures += report.failures
    if stored and not any(report.ended[u][0] in ("ok", "empty") for u in report.ended):
        for issue in store.issues():  # the stopped round stored them before its issues were analysed
            pipeline.analyze(store, issue, settings=settings)


def status(store: SQLiteStore) -> dict[str, Any]:
    """The watch as the status page and ``onrecord watch --status`` show it (one query function for both)."""
    from .query.pages import watch_status

    return watch_status(store)
