"""Copy one store into another, whole: ``onrecord --db news.db migrate --to postgresql://…``.

Every table is copied row by row in batches, parents before children (the foreign keys hold at every step), the
articles and quotes in the order they were stored; the corrections and the audit log go with the rest, with their
ids, so a correction still points at its audit entry. The target must be empty (a new database, or one with the
schema and nothing in it). At the end each table's rows are counted on both sides; any difference is an error.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..errors import OnrecordError, first_line
from .sqlite import SQLiteStore

# parents first; (table, the order rows are read in, or "" for none)
TABLES: tuple[tuple[str, str], ...] = (
    ("meta", ""), ("articles", "rowid"), ("ingest_log", "id"), ("people", ""), ("aliases", ""),
    ("affiliations", ""), ("quotes", "rowid"), ("issues", ""), ("stances", ""), ("person_stances", ""),
    ("party_lines", ""), ("party_line_history", ""), ("audit_log", "id"), ("corrections", "id"), ("mentions", ""),
    ("watch_sources", ""), ("watch_queue", ""), ("article_signatures", ""), ("quote_vectors", ""),
    ("issue_readings", ""),
)
NOT_COPIED = {"rowid", "tsv"}  # made by the target itself: its insertion order, its full-text column (bar quotes)
BATCH = 1000


@dataclass
class CopyReport:
    """Rows per table: as read from the source, as counted in the target afterwards."""

    counts: dict[str, tuple[int, int]]

    @property
    def ok(self) -> bool:
        return all(a == b for a, b in self.counts.values())

    def as_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "tables": {t: {"source": a, "target": b} for t, (a, b) in self.counts.items()}}


def _columns(store: SQLiteStore, table: str) -> list[str]:
    cur = store.conn.execute(f'SELECT * FROM "{table}" LIMIT 0')
    return [str(d[0]) for d in cur.description]


def count_rows(store: SQLiteStore, table: str) -> int:
    return int(store.query(f'SELECT COUNT(*) AS n FROM "{table}"')[0]["n"])


def copy_store(source: SQLiteStore, target: SQLiteStore, *,
               progress: Callable[[str, int], object] | None = None) -> CopyReport:
    """Copy everything in ``source`` into the empty ``target``; ``progress(table, rows)`` is told as batches land.
    Raises E209 when the target holds data, or when the counts differ afterwards."""
    target.check_writable()
    held = [t for t, _ in TABLES if t != "meta" and count_rows(target, t)]
    if held:
        raise OnrecordError("E209", f"{target.path} is not empty (it holds {', '.join(held)})",
                            hint="copy into a new database, or one made by `onrecord init` and nothing else")
    counts: dict[str, tuple[int, int]] = {}
    src = source.snapshot()  # one consistent read of the source, whatever writes to it meanwhile
    table = ""
    try:
        with target.transaction() as c:
            c.execute("DELETE FROM meta")  # the target's own settings (a fresh token) give way to the source's
            for table, order in TABLES:
                wanted = set(_columns(target, table)) - NOT_COPIED
                cols = [col for col in _columns(source, table) if col in wanted]
                if table == "quotes":  # a quote's rowid is its place in the page order (keys.py): kept
                    cols.insert(0, "rowid")
                names = ", ".join(f'"{col}"' for col in cols)
                sql = f'INSERT INTO "{table}" ({names}) VALUES ({", ".join("?" * len(cols))})'
                rows = src.execute(f'SELECT {names} FROM "{table}"' + (f" ORDER BY {order}" if order else ""))
                n = 0
                while batch := rows.fetchmany(BATCH):
                    c.executemany(sql, [tuple(r) for r in batch])
                    n += len(batch)
                    if progress is not None:
                        progress(table, len(batch))
                counts[table] = (n, 0)
            table = ""
            target.after_copy(c)
    except OnrecordError:
        raise
    except Exception as exc:  # sqlite3's or psycopg's: a coded error naming where, nothing half-copied kept
        raise OnrecordError("E209", f"copying {source.path} into {target.path} failed"
                            + (f" at table {table}" if table else "") + f": {first_line(exc)}") from exc
    finally:
        if not source.memory:
            src.close()
    target.after_copy_committed()
    counts = {t: (n, count_rows(target, t)) for t, (n, _) in counts.items()}
    report = CopyReport(counts)
    if not report.ok:
        wrong = ", ".join(f"{t} {a} -> {b}" for t, (a, b) in counts.items() if a != b)
        raise OnrecordError("E209", f"the copy into {target.path} does not hold what {source.path} holds: {wrong}")
    return report
