"""The read functions behind each page of the web UI and its JSON twin.

Every function returns plain JSON-able data; the HTML templates and the ``.json``
views render the same dict, so a page and its twin cannot disagree.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from typing import Any

from ..errors import OnrecordError
from ..stance.aggregate import SUMMARY
from ..store import SQLiteStore
from . import _fts_query, board

HL_OPEN, HL_CLOSE = "\x02", "\x03"
STANCE_ORDER = {"support": 0, "oppose": 1, "neutral": 2, "none": 3}
MAX_PAGE = 1_000_000  # beyond it OFFSET overflows SQLite's integers


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


def _search_sql(store: SQLiteStore, q: str | None, speaker: str | None, party: str | None, outlet: str | None,
                issue: str | None, stance: str | None, date_from: str | None, date_to: str | None,
                ) -> tuple[str, str, list[Any], str | None]:
    iss = store.get_issue(issue) if issue else None
    fts = bool(q and q.strip())
    select = ("q.id, q.article_id, q.start, q.\"end\", q.text, q.kind, q.venue, q.person_id, p.name AS speaker,"
              " p.party, a.source, a.title, a.outlet, a.published")
    select += ", highlight(quotes_fts, 0, char(2), char(3)) AS marked" if fts else ", NULL AS marked"
    select += ", s.stance, s.confidence, s.reason" if iss else ", NULL AS stance, NULL AS confidence, NULL AS reason"
    frm = " FROM quotes q JOIN articles a ON a.id = q.article_id LEFT JOIN people p ON p.id = q.person_id"
    args: list[Any] = []
    if fts:
        frm += " JOIN quotes_fts ON quotes_fts.rowid = q.rowid"
    if iss:
        frm += " LEFT JOIN stances s ON s.quote_id = q.id AND s.issue_id = ?"
        args.append(iss.id)
    where = []
    if fts:
        where.append("quotes_fts MATCH ?")
        args.append(_fts_query(q or ""))
    if speaker:
        where.append("q.person_id = ?")
        args.append(speaker)
    if party:
        where.append("p.party = ?")
        args.append(party)
    if outlet:
        where.append("a.outlet = ?")
        args.append(outlet)
    if stance and iss:
        where.append("s.stance = ?")
        args.append(stance)
    if date_from:
        where.append("a.published >= ?")
        args.append(date_from)
    if date_to:
        where.append("a.published <= ?")
        args.append(date_to + "\uffff")
    sql_where = (" WHERE " + " AND ".join(where)) if where else ""
    return select, frm + sql_where, args, iss.id if iss else None


def search(store: SQLiteStore, *, q: str | None = None, speaker: str | None = None, party: str | None = None,
           outlet: str | None = None, issue: str | None = None, stance: str | None = None,
           date_from: str | None = None, date_to: str | None = None, page: int = 1, per_page: int = 20,
           ) -> dict[str, Any]:
    """Full-text search over quotes with facets and paging."""
    if page < 1 or page > MAX_PAGE or per_page < 1 or per_page > 500:
        raise OnrecordError("E401", f"page must be between 1 and {MAX_PAGE} and per_page between 1 and 500")
    select, rest, args, _ = _search_sql(store, q, speaker, party, outlet, issue, stance, date_from, date_to)
    total = store.query(f"SELECT COUNT(*) AS n {rest}", tuple(args))[0]["n"]
    order = " ORDER BY a.published DESC, a.source, q.start"
    rows = store.query(f"SELECT {select} {rest}{order} LIMIT ? OFFSET ?",
                       (*args, per_page, (page - 1) * per_page))
    for r in rows:
        r["segments"] = _segments(r.pop("marked")) if r.get("marked") else [{"text": r["text"], "match": False}]
    facets: dict[str, list[dict[str, Any]]] = {}
    for name, col in (("speaker", "q.person_id"), ("party", "p.party"), ("outlet", "a.outlet"),
                      ("stance", "s.stance" if issue else None)):
        if col is None:
            continue
        label = ", MAX(p.name) AS label" if name == "speaker" else ""
        joiner = " AND " if " WHERE " in rest else " WHERE "
        facet_rows = store.query(f"SELECT {col} AS value, COUNT(*) AS n{label} {rest}{joiner}{col} IS NOT NULL "
                                 f"GROUP BY {col} ORDER BY n DESC LIMIT 30", tuple(args))
        facets[name] = [{"value": f["value"], "label": f.get("label") or f["value"], "count": f["n"]}
                        for f in facet_rows]
    issues = [{"id": i.id, "name": i.name} for i in store.issues()]
    return {
        "query": {"q": q, "speaker": speaker, "party": party, "outlet": outlet, "issue": issue, "stance": stance,
                  "date_from": date_from, "date_to": date_to},
        "total": total, "page": page, "per_page": per_page, "pages": max(1, math.ceil(total / per_page)),
        "rows": rows, "facets": facets, "issues": issues,
    }


def iter_search(store: SQLiteStore, **filters: Any) -> Iterator[dict[str, Any]]:
    """Every row of a search, in batches, for streamed CSV downloads.

    The filters are checked (an unknown issue raises) and the query started before the first row is asked
    for, so a bad request fails before a streamed response has sent its status.
    """
    select, rest, args, _ = _search_sql(store, filters.get("q"), filters.get("speaker"), filters.get("party"),
                                        filters.get("outlet"), filters.get("issue"), filters.get("stance"),
                                        filters.get("date_from"), filters.get("date_to"))
    cur = store.conn.execute(f"SELECT {select} {rest} ORDER BY a.published DESC, a.source, q.start", tuple(args))
    cols = [d[0] for d in cur.description]

    def rows() -> Iterator[dict[str, Any]]:
        while True:
            batch = cur.fetchmany(500)
            if not batch:
                return
            for row in batch:
                r = dict(zip(cols, row, strict=True))
                r.pop("marked", None)
                yield r

    return rows()


def person(store: SQLiteStore, person_id: str) -> dict[str, Any]:
    """A person: names, roles, party, every quote, and their stance per issue over time."""
    p = next((x for x in store.all_people() if x.id == person_id), None)
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


def issue_board(store: SQLiteStore, issue: str) -> dict[str, Any]:
    """The board with counts per party and stance (TheyWorkForYou-style policy page)."""
    data = board(store, issue)
    for g in data["parties"]:
        g["counts"] = {s: sum(1 for p in g["people"] if p["stance"] == s) for s in STANCE_ORDER}
    data["counts"] = {s: sum(g["counts"][s] for g in data["parties"]) for s in STANCE_ORDER}
    return data


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False)
