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

import contextlib
import http.client
import ipaddress
import re
import socket
import threading
import time
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

import urllib3

from ..errors import OnrecordError
from ..settings import default as default_setting

PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json", "application/json",
              "application/xml", "text/xml", "application/rdf+xml", "text/html", "application/xhtml+xml")
SITEMAP_TYPES = ("application/xml", "text/xml", "text/plain", "application/gzip", "application/x-gzip",
                 "application/octet-stream")
TARGET_SAFE = "/?&=%:@!$'()*+,;[]~-._"
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

        hosts = frozenset(ascii_host(h) for h in str(get("fetch_allow_hosts")).split(",") if h.strip())
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


class HTTPStatusError(OnrecordError):
    """E124: the server answered with an error status (kept in ``http_status``)."""

    def __init__(self, url: str, status: int, reason: str) -> None:
        super().__init__("E124", f"{url}: HTTP {status} {reason}".rstrip(), path=url)
        self.http_status = status


def ascii_host(host: str) -> str:
    """A host name as DNS knows it: lower case, no final dot, an international name in punycode by IDNA 2008 with
    UTS 46 mapping (as browsers write it: ``faß.de`` is ``xn--fa-hia.de``, not ``fass.de``)."""
    host = host.strip().rstrip(".").lower()
    if host.isascii() or _is_ip(host):
        return host
    import idna

    try:
        return str(idna.encode(host, uts46=True).decode("ascii"))
    except idna.IDNAError as exc:
        raise UnicodeError(str(exc)) from exc


HOST_NAME = re.compile(r"[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*")


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.split("%")[0])
    except ValueError:
        return False
    return True


NAT64 = ipaddress.ip_network("64:ff9b::/96")  # the well-known prefix: the IPv4 address in the low 32 bits
# refused whatever they carry: NAT64's local-use prefix (RFC 8215, the IPv4 address spread over its bits) and
# IPv4-translated addresses (RFC 2765)
REFUSED = (ipaddress.ip_network("64:ff9b:1::/48"), ipaddress.ip_network("::ffff:0:0:0/96"))


def is_public(address: str) -> bool:
    """Whether an IP address is one the open internet routes to: not loopback, private, link-local, multicast,
    reserved, shared (carrier NAT), site-local or unspecified. An IPv4 address carried inside IPv6 (mapped,
    6to4, Teredo, NAT64) is judged as that IPv4 address; the deprecated IPv4-compatible form is refused."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.is_site_local or (int(ip) >> 32 == 0 and int(ip) > 1) or any(ip in net for net in REFUSED):
            return False  # fec0::/10, ::a.b.c.d, and the two above
        inner = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if inner is None and ip in NAT64:
            inner = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if inner is not None:
            return inner.is_global and not inner.is_multicast
    return ip.is_global and not ip.is_multicast


def resolve(host: str, port: int, timeout: float = 20.0) -> list[str]:
    """The addresses ``host`` resolves to (``localhost`` and ``*.localhost`` are loopback, RFC 6761), asked of
    the system's resolver for at most ``timeout`` seconds (on a thread of its own that a hung lookup keeps, and
    that never holds up the process's exit)."""
    if host == "localhost" or host.endswith(".localhost"):
        return ["127.0.0.1"]
    if _is_ip(host):
        return [host]
    answer: list[Any] = []
    failed: list[BaseException] = []

    def ask() -> None:
        try:
            answer.extend(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
        except BaseException as exc:  # noqa: BLE001  (handed to the caller)
            failed.append(exc)

    lookup = threading.Thread(target=ask, daemon=True, name="onrecord-dns")
    lookup.start()
    lookup.join(max(0.0, timeout))
    if lookup.is_alive():
        raise OSError(f"no answer from DNS within {timeout:g} s")
    if failed:
        raise failed[0]
    return list(dict.fromkeys(str(info[4][0]) for info in answer))


def check_url(url: str, policy: FetchPolicy, timeout: float | None = None) -> tuple[str, int, str]:
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
    try:  # an internationalised name as DNS, TLS and the Host header know it (punycode)
        host = ascii_host(parts.hostname or "")
    except UnicodeError as exc:
        raise _error("E120", url, f"the host name is not a valid international name ({exc})") from exc
    if not host:
        raise _error("E120", url, "no host in the URL")
    if not HOST_NAME.fullmatch(host) and not _is_ip(host):
        raise _error("E120", url, f"{host!r} is not a host name")
    if parts.username is not None or parts.password is not None:
        raise _error("E120", url, "a URL with a user name or password in it is not fetched")
    port = port or (443 if scheme == "https" else 80)
    try:
        addresses = resolve(host, port, policy.timeout if timeout is None else timeout)
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


def _connection(scheme: str, host: str, port: int, address: str, timeout: float) -> Any:
    """A connection to the checked ``address``; for https the certificate is checked against ``host``."""
    from urllib3.connection import HTTPConnection, HTTPSConnection

    if scheme == "https":
        import certifi

        return HTTPSConnection(address, port, timeout=timeout, server_hostname=host, assert_hostname=host,
                               cert_reqs="CERT_REQUIRED", ca_certs=certifi.where())
    return HTTPConnection(address, port, timeout=timeout)


def _accepted(ctype: str, accept: tuple[str, ...]) -> bool:
    return not accept or not ctype or ctype in accept or ctype.endswith(("+xml", "+json"))


class _Deadline:
    """Shuts a connection's socket when the fetch's time is up, whatever it is waiting for (a server that drips
    its headers or its body a byte at a time is cut off too)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.at = time.monotonic() + seconds
        self.passed = False

    def passed_error(self, url: str) -> OnrecordError:
        return _error("E122", url, f"the fetch took longer than {self.seconds:g} s (fetch_timeout)")

    def left(self) -> float:
        return self.at - time.monotonic()

    def watch(self, sock: socket.socket) -> threading.Timer:
        def shut() -> None:
            self.passed = True
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

        timer = threading.Timer(max(0.0, self.left()), shut)
        timer.daemon = True
        timer.start()
        return timer


def fetch(url: str, policy: FetchPolicy, *, accept: tuple[str, ...] = PAGE_TYPES,
          headers: Mapping[str, str] | None = None) -> Fetched:
    """GET ``url`` under ``policy``; a 304 (to a conditional request in ``headers``) comes back with no body.
    Anything else that is not a 2xx, a redirect past the limit, a body over the limit, a content type not in
    ``accept``, or the whole fetch (DNS, connection, headers, body, redirects) taking longer than the policy's
    timeout is a coded error naming the URL."""
    deadline = _Deadline(policy.timeout)
    asked, current = url, url
    for _hop in range(policy.max_redirects + 1):
        host, port, address = check_url(current, policy, max(0.0, deadline.left()))
        parts = urlsplit(current)
        # what is not ASCII or not allowed in a request line is percent-encoded (escapes already there are kept)
        target = quote((parts.path or "/") + (f"?{parts.query}" if parts.query else ""), safe=TARGET_SAFE)
        default_port = 443 if parts.scheme.lower() == "https" else 80
        named = f"[{host}]" if ":" in host else host  # an IPv6 literal, as the Host header writes it
        sent = {"Host": named if port == default_port else f"{named}:{port}", "User-Agent": policy.user_agent,
                "Accept": ", ".join(accept) + ", */*;q=0.1", "Accept-Encoding": "gzip, deflate",
                **(headers or {})}
        if deadline.left() <= 0:
            raise _error("E122", asked, f"no answer within {policy.timeout:g} s (fetch_timeout)")
        conn = _connection(parts.scheme.lower(), host, port, address, deadline.left())
        timer: threading.Timer | None = None
        try:
            conn.connect()  # within the time left (the connect timeout); then the deadline watches the socket
            timer = deadline.watch(conn.sock)
            conn.request("GET", target, headers=sent, preload_content=False, decode_content=True)
            resp = conn.getresponse()
            status = resp.status
            got = {k.lower(): v for k, v in resp.headers.items()}
            if status in REDIRECTS:
                location = got.get("location")
                if not location:
                    raise _error("E124", asked, f"HTTP {status} redirect without a Location")
                try:
                    current = urljoin(current, location)
                except ValueError as exc:
                    raise _error("E124", asked, f"HTTP {status} redirect to a URL that is not one ({exc})") from exc
                continue
            if status == 304:
                return Fetched(asked, current, status, got, b"", _now())
            if not 200 <= status < 300:
                raise HTTPStatusError(asked, status, resp.reason or "")
            answer = Fetched(asked, current, status, got, b"", _now())
            if not _accepted(answer.content_type, accept):
                raise _error("E125", asked, f"content type {answer.content_type} is not one onrecord reads here "
                             f"({', '.join(accept)})")
            size = got.get("content-length", "")
            if size.isdigit() and int(size) > policy.max_bytes:
                raise _error("E123", asked, f"{int(size):,} bytes is over the {policy.max_bytes:,} byte limit "
                             "(fetch_max_bytes)")
            answer.body = _read(resp, asked, policy)
            if deadline.passed:  # the socket was shut mid-body: what came is not the whole answer
                raise deadline.passed_error(asked)
            return answer
        except OnrecordError:
            raise
        except (urllib3.exceptions.HTTPError, OSError, http.client.HTTPException, ValueError) as exc:
            if deadline.passed:
                raise deadline.passed_error(asked) from exc
            if isinstance(exc, urllib3.exceptions.DecodeError):
                raise _error("E123", asked, f"the body cannot be decompressed ({exc})") from exc
            raise _error("E122", asked, f"cannot fetch it ({_reason(exc)})") from exc
        finally:
            if timer is not None:
                timer.cancel()
            conn.close()
    raise _error("E126", asked, f"more than {policy.max_redirects} redirects (fetch_max_redirects)")


def _read(resp: Any, url: str, policy: FetchPolicy) -> bytes:
    body = bytearray()
    while True:
        chunk = resp.read1(CHUNK)
        if not chunk:
            return bytes(body)
        body += chunk
        if len(body) > policy.max_bytes:
            raise _error("E123", url, f"the body is over the {policy.max_bytes:,} byte limit (fetch_max_bytes)")


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
