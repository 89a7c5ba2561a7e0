"""The default store: one SQLite file (WAL), versioned schema, FTS5 over quotes."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import threading
import weakref
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..errors import OnrecordError
from ..models import END_STATES, Article, Issue, Mention, Person, PersonStance, Quote, Span, StanceLabel
from ..resolve.stories import to_bytes as stories_to_bytes
from .keys import article_keys, oldest_first, renumber

SCHEMA_VERSION = 18
QUOTE_COLUMNS = ('id, article_id, start, "end", text, kind, cue_text, cue_start, cue_end, mention_text, mention_start,'
                 " mention_end, mention_kind, mouth, venue, person_id, paragraph, context, model")

MIGRATIONS: dict[int, str] = {
    1: """
    CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS articles (
        id TEXT PRIMARY KEY, source TEXT NOT NULL, title TEXT, url TEXT, published TEXT, outlet TEXT,
        author TEXT, text TEXT NOT NULL, extractor TEXT, ingested_at TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS ingest_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT, source TEXT NOT NULL, status TEXT NOT NULL,
        code TEXT, message TEXT, article_id TEXT, at TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS people (
        id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL DEFAULT 'person', party TEXT
    );
    CREATE TABLE IF NOT EXISTS aliases (
        person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE, alias TEXT NOT NULL,
        PRIMARY KEY (person_id, alias)
    );
    CREATE TABLE IF NOT EXISTS affiliations (
        person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE, role TEXT NOT NULL,
        PRIMARY KEY (person_id, role)
    );
    CREATE TABLE IF NOT EXISTS quotes (
        id TEXT PRIMARY KEY, article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL, kind TEXT NOT NULL,
        cue_text TEXT, cue_start INTEGER, cue_end INTEGER,
        mention_text TEXT, mention_start INTEGER, mention_end INTEGER, mention_kind TEXT, mouth TEXT,
        venue TEXT, person_id TEXT REFERENCES people(id), paragraph INTEGER, context TEXT, model TEXT
    );
    CREATE INDEX IF NOT EXISTS quotes_article ON quotes(article_id);
    CREATE INDEX IF NOT EXISTS quotes_person ON quotes(person_id);
    CREATE TABLE IF NOT EXISTS issues (
        id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, description TEXT, keywords TEXT, created_at TEXT
    );
    CREATE TABLE IF NOT EXISTS stances (
        quote_id TEXT NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
        issue_id TEXT NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
        stance TEXT NOT NULL, confidence REAL NOT NULL, reason TEXT, model TEXT,
        PRIMARY KEY (quote_id, issue_id)
    );
    CREATE TABLE IF NOT EXISTS person_stances (
        person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        issue_id TEXT NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
        stance TEXT NOT NULL, confidence REAL NOT NULL, evidence TEXT, breaks_with_party INTEGER,
        model TEXT, PRIMARY KEY (person_id, issue_id)
    );
    CREATE TABLE IF NOT EXISTS party_lines (
        party TEXT NOT NULL, issue_id TEXT NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
        stance TEXT NOT NULL, source TEXT, PRIMARY KEY (party, issue_id)
    );
    CREATE VIRTUAL TABLE IF NOT EXISTS quotes_fts USING fts5(text, content='quotes', content_rowid='rowid');
    CREATE TRIGGER IF NOT EXISTS quotes_ai AFTER INSERT ON quotes BEGIN
        INSERT INTO quotes_fts(rowid, text) VALUES (new.rowid, new.text);
    END;
    CREATE TRIGGER IF NOT EXISTS quotes_ad AFTER DELETE ON quotes BEGIN
        INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
    END;
    CREATE TRIGGER IF NOT EXISTS quotes_au AFTER UPDATE OF text ON quotes BEGIN
        INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
        INSERT INTO quotes_fts(rowid, text) VALUES (new.rowid, new.text);
    END;
    """,
    # human review: a version on each editable record (stale edits get E409), the audit log of every change,
    # and the corrections themselves, re-applied after each ingest and analysis
    2: """
    ALTER TABLE quotes ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE people ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
    CREATE TABLE IF NOT EXISTS audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT, who TEXT NOT NULL, at TEXT NOT NULL, action TEXT NOT NULL,
        target_type TEXT NOT NULL, target_id TEXT NOT NULL, "before" TEXT, "after" TEXT, reason TEXT
    );
    CREATE INDEX IF NOT EXISTS audit_target ON audit_log(target_type, target_id);
    CREATE TABLE IF NOT EXISTS corrections (
        id INTEGER PRIMARY KEY AUTOINCREMENT, action TEXT NOT NULL, target_type TEXT NOT NULL,
        target_id TEXT NOT NULL, payload TEXT NOT NULL, who TEXT NOT NULL, at TEXT NOT NULL,
        audit_id INTEGER REFERENCES audit_log(id)
    );
    CREATE INDEX IF NOT EXISTS corrections_action ON corrections(action, target_id);
    """,
    # indexes the web pages' filters use (measured with benchmarks/bench_serve.py: about 2x requests/s)
    3: """
    CREATE INDEX IF NOT EXISTS articles_published ON articles(published);
    CREATE INDEX IF NOT EXISTS articles_outlet ON articles(outlet);
    CREATE INDEX IF NOT EXISTS people_party ON people(party);
    CREATE INDEX IF NOT EXISTS stances_issue_stance ON stances(issue_id, stance, quote_id);
    """,
    4: """
    -- issues carry example statements for and against: {"for": [...], "against": [...]}
    ALTER TABLE issues ADD COLUMN examples TEXT;
    """,
    5: """
    -- the user's corrections of how an issue's phrase is read: {"action": ..., "target": ..., "direction": ...}
    ALTER TABLE issues ADD COLUMN reading TEXT;
    """,
    6: """
    -- each party's line on an issue as each article showed it, dated by the article (party_lines keeps the latest)
    CREATE TABLE IF NOT EXISTS party_line_history (
        party TEXT NOT NULL, issue_id TEXT NOT NULL, article_id TEXT NOT NULL, day TEXT, stance TEXT NOT NULL,
        source TEXT, PRIMARY KEY (party, issue_id, article_id));
    """,
    7: """
    -- who each article names, quoted or not: an actor with no statement is still someone the story is about
    CREATE TABLE IF NOT EXISTS mentions (
        person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, PRIMARY KEY (person_id, article_id));
    CREATE INDEX IF NOT EXISTS mentions_article ON mentions(article_id);
    """,
    8: """
    -- articles fetched from the web: the page's canonical URL, when it was fetched, the HTTP status, its language;
    -- a URL already stored is not fetched again
    ALTER TABLE articles ADD COLUMN canonical_url TEXT;
    ALTER TABLE articles ADD COLUMN fetched_at TEXT;
    ALTER TABLE articles ADD COLUMN http_status INTEGER;
    ALTER TABLE articles ADD COLUMN language TEXT;
    CREATE INDEX IF NOT EXISTS articles_url ON articles(url);
    CREATE INDEX IF NOT EXISTS articles_canonical_url ON articles(canonical_url);
    """,
    9: """
    -- onrecord watch: the feeds and sitemaps it follows (with what their last answer said, for conditional
    -- requests), and the queue of article URLs, each in one state: queued (due at next_attempt), fetched (the
    -- article kept until it is analysed), then ok, empty, duplicate or failed
    CREATE TABLE IF NOT EXISTS watch_sources (
        url TEXT PRIMARY KEY, kind TEXT NOT NULL, etag TEXT, last_modified TEXT, checked_at TEXT,
        status INTEGER, code TEXT, message TEXT, links INTEGER NOT NULL DEFAULT 0, added_at TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS watch_queue (
        url TEXT PRIMARY KEY, source TEXT, state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt TEXT, code TEXT, message TEXT, article TEXT, article_id TEXT, added_at TEXT NOT NULL,
        done_at TEXT);
    CREATE INDEX IF NOT EXISTS watch_queue_state ON watch_queue(state, next_attempt);
    """,
    10: """
    -- one story, many copies: each article's MinHash signature and its story (named by its first article); a
    -- quote of a later copy that repeats an earlier copy's quote points at it (copy_of) and is counted once
    CREATE TABLE IF NOT EXISTS article_signatures (
        article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE, signature BLOB NOT NULL);
    ALTER TABLE articles ADD COLUMN story_id TEXT;
    UPDATE articles SET story_id = id;
    CREATE INDEX IF NOT EXISTS articles_story ON articles(story_id);
    ALTER TABLE quotes ADD COLUMN copy_of TEXT;
    CREATE INDEX IF NOT EXISTS quotes_copy_of ON quotes(copy_of);
    """,
    11: """
    -- how a person's side was reached when not from their own statements: the party line that binds them
    ALTER TABLE person_stances ADD COLUMN basis TEXT;
    """,
    12: """
    -- each statement's sentence vector (onrecord.stance.vectors), made once, by the model that made it
    CREATE TABLE IF NOT EXISTS quote_vectors (
        quote_id TEXT NOT NULL REFERENCES quotes(id) ON DELETE CASCADE, model TEXT NOT NULL,
        vector BLOB NOT NULL, PRIMARY KEY (quote_id, model)
    );
    """,
    13: """
    -- the copies' index holds only copies: with every other quote's NULL in it, a store's statistics (ANALYZE)
    -- called it useless and "how many other outlets carry this quote" scanned every article (0.6 s a page of
    -- search at 100,000 quotes; 0.4 ms with this one)
    DROP INDEX IF EXISTS quotes_copy_of;
    CREATE INDEX quotes_copy_of ON quotes(copy_of) WHERE copy_of IS NOT NULL;
    """,
    # each quote's rowid is its place in the page order (keys.py): given by keys.renumber after this step, in
    # its transaction; the full-text index is rebuilt on the new rowids. The quotes that are not copies get an
    # index of their rowids (a date range of them is counted off it)
    14: """
    CREATE INDEX IF NOT EXISTS quotes_original ON quotes((copy_of IS NULL));
    -- what each person's labelled statements on an issue come to (stance.aggregate.Sides), kept with their side
    ALTER TABLE person_stances ADD COLUMN sides TEXT;
    """,
    # a label keeps its quote's rowid: a label's quotes are read off the stances' own index, not joined to quotes
    15: """
    ALTER TABLE stances ADD COLUMN quote_rowid INTEGER;
    UPDATE stances SET quote_rowid = (SELECT rowid FROM quotes WHERE quotes.id = stances.quote_id);
    CREATE INDEX IF NOT EXISTS stances_rowid ON stances(issue_id, stance, quote_rowid);
    """,
    # the part of each person's labelled statements on an issue that their page shows (stance.aggregate.Timeline),
    # kept with their side: filled by keep_sides in this step's transaction
    16: """
    ALTER TABLE person_stances ADD COLUMN timeline TEXT;
    """,
    # each quote's speaker and article beside its rowid, in a table of their own: a search's facets read a sample of
    # 1,000 quotes for them, and rows of the quotes themselves (their texts beside) are spread over far more pages.
    # Kept by triggers; a row left by a quote REPLACE took away (delete triggers do not fire then) is never read:
    # its rowid is no quote's, until one takes it and its own row replaces it
    17: """
    CREATE TABLE IF NOT EXISTS quote_facets (rowid INTEGER PRIMARY KEY, person_id TEXT, article_id TEXT);
    INSERT OR REPLACE INTO quote_facets(rowid, person_id, article_id) SELECT rowid, person_id, article_id FROM quotes;
    CREATE TRIGGER IF NOT EXISTS quotes_facets_ai AFTER INSERT ON quotes BEGIN
        INSERT OR REPLACE INTO quote_facets(rowid, person_id, article_id)
        VALUES (new.rowid, new.person_id, new.article_id);
    END;
    CREATE TRIGGER IF NOT EXISTS quotes_facets_ad AFTER DELETE ON quotes BEGIN
        DELETE FROM quote_facets WHERE rowid = old.rowid;
    END;
    CREATE TRIGGER IF NOT EXISTS quotes_facets_au AFTER UPDATE ON quotes WHEN old.rowid IS NOT new.rowid OR
        old.person_id IS NOT new.person_id OR old.article_id IS NOT new.article_id BEGIN
        DELETE FROM quote_facets WHERE rowid = old.rowid;
        INSERT OR REPLACE INTO quote_facets(rowid, person_id, article_id)
        VALUES (new.rowid, new.person_id, new.article_id);
    END;
    """,
    # how an issue's phrase was read when it was last analysed (proposition.describe), kept with it: the pages
    # show it without loading the parser; emptied when the issue changes, until it is analysed again
    18: """
    CREATE TABLE IF NOT EXISTS issue_readings (
        issue_id TEXT PRIMARY KEY REFERENCES issues(id) ON DELETE CASCADE, reading TEXT NOT NULL
    );
    """,
}


# How much of the file a reader maps (SQLite keeps to its own build's limit, 2 GB in Python's): the pages are the
# OS's file cache, shared by every reader and process, not memory of their own. With only the first 256 MB mapped,
# a 1 GB store of a million quotes read the rest through SQLite's small private cache: 1,000 quotes' speakers and
# articles (a search's facets) took 7.5 ms at random places and 2.3 ms among the newest, against 4.2 and 1.6 mapped
MMAP_SIZE = 1 << 36
MAX_SEARCH_WORDS = 32  # a search's words beyond these (each counted once) are not asked for


def fts5_query(text: str) -> str:
    """User words to a safe FTS5 query: every word must appear (prefix match on the last one), each word once and
    at most :data:`MAX_SEARCH_WORDS` of them."""
    words = re.findall(r"\w+", text)
    if not words:
        return '""'
    *rest, last = words
    words = [w for w in dict.fromkeys(rest) if w != last][: MAX_SEARCH_WORDS - 1] + [last]
    return " ".join(f'"{w}"' for w in words[:-1]) + f' "{words[-1]}"*'


def _fold(text: Any) -> Any:
    return text.lower() if isinstance(text, str) else text


def _add_functions(conn: sqlite3.Connection) -> None:
    """The SQL functions the store's queries use beside SQLite's own: ``fold(text)``, text in lower case for
    case-insensitive matches, every letter (SQLite's lower() changes only A to Z)."""
    conn.create_function("fold", 1, _fold, deterministic=True)


def link_labels(c: Any, issue_id: str | None = None) -> None:
    """Give the issue's labels (every label without one) their quotes' rowids: a label's quotes are read off the
    stances' index alone."""
    c.execute("UPDATE stances SET quote_rowid = (SELECT rowid FROM quotes WHERE quotes.id = stances.quote_id)"
              + (" WHERE issue_id = ?" if issue_id else ""), (issue_id,) if issue_id else ())


def keep_sides(c: Any, issue_id: str | None = None) -> None:
    """Keep with each person's stance on the issue (every issue without one) what their labelled statements on
    it come to, oldest first (:class:`onrecord.stance.aggregate.Sides`), and the part of them their page shows
    (:class:`~onrecord.stance.aggregate.Timeline`): the board and the person page read these, not the statements."""
    from ..stance.aggregate import Sides, Timeline

    where, args = ("AND s.issue_id = ?", (issue_id,)) if issue_id else ("", ())
    labels: dict[tuple[str, str], list[tuple[tuple[Any, ...], str, str]]] = {}
    for pid, iid, rowid, qid, stance, published, article, start in c.execute(
            "SELECT q.person_id, s.issue_id, q.rowid, q.id, s.stance, a.published, a.rowid, q.start FROM stances s"
            " JOIN quotes q ON q.id = s.quote_id JOIN articles a ON a.id = q.article_id"
            f" WHERE s.stance != 'none' AND q.person_id IS NOT NULL AND q.copy_of IS NULL {where}", args).fetchall():
        labels.setdefault((pid, iid), []).append((oldest_first(int(rowid), published, int(article), int(start)),
                                                  stance, qid))
    held = c.execute(f"SELECT person_id, issue_id FROM person_stances{' WHERE issue_id = ?' if issue_id else ''}",
                     args).fetchall()
    rows = []
    for pid, iid in held:
        seen = sorted(labels.get((pid, iid), []))
        rows.append((Sides.of(st for _, st, _ in seen).to_json(), Timeline.of([(q, st) for _, st, q in seen]).to_json(),
                     pid, iid))
    c.executemany("UPDATE person_stances SET sides = ?, timeline = ? WHERE person_id = ? AND issue_id = ?", rows)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


SQLITE_HEADER = b"SQLite format 3\x00"


def _check_file(path: str, create: bool) -> bool:
    """Whether the database file at ``path`` must be opened read-only, after checking that it can be opened at
    all: a directory (E206), another kind of file (E205), a missing file when ``create`` is false (E204), a folder
    that cannot be made (E208) are coded errors naming the path, not tracebacks from SQLite."""
    p = Path(path)
    if p.is_dir():
        raise OnrecordError("E206", f"{path}: a directory, not a database file",
                            hint=f"give a file path, e.g. --db {p / 'onrecord.db'}", path=path)
    if not p.exists():
        if not create:
            raise OnrecordError("E204", f"{path}: no database here",
                                hint=f"check --db (or ONRECORD_DB); `onrecord --db {path} init` creates an empty "
                                f"one, `onrecord --db {path} ingest FILES` creates one and fills it", path=path)
        try:
            p.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OnrecordError("E208", f"{path}: cannot create its folder {p.parent} ({exc.strerror or exc})",
                                hint="check --db and the folder's permissions", path=path) from exc
        return False
    if not p.is_file():
        raise OnrecordError("E205", f"{path}: not a regular file, so not a SQLite database",
                            hint="check --db: it should name an onrecord database file", path=path)
    try:
        with p.open("rb") as fh:
            head = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise OnrecordError("E208", f"{path}: cannot read the database ({exc.strerror or exc})",
                            hint="check the file's permissions", path=path) from exc
    if head and head != SQLITE_HEADER:  # an empty file is a new database to SQLite
        raise OnrecordError("E205", f"{path}: not a SQLite database (it does not start with the SQLite header)",
                            hint="check --db: it names some other file; onrecord databases are SQLite files",
                            path=path)
    return not _writable(p)


def _writable(path: Path) -> bool:
    """Whether this process may write to the file (root may write to a file without write permission)."""
    return os.access(path, os.W_OK)


def _is_read_only(exc: sqlite3.Error) -> bool:
    return "readonly" in str(exc) or "read-only" in str(exc)


def _storage_error(path: str, exc: sqlite3.Error) -> OnrecordError:
    """A coded error, naming the path, for what SQLite says about a database file it cannot use."""
    if _is_read_only(exc):
        return OnrecordError("E207", f"{path}: the database is read-only, so onrecord cannot write to it ({exc})",
                             hint=f"make it writable (chmod u+w {path}) or work on a copy; reading commands work",
                             path=path)
    if isinstance(exc, sqlite3.DatabaseError) and "not a database" in str(exc):
        return OnrecordError("E205", f"{path}: not a SQLite database ({exc})",
                             hint="check --db: it names some other file; onrecord databases are SQLite files",
                             path=path)
    return OnrecordError("E208", f"{path}: SQLite cannot open the database ({exc})",
                         hint="check --db and the permissions of the file and its folder", path=path)


WRITE_TIMEOUT = 30.0  # seconds a write waits for another connection's write lock before "database is locked"


class _Probe:
    """A thread's connection that only asks ``PRAGMA data_version``, and the value it saw last."""

    __slots__ = ("conn", "seen", "__weakref__")

    def __init__(self, conn: sqlite3.Connection, seen: int | None = 0) -> None:
        self.conn, self.seen = conn, seen

    def version(self) -> int:
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])


class SQLiteStore:
    """All reads and writes of onrecord's data.

    One write connection (``transaction()``; writes serialised by a lock) and, for a file, a read-only
    connection per thread that reads in :meth:`reading` (the web pages: Datasette's model), so that page
    reads run side by side on their own WAL snapshots instead of queueing on one connection. ``conn`` is
    the connection the calling thread reads from: its read connection inside :meth:`reading`, else the
    write connection.
    """

    url_schemes: tuple[str, ...] = ("sqlite",)

    def __init__(self, path: str, *, create: bool = True) -> None:
        """Open the database file at ``path`` (``:memory:``: a new one in memory); with ``create`` false a
        missing file is an error (E204) instead of a new, empty database. A file onrecord may not write to is
        opened read-only (``read_only``): reads work, and each write raises E207."""
        self.path = path
        self.url = path  # what open_store() takes to open this store again
        self.memory = path == ":memory:"
        self.created = self.memory or not Path(path).exists()  # a new database, not one that was there
        self.read_only = False if self.memory else _check_file(path, create)
        # the other connections open the same file whatever the working directory is by then
        self._file = path if self.memory else str(Path(path).resolve())
        try:
            if self.read_only:
                self._conn = sqlite3.connect(f"{Path(self._file).as_uri()}?mode=ro", uri=True,
                                             check_same_thread=False, timeout=WRITE_TIMEOUT)
            else:
                self._conn = sqlite3.connect(path, check_same_thread=False, timeout=WRITE_TIMEOUT)
            self._conn.row_factory = sqlite3.Row
            _add_functions(self._conn)
            self._conn.execute("PRAGMA foreign_keys = ON")
            # REPLACE must fire the delete trigger that keeps the FTS index in step
            self._conn.execute("PRAGMA recursive_triggers = ON")
            if not self.memory and not self.read_only:
                self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute("PRAGMA user_version")  # a file SQLite cannot read fails here, not at the first query
        except sqlite3.Error as exc:
            raise _storage_error(path, exc) from exc
        self._lock = threading.RLock()
        self._local = threading.local()
        self._readers: list[sqlite3.Connection] = []
        self._readers_lock = threading.Lock()
        self._commits = 0  # bumped after each commit through transaction() (what :memory: versions by)
        # each thread asks PRAGMA data_version on a probe connection of its own, without a lock (one probe behind
        # a lock made every page wait on every other thread's turn of the GIL): its value moves whenever another
        # connection (this store's write connection or another process) commits. Only then does the thread ask
        # the shared probe, under its lock, whether that change is news: the first to see it moves the epoch,
        # the version shared by all threads (so one commit makes one new version, and no thread can miss one).
        self._epoch = 0
        self._epoch_lock = threading.Lock()
        self._shared_probe: _Probe | None = None
        self._probes: weakref.WeakSet[_Probe] = weakref.WeakSet()  # closed with the store; or with their thread
        self.migrate()

    @property
    def conn(self) -> sqlite3.Connection:
        """The connection this thread reads from: its read connection inside :meth:`reading`, else the write one."""
        reader: sqlite3.Connection | None = getattr(self._local, "reader", None)
        depth: int = getattr(self._local, "depth", 0)
        return reader if reader is not None and depth else self._conn

    # ----------------------------------------------------------- reading
    def heard_version(self) -> tuple[int, int]:
        """The data version for what may lag a moment behind the data (the server's page cache asks it for every
        request): on a SQLite file :meth:`data_version` itself, which costs nothing to read; a server database's
        store hears it from a watch of its own instead of sending a statement."""
        return self.data_version()

    def data_version(self) -> tuple[int, int]:
        """A value that changes whenever committed data may have changed (by this store or any other
        connection to the file); remembered results are kept per value. Read it before reading the data."""
        if self.memory:  # only this connection can write
            return self._commits, self._conn.total_changes
        probe: _Probe | None = getattr(self._local, "probe", None)
        if probe is None:  # this thread's first look: a commit may have landed before it, unseen by the others
            probe = self._local.probe = _Probe(sqlite3.connect(self._file, check_same_thread=False))
            self._probes.add(probe)
            probe.seen = probe.version()
            changed = True
        else:
            seen = probe.version()
            changed, probe.seen = seen != probe.seen, seen
        if changed:  # rare (a commit since this thread last looked): the shared probe says whether it is new
            with self._epoch_lock:
                if self._shared_probe is None:
                    self._shared_probe = _Probe(sqlite3.connect(self._file, check_same_thread=False), seen=None)
                shared = self._shared_probe.version()
                if shared != self._shared_probe.seen:  # first seen here: one new version per commit, not per thread
                    self._shared_probe.seen = shared
                    self._epoch += 1
        return 0, self._epoch

    def _reader(self) -> sqlite3.Connection:
        reader: sqlite3.Connection | None = getattr(self._local, "reader", None)
        if reader is None:
            reader = sqlite3.connect(self._file, check_same_thread=False)
            reader.row_factory = sqlite3.Row
            _add_functions(reader)
            reader.execute("PRAGMA query_only = ON")
            reader.execute(f"PRAGMA mmap_size = {MMAP_SIZE}")  # pages shared with the other readers via the OS
            with self._readers_lock:
                self._readers.append(reader)
            self._local.reader = reader
        return reader

    @contextmanager
    def reading(self) -> Iterator[tuple[int, int]]:
        """Read on this thread's own read-only connection, in one transaction (one consistent snapshot).

        Yields :meth:`data_version` as read before the snapshot was taken: results computed inside may be
        remembered under it (a later write changes it). Re-entrant. For ``:memory:`` (one connection only)
        the reads hold the write lock instead.
        """
        depth: int = getattr(self._local, "depth", 0)
        if depth:
            self._local.depth = depth + 1
            try:
                yield self._local.version
            finally:
                self._local.depth = depth
            return
        if self.memory:
            with self._lock:
                self._local.version = self.data_version()
                yield self._local.version
            return
        reader = self._reader()
        version = self._open_snapshot(reader)
        self._local.depth, self._local.version = 1, version
        try:
            yield version
        finally:
            self._local.depth = 0
            reader.rollback()  # nothing was written: ends the read transaction

    def _open_snapshot(self, reader: sqlite3.Connection) -> tuple[int, int]:
        """Begin a read transaction on ``reader``; the data version, read before it (see :meth:`data_version`)."""
        version = self.data_version()
        reader.execute("BEGIN")
        return version

    def snapshot(self) -> sqlite3.Connection:
        """A new read-only connection in a read transaction of its own (for a long streamed read); the
        caller closes it. For ``:memory:`` the write connection itself (not to be closed)."""
        if self.memory:
            return self._conn
        c = sqlite3.connect(self._file, check_same_thread=False)
        c.row_factory = sqlite3.Row
        _add_functions(c)
        c.execute("PRAGMA query_only = ON")
        c.execute("BEGIN")
        return c

    # ----------------------------------------------------------- schema
    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def migrate(self) -> int:
        version = self.schema_version()
        if version > SCHEMA_VERSION:
            raise OnrecordError("E202", f"{self.path} has schema version {version}; this onrecord knows "
                                f"{SCHEMA_VERSION}", hint="upgrade onrecord")
        with self._lock:
            self._conn.commit()
            for v in range(version + 1, SCHEMA_VERSION + 1):
                # each step and its version number in one transaction: a failed step leaves the file as it was
                try:
                    if v in (14, 16):
                        self._conn.execute("BEGIN")
                        if v == 14:
                            renumber(self._conn)
                            self._conn.execute("INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild')")
                        for step in MIGRATIONS[v].split(";"):
                            self._conn.execute(step)
                        if v == 16:  # (14's sides too: an upgrade from before 14 comes this way)
                            keep_sides(self._conn)
                        self._conn.execute(f"PRAGMA user_version = {v}")
                        self._conn.commit()
                    else:
                        self._conn.executescript(f"BEGIN;\n{MIGRATIONS[v]}\nPRAGMA user_version = {v};\nCOMMIT;")
                except sqlite3.Error as exc:
                    if self._conn.in_transaction:
                        self._conn.rollback()
                    if _is_read_only(exc):
                        raise _storage_error(self.path, exc) from exc
                    raise
                self._commits += 1
        return self.schema_version()

    def check_writable(self) -> None:
        """Raise E207 when this database is opened read-only (what a command that writes asks first)."""
        if self.read_only:
            raise _storage_error(self.path, sqlite3.OperationalError("attempt to write a readonly database"))

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, begun IMMEDIATE: the file's write lock is taken before anything is read, so a
        check made inside (a record's version) still holds when the write lands, whatever other process (another
        `serve` worker, an ingest) writes to the same file; those wait for it (up to WRITE_TIMEOUT seconds)."""
        with self._lock:
            try:
                if not self._conn.in_transaction:
                    self._conn.execute("BEGIN IMMEDIATE")
                try:
                    yield self._conn
                    self._conn.commit()
                except BaseException:
                    self._conn.rollback()
                    raise
                finally:
                    self._commits += 1
            except sqlite3.OperationalError as exc:
                if _is_read_only(exc):  # a read-only file (or file system): a coded error, not a traceback
                    raise _storage_error(self.path, exc) from exc
                raise

    def close(self) -> None:
        with self._readers_lock:
            readers, self._readers = self._readers, []
        for c in readers:
            c.close()
        for probe in list(self._probes):
            probe.conn.close()
        if self._shared_probe is not None:
            self._shared_probe.conn.close()
        self._conn.close()

    # ---------------------------------------------------------- articles
    def has_article(self, article_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def log(self, source: str, status: str, code: str | None = None, message: str | None = None,
            article_id: str | None = None) -> None:
        with self.transaction() as c:
            c.execute("INSERT INTO ingest_log(source, status, code, message, article_id, at) VALUES (?,?,?,?,?,?)",
                      (source, status, code, message, article_id, _now()))

    def save_article(self, article: Article, quotes: list[Quote], people: list[Person], extractor: str,
                     story: Any = None) -> None:
        """Store one analysed article and its quotes and people in a single transaction; with ``story`` (a
        :class:`onrecord.resolve.stories.Placed`), its signature, story and the quotes it repeats too."""
        with self.transaction() as c:
            c.execute(
                "INSERT INTO articles(id, source, title, url, published, outlet, author, text, extractor,"
                " ingested_at, canonical_url, fetched_at, http_status, language, story_id)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING",
                (article.id, article.source, article.title, article.url, article.published, article.outlet,
                 article.author, article.text, extractor, _now(), article.canonical_url, article.fetched_at,
                 article.http_status, article.language, article.id),
            )
            for p in people:
                self._upsert_person(c, p)
            c.executemany("INSERT INTO mentions(person_id, article_id) VALUES (?,?) ON CONFLICT DO NOTHING",
                          [(p.id, article.id) for p in people])
            # an article saved again with more quotes keeps its quotes together in the page order: those it
            # already has move with the new ones into the day's next slots
            new_ids = {q.id for q in quotes}
            kept = [(int(r[0]), int(r[2])) for r in c.execute(
                "SELECT rowid, id, start FROM quotes WHERE article_id = ? ORDER BY rowid DESC", (article.id,)
            ).fetchall() if r[1] not in new_ids] if quotes else []
            keys = article_keys(c, article.published, [start for _, start in kept] + [q.span.start for q in quotes])
            for (old, _), key in zip(kept, keys, strict=False):
                self._move_quote(c, old, key)
            keys = keys[len(kept):]
            for q, key in zip(quotes, keys, strict=True):
                m = q.mention
                self._replace_quote(c, key, (
                    q.id, q.article_id, q.span.start, q.span.end, q.span.text, q.kind,
                    q.cue.text if q.cue else None, q.cue.start if q.cue else None, q.cue.end if q.cue else None,
                    m.span.text if m else None, m.span.start if m else None, m.span.end if m else None,
                    m.kind if m else None, m.mouth if m else None, q.venue, q.speaker_id, q.paragraph,
                    q.sentence, extractor))
            if story is not None:
                self._set_story(c, article.id, story.story_id, stories_to_bytes(story.signature), story.copies)

    @staticmethod
    def _move_quote(c: sqlite3.Connection, old: int, new: int) -> None:
        """Give the quote at rowid ``old`` the rowid ``new`` (a free one), its words in the full-text index and its
        labels with it."""
        text = c.execute("SELECT text FROM quotes WHERE rowid = ?", (old,)).fetchone()[0]
        c.execute("INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', ?, ?)", (old, text))
        c.execute("UPDATE quotes SET rowid = ? WHERE rowid = ?", (new, old))
        c.execute("INSERT INTO quotes_fts(rowid, text) VALUES (?, ?)", (new, text))
        c.execute("UPDATE stances SET quote_rowid = ? WHERE quote_rowid = ?", (new, old))

    @staticmethod
    def _replace_quote(c: sqlite3.Connection, key: int, row: tuple[Any, ...]) -> None:
        """Store one quote at rowid ``key`` (its place in the page order, :mod:`.keys`; its columns in
        :data:`QUOTE_COLUMNS` order), replacing a stored quote of the same id with all that hangs on it (REPLACE
        deletes the old row: its labels and vectors go with it)."""
        c.execute(f"INSERT OR REPLACE INTO quotes(rowid, {QUOTE_COLUMNS}) VALUES ({','.join('?' * (len(row) + 1))})",
                  (key, *row))

    def _upsert_person(self, c: sqlite3.Connection, p: Person) -> None:
        """Insert or update a person; the version goes up only when something about them changed."""
        row = c.execute("SELECT name, kind, party FROM people WHERE id = ?", (p.id,)).fetchone()
        if row is None:
            c.execute("INSERT INTO people(id, name, kind, party) VALUES (?,?,?,?)", (p.id, p.name, p.kind, p.party))
        else:
            aliases = {r[0] for r in c.execute("SELECT alias FROM aliases WHERE person_id = ?", (p.id,))}
            roles = {r[0] for r in c.execute("SELECT role FROM affiliations WHERE person_id = ?", (p.id,))}
            changed = (row["name"] != p.name or row["kind"] != p.kind or (row["party"] is None and p.party is not None)
                       or not set(p.aliases) <= aliases or not set(p.roles) <= roles)
            if changed:
                c.execute("UPDATE people SET name = ?, kind = ?, party = COALESCE(party, ?), version = version + 1 "
                          "WHERE id = ?", (p.name, p.kind, p.party, p.id))
        c.executemany("INSERT INTO aliases(person_id, alias) VALUES (?,?) ON CONFLICT DO NOTHING",
                      [(p.id, a) for a in p.aliases])
        c.executemany("INSERT INTO affiliations(person_id, role) VALUES (?,?) ON CONFLICT DO NOTHING",
                      [(p.id, r) for r in p.roles])

    def articles(self) -> list[Article]:
        rows = self.conn.execute("SELECT * FROM articles ORDER BY source, id").fetchall()
        return [Article(text=r["text"], source=r["source"], title=r["title"], url=r["url"], published=r["published"],
                        outlet=r["outlet"], author=r["author"], id=r["id"], canonical_url=r["canonical_url"],
                        fetched_at=r["fetched_at"], http_status=r["http_status"], language=r["language"])
                for r in rows]

    def article_at(self, url: str) -> str | None:
        """The id of the article stored from ``url`` (its URL or its canonical URL), if there is one."""
        row = self.conn.execute("SELECT id FROM articles WHERE url = ? UNION ALL SELECT id FROM articles WHERE "
                                "canonical_url = ? LIMIT 1", (url, url)).fetchone()
        return str(row[0]) if row else None

    # ----------------------------------------------------------- stories
    def story_signatures(self) -> list[tuple[str, str, bytes]]:
        """``(article id, story id, signature)`` of every article that has a signature."""
        return [(r[0], r[1] or r[0], bytes(r[2])) for r in self.conn.execute(
            "SELECT a.id, a.story_id, s.signature FROM article_signatures s JOIN articles a ON a.id = s.article_id "
            "ORDER BY a.rowid")]

    def unsigned_articles(self) -> list[tuple[str, str]]:
        """``(id, text)`` of stored articles without a signature (stored before stories were kept)."""
        return [(r[0], r[1]) for r in self.conn.execute(
            "SELECT a.id, a.text FROM articles a LEFT JOIN article_signatures s ON s.article_id = a.id "
            "WHERE s.article_id IS NULL ORDER BY a.rowid")]

    def story_quotes(self, story_id: str, but: str) -> list[dict[str, Any]]:
        """The quotes that stand for themselves in a story's articles other than ``but``, oldest article first."""
        return [dict(r) for r in self.conn.execute(
            "SELECT q.id, q.person_id, q.text FROM quotes q JOIN articles a ON a.id = q.article_id "
            "WHERE a.story_id = ? AND a.id != ? AND q.copy_of IS NULL ORDER BY a.rowid, q.start",
            (story_id, but))]

    def set_story(self, article_id: str, story_id: str, signature: bytes, copies: dict[str, str]) -> None:
        """Keep an article's signature and story, and which of its quotes repeat an earlier copy's."""
        with self.transaction() as c:
            self._set_story(c, article_id, story_id, signature, copies)

    @staticmethod
    def _set_story(c: sqlite3.Connection, article_id: str, story_id: str, signature: bytes,
                   copies: dict[str, str]) -> None:
        c.execute("INSERT INTO article_signatures(article_id, signature) VALUES (?,?) ON CONFLICT(article_id) "
                  "DO UPDATE SET signature = excluded.signature", (article_id, signature))
        c.execute("UPDATE articles SET story_id = ? WHERE id = ?", (story_id, article_id))
        c.executemany("UPDATE quotes SET copy_of = ? WHERE id = ?", [(rep, q) for q, rep in copies.items()])

    def story(self, story_id: str) -> list[dict[str, Any]]:
        """Every copy of a story: id, title, outlet, URL, published, first stored first."""
        return [dict(r) for r in self.conn.execute(
            "SELECT id, title, outlet, url, published, source FROM articles WHERE story_id = ? "
            "ORDER BY rowid", (story_id,))]

    # ------------------------------------------------------------- watch
    def watch_add_source(self, url: str, kind: str) -> None:
        with self.transaction() as c:
            c.execute("INSERT INTO watch_sources(url, kind, added_at) VALUES (?,?,?) ON CONFLICT(url) DO UPDATE "
                      "SET kind = excluded.kind", (url, kind, _now()))

    def watch_sources(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute("SELECT * FROM watch_sources ORDER BY added_at, url")]

    def watch_checked(self, url: str, *, status: int | None = None, etag: str | None = None,
                      last_modified: str | None = None, code: str | None = None, message: str | None = None,
                      links: int = 0) -> None:
        """What a source's latest check gave: its status and validators (kept when a 304 or a failure gives
        none), or the coded error."""
        with self.transaction() as c:
            c.execute("UPDATE watch_sources SET checked_at = ?, status = ?, etag = COALESCE(?, etag), "
                      "last_modified = COALESCE(?, last_modified), code = ?, message = ?, links = links + ? "
                      "WHERE url = ?", (_now(), status, etag, last_modified, code, message, links, url))

    def watch_enqueue(self, urls: Sequence[str], source: str) -> int:
        """Queue URLs not queued (or done) before; how many were new."""
        with self.transaction() as c:
            return sum(c.execute("INSERT INTO watch_queue(url, source, state, added_at) VALUES (?,?,?,?) "
                                 "ON CONFLICT DO NOTHING", (u, source, "queued", _now())).rowcount
                       for u in dict.fromkeys(urls))

    def watch_due(self, now: str, limit: int) -> list[dict[str, Any]]:
        """Queued URLs whose time has come, oldest first."""
        return [dict(r) for r in self.conn.execute(
            "SELECT * FROM watch_queue WHERE state = 'queued' AND (next_attempt IS NULL OR next_attempt <= ?) "
            "ORDER BY added_at, url LIMIT ?", (now, limit))]

    def watch_fetched(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute(
            "SELECT * FROM watch_queue WHERE state = 'fetched' ORDER BY added_at, url")]

    def watch_update(self, url: str, state: str, *, code: str | None = None, message: str | None = None,
                     article: str | None = None, article_id: str | None = None, next_attempt: str | None = None,
                     attempt: bool = False) -> None:
        """Move one queued URL to ``state``; a final state drops the kept article and records when."""
        final = state in END_STATES
        with self.transaction() as c:
            c.execute("UPDATE watch_queue SET state = ?, code = ?, message = ?, article = ?, "
                      "article_id = COALESCE(?, article_id), next_attempt = ?, attempts = attempts + ?, "
                      "done_at = ? WHERE url = ?", (state, code, message, None if final else article, article_id,
                                                    next_attempt, int(attempt), _now() if final else None, url))

    def watch_counts(self) -> dict[str, int]:
        return {str(r[0]): int(r[1]) for r in self.conn.execute(
            "SELECT state, COUNT(*) FROM watch_queue GROUP BY state")}

    def watch_queue(self, state: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
        """Queue rows, the latest first (without the kept article)."""
        where, args = ("WHERE state = ?", (state, limit)) if state else ("", (limit,))
        return [dict(r) for r in self.conn.execute(
            "SELECT url, source, state, attempts, next_attempt, code, message, article_id, added_at, done_at FROM "
            f"watch_queue {where} ORDER BY COALESCE(done_at, added_at) DESC, url LIMIT ?", args)]

    def ingest_log(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute("SELECT * FROM ingest_log ORDER BY id")]

    # ------------------------------------------------------------ people
    def all_people(self) -> list[Person]:
        aliases: dict[str, list[str]] = {}
        for r in self.conn.execute("SELECT person_id, alias FROM aliases ORDER BY alias"):
            aliases.setdefault(r[0], []).append(r[1])
        roles: dict[str, list[str]] = {}
        for r in self.conn.execute("SELECT person_id, role FROM affiliations ORDER BY role"):
            roles.setdefault(r[0], []).append(r[1])
        return [Person(r["id"], r["name"], r["kind"], aliases.get(r["id"], []), r["party"], roles.get(r["id"], []))
                for r in self.conn.execute("SELECT * FROM people ORDER BY name")]

    # ------------------------------------------------------------ quotes
    def quotes(self, article_id: str | None = None) -> list[Quote]:
        columns = ", ".join(f"q.{c.strip()}" for c in QUOTE_COLUMNS.split(","))
        sql = f"SELECT {columns}, p.name AS speaker FROM quotes q LEFT JOIN people p ON p.id = q.person_id"
        args: tuple[Any, ...] = ()
        if article_id:
            sql += " WHERE q.article_id = ?"
            args = (article_id,)
        sql += " ORDER BY q.article_id, q.start"
        return [self._quote(r) for r in self.conn.execute(sql, args)]

    def article_lead(self, article_id: str, size: int = 1000) -> str:
        """The title and the first ``size`` characters of an article's text (its headline and lead), or ""."""
        row = self.conn.execute("SELECT title, substr(text, 1, ?) AS head FROM articles WHERE id = ?",
                                (size, article_id)).fetchone()
        return "" if row is None else "\n\n".join(x for x in (row["title"], row["head"]) if x)

    def quote_vectors(self, model: str, article_id: str | None = None) -> dict[str, bytes]:
        """Quote id -> the statement's vector made by ``model`` (:mod:`onrecord.stance.vectors`), of one article's
        statements or of all."""
        sql = "SELECT v.quote_id, v.vector FROM quote_vectors v"
        args: tuple[str, ...] = (model,)
        if article_id is not None:
            sql += " JOIN quotes q ON q.id = v.quote_id WHERE q.article_id = ? AND"
            args = (article_id, model)
        else:
            sql += " WHERE"
        return {r["quote_id"]: bytes(r["vector"]) for r in self.conn.execute(sql + " v.model = ?", args)}

    def save_vectors(self, model: str, vectors: dict[str, bytes]) -> int:
        """Store statements' vectors made by ``model`` (quote id -> vector), each replacing the one it had; a quote
        no longer stored is passed over. Returns how many were stored."""
        with self.transaction() as c:
            return sum(c.execute("INSERT INTO quote_vectors(quote_id, model, vector) SELECT ?, ?, ? "
                                 "WHERE EXISTS (SELECT 1 FROM quotes WHERE id = ?) ON CONFLICT(quote_id, model) "
                                 "DO UPDATE SET vector = excluded.vector", (qid, model, v, qid)).rowcount
                       for qid, v in vectors.items())

    @staticmethod
    def _quote(r: sqlite3.Row) -> Quote:
        q = Quote(r["article_id"], Span(r["text"], r["start"], r["end"]), r["kind"], id=r["id"])
        if r["cue_text"] is not None:
            q.cue = Span(r["cue_text"], r["cue_start"], r["cue_end"])
        if r["mention_text"] is not None:
            q.mention = Mention(Span(r["mention_text"], r["mention_start"], r["mention_end"]), r["mention_kind"],
                                r["speaker"], r["mouth"])
        q.venue, q.speaker, q.speaker_id = r["venue"], r["speaker"], r["person_id"]
        q.paragraph, q.sentence = r["paragraph"] or 0, r["context"] or ""
        return q

    def query(self, sql: str, args: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
        """Read-only SQL for the query layer."""
        return [dict(r) for r in self.conn.execute(sql, args)]

    def fts_available(self) -> bool:
        return True

    def after_copy(self, c: sqlite3.Connection) -> None:
        """After rows were copied in with their ids (:mod:`.copy`): SQLite's next ids follow them by themselves."""

    def after_copy_committed(self) -> None:
        """After a copy into this store has committed (:mod:`.copy`): its statistics, for the query planner."""
        with self._lock:
            self._conn.execute("ANALYZE")

    # ------------------------------------------- the SQL that differs between the stores (the query layer's)
    def text_search(self, text: str) -> tuple[str, str]:
        """SQL for the rowids of the quotes that hold every word of ``text`` (the last one as a prefix), read off
        the full-text index, and its one argument."""
        return "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?", fts5_query(text)

    # the quotes that are not copies, through their own index (entries: the flag, then the rowid): a range of rowids
    # counted or read in order off it, not off the table's rows
    ORIGINALS = "quotes INDEXED BY quotes_original WHERE (copy_of IS NULL) = true"
    FACETS = "quote_facets"  # each quote's person_id and article_id by rowid (the facets read them)

    def text_match(self, alias: str, text: str) -> tuple[str, str]:
        """:meth:`text_search` as a condition on the quote ``alias``."""
        sql, words = self.text_search(text)
        return f"{alias}.rowid IN ({sql})", words

    @staticmethod
    def list_sql(expr: str) -> str:
        """An aggregate of ``expr`` (integers) as one comma-separated text."""
        return f"group_concat({expr})"

    @staticmethod
    def json_array_sql(expr: str) -> str:
        """An aggregate of ``expr`` over the rows, in their order, as the text of a JSON array ('[]' for none)."""
        return f"json_group_array({expr})"

    @staticmethod
    def json_object_sql(names: Sequence[str], floats: Sequence[str] = ()) -> str:
        """A JSON object of the columns ``names``; those in ``floats`` as text that gives back the same float
        (SQLite's quote(): JSON's 15 digits may not)."""
        return "json_object(" + ", ".join(
            f"'{n}', " + (f"""CASE WHEN typeof("{n}") = 'real' THEN quote("{n}") ELSE "{n}" END"""
                          if n in floats else f'"{n}"') for n in names) + ")"

    def set_meta(self, key: str, value: Any) -> None:
        with self.transaction() as c:
            c.execute("INSERT INTO meta(key, value) VALUES (?, ?) "
                      "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                      (key, json.dumps(value)))

    def get_meta(self, key: str, default: Any = None) -> Any:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else default

    # ------------------------------------------------------------ issues
    def add_issue(self, issue: Issue) -> Issue:
        with self.transaction() as c:
            c.execute("DELETE FROM issue_readings WHERE issue_id = ?", (issue.id,))  # read again when analysed
            c.execute("INSERT INTO issues(id, name, description, keywords, examples, reading, created_at) "
                      "VALUES (?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET name = excluded.name, "
                      "description = excluded.description, keywords = excluded.keywords, "
                      "examples = excluded.examples, reading = excluded.reading",
                      (issue.id, issue.name, issue.description, json.dumps(issue.keywords),
                       json.dumps({"for": issue.examples_for, "against": issue.examples_against}),
                       json.dumps(issue.reading), _now()))
        return issue

    def issues(self) -> list[Issue]:
        out = []
        for r in self.conn.execute("SELECT * FROM issues ORDER BY created_at, name"):
            ex = json.loads(r["examples"] or "{}")
            out.append(Issue(r["name"], r["description"] or "", json.loads(r["keywords"] or "[]"), r["id"],
                             examples_for=list(ex.get("for", [])), examples_against=list(ex.get("against", [])),
                             reading=dict(json.loads(r["reading"] or "{}"))))
        return out

    def keep_reading(self, issue_id: str, reading: dict[str, Any]) -> None:
        """Keep ``reading``, how the issue's phrase was read for its analysis (proposition.describe), with it."""
        with self.transaction() as c:
            c.execute("INSERT INTO issue_readings(issue_id, reading) VALUES (?, ?) ON CONFLICT(issue_id) DO UPDATE"
                      " SET reading = excluded.reading", (issue_id, json.dumps(reading)))

    def kept_reading(self, issue_id: str) -> dict[str, Any] | None:
        """The reading kept with the issue by its last analysis; None when there is none (it changed since, or
        was analysed by an onrecord before schema 18)."""
        row = self.conn.execute("SELECT reading FROM issue_readings WHERE issue_id = ?", (issue_id,)).fetchone()
        return dict(json.loads(row[0])) if row and row[0] else None

    def get_issue(self, name_or_id: str) -> Issue:
        for i in self.issues():
            if name_or_id in {i.id, i.name} or i.name.lower() == name_or_id.strip().lower():
                return i
        raise OnrecordError("E301", f"no issue {name_or_id!r}", hint='add it: onrecord issue add "PHRASE"')

    def save_stances(self, issue: Issue, labels: list[StanceLabel], people: list[PersonStance],
                     lines: Sequence[tuple[str, str, str]],
                     history: Sequence[tuple[str, str, str | None, str, str]] = ()) -> None:
        """Replace an issue's labels, people's stances and party lines; ``history`` is each party's line per article
        (party, article id, day, stance, source)."""
        with self.transaction() as c:
            c.execute("DELETE FROM stances WHERE issue_id = ?", (issue.id,))
            c.execute("DELETE FROM person_stances WHERE issue_id = ?", (issue.id,))
            c.execute("DELETE FROM party_lines WHERE issue_id = ?", (issue.id,))
            c.execute("DELETE FROM party_line_history WHERE issue_id = ?", (issue.id,))
            c.executemany("INSERT INTO party_line_history VALUES (?,?,?,?,?,?) ON CONFLICT(party, issue_id, "
                          "article_id) DO UPDATE SET day = excluded.day, stance = excluded.stance, "
                          "source = excluded.source",
                          [(party, issue.id, aid, day, stance, src) for party, aid, day, stance, src in history])
            c.executemany("INSERT INTO stances(quote_id, issue_id, stance, confidence, reason, model) VALUES"
                          " (?,?,?,?,?,?)",
                          [(s.quote_id, issue.id, s.stance, s.confidence, s.reason, s.model) for s in labels])
            link_labels(c, issue.id)
            model = next((s.model for s in labels if s.model != "human"), labels[0].model if labels else None)
            c.executemany("INSERT INTO person_stances (person_id, issue_id, stance, confidence, evidence, "
                          "breaks_with_party, model, basis) VALUES (?,?,?,?,?,?,?,?)",
                          [(p.person_id, issue.id, p.stance, p.confidence, json.dumps(p.evidence),
                            int(p.breaks_with_party), model, p.basis or None) for p in people])
            c.executemany("INSERT INTO party_lines VALUES (?,?,?,?)", [(p, issue.id, s, src) for p, s, src in lines])
            keep_sides(c, issue.id)

    def stance_labels(self, issue_id: str) -> list[StanceLabel]:
        """The stored quote labels toward one issue (model and human ones)."""
        return [StanceLabel(r["quote_id"], r["issue_id"], r["stance"], r["confidence"], r["reason"] or "",
                            r["model"] or "")
                for r in self.conn.execute("SELECT * FROM stances WHERE issue_id = ? ORDER BY quote_id", (issue_id,))]

    # ------------------------------------------------------- corrections
    def corrections(self, action: str | None = None) -> list[dict[str, Any]]:
        """Stored review corrections, oldest first, each with its payload decoded."""
        sql, args = "SELECT * FROM corrections", tuple[str, ...]()
        if action:
            sql, args = sql + " WHERE action = ?", (action,)
        rows = [dict(r) for r in self.conn.execute(sql + " ORDER BY id", args)]
        for r in rows:
            r["payload"] = json.loads(r["payload"])
        return rows

    def merged_people(self) -> dict[str, str]:
        """Every person id merged away, to the id it was merged into (follow chains to the end)."""
        return {r["payload"]["merge"]: r["payload"]["keep"] for r in self.corrections("merge")}

    def stance_overrides(self, issue_id: str) -> dict[str, tuple[str, str]]:
        """quote id -> (stance, reason) of the latest human override toward ``issue_id``."""
        out: dict[str, tuple[str, str]] = {}
        for r in self.corrections("stance"):
            if r["payload"]["issue_id"] == issue_id:
                out[r["target_id"]] = (r["payload"]["stance"], r["payload"]["reason"])
        return out
