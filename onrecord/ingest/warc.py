"""Web archives: WARC and WARC.gz files (Common Crawl News, the Internet Archive, Webrecorder exports), read
with warcio, one record at a time (a file is streamed, never loaded whole).

An HTML response with status 200 is an article (trafilatura, as for a saved page), keeping the record's URL
and date; every other record (requests, metadata, redirects, images, scripts) is skipped and counted.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..errors import OnrecordError
from . import Item, Skipped, file_size, from_html, unreadable

HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(path: Path, max_bytes: int) -> Iterator[Item]:
    """Each HTML response in the archive as an article (source: the record's URL, or ``file#n``), each other
    record as :class:`Skipped`; a record over ``max_bytes`` fails with E105, a damaged archive with E128 (the
    records before the damage are kept)."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        file_size(path)
    except OnrecordError as problem:
        yield str(path), problem
        return
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield str(path), unreadable(path, exc)
        return
    n = 0
    with fh:
        try:
            for record in ArchiveIterator(fh):
                if record.format != "warc" or not record.rec_headers.get_header("WARC-Record-ID"):
                    raise ValueError("what follows is no WARC record (no WARC-Record-ID)")
                n += 1
                url = record.rec_headers.get_header("WARC-Target-URI") or ""
                source = url or f"{path}#{n}"
                if record.rec_type != "response" or record.http_headers is None:
                    yield source, Skipped(f"a {record.rec_type} record")
                    continue
                status = record.http_headers.get_statuscode() or ""
                ctype = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
                if status != "200" or ctype not in HTML_TYPES:
                    yield source, Skipped(f"HTTP {status} {ctype or 'with no content type'}")
                    continue
                body = record.content_stream().read(max_bytes + 1)
                if len(body) > max_bytes:
                    yield source, OnrecordError("E105", f"{path}: record {n} ({url}) is over the "
                                                f"{max_bytes / 1e6:.1f} MB limit", path=str(path))
                    continue
                if getattr(record.raw_stream, "limit", 0) > 0:  # the file ends before the record's length
                    raise ValueError(f"record {n} ({url}) is cut short: the file ends inside it")
                try:
                    found = from_html(body, source, url=url or None)
                except OnrecordError as exc:
                    yield source, exc
                    continue
                date = record.rec_headers.get_header("WARC-Date")
                found.fetched_at, found.http_status = date, 200
                found.published = found.published or (date[:10] if date else None)
                if found.canonical_url == found.url:
                    found.canonical_url = None
                yield source, found
        except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
            where = f"after record {n}" if n else "at its start"
            yield str(path), OnrecordError("E128", f"{path}: not a readable WARC file ({where}: {exc})",
                                           hint="give a .warc or .warc.gz file (WARC/1.0 or 1.1 records)",
                                           path=str(path))
