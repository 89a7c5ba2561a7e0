"""The read functions behind each page of the web UI and its JSON twin.

Every function returns plain JSON-able data; the HTML templates and the ``.json``
views render the same dict, so a page and its twin cannot disagree.
"""

from __future__ import annotations

import functools
import json
import math
import threading
import weakref
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, ParamSpec, TypeVar

from ..errors import OnrecordError
from ..models import Issue, Person
from ..stance.aggregate import SUMMARY
from ..store import SQLiteStore
from . import _fts_query, board

HL_OPEN, HL_CLOSE = "\x02", "\x03"
STANCE_ORDER = {"support": 0, "oppose": 1, "neutral": 2, "none": 3}
MAX_PAGE = 1_000_000  # beyond it OFFSET overflows SQLite's integers
MEMO_SIZE = 512  # aggregates kept per store (search totals and facets, issue boards)

_memos: weakref.WeakKeyDictionary[SQLiteStore, tuple[Any, OrderedDict[Any, Any]]] = weakref.WeakKeyDictionary()
_memo_lock = threading.Lock()


def _data_version(store: SQLiteStore) -> tuple[int, int]:
    """Changes whenever the data may have: this connection's writes (total_changes) and commits by any other
    connection to the same file (PRAGMA data_version)."""
    return store.conn.total_changes, int(store.conn.execute("PRAGMA data_version").fetchone()[0])


def _memo(store: SQLiteStore, key: Any, compute: Callable[[], Any]) -> Any:
    """``compute()``, remembered for ``key`` until the store's data changes (least recently used dropped)."""
    version = _data_version(store)
    with _memo_lock:
        kept = _memos.get(store)
        if kept is None or kept[0] != version:
            kept = (version, OrderedDict())
            _memos[store] = kept
        cache = kept[1]
        if key in cache:
            cache.move_to_end(key)
            return cache[key]
    value = compute()
    if _data_version(store) == version:  # not if a write landed meanwhile
        with _memo_lock:
            cache[key] = value
            while len(cache) > MEMO_SIZE:
                cache.popitem(last=False)
    return value


_read_locks: weakref.WeakKeyDictionary[Any, threading.RLock] = weakref.WeakKeyDictionary()
P = ParamSpec("P")
R = TypeVar("R")


def _one_reader(fn: Callable[P, R]) -> Callable[P, R]:
    """Run the page function ``fn(store, ...)`` while no other page is read from the same store.

    A web server calls the page functions from many threads over the store's one connection, where SQLite
    runs one statement at a time anyway; letting twenty requests interleave their statements costs more than
    it gains (measured: half the throughput at 20 concurrent clients). One page at a time, each in one go.
    """

    @functools.wraps(fn)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        store = args[0] if args else kwargs["store"]
        with _memo_lock:
            lock = _read_locks.setdefault(store, threading.RLock())
        with lock:
            return fn(*args, **kwargs)

    return run


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


FACET_SAMPLE = 1000  # facets count the most recently stored matches, at most this many (exact up to it)
FACET_VALUES = 30  # values shown per facet
KEEP_ROWIDS = 2000  # a search with at most this many matches keeps their rowids for its later pages
PAGE_ORDER = " ORDER BY a.published DESC, a.source, q.start"
ROW_COLUMNS = ('q.id, q.article_id, q.start, q."end", q.text, q.kind, q.venue, q.person_id, p.name AS speaker,'
               " p.party, a.source, a.title, a.outlet, a.published")


@dataclass
class _Filters:
    """A search's filters. Each one but the words is a condition on ``quotes`` that an index answers with
    rowids alone (``sets``, most selective first); the words are an FTS5 MATCH. Matching quotes are found
    by reading one of them and checking the rest against rowid lists (``+rowid IN``: a rowid constraint that
    reached FTS5 would run the MATCH once per rowid), never by reading every quote row."""

    iss: Issue | None = None
    fts: str | None = None
    stance: str | None = None
    # (kind, condition on quotes answered by an index, the same as a check on one row of ``quotes q``, args)
    sets: list[tuple[str, str, str, list[Any]]] = field(default_factory=list)
    article: list[tuple[str, list[Any]]] = field(default_factory=list)  # conditions on articles ({col}x)

    def key(self) -> tuple[Any, ...]:
        return (self.iss.id if self.iss else None, self.fts, *((sql, *a) for _, sql, _, a in self.sets))

    def matches(self, *, articles: bool = True, newest: int | None = None) -> tuple[str, list[Any]]:
        """SQL for the rowids of the matching quotes (without the article conditions when ``articles`` is
        False; only the ``newest`` most recently stored ones when given)."""
        sets = [s for s in self.sets if articles or s[0] != "article"]
        args: list[Any]
        if self.fts:
            sql, args = "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?", [self.fts]
            probes = sets
        elif sets:
            sql, args = f"SELECT rowid FROM quotes WHERE {sets[0][1]}", list(sets[0][3])
            probes = sets[1:]
        else:
            sql, args, probes = "SELECT rowid FROM quotes WHERE 1", [], []
        for _, cond, _, a in probes:
            sql += f" AND +rowid IN (SELECT rowid FROM quotes WHERE {cond})"
            args += a
        if newest is not None:
            sql += " ORDER BY rowid DESC LIMIT ?"
            args.append(newest)
        return sql, args


SET_ORDER = {"speaker": 0, "article": 1, "party": 2, "stance": 3}  # the likely smallest first


def _filters(store: SQLiteStore, q: str | None, speaker: str | None, party: str | None, outlet: str | None,
             issue: str | None, stance: str | None, date_from: str | None, date_to: str | None) -> _Filters:
    f = _Filters(iss=store.get_issue(issue) if issue else None)
    if q and q.strip():
        f.fts = _fts_query(q)
    if speaker:
        f.sets.append(("speaker", "person_id = ?", "+q.person_id = ?", [speaker]))
    if party:
        f.sets.append(("party", "person_id IN (SELECT id FROM people WHERE party = ?)",
                       "+q.person_id IN (SELECT id FROM people WHERE party = ?)", [party]))
    if stance and f.iss:
        f.stance = stance
        f.sets.append(("stance", "id IN (SELECT quote_id FROM stances WHERE issue_id = ? AND stance = ?)",
                       "EXISTS (SELECT 1 FROM stances s WHERE s.quote_id = q.id AND s.issue_id = ? AND s.stance = ?)",
                       [f.iss.id, stance]))
    if outlet:
        f.article.append(("{col}outlet = ?", [outlet]))
    if date_from:
        f.article.append(("{col}published >= ?", [date_from]))
    if date_to:
        f.article.append(("{col}published <= ?", [date_to + "\uffff"]))
    if f.article:
        sub = " AND ".join(sql.replace("{col}", "") for sql, _ in f.article)
        f.sets.append(("article", f"article_id IN (SELECT id FROM articles WHERE {sub})",
                       f"+q.article_id IN (SELECT id FROM articles WHERE {sub})", [x for _, a in f.article for x in a]))
    f.sets.sort(key=lambda s: SET_ORDER[s[0]])
    return f


@dataclass(frozen=True)
class _Summary:
    """What a search's pages share: the count, the facets, and (when few) every matching rowid."""

    total: int
    facets: dict[str, list[dict[str, Any]]]
    rowids: tuple[int, ...] | None  # every match when at most KEEP_ROWIDS, else None


def _summary(store: SQLiteStore, f: _Filters) -> _Summary:
    """Count the matches and take the FACET_SAMPLE most recently stored ones for the facets.

    With at most one filter both come cheaply from an index (or FTS5); with more, the matching rowids are
    read once, newest first, and counted in Python: one pass over the data instead of two.
    """
    if len(f.sets) + bool(f.fts) <= 1:
        total = _count(store, f)
        sql, args = f.matches(newest=FACET_SAMPLE)
        sample = [r[0] for r in store.conn.execute(sql, tuple(args))]
        everything = sample if total <= FACET_SAMPLE else None
    else:
        sql, args = f.matches()
        everything = [r[0] for r in store.conn.execute(f"{sql} ORDER BY rowid DESC", tuple(args))]
        total, sample = len(everything), everything[:FACET_SAMPLE]
    rowids = tuple(everything) if everything is not None and len(everything) <= KEEP_ROWIDS else None
    return _Summary(total, _facets(store, f, sample), rowids)


def _count(store: SQLiteStore, f: _Filters) -> int:
    """How many quotes match, counted where it is cheapest."""
    if f.stance and f.iss and not f.fts and len(f.sets) == 1:
        sql, args = "SELECT COUNT(*) AS n FROM stances WHERE issue_id = ? AND stance = ?", [f.iss.id, f.stance]
    else:
        sql, args = f.matches()
        sql = f"SELECT COUNT(*) AS n FROM ({sql})"
    return int(store.query(sql, tuple(args))[0]["n"])


def _date_index(store: SQLiteStore) -> bool:
    """Whether an index leads with articles.published: then a broad search reads its page in date order."""
    return bool(store.query("SELECT 1 FROM pragma_index_list('articles') AS il, pragma_index_info(il.name) AS ii"
                            " WHERE ii.seqno = 0 AND ii.name = 'published' LIMIT 1"))


def _page_rowids(store: SQLiteStore, f: _Filters, summary: _Summary, stored: int, offset: int, limit: int,
                 ) -> list[int]:
    """The rowids of one page, newest article first.

    A broad search (with an index on the publication date) walks the articles newest first and checks
    each quote, stopping at the page; a narrow one sorts its matches (the kept rowids when there are few).
    """
    total = summary.total
    if not total or offset >= total:
        return []
    walk = (offset + limit) * stored / total  # quotes read walking in date order to reach the page
    args: list[Any]
    if walk < total and _date_index(store):
        # each quote read is checked row by row: cheaper than the full list of matches for a page's worth
        conds = [sql.replace("{col}", "a.") for sql, _ in f.article]
        args = [x for _, a in f.article for x in a]
        if f.fts:
            conds.append("+q.rowid IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
            args.append(f.fts)
        for kind, _, probe, a in f.sets:
            if kind != "article":
                conds.append(probe)
                args += a
        where = (" WHERE " + " AND ".join(conds)) if conds else ""
        sql = f"SELECT q.rowid AS rid FROM articles a CROSS JOIN quotes q ON q.article_id = a.id{where}"
    elif summary.rowids is not None:
        sql = ("SELECT q.rowid AS rid FROM quotes q JOIN articles a ON a.id = q.article_id"
               f" WHERE q.rowid IN ({','.join('?' * len(summary.rowids))})")
        args = list(summary.rowids)
    else:
        sql, args = f.matches()
        sql = f"SELECT q.rowid AS rid FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.rowid IN ({sql})"
    return [r["rid"] for r in store.query(f"{sql}{PAGE_ORDER} LIMIT ? OFFSET ?", (*args, limit, offset))]


def _page_rows(store: SQLiteStore, f: _Filters, rowids: list[int]) -> list[dict[str, Any]]:
    """The page's quotes with speaker, article, stance on the issue and highlighted words, in order."""
    if not rowids:
        return []
    marks = ",".join("?" * len(rowids))
    stance = ", s.stance, s.confidence, s.reason" if f.iss else ", NULL AS stance, NULL AS confidence, NULL AS reason"
    join = " LEFT JOIN stances s ON s.quote_id = q.id AND s.issue_id = ?" if f.iss else ""
    rows = store.query(
        f"SELECT q.rowid AS rid, {ROW_COLUMNS}{stance}"
        f" FROM quotes q JOIN articles a ON a.id = q.article_id LEFT JOIN people p ON p.id = q.person_id{join}"
        f" WHERE q.rowid IN ({marks})", (*([f.iss.id] if f.iss else []), *rowids))
    marked: dict[int, str] = {}
    if f.fts:  # `+rowid`: a rowid constraint handed to FTS5 would run the MATCH once per rowid
        marked = {r["rowid"]: r["marked"] for r in store.query(
            "SELECT rowid, highlight(quotes_fts, 0, char(2), char(3)) AS marked FROM quotes_fts"
            f" WHERE quotes_fts MATCH ? AND +rowid IN ({marks})", (f.fts, *rowids))}
    by_rowid = {r.pop("rid"): r for r in rows}
    out = []
    for rid in rowids:
        r = by_rowid[rid]
        r["segments"] = _segments(marked[rid]) if marked.get(rid) else [{"text": r["text"], "match": False}]
        out.append(r)
    return out


def _facets(store: SQLiteStore, f: _Filters, sample: list[int]) -> dict[str, list[dict[str, Any]]]:
    """Speaker, party, outlet (and stance, for an issue) counted over the sampled matches (the FACET_SAMPLE
    most recently stored ones; all of them when there are no more): a bounded cost whatever the search."""
    facets: dict[str, list[dict[str, Any]]] = {name: [] for name in ("speaker", "party", "outlet")}
    if f.iss:
        facets["stance"] = []
    if not sample:
        return facets
    stance = (" UNION ALL SELECT 'stance', (SELECT stance FROM stances WHERE quote_id = m.id AND issue_id = ?) AS v,"
              " COUNT(*) FROM m GROUP BY v") if f.iss else ""
    counted = store.query(
        "WITH m AS MATERIALIZED (SELECT q.id, q.person_id, q.article_id FROM quotes q"
        f" WHERE q.rowid IN ({','.join('?' * len(sample))}))"
        " SELECT 'speaker' AS facet, person_id AS v, COUNT(*) AS n FROM m GROUP BY person_id"
        f" UNION ALL SELECT 'article', article_id, COUNT(*) FROM m GROUP BY article_id{stance}",
        (*sample, *([f.iss.id] if f.iss else [])))
    by: dict[str, dict[Any, int]] = {"speaker": {}, "article": {}, "stance": {}}
    for r in counted:
        if r["v"] is not None:
            by[r["facet"]][r["v"]] = r["n"]
    people = _lookup(store, "SELECT id, name, party FROM people", by["speaker"])
    outlets = _lookup(store, "SELECT id, outlet FROM articles", by["article"])
    counts: dict[str, Counter[Any]] = {"speaker": Counter(by["speaker"]), "party": Counter(),
                                       "outlet": Counter(), "stance": Counter(by["stance"])}
    labels = {pid: p["name"] for pid, p in people.items()}
    for pid, n in by["speaker"].items():
        if pid in people and people[pid]["party"] is not None:
            counts["party"][people[pid]["party"]] += n
    for aid, n in by["article"].items():
        if aid in outlets and outlets[aid]["outlet"] is not None:
            counts["outlet"][outlets[aid]["outlet"]] += n
    for name, values in facets.items():
        ordered = sorted(counts[name].items(), key=lambda c: (-c[1], str(labels.get(c[0], c[0]))))
        values += [{"value": v, "label": labels.get(v, v) if name == "speaker" else v, "count": n}
                   for v, n in ordered[:FACET_VALUES]]
    return facets


def _lookup(store: SQLiteStore, select: str, ids: dict[Any, int]) -> dict[Any, dict[str, Any]]:
    """Rows of ``select`` (whose first column is ``id``) for the given ids, by id."""
    out: dict[Any, dict[str, Any]] = {}
    keys = list(ids)
    for i in range(0, len(keys), 500):
        chunk = keys[i : i + 500]
        out.update((r["id"], r) for r in store.query(f"{select} WHERE id IN ({','.join('?' * len(chunk))})",
                                                      tuple(chunk)))
    return out


@_one_reader
def search(store: SQLiteStore, *, q: str | None = None, speaker: str | None = None, party: str | None = None,
           outlet: str | None = None, issue: str | None = None, stance: str | None = None,
           date_from: str | None = None, date_to: str | None = None, page: int = 1, per_page: int = 20,
           ) -> dict[str, Any]:
    """Full-text search over quotes with facets and paging.

    ``total`` and the rows are exact; the facet counts are exact up to FACET_SAMPLE matches and beyond it
    count the FACET_SAMPLE most recently stored ones (``facets_sample`` says how many were counted).
    """
    if page < 1 or page > MAX_PAGE or per_page < 1 or per_page > 500:
        raise OnrecordError("E401", f"page must be between 1 and {MAX_PAGE} and per_page between 1 and 500")
    f = _filters(store, q, speaker, party, outlet, issue, stance, date_from, date_to)
    stored = int(store.query("SELECT COALESCE(MAX(rowid), 0) AS n FROM quotes")[0]["n"]) or 1

    summary: _Summary = _memo(store, ("search", f.key()), lambda: _summary(store, f))
    total = summary.total
    facets = {k: [dict(v) for v in values] for k, values in summary.facets.items()}
    rows = _page_rows(store, f, _page_rowids(store, f, summary, stored, (page - 1) * per_page, per_page))
    issues = [{"id": i.id, "name": i.name} for i in store.issues()]
    return {
        "query": {"q": q, "speaker": speaker, "party": party, "outlet": outlet, "issue": issue, "stance": stance,
                  "date_from": date_from, "date_to": date_to},
        "total": total, "page": page, "per_page": per_page, "pages": max(1, math.ceil(total / per_page)),
        "rows": rows, "facets": facets, "facets_sample": min(total, FACET_SAMPLE), "issues": issues,
    }


@_one_reader
def iter_search(store: SQLiteStore, **filters: Any) -> Iterator[dict[str, Any]]:
    """Every row of a search, in batches, for streamed CSV downloads.

    The filters are checked (an unknown issue raises) and the query started before the first row is asked
    for, so a bad request fails before a streamed response has sent its status.
    """
    f = _filters(store, filters.get("q"), filters.get("speaker"), filters.get("party"), filters.get("outlet"),
                 filters.get("issue"), filters.get("stance"), filters.get("date_from"), filters.get("date_to"))
    matches, args = f.matches()
    stance = ", s.stance, s.confidence, s.reason" if f.iss else ", NULL AS stance, NULL AS confidence, NULL AS reason"
    join = " LEFT JOIN stances s ON s.quote_id = q.id AND s.issue_id = ?" if f.iss else ""
    cur = store.conn.execute(
        f"SELECT {ROW_COLUMNS}{stance} FROM quotes q JOIN articles a ON a.id = q.article_id"
        f" LEFT JOIN people p ON p.id = q.person_id{join} WHERE q.rowid IN ({matches}){PAGE_ORDER}",
        (*([f.iss.id] if f.iss else []), *args))
    cols = [d[0] for d in cur.description]

    def rows() -> Iterator[dict[str, Any]]:
        while True:
            batch = cur.fetchmany(500)
            if not batch:
                return
            for row in batch:
                yield dict(zip(cols, row, strict=True))

    return rows()


def _one_person(store: SQLiteStore, person_id: str) -> Person | None:
    """One person as :meth:`SQLiteStore.all_people` has them, without reading everyone."""
    rows = store.query("SELECT id, name, kind, party FROM people WHERE id = ?", (person_id,))
    if not rows:
        return None
    r = rows[0]
    aliases = [a["alias"] for a in store.query("SELECT alias FROM aliases WHERE person_id = ? ORDER BY alias",
                                               (person_id,))]
    roles = [a["role"] for a in store.query("SELECT role FROM affiliations WHERE person_id = ? ORDER BY role",
                                            (person_id,))]
    return Person(r["id"], r["name"], r["kind"], aliases, r["party"], roles)


@_one_reader
def person(store: SQLiteStore, person_id: str) -> dict[str, Any]:
    """A person: names, roles, party, every quote, and their stance per issue over time."""
    p = _one_person(store, person_id)
    if p is None:
        raise OnrecordError("E301", f"no person {person_id!r}")
    quotes = store.query(
        'SELECT q.id, q.article_id, q.start, q."end", q.text, q.kind, q.venue, q.mention_text, q.mouth, q.version,'
        " a.source, a.title, a.published, a.outlet FROM quotes q JOIN articles a ON a.id = q.article_id"
        " WHERE q.person_id = ? ORDER BY a.published, a.source, q.start", (person_id,))
    stances: dict[str, dict[str, Any]] = {}
    for r in store.query("SELECT s.quote_id, s.stance, s.confidence, s.reason, i.id AS issue_id, i.name AS issue "
                         "FROM stances s JOIN issues i ON i.id = s.issue_id JOIN quotes q ON q.id = s.quote_id "
                         "WHERE q.person_id = ?", (person_id,)):
        stances.setdefault(r["quote_id"], {})[r["issue_id"]] = r
    positions = []
    for i in store.issues():
        ps = store.query("SELECT * FROM person_stances WHERE person_id = ? AND issue_id = ?", (person_id, i.id))
        points = []
        for qrow in quotes:
            lab = stances.get(qrow["id"], {}).get(i.id)
            if lab and lab["stance"] != "none":
                points.append({"quote_id": qrow["id"], "date": qrow["published"], "stance": lab["stance"],
                               "confidence": lab["confidence"]})
        changes = [pt for prev, pt in zip(points, points[1:], strict=False) if pt["stance"] != prev["stance"]]
        if ps or points:
            st = ps[0]["stance"] if ps else "none"
            positions.append({"issue_id": i.id, "issue": i.name, "stance": st, "summary": SUMMARY[st],
                              "breaks_with_party": bool(ps and ps[0]["breaks_with_party"]),
                              "timeline": points, "changes": changes})
    for qrow in quotes:
        qrow["stances"] = [{"issue_id": k, "issue": v["issue"], "stance": v["stance"], "reason": v["reason"]}
                           for k, v in stances.get(qrow["id"], {}).items()]
    version = store.query("SELECT version FROM people WHERE id = ?", (person_id,))[0]["version"]
    return {"id": p.id, "name": p.name, "kind": p.kind, "aliases": p.aliases, "party": p.party, "roles": p.roles,
            "version": version, "quotes": quotes, "positions": positions}


@_one_reader
def article(store: SQLiteStore, article_id: str) -> dict[str, Any]:
    """An article's text cut into plain and quoted segments, each quote with speaker and stances."""
    rows = store.query("SELECT * FROM articles WHERE id = ?", (article_id,))
    if not rows:
        raise OnrecordError("E301", f"no article {article_id!r}")
    a = rows[0]
    quotes = store.query('SELECT q.id, q.start, q."end", q.text, q.kind, q.venue, q.person_id, p.name AS speaker,'
                         " q.mention_text, q.mouth, q.version FROM quotes q LEFT JOIN people p ON p.id = q.person_id"
                         " WHERE q.article_id = ? ORDER BY q.start", (article_id,))
    labels: dict[str, list[dict[str, Any]]] = {}
    for r in store.query("SELECT s.quote_id, s.stance, i.name AS issue FROM stances s JOIN issues i ON "
                         "i.id = s.issue_id JOIN quotes q ON q.id = s.quote_id WHERE q.article_id = ?", (article_id,)):
        labels.setdefault(r["quote_id"], []).append({"issue": r["issue"], "stance": r["stance"]})
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
    return {"id": a["id"], "source": a["source"], "title": a["title"], "url": a["url"], "published": a["published"],
            "outlet": a["outlet"], "author": a["author"], "segments": segments, "quotes": quotes}


@_one_reader
def party(store: SQLiteStore, name: str) -> dict[str, Any]:
    """Members seen, their stance per issue, and the party line."""
    members = [p for p in store.all_people() if p.party and p.party.lower() == name.lower()]
    if not members:
        raise OnrecordError("E301", f"no party {name!r} among the people seen")
    issues = store.issues()
    lines = {r["issue_id"]: r for r in store.query("SELECT * FROM party_lines WHERE party = ?", (members[0].party,))}
    per: dict[tuple[str, str], dict[str, Any]] = {
        (r["person_id"], r["issue_id"]): r for r in store.query(
            "SELECT * FROM person_stances WHERE person_id IN (SELECT id FROM people WHERE party = ?)",
            (members[0].party,))}
    out_issues = []
    for i in issues:
        line = lines.get(i.id)
        out_issues.append({"id": i.id, "name": i.name, "line": line["stance"] if line else None,
                           "line_source": line["source"] if line else None})
    rows = []
    for m in members:
        rows.append({"id": m.id, "name": m.name, "kind": m.kind, "roles": m.roles,
                     "stances": {i.id: {"stance": per[(m.id, i.id)]["stance"],
                                        "breaks_with_party": bool(per[(m.id, i.id)]["breaks_with_party"])}
                                 if (m.id, i.id) in per else {"stance": "none", "breaks_with_party": False}
                                 for i in issues}})
    return {"party": members[0].party, "issues": out_issues, "members": rows}


@_one_reader
def issue_board(store: SQLiteStore, issue: str) -> dict[str, Any]:
    """The board with counts per party and stance (TheyWorkForYou-style policy page).

    Remembered until the store changes: the result is shared between callers, so read it, do not change it.
    """
    iss = store.get_issue(issue)

    def compute() -> dict[str, Any]:
        data = board(store, iss.id)
        for g in data["parties"]:
            g["counts"] = {s: sum(1 for p in g["people"] if p["stance"] == s) for s in STANCE_ORDER}
        data["counts"] = {s: sum(g["counts"][s] for g in data["parties"]) for s in STANCE_ORDER}
        return data

    return _memo(store, ("board", iss.id), compute)  # type: ignore[no-any-return]


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False)
