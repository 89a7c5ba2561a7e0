"""From quote labels to each person's position, each party's line, and who breaks it."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from ..models import Person, PersonStance, Stance, StanceLabel
from ..resolve.people import SECRETARY
from .rules import NAMED, carried, voted

SUMMARY = {
    "support": "Supports",
    "oppose": "Opposes",
    "neutral": "Open to it / undecided",
    "spoke": "Spoke on it without taking a side",
    "none": "No recorded position",
    "unclear": "Unclear",
}


@dataclass(frozen=True)
class Sides:
    """What a person's labelled statements on an issue come to, oldest first: how many take each label, the side
    of the first and of the last that take one, and whether they changed sides once (every statement on the
    first side comes before every one on the other). The board and the summaries need no more, so it is worked
    out when the labels are stored (``person_stances.sides``) and a page reads it, not the statements."""

    support: int = 0
    oppose: int = 0
    neutral: int = 0
    first: str | None = None
    last: str | None = None
    switched: bool = False

    @classmethod
    def of(cls, labels: Iterable[str]) -> Sides:
        """From the labels, oldest first ("none" and anything else that takes no side count for nothing)."""
        counts = {"support": 0, "oppose": 0, "neutral": 0}
        first = last = None
        after_first = False  # the other side seen since the first side
        back = False  # the first side seen again after the other
        for lab in labels:
            if lab in counts:
                counts[lab] += 1
            if lab not in ("support", "oppose"):
                continue
            if first is None:
                first = lab
            elif lab != first:
                after_first = True
            elif after_first:
                back = True
            last = lab
        return cls(counts["support"], counts["oppose"], counts["neutral"], first, last, after_first and not back)

    def count(self, label: str) -> int:
        return {"support": self.support, "oppose": self.oppose, "neutral": self.neutral}.get(label, 0)

    def to_json(self) -> str:
        return json.dumps([self.support, self.oppose, self.neutral, self.first, self.last, self.switched])

    @classmethod
    def from_json(cls, text: str | None) -> Sides:
        if not text:
            return cls()
        support, oppose, neutral, first, last, switched = json.loads(text)
        return cls(int(support), int(oppose), int(neutral), first, last, bool(switched))


TIMELINE_POINTS = 100  # the latest points of a person's timeline on an issue that their page shows
TIMELINE_CHANGES = 20  # the latest changes of position it lists


@dataclass(frozen=True)
class Timeline:
    """The part of a person's labelled statements on an issue, oldest first, that their page shows: the latest
    :data:`TIMELINE_POINTS` (quote id and label), the latest :data:`TIMELINE_CHANGES` changes of position (a
    statement whose label differs from the one before it), and how many there are of each. Kept with their stance
    when the labels are stored (``person_stances.timeline``), as :class:`Sides` is, so that a page reads these
    few statements and does not put all of someone's statements in order (at a million quotes, a quarter of a
    second for the most quoted)."""

    points: tuple[tuple[str, str], ...] = ()
    changes: tuple[tuple[str, str], ...] = ()
    total: int = 0
    changes_total: int = 0

    @classmethod
    def of(cls, labelled: Sequence[tuple[str, str]]) -> Timeline:
        """From (quote id, label) of every statement that takes a label other than "none", oldest first."""
        changes = [labelled[k] for k in range(1, len(labelled)) if labelled[k][1] != labelled[k - 1][1]]
        return cls(tuple(labelled[-TIMELINE_POINTS:]), tuple(changes[-TIMELINE_CHANGES:]), len(labelled),
                   len(changes))

    def to_json(self) -> str:
        return json.dumps([[list(p) for p in self.points], [list(c) for c in self.changes], self.total,
                           self.changes_total])

    @classmethod
    def from_json(cls, text: str | None) -> Timeline | None:
        """None where none was kept (a store upgraded while its labels were being written)."""
        if not text:
            return None
        points, changes, total, changes_total = json.loads(text)
        return cls(tuple((str(q), str(st)) for q, st in points), tuple((str(q), str(st)) for q, st in changes),
                   int(total), int(changes_total))


def _sides(sides: Sides | Iterable[str]) -> Sides:
    return sides if isinstance(sides, Sides) else Sides.of(sides)


def summarize(stance: str, sides: Sides | Iterable[str], basis: str = "") -> str:
    """:func:`_summary`, followed by how the side was reached where it is not their own statements' (``basis``: the
    party line that binds them)."""
    summary = _summary(stance, _sides(sides))
    return f"{summary} — {basis}" if basis else summary


def _summary(stance: str, sides: Sides) -> str:
    """A plain-language summary of a position (TheyWorkForYou-style) from the person's labelled statements on
    the issue, oldest first: "Consistently supports it", "Changed position: now opposes it (earlier
    supported)", "Mostly supports it (3 of 4 statements)", "Open to it / undecided", "Spoke on it without taking a
    side" (neutral with no statement that is: facts or analysis that bear on the issue)."""
    if stance == "none":
        return SUMMARY["none"]
    if stance == "neutral" and not sides.first and not sides.neutral:
        return SUMMARY["spoke"]
    if stance == "neutral":
        return SUMMARY["neutral"] + (" (has spoken on both sides)" if sides.support and sides.oppose else "")
    verb = "supports" if stance == "support" else "opposes"
    other = "oppose" if stance == "support" else "support"
    same, against = sides.count(stance), sides.count(other)
    if against and sides.first == other and sides.last == stance:
        return f"Changed position: now {verb} it (earlier {'opposed' if other == 'oppose' else 'supported'})"
    if against:
        return f"Mostly {verb} it ({same} of {same + against} statements)"
    return f"Consistently {verb} it" if same >= 2 else f"{verb.capitalize()} it"


# Below this person-level confidence the board shows a side as "unclear" rather than guess. Fitted on the development
# sets (`onrecord eval people --set uk|us`, reliability by confidence): every bin from 0.3 up held 93-100% right sides,
# and no side was given below 0.3, so nothing says that a side held that weakly is right.
UNCLEAR_BELOW = 0.3


def board_position(stance: str, confidence: float, sides: Sides | Iterable[str]) -> tuple[str, str]:
    """What the board shows for a person's stance, and why where it is not their side: "unclear" for a side held
    weakly (confidence below :data:`UNCLEAR_BELOW`) or split (as many of their statements on the issue, oldest
    first in ``sides``, take the other side, and not as a change of position: "earlier opposed, now supports" is
    clear; back and forth is not). Any other stance is shown as it is."""
    if stance not in ("support", "oppose"):
        return stance, ""
    seen = _sides(sides)
    other = "oppose" if stance == "support" else "support"
    same, against = seen.count(stance), seen.count(other)
    # a change of position: every statement on the other side comes before every one on this side
    changed = bool(against) and bool(same) and seen.first == other and seen.switched
    if against >= same and not changed:
        if not same:
            return "unclear", f"none of their statements takes this side; {against} {other}"
        return "unclear", f"split: {same} of their statements {stance}, {against} {other}"
    if confidence < UNCLEAR_BELOW:
        return "unclear", f"weak evidence for {stance} (confidence {confidence:.2f})"
    return stance, ""


# A vote on the record weighs as much as this many statements: what someone did, beside what they said of it ("voted
# for the entry fee", then "'Nobody wants an entry fee,' Reed said" and "'I have my doubts about it'")
VOTE_WEIGHT = 2.0


def person_stance(person: Person, labels: list[StanceLabel]) -> PersonStance:
    """Confidence-weighted vote of a person's quote labels (a vote they cast counting :data:`VOTE_WEIGHT` times);
    ``none`` when nothing takes a side. A label carried from the speaker's own position elsewhere in the article
    (:func:`.rules.carried`) is that position again, and adds no weight of its own ("he backed raising wages but …",
    then two quotes that do not name it, against a vote against the bill)."""
    weight: dict[Stance, float] = defaultdict(float)
    for lab in labels:
        if lab.stance != "none" and not carried(lab):
            weight[lab.stance] += lab.confidence * (VOTE_WEIGHT if voted(lab) else 1.0)
    if not weight:
        return PersonStance(person.id, person.name, person.party, "none", 0.0, [])
    stance: Stance = max(weight, key=lambda s: (weight[s], s != "neutral"))
    total = sum(weight.values())
    evidence = sorted((lab for lab in labels if lab.stance == stance), key=lambda lab: -lab.confidence)
    # the strongest evidence for the side taken, lowered by the share of the weight that went elsewhere
    strongest = evidence[0].confidence if evidence else 0.0
    return PersonStance(person.id, person.name, person.party, stance, round(strongest * weight[stance] / total, 2),
                        [lab.quote_id for lab in evidence])


# Bodies whose work is evidence: "the Williams Institute", "Penn's Center for Guaranteed Income Research"
RESEARCH = re.compile(r"\b(?:institute|university|college|cent(?:er|re) for|lab|laboratory|research|think tank|"
                      r"school of)\b", re.I)
# The confidence of "neutral" for such a body cited in an article on the issue with no side of its own
CITED = 0.4
# ... and for anyone whose own statement names the issue and takes no side on it: they gave facts or analysis
# that bear on it ("There is so much we don't know yet about the programme")
SPOKE = 0.3


def no_side_taken(stance: PersonStance, person: Person, labels: list[StanceLabel]) -> PersonStance:
    """``neutral`` for someone who bears on the issue without taking a side: a statement of theirs names the
    issue and judges nothing (its reason starts with :data:`~onrecord.stance.rules.NAMED`), or a research body is
    cited in an article on the issue (``labels``: their statements' labels in the articles that bear on it). Anyone
    else is left as they are."""
    if stance.stance != "none" or not labels:
        return stance
    spoke = [lab.quote_id for lab in labels if lab.reason.startswith(NAMED)]
    if spoke:
        return PersonStance(stance.person_id, stance.name, stance.party, "neutral", SPOKE, spoke)
    if person.kind != "organisation" or not RESEARCH.search(person.name):
        return stance
    return PersonStance(stance.person_id, stance.name, stance.party, "neutral", CITED,
                        [lab.quote_id for lab in labels])


# The confidence of "support" for the one the issue names as doing it, with no side of their own in the articles
DOES_IT = 0.4
# Words of a body's name that say what kind of body it is, not which ("the City of Oakland" is Oakland's)
BODY_KIND = {"city", "county", "town", "state", "borough", "council", "of", "the"}


def _names_them(person: Person, agent: set[str]) -> bool:
    """Whether ``agent`` (the proper names of who the issue says does it, lower case) names ``person``: a person by
    their surname, among those names ("Trump" of "the Trump administration"); a body by every word of its name but
    those of its kind ("City of San Francisco" for "San Francisco"; not "Oakland Unified" for "Oakland")."""
    for name in (person.name, *person.aliases):
        words = [w.lower() for w in re.findall(r"[\w’'-]+", name)]
        if not words:
            continue
        if person.kind == "person":
            if words[-1] in agent and agent <= set(words):
                return True
        elif agent <= set(words) and set(words) - BODY_KIND <= agent:
            return True
    return False


def does_it(stance: PersonStance, person: Person, agent: set[str], labels: list[StanceLabel]) -> PersonStance:
    """``support`` for the one the issue names as doing it ("San Francisco" of "San Francisco busing homeless people
    out of town", "the Trump administration's firing of immigration judges" for Donald Trump, "Oakland's lawsuit"
    for the City of Oakland), seen in an article that bears on the issue (``labels``: their statements' labels
    there) and with no side of their own: what someone does is their position on it. At :data:`DOES_IT`
    confidence, with the issue as the basis. Anyone with a side or an open position of their own keeps it."""
    spoke_only = stance.stance == "neutral" and stance.confidence <= SPOKE
    if not agent or not labels or (stance.stance != "none" and not spoke_only) or not _names_them(person, agent):
        return stance
    return replace(stance, stance="support", confidence=DOES_IT,
                   basis="no statement of their own takes a side; the issue names them as the one who does it")


# "Parties" that are none: independents share no line, and none of them breaks one
NO_LINE = {"Independent"}


@dataclass
class PartyLine:
    party: str
    stance: Stance
    source: str  # "leader: NAME" | "government: NAME" | "frontbench: NAME" | "party statements" | "free vote" | …
    breakers: list[str]  # person ids
    # the person id of the party's leader in the article, who holds its line where they say nothing of their own
    leader: str | None = None


# roles that lead a party (in a chamber): "Senate Majority Leader", "House Minority Leader", "Speaker", "party leader"
LEADERSHIP = re.compile(r"^(?:(?:senate|house|assembly) )?(?:majority|minority) leader$|^(?:[\w ]+ )?party leader$|"
                        r"^leader of the (?:opposition|[\w ]+ party)$|^(?:house )?speaker(?: of the house)?$", re.I)
# a member of the government: a minister, a secretary of state, the chancellor, the prime minister (a parliamentary
# private secretary is an MP who helps a minister, not one)
GOVERNMENT_ROLE = re.compile(r"\b(?:prime minister|minister|" + SECRETARY + r"|chancellor|attorney general|"
                             r"chief whip|leader of the house|paymaster|first secretary)\b", re.I)
# the offices of a government from the most senior down: where its members on record split evenly, the most senior
# speaks for it ("the chancellor backed the runway; the energy secretary was more cautious")
SENIORITY = [re.compile(r"\bprime minister\b|\bfirst minister\b", re.I),
             re.compile(r"\bchancellor\b|\bdeputy prime minister\b|\bfirst secretary\b", re.I),
             re.compile(r"\b" + SECRETARY + r"\b", re.I)]
# a frontbench spokesperson for a party out of government, or a role held no longer
SHADOW = re.compile(r"\bshadow\b|\bspokes(?:man|woman|person)\b", re.I)
FORMER = re.compile(r"\b(?:former|ex|ex-|one-time|then|previous)\b|^ex-", re.I)
# "allowed MPs a free vote", "a free vote for Tory MPs": the party takes no line
# ("a conscience vote"; not "I cannot in good conscience vote against it")
FREE_VOTE = re.compile(r"\bfree vote\b|\bvote (?:of|on) (?:their|his|her) conscience\b|"
                       r"\b(?:a|the|an?\s+\w+)\s+conscience votes?\b", re.I)
# a free vote said of every party, naming none: "MPs were given a free vote, meaning they were not instructed by their
# parties", "a free vote across the House", "all MPs"
EVERY_PARTY = re.compile(r"\b(?:their|all|every|each|the main) part(?:y|ies)\b|\ball MPs\b|\bcross-party\b|"
                         r"\bacross (?:the House|the Commons|parties|party lines)\b", re.I)
# a party line from its members needs this many members on record with a side, and this share of them on one
MAJORITY_MIN = 3
MAJORITY_SHARE = 2 / 3


def _current(role: str) -> bool:
    return not FORMER.search(role)


# a party's members who go against its leadership: "Tory rebels", "a Labour rebellion", "defied the whip"
REBELLION = re.compile(r"\brebel(?:s|lion|lions|led|ling)?\b|\bdefied the whip\b|\bdefy(?:ing)? the whip\b|"
                       r"\bbroke ranks\b|\bbreaking ranks\b|\brevolt\b", re.I)
# the words that stand for the governing party in a sentence about a rebellion
GOVERNMENT_WORDS = re.compile(r"\bgovernment\b|\bministers\b|\bdowning street\b|\bno\.? ?10\b", re.I)


def free_vote_parties(text: str, party_of: dict[str, str], governing: str | None) -> set[str]:
    """Parties an article says have a free vote: those its free-vote sentences name, every party where one speaks of
    all of them (:data:`EVERY_PARTY`), else the governing party."""
    return _parties_said(text, FREE_VOTE, party_of, governing, True, EVERY_PARTY)


def rebel_parties(text: str, party_of: dict[str, str], governing: str | None) -> set[str]:
    """Parties an article says some of whose members rebel: those its sentences on a rebellion name ("Tory
    rebels"), or the governing party where such a sentence names the government ("government suffers rebellion")."""
    return _parties_said(text, REBELLION, party_of, governing, False)


def _parties_said(text: str, words: re.Pattern[str], party_of: dict[str, str], governing: str | None,
                  default_governing: bool, every: re.Pattern[str] | None = None) -> set[str]:
    out: set[str] = set()
    for sent in re.split(r"(?<=[.!?])\s+|\n+", text):
        if not words.search(sent):
            continue
        named = {party for alias, party in party_of.items()
                 if re.search(r"\b" + re.escape(alias) + r"\b", sent, re.I) and alias[:1].isalpha()}
        if named:
            out |= named
        elif every is not None and every.search(sent):
            out |= set(party_of.values())
        elif governing and (default_governing or GOVERNMENT_WORDS.search(sent)):
            out.add(governing)
    return out


# The confidence of a side read off the party line of someone its leadership binds who said nothing of their own:
# enough for the board to show it (UNCLEAR_BELOW), marked with the line it comes from
BOUND = 0.3


# The lines the leadership sets in the article, or that its rebels rebel against (not a majority of members' side)
LEADING_SOURCES = ("government: ", "frontbench: ", "party statements", "against its rebels")


def hold_the_line(stance: PersonStance, line: PartyLine) -> PersonStance:
    """A party's leader (the register's on the article's day) who takes no side of their own in an article whose
    line their ministers, frontbench or party statements set (:data:`LEADING_SOURCES`) holds that line: the line is
    the party's, and they lead it. At :data:`BOUND` confidence and with the line named as the basis. Anyone else (a
    minister too: "the Home Secretary" who only speaks of something near the issue is not counted for it), anyone
    with a side or an open position of their own, anyone under a free vote, and a line read only off the side most
    of its members took keep the stance they have."""
    if stance.person_id != line.leader or stance.stance != "none" or line.stance not in {"support", "oppose"} or \
            not line.source.startswith(LEADING_SOURCES):
        return stance
    return replace(stance, stance=line.stance, confidence=BOUND,
                   basis=f"no statement of their own takes a side; the {line.party} line ({line.source}) binds them "
                         "as its leader")


# A member's own act against their party's leadership, told with no side of its own: "defied the whip", "rebelled
# against the government", "voted against the government"
DEFIANCE = re.compile(r"\b(?:defied|defy|defies|defying)\s+(?:the\s+)?(?:(?:party|government|labour|tory|"
                      r"conservative)\s+)?whip|\brebel(?:led|ling|s)?\s+against\s+(?:the|their|his|her)\s+"
                      r"(?:government|party|leadership|whip)|\bvot(?:ed|ing|e)\s+against\s+(?:the|their|his|her)\s+"
                      r"(?:own\s+)?(?:government|party|whip)\b", re.I)


def defies_the_line(stance: PersonStance, line: PartyLine) -> PersonStance:
    """A member of a party who, in an article, is told to have defied its whip or voted against their own government
    ("Callum Reddy and Laura Penhallow were among the Labour members who defied the whip"), and who takes no side of
    their own there, takes the side against the line that article's leadership sets (ministers, frontbench, party
    statements: :data:`LEADING_SOURCES`), and breaks it. At :data:`BOUND` confidence, with the line as the basis. A
    line read off its rebels, a free vote, or a side of their own leaves them as they are."""
    if stance.stance != "none" or stance.party != line.party or line.stance not in {"support", "oppose"} or \
            not line.source.startswith(LEADING_SOURCES) or line.source.startswith("against its rebels"):
        return stance
    other: Stance = "oppose" if line.stance == "support" else "support"
    return replace(stance, stance=other, confidence=BOUND, breaks_with_party=True,
                   basis=f"no statement of their own takes a side; they defied the {line.party} whip, whose line "
                         f"({line.source}) is to {line.stance}")


def the_party_s_line(stance: PersonStance, line: PartyLine) -> PersonStance:
    """The party itself (the organisation named as the party: "the Liberal Democrats") with no side of its own in
    an article, or only words on the issue that take none, holds the line its leader, ministers, frontbench or own
    statements set there: a party's position is its line. At :data:`BOUND` confidence, with the line as the basis.
    A free vote, or a line read only off its members' sides, binds nothing."""
    open_by_speaking = stance.stance == "neutral" and stance.confidence <= SPOKE
    if stance.stance != "none" and not open_by_speaking or line.stance not in {"support", "oppose"} or \
            not line.source.startswith((*LEADING_SOURCES, "leader: ")) or line.source.startswith("against its rebels"):
        return stance  # (a line read off its rebels is what its members did, not what it says)
    return replace(stance, stance=line.stance, confidence=BOUND,
                   basis=f"no statement of its own takes a side; it is the {line.party} party, whose line "
                         f"({line.source}) this is")


def party_lines(stances: list[PersonStance], people: dict[str, Person], leaders: dict[str, str],
                governing: str | None = None, free_vote: set[str] | None = None,
                party_of: dict[str, str] | None = None,
                elsewhere: dict[str, PersonStance] | None = None,
                rebellion: set[str] | None = None) -> list[PartyLine]:
    """Each party's line on the issue in one article (or one store), as news reports it: ``none`` for a free vote;
    else its leader's stance (the register's leader on the article's day; with none there, a member whose role in
    the article is a party leadership office, :data:`LEADERSHIP`); for the governing party, the government's (its
    current ministers and the executive); for a party out of government, its frontbench spokespeople; the party's
    own statements (an organisation named as the party: ``party_of`` maps lower-case names to parties); else,
    when the article is silent, its leader's position on record elsewhere (``elsewhere``: stances by person name);
    else the side taken by at least :data:`MAJORITY_SHARE` of its members who took one (at least
    :data:`MAJORITY_MIN`), or, where the article says some of its members rebel (``rebellion``), the other side
    from the one most of its members on record took: those are the rebels.

    A member breaks with the line when they take the other side (support vs oppose); being open or silent is not
    a break, and those whose words set the line do not break it.
    """
    by_party: dict[str, list[PersonStance]] = defaultdict(list)
    for s in stances:
        if s.party and s.party not in NO_LINE:
            by_party[s.party].append(s)
    out = []
    for party, members in sorted(by_party.items()):
        line: Stance = "none"
        source = "none"
        setters: set[str] = set()

        def sided(ms: list[PersonStance]) -> list[PersonStance]:
            return [m for m in ms if m.stance in {"support", "oppose"}]

        def majority(ms: list[PersonStance]) -> Stance | None:
            sides = [m.stance for m in sided(ms)]
            if not sides:
                return None
            top: Stance = max(("support", "oppose"), key=sides.count)
            return top if sides.count(top) > len(sides) / 2 else None

        def senior(ms: list[PersonStance]) -> PersonStance | None:
            """The one member of ``ms`` on record with a side who holds the most senior office of any, if one
            does."""
            for office in SENIORITY:
                top = [m for m in sided(ms) if any(office.search(r) and _current(r) and not SHADOW.search(r)
                                                   for r in people[m.person_id].roles)]
                if top:
                    return top[0] if len(top) == 1 else None
            return None

        leader = leaders.get(party)
        if leader is None:  # none on record: a member the articles call the party's leader in a chamber
            leader = next((m.name for m in members if m.stance != "none" and people[m.person_id].kind == "person"
                           and any(LEADERSHIP.search(r) for r in people[m.person_id].roles)), None)
        lead = next((m for m in members if m.name == leader), None)
        govt = [m for m in members if party == governing and (
            (people[m.person_id].kind == "person" and any(GOVERNMENT_ROLE.search(r) and _current(r) and
                                                          not SHADOW.search(r) for r in people[m.person_id].roles))
            or (people[m.person_id].kind == "organisation" and re.search(r"\bgovernment\b|downing street|no\.? ?10",
                                                                          m.name, re.I)))]
        bench = [m for m in members if party != governing and people[m.person_id].kind == "person" and
                 any(SHADOW.search(r) and _current(r) for r in people[m.person_id].roles)]
        own = [m for m in members if people[m.person_id].kind == "organisation" and m.stance != "none" and
               ((party_of or {}).get(m.name.lower()) == party or
                (party_of is None and m.name.lower().startswith(party.lower())))]
        far = (elsewhere or {}).get(leader or "")
        if party in (free_vote or set()):
            line, source = "none", "free vote"
        elif lead is not None and lead.stance != "none":
            line, source, setters = lead.stance, f"leader: {lead.name}", {lead.person_id}
        elif govt and majority(govt):
            side = majority(govt)
            assert side is not None
            names = ", ".join(m.name for m in sided(govt) if m.stance == side)
            line, source, setters = side, f"government: {names}", {m.person_id for m in govt}
        elif (first := senior(govt)) is not None:
            line, source = first.stance, f"government, its most senior: {first.name}"
            setters = {m.person_id for m in govt}
        elif bench and majority(bench):
            side = majority(bench)
            assert side is not None
            names = ", ".join(m.name for m in sided(bench) if m.stance == side)
            line, source, setters = side, f"frontbench: {names}", {m.person_id for m in bench}
        elif own and own[0].stance in {"support", "oppose"}:
            line, source, setters = own[0].stance, "party statements", {own[0].person_id}
        elif far is not None and far.stance in {"support", "oppose"}:
            line, source, setters = far.stance, f"leader elsewhere: {far.name}", {far.person_id}
        elif party in (rebellion or set()) and majority(members):
            # the article's rebels are the members on record: the line is the side they rebel against
            side = majority(members)
            line = "oppose" if side == "support" else "support"
            n = len([m for m in sided(members) if m.stance == side])
            source = f"against its rebels ({n} of {len(sided(members))})"
        else:  # no leadership on record: the clear majority of its members who took a side
            sides: list[Stance] = [m.stance for m in sided(members)]
            if sides:
                top: Stance = max(("support", "oppose"), key=sides.count)
                if len(sides) >= MAJORITY_MIN and sides.count(top) >= MAJORITY_SHARE * len(sides):
                    line, source = top, f"majority of members ({sides.count(top)} of {len(sides)})"
        breakers = []
        if line in {"support", "oppose"}:
            for m in members:
                if m.person_id in setters or m.name == leader:
                    continue
                if m.stance in {"support", "oppose"} and m.stance != line:
                    m.breaks_with_party = True
                    breakers.append(m.person_id)
        leading = lead.person_id if lead is not None and people[lead.person_id].kind == "person" else None
        out.append(PartyLine(party, line, source, breakers, leading))
    return out
