"""Score the whole pipeline on real news with person-level gold (``../shared/data/realnews``).

Two scorers, each run the way a user runs onrecord, one article at a time in a fresh store:

* :func:`evaluate_people` (``onrecord eval people``): a person-level gold (the UK set ``uk/person_stance.json`` or
  the US set ``scu/person_stance.json``). Each entry's article is ingested alone (with the entry's register for the
  UK set; as JSON Lines carrying the manifest's date, URL and outlet where the manifest gives a date), its issue is
  named as written, and the export is read. Figures: people found, accuracy over the four labels, side recall
  (gold support/oppose given that side), wrong side (of the people given a side where gold gives one, the share
  given the opposite one), party-line breaks precision/recall/F1 over gold people, a confusion table, the misses.
  Everything is also given on the gold's ``high``-confidence people.
* :func:`evaluate_scu` (``onrecord eval scu``): the SCU sourcing annotation (``scu/ground_truth``, read by the
  data's own ``scu/load.py``). A statement is detected when a predicted quote overlaps it by at least half of the
  shorter span; on detected statements whose source is a named person or organisation, the speaker's name is right
  when it matches the source's name (:func:`names_match`), wrong when it names someone else, missing when there is
  none. The wrong-name and no-name rates are kept apart: a wrong name is worse than none.

A gold person is found when an exported person's name matches it (:func:`names_match`): honorifics and titles
dropped, case and punctuation ignored, the surname must agree and the first name too when both give one.

The corpus lives outside the repository (default ``../shared/data/realnews``, or ``$ONRECORD_REALNEWS``); its
texts belong to their publishers and are never copied here.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import os
import re
import tempfile
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import OnrecordError
from ..resolve.register import load_register
from ..settings import default as default_setting

LABELS = ("support", "oppose", "neutral", "none")
# Dropped from both names before they are compared ("Sir Keir Starmer", "Rep. Ann Cole", "the NFU").
NAME_TITLES = {
    "sir", "dame", "lord", "lady", "baroness", "baron", "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor",
    "rev", "reverend", "cllr", "councillor", "sen", "senator", "rep", "representative", "gov", "governor",
    "president", "mayor", "judge", "justice", "chancellor", "rt", "hon", "the", "mp", "jr", "sr", "superintendent",
    "supervisor", "commissioner", "councilmember", "councilman", "councilwoman", "assemblymember", "assemblyman",
    "assemblywoman", "congressman", "congresswoman", "sheriff", "attorney", "general", "coach", "col", "lt", "capt",
    "sgt", "gen", "maj", "cmdr", "adm", "fr",
}


def realnews_root() -> Path:
    env = os.environ.get("ONRECORD_REALNEWS")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3] / "shared" / "data" / "realnews"


def _words(name: str) -> list[str]:
    name = unicodedata.normalize("NFKD", name)
    name = "".join(c for c in name if not unicodedata.combining(c))
    name = re.sub(r"[’']s\b", "", name.lower())
    words = re.findall(r"[a-z0-9]+", name.replace("-", ""))
    return [w for w in words if w not in NAME_TITLES]


def name_variants(name: str) -> list[list[str]]:
    """The word lists a gold name may be written as: the name without a parenthesis, and what the parenthesis
    holds ("ACLU (ACLU of Tennessee)" is either); a sourcing sheet's "role, name" ("Lawyers, Kaufman Legal Group")
    and a joint name ("Reuters/Ipsos") are either part, as well as the whole."""
    out = []
    base = re.sub(r"\([^)]*\)", " ", name)
    for variant in [base, *re.findall(r"\(([^)]*)\)", name)]:
        for part in [variant, *variant.split("/"), *variant.split(",")]:
            w = _words(part)
            if w and w not in out:
                out.append(w)
    return out


def names_match(pred: str, gold: str) -> bool:
    """A predicted name names the gold one: the surname (last word) agrees, and the first word too when both
    give more than one word."""
    p = _words(re.sub(r"\([^)]*\)", " ", pred))
    if not p:
        return False
    for g in name_variants(gold):
        if p[-1] != g[-1]:
            continue
        if len(p) == 1 or len(g) == 1 or p[0] == g[0]:
            return True
    return False


def _exact(pred: str, gold: str) -> bool:
    return _words(pred) in name_variants(gold)


def find_person(people: list[dict[str, Any]], gold_name: str) -> dict[str, Any] | None:
    """The exported person that names ``gold_name``: an exact name first, then the one with most evidence."""
    hits = [p for p in people if names_match(p["name"], gold_name)]
    if not hits:
        return None
    return max(hits, key=lambda p: (_exact(p["name"], gold_name), len(_words(p["name"])), len(p.get("evidence") or
                                                                                               [])))


# --------------------------------------------------------------------------------------------- running the pipeline
def run_article(path: Path, issues: list[str], *, register: Path | None = None, meta: dict[str, str] | None = None,
                settings: dict[str, Any] | None = None) -> dict[str, dict[str, Any]]:
    """Ingest one article alone into a fresh store (as JSON Lines with ``meta``'s date, URL and outlet when given),
    name each issue, and return each issue's export."""
    from .. import pipeline, query
    from ..store import open_store

    run_settings = {**(settings or {}), "progress": False}
    out: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "eval.db"))
        try:
            reg = pipeline.load_register_into(store, register) if register else None
            source: Path = path
            if meta and meta.get("date"):
                text = path.read_text(encoding="utf-8-sig")
                source = Path(tmp) / (path.stem + ".jsonl")
                rec = {"text": text, "published": meta["date"], "url": meta.get("url") or None,
                       "outlet": meta.get("outlet") or None}
                source.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
            pipeline.ingest(store, [source], register=reg, settings=run_settings)
            for issue in issues:
                pipeline.add_issue(store, issue, settings=run_settings)
                out[issue] = query.export_issue(store, issue)
            if not issues:
                out[""] = query.export_issue(store, None)
        finally:
            store.close()
    return out


# ------------------------------------------------------------------------------------------------ person-level gold
@dataclass
class GoldEntry:
    file: Path
    issue: str
    people: list[dict[str, Any]]
    parties: dict[str, Any] = field(default_factory=dict)
    meta: dict[str, str] = field(default_factory=dict)


def _manifest(folder: Path) -> dict[str, dict[str, str]]:
    path = folder / "manifest.tsv"
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8") as fh:
        return {row["file"]: row for row in csv.DictReader(fh, delimiter="\t")}


def load_people_gold(path: Path) -> list[GoldEntry]:
    """The entries of a person-level gold file (``articles`` and ``extra_same_article_issues``)."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise OnrecordError("E302", f"{path}: {exc}", path=str(path)) from exc
    if not isinstance(data, dict) or not isinstance(data.get("articles"), list):
        raise OnrecordError("E302", f"{path}: expected an object with 'articles'", path=str(path))
    folder = path.parent
    manifest = _manifest(folder)
    out = []
    for e in data["articles"] + data.get("extra_same_article_issues", []):
        if not isinstance(e, dict) or "file" not in e or "issue" not in e or "people" not in e:
            raise OnrecordError("E302", f"{path}: an entry needs file, issue and people", path=str(path))
        row = manifest.get(e["file"], {})
        meta = {"date": e.get("date") or row.get("date") or "", "url": e.get("url") or row.get("url") or "",
                "outlet": e.get("outlet") or row.get("outlet") or ""}
        out.append(GoldEntry(folder / "articles" / e["file"], e["issue"], e["people"], e.get("parties") or {}, meta))
    return out


def default_register(gold_path: Path) -> Path | None:
    reg = gold_path.parent / "register.json"
    return reg if reg.is_file() else None


def party_names(register: Path | None) -> Callable[[str | None], str | None]:
    """A party's name as the register knows it ("SNP" and "Scottish National Party" are one party), so that the
    gold's short names and the export's register names compare."""
    reg = load_register(register) if register else None

    def canon(name: str | None) -> str | None:
        if not name:
            return None
        found = reg.party_for(name) if reg is not None else None
        return (found or name).lower()
    return canon


def score_entry(entry: GoldEntry, export: dict[str, Any],
                party: Callable[[str | None], str | None] | None = None) -> list[dict[str, Any]]:
    """One row per gold person: what the export says of them (parties compared through ``party``)."""
    canon = party or (lambda name: name.lower() if name else None)
    rows = []
    people = export.get("people", [])
    for gp in entry.people:
        hit = find_person(people, gp["name"])
        rows.append({
            "file": entry.file.name, "issue": entry.issue, "name": gp["name"], "confidence": gp.get("confidence"),
            "gold": gp["stance"], "gold_party": gp.get("party"), "gold_breaks": bool(gp.get("breaks_with_party")),
            "found": hit is not None, "as": hit["name"] if hit else None,
            "pred": (hit.get("stance") or "none") if hit else "none", "pred_party": hit.get("party") if hit else None,
            "pred_breaks": bool(hit.get("breaks_with_party")) if hit else False,
            "pred_confidence": float(hit.get("confidence") or 0.0) if hit else 0.0,
            "party_right": hit is not None and canon(hit.get("party")) == canon(gp.get("party")),
        })
    return rows


def people_figures(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The person-level figures over ``rows`` (see the module's docstring)."""
    n = len(rows)
    sided = [r for r in rows if r["gold"] in {"support", "oppose"}]
    given = [r for r in sided if r["pred"] in {"support", "oppose"}]
    bp = [r for r in rows if r["pred_breaks"]]
    bg = [r for r in rows if r["gold_breaks"]]
    tp = sum(1 for r in rows if r["pred_breaks"] and r["gold_breaks"])
    prec = tp / len(bp) if bp else 0.0
    rec = tp / len(bg) if bg else 0.0
    with_party = [r for r in rows if r["found"] and r["gold_party"]]
    return {
        "people": n,
        "found": round(sum(r["found"] for r in rows) / n, 4) if n else 0.0,
        "accuracy": round(sum(r["found"] and r["pred"] == r["gold"] for r in rows) / n, 4) if n else 0.0,
        "side_recall": round(sum(r["found"] and r["pred"] == r["gold"] for r in sided) / len(sided), 4)
        if sided else 0.0,
        "wrong_side": round(sum(r["pred"] != r["gold"] for r in given) / len(given), 4) if given else 0.0,
        "sides_given": len(given),
        "party_right": round(sum(r["party_right"] for r in with_party) / len(with_party), 4)
        if with_party else 0.0,
        "breaks": {"predicted": len(bp), "gold": len(bg), "right": tp, "precision": round(prec, 4),
                   "recall": round(rec, 4), "f1": round(2 * prec * rec / (prec + rec), 4) if prec + rec else 0.0},
        "baseline_none": round(sum(r["gold"] == "none" for r in rows) / n, 4) if n else 0.0,
        "baseline_support": round(sum(r["gold"] == "support" for r in rows) / n, 4) if n else 0.0,
    }


RELIABILITY_BINS = (0.0, 0.3, 0.5, 0.7, 1.01)


def reliability(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """How often the side given is right, by the person-level confidence given with it: one row per confidence bin
    over the people given a side where the gold gives one (the table that says where to call a side unclear)."""
    given = [r for r in rows if r["pred"] in {"support", "oppose"} and r["gold"] in {"support", "oppose"}]
    out = []
    for lo, hi in zip(RELIABILITY_BINS, RELIABILITY_BINS[1:], strict=False):
        inside = [r for r in given if lo <= r.get("pred_confidence", 0.0) < hi]
        right = sum(r["pred"] == r["gold"] for r in inside)
        out.append({"from": lo, "to": min(hi, 1.0), "n": len(inside), "right": right,
                    "right_share": round(right / len(inside), 3) if inside else None})
    return out


def confusion(rows: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """gold label -> predicted label -> count (a person not found is predicted ``missing``)."""
    out: dict[str, dict[str, int]] = {g: dict.fromkeys((*LABELS, "missing"), 0) for g in LABELS}
    for r in rows:
        out[r["gold"]][r["pred"] if r["found"] else "missing"] += 1
    return out


def evaluate_people(gold: Path, *, register: Path | None = None, settings: dict[str, Any] | None = None,
                    progress: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Run every entry of a person-level gold file alone and score it."""
    entries = load_people_gold(gold)
    reg = register or default_register(gold)
    t0 = time.perf_counter()
    canon = party_names(reg)
    rows: list[dict[str, Any]] = []
    by_file: dict[Path, list[GoldEntry]] = defaultdict(list)
    for e in entries:
        by_file[e.file].append(e)
    for e in entries:
        if progress:
            progress(e.file.name)
        if not e.file.is_file():
            raise OnrecordError("E101", f"{e.file}: article of the gold not found", path=str(e.file))
        export = run_article(e.file, [e.issue], register=reg, meta=e.meta, settings=settings)[e.issue]
        rows += score_entry(e, export, canon)
    high = [r for r in rows if r["confidence"] == "high"]
    model = str((settings or {}).get("stance_model") or default_setting("stance_model"))
    return {
        "gold": str(gold), "entries": len(entries), "register": str(reg) if reg else None, "stance_model": model,
        "all": people_figures(rows), "high": people_figures(high), "confusion": confusion(rows),
        "reliability": reliability(rows),
        "misses": [r for r in rows if not r["found"] or r["pred"] != r["gold"] or r["pred_breaks"] != r["gold_breaks"]],
        "rows": rows, "seconds": round(time.perf_counter() - t0, 1),
        "command": f"onrecord eval people --gold {gold}" + (f" --register {reg}" if register else "") +
        (f" --model {model}" if model != default_setting("stance_model") else ""),
    }


def format_people(d: dict[str, Any], misses: bool = True) -> str:
    def line(name: str, f: dict[str, Any]) -> str:
        b = f["breaks"]
        return (f"{name:5} people {f['people']:3}  found {f['found']:.3f}  accuracy {f['accuracy']:.3f}  "
                f"side recall {f['side_recall']:.3f}  wrong side {f['wrong_side']:.3f} (of {f['sides_given']})  "
                f"breaks P {b['precision']:.3f} R {b['recall']:.3f} F1 {b['f1']:.3f} "
                f"({b['right']}/{b['predicted']} of {b['gold']})  party {f['party_right']:.3f}")
    out = [f"{d['gold']} ({d['entries']} entries, stance model {d['stance_model']}, {d['seconds']} s)",
           line("all", d["all"]), line("high", d["high"]),
           f"      baselines: all 'none' {d['all']['baseline_none']:.3f}, all 'support' "
           f"{d['all']['baseline_support']:.3f}",
           "confusion (rows gold, columns predicted):",
           "          " + " ".join(f"{c:>8}" for c in (*LABELS, "missing"))]
    for g, row in d["confusion"].items():
        out.append(f"  {g:8}" + " ".join(f"{row[c]:8d}" for c in (*LABELS, "missing")))
    if d.get("reliability"):
        out.append("reliability (people given a side the gold gives one, by the confidence given):")
        for b in d["reliability"]:
            share = f"{b['right_share']:.3f}" if b["right_share"] is not None else "  -  "
            out.append(f"  {b['from']:.1f}-{b['to']:.1f}  n {b['n']:3d}  right {share}")
    if misses:
        out.append("misses:")
        for r in d["misses"]:
            got = f"{r['as']!r} {r['pred']}" if r["found"] else "not found"
            brk = ""
            if r["pred_breaks"] != r["gold_breaks"]:
                brk = f", breaks {r['pred_breaks']} (gold {r['gold_breaks']})"
            out.append(f"  - {r['file']}: {r['name']} ({r['gold_party'] or '-'}) gold {r['gold']} "
                       f"[{r['confidence']}]: {got}{brk}")
    out.append(f"reproduce: {d['command']}")
    return "\n".join(out)


# ------------------------------------------------------------------------------------------------ the SCU sourcing
def load_scu(root: Path) -> list[dict[str, Any]]:
    """The SCU sourcing records, read by the data's own loader (``scu/load.py``)."""
    loader = root / "load.py"
    if not loader.is_file():
        raise OnrecordError("E101", f"{loader}: the SCU loader was not found", path=str(loader),
                            hint="set ONRECORD_REALNEWS (or --root) to the realnews folder")
    spec = importlib.util.spec_from_file_location("_onrecord_scu_load", loader)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    records: list[dict[str, Any]] = mod.load_scu(str(root))
    return records


NAMED_SOURCES = {"named_person", "named_organization"}


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    """The overlap of two spans over the shorter one's length."""
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    shorter = min(a[1] - a[0], b[1] - b[0])
    return inter / shorter if shorter > 0 else 0.0


def score_scu_article(record: dict[str, Any], export: dict[str, Any]) -> list[dict[str, Any]]:
    quotes = [q for d in export.get("documents", []) for q in d.get("quotes", [])]
    rows = []
    for g in record["quotes"]:
        span = g["quote_span"]
        row: dict[str, Any] = {"article": record["id"], "statement": g["quote_text"][:90], "type": g[
            "source_type_norm"], "gold_name": g["speaker_text"], "located": span is not None, "detected": False,
            "pred_name": None, "name": None}
        if span is not None:
            best = max(((_overlap((q["start"], q["end"]), tuple(span)), q) for q in quotes), default=(0.0, None),
                       key=lambda x: x[0])
            if best[1] is not None and best[0] >= 0.5:
                row["detected"] = True
                row["pred_name"] = best[1].get("speaker")
                row["kind"] = best[1].get("kind")
        if row["detected"] and g["source_type_norm"] in NAMED_SOURCES and g["speaker_text"]:
            if not row["pred_name"]:
                row["name"] = "none"
            else:
                row["name"] = "right" if names_match(row["pred_name"], g["speaker_text"]) else "wrong"
        rows.append(row)
    return rows


def scu_figures(rows: list[dict[str, Any]]) -> dict[str, Any]:
    named = [r for r in rows if r["name"] is not None]
    n = len(named)
    return {
        "statements": len(rows), "located": sum(r["located"] for r in rows),
        "detection": round(sum(r["detected"] for r in rows) / len(rows), 4) if rows else 0.0,
        "named_detected": n,
        "name_accuracy": round(sum(r["name"] == "right" for r in named) / n, 4) if n else 0.0,
        "wrong_name": round(sum(r["name"] == "wrong" for r in named) / n, 4) if n else 0.0,
        "no_name": round(sum(r["name"] == "none" for r in named) / n, 4) if n else 0.0,
        "by_type": {t: round(sum(r["detected"] for r in rows if r["type"] == t) /
                             max(1, sum(1 for r in rows if r["type"] == t)), 4)
                    for t in sorted({str(r["type"]) for r in rows})},
    }


def evaluate_scu(root: Path | None = None, *, settings: dict[str, Any] | None = None, limit: int | None = None,
                 progress: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Run every SCU article alone (no issue needed for sourcing) and score statement detection and names."""
    base = root or realnews_root() / "scu"
    records = load_scu(base)[:limit] if limit else load_scu(base)
    files = {p.name.split("-")[0]: p for p in (base / "articles").glob("*.txt")}
    t0 = time.perf_counter()
    rows: list[dict[str, Any]] = []
    for rec in records:
        if progress:
            progress(files[rec["id"]].name)
        export = run_article(files[rec["id"]], [], settings=settings)[""]
        rows += score_scu_article(rec, export)
    errors = [r for r in rows if r["located"] and (not r["detected"] or r["name"] in {"wrong", "none"})]
    return {"root": str(base), "articles": len(records), **scu_figures(rows), "errors": errors, "rows": rows,
            "seconds": round(time.perf_counter() - t0, 1),
            "command": "onrecord eval scu" + (f" --root {root}" if root else "")}


def format_scu(d: dict[str, Any], errors: bool = True) -> str:
    out = [f"SCU sourcing ({d['articles']} articles, {d['statements']} statements, {d['located']} located in the "
           f"text, {d['seconds']} s)",
           f"statement detection {d['detection']:.3f}",
           f"names on {d['named_detected']} detected named statements: right {d['name_accuracy']:.3f}  "
           f"wrong {d['wrong_name']:.3f}  none {d['no_name']:.3f}",
           "detection by source type: " + ", ".join(f"{k} {v:.2f}" for k, v in d["by_type"].items())]
    if errors:
        out.append("errors:")
        for r in d["errors"]:
            what = "missed" if not r["detected"] else f"name {r['name']}: {r['pred_name']!r}"
            out.append(f"  - {r['article']}: {what} (gold {r['gold_name']!r}, {r['type']}): {r['statement']!r}")
    out.append(f"reproduce: {d['command']}")
    return "\n".join(out)


# ----------------------------------------------------------------------------------------- one store, no false merge
def false_merges(people: Iterable[dict[str, Any]], gold_names: Iterable[str]) -> list[dict[str, Any]]:
    """Person records that hold two different people: two gold full names, or two full names with the same surname
    and different first names, among one record's name and aliases."""
    golds = sorted(set(gold_names))
    out = []
    for p in people:
        if p.get("kind", "person") != "person":
            continue
        names = {p["name"], *p.get("aliases", [])}
        full = {tuple(_words(n)) for n in names if len(_words(n)) >= 2}
        which = sorted({g for g in golds for n in names if len(_words(n)) >= 2 and _exact(n, g)})
        firsts: dict[str, set[str]] = defaultdict(set)
        for w in full:
            firsts[w[-1]].add(w[0])
        clash = {s: f for s, f in firsts.items() if len(f) > 1}
        if len(which) > 1 or clash:
            out.append({"id": p.get("id"), "name": p["name"], "gold": which, "aliases": sorted(names)})
    return out


def count_errors(rows: list[dict[str, Any]], key: Callable[[dict[str, Any]], str | None]) -> list[tuple[str, int]]:
    return Counter(k for r in rows if (k := key(r)) is not None).most_common()


def evaluate_merges(root: Path | None = None, *, settings: dict[str, Any] | None = None) -> dict[str, Any]:
    """Ingest every dev article (the US and UK sets) into one store, with the UK register, and list the records that
    hold two different people (:func:`false_merges`)."""
    from .. import pipeline, query
    from ..store import open_store

    base = root or realnews_root()
    golds = [g for g in (base / "uk" / "person_stance.json", base / "scu" / "person_stance.json") if g.is_file()]
    names = {p["name"] for g in golds for e in load_people_gold(g) for p in e.people if p.get("kind", "person") ==
             "person"}
    register = base / "uk" / "register.json"
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "all.db"))
        try:
            reg = pipeline.load_register_into(store, register) if register.is_file() else None
            paths = [d / "articles" for d in (base / "scu", base / "uk") if (d / "articles").is_dir()]
            pipeline.ingest(store, list(paths), register=reg, settings={**(settings or {}), "progress": False})
            people = query.export_issue(store, None)["people"]
        finally:
            store.close()
    merged = false_merges(people, names)
    return {"people": len(people), "gold_names": len(names), "false_merges": merged,
            "seconds": round(time.perf_counter() - t0, 1)}
