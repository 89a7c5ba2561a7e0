"""Read articles from files (plain text, HTML via trafilatura, JSON Lines, WARC web archives) and from URLs.

Each file reader is registered by file suffix in :data:`onrecord.registry.ingesters`
and yields ``(source, Article)`` or ``(source, OnrecordError)`` so that one bad
file or record is reported and the batch goes on (a WARC record that is no page
yields :class:`Skipped`). URLs are fetched by :mod:`onrecord.ingest.web`.
"""

from __future__ import annotations

import json
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import OnrecordError
from ..extract.layout import header
from ..models import Article
from ..registry import ingesters


@dataclass(frozen=True)
class Skipped:
    """An input that is not an article and is counted, not stored: a WARC record that is no HTML page."""

    why: str


@dataclass(frozen=True)
class Known:
    """A URL whose article is already stored (by its URL or canonical URL): not fetched again."""

    article_id: str


Item = tuple[str, Article | OnrecordError | Skipped | Known]
# Fewer words than this is navigation or boilerplate, not an article.
MIN_BODY_WORDS = 8
Reader = Callable[[Path, int], Iterator[Item]]


def unreadable(path: Path, exc: OSError) -> OnrecordError:
    """E111 for a file the OS will not let us read (permission denied, an I/O error), with the OS's reason."""
    reason = exc.strerror or type(exc).__name__
    hint = "check its permissions (it must be readable by this user)" if isinstance(exc, PermissionError) else ""
    return OnrecordError("E111", f"{path}: cannot read it ({reason})", hint=hint, path=str(path))


def not_regular(path: Path) -> OnrecordError:
    """E112 for what is not a regular file: a symlink that loops or points nowhere, a FIFO, a socket, a device."""
    if path.is_symlink():
        what = "a symlink that loops or points at nothing"
    else:
        what = "not a regular file (a FIFO, socket or device)"
    return OnrecordError("E112", f"{path}: {what}", hint="give regular files (or folders of them)", path=str(path))


def file_size(path: Path) -> int:
    """The size of a regular, non-empty file, else its coded error: E101 not there, E112 not a regular file (never
    opened: reading a FIFO would wait for a writer for ever), E111 the OS refuses, E102 empty."""
    try:
        st = path.stat()
    except FileNotFoundError as exc:
        if path.is_symlink():
            raise not_regular(path) from exc
        raise OnrecordError("E101", f"{path}: no such file", path=str(path)) from exc
    except OSError as exc:  # a symlink loop (ELOOP), a folder on the way we may not enter
        raise (not_regular(path) if path.is_symlink() else unreadable(path, exc)) from exc
    if not stat.S_ISREG(st.st_mode):
        raise not_regular(path)
    if st.st_size == 0:
        raise OnrecordError("E102", f"{path}: the file is empty", path=str(path))
    return st.st_size


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    size = file_size(path)
    if size > max_bytes:
        raise OnrecordError("E105", f"{path}: {size / 1e6:.1f} MB is over the {max_bytes / 1e6:.1f} MB limit",
                            hint="raise ONRECORD_MAX_ARTICLE_BYTES to read it", path=str(path))
    try:
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise unreadable(path, exc) from exc
    if len(data) > max_bytes:  # it grew since stat()
        raise OnrecordError("E105", f"{path}: over the {max_bytes / 1e6:.1f} MB limit",
                            hint="raise ONRECORD_MAX_ARTICLE_BYTES to read it", path=str(path))
    if b"\x00" in data[:8192]:
        raise OnrecordError("E104", f"{path}: binary data (NUL bytes), not text", path=str(path))
    return data


def _decode(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise OnrecordError("E103", f"{path}: not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})",
                            hint="convert it first, e.g. iconv -f latin1 -t utf-8", path=str(path)) from exc


def read_text(path: Path, max_bytes: int) -> Iterator[Item]:
    """A .txt file: the article text is the file as Python reads a text file (a byte-order mark dropped, CRLF and CR
    line ends as LF), so offsets agree with ``open(path, encoding="utf-8-sig").read()``. A header block at the top
    (``Headline:``, ``Date:``, ``Publisher:``, ``Author:``) gives the title, date, outlet and author; it stays in the
    text, and the extractors never read it (:mod:`onrecord.extract.layout`)."""
    try:
        yield str(path), from_text(_decode(path, _read_bytes(path, max_bytes)), str(path))
    except OnrecordError as exc:
        yield str(path), exc


def from_text(text: str, source: str) -> Article:
    """The article in a plain text: a byte-order mark dropped, CRLF and CR line ends as LF; a header block at the
    top gives its title, date, outlet and author, else its first line is the title. E102 when it is only white
    space."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise OnrecordError("E102", f"{source}: the file holds only whitespace", path=source)
    head = header(text)
    return Article(text=text, source=source, title=head.get("title") or text.strip().splitlines()[0][:200],
                   published=head.get("published"), outlet=head.get("outlet"), author=head.get("author"),
                   url=head.get("url"))


def from_html(html: bytes | str, source: str, url: str | None = None) -> Article:
    """The article in an HTML page: main text and metadata (title, canonical URL, date, outlet, author, the
    page's language) by trafilatura; E106 when it finds no body. ``url`` is where the page came from (its
    canonical URL, when the page names one, is kept beside it)."""
    import trafilatura
    from trafilatura.utils import load_html

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                      favor_precision=True)
    body = getattr(doc, "text", None) if doc is not None else None
    if not body or len(body.split()) < MIN_BODY_WORDS:
        found = len(body.split()) if body else 0
        raise OnrecordError("E106", f"{source}: no article body found in the HTML ({found} words of text)",
                            path=source)
    tree = load_html(html)
    lang = tree.get("lang") if tree is not None else None
    canonical = getattr(doc, "url", None)
    return Article(text=body, source=source, title=getattr(doc, "title", None), url=url or canonical,
                   published=getattr(doc, "date", None), outlet=getattr(doc, "sitename", None),
                   author=getattr(doc, "author", None), canonical_url=canonical if url else None,
                   language=lang.strip()[:35] if lang and lang.strip() else None)


def read_html(path: Path, max_bytes: int) -> Iterator[Item]:
    """An HTML page: main text and metadata (title, date, outlet, author) by trafilatura."""
    try:
        yield str(path), from_html(_read_bytes(path, max_bytes).decode("utf-8", errors="replace"), str(path))
    except OnrecordError as exc:
        yield str(path), exc


def read_jsonl(path: Path, max_bytes: int) -> Iterator[Item]:
    """JSON Lines of {text, url, title, published, outlet}; a bad line is reported, the rest read."""
    try:
        data = _decode(path, _read_bytes(path, max_bytes))
    except OnrecordError as exc:
        yield str(path), exc
        return
    for n, line in enumerate(data.splitlines(), start=1):
        if not line.strip():
            continue
        source = f"{path}:{n}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            yield source, OnrecordError("E107", f"{source}: not JSON ({exc.msg})", path=source)
            continue
        if not isinstance(rec, dict) or not isinstance(rec.get("text"), str) or not rec["text"].strip():
            yield source, OnrecordError("E107", f"{source}: a record needs a non-empty string 'text'", path=source)
            continue
        meta = {k: (str(rec[k]) if rec.get(k) is not None else None) for k in ("url", "title", "published", "outlet")}
        yield source, Article(text=rec["text"], source=meta["url"] or source, title=meta["title"], url=meta["url"],
                              published=meta["published"], outlet=meta["outlet"])


for _suffix in (".txt", ".text"):
    ingesters.add(_suffix, read_text)
for _suffix in (".html", ".htm"):
    ingesters.add(_suffix, read_html)
for _suffix in (".jsonl", ".ndjson"):
    ingesters.add(_suffix, read_jsonl)


def walk(paths: list[str | Path]) -> Iterator[Path]:
    """Files under the given paths (directories recursively, hidden files skipped), in a stable order. Whatever
    else a folder holds (a symlink that loops or points nowhere, a FIFO, a socket) is yielded too, so that it is
    reported as failed (E112) rather than passed over uncounted."""
    for p in map(Path, paths):
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if not any(part.startswith(".") for part in f.relative_to(p).parts) and not f.is_dir():
                    yield f
        else:
            yield p


def _file_kind(f: Path) -> str:
    name = f.name.lower()
    return ".warc.gz" if name.endswith(".warc.gz") else f.suffix.lower()


def read_items(paths: list[str | Path], max_bytes: int, policy: FetchPolicy | None = None,
               known: Callable[[str], str | None] | None = None) -> Iterator[Item]:
    """Every item under ``paths`` (files, folders, and URLs when a fetch ``policy`` is given): an Article, or
    the coded error it failed with (the batch goes on). A URL that ``known`` says is stored is not fetched."""
    for p in paths:
        if is_url(p):
            url = str(p)
            stored = known(url) if known else None
            if stored:
                yield url, Known(stored)
            elif policy is None:
                yield url, OnrecordError("E108", f"{url}: URLs are not read here", path=url)
            else:
                yield from read_url(url, policy)
            continue
        yield from _read_files(p, max_bytes)


def _read_files(path: str | Path, max_bytes: int) -> Iterator[Item]:
    for f in walk([path]):
        if not f.exists():
            yield str(f), (not_regular(f) if f.is_symlink() else
                           OnrecordError("E101", f"{f}: no such file or directory", path=str(f)))
            continue
        try:
            reader: Reader = ingesters.get(_file_kind(f))  # type: ignore[assignment]
        except OnrecordError:
            yield str(f), OnrecordError("E108", f"{f}: unsupported file type {f.suffix or '(none)'}",
                                        hint="use .txt, .html, .jsonl, .warc or .warc.gz, or an http(s) URL",
                                        path=str(f))
            continue
        try:
            yield from reader(f, max_bytes)
        except OSError as exc:  # a reader that let an OS error through: this file fails, the batch goes on
            yield str(f), unreadable(f, exc)


from .fetch import FetchPolicy  # noqa: E402  (the web readers use the file readers above)
from .warc import read_warc  # noqa: E402
from .web import is_url, read_url  # noqa: E402

for _suffix_name in (".warc", ".warc.gz"):
    ingesters.add(_suffix_name, read_warc)
