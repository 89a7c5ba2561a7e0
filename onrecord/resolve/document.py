"""Who is who inside one article: names, pronouns, roles and organisations.

Two passes over the parsed article:

1. every named person (spaCy PERSON entities, "Title Surname" patterns, register
   names) becomes an entity with its aliases, party, roles and gender taken from
   the words around the name ("Labour MP Dan Carden", "Tom Ashby, a Conservative MP");
2. sentence by sentence, each noun phrase that can speak (subjects, possessors,
   agents) is resolved to an entity: names by surname, pronouns to the most
   salient earlier entity of the right kind and gender, role nouns ("the
   backbencher", "the Home Secretary", "the PM") through roles seen in the text
   and offices in the register, indefinite ones ("A Labour MP") to the person the
   article later names with that description.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..extract.intervals import Intervals
from ..extract.lexicon import (
    ABBREVIATIONS,
    AIM_VERBS,
    AUTHORED_DOCUMENTS,
    BARE_BODY_KINDS,
    COLLECTIVE_MOUTHS,
    COMPANY_NOUNS,
    COUNSEL,
    DOCUMENT_NOUNS,
    DONE_TO_VERBS,
    FEMALE_TITLES,
    FIRST_NAMES,
    GENERIC_BODY_NOUNS,
    GROUP_BODIES,
    GROUP_MOUTHS,
    HONORIFICS,
    INVESTIGATORS,
    KIN_WORDS,
    MALE_TITLES,
    MOUTH_NOUNS,
    NOT_A_BUSINESS,
    ORG_HEADS,
    ORG_PRONOUNS,
    PEERAGE,
    PERSON_ROLE_NOUNS,
    POLLS,
    PRONOUN_GENDER,
    PUBLIC_BODY_KINDS,
    ROLE_CLASSES,
    ROLE_TITLES,
    ROLE_WORDS,
    SAYING_VERBS,
    TARGETED_DOCUMENTS,
    TITLE_ABBREVIATIONS,
    TITLE_WORDS,
    US_DESIGNATOR,
    US_PARTY_LETTERS,
    first_name_gender,
)
from ..models import EntityFacts
from ..registry import article_resolvers
from .register import Register, RegisterEntry

Token = Any  # spacy.tokens.Token
Span = Any  # spacy.tokens.Span

SUBJECT_DEPS = {"nsubj", "nsubjpass"}
# dependents that end a noun phrase read leftwards from its head
NOT_IN_NP = frozenset({"relcl", "acl", "appos", "punct", "prep", "advcl"})
_APOS = re.compile(r"[’']s?$")


# Words before an office that make its holder someone else than the office's: "the chancellor" is not "shadow
# chancellor X", "deputy mayor X", "former minister X" (a lookbehind for each, for a role read in lower case)
OTHER_HOLDER = "".join(f"(?<!{w} )" for w in ("shadow", "deputy", "former", "vice", "assistant", "ex")) + \
    "(?<!vice-)(?<!ex-)"


@dataclass
class Resolved:
    key: str
    kind: str  # name | pronoun | role | organisation | spokesperson
    start: int
    end: int
    mouth: str | None = None


def _names_author(t: Token) -> bool:
    """Whether ``t``, a word in front of a document ("a **Pew** survey", "**Gallup**'s poll"), can name who wrote it:
    a possessive, or a compound where the document is not one that names what it looks into ("the Boeing audit"),
    or the compound is a body that investigates (a public body, a newspaper)."""
    head = t.head
    lemma = head.lemma_.lower()
    if head.i <= t.i or head.pos_ != "NOUN" or lemma not in AUTHORED_DOCUMENTS:
        return False
    if t.dep_ == "compound" and lemma in TARGETED_DOCUMENTS:
        # unless the name is of a body that investigates: "a Los Angeles Times investigation", "an FBI inquiry"
        return any(x.lower_ in INVESTIGATORS for x in t.subtree)
    return t.dep_ in {"poss", "compound"}


def _anaphoric(t: Token) -> bool:
    """Whether a document noun refers back to one named before: "the poll", "that survey", "the new study", "the
    August poll" (a date in front names no author); not "a poll", "the Pew survey", "its own poll", "two studies"."""
    dated = any(c.ent_type_ in {"DATE", "TIME"} for c in t.children if c.dep_ in {"compound", "nummod"})
    return any(c.dep_ == "det" and c.lower_ in {"the", "that", "this"} for c in t.children) and \
        not any(c.dep_ in {"compound", "poss", "nummod"} and c.ent_type_ not in {"DATE", "TIME"} for c in t.children) \
        and not (dated and any(x.lower_ == "by" for x in t.subtree if x.i > t.i))  # "the 2019 poll, paid for by X"


def _share(t: Token) -> bool:
    """Whether ``t`` names a share of a group ("70%", "a majority", "most", "dozens"; not "one", whose one is
    someone)."""
    return t.ent_type_ == "PERCENT" or t.text == "%" or t.lower_ in SHARE_WORDS or (t.like_num and t.lower_ != "one")


def canonical_name(words: list[str]) -> str:
    """Drop honorifics unless only a peerage title and one name are left ("Lord Glasman")."""
    words = [w for w in words if w]
    while words and words[-1].lower().rstrip(".") in HONORIFICS:
        words.pop()
    titles = []
    while len(words) > 1 and words[0].lower().rstrip(".") in HONORIFICS:
        titles.append(words.pop(0))
    if len(words) == 1 and titles and titles[-1].lower() in PEERAGE:
        return f"{titles[-1]} {words[0]}"
    return " ".join(words)


def is_org_ent_only_org(toks: list[Any]) -> bool:
    """A name whose last word is an organisation word ("Reform Network") is not a person."""
    return toks[-1].lower_ in ORG_HEADS


# What keeps someone unnamed, right after the words that stand for them: "One Labour MP, who asked not to be named,"
ANONYMOUS = re.compile(r"[\s,(—–-]*(?:(?:who|which)\s+(?:asked|requested|declined|did\s+not\s+want|didn[’']t\s+want|"
                       r"was\s+not\s+authori[sz]ed|is\s+not\s+authori[sz]ed)\s+(?:not\s+)?to\s+be\s+(?:named|identified)|"
                       r"speaking\s+(?:anonymously|on\s+condition\s+of\s+anonymity|privately)|"
                       r"(?:who|which)\s+spoke\s+(?:anonymously|on\s+condition\s+of\s+anonymity))", re.I)


def _role_head(role: str) -> str:
    """The word a role is: "director" for "director of the Stanford Basic Income Lab" (not the lab), "attorney"
    for "city attorney"."""
    words = re.split(r"\s+(?:of|at|for|in|with|on)\s+", role.lower())[0].split()
    return words[-1] if words else ""


def joined_to_what_is_said(verb: Token) -> Token | None:
    """The verb of saying whose subject ``verb`` shares where the parse joined ``verb`` to what was said, whose
    subject is a thing, not to the verb of saying: "X said the pause would give them time and insisted …", parsed as
    if the pause insisted; "… said the government's position was indefensible and called for …"."""
    head = verb.head
    if not (verb.dep_ == "conj" or accompanying(verb)) or head.dep_ != "ccomp" or \
            head.head.lemma_.lower() not in SAYING_VERBS:
        return None
    subj = next((c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    return head.head if subj is not None and subj.pos_ == "NOUN" and not subj.ent_type_ else None


def accompanying(verb: Token) -> bool:
    """Whether ``verb`` is a participle clause with nothing joining it to its head ("wrote to ministers, calling for
    …", "said the company was failing, urging ministers to act"): a second act of the head's subject, not the head's
    object or purpose; not after "with" and its noun, whose act it is ("facing a backlash, with Richard Burgon
    announcing …")."""
    return verb.dep_ == "advcl" and verb.tag_ == "VBG" and not any(
        c.dep_ in {"mark", "aux", "nsubj", "nsubjpass"} for c in verb.children) and not any(
        c.dep_ == "prep" and c.lower_ == "with" and c.i < verb.i for c in verb.head.children)


def asked_to(verb: Token) -> bool:
    """Whether ``verb`` is what someone was asked to do ("Tom Bell was asked to back the levy"), or pressed to do
    ("Ministers are under pressure to scrap the cap", "the Chancellor faces calls to scrap it"), not what they did."""
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in ASKED_TO and \
            any(c.dep_ == "nsubjpass" for c in verb.head.children):
        return True
    noun = verb.head
    return verb.dep_ in {"acl", "advcl"} and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) and \
        noun.lemma_.lower() in PRESSING and not any(c.dep_ == "poss" for c in noun.children) and \
        (noun.lemma_.lower() == "pressure" or noun.head.lemma_.lower() in PRESSED)


def _the_alone(t: Token) -> bool:
    """Whether a noun has "the" and nothing else in front of or after it ("the company", not "its parent company",
    "the Ohio company", "a company")."""
    return [c.lower_ for c in t.children if c.dep_ != "punct"] == ["the"]


def aimed_at(verb: Token) -> bool:
    """Whether ``verb`` is what someone aims at or demands ("to ensure that the company creates …", "urged that the
    council reject it"), not what its subject did."""
    return verb.dep_ == "ccomp" and verb.head.lemma_.lower() in AIM_VERBS


def some_of_them(noun: Token) -> bool:
    """Whether ``noun`` is a plural narrowed by a relative clause with no comma before it: "the Tories who opposed
    the bill" are those of them who did, not the party."""
    return noun.tag_ in {"NNS", "NNPS"} and any(
        c.dep_ == "relcl" and c.left_edge.i > noun.i and noun.doc[c.left_edge.i - 1].text != ","
        for c in noun.children)


# Verbs of asking, whose "if" clause is a question: "asked if she backed the plan"
ASKING = {"ask", "question", "wonder", "quiz", "query"}


def asked_about(verb: Token) -> bool:
    """Whether ``verb`` is asked about, not done: "Asked whether he supported it, he said …", "When asked if she
    backed the plan, Lee declined to comment" (not "if she backs it, I will too": a condition is the reader's)."""
    mark = next((c for c in verb.children if c.dep_ == "mark" and c.lower_ in {"whether", "if"}), None)
    if mark is None:
        return False
    before = verb.doc[mark.i - 1] if mark.i > 0 else None
    return mark.lower_ == "whether" or verb.head.lemma_.lower() in ASKING or \
        (before is not None and before.lemma_.lower() in ASKING)


def _named_after_a_person(x: Token, head: Token, kind: str) -> bool:
    """Whether ``x``, a person's name, only says whose people the plural ``head`` is ("Biden donors", "Trump voters"):
    they are not that person (unlike those who speak for them: "Trump aides", "Starmer's spokesman")."""
    return kind == "name" and x.dep_ == "compound" and x.head.i == head.i and head.tag_ == "NNS" and \
        head.lemma_.lower() not in MOUTH_NOUNS | GROUP_MOUTHS


# The nouns of a party's group of members, right after the party's name: "Labour MPs", "Tory backbenchers"
PARTY_GROUP = re.compile(r"(?:MPs?|backbench(?:ers?|es)|benches|members|rebels|MSPs?|MSs?|peers|councillors|"
                         r"frontbenchers)$")
# What says a person sits for a seat (their sentence must, for the sentence before to tell their party)
MEMBER_WORDS = re.compile(r"\b(?:MP|represents|constituency|seat|backbencher|the member for|co-?sponsored|"
                          r"told the (?:chamber|Commons|House)|spokes(?:person|man|woman))\b|^\W*(?:Another|One|Their|"
                          r"Its)\b")
# A sentence that opens on one more of a group named before: "Another, Helen Marchbank, said …"
ANOTHER = re.compile(r"^\W*Another\b")
# A sentence that opens on the group the sentence before named: "Their work and pensions spokesperson, Steve Darling"
THEIR = re.compile(r"^\W*(?:Their|Its)\s")


def _name_tokens(toks: Any) -> list[Token]:
    """The tokens of a name as written, without a possessive or a "the" in front ("the Penn’s Center" -> Penn
    Center; "Friends of the Earth" keeps its own)."""
    out = [x for x in toks if x.text not in {"’s", "'s"}]
    while out and out[0].lower_ == "the":
        out = out[1:]
    return [x for k, x in enumerate(out) if x.lower_ != "the" or (0 < k < len(out) - 1 and out[k - 1].lower_ in
                                                                   {"of", "for", "to", "and"})]


def _a_first_name(word: str) -> bool:
    """Whether ``word`` is a known first name (of either gender, or of both: "Lee")."""
    return word in FIRST_NAMES or first_name_gender(word) is not None


def _clean(text: str) -> str:
    # (a full stop the tokenizer left on a name, "the Commons." at a sentence's end; not an abbreviation's, "Inc.")
    return re.sub(r"(?<=[a-z]{3})\.$", "", _APOS.sub("", text.strip()).strip())


# Words that open a clause of its own: "even as he joined", "when she left", "after they voted"
SUBORDINATORS = {"as", "when", "while", "after", "before", "because", "since", "although", "though", "until", "once",
                 "whenever", "if", "unless"}
# Words for a share of a group: "70% of Democrats", "two-thirds of the councillors" are not the group or its party
SHARE_WORDS = {"percent", "majority", "minority", "half", "most", "many", "some", "several", "few", "dozens",
               "hundreds", "thousands", "share", "proportion", "all", "number", "handful", "couple", "group", "third",
               "thirds", "quarter", "quarters", "fifth", "fifths", "tenth", "tenths"}
# Words that make a plural a subset: "some Democrats" are not the Democratic Party
SOME_OF = {"some", "several", "many", "few", "most", "other", "both", "dozens", "two", "three", "four"}
# Verbs whose doer or agent is the party a person belongs to: "suspended by the Labour Party", "lost the Tory whip"
MEMBER_ACTIONS = {"suspend", "expel", "lose", "restore", "withdraw", "remove", "readmit"}
# Plural nouns for a party's members as a group: "Labour MPs", "Tory rebels"
GROUP_NOUNS = {"mps", "members", "councillors", "senators", "representatives", "lawmakers", "legislators", "peers",
               "backbenchers", "rebels", "msps", "ams", "assemblymembers", "councilmembers"}
# The units a place's government goes by: "Humboldt County", "City of Dunmore"
# Common nouns that follow a body's name as its kind: "the GMB union", "the Greenway group"
NAMED_BODY_HEADS = {"union", "group", "charity", "association", "foundation", "coalition", "alliance", "network",
                    "federation", "society",
                    # a named body's governing body: "the Riverside Unified School District board voted 4-1 …"
                    "board", "council", "committee", "commission"}
# Last words of a body's or place's name ("… School District", "… County")
BODY_NAME_ENDS = {"district", "county", "city", "town", "village", "school", "schools", "university", "college",
                  "authority", "borough", "parish", "state"}
# What a place's government runs or makes: "Dane County’s Breathe program", "Oakland’s ban", "California's law"
OWNABLE = {"program", "programme", "programs", "programmes", "plan", "plans", "policy", "policies", "scheme", "law",
           "laws", "ban", "ordinance", "initiative", "pilot", "budget", "rule", "rules", "lawsuit", "project"}
# Verbs of asking someone to do something: who "was asked to back it" has not backed it
# Nouns of a demand made on someone, and the words that put it on them: "under pressure to scrap it", "faces calls
# to scrap it" (not "Labour's call to scrap it", a demand of its own)
PRESSING = {"pressure", "call", "demand", "appeal", "plea", "request"}
PRESSED = {"face", "under", "resist", "ignore", "receive", "rebuff"}
ASKED_TO = {"ask", "urge", "tell", "press", "call", "invite", "encourage", "pressure", "lobby", "advise", "expect",
            "implore", "beg", "request", "order", "instruct"}
# The heads of a body a university or a founder owns by name ("Penn’s Center for …", "Brown’s School of …"): a one-word
# "person" written as their owner is that body, not a company ("Murdoch’s News Corp", "Bezos’s Blue Origin")
ACADEMIC_HEADS = {"center", "centre", "institute", "school", "lab", "laboratory", "college", "department", "program",
                  "programme", "initiative", "observatory", "clinic"}
# Words left out of a body's initials: "International Coral Reef Initiative" is ICRI, "Department of Education" DE
SMALL_WORDS = {"of", "and", "the", "for", "in", "on", "at", "to", "&"}
# Words of a description that relate someone to a body rather than name one: "chair of the committee"
RELATIONS = {"of", "for", "at", "with", "from"}
# Prepositions after a noun that lead to what it is about, not who it is: "a complaint against X" (after a document,
# "to", "of" and "on" too: "the letter to X", "a video of X", "a report on X")
ADDRESSED = {"toward", "towards", "against", "about", "over"}
# The common nouns by which a story calls a body it has named ("the association", "the lab", "the institute"): the
# organisation in focus whose name has that word
BODY_NOUNS = ORG_HEADS | {"lab", "laboratory", "center", "centre", "university", "project", "institution", "bureau"}
# The letters after a member's seat ("the Thirsk and Malton MP"): never part of a name
MEMBER_LETTERS = {"MP", "MPs", "MSP", "MEP", "MLA", "AM", "MS"}
# what an outlet does to news: its subject, or the agent of its passive, under a name that is no person's, is an outlet
OUTLET_VERBS = {"report", "publish", "reveal", "disclose"}
# Places written by their initials, by their names: "L.A. County" is Los Angeles County
PLACE_SHORT = {"L.A.": "Los Angeles", "N.Y.": "New York", "S.F.": "San Francisco", "N.Y.C.": "New York City"}
PLACE_UNITS = ("County", "City", "Borough", "Parish", "Township", "Town", "Village")
# The US states, for "the state's Department of …" after the story has named the state
US_STATES = frozenset({
    "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware", "Florida",
    "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky", "Louisiana", "Maine", "Maryland",
    "Massachusetts", "Michigan", "Minnesota", "Mississippi", "Missouri", "Montana", "Nebraska", "Nevada",
    "New Hampshire", "New Jersey", "New Mexico", "New York", "North Carolina", "North Dakota", "Ohio", "Oklahoma",
    "Oregon", "Pennsylvania", "Rhode Island", "South Carolina", "South Dakota", "Tennessee", "Texas", "Utah", "Vermont",
    "Virginia", "Washington", "West Virginia", "Wisconsin", "Wyoming",
})
STATE_WORDS = re.compile(r"\b(?:" + "|".join(sorted(US_STATES, key=len, reverse=True)) + r")\b")
# What a minister resigns from: "resigned from Keir Starmer's cabinet"
CABINETS = {"cabinet", "government", "frontbench", "front bench", "ministry"}
# Words that keep a party named beside a person from being theirs now
FORMER_WORDS = {"former", "ex", "one-time", "onetime", "erstwhile"}
NON_MEMBERS = {"donor", "donors", "supporter", "supporters", "voter", "voters", "critic", "critics", "funder",
               "funders", "backer", "backers"}
# One member of a party, as a news story refers back to them: "the Democrat", "the Texas Republican", "the Tory".
PARTY_MEMBER_NOUNS = {"democrat", "republican", "tory", "libertarian"}


def _join(toks: list[Any]) -> str:
    """Tokens' text as written: a space only where the text had one ("Ocasio-Cortez", not "Ocasio - Cortez")."""
    out = []
    for k, x in enumerate(toks):
        out.append(x.text)
        if k + 1 < len(toks):
            out.append(x.whitespace_ if toks[k + 1].i == x.i + 1 else " ")
    return "".join(out)


def _descriptor_first(toks: list[Token]) -> bool:
    """Whether a name's first word is a descriptor glued on ("Campaign group Blue Labour", "council Labour") rather
    than part of the name ("Board of Registered Nursing", "Movement Advancement Project")."""
    first, second = toks[0], toks[1]
    if second.lower_ in {"of", "for", "and", "&", "on", "to", "against"}:
        return False
    return bool(first.text[:1].islower() or first.is_sent_start or second.text[:1].islower())


def _inner_hyphen(t: Any) -> bool:
    """The hyphen inside a double-barrelled name ("Ocasio-Cortez", "Jean-Pierre"): no space either side, a
    capitalised word on both."""
    doc = t.doc
    return t.text in {"-", "\u2010", "\u2011"} and 0 < t.i < len(doc) - 1 and not t.whitespace_ and \
        not doc[t.i - 1].whitespace_ and doc[t.i - 1].text[:1].isupper() and doc[t.i + 1].text[:1].isupper()


def _unglue(word: str, is_known: Any) -> str:
    """'CardenLabour' (a caption glued to the next line) -> 'Carden' when the tail is a known word."""
    m = re.match(r"^([A-Z][a-z]{2,})([A-Z][a-z]+)$", word)
    if m and is_known(m.group(2)):
        return m.group(1)
    return word


class DocEntities:
    """The built-in in-article resolver (``rules.v1``): see the module's docstring and
    :class:`onrecord.resolve.ArticlePeople`."""

    def __init__(self, doc: Any, register: Register, known_roles: dict[str, list[str]] | None = None,
                 quoted: list[tuple[int, int]] | None = None) -> None:
        self.doc = doc
        self.text: str = doc.text  # spaCy rebuilds Doc.text and Doc.ents on every access: read them once
        self._ent_at: dict[int, Any] = {t: e for e in doc.ents for t in range(e.start, e.end)}
        self.quoted = quoted or []
        self._quoted_at = Intervals(self.quoted)
        self.register = register
        # roles of people already known from other articles: name -> roles
        self.known_roles = known_roles or {}
        self.facts: dict[str, EntityFacts] = {}
        self._places: dict[str, str] = {}  # a place's name -> the fullest form the text gives it (_whole_place)
        # token index -> resolution of the noun phrase headed there
        self.at_token: dict[int, Resolved] = {}
        # sentence index -> (token index, key, is_main_subject) in text order
        self._trail_in: dict[int, list[tuple[int, str, bool]]] = {}
        self._sent_of: dict[int, int] = {}
        self._sents = list(doc.sents)
        for si, s in enumerate(self._sents):
            for t in s:
                self._sent_of[t.i] = si
        self._named_tokens: dict[int, str] = {}
        self._indefinite: list[tuple[int, EntityFacts]] = []
        # (token index, who they speak for) of each spokesperson mentioned, in text order
        self._mouths: list[tuple[int, str]] = []
        # (token index, kind of group, body it speaks for, its owner's key and written word) of each group that
        # speaks for a body ("Love's lawyers, from Kaufman Legal Group"), in text order
        self._groups: list[tuple[int, str, str, str | None, str | None]] = []
        # token index -> (lemma, author's key) of each document named, in text order: with its author ("a
        # Reuters/Ipsos poll"), or None for one of no author named ("a second study")
        self._documents: dict[int, tuple[str, str | None]] = {}
        self._register_spans = self._match_register()
        self._pass_names()
        self._pass_resolve()
        self._mark_prose()

    # ------------------------------------------------------------------ facts
    def fact(self, name: str, kind: str = "person") -> EntityFacts:
        """The entity named ``name``, made (of ``kind``) if the article has not named it yet."""
        if name not in self.facts:
            self.facts[name] = EntityFacts(key=name, name=name, kind=kind)  # type: ignore[arg-type]
        return self.facts[name]

    def _known_word(self, word: str) -> bool:
        low = word.lower()
        return bool(self.register.party_for(word)) or low in ROLE_WORDS or low in HONORIFICS

    def _match_register(self) -> dict[int, RegisterEntry]:
        """Token index -> register entry, for every register name or alias found in the text."""
        out: dict[int, RegisterEntry] = {}
        text = self.text
        for alias, entry in self.register.alias_patterns():
            pat = r"(?<![\w.])" + re.escape(alias).replace(r"\ ", r"\s+") + r"(?![\w])"
            flags = re.I if alias.lower().startswith("the ") else 0
            for m in re.finditer(pat, text, flags):
                span = self.doc.char_span(m.start(), m.end(), alignment_mode="expand")
                if span is None:
                    continue
                before = self.doc[span.start - 1] if span.start > 0 else None
                if before is not None and before.pos_ == "PROPN" and before.text[:1].isupper() and \
                        not before.is_sent_start and before.lower_.rstrip(".") not in HONORIFICS and \
                        before.lower_ not in ROLE_WORDS:
                    continue  # part of a longer name: "Blue Labour" is not the Labour Party
                after = self.doc[span.end] if span.end < len(self.doc) else None
                if after is not None and after.pos_ == "PROPN" and after.text[:1].isupper() and \
                        after.lower_ not in ROLE_WORDS and after.lower_ not in ORG_HEADS and entry.kind != "person":
                    continue  # "the Conservative Rural Network" is not the Conservative Party
                for t in span:
                    out.setdefault(t.i, entry)
        return out

    def _person_key(self, words: list[str]) -> str:
        """Find or create the entity for a written name, merging surnames with full names."""
        name = canonical_name(words)
        titles = {w.lower().rstrip(".") for w in words}
        parts = name.split()
        if not parts:
            return ""
        surname = parts[-1]
        reg = self.register.by_alias(name) or self.register.by_alias(" ".join(words))
        if reg is None and len(parts) == 1:
            reg = self.register.by_surname(surname)
        if reg is not None and reg.kind == "person":
            name = reg.name
        elif name not in self.facts:
            same = [k for k, f in self.facts.items() if f.kind == "person" and k.split()[-1] == surname]
            if same:
                full = [k for k in same if len(k.split()) >= len(parts)]
                if full and (len(parts) == 1 or parts[0] in PEERAGE or full[0] == name):
                    name = full[0]
                elif len(parts) > 1:
                    # a full name arriving after its surname: the full name wins
                    for k in same:
                        if len(k.split()) == 1 or k.split()[0].lower() in PEERAGE:
                            self._rename(k, name)
            elif len(parts) == 1:
                # a first name alone, the way UK papers write "Sir Keir" and features write "Maria": the one person
                # introduced with that first name
                firsts = [k for k, f in self.facts.items() if f.kind == "person" and len(k.split()) >= 2 and
                          k.split()[0] == name]
                if len(firsts) == 1:
                    name = firsts[0]
        f = self.fact(name)
        f.aliases.add(" ".join(words))
        if titles & FEMALE_TITLES:
            f.gender = "f"
        elif titles & MALE_TITLES:
            f.gender = "m"
        elif f.gender is None and len(name.split()) >= 2:
            f.gender = first_name_gender(name.split()[0])  # type: ignore[assignment]
        if reg is not None:
            f.aliases |= reg.aliases
            if reg.party:
                f.party = f.party or reg.party
            f.roles |= set(reg.roles)
        return name

    def _rename(self, old: str, new: str) -> None:
        f = self.facts.pop(old)
        nf = self.fact(new)
        nf.aliases |= f.aliases | {old}
        nf.party = nf.party or f.party
        nf.roles |= f.roles
        nf.gender = nf.gender or f.gender
        for i, k in list(self._named_tokens.items()):
            if k == old:
                self._named_tokens[i] = new

    # ------------------------------------------------------------- pass one
    def _name_spans(self) -> Iterable[list[Token]]:
        """Token runs that name a person: NER PERSON spans extended by titles before them."""
        doc = self.doc
        seen: set[int] = set()
        for ent in dict.fromkeys(self._ent_at.values()):
            if ent.label_ != "PERSON":
                continue
            toks = list(ent)
            while toks and toks[-1].text in {"’s", "'s", "’", "'"}:
                toks = toks[:-1]  # "Keir Starmer's plan": the name is before the possessive
            poss = [k for k, t in enumerate(toks) if t.text in {"’s", "'s", "’", "'"}]
            if poss:  # "Liverpool Walton’s Dan Carden": the name is after the possessive
                toks = toks[poss[-1] + 1 :]
            k = toks[-1].i + 1 if toks else len(doc)
            while k + 1 < len(doc) and doc[k].text in {"-", "‐"} and not doc[k - 1].whitespace_ and \
                    not doc[k].whitespace_ and doc[k + 1].text[:1].isupper() and doc[k + 1].is_alpha:
                toks += [doc[k], doc[k + 1]]  # "Theresa Mbeki-Lund" where NER stopped at the hyphen
                k += 2
            toks = [t for t in toks if not t.is_punct or _inner_hyphen(t)]
            # split "Dan CardenLabour"-style glued captions: keep tokens that look like names
            toks = [t for t in toks if t.text[:1].isupper() or _inner_hyphen(t)]
            while toks and (toks[0].lower_ in ROLE_WORDS or self.register.party_for(toks[0].text) or
                            (len(toks) >= 3 and toks[0].lower_ in TITLE_WORDS)) and \
                    toks[0].lower_.rstrip(".") not in HONORIFICS:
                toks = toks[1:]  # "Supervisor Dennis Ockley": the title is a role, not a name
            if len(toks) >= 3 and toks[0].i > 1 and doc[toks[0].i - 1].lower_ == "for" and \
                    doc[toks[0].i - 2].text in MEMBER_LETTERS | {"member", "Member"} and \
                    not _a_first_name(toks[0].text) and _a_first_name(toks[1].text):
                toks = toks[1:]  # "the MP for Ashfield Lee Anderson": the seat, then the name
            after = doc[toks[-1].i + 1] if toks and toks[-1].i + 1 < len(doc) else None
            if not toks or toks[-1].text in MEMBER_LETTERS or (
                    len(toks) == 1 and after is not None and after.text in MEMBER_LETTERS and toks[0].i > 0 and
                    doc[toks[0].i - 1].lower_ in {"the", "and", "of"}):
                continue  # "the Thirsk and Malton MP" is a seat's member, not a name
            j = toks[0].i - 1
            while j >= 0 and doc[j].text.lower().rstrip(".") in HONORIFICS and doc[j].text[:1].isupper():
                toks.insert(0, doc[j])
                j -= 1
            seen.update(t.i for t in toks)
            yield toks
        # "Tonya Love" that NER took for a title or a product: two capitalised words, the first a known first name
        for ent in dict.fromkeys(self._ent_at.values()):
            toks = [t for t in ent if t.text not in {"’s", "'s"}]
            if ent.label_ in {"WORK_OF_ART", "PRODUCT", "EVENT"} and len(toks) == 2 and \
                    all(t.pos_ == "PROPN" and t.text[:1].isupper() and t.i not in seen for t in toks) and \
                    first_name_gender(toks[0].text) is not None:
                seen.update(t.i for t in toks)
                yield toks
        # "Resident Amy Holt said …" that NER missed altogether: two or three capitalised words outside any entity, the
        # first a known first name, the subject of a verb (after a role word, or opening the sentence)
        for t in doc:
            if t.i in seen or t.ent_type_ or t.pos_ != "PROPN" or not _a_first_name(t.text) or \
                    t.lower_ in ROLE_WORDS:
                continue
            before = doc[t.i - 1] if t.i > 0 else None
            if before is not None and not (
                    t.is_sent_start or before.is_punct or before.lower_ in ROLE_WORDS or before.text[:1].islower() or
                    (before.is_sent_start and not _a_first_name(before.text))):  # ("Resident Amy Holt said")
                continue
            if before is not None and before.lower_ in {"the", "a", "an"}:
                continue
            run = [t]
            k = t.i + 1
            while k < len(doc) and len(run) < 3 and doc[k].pos_ == "PROPN" and doc[k].text[:1].isupper() and \
                    not doc[k].ent_type_ and k not in seen and doc[k].lower_ not in ROLE_WORDS:
                run.append(doc[k])
                k += 1
            nxt = doc[k] if k < len(doc) else None
            if len(run) < 2 or (nxt is not None and (nxt.pos_ in {"PROPN", "NOUN"} or nxt.text in {"’s", "'s"})) or \
                    run[-1].dep_ not in {"nsubj", "nsubjpass"} or run[-1].head.pos_ not in {"VERB", "AUX"}:
                continue
            seen.update(x.i for x in run)
            yield run
        # "Lord Glasman", "Professor Jay", "Ms Cooper" that NER missed
        for t in doc:
            if t.i in seen or not t.text[:1].isupper() or t.text.lower().rstrip(".") not in HONORIFICS:
                continue
            run = [t]
            k = t.i + 1
            while k < len(doc) and doc[k].text[:1].isupper() and doc[k].pos_ == "PROPN" and \
                    doc[k].lower_ not in ROLE_WORDS and k not in seen:
                run.append(doc[k])
                k += 1
            if len(run) > 1:
                seen.update(x.i for x in run)
                yield run

    def _pass_names(self) -> None:
        for toks in self._name_spans():
            words: list[str] = []
            for k, t in enumerate(toks):
                w = _unglue(_clean(t.text), self._known_word)
                if k and (_inner_hyphen(t) or _inner_hyphen(toks[k - 1])):
                    words[-1] += w  # "Ocasio-Cortez" stays one word
                else:
                    words.append(w)
            key = self._person_key(words)
            if not key:
                continue
            for t in toks:
                self._named_tokens[t.i] = key
            head = max(toks, key=lambda t: t.i)
            while head.head.i in {x.i for x in toks} and head.head.i != head.i:
                head = head.head
            self._describe(self.facts[key], toks, head)
        for key in [k for k, f in self.facts.items() if f.kind == "person" and len(k.split()) == 1 and
                    any(re.fullmatch(r"(?:Sir|Dame)\s+\S+", a) for a in f.aliases)]:
            # the first name a knight goes by ("Sir Sadiq", "Sadiq" in the headline): the one person with it in full
            full = [k for k, f in self.facts.items() if f.kind == "person" and len(k.split()) >= 2 and
                    k.split()[0] == key]
            if len(full) == 1:
                self._rename(key, full[0])
        for key in [k for k, f in self.facts.items() if f.kind == "person" and len(k.split()) == 1]:
            place = self._whole_place(key)
            if place != key and not self.register.by_alias(key):
                # "Humboldt" that NER took for a person, in a story about "Humboldt County": the county
                self._rename(key, place)
                self.facts[place].kind = "organisation"
        for key in [k for k, f in self.facts.items() if f.kind == "person" and len(k.split()) == 1]:
            # "Penn" that NER took for a person, in a story that names "Penn’s Center for …": the body it owns
            owned = {self._owned_body(e) for e in dict.fromkeys(self._ent_at.values()) if e.label_ == "ORG" and
                     len(e) > 2 and e[0].text == key and e[1].text in {"’s", "'s"} and
                     any(x.lower_ in ACADEMIC_HEADS for x in e)}  # not "Murdoch’s News Corp"
            full = [k for k, f in self.facts.items() if f.kind == "person" and key in k.split() and k != key]
            if len(owned) == 1 and not full:
                body = owned.pop()
                self._rename(key, body)
                self.facts[body].kind = "organisation"
        for t in self.doc:
            entry = self._register_spans.get(t.i)
            if entry is not None and t.i not in self._named_tokens and entry.kind == "person":
                self._named_tokens[t.i] = self._person_key([entry.name])
        self._share_descriptors()
        self._memberships()
        self._included_members()  # the sentence's own group first
        self._listed_members()
        self._members_by_their_group()
        # copula: "The only other Labour figure to join is Andy Burnham"
        for t in self.doc:
            if t.lemma_ != "be":
                continue
            subj = [c for c in t.children if c.dep_ in SUBJECT_DEPS]
            attr = [c for c in t.children if c.dep_ == "attr"]
            for a, b in ((subj, attr), (attr, subj)):
                if not a or not b:
                    continue
                named = self._named_tokens.get(a[0].i)
                if named and b[0].i not in self._named_tokens:
                    words = [x for x in b[0].subtree if x.dep_ not in {"relcl", "acl"} and x.i <= b[0].i]
                    party = self._party_in(words)
                    if party:
                        self.facts[named].party = self.facts[named].party or party

    def _share_descriptors(self) -> None:
        """'Labour MPs A, B, C and D': the descriptor before a list describes every name in it (party and role)."""
        heads: dict[int, str] = {}
        for i, key in self._named_tokens.items():
            nxt = i + 1
            if nxt < len(self.doc) and self._named_tokens.get(nxt) == key:
                continue
            heads[i] = key
        for i, key in heads.items():
            t = self.doc[i]
            first = t
            while first.dep_ in {"conj", "appos"} and first.head.i != first.i and first.head.i in heads:
                first = first.head
            if first.i == t.i:
                continue
            src = self.facts.get(heads[first.i])
            dst = self.facts.get(key)
            if src is None or dst is None or src is dst or dst.kind != "person":
                continue
            # (only what the descriptor before the list says: the first name's party or role said elsewhere, "Delgado,
            # a Democrat", is not the next name's)
            start = first.i
            while start - 1 >= 0 and self._named_tokens.get(start - 1) == heads[first.i]:
                start -= 1  # (the first name's own words)
            desc: list[Token] = []
            for x in reversed(self.doc[max(0, start - 4) : start]):  # the words right before the list
                if x.is_punct or x.pos_ in {"VERB", "AUX", "ADP", "SCONJ", "PRON"} or x.i in self._named_tokens:
                    break
                desc.insert(0, x)
            said = {x.lower_.rstrip("s") for x in desc}
            dst.party = dst.party or (src.party if src.party and self._party_in(desc) else None)
            if not dst.roles:
                dst.roles |= {re.sub(r"(?i)\b(MP|minister|councillor|senator|member)s\b", r"\1", r) for r in src.roles
                              if len(r.split()) <= 4 and all(w.lower().rstrip("s") in said for w in r.split())}

    def _party_words(self, toks: list[Token]) -> set[int]:
        """Token indices of party names in a descriptor, longest match first ("Reform UK" as one party)."""
        out: set[int] = set()
        for n in (3, 2, 1):
            for i in range(len(toks) - n + 1):
                run = toks[i : i + n]
                if not any(t.i in out for t in run) and run[0].text[:1].isupper() and \
                        self.register.party_for(" ".join(t.text for t in run)):
                    out.update(t.i for t in run)
        return out

    def _included_members(self) -> None:
        """'Eleven Tory MPs including A', 'Labour backbenchers, among them A and B': a person named as one of a
        party's group is its member (the parser may hang the name on any noun inside the phrase after "including")."""
        for i, key in self._named_tokens.items():
            f = self.facts.get(key)
            if f is None or f.kind != "person" or f.party:
                continue
            x = self.doc[i]
            for _ in range(6):  # up through appositions, coordinations and the nouns after "including"
                g = x.head
                if x.dep_ == "prep" and x.lower_ in {"including", "among", "include"} and \
                        g.pos_ in {"NOUN", "PROPN"} and (g.tag_ in {"NNS", "NNPS"} or g.text.endswith("s")):
                    desc = [c for c in g.children if c.dep_ in {"compound", "amod", "nmod"} and c.i < g.i]
                    party = self._party_in([*desc, g])  # "Eleven Tory MPs", "Nine Tories"
                    if party and not self._not_a_member([*desc, g]):
                        f.party = party
                    break
                if x.dep_ not in {"appos", "conj", "pobj", "prep", "compound", "flat"} or x.head.i == x.i:
                    break
                x = x.head

    def _members_by_their_group(self) -> None:
        """'Kieran Walsh, who represents a mining seat, was one of five Labour MPs who …', 'joined by 23 other Labour
        MPs, among them A and B', 'Mr Sandhu is not the only Labour MP angered by the move. Gemma Lorimer, who
        represents a neighbouring seat, …': a member of parliament with no party of their own, told of where the
        article speaks of one party's members (their sentence, else the sentence before), is that party's member;
        not where it speaks of two parties' members there."""
        doc = self.doc
        sents = list(doc.sents)
        index = {t.i: k for k, sent in enumerate(sents) for t in sent}
        for i, key in self._named_tokens.items():
            f = self.facts.get(key)
            if f is None or f.kind != "person" or f.party or self._named_tokens.get(i - 1) == key:
                continue
            k = index.get(i)
            if k is None:
                continue
            # ("Another, Helen Marchbank, said …" points back past what the one before said, a few sentences)
            back = 6 if ANOTHER.match(sents[k].text) else 1
            for window in [sents[k], *(sents[j] for j in range(k - 1, max(-1, k - 1 - back), -1))]:
                if window is not sents[k] and not MEMBER_WORDS.search(sents[k].text):
                    break  # (the sentence before speaks for them only where theirs says they sit for a seat)
                theirs = window is not sents[k] and THEIR.match(sents[k].text) is not None
                named = {self._party_in(self._party_run(t)) for t in window if t.text[:1].isupper() and
                         t.i + 2 < len(doc) and (theirs or PARTY_GROUP.match(doc[t.i + 1].text) or (
                             doc[t.i + 1].text in {"’s", "'s"} and PARTY_GROUP.match(doc[t.i + 2].text)))}
                parties = named - {None}
                if None in named and not theirs:
                    break  # a group of a party the register does not know ("the Workers Party of Britain MP for …")
                if len(parties) == 1:
                    f.party = parties.pop()
                    break
                if parties:
                    break

    def _party_run(self, t: Token) -> list[Token]:
        """The capitalised words that end at ``t`` ("Liberal Democrats" ending at "Democrats")."""
        run = [t]
        while run[0].i > 0 and self.doc[run[0].i - 1].text[:1].isupper() and len(run) < 3:
            run.insert(0, self.doc[run[0].i - 1])
        return run

    def _listed_members(self) -> None:
        """'Labour MPs have warned … A, B and C questioned …': a list of two or more names with no party, as the subject
        of the sentence right after one whose subject is a party's group ("Labour MPs", "Tory rebels", "two deputy
        chairs of the Conservative Party"), are its members."""
        doc = self.doc
        sents = list(doc.sents)
        for k, sent in enumerate(sents):
            heads = [t for t in sent if t.dep_ in SUBJECT_DEPS and t.i in self._named_tokens]
            for t in heads:
                listed = [t, *(x for x in t.subtree if x.dep_ in {"conj", "appos"} and x.i in self._named_tokens)]
                keys = {self._named_tokens[x.i] for x in listed}
                facts = [self.facts[key] for key in keys if key in self.facts]
                if len(keys) < 2 or any(f.kind != "person" or f.party for f in facts):
                    continue
                # the sentence's own group first ("Nine Labour MPs, among them A and B"), then the one before
                for g in [*sent, *(sents[k - 1] if k else [])]:
                    if g.pos_ in {"NOUN", "PROPN"} and (g.lower_ in GROUP_NOUNS or (
                            g.tag_ in {"NNS", "NNPS"} and g.lemma_.lower() in ROLE_WORDS)):
                        desc = [c for c in g.children if c.dep_ in {"compound", "amod", "nmod"} and c.i < g.i]
                        # "Two deputy chairs of the Conservative Party"
                        of = [x for c in g.children if c.dep_ == "prep" and c.lower_ == "of" for x in c.subtree]
                        party = self._party_in(desc) or self._party_in(of)
                        if party and not self._not_a_member([*desc, g]):
                            for f in facts:
                                f.party = party
                            break

    def _memberships(self) -> None:
        """What a story says a person did as a member: "X was suspended by the Labour Party", "Labour suspended X",
        "X lost the Tory whip" (the party), "X resigned from Keir Starmer's cabinet" (the leader's party), "X attended
        cabinet as the Minister for Y" (the role)."""
        doc = self.doc
        for i, key in self._named_tokens.items():
            f = self.facts.get(key)
            t = doc[i]
            if f is None or f.kind != "person" or (i + 1 < len(doc) and self._named_tokens.get(i + 1) == key):
                continue
            verb = t.head if t.dep_ in {"nsubj", "nsubjpass", "dobj"} else None
            if verb is None or verb.pos_ not in {"VERB", "AUX"}:
                continue
            lemma = verb.lemma_.lower()
            args = [x for c in verb.children if c.dep_ in {"prep", "agent"} for x in c.children if x.dep_ == "pobj"]
            objects = [c for c in verb.children if c.dep_ in {"nsubj", "dobj", "nsubjpass"} and c.i != i]
            if lemma in MEMBER_ACTIONS and (lemma in {"suspend", "expel"} or any(
                    x.lemma_.lower() == "whip" for x in [*objects, *args])):
                owners = args + objects
                for o in owners:
                    party = self._party_in([*(c for c in o.children if c.dep_ == "compound"), o]) or \
                        self._party_in([c for c in o.children if c.dep_ in {"poss", "compound", "amod"}])
                    if party:
                        f.party = f.party or party
                        break
            for c in verb.children:
                if c.dep_ != "prep" or t.dep_ != "nsubj":
                    continue
                for o in (x for x in c.children if x.dep_ == "pobj"):
                    if c.lower_ == "from" and o.lemma_.lower() in CABINETS:
                        leader = next((x for x in o.children if x.dep_ == "poss"), None)
                        name = " ".join(x.text for x in leader.subtree if x.dep_ != "case") if leader else ""
                        party = next((p for p, who in self.register.leaders.items() if name and
                                      (who == name or who.split()[-1] == name)), None)
                        f.party = f.party or party
                    if c.lower_ == "as" and o.lemma_.lower() in ROLE_WORDS | TITLE_WORDS:
                        words = [x.text for x in o.subtree if x.dep_ not in {"det", "punct", "relcl", "acl"}]
                        f.roles.add(" ".join(words))

    @staticmethod
    def _not_a_member(desc: list[Token]) -> bool:
        """A descriptor that names a party without making its subject a member now: "former Labour leader",
        "ex-Tory minister", "a major Labour donor", "Labour voters"."""
        words = [t.lower_ for t in desc]
        return bool(set(words) & FORMER_WORDS) or any(w.startswith("ex-") for w in words) or \
            bool(set(words) & NON_MEMBERS)

    def _possessive_party(self, i: int) -> str | None:
        """The party that owns what starts at token ``i`` ("the SNP's", "Labour's"); "the party's" is the party
        named last before it in this sentence or the one before."""
        doc = self.doc
        if i < 2 or doc[i - 1].text not in {"’s", "'s"}:
            return None
        owner = doc[i - 2]
        if owner.lower_ == "party" and i >= 3 and doc[i - 3].lower_ == "the":
            first = owner.sent.start
            if first > 0:
                first = doc[first - 1].sent.start
            for j in range(i - 3, first - 1, -1):  # the last party named, its longest name ending at j
                for n in (3, 2, 1):
                    toks = doc[max(first, j - n + 1) : j + 1]
                    p = self.register.party_for(toks.text) if len(toks) == n and toks[0].text[:1].isupper() else None
                    if p:
                        return p
            return None
        for n in (3, 2, 1):
            toks = [doc[k] for k in range(i - 1 - n, i - 1) if k >= 0]
            p = self.register.party_for(" ".join(t.text for t in toks)) if len(toks) == n else None
            if p and toks[0].text[:1].isupper():
                return p
        return None

    def _party_in(self, toks: list[Token]) -> str | None:
        text = " ".join(t.text for t in toks)
        words = text.split()
        for n in (3, 2, 1):
            for i in range(len(words) - n + 1):
                p = self.register.party_for(" ".join(words[i : i + n]))
                if p and words[i][:1].isupper():
                    return p
        return None

    def _describe(self, f: EntityFacts, name_toks: list[Token], head: Token) -> None:
        """Party and role from the words before the name, from an appositive, and from a US designator after it
        ("(D-Fresno)")."""
        doc = self.doc
        idx = {t.i for t in name_toks}
        for t in name_toks:  # "Sen. Maria Lopez": a title that is an office is a role too
            title = t.lower_.rstrip(".")
            if title in ROLE_TITLES and t.text[:1].isupper() and t.i < max(idx):
                f.roles.add(TITLE_ABBREVIATIONS.get(title, t.text.rstrip(".").capitalize()))
        last = max(name_toks, key=lambda t: t.i)
        us = US_DESIGNATOR.match(self.text, last.idx + len(last.text))
        if us:
            f.party = f.party or self.register.party_for(US_PARTY_LETTERS[us.group(1)])
        left: list[Token] = []
        j = min(idx) - 1
        while j >= 0:
            t = doc[j]
            if left and t.lower_ in {"and", "&", "of", "for"} and j > 0 and ((
                    doc[j - 1].text[:1].isupper() and left[0].text[:1].isupper()) or (
                    t.lower_ == "and" and doc[j - 1].pos_ in {"NOUN", "PROPN"} and
                    any(doc[k].lower_ == "shadow" for k in range(max(0, j - 4), j)))):
                # "Shadow Business and Trade Secretary", "Secretary of State for Health"; "shadow work and pensions
                # secretary", in lower case
                left.insert(0, t)
                j -= 1
                continue
            if t.text in {"-", "–"} and left and j > 0 and doc[j - 1].lower_ in FORMER_WORDS:
                left.insert(0, doc[j - 1])  # "ex-home secretary X": the office is held no longer
                break
            if t.is_punct or t.pos_ in {"DET", "VERB", "AUX", "ADP", "CCONJ", "PRON", "SCONJ", "NUM"}:
                break
            if t.dep_ == "case" or t.text in {"’s", "'s"}:
                break
            if t.head.i not in idx and t.head.i != head.i and t.dep_ not in {"compound", "amod", "nmod"} and \
                    not (t.dep_ == "conj" and t.text[:1].isupper()) and \
                    not (left and left[0].lower_ in {"and", "&"} and t.text[:1].isupper() and
                         t.ent_type_ not in {"PERSON", "GPE"} and t.i not in self._named_tokens) and \
                    not (t.lower_ in ROLE_WORDS and (not left or left[0].i == t.i + 1) and j == min(idx) - 1):
                break  # (a role word right before the name is its role however the parser hangs it: "Tory MP X")
            if j - 1 >= 0 and doc[j - 1].text in {"’s", "'s"}:
                left.insert(0, t)
                break
            left.insert(0, t)
            j -= 1
        # "the SNP's Joanna Cherry", "Labour's shadow minister Stephen Kinnock", "the party's spokeswoman Helen Morgan"
        start = min([min(idx), *(x.i for x in left)])
        owner = self._possessive_party(start)
        if owner is None and head.dep_ == "appos":
            owner = next((p for c in head.head.children if c.dep_ == "poss"
                          for p in [self._possessive_party(c.i + 2)] if p), None)
        if owner is not None:
            f.party = f.party or owner
        # a possessive owner before the descriptor ("his safeguarding minister Jess Phillips")
        descs: list[list[Token]] = []
        if left:
            descs.append(left)
        if head.dep_ == "appos" and head.head.i < min(idx) and head.head.i not in self._named_tokens and \
                head.head.ent_type_ != "PERSON":  # a name beside a name is a list, not a role
            # "his safeguarding minister Jess Phillips": the name is in apposition to its role
            descs.append([x for x in head.head.subtree if x.i < min(idx) and x.i >= head.head.i - 4
                          and x.dep_ not in {"poss", "det", "cc", "punct"} and (x.i == head.head.i or
                                                                            x.head.i == head.head.i)])
        for c in head.children:
            if c.dep_ == "appos" and c.i not in self._named_tokens and c.ent_type_ != "PERSON":  # "A, B and C"
                clauses = {x.i for r in c.subtree if r.dep_ in {"relcl", "acl"} for x in r.subtree}
                descs.append([x for x in c.subtree if x.i not in clauses and x.dep_ != "punct"])
        for d in descs:
            party = self._party_in(d)
            if party and self._not_a_member(d):
                party = None  # "former Labour leader X", "a major Labour donor"
            if party:
                f.party = f.party or party
            party_words = self._party_words(d)
            while d and (d[0].pos_ in {"CCONJ", "DET"} or d[0].is_punct):
                d = d[1:]  # "… and Labour MP X": the list's "and" is not part of the role
            words = [t.text for t in d if t.pos_ not in {"DET"} and t.text.lower() not in {"’s", "'s"}
                     and t.i not in party_words and t.i not in self._named_tokens]
            words = [TITLE_ABBREVIATIONS.get(w.lower().rstrip("."), w) for w in words
                     if w.lower().rstrip(".") not in HONORIFICS - ROLE_TITLES]
            role = " ".join(words).strip(" ,")
            if role and any(w.lower() in ROLE_WORDS or w.lower() in ORG_HEADS or w.lower() in TITLE_WORDS
                            for w in role.split()):
                f.roles.add(role)
                last = role.split()[-1]
                if last.lower() in ORG_HEADS and not {w.lower() for w in role.split()} & RELATIONS and \
                        not (last[:1].isupper() and first_name_gender(name_toks[0].text) is not None) and \
                        not any(t.lower_.rstrip(".") in ROLE_TITLES for t in name_toks[:-1]):
                    # "advocacy group X" is a body; "the chair of the facilities committee" someone in one; "the
                    # Rural Caucus Helen Moss" is someone named after the body's own name; "Council President Elena
                    # Vasquez", the office's title taken into the name, holds an office of the body
                    f.kind = "organisation"
            elif party and not role:
                f.roles.add(f"{party} member")

    # ------------------------------------------------------------- pass two
    def _pass_resolve(self) -> None:
        quoted = self._quoted_at
        for si, sent in enumerate(self._sents):
            root = sent.root
            main_heads = {root.i} | {c.i for c in root.children if c.dep_ == "conj"}
            for t in sent:
                r = self._resolve_token(t)
                if t.pos_ == "NOUN" and t.lemma_.lower() in AUTHORED_DOCUMENTS and not _anaphoric(t):
                    # a document of no author named ("a second study"): "the study" after it is not an earlier one
                    self._documents.setdefault(t.i, (t.lemma_.lower(), None))
                if r is None:
                    continue
                self.at_token[t.i] = r
                if _names_author(t) and self.facts.get(r.key) is not None and \
                        self.facts[r.key].kind == "organisation":
                    self._documents[t.head.i] = (t.head.lemma_.lower(), r.key)  # "a Reuters/Ipsos poll"
                # (the name in apposition to a main subject is that subject: "Plaid's spokesperson, Heledd Fychan,
                # said her party …")
                is_main = (t.dep_ in SUBJECT_DEPS and t.head.i in main_heads) or (
                    t.dep_ == "appos" and t.head.dep_ in SUBJECT_DEPS and t.head.head.i in main_heads)
                if not quoted.holds(t.idx):
                    # what a speaker mentions inside their quote does not become the focus
                    self._trail_in.setdefault(si, []).append((t.i, r.key, is_main))

    def _mark_prose(self) -> None:
        """Mark the entities named in a sentence of prose: one that ends as a sentence does and has a verb of its
        own, outside any name ("Before Altman's Ouster, OpenAI's Board Was Divided" is a heading; "… chief
        executive. Justin Sullivan/Getty Images" a credit)."""
        prose: dict[int, bool] = {}
        for i, r in self.at_token.items():
            si = self._sent_of.get(i, 0)
            if si not in prose:
                sent = self._sents[si]
                prose[si] = bool(re.search(r"[.!?][\"”’')]*$", sent.text.rstrip())) and any(
                    t.pos_ in {"VERB", "AUX"} and not t.ent_type_ for t in sent)
            if prose[si] and r.kind in {"name", "organisation"} and r.key in self.facts:  # named, not "it"
                self.facts[r.key].in_prose = True

    def _resolve_token(self, t: Token) -> Resolved | None:
        if t.i in self._named_tokens:
            # only the head of a name run enters the trail once
            nxt = t.i + 1
            if nxt < len(self.doc) and self._named_tokens.get(nxt) == self._named_tokens[t.i]:
                return None
            return Resolved(self._named_tokens[t.i], "name", *self.np_extent(t))
        if t.dep_ == "compound" and t.pos_ == "PROPN" and _names_author(t):
            return self._org_np(t)  # the author of "a Reuters/Ipsos poll"
        if t.dep_ not in SUBJECT_DEPS | {"poss", "pobj", "dobj", "conj", "appos", "attr"}:
            return None
        if t.dep_ in {"pobj", "dobj", "compound", "conj", "attr"} and t.pos_ != "PROPN":
            according = t.dep_ == "pobj" and t.head.lower_ == "to" and t.head.head.lower_ == "according"
            if t.lower_ in COMPANY_NOUNS and t.tag_ == "NN" and according:
                return self._the_company(t)  # "according to the company"
            police = self._police(t) if according and t.lower_ == "police" else None
            if police is not None:
                return police
            # only names and registered organisations count there
            return self._org_np(t) if t.dep_ != "compound" else None
        if t.pos_ == "PRON":
            return self._pronoun(t)
        if t.pos_ in {"NOUN", "PROPN"}:
            police = self._police(t) if t.lower_ == "police" and t.dep_ in SUBJECT_DEPS else None
            if police is not None:  # ("the Metropolitan Police said": named, read as any name is)
                return police
            family = self._family(t) if t.pos_ == "PROPN" and t.dep_ in SUBJECT_DEPS else None
            if family is not None:
                return family
            if t.lower_ in MOUTH_NOUNS:
                return self._mouth(t)
            if t.tag_ == "NNS" and t.lemma_.lower() in GROUP_MOUTHS or t.tag_ == "NN" and t.lower_ in COUNSEL and \
                    any(c.dep_ == "acl" and c.lemma_.lower() == "represent" for c in t.children) or \
                    t.tag_ == "NN" and t.lower_ in COLLECTIVE_MOUTHS and any(
                        c.dep_ == "compound" and c.lower_ in GROUP_BODIES for c in t.children):
                # ("the lawyer representing Love": one of the counsel named for her before; "district leadership":
                # the district's leaders)
                named = [c for c in t.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.text[:1].isupper()
                         and c.ent_type_ in {"ORG", "GPE", "FAC"} and not self.register.party_for(c.text)]
                if named:  # "Redfield Power officials said": the body speaks
                    return self._mouth(t)
                group = self._group(t)
                if group is not None:
                    return group
            if t.lower_ in {"office", "campaign"} and any(c.dep_ == "poss" for c in t.children):
                # "the senator's office said", "Trump's campaign said": someone speaking for them
                r = self._mouth(t)
                if r is not None:
                    return r
            if t.lemma_.lower() in AUTHORED_DOCUMENTS and t.dep_ in SUBJECT_DEPS:
                r = self._document(t)
                if r is not None:
                    return r
            if t.lower_ in COMPANY_NOUNS and t.tag_ == "NN" and t.dep_ in SUBJECT_DEPS:
                r = self._the_company(t)
                if r is not None:
                    return r
            if t.lower_ in PARTY_MEMBER_NOUNS and t.dep_ in SUBJECT_DEPS and \
                    any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in t.children):
                return self._party_member(t)
            return self._org_np(t) or self.role_np(t)
        return None

    def _family(self, t: Token) -> Resolved | None:
        """"The Currys announced": the people of that surname the story has named in full, together ("Stephen and
        Ayesha Curry"), when it has named two or more as kin; None otherwise (a business called Currys stays one, so
        do two strangers who share a name, and a party: "the Greens")."""
        if not _the_alone(t) or not t.text.endswith("s") or \
                self.register.party_for(t.text):
            return None  # ("the Greens said": a party)
        stems = {t.text[:-1], t.text[:-2]} if t.text.endswith("es") else {t.text[:-1]}
        members = [k for k, f in self.facts.items() if f.kind == "person" and len(k.split()) >= 2 and
                   k.split()[-1] in stems and " and " not in k]
        if len(members) < 2 or len({k.split()[-1] for k in members}) != 1:
            return None
        # kin, as the story says where it names them ("his wife, Ayesha Curry"); not two strangers of one name
        named_in = {self._sent_of.get(i) for i, k in self._named_tokens.items() if k in members}
        if not any(w.lower_ in KIN_WORDS for si in named_in if si is not None for w in self._sents[si]):
            return None
        key = " and ".join(" ".join(k.split()[:-1]) for k in members) + " " + members[0].split()[-1]
        self.fact(key, "person").aliases.add(t.text)
        start, end = self.np_extent(t)
        return Resolved(key, "name", start, end)

    def _police(self, t: Token) -> Resolved | None:
        """"Police said", "according to police": the force the story is about, as the story names it ("police", in
        lower case: it names no one force, so it is never joined to another article's); None for "three police"."""
        if any(not (c.dep_ == "det" and c.lower_ == "the") for c in t.children if c.dep_ != "punct"):
            return None  # "state police", "police officers", "Dayton police": named, or someone else
        self.fact("police", "organisation")
        start, end = self.np_extent(t)
        return Resolved("police", "organisation", start, end)

    def _the_company(self, t: Token) -> Resolved | None:
        """"The company said", "according to the firm": the business named or referred to in its sentence or the one
        before (of several there, the one the story names most, when one does); None when there is none, or the
        phrase says more than "the company" ("its parent company", "a company", "the Ohio company"). Public bodies,
        schools, parties, charities, newspapers and initials ("the FDA") are not taken for a business."""
        if not _the_alone(t):
            return None
        si = self._sent_of.get(t.i, 0)

        def business(i: int, key: str) -> bool:
            f, ent = self.facts.get(key), self._ent_at.get(i)
            return f is not None and f.kind == "organisation" and not (ent is not None and ent.label_ == "GPE") and \
                not self.register.party_for(key) and not re.fullmatch(r"[A-Z&.]{2,6}", key) and \
                not any(w.lower() in NOT_A_BUSINESS for w in key.split())

        counts: dict[str, int] = {}  # how often the story has named each business (by name, not "it")
        near: set[str] = set()  # the businesses named or referred to in this sentence and the one before
        for s in range(si + 1):
            for i, key, _main in self._trail_in.get(s, ()):
                if i < t.i and business(i, key):
                    named = self.at_token.get(i)
                    if named is not None and named.kind != "pronoun":
                        counts[key] = counts.get(key, 0) + 1
                    if s >= si - 1:
                        near.add(key)
        ranked = sorted(near, key=lambda k: -counts.get(k, 0))
        if not ranked or (len(ranked) > 1 and counts.get(ranked[0], 0) == counts.get(ranked[1], 0)):
            return None
        start, end = self.np_extent(t)
        return Resolved(ranked[0], "role", start, end)

    def _party_member(self, t: Token) -> Resolved | None:
        """'the Democrat said', 'the Texas Republican added': the person in focus from that party (not the party
        itself); None when there is none."""
        party = self.register.party_for(t.text)
        if party is None:
            return None
        key = self.antecedent(t.i, "person", None, lambda f: f.party == party)
        return Resolved(key, "role", *self.np_extent(t)) if key else None

    def np_start(self, head: Token) -> int:
        """Index of the first token of the noun phrase headed by ``head``: the run of tokens of its subtree just
        before it, none of them a clause, an apposition, a preposition or punctuation. Walked leftwards from the
        head, each token's membership read up its chain of heads (memoised), so a degenerate parse (one endless
        sentence, every word heading the next) costs the run's length, not the subtree's size times its depth."""
        doc = self.doc
        lo, hi = head.left_edge.i, head.right_edge.i
        member: dict[int, bool] = {head.i: True}

        def inside(i: int) -> bool:
            path = []
            while i not in member:
                path.append(i)
                up = doc[i].head.i
                if up == i or not lo <= up <= hi:
                    break
                i = up
            found = member.get(i, False)
            for j in path:
                member[j] = found
            return found

        start: int = head.i
        while start - 1 >= lo and doc[start - 1].dep_ not in NOT_IN_NP and inside(start - 1):
            start -= 1
        return start

    def np_extent(self, head: Token) -> tuple[int, int]:
        """Character offsets of the noun phrase headed by ``head``."""
        return self.doc[self.np_start(head)].idx, head.idx + len(head.text)

    def _pronoun(self, t: Token) -> Resolved | None:
        low = t.lower_
        if low in PRONOUN_GENDER and t.dep_ == "poss":
            # "X pressed Y on his refusal": the possessive binds to the verb's object when it is a person
            v = t.head
            while v.dep_ in {"pobj", "prep", "dobj", "compound"} and v.head.i != v.i and v.pos_ != "VERB":
                v = v.head
            for c in v.children if v.pos_ == "VERB" else []:
                r = self.at_token.get(c.i)
                if c.dep_ == "dobj" and r is not None and self.facts.get(r.key) is not None and \
                        self.facts[r.key].kind == "person" and self.facts[r.key].gender in {None, PRONOUN_GENDER[low]}:
                    return Resolved(r.key, "pronoun", t.idx, t.idx + len(t.text))
        if low in PRONOUN_GENDER:
            key = self.antecedent(t.i, "person", PRONOUN_GENDER[low])
            if key is None:
                return None
            if self.facts[key].gender is None and t.dep_ == "nsubj" and t.head.dep_ in {"ROOT", "conj"}:
                # "Kipp Kahlia … she went to Arredondo … he said": the one "she" was is not a later "he" (learned only
                # from the subject of a main clause: "praised her work" and "said she had done well" can be another)
                self.facts[key].gender = PRONOUN_GENDER[low]
            return Resolved(key, "pronoun", t.idx, t.idx + len(t.text))
        if low in ORG_PRONOUNS and low not in {"we", "our"}:
            key = self.antecedent(t.i, "organisation", None)
            return Resolved(key, "pronoun", t.idx, t.idx + len(t.text)) if key else None
        return None

    def _mouth(self, t: Token) -> Resolved | None:
        """'Starmer's spokesperson', 'a spokeswoman for the council', 'a Downing Street spokesperson'."""
        owners = [c for c in t.children if c.dep_ in {"poss", "compound"}]
        owners += [g for c in t.children if c.dep_ == "prep" and c.lower_ == "for" for g in c.children
                   if g.dep_ == "pobj"]
        start, end = self.np_extent(t)
        for x in self.doc[self.np_start(t) : t.i]:
            entry = self._register_spans.get(x.i)
            if entry is not None:
                f = self.fact(entry.name, "organisation" if entry.kind == "organisation" else "person")
                f.party = f.party or entry.party
                self._mouths.append((t.i, entry.name))
                return Resolved(entry.name, "spokesperson", start, end, mouth=self.text[start:end])
        for o in owners:
            r = self.at_token.get(o.i) or self._resolve_token(o) or self._org_np(o)
            if r is None and o.pos_ == "PRON":
                r = self._pronoun(o)
            if r is None and o.dep_ == "compound" and o.pos_ == "PROPN" and o.text[:1].isupper():
                # "a Skyway spokesperson": whoever a spokesperson speaks for is an organisation, known or not
                r = self._spoken_for(o)
            if r is not None:
                self._mouths.append((t.i, r.key))
                return Resolved(r.key, "spokesperson", start, end, mouth=self.text[start:end])
        if not owners and any(c.dep_ == "det" and c.lower_ == "the" for c in t.children) and self._mouths:
            # "the spokesperson said": the one a spokesperson mentioned just before speaks for
            last_i, key = self._mouths[-1]
            if self._sent_of.get(t.i, 0) - self._sent_of.get(last_i, 0) <= 3:
                return Resolved(key, "spokesperson", start, end, mouth=self.text[start:end])
        return None

    def _group(self, t: Token) -> Resolved | None:
        """The body a group of its people speaks for: the body named after them ("lawyers from Kaufman Legal
        Group"), a body that owns them ("the council's lawyers"), the body of their kind in focus ("the county
        attorneys", "district leaders"); then, for a client's counsel named so before, the same body ("Love's
        lawyers", "her attorneys", and "the lawyers" a few sentences on). None for a group of no known body
        ("officials said", "the lawyers" with no counsel named before)."""
        kind = "counsel" if t.lemma_.lower() in COUNSEL else t.lemma_.lower()
        body: str | None = None
        owner_key: str | None = None
        owner_word: str | None = None
        qualified = False  # "the county attorneys" are not the counsel named before
        for c in t.children:
            # whose they are ("Love's lawyers"), or where they are from ("from the firm X", its apposition too)
            represents = c.dep_ == "acl" and c.lemma_.lower() == "represent"  # "the lawyer representing Love"
            heads = [c] if c.dep_ == "poss" else [
                x for g in c.children if g.dep_ == "pobj" for x in (g, *(a for a in g.children if a.dep_ == "appos"))
            ] if c.dep_ == "prep" and c.lower_ in {"from", "at", "for"} else [
                g for g in c.children if g.dep_ == "dobj"] if represents else []
            for o in heads:
                r = self.at_token.get(o.i) or self._org_np(o) or (self._pronoun(o) if o.pos_ == "PRON" else None) or \
                    self._resolve_token(o)
                fact = self.facts.get(r.key) if r is not None else None
                if fact is not None and fact.kind == "organisation" and body is None:
                    body = fact.key
                elif c.dep_ == "poss" or c.lower_ == "for" or represents:  # whose lawyers: "Love's", "for Love"
                    owner_key = fact.key if fact is not None else None
                    owner_word = o.lower_
        definite = any(c.dep_ == "det" and c.lower_ == "the" for c in t.children)
        kinds = [c for c in t.children if c.dep_ == "compound" and c.lower_ in GROUP_BODIES and (
            c.pos_ == "NOUN" or c.is_sent_start)]  # ("District leaders": capitalised only where a sentence starts)
        if kinds:
            qualified = True
            word = kinds[0].lower_
            # (with no "the", only a kind that is never also a place or a club's name: "Westford City" may be
            # either, "X District" is a body of that kind)
            bare = word in BARE_BODY_KINDS and not list(kinds[0].children) and not any(
                c.dep_ in {"det", "poss", "nummod"} or c.dep_ == "prep" and c.lower_ != "including" for c in t.children
            ) and len([k for k, f in self.facts.items() if f.kind == "organisation" and k.split()[-1].lower() == word
                       ]) == 1
            if body is None and (definite or bare) and \
                    len([c for c in t.children if c.dep_ in {"compound", "amod"}]) == 1:
                # "the county attorneys", and "district leaders" where the story names one district; not "health
                # department …", nor "council leaders across England"
                body = self._body_of_kind(t.i, word)
        if body is None and kind == "counsel" and not qualified:
            for _i, k, key, o_key, o_word in reversed(self._groups):
                if k != kind:
                    continue
                if owner_key is not None or owner_word is not None:
                    names = set(owner_key.lower().split()) if owner_key else set()
                    if (owner_key and o_key == owner_key) or (o_word is not None and (
                            o_word in names or (owner_key is None and o_key is None and o_word == owner_word))):
                        body = key
                        break
                elif definite and self._sent_of.get(t.i, 0) - self._sent_of.get(_i, 0) <= 4:
                    body = key  # "the lawyers stated": the counsel named just before
                    break
        if body is None:
            return None
        self._groups.append((t.i, kind, body, owner_key, owner_word))
        start, end = self.np_extent(t)
        return Resolved(body, "spokesperson", start, end, mouth=self.text[start:end])

    def _document(self, t: Token) -> Resolved | None:
        """The author a document that finds or states something speaks for: its own ("a Reuters/Ipsos poll",
        "Pew's survey", "a report by the Urban Institute"), else, for "the poll", "that survey", the author of the
        last document of its kind the story named, a few sentences back at most. None when neither is known."""
        start, end = self.np_extent(t)
        mouth = self.text[start:end]
        key: str | None = None
        for c in t.children:
            heads = [c] if _names_author(c) else [
                g for g in c.children if g.dep_ == "pobj"] if c.dep_ == "prep" and c.lower_ in {"by", "from"} else []
            for o in heads:
                r = self.at_token.get(o.i) or (self._org_np(o) if o.dep_ == "pobj" else None)
                if r is not None and self.facts.get(r.key) is not None and self.facts[r.key].kind == "organisation":
                    key = r.key
                    if c.dep_ == "prep":  # the compound and possessive ones are noted as they are read
                        self._documents[t.i] = (t.lemma_.lower(), key)
                    break
            if key is not None:
                return Resolved(key, "spokesperson", start, end, mouth=mouth)
        if not _anaphoric(t):
            return None  # "a poll", "the Senate report" (a body not resolved): no author known
        author = self._last_author(t, {t.lemma_.lower()})
        return Resolved(author, "spokesperson", start, end, mouth=mouth) if author else None

    def _last_poll(self, t: Token) -> Resolved | None:
        """The author of the poll or survey the story named last, a few sentences before ``t`` at most (None when
        that one has no author named, or there is none)."""
        author = self._last_author(t, POLLS)
        start, end = self.np_extent(t)
        return Resolved(author, "spokesperson", start, end, mouth=self.text[start:end]) if author else None

    def _last_author(self, t: Token, lemmas: set[str]) -> str | None:
        """The author of the last document of one of these kinds the story named before ``t``, when it is at most
        six sentences back and its author is known (an unauthored one in between ends the search)."""
        si = self._sent_of.get(t.i, 0)
        for i, (lemma, author) in reversed(self._documents.items()):
            if i < t.i and lemma in lemmas:
                near = si - self._sent_of.get(i, 0) <= 6
                return author if near and author is not None and author in self.facts else None
        return None

    def _body_of_kind(self, tok_i: int, word: str) -> str | None:
        """The organisation in focus whose name has ``word`` ("county" -> "Alameda County"; "district" -> "Oakland
        Unified School District"); a place's government by its own name, not a body inside it ("Alameda County",
        not the "Alameda County Registrar of Voters")."""
        key = self.antecedent(tok_i, "organisation", None, lambda f: word in f.name.lower().split())
        if key is None:  # named further back than the focus reaches: the one such body the story has named
            named = [k for k, f in self.facts.items() if f.kind == "organisation" and word in k.lower().split()]
            key = named[0] if len(named) == 1 else None
        if key is None:
            return None
        words = key.split()
        unit = [i for i, w in enumerate(words) if w.lower() == word and w in PLACE_UNITS]
        if unit and unit[0] + 1 < len(words) and words[unit[0] + 1] != "of":  # "City of Dunmore" is the city
            place = " ".join(words[: unit[0] + 1])
            self.fact(place, "organisation")
            return place
        return key

    def _spoken_for(self, owner: Token) -> Resolved:
        """The organisation a run of proper nouns before "spokesperson" names: its full name where the article
        gives one that begins with it ("Skyway" in a story that names "Skyway Airlines"), else the run as written."""
        first = owner.i
        while first > 0 and self.doc[first - 1].pos_ == "PROPN" and self.doc[first - 1].dep_ == "compound" and \
                self.doc[first - 1].head.i in {owner.i, owner.head.i}:
            first -= 1
        name = _clean(_join(list(self.doc[first : owner.i + 1])))
        longer = {_clean(e.text) for e in self.doc.ents if e.label_ == "ORG" and e.text.startswith(name + " ")}
        if len(longer) == 1:
            name = longer.pop()
        f = self.fact(name, "organisation")
        f.aliases.add(_clean(_join(list(self.doc[first : owner.i + 1]))))
        return Resolved(name, "organisation", self.doc[first].idx, owner.idx + len(owner.text))

    def _org_np(self, t: Token) -> Resolved | None:
        start, end = self.np_extent(t)
        if t.tag_ in {"NNS", "NNPS"} and any(c.dep_ == "nummod" or c.like_num or c.ent_type_ == "CARDINAL" or
                                             c.lower_ in SOME_OF for c in t.children):
            return None  # "three Republicans", "some Democrats", "Sixty Tories": members, not the party speaking
        if t.pos_ == "PROPN" and t.text[:1].isupper():
            first = t.i
            while first >= 2 and _inner_hyphen(self.doc[first - 1]):
                first -= 2  # "Ocasio-Cortez": the surname is all of it
            surname = _clean(_join(list(self.doc[first : t.i + 1])))
            people = [k for k, f in self.facts.items() if f.kind == "person" and k.split()[-1] == surname]
            if people:  # a surname NER took for an organisation
                return Resolved(people[0], "name", start, end)
        if t.lower_ in ROLE_WORDS and t.lower_ not in ORG_HEADS and t.i not in self._register_spans:
            return None
        entry = self._register_spans.get(t.i)
        text = self.text[start:end]
        if entry is None and t.lower_ in {"ministers", "government"} and self.register.executive:
            entry = self.register.by_alias(self.register.executive)
        if entry is not None and entry.kind == "organisation":
            if entry.classification == "party" and t.dep_ == "compound" and t.head.lower_ not in {"call", "calls"}:
                return None
            f = self.fact(entry.name, "organisation")
            f.aliases |= entry.aliases | {text}
            f.party = f.party or entry.party
            return Resolved(entry.name, "organisation", start, end)
        named = self._named_body(t)
        if named is not None:
            return named
        ent = self._ent_at.get(t.i)
        is_org_ent = ent is not None and ent.label_ in {"ORG", "NORP"}
        propn = [x for x in self.doc[self.np_start(t) : t.i + 1]
                 if x.pos_ == "PROPN"] if t.pos_ == "PROPN" else []
        # a place that owns a programme or a law is its government: "Dane County’s Breathe program", "Oakland’s ban"
        owning_place = ent is not None and ent.label_ == "GPE" and t.dep_ == "poss" and t.head.lower_ in OWNABLE
        # the author of a document named by its author: "a Reuters/Ipsos poll", "a Los Angeles Times investigation"
        # (an organisation the tagger names: "a Medicaid analysis" and "an Alzheimer's study" are about those)
        authored = bool(propn) and _names_author(t) and ent is not None and ent.label_ == "ORG"
        if ent is not None and ent.label_ == "NORP" and t.dep_ in {"compound", "amod"} and not authored:
            return None  # "44% of Democratic voters said": an adjective of the voters, not the party speaking
        # the agent of a passive verb is its subject in all but form: "first reported by the Harbour Gazette"
        agent = t.dep_ == "pobj" and t.head.dep_ == "agent"
        if not is_org_ent and not (propn and (t.dep_ in SUBJECT_DEPS or owning_place or authored or agent)):
            return None
        if t.dep_ not in SUBJECT_DEPS | {"poss"} and not is_org_ent and not authored and not agent:
            return None
        whole_place = ent is not None and ent.label_ == "GPE" and ent.root.i == t.i and not any(
            x.ent_type_ == "ORG" for x in propn if x.i < ent.start)  # "the City of Rancho Palos …" (not the "UK" of
        # "Greenpeace UK", a body's branch in a country)
        name_toks = _name_tokens(ent if (is_org_ent or whole_place) and ent is not None else propn)
        if is_org_ent and ent is not None:
            name_toks = self._name_before(name_toks)
        # strip a descriptor that the parser glued on ("Campaign group Blue Labour")
        while len(name_toks) > 1 and (name_toks[0].lower_ in ORG_HEADS or name_toks[0].lower_ in ROLE_WORDS) and \
                not (len(name_toks) == 2 and name_toks[1].lower_ in ORG_HEADS) and \
                _descriptor_first(name_toks):  # "Home Office" is not "Office"
            name_toks = name_toks[1:]
        name = _clean(_join(name_toks))
        if not name or (self.register.party_for(name) and t.dep_ == "compound"):
            return None
        if is_org_ent and name.lower() in PUBLIC_BODY_KINDS:
            # "the board", which the tagger takes for a body's name: the body of that kind the story named before
            # ("the Riverside Unified school board voted …; later the board …")
            kind_of = self._body_of_kind(t.i, name.lower())
            if kind_of is not None:
                return Resolved(kind_of, "organisation", start, end)
        name = self._whole_place(name)
        state = self._state_owner(name_toks)
        if state:
            name = f"{state} {name}"
        party_entry = self.register.party_for(name)
        if party_entry and not self.register.by_alias(name):
            name = party_entry
        desc = [x for x in self.doc[self.np_start(t) : t.i + 1]
                if x.i < name_toks[0].i and x.pos_ != "DET"]
        if {x.lower_ for x in desc} & PERSON_ROLE_NOUNS and not {x.lower_ for x in desc} & ORG_HEADS \
                and len(name_toks) >= 2 and not party_entry and not is_org_ent_only_org(name_toks):
            # a person NER missed: "Labour backbencher Nadia Whittome"
            key = self._person_key([_clean(x.text) for x in name_toks])
            self._describe(self.facts[key], name_toks, t)
            return Resolved(key, "name", start, end)
        appos = [c for c in t.children if c.dep_ == "appos" and c.lemma_.lower() in ORG_HEADS]
        # a place that acts is its government: "Redfield County recommends …", "Dunmore sued the airline"
        acting_place = (ent is not None and ent.label_ == "GPE" and t.dep_ in {"nsubj"} and t.head.pos_ == "VERB") or \
            owning_place
        # one word with a capital inside that no name prefix explains is a brand ("SoCalGas", "PayPal"), not a person
        brand = len(name_toks) == 1 and bool(re.match(r"[A-Z][a-z]+[A-Z]", name_toks[0].text)) and \
            not re.match(r"(?:Mc|Mac|De|Di|Da|Du|La|Le|Van|Von|Fitz|O)[A-Z]", name_toks[0].text)
        # who reports, publishes or reveals something, under a name that is no person's, is an outlet: "the Harbour
        # Ledger reported", "first reported by the Harbour Ledger"
        verb = t.head.head if agent else t.head
        outlet = (agent or t.dep_ in SUBJECT_DEPS) and verb.lemma_.lower() in OUTLET_VERBS and \
            first_name_gender(name_toks[0].text) is None and (ent is None or ent.label_ != "PERSON") and \
            not any(c.dep_ == "conj" for c in t.children)  # (of two outlets, naming one would be wrong)
        looks_org = is_org_ent or any(x.lower_ in ORG_HEADS for x in desc) or bool(party_entry) or \
            bool(appos) or name_toks[-1].lower_ in ORG_HEADS or acting_place or brand or authored or outlet
        known = self._known_body(name) if not is_org_ent and not party_entry else None
        if known is None and is_org_ent and re.fullmatch(r"[A-Z]{3,6}", name):
            # (the tagger's own organisation too, where it is the initials the story gave a body in brackets: "the
            # Independent Schools Council (ISC) …", then "the ISC said")
            known = self._known_body(name)
            if known is not None and not re.search(re.escape(known) + r"\s*\(\s*" + name + r"\s*\)", self.doc.text):
                known = None
        if known is not None:
            # a body the story has named, named again where the tagger missed it ("Anthropic added …"), or by its
            # initials ("the ICRI" after "the International Coral Reef Initiative")
            self.facts[known].aliases.add(name)
            return Resolved(known, "organisation", start, end)
        if not looks_org:
            return None
        f = self.fact(name, "organisation")
        f.kind = "organisation"
        if not state:  # "the state's Department" names a different body in each state
            f.aliases.add(text)
        if desc and not state:
            f.roles.add(" ".join(x.text for x in desc))
        # (a party's word in a body's name, not in a person's name taken for one: "Marcus Green")
        person_like = len(name_toks) == 2 and _a_first_name(name_toks[0].text)
        party = party_entry or (self._party_in(name_toks) if not person_like else None)
        if party:
            f.party = f.party or party
        return Resolved(name, "organisation", start, end)

    def party_body(self, alias: str, said: str, head: Token) -> Resolved | None:
        """The party ``alias`` names (by the register), acting as a body in the phrase headed by ``head`` and written
        there as ``said`` ("Reform … oppose it", "the Liberal Democrat group"); None when ``alias`` names no party."""
        party = self.register.party_for(alias)
        if party is None:
            return None
        entry = self.register.by_alias(alias)
        name = entry.name if entry is not None and entry.kind == "organisation" else party
        f = self.fact(name, "organisation")
        f.party = f.party or party
        f.aliases.add(said)
        return Resolved(name, "organisation", *self.np_extent(head))

    def _known_body(self, name: str) -> str | None:
        """The organisation the story has already named ``name``, or whose initials it is
        ("ICRI": International Coral Reef Initiative; small words left out); None when none or several fit."""
        hits = [k for k, f in self.facts.items() if f.kind == "organisation" and k == name]
        if not hits and re.fullmatch(r"[A-Z]{3,6}", name):
            hits = [k for k, f in self.facts.items() if f.kind == "organisation" and
                    "".join(w[0] for w in k.split() if w[:1].isupper() and w.lower() not in SMALL_WORDS) == name]
        return hits[0] if len(hits) == 1 else None

    @staticmethod
    def _owned_body(ent: Any) -> str:
        """The name of a body written with its owner's possessive ("Penn’s Center for Guaranteed Income Research"),
        as :meth:`_org_np` names it."""
        return _clean(_join(_name_tokens(ent)))

    def _name_before(self, name_toks: list[Token]) -> list[Token]:
        """An organisation's name with the capitalised words just before it that the tagger left out of it but the
        parse joins to it ("the Stanford Guaranteed Income Lab", of which the tagger read only "Lab"): proper nouns
        of no other kind of name, none a job, a title or a party."""
        first = name_toks[0]
        while first.i > 0:
            x = self.doc[first.i - 1]
            if x.pos_ != "PROPN" or x.dep_ != "compound" or not x.text[:1].isupper() or \
                    x.ent_type_ not in {"", "ORG"} or x.head.i < first.i or x.head.i > name_toks[-1].i or \
                    x.lower_ in ROLE_WORDS or x.lower_ in TITLE_WORDS or self.register.party_for(x.text):
                break
            first = x
        return [*self.doc[first.i : name_toks[0].i], *name_toks]

    def _named_body(self, t: Token) -> Resolved | None:
        """'the GMB union', 'the Greenway group': a body named by a name the tagger takes for an organisation and a
        common noun of its kind after it, by both ("GMB union"); not a party's ("the Labour group")."""
        if t.pos_ != "NOUN" or t.lower_ not in NAMED_BODY_HEADS or \
                not any(c.dep_ == "det" and c.lower_ == "the" for c in t.children):
            return None  # "a different NHS trust", "a Google company spokesman" name no body of their own
        first = t.i
        while first > 0 and self.doc[first - 1].pos_ == "PROPN" and self.doc[first - 1].dep_ == "compound" and \
                t.i >= self.doc[first - 1].head.i > first - 1:
            first -= 1
        run = list(self.doc[first : t.i])
        # "the Liberal Democrat group", "the Conservative group" (on a council, in parliament): the party acting
        said = [c for c in t.children if c.dep_ in {"compound", "amod"} and c.i < t.i and c.text[:1].isupper()]
        named = _clean(_join(list(self.doc[min(c.left_edge.i for c in said) : t.i]))) if said else ""
        party = self.party_body(named, f"{named} group", t) if named and t.lower_ == "group" else None
        if party is not None:
            return party
        # (a body's name the tagger took for something else still ends in a word of a body or place: "the Riverside
        # Unified School District board")
        if not run or not (any(x.ent_type_ == "ORG" for x in run) or run[-1].lower_ in BODY_NAME_ENDS) or \
                any(self.register.party_for(x.text) for x in run):
            return None
        name = _clean(_join([*run, t]))
        f = self.fact(name, "organisation")
        f.aliases.add(_clean(_join(run)))
        return Resolved(name, "organisation", *self.np_extent(t))

    def _state_owner(self, name_toks: list[Token]) -> str | None:
        """The state that owns a body named as "the state's Department of …": the US state the text names last
        before it (within a few paragraphs), or None."""
        first = name_toks[0]
        if first.i < 3 or self.doc[first.i - 1].text not in {"’s", "'s"} or self.doc[first.i - 2].lower_ != "state" \
                or first.lower_ not in ORG_HEADS:
            return None
        before = self.text[max(0, first.idx - 1500) : first.idx]
        named = list(STATE_WORDS.finditer(before))
        return named[-1].group(0) if named else None

    def _whole_place(self, name: str) -> str:
        """A place acting as its government, by the fullest form the article gives it: "Humboldt" is "Humboldt
        County" where the article says so, and "City of Dunmore" where it says that."""
        first = name.split()[0]
        if first in PLACE_SHORT:  # "L.A. County" is "Los Angeles County"
            name = PLACE_SHORT[first] + name[len(first):]
        if name.split()[-1] in PLACE_UNITS or name.split()[0] in PLACE_UNITS:
            return name
        if name not in self._places:  # asked for every organisation a token names: read the text once a name
            units = "|".join(PLACE_UNITS)
            # one pass of the text, the forms found wherever they start (overlapping: "City of Dunmore County")
            said = {m.group(1) for m in re.finditer(rf"(?=\b({re.escape(name)} (?:{units})|(?:{units}) of "
                                                    rf"{re.escape(name)})\b)", self.text)}
            found = [form for unit in PLACE_UNITS for form in (f"{name} {unit}", f"{unit} of {name}") if form in said]
            self._places[name] = max(found, key=lambda form: self.text.count(form)) if found else name
        return self._places[name]

    def role_np(self, t: Token) -> Resolved | None:
        start, end = self.np_extent(t)
        named = next((self._named_tokens[c.i] for c in t.children if c.dep_ == "appos" and c.i in self._named_tokens),
                     None) if t.lower_ in ROLE_WORDS else None
        if named is not None:
            return Resolved(named, "role", start, end)  # "The justice secretary, Shabana Mahmood, …": who it names
        words = [x for x in self.doc[self.np_start(t) : t.i + 1]
                 if x.i == t.i or (x.pos_ not in {"DET", "PRON"} and x.dep_ != "poss" and x.text not in {"’s", "'s"})]
        if not words:
            return None
        det = [x for x in t.children if x.dep_ == "det" or (x.dep_ == "nummod" and x.lower_ == "one")]
        indefinite = bool(det) and det[0].lower_ in {"a", "an", "another", "one"}
        phrase = " ".join(x.lower_ for x in words)
        phrase = ABBREVIATIONS.get(phrase, phrase)
        if not indefinite:
            holder = self.register.offices.get(phrase)
            if holder:
                return Resolved(self._person_key([holder]), "role", start, end)
        # a job the story has given someone before, whatever the word: "the city attorney" after "City Attorney X"
        given = not indefinite and t.tag_ == "NN" and any(
            _role_head(r) == t.lower_ for f in self.facts.values() if f.kind == "person" for r in f.roles)
        if t.lower_ not in ROLE_WORDS and t.lemma_.lower() not in ROLE_CLASSES and not given:
            head = t.lemma_.lower()
            if head in BODY_NOUNS and not indefinite and len(words) == 1:
                # "the association said": the organisation in focus whose name has that head
                org = self.antecedent(t.i, "organisation", None, lambda f: head in f.name.lower().split())
                return Resolved(org, "role", start, end) if org else None
            return None
        party = self._party_in(words)
        role_words = [x.lower_ for x in words if not self.register.party_for(x.text)]
        wanted = ROLE_CLASSES.get(t.lemma_.lower(), {" ".join(role_words)}) | {" ".join(role_words)}
        want_kind = "organisation" if t.lemma_.lower() in ORG_HEADS else "person"
        if want_kind == "person" and t.tag_ == "NNS" and not indefinite:
            return None  # "two independent MPs", "the ministers": several people, not the one named last

        # the words that say which office of its kind ("justice" of "the justice secretary")
        which = {w for w in role_words[:-1] if w in ROLE_WORDS}

        def other_office(f: EntityFacts) -> bool:
            """Whether ``f`` holds an office of the mention's kind that another of those words names ("the health
            secretary" is not "the justice secretary"), and none the mention's words name."""
            held = [r.lower().split() for r in f.roles]
            same = [r for r in held if r[-1:] == [t.lower_] and set(r[:-1]) & ROLE_WORDS]
            return bool(which) and bool(same) and not any(which <= set(r) for r in held)

        def fits(f: EntityFacts) -> bool:
            if f.kind != want_kind or other_office(f):
                return False
            roles = " ".join(r.lower() for r in f.roles)
            # (the office itself, not its shadow, its deputy or its past holder, unless the mention says so: "the
            # chancellor" is not "shadow chancellor Mel Stride")
            role_ok = any(re.search(OTHER_HOLDER + r"\b" + re.escape(w) + r"\b", roles) for w in wanted if w)
            return role_ok and (party is None or f.party == party)

        if indefinite:
            # "A Labour MP has called for ..." names the person later (or in a caption before); not one who is not
            # to be named ("One Labour MP, who asked not to be named, said …"), nor "another" one of those named
            if ANONYMOUS.match(self.text, end) or ANONYMOUS.match(self.text, t.idx + len(t.text)):
                return None
            before = {k for i, k in self._named_tokens.items() if i < t.i} if det[0].lower_ == "another" else set()
            cands = [k for k, f in self.facts.items() if fits(f) and k not in before]
            if not cands and party is not None:
                party, strict = None, party
                cands = [k for k, f in self.facts.items() if fits(f) and f.party in {None, strict}]
                if cands:
                    self.facts[cands[0]].party = strict
            return Resolved(cands[0], "role", start, end) if cands else None
        if want_kind == "organisation" and t.lemma_.lower() in ORG_HEADS:
            # "the group said": the organisation in focus; "the union", "the council": one its name or the story
            # calls so ("Unite, the union", "the GMB union"; not Tesla in a story of a strike at Tesla), or for "the
            # party" a party
            kind = t.lemma_.lower()

            def could_be(f: EntityFacts) -> bool:
                words = {w.lower() for w in f.name.split()}
                said = {w for r in f.roles for w in r.lower().split()}
                return kind in GENERIC_BODY_NOUNS or kind in words | said or (
                    kind == "party" and bool(self.register.party_for(f.name)))

            org = self.antecedent(t.i, "organisation", None, could_be)
            return Resolved(org, "role", start, end) if org else None
        exact = " ".join(role_words)

        def fits_exact(f: EntityFacts) -> bool:
            return f.kind == want_kind and any(r.lower() == exact or r.lower().endswith(" " + exact)
                                               for r in f.roles)

        key: str | None = self.antecedent(t.i, want_kind, None, fits_exact) if " " in exact else None
        if key is None and " " in exact:
            known = [n for n, roles in self.known_roles.items() if any(r.lower() == exact for r in roles)]
            if len(known) == 1:
                key = self._person_key(known[0].split())
        key = key or self.antecedent(t.i, want_kind, None, fits)
        if key is None:
            cands = [k for k, f in self.facts.items() if fits(f)]
            key = cands[0] if len(cands) == 1 else None
        holder = self.register.known_offices.get(exact) if key is None and want_kind == "person" else None
        if holder:  # the well-known holder of the office on the article's day: "the chancellor" (known.py)
            key = self._person_key(holder.split())
        return Resolved(key, "role", start, end) if key else None

    # ----------------------------------------------------------- salience
    def antecedent(self, tok_i: int, kind: str, gender: str | None, fits: Any = None) -> str | None:
        """The most salient earlier entity: the main subject of this sentence, then of earlier ones."""
        si = self._sent_of.get(tok_i, 0)

        def ok(key: str) -> bool:
            f = self.facts.get(key)
            if f is None or f.kind != kind:
                return False
            if gender and f.gender and f.gender != gender:
                return False
            return fits is None or bool(fits(f))

        same = [(k, m) for i, k, m in self._trail_in.get(si, ()) if i < tok_i]
        for k, m in reversed(same):
            if m and ok(k):
                return k
        if self._in_subordinate_clause(tok_i):
            # "the allure never left Chike, even as he joined a fraternity": in a clause of its own, a pronoun is
            # first the one its sentence has just named (a main clause's subject looks further back first, and so
            # does the subject of "…, he said, …")
            for k, _m in reversed(same):
                if ok(k):
                    return k
        for back in range(si - 1, max(-1, si - 8), -1):
            if kind == "person" and self._unknown_speaker(back):
                return None  # someone named in a way no entity holds spoke in between: they are likelier
            entries = [(k, m) for _i, k, m in self._trail_in.get(back, ())]
            for k, m in reversed(entries):
                if m and ok(k):
                    return k
            for k, _m in reversed(entries):
                if ok(k):
                    return k
        for k, _m in reversed(same):
            if ok(k):
                return k
        return None

    def _unknown_speaker(self, si: int) -> bool:
        """Whether sentence ``si`` reports someone speaking who is named by capitalised words no entity holds
        ("Student Aiden Park, a junior, said …", a name the tagger missed): a later "he" may be them, not whoever the
        story named before."""
        root = self._sents[si].root
        return root.lemma_.lower() in SAYING_VERBS and any(
            c.dep_ == "nsubj" and c.pos_ == "PROPN" and c.is_title and c.i not in self.at_token and
            c.i not in self._named_tokens and c.ent_type_ in {"", "PERSON"} for c in root.children)

    def _in_subordinate_clause(self, tok_i: int) -> bool:
        """Whether the token is the subject of a clause a subordinating word opens ("even as he joined", "when she
        left"), other than a verb of saying."""
        t = self.doc[tok_i]
        v = t.head
        return t.dep_ in SUBJECT_DEPS and v.dep_ == "advcl" and v.lemma_.lower() not in SAYING_VERBS and \
            any(c.dep_ in {"mark", "advmod"} and c.i < t.i and c.lower_ in SUBORDINATORS for c in v.children)

    @staticmethod
    def _one_of(group: Token) -> Token | None:
        """'Whitfield was one of three Republicans who voted against it', 'Whitfield, one of three Republicans
        who …': the one named, not the group."""
        if group.dep_ != "pobj" or group.head.lower_ != "of" or group.head.head.lower_ != "one":
            return None
        one = group.head.head
        if one.dep_ == "appos":
            return one.head
        if one.dep_ == "attr":
            subj = [c for c in one.head.children if c.dep_ in SUBJECT_DEPS]
            return subj[0] if subj else None
        return None

    def speaker_of(self, verb: Token) -> tuple[Resolved | None, Token | None]:
        """The subject of a cue verb, resolved; climbs conjunctions and clauses for a missing subject."""
        v = verb
        for _ in range(4):
            subj = [c for c in v.children if c.dep_ in SUBJECT_DEPS | {"agent"}]
            if v.i == verb.i:  # "details were reported by X": X, not the details
                subj = [c for c in subj if c.dep_ == "agent"] or subj
            else:  # "Sunak was interviewed by the BBC and said …": the subject of the verb climbed to, not its agent
                subj = [c for c in subj if c.dep_ != "agent"] or subj
            if not subj and v.i == verb.i:
                named = self._inverted_name(verb)
                if named is not None:
                    return self.at_token[named.i], named
            if len(subj) > 1:
                # "“… their ability to receive it,” Artigas said", parsed with two subjects: not the quoted one
                outside = [c for c in subj if not self._quoted_at.holds(c.idx)]
                subj = outside or subj
            if len(subj) > 1:
                # "Shadow Work and Pensions Secretary Jo Marsh said", the title parsed as a subject of its own: the
                # one that is a name
                subj = [c for c in subj if c.i in self.at_token and self.at_token[c.i].kind == "name"] or subj
            if subj:
                s = subj[0]
                if s.dep_ == "nsubjpass" and v.i == verb.i and v.lemma_.lower() in DONE_TO_VERBS:
                    return None, None  # "the chancellor was accused of “sacrificing nature”": her accusers' words
                if s.dep_ == "agent":
                    pobj = [c for c in s.children if c.dep_ == "pobj"]
                    if not pobj:
                        return None, None
                    s = pobj[0]
                if s.lower_ in {"who", "which", "that"} and v.dep_ == "relcl":
                    relative, s = s, v.head  # "Sir Alan Brierley, who said afterwards that ..."
                    if relative.lower_ == "who" and s.dep_ == "appos" and \
                            getattr(self.at_token.get(s.head.i), "kind", None) == "name":
                        s = s.head  # "state Sen. David Ruiz, a Fairmont Democrat, who testified …": the name
                    s = self._one_of(s) or s
                r = self.at_token.get(s.i)
                if r is None or r.kind in {"role", "spokesperson", "organisation"}:
                    # "Labour's shadow minister, Stephen Kinnock, said", "an Acme spokeswoman, Ann Lee, said":
                    # the name in apposition is who spoke
                    named = next((self.at_token[c.i] for c in s.children if c.dep_ == "appos" and c.i > s.i and
                                  c.i in self.at_token and self.at_token[c.i].kind == "name"), None)
                    if named is not None and self.facts.get(named.key) is not None and \
                            self.facts[named.key].kind == "person":
                        return named, s
                if r is None and _share(s):
                    # "73% of voters in the Reuters/Ipsos poll said": the poll's author reports its respondents; so
                    # does the poll the story has just named, for a percentage ("…, with 64% saying …"; not "dozens
                    # of MPs", "a group of parents")
                    polled = next((self._document(x) for x in s.subtree if x.pos_ == "NOUN" and
                                   x.lemma_.lower() in POLLS and x.i > s.i), None) or (
                        self._last_poll(s) if s.ent_type_ == "PERCENT" or s.text == "%" else None)
                    if polled is not None:
                        return polled, s
                if r is None and (s.dep_ not in {"nsubjpass", "csubjpass"} or v.i != verb.i):
                    # a name run whose head is not the last token; not whom a document is sent to or is about ("a
                    # letter to Mayor London Breed states …"), nor a name in a clause of the subject, nor in what a
                    # passive verb says was done or said ("details of Zentro's plans were reported")
                    for x in s.subtree:
                        if x.i in self.at_token and self.at_token[x.i].kind in {"name", "organisation"} and \
                                not self.aside(x, s) and not _named_after_a_person(x, s, self.at_token[x.i].kind):
                            r = self.at_token[x.i]
                            break
                return r, s
            if v.dep_ in {"conj", "xcomp", "advcl", "ccomp", "relcl"} and v.head.i != v.i:
                if asked_to(v):
                    return None, None  # "Tom Bell was asked to back the levy": asked, not done
                if v.dep_ == "advcl" and v.tag_ == "VBG" and v.lemma_.lower() in SAYING_VERBS and \
                        v.head.dep_ == "ccomp" and v.head.head.lemma_.lower() in SAYING_VERBS:
                    # "First Bus said it “welcomed” the proposal, adding that …": the parser hangs the participle
                    # on the words said; who adds is who said them
                    v = v.head.head
                    continue
                if v.dep_ == "relcl":
                    r = self.at_token.get(v.head.i)
                    return r, v.head
                absolute = self._with_subject(v)
                if absolute is not None:
                    return self.at_token.get(absolute.i), absolute
                said = joined_to_what_is_said(v) if v.i == verb.i else None
                if said is not None and not any(c.i in self.at_token for c in v.head.children
                                                if c.dep_ in {"nsubj", "nsubjpass"}):
                    v = said  # (a subject that is someone the story names may be the one who did it)
                    continue
                v = v.head
                continue
            break
        return None, None

    def _inverted_name(self, verb: Token) -> Token | None:
        """The name said right after a verb of saying that the parse left with no subject ("…,” said Lena Ortiz, an
        economist who co-wrote the study", where the name was taken for the subject of "wrote"), where the verb
        follows the words said (a comma or a closing quotation mark)."""
        doc = verb.doc
        if verb.i == 0 or verb.i + 1 >= len(doc) or doc[verb.i - 1].text not in {",", "”", '"', "’", "'"}:
            return None
        last = verb.i + 1
        while last + 1 < len(doc) and doc[last + 1].ent_iob_ == "I" and doc[last].ent_type_ == "PERSON":
            last += 1  # (the last word of the name is the one held)
        r = self.at_token.get(last)
        return doc[last] if r is not None and r.kind == "name" else None

    @staticmethod
    def aside(x: Token, head: Token) -> bool:
        """Whether ``x``, inside the phrase headed by ``head``, is reached through a clause or a preposition that
        names a recipient or a topic ("the letter to Mayor Breed", "a video of Ann Lee", "the lawyer representing
        Love"), not the phrase's owner or author ("a letter from the Harbour Trust", "the head of the union", "an aide
        to Ann Lee", "an attorney with the ACLU", "a study published by the Williams Institute")."""
        document = head.lemma_.lower() in DOCUMENT_NOUNS
        by = False  # reached through "by": the author of a clause ("published by X")
        while x.i != head.i and x.head.i != x.i:
            if x.dep_ == "agent" or (x.dep_ == "prep" and x.lower_ in {"for", "with", "at"} and x.head.dep_ == "acl"):
                by = True  # "published by X", "a spokeswoman speaking for X", "an official working at X"
            if (x.dep_ in {"relcl", "acl"} and not by) or (x.dep_ == "prep" and (
                    x.lower_ in ADDRESSED or (document and x.lower_ in {"to", "of", "on"}))):
                return True
            if x.dep_ == "prep" and x.lower_ == "of" and _share(x.head):
                return True  # "70% of Democrats said", "most of the councillors": some of them, not the body

            x = x.head
        return False

    @staticmethod
    def _with_subject(v: Token) -> Token | None:
        """The subject of a participle in a "with" clause ("…, with Tom Bell, MP for Leeds East, announcing that
        …"): the object of "with" just before it, not the subject of the sentence it hangs from."""
        if v.dep_ != "advcl" or v.tag_ != "VBG":
            return None
        withs = [c for c in v.head.children if c.dep_ == "prep" and c.lower_ == "with" and c.i < v.i]
        objs = [g for c in withs[-1:] for g in c.children if g.dep_ == "pobj"]
        return objs[0] if objs else None


article_resolvers.add("rules.v1", DocEntities)
