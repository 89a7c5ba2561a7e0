"""The read functions behind each page of the web UI and its JSON twin.

Every function returns plain JSON-able data; the HTML templates and the ``.json``
views render the same dict, so a page and its twin cannot disagree.

Each page reads on its thread's own read connection, in one snapshot (:meth:`SQLiteStore.reading`), so
pages are read side by side. What a page computes is remembered until the store's data changes
(:meth:`SQLiteStore.data_version`, read before the snapshot: a later write makes a new version and the
remembered results of the old one are never served again). Results are shared between callers: read
them, do not change them.

A quote's rowid is its place in the page order (newest article first, :mod:`onrecord.store.keys`), so the
database's own indexes hand quotes over in that order. A filter (the words, a speaker, a party, a stance,
an outlet) is read once per data version off its index (FTS5 or PostgreSQL's GIN for the words, the
speaker's, the stances') as a compressed bitmap of rowids (a roaring bitmap); a search ANDs its filters'
bitmaps, counts them for the total, and picks the page off the top of the result: no sort, and no scan of
the matches per request. Dates are a range of rowids, not a bitmap. A search with no filter but dates (or
none at all) is read from the rowid index with a LIMIT. Nothing reads every quote: a write only makes the
bitmaps its version held be read again when they are next asked for, and what is remembered is held under
a budget (BITMAP_BUDGET bytes of filter bitmaps; MEMO_SIZE results, those holding bitmaps of their own within
RESULTS_BUDGET bytes), whatever the store's size.
"""

from __future__ import annotations

import functools
import heapq
import json
import math
import re
import sqlite3
import sys
import threading
import weakref
from array import array
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sized
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import islice
from typing import Any, ParamSpec, TypeVar

import numpy as np
from pyroaring import BitMap64

from ..errors import OnrecordError
from ..models import END_STATES, Issue, Person
from ..stance.aggregate import TIMELINE_CHANGES, TIMELINE_POINTS, Sides, Timeline, summarize
from ..store import SQLiteStore
from ..store.keys import DAY_SHIFT, day_of, day_range, oldest_first_order
from ..store.sqlite import fts5_query as _fts_query
from . import ALSO_IN, board

HL_OPEN, HL_CLOSE = "\x02", "\x03"
STANCE_ORDER = {"support": 0, "oppose": 1, "neutral": 2, "none": 3}
# What the board shows: a side it cannot trust is "unclear" (stance.aggregate.board_position)
BOARD_ORDER = ("support", "oppose", "unclear", "neutral", "none")
MEMO_SIZE = 1024  # page results remembered per store (searches, boards, people, articles)
RESULTS_BUDGET = 64 * 1024 * 1024  # and the bytes of the bitmaps the remembered searches' matches hold
BITMAP_BUDGET = 64 * 1024 * 1024  # bytes of filter bitmaps remembered per store
BITMAP_ENTRIES = 4096  # and at most this many of them
FACET_SAMPLE = 1000  # facets count the newest matches (by the page order), at most this many (exact up to it)
FACET_VALUES = 30  # values shown per facet
FACET_ROWS = 100_000  # quotes whose speaker and outlet the facets remember one by one per store (about 30 MB at most)
FACET_BLOCK_SHIFT = 16  # the facets' blocks of rowids: one day's first 128 article slots (store.keys)
FACET_BLOCK_MIN = 32  # a block is read whole for a sample that holds this many of its quotes (fewer: one by one)
FACET_BLOCK_BUDGET = 32 * 1024 * 1024  # bytes of the facets' blocks remembered per store (16 a quote)
DAY_COUNTS = 100_000  # days whose count of quotes a search in dates remembers per store
PERSON_PER_PAGE = 20  # quotes on one page of a person (as many as a page of search results)
# the page order of quotes: newest article first (by day, then the one stored latest), in reading order
PAGE_ORDER = " ORDER BY q.rowid DESC"  # (a quote's rowid is its place in it: onrecord.store.keys)
# a quote's row; also_in: how many other outlets carry it (its story's copies; the copies are not rows)
ROW_COLUMNS = ('q.id, q.article_id, q.start, q."end", q.text, q.kind, q.venue, q.person_id, p.name AS speaker,'
               f" p.party, a.source, a.title, a.outlet, a.published, {ALSO_IN} AS also_in")
PERSON_COLUMNS = ('q.id, q.article_id, q.start, q."end", q.text, q.kind, q.venue, q.mention_text, q.mouth, q.version,'
                  f" a.source, a.title, a.published, a.outlet, {ALSO_IN} AS also_in")

P = ParamSpec("P")
R = TypeVar("R")
Version = tuple[int, int]


# ------------------------------------------------------------------ remembering, per data version


class _Remembered:
    """Values remembered per store for one data version, least recently used dropped past ``size`` entries
    (or past ``budget`` in all, each value weighing ``weigh(value)``)."""

    def __init__(self, size: Callable[[SQLiteStore], int], budget: Callable[[], int] = lambda: 0,
                 weigh: Callable[[Any], int] = lambda value: 0) -> None:
        self._size = size
        self._budget = budget
        self._weigh = weigh
        self._kept: weakref.WeakKeyDictionary[SQLiteStore, tuple[Version, OrderedDict[Any, Any], list[int]]] = \
            weakref.WeakKeyDictionary()
        self._lock = threading.Lock()
        # the values being computed: the event their waiters wait for, and the thread computing them
        self._flying: dict[tuple[int, Version, Any], tuple[threading.Event, int]] = {}

    def get_or_compute(self, store: SQLiteStore, version: Version, key: Any, compute: Callable[[], R]) -> R:
        """The value remembered for ``key``, else ``compute()``'s, remembered. Threads that ask for the same missing
        value together compute it once: the first computes, the others wait for it (after a write, every reader
        thread wants the same bitmaps at once)."""
        value = self.get(store, version, key)
        if value is not _MISSING:
            return value  # type: ignore[no-any-return]
        flight = (id(store), version, key)
        me = threading.get_ident()
        with self._lock:
            waiting, owner = self._flying.get(flight, (None, me))
            if waiting is None:
                done = threading.Event()
                self._flying[flight] = (done, me)
        if waiting is not None and owner == me:  # asked again while computing it: no one to wait for
            return compute()
        if waiting is not None:
            waiting.wait()
            value = self.get(store, version, key)
            if value is not _MISSING:
                return value  # type: ignore[no-any-return]
            return compute()  # the first one failed, or its value was not kept (the budget): compute it here
        try:
            made = compute()
            self.put(store, version, key, made)
            return made
        finally:
            with self._lock:
                del self._flying[flight]
            done.set()

    def get(self, store: SQLiteStore, version: Version, key: Any) -> Any:
        with self._lock:
            kept = self._kept.get(store)
            if kept is None or kept[0] != version or key not in kept[1]:
                return _MISSING
            kept[1].move_to_end(key)
            return kept[1][key][0]

    def get_many(self, store: SQLiteStore, version: Version, keys: list[Any]) -> dict[Any, Any]:
        """:meth:`get` for each of ``keys``, under one hold of the lock: those remembered, with their values."""
        with self._lock:
            kept = self._kept.get(store)
            if kept is None or kept[0] != version:
                return {}
            cache = kept[1]
            out = {}
            for key in keys:
                got = cache.get(key)
                if got is not None:
                    cache.move_to_end(key)
                    out[key] = got[0]
            return out

    def put(self, store: SQLiteStore, version: Version, key: Any, value: Any) -> None:
        self.put_many(store, version, {key: value})

    def put_many(self, store: SQLiteStore, version: Version, values: dict[Any, Any]) -> None:
        """:meth:`put` for each key and value, under one hold of the lock."""
        weighed = [(key, value, self._weigh(value)) for key, value in values.items()]
        with self._lock:
            kept = self._kept.get(store)
            if kept is None or kept[0] < version:  # a newer version: the old values are gone for good
                kept = (version, OrderedDict(), [0])
                self._kept[store] = kept
            elif kept[0] != version:  # computed on a version older than the one kept: not kept
                return
            cache, held = kept[1], kept[2]
            for key, value, weight in weighed:
                if key in cache:
                    held[0] -= cache.pop(key)[1]
                cache[key] = (value, weight)
                held[0] += weight
            limit, budget = max(1, self._size(store)), self._budget()
            while len(cache) > limit or (budget and held[0] > budget and len(cache) > 1):
                held[0] -= cache.popitem(last=False)[1][1]

    def weight(self, store: SQLiteStore) -> int:
        """What the values kept for ``store`` weigh in all."""
        with self._lock:
            kept = self._kept.get(store)
            return kept[2][0] if kept else 0

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()


def _bitmap_bytes(bits: Any) -> int:
    """About what a bitmap holds in memory: its containers' bytes and their overhead (a search's matches: their
    bitmaps'; anything else is counted by the entries)."""
    if isinstance(bits, _Summary):
        return sum(_bitmap_bytes(b) for b in (bits.bits, bits.extra) if b is not None)
    if not isinstance(bits, BitMap64):
        return 64
    st = bits.get_statistics()
    return (64 + 48 * st["n_containers"] + st["n_bytes_array_containers"] + st["n_bytes_run_containers"]
            + st["n_bytes_bitset_containers"])


class _Rows:
    """Small values remembered per store for one data version by key, the first put dropped first past ``size``:
    the facets' rows, a thousand looked up per search, where keeping the order of use (:class:`_Remembered`) cost
    more than reading again the few it would have kept."""

    def __init__(self, size: Callable[[], int]) -> None:
        self._size = size
        self._kept: weakref.WeakKeyDictionary[SQLiteStore, tuple[Version, dict[Any, Any]]] = \
            weakref.WeakKeyDictionary()
        self._lock = threading.Lock()

    def get_many(self, store: SQLiteStore, version: Version, keys: Iterable[Any]) -> dict[Any, Any]:
        with self._lock:
            kept = self._kept.get(store)
            if kept is None or kept[0] != version:
                return {}
            rows = kept[1]
            return {k: rows[k] for k in keys if k in rows}

    def put_many(self, store: SQLiteStore, version: Version, values: dict[Any, Any]) -> None:
        with self._lock:
            kept = self._kept.get(store)
            if kept is None or kept[0] < version:  # a newer version: the old values are gone for good
                kept = (version, {})
                self._kept[store] = kept
            elif kept[0] != version:  # read on a version older than the one kept: not kept
                return
            rows = kept[1]
            rows.update(values)
            over = len(rows) - max(1, self._size())
            if over > 0:
                for k in list(islice(rows, over)):
                    del rows[k]

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()


_MISSING = object()
_results = _Remembered(lambda store: MEMO_SIZE, lambda: RESULTS_BUDGET, _bitmap_bytes)
_bitmaps = _Remembered(lambda store: BITMAP_ENTRIES, lambda: BITMAP_BUDGET, _bitmap_bytes)
_facet_kept = _Rows(lambda: FACET_ROWS)  # rowid -> the quote's speaker and article (the facets'), and their labels
_day_kept = _Rows(lambda: DAY_COUNTS)  # a day (None: every day) -> how many quotes that are not copies it holds
_facet_blocks = _Remembered(lambda store: 1 << 20, lambda: FACET_BLOCK_BUDGET, lambda block: _block_bytes(block))


def _memo(store: SQLiteStore, version: Version, key: Any, compute: Callable[[], R]) -> R:
    """``compute()``, remembered for ``key`` until the store's data changes."""
    return _results.get_or_compute(store, version, key, compute)


def forget() -> None:
    """Drop every remembered result (tests that change module settings use it)."""
    for r in (_results, _bitmaps, _facet_kept, _facet_blocks, _day_kept):
        r.clear()


def _on_reader(fn: Callable[P, R]) -> Callable[P, R]:
    """Run the page function ``fn(store, ...)`` on this thread's read connection, in one snapshot."""

    @functools.wraps(fn)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        store = args[0] if args else kwargs["store"]
        assert isinstance(store, SQLiteStore)
        with store.reading():
            return fn(*args, **kwargs)

    return run


def _version(store: SQLiteStore) -> Version:
    with store.reading() as version:  # re-entrant: the version of the snapshot being read
        return version


# ------------------------------------------------------------------ reading rows in one step


def _column(store: SQLiteStore, sql: str, args: tuple[Any, ...] = ()) -> list[Any]:
    """Column ``c`` of every row of ``sql``, in order, read in one step as a JSON array.

    Python's sqlite3 lets go of the GIL around each row it steps to; with other threads serving pages,
    each of those is a handover of the GIL, and thousands of rows cost more in handovers than in reading.
    One aggregate row is one step.
    """
    row = store.conn.execute(f"SELECT {store.json_array_sql('c')} FROM ({sql}) AS rows", args).fetchone()
    return json.loads(row[0]) if row and row[0] else []


_names: dict[str, tuple[str, ...]] = {}
_NAME = re.compile(r"\w+")


def _query(store: SQLiteStore, sql: str, args: tuple[Any, ...] = (), *, floats: tuple[str, ...] = (),
           ) -> list[dict[str, Any]]:
    """:meth:`SQLiteStore.query` in one step: the rows of ``sql``, in order, read as one JSON array of
    objects (see :func:`_column`). The columns named in ``floats`` go through SQLite's quote(), whose text
    gives back the same float (JSON's 15 digits may not), and come back as floats whatever JSON made of them
    (PostgreSQL writes 1.0 as 1)."""
    names = _names.get(sql)
    if names is None:
        names = tuple(d[0] for d in store.conn.execute(f"SELECT * FROM ({sql}) AS rows LIMIT 0", args).description)
        if not all(_NAME.fullmatch(n) for n in names) or len(set(names)) < len(names):
            return store.query(sql, args)
        _names[sql] = names
    obj = store.json_object_sql(names, floats)
    row = store.conn.execute(f"SELECT {store.json_array_sql(obj)} FROM ({sql}) AS rows", args).fetchone()
    out: list[dict[str, Any]] = json.loads(row[0]) if row and row[0] else []
    for n in floats:
        for r in out:
            if isinstance(r[n], (str, int)) and not isinstance(r[n], bool):
                r[n] = float(r[n])
    return out


def _rowids(store: SQLiteStore, sql: str, args: tuple[Any, ...] = ()) -> BitMap64:
    """The bitmap of column ``c`` of ``sql`` (rowids), read in one step as one comma-separated text (see
    :func:`_column`) and parsed in C: a bitmap of 300,000 rowids costs the GIL about 15 ms, not 60."""
    row = store.conn.execute(f"SELECT {store.list_sql('c')} FROM ({sql}) AS rows", args).fetchone()
    if not row or not row[0]:
        return BitMap64()
    found = _ints(row[0])
    found.sort()
    return BitMap64(array("Q", found.astype(np.uint64).tobytes()))


def _ints(text: str | None) -> np.ndarray[Any, np.dtype[np.int64]]:
    """The integers of a comma-separated text (:meth:`SQLiteStore.list_sql`'s), parsed in C."""
    return np.fromstring(text, dtype=np.int64, sep=",") if text else np.zeros(0, np.int64)


def _marks(keys: Sized) -> str:
    return ",".join("?" * len(keys))


# ------------------------------------------------------------------ bitmaps of rowids


def _bitmap(store: SQLiteStore, version: Version, key: tuple[Any, ...]) -> BitMap64:
    """The rowids of the quotes one filter holds (see :class:`_Filters`), read off its index once per data
    version; copies included (the search takes the copies' bitmap away once)."""
    bits = _bitmaps.get_or_compute(store, version, key, lambda: _read_bitmap(store, key))
    assert isinstance(bits, BitMap64)
    return bits


def _read_bitmap(store: SQLiteStore, key: tuple[Any, ...]) -> BitMap64:
    """The bitmap of the filter ``key`` (see :func:`_bitmap`), read off its index."""
    kind = key[0]
    if kind == "fts":
        sql, words = store.text_search(key[1])
        bits = _rowids(store, sql.replace("SELECT rowid", "SELECT rowid AS c", 1), (words,))
    elif kind == "stance":  # off the stances' own index (a label keeps its quote's rowid)
        bits = _rowids(store, "SELECT quote_rowid AS c FROM stances WHERE issue_id = ? AND stance = ?",
                       (key[2], key[3]))
    elif kind == "outlet":
        bits = _rowids(store, "SELECT q.rowid AS c FROM articles a JOIN quotes q ON q.article_id = a.id"
                              " WHERE a.outlet = ?", (key[1],))
    elif kind == "via copies":  # the quotes that copies in the matching articles repeat: from the copies
        # (their own index) to what they repeat
        bits = _rowids(store, "SELECT o.rowid AS c FROM quotes o WHERE o.id IN (SELECT copy_of FROM quotes WHERE"
                              f" copy_of IS NOT NULL AND {key[1]})", key[2:])
    elif kind == "copies":
        bits = _rowids(store, "SELECT rowid AS c FROM quotes WHERE copy_of IS NOT NULL")
    else:
        bits = _rowids(store, f"SELECT rowid AS c FROM quotes WHERE {key[1]}", key[2:])
    return bits


def _top_of(bits: BitMap64, skip: int, take: int) -> list[int]:
    """The rowids of ``bits`` from the highest down (the page order): ``skip`` passed over, then up to ``take``."""
    n = len(bits)
    if take <= 0 or skip >= n:
        return []
    return list(bits[max(0, n - skip - take) : n - skip])[::-1]


# ------------------------------------------------------------------ search


def _segments(marked: str) -> list[dict[str, Any]]:
    """FTS5 highlight() output (with control-character markers) as [{text, match}] segments."""
    out: list[dict[str, Any]] = []
    rest = marked
    while rest:
        i = rest.find(HL_OPEN)
        if i < 0:
            out.append({"text": rest, "match": False})
            break
        if i:
            out.append({"text": rest[:i], "match": False})
        j = rest.find(HL_CLOSE, i)
        j = len(rest) if j < 0 else j
        out.append({"text": rest[i + 1 : j], "match": True})
        rest = rest[j + 1 :]
    return out


SET_ORDER = {"speaker": 0, "article": 1, "party": 2, "stance": 3}


@dataclass
class _Filters:
    """A search's filters. Each one but the words is a condition on ``quotes`` (``sets``); the words are an
    FTS5 MATCH. The same conditions give the streamed CSV (SQL, :meth:`matches`) and the pages' bitmaps
    (:meth:`bitmap_keys`, the rowid range ``window`` of the dates, the outlet's and the copies' bitmaps), so
    both find the same quotes."""

    iss: Issue | None = None
    fts: str | None = None  # the words as an FTS5 query (what the page's highlights are made with)
    search: tuple[str, str] = ("", "")  # the store's SQL for the rowids of the quotes with the words, its argument
    words: str | None = None  # the words as the user typed them
    stance: str | None = None
    # (kind, condition on quotes, args)
    sets: list[tuple[str, str, list[Any]]] = field(default_factory=list)
    # conditions on a quote that its article matches (its rowid in the dates' range, its article the outlet's)
    article: list[tuple[str, list[Any]]] = field(default_factory=list)
    outlet: str | None = None
    window: tuple[int, int] | None = None  # the dates' rowids: lo <= rowid < hi

    def bitmap_keys(self) -> list[tuple[Any, ...]]:
        """The bitmaps of the conditions on the quote itself (the article's are :meth:`via_key`, ``outlet``
        and ``window``)."""
        keys: list[tuple[Any, ...]] = [("fts", self.words)] if self.fts else []
        for kind, cond, args in self.sets:
            if kind == "stance" and self.iss and self.stance:
                keys.append(("stance", cond, self.iss.id, self.stance))
            elif kind != "article":
                keys.append((kind, cond, *args))
        return keys

    def via_key(self) -> tuple[Any, ...]:
        """The bitmap of the quotes repeated by copies in the articles the article conditions take."""
        return ("via copies", " AND ".join(sql for sql, _ in self.article), *(x for _, a in self.article for x in a))

    def key(self) -> tuple[Any, ...]:
        # (the article conditions, the dates' window and the outlet, are in the via key)
        return (self.iss.id if self.iss else None, *sorted(self.bitmap_keys(), key=repr),
                self.via_key() if self.article else None)

    def matches(self) -> tuple[str, list[Any]]:
        """SQL for the rowids of the matching quotes. A rowid constraint that reached FTS5 would run the
        MATCH once per rowid, hence ``+rowid IN``."""
        args: list[Any]
        if self.fts:
            sql, words = self.search
            args = [words]
            probes = self.sets
        elif self.sets:
            sql, args = f"SELECT rowid FROM quotes WHERE {self.sets[0][1]}", list(self.sets[0][2])
            probes = self.sets[1:]
        else:
            sql, args, probes = "SELECT rowid FROM quotes WHERE true", [], []
        for _, cond, a in probes:
            sql += f" AND +rowid IN (SELECT rowid FROM quotes WHERE {cond})"
            args += a
        return sql, args


STANCES = ("support", "oppose", "neutral", "none")
# the quotes with one label on an issue (the condition of a search's stance filter; its bitmap is shared by the
# search, the stance facet and the person pages)
STANCE_COND = "id IN (SELECT quote_id FROM stances WHERE issue_id = ? AND stance = ?)"
_DATE = re.compile(r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?")


def _check_date(name: str, value: str) -> None:
    """A date filter is a day (YYYY-MM-DD), a month (YYYY-MM) or a year (YYYY) of the calendar; else E401."""
    if _DATE.fullmatch(value):
        year, month, day = ([int(x) for x in value.split("-")] + [1, 1])[:3]
        try:
            date(year, month, day)
            return
        except ValueError:
            pass
    raise OnrecordError("E401", f"{name}={value!r} is not a date", hint=f"give {name} as YYYY-MM-DD (or YYYY-MM, "
                        "YYYY), e.g. 2024-03-01")


def _check_filters(issue: str | None, stance: str | None, date_from: str | None, date_to: str | None) -> None:
    """E401, naming the parameter, for a stance that is not one, a stance without its issue, a date that is not
    one: each would otherwise be ignored or match nothing, silently."""
    if stance:
        if stance not in STANCES:
            raise OnrecordError("E401", f"stance={stance!r} is not a stance: it is one of {', '.join(STANCES)}",
                                hint="leave stance out for every stance")
        if not issue:
            raise OnrecordError("E401", f"stance={stance} needs issue=: a stance is taken on an issue",
                                hint="add issue=ISSUE (its id or name), or leave stance out")
    for name, value in (("date_from", date_from), ("date_to", date_to)):
        if value:
            _check_date(name, value)


def _filters(store: SQLiteStore, q: str | None, speaker: str | None, party: str | None, outlet: str | None,
             issue: str | None, stance: str | None, date_from: str | None, date_to: str | None) -> _Filters:
    _check_filters(issue, stance, date_from, date_to)
    f = _Filters(iss=_issue(store, issue) if issue else None)
    if q and q.strip():
        f.fts, f.words, f.search = _fts_query(q), q, store.text_search(q)
    if speaker:
        f.sets.append(("speaker", "person_id = ?", [speaker]))
    if party:
        f.sets.append(("party", "person_id IN (SELECT id FROM people WHERE party = ?)", [party]))
    if stance and f.iss:
        f.stance = stance
        f.sets.append(("stance", STANCE_COND, [f.iss.id, stance]))
    if date_from or date_to:
        f.window = day_range(day_of(date_from) if date_from else None,
                             day_of(date_to, last=True) if date_to else None)
    f.outlet = outlet or None
    # an article matches by its day (a quote's rowid in the dates' range: the same for a quote and for its copies'
    # articles) and its outlet; a quote matches when its article does, or the article of a copy that repeats it
    if f.window:
        f.article.append(("rowid >= ? AND rowid < ?", list(f.window)))
    if f.outlet:
        f.article.append(("article_id IN (SELECT id FROM articles WHERE outlet = ?)", [f.outlet]))
    if f.article:
        own = " AND ".join(sql for sql, _ in f.article)
        args = [x for _, a in f.article for x in a]
        f.sets.append(("article", f"(({own}) OR id IN (SELECT copy_of FROM quotes WHERE copy_of IS NOT NULL AND"
                       f" {own}))", args + args))
    f.sets.sort(key=lambda s: SET_ORDER[s[0]])  # the CSV's SQL reads the likely smallest first
    return f


@dataclass(frozen=True)
class _Summary:
    """What a search's pages share: the matches, their count and the facets. The matches are ``bits``, or
    when the search has no filter but dates (or none), every quote that is not a copy with its rowid in
    ``window`` (all of them without one; read with SQL) and the quotes in ``extra``."""

    bits: BitMap64 | None
    window: tuple[int, int] | None
    extra: BitMap64
    total: int
    facets: dict[str, list[dict[str, Any]]]


def _within(bits: BitMap64, window: tuple[int, int] | None) -> BitMap64:
    """The rowids of ``bits`` in ``lo <= rowid < hi``."""
    if window is None:
        return bits
    inside = bits.copy()
    inside.remove_range(0, window[0])
    inside.remove_range(window[1], (1 << 64) - 1)
    return inside


def _via(store: SQLiteStore, version: Version, f: _Filters, copies: BitMap64) -> BitMap64:
    """The quotes that copies in the articles the article conditions take repeat (:meth:`_Filters.via_key`),
    read only when there are such copies: those conditions on the copies are their bitmaps' (the dates' window,
    the outlet's), and with none the SQL would read the whole window for nothing."""
    held = _within(copies, f.window)
    if held and f.outlet:
        held &= _bitmap(store, version, ("outlet", f.outlet))
    return _bitmap(store, version, f.via_key()) if held else BitMap64()


def _summary(store: SQLiteStore, version: Version, f: _Filters) -> _Summary:
    bits: BitMap64 | None = None
    for key in sorted(f.bitmap_keys(), key=repr):
        b = _bitmap(store, version, key)
        bits = b if bits is None else bits & b
        if not bits:
            break
    copies = _bitmap(store, version, ("copies",))
    extra = BitMap64()
    if f.article:  # (the quotes' own articles: the outlet's, in the dates) or those repeated in such articles
        via = _via(store, version, f, copies)
        if bits is not None or f.outlet:
            own = _bitmap(store, version, ("outlet", f.outlet)) if f.outlet else None
            both = bits if own is None else own if bits is None else bits & own
            assert both is not None
            bits = _within(both, f.window) | (via if bits is None else bits & via)
        else:
            extra = via - copies - _within(via, f.window)
    if bits is not None:
        bits = bits - copies if copies else bits
        summary = _Summary(bits, None, extra, len(bits), {})
    else:
        summary = _Summary(None, f.window, extra, _count(store, version, f.window) + len(extra), {})
    return replace(summary, facets=_facets(store, version, f, _keys(store, summary, 0, FACET_SAMPLE)))


def _originals(store: SQLiteStore, window: tuple[int, int] | None) -> tuple[str, tuple[int, ...]]:
    """``FROM ... WHERE`` for the quotes that are not copies, in ``window`` (all of them without one), read off
    their own index, and its arguments."""
    return (f"{store.ORIGINALS} AND rowid >= ? AND rowid < ?", window) if window else (store.ORIGINALS, ())


def _count(store: SQLiteStore, version: Version, window: tuple[int, int] | None) -> int:
    """How many quotes that are not copies are in ``window`` (all of them without one), off their index. A
    window's days are counted each once per data version (:func:`_day_counts`), so windows that share days share
    the counting."""
    if window is None:  # (remembered beside the days' counts)
        got = _day_kept.get_many(store, version, [None]).get(None)
        if got is None:
            sql, args = _originals(store, None)
            got = int(store.conn.execute(f"SELECT COUNT(*) FROM {sql}", args).fetchone()[0])
            _day_kept.put_many(store, version, {None: got})
        return int(got)
    return sum(_day_counts(store, version, window).values())


def _day_counts(store: SQLiteStore, version: Version, window: tuple[int, int]) -> dict[int, int]:
    """How many quotes that are not copies each day of ``window`` holds (a window is whole days: store.keys),
    from its first quote's day to its last's. A day not remembered is counted (a range of the index) after one step
    to the next day that holds a quote (the days stepped over hold none), and remembered (DAY_COUNTS days per store,
    until the data changes)."""
    sql, args = _originals(store, window)
    ends = store.conn.execute(f"SELECT (SELECT MIN(rowid) FROM {sql}), (SELECT MAX(rowid) FROM {sql})",
                              (*args, *args)).fetchone()
    if not ends or ends[0] is None:
        return {}
    first, stop = int(ends[0]) >> DAY_SHIFT, (int(ends[1]) >> DAY_SHIFT) + 1
    got = _day_kept.get_many(store, version, range(first, stop))
    counted: dict[int, int] = {}
    day = first
    while day < stop:
        if day in got:
            day += 1
            continue
        sql, args = _originals(store, (day << DAY_SHIFT, stop << DAY_SHIFT))
        found = store.conn.execute(f"SELECT MIN(rowid) FROM {sql}", args).fetchone()[0]
        held = stop if found is None else int(found) >> DAY_SHIFT  # the next day that holds a quote
        counted |= dict.fromkeys(range(day, held), 0)
        if held < stop and held not in got:
            sql, args = _originals(store, (held << DAY_SHIFT, (held + 1) << DAY_SHIFT))
            counted[held] = int(store.conn.execute(f"SELECT COUNT(*) FROM {sql}", args).fetchone()[0])
        day = held + 1
    _day_kept.put_many(store, version, counted)
    return got | counted


def _keys(store: SQLiteStore, s: _Summary, skip: int, take: int) -> list[int]:
    """The rowids of a search's matches in the page order: ``skip`` passed over, then up to ``take``."""
    if skip >= s.total:  # past the last page, whatever its number (no OFFSET to overflow)
        return []
    if s.bits is not None:
        return _top_of(s.bits, skip, take)
    sql, args = _originals(store, s.window)
    if not s.extra:
        return _column(store, f"SELECT rowid AS c FROM {sql} ORDER BY rowid DESC LIMIT ? OFFSET ?", (*args, take, skip))
    got = _column(store, f"SELECT rowid AS c FROM {sql} ORDER BY rowid DESC LIMIT ?", (*args, skip + take))
    return list(islice(heapq.merge(got, _top_of(s.extra, 0, skip + take), reverse=True), skip, skip + take))


def _top(counts: Counter[Any], labels: dict[Any, str]) -> list[tuple[Any, int]]:
    """The FACET_VALUES largest counts, ties by label: only those that can make it are sorted by label."""
    if len(counts) > FACET_VALUES:
        least = sorted(counts.values(), reverse=True)[FACET_VALUES - 1]
        counts = Counter({v: n for v, n in counts.items() if n >= least})
    return sorted(counts.items(), key=lambda c: (-c[1], str(labels.get(c[0], c[0]))))[:FACET_VALUES]


@dataclass(frozen=True)
class _Block:
    """The speaker and the article of each quote of one block of rowids (the quotes whose rowids share all but
    their low FACET_BLOCK_SHIFT bits), as columns: ``rowids`` in order, and beside each its speaker's id (None for
    a quote without one) and its article's id, as indexes into ``speakers`` and ``articles``."""

    rowids: np.ndarray[Any, np.dtype[np.int64]]
    speaker: np.ndarray[Any, np.dtype[np.int32]]
    article: np.ndarray[Any, np.dtype[np.int32]]
    speakers: np.ndarray[Any, np.dtype[np.object_]]
    articles: np.ndarray[Any, np.dtype[np.object_]]


def _pick(blocks: list[_Block], keys: np.ndarray[Any, np.dtype[np.int64]]) -> tuple[list[Any], list[Any]]:
    """The speaker and the article of each quote of ``keys`` (in order), all of them rowids of ``blocks`` (in
    order): the blocks' columns are laid end to end and looked up at once. A rowid of no quote has neither."""
    rowids = np.concatenate([b.rowids for b in blocks])
    at = np.searchsorted(rowids, keys)
    inside = at < len(rowids)
    at = at[inside][rowids[at[inside]] == keys[inside]]
    ends = np.cumsum([len(b.rowids) for b in blocks])
    which = np.searchsorted(ends, at, side="right")  # the block of each
    out = []
    for codes, names in (([b.speaker for b in blocks], [b.speakers for b in blocks]),
                         ([b.article for b in blocks], [b.articles for b in blocks])):
        starts = np.cumsum([0] + [len(n) for n in names[:-1]])
        out.append(np.concatenate(names)[np.concatenate(codes)[at] + starts[which]].tolist())
    return out[0], out[1]


def _block_bytes(block: Any) -> int:
    """About what a block of the facets' columns holds in memory: 16 bytes a quote, and its names' entries (each
    name's text is one object shared by every block, :func:`sys.intern`)."""
    return 16 * len(block.rowids) + 8 * (len(block.speakers) + len(block.articles)) + 300


def _read_block(store: SQLiteStore, block: int) -> _Block:
    """Block ``block`` of the facets' columns (see :class:`_Block`), read off the rowid index in one step."""
    lo = block << FACET_BLOCK_SHIFT
    row = store.conn.execute(
        f"SELECT {store.list_sql('k')}, {store.json_array_sql('p')}, {store.json_array_sql('a')} FROM"
        f" (SELECT rowid AS k, person_id AS p, article_id AS a FROM {store.FACETS} WHERE rowid >= ? AND rowid <= ?"
        " ORDER BY rowid) AS rows", (lo, lo + (1 << FACET_BLOCK_SHIFT) - 1)).fetchone()
    rowids = _ints(row[0] if row else None)
    columns: list[tuple[np.ndarray[Any, np.dtype[np.int32]], np.ndarray[Any, np.dtype[np.object_]]]] = []
    for values in (json.loads(row[1]) if row and row[1] else [], json.loads(row[2]) if row and row[2] else []):
        index: dict[str | None, int] = {}
        codes = np.fromiter((index.setdefault(v, len(index)) for v in values), dtype=np.int32, count=len(values))
        names = np.empty(len(index), dtype=object)
        names[:] = [v if v is None else sys.intern(v) for v in index]
        columns.append((codes, names))
    return _Block(rowids, columns[0][0], columns[1][0], columns[0][1], columns[1][1])


def _facet_counts(store: SQLiteStore, version: Version, rowids: list[int]) -> tuple[Counter[str], Counter[str]]:
    """How many of the quotes ``rowids`` each speaker said and each article holds, for the facets.

    The newest matches of most searches lie close together, in a few blocks of rowids (:class:`_Block`), and the
    newest blocks serve search after search: a block that holds FACET_BLOCK_MIN quotes of ``rowids`` or more is read
    whole (one range of the rowid index) and its columns remembered until the data changes (FACET_BLOCK_BUDGET
    bytes of them per store, the least used dropped first). The quotes of the other blocks, few in each, are read
    one by one off the quotes' rows (:func:`_facet_rows`)."""
    keys = np.array(rowids, dtype=np.int64)
    keys.sort()
    blocks, first, size = np.unique(keys >> FACET_BLOCK_SHIFT, return_index=True, return_counts=True)
    kept = _facet_blocks.get_many(store, version, blocks.tolist())
    held: list[_Block] = []
    inside: list[np.ndarray[Any, np.dtype[np.int64]]] = []
    loose: list[int] = []
    for b, i, n in zip(blocks.tolist(), first.tolist(), size.tolist(), strict=True):
        block = kept.get(b)
        if block is None and n >= FACET_BLOCK_MIN:
            block = _facet_blocks.get_or_compute(store, version, b, functools.partial(_read_block, store, b))
        if block is None:
            loose += keys[i : i + n].tolist()
        else:
            held.append(block)
            inside.append(keys[i : i + n])
    who, where = _pick(held, np.concatenate(inside)) if held else ([], [])
    rows = _facet_rows(store, version, loose)
    speakers = Counter(who)
    speakers.update(p for p, _ in rows)
    articles = Counter(where)
    articles.update(a for _, a in rows)
    speakers.pop(None, None)
    return speakers, articles


def _facet_rows(store: SQLiteStore, version: Version, rowids: list[int]) -> list[tuple[str | None, str]]:
    """Each quote's speaker (a person id or None) and article, for the facets, read one by one off the quotes'
    rows alone (with the speaker's name and party and the article's outlet joined in, at a million quotes, a
    sample took twice as long to read), and remembered (FACET_ROWS of them, until the data changes)."""
    if not rowids:
        return []
    got = _facet_kept.get_many(store, version, rowids)
    missing = [k for k in rowids if k not in got]
    if missing:
        read = {r["k"]: (r["p"], r["a"]) for r in _query(
            store, f"SELECT rowid AS k, person_id AS p, article_id AS a FROM {store.FACETS}"
            f" WHERE rowid IN ({_marks(missing)})", tuple(missing))}
        _facet_kept.put_many(store, version, read)
        got |= read
    return [got[k] for k in rowids if k in got]


def _facet_labels(store: SQLiteStore, version: Version, kind: str, sql: str,
                  ids: Iterable[str]) -> dict[str, tuple[Any, Any]]:
    """Columns ``v`` and ``w`` of ``sql``'s row for each of ``ids`` (its column ``k``): a speaker's name and
    party, an article's outlet. Remembered with the facets' rows until the data changes; only those not
    remembered are read."""
    keys = [(kind, i) for i in ids]
    got = {k[1]: v for k, v in _facet_kept.get_many(store, version, keys).items()}
    missing = [i for _, i in keys if i not in got]
    if missing:
        read = {r["k"]: (r["v"], r["w"]) for r in _query(store, f"{sql} WHERE id IN ({_marks(missing)})",
                                                          tuple(missing))}
        _facet_kept.put_many(store, version, {(kind, k): v for k, v in read.items()})
        got |= read
    return got


def _facets(store: SQLiteStore, version: Version, f: _Filters, sample: list[int]) -> dict[str, list[dict[str, Any]]]:
    """Speaker, party, outlet (and stance, for an issue) counted over ``sample``, the newest FACET_SAMPLE
    matches (all of them when there are no more): a bounded cost whatever the search. The quotes are counted by
    speaker and by article; the parties and outlets are those counts summed."""
    facets: dict[str, list[dict[str, Any]]] = {name: [] for name in ("speaker", "party", "outlet")}
    if f.iss:
        facets["stance"] = []
    if not sample:
        return facets
    speakers, articles = _facet_counts(store, version, sample)
    who = _facet_labels(store, version, "person", "SELECT id AS k, name AS v, party AS w FROM people", speakers)
    where = _facet_labels(store, version, "article", "SELECT id AS k, outlet AS v, NULL AS w FROM articles",
                          articles)
    counts: dict[str, Counter[Any]] = {"speaker": speakers, "party": Counter(), "outlet": Counter()}
    for p, n in speakers.items():
        counts["party"][who[p][1] if p in who else None] += n
    for a, n in articles.items():
        counts["outlet"][where[a][0] if a in where else None] += n
    if f.iss:
        # the sides off their bitmaps (shared with the stance filter and the person pages); "none", on most quotes
        # and in no other bitmap, off the labels' index
        bits = BitMap64(sorted(sample))
        counts["stance"] = Counter({st: bits.intersection_cardinality(held)
                                    for st, held in _labels(store, version, f.iss.id).items()})
        counts["stance"]["none"] = int(store.conn.execute(
            "SELECT COUNT(*) FROM stances WHERE issue_id = ? AND stance = 'none'"
            f" AND quote_rowid IN ({_marks(sample)})", (f.iss.id, *sample)).fetchone()[0])
        counts["stance"] = +counts["stance"]  # (only the labels the sample has)
    for c in counts.values():
        c.pop(None, None)
    labels = {p: who[p][0] for p in speakers if p in who and who[p][0] is not None}
    for name, values in facets.items():
        values += [{"value": v, "label": labels.get(v, v) if name == "speaker" else v, "count": n}
                   for v, n in _top(counts[name], labels if name == "speaker" else {})]
    return facets


def _page_rows(store: SQLiteStore, f: _Filters, rowids: list[int]) -> list[dict[str, Any]]:
    """The page's quotes with speaker, article, stance on the issue and highlighted words, in order."""
    if not rowids:
        return []
    marks = ",".join("?" * len(rowids))
    stance = ", s.stance, s.confidence, s.reason" if f.iss else ", NULL AS stance, NULL AS confidence, NULL AS reason"
    join = " LEFT JOIN stances s ON s.quote_id = q.id AND s.issue_id = ?" if f.iss else ""
    rows = _query(
        store, f"SELECT q.rowid AS rid, {ROW_COLUMNS}{stance}"
        f" FROM quotes q JOIN articles a ON a.id = q.article_id LEFT JOIN people p ON p.id = q.person_id{join}"
        f" WHERE q.rowid IN ({marks})", (*([f.iss.id] if f.iss else []), *rowids), floats=("confidence",))
    by_rowid = {r.pop("rid"): r for r in rows}
    marked = _highlight(f.fts, {rid: r["text"] for rid, r in by_rowid.items()}) if f.fts else {}
    out = []
    for rid in rowids:
        r = by_rowid.get(rid)
        if r is None:  # only when a write landed between the index and this read
            continue
        r["segments"] = _segments(marked[rid]) if marked.get(rid) else [{"text": r["text"], "match": False}]
        out.append(r)
    return out


_scratch = threading.local()


def _highlight(fts: str, texts: dict[int, str]) -> dict[int, str]:
    """FTS5's highlight() of the page's quotes, by rowid.

    Asked of the store's index, a prefix query ("hous"*) expands the prefix over the whole index again for
    each row (about 14 ms a page of 20 at 100,000 quotes); asked of a scratch FTS5 table (in memory, one
    per thread, the same default unicode61 tokenizer as ``quotes_fts``) that holds only the page's rows, it
    marks the same words in well under a millisecond.
    """
    conn: sqlite3.Connection | None = getattr(_scratch, "conn", None)
    if conn is None:
        conn = sqlite3.connect(":memory:", check_same_thread=False)
        conn.execute("CREATE VIRTUAL TABLE page USING fts5(text)")
        _scratch.conn = conn
    with conn:
        conn.execute("DELETE FROM page")
        conn.executemany("INSERT INTO page(rowid, text) VALUES (?, ?)", texts.items())
        marked = dict(conn.execute("SELECT rowid, highlight(page, 0, char(2), char(3)) FROM page"
                                   " WHERE page MATCH ?", (fts,)).fetchall())
        conn.execute("DELETE FROM page")
    return marked


def _issue(store: SQLiteStore, name_or_id: str) -> Issue:
    """:meth:`SQLiteStore.get_issue` over the remembered list of issues."""
    for i in _issues(store):
        if name_or_id in {i.id, i.name} or i.name.lower() == name_or_id.strip().lower():
            return i
    return store.get_issue(name_or_id)  # raises E301 with its hint


def _issues(store: SQLiteStore) -> list[Issue]:
    return _memo(store, _version(store), ("issues",), store.issues)


@_on_reader
def issue_list(store: SQLiteStore) -> list[dict[str, str]]:
    """Every issue's id and name (the pages' navigation)."""
    return _memo(store, _version(store), ("issue_list",),
                 lambda: [{"id": i.id, "name": i.name} for i in _issues(store)])


def _check_page(page: int, per_page: int) -> None:
    """Pages count from 1 (the web answers a page under 1 with E422 before this); a page past the last is an
    empty page, whatever its number (the rows are picked off a bitmap, no OFFSET to overflow)."""
    if page < 1 or per_page < 1 or per_page > 500:
        raise OnrecordError("E401", "page must be 1 or more and per_page between 1 and 500")


@_on_reader
def search(store: SQLiteStore, *, q: str | None = None, speaker: str | None = None, party: str | None = None,
           outlet: str | None = None, issue: str | None = None, stance: str | None = None,
           date_from: str | None = None, date_to: str | None = None, page: int = 1, per_page: int = 20,
           ) -> dict[str, Any]:
    """Full-text search over quotes with facets and paging, newest article first.

    ``total`` and the rows are exact; the facet counts are exact up to FACET_SAMPLE matches and beyond it
    count the FACET_SAMPLE newest ones (``facets_sample`` says how many were counted).
    """
    _check_page(page, per_page)
    version = _version(store)
    f = _filters(store, q, speaker, party, outlet, issue, stance, date_from, date_to)
    query = {"q": q, "speaker": speaker, "party": party, "outlet": outlet, "issue": issue, "stance": stance,
             "date_from": date_from, "date_to": date_to}

    def compute() -> dict[str, Any]:
        summary: _Summary = _memo(store, version, ("summary", f.key()), lambda: _summary(store, version, f))
        total = summary.total
        rows = _page_rows(store, f, _keys(store, summary, (page - 1) * per_page, per_page) if total else [])
        return {"query": query, "total": total, "page": page, "per_page": per_page,
                "pages": max(1, math.ceil(total / per_page)), "rows": rows, "facets": summary.facets,
                "facets_sample": min(total, FACET_SAMPLE), "issues": issue_list(store)}

    return _memo(store, version, ("search", tuple(query.items()), page, per_page), compute)


def iter_search(store: SQLiteStore, **filters: Any) -> Iterator[dict[str, Any]]:
    """Every row of a search in page order, in batches, for streamed CSV downloads.

    The filters are checked (an unknown issue raises) and the query started before the first row is asked
    for, so a bad request fails before a streamed response has sent its status. The rows are read on a
    connection of their own (one snapshot however long the download takes), closed at the end.
    """
    with store.reading():
        f = _filters(store, filters.get("q"), filters.get("speaker"), filters.get("party"), filters.get("outlet"),
                     filters.get("issue"), filters.get("stance"), filters.get("date_from"), filters.get("date_to"))
    matches, args = f.matches()
    stance = ", s.stance, s.confidence, s.reason" if f.iss else ", NULL AS stance, NULL AS confidence, NULL AS reason"
    join = " LEFT JOIN stances s ON s.quote_id = q.id AND s.issue_id = ?" if f.iss else ""
    return _stream(store, f"SELECT {ROW_COLUMNS}{stance} FROM quotes q JOIN articles a ON a.id = q.article_id"
                          f" LEFT JOIN people p ON p.id = q.person_id{join} WHERE q.rowid IN ({matches})"
                          f" AND q.copy_of IS NULL{PAGE_ORDER}",
                   (*([f.iss.id] if f.iss else []), *args))


def _stream(store: SQLiteStore, sql: str, args: tuple[Any, ...]) -> Iterator[dict[str, Any]]:
    conn = store.snapshot()
    try:
        cur = conn.execute(sql, args)
    except BaseException:
        if not store.memory:
            conn.close()
        raise
    cols = [d[0] for d in cur.description]

    def rows() -> Iterator[dict[str, Any]]:
        try:
            while True:
                batch = cur.fetchmany(500)
                if not batch:
                    return
                for row in batch:
                    yield dict(zip(cols, row, strict=True))
        finally:
            if not store.memory:
                conn.close()

    return rows()


# ------------------------------------------------------------------ person


def _one_person(store: SQLiteStore, person_id: str) -> tuple[Person, int] | None:
    """One person as :meth:`SQLiteStore.all_people` has them, and their version, without reading everyone."""
    rows = store.query(
        "SELECT id, name, kind, party, version,"
        f" (SELECT {store.json_array_sql('alias')} FROM (SELECT alias FROM aliases WHERE person_id = p.id"
        f" ORDER BY alias) AS a) AS aliases, (SELECT {store.json_array_sql('role')} FROM (SELECT role FROM"
        " affiliations WHERE person_id = p.id ORDER BY role) AS r) AS roles FROM people p WHERE id = ?", (person_id,))
    if not rows:
        return None
    r = rows[0]
    return (Person(r["id"], r["name"], r["kind"], json.loads(r["aliases"]), r["party"], json.loads(r["roles"])),
            int(r["version"]))


def _said(store: SQLiteStore, version: Version, person_id: str) -> BitMap64:
    """The rowids of what a person said (copies left out)."""
    return _bitmap(store, version, ("speaker", "person_id = ?", person_id)) - _bitmap(store, version, ("copies",))


def _labels(store: SQLiteStore, version: Version, issue_id: str) -> dict[str, BitMap64]:
    """Each label on the issue but "none", with the bitmap of the quotes that have it."""
    return {st: _bitmap(store, version, ("stance", STANCE_COND, issue_id, st))
            for st in ("support", "oppose", "neutral")}


def _positions(store: SQLiteStore, version: Version, person_id: str) -> list[dict[str, Any]]:
    """Their stance per issue, with the quotes labelled other than "none" over time (oldest day first, in a day
    by the articles' times, then reading order: keys.oldest_first; the latest TIMELINE_POINTS shown) and the changes of
    position (the latest TIMELINE_CHANGES listed), each with its total. Which quotes those are was kept with their
    stance when the labels were stored (person_stances.timeline: :func:`~onrecord.store.sqlite.keep_sides`); only
    a person labelled without a stance kept is put in order here, off the bitmaps of what they said and of each
    label on the issue (shared by every person and search). Only the points shown are read in full."""
    held = {r["issue_id"]: r for r in _query(store, "SELECT issue_id, stance, breaks_with_party, basis, sides,"
                                                    " timeline FROM person_stances WHERE person_id = ?", (person_id,))}
    positions = []
    for i in _issues(store):
        ps = held.get(i.id)
        kept = Timeline.from_json(ps["timeline"]) if ps else None
        if ps is not None and kept is not None:
            sides = Sides.from_json(ps["sides"])
        else:
            kept, sides = _timeline(store, version, person_id, i.id)
            if ps is None and not kept.total:
                continue
        shown, listed = kept.points[-TIMELINE_POINTS:], kept.changes[-TIMELINE_CHANGES:]
        wanted = list(dict.fromkeys([*shown, *listed]))
        found = {r["id"]: r for r in _query(
            store, "SELECT q.id, q.article_id, a.published, s.confidence FROM quotes q"
            " JOIN articles a ON a.id = q.article_id LEFT JOIN stances s ON s.quote_id = q.id AND s.issue_id = ?"
            f" WHERE q.id IN ({_marks(wanted)})", (i.id, *(q for q, _ in wanted)), floats=("confidence",))
        } if wanted else {}
        st = ps["stance"] if ps else "none"
        positions.append({"issue_id": i.id, "issue": i.name, "stance": st,
                          "summary": summarize(st, sides, (ps and ps["basis"]) or ""),
                          "breaks_with_party": bool(ps and ps["breaks_with_party"]),
                          "timeline": [_point(q, found[q], lab) for q, lab in shown], "timeline_total": kept.total,
                          "changes": [_point(q, found[q], lab) for q, lab in listed],
                          "changes_total": kept.changes_total})
    return positions


def _point(quote_id: str, row: dict[str, Any], stance: str) -> dict[str, Any]:
    """A point of a timeline: the quote, its article, date, label and the label's confidence."""
    return {"quote_id": quote_id, "article_id": row["article_id"], "date": row["published"], "stance": stance,
            "confidence": row["confidence"]}


def _timeline(store: SQLiteStore, version: Version, person_id: str, issue_id: str) -> tuple[Timeline, Sides]:
    """A person's timeline and sides on an issue put in order here, where none was kept with a stance of theirs."""
    said = _said(store, version, person_id)
    labelled = [(k, st) for st, bits in _labels(store, version, issue_id).items() for k in said & bits]
    order = oldest_first_order(store.conn, [k for k, _ in labelled])
    labelled.sort(key=lambda p: order[p[0]])
    ids = {r["rowid"]: r["id"] for r in _query(
        store, f"SELECT rowid, id FROM quotes WHERE rowid IN ({_marks(labelled)})", tuple(k for k, _ in labelled))
    } if labelled else {}
    seen = [(ids[k], st) for k, st in labelled]
    return Timeline.of(seen), Sides.of(st for _, st in seen)


@_on_reader
def person(store: SQLiteStore, person_id: str, *, page: int = 1, per_page: int | None = None) -> dict[str, Any]:
    """A person: names, roles, party, one page of their quotes (newest first, PERSON_PER_PAGE a page;
    ``quotes_total`` counts them all), and their stance per issue over time."""
    per_page = per_page or PERSON_PER_PAGE
    _check_page(page, per_page)
    version = _version(store)

    def compute() -> dict[str, Any]:
        found = _one_person(store, person_id)
        if found is None:
            raise OnrecordError("E301", f"no person {person_id!r}")
        p, pversion = found
        said = _said(store, version, person_id)
        total = len(said)
        rowids = _top_of(said, (page - 1) * per_page, per_page)
        by_rowid = {r.pop("rid"): r for r in _query(
            store, f"SELECT q.rowid AS rid, {PERSON_COLUMNS}, (SELECT"
            f" {store.json_array_sql(store.json_object_sql(('issue_id', 'issue', 'stance', 'reason')))}"
            " FROM (SELECT i.id AS issue_id,"
            " i.name AS issue, s.stance, s.reason FROM stances s JOIN issues i ON i.id = s.issue_id"
            " WHERE s.quote_id = q.id ORDER BY i.created_at, i.name) AS l) AS stances"
            f" FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.rowid IN ({_marks(rowids)})",
            tuple(rowids))} if rowids else {}
        quotes = [by_rowid[r] for r in rowids]
        for q in quotes:  # a JSON array, or its text where SQLite did not keep it one through the subquery
            if isinstance(q["stances"], str):
                q["stances"] = json.loads(q["stances"])
        positions = _memo(store, version, ("positions", person_id), lambda: _positions(store, version, person_id))
        return {"id": p.id, "name": p.name, "kind": p.kind, "aliases": p.aliases, "party": p.party,
                "roles": p.roles, "version": pversion, "quotes": quotes, "quotes_total": total, "page": page,
                "per_page": per_page, "pages": max(1, math.ceil(total / per_page)), "positions": positions}

    return _memo(store, version, ("person", person_id, page, per_page), compute)


def iter_person_quotes(store: SQLiteStore, person_id: str) -> Iterator[dict[str, Any]]:
    """Every quote of a person in page order (newest first), for streamed CSV downloads; unknown: E301."""
    with store.reading():
        if _one_person(store, person_id) is None:
            raise OnrecordError("E301", f"no person {person_id!r}")
    return _stream(store, f"SELECT {PERSON_COLUMNS} FROM quotes q JOIN articles a ON a.id = q.article_id"
                          f" WHERE q.person_id = ? AND q.copy_of IS NULL{PAGE_ORDER}", (person_id,))


# ------------------------------------------------------------------ article, party, board


@_on_reader
def article(store: SQLiteStore, article_id: str) -> dict[str, Any]:
    """An article's text cut into plain and quoted segments, each quote with speaker and stances."""
    return _memo(store, _version(store), ("article", article_id), lambda: _article(store, article_id))


def _article(store: SQLiteStore, article_id: str) -> dict[str, Any]:
    rows = store.query("SELECT * FROM articles WHERE id = ?", (article_id,))
    if not rows:
        raise OnrecordError("E301", f"no article {article_id!r}")
    a = rows[0]
    quotes = store.query('SELECT q.id, q.start, q."end", q.text, q.kind, q.venue, q.person_id, p.name AS speaker,'
                         " q.mention_text, q.mouth, q.version, q.copy_of FROM quotes q"
                         " LEFT JOIN people p ON p.id = q.person_id"
                         " WHERE q.article_id = ? ORDER BY q.start", (article_id,))
    labels: dict[str, list[dict[str, Any]]] = {}
    for r in store.query("SELECT s.quote_id, s.stance, s.reason, s.model, i.id AS issue_id, i.name AS issue"
                         " FROM stances s JOIN issues i ON i.id = s.issue_id JOIN quotes q ON q.id = s.quote_id"
                         " WHERE q.article_id = ? ORDER BY i.created_at, i.name", (article_id,)):
        labels.setdefault(r["quote_id"], []).append({"issue_id": r["issue_id"], "issue": r["issue"],
                                                     "stance": r["stance"], "reason": r["reason"],
                                                     "model": r["model"]})
    text = a["text"]
    segments: list[dict[str, Any]] = []
    pos = 0
    for q in quotes:
        q["stances"] = labels.get(q["id"], [])
        if q["start"] < pos:
            continue  # overlapping spans: the first one wins in the running text
        if q["start"] > pos:
            segments.append({"text": text[pos : q["start"]], "quote": None})
        segments.append({"text": text[q["start"] : q["end"]], "quote": q["id"]})
        pos = q["end"]
    segments.append({"text": text[pos:], "quote": None})
    story = a["story_id"] or a["id"]
    copies = [c for c in store.story(story) if c["id"] != a["id"]]
    return {"id": a["id"], "source": a["source"], "title": a["title"], "url": a["url"], "published": a["published"],
            "outlet": a["outlet"], "author": a["author"], "segments": segments, "quotes": quotes,
            "story_id": story, "copies": copies}


@_on_reader
def party(store: SQLiteStore, name: str) -> dict[str, Any]:
    """Members seen, their stance per issue, and the party line."""
    return _memo(store, _version(store), ("party", name.lower()), lambda: _party(store, name))


def line_history(store: SQLiteStore, party: str) -> dict[str, list[dict[str, Any]]]:
    """A party's line on each issue as each article showed it, oldest first (undated articles after the dated
    ones), each marked ``changed`` when it differs from the line before it (a line of "none" changes nothing)."""
    rows = store.query(
        "SELECT h.issue_id, h.article_id, h.day, h.stance, h.source, a.title, a.source AS path"
        " FROM party_line_history h JOIN articles a ON a.id = h.article_id"
        " WHERE h.party = ? ORDER BY h.issue_id, h.day IS NULL, h.day,"
        " a.source", (party,))
    out: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        seq = out.setdefault(r["issue_id"], [])
        before = next((x["stance"] for x in reversed(seq) if x["stance"] != "none"), None)
        seq.append({"day": r["day"], "stance": r["stance"], "source": r["source"], "article_id": r["article_id"],
                    "title": r["title"] or r["path"],
                    "changed": before is not None and r["stance"] != "none" and r["stance"] != before})
    return out


def _party(store: SQLiteStore, name: str) -> dict[str, Any]:
    members = [p for p in store.all_people() if p.party and p.party.lower() == name.lower()]
    if not members:
        raise OnrecordError("E301", f"no party {name!r} among the people seen")
    issues = _issues(store)
    lines = {r["issue_id"]: r for r in store.query("SELECT * FROM party_lines WHERE party = ?", (members[0].party,))}
    per: dict[tuple[str, str], dict[str, Any]] = {
        (r["person_id"], r["issue_id"]): r for r in store.query(
            "SELECT * FROM person_stances WHERE person_id IN (SELECT id FROM people WHERE party = ?)",
            (members[0].party,))}
    history = line_history(store, members[0].party or name)
    out_issues = []
    for i in issues:
        line = lines.get(i.id)
        out_issues.append({"id": i.id, "name": i.name, "line": line["stance"] if line else None,
                           "line_source": line["source"] if line else None, "history": history.get(i.id, [])})
    rows = []
    for m in members:
        rows.append({"id": m.id, "name": m.name, "kind": m.kind, "roles": m.roles,
                     "stances": {i.id: {"stance": per[(m.id, i.id)]["stance"],
                                        "breaks_with_party": bool(per[(m.id, i.id)]["breaks_with_party"])}
                                 if (m.id, i.id) in per else {"stance": "none", "breaks_with_party": False}
                                 for i in issues}})
    return {"party": members[0].party, "issues": out_issues, "members": rows}


@_on_reader
def issue_board(store: SQLiteStore, issue: str) -> dict[str, Any]:
    """The board with counts per party and stance (TheyWorkForYou-style policy page)."""
    version = _version(store)
    iss = _issue(store, issue)

    def compute() -> dict[str, Any]:
        data = board(store, iss.id)
        for g in data["parties"]:
            g["counts"] = {s: sum(1 for p in g["people"] if p["position"] == s) for s in BOARD_ORDER}
        data["counts"] = {s: sum(g["counts"][s] for g in data["parties"]) for s in BOARD_ORDER}
        return data

    return _memo(store, version, ("board", iss.id), compute)


@_on_reader
def people_list(store: SQLiteStore) -> list[dict[str, str]]:
    """Every person's id and name, by name (the review forms' choices)."""
    return _memo(store, _version(store), ("people",), lambda: [
        {"id": r["id"], "name": r["name"]} for r in store.query("SELECT id, name FROM people ORDER BY name, id")])


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False)


WATCH_STATES = ("queued", "fetched", *END_STATES)


def watch_status(store: SQLiteStore, recent: int = 50) -> dict[str, Any]:
    """What onrecord watch follows and where its queue stands: each source with its last check, the URLs
    counted by state (queued and fetched are on their way; ok, empty, duplicate and failed are ends), and the
    latest URLs with their state and error."""
    counts = store.watch_counts()
    return {"sources": store.watch_sources(), "counts": {s: counts.get(s, 0) for s in WATCH_STATES},
            "recent": store.watch_queue(limit=recent)}
