"""``rules.v2``: stance read against the issue as a proposition, over every kind of statement.

rules.v1 decides relevance from one head noun of the issue phrase and reads positions from speech cues. This model
keeps rules.v1's cue patterns and adds what real news needs:

1. **The issue as a proposition** (:mod:`onrecord.stance.proposition`): a statement is about the issue when it
   names the proposal or its action (any word form: "cut", "cuts", "cutting"; an alias in the phrase's parenthesis;
   the user's keywords), enough of its content words, or, in an article about the issue, a noun that stands for it
   ("the plan", "the bill", "the scheme"); or when the sentence encoder puts it close in meaning to the issue
   (:data:`SIMILAR`). Naming only the *target* of an action that removes it ("aid" for "cutting overseas aid")
   counts the other way: "we must protect aid" opposes the cut.
2. **Reported positions** (votes, lawsuits, resignations, "X's plan", lists of backers): the cue's own direction
   (:data:`SUPPORT_CUES`, :data:`OPPOSE_CUES`, :data:`NEUTRAL_CUES`), turned by every blocking or removing verb
   and negation between the cue and the issue ("vowed to **block** any attempt to expand Heathrow" opposes a third
   runway; "**refused** to back the bill" opposes it).
3. **Judgements**: rules.v1's cue patterns, then how the speaker's own sentence judges what it names, by the VADER
   sentiment lexicon (:data:`JUDGED`): "a cynical ploy", "a huge help", "these cuts will take food from desperate
   people". A sentence that names the issue and judges nothing takes no position (``none``).

Every label carries its reason; the model name is ``rules.v2``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace
from typing import Any

from ..extract.actors import (
    DESCRIBING_NOUNS,
    HELD_BY,
    INTRANSITIVE,
    LIGHT_VERBS,
    OWNED_STATEMENTS,
    VOICED_NOUNS,
    VOICING_VERBS,
)
from ..extract.actors import PROPOSAL_NOUNS as PROPOSALS
from ..models import Issue, Quote, Stance, StanceLabel
from . import path, proposition, valence, vectors
from .rules import (
    ASIDE,
    LETS_PASS,
    NAMED,
    NO_POSITION,
    PENDING_STUDY,
    REPORTED,
    IssueTerms,
    RuleStance,
    own_sentence,
    with_cue,
    without_asides,
)

# Cues of a reported position and the side they take on what follows them (word stems, lower case).
SUPPORT_CUES = {
    "back", "support", "endors", "champion", "sponsor", "cosponsor", "co-sponsor", "author", "propos", "introduc",
    "tabl", "submit", "draft", "sign", "pass", "approv", "adopt", "enact", "push", "urg", "demand", "welcom",
    "collect", "gather",  # (signatures: a petition's)
    "advanc", "prais", "defend", "fund", "launch", "announc", "unveil", "implement", "advocat", "favour", "favor",
    "commit", "pledg", "vow", "promis", "plan", "seek", "sought", "lobby", "campaign", "fil", "creat", "run", "ran",
    "operat", "pilot", "offer", "expand", "confirm", "call", "want", "hail", "applaud", "tout", "insist", "vote",
    "celebrat", "commend", "laud", "cheer",
    "voted", "authoris", "authoriz", "recommend", "plans", "bill", "proposal", "policy", "scheme", "backing",
    "pledge", "decision", "announcement", "speech", "bid", "move", "initiative",
    "program", "programme", "lawsuit", "suit", "reform", "reforms", "amendment", "budget", "measure", "legislation",
    "law", "rule", "order", "review", "strategy", "agenda", "crackdown", "ban", "motion", "demands", "calls",
    "u-turn", "show", "proponent", "ayes",
}
OPPOSE_CUES = {
    "oppos", "reject", "block", "veto", "resist", "fight", "fought", "challeng", "question", "criticis", "criticiz",
    "condemn", "denounc", "slam", "attack", "boycott", "protest", "petition", "sue", "sued", "appeal", "overturn",
    "scrap", "abandon", "rebel", "revolt", "defy", "defi", "resign", "quit", "withdraw", "withdrew", "halt",
    "suspend", "accus", "warn", "refus", "refusal", "rejection", "opposition", "criticism", "dismiss", "decr",
    "blast", "lambast", "hit", "object", "dissent", "ditch", "axe", "stop", "end", "repeal", "reverse", "cancel",
    "declin", "kill", "delay", "paus", "postpon", "abolish", "undermin", "sabotag", "derail", "torpedo", "critic",
    "opponent", "detractor", "noes", "lament", "deplor", "distanc", "rescind", "revok",
}
NEUTRAL_CUES = {"abstain", "abstention"}
# "resigned in protest", what it protests at left to its sentence: the act is a protest, not a turn of one
IN_PROTEST = re.compile(r"\bin\s+(protest)\b", re.I)
# "only 47", "just a third of": what a cue grants only in part
ONLY_SOME = re.compile(r"\W*(?:only|just|merely|barely)\s+(?:\d|a\s+(?:few|handful|fraction|third|quarter)|one|two|"
                       r"three|four|five|six|seven|eight|nine|ten|some|part)", re.I)
# Cues of leaving a post: what they are over must be said in their own words
RESIGNING = re.compile(r"(?:resign|quit|step(?:s|ped|ping)?\s+down|stood\s+down|stand(?:s|ing)?\s+down)", re.I)
# What an act is done for: "quit in solidarity with Mr Altman", "resigned in protest at the cut"
SOLIDARITY = re.compile(r"\bin\s+(solidarity|support|protest)\s+(?:with|of|at|against|over)\b", re.I)
# Nouns that name what their owner proposes ("his tax raid", "Reeves's overhaul"), whatever the word
OWNED_PROPOSALS = PROPOSALS - OWNED_STATEMENTS
# What a verb of asking asks, as a question: "questioned whether the site had enough parking", "wondered how"
# (not "questioned why Trump is terminating judges", a challenge)
ASKED_WHETHER = re.compile(r"\W*(?:whether|if|how|what|when|where|who)\b", re.I)
# The nouns of a worry about something, not yet a side on it
WORRIES = r"concerns?|worr(?:y|ies)|doubts?|reservations?|fears?|misgivings?|unease|s[ck]epticism"
# What a light position verb ("raised", "voiced", "offered") carries when it voices a worry, not a side
CONCERN = re.compile(r"\s+(?:(?:some|serious|grave|deep|real|private|strong|their|his|her|its)\s+){0,2}"
                     r"(?:questions|" + WORRIES + r")\b", re.I)
# Verbs that voice the position their object names ("voiced opposition to it", "raised objections", "offered its
# backing", "expressed alarm at it"), by stem, and the side of each such noun that is one (a worry is none: CONCERN)
VOICING_STEMS = frozenset(proposition._stem(w) for w in
                          VOICING_VERBS | {"raise", "offer", "give", "gave", "lend", "lent", "signalled"})
VOICED_SIDES = {
    "support": 1, "backing": 1, "approval": 1, "endorsement": 1, "enthusiasm": 1,
    "opposition": -1, "objection": -1, "objections": -1, "criticism": -1, "criticisms": -1, "disapproval": -1,
    "alarm": -1, "anger": -1, "outrage": -1, "dismay": -1, "fury": -1, "frustration": -1, "disappointment": -1,
}
# ... the noun, after a few words of its own ("voiced their strong opposition"), before any preposition
VOICED = re.compile(r"\W*(?:(?!(?:for|to|about|over|at|on|with|of|in|that)\b)[\w’'-]+\s+){0,3}?(" +
                    "|".join(sorted(VOICED_NOUNS)) + r")\b", re.I)
# What a call for more to be known asks for, first: "called for a review of the cameras", "asked for data on them"
EXAMINED = re.compile(r"\W*(?:for\s+)?(?:(?:a|an|the|more|further|independent|new|full|formal|detailed|public|"
                      r"its|their|his|her)\s+){0,3}(review|study|audit|investigation|inquiry|enquiry|assessment|"
                      r"evaluation|analysis|report|data|details|information|answers|clarity|briefing|hearing|"
                      r"consultation)s?\b", re.I)
# What a decision put off is, right after the verb that puts it off: "postponed a vote on the cameras", "delayed its
# decision on the plan" (the decision, not the thing decided, is put off: no side yet)
DECISION_PUT_OFF = re.compile(r"\W*(?:(?:a|the|its|their|his|her|any|final|planned|scheduled)\s+){0,2}(?:vote|votes|"
                              r"voting|decision|decisions|ruling|debate|hearing|discussion|consideration|action)\b",
                              re.I)
# Verbs between a cue and the issue that turn the cue's side: "vowed to block any expansion", "fought to stop it".
TURNING = {
    "block", "stop", "scrap", "oppos", "reject", "resist", "fight", "fought", "halt", "end", "prevent", "reverse",
    "overturn", "cancel", "kill", "abolish", "repeal", "ditch", "axe", "ban", "bar", "prohibit", "delay", "derail",
    "undermin", "challeng", "sue", "sued", "veto", "abandon", "withdraw", "drop", "against", "refus", "defeat",
    "thwart", "curb", "limit", "restrict", "cut", "rethink", "reconsider", "postpon", "defer", "shelv", "paus",
    "rescind", "revok",
    # a position against, voiced on the way to the issue: "voted to send a letter objecting to the plan", "raising the
    # alarm about it"; "dismissed objections to it" is for it
    "object", "condemn", "denounc", "criticis", "criticiz", "alarm", "decr", "decry", "deplor", "cutback",
}
# Worries on the way to the issue: "dismissed concerns about the plan" is for it; "voted to send a letter raising
# concerns about it" is not yet a side (as "raised concerns over it" is not)
WORRY_ABOUT = re.compile(r"\b(?:" + WORRIES + r")\s+(?:about|over|on|at|regarding|with|for)\b", re.I)
# A legal challenge, said around the issue: "vowed to take the decision to court", "sought a judicial review of it"
LEGAL_CHALLENGE = re.compile(r"\bjudicial\s+review\b|"
                             r"\b(?:take|takes|took|taken|taking|drag(?:s|ged|ging)?|haul(?:s|ed|ing)?)\b"
                             r"(?:\s+[\w’'-]+){0,6}?\s+to\s+(?:the\s+)?(?:[A-Z][\w’'-]*\s+)?court\b", re.I)
# Nouns of a protest that turn what is done with it ("planning a protest", "backed the boycott of the levy"), as whole
# words ("the protesters' call for a levy" is no protest against it)
PROTEST_WORDS = {"protest", "protests", "boycott", "boycotts"}
# ... unless the protest is for it
FOR_IT = re.compile(r"\s+(?:in\s+(?:favou?r|support)\s+of|for)\b", re.I)
# Keeping what the issue would take away: with a target-only mention this opposes the issue (turned later)
KEEPING = re.compile(r"\b(?:keep|keeps|kept|keeping|protect\w*|preserv\w*|sav(?:e|es|ed|ing)|defend\w*|retain\w*|"
                     r"maintain\w*|restor\w*)\b", re.I)
NEGATION = re.compile(r"\b(?:not|never|no longer|neither|nor)\b|n[’']t\b|\bfail(?:ed|s)? to\b|"
                      r"\bdeclin(?:e|ed|es|ing) to\b", re.I)
# ... and just before a reported position, in its sentence: "has not backed", "refused to back", "declined to back"
LEAD_NEGATION = re.compile(NEGATION.pattern + r"|\brefus(?:e|ed|es|ing) to\b", re.I)
# Speech that leaves the side unsaid, just before what it leaves open: "has not said whether he would sign the
# ordinance", "declined to say if she backs it"
UNSAID = re.compile(r"(?:\bnot|\bnever|n[’']t|\bdeclined\s+to|\brefused\s+to)\s+(?:yet\s+)?(?:publicly\s+)?"
                    r"(?:say|said|says|saying|indicated?|revealed?|disclosed?|"
                    # ... or a question about it left unanswered: "her office did not respond to a question about
                    # whether she supports the ban"
                    r"(?:respond(?:ed)?|repl(?:y|ied)|answer(?:ed)?)\s+(?:to\s+)?(?:(?:a|the|our|several|repeated)\s+)?"
                    r"(?:\w+\s+)?(?:questions?|requests?\s+for\s+comment)\s+(?:about|on|over|asking))"
                    r"\s+(?:publicly\s+)?(?:whether|if)\s*$", re.I)
# ... or said not to be settled yet: "she was not yet sure she would support it", "undecided on whether to back it"
UNSURE = re.compile(r"\b(?:not\s+(?:yet\s+)?(?:sure|certain|decided)|unsure|undecided|uncertain)\b[^.;:!?]{0,40}?"
                    r"\b(?:support|back|oppose|vote|sign|endorse|veto)", re.I)
# A position said to be held in the past, right before its cue ("who once backed it", "had previously opposed") or in
# its clause after it ("fought a third runway when he was in cabinet", "backed it at the time", "years ago")
ONCE = re.compile(r"\b(?:once|previously|formerly|originally|initially)\s+(?:\w+ly\s+)?$", re.I)
BACK_THEN = re.compile(r"^[^,;:.]*?\b(?:when|while)\s+(?:he|she|they|it|we|I|\w+)\s+(?:was|were)\b|"
                       r"^[^,;:.]*?\b(?:at the time|years ago|back in (?:19|20)\d\d|back then)\b|"
                       # ... or undone since: "paused the toll last year before reviving it"
                       r"^[^,;:.]*?\bbefore\s+(?:later\s+)?(?:re[a-z]{3,}ing|revers\w*|restor\w*|revok\w*)\s+"
                       r"(?:it|them|the\s+\w+|course)\b", re.I)
# how much a position held in the past counts, beside one held now
THEN = 0.5


def _held_then(q: Quote) -> re.Match[str] | None:
    """Where a reported position is said, in its sentence, to be held in the past, not now (see :data:`ONCE`,
    :data:`BACK_THEN`)."""
    if q.kind != "reported" or q.cue is None:
        return None
    text = q.sentence or q.span.text
    at = text.find(q.cue.text)
    if at < 0:
        return None
    return ONCE.search(text[:at]) or BACK_THEN.search(text[at + len(q.cue.text):])


# how much a side counts that its speaker concedes before going on with "but" ("he supported replacing the old jail
# but objected to the size of the new one"; "'Nobody wants to build a jail,' she said. 'But …'")
CONCEDED = 0.5
# the opening of a statement that goes on from the one before it, against it
GOES_ON_BUT = re.compile(r"^\W*(?:but|yet|however)\b", re.I)
GOES_ON_WITHIN = 200  # characters from the end of one statement to the start of the next that goes on from it


def _goes_on_but(q: Quote, quotes: list[Quote]) -> Quote | None:
    """The next statement of ``q``'s speaker, close after it, where it opens with "But", "Yet" or "However": what
    ``q`` says is conceded before their point. Not for a reported position (a vote stands, whatever is said after
    it)."""
    if q.kind == "reported" or not (q.speaker_id or q.speaker):
        return None
    after = [x for x in quotes if x.span.start >= q.span.end and x.kind != "reported"]
    nxt = min(after, key=lambda x: x.span.start, default=None)
    if nxt is None or nxt.span.start - q.span.end > GOES_ON_WITHIN or \
            (nxt.speaker_id or nxt.speaker) != (q.speaker_id or q.speaker):
        return None
    return nxt if GOES_ON_BUT.match(nxt.span.text) else None


# A cue that puts a proposal forward (onrecord.extract.actors.FORWARD_VERBS)
PUT_FORWARD = re.compile(r"(?:bring|brings|brought|bringing|put|puts|putting)\s+(?:[\w’'-]+\s+){0,3}?forward", re.I)
# What follows a cue that may make it a phrasal verb (stance.path.PHRASAL): "backed away from", "rowed back on"
PHRASAL_AFTER = re.compile(r"\W*(" + "|".join(sorted(path.PARTICLES)) + r")?\s*(from|on|with|to|by|over)?\b", re.I)
# Words before a cue that is a noun that turn its side: "the dissenting votes", "an opposing motion", "a no vote"
AGAINST_BEFORE = re.compile(r"\b(?:dissenting|opposing|no|against)\s+(?:[\w-]+\s+)?$", re.I)
NOUN_CUES = {"vote", "votes", "motion", "ballot", "ballots"}
# A vote cast, said alone: "voted no", "voted yes"
BALLOT = re.compile(r"\W*(yes|no|aye|nay|yea)\b", re.I)
# Declining: a refusal, unless what is declined is only to speak ("declined to comment on the tax")
DECLINED = re.compile(r"declin(?:e|ed|es|ing)$")
NOT_A_SIDE = re.compile(r"\W*to\s+(?:comment|say|speak|answer|respond|elaborate|discuss|be\s+interviewed|give)\b",
                        re.I)
# "refused to rule out a tax", "has not ruled it out": a door left open, not a side
NOT_RULED_OUT = re.compile(r"\W*(?:to\s+)?rul(?:e|es|ed|ing)\s+(?:(?:it|this|that|them)\s+)?out\b", re.I)
# what the issue is to undergo, said after it: "calling for the tourist tax to be scrapped", "wants the levy (to be)
# axed", "urged that the cut be reversed"
DONE_TO_IT = re.compile(r"^\W*(?:to\s+be\s+|be\s+|should\s+be\s+|must\s+be\s+)([a-z]+)\b", re.I)
# words that go with the issue's own in naming it ("the tourist tax", "a tax on tourists")
NAMING = {"the", "a", "an", "of", "on", "in", "for", "this", "that", "its", "their", "his", "her", "new", "proposed"}
# Determiners that make a proposal noun one the article has spoken of
DEFINITE = {"the", "this", "these", "that", "those"}
# What marks a thing named as the one in force now, which the issue would change ("the current law", "the existing
# rules"): said of it, a side on the change the other way
STATUS_QUO = {"current", "existing", "present"}
# How far a sentence must lean for its judgement of what it names to count (VADER compound score)
JUDGED = 0.45
# The longest statement (in words) whose tone as a whole is read as its judgement of the issue
JUDGED_WORDS = 20
# The valence the words describing the issue's own noun need ("a shambolic mess of a Bill"): they say nothing else
DESCRIBED = 0.3
# Cosine similarity (all-MiniLM-L6-v2) above which a statement counts as about the issue in other words
SIMILAR = 0.45
CLOSE = "close in meaning"
# ... and above which a statement that takes no side is on the issue all the same (facts or analysis that bear on it):
# fitted on the development sets, where statements this close were the gold's "neutral", and "none" stayed below it
ON_IT = 0.6
# The reasons that read the tone of a whole statement, whatever it judges, not a side taken on what it names (the
# parse's path reads what is said of the named words themselves: "reads: judged: …")
JUDGEMENT = re.compile(r"^(?:judges it\b|judges what it names|describes it\b)")
# The reasons of a position said in the statement's own words (rules.v1's polarity), not a "must" or a "should"
POSITION_WORDS = re.compile(r"^(?:refusal or opposition|advocacy): “(?!(?:must|should|need|needs|ought|has to|have "
                            r"to)\b)|^reads: (?:kept|taken away): ")  # ("The toll stays": its own words)


def _stem(word: str) -> str:
    return proposition._stem(word)


# The stems of the nouns that name a proposal ("plan", "bill", "scheme")
PROPOSAL_STEMS = frozenset(_stem(w) for w in proposition.PROPOSAL_NOUNS)

# The particles of a phrasal verb that takes its object away: "push out", "shut down", "strike off", "put aside"
AWAY = {"out", "down", "off", "away", "aside"}
# Light verbs whose object is the actor's own ("issued a rule", "wrote a bill"), and such an object: a proposal noun
LIGHT_STEMS = frozenset(_stem(w) for w in LIGHT_VERBS | {"wrote", "written", "gave", "made", "sent"})
ISSUED = re.compile(r"\W*(?:(?:a|an|the|its|their|his|her|new|emergency|executive|formal)\s+){0,3}(?:" +
                    "|".join(sorted(proposition.PROPOSAL_NOUNS - {"change", "changes", "move", "decision"})) +
                    r")\b", re.I)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z][a-z’'-]*", text.lower())


def _cue_stems(cue: str) -> set[str]:
    """The forms a cue word's side is looked up by: "suing" -> "sue", "voted" -> "vot", "backs" -> "back"."""
    w = cue.lower()
    return {w, _stem(w), w.rstrip("sd"), w[:-3] if w.endswith("ing") else w, w[:-3] + "e" if w.endswith("ing")
            else w, w[:-2] if w.endswith("ed") else w}


def cue_side(cue: str) -> int | None:
    """+1, -1 or 0 for a reported position's cue word; None for a cue of no known side ("sent a letter", "issued
    comments"), whose side is what it says."""
    if PUT_FORWARD.fullmatch(cue.strip()):
        return 1  # "brought forward (the bill)": proposed it
    stems = _cue_stems(cue)
    if stems & ({_stem(x) for x in NEUTRAL_CUES} | NEUTRAL_CUES):
        return 0
    word = cue.strip().lower()
    if any(_of_stem(word, o) or s == o or _stem(s) == o for s in stems for o in OPPOSE_CUES):
        return -1
    if any(_of_stem(word, o) or s == o or _stem(s) == o for s in stems for o in SUPPORT_CUES):
        return 1
    return None


# What may follow a cue's stem in a word of its family ("opposed", "opposition", "scrapped", "rebellion", "backers"),
# its last consonant doubled before an ending ("banned", "slammed"); not a word that only begins with the stem
# ("endorsed" is no "end", "billion" no "bill", "backlash" no "back", "signal" no "sign")
INFLECTED = re.compile(
    r"(?:[bdglmnprt](?=(?:ed|ing|er|ers|ion|ions|ation|ations)$))?"
    r"(?:e|es|s|ed|d|ing|ings|er|ers|or|ors|ion|ions|tion|tions|ation|ations|ition|itions|al|als|ment|ments|ement|"
    r"ements|ance|ence|ant|ent|y|ies|ied|ive|ure|n|ly|m|ism|isms|ist|ists|age|ship|ature|atures|atory|atories)?")


def _of_stem(cue: str, stem: str) -> bool:
    """Whether the first word of ``cue`` is ``stem`` or a word of its family (see :data:`INFLECTED`)."""
    word = cue.split()[0] if cue.strip() else cue
    return word.startswith(stem) and INFLECTED.fullmatch(word[len(stem):]) is not None


def _issue_stems(prop: proposition.Proposition) -> set[str]:
    """The stems of every word that names the issue: its action's, its terms', its head's."""
    return prop.action_words() | {_stem(t) for t in prop.terms} | ({_stem(prop.head)} if prop.head else set())


# Keeping someone from doing something: "stop anyone born after 2009 from ever legally buying"
FROM_DOING = re.compile(r"\bfrom\s+(?:\w+\s+){0,3}?\w+ing$", re.I)
# Another actor named, with a verb of their own, after a position: "with Plaid members backing it **and the Welsh
# Conservatives voting** against", "Labour backed it, **while the Tories opposed** it": what follows is theirs
OTHER_ACTOR = re.compile(r"(?:,\s*|\s+)(?:and|while|whereas|but)\s+(?:the\s+)?(?:[A-Z][\w’'-]*\s+){1,4}"
                         r"(?:(?:members|MPs|MSs|councillors|senators)\s+)?\w+(?:ing|ed)\b")


def _first_named(text: str, prop: proposition.Proposition) -> int:
    """Where the first word of ``text`` that names the issue begins (its length where none does)."""
    named = _issue_stems(prop)
    return next((m.start() for m in re.finditer(r"[A-Za-z][\w’'-]*", text) if _stem(m.group(0)) in named),
                len(text))


# Verbs that turn what follows only as verbs: "begin lifting the cap" (not "a petition against the parking removal",
# whose noun names what is opposed)
TURNING_VERBS = {"lift", "lifts", "lifted", "lifting", "remove", "removes", "removed", "removing", "eliminate",
                 "eliminates", "eliminated", "eliminating"}


def _turning(word: str) -> bool:
    """Whether ``word`` is of the family of a word of :data:`TURNING` ("blocked", "opposition", "cutting"; not
    "endorsing", "bargain" or "decrease", which only begin as one does), or one of :data:`TURNING_VERBS`."""
    w = word.lower()
    s = _stem(w)
    return w in TURNING_VERBS or any(s == t or _of_stem(w, t) for t in TURNING)


def turns(text: str, prop: proposition.Proposition) -> tuple[int, list[str]]:
    """The sign that blocking verbs and negations in ``text`` (between a cue and the issue) put on the cue's side,
    and the words that did it. The issue's own action words ("cut" in "cutting overseas aid") do not turn it."""
    named = _issue_stems(prop)
    # blocking words and negations turn the position only before the issue is named: in "backed the ID card scheme,
    # which will not be mandatory" or "confirming support for a third runway by declaring his opposition" what
    # follows is said of the issue or of someone else, not the position taken on it
    first = _first_named(text, prop)
    other = OTHER_ACTOR.search(text[:first])
    if other is not None:
        text = text[: other.start()]  # (the words of another actor's clause turn nothing of this one)
        first = len(text)
    until = re.search(r"\buntil\b", text[:first], re.I)
    if until is not None:
        text = text[: until.start()]  # ("vowed to keep fighting until it was withdrawn": the fight's end, no turn)
        first = len(text)
    # a verb of the issue's own family whose next named word is the target does what the issue does: "created a rule
    # banning transgender people from …" for "barring transgender people from …"; "block the cut" still turns
    doing = _stem(text[first:].split()[0]) in {_stem(t) for t in prop.target_terms | prop.context_terms} \
        if first < len(text) else False
    words = _words(text[:first])
    own_kind = prop.family() if doing else set()
    sign, why = 1, list[str]()
    for k, w in enumerate(words):
        s = _stem(w)
        if s in own_kind and (k >= len(words) - 3 or (FROM_DOING.search(" ".join(words[k + 1 :])) and
                                                      "to" not in words[k + 1 :])):
            continue  # (nor where it keeps someone from doing what the issue names: "a plan to stop anyone born
            # after 2009 from buying cigarettes", on banning their sale)
        if w in PROTEST_WORDS:
            after = re.search(r"\b" + re.escape(w) + r"\b(.*)", text[:first], re.I | re.S)
            if (k and words[k - 1] == "in") or (after is not None and FOR_IT.match(after.group(1))):
                continue  # "in protest": what the act is; "a protest in favour of it": no turn
            sign, why = -sign, [*why, w]
            continue
        if _turning(w) or (s == "think" and words[k + 1 : k + 2] == ["again"]):  # ("urged ministers to think again")
            if k >= 2 and words[k - 1] in {"and", "or"} and why and why[-1] == words[k - 2]:
                continue  # one act told by two verbs: "pause and rethink", "stop and reverse" (not a turn of a turn)
            sign, why = -sign, [*why, w]
    challenge = LEGAL_CHALLENGE.search(text)
    if challenge is not None and challenge.start() < first:  # (its verb before the issue: "take the plan to court")
        sign, why = -sign, [*why, challenge.group(0)]
    for m in NEGATION.finditer(text[:first]):
        sign, why = -sign, [*why, m.group(0)]
    # ... and what the issue is to undergo, said after it ("calling for the tourist tax to be scrapped")
    # (unless it is the issue's own action, done to its target alone: "called for the cap to be abolished")
    rest = text[first:]
    target = {_stem(t) for t in prop.target_terms}
    run: set[str] = set()
    for m in re.finditer(r"[A-Za-z][\w’'-]*", rest):
        if _stem(m.group(0)) not in named and m.group(0).lower() not in NAMING:
            done = DONE_TO_IT.match(rest[m.start():])
            own = done is not None and bool(run) and run <= target and _stem(done.group(1)) in prop.family()
            if done is not None and not own and _turning(done.group(1)):
                sign, why = -sign, [*why, done.group(0).strip()]
            break
        if _stem(m.group(0)) in named:
            run.add(_stem(m.group(0)))
    return sign, why


# Nouns of a change: an issue that is one ("the rebel amendments to the bill") is what changing the bill is
CHANGE_NOUNS = {"amendment", "amendments", "change", "changes", "reform", "reforms", "revision", "revisions"}
CHANGE_STEMS = frozenset(_stem(w) for w in CHANGE_NOUNS)
# The stems of the verbs that change a thing without doing away with it (path.MODIFYING), built once
MODIFYING_STEMS = frozenset(_stem(w) for w in path.MODIFYING)


def _modifies(stem: str) -> bool:
    return any(stem.startswith(m) for m in MODIFYING_STEMS)


def _is_a_change(prop: proposition.Proposition) -> bool:
    """Whether the issue is itself a change to something (its head or its action is one)."""
    return _stem(prop.head or "") in CHANGE_STEMS or any(_modifies(a) for a in prop.action_words())


def _changes_it(text: str, prop: proposition.Proposition) -> bool:
    """Whether ``text`` (what follows a cue) speaks of changing the issue before it names it ("the Lords' attempt
    to amend the Safety of Rwanda Bill"); never where the issue is itself a change ("the rebel amendments")."""
    if _is_a_change(prop):
        return False
    own = _issue_stems(prop)
    words = [_stem(m.group(0)) for m in re.finditer(r"[A-Za-z][\w’'-]*", text)]
    if prop.action and prop.family() & set(words):
        return False  # the change does what the issue does: "an amendment that called for the cap to be abolished"
    for i, s in enumerate(words):
        if s in own:
            # (a change named right after the issue's words: "Rwanda bill amendments rejected")
            j = i
            while j < len(words) and words[j] in own:
                j += 1
            return j < len(words) and words[j] in CHANGE_STEMS
        if s in CHANGE_STEMS or _modifies(s):
            return True
    return False


def _side(side: int) -> Stance:
    return "support" if side > 0 else "oppose" if side < 0 else "neutral"


# Advocacy words that are nouns too: as a noun ("family support", "the union's demands") they advocate nothing
ADVOCACY_NOUNS = {"support", "demand", "demands", "want", "wants", "champion", "welcome", "need", "needs", "call",
                  "calls"}  # "calls for service" are a police statistic


def _nouns_masked(text: str) -> str:
    """``text`` with the advocacy words that its parse reads as nouns blanked out, for the cue patterns of
    :meth:`RuleStance.polarity` (which read words, not their part of speech)."""
    if not any(w in text.lower() for w in ADVOCACY_NOUNS):
        return text
    from .. import nlp as nlp_mod

    out = text
    for t in _parsed(nlp_mod.load(), text):
        if t.lower_ in ADVOCACY_NOUNS and t.pos_ in {"NOUN", "PROPN"}:
            out = out[: t.idx] + "·" * len(t.text) + out[t.idx + len(t.text):]
    return out


# Verbs of having something taken away: "those losing the payment" undergo the issue's own action
UNDERGONE = {"lose", "forfeit"}
# An alternative put in the place of what the issue would take away: "add bike lanes on a parallel street instead"
INSTEAD = re.compile(r"\b(?:instead|rather than|elsewhere)\b", re.I)
# What an alternative is preferred to, in the few words after: "capped the permits rather than banning them"
# ("Instead of reparations, rich nations should help the islands' economies" prefers help to reparations)
PREFERRED_TO = re.compile(r"\b(?:rather\s+than|instead\s+of|in\s+place\s+of)\s+((?:[\w’'-]+[^\w,;:.!?]*){1,5})",
                          re.I)
# "instead" with nothing after it: what its clause says is preferred to what the article is about
BARE_INSTEAD = re.compile(r"\binstead\b(?!\s+of\b)(?=\W*$)", re.I)
# A verb that takes a harm away, and what it takes it out of: "cut crime", "lift children out of poverty", "end the
# misery", "protect tenants from eviction" (a harm named after it is a good done, not a harm done); not "a lower
# tax", nor "born out of greed"
TAKES_AWAY = re.compile(
    r"\b(?:cut|cuts|cutting|reduc(?:e|es|ed|ing)|lower(?:s|ed|ing)|end(?:s|ed|ing)?|tackl(?:e|es|ed|ing)|"
    r"fight(?:s|ing)?|fought|combat(?:s|ed|ing|ting)?|prevent(?:s|ed|ing)?|eas(?:e|es|ed|ing)|reliev(?:e|es|ed|ing)|"
    r"alleviat(?:e|es|ed|ing)|eliminat(?:e|es|ed|ing)|eradicat(?:e|es|ed|ing)|halv(?:e|es|ed|ing)|"
    r"curb(?:s|ed|ing)?|avert(?:s|ed|ing)?|(?:lift|get|got|keep|kept|tak|took|pull|bring|brought|mov|help)\w*\s+"
    r"(?:\w+\s+){0,3}?out\s+of|(?:free|sav|protect|spar|shield)\w*\s+(?:\w+\s+){0,3}?from)\s+",
    re.I)
HARM = -1.0  # a word of VADER's lexicon this negative or less is a harm
# ... after which the verb was a noun ("cuts will hurt"), and the words its object does not reach past ("cut support
# for victims": the victims are whom it is for)
NOT_TAKEN = {"will", "would", "could", "can", "may", "might", "must", "shall", "should", "are", "is", "was", "were",
             "have", "has", "had", "be", "been", "to"}
OBJECT_ENDS = {"and", "but", "or", "while", "because", "for", "to", "that", "which", "who", "with", "on", "in", "at",
               "by", "of", "than", "as"}


# Whom a gain or a blow is for: "a victory for the millions who ride transit", "a hammer blow for hospices"
FOR_WHOM = re.compile(r"\b(?:victory|win|blow|boost|setback)\s+(?:to|for)\s+[^,.;:!?]*", re.I)
# A harm said to be none, with a few words between: "no significant job losses", "no rise in crime"
NO_HARM = re.compile(r"\bno\s+((?:[\w’'-]+\s+){0,2}[A-Za-z][\w’'-]*)\b", re.I)


def harms_taken_away(text: str, lexicon: dict[str, float]) -> str:
    """``text`` with "not" before the harm a verb takes away, in its object's first four words ("cut child poverty",
    "lift children out of poverty", "end the misery"): VADER then reads the harm's valence turned, as it reads "not
    bad"."""
    # (a harm said to be none is no harm: "found no significant job losses" is not the tone of "losses")
    text = NO_HARM.sub(lambda m: " " if any(lexicon.get(w.lower(), 0.0) <= HARM for w in m.group(1).split())
                       else m.group(0), text)
    out, last = [], 0
    for m in TAKES_AWAY.finditer(text):
        for n, w in enumerate(re.finditer(r"[A-Za-z][\w'-]*", text[m.end():m.end() + 80])):
            word = w.group(0).lower()
            if n >= 4 or (n == 0 and word in NOT_TAKEN) or (n > 0 and word in OBJECT_ENDS):
                break
            if word == "not":
                continue
            if lexicon.get(word, 0.0) <= HARM and m.end() + w.start() >= last and \
                    not text[:m.end() + w.start()].endswith("not "):  # (read once)
                at = m.end() + w.start()
                out.append(text[last:at] + "not ")
                last = at
                break
    return "".join(out) + text[last:] if out else text


def _own_action_masked(text: str, prop: proposition.Proposition) -> str:
    """``text`` with the issue's own action, done to its target, blanked out for the cue patterns of
    :meth:`RuleStance.polarity`: "Scrapping the cap is the best thing we could do" names the issue (scrapping the cap),
    and takes no side against anything by the word "scrap"; "we will block any attempt to scrap it" still opposes."""
    if not prop.action:
        return text
    family = prop.family()
    target = {_stem(t) for t in prop.target_terms}
    out = text
    for m in re.finditer(r"[A-Za-z][\w’'-]*", text):
        after = text[m.end():]
        if _stem(m.group(0)) in family and (
                any(_stem(w) in target for w in re.findall(r"[A-Za-z][\w’'-]*", after)[:4]) or
                POINTED_BACK.match(after)):  # ("scrapping this policy", "scrapping it", in an article on the cap)
            out = out[: m.start()] + "·" * len(m.group(0)) + out[m.end():]
    return out


# The issue's target pointed back at, right after its action: "scrapping it", "scrapping this policy"
POINTED_BACK = re.compile(r"\s+(?:it|them|(?:the|this|that|these|those)\s+(?:[a-z-]+\s+)?(?:" +
                          proposition._PROPOSALS_ALT + "|" + "|".join(sorted(proposition.IN_FORCE)) + r"))\b", re.I)


_PARSED: dict[str, Any] = {}
UNREAD_PIPES = {"ner", "onrecord_names", "onrecord_paragraphs"}
PARSES_KEPT = 5000


# Cues of speaking up at a hearing, whose side is the one they spoke on: "spoke in favor", "testified against it"
SPEAKING = r"(?:spoke|speak|speaks|speaking|testif(?:y|ies|ied|ying)|came|come|comes|coming)"
SPOKE = re.compile(SPEAKING + "$", re.I)
# a vote that names nothing it is on: "one of 23 MPs to vote in favour", "A and B abstained", "Noes came from A",
# "voted 5-2, with A and B opposed"
BARE_VOTE = re.compile(r"(?:noes|ayes|vot(?:e|es|ed|ing)|abstain(?:s|ed|ing)?(?:\s+from\s+(?:the\s+)?vot(?:e|ing))?|"
                       r"rebel(?:s|led|ling)?|" + SPEAKING + r"(?=\s+(?:in|against))|"
                       r"oppos(?:ed|ing)(?=\W*$)|dissent(?:ed|ing)(?=\W*$))"
                       r"(?:\s+(?:(?:in\s+favou?r\s+of|for|against)\s+(?:it|them)|in\s+favou?r|for|against|"
                       r"(?:with|against)\s+the\s+government|no|yes|aye|at\s+all))?"
                       r"(?:\s+with\s+[^.;:!?]*|,?\s+(?:among\s+them|including)\s+[^.;:!?]*)?\W*$", re.I)
# ("voted yes with some reluctance"; "with A opposed"; "abstained, among them A and B")


# a proposal noun whose content follows it ("decision not to place her on the ballot", "plan to close it"): what
# it is about is spelled out, where "Mr Sunak's bill" names one proposal by its name
SPELLED_OUT = re.compile(r"\s+(?:(?:is|was|would be|will be)\s+)?(?:not\s+)?(?:to|that|on|for|against|of)\b", re.I)


# A statement that judges "it" and names nothing else: in an article on the issue, the issue
IT_IS = re.compile(r"\W*(?:(?:given|despite|with|for|in|after|on|frankly|honestly|ultimately|in\s+the\s+end)\b"
                   r"[^,.;:!?\"“”]{0,80},\s*)?(?:it|this|that)(?:’s|'s|\s+is|\s+was|\s+will|\s+would|\s+could|\s+is\s+going\s+to)\s",
                   re.I)  # ("it will be a disaster", "this will save lives": what it would do is a judgement of it;
# after a phrase that sets its ground: "Given the state of the finances, it is the right thing to do")
SAID_IT_WAS = re.compile(r"\b(?:said|says|called|calls|described|describes)\s+(?:it|this|that)\s+"
                         r"(?:(?:was|is|as|an?|the)\b|[“\"‘'])", re.I)  # (called it "an attack on aspiration")


# The reference of a statement that judges "it", in an article on the issue
IT_REF = "“it”, in an article on the issue"
# ... the object of a reported position, as a pronoun: "campaign against it", "voted for it", "backed them"; "his call
# for it to be axed" (what it is to undergo turns the call)
PRONOUN_OBJECT = re.compile(r"^\W*(?:[\w’'-]+\s+){0,2}?(?:it|this|them)"
                            r"(?:\s+to\s+be\s+[a-z]+(?:\s+[\w’'-]+){0,5})?\W*$", re.I)
# ... or of a verb of a side in what someone is said to have said: "she could not support it in its current form"
SIDE_ON_IT = re.compile(r"^\W*(?:[\w’'-]+\s+){0,4}?(?:(?:support|back|oppose|reject|fight|endorse|sign|veto|need|"
                        r"want|welcome)(?:s|ed|ing)?|vot(?:e|es|ed|ing)\s+(?:for|against))\s+(?:it|this|them)\b",
                        re.I)
# ... and the verbs whose "it" is a measure, whatever the issue does: "he would sign it", "voted against it"
ENACTING = r"(?:sign|veto|approv|pass|adopt|enact)\w*|vot(?:e|es|ed|ing)\s+(?:for|against)"
ENACTED_IT = re.compile(r"^\W*(?:[\w’'-]+\s+){0,4}?(?:" + ENACTING + r")\s+(?:it|this|them)\b", re.I)


def _on_it(q: Quote, removes: bool = False) -> bool:
    """Whether a reported position's words after its cue are only a pronoun for what it is on ("campaign against
    it"), or a direct or indirect statement takes a side on a pronoun ("she could not support it in its current form").
    Where the issue takes something away (``removes``), "it" may be the thing, the taking or neither ("Ms Toner
    defended it"), and only a verb of enacting is read: "it" signed, vetoed or voted for is a measure, the taking."""
    if q.kind in {"indirect", "direct"}:  # (a short quote: "I support it", "We need this")
        return (ENACTED_IT if removes else SIDE_ON_IT).match(q.span.text) is not None
    return q.kind == "reported" and q.cue is not None and q.span.start <= q.cue.end <= q.span.end and \
        PRONOUN_OBJECT.match(q.span.text[q.cue.end - q.span.start :]) is not None and \
        (not removes or re.match(ENACTING, q.span.text[q.cue.start - q.span.start :], re.I) is not None)


# The words that stand for the issue in such a statement, as the parse tags them
IT_WORDS = {"it", "this", "that"}


# Being undecided, said with nothing it is about: in an article on the issue, undecided on it ("he had not made up
# his mind", "I want to hear from every family before I decide")
UNDECIDED = re.compile(r"\b(?:(?:has|had|have|is|was|are|were)(?:n[’']t| not)(?: yet)? (?:decided|made up (?:his|her|"
                       r"their|my|our) minds?|taken a (?:\w+ )?(?:position|stance|view)|taken sides)|undecided|"
                       r"(?:do|does|did|would|will)(?:n[’']t| not)(?: yet)? take "
                       r"(?:a (?:\w+ )?(?:position|stance|view)|sides)|"
                       r"still (?:deciding|weighing)|before (?:I|we|he|she|they) (?:decide|make up)|"
                       r"keep(?:ing)? an open mind|wait and see|"
                       r"(?:will|would|shall|[’']ll|going to|plans? to|intends? to)\s+(?:now\s+)?abstain)\b", re.I)
UNDECIDED_REF = "undecided, in an article on the issue"
# A promise, claim or assurance and what it is about, told by someone who does not make it
PROMISED = re.compile(r"\b(?:promises?|pledges?|assurances?|claims?|talk)\s+(?:about|of|that)\b[^,.;:!?]*", re.I)
# A vote declared by its speaker, with nothing it is on: "I'm a yes now", "we are a firm no" (not "a yes on Measure B")
SELF_BALLOT = re.compile(r"\b(?:i[’']m|i\s+am|we[’']re|we\s+are|i[’']ll\s+be|i\s+will\s+be)\s+(?:now\s+|still\s+|"
                         r"definitely\s+|firmly\s+)?an?\s+(?:firm\s+|solid\s+|hard\s+|definite\s+|strong\s+)?"
                         r"(yes|no)\b(?!\s+(?:on|to|for)\b)", re.I)
BALLOT_REF = "a vote declared, in an article on the issue"


def _undecided(scope: str) -> bool:
    """Whether ``scope`` says its speaker is undecided and not on what ("had not made up his mind", not "… about
    running for mayor")."""
    m = UNDECIDED.search(scope)
    return m is not None and not re.match(r"\W*(?:about|on|over|whether|if|to|between)\b", scope[m.end():], re.I)


# A description right after a speaker's name that tells what they did, by a relative clause in it: ", one of seven
# MPs who had the whip suspended after voting to scrap the cap last year,"
DESCRIBED_BY = re.compile(r",\s+(?:a|an|the|one|among|part|another)\b[^,;:“”\"]{0,80}?\b(?:who|which|whose)\b"
                          r"[^,;:“”\"]*(?:,|(?=[.;:]))", re.I)


def _without_speaker_aside(text: str, q: Quote) -> str:
    """``text`` without the relative clause right after its speaker's name ("Phil Murphy, whose state had sued to
    block the toll, said …"); ``text`` itself where there is none."""
    named = q.mention.span.text if q.mention is not None else ""
    at = text.find(named) if named else -1
    if at < 0:
        return text
    aside = ASIDE.match(text, at + len(named)) or DESCRIBED_BY.match(text, at + len(named))
    if aside is None or (q.span.text and q.span.text in aside.group(0)):
        return text
    return text[: aside.start()] + "," + text[aside.end() :]


def _judges_it(q: Quote, scope: str, about: str) -> bool:
    """Whether a statement judges "it" and names nothing else: "It's a broken promise", or a mixed quote's sentence
    that says it was "a complete U-turn"; or says someone got it wrong or right ("The government has got this badly
    wrong")."""
    if q.kind == "mixed":
        return IT_IS.match(q.span.text) is not None or SAID_IT_WAS.search(about) is not None or \
            GOT_IT.search(q.span.text) is not None
    return q.kind in {"direct", "indirect"} and (IT_IS.match(scope) is not None or GOT_IT.search(scope) is not None)


# Someone who got it wrong, or right: a judgement of "it" ("they have got this badly wrong", "she gets it right")
GOT_IT = re.compile(r"\b(?:got|get|gets|getting|gotten)\s+(?:it|this|that)\s+(?:(?:so|badly|completely|totally|"
                    r"very|horribly|absolutely|just|exactly|spectacularly|profoundly|utterly)\s+)?(wrong|right)\b",
                    re.I)


# what a cue may take in place of the issue's own words: "we must scrap it", "I will never back this"
POINTS_BACK = re.compile(r"\W*(?:[\w’'-]+\W+){0,3}?(?:it|this|that|them|these|those)\b", re.I)


# "not because we want …", "not that they wish …": the words just before an advocacy cue that deny it is the motive
DENIED_MOTIVE = re.compile(r"\bnot\s+(?:because|that|since)\b(?:\s+\S+){0,4}\s*$", re.I)


def _in_others_clause(text: str, at: int) -> bool:
    """Whether the word at character ``at`` of ``text`` is the verb of a clause that describes a noun ("the reasons
    a town can reject housing projects") and has a subject of its own that is a noun: someone else's act, told."""
    from .. import nlp as nlp_mod

    word = next((t for t in _parsed(nlp_mod.load(), text) if t.idx <= at < t.idx + len(t.text)), None)
    return word is not None and word.dep_ in {"relcl", "acl"} and any(
        c.dep_ in {"nsubj", "nsubjpass"} and c.pos_ in {"NOUN", "PROPN"} for c in word.children)


# What a call asks someone to do, right after its cue: "urge voters to remember it", "asked the board to back it"
# (after a verb of asking: "endorsed the minister's actions to spend more" asks no one)
ASKED_TO = re.compile(r"\W*(?:[\w’'-]+\s+){1,4}?to\s+([a-z]+)\b")
# (what is asked of someone by a light verb says nothing alone: "called on it to be nationalised", "to go ahead")
LIGHT_ASKS = {"be", "go", "get", "have", "keep", "stay", "remain", "make", "do", "take"}
ASKING = {"urg", "urge", "ask", "press", "call", "push", "encourag", "encourage", "beg", "implor", "implore", "lobby",
          "lobbi", "tell", "told", "invit", "invite"}


# The stems of the verbs of support or refusal, built once
SIDE_STEMS = frozenset(_stem(w) for w in path.SUPPORT | path.OPPOSE)


def _takes_a_side(verb: str, prop: proposition.Proposition) -> bool:
    """Whether ``verb`` (what a call asks for) takes a side: a verb of support or refusal, or the issue's own act."""
    stem = _stem(verb)
    sides = SIDE_STEMS | prop.action_words() | prop.family()
    return stem in sides or verb in sides or _turning(verb) or bool(_cue_stems(verb) & sides)


# What a call asks to undergo something, named after the call: "called for maintenance grants for the poorest students
# to be restored" (the grants)
UNDERGOES = re.compile(r"\W*(?:for\s+)?((?:[\w’'-]+\s+){1,8}?)to\s+be\s+[a-z]+ed\b", re.I)


def _aimed(scope: str, why: str, prop: proposition.Proposition) -> bool:
    """Whether the advocacy or refusal cue quoted in ``why`` ("advocacy: “calling for”") is aimed at the issue: its
    clause names it after the cue or points back at it; or the statement names it before the cue and what follows
    names no one ("calling for Sir Keir to meet farmers" is aimed at Sir Keir)."""
    cue = re.search(r"“([^”]+)”", why)
    at = scope.lower().find(cue.group(1).lower()) if cue else -1
    if at < 0:
        return True  # nothing to place: keep the reading
    if DENIED_MOTIVE.search(scope[:at]):
        return False  # "problematic, and not because we want people to smoke": a motive denied is no call
    if _in_others_clause(scope, at):
        return False  # "the reasons a town can reject such projects": a refusal of the town's, in a clause of it
    named = prop.refers(cue.group(1), True)  # type: ignore[union-attr]
    if named is not None:
        # the cue's own words name it: "the decision was necessary" (not what it would take away: "the payment was
        # essential" is said of the payment, and read as such elsewhere)
        return named[0] == "action"
    said = cue.group(1) if cue is not None else ""
    rest = re.split(r"[.;!?]", scope[at + len(said) :])[0]
    asked = ASKED_TO.match(rest) if said and _cue_stems(said.split()[0]) & ASKING and \
        not re.match(r"\W*for\b", rest, re.I) else None
    if asked is not None and asked.group(1).lower() not in LIGHT_ASKS and not _takes_a_side(asked.group(1), prop):
        return False  # "would urge voters to remember it in November": a call on them to do what is no side on it
    if prop.refers(rest, True) is not None or POINTS_BACK.match(rest) is not None:
        return True
    undergoes = UNDERGOES.match(rest)
    if undergoes is not None and prop.refers(undergoes.group(1), True) is None:
        return False  # "called for maintenance grants to be restored": a call for something else to be done
    # a call for someone named to do something ("calling for Sir Keir to meet farmers") is aimed at them
    return not re.search(r"\s[A-Z][a-z’'-]+", rest) and (prop.refers(scope[:at], True) is not None or
                                                       len(rest.split()) <= 3)


def _main_words(root: Any) -> list[Any]:
    """The main clause's words, and what a speech verb says (its complement: "said it was “a shameful betrayal”")."""
    from ..extract.lexicon import SPEECH_VERBS

    out = path.phrase(root)
    if root.lemma_.lower() in SPEECH_VERBS:
        out += [t for c in root.children if c.dep_ in {"ccomp", "xcomp", "oprd"} for t in path.phrase(c)]
    return out


def _names_a_proposal(text: str, after: str = "") -> bool:
    """Whether ``text`` names a proposal by its name alone ("Rishi Sunak's Rwanda bill", "the plan"), where what
    follows it (``after``) does not spell out its content ("his plan" + " is to move …")."""
    return any(m.group(0).lower() in proposition.PROPOSAL_NOUNS and not SPELLED_OUT.match(text + after, m.end())
               for m in re.finditer(r"[A-Za-z][\w’'-]*", text))


def _next_words(q: Quote, n: int = 30) -> str:
    """The few words (up to ``n`` characters) that follow a statement in its paragraph."""
    para = q.sentence or ""
    at = para.find(q.span.text)
    return para[at + len(q.span.text) : at + len(q.span.text) + n] if at >= 0 else ""


# A position, then its undoing in the same breath: "supported the bill at second reading but opposed it this time"
BUT_SINCE = re.compile(r"^\W*(?:[\w’'-]+\s+){0,5}?but\s+(?:then\s+|later\s+|now\s+)?(opposed|backed|supported|"
                       r"rejected|endorsed|voted\s+against|voted\s+for)\s+(?:it|them|this)\b", re.I)
SIDES = {"support", "oppose"}


def _own_clause(sentence: str, quoted: str) -> str:
    """Of a sentence that gives two speakers' words ("X said the rise would hurt, while Y said it was 'fair'"), the
    clause that holds ``quoted``; the sentence itself where there is one speaker."""
    parts = re.split(r",\s+(?=(?:while|whereas)\b)", sentence)
    return next((p for p in parts if quoted in p), sentence) if len(parts) > 1 else sentence


def _rest_of_sentence(q: Quote) -> str:
    """The few words after a statement (:func:`_next_words`) up to the end of its sentence: " instead." of "urged
    the council to fund summer jobs instead."."""
    return re.split(r"(?<=[.;!?])\s", _next_words(q))[0]


def _without_speaker(sentence: str, q: Quote) -> str:
    """``sentence`` without the speaker's name and description before the cue ("Paul Boden, a homeless advocate with
    the project, said …" -> "said …"): who they are is not what they say."""
    if q.mention is None or q.cue is None or q.mention.span.start >= q.cue.start:
        return sentence
    at = sentence.find(q.mention.span.text)
    cue = sentence.find(q.cue.text, at + 1) if at >= 0 else -1
    if at < 0 or cue < 0 or q.span.text in sentence[at:cue] or re.search(r"[“”\"]", sentence[at:cue]):
        return sentence
    return sentence[:at] + sentence[cue:]


# The nouns that describe an actor by what they stand for ("a critic of the plan", "supporters of the ban")
DESCRIBED_AS = frozenset(_stem(w) for w in DESCRIBING_NOUNS)


def _describing(q: Quote) -> bool | None:
    """For a reported position whose cue describes its actor by a side ("critic", "supporters"): whether the cue
    says what it is of ("a critic of Mayor Reed"); None for any other statement."""
    if q.kind != "reported" or q.cue is None or _stem(q.cue.text.lower()) not in DESCRIBED_AS or \
            q.cue.text.lower() in HELD_BY:
        return None  # (not a position held: "the backing of Unison" is Unison's, for what has it)
    at = q.cue.start - q.span.start
    if at < 0:
        return None
    return re.match(r"\s+of\b", q.span.text[at + len(q.cue.text):]) is not None


def _described_as(q: Quote) -> bool:
    """Whether a reported position is a description with its own object ("a longtime critic of Mayor Reed",
    "critics of the plan"): it stands for or against what its own words name, not what its sentence goes on to."""
    return _describing(q) is True


# A call that says whom it calls on to do what: "calling for Sir Keir to meet farmers", "called on the council to act"
CALL_FOR_TO = re.compile(r"^\W*(?:call|urg|press|demand)\w*\s+(?:on|for)\s+.+?\bto\s+[a-z]", re.I | re.S)


def _calls_for_its_own(q: Quote) -> bool:
    """Whether a reported position is a call that says, in its own words, who is to do what: it is a side on that,
    not on what its sentence names elsewhere."""
    return CALL_FOR_TO.match(with_cue(q)) is not None


def _bare_group(q: Quote) -> bool:
    """A reported position held as one of a group named only for its side, nothing said of what it is of:
    "Opponents, led by Ann Lee, …", "Supporters, including Raj Patel, …"."""
    return _describing(q) is False


# Auxiliaries of what is yet to happen: "MPs will vote on the bill"
TO_COME = {"will", "would", "could", "may", "might", "shall", "should", "must", "to", "can"}


# Prepositions a path from the issue's words to what was done to them may go through without turning
PLAIN_PREPS = {"to", "for", "on", "of", "in"}


def _refused_act(verb: Any, names: set[str], carriers: set[str]) -> tuple[int, str]:
    """Where ``verb`` refuses an act against the issue, named plainly below it ("a judge refused to block the toll",
    "declined to halt the scheme"): +1 with the refusing verb's stem; also -1 for an act for it refused ("refused to
    approve the plan"); (0, "") otherwise."""
    if cue_side(verb.text) != -1 or not (DECLINED.match(verb.lower_) or _stem(verb.text) in {"refus"}):
        return 0, ""
    for act in verb.children:
        side = cue_side(act.text) if act.dep_ == "xcomp" and act.pos_ == "VERB" else None
        if side and any(_stem(x.text) in names and _plainly_under(x, act, carriers, PLAIN_PREPS)
                        for x in act.subtree if x.i != act.i):
            return -side, _stem(verb.text)
    return 0, ""


def _plainly_under(x: Any, verb: Any, names: set[str], preps: set[str]) -> bool:
    """Whether the path from ``x`` (a word naming the issue) up to ``verb`` goes only through words of ``names`` and
    prepositions of ``preps`` ("voted to legalise assisted dying", "rejected a bill to legalise it"): anything else on
    the way may turn the side ("rejected a lawsuit seeking to stop the city from building it"), except a verb that
    only does what it acts on, with no side of its own ("paused a plan to charge drivers a toll")."""
    h, below = x.head, x
    while h.i != verb.i:
        if h.head.i == h.i or not (_stem(h.text) in names or h.lower_ in preps or _only_does(h, below)):
            return False
        h, below = h.head, h
    return True


def _only_does(verb: Any, what: Any) -> bool:
    """Whether ``verb`` does its object ``what`` and no more: not a cue of a side ("seek", "block"), nothing that
    takes away or changes ("stop", "cut", "amend"), not denied ("charge drivers a toll", "impose a levy")."""
    return verb.pos_ == "VERB" and what.dep_ == "dobj" and cue_side(verb.text) is None and \
        verb.lemma_.lower() not in path.TAKES_AWAY | path.MODIFYING and not any(c.dep_ == "neg" for c in verb.children)


def _voted(vote: Any) -> int:
    """Which way a vote went by its words: +1 "voted to X", "voted for", -1 "voted against", "voted down", 0
    otherwise ("voted on")."""
    for c in vote.children:
        if c.dep_ == "xcomp" or (c.dep_ == "prep" and c.lower_ in {"for", "in"}):
            return 1
        if (c.dep_ == "prep" and c.lower_ == "against") or (c.dep_ in {"prt", "advmod", "prep"} and c.lower_ == "down"):
            return -1
    return 0


def _describing_word(t: Any, prop: proposition.Proposition) -> bool:
    """Whether ``t``, a word of a target of several words, describes something else there: "dying people" is not
    assisted dying; nor is a verb the target's word, whatever the parser makes of it ("failing dying people", with
    an object of its own), a thing named: "16-year-olds can already vote" is not the voting age."""
    stem = proposition._stem(t.text)
    if prop.action is None or len((prop.target or "").split()) < 2 or stem in prop.family() or \
            stem not in {proposition._stem(x) for x in prop.target_terms}:
        return False  # (a topic with no action is named by any of its words: "free expression" for free speech)
    return (t.dep_ == "amod" and t.pos_ in {"VERB", "ADJ"} and
            proposition._stem(t.head.text) not in prop.mention_stems()) or t.pos_ == "VERB"


def _modifier_alone(t: Any, prop: proposition.Proposition) -> bool:
    """Whether ``t``, a noun of the target's words other than its head, heads a phrase of its own without the head:
    "speeds" in "seen speeds drop" is not speed cameras, nor "neighborhoods" short-term rentals in them."""
    head = proposition._stem(prop.head) if prop.head else None
    stem = proposition._stem(t.text)
    if head is None or prop.action is None or stem == head or t.pos_ not in {"NOUN", "PROPN"} or \
            stem not in {proposition._stem(x) for x in prop.target_terms} - prop.family() or \
            t.dep_ in {"compound", "amod", "nmod"}:
        return False  # (the action's own noun is no word of the target's: "a ban on disposable vapes")
    return not any(proposition._stem(x.text) == head for x in (*t.subtree, t.head))


def _only_described(text: str, prop: proposition.Proposition) -> bool:
    """Whether the only words of ``text`` that name the issue are target words describing something else
    (:func:`_describing_word`): it does not name the issue, whatever its words have in common with it."""
    from .. import nlp as nlp_mod

    stems = prop.mention_stems()
    named = [t for t in _parsed(nlp_mod.load(), text) if proposition._stem(t.text) in stems and prop.named(t.text)]
    return bool(named) and all(_describing_word(t, prop) for t in named)


def _lead_in(q: Quote) -> str:
    """The (at most three) words just before a statement in its sentence: "has not", "declined to"."""
    para = q.sentence or ""
    at = para.find(q.span.text) if q.span.text else -1
    if at <= 0:
        return ""
    words = re.findall(r"[\w’'-]+", para[max(0, at - 60):at].split(".")[-1])
    # (not the words of a name: "Care Not Killing, which campaigns against …" has no "not" of its own)
    capital = [w[:1].isupper() for w in words]
    words = [w for i, w in enumerate(words) if not (capital[i] and ((i > 0 and capital[i - 1]) or
                                                                    (i + 1 < len(words) and capital[i + 1])))]
    return " ".join(words[-3:])


@functools.lru_cache(maxsize=64)
def _initials(text: str) -> frozenset[str]:
    """The initials of each run of two or more capitalised words in ``text`` ("Transportation Assistance Program"
    -> "TAP", "TA", "AP"): the acronyms it can go by."""
    out: set[str] = set()
    for run in re.findall(r"(?:\b[A-Z][\w’'-]*\s+){1,}[A-Z][\w’'-]*", text):
        letters = "".join(w[0] for w in run.split())
        out |= {letters[i:j] for i in range(len(letters)) for j in range(i + 2, len(letters) + 1)}
    return frozenset(out)


# a protest that names nothing it is against: "planning a protest in Westminster", "staged a boycott on Monday"
BARE_PROTEST = re.compile(r"\W*(?:(?:a|an|the|their|its|his|her|mass|national|new|further)\s+){0,2}"
                          r"(?:protests?|boycotts?)\b"
                          r"(?!\s+(?:against|over|about|at|on|of|in\s+(?:support|favou?r)|for|to)\b)", re.I)


# What a vote or a ruling came to, reacted to: "said the vote was a huge step forward", "disappointed by the result"
OUTCOME = re.compile(r"\b(?:the|this|that|today[’']s|tonight[’']s|yesterday[’']s|[Ff]riday[’']s)\s+"
                     r"(?:vote|votes|result|outcome|verdict|ruling)\b", re.I)
# Nouns that point at what was done, whatever it was: "welcomed the move", "disappointed by the decision"
DONE_NOUNS = {"decision", "move", "u-turn", "climbdown", "climb-down"}
# ... as the issue's reference reads them ("the decision")
DONE_NOUN = re.compile(r"(?:the|this|that)\s+(?:" + "|".join(sorted(DONE_NOUNS)) + ")", re.I)
# A noun pointed at, which may be what the lead says was done ("grateful for the pause", where the governor paused
# the toll; "every delay means …", "another delay", where it delayed it)
POINTED_NOUN = re.compile(r"\b(?:the|this|that|every|each|another|today[’']s|yesterday[’']s)\s+([a-z][a-z-]*[a-z])\b",
                          re.I)


# Someone's view as what a position is taken toward: "criticised the view of ministers on it", "backed Labour's
# stance on it" (the side of that view is not said)
HELD_VIEW = re.compile(r"\W*(?:the\s+(?:[\w’'-]+\s+){0,2}?(?:views?|stance|position|approach)\s+of\b|"
                       r"(?:the\s+)?(?:[A-Z][\w’'-]*\s+){0,3}[\w’'-]+[’']s?\s+(?:[\w’'-]+\s+)?"
                       r"(?:views?|stance|position|approach)\b|(?:his|her|their|its)\s+(?:[\w’'-]+\s+)?"
                       r"(?:views?|stance|position|approach)\b)")

# A dispute over something as what a position is taken toward: "distanced herself from the row over it", "condemned
# the controversy about it" (no side on the thing disputed)
DISPUTE = re.compile(r"\W*(?:(?:him|her|them|it|our|my)sel(?:f|ves)\s+)?(?:from\s+|over\s+|on\s+)?"
                     r"(?:the|this|that|a|an|its|their|his|her)\s+(?:[\w’'-]+\s+){0,2}?(?:row|rows|controversy|"
                     r"debate|dispute|argument|furore|furor|rift|spat|squabble|feud|war|storm)\s+(?:over|about|on|"
                     r"around|surrounding)\b", re.I)


# A thing told before, named only by its noun after a position's cue: "signed the letter", "rejected the call"
TOLD_BEFORE = re.compile(r"\W*(?:the|this|that|their|his|her|its)\s+(?:[\w’'-]+\s+){0,2}?"
                         r"(letter|call|calls|demand|demands|petition|plea|request|appeal)\W*$", re.I)
# Cues of stopping something that, negated, let it pass ("would not try to block it")
LETTING_PASS = {"block", "veto"}
# A legal act with nothing after it that says what it is for: "filed a lawsuit", "lodged an appeal" (not the issue's
# own lawsuit, where that is what it names)
LEGAL_ACT = re.compile(r"\W*(?:(?:a|an|the|its|their|his|her|new|federal|legal|formal)\s+){0,3}(?:lawsuit|suit|"
                       r"legal\s+challenge|challenge|complaint|appeal|injunction|petition)s?\W*$", re.I)
# A proposal's noun alone, as what a statement names for the issue ("backed the motion")
BARE_PROPOSAL = re.compile(r"(?:the|this|that)\s+(motion|amendment|amendments|bill|petition|proposal|measure|"
                           r"resolution|motions|proposals)", re.I)
# ... and the words by which the statement that told it names it: a call by its verb ("urging him to …")
TOLD_AS = {"letter": {"letter", "writ", "wrote"}, "call": {"call", "urg", "demand"},
           "demand": {"demand", "call", "urg"}, "plea": {"plea", "urg", "call"},
           "request": {"request", "ask"}, "appeal": {"appeal", "urg", "call"}}


# What is said to follow without the issue, at the head of a statement: "Without it, …", "Without the levy, …" (not
# after a sentence of its own, whose "it" may be anything: "Some evidence would help. Without it, …")
WITHOUT_IT = re.compile(r"^\W*without\s+((?:it|this|that|them|(?:the|this|a|these)\s+(?:[\w’'$-]+\s+)"
                        r"{0,4}?[\w’'-]+))\s*,", re.I)
POINTERS = IT_WORDS | {"them"}
# How far from neutral what would follow without it must be judged (the frame itself says it bears on the issue)
WITHOUT_JUDGED = 0.25


# Acts of one kind, whose nouns point at any of them ("the delay", where the lead says it was postponed)
PUT_OFF = [{"delay", "postpon", "postpone", "paus", "defer", "deferr", "shelv"}]


def _reaction(scope: str, done: set[str]) -> re.Match[str] | None:
    """Where ``scope`` points at the outcome its article's lead reports, by a word of outcome ("the vote", "the
    ruling"), a noun of anything done ("the decision", "the move"), or the noun of the very act the lead reports
    (``done``, its stems: "the pause" where the lead says the governor paused the toll)."""
    m = OUTCOME.search(scope)
    if m is not None or not done:
        return m
    done = done | set().union(*(kind for kind in PUT_OFF if done & kind))
    return next((x for x in POINTED_NOUN.finditer(scope)
                 if x.group(1).lower() in DONE_NOUNS or _stem(x.group(1)) in done), None)


def _undoes(verb: Any, prop: proposition.Proposition) -> bool:
    """Whether ``verb``, of the issue's own family, is done to the issue's proposal itself, not to what the issue acts
    on: "scrapped its ban", "lifted the cap", where the issue is a ban or a cap, undo it."""
    obj = next((c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}), None)
    return obj is not None and _stem(verb.text) not in prop.action_words() and \
        _stem(obj.text) in prop.action_words()


def _turned_by(why: str, pointed: str) -> bool:
    """Whether the reading ``why`` was turned by the noun of ``pointed`` ("the delay"), which then needs no second
    turn as the outcome it points at."""
    noun = _stem(pointed.split()[-1]) if pointed.split() else ""
    return any(noun and _stem(w.strip()) == noun for m in re.finditer(r"turned by “([^”]*)”", why)
               for w in m.group(1).split(","))


def _without_name(text: str, name: str) -> str:
    """``text`` with ``name`` (where there is one) blanked out."""
    return text.replace(name, " ") if name else text


# Words by which a sentence points at the matter its article is about: "The issue has caught fire, with the NFU
# planning a protest"
THE_MATTER = re.compile(r"\b(?:the|this|these)\s+(?:issue|row|dispute|controversy|policy|plans?|changes?|proposals?|"
                        r"decision|move|measures?)\b", re.I)


# A call to think again that names nothing it is on: "urged ministers to think again"
BARE_RETHINK = re.compile(r"\W*(?:[\w’'-]+\s+){0,3}?to\s+[\"“‘']?(?:(?:pause|stop|step\s+back|slow\s+down)\s+and\s+)?"
                          r"(?:think\s+again|rethink|reconsider|change\s+course)\W*$", re.I)  # ("to pause and rethink")


# Cues of running something: a support of what is run where it is the issue ("run the shelter"), else a description
RUNNING = re.compile(r"(?:runs?|ran|running|operates?|operated|operating|owns?|owned|manages?|managed)$", re.I)


def _runs_something_else(q: Quote, prop: proposition.Proposition) -> bool:
    """Whether a reported position is the speaker running something its own words do not name as the issue ("runs
    a bakery on Grand and commutes to it", in an article on bike lanes on Grand)."""
    if q.cue is None or not RUNNING.match(q.cue.text.strip()) or q.cue.start < q.span.start:
        return False
    return prop.refers(q.span.text[q.cue.end - q.span.start :]) is None


def _bare_rethink(q: Quote) -> bool:
    """Whether a reported position is a call to think again that names nothing it is on: in an article about the
    issue, it is on what the article reports."""
    if q.kind == "mixed" and q.cue is not None and q.cue.end <= q.span.start and \
            _cue_stems(q.cue.text.split()[0].lower()) & ASKING:
        # "urging him to “pause and rethink”": the call's words quoted
        return BARE_RETHINK.match("to " + q.span.text) is not None
    return q.kind == "reported" and q.cue is not None and q.cue.start >= q.span.start and \
        BARE_RETHINK.match(q.span.text[q.cue.end - q.span.start :]) is not None


def _bare_protest(q: Quote) -> bool:
    """Whether a reported position is a protest that names nothing it is against: in an article about the issue,
    it is against what the article reports."""
    if q.kind != "reported" or q.cue is None or q.cue.start < q.span.start:
        return False
    return BARE_PROTEST.match(q.span.text[q.cue.end - q.span.start :]) is not None


# People named by the side they take: what is done to them ("criticised the opponents of the levy") is no side taken
# on the issue itself
SIDE_PEOPLE = {"opponent", "critic", "supporter", "backer", "campaigner", "protester", "proponent", "rebel",
               "detractor", "advocate"}
SIDE_PEOPLE_STEMS = frozenset(_stem(p) for p in SIDE_PEOPLE)


def _acts_on_a_side(sentence: str) -> bool:
    """Whether a reported act's ``sentence`` names people by their side ("the opponents of the levy"), so what the
    act does may be done to them."""
    return any(_stem(w) in SIDE_PEOPLE_STEMS for w in re.findall(r"[a-z]+", sentence.lower()))


def _done_to_someone(q: Quote, sentence: str, prop: proposition.Proposition) -> bool:
    """Whether a reported act is done to someone named ("suspended Markus Campbell-Savours", "X has been
    suspended"), who is not what the issue is done to (read on the parse of its ``sentence``)."""
    if q.cue is None:
        return False
    from .. import nlp as nlp_mod

    doc = _parsed(nlp_mod.load(), sentence)
    cue = next((t for t in doc if t.text == q.cue.text.split()[0]), None)
    if cue is None:
        return False
    # (the parse is read without names: someone named is a proper noun that names nothing of the issue; "suing Harbour
    # Ferries", on a lawsuit against them, is the issue)
    issue_words = {_stem(t) for t in prop.terms}
    if cue.lemma_.lower() in INTRANSITIVE:
        return False  # "abstained, among them A and B": the parser may hang those who did it on the verb
    acted_on = [c for c in cue.children if c.dep_ in {"dobj", "nsubjpass"}]
    return any(c.lemma_.lower() in SIDE_PEOPLE or
               (c.pos_ == "PROPN" and len(c.text) > 1 and not {_stem(x.text) for x in c.subtree} & issue_words)
               for c in acted_on)  # (a letter is no one: "the U-turn", split by the tokenizer)


def _bare_vote(q: Quote) -> bool:
    """Whether a reported position is a vote that names nothing it is on: in an article about the issue, it is
    the vote the article reports."""
    owner = q.mention.span.text.strip().lower() if q.mention is not None else ""
    if q.span.text.strip().lower() in {"vote", "votes"} and \
            (owner in {"her", "his", "their", "its", "my", "our"} or owner.endswith(("'s", "’s"))):
        return False  # "the consequences of her vote": a vote owned says nothing of which way it went
    return q.kind == "reported" and q.cue is not None and q.cue.start >= q.span.start and \
        BARE_VOTE.match(q.span.text[q.cue.start - q.span.start :]) is not None


# Words of a cue that carry no position of their own: "have been heavily criticised by"
CUE_FILLER = {"have", "has", "had", "been", "be", "is", "was", "were", "are", "being", "by", "heavily", "strongly",
              "widely", "also", "repeatedly", "publicly", "roundly", "openly", "fiercely", "sharply"}


def _position_verb(q: Quote, prop: proposition.Proposition) -> str | None:
    """The cue word of a statement whose content is only the issue named ("criticised | the digital ID plans", as the
    attribution tagger reads an object), where that word takes a side; None for content that says something, or
    that names someone else ("Opponents of the levy | have been criticised by")."""
    if q.kind != "indirect" or q.cue is None:
        return None
    words = [w for w in re.findall(r"[A-Za-z][\w’'-]*", q.cue.text) if w.lower() not in CUE_FILLER]
    # ("called the paper a danger" is no call for it: "call", "press" and "push" take a side only with "for")
    words = [w for w in words if not _cue_stems(w) & path.NEEDS_FOR or re.search(r"\bfor\b", q.cue.text, re.I)]
    verb = next((w for w in words if cue_side(w) is not None), None)
    if verb is None:
        return None
    from .. import nlp as nlp_mod

    doc = _parsed(nlp_mod.load(), q.span.text)
    roots = [t for t in doc if t.dep_ == "ROOT" and not t.is_punct and not t.is_space]
    named = prop.mention_stems() | PROPOSAL_STEMS
    return verb if roots and all(t.pos_ in {"NOUN", "PROPN"} and _stem(t.text) in named for t in roots) else None


def _parsed(nlp: Any, text: str) -> Any:
    """A parse of a statement's sentence, kept for the next issue (bounded)."""
    doc = _PARSED.get(text)
    if doc is None:
        if len(_PARSED) > PARSES_KEPT:
            _PARSED.clear()
        # the parse and the tags are read, not the names: the entity recogniser and onrecord's name typing are skipped
        doc = _PARSED[text] = nlp(text, disable=[p for p in nlp.pipe_names if p in UNREAD_PIPES])
    return doc


def _parse_ahead(texts: list[str]) -> None:
    """Parse ``texts`` together (spaCy's batches read short texts in less than half the time of one by one, and give
    the same parse), for :func:`_parsed` to find."""
    from .. import nlp as nlp_mod

    todo = [t for t in dict.fromkeys(texts) if t not in _PARSED]
    if not todo:
        return
    if len(_PARSED) + len(todo) > PARSES_KEPT:
        _PARSED.clear()
    nlp = nlp_mod.load()
    disable = [p for p in nlp.pipe_names if p in UNREAD_PIPES]
    for text, doc in zip(todo[:PARSES_KEPT], nlp.pipe(todo[:PARSES_KEPT], disable=disable, batch_size=64),
                         strict=True):
        _PARSED[text] = doc


# A clause that concedes ("while it was devastating to cut aid, …"), and what a "but" goes on to that makes the
# conceded part a cost accepted ("…, but we have no choice")
CONCEDING = re.compile(r"\b(?:while|although|though|whilst)\b([^,;.]+),", re.I)
NO_CHOICE = re.compile(r"\b(?:no (?:other )?(?:choice|option|alternative)|ha(?:ve|s|d) to|must|necessary|needed|"
                       r"the right (?:thing|decision|call))\b", re.I)


def _conceded(scope: str) -> str | None:
    """The part of a statement that concedes a point before the speaker goes on: a "while" or "although" clause,
    or what comes before a "but" that says there was no choice; None when there is none."""
    m = CONCEDING.search(scope)
    if m is not None:
        return m.group(1)
    parts = re.split(r"\bbut\b", scope, flags=re.I)
    return parts[0] if len(parts) == 2 and NO_CHOICE.search(parts[1]) else None


def _concluded(scope: str) -> str:
    """What a statement concludes: after a "but", only what follows it ("a difficult step, but we had no choice")."""
    return re.split(r"\bbut\b", scope, flags=re.I)[-1]


# Nouns of being spared something ("the VAT exemption", "a tax break", "relief from the levy"), and words that go
# without it ("without paying VAT", "avoid the tax")
SPARING_NOUNS = proposition.SPARING_NOUNS
SPARING_WORDS = {"without", "avoid", "avoiding", "avoided", "escape", "escaping", "dodge", "dodging", "evade",
                 "evading", "exempt", "exempted", "spared", "spare"}


def _passed_over(text: str, prop: proposition.Proposition) -> str | None:
    """The words in ``text`` that name the issue only as what something else is preferred to ("pushed for a cap on
    permits rather than banning them outright", "should fund buses instead of the toll"); None where the issue is
    named before them too, or not in them."""
    bare = BARE_INSTEAD.search(text)
    if bare is not None:
        # "urged the council to fund summer jobs instead", in an article on the curfew: what its clause calls for is
        # preferred to the issue, unless the clause names the issue ("build the shelter instead")
        clause = re.split(r",|;|\band\b|\bbut\b", text[: bare.start()])[-1]
        if clause.strip() and prop.refers(clause, True) is None:
            return f"{clause.strip()} {bare.group(0)}"
    m = PREFERRED_TO.search(text)
    if m is None or prop.refers(m.group(1), True) is None or prop.refers(text[: m.start()], True) is not None:
        return None
    return m.group(0).strip()


def _spared(text: str, prop: proposition.Proposition) -> str | None:
    """The words in ``text`` that name the issue's target only as what someone is spared ("the VAT exemption",
    "could charge fees without paying VAT", "a tax break that lets schools avoid VAT"); None where it is named as
    itself (its head word anywhere not spared; without its head word, any target word spared counts). Only for an
    issue that brings something in: sparing people a cut is a side on the cut itself."""
    if prop.removes or not prop.target_terms:
        return None
    targets = {_stem(t) for t in prop.target_terms}
    if not any(_stem(w) in targets for w in re.findall(r"[A-Za-z][\w’'-]*", text)):
        # (a charge's exemption pointed back at: "removing the exemption", in an article on the charge)
        alone = proposition.THE_SPARING.search(text.lower()) if prop.head in proposition.CHARGES else None
        return alone.group(0) if alone is not None else None
    from .. import nlp as nlp_mod

    doc = _parsed(nlp_mod.load(), text)
    # the thing the issue brings in ("VAT", "tax") where the statement names it, else any of the target's words
    head = _stem(prop.head) if prop.head else None
    head_named = head is not None and any(_stem(t.text) == head for t in doc)
    key = {head} if head is not None and head_named else targets
    spared: list[str] = []
    for t in doc:
        if _stem(t.text) not in key:
            continue
        x, why = t, None
        for _ in range(4):
            if x.lower_ in SPARING_WORDS or (x.lemma_.lower() in SPARING_NOUNS and x.pos_ == "NOUN"):
                why = f"{x.text} … {t.text}" if x.i < t.i else f"{t.text} {x.text}"
                break
            if x.head.i == x.i or x.dep_ in {"relcl", "ccomp", "advcl", "conj"}:
                break
            x = x.head
        if why is None and head_named:
            return None  # named as itself too: "I back charging VAT, and oppose any VAT exemption"
        if why is not None:
            spared.append(why)
    return spared[0] if spared else None


# A statement a poll or a survey makes speaks for its respondents, not for whoever ran it
POLL_MOUTH = re.compile(r"\b(?:poll|polls|polling|survey|surveys)\b", re.I)
POLLED = "a poll's finding is its respondents' view, not the pollster's"


def _polled(q: Quote) -> bool:
    """Whether ``q`` is spoken through a poll or a survey ("A Marlowe Research poll showed that …", "… according to
    a YouGov poll")."""
    m = q.mention  # ("A YouGov poll showed …", "… according to a YouGov poll": the words that name the speaker)
    return m is not None and bool(POLL_MOUTH.search(m.mouth or m.span.text))


@dataclass
class _References:
    """What :meth:`PositionReader._references` reads of one article's statements."""

    prop: proposition.Proposition
    scopes: dict[str, tuple[str, str]]  # quote id -> (the words it is read in, the words it is compared by)
    on_issue: bool
    other: set[str]
    refs: dict[str, tuple[tuple[str, str] | None, float]]
    # which way the article's lead says the issue went (+1 done or backed, -1 refused, 0 not said): a reaction to
    # "the result" is a side that way
    outcome: int = 0
    # statements that name the issue only in a relative clause that describes their speaker ("Phil Murphy, whose
    # state had sued to block the toll, said he was 'grateful' for the pause"): only a position of theirs is on it
    # ("has said she would not support another probe"), not their tone
    aside_only: set[str] = field(default_factory=set)


def _ready_key(issue: Issue, quotes: list[Quote]) -> tuple[str, tuple[str, ...]]:
    return repr(issue), tuple(q.id for q in quotes)  # the issue whole: its reading, aliases and examples too


class PositionReader(RuleStance):
    name = "rules.v2"
    reads_vectors = True  # statements' sentence vectors, made by the first analysis and kept (:mod:`.vectors`)

    def __init__(self) -> None:
        self._sentiment: Any = None
        self._issue_vectors: dict[str, list[float]] = {}
        self._learned = valence.LearnedValence()
        self._ready: dict[tuple[str, tuple[str, ...]], _References] = {}  # what prepare() read, by article
        self._leads: dict[str, str] = {}  # each article's headline and lead, by article id (read_leads)

    def read_leads(self, leads: dict[str, str]) -> None:
        """Take the headline and lead of the articles about to be read (by article id): an article whose lead names
        the issue is on it, whoever speaks ("MPs voted to legalise assisted dying … the bill")."""
        self._leads = dict(leads)

    def _analyzer(self) -> Any:
        """VADER, with the learned valence of the words it lacks added as articles are read (:mod:`.valence`)."""
        if self._sentiment is None:
            from vaderSentiment.vaderSentiment import (  # type: ignore[import-untyped]
                SentimentIntensityAnalyzer,
            )

            self._sentiment = SentimentIntensityAnalyzer()
        return self._sentiment

    def _judgement(self, text: str) -> float:
        return self._valence(harms_taken_away(text, self._analyzer().lexicon))

    def _without_it(self, scope: str, prop: proposition.Proposition,
                    on_issue: bool) -> tuple[Stance, float, str] | None:
        """What the statement says follows without the issue ("Without it, the district would have to cut 60
        teaching jobs"; "without the ban, children will keep vaping"): a harm said to follow is for it, a good
        against it; None where nothing is judged, or the statement says no such thing."""
        m = WITHOUT_IT.search(scope)
        if m is None or not (on_issue and m.group(1).lower() in POINTERS or prop.refers(m.group(1), on_issue)):
            return None
        rest = re.sub(r"^\W*(?:(?:he|she|they|it|we)\s+(?:said|says|added|warned|argued)\W*)?", "", scope[m.end():])
        stems = prop.mention_stems()
        judged = self._judgement(" ".join(w for w in rest.split() if _stem(re.sub(r"\W", "", w.lower())) not in stems))
        if abs(judged) < WITHOUT_JUDGED:
            return None
        side: Stance = "support" if judged < 0 else "oppose"
        return side, 0.5, f"{NAMED} (“{m.group(0).strip()}”); what would follow without it: “{rest.strip()[:60]}” " \
                          f"({judged:+.2f})"

    def _valence(self, text: str) -> float:
        """VADER's compound score of ``text`` as it is (:meth:`_judgement` first reads the harms taken away)."""
        return float(self._analyzer().polarity_scores(text)["compound"])

    def _similarity(self, issue_text: str, quotes: list[Quote], abouts: dict[str, str]) -> dict[str, float]:
        """Cosine of each quote's words (``abouts``, by quote id) to the issue, by the words; empty without the
        encoder (no torch installed). A quote's stored vector is read (:mod:`.vectors`); one it lacks is made and
        left on the quote, for the caller to store. The issue's vector is kept: one issue is read against every
        article."""
        if not quotes:
            return {}
        stored = {abouts[q.id]: q.vector for q in quotes if q.vector}
        missing = sorted({abouts[q.id] for q in quotes} - set(stored), key=len)  # little padding in a batch
        try:
            if issue_text not in self._issue_vectors:
                self._issue_vectors = {issue_text: vectors.embed([issue_text])[0]}
            made = dict(zip(missing, vectors.embed(missing) if missing else [], strict=True))
        except Exception:  # the base install has no torch: similarity is not used
            return {}
        for q in quotes:
            if not q.vector:
                q.vector = stored.get(abouts[q.id]) or vectors.to_bytes(made[abouts[q.id]])
        have = {t: vectors.from_bytes(v) for t, v in stored.items()} | made
        head = self._issue_vectors[issue_text]
        return {t: sum(a * b for a, b in zip(head, v, strict=True)) for t, v in have.items()}

    def _references(self, issue: Issue, quotes: list[Quote]) -> _References:
        """What each of an article's statements is about, by the words alone: its scopes (the words it is read in,
        and the words it is compared with the issue by), whether the article is on the issue, the reported positions
        whose own words name some other proposal, and each statement's reference to the issue (with how much its
        side counts). Nothing here depends on what was read before, so it can be worked out ahead
        (:meth:`prepare`)."""
        prop = proposition.parse(issue)
        scopes: dict[str, tuple[str, str]] = {}
        for q in quotes:
            scope = with_cue(q)
            own = own_sentence(q) if q.sentence else scope
            if q.kind == "mixed":
                scope = without_asides(_without_speaker(_own_clause(own, q.span.text), q), q.span.text)
            scopes[q.id] = (re.sub(r"\s+", " ", scope), vectors.about(q))
        # the article is about the issue when a statement, a paragraph that holds one, or its headline and lead name
        # it
        lead = self._leads.get(quotes[0].article_id, "") if quotes else ""
        on_issue = any(prop.refers(about) for _, about in scopes.values()) or \
            any(prop.refers(p) for p in {q.sentence for q in quotes if q.sentence}) or \
            (bool(lead) and prop.refers(lead) is not None)
        # (a reported position whose own words name some other proposal is about that one, whatever its sentence)
        other = {q.id for q in quotes if q.kind == "reported" and _names_a_proposal(scopes[q.id][0], _next_words(q))}
        # (... and a description names what it is of: "a critic of Mayor Reed" is not about the tax her sentence names)
        other |= {q.id for q in quotes if q.kind == "reported" and (_described_as(q) or _calls_for_its_own(q))}
        # (... and what the speaker runs, where its words do not name the issue: "who runs a bakery on Grand", not "will
        # run the shelter")
        other |= {q.id for q in quotes if q.kind == "reported" and _runs_something_else(q, prop)}
        # (... and the issue's act done by someone else, named: "San Francisco's plans to bus them", on Humboldt's)
        if prop.agent_names():
            other |= {q.id for q in quotes if proposition._anothers_act(scopes[q.id][0], prop)}
        refs: dict[str, tuple[tuple[str, str] | None, float]] = {}
        aside_only: set[str] = set()
        # (the lead is parsed only where a statement points at something done, or at a word of the lead)
        lead_stems = {_stem(w) for w in re.findall(r"[A-Za-z]+", lead)}
        outcome, done = self._outcome(lead, prop) if lead and any(
            _reaction(a, lead_stems) for _, a in scopes.values()) else (0, "")
        for q in quotes:
            scope, about = scopes[q.id]
            # (the speaker's own name in their sentence is not the issue's: "Mr. Altman complained that …", where the
            # issue is his ouster)
            own_name = q.mention.span.text if q.mention is not None and q.kind != "reported" else ""
            drop = own_name if own_name and own_name not in scope else ""
            ref = prop.refers(scope if q.kind == "reported" else _without_name(about, drop), on_issue)
            told = _without_speaker_aside(about, q) if ref is not None and q.kind != "reported" else about
            if told != about:
                # (nor by a relative clause that describes the speaker, where the rest names it too; where only the
                # aside does, only a position is on it: "Phil Murphy, whose state had sued to block the toll, said he
                # was 'grateful' for the pause" judges the pause, not the toll)
                rest = prop.refers(_without_name(told, drop), on_issue)
                if rest is None:
                    aside_only.add(q.id)
                else:
                    ref = rest
            scale = 1.0
            if ref is not None and len((prop.target or "").split()) > 1 and set(ref[1].split()) <= prop.target_terms \
                    and _only_described(scope, prop):
                ref = None  # "failing dying patients": the target's word, describing someone else
            if ref is None and q.kind == "reported" and q.id not in other:
                # the sentence around the position, without the actor's own name ("Homes For Locals welcomed …"),
                # unless the position's own words name some other proposal ("Rishi Sunak's Rwanda bill" is not
                # the rebel amendments to it)
                # (nor by a relative clause that describes someone: "The Liberal Democrats, who oppose the tax,
                # called for a review of pay" is a call for a review; the aside is a position of its own)
                named = q.mention.span.text if q.mention is not None else ""
                around = without_asides(about, q.span.text)
                ref = prop.refers(around.replace(named, " ") if named else around, on_issue)
                scale = 0.8  # the position's own words do not name it; its sentence does
            if ref is None and on_issue and _bare_vote(q):
                ref, scale = ("action", "the vote the article reports"), 0.7
            if ref is None and on_issue and _on_it(q, prop.removes):
                # "vowed to campaign against it", in an article on the issue
                ref, scale = ("action", IT_REF), 0.6
            if ref is None and on_issue and _bare_group(q):
                ref, scale = ("action", "the side the article reports"), 0.6  # "Opponents, led by X, vowed …"
            if ref is None and on_issue and q.kind == "reported" and \
                    BARE_INSTEAD.search(scope + _rest_of_sentence(q)):
                ref, scale = ("action", "what it would replace"), 0.6  # "urged the council to fund jobs instead"
            if (ref is None or q.kind == "mixed") and on_issue and _bare_rethink(q):
                # "urged ministers to think again"; the call's own words quoted ("urging him to “pause and rethink”")
                # are on what the article reports, whatever else its sentence names
                ref, scale = ("action", "what the article reports"), 0.6
            if ref is None and on_issue and _bare_protest(q) and THE_MATTER.search(about):
                ref, scale = ("action", "the protest the article reports"), 0.6
            # ("the decision" read as the matter is the outcome; it turns only where that went against the issue)
            reacted = _reaction(scope, {done} if done else set()) if outcome and (ref is None or q.id in aside_only or (
                outcome < 0 and ref[0] != "outcome" and DONE_NOUN.fullmatch(ref[1]))) else None
            if reacted is not None:
                aside_only.discard(q.id)
                # "said the vote was a huge step forward", where the lead says MPs backed the bill
                went = "for" if outcome > 0 else "against"
                ref, scale = ("outcome", f"{reacted.group(0)}, which went {went} it"), 0.6
            if ref is None and on_issue and _judges_it(q, scope, about):
                # "It's a broken promise", said it was "a complete U-turn": what the article is about
                ref, scale = ("action", IT_REF), 0.6
            refs[q.id] = (ref, scale)
        return _References(prop, scopes, on_issue, other, refs, outcome, aside_only)

    @staticmethod
    def _outcome(lead: str, prop: proposition.Proposition) -> tuple[int, str]:
        """Which way the lead's first sentences say the issue went, by the first main verb done that acts on it:
        +1 for the issue's own action done or a vote or act for it ("MPs have voted to legalise assisted dying", "the
        council cut its library budget"), -1 against ("Peers rejected a bill to legalise it", "the council voted down
        the plan"), 0 where none says (a debate, a vote to come, or a path that may turn: "rejected a lawsuit seeking
        to stop it"). With the side comes the stem of the verb that did it ("paus" of "paused"), whose noun points
        at it ("the pause")."""
        from .. import nlp as nlp_mod

        # (the words the path starts from name the issue itself; a proposal's noun may only carry it: "rejected a
        # bill to legalise it", not "rejected a lawsuit")
        names = prop.family() | {_stem(w) for w in prop.target_terms} | ({_stem(prop.head)} if prop.head else set())
        carriers = names | PROPOSAL_STEMS
        for sentence in re.split(r"(?<=[.!?])\s+|\n+", lead)[:4]:
            if not sentence.strip() or prop.refers(sentence, True) is None:
                continue
            for t in _parsed(nlp_mod.load(), sentence):
                if t.pos_ != "VERB" or t.dep_ not in {"ROOT", "conj"} or any(
                        c.dep_ == "aux" and c.lower_ in TO_COME for c in t.children):
                    continue  # (main clauses, done: not "will vote on", "plans to")
                refused = _refused_act(t, names, carriers)
                if refused[0]:  # "refused to block the toll", "declined to halt it": the act refused turned
                    return refused
                own = _stem(t.text) in prop.family() and not _undoes(t, prop)
                preps = PLAIN_PREPS | ({"down", "against"} if t.lemma_ == "vote" else set())
                if not own and not any(_stem(x.text) in names and _plainly_under(x, t, carriers, preps)
                                       for x in t.subtree if x.i != t.i):
                    continue
                side = 1 if own else _voted(t) if t.lemma_ == "vote" else cue_side(t.text)
                if side:
                    return (-side if any(c.dep_ == "neg" for c in t.children) else side), _stem(t.text)
        return 0, ""

    def _needs_vector(self, refs: _References, q: Quote) -> bool:
        """Whether the statement is compared with the issue by meaning: its words did not name it (and do not name
        some other proposal)."""
        return refs.refs[q.id][0] is None and q.id not in refs.other

    def prepare(self, issue: Issue, articles: list[list[Quote]]) -> None:
        """Make, in one pass of the encoder, the vectors that :meth:`label` will need for each of ``articles`` (each
        one article's statements, stored vectors already on them), and keep what was read of each: the encoder reads
        several short sentences batched together in much less time than article by article."""
        self._ready = {}
        texts: dict[str, list[Quote]] = {}
        parses: list[str] = []  # the words each statement's position is read in, parsed (see _read_position)
        for quotes in articles:
            refs = self._references(issue, quotes)
            self._ready[_ready_key(issue, quotes)] = refs
            for q in quotes:
                if not q.vector and self._needs_vector(refs, q):
                    texts.setdefault(refs.scopes[q.id][1], []).append(q)
                scope = refs.scopes[q.id][0]
                parses += [scope, _concluded(scope)]
        _parse_ahead(parses)
        # the learned valence of all their words, in one pass of the encoder: label() learns an article's words
        # before reading it, and a text it judges holds only words of its own article's statements, so learning
        # later articles' words early changes no score
        self._learned.extend(self._analyzer().lexicon, [t for refs in self._ready.values()
                                                        for pair in refs.scopes.values() for t in pair])
        if not texts:
            return
        try:
            made = vectors.embed(sorted(texts, key=len))  # little padding in a batch
        except Exception:  # the base install has no torch (as in _similarity): label() finds it out itself
            return
        for text, vector in zip(sorted(texts, key=len), made, strict=True):
            for q in texts[text]:
                q.vector = vectors.to_bytes(vector)

    def label(self, issue: Issue, quotes: list[Quote]) -> list[StanceLabel]:
        read = self._ready.pop(_ready_key(issue, quotes), None)
        if read is None:  # (read ahead, the words were learned with the other articles': prepare())
            read = self._references(issue, quotes)
            # the words VADER lacks that judge ("endangering", "harmful") get their learned valence before anything
            # is read
            self._learned.extend(self._analyzer().lexicon, [t for pair in read.scopes.values() for t in pair])
        prop, scopes, on_issue, other, refs = read.prop, read.scopes, read.on_issue, read.other, read.refs
        terms = IssueTerms.from_issue(issue)
        positions = {q.id: self._position(q, scopes[q.id][0], prop, terms) for q in quotes}
        # meaning, where the words did not name it: only statements that take a position go through the encoder
        sim_of = self._similarity(prop.text, [q for q in quotes if self._needs_vector(read, q)],
                                  {q.id: scopes[q.id][1] for q in quotes})
        own_labels: dict[str, StanceLabel] = {}
        weak: dict[str, StanceLabel] = {}
        for q in quotes:
            scope, about = scopes[q.id]
            ref, scale = refs[q.id]
            missed = self._without_it(scope, prop, on_issue) if q.id not in other else None
            if missed is not None:
                own_labels[q.id] = StanceLabel(q.id, issue.id, missed[0], missed[1], missed[2], self.name)
                continue
            if ref is None and on_issue and q.id not in other and q.kind != "reported" and \
                    (positions[q.id] or ("none",))[0] == "neutral" and _undecided(scope):
                ref, scale = ("action", UNDECIDED_REF), 0.7
            declared = SELF_BALLOT.search(scope) if ref is None and on_issue and q.id not in other and \
                q.kind in {"direct", "indirect"} else None
            if declared is not None:
                # "I'm a yes now", in an article on the issue: the vote they will cast
                side: Stance = "support" if declared.group(1).lower() == "yes" else "oppose"
                own_labels[q.id] = StanceLabel(q.id, issue.id, side, 0.6, f"{NAMED} (“{BALLOT_REF}”); declares a "
                                               f"vote: “{declared.group(0)}”", self.name)
                continue
            if ref is None and sim_of.get(about, 0.0) >= SIMILAR and positions[q.id] is not None and \
                    q.id not in other:
                ref, scale = ("action", f"{CLOSE} ({sim_of[about]:.2f})"), 0.7
            elif ref is None and sim_of.get(about, 0.0) >= ON_IT and q.id not in other:
                # facts or analysis that bear on the issue in other words, with no side: spoken on it (neutral)
                weak[q.id] = StanceLabel(q.id, issue.id, "none", 0.6, f"{NAMED} (“{CLOSE} ({sim_of[about]:.2f})”) "
                                         f"but {NO_POSITION}", self.name)
                continue
            if ref is None:
                continue
            way, words = ref
            pol = positions[q.id]
            if ref[1] == IT_REF and not prop.removes and (pol is None or JUDGEMENT.search(pol[2])):
                # what "it" is said to be or do, read off the parse as of the issue's own words: "This would hurt
                # small businesses like mine", "it was not affordable" (not where the issue takes something away:
                # "it" may be that thing or the taking)
                it = self._lean_on_it(scope)
                if it is not None and it.side:
                    pol = _side(it.side), it.confidence, f"reads: {it.why}", it.explicit
                got = GOT_IT.search(scope) if pol is None else None
                if got is not None:  # "the chancellor got it exactly right"
                    pol = ("support" if got.group(1).lower() == "right" else "oppose"), 0.6, \
                        f"judges it: “{got.group(0)}”", False
            if pol is not None and _polled(q):
                # "a Marlowe poll showed that 60% back the ban": the respondents' side, not the pollster's
                weak[q.id] = StanceLabel(q.id, issue.id, "none", 0.6, f"{NAMED} (“{words}”) but {POLLED}", self.name)
                continue
            if pol is None:
                weak[q.id] = StanceLabel(q.id, issue.id, "none", 0.6, f"{NAMED} (“{words}”) but {NO_POSITION}",
                                         self.name)
                continue
            stance, conf, why, explicit = pol
            if q.id in read.aside_only and JUDGEMENT.search(why):
                continue  # its tone is of what it names outside the aside that describes its speaker
            if q.kind == "reported" and (scale < 1.0 or _acts_on_a_side(about)) and \
                    _done_to_someone(q, about, prop):
                continue  # "Markus Campbell-Savours has been suspended": an act on a person, whatever its sentence
                # names (unless the issue is done to them)
            if scale < 1.0 and q.kind == "reported" and q.cue is not None and RESIGNING.match(q.cue.text) and \
                    not SOLIDARITY.search(about):
                continue  # "resigned from her role after she supported the amendments": what a resignation is over
                # is not the issue its sentence names, unless it says so ("in protest at …", "over the cut")
            if way == "target" and prop.removes and explicit and stance in {"support", "oppose"} and scale < 1.0 and \
                    q.kind == "reported":
                continue  # "Ms Toner defended it. But Mr Altman disagreed": the sentence names the one the issue
                # removes, the position's own words do not; what it is toward is unknown
            if ref[1].startswith(CLOSE) and JUDGEMENT.search(why):
                continue  # close in meaning, but the tone of the statement ("harmful bleaching"), not a side on it
            if way == "target" and prop.removes and explicit and stance in {"support", "oppose"}:
                stance = "oppose" if stance == "support" else "support"
                why += f"; toward “{words}”, which the issue would take away"
            if way == "outcome" and read.outcome < 0 and stance in {"support", "oppose"} and \
                    not _turned_by(why, words.split(",")[0]):
                # glad of a defeat (unless the reading already turned on the noun of it: "welcomed the delay")
                stance = "oppose" if stance == "support" else "support"
            told = self._told_before(q, quotes, words, prop) if stance in {"support", "oppose"} else None
            if told is not None:  # "backed the motion", told before as "a motion to reverse the cut"
                stance = "oppose" if stance == "support" else "support"
                why += f"; “{words}” told before as one “{told}”"
            then = _held_then(q)
            if then is not None and stance in {"support", "oppose"}:
                scale, why = scale * THEN, f"{why}; held then, not said now (“{then.group(0).strip()[-40:]}”)"
            but = _goes_on_but(q, quotes)
            if but is not None and stance in {"support", "oppose"}:
                scale, why = scale * CONCEDED, f"{why}; conceded: they go on “{but.span.text[:40]}”"
            own_labels[q.id] = StanceLabel(q.id, issue.id, stance, round(conf * scale, 2),
                                           f"{NAMED} (“{words}”); {why}", self.name)
        self._elaborations(quotes, own_labels, positions)
        self._pointed_back(quotes, own_labels)
        return self._with_context(issue, quotes, own_labels, weak, terms, on_issue)

    def _elaborations(self, quotes: list[Quote], own: dict[str, StanceLabel],
                      positions: dict[str, tuple[Stance, float, str, bool] | None]) -> None:
        """A statement read by no explicit position of its own (its tone, a "must"), in the sentence that reports its
        speaker's position, says why they took it: "Ms Fox opposed the bill, writing that the state should 'never
        offer death as a service'" (the tone of "never … death" reads well). It takes the side the position
        reported, a little lower."""
        for q in quotes:
            label, pos = own.get(q.id), positions.get(q.id)
            if label is None or pos is None or pos[3] or q.kind == "reported" or not q.sentence or \
                    POSITION_WORDS.match(pos[2]):
                continue  # (a position in its own words stands: "said he would not support another one")
            told = [own[x.id] for x in quotes if x.kind == "reported" and x.id != q.id and x.speaker == q.speaker
                    and x.sentence == q.sentence and x.id in own and own[x.id].stance in {"support", "oppose"}
                    and (positions.get(x.id) or ("", 0.0, "", False))[3]]
            if told and told[0].stance != label.stance:
                own[q.id] = StanceLabel(q.id, label.issue_id, told[0].stance, round(told[0].confidence * 0.8, 2),
                                        f"says why of the position its sentence reports ({told[0].reason})",
                                        self.name)

    def _told_before(self, q: Quote, quotes: list[Quote], words: str, prop: proposition.Proposition) -> str | None:
        """Where ``words``, the bare noun that stands for the issue in ``q`` ("the motion"), was told before in the
        article as one against it ("a Conservative motion to reverse its cut"), the words that told so; else None."""
        bare = BARE_PROPOSAL.fullmatch(words)
        if bare is None:
            return None
        noun = bare.group(1).lower()
        texts = [self._leads.get(q.article_id, "")] + [x.sentence or x.span.text for x in quotes
                                                       if x.span.start < q.span.start]
        told = [m for t in texts for m in re.finditer(
            r"\b(?:a|an|the|its|their|his|her)\s+(?:[\w’'-]+\s+){0,3}?" + re.escape(noun) +
            r"s?\s+((?:to|that\s+would|which\s+would|calling\s+for|seeking\s+to)\s+[^.;:!?]+)", t, re.I)]
        if not told:
            return None
        what = told[-1].group(1)
        if _first_named(what, prop) >= len(what):
            return None  # (told as one on something else)
        sign, _ = turns(" " + what, prop)
        return what.strip() if sign < 0 else None

    def _pointed_back(self, quotes: list[Quote], own: dict[str, StanceLabel]) -> None:
        """A position taken on something the article has already told, named only by its noun ("signed the letter",
        "rejected the call"), takes the side of the latest statement before it whose sentence names that thing (the
        letter, or a call by its verb: "urging him to …"), turned by the position's own side."""
        for q in quotes:
            if q.kind != "reported" or q.cue is None or q.id in own and own[q.id].stance in {"support", "oppose"}:
                continue
            at = q.cue.start - q.span.start
            back = TOLD_BEFORE.match(q.span.text[at + len(q.cue.text):]) if at >= 0 else None
            side = cue_side(q.cue.text)
            if back is None or not side:
                continue
            noun = back.group(1).lower().rstrip("s")
            words = re.compile(r"\b(?:" + "|".join(sorted(TOLD_AS.get(noun, {noun}))) + r")", re.I)
            told = [x for x in quotes if x.span.start < q.span.start and x.id in own and
                    own[x.id].stance in {"support", "oppose"} and words.search(x.sentence or x.span.text)]
            if not told:
                continue
            was = own[told[-1].id]
            stance: Stance = was.stance if side > 0 else "oppose" if was.stance == "support" else "support"
            own[q.id] = StanceLabel(q.id, was.issue_id, stance, round(min(was.confidence, 0.8) * 0.75, 2),
                                    f"{REPORTED}: “{q.cue.text}” {back.group(0).strip()}, which took a side: "
                                    f"{was.reason}", self.name)

    def _position(self, q: Quote, scope: str, prop: proposition.Proposition,
                  terms: IssueTerms) -> tuple[Stance, float, str, bool] | None:
        """:meth:`_read_position`, turned where the statement names the issue only as what is spared it ("scrap
        the VAT exemption" supports charging VAT; "keep the exemption" opposes it)."""
        pos = self._read_position(q, scope, prop, terms)
        if pos is None or pos[0] not in {"support", "oppose"}:
            return pos
        # (a reported position with the words that close its clause: "… to fund summer jobs" + " instead")
        after = _rest_of_sentence(q) if q.kind == "reported" else ""
        passed = _passed_over(scope + (after if re.match(r"\W*instead\W*$", after, re.I) else ""), prop)
        if passed is not None:
            # a side for something else, preferred to the issue, is against the issue; one against something else
            # says nothing of it
            if pos[0] == "oppose":
                return None
            return "oppose", pos[1], f"{pos[2]}; of something else preferred to it: “{passed}”", pos[3]
        spared = _spared(scope, prop)
        if spared is None:
            return pos
        side: Stance = "oppose" if pos[0] == "support" else "support"
        return side, pos[1], f"{pos[2]}; of what is spared it: “{spared}”", pos[3]

    def _read_position(self, q: Quote, scope: str, prop: proposition.Proposition,
                       terms: IssueTerms) -> tuple[Stance, float, str, bool] | None:
        """The side a statement takes on what it names, why, and whether it is an explicit position toward what it
        names (a reported position, "keep", "protect"), which turns when it names only what the issue would take
        away; a judgement ("cruel", "a huge help") is of the situation the issue makes, and does not turn."""
        if q.kind == "indirect" and q.sentence:
            at = q.sentence.find(q.span.text)
            asked = re.match(r"(?:whether|if)\b", q.span.text, re.I)  # (the question's word in the span itself)
            before = q.sentence[max(0, at - 60):at] + (f"{asked.group(0)} " if asked else "")
            unsaid = UNSAID.search(before) if at > 0 else None
            if unsaid is not None:  # "has not said whether he would sign it": the side left open
                return "neutral", 0.6, f"leaves it open: “{unsaid.group(0).strip()} …”", True
        unsure = UNSURE.search(scope) if q.kind in {"indirect", "direct", "mixed"} else None
        if unsure is not None:  # "she was not yet sure she would support it on the floor"
            return "neutral", 0.6, f"leaves it open: “{unsure.group(0).strip()} …”", True
        if q.kind == "reported" and q.cue is not None:
            at = scope.lower().find(q.cue.text.lower())
            rest = scope[at + len(q.cue.text) :] if at >= 0 else scope
            if _changes_it(rest, prop) or (at > 0 and _changes_it(scope[:at], prop)):
                return None  # "rejected the Lords' attempt to amend the Bill", "Rwanda bill amendments rejected": a
                # side on a change to it, not on it
            if ONLY_SOME.match(rest):
                return None  # "approved only 47 of her signatures": a limit set, not a side taken
            reported = self._reported(q.cue.text, scope, prop, _lead_in(q))
            since = BUT_SINCE.match(_next_words(q, 80)) if reported is not None and reported[0] in SIDES else None
            first = cue_side(q.cue.text.split()[0]) if q.cue.text.split() else None
            then = (-1 if "against" in since.group(1).lower() else cue_side(since.group(1).split()[0])) \
                if since is not None else None
            if reported is not None and since is not None and first and then and first * then < 0:
                # "who supported the bill at second reading but opposed it this time": the later act, the other way
                # from the first, turns the side the first took (whatever turned that: "backed the motion to scrap
                # the cap but opposed it this time", on keeping the cap, is for keeping it)
                later: Stance = "oppose" if reported[0] == "support" else "support"
                return later, reported[1], f"{REPORTED}, then: “{since.group(0).strip()}”", True
            if reported is not None:
                return reported
        verb = _position_verb(q, prop)
        if verb is not None and q.cue is not None:
            # "The plans have been heavily criticised by MPs": what the speaker did to a thing named, not words of
            # theirs; the verb's side, on what it names
            reported = self._reported(verb, f"{q.cue.text} {scope}", prop)
            if reported is not None:
                return reported
        lets = LETS_PASS.search(scope)
        if lets is not None:  # ("would not try to block the ban", where "block" is of the issue's own family)
            return "neutral", 0.7, f"lets it pass: “{lets.group(0)}”", False
        pol = self.polarity(_own_action_masked(_nouns_masked(scope), prop))
        if pol is not None and pol[0] != "neutral" and not _aimed(scope, pol[2], prop):
            pol = None  # "calling for Sir Keir to meet farmers": a call, but not for or against the issue
        if pol is not None and pol[0] == "neutral":
            return pol[0], pol[1], pol[2], False  # an open door or a condition is about the whole statement
        action = re.match(r"\W*(\w+)", scope)
        if action is not None and prop.action and action.group(1).lower() == prop.action and \
                action.group(1)[:1].isupper():
            return "support", 0.75, f"calls for it: “{action.group(1)} …”", False  # "Ban second homes …"
        read, on_target = self._lean(scope, prop)
        if read is not None and read.explicit and on_target and prop.removes and read.side and INSTEAD.search(scope):
            return None  # "would support adding bike lanes on a parallel street instead": a side on an alternative
        if read is not None and read.explicit:
            side = -read.side if on_target and prop.removes else read.side
            turned = "; toward what the issue would take away" if on_target and prop.removes and side else ""
            return _side(side), read.confidence, f"reads: {read.why}{turned}", False
        if pol is not None and read is None and not _only_described(scope, prop):
            return pol[0], round(pol[1] * 0.8, 2), pol[2], False
        if read is not None and on_target and prop.removes and read.side and read.said_of:
            # what the thing the issue would take away does or is ("overseas aid saves lives", "the cap is cruel", on
            # cutting or scrapping it); its own modifiers ("fired judges", "sacked staff") are often the issue's own
            # action, and do not turn
            return _side(-read.side), read.confidence, f"reads: {read.why}; of what the issue would take away", False
        if read is not None:
            return _side(read.side), read.confidence, f"reads: {read.why}", False
        ev = self.evaluation(scope, terms)
        # (whom a gain or a blow is for is not what is judged: "a win for every renter", on banning rentals)
        named = prop.refers(FOR_WHOM.sub(" ", scope), True) if ev is not None and prop.removes else None
        if ev is not None and named is not None and named[0] == "target" and ev[0] in {"support", "oppose"}:
            # a judgement of what the issue would take away ("the payment was essential", on cutting it)
            kept: Stance = "oppose" if ev[0] == "support" else "support"
            return kept, ev[1], f"{ev[2]}; of what the issue would take away", False
        if ev is not None:
            return ev[0], ev[1], ev[2], False
        stems = prop.mention_stems()  # the issue's own words ("ban", "cuts") judge nothing
        # the words that describe the issue's own noun judge it ("this shambolic mess of a Bill", "a cruel cut")
        described = self._described(scope, stems)
        if described is not None:
            return described
        conceded = _conceded(scope)
        if conceded is not None and prop.refers(conceded, True) is not None:
            # a cost conceded, and the speaker goes on: "while it was devastating to cut aid, the cabinet was united
            # that …", "it is painful to cut aid, but we have no choice"
            words = [re.sub(r"^[^\w]+|[^\w]+$", "", w) for w in conceded.split()]  # ("“devastating”")
            cost = self._judgement(" ".join(w for w in words if proposition._stem(w.lower()) not in stems))
            if abs(cost) >= JUDGED:
                return ("oppose" if cost > 0 else "support"), 0.45, f"concedes: “{conceded.strip()[:60]}”", False
        if len(scope.split()) > JUDGED_WORDS:
            return None  # a long sentence's tone is more often about something else it says
        from .. import nlp as nlp_mod

        # the main clauses only: "part of the plan to clamp down on illegal dumping" judges the dumping; and after a
        # "but", only what follows it: "a difficult step, but we had no choice" concedes, then concludes
        concluded = _concluded(scope)
        words = [t.text for sent in _parsed(nlp_mod.load(), concluded).sents for t in _main_words(sent.root)]
        # (a harm taken away is read before the issue's own words go: "lift children out of poverty", where "lift"
        # is of the issue's family)
        words = harms_taken_away(" ".join(words), self._analyzer().lexicon).split()
        # (what a promise or a claim held up is about is not the speaker's judgement: "heard every promise about
        # quieter planes and cleaner air before")
        words = PROMISED.sub(" ", " ".join(words)).split()
        judged = self._valence(" ".join(w for w in words if proposition._stem(
            re.sub(r"[^\w’'-]", "", w.lower())) not in stems))
        if abs(judged) >= JUDGED:
            leans: Stance = "support" if judged > 0 else "oppose"
            return leans, 0.5, f"judges what it names {'well' if judged > 0 else 'badly'} ({judged:+.2f})", False
        return None

    @staticmethod
    def _reported(cue_text: str, scope: str, prop: proposition.Proposition,
                  lead: str = "") -> tuple[Stance, float, str, bool] | None:
        """The side of a reported position by its cue ``cue_text`` (turned by blocking words and negations between
        the cue and the issue, or before it in ``lead``, the words just before the statement in its sentence: "has
        not", "declined to", "refused to"; or set by what the act is done for); None for a cue of no known side, whose
        side is what the statement says."""
        cue = cue_text.lower()
        at = scope.lower().find(cue)
        rest = scope[at + len(cue):] if at >= 0 else scope
        side = cue_side(cue)
        after = PHRASAL_AFTER.match(rest)
        part, prep = (after.group(1), after.group(2)) if after is not None else (None, None)
        for stem in _cue_stems(cue) if part or prep else set[str]():
            way = path.PHRASAL.get((stem, part.lower() if part else None, prep.lower() if prep else "dobj"), 0)
            if way:  # "backed away from the plan", "pressed ahead with it": the phrase's side, not the verb's
                side = way
                break
        voiced = VOICED.match(rest) if _stem(cue) in VOICING_STEMS else None
        if voiced is not None and voiced.group(1).lower() in VOICED_SIDES:
            # "voiced opposition to the plan", "offered criticism of it": the side the voiced noun names
            side = VOICED_SIDES[voiced.group(1).lower()]
            rest = rest[voiced.end():]  # (the noun is the side, not a turn of it)
        if side == -1 and DECLINED.match(cue) and NOT_A_SIDE.match(rest):
            return None  # "declined to comment on the tax": nothing said, no side refused
        if re.match(r"rul(?:e|es|ed|ing)$", cue) and re.search(r"\bout\b", scope, re.I):
            side = -1  # "ruled out a ban"
        if prop.removes and cue in PROPOSALS and _stem(cue) in {_stem(t) for t in prop.target_terms} - \
                prop.action_words():
            return None  # "its library budget", where the issue is cutting it: what the owner has, not a side on it
        if side is not None and HELD_VIEW.match(rest):
            return "none", 0.6, f"toward someone's view, whose side is not said: “{cue_text}{rest[:40]}”", True
        if side is not None and DISPUTE.match(rest):
            return "none", 0.6, f"toward a dispute over it, not it: “{cue_text}{rest[:40]}”", True
        if side is None and SPOKE.match(cue) and re.match(r"\W*(?:out\s+)?(?:in\s+favou?r|against)\b", rest, re.I):
            side = 1  # "spoke in favor", "testified against the ban", "came out against it" (turned by "against")
        if side is None and cue in OWNED_PROPOSALS:
            side = 1  # "his inheritance tax raid": the owner holds their proposal
        if side is None and _stem(cue) in LIGHT_STEMS and ISSUED.match(rest):
            side = 1  # "issued a new regulation barring …": the rule is the actor's own; what it does decides
        if _cue_stems(cue) & prop.action_words():
            side = 1  # "suing the airline" where the issue is the lawsuit: doing what the issue names
        legal = LEGAL_ACT.match(rest)
        if side is not None and side > 0 and legal is not None and \
                not {_stem(w) for w in re.findall(r"[A-Za-z]+", legal.group(0))} & _issue_stems(prop):
            return None  # "filed a lawsuit" (to block the ban): a suit is against something, told by what it is for
        before = scope[: max(0, at)]
        negated = NEGATION.search(before) or LEAD_NEGATION.search(lead)
        if (side == -1 and _cue_stems(cue) & {"rule", "rul"} and negated) or \
                (side == -1 and NOT_RULED_OUT.match(rest)):  # "has not ruled out", "refused to rule out"
            return "neutral", 0.6, f"does not rule it out: “{scope.strip()}”", True
        if side == -1 and _cue_stems(cue) & LETTING_PASS and negated and not turns(rest, prop)[1]:
            # "would not try to block it", "will not veto it": lets it pass, whatever they think of it (as rules.v1
            # reads "would not veto it")
            return "neutral", 0.6, f"lets it pass: “{negated.group(0)} … {cue_text}”", True
        examined = EXAMINED.match(rest)
        if side is not None and side > 0 and examined is not None and not negated and \
                _stem(examined.group(1).lower()) not in prop.mention_stems():
            # "called for a review of the cameras": to know more first is not yet a side (where the issue is not
            # itself the review: "an independent audit of the delays")
            return "neutral", 0.6, f"asks to know more first: “{cue_text}{examined.group(0)}”", True
        pending = PENDING_STUDY.search(rest)
        if side is not None and side > 0 and pending is not None and not negated:
            # "urged the board to delay the vote until an independent study is completed": to know more first
            return "neutral", 0.6, f"asks to know more first: “{pending.group(0)}”", True
        put_off = DECISION_PUT_OFF.match(rest) if _cue_stems(cue) & PUT_OFF[0] else None
        if put_off is not None:
            # "postponed a vote on the cameras": the decision is put off, and no side taken yet
            return "none", 0.6, f"a decision put off: “{cue_text}{put_off.group(0)}”", True
        asked = ASKED_WHETHER.match(rest) if _cue_stems(cue) & {"question", "wonder"} else None
        if asked is not None and not negated:
            # "questioned whether the site had enough parking": a question asked about it is not yet a side
            return "neutral", 0.5, f"a question asked: “{cue_text}{asked.group(0)}”", True
        worry = CONCERN.match(rest)
        if (side is None or side > 0) and worry is not None and not negated:
            # "raised concerns over the cut": a worry voiced is not yet a side
            return "neutral", 0.6, f"a concern raised: “{cue_text}{worry.group(0)}”", True
        if side is None:
            return None
        ballot = BALLOT.match(rest) if cue.startswith("vot") else None
        if ballot is not None:  # "voted no", "voted yes"
            side = -1 if ballot.group(1).lower() in {"no", "nay"} else 1
        if side > 0 and cue.startswith("vot") and negated and \
                not re.match(r"\W*(?:for|against|in\s+favou?r)\b", rest, re.I):
            return "neutral", 0.6, f"chose not to vote: “{scope.strip()}”", True  # abstaining, as a choice
        sign, why = turns(rest, prop)
        worry = WORRY_ABOUT.search(rest[: _first_named(rest, prop)])
        if worry is not None and side * sign > 0 and not negated:
            # "voted to send a letter raising concerns about it": a worry voiced on the way is not yet a side
            return "neutral", 0.6, f"a concern raised: “{worry.group(0)}”", True
        if worry is not None:  # "dismissed concerns about the plan": a worry about it set aside is for it
            sign, why = -sign, [*why, worry.group(0)]
        if negated:
            sign, why = -sign, [*why, negated.group(0)]
        against = (AGAINST_BEFORE.search(before) or (AGAINST_BEFORE.search(f"{lead} ") if not before.strip() else
                                                     None)) if cue in NOUN_CUES else None
        if against is not None:  # "the dissenting votes", "an opposing vote": the noun's own side, turned
            sign, why = -sign, [*why, against.group(0).strip()]
        if side == 0:
            return "neutral", 0.7, f"{REPORTED}: “{cue_text}”", True
        done_for = SOLIDARITY.search(rest) or IN_PROTEST.search(rest)
        if done_for is not None:  # "quit in solidarity with X", "resigned in protest at X": the side is toward X
            side, sign, why = (-1 if done_for.group(1).lower() == "protest" else 1), 1, [done_for.group(0)]
        st: Stance = "support" if side * sign > 0 else "oppose"
        turned = f", turned by “{', '.join(why)}”" if why else ""
        return st, 0.8, f"{REPORTED}: “{cue_text}”{turned}", True

    def _described(self, scope: str, stems: set[str]) -> tuple[Stance, float, str, bool] | None:
        """How the words that describe a noun naming the issue judge it: its adjectives, and the noun it is "of"
        ("a mess of a bill"), by the VADER lexicon; None when they judge nothing."""
        from .. import nlp as nlp_mod

        for t in _parsed(nlp_mod.load(), scope):
            if t.pos_ not in {"NOUN", "PROPN"} or _stem(t.lower_) not in stems:
                continue
            if _stem(t.lower_) in PROPOSAL_STEMS and not any(c.dep_ in {"det", "poss"} for c in t.children):
                continue  # "anti-voter laws" are other laws; "the plan", "this bill" stand for the issue
            head = t.head.head if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.pos_ == "NOUN" else t
            words = [x.text for x in (t, head) for x in x.children if x.dep_ == "amod"]
            if head is not t:
                words.append(head.text)
            judged = self._judgement(" ".join(w for w in words if _stem(w.lower()) not in stems)) if words else 0.0
            if abs(judged) >= DESCRIBED:
                leans: Stance = "support" if judged > 0 else "oppose"
                return leans, 0.5, f"describes it {'well' if judged > 0 else 'badly'}: “{' '.join(words)}”", False
        return None

    def _lean(self, text: str, prop: proposition.Proposition) -> tuple[path.Lean | None, bool]:
        """The parse's reading of how ``text`` leans on the words that name the issue (:mod:`.path`), and whether
        those words name only what the issue's action is done to (the target, not the action or the proposal)."""
        from .. import nlp as nlp_mod

        doc = _parsed(nlp_mod.load(), text)
        targets = prop.mention_stems()
        found = [t for t in doc if (proposition._stem(t.text) in targets or t.lower_ in targets) and prop.named(t.text)]
        if prop.head in proposition.CHARGES and not prop.removes:
            # (what a charge spares someone, pointed back at: "removing the exemption"; see _spared)
            found += [t for t in doc if t.lower_ in SPARING_NOUNS and t.pos_ == "NOUN" and any(
                c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in DEFINITE) for c in t.children)]
        own_action = prop.action_words()
        kin = prop.family() - own_action
        target = {proposition._stem(x) for x in prop.target_terms}
        # a verb of the action's family names the issue only with its target in its own phrase ("slash aid"; not
        # "close every branch", nor "block" in "block any attempt to cut aid", where the target is the attempt's)
        # ... nor one whose phrase names the action itself, which it then acts on: "block cities from banning gas
        # hookups", on banning them
        found = [t for t in found if proposition._stem(t.text) not in kin or (
            any(proposition._stem(x.text) in target for x in path.phrase(t) if x.i != t.i) and
            not any(proposition._stem(x.text) in own_action for x in path.phrase(t) if x.i != t.i))]
        # a proposal noun stands for the issue only as one the article has spoken of ("the law", "these laws",
        # "its plan") or one named by the issue's words ("Heathrow plans"): "passing anti-voter laws" is about others
        named = target | own_action | ({proposition._stem(prop.head)} if prop.head else set())
        proposals = PROPOSAL_STEMS - named
        terms = {proposition._stem(x) for x in prop.terms}
        found = [t for t in found if proposition._stem(t.text) not in proposals or t.lower_ in named or any(
            c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in DEFINITE) or
            (c.dep_ in {"compound", "amod", "nmod"} and proposition._stem(c.text) in terms) for c in t.children)]
        # ... and, where the issue names its proposal ("the Journey Home program"), not one named as another ("our TAP
        # program"); the issue's own initials name it: "TAP" for the Transportation Assistance Program
        initials = _initials(prop.text)
        found = [t for t in found if proposition._stem(t.text) not in PROPOSAL_STEMS or not initials or not any(
            c.dep_ in {"compound", "nmod"} and c.pos_ == "PROPN" and proposition._stem(c.text) not in terms and
            c.text not in initials for c in t.children)]
        found = [t for t in found if not _describing_word(t, prop)]
        if any(prop.head and proposition._stem(t.text) == proposition._stem(prop.head) for t in found):
            # where the statement names the target by its head, the target's other words alone are something else:
            # "Cameras work. Every city that has tried them has seen speeds drop", on speed cameras
            found = [t for t in found if not _modifier_alone(t, prop)]
        # ... nor a verb of the action's family that the target itself does: "the cards would create a surveillance
        # infrastructure" is what the cards do, not the cards brought in
        found = [t for t in found if not (t.pos_ in {"VERB", "AUX"} and proposition._stem(t.text) in prop.family() and
                                          any(c.dep_ == "nsubj" and proposition._stem(c.text) in target
                                              for c in t.children))]  # (not "the judges were fired": done to it)
        if not found:
            return None, False
        own = {t.i for t in found}
        # (losing what the issue takes away is the issue's own action, undergone: "those losing the payment")
        own |= {t.head.i for t in found if prop.removes and t.dep_ == "dobj" and t.head.lemma_.lower() in UNDERGONE}
        # (a target that is itself a proposal's noun, named bare, is the proposal that carries the action: "vote
        # against the budget" where the issue is cutting the library budget; see Proposition.refers)
        bare = prop.bare_head({proposition._stem(t.text) for t in found} & target)
        acts = prop.family() | (PROPOSAL_STEMS - {proposition._stem(t) for t in prop.target_terms})
        if prop.removes and prop.head in proposition.INSTRUMENTS:
            acts -= {proposition._stem(w) for w in proposition.IN_FORCE}  # "this policy is cruel", of the cap
        changes = not _is_a_change(prop)
        best: tuple[path.Lean, bool] | None = None
        best_itself = False
        head = proposition._stem(prop.head) if prop.head else None
        for t in found:
            r = path.lean(t, self._judgement, own, changes=changes)
            if r is None:
                continue
            if r.side and path.before_but(t):
                r = replace(r, confidence=round(r.confidence * CONCEDED, 2), why=f"{r.why}; conceded before “but”")
            # (the object of a verb that puts it away, "pushing out Mr Cole", "shut down the depot", is the issue's
            # own action done, in other words, not only its target)
            put_away = prop.removes and t.dep_ == "dobj" and any(c.dep_ == "prt" and c.lower_ in AWAY
                                                                 for c in t.head.children)
            on_target = proposition._stem(t.text) not in acts and not put_away and not r.acted and not bare and not any(
                proposition._stem(x.text) in acts for x in t.subtree if x.i != t.i)
            if prop.action is not None and not (on_target and prop.removes) and any(
                    c.dep_ == "amod" and c.lower_ in STATUS_QUO for c in t.children):
                # what is in force now, where the issue would change it: "the current law is failing people" supports
                # legalising what it forbids (on what the issue takes away, the target is already the status quo)
                r = replace(r, side=-r.side, why=f"{r.why}; of what is in force now (“{t.text}”)")
            # (of two judgements, the one of the thing itself, not of a word that only says where it is: "the motel
            # was a magnet for crime, and a shelter would be an improvement", on a shelter at the motel's site)
            itself = prop.action is None or proposition._stem(t.text) not in target or proposition._stem(t.text) == head
            if best is None or (r.explicit, not on_target, itself, r.confidence) > \
                    (best[0].explicit, not best[1], best_itself, best[0].confidence):
                best, best_itself = (r, on_target), itself
        return best if best is not None else (None, False)

    def _lean_on_it(self, text: str) -> path.Lean | None:
        """The parse's reading of how ``text`` leans on the first "it", "this" or "that" it is said of (a subject or
        an object, not a determiner: "this plan" names its own noun), as though it were the issue's own words."""
        from .. import nlp as nlp_mod

        doc = _parsed(nlp_mod.load(), text)
        it = next((t for t in doc if t.lower_ in IT_WORDS and t.pos_ == "PRON" and
                   t.dep_ in {"nsubj", "nsubjpass", "dobj"}), None)
        return path.lean(it, self._judgement, {it.i}) if it is not None else None

    def _with_context(self, issue: Issue, quotes: list[Quote], own: dict[str, StanceLabel],
                      weak: dict[str, StanceLabel], terms: IssueTerms, on_issue: bool) -> list[StanceLabel]:
        """rules.v1's introductions and endorsements, then a quote that does not name the issue takes its speaker's
        explicit position in the article, at lower confidence."""
        self._affiliations(terms, issue, quotes, own, on_issue)
        self._endorsements(issue, quotes, own)
        return self._carry(issue, quotes, own, weak)

