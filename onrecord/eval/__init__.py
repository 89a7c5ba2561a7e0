"""Score an export against a gold annotation (the acceptance format).

A predicted quote matches a gold quote when their character spans overlap by at
least half of their union, one to one. Gold quotes of kind ``reported`` are
optional for quote precision/recall (found ones count, missed ones do not), and
so are predicted ``reported`` quotes that match nothing; they all count for stance.
A speaker is right when it is the gold name or one of its aliases.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import OnrecordError


def overlap_ratio(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def match_spans(pred: list[dict[str, Any]], gold: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """Greedy one-to-one matching, best overlap first; pairs (pred index, gold index)."""
    cands = []
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            r = overlap_ratio((p["start"], p["end"]), (g["start"], g["end"]))
            if r >= 0.5:
                cands.append((r, i, j))
    cands.sort(reverse=True)
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for _, i, j in cands:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            out.append((i, j))
    return out


@dataclass
class Report:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    speaker_right: int = 0
    speaker_total: int = 0
    quote_stance_right: int = 0
    quote_stance_total: int = 0
    person_right: int = 0
    person_total: int = 0
    breaks_pred: list[str] = field(default_factory=list)
    breaks_gold: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    stance_errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "quote_precision": round(self.precision, 4), "quote_recall": round(self.recall, 4),
            "quote_f1": round(self.f1, 4), "tp": self.tp, "fp": self.fp, "fn": self.fn,
            "speaker_accuracy": round(self.speaker_right / self.speaker_total, 4) if self.speaker_total else 0.0,
            "quote_stance_accuracy": round(self.quote_stance_right / self.quote_stance_total, 4)
            if self.quote_stance_total else 0.0,
            "person_stance_accuracy": round(self.person_right / self.person_total, 4) if self.person_total else 0.0,
            "person_stance": f"{self.person_right}/{self.person_total}",
            "breaks_predicted": sorted(self.breaks_pred), "breaks_gold": sorted(self.breaks_gold),
            "breaks_exact": sorted(self.breaks_pred) == sorted(self.breaks_gold),
            "errors": self.errors,
            "stance_errors": self.stance_errors,
        }


def load_gold(path: str | Path) -> dict[str, Any]:
    p = Path(path)
    try:
        gold = json.loads(p.read_text("utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise OnrecordError("E302", f"{p}: {exc}", path=str(p)) from exc
    if not isinstance(gold, dict) or "documents" not in gold or "people" not in gold:
        raise OnrecordError("E302", f"{p}: expected 'documents' and 'people'", path=str(p))
    return gold


def score(pred: dict[str, Any], gold: dict[str, Any]) -> Report:
    rep = Report()
    names: dict[str, set[str]] = {}
    for gp in gold["people"]:
        names[gp["name"]] = {gp["name"].lower()} | {a.lower() for a in gp.get("aliases", [])}
    pred_docs = {Path(d["source"]).name: d for d in pred.get("documents", [])}
    for gd in gold["documents"]:
        fname = Path(gd.get("file") or gd.get("source", "")).name
        pd = pred_docs.get(fname, {"quotes": []})
        if fname not in pred_docs:
            rep.errors.append(f"no prediction for {fname}")
        pq, gq = pd["quotes"], gd["quotes"]
        pairs = match_spans(pq, gq)
        matched_p = {i for i, _ in pairs}
        matched_g = {j for _, j in pairs}
        for i, j in pairs:
            p, g = pq[i], gq[j]
            rep.tp += 1
            rep.speaker_total += 1
            sp = (p.get("speaker") or "").lower()
            if sp and sp in names.get(g["speaker"], {g["speaker"].lower()}):
                rep.speaker_right += 1
            else:
                rep.errors.append(f"{fname} {g['start']}-{g['end']}: speaker {p.get('speaker')!r} != {g['speaker']!r}")
            if "stance" in g:
                rep.quote_stance_total += 1
                if p.get("stance") == g["stance"]:
                    rep.quote_stance_right += 1
                else:
                    rep.stance_errors.append(f"{fname} {g['start']}: stance {p.get('stance')!r} != "
                                             f"{g['stance']!r}: {g['text'][:60]!r}")
        for i, p in enumerate(pq):
            if i not in matched_p and p["kind"] != "reported":
                rep.fp += 1
                rep.errors.append(f"{fname} {p['start']}-{p['end']}: extra quote {p['text'][:50]!r}")
        for j, g in enumerate(gq):
            if j not in matched_g and g["kind"] != "reported":
                rep.fn += 1
                rep.errors.append(f"{fname} {g['start']}-{g['end']}: missed {g['text'][:50]!r}")
    pred_people = pred.get("people", [])
    for gp in gold["people"]:
        rep.person_total += 1
        hit = _find_person(pred_people, names[gp["name"]])
        if hit is not None and hit.get("stance") == gp["stance"]:
            rep.person_right += 1
        else:
            rep.errors.append(f"person {gp['name']}: stance {hit.get('stance') if hit else None!r} != "
                              f"{gp['stance']!r}")
    gb = gold.get("breaks_with_party_line") or {}
    rep.breaks_gold = list(gb.get("members_who_differ", []))
    for p in pred_people:
        if p.get("breaks_with_party"):
            gname = next((g for g, al in names.items() if p["name"].lower() in al or
                          {a.lower() for a in p.get("aliases", [])} & {g.lower()}), p["name"])
            rep.breaks_pred.append(gname)
    return rep


def _find_person(people: list[dict[str, Any]], names: set[str]) -> dict[str, Any] | None:
    for p in people:
        if p["name"].lower() in names:
            return p
    for p in people:
        if {a.lower() for a in p.get("aliases", [])} & names:
            return p
    return None


def format_report(rep: Report, verbose: bool = False) -> str:
    d = rep.as_dict()
    lines = [
        f"quotes     P {d['quote_precision']:.3f}  R {d['quote_recall']:.3f}  F1 {d['quote_f1']:.3f}"
        f"  (tp {d['tp']}, fp {d['fp']}, fn {d['fn']})",
        f"speakers   accuracy {d['speaker_accuracy']:.3f} on {rep.speaker_total} matched quotes",
        f"stance     quotes {d['quote_stance_accuracy']:.3f}   people {d['person_stance']} "
        f"({d['person_stance_accuracy']:.3f})",
        f"breaks     predicted {d['breaks_predicted']}  gold {d['breaks_gold']}  exact={d['breaks_exact']}",
    ]
    if rep.errors:
        lines.append("errors:")
        lines += [f"  - {e}" for e in rep.errors]
    if verbose and rep.stance_errors:
        lines.append("quote stance errors:")
        lines += [f"  - {e}" for e in rep.stance_errors]
    return "\n".join(lines)
