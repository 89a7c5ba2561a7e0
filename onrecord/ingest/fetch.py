"""Fetching from the web, safely: URLs come from feeds, sitemaps and users, so any of them may point inside.

Only ``http`` and ``https``. The host is resolved here and every address it resolves to must be a public one
(not loopback, private, link-local, multicast, reserved or unspecified) unless the setting ``fetch_allow_hosts``
names the host; the connection then goes to the address that was checked (so a second DNS answer cannot swap
in a private one). Redirects are followed by hand, each hop checked again. A response is bounded in time (the
whole fetch, not only each read), in size (as sent and as decompressed) and in the number of redirects, and its
content type must be one the caller reads. Each refusal is a coded error naming the URL (E120-E127).

``localhost`` and names under ``.localhost`` are loopback without asking DNS (RFC 6761), which is also how the
tests give their local server a host name that feed and sitemap readers accept.
"""

from __future__ import annotations

import ipaddress
import socket
import time
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import urllib3

from ..errors import OnrecordError
from ..settings import default as default_setting

PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json", "application/json",
              "application/xml", "text/xml", "application/rdf+xml", "text/html", "application/xhtml+xml")
SITEMAP_TYPES = ("application/xml", "text/xml", "text/plain", "application/gzip", "application/x-gzip",
                 "application/octet-stream")
REDIRECTS = frozenset({301, 302, 303, 307, 308})
CHUNK = 16_384  # bytes read (decompressed) at a time: the most a read can hold beyond the size limit


@dataclass(frozen=True)
class FetchPolicy:
    """What a fetch may do, from the settings ``fetch_*``."""

    allow_hosts: frozenset[str] = frozenset()
    timeout: float = 20.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    user_agent: str = "onrecord"

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> FetchPolicy:
        from .. import __version__

        def get(name: str) -> Any:
            return settings.get(name, default_setting(name))

        hosts = frozenset(h.strip().lower().rstrip(".") for h in str(get("fetch_allow_hosts")).split(",") if h.strip())
        contact = str(get("fetch_contact")).strip()
        agent = f"onrecord/{__version__}" + (f" (+{contact})" if contact else "")
        return cls(allow_hosts=hosts, timeout=float(get("fetch_timeout")), max_bytes=int(get("fetch_max_bytes")),
                   max_redirects=int(get("fetch_max_redirects")), user_agent=agent)


@dataclass
class Fetched:
    """One answer: the URL asked for, the URL that answered (after redirects), its status, headers and body."""

    url: str
    final_url: str
    status: int
    headers: dict[str, str] = field(default_factory=dict)  # names in lower case
    body: bytes = b""
    fetched_at: str = ""

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


def _error(code: str, url: str, problem: str, hint: str = "") -> OnrecordError:
    return OnrecordError(code, f"{url}: {problem}", hint=hint, path=url)


def is_public(address: str) -> bool:
    """Whether an IP address is one the open internet routes to: not loopback, private, link-local, multicast,
    reserved, shared (carrier NAT) or unspecified; an IPv4 address inside IPv6 is judged as IPv4."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def resolve(host: str, port: int) -> list[str]:
    """The addresses ``host`` resolves to (``localhost`` and ``*.localhost`` are loopback, RFC 6761)."""
    if host == "localhost" or host.endswith(".localhost"):
        return ["127.0.0.1"]
    try:
        ipaddress.ip_address(host)
        return [host]
    except ValueError:
        pass
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def check_url(url: str, policy: FetchPolicy) -> tuple[str, int, str]:
    """``(host, port, address to connect to)`` for a URL onrecord may fetch, else E120 (not http(s), no host,
    credentials in it) or E121 (the host is, or resolves to, an address that is not public)."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise _error("E120", url, f"not a valid URL ({exc})") from exc
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise _error("E120", url, f"only http and https URLs are fetched, not {scheme or 'a bare path'}")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise _error("E120", url, "no host in the URL")
    if parts.username is not None or parts.password is not None:
        raise _error("E120", url, "a URL with a user name or password in it is not fetched")
    port = port or (443 if scheme == "https" else 80)
    try:
        addresses = resolve(host, port)
    except (OSError, UnicodeError) as exc:
        raise _error("E122", url, f"the host {host} cannot be resolved ({exc})") from exc
    if not addresses:
        raise _error("E122", url, f"the host {host} has no address")
    if host not in policy.allow_hosts:
        private = [a for a in addresses if not is_public(a)]
        if private:
            raise _error("E121", url, f"{host} is a private, loopback or reserved address ({private[0]}); "
                         "onrecord does not fetch those", hint="to allow a host you trust, name it in "
                         "fetch_allow_hosts (ONRECORD_FETCH_ALLOW_HOSTS)")
    return host, port, addresses[0]


def _pool(scheme: str, host: str, port: int, address: str, timeout: float) -> urllib3.HTTPConnectionPool:
    t = urllib3.Timeout(connect=timeout, read=timeout)
    if scheme == "https":
        import certifi

        return urllib3.HTTPSConnectionPool(address, port, timeout=t, retries=False, maxsize=1,
                                           server_hostname=host, assert_hostname=host, cert_reqs="CERT_REQUIRED",
                                           ca_certs=certifi.where())
    return urllib3.HTTPConnectionPool(address, port, timeout=t, retries=False, maxsize=1)


def _accepted(ctype: str, accept: tuple[str, ...]) -> bool:
    return not accept or not ctype or ctype in accept or ctype.endswith(("+xml", "+json"))


def fetch(url: str, policy: FetchPolicy, *, accept: tuple[str, ...] = PAGE_TYPES,
          headers: Mapping[str, str] | None = None) -> Fetched:
    """GET ``url`` under ``policy``; a 304 (to a conditional request in ``headers``) comes back with no body.
    Anything else that is not a 2xx, a redirect past the limit, a body over the limit, a content type not in
    ``accept``, or the whole fetch taking longer than the policy's timeout is a coded error naming the URL."""
    deadline = time.monotonic() + policy.timeout
    asked, current = url, url
    for _hop in range(policy.max_redirects + 1):
        host, port, address = check_url(current, policy)
        parts = urlsplit(current)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        default_port = 443 if parts.scheme.lower() == "https" else 80
        sent = {"Host": host if port == default_port else f"{host}:{port}", "User-Agent": policy.user_agent,
                "Accept": ", ".join(accept) + ", */*;q=0.1", "Accept-Encoding": "gzip, deflate",
                **(headers or {})}
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise _error("E122", asked, f"no answer within {policy.timeout:g} s (fetch_timeout)")
        pool = _pool(parts.scheme.lower(), host, port, address, remaining)
        try:
            resp = pool.urlopen("GET", target, headers=sent, redirect=False, retries=False, preload_content=False,
                                decode_content=True, assert_same_host=False)
            try:
                status = resp.status
                got = {k.lower(): v for k, v in resp.headers.items()}
                if status in REDIRECTS:
                    location = got.get("location")
                    if not location:
                        raise _error("E124", asked, f"HTTP {status} redirect without a Location")
                    current = urljoin(current, location)
                    continue
                if status == 304:
                    return Fetched(asked, current, status, got, b"", _now())
                if not 200 <= status < 300:
                    raise _error("E124", asked, f"HTTP {status} {resp.reason or ''}".rstrip())
                answer = Fetched(asked, current, status, got, b"", _now())
                if not _accepted(answer.content_type, accept):
                    raise _error("E125", asked, f"content type {answer.content_type} is not one onrecord reads here "
                                 f"({', '.join(accept)})")
                size = got.get("content-length", "")
                if size.isdigit() and int(size) > policy.max_bytes:
                    raise _error("E123", asked, f"{int(size):,} bytes is over the {policy.max_bytes:,} byte limit "
                                 "(fetch_max_bytes)")
                answer.body = _read(resp, asked, policy, deadline)
                return answer
            finally:
                resp.release_conn()
        except urllib3.exceptions.HTTPError as exc:
            if isinstance(exc, urllib3.exceptions.DecodeError):
                raise _error("E123", asked, f"the body cannot be decompressed ({exc})") from exc
            raise _error("E122", asked, f"cannot fetch it ({_reason(exc)})") from exc
        finally:
            pool.close()
    raise _error("E126", asked, f"more than {policy.max_redirects} redirects (fetch_max_redirects)")


def _read(resp: Any, url: str, policy: FetchPolicy, deadline: float) -> bytes:
    body = bytearray()
    while True:
        chunk = resp.read1(CHUNK)
        if not chunk:
            return bytes(body)
        body += chunk
        if len(body) > policy.max_bytes:
            raise _error("E123", url, f"the body is over the {policy.max_bytes:,} byte limit (fetch_max_bytes)")
        if time.monotonic() > deadline:
            raise _error("E122", url, f"the body took longer than {policy.timeout:g} s (fetch_timeout)")


def _reason(exc: Exception) -> str:
    reason = getattr(exc, "reason", None) or exc
    text = str(reason)
    return text if len(text) < 200 else text[:200] + "…"


def gunzip(data: bytes, url: str, max_bytes: int) -> bytes:
    """``data`` decompressed when it is gzip (a ``.xml.gz`` sitemap), never past ``max_bytes``; else as it is."""
    if not data.startswith(b"\x1f\x8b"):
        return data
    inflater = zlib.decompressobj(wbits=31)
    try:
        out = inflater.decompress(data, max_bytes + 1)
    except zlib.error as exc:
        raise _error("E123", url, f"not valid gzip ({exc})") from exc
    if len(out) > max_bytes or inflater.unconsumed_tail:
        raise _error("E123", url, f"over the {max_bytes:,} byte limit once decompressed (fetch_max_bytes)")
    return out


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
