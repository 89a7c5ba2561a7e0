"""A register of people, parties and offices, read from Popolo JSON.

Popolo (persons, organizations, memberships) is the format of mySociety and
EveryPolitician data. The register supplies what an article may not say:
who leads a party, who holds an office ("the Prime Minister"), which party governs.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import OnrecordError
from ..extract.lexicon import DEFAULT_PARTIES


def short_party(name: str) -> str:
    """'Labour Party' -> 'Labour'; 'Conservative Party' -> 'Conservative'."""
    return re.sub(r"\s+Party$", "", name.strip())


@dataclass
class RegisterEntry:
    id: str
    name: str
    kind: str  # "person" | "organisation"
    aliases: set[str] = field(default_factory=set)
    classification: str = ""
    party: str | None = None
    roles: list[str] = field(default_factory=list)


@dataclass
class Register:
    entries: dict[str, RegisterEntry] = field(default_factory=dict)
    # lower-cased party alias -> short party name
    parties: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_PARTIES))
    leaders: dict[str, str] = field(default_factory=dict)  # party -> leader name
    offices: dict[str, str] = field(default_factory=dict)  # lower role -> holder name
    governing_party: str | None = None
    executive: str | None = None  # name of the government organisation
    source: str = ""

    # -- look-ups -----------------------------------------------------------
    def by_alias(self, text: str) -> RegisterEntry | None:
        key = _norm(text)
        for e in self.entries.values():
            if key == _norm(e.name) or key in {_norm(a) for a in e.aliases}:
                return e
        return None

    def by_surname(self, surname: str) -> RegisterEntry | None:
        hits = [e for e in self.entries.values() if e.kind == "person" and e.name.split()[-1] == surname]
        return hits[0] if len(hits) == 1 else None

    def party_for(self, text: str) -> str | None:
        return self.parties.get(_norm(text))

    def alias_patterns(self) -> list[tuple[str, RegisterEntry]]:
        out: list[tuple[str, RegisterEntry]] = []
        for e in self.entries.values():
            for a in {e.name, *e.aliases}:
                if a and (a[0].isupper() or a[0].isdigit() or a.lower().startswith("the ")):
                    out.append((a, e))
        out.sort(key=lambda p: -len(p[0]))
        return out


def _norm(text: str) -> str:
    t = re.sub(r"[’']s$", "", text.strip())
    t = re.sub(r"^the\s+", "", t, flags=re.I)
    return re.sub(r"\s+", " ", t).lower().replace("no.", "no ").replace("  ", " ")


def _names(obj: dict[str, Any]) -> set[str]:
    out = {str(n["name"]) for n in obj.get("other_names", []) if isinstance(n, dict) and n.get("name")}
    return out


def load_register(path: str | Path | None) -> Register:
    """Read a Popolo JSON register; ``None`` gives the empty default register."""
    reg = Register()
    if path is None:
        return reg
    p = Path(path)
    try:
        data = json.loads(p.read_text("utf-8"))
    except FileNotFoundError as exc:
        raise OnrecordError("E101", f"{p}: register file not found", path=str(p)) from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise OnrecordError("E109", f"{p}: {exc}", path=str(p)) from exc
    if not isinstance(data, dict) or not isinstance(data.get("persons", []), list):
        raise OnrecordError("E109", f"{p}: expected an object with persons/organizations/memberships", path=str(p))
    reg.source = str(p)
    for org in data.get("organizations", []):
        if "id" not in org or "name" not in org:
            raise OnrecordError("E109", f"{p}: organization without id or name: {org}", path=str(p))
        e = RegisterEntry(org["id"], org["name"], "organisation", _names(org), org.get("classification", ""))
        reg.entries[e.id] = e
        if e.classification == "party":
            short = short_party(e.name)
            e.party = short
            for a in {e.name, short, *e.aliases}:
                reg.parties[_norm(a)] = short
        if e.classification in {"executive", "government"}:
            reg.executive = e.name
    for per in data.get("persons", []):
        if "id" not in per or "name" not in per:
            raise OnrecordError("E109", f"{p}: person without id or name: {per}", path=str(p))
        names = _names(per)
        if per.get("honorific_prefix"):
            names.add(f"{per['honorific_prefix']} {per['name']}")
        reg.entries[per["id"]] = RegisterEntry(per["id"], per["name"], "person", names)
    for m in data.get("memberships", []):
        org = reg.entries.get(m.get("organization_id", ""))
        role = str(m.get("role", "")).strip()
        if org is None:
            continue
        if "person_id" in m and m["person_id"] in reg.entries:
            person = reg.entries[m["person_id"]]
            if org.classification == "party":
                person.party = short_party(org.name)
                if role.lower() == "leader":
                    reg.leaders[short_party(org.name)] = person.name
                    person.roles.append(f"Leader of the {org.name}")
            elif role:
                person.roles.append(role)
                reg.offices[role.lower()] = person.name
        member = m.get("member") or {}
        if member.get("id") in reg.entries and "govern" in role.lower():
            gov_party = reg.entries[member["id"]]
            reg.governing_party = short_party(gov_party.name)
            org.party = reg.governing_party
    # Government ministers without a party in the text belong to the governing party.
    return reg
