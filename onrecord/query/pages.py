"""The read functions behind each page of the web UI and its JSON twin.

Every function returns plain JSON-able data; the HTML templates and the ``.json``
views render the same dict, so a page and its twin cannot disagree.

Each page reads on its thread's own read connection, in one snapshot (:meth:`SQLiteStore.reading`), so
pages are read side by side. What a page computes is remembered until the store's data changes
(:meth:`SQLiteStore.data_version`, read before the snapshot: a later write makes a new version and the
remembered results of the old one are never served again). Results are shared between callers: read
them, do not change them.

Search works on an in-memory index of the quotes in their page order (newest article first): each filter
(the words, a speaker, a party, a stance, an outlet or dates) is a bitmap over that order, a Python int
with bit ``i`` set when the ``i``-th quote matches. A search ANDs its filters' bitmaps (each one read from
SQLite once per data version, least recently used dropped), counts the bits for the total, and reads the
page straight off the low bits: no sort and no scan of the matches per request. The index costs a few
bytes a quote (about 5 MB for 100,000 quotes, plus n/8 bytes a remembered bitmap) and one read of every
quote after each write.
"""

from __future__ import annotations

import functools
import json
import math
import re
import sqlite3
import threading
import weakref
from array import array
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from operator import itemgetter
from typing import Any, ParamSpec, TypeVar

from ..errors import OnrecordError
from ..models import END_STATES, Issue, Person
from ..stance.aggregate import summarize
from ..store import SQLiteStore
from ..store.sqlite import fts5_query as _fts_query
from . import ALSO_IN, board

HL_OPEN, HL_CLOSE = "\x02", "\x03"
STANCE_ORDER = {"support": 0, "oppose": 1, "neutral": 2, "none": 3}
# What the board shows: a side it cannot trust is "unclear" (stance.aggregate.board_position)
BOARD_ORDER = ("support", "oppose", "unclear", "neutral", "none")
MEMO_SIZE = 1024  # page results remembered per store (searches, boards, people, articles)
BITMAP_BUDGET = 64 * 1024 * 1024  # bytes of filter bitmaps remembered per store
BITMAP_ENTRIES = 4096  # and at most this many of them
FACET_SAMPLE = 1000  # facets count the newest matches (by the page order), at most this many (exact up to it)
FACET_VALUES = 30  # values shown per facet
PERSON_PER_PAGE = 20  # quotes on one page of a person (as many as a page of search results)
TIMELINE_POINTS = 100  # the latest points of a person's timeline on an issue that the page shows
TIMELINE_CHANGES = 20  # the latest changes of position listed
# the page order of quotes: newest article first, then by article, then by place in the article
PAGE_ORDER = " ORDER BY a.published DESC NULLS LAST, a.source, a.id, q.start, q.rowid"
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
    """Values remembered per store for one data version, least recently used dropped past ``size``."""

    def __init__(self, size: Callable[[SQLiteStore], int]) -> None:
        self._size = size
        self._kept: weakref.WeakKeyDictionary[SQLiteStore, tuple[Version, OrderedDict[Any, Any]]] = \
            weakref.WeakKeyDictionary()
        self._lock = threading.Lock()

    def get(self, store: SQLiteStore, version: Version, key: Any) -> Any:
        with self._lock:
            kept = self._kept.get(store)
            if kept is None or kept[0] != version or key not in kept[1]:
                return _MISSING
            kept[1].move_to_end(key)
            return kept[1][key]

    def put(self, store: SQLiteStore, version: Version, key: Any, value: Any) -> None:
        with self._lock:
            kept = self._kept.get(store)
            if kept is None or kept[0] < version:  # a newer version: the old values are gone for good
                kept = (version, OrderedDict())
                self._kept[store] = kept
            elif kept[0] != version:  # computed on a version older than the one kept: not kept
                return
            cache = kept[1]
            cache[key] = value
            cache.move_to_end(key)
            limit = max(1, self._size(store))
            while len(cache) > limit:
                cache.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()


_MISSING = object()
_results = _Remembered(lambda store: MEMO_SIZE)
_bitmaps = _Remembered(lambda store: min(BITMAP_ENTRIES, BITMAP_BUDGET // max(1, _index_bytes.get(store, 1))))
_index_bytes: weakref.WeakKeyDictionary[SQLiteStore, int] = weakref.WeakKeyDictionary()
_indexes = _Remembered(lambda store: 1)
_build_locks: weakref.WeakKeyDictionary[SQLiteStore, threading.Lock] = weakref.WeakKeyDictionary()
_build_locks_lock = threading.Lock()


def _memo(store: SQLiteStore, version: Version, key: Any, compute: Callable[[], R]) -> R:
    """``compute()``, remembered for ``key`` until the store's data changes."""
    value = _results.get(store, version, key)
    if value is _MISSING:
        value = compute()
        _results.put(store, version, key, value)
    return value  # type: ignore[no-any-return]


def forget() -> None:
    """Drop every remembered result (tests that change module settings use it)."""
    for r in (_results, _bitmaps, _indexes):
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


# ------------------------------------------------------------------ bitmaps

_TO_CHARS = bytes.maketrans(b"\x00\x01", b"01")
_ONE = re.compile(b"1")
_NONZERO_BYTE = re.compile(b"[^\x00]")
_BITS_OF_BYTE = tuple(tuple(i for i in range(8) if b >> i & 1) for b in range(256))
_LOW = 16384  # a page or a facet sample of a broad search lies in the low bits: read those first
_STEP = 8192  # bits counted at a time when skipping to a later page


def _set_bits(bits: int, skip: int, take: int) -> list[int]:
    """The positions of the set bits of ``bits``, lowest first: the first ``skip`` passed over, then up to
    ``take`` of them. Read in C as far as it goes: a sparse bitmap's bytes by a regex that finds the ones
    not zero, a dense one's binary digits by a regex that finds the ones (str.count skips ahead)."""
    if take <= 0 or not bits:
        return []
    count = bits.bit_count()
    if count <= skip:
        return []
    out: list[int] = []
    if count * 64 < bits.bit_length():  # sparse
        data = bits.to_bytes((bits.bit_length() + 7) // 8, "little")
        for m in _NONZERO_BYTE.finditer(data):
            at = m.start()
            for b in _BITS_OF_BYTE[data[at]]:
                if skip:
                    skip -= 1
                    continue
                out.append(at * 8 + b)
                if len(out) == take:
                    return out
        return out
    low = bits & ((1 << _LOW) - 1)
    digits = format(low if low.bit_count() >= skip + take else bits, "b").encode()[::-1]  # lowest bit first
    start = 0
    while skip and start < len(digits):
        ones = digits.count(b"1", start, start + _STEP)
        if ones > skip:
            break
        skip -= ones
        start += _STEP
    for m in _ONE.finditer(digits, start):
        if skip:
            skip -= 1
            continue
        out.append(m.start())
        if len(out) == take:
            break
    return out


def _bits_of(ranks: Iterable[int], n: int) -> int:
    """The bitmap of ``n`` bits with the given positions set."""
    flags = bytearray(n)
    for r in ranks:
        flags[r] = 1
    return int(flags[::-1].translate(_TO_CHARS) or b"0", 2)


def _bits_of_spans(spans: Iterable[tuple[int, int]], n: int) -> int:
    """The bitmap of ``n`` bits with bits ``lo`` to ``hi - 1`` set for each span."""
    flags = bytearray(n)
    for lo, hi in spans:
        flags[lo:hi] = b"\x01" * (hi - lo)
    return int(flags[::-1].translate(_TO_CHARS) or b"0", 2)


# ------------------------------------------------------------------ the index


def _pick(seq: Any, positions: list[int]) -> tuple[Any, ...]:
    """``tuple(seq[i] for i in positions)``, in C."""
    if not positions:
        return ()
    got = itemgetter(*positions)(seq)
    return got if len(positions) > 1 else (got,)


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


@dataclass(frozen=True)
class _Index:
    """Every quote at its place (rank) in the page order, with what the facets count."""

    n: int
    rowid: array[int]  # rank -> quote rowid
    rank_of: array[int] | dict[int, int]  # rowid -> rank (-1 or absent: not a quote of this snapshot)
    person: list[str | None]  # rank -> person id
    article: list[str]  # rank -> article id
    party: list[str | None]  # rank -> the speaker's party
    outlet: list[str | None]  # rank -> the article's outlet
    spans: dict[str, tuple[int, int]]  # article id -> its quotes' ranks (lo, hi)
    oldest: dict[str, int]  # article id -> its place oldest first (published, source, id), as timelines go
    people: dict[str, tuple[str, str | None]]  # person id -> (name, party)

    @property
    def nbytes(self) -> int:
        return (self.n + 7) // 8

    def ranks(self, rowids: list[int]) -> list[int]:
        """The ranks of the given rowids (those not in the index left out: a write landed in between)."""
        rank_of = self.rank_of
        if isinstance(rank_of, dict):
            return [k for k in map(rank_of.get, rowids) if k is not None]
        try:
            found = _pick(rank_of, rowids)
        except IndexError:
            found = tuple(rank_of[r] if 0 <= r < len(rank_of) else -1 for r in rowids)
        return [k for k in found if k >= 0] if -1 in found else list(found)

    @property
    def everything(self) -> int:
        return (1 << self.n) - 1


def _build_index(store: SQLiteStore) -> _Index:
    # three columns in the page order, in one step each (see _column): an aggregate over a subquery with
    # ORDER BY reads the subquery's rows in that order (SQLite does not flatten it into the aggregate)
    got = store.conn.execute(
        f"SELECT {store.json_array_sql('r')}, {store.json_array_sql('p')}, {store.json_array_sql('a')} FROM"
        f" (SELECT q.rowid AS r, q.person_id AS p, q.article_id AS a FROM articles a JOIN quotes q ON"
        f" q.article_id = a.id WHERE q.copy_of IS NULL{PAGE_ORDER}) AS rows"
    ).fetchone()
    strings: dict[Any, Any] = {}  # one str object per distinct id
    rowids = array("q", json.loads(got[0]))
    n = len(rowids)
    person: list[str | None] = [strings.setdefault(x, x) for x in json.loads(got[1])]
    article: list[str] = [strings.setdefault(x, x) for x in json.loads(got[2])]
    first: dict[str, int] = {}
    for k, a in enumerate(article):
        first.setdefault(a, k)
    after = {a: k + 1 for k, a in enumerate(article)}  # the page order keeps an article's quotes together
    spans = {a: (k, after[a]) for a, k in first.items()}
    top = max(rowids, default=0)
    rank_of: array[int] | dict[int, int]
    if top <= 4 * n + 1024:
        rank_of = array("q", [-1]) * (top + 1)
        for k, rid in enumerate(rowids):
            rank_of[rid] = k
    else:
        rank_of = {rid: k for k, rid in enumerate(rowids)}
    outlets = {r["id"]: r["outlet"] for r in _query(store, "SELECT id, outlet FROM articles")}
    people = {r["id"]: (r["name"], r["party"]) for r in _query(store, "SELECT id, name, party FROM people")}
    oldest = {a: k for k, a in enumerate(_column(
        store, "SELECT id AS c FROM articles ORDER BY published NULLS FIRST, source, id"))}
    parties = {pid: who[1] for pid, who in people.items()}
    party = [parties.get(x) if x is not None else None for x in person]
    outlet = [outlets.get(a) for a in article]
    return _Index(n, rowids, rank_of, person, article, party, outlet, spans, oldest, people)


def _index(store: SQLiteStore, version: Version) -> _Index:
    """The index of this data version, built once (the other readers wait for it)."""
    idx = _indexes.get(store, version, "index")
    if idx is _MISSING:
        with _build_locks_lock:
            lock = _build_locks.setdefault(store, threading.Lock())
        with lock:
            idx = _indexes.get(store, version, "index")
            if idx is _MISSING:
                idx = _build_index(store)
                _index_bytes[store] = max(1, idx.nbytes)
                _indexes.put(store, version, "index", idx)
    assert isinstance(idx, _Index)
    return idx


def _bitmap(store: SQLiteStore, version: Version, idx: _Index, key: tuple[Any, ...]) -> int:
    """The bitmap of one filter, read from SQLite once per data version (see :class:`_Filters`)."""
    bits = _bitmaps.get(store, version, key)
    if bits is _MISSING:
        kind = key[0]
        if kind == "fts":
            sql, words = store.text_search(key[1])
            rowids = _column(store, sql.replace("SELECT rowid", "SELECT rowid AS c", 1), (words,))
        elif kind == "stance":  # through the stances' index, then each quote by its id
            rowids = _column(store, "SELECT q.rowid AS c FROM stances s JOIN quotes q ON q.id = s.quote_id"
                                    " WHERE s.issue_id = ? AND s.stance = ?", (key[2], key[3]))
        elif kind == "article":  # an article's quotes are one run of the page order
            spans = idx.spans
            ids = _column(store, f"SELECT id AS c FROM articles WHERE {key[1]}", key[2:])
            bits = _bits_of_spans([spans[a] for a in ids if a in spans], idx.n)
            copied = _column(store, "SELECT q.rowid AS c FROM quotes q WHERE q.id IN (SELECT copy_of FROM quotes"
                                    f" WHERE copy_of IS NOT NULL AND article_id IN (SELECT id FROM articles WHERE"
                                    f" {key[1]}))", key[2:])
            bits |= _bits_of(idx.ranks(copied), idx.n)  # the quotes their copies there repeat
        else:
            rowids = _column(store, f"SELECT rowid AS c FROM quotes WHERE {key[1]}", key[2:])
        if kind != "article":
            bits = _bits_of(idx.ranks(rowids), idx.n)
        _bitmaps.put(store, version, key, bits)
    assert isinstance(bits, int)
    return bits


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
    FTS5 MATCH. The same conditions give the streamed CSV (SQL, :meth:`matches`) and the bitmaps of the
    pages (:meth:`bitmap_keys`), so both find the same quotes."""

    iss: Issue | None = None
    fts: str | None = None  # the words as an FTS5 query (what the page's highlights are made with)
    search: tuple[str, str] = ("", "")  # the store's SQL for the rowids of the quotes with the words, its argument
    words: str | None = None  # the words as the user typed them
    stance: str | None = None
    # (kind, condition on quotes, args)
    sets: list[tuple[str, str, list[Any]]] = field(default_factory=list)
    article: list[tuple[str, list[Any]]] = field(default_factory=list)  # conditions on articles

    def bitmap_keys(self) -> list[tuple[Any, ...]]:
        keys: list[tuple[Any, ...]] = [("fts", self.words)] if self.fts else []
        for kind, cond, args in self.sets:
            if kind == "stance" and self.iss and self.stance:
                keys.append(("stance", cond, self.iss.id, self.stance))
            elif kind == "article":
                keys.append(("article", " AND ".join(sql for sql, _ in self.article),
                             *(x for _, a in self.article for x in a)))
            else:
                keys.append((kind, cond, *args))
        return keys

    def key(self) -> tuple[Any, ...]:
        return (self.iss.id if self.iss else None, *sorted(self.bitmap_keys(), key=repr))

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
        f.sets.append(("stance", "id IN (SELECT quote_id FROM stances WHERE issue_id = ? AND stance = ?)",
                       [f.iss.id, stance]))
    if outlet:
        f.article.append(("outlet = ?", [outlet]))
    if date_from:
        f.article.append(("published >= ?", [date_from]))
    if date_to:
        f.article.append(("published <= ?", [date_to + "\uffff"]))
    if f.article:  # a quote matches when its article does, or the article of a copy that repeats it
        sub = " AND ".join(sql for sql, _ in f.article)
        args = [x for _, a in f.article for x in a]
        f.sets.append(("article", f"(article_id IN (SELECT id FROM articles WHERE {sub}) OR id IN (SELECT copy_of"
                       f" FROM quotes WHERE copy_of IS NOT NULL AND article_id IN (SELECT id FROM articles"
                       f" WHERE {sub})))", args + args))
    f.sets.sort(key=lambda s: SET_ORDER[s[0]])  # the CSV's SQL reads the likely smallest first
    return f


@dataclass(frozen=True)
class _Summary:
    """What a search's pages share: the matches, their count and the facets."""

    bits: int
    total: int
    facets: dict[str, list[dict[str, Any]]]


def _summary(store: SQLiteStore, version: Version, idx: _Index, f: _Filters) -> _Summary:
    bits = idx.everything
    for key in sorted(f.bitmap_keys(), key=repr):
        bits &= _bitmap(store, version, idx, key)
        if not bits:
            break
    total = bits.bit_count()
    return _Summary(bits, total, _facets(store, version, idx, f, bits, total))


def _stance_bits(store: SQLiteStore, version: Version, idx: _Index, issue_id: str) -> dict[str, int]:
    """Each stance label on the issue, with the bitmap of the quotes that have it."""
    cond = "id IN (SELECT quote_id FROM stances WHERE issue_id = ? AND stance = ?)"  # as in _filters
    stances = _memo(store, version, ("stances", issue_id), lambda: _column(
        store, "SELECT DISTINCT stance AS c FROM stances WHERE issue_id = ?", (issue_id,)))
    return {st: _bitmap(store, version, idx, ("stance", cond, issue_id, st)) for st in stances}


def _top(counts: Counter[Any], labels: dict[Any, str]) -> list[tuple[Any, int]]:
    """The FACET_VALUES largest counts, ties by label: only those that can make it are sorted by label."""
    if len(counts) > FACET_VALUES:
        least = sorted(counts.values(), reverse=True)[FACET_VALUES - 1]
        counts = Counter({v: n for v, n in counts.items() if n >= least})
    return sorted(counts.items(), key=lambda c: (-c[1], str(labels.get(c[0], c[0]))))[:FACET_VALUES]


def _facets(store: SQLiteStore, version: Version, idx: _Index, f: _Filters, bits: int, total: int,
            ) -> dict[str, list[dict[str, Any]]]:
    """Speaker, party, outlet (and stance, for an issue) counted over the newest FACET_SAMPLE matches (all
    of them when there are no more): a bounded cost whatever the search."""
    facets: dict[str, list[dict[str, Any]]] = {name: [] for name in ("speaker", "party", "outlet")}
    if f.iss:
        facets["stance"] = []
    if not total:
        return facets
    sample = _set_bits(bits, 0, FACET_SAMPLE)
    counts = {"speaker": Counter(_pick(idx.person, sample)), "party": Counter(_pick(idx.party, sample)),
              "outlet": Counter(_pick(idx.outlet, sample)), "stance": Counter()}
    for c in counts.values():
        c.pop(None, None)
    if f.iss:
        sampled = bits if total <= FACET_SAMPLE else bits & ((1 << (sample[-1] + 1)) - 1)
        for st, st_bits in _stance_bits(store, version, idx, f.iss.id).items():
            n = (sampled & st_bits).bit_count()
            if n:
                counts["stance"][st] = n
    labels = {pid: idx.people[pid][0] for pid in counts["speaker"] if pid in idx.people}
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
        idx = _index(store, version)
        summary: _Summary = _memo(store, version, ("summary", f.key()), lambda: _summary(store, version, idx, f))
        total = summary.total
        ranks = _set_bits(summary.bits, (page - 1) * per_page, per_page) if total else []
        rows = _page_rows(store, f, list(_pick(idx.rowid, ranks)))
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


def _positions(store: SQLiteStore, version: Version, idx: _Index, person_id: str) -> list[dict[str, Any]]:
    """Their stance per issue, with the quotes labelled other than "none" over time (oldest first: by article
    published, source, id, then place in it; the latest TIMELINE_POINTS shown) and the changes of position
    (the latest TIMELINE_CHANGES listed), each with its total. Read off the speaker's and the stances'
    bitmaps; only the points shown are read from SQLite."""
    said = _bitmap(store, version, idx, ("speaker", "person_id = ?", person_id))
    held = {r["issue_id"]: r for r in _query(store, "SELECT issue_id, stance, breaks_with_party, basis FROM"
                                                    " person_stances WHERE person_id = ?", (person_id,))}
    positions = []
    for i in _issues(store):
        labelled: list[tuple[int, str]] = []
        for st, st_bits in _stance_bits(store, version, idx, i.id).items():
            if st != "none":
                both = said & st_bits
                labelled += ((r, st) for r in _set_bits(both, 0, both.bit_count()))
        ps = held.get(i.id)
        if ps is None and not labelled:
            continue
        oldest, article = idx.oldest, idx.article
        labelled.sort(key=lambda p: (oldest.get(article[p[0]], -1), p[0]))
        changes = [k for k in range(1, len(labelled)) if labelled[k][1] != labelled[k - 1][1]]
        shown = list(range(max(0, len(labelled) - TIMELINE_POINTS), len(labelled)))
        listed = changes[-TIMELINE_CHANGES:]
        wanted = sorted(set(shown) | set(listed))
        rowids = list(_pick(idx.rowid, [labelled[k][0] for k in wanted]))
        marks = ",".join("?" * len(rowids))
        found = {r["rid"]: r for r in _query(
            store, "SELECT q.rowid AS rid, q.id, q.article_id, a.published, s.confidence FROM quotes q"
            " JOIN articles a ON a.id = q.article_id LEFT JOIN stances s ON s.quote_id = q.id AND s.issue_id = ?"
            f" WHERE q.rowid IN ({marks})", (i.id, *rowids), floats=("confidence",))} if rowids else {}
        point: dict[int, dict[str, Any]] = {}
        for k, rid in zip(wanted, rowids, strict=True):
            r = found.get(rid)
            if r is not None:  # only missing when a write landed between the index and this read
                point[k] = {"quote_id": r["id"], "article_id": r["article_id"], "date": r["published"],
                            "stance": labelled[k][1], "confidence": r["confidence"]}
        st = ps["stance"] if ps else "none"
        positions.append({"issue_id": i.id, "issue": i.name, "stance": st,
                          "summary": summarize(st, [lab for _, lab in labelled], (ps and ps["basis"]) or ""),
                          "breaks_with_party": bool(ps and ps["breaks_with_party"]),
                          "timeline": [point[k] for k in shown if k in point], "timeline_total": len(labelled),
                          "changes": [point[k] for k in listed if k in point], "changes_total": len(changes)})
    return positions


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
        idx = _index(store, version)
        bits = _bitmap(store, version, idx, ("speaker", "person_id = ?", person_id))
        total = bits.bit_count()
        ranks = _set_bits(bits, (page - 1) * per_page, per_page)
        rowids = list(_pick(idx.rowid, ranks))
        marks = ",".join("?" * len(rowids))
        by_rowid = {r.pop("rid"): r for r in _query(
            store, f"SELECT q.rowid AS rid, {PERSON_COLUMNS}, (SELECT"
            f" {store.json_array_sql(store.json_object_sql(('issue_id', 'issue', 'stance', 'reason')))}"
            " FROM (SELECT i.id AS issue_id,"
            " i.name AS issue, s.stance, s.reason FROM stances s JOIN issues i ON i.id = s.issue_id"
            " WHERE s.quote_id = q.id ORDER BY i.created_at, i.name) AS l) AS stances"
            f" FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.rowid IN ({marks})",
            tuple(rowids))} if rowids else {}
        quotes = [by_rowid[r] for r in rowids if r in by_rowid]
        for q in quotes:  # a JSON array, or its text where SQLite did not keep it one through the subquery
            if isinstance(q["stances"], str):
                q["stances"] = json.loads(q["stances"])
        positions = _memo(store, version, ("positions", person_id), lambda: _positions(store, version, idx, person_id))
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
