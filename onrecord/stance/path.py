"""Which way a sentence leans on the thing it names, read off the dependency parse.

From the words that name the issue ("the scheme", "a third runway", "these cuts") up to the root of their sentence,
every word on the path can turn the side: a verb of support or refusal that takes the path as its object ("vowed
to **block** any attempt to expand it", "will **back** the bill"), a negation on such a verb, a preposition
("**against** the plan", "**in favour of** it"). Where the path holds none of these, how the sentence judges the
named thing decides: a predicate said of it ("the ban **is problematic**"), a modifier on it ("this **disastrous**
tax"), what it is called ("called the plan a **cynical ploy**"), scored by the VADER sentiment lexicon. An open or
conditional word on the path ("would **consider**", "**if** it meets the tests") makes it neutral.

This reads the speaker's side on *the named thing* only: "we must cut bureaucracy" says nothing of a cut to aid,
and "she criticised the minister" nothing of the minister's plan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..extract.actors import endorsing
from ..resolve.document import accompanying

Token = Any

SUPPORT = {
    "support", "back", "endorse", "welcome", "praise", "champion", "favour", "favor", "want", "need", "urge",
    "demand", "approve", "pass", "sign", "introduce", "propose", "defend", "hail", "applaud", "like", "love",
    "embrace", "accept", "advocate", "fund", "implement", "deliver", "pledge", "promise", "commit", "vow",
    "push", "call", "press", "seek", "table", "sponsor", "adopt", "enact", "launch", "unveil", "tout",
    "celebrate", "agree", "prioritise", "prioritize", "protect", "keep", "save", "preserve",
    "expand", "extend", "build", "strengthen", "boost", "help", "benefit", "improve", "secure", "deserve",
    "require", "ensure", "guarantee", "confirm", "reiterate", "insist", "recommend", "ask", "restore", "reinstate",
}
OPPOSE = {
    "oppose", "reject", "block", "stop", "scrap", "fight", "resist", "criticise", "criticize", "condemn", "slam",
    "attack", "question", "challenge", "sue", "veto", "abandon", "reverse", "overturn", "halt", "end", "kill",
    "ditch", "axe", "delay", "undermine", "threaten", "damage", "hurt", "harm", "destroy", "refuse", "dismiss",
    "decry", "denounce", "cancel", "repeal", "abolish", "prevent", "object", "regret", "lament", "drop",
    "derail", "sabotage", "thwart", "defeat", "boycott", "protest", "warn", "fear", "worry", "doubt", "blast",
    "lambast", "mock", "deride", "ridicule", "accuse", "blame", "sacrifice", "betray", "break", "weaken", "cut",
    "slash", "gut", "fail", "struggle", "suffer", "lose", "rebel", "revolt", "resign", "quit", "rule", "shelve",
    "mothball", "remove", "eliminate", "pause", "postpone", "rethink", "reconsider", "rescind", "revoke",
}
NEUTRAL = {"consider", "review", "examine", "assess", "weigh", "study", "explore", "discuss", "debate", "wonder",
           "ask"}
# verbs of support only with "for" or "on": "called for a ban", "pressed for it", not "called it a ploy"
# Verbs that keep someone from a thing, which is then what they are kept from: "protect pensioners from the cut"
SHIELDING = {"protect", "shield", "spare", "exempt", "save", "rescue", "guard", "defend", "insulate"}
# Verbs of effort, also of opposition ("fought the plan"), whose "to" clause is what they strive for
EFFORTS = {"fight", "battle"}
NEEDS_FOR = {"call", "press", "push", "ask"}  # ("asked for cameras"; "asked whether" is open: NEUTRAL)
# Phrasal verbs that take a side on what follows them: (verb, its particle or adverb or None, the preposition or
# "dobj" for a direct object) -> +1 or -1. "pressed ahead with the plan", "stuck to it", "rowed back on it",
# "backed away from it", "pushed through the levy" ("watered down" changes it: MODIFYING)
PHRASAL = {
    ("press", "ahead", "with"): 1, ("push", "ahead", "with"): 1, ("go", "ahead", "with"): 1,
    ("forge", "ahead", "with"): 1, ("plough", "ahead", "with"): 1, ("plow", "ahead", "with"): 1,
    ("proceed", None, "with"): 1, ("stick", None, "with"): 1, ("stick", None, "to"): 1, ("stand", None, "by"): 1,
    ("push", "through", "dobj"): 1, ("press", "ahead", "dobj"): 1,
    ("back", "away", "from"): -1, ("row", "back", "on"): -1, ("row", "back", "from"): -1,
    ("retreat", None, "from"): -1, ("walk", "away", "from"): -1, ("climb", "down", "on"): -1,
    ("climb", "down", "over"): -1, ("u-turn", None, "on"): -1, ("back", "down", "on"): -1,
    ("back", "down", "from"): -1,
}
PARTICLES = {"ahead", "away", "back", "down", "through"}


def phrasal(h: Token, t: Token) -> int:
    """The side of a phrasal verb ``h`` (:data:`PHRASAL`) on ``t``, its preposition or its object, or its particle
    when the parser hangs the preposition on that ("backed [away [from it]]"); 0 when none."""
    if h.pos_ != "VERB":
        return 0
    if t.dep_ == "advmod" and t.lower_ in PARTICLES:
        prep = next((c for c in t.children if c.dep_ == "prep"), None)
        return PHRASAL.get((h.lemma_.lower(), t.lower_, prep.lower_), 0) if prep is not None else 0
    how = "dobj" if t.dep_ == "dobj" else t.lower_ if t.dep_ == "prep" else None
    if how is None:
        return 0
    parts = [c.lower_ for c in h.children if c.lower_ in PARTICLES and c.dep_ in {"prt", "advmod"}]
    lemma = h.lemma_.lower()
    return PHRASAL.get((lemma, parts[0] if parts else None, how), 0)
# verbs of a side only with their particle: "ruled out a ban", not "a rule banning …"
NEEDS_PARTICLE = {"rule": "out"}
# verbs of a side only when denied: "we cannot afford to scrap it" refuses it; "can afford to" takes no side
ONLY_DENIED = {"afford"}
MODALS = {"would", "will", "should", "must", "shall", "can", "could", "'ll", "’ll", "wo", "ca"}
CONDITIONS = {"if", "unless", "provided", "providing", "whether"}
# Prepositions on the path: "against the plan", "for the ban" (with a verb of support), "in favour of"
AGAINST = {"against"}
# Prepositions after a word of feeling that say what the feeling is about: "disappointed by", "pleased with",
# "angry at", "worried about", "furious over"; and how strongly (VADER valence) the word must feel to take a side
REACTION_PREPS = {"by", "with", "at", "about", "over"}
REACTS = 0.3


@dataclass
class Lean:
    side: int  # +1 support, -1 oppose, 0 open or conditional
    confidence: float
    why: str
    explicit: bool  # a verb of support or refusal said it (not only a judgement)
    # a judgement said of the named thing, as what it is or does ("the cap is cruel", "aid saves lives"), not only
    # its own modifiers ("the fired judges"): on what an issue would take away, a side on taking it away
    said_of: bool = False
    # the path went through the issue's own action ("remove" in "cannot afford to remove the cap"): read from its
    # target, it is still a side on the action
    acted: bool = False


# Subjects that deny what their verb says: "no one wants it", "nobody backs it", "none of us support it" (not any
# noun with "no": "they have no business electing …" is parsed with "business" as the subject)
NO_ONE = {"nobody", "none", "noone", "no-one", "nothing"}


# Verbs that take what they act on to court ("vowed to take the decision to court", "dragged the council to court")
TO_COURT = {"take", "drag", "haul"}


def _to_court(verb: Token) -> bool:
    """Whether ``verb`` takes its object to court: a legal challenge to it."""
    return verb.lemma_.lower() in TO_COURT and any(
        c.dep_ == "prep" and c.lower_ == "to" and any(g.lemma_.lower() == "court" for g in c.children)
        for c in verb.children)


def _backs_through(verb: Token, t: Token) -> bool:
    """Whether ``verb`` backs what is below ``t`` in an idiom of backing (``endorsing``): ``t`` is its preposition
    ("behind") or the object that holds it ("the go-ahead [for …]")."""
    prep = endorsing(verb)
    return prep is not None and t.i in {prep.i, prep.head.i}  # (t hangs on verb: never verb itself)


def _to_be_done(prep: Token) -> Token | None:
    """The infinitive of "for X to be scrapped" where the parser hangs it beside "for", on the verb ("called [for
    the tax] [to be scrapped]"): what the call is for X to undergo; None when there is none."""
    return next((c for c in prep.head.children if c.dep_ in {"advcl", "xcomp", "ccomp"} and c.i > prep.i and
                 c.pos_ == "VERB" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children) and
                 not any(a.dep_ in {"nsubj", "nsubjpass"} for a in c.children)), None)


def _done_by_subject(verb: Token, prep: Token) -> bool:
    """Whether ``verb`` is an act of its own active subject, by or with a thing ("people who played by the rules"),
    not a feeling ("disappointed by the decision", "we are pleased with it") nor a judgement of a means ("the board
    was endangering the company by pushing him out" judges the pushing): an active verb with a subject of its own,
    its preposition's object no act."""
    return verb.pos_ == "VERB" and verb.tag_ != "VBN" and any(c.dep_ == "nsubj" for c in verb.children) and \
        not any(c.dep_ == "pcomp" for c in prep.children)


def _negated(t: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in {"never", "no"} and c.dep_ in {"advmod", "det"} or
               (c.dep_ == "nsubj" and (c.lower_ in NO_ONE or c.lower_ == "one" and any(
                   d.dep_ == "det" and d.lower_ == "no" for d in c.children)))
               for c in t.children)


# Clauses inside a phrase say something of their own ("part of the plan to clamp down on illegal dumping")
CLAUSES = {"acl", "relcl", "advcl", "ccomp", "xcomp", "csubj", "parataxis"}


def phrase(tok: Token) -> list[Token]:
    """``tok``'s subtree without the clauses nested in it: what the phrase itself says."""
    out, stack = [], [tok]
    while stack:
        t = stack.pop()
        out.append(t)
        stack += [c for c in t.children if c.dep_ not in CLAUSES]
    return sorted(out, key=lambda t: t.i)


# Subjects that can be the speaker: a position they take is the speaker's ("she opposes it", "we will block it")
SPEAKER_SUBJECTS = {"i", "we", "he", "she", "they", "you"}


# The marks of a clause that tells when something happened
WHEN = {"when", "after", "before", "since", "until", "once"}


def _describes(verb: Token, t: Token) -> bool:
    """Whether ``verb`` tells what happened to the issue rather than a side taken on it: a passive with no modal
    ("the rule was adopted"), or a finite verb whose subject is someone named, not the speaker and with no modal
    ("the council passed the ban")."""
    if verb.dep_ in {"csubj", "csubjpass"}:
        return True  # "building a third runway would put …": the thing spoken of
    modal = any(c.dep_ in {"aux", "auxpass"} and c.lower_ in MODALS | {"to"} for c in verb.children)
    if modal or verb.tag_ not in {"VBD", "VBZ", "VBP", "VBN"}:
        return False  # (nor what is to be done: "called for the tax to be scrapped")
    if verb.dep_ == "relcl":
        return True  # "every pound we cut from aid", "the MPs who backed it": the thing spoken of
    if verb.dep_ == "advcl" and verb.tag_ == "VBD" and any(c.dep_ in {"mark", "advmod"} and c.lower_ in WHEN
                                                           for c in verb.children):
        return True  # "the city followed the law when it approved the project": when something was done
    if t.dep_ == "nsubjpass":
        return True
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subj is not None and subj.pos_ in {"NOUN", "PROPN"} and subj.lower_ not in SPEAKER_SUBJECTS and \
        not _own_party(subj)


def _own_party(subj: Token) -> bool:
    """Whether ``subj`` is "the party" or "our party": in a speaker's words, their own ("the party had always backed
    it" is the speaker's side, as "we had always backed it" is)."""
    return subj.lower_ == "party" and any(c.dep_ in {"det", "poss"} and c.lower_ in {"the", "our", "my"}
                                          for c in subj.children)


def _but_after(v: Token, after: int, clause: bool = False) -> bool:
    """Whether ``v`` goes on with "but" or "yet" into a phrase after token ``after`` (with ``clause``, one with a verb
    or an adjective of its own); "not because …, but because …" gives a reason, and concedes nothing."""
    return any(c.dep_ == "cc" and c.lower_ in {"but", "yet"} for c in v.children) and any(
        c.dep_ == "conj" and c.i > after and (not clause or c.pos_ in {"VERB", "AUX", "ADJ"}) and not any(
            m.dep_ == "mark" and m.lower_ in {"because", "since"} for m in c.children) for c in v.children)


def _conceded(tok: Token) -> bool:
    """Whether ``tok``'s clause is followed by a "but" clause: a concession ("difficult, but right")."""
    v = tok
    while v.pos_ not in {"VERB", "AUX"} and v.head.i != v.i:
        v = v.head
    return _but_after(v, tok.i)


def before_but(tok: Token) -> bool:
    """Whether a clause above ``tok`` goes on with "but" or "yet" after it: what the clause says of ``tok`` is conceded
    before the speaker's point ("he supported replacing the old jail **but** objected to the size of the new one";
    not "it is costly, but we need the jail", where the point names it)."""
    v = tok
    for _ in range(12):
        if v.pos_ in {"VERB", "AUX", "ADJ"} and _but_after(v, tok.i, clause=True):
            return True
        if v.head.i == v.i:
            return False
        v = v.head
    return False


def _condition(verb: Token) -> str | None:
    """The word that opens a condition put on ``verb`` ("support it **if** it fits", "back it **unless** …"), or
    None."""
    for c in verb.children:
        if c.dep_ == "advcl" and c.i > verb.i:
            mark = next((m for m in c.children if m.dep_ == "mark" and m.lower_ in CONDITIONS), None)
            if mark is not None and not IN_POWER.search(" ".join(x.text for x in c.subtree)):
                return str(mark.text)
    return None


# A condition that is only the power to act: "would reverse it if they returned to power", "if elected", "if we
# win the election" (a pledge, not a side on a condition)
IN_POWER = re.compile(r"\b(?:(?:return|returns|returned|come|comes|came|get|gets|got|be|are|were|back)\s+"
                      r"(?:to|in|into)\s+(?:power|office|government)|(?:win|wins|won|winning)\s+(?:the\s+)?"
                      r"(?:next\s+|general\s+)*(?:election|power|office|majority)|(?:re-?)?elected|"
                      r"(?:form|forms|formed)\s+(?:the\s+)?(?:next\s+)?government|(?:take|takes|took)\s+office|"
                      # ... or only its coming to a vote: "if it comes before the board", "if it reaches the floor"
                      r"(?:come|comes|came|get|gets|got|go|goes|went)\s+(?:before|to)\s+(?:the\s+)?(?:full\s+)?"
                      r"(?:board|council|committee|house|senate|assembly|floor|commission|parliament|vote|ballot|commons|"
                      r"lords|chamber|legislature|voters)|"
                      r"(?:reach|reaches|reached)\s+(?:the\s+)?(?:floor|board|council|house|senate|ballot)|"
                      # ... or back, or up for a vote: "if it comes back next year", "if it comes up again"
                      r"(?:come|comes|came)\s+(?:back|up)(?!\s+(?:with|short|against)\b)|"
                      r"(?:is|was)\s+put\s+to\s+(?:a\s+)?vote)\b",
                      re.I)


# The marks of a clause that supposes something, and which way: "if it passes, …" (+1), "unless it passes, …" (-1)
SUPPOSED = {"if": 1, "unless": -1}
# How far from neutral what would follow must be (VADER compound): a whole clause's mild tone is as often of who does
# it as of what is done ("bullies will win", +0.27)
FOLLOWS = 0.35


def _supposed(mention: Token, clause: Token, sign: int, explicit: bool, score: Any, own: set[int]) -> Lean | None:
    """How what would follow the named thing judges it, where ``clause`` (an "if" or "unless" clause) supposes it:
    the clause it hangs on, without the supposition, by its valence; turned where the supposition is of it taken away
    or denied (``sign``, ``explicit``: what the path read inside the clause, "if they scrap it"; "if there were no
    cameras", "if it does not pass"), or by "unless". None where what would follow is neither good nor bad: a
    supposition is no condition on a side."""
    main = clause.head
    if main.i == clause.i or mention.head.i != clause.i or mention.dep_ not in {"nsubj", "nsubjpass", "dobj", "attr"}:
        return None  # (the thing itself supposed, as what the clause's verb says or does: not a word deep inside it)
    inside = {x.i for x in clause.subtree}
    if any(x.i in own for x in main.subtree if x.i not in inside):
        return None  # a condition on the issue's own act: "offenders are barred if they disrupt services"
    words = [x for x in main.subtree if x.i not in inside and x.i not in own and x.dep_ != "punct"]
    v = _valence(words, score)
    act = _side_act(main, inside) if abs(v) < FOLLOWS else None
    if abs(v) < FOLLOWS and act is None:
        return None
    way = sign * SUPPOSED[next(c.lower_ for c in clause.children if c.dep_ == "mark" and c.lower_ in SUPPOSED)]
    if (not explicit and _negated(clause)) or any(c.dep_ == "det" and c.lower_ == "no" for c in mention.children):
        way = -way  # "if it does not pass", "if there were no cameras" (a verb of a side read below turned already)
    if act is not None:
        # "is prepared to sue if the commission approves the permit": what they would do then takes a side on it
        side = (-1 if act.lemma_.lower() in OPPOSE else 1) * (-1 if _negated(act) else 1) * way
        return Lean(side, 0.5, f"what they would do then: “{act.text}”", False, True)
    side = (1 if v > 0 else -1) * way
    return Lean(side, 0.5, f"what would follow: “{_words(words)[:60]}” ({v:+.2f})", False, True)


# Verbs of a side that say too little alone to be what someone would do once a thing comes about
SUPPOSED_LIGHT = {"ask", "call", "rule", "break", "cut", "end", "fail", "lose", "struggle", "suffer", "question",
                  "warn", "fear", "worry", "doubt", "help", "benefit", "keep", "save", "require", "ensure", "confirm",
                  "remove", "drop", "stop", "hurt", "harm", "damage", "threaten", "deserve", "improve", "agree"}


def _side_act(main: Token, inside: set[int]) -> Token | None:
    """The verb of a side that a clause with a supposition says someone would do, itself or down a chain of verbs
    it governs ("is prepared to sue", "will fight it", "would happily welcome"), outside the supposition; None where
    there is none, or it has a subject of its own other than a person's word ("the costs will hurt")."""
    act: Token | None = main
    while act is not None:
        lemma = act.lemma_.lower()
        if act.pos_ == "VERB" and lemma in (SUPPORT | OPPOSE) - SUPPOSED_LIGHT:
            subj = next((c for c in main.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if subj is None or subj.pos_ in {"PRON", "PROPN"} or subj.ent_type_ in {"PERSON", "ORG", "NORP"}:
                return act
            return None
        act = next((c for c in act.children if c.dep_ in {"xcomp", "acomp"} and c.i not in inside), None)
    return None


def _valence(tokens: list[Token], score: Any) -> float:
    return float(score(_words(tokens))) if tokens else 0.0


def _words(tokens: list[Token]) -> str:
    """The text of ``tokens`` as written: a word the tokenizer split at its hyphens is one word again
    ("short-sighted", "ill-conceived"), as the valence lexicons list it."""
    out = ""
    for k, t in enumerate(tokens):
        joined = k > 0 and tokens[k - 1].i + 1 == t.i and not tokens[k - 1].whitespace_
        out += t.text if joined or not out else " " + t.text
    return out


# Verbs that change a thing without doing away with it: a side taken on amending a bill is one on the amendment
MODIFYING = {"amend", "alter", "modify", "tweak", "rewrite", "dilute", "weaken", "water", "toughen", "strengthen"}
# Verbs that take away what they act on: "cut obesity" is good as obesity is bad
DIMINISH = {"cut", "reduce", "lower", "end", "stop", "prevent", "tackle", "fight", "curb", "ease", "eliminate",
            "remove", "slash", "halve", "combat", "address", "solve", "fix", "limit", "deter", "alleviate", "mitigate",
            "lessen"}
# Verbs that wear down what they act on, by their object where it is good or bad ("infringed on personal liberty",
# "erode trust"), by their own valence where it is neither ("would undermine the talks")
WEARS_DOWN = {"infringe", "erode", "undermine", "curtail", "violate", "trample", "weaken", "jeopardise", "jeopardize",
              "endanger"}
# Verbs that bring about what they act on: "create a dangerous environment", "make services more responsive"
CAUSE = {"create", "make", "bring", "cause", "lead", "give", "provide", "produce", "generate", "mean", "put",
         "leave", "offer", "deliver", "add", "raise", "increase"}
# Verbs that tell nothing the thing does: "the plan is …", "the bill has …", "the levy says …"
NOT_DOING = {"be", "have", "say", "do", "get", "go", "come", "include", "seem", "appear", "become", "remain"}
# How strongly a verb must lean (VADER valence) to judge its subject, and its object to be weighed
DOING = 0.25


# How strongly what is said of the named thing itself must lean to judge it (VADER compound score): a word or two of
# mild valence, as VADER scores them alone ("foolish" -0.27, "short-sighted" -0.30, "a mistake" -0.34), are a
# judgement said of it; a longer phrase's mild tone ("dramatic risks for the world") is more often of something else
JUDGES = 0.25
JUDGED_MANY = 0.3

# how a reading of what the named thing does begins
DOES = "what it does"
# verbs that take what they act on away ("cutting aid", "ending the scheme"), built once
TAKES_AWAY = frozenset(OPPOSE | DIMINISH)


def _subject_clause(mention: Token) -> tuple[Token, int] | None:
    """The clause that holds ``mention`` as the subject of a verb, and which way it goes toward the mention: "cutting
    aid would hurt …", "every pound we cut from aid risks …" (the clause's subject word, the cutting going against
    aid: -1), "building a runway would put …" (+1); None when the mention is in no such clause."""
    t = mention
    while t.pos_ != "VERB" and t.dep_ in {"dobj", "pobj", "prep", "compound", "amod", "nmod", "poss"} and \
            t.head.i != t.i:
        t = t.head
    if t.pos_ != "VERB":
        return None
    # (a verb that takes it away or out: "cutting aid", "taking phones out of classrooms", "keeping them out")
    away = t.lemma_.lower() in TAKES_AWAY or any(
        c.dep_ in {"prt", "prep", "advmod"} and c.lower_ in {"out", "away", "off"} for c in t.children)
    toward = -1 if t.i != mention.i and away else 1
    if any(c.dep_ == "prep" and c.lower_ == "without" for c in t.children):
        return None  # "providing bus tickets without verifying access to housing does not …": the act done without
        # something, which is what is judged, not the act
    if t.dep_ == "csubj":
        return t, toward
    if t.dep_ == "relcl" and t.head.dep_ == "nsubj":
        return t.head, toward
    return None


# Verbs of a quantity going down or up: what falls or rises because of the named thing judges it by its own tone
FALLING = {"fall", "drop", "decline", "decrease", "plummet", "plunge", "shrink", "ease", "halve"}
RISING = {"rise", "grow", "increase", "soar", "climb", "double", "surge", "jump"}
# Words of a change in amount, whose valence is what changes, not the change ("a tax increase", "a cut")
CHANGE_WORDS = RISING | FALLING | {"cut", "reduce", "lower", "raise", "slash", "trim", "hike"}
# Prepositions that give a cause: what happens "because of" the named thing is what it brings about, not an act on it
CAUSAL = {"because", "due", "thanks", "owing"}


def _causes_clause(prep: Token) -> bool:
    """Whether the causal preposition ``prep`` gives the cause of a clause: it hangs on a verb with a subject
    ("counselors would lose their jobs because of …"; the parser also hangs a noun's cause on a verb with none: "to
    avoid suffering due to the crisis")."""
    return prep.head.pos_ == "VERB" and any(c.dep_ in {"nsubj", "nsubjpass"} for c in prep.head.children)


def _cause_of(mention: Token) -> Token | None:
    """The causal preposition ``mention`` is the object of ("because of the program", "due to the ban", "thanks to
    the levy") where it gives the cause of a clause (:func:`_causes_clause`), or None."""
    h = mention.head
    if mention.dep_ != "pobj":
        return None
    if h.lower_ in CAUSAL and h.dep_ in {"prep", "advmod"}:
        cause = h  # ("because" [prep] with "of" as its pcomp and the mention as its pobj)
    elif h.lower_ in {"of", "to"} and h.head.lower_ in CAUSAL and h.head.dep_ in {"prep", "advmod", "amod"}:
        cause = h.head
    else:
        return None
    return cause if _causes_clause(cause) else None


def _consequence(mention: Token, score: Any, own: set[int]) -> Lean | None:
    """How what the named thing does, as its subject, judges it: a verb that takes away something bad or brings
    about something good leans for it, and the other way against; otherwise the verb's own valence ("would
    undermine", "will help"). None when the verb and its object are both neutral."""
    toward = 1
    cause = _cause_of(mention)
    if cause is not None:  # "no counselors would lose their jobs because of the program": what it brings about
        mention = next(c for c in cause.head.children if c.dep_ in {"nsubj", "nsubjpass"})  # (the clause's subject)
    elif mention.dep_ != "nsubj":
        clause = _subject_clause(mention)
        if clause is None:
            return None
        mention, toward = clause
    verb = cause.head if cause is not None else mention.head
    if (cause is None and mention.dep_ not in {"nsubj", "csubj"}) or verb.pos_ != "VERB" or \
            verb.lemma_.lower() in NOT_DOING:
        return None
    subject = _valence(phrase(mention), score) if cause is not None else 0.0
    # (with the verbs joined to it that share its subject: "would cut bills and boost energy security")
    joined = [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB" and not any(
        g.dep_ in {"nsubj", "nsubjpass"} for g in c.children)] if cause is None else []
    sides, said = [], list[str]()
    for v in [verb, *joined]:
        one, obj = _done(v, cause, own, subject, score)
        if one:
            sides.append(one)
            said += [x.text for x in [v, *obj][:8]]
    if not sides or abs(sum(sides)) != len(sides):
        return None  # (nothing judged, or judged both ways)
    side = sides[0]
    if _negated(verb) or (cause is not None and any(  # ("no counselors would lose …")
            c.dep_ == "det" and c.lower_ == "no" for s in verb.children if s.dep_ in {"nsubj", "nsubjpass"}
            for c in s.children)):
        side = -side
    side *= toward
    return Lean(side, 0.55, f"{DOES}: “{' '.join(said[:12])}”", False, True)


def _done(verb: Token, cause: Token | None, own: set[int], subject: float, score: Any) -> tuple[int, list[Token]]:
    """The side that one thing the named thing does (``verb``) takes on it: a verb that takes away something bad or
    brings about something good leans for it, and the other way against; otherwise the verb's own valence; 0 when
    the verb and its object are both neutral ("would cut bills": what a bill is, the words do not say). With the
    verb's object."""
    lemma = verb.lemma_.lower()
    # (what a verb that takes away takes away, not whom from: "remove food from desperate people" takes no
    # desperation away)
    obj = [x for c in verb.children if c.dep_ in {"dobj", "attr", "oprd", "acomp", "xcomp", "ccomp", "prep"} and
           (cause is None or c.i != cause.i) and not (lemma in DIMINISH and c.dep_ == "prep" and c.lower_ == "from")
           for x in phrase(c) if x.i not in own]
    vo = _valence(obj, score)
    if abs(vo) < 0.3:
        # "would cut emissions", "lead to higher prices and fewer jobs", "raise $5 million"; what is added to is what
        # grows ("add $10,000 to the cost of a home")
        grows = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"), None) \
            if lemma == "add" else None
        vo = WANTED * wanted(phrase(grows) if grows is not None else obj, money=lemma in EARNS)
    vv = float(score(lemma))
    up = _turned_up_or_down(verb)
    if up:  # "push up prices", "drive down costs": more or less of its object
        lemma = "increase" if up > 0 else "reduce"
    side = 0
    if lemma in FALLING | RISING and abs(subject) >= 0.3:  # "bullying fell thanks to the ban"
        side = (1 if subject > 0 else -1) * (1 if lemma in RISING else -1)
    elif lemma in COSTS and vo >= 0.3:
        side = -1  # "would cost jobs", "will cost lives": a good taken from someone
    elif lemma in DIMINISH | WEARS_DOWN and abs(vo) >= 0.3:
        side = -1 if vo > 0 else 1  # ("would infringe on personal liberty": a good worn down)
    elif lemma in CAUSE and abs(vo) >= 0.3:
        side = 1 if vo > 0 else -1
    elif abs(vv) >= DOING and lemma not in DIMINISH | CAUSE:
        side = 1 if vv > 0 else -1
    return side, obj


# Quantities of public life that more of is better (GOODS) or worse (BADS), whatever their words' tone, which the
# valence lexicons do not know: "would cut emissions" is good as emissions are bad, "lead to fewer jobs" is bad. What
# a thing does to them judges it (:func:`_done`); a word of less before one turns it ("fewer jobs", "lower bills")
GOODS = {"job", "jobs", "employment", "wage", "wages", "pay", "income", "incomes", "growth", "investment", "home",
         "homes", "housing", "revenue", "revenues", "funding", "saving", "savings", "service", "services", "safety",
         "health", "life", "lives", "access", "choice", "competition", "productivity", "trade", "tourism", "customer",
         "customers", "business", "businesses", "teacher", "teachers", "nurse", "nurses", "doctor", "doctors",
         "opportunity", "opportunities", "money", "shop", "shops", "school", "schools", "bed", "beds", "apprenticeship",
         "apprenticeships", "visitor", "visitors", "profit", "profits"}
BADS = {"price", "prices", "cost", "costs", "bill", "bills", "rent", "rents", "fare", "fares", "fee", "fees", "tax",
        "taxes", "debt", "debts", "deficit", "inflation", "unemployment", "poverty", "homelessness", "crime",
        "violence", "death", "deaths", "injury", "injuries", "accident", "accidents", "collision", "collisions",
        "emission", "emissions", "pollution", "congestion", "traffic", "delay", "delays", "obesity", "addiction",
        "overdose", "overdoses", "fraud", "waste", "litter", "noise", "eviction", "evictions", "layoff", "layoffs",
        "closure", "closures", "shortage", "shortages", "flooding", "smog", "disease", "diseases", "hunger",
        "bureaucracy", "paperwork", "queue", "queues", "backlog", "backlogs"}
QUANTITIES = frozenset(GOODS | BADS)
# Words of less, before a quantity: "fewer jobs", "lower bills", "less traffic"
LESS = {"fewer", "less", "lower", "reduced", "falling", "smaller", "cheaper", "shorter", "no"}
# How strongly a quantity more or less of which is wanted weighs (on VADER's -1..1)
WANTED = 0.5
# Verbs that take a good from someone: "would cost jobs" (a sum it costs says nothing: "would cost £2bn")
COSTS = {"cost"}
# ... and verbs whose sum is one gained: "would raise $5 million a year", "will bring in £2bn"
EARNS = {"raise", "generate", "bring", "yield", "earn", "save"}
# Verbs that push what they act on up or down with their particle: "push up prices", "drive down bills"
UP_OR_DOWN = {"push", "drive", "force", "send", "jack", "ramp", "shoot", "bring", "keep", "put"}


def wanted(tokens: list[Token], money: bool = False) -> int:
    """+1 where ``tokens`` name more of a quantity that more of is better, or less of one that more of is worse;
    -1 the other way round ("higher prices and fewer jobs"); 0 where they name none, or both ways. A word that only
    says of what kind of another ("health" in "health costs") is not one; with ``money``, a sum is a good ("raise
    $5 million")."""
    signs = set()
    for t in tokens:
        word = t.lower_
        base = 1 if word in GOODS else -1 if word in BADS else 0
        if money and t.ent_type_ == "MONEY" and t.dep_ in {"dobj", "pobj"}:
            base = 1
        if not base or t.pos_ not in {"NOUN", "PROPN", "NUM", "SYM"} or (
                t.dep_ == "compound" and t.head.lower_ in QUANTITIES) or (
                t.dep_ == "pobj" and t.head.head.lower_ in QUANTITIES):
            continue  # ("health costs" and "the cost of a home" are costs; "obesity rates" are obesity's)
        if any(c.lower_ in LESS and c.dep_ in {"amod", "det", "advmod", "nummod"} for c in t.children):
            base = -base
        signs.add(base)
    return signs.pop() if len(signs) == 1 else 0


def _turned_up_or_down(verb: Token) -> int:
    """+1 for a verb of :data:`UP_OR_DOWN` with "up" ("push up prices"), -1 with "down"; 0 otherwise."""
    if verb.lemma_.lower() not in UP_OR_DOWN:
        return 0
    part = next((c.lower_ for c in verb.children if c.dep_ in {"prt", "advmod"} and c.lower_ in {"up", "down"}), "")
    return 1 if part == "up" else -1 if part == "down" else 0


# What the named thing, as the subject, is willed to do: stay (kept: "the cap should stay", "must remain in place")
# or go (taken away: "the cap must go", "it has to go")
STAYS = {"stay", "remain"}
GOES = {"go"}


def _kept_or_gone(mention: Token) -> Lean | None:
    """A side on the named thing said as what it should do: stay (for it) or go (against it), with a modal or "has
    to"/"needs to"; not what it is said to stay as ("will remain cruel") or where it goes ("go up", "go to court")."""
    if mention.dep_ != "nsubj":
        return None
    verb = mention.head
    if verb.lemma_.lower() in {"have", "need"}:  # "it has to go"
        verb = next((c for c in verb.children if c.dep_ == "xcomp" and c.lemma_.lower() in STAYS | GOES), None)
        willed = verb is not None
    else:
        # (or "stays" said flat, with nothing after it: "The toll stays", which tells no one where it stays)
        willed = any(c.dep_ == "aux" and c.lower_ in MODALS for c in verb.children) or (
            verb.lower_ == "stays" and not any(c.dep_ not in {"nsubj", "punct"} for c in verb.children))
    if verb is None or not willed or verb.pos_ not in {"VERB", "AUX"} or verb.lemma_.lower() not in STAYS | GOES:
        return None
    gone = verb.lemma_.lower() in GOES
    if any(c.dep_ in {"acomp", "attr", "xcomp", "dobj", "prt", "oprd", "ccomp"} for c in verb.children) or (
            gone and any(c.dep_ in {"prep", "advmod", "npadvmod"} for c in verb.children)):
        return None
    side = -1 if gone else 1
    if _negated(verb) or (mention.head.i != verb.i and _negated(mention.head)):
        side = -side
    return Lean(side, 0.7, f"{'kept' if side > 0 else 'taken away'}: “{mention.text} … {verb.text}”", True)


def lean(mention: Token, score: Any, own: set[int] | None = None, changes: bool = True) -> Lean | None:
    """How the sentence of ``mention`` (a token of the words that name the issue) leans on it; ``score(text)``
    gives a sentiment valence in -1..1; ``own`` are the token indices of the naming words (left out of judgements);
    with ``changes``, a side taken on changing the named thing ("rejected the attempt to amend the Bill") is none on
    it (False where the issue is itself a change: "the rebel amendments").
    None when nothing on the path or around the named thing takes a side."""
    own = own or {mention.i}
    willed = _kept_or_gone(mention)
    if willed is not None:
        return willed
    sign, words, explicit = 1, [], False
    if mention.pos_ == "VERB" and (any(c.dep_ == "aux" and c.lower_ in MODALS for c in mention.children) or
                                   (mention.dep_ == "ROOT" and not any(c.dep_ in {"nsubj", "nsubjpass"}
                                                                        for c in mention.children))):
        # the issue's own action, as something someone would, should or must do ("Labour would ban them",
        # "Ban second homes!")
        words, explicit = [mention.text], True
        if _negated(mention):
            sign, words = -1, [*words, "not"]
    if mention.pos_ == "NOUN" and any(c.dep_ in {"acl", "xcomp", "relcl"} and _negated(c) for c in mention.children):
        sign, words = -1, ["not"]  # "the decision not to place us on the ballot" is the other way from placing us
    pending = 1  # negated verbs on the path below a word that takes a side: "disappointed by the decision not to …"
    acted = False
    t = mention
    for _ in range(10):
        h = t.head
        if h.i == t.i or (t.lower_ in CAUSAL and t.dep_ in {"prep", "advmod"} and _causes_clause(t)):
            break  # (what it causes is no act on it: "counselors would lose their jobs because of the program")
        acted = acted or (h.i in own and h.pos_ == "VERB")
        lemma = h.lemma_.lower()
        was_explicit = explicit  # (whether a side was read yet)
        if h.lower_ == "from" and t.dep_ == "pobj" and h.head.lemma_.lower() in SHIELDING:
            sign, words = -sign, [*words, f"{h.head.text} … from"]  # "protect pensioners from the cut": against it
        if h.lower_ == "for" and t.dep_ == "pobj":
            done = _to_be_done(h)
            if done is not None and done.i in own:
                acted = True  # "called for the cap to be scrapped": the issue's own action
            elif done is not None and done.lemma_.lower() in OPPOSE:
                sign, words = -sign, [*words, done.text]  # "called for the tax to be scrapped"
        felt = float(score(h.text)) if h.pos_ in {"ADJ", "VERB"} and t.dep_ in {"prep", "agent"} and \
            t.lower_ in REACTION_PREPS and not explicit and not _done_by_subject(h, t) else 0.0
        if abs(felt) >= REACTS:
            # how the speaker feels about it: "disappointed by the decision", "pleased with the plan"
            negated = _negated(h) or (h.dep_ == "acomp" and _negated(h.head))  # "I am not happy about it"
            side = (1 if felt > 0 else -1) * pending * (-1 if negated else 1)
            turned = " (turned by “not”)" if sign * pending < 0 else ""
            return Lean(sign * side, 0.7, f"reacts: “{h.text} {t.text} …”{turned}", True)
        way = phrasal(h, t) if t.dep_ == "advmod" and not _describes(h, t) else 0
        if way:  # "backed [away [from it]]"
            sign, words, explicit = sign * way, [*words, f"{h.text} {t.text}"], True
        if _negated(h) and any(c.dep_ == "mark" and c.lower_ in {"because", "since"} for c in h.children):
            return None  # "… and not because we want people to smoke": a motive denied says nothing of the issue
        if changes and h.pos_ == "VERB" and h.lemma_.lower() in MODIFYING and h.i not in own and \
                t.dep_ in {"dobj", "nsubjpass"}:
            return None  # "rejected the attempt to amend the Bill": what is said above is said of a change to it
        if h.pos_ == "VERB" and _negated(h) and t.dep_ in {"dobj", "prep", "xcomp", "ccomp"}:
            pending = -pending
        if h.pos_ == "ADP" and h.lower_ in AGAINST and t.dep_ == "pobj":
            sign, words, explicit = -sign, [*words, h.text], True
        elif h.lower_ == "favour" and t.dep_ == "pobj":
            words, explicit = [*words, "in favour of"], True
        elif h.pos_ == "VERB" and t.dep_ in {"prep", "dative", "dobj"} and _backs_through(h, t):
            # "threw her weight behind it", "gave the go-ahead for it"; "should not give the green light to it"
            words, explicit = [*words, f"{h.text} … {t.text}"], True
            if _negated(h):
                sign, words = -sign, [*words, "not"]
        elif h.pos_ in {"VERB", "AUX", "NOUN", "ADJ"} and t.dep_ in {"dobj", "pobj", "xcomp", "ccomp", "nsubjpass",
                                                                      "oprd", "pcomp", "attr", "acomp", "advcl",
                                                                      "dative", "conj", "acl", "prep", "relcl"}:
            # (a second act said beside the head, not what the head does: "said the company was failing, urging
            # ministers to act", where nothing fails to act)
            beside = t.i > h.i and accompanying(t)
            if lemma in NEUTRAL and h.pos_ == "VERB" and not beside and not (
                    lemma in NEEDS_FOR and t.dep_ == "prep" and t.lower_ == "for"):
                return Lean(0, 0.6, f"open: “{h.text}”", True)
            way = phrasal(h, t) if not _describes(h, t) and not beside else 0  # ("ploughs ahead with it": told)
            if way:  # "pressed ahead with it", "rowed back on it"
                sign = sign * way
                words, explicit = [*words, " ".join([h.text, *(c.text for c in h.children if c.lower_ in PARTICLES),
                                                     t.text if t.dep_ == "prep" else ""]).strip()], True
            elif beside or h.i in own:
                pass  # the issue's own action ("called for the cap to be scrapped", on scrapping it) takes no side
            elif h.pos_ == "NOUN" and h.dep_ in {"dobj", "nsubjpass"} and h.head.i in own:
                pass  # what the issue's own action is done to, whatever its word: "cut support for pensioners"
            elif lemma in EFFORTS and t.dep_ in {"xcomp", "advcl"} and any(c.dep_ == "aux" and c.lower_ == "to"
                                                                            for c in t.children):
                pass  # an effort takes the side of what it strives for: "fight to restore the payments"
            elif lemma in NEEDS_FOR and not (t.dep_ == "prep" and t.lower_ in {"for", "on"}) and not (
                    t.dep_ in {"advcl", "ccomp", "xcomp"} and any(m.dep_ == "mark" and m.lower_ == "for"
                                                                  for m in t.children) and
                    any(mention.i in {x.i for x in c.subtree} for c in t.children
                        if c.dep_ in {"nsubj", "nsubjpass"})):
                pass  # "called the scheme a ploy" is no call for it ("called for it to be scrapped" is; "called for
                # Sir Keir to meet farmers" is a call on him)
            elif lemma in NEEDS_PARTICLE and not (h.pos_ == "VERB" and any(
                    c.dep_ == "prt" and c.lower_ == NEEDS_PARTICLE[lemma] for c in h.children)):
                pass  # "a rule banning …" is no ruling out
            elif lemma in ONLY_DENIED and t.dep_ == "xcomp" and _negated(h):
                words, explicit = [*words, h.text], True  # (turned by its negation below)
            elif (lemma in OPPOSE or lemma in SUPPORT or _to_court(h)) and _describes(h, t):
                pass  # "the rule was adopted", "the council passed the ban": an event told, not a side taken
            elif (lemma in OPPOSE or (_to_court(h) and t.dep_ == "dobj")) and t.dep_ not in {"conj", "relcl"}:
                sign, words, explicit = -sign, [*words, h.text], True
            elif lemma in SUPPORT and t.dep_ not in {"conj", "relcl"} and h.pos_ == "NOUN" and _valence(
                    [c for c in h.children if c.dep_ == "amod"], score) <= -0.3:
                # "a broken promise", "an empty pledge": support that failed
                sign, words, explicit = -sign, [*words, *(c.text for c in h.children if c.dep_ == "amod"), h.text], \
                    True
            elif lemma in SUPPORT and t.dep_ not in {"conj", "relcl"}:
                words, explicit = [*words, h.text], True
            if explicit and _negated(h):
                sign, words = -sign, [*words, "not"]
            if explicit and not was_explicit and t.dep_ == "xcomp" and _negated(t):
                # the first side taken, on what is not to be done: "urged ministers not to nationalise it"
                sign, words = -sign, ["not", *words]
            cond = _condition(h) if explicit and h.pos_ == "VERB" else None
            if cond is not None:  # "would only support it if it fits the targets": a side on a condition
                return Lean(0, 0.55, f"conditional: “{h.text} … {cond} …”", True)
        if h.dep_ in {"ccomp", "pcomp", "xcomp", "csubj"} and any(c.dep_ == "mark" and c.lower_ == "whether"
                                                                 for c in h.children):
            return None  # "a question about whether she supports the ban": asked, not said
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in h.children) and h.dep_ == "advcl":
            if any(c.dep_ == "mark" and c.lower_ in SUPPOSED for c in h.children):
                # the named thing supposed, not a condition put on a side: "if there had been a camera, we would
                # know", "if the tax passes, the shops will close", "if they scrap it, …": what would follow judges it
                return _supposed(mention, h, sign, explicit, score, own)
            return Lean(0, 0.55, f"conditional: “{next(c.text for c in h.children if c.dep_ == 'mark')} …”", True)
        t = h
    if explicit:
        return Lean(sign, 0.75, "“" + " … ".join(words) + "”", True, acted=acted)
    # what the named thing would do: "a third runway would undermine our climate commitments", "the levy will cut
    # obesity", "the scheme creates a dangerous environment"
    done = _consequence(mention, score, own)
    if done is not None:
        return done
    # a judgement of the named thing: its modifiers, what is said of it, what it is called
    head = mention
    of = mention.head if mention.dep_ == "pobj" and mention.head.lower_ == "of" else None
    if of is not None and of.head.pos_ == "NOUN" and of.head.dep_ in {"nsubj", "nsubjpass"} and \
            abs(float(score(of.head.text))) < 0.3:
        head = of.head  # "the introduction of a smoking ban is problematic": what is said of it is said of the ban
    judged: list[Token] = [c for c in head.children if c.dep_ in {"amod", "compound"} and c.i not in own]
    modifiers = len(judged)
    if head.dep_ in {"nsubj", "nsubjpass"}:
        pred = head.head
        judged += [x for c in pred.children if c.dep_ in {"acomp", "attr", "dobj", "oprd", "xcomp", "prep", "advmod"}
                   for x in phrase(c) if x.i not in own]
        if pred.pos_ in {"VERB", "ADJ"} and pred.lemma_ != "be" and pred.i not in own and \
                pred.lemma_.lower() not in DIMINISH | CAUSE:
            judged.append(pred)  # (not "judges … be fired"; nor "cut" of "would cut bills", whose side is its object's)
    if head.dep_ == "dobj":
        # ("called it a ploy", "described the plans as vandalism")
        judged += [x for c in head.head.children if c.dep_ in {"oprd", "xcomp"} or
                   (c.dep_ == "prep" and c.lower_ == "as") for x in phrase(c) if x.i not in own]
    judged += [x for c in head.children if c.dep_ == "appos" or (head.dep_ == "dobj" and c.dep_ == "prep" and
                                                                 c.lower_ == "as") for x in phrase(c)]
    # (a word of change with what changes before it says what it is, not how good: "the third tax increase in five
    # years", "a budget cut"; "the decline of southern economies" still judges)
    judged = [x for x in judged if not (x.lemma_.lower() in CHANGE_WORDS and (
        x.head.i in own or any(c.i in own or c.dep_ == "compound" for c in x.children)))]
    v = _valence(judged, score)
    if head.dep_ in {"nsubj", "nsubjpass"} and v > -EXCESS and _excessive(judged, head.head):
        v = -EXCESS  # "the limit is too tight", "it goes too far": more than it should be, whatever the word's tone
    least = JUDGES if len([x for x in judged if x.is_alpha and x.pos_ != "DET"]) <= 2 else JUDGED_MANY
    if abs(v) >= least and _conceded(head):
        return None  # "It is a difficult decision, but it was right": what follows "but" is the point
    if abs(v) >= least:
        if _negated(head.head) and head.dep_ in {"nsubj", "nsubjpass"}:
            v = -v
        said_of = abs(_valence(judged[modifiers:], score)) >= least
        return Lean(1 if v > 0 else -1, 0.6, f"judged: “{_words(judged)[:60]}” ({v:+.2f})", False, said_of)
    able = _can_be(judged[modifiers:], head) if head.dep_ in {"nsubj", "nsubjpass"} else 0
    if able:
        return Lean(able, 0.55, f"judged by what it can be: “{_words(judged[modifiers:])[:60]}”", False, True)
    return None


# How a thing said to be "too" much of something is judged (VADER's scale of -1..1): badly, as a word of mild ill
# valence is; and the words of too little, which ask for more of the same, not less ("too small", "too late")
EXCESS = 0.4
TOO_LITTLE = {"small", "little", "low", "late", "modest", "weak", "timid", "narrow", "slow", "few", "limited", "short",
              "soft", "lenient", "cautious", "cheap", "mild", "light"}


def _excessive(said: list[Token], pred: Token) -> bool:
    """Whether ``said`` holds "too" on a word of degree said of the thing by its predicate ``pred`` ("too tight", "goes
    too far", "too expensive"; not "for too long"), not of too little ("too small"), nor "too … to" ("too good to
    miss", "too important to fail"), which asks for it."""
    for x in said:
        if x.lower_ == "too" and x.dep_ == "advmod" and x.head.pos_ in {"ADJ", "ADV"} and x.head.head.i == pred.i and \
                x.head.lower_ not in TOO_LITTLE and not any(
                    c.dep_ in {"xcomp", "ccomp", "advcl"} and c.i > x.head.i for h in (x.head, x.head.head)
                    for c in h.children) and not _negated(x.head.head):  # (the parser hangs "to miss" on either)
            return True
    return False


# Words of what a thing can be that say nothing of whether it should be: "the data is not available"
NOT_MERITS = {"available", "responsible", "eligible", "liable", "payable", "taxable", "possible", "impossible",
              "probable", "visible", "applicable", "comparable", "considerable", "notable", "variable", "capable",
              "inevitable", "unavoidable", "predictable", "unpredictable", "noticeable", "able", "unable",
              "understandable"}
ABLE = re.compile(r"(?:un)?[a-z]{3,}(?:able|ible)")
# ... and a prefix that may or may not deny it ("intolerable", but "indispensable", "invaluable"): left unread
MAYBE_DENIED = re.compile(r"(?:in|im|ir|il)[a-z]{3,}(?:able|ible)")


def _can_be(said: list[Token], head: Token) -> int:
    """+1 or -1 where what is said of ``head`` (its predicate's words) is what it can or cannot be, in words of its
    merits that the valence lexicons take for plain: "the runway is affordable and deliverable" (+1), "it was not
    deliverable, not affordable" or "unworkable" (-1); 0 otherwise. A "not" on the verb denies the first of them,
    and each later one has its own or none."""
    words = [x for x in said if x.pos_ == "ADJ" and ABLE.fullmatch(x.lower_) and x.lower_ not in NOT_MERITS and
             not MAYBE_DENIED.fullmatch(x.lower_)]
    if not words:
        return 0
    total = 0
    for x in words:
        side = -1 if x.lower_.startswith("un") else 1
        denied = _negated(x) or (x.dep_ in {"acomp", "attr"} and _negated(x.head) and x.head.i == head.head.i)
        total += -side if denied else side
    return 1 if total > 0 else -1 if total < 0 else 0
