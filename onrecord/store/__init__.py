"""Storage chosen by URL: ``onrecord.db``, ``sqlite:///path/to.db``, ``:memory:`` (:mod:`.sqlite`), or a shared
PostgreSQL database, ``postgresql://user:password@host:5432/db`` (:mod:`.postgres`, needs ``onrecord[postgres]``).

Backends register under their URL scheme in :data:`onrecord.registry.stores`.
"""

from __future__ import annotations

from urllib.parse import urlparse

from ..errors import OnrecordError
from ..registry import stores
from .postgres import PostgresStore, redacted
from .sqlite import SCHEMA_VERSION, SQLiteStore

stores.add("sqlite", SQLiteStore)
stores.add("postgresql", PostgresStore)
stores.add("postgres", PostgresStore)

Store = SQLiteStore


def open_store(url: str, *, create: bool = True) -> SQLiteStore:
    """Open (and migrate) the store named by ``url``. With ``create`` false, a database file that does not exist
    is an error (E204) instead of a new, empty one: what the reading commands ask for."""
    if url == ":memory:" or "://" not in url:
        return SQLiteStore(url, create=create)
    parsed = urlparse(url)
    scheme = parsed.scheme.split("+")[0]
    if scheme == "sqlite":
        path = url.split("://", 1)[1]
        path = path[1:] if path.startswith("/") else path  # sqlite:///rel.db, sqlite:////abs/path.db
        return SQLiteStore(path or ":memory:", create=create)
    if scheme in {"postgres", "postgresql"}:  # postgresql+psycopg://, as SQLAlchemy writes it, is the same
        return PostgresStore("postgresql://" + url.split("://", 1)[1], create=create)
    try:
        factory = stores.get(scheme)
    except OnrecordError as exc:
        raise OnrecordError("E201", f"storage URL {redacted(url)!r} not understood",
                            hint="use onrecord.db, sqlite:///path or postgresql://user:password@host/db") \
            from exc
    return factory(url)  # type: ignore[no-any-return,operator]


__all__ = ["SCHEMA_VERSION", "PostgresStore", "SQLiteStore", "Store", "open_store"]
