"""Read-side functions shared by the CLI, the exports (and later the API and web pages)."""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any

from ..errors import OnrecordError
from ..models import Issue
from ..resolve.register import short_party
from ..stance.aggregate import SUMMARY, Sides, board_position, summarize
from ..store import SQLiteStore

# how many other outlets carry a quote (its copies' articles, one per outlet; an article with no outlet counts alone)
ALSO_IN = ("(SELECT COUNT(DISTINCT COALESCE(ca.outlet, ca.id)) FROM quotes c JOIN articles ca ON ca.id = c.article_id"
           " WHERE c.copy_of = q.id AND COALESCE(ca.outlet, ca.id) IS DISTINCT FROM (SELECT COALESCE(oa.outlet, oa.id)"
           " FROM articles oa WHERE oa.id = q.article_id))")


def quotes(
    store: SQLiteStore,
    *,
    speaker: str | None = None,
    party: str | None = None,
    issue: str | None = None,
    stance: str | None = None,
    text: str | None = None,
    limit: int | None = None,
    copies: bool = False,
) -> list[dict[str, Any]]:
    """Quotes with their speaker, article and (for an issue) stance, filtered; at most ``limit`` (1 or more).
    A quote that a later copy of its story repeats is listed once, with ``also_in`` (how many other outlets
    carry it); ``copies`` lists every copy too (each with ``copy_of``, the quote it repeats), as the export does."""
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 1):
        raise OnrecordError("E401", f"limit={limit!r} must be a whole number of 1 or more",
                            hint="leave the limit out to list every quote")
    iss = store.get_issue(issue) if issue else None
    sql = ['SELECT q.id, q.article_id, a.source, a.title, a.published, a.outlet, q.start, q."end", q.text, q.kind,'
           " q.cue_text, q.cue_start, q.cue_end, q.mention_text, q.mention_start, q.mention_end, q.mention_kind,"
           " q.mouth, q.venue, q.person_id, p.name AS speaker, p.party, q.version, q.copy_of, a.story_id,"
           f" {ALSO_IN} AS also_in"]
    args: list[Any] = []
    if iss:
        sql.append(", s.stance, s.confidence, s.reason, s.model AS stance_model")
    sql.append(" FROM quotes q JOIN articles a ON a.id = q.article_id LEFT JOIN people p ON p.id = q.person_id")
    if iss:
        sql.append(" LEFT JOIN stances s ON s.quote_id = q.id AND s.issue_id = ?")
        args.append(iss.id)
    where = [] if copies else ["q.copy_of IS NULL"]
    if speaker:
        where.append("(fold(p.name) LIKE fold(?) OR p.id IN (SELECT person_id FROM aliases WHERE fold(alias) LIKE"
                     " fold(?)))")
        args += [f"%{speaker}%", f"%{speaker}%"]
    if party:
        where.append("fold(p.party) = fold(?)")
        args.append(party)
    if stance:
        if not iss:
            where.append("q.id IN (SELECT quote_id FROM stances WHERE stance = ?)")
        else:
            where.append("s.stance = ?")
        args.append(stance)
    if text and text.strip():
        match, words = store.text_match("q", text)
        where.append(match)
        args.append(words)
    if where:
        sql.append(" WHERE " + " AND ".join(where))
    sql.append(" ORDER BY a.source, q.start")
    if limit is not None:
        sql.append(" LIMIT ?")
        args.append(int(limit))
    return store.query("".join(sql), tuple(args))


def people(store: SQLiteStore, *, issue: str | None = None, counted: bool = True) -> list[dict[str, Any]]:
    """Everyone, with how many quotes each has (not copies) and, for an issue, their stance on it. Not
    ``counted``: ``quotes`` is 1 for anyone with a quote, 0 for the others (one probe each, not a count of
    every quote)."""
    iss = store.get_issue(issue) if issue else None
    stances = {}
    if iss:
        for r in store.query("SELECT * FROM person_stances WHERE issue_id = ?", (iss.id,)):
            stances[r["person_id"]] = r
    counts = {r["person_id"]: r["n"] for r in store.query(
        "SELECT person_id, COUNT(*) AS n FROM quotes WHERE person_id IS NOT NULL AND copy_of IS NULL "
        "GROUP BY person_id")} if counted else {r["id"]: 1 for r in store.query(
        "SELECT p.id FROM people p WHERE EXISTS (SELECT 1 FROM quotes q WHERE q.person_id = p.id AND q.copy_of IS"
        " NULL)")}
    versions = {r["id"]: r["version"] for r in store.query("SELECT id, version FROM people")}
    out = []
    for p in store.all_people():
        row: dict[str, Any] = {"id": p.id, "name": p.name, "kind": p.kind, "aliases": p.aliases, "party": p.party,
                               "roles": p.roles, "quotes": counts.get(p.id, 0), "version": versions.get(p.id, 1)}
        if iss:
            s = stances.get(p.id)
            row["stance"] = s["stance"] if s else "none"
            row["confidence"] = s["confidence"] if s else 0.0
            row["breaks_with_party"] = bool(s["breaks_with_party"]) if s else False
            row["evidence"] = json.loads(s["evidence"]) if s else []
            row["basis"] = (s["basis"] or "") if s else ""
        out.append(row)
    return out


def _evidence_quotes(store: SQLiteStore, evidence: list[list[str]], batch: int = 3) -> dict[str, dict[str, Any]]:
    """The stored quotes among each person's evidence ids, enough to find each one's first stored one.

    Their first ``batch`` ids, then the next ones only for people none of whose ids so far is stored: the
    board reads a few quotes per person, not every quote.
    """
    found: dict[str, dict[str, Any]] = {}
    todo = [ev for ev in evidence if ev]
    start = 0
    while todo:
        wanted = sorted({e for ev in todo for e in ev[start : start + batch]})
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for r in store.query(f"SELECT q.id, q.text, q.article_id, a.source, {ALSO_IN} AS also_in FROM quotes q"
                                 f" JOIN articles a ON a.id = q.article_id WHERE q.id IN ({marks})",
                                 tuple(chunk)):
                found[r["id"]] = r
        start += batch
        todo = [ev for ev in todo if len(ev) > start and not any(e in found for e in ev[:start])]
    return found


def board(store: SQLiteStore, issue: str) -> dict[str, Any]:
    """Per issue: people grouped by party and stance, each party's line, who breaks it, strongest quotes."""
    iss = store.get_issue(issue)
    lines = {r["party"]: r for r in store.query("SELECT * FROM party_lines WHERE issue_id = ?", (iss.id,))}
    quoted = [p for p in people(store, issue=iss.name, counted=False) if p["quotes"]]
    qrows = _evidence_quotes(store, [p["evidence"] for p in quoted])
    # what each one's labelled statements come to, kept with their stance (not read off the statements)
    sides = {r["person_id"]: Sides.from_json(r["sides"]) for r in store.query(
        "SELECT person_id, sides FROM person_stances WHERE issue_id = ?", (iss.id,))}
    groups: dict[str, dict[str, Any]] = {}
    for p in quoted:
        party = p["party"] or "(no party)"
        g = groups.setdefault(party, {"party": party, "line": None, "line_source": None, "people": [],
                                      "breakers": []})
        best = next((qrows[e] for e in p["evidence"] if e in qrows), None)
        seen = sides.get(p["id"], Sides())
        shown, why = board_position(p["stance"], p["confidence"] or 0.0, seen)
        summary = summarize(p["stance"], seen, p["basis"])
        if p["basis"]:  # a side held by the party line, not by their own statements: shown with the line
            shown, why = p["stance"], ""
        entry = {"name": p["name"], "id": p["id"], "stance": p["stance"], "position": shown,
                 "summary": f"{SUMMARY['unclear']}: {why} ({summary.lower()})" if why else summary,
                 # (a side the board cannot trust breaks no line on it)
                 "confidence": p["confidence"], "breaks_with_party": p["breaks_with_party"] and shown != "unclear",
                 "basis": p["basis"],
                 "quote": ({"id": best["id"], "text": best["text"], "source": best["source"],
                            "article_id": best["article_id"], "also_in": best["also_in"]} if best else None)}
        g["people"].append(entry)
        if entry["breaks_with_party"]:
            g["breakers"].append(p["name"])
    for party, g in groups.items():
        if party in lines:
            g["line"], g["line_source"] = lines[party]["stance"], lines[party]["source"]
        order = {"support": 0, "oppose": 1, "unclear": 2, "neutral": 3, "none": 4}
        g["people"].sort(key=lambda e: (order[e["position"]], e["name"]))
    parties = sorted(groups.values(), key=lambda g: (g["party"] == "(no party)", g["party"]))
    return {"issue": issue_row(store, iss), "parties": parties}


def issue_row(store: SQLiteStore, iss: Issue) -> dict[str, Any]:
    """An issue as its page and ``issue list`` show it, with how its phrase is read: as kept by its last analysis
    (the reading its labels were made with), else read now (which loads the parser)."""
    reading = store.kept_reading(iss.id)
    if reading is None:
        from ..stance.proposition import describe, parse

        reading = describe(parse(iss))
    return {"id": iss.id, "name": iss.name, "description": iss.description, "keywords": iss.keywords,
            "examples_for": iss.examples_for, "examples_against": iss.examples_against,
            "reading": reading, "corrected": sorted(iss.reading)}


def is_party(person: dict[str, Any]) -> bool:
    """Whether a person record is a political party itself (its name is its party's: "Labour Party" of "Labour")."""
    party = person.get("party")
    return person.get("kind") == "organisation" and bool(party) and party in {person["name"],
                                                                                short_party(person["name"])}


def _called(rows: list[dict[str, Any]]) -> dict[str, str]:
    """Each speaker's name as their quotes' mentions call it most often ("the Tories" -> "Tories"): the name a
    party goes by in the articles, where the register's name ("Conservative Party") is seldom written."""
    seen: dict[str, Counter[str]] = {}
    for r in rows:
        text = re.sub(r"^the\s+|[’']s$", "", (r.get("mention_text") or "").strip(), flags=re.I)
        if r.get("person_id") and r.get("mention_kind") in {"name", "organisation"} and text[:1].isupper():
            seen.setdefault(r["person_id"], Counter())[text] += 1
    return {pid: c.most_common(1)[0][0] for pid, c in seen.items()}


def mentioned_on(store: SQLiteStore, issue: str) -> set[str]:
    """The people and organisations named in the articles that bear on ``issue`` (where a statement takes a side
    or a neutral position on it), quoted or not: actors the story reports with no statement of theirs found."""
    iss = store.get_issue(issue)
    return {r["person_id"] for r in store.query(
        "SELECT DISTINCT m.person_id FROM mentions m WHERE m.article_id IN (SELECT DISTINCT q.article_id FROM "
        "stances s JOIN quotes q ON q.id = s.quote_id WHERE s.issue_id = ? AND s.stance != 'none')", (iss.id,))}


def export_issue(store: SQLiteStore, issue: str | None = None) -> dict[str, Any]:
    """The JSON contract: documents with their quotes, and people with their stance."""
    rows = quotes(store, issue=issue, copies=True)
    docs: dict[str, dict[str, Any]] = {}
    story_of = {r["id"]: r["story_id"] for r in store.query("SELECT id, story_id FROM articles")}
    for a in store.articles():
        docs[a.id] = {"source": a.source, "id": a.id, "title": a.title, "url": a.url, "published": a.published,
                      "outlet": a.outlet, "story_id": story_of.get(a.id) or a.id, "quotes": []}
    for r in rows:
        docs[r["article_id"]]["quotes"].append({
            "id": r["id"], "start": r["start"], "end": r["end"], "text": r["text"], "kind": r["kind"],
            "speaker": r["speaker"], "speaker_id": r["person_id"],
            "mention": ({"text": r["mention_text"], "start": r["mention_start"], "end": r["mention_end"],
                         "kind": r["mention_kind"]} if r["mention_text"] is not None else None),
            "mouth": r["mouth"],
            "cue": ({"text": r["cue_text"], "start": r["cue_start"], "end": r["cue_end"]}
                    if r["cue_text"] is not None else None),
            "venue": r["venue"], "stance": r.get("stance"), "confidence": r.get("confidence"),
            "stance_reason": r.get("reason"), "stance_model": r.get("stance_model"), "copy_of": r["copy_of"],
        })
    called = _called(rows)
    named = mentioned_on(store, issue) if issue else set()
    ppl = [{"name": called.get(p["id"], p["name"]) if is_party(p) else p["name"], "id": p["id"], "kind": p["kind"],
            "aliases": p["aliases"] if called.get(p["id"], p["name"]) == p["name"] else
            [p["name"], *[a for a in p["aliases"] if a != called[p["id"]]]],
            "party": p["party"], "roles": p["roles"], "stance": p.get("stance"), "confidence": p.get("confidence"),
            "breaks_with_party": p.get("breaks_with_party", False), "evidence": p.get("evidence", []),
            **({"basis": p["basis"]} if p.get("basis") else {})}
           for p in people(store, issue=issue) if p["quotes"] or p["id"] in named]
    for p in ppl:
        if p["id"] in named and not p["evidence"]:
            p["mentioned_only"] = True
    out: dict[str, Any] = {"documents": list(docs.values()), "people": ppl}
    if issue:
        iss = store.get_issue(issue)
        out["issue"] = {"id": iss.id, "name": iss.name, "description": iss.description, "keywords": iss.keywords}
        out["party_lines"] = store.query("SELECT party, stance, source FROM party_lines WHERE issue_id = ?",
                                         (iss.id,))
    return out
