"""A real HTTP server on 127.0.0.1 for the URL, feed, sitemap and watch tests: routes the test sets, every
request path it was asked for, conditional requests (ETag), slow and unsized bodies; and the pages and feeds
it serves, written here."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

ALLOW = "news.localhost"


def page(title: str, speaker: str, words: str, canonical: str = "") -> bytes:
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    return f"""<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>{title}</title>{link}
<meta property="og:site_name" content="The Valley Gazette">
<meta property="article:published_time" content="2025-02-03T08:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article><h1>{title}</h1>
<p>The county council met on Tuesday evening to discuss the plan, which has divided the town for months and
drew a crowd of residents to the chamber.</p>
<p>{speaker}, the council leader, said: “{words} We have listened to residents and we will keep listening.”</p>
<p>The vote is expected next month, after a second round of public meetings in the library.</p>
</article><footer>Copyright The Valley Gazette</footer></body></html>""".encode()


STORIES = {
    "/news/bridge": page("Council backs new bridge", "Mary Holt", "The bridge will end years of traffic jams."),
    "/news/library": page("Library hours cut", "Tom Reyes", "Cutting library hours is the wrong choice."),
    "/news/parking": page("Parking fees rise", "Ana Silva", "Higher parking fees will pay for the buses."),
}


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "text/html; charset=utf-8"})
    drip: float = 0.0  # seconds between the body's bytes: a slow server
    length: bool = True  # send Content-Length (else the body runs to the connection's end)
    slow_headers: float = 0.0  # seconds between header lines (fifty of them): a server that drips its headers


@dataclass
class Site:
    base: str
    port: int
    routes: dict[str, Route]
    asked: list[str]

    def url(self, path: str) -> str:
        return self.base + path


@pytest.fixture
def site() -> Iterator[Site]:
    routes: dict[str, Route] = {}
    asked: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            asked.append(self.path)
            route = routes.get(self.path)
            if route is None:
                self.send_error(404)
                return
            if route.slow_headers:
                with contextlib.suppress(OSError):
                    self.wfile.write(b"HTTP/1.0 200 OK\r\n")
                    for i in range(50):
                        self.wfile.write(f"X-Pad-{i}: y\r\n".encode())
                        self.wfile.flush()
                        time.sleep(route.slow_headers)
                return
            etag = route.headers.get("ETag")
            if etag and self.headers.get("If-None-Match") == etag:  # a conditional request, nothing new
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send_response(route.status)
            for k, v in route.headers.items():
                self.send_header(k, v)
            if route.drip:
                self.end_headers()
                try:
                    for b in route.body:
                        self.wfile.write(bytes([b]))
                        self.wfile.flush()
                        time.sleep(route.drip)
                except OSError:
                    pass
                return
            if route.length and "Content-Length" not in route.headers:
                self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            with contextlib.suppress(OSError):
                self.wfile.write(route.body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    for path, body in STORIES.items():
        routes[path] = Route(body=body)
    try:
        yield Site(f"http://news.localhost:{port}", port, routes, asked)
    finally:
        server.shutdown()
        server.server_close()


def rss(site: Site, paths: list[str]) -> bytes:
    items = "".join(f"<item><title>{p}</title><link>{site.url(p)}</link></item>" for p in paths)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Gazette</title><link>{site.base}</link>'
            f"{items}</channel></rss>").encode()


def urlset(site: Site, paths: list[str], news: bool = False) -> bytes:
    ns = ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"' if news else ""
    extra = ("<news:news><news:publication><news:name>Gazette</news:name><news:language>en</news:language>"
             "</news:publication><news:title>t</news:title></news:news>") if news else ""
    urls = "".join(f"<url><loc>{site.url(p)}</loc>{extra}</url>" for p in paths)
    return (f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"{ns}>'
            f"{urls}</urlset>").encode()
