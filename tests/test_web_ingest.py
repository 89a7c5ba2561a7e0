"""Live news in: URLs, feeds, sitemaps and WARC files, read from a real HTTP server on 127.0.0.1 that the
tests start, and from archives the tests write; nothing touches the internet.

The server is reached as ``news.localhost`` (loopback by RFC 6761, and a host name that feed and sitemap
readers accept), which the tests allow with ``fetch_allow_hosts``; ``127.0.0.1`` itself is not allowed, so a
redirect to it is a redirect to a private address.
"""

from __future__ import annotations

import gzip
import io
import json
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from onrecord import pipeline
from onrecord.cli import main
from onrecord.errors import OnrecordError
from onrecord.ingest import fetch as fetch_mod
from onrecord.ingest import web
from onrecord.ingest.fetch import FetchPolicy, check_url, is_public
from onrecord.store import SQLiteStore

from .webserver import ALLOW, STORIES, Route, Site, page, rss, urlset


def policy(**kw: Any) -> FetchPolicy:
    return FetchPolicy(allow_hosts=frozenset({ALLOW}), **kw)


def code_of(call: Callable[[], Any]) -> str:
    with pytest.raises(OnrecordError) as info:
        call()
    return info.value.code


# ----------------------------------------------------------------------------- which URLs may be fetched

@pytest.mark.parametrize("address,public", [
    ("93.184.216.34", True), ("2606:2800:220:1:248:1893:25c8:1946", True),
    ("127.0.0.1", False), ("10.1.2.3", False), ("172.16.0.9", False), ("192.168.1.1", False),
    ("169.254.169.254", False), ("0.0.0.0", False), ("224.0.0.251", False), ("100.64.0.1", False),
    ("::1", False), ("fe80::1", False), ("fd00::1", False), ("::ffff:127.0.0.1", False), ("::ffff:10.0.0.1", False),
    # IPv4 inside IPv6: NAT64 (169.254.169.254, 10.0.0.1), 6to4 (127.0.0.1), Teredo, IPv4-compatible, site-local
    ("64:ff9b::a9fe:a9fe", False), ("64:ff9b::a00:1", False), ("64:ff9b:1::a00:1", False), ("2002:7f00:1::", False),
    ("2001:0:4136:e378:8000:63bf:f5ff:fffe", False), ("::127.0.0.1", False), ("fec0::1", False),
    ("64:ff9b::5db8:d822", True),  # NAT64 of a public IPv4 address
    ("64:ff9b:1:a00:0:100:808:808", False), ("::ffff:0:a00:1", False),  # NAT64 local use, IPv4-translated
])
def test_public_addresses(address: str, public: bool) -> None:
    assert is_public(address) is public


@pytest.mark.parametrize("url,code", [
    ("ftp://news.example.org/a", "E120"),
    ("file:///etc/passwd", "E120"),
    ("http://", "E120"),
    ("http://user:secret@93.184.216.34/a", "E120"),
    ("http://127.0.0.1:8080/admin", "E121"),
    ("http://169.254.169.254/latest/meta-data/", "E121"),
    ("http://[::1]/", "E121"),
    ("http://0.0.0.0/", "E121"),
    ("http://localhost/", "E121"),
    ("http://intranet.localhost/", "E121"),
    ("http://[::ffff:192.168.0.1]/", "E121"),
    ("http://[64:ff9b::a9fe:a9fe]/latest/meta-data/", "E121"),
    ("http://новости.localhost/", "E121"),  # an international name is checked as its punycode
    ("http://exa mple.org/", "E120"),
])
def test_urls_refused(url: str, code: str) -> None:
    assert code_of(lambda: check_url(url, FetchPolicy())) == code


@pytest.mark.parametrize("host,ascii", [("Example.ORG.", "example.org"), ("faß.de", "xn--fa-hia.de"),
                                        ("bücher.example", "xn--bcher-kva.example"), ("10.0.0.1", "10.0.0.1")])
def test_host_names_as_dns_knows_them(host: str, ascii: str) -> None:
    assert fetch_mod.ascii_host(host) == ascii


def test_a_hung_dns_lookup_times_out_and_holds_up_no_other(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    real = socket.getaddrinfo

    def lookup(host: str, *args: Any, **kw: Any) -> Any:
        if host.startswith("hung"):
            time.sleep(3)
        return real("127.0.0.1", *args, **kw)

    monkeypatch.setattr(socket, "getaddrinfo", lookup)
    started = time.monotonic()
    for i in range(6):
        with pytest.raises(OSError):
            fetch_mod.resolve(f"hung{i}.example", 80, timeout=0.2)
    assert fetch_mod.resolve("fine.example", 80, timeout=1.0) == ["127.0.0.1"]
    assert time.monotonic() - started < 3.0


def test_allowed_host_and_public_literal() -> None:
    assert check_url("http://news.localhost:8000/a", policy())[2] == "127.0.0.1"
    assert check_url("https://93.184.216.34/a", FetchPolicy())[:2] == ("93.184.216.34", 443)
    allowed = FetchPolicy.from_settings({"fetch_allow_hosts": " 127.0.0.1 , Intranet.Example. "})
    assert allowed.allow_hosts == {"127.0.0.1", "intranet.example"}
    assert check_url("http://127.0.0.1:9/x", allowed)[2] == "127.0.0.1"


def test_user_agent_names_onrecord_and_the_contact(site: Site) -> None:
    seen: list[str] = []

    class Agent(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            seen.append(self.headers.get("User-Agent", ""))
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Agent)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        pol = FetchPolicy.from_settings({"fetch_allow_hosts": ALLOW, "fetch_contact": "desk@example.org"})
        fetch_mod.fetch(f"http://news.localhost:{server.server_address[1]}/", pol)
    finally:
        server.shutdown()
        server.server_close()
    assert seen and seen[0].startswith("onrecord/") and "desk@example.org" in seen[0]


# ----------------------------------------------------------------------------- one page

def test_article_from_url_keeps_url_canonical_time_and_status(site: Site) -> None:
    site.routes["/news/bridge?utm_source=feed"] = Route(body=page(
        "Council backs new bridge", "Mary Holt", "The bridge will end years of traffic jams.",
        canonical=site.url("/news/bridge")))
    art = web.article(site.url("/news/bridge?utm_source=feed"), policy())
    assert "Mary Holt" in art.text and "traffic jams" in art.text
    assert art.url == site.url("/news/bridge?utm_source=feed")
    assert art.canonical_url == site.url("/news/bridge")
    assert art.http_status == 200 and art.fetched_at and art.fetched_at[:4].isdigit()
    assert art.title == "Council backs new bridge" and art.language == "en-GB"
    assert art.published == "2025-02-03" and art.outlet == "The Valley Gazette"


def test_redirect_is_followed_and_checked_again(site: Site) -> None:
    site.routes["/old"] = Route(status=301, headers={"Location": "/news/library"})
    art = web.article(site.url("/old"), policy())
    assert "Tom Reyes" in art.text and art.canonical_url == site.url("/news/library")
    # a redirect to a private address (127.0.0.1 is not allowed, only news.localhost) is never followed
    site.routes["/leak"] = Route(status=302, headers={"Location": f"http://127.0.0.1:{site.port}/secret"})
    site.routes["/secret"] = Route(body=STORIES["/news/bridge"])
    assert code_of(lambda: web.article(site.url("/leak"), policy())) == "E121"
    assert "/secret" not in site.asked
    site.routes["/meta"] = Route(status=307, headers={"Location": "http://169.254.169.254/latest/meta-data/"})
    assert code_of(lambda: web.article(site.url("/meta"), policy())) == "E121"


def test_redirect_loop_stops(site: Site) -> None:
    site.routes["/a"] = Route(status=302, headers={"Location": "/b"})
    site.routes["/b"] = Route(status=302, headers={"Location": "/a"})
    assert code_of(lambda: fetch_mod.fetch(site.url("/a"), policy(max_redirects=3))) == "E126"
    assert len(site.asked) == 4  # the first request and three redirects, no more


@pytest.mark.parametrize("route,code", [
    pytest.param(Route(status=404, body=b"gone"), "E124", id="not-found"),
    pytest.param(Route(status=503, body=b"busy"), "E124", id="server-error"),
    pytest.param(Route(status=302, headers={}), "E124", id="redirect-without-location"),
    pytest.param(Route(body=b"\x89PNG....", headers={"Content-Type": "image/png"}), "E125", id="an-image"),
    pytest.param(Route(body=b"x" * 10, headers={"Content-Type": "text/html", "Content-Length": "50000000"}), "E123",
                 id="declared-too-large"),
    pytest.param(Route(body=b"<p>" + b"word " * 40_000, length=False), "E123", id="undeclared-too-large"),
    pytest.param(Route(body=gzip.compress(b" " * 60_000_000), headers={"Content-Type": "text/html",
                                                                      "Content-Encoding": "gzip"}), "E123",
                 id="gzip-bomb"),
    pytest.param(Route(body=b"<html><body><nav>Home</nav></body></html>"), "E106", id="no-article"),
])
def test_bad_answers(site: Site, route: Route, code: str) -> None:
    site.routes["/bad"] = route
    assert code_of(lambda: web.article(site.url("/bad"), policy(max_bytes=100_000))) == code


def test_slow_server_is_cut_off_by_the_whole_fetch_time(site: Site) -> None:
    site.routes["/slow"] = Route(body=b"<html>" + b"a" * 200, drip=0.05)  # 10 s in all, a byte every 50 ms
    started = time.monotonic()
    assert code_of(lambda: fetch_mod.fetch(site.url("/slow"), policy(timeout=1.0))) == "E122"
    assert time.monotonic() - started < 3.0


def test_slow_headers_are_cut_off_too(site: Site) -> None:
    site.routes["/drip-headers"] = Route(slow_headers=0.2)  # fifty header lines, 10 s in all
    started = time.monotonic()
    assert code_of(lambda: fetch_mod.fetch(site.url("/drip-headers"), policy(timeout=1.0))) == "E122"
    assert time.monotonic() - started < 3.0


def test_paths_with_spaces_and_non_ascii_are_percent_encoded(site: Site) -> None:
    site.routes["/%C3%BCber%20uns"] = Route(body=STORIES["/news/bridge"])
    site.routes["/moved"] = Route(status=301, headers={"Location": "/über uns"})
    assert "Mary Holt" in web.article(site.url("/über uns"), policy()).text
    assert "Mary Holt" in web.article(site.url("/moved"), policy()).text
    assert site.asked.count("/%C3%BCber%20uns") == 2


def test_a_redirect_to_no_url_is_a_coded_error(site: Site) -> None:
    site.routes["/broken"] = Route(status=302, headers={"Location": "http://[::1"})
    assert code_of(lambda: fetch_mod.fetch(site.url("/broken"), policy())) == "E124"


def test_connection_refused_is_a_coded_error() -> None:
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    assert code_of(lambda: fetch_mod.fetch(f"http://news.localhost:{port}/", policy(timeout=2.0))) == "E122"


def test_conditional_request_gives_304_without_body(site: Site) -> None:
    site.routes["/feed.xml"] = Route(status=304, headers={"ETag": '"v1"'})
    got = fetch_mod.fetch(site.url("/feed.xml"), policy(), headers={"If-None-Match": '"v1"'})
    assert got.status == 304 and got.body == b""


def test_gunzip_is_bounded() -> None:
    data = gzip.compress(b"<urlset/>" + b" " * 2_000)
    assert fetch_mod.gunzip(data, "u", 10_000).startswith(b"<urlset/>")
    assert code_of(lambda: fetch_mod.gunzip(data, "u", 1_000)) == "E123"
    assert fetch_mod.gunzip(b"<urlset/>", "u", 10) == b"<urlset/>"


# ----------------------------------------------------------------------------- feeds

def atom(site: Site, paths: list[str]) -> bytes:
    entries = "".join(f'<entry><title>{p}</title><id>{p}</id><link href="{site.url(p)}"/></entry>' for p in paths)
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Gazette</title>'
            f"{entries}</feed>").encode()


def json_feed(site: Site, paths: list[str]) -> bytes:
    return json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "Gazette",
                       "items": [{"id": p, "url": site.url(p)} for p in paths]}).encode()


@pytest.mark.parametrize("make,ctype", [(rss, "application/rss+xml"), (atom, "application/atom+xml"),
                                        (json_feed, "application/feed+json")])
def test_feed_links(site: Site, make: Callable[[Site, list[str]], bytes], ctype: str) -> None:
    site.routes["/feed"] = Route(body=make(site, ["/news/bridge", "/news/library"]),
                                 headers={"Content-Type": ctype})
    assert sorted(web.feed_links(site.url("/feed"), policy(), 100)) == [site.url("/news/bridge"),
                                                                        site.url("/news/library")]


def test_feed_and_sitemap_on_a_www_host(site: Site) -> None:
    """Links are kept when they are on the site's registered domain, not only on the exact host name."""
    base = f"http://www.gazette.localhost:{site.port}"
    items = "".join(f"<item><link>{base}/news/{n}</link></item>" for n in ("bridge", "library"))
    site.routes["/www-feed"] = Route(body=f'<?xml version="1.0"?><rss version="2.0"><channel><title>G</title>{items}'
                                     "</channel></rss>".encode(), headers={"Content-Type": "application/rss+xml"})
    site.routes["/www-sitemap.xml"] = Route(headers={"Content-Type": "application/xml"}, body=(
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>{base}/news/parking</loc></url></urlset>").encode())
    pol = FetchPolicy(allow_hosts=frozenset({"www.gazette.localhost"}))
    assert sorted(web.feed_links(f"{base}/www-feed", pol, 100)) == [f"{base}/news/bridge", f"{base}/news/library"]
    assert web.sitemap_links(f"{base}/www-sitemap.xml", pol, 100).links == [f"{base}/news/parking"]


def test_feed_found_from_the_home_page(site: Site) -> None:
    site.routes["/"] = Route(body=b'<html><head><link rel="alternate" type="application/rss+xml" '
                             b'href="/rss.xml"></head><body><p>Welcome</p></body></html>')
    site.routes["/rss.xml"] = Route(body=rss(site, ["/news/parking"]), headers={"Content-Type": "application/xml"})
    assert web.feed_links(site.url("/"), policy(), 100) == [site.url("/news/parking")]


def test_not_a_feed(site: Site) -> None:
    site.routes["/plain"] = Route(body=b"<html><body><p>No feed named here.</p></body></html>")
    assert code_of(lambda: web.feed_links(site.url("/plain"), policy(), 100)) == "E127"


def test_feed_links_are_limited(site: Site) -> None:
    site.routes["/feed"] = Route(body=rss(site, list(STORIES)), headers={"Content-Type": "application/rss+xml"})
    assert len(web.feed_links(site.url("/feed"), policy(), 2)) == 2


# ----------------------------------------------------------------------------- sitemaps

def test_sitemap_index_news_and_gzip(site: Site) -> None:
    xml = {"Content-Type": "application/xml"}
    site.routes["/sitemap.xml"] = Route(headers=xml, body=(
        '<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{site.url('/sitemap-news.xml')}</loc></sitemap>"
        f"<sitemap><loc>{site.url('/sitemap-old.xml.gz')}</loc></sitemap>"
        f"<sitemap><loc>{site.url('/sitemap-gone.xml')}</loc></sitemap>"
        "</sitemapindex>").encode())
    site.routes["/sitemap-news.xml"] = Route(headers=xml, body=urlset(site, ["/news/bridge"], news=True))
    site.routes["/sitemap-old.xml.gz"] = Route(headers={"Content-Type": "application/gzip"},
                                               body=gzip.compress(urlset(site, ["/news/library", "/news/bridge"])))
    read = web.sitemap_links(site.url("/sitemap.xml"), policy(), 100)
    assert read.links == [site.url("/news/bridge"), site.url("/news/library")]
    assert [(u, e.code) for u, e in read.failed] == [(site.url("/sitemap-gone.xml"), "E124")]


def test_sitemap_from_robots_txt(site: Site) -> None:
    site.routes["/robots.txt"] = Route(headers={"Content-Type": "text/plain"},
                                       body=f"User-agent: *\nSitemap: {site.url('/maps/all.xml')}\n".encode())
    site.routes["/maps/all.xml"] = Route(headers={"Content-Type": "text/xml"}, body=urlset(site, ["/news/parking"]))
    assert web.sitemap_links(site.url("/"), policy(), 100).links == [site.url("/news/parking")]


def test_not_a_sitemap(site: Site) -> None:
    site.routes["/sitemap.xml"] = Route(headers={"Content-Type": "application/xml"}, body=b"<?xml version='1.0'?><x/>")
    assert code_of(lambda: web.sitemap_links(site.url("/sitemap.xml"), policy(), 100)) == "E127"


# ----------------------------------------------------------------------------- through the pipeline and the CLI

def test_ingest_feed_then_again_fetches_no_article_twice(site: Site, tmp_path: Path) -> None:
    site.routes["/feed"] = Route(body=rss(site, list(STORIES) + ["/missing"]),
                                 headers={"Content-Type": "application/rss+xml"})
    db = str(tmp_path / "o.db")
    env = {"ONRECORD_FETCH_ALLOW_HOSTS": ALLOW}
    first = CliRunner().invoke(main, ["--db", db, "ingest", "--feed", site.url("/feed"), "--format", "json"], env=env)
    assert first.exit_code == 3, first.output  # some failed (the missing page), the others did not
    report = json.loads(first.stdout)
    assert report["counts"] == {"ok": 3, "empty": 0, "duplicate": 0, "failed": 1}
    assert report["failures"][0]["code"] == "E124" and site.url("/missing") in report["failures"][0]["message"]
    store = SQLiteStore(db)
    try:
        stored = {a.url: a for a in store.articles()}
        assert set(stored) == {site.url(p) for p in STORIES}
        assert all(a.http_status == 200 and a.fetched_at for a in stored.values())
        speakers = {q.speaker for q in store.quotes()}
        assert {"Mary Holt", "Tom Reyes", "Ana Silva"} <= speakers
    finally:
        store.close()
    asked = len(site.asked)
    again = CliRunner().invoke(main, ["--db", db, "ingest", "--feed", site.url("/feed"), "--format", "json"], env=env)
    assert json.loads(again.stdout)["counts"] == {"ok": 0, "empty": 0, "duplicate": 3, "failed": 1}
    assert sorted(site.asked[asked:]) == ["/feed", "/missing"]  # the feed and the page that failed, nothing else


def test_ingest_url_refuses_a_private_address_without_the_setting(site: Site, tmp_path: Path) -> None:
    db = str(tmp_path / "o.db")
    result = CliRunner().invoke(main, ["--db", db, "ingest", f"http://127.0.0.1:{site.port}/news/bridge"])
    assert result.exit_code == 4
    assert "E121" in result.output and site.asked == []
    allowed = CliRunner().invoke(main, ["--db", db, "ingest", f"http://127.0.0.1:{site.port}/news/bridge"],
                                 env={"ONRECORD_FETCH_ALLOW_HOSTS": "127.0.0.1"})
    assert allowed.exit_code == 0 and allowed.output.startswith("ok 1,")


def test_ingest_needs_something_to_read(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "o.db"), "ingest"])
    assert result.exit_code == 2 and "--feed" in result.output


# ----------------------------------------------------------------------------- web archives

def write_warc(path: Path, records: list[tuple[str, str, int, str, bytes]], gz: bool) -> None:
    """records: (kind, url, status, content type, body); kind is response or request."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        for kind, url, status, ctype, body in records:
            if kind == "request":
                head = StatusAndHeaders(f"GET {url} HTTP/1.1", [("Host", "news.example.org")], is_http_request=True)
                rec = writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=head)
            else:
                head = StatusAndHeaders(f"{status} OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
                rec = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=head,
                                                warc_headers_dict={"WARC-Date": "2025-03-04T10:20:30Z"})
            writer.write_record(rec)


ARCHIVE = [
    ("request", "https://news.example.org/news/bridge", 0, "", b""),
    ("response", "https://news.example.org/news/bridge", 200, "text/html; charset=utf-8", STORIES["/news/bridge"]),
    ("response", "https://news.example.org/logo.png", 200, "image/png", b"\x89PNG...."),
    ("response", "https://news.example.org/old", 404, "text/html", b"<html>gone</html>"),
    ("response", "https://news.example.org/news/library", 200, "text/html", STORIES["/news/library"]),
]


@pytest.mark.parametrize("name,gz", [("crawl.warc.gz", True), ("crawl.warc", False)])
def test_warc_pages_become_articles_and_the_rest_is_skipped(tmp_path: Path, name: str, gz: bool) -> None:
    path = tmp_path / name
    write_warc(path, ARCHIVE, gz)
    store = SQLiteStore(str(tmp_path / "o.db"))
    try:
        report = pipeline.ingest(store, [path]).as_dict()
        assert report["counts"] == {"ok": 2, "empty": 0, "duplicate": 0, "failed": 0}
        assert report["skipped"] == 3  # the request, the image and the 404
        arts = {a.url: a for a in store.articles()}
        assert set(arts) == {"https://news.example.org/news/bridge", "https://news.example.org/news/library"}
        assert all(a.fetched_at == "2025-03-04T10:20:30Z" and a.http_status == 200 for a in arts.values())
        again = pipeline.ingest(store, [path]).as_dict()
        assert again["counts"] == {"ok": 0, "empty": 0, "duplicate": 2, "failed": 0}
    finally:
        store.close()


@pytest.mark.parametrize("gz", [True, False])
def test_damaged_warc_keeps_what_came_before(tmp_path: Path, gz: bool) -> None:
    path = tmp_path / "damaged.warc"
    write_warc(path, ARCHIVE[:2], gz)
    before = path.read_bytes()
    write_warc(path, ARCHIVE[4:], gz)
    junk = b"this is not a WARC record\r\n\r\n"
    path.write_bytes(before + (gzip.compress(junk) if gz else junk) + path.read_bytes())
    store = SQLiteStore(":memory:")
    try:
        report = pipeline.ingest(store, [path]).as_dict()
        assert report["counts"]["ok"] == 1 and report["counts"]["failed"] == 1
        assert report["failures"][0]["code"] == "E128" and str(path) in report["failures"][0]["message"]
    finally:
        store.close()


@pytest.mark.parametrize("gz", [True, False])
def test_a_cut_short_warc_fails_its_last_record(tmp_path: Path, gz: bool) -> None:
    path = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    write_warc(path, ARCHIVE, gz)
    path.write_bytes(path.read_bytes()[:-100])  # a download that stopped inside the last page
    store = SQLiteStore(":memory:")
    try:
        report = pipeline.ingest(store, [path]).as_dict()
        assert report["counts"]["ok"] == 1 and report["counts"]["failed"] == 1
        assert report["failures"][0]["code"] == "E128" and "cut short" in report["failures"][0]["message"]
        assert [a.url for a in store.articles()] == ["https://news.example.org/news/bridge"]
    finally:
        store.close()


def test_not_a_warc(tmp_path: Path) -> None:
    path = tmp_path / "notes.warc"
    path.write_text("these are my notes, not an archive\n")
    store = SQLiteStore(":memory:")
    try:
        report = pipeline.ingest(store, [path]).as_dict()
        assert report["counts"]["failed"] == 1 and report["failures"][0]["code"] == "E128"
    finally:
        store.close()
