"""Articles from the web: one URL, the links of a feed (RSS, Atom, JSON Feed; found from a home page that
advertises its feeds) and the links of a sitemap (XML, sitemap indexes, news sitemaps, text, gzip).

Every request goes through :func:`onrecord.ingest.fetch.fetch` (public addresses only, bounded); the feed and
sitemap formats are read by trafilatura's feed and sitemap modules, never by our own parser.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ..errors import OnrecordError
from ..models import Article
from .fetch import FEED_TYPES, PAGE_TYPES, SITEMAP_TYPES, Fetched, FetchPolicy, fetch, gunzip

MAX_FEEDS_TRIED = 3  # feeds a home page names that are read, in its order
MAX_SITEMAPS = 50  # sitemaps read from one sitemap index, itself included


def is_url(item: object) -> bool:
    """Whether an input names a URL (``scheme://…``) rather than a file."""
    if not isinstance(item, str) or "://" not in item:
        return False
    scheme = item.split("://", 1)[0]
    return bool(scheme) and scheme[0].isalpha() and all(c.isalnum() or c in "+.-" for c in scheme)


def _text(page: Fetched) -> str:
    charset = "utf-8"
    for part in page.headers.get("content-type", "").split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value.strip():
            charset = value.strip().strip('"')
    try:
        return page.body.decode(charset, errors="replace").removeprefix("\ufeff")
    except LookupError:  # a charset Python does not know
        return page.body.decode("utf-8", errors="replace").removeprefix("\ufeff")


def article(url: str, policy: FetchPolicy) -> Article:
    """Fetch one page and read its article (trafilatura for HTML; a text/plain page is the article as it is).
    The article keeps the URL asked for, the canonical URL the page names, the fetch time and the status."""
    from . import MIN_BODY_WORDS, from_html

    page = fetch(url, policy, accept=PAGE_TYPES)
    if page.content_type == "text/plain":
        text = _text(page).replace("\r\n", "\n").replace("\r", "\n")
        if len(text.split()) < MIN_BODY_WORDS:
            raise OnrecordError("E106", f"{url}: no article text ({len(text.split())} words)", path=url)
        found = Article(text=text, source=url, title=text.strip().splitlines()[0][:200], url=url)
    else:
        found = from_html(page.body, url, url=page.final_url)
        found.canonical_url = found.canonical_url or page.final_url  # where a redirect led
    found.url, found.fetched_at, found.http_status = url, page.fetched_at, page.status
    if found.canonical_url == url:
        found.canonical_url = None
    return found


def _site(url: str) -> tuple[str, str]:
    """The site's base URL and its registered domain (``www.example.co.uk`` -> ``example.co.uk``), as trafilatura's
    readers compare a link's domain with it."""
    from courlan import get_hostinfo

    domain, base = get_hostinfo(url)
    parts = urlsplit(url)
    return base or f"{parts.scheme}://{parts.netloc}", domain or (parts.hostname or "").rstrip(".")


def _looks_like_html(page: Fetched, text: str) -> bool:
    head = text[:300].lstrip().lower()
    return page.content_type in ("text/html", "application/xhtml+xml") or head.startswith(("<!doctype html", "<html"))


def _nothing(url: str) -> None:
    return None


def feed_links(url: str, policy: FetchPolicy, limit: int, page: Fetched | None = None,
               before: Callable[[str], None] = _nothing) -> list[str]:
    """The article links of the feed at ``url`` (``page``: its answer, when already fetched); when ``url`` is a
    page that names its feeds (``<link rel="alternate" type="application/rss+xml">``), the links of those
    feeds. E127 when there are none. ``before(url)`` is called before each request (the watch's politeness)."""
    from trafilatura.feeds import FeedParameters, determine_feed, extract_links

    base, domain = _site(url)
    if page is None:
        before(url)
        page = fetch(url, policy, accept=FEED_TYPES)
    text = _text(page)
    params = FeedParameters(base, domain, page.final_url)
    if not _looks_like_html(page, text):
        links = extract_links(text, params)
    else:
        links = []
        for feed in determine_feed(text, params)[:MAX_FEEDS_TRIED]:
            before(feed)
            found = fetch(feed, policy, accept=FEED_TYPES)
            links += extract_links(_text(found), FeedParameters(*_site(feed), found.final_url))
    if not links:
        raise OnrecordError("E127", f"{url}: no article links: not an RSS, Atom or JSON feed with items, nor a page "
                            "that names one", hint="give the feed's own URL, or the site's home page", path=url)
    return list(dict.fromkeys(links))[:limit]


@dataclass
class SitemapRead:
    """What a sitemap gave: article links, and the sub-sitemaps that failed (each with its coded error)."""

    links: list[str] = field(default_factory=list)
    failed: list[tuple[str, OnrecordError]] = field(default_factory=list)


def sitemap_links(url: str, policy: FetchPolicy, limit: int, page: Fetched | None = None,
                  before: Callable[[str], None] = _nothing,
                  robots: Callable[[str], list[str] | None] | None = None) -> SitemapRead:
    """The article links of the sitemap at ``url`` (``page``: its answer, when already fetched), following a
    sitemap index into its sitemaps (at most MAX_SITEMAPS, breadth first), gzip ones included; a site's home
    page or robots.txt means the sitemaps its robots.txt names (``robots(url)``: those sitemaps, when the caller
    has read the robots.txt already). E127 when the first answer is no sitemap at all; a sub-sitemap that fails
    is reported and the others are read."""
    from trafilatura.sitemaps import SitemapObject, extract_robots_sitemaps

    base, domain = _site(url)
    queue = [url]
    if page is None and urlsplit(url).path in ("", "/", "/robots.txt"):
        named = robots(url) if robots is not None else None
        if named is None:
            try:
                before(f"{base}/robots.txt")
                named = extract_robots_sitemaps(_text(fetch(f"{base}/robots.txt", policy, accept=("text/plain",))),
                                                base)
            except OnrecordError:  # no robots.txt: the usual place
                named = []
        queue = named or [f"{base}/sitemap.xml"]
    out = SitemapRead()
    seen: set[str] = set()
    while queue and len(seen) < MAX_SITEMAPS and len(out.links) < limit:
        current = queue.pop(0)
        if current in seen:
            continue
        seen.add(current)
        try:
            if page is not None and current == url:
                answer = page
            else:
                before(current)
                answer = fetch(current, policy, accept=SITEMAP_TYPES)
            content = gunzip(answer.body, current, policy.max_bytes).decode("utf-8", errors="replace")
        except OnrecordError as exc:
            if len(seen) == 1:
                raise
            out.failed.append((current, exc))
            continue
        reader = SitemapObject(base, domain, [])
        reader.current_url, reader.content = current, content.removeprefix("\ufeff")
        reader.process()
        if len(seen) == 1 and not reader.urls and not reader.sitemap_urls:
            raise OnrecordError("E127", f"{url}: not a sitemap (no <loc> links, and not a text list of URLs)",
                                hint="give the sitemap's own URL (often /sitemap.xml), or the site's home page",
                                path=url)
        out.links += [u for u in reader.urls if u not in out.links]
        queue += [u for u in reader.sitemap_urls if u not in seen]
    out.links = out.links[:limit]
    return out


def read_url(url: str, policy: FetchPolicy) -> Iterator[tuple[str, Article | OnrecordError]]:
    """One URL as an ingest item: its article, or the coded error it failed with."""
    try:
        yield url, article(url, policy)
    except OnrecordError as exc:
        yield url, exc
