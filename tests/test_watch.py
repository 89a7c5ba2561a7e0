"""onrecord watch: sources checked with conditional requests, a queue in the store that a stopped watch
resumes without fetching anything twice, retries with backoff, robots.txt and a delay per host; against the
same local HTTP server as the URL, feed and sitemap tests."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from onrecord import watch as watch_mod
from onrecord.cli import main
from onrecord.errors import OnrecordError
from onrecord.store import SQLiteStore, open_store

from .conftest import STORES
from .webserver import ALLOW, STORIES, Route, Site, rss, urlset

ARTICLES = set(STORIES)


def settings(**kw: Any) -> dict[str, Any]:
    return {"fetch_allow_hosts": ALLOW, "watch_host_delay": 0.0, "progress": False, **kw}


@pytest.fixture(params=STORES)
def store(request: pytest.FixtureRequest, store_url_for: Callable[[str], str]) -> Iterator[SQLiteStore]:
    s = open_store(store_url_for(request.param))
    yield s
    s.close()


def articles_asked(site: Site, since: int = 0) -> list[str]:
    return sorted(p for p in site.asked[since:] if p.startswith("/news/") or p == "/missing")


def feed(site: Site, paths: list[str], etag: str) -> None:
    site.routes["/feed"] = Route(body=rss(site, paths), headers={"Content-Type": "application/rss+xml",
                                                                 "ETag": etag})


def test_rounds_fetch_each_article_once_and_304_costs_nothing(site: Site, store: SQLiteStore) -> None:
    feed(site, ["/news/bridge", "/news/library", "/missing"], '"v1"')
    watch_mod.add_sources(store, feeds=[site.url("/feed")])
    first = watch_mod.run_round(store, settings())
    assert (first.sources, first.queued, first.fetched) == (1, 3, 2)
    assert first.ended == {"ok": 2, "empty": 0, "duplicate": 0, "failed": 1}  # a 404 is not retried
    assert articles_asked(site) == ["/missing", "/news/bridge", "/news/library"]
    state = watch_mod.status(store)
    assert state["counts"] == {"queued": 0, "fetched": 0, "ok": 2, "empty": 0, "duplicate": 0, "failed": 1}
    assert state["sources"][0]["etag"] == '"v1"' and state["sources"][0]["links"] == 3

    seen = len(site.asked)
    second = watch_mod.run_round(store, settings())
    assert second.not_modified == 1 and second.queued == second.fetched == 0
    assert articles_asked(site, seen) == []

    feed(site, ["/news/bridge", "/news/library", "/missing", "/news/parking"], '"v2"')
    seen = len(site.asked)
    third = watch_mod.run_round(store, settings())
    assert third.queued == 1 and third.ended["ok"] == 1
    assert articles_asked(site, seen) == ["/news/parking"]
    assert {a.url for a in store.articles()} == {site.url(p) for p in ARTICLES}


def test_stopped_round_resumes_without_fetching_twice(site: Site, store: SQLiteStore,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    feed(site, sorted(ARTICLES), '"v1"')
    watch_mod.add_sources(store, feeds=[site.url("/feed")])

    def killed(*args: Any) -> None:
        raise KeyboardInterrupt  # stopped after fetching, before the analysis

    monkeypatch.setattr(watch_mod, "_analyse", killed)
    with pytest.raises(KeyboardInterrupt):
        watch_mod.run_round(store, settings())
    assert watch_mod.status(store)["counts"]["fetched"] == 3 and store.articles() == []
    monkeypatch.undo()
    seen = len(site.asked)
    again = watch_mod.run_round(store, settings())
    assert articles_asked(site, seen) == []  # the kept articles are analysed, not fetched again
    assert again.ended["ok"] == 3 and len(store.articles()) == 3
    assert watch_mod.status(store)["counts"]["ok"] == 3


def test_a_url_already_stored_is_not_fetched(site: Site, store: SQLiteStore) -> None:
    from onrecord import pipeline

    pipeline.ingest(store, [site.url("/news/bridge")], settings=settings())
    feed(site, ["/news/bridge"], '"v1"')
    watch_mod.add_sources(store, feeds=[site.url("/feed")])
    seen = len(site.asked)
    done = watch_mod.run_round(store, settings())
    assert done.ended["duplicate"] == 1 and articles_asked(site, seen) == []


def test_passing_failures_are_retried_with_a_growing_wait(site: Site, store: SQLiteStore) -> None:
    site.routes["/news/busy"] = Route(status=503, body=b"busy")
    feed(site, ["/news/busy"], '"v1"')
    watch_mod.add_sources(store, feeds=[site.url("/feed")])
    done = watch_mod.run_round(store, settings(watch_retry_seconds=3600.0))
    assert done.retrying == 1 and done.ended["failed"] == 0
    row = store.watch_queue()[0]
    assert row["state"] == "queued" and row["attempts"] == 1 and row["code"] == "E124" and row["next_attempt"]
    seen = len(site.asked)
    watch_mod.run_round(store, settings(watch_retry_seconds=3600.0))
    assert articles_asked(site, seen) == []  # not due for an hour
    with store.transaction() as c:  # an hour later
        c.execute("UPDATE watch_queue SET next_attempt = '2000-01-01T00:00:00+00:00'")
    # with no wait it is tried again at once, and ends failed after watch_retries tries
    for _ in range(3):
        watch_mod.run_round(store, settings(watch_retry_seconds=0.0, watch_retries=2))
    row = store.watch_queue()[0]
    assert row["state"] == "failed" and row["attempts"] == 3
    assert site.asked.count("/news/busy") == 3
    site.routes["/news/busy"] = Route(body=STORIES["/news/bridge"])  # back, but the URL has ended
    watch_mod.run_round(store, settings(watch_retry_seconds=0.0))
    assert site.asked.count("/news/busy") == 3


def test_robots_txt_and_crawl_delay(site: Site, store: SQLiteStore) -> None:
    site.routes["/robots.txt"] = Route(headers={"Content-Type": "text/plain"},
                                       body=b"User-agent: *\nDisallow: /news/library\nCrawl-delay: 7\n")
    feed(site, ["/news/bridge", "/news/library"], '"v1"')
    watch_mod.add_sources(store, feeds=[site.url("/feed")])
    waits: list[float] = []
    done = watch_mod.run_round(store, settings(watch_host_delay=2.0), sleep=waits.append)
    assert "/news/library" not in site.asked
    assert done.ended == {"ok": 1, "empty": 0, "duplicate": 0, "failed": 1}
    assert done.failures[0]["code"] == "E129"
    assert waits and all(6.0 < w <= 7.0 for w in waits)  # robots' Crawl-delay, longer than the setting, between
    assert len(waits) == 2  # robots.txt -> feed -> bridge: two gaps


def test_sources_file(tmp_path: Path) -> None:
    listed = tmp_path / "sources.txt"
    listed.write_text("# desk feeds\nhttps://a.example.org/rss\nfeed https://b.example.org/atom  # b\n\n"
                      "sitemap https://c.example.org/sitemap.xml\n")
    assert watch_mod.read_sources_file(str(listed)) == (["https://a.example.org/rss", "https://b.example.org/atom"],
                                                        ["https://c.example.org/sitemap.xml"])
    listed.write_text("rss https://a.example.org/rss\n")
    with pytest.raises(OnrecordError) as info:
        watch_mod.read_sources_file(str(listed))
    assert info.value.code == "E401" and ":1:" in info.value.message


def test_watch_cli_once_and_status(site: Site, tmp_path: Path) -> None:
    feed(site, ["/news/bridge", "/news/parking"], '"v1"')
    site.routes["/sitemap.xml"] = Route(headers={"Content-Type": "application/xml"},
                                        body=urlset(site, ["/news/library", "/news/bridge"]))
    db = str(tmp_path / "o.db")
    env = {"ONRECORD_FETCH_ALLOW_HOSTS": ALLOW, "ONRECORD_WATCH_HOST_DELAY": "0"}
    run = CliRunner().invoke(main, ["--db", db, "watch", "--once", "--feed", site.url("/feed"), "--sitemap",
                                    site.url("/sitemap.xml")], env=env)
    assert run.exit_code == 0, run.output
    assert "queued 3, fetched 3; ok 3" in run.output
    shown = CliRunner().invoke(main, ["--db", db, "watch", "--status", "--format", "json"], env=env)
    state = json.loads(shown.stdout)
    assert state["counts"]["ok"] == 3 and {s["kind"] for s in state["sources"]} == {"feed", "sitemap"}
    again = CliRunner().invoke(main, ["--db", db, "watch", "--once"], env=env)  # the sources are remembered
    assert again.exit_code == 0  # the feed answers 304 to its ETag; the sitemap has none, and gives nothing new
    assert "checked 2 sources (1 unchanged), queued 0, fetched 0" in again.output
    nothing = CliRunner().invoke(main, ["--db", str(tmp_path / "empty.db"), "watch", "--once"], env=env)
    assert nothing.exit_code == 2 and "nothing to watch" in nothing.output


def test_status_page_and_its_json_twin(site: Site, store: SQLiteStore) -> None:
    from fastapi.testclient import TestClient

    from onrecord.serve.app import create_app

    feed(site, ["/news/bridge", "/missing"], '"v1"')
    watch_mod.add_sources(store, feeds=[site.url("/feed")])
    watch_mod.run_round(store, settings())
    store.watch_enqueue(['https://news.example.org/a"><script>alert(1)</script>'], "hand")
    with TestClient(create_app(store), raise_server_exceptions=False) as client:
        data = client.get("/watch.json").json()
        page = client.get("/watch", headers={"Accept": "text/html"}).text
    assert data["counts"] == {"queued": 1, "fetched": 0, "ok": 1, "empty": 0, "duplicate": 0, "failed": 1}
    assert data["sources"][0]["url"] == site.url("/feed") and data["sources"][0]["status"] == 200
    assert sorted(r["state"] for r in data["recent"] if r["url"].startswith(site.base)) == ["failed", "ok"]
    assert "ok <strong>1</strong>" in page and "failed <strong>1</strong>" in page
    assert site.url("/feed") in page and "[E124]" in page
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page


def test_a_killed_watch_loses_nothing_and_fetches_nothing_twice(site: Site, tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    site.routes["/news/zz-slow"] = Route(body=STORIES["/news/parking"].replace(b"Ana Silva", b"Zoe Hart"),
                                         drip=0.5)  # queued last (by URL); still being read when killed
    feed(site, ["/news/bridge", "/news/library", "/news/zz-slow"], '"v1"')
    db = tmp_path / "w.db"
    env = {**os.environ, "ONRECORD_FETCH_ALLOW_HOSTS": ALLOW, "ONRECORD_WATCH_HOST_DELAY": "0"}
    proc = subprocess.Popen([sys.executable, "-m", "onrecord.cli", "--db", str(db), "--no-progress", "watch",
                             "--once", "--feed", site.url("/feed")], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while "/news/zz-slow" not in site.asked and time.monotonic() < deadline:
            time.sleep(0.05)
        assert "/news/zz-slow" in site.asked
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    store = SQLiteStore(str(db))
    try:
        kept = watch_mod.status(store)["counts"]
        assert kept["fetched"] == 2 and kept["queued"] == 1  # the two read pages are kept, the slow one waits
        site.routes["/news/zz-slow"].drip = 0.0
        done = watch_mod.run_round(store, settings())
        assert done.ended["ok"] == 3
        assert site.asked.count("/news/bridge") == site.asked.count("/news/library") == 1
        assert {a.url for a in store.articles()} == {site.url(p) for p in ("/news/bridge", "/news/library",
                                                                           "/news/zz-slow")}
    finally:
        store.close()


def test_a_source_that_breaks_unexpectedly_fails_alone(site: Site, store: SQLiteStore,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    feed(site, ["/news/bridge"], '"v1"')
    site.routes["/other-feed"] = Route(body=rss(site, ["/news/library"]), headers={"Content-Type": "application/xml"})
    watch_mod.add_sources(store, feeds=[site.url("/feed"), site.url("/other-feed")])
    real = watch_mod.web.feed_links

    def flaky(url: str, *args: Any, **kw: Any) -> list[str]:
        if url.endswith("/other-feed"):
            raise RuntimeError("a parser fell over")
        return real(url, *args, **kw)

    monkeypatch.setattr(watch_mod.web, "feed_links", flaky)
    done = watch_mod.run_round(store, settings())
    assert done.ended["ok"] == 1 and [f["code"] for f in done.failures] == ["E100"]
    broken = next(s for s in store.watch_sources() if s["url"].endswith("/other-feed"))
    assert broken["code"] == "E100" and "a parser fell over" in broken["message"]


def test_sitemap_from_the_home_page_and_read_each_round(site: Site, store: SQLiteStore) -> None:
    site.routes["/robots.txt"] = Route(headers={"Content-Type": "text/plain"},
                                       body=f"Sitemap: {site.url('/sitemap-index.xml')}\n".encode())
    site.routes["/sitemap-index.xml"] = Route(headers={"Content-Type": "application/xml", "ETag": '"same"'}, body=(
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{site.url('/sitemap-news.xml')}</loc></sitemap></sitemapindex>").encode())
    site.routes["/sitemap-news.xml"] = Route(headers={"Content-Type": "application/xml"},
                                             body=urlset(site, ["/news/bridge"]))
    watch_mod.add_sources(store, sitemaps=[site.url("/")])
    first = watch_mod.run_round(store, settings())
    assert first.ended["ok"] == 1 and not first.failures
    assert site.asked.count("/robots.txt") == 1  # read once a round, for its rules and its sitemaps
    # the index stays the same (its ETag too), its news sitemap gets a new article
    site.routes["/sitemap-news.xml"] = Route(headers={"Content-Type": "application/xml"},
                                             body=urlset(site, ["/news/bridge", "/news/library"]))
    second = watch_mod.run_round(store, settings())
    assert second.queued == 1 and second.ended["ok"] == 1


def test_robots_txt_that_is_missing_allows_everything(site: Site, store: SQLiteStore) -> None:
    site.routes["/robots.txt"] = Route(status=404, body=b"none")
    store.watch_enqueue([site.url("/news/bridge")], "hand")
    assert watch_mod.run_round(store, settings()).ended["ok"] == 1


@pytest.mark.parametrize("down", [Route(status=503, body=b"down"), Route(status=429, body=b"slow down")])
def test_a_site_whose_robots_txt_is_down_waits(site: Site, store: SQLiteStore, down: Route) -> None:
    """RFC 9309's unreachable robots.txt: nothing is fetched from the site, and its URLs wait (no try counted)."""
    site.routes["/robots.txt"] = down
    store.watch_enqueue([site.url("/news/bridge")], "hand")
    done = watch_mod.run_round(store, settings(watch_retry_seconds=0.0, watch_retries=0))
    assert "/news/bridge" not in site.asked and done.retrying == 1 and done.ended["failed"] == 0
    row = store.watch_queue()[0]
    assert (row["state"], row["attempts"], row["code"]) == ("queued", 0, "E122")
    site.routes["/robots.txt"] = Route(status=404, body=b"none")  # the site is back
    assert watch_mod.run_round(store, settings(watch_retry_seconds=0.0)).ended["ok"] == 1


def test_a_feed_named_on_a_home_page_is_asked_politely(site: Site, store: SQLiteStore) -> None:
    site.routes["/robots.txt"] = Route(headers={"Content-Type": "text/plain"},
                                       body=b"User-agent: *\nDisallow: /private-rss.xml\n")
    site.routes["/"] = Route(body=b'<html><head><link rel="alternate" type="application/rss+xml" '
                             b'href="/private-rss.xml"></head><body><p>Welcome</p></body></html>')
    site.routes["/private-rss.xml"] = Route(body=rss(site, ["/news/bridge"]),
                                            headers={"Content-Type": "application/rss+xml"})
    watch_mod.add_sources(store, feeds=[site.url("/")])
    done = watch_mod.run_round(store, settings())
    assert "/private-rss.xml" not in site.asked and [f["code"] for f in done.failures] == ["E129"]


def test_a_round_stopped_after_storing_ends_its_urls_ok(site: Site, store: SQLiteStore,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from onrecord import pipeline

    feed(site, ["/news/bridge", "/news/library"], '"v1"')
    watch_mod.add_sources(store, feeds=[site.url("/feed")])
    real = pipeline.ingest_items

    def stored_then_stopped(*args: Any, **kw: Any) -> Any:
        real(*args, **kw)
        raise KeyboardInterrupt  # the articles are stored, their URLs not yet ended

    monkeypatch.setattr(watch_mod.pipeline, "ingest_items", stored_then_stopped)
    with pytest.raises(KeyboardInterrupt):
        watch_mod.run_round(store, settings())
    monkeypatch.undo()
    assert len(store.articles()) == 2 and watch_mod.status(store)["counts"]["fetched"] == 2
    done = watch_mod.run_round(store, settings())
    assert done.ended == {"ok": 2, "empty": 0, "duplicate": 0, "failed": 0}
    assert watch_mod.status(store)["counts"]["ok"] == 2


def test_the_same_text_at_another_url_is_a_duplicate(site: Site, store: SQLiteStore) -> None:
    site.routes["/news/bridge-amp"] = Route(body=STORIES["/news/bridge"])
    feed(site, ["/news/bridge"], '"v1"')
    watch_mod.add_sources(store, feeds=[site.url("/feed")])
    assert watch_mod.run_round(store, settings()).ended["ok"] == 1
    feed(site, ["/news/bridge", "/news/bridge-amp"], '"v2"')
    again = watch_mod.run_round(store, settings())
    assert again.ended == {"ok": 0, "empty": 0, "duplicate": 1, "failed": 0}


def test_watch_with_nothing_creates_no_database(tmp_path: Path) -> None:
    db = tmp_path / "none.db"
    result = CliRunner().invoke(main, ["--db", str(db), "watch", "--once"])
    assert result.exit_code == 2 and "nothing to watch" in result.output and not db.exists()
