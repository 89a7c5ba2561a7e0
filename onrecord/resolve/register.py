"""A register of people, parties and offices, read from Popolo JSON.

Popolo (persons, organizations, memberships) is the format of mySociety and
EveryPolitician data. The register supplies what an article may not say:
who leads a party, who holds an office ("the Prime Minister"), which party governs.
"""

from __future__ import annotations

import functools
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


@dataclass(frozen=True)
class Membership:
    person: str | None  # a person's id, or None when an organisation is the member
    member_org: str | None  # an organisation that is a member ("governing party")
    org: str
    role: str
    start: str | None = None
    end: str | None = None

    def holds(self, day: str | None) -> bool:
        """In force on ``day`` (ISO date); with no day, in force now (not ended)."""
        if day is None:
            return self.end is None
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


def iso_day(value: str | None) -> str | None:
    """An article's date as YYYY-MM-DD ("2025-01-29", "Nov. 21, 2023", "April 11, 2025"), or None."""
    if not value:
        return None
    m = re.match(r"\s*(\d{4}-\d{2}-\d{2})", value)
    if m:
        return m.group(1)
    from datetime import datetime

    text = re.sub(r"\s+", " ", value.replace("Sept.", "Sep.")).strip()
    for fmt in ("%B %d, %Y", "%b. %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y/%m/%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return None


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
    # every membership with its dates (person or organisation member, organisation, role, start, end): what
    # :meth:`at` reads the register as it stood on a day from
    memberships: list[Membership] = field(default_factory=list)
    # the day this view of the register holds for (None: as it stands now, every dated membership ended or not)
    date: str | None = None
    # offices and their holders that day from the built-in lists of the well-known (onrecord.resolve.known): read
    # last, where neither the article nor the register names the holder ("the chancellor said")
    known_offices: dict[str, str] = field(default_factory=dict)

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

    def at(self, day: str | None) -> Register:
        """The register as it stood on ``day`` (an ISO date; None: as it stands now): who led each party, who held
        each office, which party governed. A register without dated memberships is the same on every day."""
        if not self.memberships:
            return self
        entries = {k: RegisterEntry(e.id, e.name, e.kind, set(e.aliases), e.classification,
                                    e.party if e.classification == "party" else None, [])
                   for k, e in self.entries.items()}
        reg = Register(entries, dict(self.parties), {}, {}, None, self.executive, self.source, self.memberships, day)
        for m in self.memberships:
            org = entries.get(m.org)
            if org is None:
                continue
            if m.person is not None and m.person in entries:
                person = entries[m.person]
                if org.classification == "party":
                    person.party = person.party or short_party(org.name)
                if not m.holds(day):
                    continue
                if org.classification == "party":
                    if re.search(r"\bleader\b", m.role, re.I) and not re.search(r"\bdeputy\b", m.role, re.I):
                        reg.leaders.setdefault(short_party(org.name), person.name)
                        person.roles.append(f"{m.role} of the {org.name}")
                elif m.role:
                    person.roles.append(m.role)
                    reg.offices[m.role.lower()] = person.name
            elif m.member_org in entries and "govern" in m.role.lower() and m.holds(day):
                reg.governing_party = short_party(entries[m.member_org].name)
                org.party = reg.governing_party
        return reg

    def day_from_text(self, text: str) -> str | None:
        """The day an undated article was written, as far as the offices it gives people tell: "Prime Minister
        Rishi Sunak" dates it to his premiership. The middle of the span every such mention agrees on, or None."""
        lo, hi = "0000-00-00", "9999-99-99"
        seen = False
        for m in self.memberships:
            if m.person is None or m.person not in self.entries or not m.role or (m.start is None and m.end is None):
                continue
            person = self.entries[m.person]
            org = self.entries.get(m.org)
            if org is not None and org.classification == "party":  # "Tory leader Kemi Badenoch"
                words = "(?:" + "|".join(re.escape(a) for a in {org.name, short_party(org.name), *org.aliases}) + \
                    r")\s+" + re.escape(m.role)
            else:
                words = re.escape(m.role)
            words = words.replace(r"\ ", r"\s+")
            names = [person.name, *person.aliases, person.name.split()[-1]]
            for name in names:
                pat = (rf"\b{words}\s*,?\s+(?:Sir\s+|Dame\s+|Mr\.?\s+|Ms\.?\s+|Mrs\.?\s+)?{re.escape(name)}\b|"
                       rf"\b{re.escape(name)},\s+(?:the\s+)?{words}\b")
                if re.search(pat, text, re.I):
                    lo, hi, seen = max(lo, m.start or lo), min(hi, m.end or hi), True
                    break
        for span in self._out_of_office(text):
            # "shadow minister X": X's party was out of government; the latest such span the other offices allow
            both = (max(lo, span[0]), min(hi, span[1]))
            if both[0] <= both[1]:
                lo, hi, seen = both[0], both[1], True
        if not seen:
            lo, hi = self._named_span(text)
            seen = hi != "9999-99-99"  # an open span is the register as it stands now
        if not seen or lo > hi:
            return None
        if hi == "9999-99-99":
            return lo if lo != "0000-00-00" else None
        if lo == "0000-00-00":
            return hi
        from datetime import date

        a, b = date.fromisoformat(lo), date.fromisoformat(hi)
        return (a + (b - a) / 2).isoformat()

    def _named_span(self, text: str) -> tuple[str, str]:
        """The span when everyone the text names, not as a former office holder, held a dated office or party
        role: an article about "Rishi Sunak's Rwanda bill" that gives no office and no date falls in his years."""
        lo, hi = "0000-00-00", "9999-99-99"
        spans: dict[str, tuple[str, str]] = {}
        for m in self.memberships:
            if m.person is None or m.person not in self.entries or (m.start is None and m.end is None):
                continue
            a, b = spans.get(m.person, ("9999-99-99", "0000-00-00"))
            spans[m.person] = (min(a, m.start or "0000-00-00"), max(b, m.end or "9999-99-99"))
        for pid, (a, b) in spans.items():
            person = self.entries[pid]
            names = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in {person.name, *person.aliases} if n)
            said = [m for m in re.finditer(rf"\b(?:{names})\b", text)]
            if not said or all(FORMERLY.search(text[max(0, m.start() - 40) : m.start()]) for m in said):
                continue
            lo, hi = max(lo, a), min(hi, b)
        if lo != "0000-00-00" and hi != "9999-99-99" and _day_next(lo, SHARED_DAYS) > hi:
            return "0000-00-00", "9999-99-99"  # their roles barely meet: some are named in other roles
        return lo, hi

    def _out_of_office(self, text: str) -> list[tuple[str, str]]:
        """The spans when the party of someone the text calls a shadow office holder ("shadow Home Office minister
        X", "X, the shadow chancellor") was out of government: each party's gaps between its governing spans, the
        party of the first such person found, latest last."""
        governed: dict[str, list[tuple[str, str]]] = {}
        for m in self.memberships:
            if m.member_org in self.entries and "govern" in m.role.lower():
                governed.setdefault(m.member_org, []).append((m.start or "0000-00-00", m.end or "9999-99-99"))
        shadowed = None
        for oid in governed:  # "Labour's shadow Home Office minister"
            party = self.entries[oid]
            names = "|".join(re.escape(a) for a in sorted({party.name, short_party(party.name), *party.aliases}) if a)
            if re.search(rf"\b(?:{names})(?:[’']s)?\s+shadow\b", text):
                shadowed = oid
                break
        for m in self.memberships if shadowed is None else []:  # "shadow chancellor X", "X, the shadow chancellor"
            org = self.entries.get(m.org)
            if m.person is None or m.person not in self.entries or org is None or org.classification != "party" or \
                    m.org not in governed:
                continue
            name = re.escape(self.entries[m.person].name).replace(r"\ ", r"\s+")
            if re.search(rf"\bshadow\s[\w\s,-]{{0,40}}?(?:Sir\s+|Dame\s+|Mr\.?\s+|Ms\.?\s+)?{name}\b|"
                         rf"\b{name},\s+(?:the\s+)?shadow\b", text, re.I):
                shadowed = m.org
                break
        if shadowed is not None:
            gaps, start = [], "0000-00-00"
            for a, b in sorted(governed[shadowed]):
                if start < a:
                    gaps.append((start, _day_next(a, -1)))
                start = max(start, b)  # an end is the first day out of office
            if start < "9999-99-99":
                gaps.append((start, "9999-99-99"))
            return gaps
        return []

    def for_article(self, text: str, published: str | None) -> Register:
        """The register on the article's day: its date, else the day its text gives (:meth:`day_from_text`)."""
        if not self.memberships:
            return self
        return self.at(iso_day(published) or self.day_from_text(text))

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


# the fewest days the dated roles of everyone an article names must share for them to date it
SHARED_DAYS = 30
# the words before a name that make what follows an office held no longer: "former prime minister", "ex-leader"
FORMERLY = re.compile(r"\b(?:former|ex|then|one-time|erstwhile|previous|late)\b[\w\s-]{0,30}$", re.I)


def _day_next(day: str, step: int) -> str:
    """The ISO day ``step`` days after ``day`` (the open ends "0000-00-00" and "9999-99-99" stay as they are)."""
    from datetime import date, timedelta

    try:
        return (date.fromisoformat(day) + timedelta(days=step)).isoformat()
    except ValueError:
        return day


@functools.lru_cache(maxsize=65536)
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
        member = m.get("member") or {}
        reg.memberships.append(Membership(m.get("person_id") if m.get("person_id") in reg.entries else None,
                                          member.get("id") if member.get("id") in reg.entries else None,
                                          org.id, role, m.get("start_date") or None, m.get("end_date") or None))
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
    # Without a day the register stands as it does now: ended memberships give parties, not offices.
    return reg.at(None) if any(m.start or m.end for m in reg.memberships) else reg
