"""From quote labels to each person's position, each party's line, and who breaks it."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from ..models import Person, PersonStance, Stance, StanceLabel

SUMMARY = {
    "support": "Supports",
    "oppose": "Opposes",
    "neutral": "Open to it / undecided",
    "none": "No recorded position",
}


def summarize(stance: str, sides: list[str]) -> str:
    """A plain-language summary of a position (TheyWorkForYou-style) from the person's labelled statements on
    the issue, oldest first: "Consistently supports it", "Changed position: now opposes it (earlier
    supported)", "Mostly supports it (3 of 4 statements)", "Open to it / undecided"."""
    taken = [s for s in sides if s in ("support", "oppose")]
    if stance == "none":
        return SUMMARY["none"]
    if stance == "neutral":
        return SUMMARY["neutral"] + (" (has spoken on both sides)" if len(set(taken)) == 2 else "")
    verb = "supports" if stance == "support" else "opposes"
    other = "oppose" if stance == "support" else "support"
    same, against = taken.count(stance), taken.count(other)
    if against and taken[0] == other and taken[-1] == stance:
        return f"Changed position: now {verb} it (earlier {'opposed' if other == 'oppose' else 'supported'})"
    if against:
        return f"Mostly {verb} it ({same} of {same + against} statements)"
    return f"Consistently {verb} it" if same >= 2 else f"{verb.capitalize()} it"


def person_stance(person: Person, labels: list[StanceLabel]) -> PersonStance:
    """Confidence-weighted vote of a person's quote labels; ``none`` when nothing takes a side."""
    weight: dict[Stance, float] = defaultdict(float)
    for lab in labels:
        if lab.stance != "none":
            weight[lab.stance] += lab.confidence
    if not weight:
        return PersonStance(person.id, person.name, person.party, "none", 0.0, [])
    stance: Stance = max(weight, key=lambda s: (weight[s], s != "neutral"))
    total = sum(weight.values())
    evidence = sorted((lab for lab in labels if lab.stance == stance), key=lambda lab: -lab.confidence)
    return PersonStance(person.id, person.name, person.party, stance, round(weight[stance] / total, 2),
                        [lab.quote_id for lab in evidence])


@dataclass
class PartyLine:
    party: str
    stance: Stance
    source: str  # "leader: NAME" | "party statements" | "none"
    breakers: list[str]  # person ids


# roles that lead a party (in a chamber): "Senate Majority Leader", "House Minority Leader", "Speaker", "party leader"
LEADERSHIP = re.compile(r"^(?:(?:senate|house|assembly) )?(?:majority|minority) leader$|^(?:[\w ]+ )?party leader$|"
                        r"^leader of the (?:opposition|[\w ]+ party)$|^(?:house )?speaker(?: of the house)?$", re.I)
# a party line from its members needs this many members on record with a side, and this share of them on one
MAJORITY_MIN = 3
MAJORITY_SHARE = 2 / 3


def party_lines(stances: list[PersonStance], people: dict[str, Person], leaders: dict[str, str]) -> list[PartyLine]:
    """A party's line is its leader's stance (the register's leader; with none there, a member whose role in the
    articles is a party leadership office, :data:`LEADERSHIP`: "House Minority Leader", "Speaker"), else the
    party's own statements, else the side taken by at least :data:`MAJORITY_SHARE` of its members who took one (at
    least :data:`MAJORITY_MIN` of them).

    A member breaks with the line when they take the other side (support vs oppose);
    being open or silent is not a break.
    """
    by_party: dict[str, list[PersonStance]] = defaultdict(list)
    for s in stances:
        if s.party:
            by_party[s.party].append(s)
    out = []
    for party, members in sorted(by_party.items()):
        line: Stance = "none"
        source = "none"
        leader = leaders.get(party)
        if leader is None:  # none on record: a member the articles call the party's leader in a chamber
            leader = next((m.name for m in members if m.stance != "none" and people[m.person_id].kind == "person"
                           and any(LEADERSHIP.search(r) for r in people[m.person_id].roles)), None)
        lead = next((m for m in members if m.name == leader), None)
        if lead is not None and lead.stance != "none":
            line, source = lead.stance, f"leader: {lead.name}"
        else:
            org = next((m for m in members if people[m.person_id].kind == "organisation" and
                        m.name.lower().startswith(party.lower()) and m.stance != "none"), None)
            if org is not None:
                line, source = org.stance, "party statements"
            else:  # no leader on record and no party statement: the clear majority of its members who took a side
                sides: list[Stance] = [m.stance for m in members if m.stance in {"support", "oppose"}]
                sided: tuple[Stance, ...] = ("support", "oppose")
                top = max(sided, key=sides.count)
                if len(sides) >= MAJORITY_MIN and sides.count(top) >= MAJORITY_SHARE * len(sides):
                    line, source = top, f"majority of members ({sides.count(top)} of {len(sides)})"
        breakers = []
        if line in {"support", "oppose"}:
            for m in members:
                if m.name == leader or source == "party statements" and m.name.lower().startswith(party.lower()):
                    continue
                if m.stance in {"support", "oppose"} and m.stance != line:
                    m.breaks_with_party = True
                    breakers.append(m.person_id)
        out.append(PartyLine(party, line, source, breakers))
    return out
