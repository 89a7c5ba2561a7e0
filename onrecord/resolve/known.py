"""Built-in lists of well-known people and their party, for the people an article names without saying it.

A story about Westminster writes "Rachel Reeves" or "Iain Duncan Smith" and expects the reader to know their
party; so do the people our users are. ``known_uk.json`` lists well-known UK politicians of 2019-25 with their
party, one row per party for those who changed (``since``: the first day in it, ``until``: the first day out).
It is consulted last: the party the article gives, and the user's register, come first; only a full name
matches (never a surname alone), so "Reeves" in a story about someone else is never given a party. The lists also
date who held the main offices (``offices``): "the chancellor said" is the chancellor of the article's day, where
neither the article nor the user's register names one.

The setting ``known_people`` names the lists to read ("uk"; empty: none).
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import OnrecordError

HERE = Path(__file__).parent


@dataclass(frozen=True)
class KnownParty:
    party: str
    since: str | None = None  # ISO day: the first day in the party
    until: str | None = None  # ISO day: the first day out of it


def _key(name: str) -> str:
    return re.sub(r"[^\w]+", " ", name.lower()).strip()


@functools.lru_cache(maxsize=8)
def load(names: str) -> dict[str, tuple[KnownParty, ...]]:
    """The people of the built-in lists ``names`` (comma-separated: "uk"), by normalised full name."""
    out: dict[str, list[KnownParty]] = {}
    for name in filter(None, (n.strip() for n in names.split(","))):
        path = HERE / f"known_{name}.json"
        if not path.is_file():
            raise OnrecordError("E109", f"known_people: no built-in list {name!r} (there is {path.name} for none)",
                                path=str(path))
        for row in json.loads(path.read_text("utf-8"))["people"]:
            out.setdefault(_key(row["name"]), []).append(KnownParty(row["party"], row.get("since"), row.get("until")))
    return {k: tuple(v) for k, v in out.items()}


@dataclass(frozen=True)
class KnownOffice:
    office: str  # as news writes it, in lower case: "chancellor", "home secretary"
    title: str  # "Chancellor of the Exchequer"
    name: str  # its holder's full name
    since: str | None = None  # ISO day: the first day in office
    until: str | None = None  # ISO day: the first day out of it

    def held_on(self, day: str | None) -> bool:
        """In office on ``day`` (None: now, the office not left)."""
        if day is None:
            return self.until is None
        return (self.since is None or self.since <= day) and (self.until is None or day < self.until)


@functools.lru_cache(maxsize=8)
def offices(names: str) -> tuple[KnownOffice, ...]:
    """The dated offices of the built-in lists ``names`` (their ``offices``; a list without them has none)."""
    out: list[KnownOffice] = []
    for name in filter(None, (n.strip() for n in names.split(","))):
        load(name)  # (E109 for a list that does not exist)
        data = json.loads((HERE / f"known_{name}.json").read_text("utf-8"))
        out += [KnownOffice(r["office"], r["title"], r["name"], r.get("since"), r.get("until"))
                for r in data.get("offices", [])]
    return tuple(out)


def offices_on(day: str | None, names: str = "uk") -> dict[str, KnownOffice]:
    """Each office of the lists ``names`` (by how news writes it) with its holder on ``day``."""
    return {o.office: o for o in offices(names) if o.held_on(day)}


def party_on(name: str, day: str | None, names: str = "uk") -> str | None:
    """The party of the well-known person ``name`` (a full name) on ``day`` (an ISO date; None: as it stands
    now, the latest), or None when the lists do not know them."""
    rows = load(names).get(_key(name)) if len(name.split()) >= 2 else None
    if not rows:
        return None
    if day is not None:
        held = [r for r in rows if (r.since is None or r.since <= day) and (r.until is None or day < r.until)]
        if held:
            return held[0].party
    return max(rows, key=lambda r: r.since or "").party
