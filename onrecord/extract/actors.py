"""Everyone whose position an article reports, not only the people it quotes.

A news story reports positions in many ways besides quotes, and each one is a statement of kind ``reported`` for
every actor who holds it, with its cue and offsets:

* **actions and positions taken**, the subject of a position verb: "voted against the bill", "backed the
  amendment", "sued the airline", "resigned over the cuts", "vowed to block any expansion", and the agent of a
  passive one ("an amendment tabled by X", "a plan championed by X");
* **every actor in a coordination**: "Reform, the Tories, the Lib Dems and the Greens all oppose the scheme" is
  four statements, and "…, as did X and Y" adds X and Y;
* **members of a group that takes a position**: "Among the MPs who backed the amendment were A, B and C", "Those
  who voted against included A and B", "the rebels, A and B, …", "critics including A";
* **owners of a proposal**: "X's plan to …", "X's bill", "X's support for …", "X's decision to …".

The verbs and nouns are general English (:data:`POSITION_VERBS`, :data:`PROPOSAL_NOUNS`); which way a statement
points on an issue, and whether it is about the issue at all, is the stance stage's work.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from typing import Any

from ..models import Article, Mention, Quote, Span
from ..resolve import ArticlePeople
from ..resolve.document import (
    SOME_OF,
    SUBJECT_DEPS,
    Resolved,
    accompanying,
    aimed_at,
    asked_about,
    asked_to,
    joined_to_what_is_said,
    some_of_them,
)
from .intervals import Intervals
from .lexicon import MOUTH_NOUNS, PERSON_ROLE_NOUNS, PUBLIC_BODY_KINDS, REPORTED_NEEDS_PREP, REPORTED_VERBS

Token = Any

# Verbs that, with "forward", put a proposal before others: "the bill, brought forward by Kim Leadbeater", "put
# forward an amendment"
FORWARD_VERBS = {"bring", "put"}


def _put_forward(t: Token) -> Token | None:
    """The particle "forward" of ``t`` where ``t`` is one of :data:`FORWARD_VERBS`, right after it or after its
    object of a few words ("brought the proposal forward"), else None."""
    if t.lemma_.lower() not in FORWARD_VERBS:
        return None
    return next((c for c in t.children if c.lower_ == "forward" and t.i < c.i <= t.i + 5), None)


# Verbs that take a side by their preposition, "in favour" among them: "voted in favour", "came out in favor of it"
SIDE_BY_PREP = {"vote", "speak", "come"}
# Verbs whose subject takes a position or acts on a proposal (lemmas). Speech verbs are the quote finders' work.
POSITION_VERBS = REPORTED_VERBS | {
    "oppose", "reject", "block", "veto", "resist", "fight", "challenge", "question", "criticise", "criticize",
    "condemn", "denounce", "slam", "attack", "boycott", "protest", "petition", "sue", "appeal", "overturn",
    "scrap", "abandon", "rebel", "revolt", "defy", "resign", "quit", "abstain", "withdraw", "halt", "suspend", "pause",
    "postpone", "rescind", "revoke",
    "back", "support", "endorse", "champion", "sponsor", "cosponsor", "co-sponsor", "author", "propose",
    "introduce", "table", "submit", "draft", "sign", "pass", "approve", "adopt", "enact", "vote", "push", "urge",
    "demand", "welcome", "praise", "defend", "fund", "launch", "announce", "unveil", "expand", "implement",
    "advocate", "favour", "favor", "commit", "pledge", "vow", "promise", "plan", "seek", "lobby", "campaign",
    "join", "file", "issue", "order", "fire", "dismiss", "remove", "oust", "cut", "raise", "ban", "end", "lift",
    "create", "run", "operate", "pilot", "offer", "warn", "accuse", "confirm", "dissent", "object", "advance",
    "testify", "recommend", "applaud", "hail", "celebrate", "commend", "laud", "decry", "lament", "deplore",
    "write", "take", "collect", "gather",  # (only with some objects: NEEDS_OBJECT)
    "speak", "come", "distance",  # (only "spoke against", "came out in favor", "distanced herself from": lexicon)
    "shelve", "row", "stick", "proceed", "go", "retreat",  # "rowed back on", "stuck to", "went ahead with" (lexicon)
}
# Verbs that voice a position named by their object ("voiced opposition to the plan", "expressed support for it",
# "signalled its backing", "lodged an objection"); a position only with such an object (NEEDS_OBJECT)
VOICING_VERBS = {"voice", "express", "register", "air", "signal", "reiterate", "restate", "declare", "lodge"}
# ... and the nouns of a position or a feeling about something that they voice
VOICED_NOUNS = {
    "support", "backing", "approval", "endorsement", "enthusiasm", "opposition", "objection", "objections",
    "criticism", "criticisms", "disapproval", "alarm", "anger", "outrage", "dismay", "fury", "frustration",
    "disappointment", "concern", "concerns", "worry", "worries", "doubts", "reservations", "misgivings", "fears",
    "unease", "scepticism", "skepticism",
}
POSITION_VERBS |= VOICING_VERBS
# How a voicing verb's cue begins, whatever its ending ("voiced", "expressing": "voic", "express")
VOICING_PREFIXES = tuple(sorted(v.rstrip("e") for v in VOICING_VERBS))
# Position verbs that are one only with such an object, as lexicon.REPORTED_NEEDS_PREP asks a preposition: the
# author of a law holds it ("wrote the ordinance"; not a letter, whose side is what it says), and a position taken
# is one ("has not taken a public position"; not "took office")
NEEDS_OBJECT = {
    "write": {"bill", "law", "amendment", "ordinance", "measure", "legislation", "proposal", "resolution", "motion",
              "policy", "rule", "rules", "regulation", "regulations"},
    "take": {"position", "stance", "side", "sides", "view"},
    # signatures gathered are a petition's, whose side is what it asks ("collected 1,400 signatures on a petition
    # asking the county to drop the site")
    "collect": {"signatures"}, "gather": {"signatures"},
    **{verb: VOICED_NOUNS for verb in VOICING_VERBS},
}
# Verbs of signatures gathered, a position only where what they are for is said: "collected 1,400 signatures on a
# petition asking …", "gathered signatures against the plan" (not "had not gathered enough signatures")
PETITIONING = {"collect", "gather"}
COUNTED = {"enough", "sufficient", "required", "valid", "necessary", "needed"}
# ... and the prepositions that say by whom, where or when they were gathered, not what for ("in" only as "in support")
NOT_WHAT_FOR = {"by", "from", "at", "in", "since"}


def _for_something(verb: Token) -> bool:
    """Whether the signatures ``verb`` gathers are said to be for or against something: a preposition of theirs or
    the verb's ("on a petition", "in support of", "against"), or a clause ("asking …", "calling for …")."""
    said = [c for c in verb.children if c.dep_ == "dobj"]
    if any(c.dep_ == "neg" for c in verb.children) or any(g.lower_ in COUNTED for x in said for g in x.children):
        return False  # ("did not gather enough signatures to qualify": how many, not what for)
    return any((c.dep_ in {"prep", "acl", "relcl"} and c.lower_ not in NOT_WHAT_FOR) or
               (c.dep_ == "prep" and c.lower_ == "in" and any(g.lower_ in {"support", "favour", "favor", "protest"}
                                                              for g in c.children))
               for x in [verb, *said] for c in x.children if c.i > x.i)


# How a vote is cast, said alone: "A and B voted no", "she voted yes"
BALLOTS = {"yes", "no", "aye", "nay", "yea"}
# Adverbs of a phrasal verb that the parser may hang its preposition on: "backed away from the plan"
PARTICLE_ADVERBS = {"away", "ahead", "back", "down"}
# "The council approved it 7-2, with A and B dissenting": a vote's minority or abstainers after "with"
WITH_CLAUSE = {"pobj", "pcomp"}
# Nouns of a position held by whom they are "of" ("has the backing of Unison", "with the support of the mayor"), the
# verbs of having one ("has", "enjoys") and the preposition "with"
HELD_BY = {"support", "backing"}
HAVING = {"have", "enjoy", "retain", "keep", "lose", "secure"}
# Where a position is said to come from someone with no verb of theirs: "despite objections from X", "it drew
# criticism from X" (not "it needs support from X": a need is no position)
DRAWN_FROM = {"despite", "amid", "draw", "face", "receive", "win", "attract", "prompt", "spark", "meet", "gain",
              "earn", "provoke", "trigger"}
# Verbs that are a position with no object: "Hunt abstained", "two ministers resigned", "MPs rebelled".
# Nouns of a group named for its position: "its backers, including A and B", "critics of the plan include A"
# Months and days, which the tagger tags as proper nouns
CALENDAR = re.compile(r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?|"
                      r"(?:mon|tues|wednes|thurs|fri|satur|sun)day", re.I)
GROUP_NOUNS = {"backer", "supporter", "proponent", "champion", "critic", "opponent", "detractor"}
# ... and nouns that say what one named actor stands for: "Ann Lee, a critic of the plan", "Lee is a champion of it"
DESCRIBING_NOUNS = GROUP_NOUNS | {"advocate", "architect", "sponsor", "author", "foe", "ally"}
# Positions said to "come from" people: "Other notable Noes came from A and B"
SOURCED_NOUNS = {"noes", "ayes", "votes", "vote", "opposition", "criticism", "support", "backing", "objections",
                 "calls"}
# Nouns for a proposal, which does things but takes no position: "the plan has run into opposition"
PROPOSAL_SUBJECTS = {"plan", "plans", "proposal", "proposals", "scheme", "bill", "policy", "measure", "legislation",
                     "law", "ordinance", "reform", "reforms", "idea", "programme", "program", "project"}
# Verbs of a choice: "decided not to vote" is abstaining
CHOICE_VERBS = {"decide", "choose", "opt", "elect"}
INTRANSITIVE = {"abstain", "rebel", "revolt", "resign", "quit", "protest", "object", "dissent"}
# Complements that carry what a position is about.
COMPLEMENTS = {"dobj", "xcomp", "ccomp", "prep", "prt", "dative", "oprd", "attr", "acomp"}
ABOUT_PREPS = {"for", "on", "to", "against", "over", "in", "into", "of", "about", "with", "from", "by", "out"}
# Nouns a person or organisation can own as their position: "X's plan", "X's support for …".
PROPOSAL_NOUNS = {
    "plan", "plans", "bill", "bills", "proposal", "proposals", "policy", "policies", "scheme", "reform", "reforms",
    "decision", "move", "amendment", "amendments", "budget", "push", "bid", "call", "calls", "pledge", "promise",
    "support", "backing", "opposition", "campaign", "lawsuit", "suit", "veto", "program", "programme", "initiative",
    "crackdown", "strategy", "agenda", "law", "legislation", "ban", "rule", "order", "measure", "motion", "review",
    "refusal", "rejection", "criticism", "demand", "demands", "vote", "votes", "u-turn", "announcement",
    "raid", "levy", "cuts", "overhaul", "shake-up", "changes",  # "his inheritance tax raid", "Reeves's cuts"
    "ordinance", "ordinances",
}
# What someone says or holds, owned like a proposal: "Reeves's speech confirming support for …", "X's view that …"
OWNED_STATEMENTS = {"speech", "statement", "letter", "view", "views", "stance", "position", "comments", "remarks",
                    "vision", "announcement", "warning", "opposition", "backing"}
# Verbs of addressing someone, whose participle after the one addressed is the addresser's ("wrote to the prime
# minister urging him to …")
ADDRESSING = {"write", "appeal", "turn", "speak", "talk", "go", "reach"}
# Light verbs whose subject owns their object: "Starmer made an announcement that …", "X gave a speech backing …"
LIGHT_VERBS = {"make", "give", "deliver", "issue", "set", "publish", "write", "send", "sign", "cast"}
# Idioms of backing: a verb, its object and the preposition before what is backed ("threw her weight behind the
# runway", "gave the go-ahead for it", "gave the green light to it")
ENDORSING = {("throw", "weight", "behind"), ("put", "weight", "behind"), ("give", "ahead", "for"),
             ("give", "ahead", "to"), ("give", "light", "to"), ("give", "light", "for"), ("give", "blessing", "to")}
# Heads of a group whose members a story lists: "MPs who backed it were A, B and C".
LIST_VERBS = {"be", "include"}
LIST_PREPS = {"among", "including", "include"}
# Pronouns that are the object of a verb, never its doer, by the gender they point at
OBJECT_PRONOUNS = {"him": "m", "her": "f"}
# What points at a public body named by what it is ("the school board")
DEFINITE_BODY = {"the", "this", "that"}
# The last words of the names of laws: a law takes no position ("the Clean Rivers Bill passed")
LAWS = {"bill", "act", "law", "amendment", "treaty", "directive", "regulation", "regulations", "ordinance",
        "ordinances", "measure", "proposition", "referendum"}
# Actors named only by a pronoun or a role can hold a position too, but "who"/"which" are resolved by the clause.
RELATIVE = {"who", "which", "that"}


def _quote_id(article: Article, start: int, end: int, actor: int) -> str:
    return hashlib.sha1(f"{article.id}:{start}:{end}:{actor}".encode()).hexdigest()[:12]


def _misjoined(t: Token) -> list[Token]:
    """The name the parser hangs on the name ``t`` as its modifier where the two are joined by "and": "Greg Palmer and
    Susan Li voted …", parsed with "Palmer" a modifier of "Li" and "Susan" coordinated with "Palmer"."""
    return [c for c in t.children if c.dep_ == "nmod" and t.pos_ == "PROPN" and c.pos_ == "PROPN" and
            c.ent_type_ == "PERSON" and c.i < t.i and any(g.dep_ == "cc" and g.lower_ == "and" for g in c.children)]


class ActorFinder:
    """Reported statements for every actor of a position (see the module's docstring)."""

    def __init__(self, article: Article, doc: Any, ents: ArticlePeople, marked: list[tuple[int, int]],
                 found: list[Quote]) -> None:
        self.article, self.doc, self.ents = article, doc, ents
        self.marked = marked
        # the quoted passages and the quotes' spans: a statement there is not reported again
        self.covered = Intervals([*marked, *((q.span.start, q.span.end) for q in found if q.kind != "reported")])
        self.text = article.text
        # what is already attributed: (cue offset, speaker) pairs, and the spans of quotes
        self.done = {(q.cue.start, q.speaker) for q in found if q.cue is not None and q.speaker}
        self.found = found
        self.out: list[Quote] = []
        # the public bodies named by what they are (public_body), by their words and by their noun alone
        self.bodies: dict[str, str] = {}

    # ------------------------------------------------------------------ actors of a token
    def listed_name(self, t: Token) -> Resolved | None:
        """A member of a list of a position's holders: the entity it names, or, for a capitalised name the tagger
        knows nothing of or took for something else ("Easyjet" read as a date), an organisation by that name
        (a month or a day is no one, nor an abbreviation: "R-Ariz.")."""
        r = self.resolve(t)
        if r is not None or t.pos_ != "PROPN" or not t.text[:1].isupper() or CALENDAR.fullmatch(t.text) or \
                t.dep_ not in {"pobj", "conj", "dobj", "attr"} or t.text.endswith(".") or \
                t.ent_type_ in {"PERSON", "GPE", "LOC", "NORP", "FAC", "EVENT", "LANGUAGE", "CARDINAL", "ORDINAL",
                                "TIME", "MONEY", "PERCENT", "QUANTITY"}:
            return r
        first = t.i
        while first > 0 and self.doc[first - 1].pos_ == "PROPN" and self.doc[first - 1].dep_ == "compound":
            first -= 1
        name = " ".join(x.text for x in self.doc[first : t.i + 1])
        self.ents.fact(name, "organisation")
        return Resolved(name, "organisation", self.doc[first].idx, t.idx + len(t.text))

    def resolve(self, t: Token) -> Resolved | None:
        """The entity a noun phrase headed by ``t`` names (a name run whose head is not its last token too)."""
        several = t.tag_ in {"NNS", "NNPS"} and any(c.dep_ == "nummod" or c.like_num or c.ent_type_ == "CARDINAL" or
                                                     c.lower_ in SOME_OF for c in t.children)  # "Sixty Tories"
        if several and not _all_of(t):
            return None  # a counted group of members is not their party acting (all of them are: "All 19
            # Democrats present voted for it")
        if some_of_them(t):
            return None  # "the Tories who opposed the bill": those of them who did, not the party
        r = self.ents.at_token.get(t.i)
        if r is not None and r.key and r.key.split()[-1].lower() in LAWS:
            return None  # "the Safety of Housing Bill passed its third reading": a law is what is acted on
        if r is not None:
            if r.kind == "pronoun" and t.lower_ in {"they", "them", "their", "we", "our"}:
                return None  # "after they both supported it": a group of people, not the organisation last named
            if r.kind == "role" and t.tag_ in {"NNS", "NNPS"}:
                return None  # "two independent MPs" are not the one MP the story named last
            return r
        for x in t.subtree:
            if x.i != t.i and _below(x, t, {"relcl", "acl", "appos", "prep", "conj", "cc"}):
                continue  # "the presenter of the Bill" is not the Bill
            r = self.ents.at_token.get(x.i)
            if r is not None and r.kind == "name" and x.dep_ == "compound" and t.tag_ == "NNS" and \
                    t.lemma_.lower() not in MOUTH_NOUNS:
                continue  # "Trump voters", "Starmer supporters": people named after a person are not that person
            if r is not None and r.kind in {"name", "organisation"} and x.i <= t.i + 3:
                return r
        # "Reform, the Tories and the Greens oppose it": a party speaks as itself
        if t.text[:1].isupper():
            r = self.ents.party_body(t.text, t.text, t)
            if r is not None and several:  # ("All 19 Democrats present": the party, named by its own word)
                r = Resolved(r.key, r.kind, t.idx, t.idx + len(t.text))
            return r
        return self.public_body(t)

    def public_body(self, t: Token) -> Resolved | None:
        """A public body the story names by what it is, which the tagger knows nothing of: "the Riverside Unified
        school board voted 4-3 to close four schools", "the city council approved it"; named by the words before its
        noun as written, and the same body where the story points back at it ("the board", "the school board")."""
        if t.pos_ != "NOUN" or t.tag_ != "NN" or t.lower_ not in PUBLIC_BODY_KINDS or not any(
                c.dep_ in {"det", "poss"} and c.lower_ in DEFINITE_BODY for c in t.children):
            return None
        mods = [c for c in t.children if c.dep_ in {"compound", "amod"} and c.i < t.i and not c.like_num]
        first = min((x.i for c in mods for x in c.subtree), default=t.i)
        words = self.doc[first : t.i + 1]
        if any(x.ent_type_ in {"PERSON", "NORP"} or x.pos_ == "PRON" or x.lower_ in {"'s", "’s"} for x in words):
            return None  # "Mr Lee's board", "the Democratic committee": someone else's, or a party's
        name = " ".join(x.text for x in words)
        known = self.bodies.get(name.lower()) or (self.bodies.get(t.lower_) if len(words) == 1 or not any(
            x.pos_ == "PROPN" for x in words) else None)
        if known is None and not any(x.pos_ == "PROPN" for x in words):
            # (one body of that kind the story has named: "the Riverside Unified School Board", then "the board")
            named = [k for k, f in self.ents.facts.items() if f.kind == "organisation" and
                     t.lower_ in k.lower().split()]
            known = named[0] if len(named) == 1 else None
        if known is None:
            self.ents.fact(name, "organisation")
            known = name
            self.bodies.setdefault(name.lower(), name)
            self.bodies.setdefault(t.lower_, name)
        return Resolved(known, "organisation", words[0].idx, t.idx + len(t.text))

    def members(self, t: Token) -> list[Token]:
        """``t`` and the heads of the phrases coordinated with it ("A, B and C"), an appositive list ("the rebels, A
        and B"), and those a plural group is said to include ("Eleven MPs, including A and B"). An appositive of one
        named actor is what it is, not another actor ("Governor A, a Republican, signed …"; "Acme, a Dutch firm")."""
        out = [t]
        stack = [c for c in t.children if c.dep_ == "conj" or (c.dep_ == "appos" and not self._describes(c))]
        stack += _misjoined(t)
        if t.pos_ in {"NOUN", "PROPN"}:  # "Eleven MPs, including A and B": the members the story names
            stack += [g for c in t.children if c.dep_ == "prep" and c.lower_ in LIST_PREPS
                      for g in c.children if g.dep_ == "pobj"]
        if t.tag_ in {"NNS", "NNPS"}:  # "The rebels, who included A and B, …"
            stack += [g for c in t.children if c.dep_ == "relcl" and c.lemma_ == "include" and any(
                w.dep_ == "nsubj" and w.lower_ in {"who", "which", "that"} for w in c.children)
                for g in c.children if g.dep_ == "dobj"]
        stack += _named_after_their_body(t)
        seen = {t.i}
        while stack:
            c = stack.pop(0)
            if c.i in seen:
                continue
            seen.add(c.i)
            doc = c.doc
            if c.left_edge.i > 0 and doc[c.left_edge.i - 1].text == "(" and c.right_edge.i + 1 < len(doc) and \
                    doc[c.right_edge.i + 1].text == ")":
                continue  # "a parliamentary private secretary (PPS)": what it is called for short, no one else
            out.append(c)
            stack += [g for g in c.children if g.dep_ == "conj" or (g.dep_ == "appos" and not self._describes(g))]
            stack += _named_after_their_body(c) + _misjoined(c)
            # "the presenter of the Bill, A": the parser hangs A on the last noun; it names the first
            stack += [a for a in c.subtree if a.dep_ == "appos" and a.head.i != c.i and a.ent_type_ == "PERSON" and
                      (a.head.ent_type_ != "PERSON" or any(d.dep_ == "det" for d in a.head.children)) and
                      _below(a.head, c, {"prep"})]
        if t.pos_ == "NOUN" and t.tag_ not in {"NNS", "NNPS"} and any(
                c.dep_ == "appos" and c.pos_ == "PROPN" and self.ents.at_token.get(c.i) is not None and
                self.ents.at_token[c.i].kind in {"name", "organisation"} for c in t.children):
            out.remove(t)  # "the county's largest taxpayer group, the Harlow Taxpayers Association": the name is who
        return out

    def _describes(self, appos: Token) -> bool:
        """Whether an appositive describes the one actor its head names: the head is a name (not a plural group,
        whose appositive lists its members) and the appositive names no one by name."""
        head = appos.head
        named = self.ents.at_token.get(head.i)
        if head.tag_ in {"NNS", "NNPS"} or named is None or named.kind not in {"name", "organisation"} or \
                head.pos_ != "PROPN":
            return False
        own = self.ents.at_token.get(appos.i)
        return own is None or own.kind != "name" or appos.pos_ != "PROPN"

    def listed_in(self, preps: list[Token]) -> list[Token]:
        """The members named after list prepositions ("including A and B", "among them A")."""
        return [m for p in preps for g in p.children if g.dep_ == "pobj" for m in self.members(g)]

    def listed(self, group: Token) -> list[Token]:
        """The names a dash or colon lists at the end of a plural group's phrase ("two MPs who were formerly in
        the party - A and B"), which the parser often glues into the phrase before the dash."""
        if group.tag_ not in {"NNS", "NNPS"}:
            return []
        dash = next((x for x in self.doc[group.i + 1 : group.right_edge.i + 1] if x.text in {"-", "–", "—", ":"}),
                    None)
        if dash is None:
            return []
        names = []
        for x in self.doc[dash.i + 1 : group.right_edge.i + 1]:
            r = self.ents.at_token.get(x.i)
            if r is not None and r.kind == "name":
                names.append(x)
            elif x.pos_ not in {"PROPN", "CCONJ", "PUNCT"}:
                return []  # the dash does not open a list of names
        return names

    def actors_of(self, verb: Token) -> list[tuple[Token, Resolved]]:
        """The actors of a position verb: its subjects (climbing to the verb it is coordinated with, and from a
        relative clause to the noun it describes), the agent of a passive, and "as did X"."""
        subjects: list[Token] = []
        v = verb
        for _ in range(3):
            subj = [c for c in v.children if c.dep_ in SUBJECT_DEPS]
            agent = [g for c in v.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            if agent:
                subjects = agent
                break
            if subj and subj[0].dep_ == "nsubjpass":
                subj = []  # "the amendment was rejected": the subject is what it was done to
                break
            if subj:  # the parser can give a verb two: "Nine MPs, among them A and B, voted …"
                # (the relative clause of an apposition is of whom it describes: "Maria Santos, a cook who testified
                # in favor of the bill")
                subjects = [(v.head.head if v.head.dep_ == "appos" else v.head) if s.lower_ in RELATIVE and
                            v.dep_ == "relcl" else s for s in subj]
                break
            if v.dep_ == "relcl" and v.head.pos_ in {"PROPN", "NOUN"}:
                subjects = [v.head]
                break
            if (v.dep_ in {"conj", "xcomp"} or accompanying(v)) and v.head.i != v.i:
                # (not an advcl with "to": "voted against the bill to raise …"; a participle beside the verb is its
                # subject's too: "wrote to ministers, calling for …")
                v = joined_to_what_is_said(v) or v.head
                continue
            if v.dep_ == "acl" and v.tag_ == "VBG" and v.head.dep_ == "pobj" and v.head.head.lower_ == "to" and \
                    v.head.head.head.lemma_.lower() in ADDRESSING:
                v = v.head.head.head  # "have written to the prime minister urging him to …": the writers urge
                continue
            if v.dep_ == "advcl" and v.head.lemma_ in {"be", "vote"} and any(c.dep_ == "aux" and c.lower_ == "to"
                                                                               for c in v.children):
                # "A and B were among the 35 MPs to vote against it": the subjects of "be"; "the council voted 5-2
                # to approve it": the voters
                v = v.head
                continue
            if v.dep_ in {"pobj", "pcomp"} and v.head.lower_ == "in" and v.head.head.lemma_ == "join":
                # "A joined B in voting against it": both did
                joined = v.head.head
                subjects = [c for c in joined.children if c.dep_ in SUBJECT_DEPS | {"dobj"}]
                if any(c.dep_ == "auxpass" for c in joined.children):
                    # "A was joined in voting no by B, C and D": they did too (the parser hangs "by" on either verb)
                    subjects += [g for x in (joined, v) for c in x.children if c.dep_ == "agent" or (
                        c.dep_ == "prep" and c.lower_ == "by") for g in c.children if g.dep_ == "pobj"]
            break
        for c in verb.children:  # "…, as did two independent MPs, A and B"
            if c.dep_ == "advcl" and c.lemma_ == "do" and any(m.lower_ == "as" for m in c.children):
                subjects += [g for g in c.children if g.dep_ in SUBJECT_DEPS]
            if c.dep_ == "prep" and c.lower_ in {"among", "including"} and c.i > verb.i:
                # "Around 50 MPs abstained, among them A and B" (the parser hangs the names on the verb), "…,
                # including A"
                them = [g for g in c.children if g.dep_ == "pobj"]
                if them and them[0].lower_ in {"them", "those"}:
                    subjects += [x for x in verb.children if x.i > c.i and x.pos_ == "PROPN" and
                                 x.dep_ in {"dobj", "npadvmod", "appos", "attr", "nsubj"}]
                else:
                    subjects += [g for g in them if g.pos_ == "PROPN"]
        if subjects:  # "… voted for it, along with Sens. A and B", "A, together with B, voted …": they did too
            subjects += [p for x in [verb, *subjects] for p in _along_with(x)]
        # (a proposal is no actor, nor is its owner the doer of what it does: "Starmer's plan has run into opposition")
        subjects = [s for s in subjects if not (s.pos_ == "NOUN" and s.text.islower() and
                                                s.lower_ in PROPOSAL_SUBJECTS)]
        out = []
        # (a doer reached through the verb it is coordinated with is not whom the verb is done to, named by a pronoun
        # of their gender: in "said the governor had caved and urged her to reverse course" the parser hangs "urged"
        # on "caved", but the governor did not urge herself)
        # (not a participle beside its head's verb, whose object is someone the head names: "has written to the prime
        # minister urging him to …")
        done_to = object_genders(verb) if v.i != verb.i and verb.dep_ == "conj" else set()
        for s in subjects:
            for m in self.members(s) + self.listed(s):
                r = self.resolve(m)
                gender = getattr(self.ents.facts.get(r.key), "gender", None) if r is not None else None
                if r is not None and r.key and (gender is None or gender not in done_to):
                    out.append((m, r))
        return out

    # ------------------------------------------------------------------ statements
    def _span_of(self, verb: Token) -> tuple[int, int] | None:
        """The position: the verb and its complements ("voted against the bill", "vowed to block it")."""
        backed = endorsing(verb)  # ("threw her weight behind the runway": what is backed is after "behind")
        forward = _put_forward(verb)  # ("brought the proposal forward")
        kids = [c for c in verb.children if c.i > verb.i and (_complement(c) or any(
            x is not None and c.i == x.i for x in (backed, forward)))]
        passive = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if passive and any(c.dep_ == "agent" for c in verb.children):
            # "the amendment was tabled by X": what X acted on is the passive subject
            return passive[0].left_edge.idx, verb.idx + len(verb.text)
        if not kids:
            if verb.dep_ == "acl" and any(c.dep_ == "agent" for c in verb.children):
                # "one submitted by X", "an amendment tabled by X": what X acted on is the noun it describes
                return self.doc[self.ents.np_start(verb.head)].idx, verb.idx + len(verb.text)
            if verb.lemma_.lower() not in INTRANSITIVE and not (verb.lower_.endswith("ing") and
                                                                verb.lower_[:-3] in INTRANSITIVE) and \
                    not (verb.dep_ in WITH_CLAUSE and verb.head.lower_ == "with"):
                return None  # (a participle tagged as a noun has itself as lemma: "with A dissenting"; "with A and B
                # opposed" is a position without an object)
            return verb.idx, verb.idx + len(verb.text)
        end_tok = max((x for c in kids for x in c.subtree), key=lambda x: x.i)
        while (end_tok.is_punct or end_tok.is_space) and end_tok.i > verb.i:
            end_tok = self.doc[end_tok.i - 1]
        start = verb.idx
        aux = [c for c in verb.children if c.dep_ == "neg" or (c.dep_ in {"aux", "auxpass"} and c.i < verb.i)]
        if any(c.dep_ == "neg" for c in aux):  # "did not back": the negation is part of the position
            start = min(c.idx for c in aux)
        return start, end_tok.idx + len(end_tok.text)

    def _add(self, start: int, end: int, cue: Token, actor: Token, r: Resolved, in_quotes: bool = False) -> None:
        """A reported statement of ``r`` from ``start`` to ``end``; not inside a quote unless ``in_quotes`` (whose
        proposal it is holds in anyone's words: "MPs warned that the Government's plan …")."""
        if (cue.idx, r.key) in self.done or (not in_quotes and self.covered.holds(cue.idx)):
            return
        if len(self.text[start:end].split()) < 1:
            return
        self.done.add((cue.idx, r.key))
        forward = _put_forward(cue)  # (the cue of "brought forward" is both words)
        cue_end = forward.idx + len(forward.text) if forward is not None else cue.idx + len(cue.text)
        q = Quote(self.article.id, Span(self.text[start:end], start, end), "reported",
                  cue=Span(self.text[cue.idx : cue_end], cue.idx, cue_end), id=_quote_id(self.article, start, end,
                                                                                          actor.idx))
        q.speaker = r.key
        q.action = True
        q.mention = Mention(Span(self.text[r.start : r.end], r.start, r.end), r.kind,  # type: ignore[arg-type]
                            r.key, r.mouth)
        q.paragraph = self.text.count("\n", 0, start)
        self.out.append(q)

    def positions(self) -> None:
        for t in self.doc:
            # (after "with", the tagger often calls the participle a noun: "with A and B dissenting")
            absolute = t.dep_ in WITH_CLAUSE and t.head.lower_ == "with" and t.lower_.endswith("ing") and \
                any(c.dep_ in SUBJECT_DEPS for c in t.children)
            lemma = t.lemma_.lower() if t.pos_ == "VERB" else t.lower_[:-3] if absolute else ""
            if (t.pos_ != "VERB" and not absolute) or (lemma not in POSITION_VERBS and endorsing(t) is None and
                                                        _put_forward(t) is None):
                continue
            if self.abstention(t) or aimed_at(t) or asked_about(t) or asked_to(t):
                continue  # (an aim is not an act: "to ensure that the company creates …"; nor a question; nor what
                # someone is pressed to do: "Ministers are under pressure to scrap the cap")
            objects = NEEDS_OBJECT.get(lemma)
            if objects is not None and not any(c.dep_ == "dobj" and c.lower_ in objects for c in t.children):
                continue  # ("wrote a letter", "wrote in an email": words, not a law of their own; "took office")
            if lemma in PETITIONING and not _for_something(t):
                continue  # "had not gathered enough signatures": a count, not a side
            need = REPORTED_NEEDS_PREP.get(lemma)
            need = REPORTED_NEEDS_PREP.get(lemma)
            if need is not None and not any(c.lower_ in need or (lemma in SIDE_BY_PREP and _in_favour(c)) or
                                            (lemma == "vote" and c.lower_ in BALLOTS) or
                                            _marked_for(c, need) or _to_do(c, need) for c in t.children if c.i > t.i):
                continue  # "pressed Mr X on his refusal": a call is a position only as "called for", "pressed for"
            span = self._span_of(t)
            if span is None:
                continue
            for actor, r in self.actors_of(t):
                self._add(*span, t, actor, r)
            self.group_members(t, span)

    def abstention(self, vote: Token) -> bool:
        """'X decided not to vote', 'Some MPs chose not to vote at all, including A and B': a vote not cast by
        choice is a position (abstaining), each actor's and each listed member's, from the choice to the vote;
        True when ``vote`` is one. A vote merely not cast ("did not vote") says no more than that."""
        if vote.lemma_ != "vote" or vote.dep_ != "xcomp" or vote.head.lemma_ not in CHOICE_VERBS or not any(
                c.dep_ == "neg" for c in vote.children) and not any(  # "decided not to vote": either parse
                c.dep_ == "neg" and vote.head.i < c.i < vote.i for c in vote.head.children):
            return False
        listed = [c for c in vote.children if c.dep_ == "prep" and c.lower_ in LIST_PREPS]
        kept = [x for x in vote.subtree if not any(_inside(x, p) for p in listed)]
        end_tok = max(kept, key=lambda x: x.i)
        while (end_tok.is_punct or end_tok.is_space) and end_tok.i > vote.i:
            end_tok = self.doc[end_tok.i - 1]
        span = (vote.head.idx, end_tok.idx + len(end_tok.text))
        found = self.actors_of(vote) + [(m, self.resolve(m)) for m in self.listed_in(listed)]
        for m, r in found:
            if r is not None and r.key:
                self._add(*span, vote, m, r)
        return True

    def position_groups(self) -> None:
        """'The plan has its backers, including A and B', 'Critics of the plan include A and B', 'Among its
        opponents were A and B': the members a story lists of a group named for its position (a noun of
        :data:`GROUP_NOUNS`) hold it; the group's phrase is the position, its noun the cue."""
        for t in self.doc:
            if t.pos_ != "NOUN" or t.tag_ != "NNS" or t.lemma_.lower() not in GROUP_NOUNS:
                continue
            # ("including A", "among them A"; "supporters such as A", "opponents like A")
            preps = [c for c in t.children if c.dep_ == "prep" and (c.lower_ in LIST_PREPS or c.lower_ == "like" or (
                c.lower_ == "as" and c.i > 0 and self.doc[c.i - 1].lower_ == "such"))]
            if t.dep_ in {"dobj", "attr"}:  # "it has its backers, including A": the parser hangs the list on "has"
                preps += [c for c in t.head.children if c.dep_ == "prep" and c.lower_ in LIST_PREPS and c.i > t.i]
            names = self.listed_in(preps)
            # "Opponents, led by A, …": who leads them holds their position
            names += [m for c in t.children if c.dep_ == "acl" and c.lemma_ == "lead" for a in c.children
                      if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj" for m in self.members(g)]
            if t.dep_ == "nsubj" and t.head.lemma_ in LIST_VERBS:  # "Critics of the plan include A and B"
                names += [m for c in t.head.children if c.dep_ in {"dobj", "attr"} for m in self.members(c)]
            if t.dep_ == "pobj" and t.head.lower_ == "among" and t.head.head.lemma_ == "be":  # "Among them were A"
                names += [m for c in t.head.head.children if c.dep_ in SUBJECT_DEPS | {"attr"}
                          for m in self.members(c)]
            kept = [x for x in t.subtree if not any(_inside(x, p) for p in preps)]
            start, end_tok = min(kept, key=lambda x: x.i), max(kept, key=lambda x: x.i)
            for m in names:
                r = self.listed_name(m)
                if r is not None and r.key:
                    self._add(start.idx, end_tok.idx + len(end_tok.text), t, m, r)

    def described(self) -> None:
        """'Ann Lee, a longtime critic of the tourist tax, …', 'Raj Patel is an outspoken supporter of the ban': a
        named actor described as one who stands for or against something (a noun of :data:`DESCRIBING_NOUNS` with
        what it is "of") holds that position, whatever the sentence goes on to say; the description is the
        statement, its noun the cue."""
        for t in self.doc:
            if t.pos_ != "NOUN" or t.lemma_.lower() not in DESCRIBING_NOUNS:
                continue
            of = [c for c in t.children if c.dep_ == "prep" and c.lower_ == "of" and c.i > t.i]
            owned = [c for c in t.children if c.dep_ == "poss" and c.pos_ in {"NOUN", "PROPN"}]  # "the bill's sponsor"
            if not of and not owned:
                continue
            if t.dep_ == "appos":
                actor = t.head  # "Ann Lee, a critic of …"
            elif t.dep_ == "attr" and t.head.lemma_ == "be":  # "Lee is a critic of …", "Lee, who is a critic of …"
                subj = next((c for c in t.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
                if subj is None:
                    continue
                actor = t.head.head if subj.lower_ in RELATIVE and t.head.dep_ == "relcl" else subj
            else:
                continue
            if actor.pos_ != "PROPN":
                continue  # a named actor only: "the council, a backer of …" is the parse's guess at best
            r = self.resolve(actor)
            if r is None or not r.key:
                continue
            left = min([x.i for x in t.children if x.dep_ in {"det", "amod", "advmod", "compound"} and x.i < t.i]
                       + [x.i for o in owned for x in o.subtree] + [t.i])
            end_tok = max(of[0].subtree, key=lambda x: x.i) if of else t
            while (end_tok.is_punct or end_tok.is_space) and end_tok.i > t.i:
                end_tok = self.doc[end_tok.i - 1]
            self._add(self.doc[left].idx, end_tok.idx + len(end_tok.text), t, actor, r)

    def came_from(self) -> None:
        """'Other notable Noes came from A and B', 'Criticism came from A': a position (a noun of
        :data:`SOURCED_NOUNS`) said to come from people is each one's; the names are every name in the "from"
        phrase, whose parse is often a tangle of titles ("Reform MP for Ashfield Lee Anderson and …")."""
        for t in self.doc:
            if t.pos_ != "VERB" or t.lemma_ not in {"come", "cast"}:
                continue
            # ... or a vote said to be cast by them: "The only dissenting vote was cast by X"
            subj = next((c for c in t.children if c.lower_ in SOURCED_NOUNS and (
                (c.dep_ == "nsubj" and t.lemma_ == "come") or
                (c.dep_ == "nsubjpass" and t.lemma_ == "cast" and c.lower_.startswith("vote")))), None)
            frm = [c for c in t.children if c.i > t.i and ((c.dep_ == "prep" and c.lower_ == "from") or
                                                           (c.dep_ == "agent" and t.lemma_ == "cast"))]
            if subj is None or not frm:
                continue
            # (the noun with what it says of itself: "The lone vote against", "the sole vote in favor")
            said = [x for x in subj.subtree if x.i >= subj.i and not x.is_punct] or [subj]
            start, end = subj.idx, said[-1].idx + len(said[-1].text)
            keys: dict[str, tuple[Token, Resolved]] = {}
            # (and the name the parser hangs on the verb after a title it took for the object: "came from trustee
            # Gina Lott")
            after = [x for c in t.children if c.i > frm[0].i and c.dep_ in {"npadvmod", "appos", "dep"}
                     for x in c.subtree]
            for x in [*frm[0].subtree, *after]:
                r = self.ents.at_token.get(x.i)
                if r is not None and r.kind == "name" and r.key and r.key not in keys and \
                        self.ents.facts.get(r.key) is not None and self.ents.facts[r.key].kind == "person":
                    keys[r.key] = (x, r)
            for x, r in keys.values():
                self._add(start, end, subj, x, r)

    def drawn_from(self) -> None:
        """'The tax was pushed through despite objections from X', 'the plan drew criticism from X and Y': a position
        (a noun of :data:`SOURCED_NOUNS`) said to come from named actors, where it is met or drawn
        (:data:`DRAWN_FROM`), is each one's; the noun and its "from" phrase are the statement."""
        for t in self.doc:
            if t.pos_ != "NOUN" or t.lower_ not in SOURCED_NOUNS:
                continue
            # ("has the backing of X", "with the support of X": support is X's, where criticism of X is at X)
            held = t.lower_ in HELD_BY
            drawn = (t.dep_ == "pobj" and (t.head.lower_ in DRAWN_FROM or (held and t.head.lower_ == "with"))) or \
                (t.dep_ == "dobj" and t.head.lemma_.lower() in DRAWN_FROM | (HAVING if held else set()))
            frm = [c for c in t.children if c.dep_ == "prep" and (c.lower_ == "from" or (held and c.lower_ == "of"))
                   and c.i > t.i]
            if t.dep_ == "dobj":  # "drew criticism from X": the parser may hang "from" on the verb
                frm += [c for c in t.head.children if c.dep_ == "prep" and c.lower_ == "from" and c.i > t.i]
            if not drawn or not frm:
                continue
            start = min([x.i for x in t.children if x.dep_ in {"det", "amod", "compound"} and x.i < t.i] + [t.i])
            asides = {y.i for x in frm[0].subtree if x.dep_ in {"relcl", "acl"} for y in x.subtree}
            end_tok = max((x for x in frm[0].subtree if x.i not in asides), key=lambda x: x.i)
            while (end_tok.is_punct or end_tok.is_space) and end_tok.i > t.i:
                end_tok = self.doc[end_tok.i - 1]
            for g in frm[0].children:
                if g.dep_ != "pobj":
                    continue
                for m in self.members(g):
                    r = self.resolve(m)
                    if r is not None and r.key:
                        self._add(self.doc[start].idx, end_tok.idx + len(end_tok.text), t, m, r)

    def group_members(self, verb: Token, span: tuple[int, int]) -> None:
        """'Among the MPs who backed the amendment were A, B and C', 'Those who voted against included A and B',
        'critics of the plan, including A': the members a story lists of a group defined by its position."""
        if verb.dep_ not in {"relcl", "acl"}:
            return
        group = verb.head
        names: list[Token] = []
        # the group and the list as the two sides of "be"/"include", or the group inside "among"
        link = group.head
        for _ in range(3):
            if link.lemma_ in LIST_VERBS or link.head.i == link.i:
                break
            link = link.head
        if link.lemma_ in LIST_VERBS and link.i != group.i:
            for c in link.children:
                if c.dep_ in SUBJECT_DEPS | {"attr", "dobj"} and not _inside(group, c):
                    names += self.members(c)
        for c in group.children:  # "the rebels, including A and B"
            if c.dep_ == "prep" and c.lower_ in LIST_PREPS:
                names += self.listed_in([c])
            if c.dep_ == "appos":
                names += self.members(c)
        for m in names:
            r = self.resolve(m)
            if r is not None and r.key:
                self._add(*span, verb, m, r)

    def owners(self) -> None:
        """'X's plan to …', 'X's bill', 'a plan by X', 'her support for …', 'X's speech confirming …', 'X made an
        announcement that …': the owner of a proposal or a statement holds it (a possessive pronoun is resolved as
        the quote finders resolve it)."""
        for t in self.doc:
            of = [g for c in t.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                  if g.dep_ == "pobj" and g.lower_ in PROPOSAL_NOUNS]  # "her public show of support for …"
            if t.pos_ != "NOUN" or not (t.lower_ in PROPOSAL_NOUNS | OWNED_STATEMENTS or of):
                continue
            owner = next((c for c in t.children if c.dep_ == "poss"), None)
            if owner is None and t.lower_ in PROPOSAL_NOUNS:  # "a plan by St. Mark's Church to build …"
                owner = next((g for c in t.children if c.dep_ == "prep" and c.lower_ == "by" for g in c.children
                              if g.dep_ == "pobj"), None)
            light = owner is None and t.dep_ == "dobj" and t.head.lemma_.lower() in LIGHT_VERBS
            if light:
                owner = next((c for c in t.head.children if c.dep_ == "nsubj"), None)
            if owner is None or owner.pos_ not in {"PROPN", "NOUN", "PRON"}:
                continue
            # (the subject of a light verb may be a list: "Council members A and B cast the dissenting votes")
            owners: list[tuple[Token, Resolved]] = []
            for m in self.members(owner) if light else [owner]:
                r = self.resolve(m)
                if r is not None and r.key:
                    owners.append((m, r))
            if not owners:
                continue
            left = min([x.i for x in t.children if x.dep_ in {"compound", "amod", "nmod"} and x.i < t.i] + [t.i])
            right = [x for c in t.children if c.i > t.i and (c.dep_ in {"prep", "compound", "xcomp", "ccomp"} or
                                                            (c.dep_ in {"acl", "advcl"} and (c.tag_ == "VBG" or any(
                                                                a.lower_ in {"to", "that", "for"} and
                                                                a.dep_ in {"aux", "mark"} for a in c.children))) or
                                                            _says_what(t, c))
                     for x in c.subtree]  # "plan to close the depot", "speech confirming …", "his call for it to be
            # axed"; not "… angered residents"
            end_tok = max(right, key=lambda x: x.i) if right else t
            while (end_tok.is_punct or end_tok.is_space) and end_tok.i > t.i:
                end_tok = self.doc[end_tok.i - 1]
            start = self.doc[left].idx
            for m, r in owners:
                self._add(start, end_tok.idx + len(end_tok.text), t, m, r,
                          in_quotes=t.lower_ in PROPOSAL_NOUNS and t.lower_ not in OWNED_STATEMENTS)


    def co_speakers(self, found: list[Quote]) -> None:
        """'A and B both said they would back it': a statement said by a coordination is each one's (a copy of the
        statement for every other speaker in it, left out of the PolNeAR view as a copy)."""
        for q in found:
            if q.cue is None or q.kind not in {"direct", "indirect", "mixed"} or not q.speaker:
                continue
            span = self.doc.char_span(q.cue.start, q.cue.end, alignment_mode="expand")
            cue = span[0] if span is not None and len(span) else None
            subj = next((c for c in cue.children if c.dep_ == "nsubj"), None) if cue is not None else None
            if subj is None or not any(c.dep_ == "conj" for c in subj.children):
                continue
            for m in self.members(subj):
                r = self.resolve(m)
                if r is None or not r.key or r.key == q.speaker or (q.cue.start, r.key) in self.done:
                    continue
                self.done.add((q.cue.start, r.key))
                copy = Quote(q.article_id, q.span, q.kind, cue=q.cue, id=_quote_id(self.article, q.span.start,
                                                                                   q.span.end, m.idx))
                copy.speaker = r.key
                copy.action = True
                copy.mention = Mention(Span(self.text[r.start : r.end], r.start, r.end), r.kind,  # type: ignore[arg-type]
                                       r.key, r.mouth)
                copy.paragraph = q.paragraph
                self.out.append(copy)


def _says_what(noun: Token, c: Token) -> bool:
    """Whether the clause ``c`` after a statement's or a proposal's noun says what it says or would do: "a letter
    signed by 212 teachers urging approval" (what a letter says may follow who signed it), "a plan under which the
    city would borrow $68 million" (not "the plan, which angered residents": what others made of it)."""
    if c.dep_ == "acl" and noun.lower_ in OWNED_STATEMENTS:
        return any(x.tag_ == "VBG" or (x.dep_ in {"aux", "mark"} and x.lower_ in {"to", "that"}) for x in c.subtree)
    return c.dep_ == "relcl" and noun.lower_ in PROPOSAL_NOUNS and \
        any(x.dep_ == "aux" and x.lower_ in {"would", "will", "could", "'d", "’d"} for x in c.children)


def _named_after_their_body(t: Token) -> list[Token]:
    """The people a plural role names after the body they hold it in: "the leaders of the New Radicals Miriam Foss
    and Danny Kell" (the parser hangs the names on "of")."""
    if t.tag_ != "NNS" or t.lemma_.lower() not in PERSON_ROLE_NOUNS:
        return []
    return [g for c in t.children if c.dep_ == "prep" and c.lower_ == "of"
            for g in c.children if g.dep_ == "pobj" and g.ent_type_ == "PERSON"]


def endorsing(verb: Token) -> Token | None:
    """The preposition before what ``verb`` backs in an idiom of backing (:data:`ENDORSING`): "threw her weight
    [behind] the runway", "gave the go-ahead [for] it"; None for any other verb."""
    objects = {c.lower_ for c in verb.children if c.dep_ == "dobj"}
    for c in verb.children:
        if c.dep_ in {"prep", "dative"} and any((verb.lemma_.lower(), o, c.lower_) in ENDORSING for o in objects):
            return c
    for o in (c for c in verb.children if c.dep_ == "dobj"):  # ("the go-ahead for it": the preposition on the noun)
        for c in o.children:
            if c.dep_ == "prep" and (verb.lemma_.lower(), o.lower_, c.lower_) in ENDORSING:
                return c
    return None


def _along_with(t: Token) -> list[Token]:
    """The nouns of "along with …" or "together with …" hung on ``t`` (the parser hangs "with" on the first word, or
    the first word on "with")."""
    withs = [w for c in t.children if c.dep_ == "prep" and c.lower_ in {"along", "together"}
             for w in c.children if w.dep_ == "prep" and w.lower_ == "with"]
    withs += [c for c in t.children if c.dep_ == "prep" and c.lower_ == "with" and
              any(a.dep_ == "advmod" and a.lower_ in {"along", "together"} for a in c.children)]
    return [p for w in withs for p in w.children if p.dep_ == "pobj"]


def _complement(c: Token) -> bool:
    """Whether ``c``, after a position verb, carries what the position is about: an object or a preposition of
    :data:`ABOUT_PREPS` (not the agent's "by"), a clause opened by "for" ("called for the tax to be scrapped"), a
    ballot ("voted no"), or a particle the preposition hangs on ("backed away from it")."""
    if c.dep_ in COMPLEMENTS and (c.dep_ != "prep" or (c.lower_ in ABOUT_PREPS and c.lower_ != "by")):
        return True
    return _marked_for(c, {"for"}) or c.lower_ in BALLOTS or (
        c.dep_ == "advmod" and c.lower_ in PARTICLE_ADVERBS and any(g.dep_ == "prep" for g in c.children))


def _marked_for(clause: Token, words: set[str]) -> bool:
    """Whether ``clause`` is a clause that one of ``words`` opens as its marker: "called [for the tax to be
    scrapped]", where the parser makes "for" the mark of "scrapped"."""
    return clause.dep_ in {"advcl", "ccomp", "xcomp"} and any(g.dep_ == "mark" and g.lower_ in words and g.i < clause.i
                                                              for g in clause.children)


def object_genders(verb: Token) -> set[str]:
    """The genders of the pronouns ``verb`` is done to ("urged her to …": {"f"}): whoever they point at, the verb's
    doer is someone else."""
    return {OBJECT_PRONOUNS[c.lower_] for c in verb.children if c.dep_ in {"dobj", "dative"} and
            c.lower_ in OBJECT_PRONOUNS}


def _all_of(group: Token) -> bool:
    """Whether ``group`` is said to be all of them: "All 19 Democrats", "all the Republicans"."""
    return any(x.lower_ == "all" and x.dep_ in {"det", "predet", "quantmod"} for x in group.subtree if x.i < group.i)


def _to_do(clause: Token, words: set[str]) -> bool:
    """Whether ``clause`` is an infinitive ("to" being one of ``words``): "voted 4-3 to close four schools"."""
    return "to" in words and clause.dep_ in {"xcomp", "advcl"} and any(g.dep_ == "aux" and g.lower_ == "to"
                                                             for g in clause.children)


def _in_favour(prep: Token) -> bool:
    """'voted in favour (of …)': a side taken, where "voted in May" is not."""
    return prep.lower_ == "in" and any(g.lower_ in {"favour", "favor"} for g in prep.children)


def _below(x: Token, top: Token, deps: set[str]) -> bool:
    """Whether the path from ``x`` up to ``top`` passes through a dependency in ``deps`` (``x`` included)."""
    while x.i != top.i and x.head.i != x.i:
        if x.dep_ in deps:
            return True
        x = x.head
    return False


def _inside(t: Token, other: Token) -> bool:
    return bool(other.left_edge.i <= t.i <= other.right_edge.i)


def actor_statements(article: Article, doc: Any, ents: ArticlePeople, marked: list[tuple[int, int]],
                     found: Iterable[Quote]) -> list[Quote]:
    """Reported statements for every actor of a position the article reports (see the module's docstring)."""
    finder = ActorFinder(article, doc, ents, marked, list(found))
    finder.positions()
    finder.position_groups()
    finder.described()
    finder.came_from()
    finder.drawn_from()
    finder.owners()
    finder.co_speakers(finder.found)
    return finder.out
