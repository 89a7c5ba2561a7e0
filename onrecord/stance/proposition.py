"""The issue as a proposition: what it is about, which way it goes, and the words that refer to it.

Users type issues as short proposals with a direction ("charging VAT on private school fees", "cutting the council's
library budget", "a third runway at Heathrow", "banning phones in schools"), rarely as the one head noun an article
repeats. :func:`parse` reads the phrase with the same spaCy model as the articles:

* **action**: the verb the phrase starts with (``charge``, ``cut``, ``ban``, ``introduce``) or the action noun it
  is built on ("the **firing** of immigration judges", "a **ban** on …", "the tax **changes**");
* **removes**: whether the action takes something away (cut, ban, scrap, remove, fire …): then a statement about
  the *target* ("protect the aid budget") counts the other way, while one about the *action* ("the cuts are cruel")
  counts as it reads;
* **target**: what the action is done to ("overseas aid", "digital ID cards"), its head noun and content words;
* **vehicle**: the bill, budget or programme that carries it ("through its Journey Home program", "(Tobacco and Vapes
  Bill)"), and **aliases**: a parenthesis in the phrase, the user's keywords.

:meth:`Proposition.refers` tells how a stretch of text refers to it (``action``, ``target`` or nothing) and with
which words, so every rule can say why it counted a statement as being about the issue.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from ..errors import OnrecordError
from ..models import Issue

# Actions that take their object away: supporting the action means wanting less of the target.
REMOVING = {
    "scrap", "abolish", "end", "repeal", "ban", "cut", "remove", "lift", "axe", "drop", "reverse", "stop", "halt",
    "block", "ditch", "overturn", "cancel", "kill", "withdraw", "reduce", "lower", "freeze", "close", "shut", "bar",
    "fire", "oust", "sack", "dismiss", "terminate", "eliminate", "slash", "deport", "expel", "evict", "prohibit",
    "restrict", "limit", "curb", "outlaw", "defund", "suspend", "disqualify", "exclude", "strip", "deny",
}
# In an article about the issue, its vote stands for it too: "the vote", "how she would vote"
ITS_VOTE = re.compile(r"\b(?:the|this|that) vote\b|\bhow (?:he|she|they|i|we) (?:will|would|might|should) vote\b")
# Actions that bring something in or give more of it; with REMOVING, the two families a synonym of the issue's own
# action is looked for in ("slash" for "cut", "bring in" for "introduce").
ADDING = {
    "introduce", "add", "build", "expand", "create", "raise", "increase", "extend", "launch", "impose", "charge",
    "bring", "roll", "establish", "open", "grant", "give", "provide", "fund", "adopt", "enact", "pass", "approve",
    "implement", "require", "mandate", "allow", "legalise", "legalize", "double", "boost", "put", "help",
}
REMOVING |= {"slash", "trim", "axe", "scale", "shrink", "sack", "gut"}
# Actions that bring in something not there yet: the thing itself named stands for the proposal ("digital IDs would
# …" for "introducing digital ID cards"), where for "helping residents" the residents do not
BRINGS_IN = {"introduce", "build", "create", "launch", "establish", "impose", "charge", "adopt", "enact",
             "implement", "mandate", "legalise", "legalize", "roll", "bring", "open"}
# Words of a phrase that carry no topic of their own.
GENERIC = {"people", "person", "thing", "way", "plan", "plans", "program", "programme", "scheme", "issue", "the", "a",
           "an", "its", "their", "his", "her", "new", "more", "use", "part", "proposal", "policy", "move"}
# Nouns that stand for the proposal once an article is about it ("the plan", "the bill", "the scheme").
PROPOSAL_NOUNS = {"plan", "plans", "policy", "proposal", "proposals", "idea", "scheme", "pledge", "measure", "bill",
                  "legislation", "law", "laws", "reform", "reforms", "changes", "change", "move", "decision",
                  "programme", "program", "initiative", "project", "amendment", "amendments", "rule", "rules",
                  "regulation", "order", "ban", "crackdown", "policies", "lawsuit", "suit", "act", "budget",
                  "announcement", "action", "actions", "ordinance", "ordinances", "motion", "trial", "pilot"}
# Nouns for what is charged, any of which an article names the one it is about by: "charging VAT on school fees" …
# "the Conservatives pledged to reverse the tax"
CHARGES = {"tax", "taxes", "levy", "levies", "duty", "duties", "tariff", "tariffs", "surcharge", "toll", "tolls", "vat",
           "charge", "charges", "precept"}
# An amount said before a noun pointed back at: "the $2.1 million plan", "the 5% levy", "the £20 charge"
# (money or a share, not a year: "the 2023 budget" may be another one)
AMOUNT = (r"(?:(?:[$£€]\d[\d.,]*(?:[\s-]*(?:million|billion|thousand|m|bn|k)\b)?|"
          r"\d[\d.,]*(?:%|\s*(?:percent|per\s+cent)\b|[\s-]+(?:million|billion)\b))[\s-]+)")
THE_CHARGE = re.compile(r"\b(?:the|this|that|these|those|its|their|such\s+an?)\s+" + AMOUNT +
                        r"?(?:new\s+|proposed\s+|planned\s+)?(" +
                        "|".join(sorted(CHARGES, key=len, reverse=True)) + r")\b(?!\s+(?:on|of|in|against)\b)")
# ... and what a charge spares someone, pointed back at: "removing the exemption", "ending the tax break"
SPARING_NOUNS = {"exemption", "exemptions", "exception", "loophole", "loopholes", "break", "breaks", "relief",
                 "waiver", "opt-out", "carve-out", "dispensation"}
THE_SPARING = re.compile(r"\b(?:the|this|that|these|those|its|their)\s+(?:[a-z-]+\s+)?(" +
                         "|".join(sorted(SPARING_NOUNS, key=len, reverse=True)) + r")\b")
# A noun pointed back at ("the increase", "this proposed cut"), and what follows it when it says what of ("in crime")
THE_ACT = re.compile(r"\b(?:the|this|that|these|those|such)\s+(?:proposed\s+|planned\s+)?"
                     r"(?!(?:the|a|an|this|that|these|those|its|their|his|her)\b)([a-z-]+)(\s+(?:in|of|on)\b)?")
# A proposal noun that points back at the one the article is about: "the plan", "this scheme", "these cuts"
_PROPOSALS_ALT = "|".join(sorted(PROPOSAL_NOUNS, key=len, reverse=True))
STANDS_FOR = re.compile(r"\b(?:the|this|these|that|those|such|his|her|their|its|our|your)\s+" + AMOUNT +
                        r"?(?:[a-z-]+\s+)?(?:" +
                        _PROPOSALS_ALT + r")\b")
# Nouns by which an article points back at a thing to be put somewhere, once it is about it: "drop the site", "oppose
# the permit", "this building would save lives", where the issue is a shelter on Harmon Street
SITE_NOUNS = {"site", "sites", "building", "facility", "development", "permit", "permits", "complex", "location"}
SITED_FOR = re.compile(r"\b(?:the|this|that|its|their)\s+(?:proposed\s+|planned\s+|new\s+)?(?:[a-z-]+\s+)?(?:" +
                       "|".join(sorted(SITE_NOUNS, key=len, reverse=True)) + r")\b(?!\s+(?:of|for)\b)")
# The decision for the thing an article is about, named bare: "a letter urging approval", "pushed for passage" (not
# "approval of the budget", "approval for a second site": of something else; not "rejection", whose noun the readers
# do not turn)
DECIDED = re.compile(r"(?<![\w’'-])(?:(?:its|final|swift|quick|speedy|full|unanimous)\s+)?(approval|passage|adoption)\b"
                     r"(?!\s+(?:of|for|from|by|in)\b)")
# Actions that put a thing somewhere ("building a stadium", "converting the mill")
SITING = {"build", "construct", "open", "convert", "develop", "site", "locate", "erect"}
# A place a thing is put at, named in a phrase: "on Harmon Street", "at Heathrow"
AT_PLACE = re.compile(r"\b(?:on|at|in|near|beside|outside|off)\s+(?:the\s+)?[A-Z0-9]")
# Words after a word of kind that do not make it another thing's ("speed is", "digital and", "overseas to")
KIND_FOLLOWERS = {"is", "are", "was", "were", "and", "or", "to", "of", "in", "on", "for", "would", "will", "could",
                  "should", "has", "have", "had", "can", "may", "might", "must", "that", "which", "who", "as", "at",
                  "by", "with", "from", "be", "been", "not", "but", "so", "if", "then", "than"}
# Public bodies whose own proposal, pointed back at, is an issue that names no doer: "the city's plan"
PUBLIC_OWNERS = {"city", "county", "council", "state", "district", "board", "government", "administration",
                 "department", "agency", "town", "village", "borough", "committee", "commission", "authority"}
# ... and the officers who speak for such a body, whose proposal is its own: "the mayor's plan", "the governor's bill"
PUBLIC_OFFICERS = {"mayor", "governor", "chancellor", "minister", "premier", "president", "superintendent",
                   "commissioner", "executive", "manager", "chair", "chairman", "chairwoman"}
# ... unless the words after the proposal say what it is for: "the city's plan to raise parking fees"
OTHER_AIM = re.compile(r"\s+(?:to|for|that|on|of)\b")
# Nouns for an arrangement in force (not a proposal to change one): where the issue would take away such a thing
# ("scrapping the two-child benefit cap", "repealing the act"), "the policy" pointed back at is that thing
IN_FORCE = {"policy", "policies", "law", "laws", "rule", "rules", "regulation", "regulations", "scheme", "programme",
            "program", "system", "ordinance", "act"}
# ... and the heads of targets that are such arrangements themselves: a cap, a tax, an exemption (not a thing or a
# person: "the policy" of banning phones, or of firing a chief, is the ban, the firing; nor what is given under an
# arrangement: "the policy" of cutting a payment, a grant or a budget is the cut)
INSTRUMENTS = IN_FORCE | CHARGES | SPARING_NOUNS | {
    "cap", "caps", "limit", "limits", "freeze", "guarantee", "requirement", "requirements", "mandate", "mandates",
    "quota", "quotas", "ban", "bans", "moratorium", "lock"}
# ... or one owned by who the issue says does it: "the board’s actions" where the issue is the board's ouster of X
OWNED = re.compile(r"\b(?:the|this|that)\s+([a-z-]+)[’']s\s+(?:" + _PROPOSALS_ALT + r")\b")
# Action nouns an issue phrase may be built on, with the verb they name.
ACTION_NOUNS = {"ban": "ban", "cut": "cut", "cuts": "cut", "firing": "fire", "firings": "fire", "ouster": "oust",
                "removal": "remove", "expansion": "expand", "introduction": "introduce", "abolition": "abolish",
                "repeal": "repeal", "closure": "close", "closures": "close", "lawsuit": "sue", "suit": "sue",
                "audit": "audit", "deportation": "deport", "deportations": "deport", "changes": "change",
                "change": "change", "rise": "raise", "increase": "increase", "reduction": "reduce", "tax": "tax",
                "levy": "levy", "scrapping": "scrap", "freeze": "freeze", "crackdown": "crack"}


# Nouns of an act ("relocation", "closure", "removal"), and how alike an act's noun and the issue's verb must be, by
# the encoder, to name one act: "relocation"/"moving" 0.66; "removal"/"moving" 0.36, "renovation"/"moving" 0.31
NOMINAL = re.compile(r"[a-z]{3,}(?:tion|sion|ment|ure|ance|ence)s?$")
SAME_ACT = 0.55


@functools.lru_cache(maxsize=4096)
def _same_act(noun: str, verb: str) -> bool:
    """Whether ``noun`` names the act ``verb`` does, by the encoder ("relocation" for "moving"); False where the
    encoder cannot be loaded."""
    if not noun or not verb or _stem(noun) == _stem(verb):
        return False
    try:
        from .vectors import embed

        a, b = embed([noun, verb])
    except OnrecordError:  # (E501, no encoder installed: the words alone decide)
        return False
    return sum(x * y for x, y in zip(a, b, strict=True)) >= SAME_ACT  # (unit vectors: the dot is the cosine)


@functools.lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """A prefix that the word's verb and noun forms share ("introduc" for introduce/introduction/introducing)."""
    w = word.lower()
    if word.isupper() and len(word) <= 5:
        return w  # initials are a name, not a plural or a verb form: "AIDS" is not "aid", "NATS" not "nat"
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]  # "votes", "cuts", "taxes"
    for suffix, keep in (("ation", 4), ("ition", 4), ("ment", 4), ("ing", 3), ("ion", 4), ("al", 4), ("ed", 3),
                         ("er", 4), ("e", 3)):
        if w.endswith(suffix) and len(w) - len(suffix) >= keep:
            w = w[: -len(suffix)]
            if suffix in {"ing", "ed", "er"} and len(w) >= 4 and w[-1] == w[-2] and w[-1] in "bgmnprt":
                w = w[:-1]  # a doubled final consonant: "cutting", "banned", "scrapping"
            return w
    return w


@dataclass
class Proposition:
    phrase: str
    action: str | None = None
    removes: bool = False
    target: str = ""
    head: str | None = None
    terms: set[str] = field(default_factory=set)
    vehicle: str = ""
    aliases: list[str] = field(default_factory=list)
    # the content words of the target alone ("overseas", "aid" in "cutting overseas aid to fund defence spending")
    target_terms: set[str] = field(default_factory=set)
    # words of a clause that tells what the proposal does to something else: "the Rwanda bill" in "the rebel
    # amendments to toughen the Rwanda bill" names the bill, not the amendments
    context_terms: set[str] = field(default_factory=set)
    # who the phrase says does it: the subject of its action ("San Francisco" busing people) or the owner of its
    # noun ("the Trump administration's firing of judges", "Oakland's lawsuit"); "" when it names no one
    agent: str = ""
    # the stems of the words of a proper name of two or more words in the phrase ("Maple Street"): they name the
    # issue only written as a name, capitalised ("street homelessness" says nothing of Maple Street); not its head
    # or a proposal's noun ("the program" stands for "the Transportation Assistance Program")
    name_stems: set[str] = field(default_factory=set)

    def named(self, word: str) -> bool:
        """Whether ``word`` (as written) can name the issue: not a word of one of its proper names in lower case."""
        return not (word[:1].islower() and _stem(word) in self.name_stems)

    def bare_head(self, named: set[str]) -> bool:
        """Whether the target's words ``named`` (stems) are its head alone, where that head is a proposal's noun and
        the target has more words: then it stands for the proposal that carries the action, not the target ("vote
        against the budget" where the issue is cutting the library budget)."""
        head = _stem(self.head) if self.head else ""
        # (not a restriction, which is itself what is taken away: "the ban" of "lifting the ban on wind farms")
        return self.head in PROPOSAL_NOUNS and self.head not in RESTRICTIONS and len(self.target_terms) > 1 and \
            not named - {head}

    def action_word(self) -> str:
        """The action as the phrase writes it ("moving" of "moving challenged books …"), else its verb."""
        action = self.action or ""
        return next((w for w in re.findall(r"[a-z]+", self.phrase.lower()) if _stem(w) == _stem(action)), action)

    def kind_words(self) -> set[str]:
        """The target's words written right before its head, that say what kind of it the head is ("speed" of "speed
        cameras", "overseas" of "overseas aid"); none where the target is the head alone."""
        if not self.head:
            return set()
        words = re.findall(r"[a-z][\w’'-]*", self.target.lower())
        at = next((k for k, w in enumerate(words) if _stem(w) == _stem(self.head)), None)
        out: set[str] = set()
        k = (at or 0) - 1
        while at is not None and k >= 0 and words[k] in self.target_terms:
            out.add(words[k])
            k -= 1
        return out

    def _kinds_of_another(self, low: str) -> set[str]:
        """The target's words of kind (:meth:`kind_words`) that ``low`` writes before a noun of some other thing:
        "speed" in "build speed humps" (not in "speed cameras", nor "digital" in "digital IDs")."""
        targets = {_stem(t) for t in self.target_terms}
        out = set()
        for k in self.kind_words():
            for m in re.finditer(r"\b" + re.escape(k) + r"[\w’'-]*\s+([a-z][\w’'-]*)", low):
                nxt = m.group(1)
                if _stem(nxt) not in targets and nxt not in GENERIC and nxt not in KIND_FOLLOWERS:
                    out.add(k)
        return out

    def sited(self) -> bool:
        """Whether the issue is a thing to be put at a place: a building, a park, a runway ("a 120-bed homeless shelter
        on Harmon Street", "building a stadium for the Hawks"), not an arrangement ("a 5% cap on rents in Lakewood")
        or an act on something there ("banning phones in Maple Grove schools")."""
        if self.action is not None:
            return self.action in SITING
        return self.head is not None and self.head not in INSTRUMENTS and self.head not in ACTION_NOUNS and \
            self.head not in PROPOSAL_NOUNS and AT_PLACE.search(self.phrase) is not None

    def agent_names(self) -> set[str]:
        """The proper names in :attr:`agent` ("Trump" of "the Trump administration"), lower case."""
        return {w.lower() for w in re.findall(r"\b[A-Z][\w’'-]*", self.agent) if w.lower() not in {"the", "a", "an"}}

    @property
    def text(self) -> str:
        """What the issue means, for the sentence encoder: the phrase and its aliases."""
        return "; ".join([self.phrase, *self.aliases])

    def action_words(self) -> set[str]:
        return {_stem(self.action)} | ({_stem(n) for n, v in ACTION_NOUNS.items() if v == self.action}
                                       if self.action else set()) if self.action else set()

    def mention_stems(self) -> set[str]:
        """Stems of the words that name the issue in a sentence: its action and kin, its head, the words of its
        aliases, and the nouns that stand for a proposal."""
        out = self.family() | {_stem(w) for w in PROPOSAL_NOUNS}
        if self.sited():
            out |= {_stem(w) for w in SITE_NOUNS - {"building"}}  # (whose stem is the verb's: "trying to build it")
        if self.head:
            out.add(_stem(self.head))
        for a in self.aliases:
            out |= {_stem(w) for w in re.findall(r"[a-z][a-z’'-]*", a.lower()) if len(w) > 3}
        out |= {_stem(t) for t in self.target_terms if len(t) > 3}
        return out

    def family(self) -> set[str]:
        """Stems of the verbs that do what the issue's action does ("slash", "axe" for "cut")."""
        if not self.action:
            return set()
        fam = REMOVING if self.removes else ADDING if self.action in ADDING else set()
        if self.removes and self.head in RESTRICTIONS:
            fam = fam - {self.head}  # ("the ban should stay", on lifting the ban: the ban, not an act like lifting)
        return {_stem(w) for w in fam} | self.action_words()

    def refers(self, text: str, on_issue: bool = False) -> tuple[str, str] | None:
        """How ``text`` refers to the issue: ``("action", words)`` when it names the proposal or its action (a word
        of the same family next to the target: "slash aid" for "cutting aid"; an alias; the target with a word of
        the phrase beyond it, or with a noun that stands for a proposal: "the decision to slash aid"; in an article
        about the issue, such a noun alone: "the plan", "the bill"), ``("target", words)`` when it names only what
        an action that removes is done to ("protect aid"); None when it does neither."""
        low = text.lower()
        for alias in self.aliases:
            if alias and re.search(r"\b" + re.escape(alias.lower()) + r"\b", low):
                return "action", alias
        written = [w for w in re.findall(r"[A-Za-z][A-Za-z’'-]*", text) if self.named(w)]  # "AIDS" is not "aids"
        words = [w.lower() for w in written]
        stems = {_stem(w) for w in written} | {w[:-1] for w in words if len(w) == 3 and w.endswith("s")}  # "IDs"
        have = {t for t in self.terms if _stem(t) in stems}
        head_named = self.head is not None and _stem(self.head) in stems
        if have and not head_named and have <= self.context_terms:
            have = set()  # only the thing the proposal would act on: "the Rwanda bill" is not the amendments to it
        in_target = {t for t in have if t in self.target_terms}
        beyond = have - self.target_terms
        acted = self.action_words() & stems
        kin = self.family() & stems
        head = self.head is not None and _stem(self.head) in stems
        # a proposal noun that is not the target itself ("budget" of "cutting the budget" is no proposal)
        proposal = next((w for w in words if w in PROPOSAL_NOUNS and _stem(w) not in
                         {_stem(t) for t in self.target_terms}), None)
        core = (self.terms - self.context_terms) or self.terms  # the clause's words are not what it is
        enough = len(have & core) >= max(1, (len(core) + 1) // 2)
        # (a word that only says what kind the head is, without the head, names something else: "speed humps" for
        # "adding speed cameras", "overseas students" for "cutting overseas aid")
        named = head or bool(in_target and in_target - self._kinds_of_another(low)) or (enough and bool(have))
        if acted and self.agent_names() and _anothers_act(text, self):
            return None  # "San Francisco's plans to bus homeless people", where the issue is Humboldt County's busing
        if acted and not have and not head and _acts_on_another(text, self):
            return None  # "cut the parking charge", where the issue is cutting the library budget
        if acted and (have or head or on_issue):
            return "action", " ".join(sorted(acted | have))
        if kin and named:
            return "action", " ".join(sorted(kin | have))
        if on_issue and self.head in CHARGES:
            # in an article on a charge, the charge it names by its kind: "reverse the tax" (not "the tax on fuel")
            charge = THE_CHARGE.search(low) or THE_SPARING.search(low)
            if charge is not None:
                return "action", charge.group(0)
        if kin and on_issue:
            # in an article on the issue, its action's noun pointed back at: "the increase would force small
            # businesses to cut jobs" (not "the increase in crime", which says what of)
            for m in THE_ACT.finditer(low):
                if _stem(m.group(1)) in kin and not m.group(2):
                    return "action", m.group(0).strip()
        if on_issue and self.action and not kin:
            # in an article on the issue, its act named by another noun of the same meaning: "proposed the
            # relocation", where the issue is moving books (by the encoder, word to word)
            for m in THE_ACT.finditer(low):
                if NOMINAL.search(m.group(1)) and _same_act(m.group(1), self.action_word()):
                    return "action", m.group(0).strip()
        if self.action is None and (head or enough) and (enough or on_issue or len(self.terms) <= 1 or
                                                         proposal is not None):
            return "action", " ".join(sorted(have | {self.head or ""}))
        if self.action is None and enough and len(have) >= 2:
            return "action", " ".join(sorted(have))
        if self.action is not None and named and (beyond or proposal is not None) and (enough or on_issue):
            return "action", " ".join(sorted(have | ({proposal} if proposal else set())))
        if self.action in BRINGS_IN and enough and len(in_target) >= 2:
            # what an action would bring in, named: "digital IDs" for "introducing digital ID cards"
            return "action", " ".join(sorted(have))
        if self.action is not None and head and (enough or on_issue):
            # (a target that is itself a proposal's noun, named bare, is the proposal that carries the action: "vote
            # against the budget" where the issue is cutting the library budget)
            bare = self.bare_head({_stem(t) for t in in_target})
            return ("target" if self.removes and not bare else "action"), " ".join(sorted(have | {self.head or ""}))
        if on_issue:
            standing = STANDS_FOR.search(low) or ITS_VOTE.search(low)
            if standing is not None and self.removes and self.head in INSTRUMENTS and \
                    standing.group(0).split()[-1] in IN_FORCE:
                return "target", standing.group(0)  # "defended the policy", on scrapping the cap: the cap
            if standing is not None:
                return "action", standing.group(0)
            decided = DECIDED.search(low)
            if decided is not None and not re.search(r"\b(?:the|a|an|this|that|his|her|their|our)\s+$",
                                                     low[: decided.start()]):
                return "action", decided.group(0)
            site = SITED_FOR.search(low) if self.sited() else None
            if site is not None:
                return "action", site.group(0)
            owner = OWNED.search(low)
            if owner is not None and _stem(owner.group(1)) in {_stem(w) for w in self.agent.lower().split()}:
                return "action", owner.group(0)
            if owner is not None and (not self.agent and owner.group(1) in PUBLIC_OWNERS or
                                      owner.group(1) in PUBLIC_OFFICERS) and not OTHER_AIM.match(low, owner.end()):
                # an issue with no doer named: the public body's own proposal, in an article on it, is the issue
                # ("testified in favor of the city's plan"; not "the city's plan to raise parking fees")
                return "action", owner.group(0)
        return None


# Words of a body's name that say what kind of body it is, not which
BODY_KINDS = {"council", "county", "city", "state", "district", "department", "administration", "government",
              "board", "committee", "party", "authority", "agency", "office", "ministry", "borough", "town"}
# A proper name's possessive, then a few words in lower case, right before a word: "San Francisco’s plans to "
OWNER_BEFORE = re.compile(r"\b((?:[A-Z][\w’'-]*\s+){0,3}[A-Z][\w’'-]*?)(?:[’']s|s[’'])\s+(?:[a-z][\w’'-]*\s+){0,3}$")


def _anothers_act(text: str, prop: Proposition) -> bool:
    """Whether the first word of ``text`` of the issue's action is owned by a proper name that is not the issue's
    agent's: "Humboldt voted to send a letter about San Francisco’s plans to bus homeless people", where the issue is
    Humboldt County busing them (the same act, someone else's)."""
    agent = prop.agent_names() - BODY_KINDS  # ("Bexley Council" is not "Dunmore Council" for its "Council")
    if not agent:
        return False
    for m in re.finditer(r"[A-Za-z][\w’'-]*", text):
        if _stem(m.group(0)) not in prop.action_words():
            continue
        owner = OWNER_BEFORE.search(text[: m.start()])
        return owner is not None and not {w.lower() for w in owner.group(1).split()} & agent
    return False


# Determiners before what a verb acts on, and words that end what it acts on (or show the verb was a noun)
OBJECT_DETERMINERS = {"the", "a", "an", "its", "their", "his", "her", "our", "this", "that", "these", "those", "any",
                      "all", "some", "every"}
NOT_AN_OBJECT = {"will", "would", "could", "can", "may", "might", "must", "should", "is", "are", "was", "were", "be",
                 "been", "has", "have", "had", "to", "and", "or", "but", "of", "in", "on", "for", "by", "at", "with",
                 "from", "as", "that", "which", "who", "it", "them", "this", "back", "down", "off", "out", "up"}


def _acts_on_another(text: str, prop: Proposition) -> bool:
    """Whether every word of ``text`` of the issue's action is a verb done, by its determined object, to something the
    issue does not name: "the council cut the parking charge", where the issue is cutting the library budget (not
    "cut it", "the cuts will hurt", "cut funding for the library")."""
    words = re.findall(r"[A-Za-z][\w’'-]*", text)
    named = {_stem(t) for t in _object_terms(prop)}
    seen = False
    for k, w in enumerate(words):
        if _stem(w) not in prop.action_words():
            continue
        seen = True
        after = [x.lower() for x in words[k + 1 : k + 6]]
        if not after or after[0] not in OBJECT_DETERMINERS:
            return False  # (a pronoun, a noun use, or an object with no determiner: not told apart here)
        obj = []
        for x in after[1:]:
            if x in NOT_AN_OBJECT:
                break
            obj.append(x)
        if not obj or {_stem(x) for x in obj} & named:
            return False
    return seen


def _object_terms(prop: Proposition) -> set[str]:
    """The words of the issue that may name what its action is done to: its terms, and its head."""
    return prop.terms | ({prop.head} if prop.head else set())


def _nlp() -> Any:
    from .. import nlp as nlp_mod

    return nlp_mod.load()


# Nouns of a restriction on something, which an action that takes the restriction away lets be
RESTRICTIONS = {"ban", "cap", "limit", "restriction", "moratorium", "prohibition", "embargo", "curb", "freeze"}


@lru_cache(maxsize=256)
def _parse(phrase: str, keywords: tuple[str, ...]) -> Proposition:
    aliases = [a.strip() for a in re.findall(r"\(([^)]*)\)", phrase) if a.strip()]
    core = re.sub(r"\([^)]*\)", " ", phrase)
    core = re.sub(r"\s+", " ", core).strip()
    prop = Proposition(phrase, aliases=aliases + [k for k in keywords if k.strip()])
    doc = _nlp()(core)
    toks = [t for t in doc if not t.is_punct]
    if not toks:
        return prop
    first = toks[0]
    verb = first if first.tag_ == "VBG" else None
    agent: list[Any] = []  # who does it: "social service providers" barring people, "San Francisco" busing them
    verbal: set[int] = set()  # participles that are the object itself, in a noun's place (_nounish)
    owner: list[Any] = []  # ... or whose proposal it is (the noun's owner: a name, not words of the proposal)
    if verb is None:
        root = next((t for t in doc if t.dep_ == "ROOT"), toks[0])
        if root.tag_ == "VBG" and root.pos_ == "VERB":
            verb = root
            agent = [x for c in root.children if c.dep_ in {"nsubj", "csubj"} for x in c.subtree]
        elif root.pos_ in {"NOUN", "PROPN"}:
            doing = next((c for c in root.children if c.dep_ == "acl" and c.tag_ == "VBG" and
                          any(g.dep_ == "dobj" for g in c.children)), None)
            if doing is not None:
                verb = doing
                agent = [x for x in root.subtree if x not in set(doing.subtree) and
                         not (x.dep_ == "prep" or any(a.dep_ == "prep" and a.head.i == root.i for a in x.ancestors))]
    if verb is not None:
        prop.action = verb.lemma_.lower()
        obj = [c for c in verb.children if c.dep_ in {"dobj", "attr", "oprd", "nsubjpass"}]
        obj = obj or [c for c in verb.children if c.dep_ in {"dative", "ccomp", "xcomp"}]
        target = obj[0] if obj else None
        barred = _barred_from(verb) if prop.action in KEEPS_FROM else None
        if target is not None and barred is not None:
            # "barring transgender people from changing the gender marker …": what is taken away is the thing they
            # are barred from; naming only those barred is naming who it is about, not the proposal
            prop.context_terms |= {x.lemma_.lower() for x in target.subtree
                                   if x.pos_ in {"NOUN", "PROPN", "ADJ"} and x.lemma_.lower() not in GENERIC}
            target = barred
        if target is not None:
            prop.head = _term(target)
            mods = [c for c in target.children if c.dep_ in {"amod", "compound"} and c.lemma_.lower() not in GENERIC]
            if prop.head in GENERIC:  # "transgender people": "people" alone is anyone
                prop.head = mods[-1].lemma_.lower() if mods else None
            skip = {x.i for c in target.children if c.dep_ in {"relcl", "acl"} for x in c.subtree}
            prop.target = " ".join(x.text for x in target.subtree if x.i not in skip)
            # (a restriction taken away lets what it was on be: "lifting the ban on onshore wind farms" takes away
            # the ban, not the wind farms, which stay words of the issue that are not its target)
            freed = {x.i for c in [*target.children, *(c for c in verb.children if c.i > target.i)]
                     if c.dep_ == "prep" and c.lower_ in {"on", "against"}
                     for x in c.subtree} if prop.action in REMOVING and prop.head in RESTRICTIONS else set()
            if target.pos_ == "VERB":  # ("legalising assisted dying": a participle the parser took for the object)
                verbal |= {target.i} | {c.i for c in target.children if c.dep_ in {"amod", "compound"}}
            prop.target_terms = {_term(x) for x in target.subtree if x.i not in skip | freed and
                                 _nounish(x, verbal) and x.lemma_.lower() not in GENERIC}
            prop.terms |= {x.lower_ for x in doc if x.i in freed and x.tag_ == "VBG"}  # ("the ban on fracking")
    else:
        root = next((t for t in doc if t.dep_ == "ROOT"), toks[0])
        head = root
        subject = next((c for c in root.children if c.dep_ == "nsubj" and c.pos_ in {"NOUN", "PROPN"}), None)
        if root.pos_ in {"NOUN", "PROPN"} and subject is not None and not any(t.pos_ in {"VERB", "AUX"} for t in doc):
            head = subject  # a noun phrase the parser read as a sentence: "Oakland's lawsuit … over sick leave"
        # the owner of the proposal, who does it: "the OpenAI board's ouster of …", "Oakland's lawsuit against …"
        owner = [x for c in head.children if c.dep_ == "poss" and c.tag_ != "PRP$" for x in c.subtree
                 if x.dep_ != "case"]
        # "the rebel amendments to toughen the Rwanda bill", "the OpenAI board's ouster of Sam Altman"
        prop.head = head.lemma_.lower()
        clause = [x for c in head.children if c.dep_ in {"acl", "relcl"} for x in c.subtree]
        last = toks[-1]
        if last.text[:1].isupper() and last.lower_ in PROPOSAL_NOUNS and last.i != head.i and last not in clause:
            prop.head = last.lower_  # a named law: "the Safety of Rwanda Bill" is a bill, whatever the parse says
        noun_action = ACTION_NOUNS.get(head.lower_) or ACTION_NOUNS.get(head.lemma_.lower())
        if noun_action is not None and noun_action not in {"tax", "levy", "change"}:
            prop.action = noun_action
            of = [g for c in head.children if c.dep_ == "prep" and c.lower_ in {"of", "on", "to", "against"}
                  for g in c.children if g.dep_ == "pobj"]
            if of:
                prop.head = of[0].lemma_.lower()
        prop.context_terms = {x.lemma_.lower() for x in clause if x.pos_ in {"NOUN", "PROPN", "ADJ"}}
        prop.target = core
        prop.target_terms = {t.lemma_.lower() for t in doc if t.pos_ in {"NOUN", "PROPN", "ADJ"} and
                             t.lemma_.lower() not in GENERIC}  # "people" alone names no one in particular
    prop.removes = bool(prop.action) and prop.action in REMOVING
    # naming only who would do it is not naming what they would do
    prop.context_terms |= {x.lemma_.lower() for x in agent if x.pos_ in {"NOUN", "PROPN", "ADJ"}}
    prop.agent = " ".join(x.text for x in agent or owner if x.dep_ != "det" and x.tag_ != "PRP$")
    for t in doc:
        if _nounish(t, verbal) and t.lemma_.lower() not in GENERIC and not t.is_stop and \
                (len(t.text) > 2 or t.text.isupper()) and t.lemma_.lower() != prop.action:  # "digital ID cards"
            prop.terms.add(_term(t))
        if t.dep_ == "pobj" and t.head.lower_ in {"through", "via", "in", "under"} and \
                t.lemma_.lower() in PROPOSAL_NOUNS | {"budget", "bill", "program", "programme"}:
            prop.vehicle = " ".join(x.text for x in t.subtree)
    if prop.action and prop.action in prop.terms:
        prop.terms.discard(prop.action)
    for t in doc:  # the words of a proper name of two or more words: "Maple Street", "Oakland Unified"
        run = t.pos_ == "PROPN" and t.text[:1].isupper() and any(
            x.pos_ == "PROPN" and x.text[:1].isupper() for x in doc[max(0, t.i - 1) : t.i + 2] if x.i != t.i)
        if run and t.lower_ not in PROPOSAL_NOUNS and t.lemma_.lower() != prop.head:
            prop.name_stems.add(_stem(t.text))  # (not the proposal's own noun: "the program" is "the … Program")
    return prop


def _nounish(t: Any, verbal: set[int]) -> bool:
    """Whether ``t`` is a word of what the issue names: a noun, a name, an adjective, or a participle that is the
    action's object itself, in a noun's place (``verbal``: "assisted dying", which the parser reads as two verbs;
    not "grooming" in "an inquiry into grooming gangs", which only says what kind)."""
    return t.pos_ in {"NOUN", "PROPN", "ADJ"} or (t.i in verbal and t.tag_ in {"VBG", "VBN"})


def _term(t: Any) -> str:
    """The form of ``t`` an issue's words are kept in: its lemma, or a participle as written ("dying", not "die")."""
    return t.lower_ if t.pos_ == "VERB" else str(t.lemma_.lower())


# Actions that keep their object from something ("barring people from changing …"), unlike "removing X from Y"
KEEPS_FROM = {"bar", "ban", "prohibit", "prevent", "stop", "block", "forbid", "restrict", "deter", "discourage"}


def _barred_from(verb: Any) -> Any:
    """The object of what the verb's object is kept from ("barring people from changing **the marker**", "banning
    under-16s from **social media**"), or None."""
    for c in verb.children:
        if c.dep_ != "prep" or c.lower_ != "from":
            continue
        for g in c.children:
            if g.dep_ == "pobj" and g.pos_ in {"NOUN", "PROPN"}:
                return g
            if g.dep_ == "pcomp":
                return next((d for d in g.children if d.dep_ in {"dobj", "pobj"}), None)
    return None


def parse(issue: Issue | str) -> Proposition:
    """The proposition an issue phrase states (cached), with the user's corrections of its reading applied."""
    if isinstance(issue, str):
        return _parse(issue.strip(), ())
    prop = _parse(issue.name.strip(), tuple(issue.keywords))
    return corrected(prop, issue.reading) if issue.reading else prop


READING_KEYS = ("action", "target", "direction", "agent")


def corrected(prop: Proposition, reading: dict[str, str]) -> Proposition:
    """``prop`` with a user's reading put in place: ``action`` (the verb, "cut"), ``target`` (what it is done to,
    "overseas aid"), ``direction`` ("removes": the action takes the target away; "adds": it brings it in),
    ``agent`` (who does it, "the City of Oakland"; "-" for no one)."""
    out = replace(prop, terms=set(prop.terms), target_terms=set(prop.target_terms), aliases=list(prop.aliases))
    action = (reading.get("action") or "").strip().lower()
    if action:
        out.action = ACTION_NOUNS.get(action, action.split()[0])
        out.removes = out.action in REMOVING
    target = (reading.get("target") or "").strip()
    if target:
        words = [w for w in re.findall(r"[a-z][a-z’'-]*", target.lower()) if w not in GENERIC and len(w) > 2]
        out.target = target
        out.target_terms = set(words)
        out.terms = (out.terms - prop.target_terms) | set(words)
        out.head = words[-1] if words else out.head
    direction = (reading.get("direction") or "").strip().lower()
    if direction in {"removes", "adds"}:
        out.removes = direction == "removes"
    agent = (reading.get("agent") or "").strip()
    if agent:
        out.agent = "" if agent == "-" else agent  # "-": the phrase names no one who does it
    return out


def describe(prop: Proposition) -> dict[str, Any]:
    """How the issue is read, for people to check: its action and which way it goes, its target, its vehicle, who
    does it."""
    return {"action": prop.action or "", "direction": ("removes" if prop.removes else "adds") if prop.action else "",
            "target": prop.target, "head": prop.head or "", "vehicle": prop.vehicle, "agent": prop.agent,
            "aliases": list(prop.aliases),
            "terms": sorted(prop.terms)}
