"""Corrections by people: change a quote's speaker, merge two people, split an alias off, override a stance.

Plain functions over a :class:`~onrecord.store.SQLiteStore`; the CLI (``onrecord review``) and the API
(``onrecord.serve.review``) only call them. Every write

* checks the version of the record the reviewer read (``expected_version``) and refuses a stale edit with
  ``E409`` instead of overwriting someone else's change; a write bumps the version of what it changes;
* appends one row to the audit log: who, when, the action, the record, before and after (JSON), a reason;
* stores the correction itself, so that :func:`reapply` (run after every ingest and analysis) keeps it:
  a merged person met again in a new article is merged again, an alias split off is taken away again,
  a stance override replaces the model's label of its quote.

People's stances and party lines are recomputed right after each correction, from the stored labels.
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from .errors import OnrecordError
from .models import STANCES
from .resolve.people import person_id as slug_id
from .store import SQLiteStore

ACTIONS = ("speaker", "merge", "split", "stance")
MAX_PAGE = 1_000_000  # beyond it OFFSET overflows SQLite's integers: later pages are empty without asking


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# ------------------------------------------------------------------ reading records


def _person(c: sqlite3.Connection, pid: str) -> dict[str, Any] | None:
    row = c.execute("SELECT id, name, kind, party, version FROM people WHERE id = ?", (pid,)).fetchone()
    if row is None:
        return None
    out = dict(row)
    out["aliases"] = [r[0] for r in c.execute("SELECT alias FROM aliases WHERE person_id = ? ORDER BY alias", (pid,))]
    out["roles"] = [r[0] for r in c.execute("SELECT role FROM affiliations WHERE person_id = ? ORDER BY role",
                                            (pid,))]
    out["quotes"] = [r[0] for r in c.execute("SELECT id FROM quotes WHERE person_id = ? ORDER BY article_id, start",
                                             (pid,))]
    return out


def _quote(c: sqlite3.Connection, qid: str) -> dict[str, Any] | None:
    row = c.execute("SELECT q.id, q.article_id, q.text, q.mention_text, q.person_id, p.name AS speaker, q.version "
                    "FROM quotes q LEFT JOIN people p ON p.id = q.person_id WHERE q.id = ?", (qid,)).fetchone()
    return dict(row) if row else None


def _need_person(c: sqlite3.Connection, pid: str) -> dict[str, Any]:
    p = _person(c, pid)
    if p is None:
        raise OnrecordError("E301", f"no person {pid!r}", hint="person ids are in `onrecord people --format json`")
    return p


def _need_quote(c: sqlite3.Connection, qid: str) -> dict[str, Any]:
    q = _quote(c, qid)
    if q is None:
        raise OnrecordError("E301", f"no quote {qid!r}", hint="quote ids are in `onrecord quotes --format json`")
    return q


def _check_version(kind: str, record: dict[str, Any], expected: int | None) -> None:
    if expected is None or record["version"] != expected:
        raise OnrecordError(
            "E409", f"stale edit: {kind} {record['id']!r} is at version {record['version']}, "
            f"the edit was made on version {expected}",
            hint="reload the record, check what changed, and make the edit again")


def _check_who(who: str) -> str:
    who = (who or "").strip()
    if not who:
        raise OnrecordError("E411", "a correction needs to say who made it")
    return who


def _write_audit(c: sqlite3.Connection, *, who: str, at: str, action: str, target_type: str, target_id: str,
                 before: Any, after: Any, reason: str, payload: dict[str, Any]) -> int:
    cur = c.execute('INSERT INTO audit_log(who, at, action, target_type, target_id, "before", "after", reason) '
                    "VALUES (?,?,?,?,?,?,?,?) RETURNING id", (who, at, action, target_type, target_id,
                                                 json.dumps(before, ensure_ascii=False),
                                                 json.dumps(after, ensure_ascii=False), reason or None))
    audit_id = int(cur.fetchone()[0])
    c.execute("INSERT INTO corrections(action, target_type, target_id, payload, who, at, audit_id) "
              "VALUES (?,?,?,?,?,?,?)", (action, target_type, target_id, json.dumps(payload, ensure_ascii=False),
                                         who, at, audit_id))
    return audit_id


def _audit_row(r: dict[str, Any]) -> dict[str, Any]:
    return {"id": r["id"], "who": r["who"], "at": r["at"], "action": r["action"], "target_type": r["target_type"],
            "target_id": r["target_id"], "before": json.loads(r["before"]) if r["before"] else None,
            "after": json.loads(r["after"]) if r["after"] else None, "reason": r["reason"]}


def _entry(store: SQLiteStore, audit_id: int) -> dict[str, Any]:
    rows = store.query('SELECT * FROM audit_log WHERE id = ?', (audit_id,))
    return _audit_row(rows[0])


def _restance(store: SQLiteStore, issue_ids: Iterable[str] | None = None) -> None:
    from . import pipeline

    wanted = set(issue_ids) if issue_ids is not None else None
    register = pipeline.register_from_store(store)
    for issue in store.issues():
        if wanted is None or issue.id in wanted:
            pipeline.restance(store, issue, register=register)


# ------------------------------------------------------------------ moving things (shared with reapply)


def _move_quote(c: sqlite3.Connection, qid: str, pid: str) -> bool:
    cur = c.execute("UPDATE quotes SET person_id = ?, version = version + 1 WHERE id = ? AND "
                    "person_id IS DISTINCT FROM ?", (pid, qid, pid))
    return cur.rowcount > 0


def _merge_rows(c: sqlite3.Connection, keep: dict[str, Any], merge: dict[str, Any]) -> list[str]:
    """Move ``merge``'s quotes, aliases and roles onto ``keep``, its names become aliases; delete it."""
    moved = list(merge["quotes"])
    c.execute("UPDATE quotes SET person_id = ?, version = version + 1 WHERE person_id = ?", (keep["id"], merge["id"]))
    have = {keep["name"].lower()} | {a.lower() for a in keep["aliases"]}
    for a in [merge["name"], *merge["aliases"]]:
        if a and a.lower() not in have:
            have.add(a.lower())
            c.execute("INSERT INTO aliases(person_id, alias) VALUES (?,?) ON CONFLICT DO NOTHING", (keep["id"], a))
    c.execute("INSERT INTO affiliations(person_id, role) SELECT ?, role FROM affiliations "
              "WHERE person_id = ? ON CONFLICT DO NOTHING", (keep["id"], merge["id"]))
    c.execute("UPDATE people SET party = COALESCE(party, ?), version = version + 1 WHERE id = ?",
              (merge["party"], keep["id"]))
    c.execute("INSERT INTO mentions(person_id, article_id) SELECT ?, article_id FROM mentions "
              "WHERE person_id = ? ON CONFLICT DO NOTHING", (keep["id"], merge["id"]))
    c.execute("DELETE FROM people WHERE id = ?", (merge["id"],))
    return moved


def _remove_alias(c: sqlite3.Connection, pid: str, alias: str) -> bool:
    cur = c.execute("DELETE FROM aliases WHERE person_id = ? AND fold(alias) = fold(?)", (pid, alias))
    if cur.rowcount:
        c.execute("UPDATE people SET version = version + 1 WHERE id = ?", (pid,))
        return True
    return False


def _set_label(c: sqlite3.Connection, qid: str, issue_id: str, stance: str, reason: str) -> bool:
    row = c.execute("SELECT stance, confidence, reason, model FROM stances WHERE quote_id = ? AND issue_id = ?",
                    (qid, issue_id)).fetchone()
    if row is not None and tuple(row) == (stance, 1.0, reason, "human"):
        return False
    c.execute("INSERT INTO stances(quote_id, issue_id, stance, confidence, reason, model, quote_rowid)"
              " VALUES (?,?,?,?,?,?,(SELECT rowid FROM quotes WHERE id = ?))"
              " ON CONFLICT(quote_id, issue_id) DO UPDATE SET stance = excluded.stance, confidence ="
              " excluded.confidence, reason = excluded.reason, model = excluded.model",
              (qid, issue_id, stance, 1.0, reason, "human", qid))
    return True


# ------------------------------------------------------------------ the four corrections


def set_quote_speaker(store: SQLiteStore, quote_id: str, person_id: str, *, who: str, expected_version: int,
                      reason: str = "") -> dict[str, Any]:
    """Attribute the quote ``quote_id`` to ``person_id``. Returns the audit entry (``after`` has the new version)."""
    who = _check_who(who)
    with store.transaction() as c:
        q = _need_quote(c, quote_id)
        _check_version("quote", q, expected_version)
        p = _need_person(c, person_id)
        before = {"id": q["id"], "person_id": q["person_id"], "speaker": q["speaker"], "version": q["version"]}
        c.execute("UPDATE quotes SET person_id = ?, version = version + 1 WHERE id = ?", (p["id"], quote_id))
        after_q = _need_quote(c, quote_id)
        after = {"id": quote_id, "person_id": p["id"], "speaker": p["name"], "version": after_q["version"]}
        audit_id = _write_audit(c, who=who, at=_now(), action="speaker", target_type="quote", target_id=quote_id,
                                before=before, after=after, reason=reason,
                                payload={"quote_id": quote_id, "person_id": p["id"]})
    _restance(store)
    return _entry(store, audit_id)


def merge_people(store: SQLiteStore, keep_id: str, merge_id: str, *, who: str, expected_version: int,
                 expected_merge_version: int | None = None, reason: str = "") -> dict[str, Any]:
    """Merge person ``merge_id`` into ``keep_id``: quotes, aliases and roles move; the merged name becomes an
    alias of the kept person (so later articles naming them land there); the merged person is deleted.

    ``expected_version`` is the kept person's version; ``expected_merge_version``, when given, the merged one's.
    """
    who = _check_who(who)
    if keep_id == merge_id:
        raise OnrecordError("E411", "a person cannot be merged into themselves")
    with store.transaction() as c:
        keep = _need_person(c, keep_id)
        merge = _need_person(c, merge_id)
        _check_version("person", keep, expected_version)
        if expected_merge_version is not None:
            _check_version("person", merge, expected_merge_version)
        moved = _merge_rows(c, keep, merge)
        after = _need_person(c, keep_id)
        audit_id = _write_audit(
            c, who=who, at=_now(), action="merge", target_type="person", target_id=keep_id,
            before={"keep": keep, "merge": merge}, after={"keep": after, "moved_quotes": moved}, reason=reason,
            payload={"keep": keep_id, "merge": merge_id, "merge_name": merge["name"], "merge_aliases":
                     merge["aliases"], "quotes": moved})
    _restance(store)
    return _entry(store, audit_id)


def _free_person_id(c: sqlite3.Connection, name: str, reserved: set[str]) -> str:
    pid = slug_id(name)
    while pid in reserved or c.execute("SELECT 1 FROM people WHERE id = ?", (pid,)).fetchone():
        pid += "-2"
    return pid


def split_alias(store: SQLiteStore, person_id: str, alias: str, *, who: str, expected_version: int,
                reason: str = "") -> dict[str, Any]:
    """Take ``alias`` off ``person_id`` and make it a new person, with the quotes whose mention is that alias."""
    who = _check_who(who)
    alias = (alias or "").strip()
    with store.transaction() as c:
        p = _need_person(c, person_id)
        _check_version("person", p, expected_version)
        match = next((a for a in p["aliases"] if a.lower() == alias.lower()), None)
        if match is None:
            raise OnrecordError("E301", f"{p['name']} ({person_id}) has no alias {alias!r}",
                                hint=f"aliases: {', '.join(p['aliases']) or '(none)'}")
        moved = [r[0] for r in c.execute(
            "SELECT id FROM quotes WHERE person_id = ? AND fold(trim(mention_text)) = fold(?) "
            "ORDER BY article_id, start", (person_id, match))]
        new_id = _free_person_id(c, match, set(store.merged_people()))
        c.execute("INSERT INTO people(id, name, kind, party) VALUES (?,?,?,NULL)", (new_id, match, p["kind"]))
        _remove_alias(c, person_id, match)
        for qid in moved:
            _move_quote(c, qid, new_id)
        after = {"person": _need_person(c, person_id), "new_person": _need_person(c, new_id), "moved_quotes": moved}
        audit_id = _write_audit(c, who=who, at=_now(), action="split", target_type="person", target_id=person_id,
                                before={"person": p}, after=after, reason=reason,
                                payload={"person_id": person_id, "alias": match, "new_person_id": new_id,
                                         "quotes": moved})
    _restance(store)
    return _entry(store, audit_id)


def override_stance(store: SQLiteStore, quote_id: str, issue_id: str, stance: str, reason: str, *, who: str,
                    expected_version: int) -> dict[str, Any]:
    """Set the quote's stance toward an issue by hand (model ``human``); it holds through every re-analysis."""
    who = _check_who(who)
    if stance not in STANCES:
        raise OnrecordError("E411", f"stance must be one of {', '.join(STANCES)}, not {stance!r}")
    reason = (reason or "").strip()
    if not reason:
        raise OnrecordError("E411", "a stance override needs a reason")
    issue = store.get_issue(issue_id)
    with store.transaction() as c:
        q = _need_quote(c, quote_id)
        _check_version("quote", q, expected_version)
        row = c.execute("SELECT stance, confidence, reason, model FROM stances WHERE quote_id = ? AND issue_id = ?",
                        (quote_id, issue.id)).fetchone()
        before = {"id": quote_id, "issue_id": issue.id, "version": q["version"], **(dict(row) if row else
                  {"stance": None, "confidence": None, "reason": None, "model": None})}
        _set_label(c, quote_id, issue.id, stance, reason)
        c.execute("UPDATE quotes SET version = version + 1 WHERE id = ?", (quote_id,))
        after = {"id": quote_id, "issue_id": issue.id, "version": q["version"] + 1, "stance": stance,
                 "confidence": 1.0, "reason": reason, "model": "human"}
        audit_id = _write_audit(c, who=who, at=_now(), action="stance", target_type="quote", target_id=quote_id,
                                before=before, after=after, reason=reason,
                                payload={"quote_id": quote_id, "issue_id": issue.id, "stance": stance,
                                         "reason": reason})
    _restance(store, [issue.id])
    return _entry(store, audit_id)


# ------------------------------------------------------------------ reading the log


def audit_log(store: SQLiteStore, limit: int = 100, *, offset: int = 0, target_type: str | None = None,
              target_id: str | None = None) -> list[dict[str, Any]]:
    """The newest audit entries first, optionally for one record."""
    where, args = _audit_where(target_type, target_id)
    rows = store.query(f"SELECT * FROM audit_log{where} ORDER BY id DESC LIMIT ? OFFSET ?",
                       (*args, int(limit), int(offset)))
    return [_audit_row(r) for r in rows]


def _audit_where(target_type: str | None, target_id: str | None) -> tuple[str, tuple[Any, ...]]:
    where, args = [], []
    if target_type:
        where.append("target_type = ?")
        args.append(target_type)
    if target_id:
        where.append("target_id = ?")
        args.append(target_id)
    return (" WHERE " + " AND ".join(where) if where else ""), tuple(args)


def audit_page(store: SQLiteStore, *, page: int = 1, per_page: int = 50, target_type: str | None = None,
               target_id: str | None = None) -> dict[str, Any]:
    """One page of the audit log (newest first) with the total count."""
    if page < 1 or per_page < 1 or per_page > 500:
        raise OnrecordError("E401", "page must be 1 or more and per_page between 1 and 500")
    where, args = _audit_where(target_type, target_id)
    total = int(store.query(f"SELECT COUNT(*) AS n FROM audit_log{where}", args)[0]["n"])
    # a page past the last is empty; past MAX_PAGE it is not asked of SQLite (its OFFSET would overflow)
    rows = [] if page > MAX_PAGE else audit_log(store, per_page, offset=(page - 1) * per_page,
                                                target_type=target_type, target_id=target_id)
    return {"total": total, "page": page, "per_page": per_page, "pages": max(1, math.ceil(total / per_page)),
            "rows": rows}


# ------------------------------------------------------------------ keeping corrections after ingest and analysis


def reapply(store: SQLiteStore) -> tuple[int, set[str]]:
    """Bring the store back in line with every stored correction; idempotent.

    The corrections are read oldest first to work out the state they ask for (the latest word on each quote
    wins; a merge sends everything of the merged person, then and later, to the kept one), then only what
    differs is changed. Returns how many records changed and the ids of the issues whose people's stances
    need recomputing.
    """
    merged_into: dict[str, str] = {}
    quote_target: dict[str, str] = {}
    blocked: dict[tuple[str, str], str] = {}  # (person id, alias lower) -> alias, split off that person
    overrides: dict[tuple[str, str], tuple[str, str]] = {}
    for r in store.corrections():
        pl = r["payload"]
        if r["action"] == "speaker":
            quote_target[pl["quote_id"]] = pl["person_id"]
        elif r["action"] == "merge":
            merged_into[pl["merge"]] = pl["keep"]
            names = {n.lower() for n in [pl.get("merge_name") or "", *pl.get("merge_aliases", [])]}
            for key in [k for k in blocked if k[0] == pl["keep"] and k[1] in names]:
                del blocked[key]  # the kept person now goes by the merged names again
            for key in [k for k in blocked if k[0] == pl["merge"]]:
                blocked[(pl["keep"], key[1])] = blocked.pop(key)
        elif r["action"] == "split":
            blocked[(pl["person_id"], pl["alias"].lower())] = pl["alias"]
            for qid in pl.get("quotes", []):
                quote_target[qid] = pl["new_person_id"]
        elif r["action"] == "stance":
            overrides[(pl["quote_id"], pl["issue_id"])] = (pl["stance"], pl["reason"])

    def follow(pid: str) -> str:
        seen: set[str] = set()
        while pid in merged_into and pid not in seen:
            seen.add(pid)
            pid = merged_into[pid]
        return pid

    changed = labels = 0
    stance_issues: set[str] = set()
    with store.transaction() as c:
        for merge_id in merged_into:
            target = follow(merge_id)
            merge = _person(c, merge_id)
            keep = _person(c, target)
            if merge is not None and keep is not None and target != merge_id:
                _merge_rows(c, keep, merge)
                changed += 1
        for qid, pid in quote_target.items():
            target = follow(pid)
            exists = c.execute("SELECT 1 FROM people WHERE id = ?", (target,)).fetchone()
            if exists and _move_quote(c, qid, target):
                changed += 1
        for (pid, _), alias in blocked.items():
            if _remove_alias(c, follow(pid), alias):
                changed += 1
        issue_ids = {r[0] for r in c.execute("SELECT id FROM issues")}
        for (qid, iid), (stance, reason) in overrides.items():
            if iid in issue_ids and c.execute("SELECT 1 FROM quotes WHERE id = ?", (qid,)).fetchone() \
                    and _set_label(c, qid, iid, stance, reason):
                stance_issues.add(iid)
                labels += 1
    if changed:  # a quote or a person changed: every issue's people need recomputing
        stance_issues = {i.id for i in store.issues()}
    return changed + labels, stance_issues
