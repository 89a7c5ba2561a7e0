"""One record per real person across everything ingested.

An article's entities (:class:`~onrecord.models.EntityFacts`) are matched to the
people already stored: by canonical name, by alias, by surname when exactly one
stored person carries it, and through the register. Party and roles accumulate;
a minister with no party in the text takes the governing party from the register.

Review corrections steer it: a person merged into another (``merged``) keeps their
names as aliases of the kept person, and a name that would recreate a merged
person's id lands on the kept person instead.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Protocol

from ..extract.actors import LAWS
from ..models import EntityFacts, Person
from . import known
from .register import Register, iso_day

# (a secretary who is no minister: a private, general, permanent or company secretary; the secretary of a body of
# members: "secretary of the National Education Union")
SECRETARY = (r"(?<!private )(?<!general )(?<!permanent )(?<!company )secretary(?!\s+of\s+(?:the\s+)?(?:[\w'-]+\s+){0,4}"
             r"(?:union|association|federation|society|club|league|trust|foundation|branch|party)\b)")
MINISTERIAL = re.compile(r"\b(minister|" + SECRETARY + r"|chancellor)\b", re.I)
# a role that is not an office in the government now: "shadow home secretary", "former minister"
OUT_OF_OFFICE = re.compile(r"\b(?:shadow|former|ex|one-time|opposition)\b|^ex-", re.I)


class PeopleStore(Protocol):
    def all_people(self) -> list[Person]: ...


def person_id(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug[:48] or hashlib.sha1(name.encode()).hexdigest()[:10]


def identifying(alias: str, kind: str) -> bool:
    """Whether an alias names one entity on its own across articles: a person's full name (two words or more, a
    peerage title and a name counting as one: "Lord Glasman"), an organisation's name that is not a bare common noun
    ("the Board", "the district"): several words, or one capitalised word that is not "The…" ("NFU", "Reform")."""
    words = re.sub(r"^the\s+", "", alias.strip(), flags=re.I).split()
    if kind == "person":
        return len(words) >= 2
    if len(words) >= 2:
        return True
    return bool(words) and words[0][:1].isupper() and not alias.strip().lower().startswith("the ")


def on_record(f: EntityFacts, register: Register) -> bool:
    """Whether an entity an article names without any statement of theirs is kept as one of the article's people:
    a name that identifies them (a full name, an organisation's name; not a surname or "the council" alone), named
    in the story's prose (not only in a heading or a photo credit), and not a party word no register knows, which
    describes someone ("a Republican from Fresno"), nor a law ("the Voter's Choice Act"), which is what people act
    on."""
    if not identifying(f.name, f.kind) or not f.in_prose or f.name.split()[-1].lower() in LAWS:
        return False
    return not (f.kind == "organisation" and f.party == f.name and register.by_alias(f.name) is None)


class PeopleResolver:
    def __init__(self, people: list[Person], register: Register, merged: Mapping[str, str] | None = None,
                 known_people: str = "") -> None:
        self.register = register
        self.known = known_people  # the built-in lists to read well-known people's parties from (.known)
        self.day: str | None = None  # the day of the article being resolved (ISO), for the parties of that day
        # the offices of the well-known and their holders on the day the article was published (none when it gives
        # no day: a day guessed from its text tells a span of days at best)
        self.offices: dict[str, known.KnownOffice] = {}
        self.people: dict[str, Person] = {p.id: p for p in people}
        self.merged: dict[str, str] = dict(merged or {})

    def enter(self, register: Register, text: str, published: str | None) -> Register:
        """Resolve the next article's people (``text``, published on ``published``) on ``register`` as it stood on
        the article's day, and on that day's parties of the well-known; the register of that day is returned."""
        self.register = register.for_article(text, published)
        self.day = self.register.date or iso_day(published)
        published_on = iso_day(published)
        self.offices = known.offices_on(published_on, self.known) if self.known and published_on else {}
        if self.offices:  # (read last, where neither the article nor the register names the holder)
            self.register = replace(self.register, known_offices={o: k.name for o, k in self.offices.items()})
        return self.register

    def _merged_into(self, pid: str) -> Person | None:
        seen: set[str] = set()
        while pid in self.merged and pid not in seen:
            seen.add(pid)
            pid = self.merged[pid]
        return self.people.get(pid) if seen else None

    def _find(self, f: EntityFacts) -> Person | None:
        """The stored person this article's entity is: the same canonical name (a register match gives the
        register's name), else a shared alias that names one entity on its own. A surname alone never joins two
        articles: "Khan" in one story and "Sadiq Khan" in another stay two records until a person merges them."""
        if identifying(f.name, f.kind):
            for p in self.people.values():
                if p.name.lower() == f.name.lower() and p.kind == f.kind:
                    return p
        names = {a.lower() for a in f.aliases | {f.name} if identifying(a, f.kind)}
        for p in self.people.values():
            if p.kind == f.kind and names & {a.lower() for a in p.aliases if identifying(a, p.kind)}:
                return p
        return None

    def resolve(self, f: EntityFacts) -> Person:
        p = self._find(f) or self._merged_into(person_id(f.name))
        if p is None:
            pid = person_id(f.name)
            while pid in self.people or pid in self.merged:
                pid += "-2"
            p = Person(pid, f.name, f.kind)
            self.people[pid] = p
        elif (len(f.name.split()) > len(p.name.split()) and f.kind == "person" and p.kind == "person"
              and f.name not in p.aliases):
            p.aliases.append(p.name)
            p.name = f.name  # a fuller name replaces a bare surname
        for a in sorted(f.aliases | {f.name}):
            if a and a != p.name and a not in p.aliases:
                p.aliases.append(a)
        p.party = p.party or f.party
        for r in sorted(f.roles):
            if r not in p.roles:
                p.roles.append(r)
        if p.party is None and self.register.governing_party and any(
                MINISTERIAL.search(r) and not OUT_OF_OFFICE.search(r) for r in p.roles):
            p.party = self.register.governing_party
        if p.party is None and p.kind == "person" and self.known:
            p.party = known.party_on(p.name, self.day, self.known)  # "Rachel Reeves": well known
        if p.kind == "person":  # ... and the office she held that day
            for o in self.offices.values():
                if o.name == p.name and o.title not in p.roles:
                    p.roles.append(o.title)
        return p
