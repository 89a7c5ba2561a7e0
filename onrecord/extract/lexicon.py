"""Word lists the rule-based extractor relies on. General English, not fitted to any article."""

from __future__ import annotations

import re
from typing import Literal

# Titles written before a name. Peerage titles stay part of a canonical name when
# no first name is given ("Lord Glasman"); the others are dropped ("Sir Keir Starmer" -> "Keir Starmer").
HONORIFICS = {
    "sir", "dame", "lord", "lady", "baroness", "baron", "ms", "mr", "mrs", "miss", "mx", "dr",
    "professor", "prof", "rev", "reverend", "cllr", "councillor", "sen", "senator", "rep",
    "gov", "governor", "president", "judge", "justice", "general", "gen", "mayor", "chancellor",
    "assemblyman", "assemblywoman", "assemblymember", "congressman", "congresswoman", "councilman", "councilwoman",
    "councilmember", "speaker", "sens", "reps", "lt", "capt", "sgt", "col", "maj", "cpl", "pvt", "cmdr", "adm",
    "atty", "supt", "fr", "hon",
}
PEERAGE = {"lord", "lady", "baroness", "baron"}
# Titles that are also offices: dropped from a name, but kept as a role ("the Chancellor, Rachel Reeves").
ROLE_TITLES = {"president", "governor", "mayor", "chancellor", "senator", "sen", "rep", "judge", "justice",
               "general", "gen", "councillor", "cllr", "professor", "prof", "assemblyman", "assemblywoman",
               "assemblymember", "congressman", "congresswoman", "councilman", "councilwoman", "councilmember", "gov",
               "speaker", "capt", "sgt", "col", "maj", "cpl", "pvt", "cmdr", "adm", "supt", "sens", "reps"}
# An abbreviated title kept as a role is written out: "Sen. Maria Lopez" is a Senator.
TITLE_ABBREVIATIONS = {
    "sen": "Senator", "sens": "Senator", "rep": "Representative", "reps": "Representative", "gov": "Governor",
    "gen": "General", "prof": "Professor", "cllr": "Councillor", "capt": "Captain", "sgt": "Sergeant",
    "col": "Colonel", "maj": "Major", "cpl": "Corporal", "pvt": "Private", "cmdr": "Commander", "adm": "Admiral",
    "supt": "Superintendent",
}
# Titles written with a full stop that spaCy's English tokenizer splits from it ("Capt." -> "Capt", "."); the
# pipeline keeps each one whole, as it does "Sen." and "Gov."
DOTTED_TITLES = ["Reps.", "Sens.", "Lt.", "Capt.", "Sgt.", "Col.", "Maj.", "Cpl.", "Pvt.", "Cmdr.", "Atty.", "Supt.",
                 "Fr.", "Hon."]
# Words written with a full stop that does not end the sentence: "Mr. Brown said", "Sen. Cole", "Jan. 5".
DOTTED_ABBREVIATIONS = {
    "mr", "mrs", "ms", "messrs", "dr", "sen", "sens", "rep", "reps", "gov", "gen", "prof", "rev", "st", "mt", "jr",
    "sr", "lt", "col", "sgt", "capt", "cmdr", "adm", "maj", "cpl", "pvt", "atty", "supt", "insp", "hon", "fr", "no",
    "vs", "inc", "co", "corp", "ltd", "jan", "feb", "aug", "sept", "oct", "nov", "dec", "ft", "ave", "blvd", "dept",
    "univ",
}
# A US legislator's party and place after the name: "Sen. Maria Lopez (D-Fresno)", "Tom Briggs, R-Redding,",
# "Rep. Ann Cole, D-N.Y., said"; the letter names the party (read through the register's party names).
US_DESIGNATOR = re.compile(r"\s*[(,]\s*([DRI])\s?[-–]\s?[A-Z][A-Za-z.]*(?: [A-Z][a-z.]+)?\s*(?:[),.]|$)")
US_PARTY_LETTERS = {"D": "democrat", "R": "republican", "I": "independent"}
# Nouns that describe a person (not an organisation) before a name: "Labour backbencher Nadia Whittome".
PERSON_ROLE_NOUNS = {
    "mp", "peer", "minister", "secretary", "chancellor", "mayor", "leader", "senator", "governor", "president",
    "councillor", "chair", "chairman", "chairwoman", "backbencher", "billionaire", "campaigner", "lawmaker",
    "congressman", "congresswoman", "representative", "candidate", "deputy", "premier", "commissioner",
    "director", "founder", "official", "activist", "adviser", "advisor", "professor", "judge", "msp", "mep",
    "spokesperson", "spokesman", "spokeswoman", "economist", "historian", "lawyer", "barrister", "analyst",
}
# What a statement was made in, rather than to: "in a post on X", "in an interview with the BBC".
STATEMENT_NOUNS = {"post", "statement", "interview", "message", "tweet", "video", "letter", "article", "op-ed",
                   "column", "speech", "briefing", "broadcast", "appearance"}
# Documents that state what they find or claim: "An analysis of the survey found …", "a lawsuit alleged …"
DOCUMENT_NOUNS = STATEMENT_NOUNS | {"analysis", "study", "report", "survey", "poll", "audit", "review", "research",
                                    "paper", "memo", "memorandum", "lawsuit", "suit", "complaint", "filing", "brief",
                                    "petition", "draft", "document", "investigation", "inquiry", "data", "datum",
                                    "figures", "statistics", "tally", "estimate", "estimates", "policy"}
# Documents whose author speaks through them: "a Reuters/Ipsos poll showed …" is the pollster's finding, and "that
# poll", a sentence on, is the same pollster's
AUTHORED_DOCUMENTS = {"poll", "survey", "study", "report", "investigation", "analysis", "audit", "review", "research",
                      "data", "estimate", "estimates", "memo", "paper", "figures", "statistics", "tally", "forecast",
                      "projection", "inquiry", "probe"}
# ... of which a name in front is more often what they look into than who wrote them: "the Boeing audit", "the Trump
# investigation" (the author of these is named by "by" or a possessive: "the FBI's investigation")
POLLS = {"poll", "survey", "census", "questionnaire"}  # documents whose respondents a share is of
TARGETED_DOCUMENTS = {"investigation", "audit", "review", "inquiry", "probe"}
FEMALE_TITLES = {"ms", "mrs", "miss", "dame", "lady", "baroness"}
MALE_TITLES = {"mr", "sir", "lord", "baron"}

PRONOUN_GENDER: dict[str, Literal["m", "f"]] = {
    "he": "m", "him": "m", "his": "m", "himself": "m",
    "she": "f", "her": "f", "hers": "f", "herself": "f",
}
ORG_PRONOUNS = {"it", "its", "they", "them", "their", "we", "our"}
PERSON_PRONOUNS = set(PRONOUN_GENDER) | {"i", "they", "them", "their"}

# Verbs that introduce what somebody said, wrote or thinks (lemmas).
SPEECH_VERBS = {
    "say", "tell", "add", "insist", "claim", "argue", "state", "warn", "explain", "write",
    "tweet", "post", "declare", "announce", "reply", "respond", "note", "suggest", "admit",
    "acknowledge", "concede", "deny", "urge", "describe", "ask", "believe", "think", "praise",
    "criticise", "criticize", "accuse", "conclude", "remark", "stress", "emphasise", "emphasize",
    "maintain", "vow", "pledge", "promise", "predict", "recall", "comment", "confirm", "reveal",
    "contend", "assert", "question", "caution", "complain", "agree", "disagree", "continue",
    "joke", "quip", "repeat", "demand", "call", "blast", "slam", "hit", "signal", "indicate",
    "report", "testify", "inform", "assure", "feel", "hope", "fear", "intend", "plan", "want",
    "brand", "label", "dismiss", "welcome", "attack", "defend", "told",
    "hail", "applaud", "denounce", "condemn", "decry", "tout", "lament", "lambaste", "recount", "exclaim", "shout",
    "reflect", "muse", "wonder", "disclose", "advise", "allege", "boast",
}
# Verbs whose clausal complement is reported speech (indirect quotes).
INDIRECT_VERBS = {
    "say", "tell", "add", "insist", "claim", "argue", "state", "warn", "explain", "write",
    "declare", "announce", "reply", "respond", "note", "suggest", "admit", "acknowledge",
    "concede", "deny", "stress", "emphasise", "emphasize", "maintain", "vow", "pledge",
    "promise", "predict", "confirm", "reveal", "contend", "assert", "believe", "think",
    "complain", "agree", "indicate", "signal", "testify", "assure", "inform", "hint", "tweet",
    "recommend", "advise", "counter", "allege", "caution", "estimate", "find", "report", "conclude", "project",
    "rule",  # "The UNHCR has ruled that these measures are unlawful"
}
# Verbs of saying proper: with these an unnamed subject ("officials said …") still makes a quote.
SAYING_VERBS = {
    "say", "tell", "add", "insist", "claim", "argue", "state", "warn", "explain", "write", "declare",
    "announce", "reply", "respond", "confirm", "reveal", "assert", "tweet", "admit", "stress",
}
# Cues of a position reported without a quote ("called for", "rejected calls for").
REPORTED_VERBS = {
    "call", "reject", "refuse", "back", "urge", "demand", "oppose", "support", "endorse",
    "rule", "resist", "block", "veto", "champion", "push", "press", "campaign", "lobby",
    "dismiss", "welcome", "decline", "favour", "favor", "commit", "pledge", "vow",
    "vote", "sponsor", "cosponsor", "author",  # a legislator's position on a bill: "voted against the bill"
    "try", "seek", "attempt", "strive",  # an effort to do something: "trying to build a third runway"
}
# Verbs of an effort: what follows is something done, not said
EFFORT_VERBS = {"try", "seek", "attempt", "strive"}
# Verbs whose "that" clause is an aim or a demand, not something done: "to ensure that the company creates …",
# "urged that the council reject the plan" (the council has not rejected it)
AIM_VERBS = {"ensure", "guarantee", "hope", "wish", "require", "demand", "urge", "propose", "recommend", "mandate"}
REPORTED_NOUNS = {"refusal", "rejection", "opposition", "support", "backing", "call", "calls", "demand", "decision"}
REPORTED_NEEDS_PREP = {"call": {"for", "on"}, "push": {"for", "through", "ahead"}, "press": {"for", "ahead"},
                       "row": {"back"}, "stick": {"to", "with", "by"}, "proceed": {"with"}, "go": {"ahead"},
                       "retreat": {"from"},
                       "campaign": {"for", "against"}, "lobby": {"for", "against"}, "rule": {"out"},
                       "testify": {"in", "for", "against"},  # "testified in favor of the bill"
                       "speak": {"against"},  # "spoke against the ban" ("spoke in favor": actors._in_favour)
                       "come": {"against"},  # "came out against the plan" ("came out in favour": as "spoke")
                       "distance": {"from"},  # "distanced himself from the plan"
                       "vote": {"for", "against", "to"},  # "voted 4-3 to close four schools"
                       "try": {"to"}, "seek": {"to"}, "attempt": {"to"}, "strive": {"to"}}

# Someone who speaks for another: "Starmer's spokesperson", "a spokeswoman for the council".
MOUTH_NOUNS = {"spokesperson", "spokesman", "spokeswoman", "spokespeople", "aide", "representative", "source"}
# People who speak for the body named in front of them, as a group: "Redfield Power officials said" is the company
# speaking ("officials" alone, or a client's "lawyers", is not).
GROUP_MOUTHS = {"official", "leader", "executive", "representative", "officer", "spokespeople", "spokesperson",
                "lawyer", "attorney", "boss", "chief"}
# A body's people named as one, after its kind: "district leadership", "the county administration"
COLLECTIVE_MOUTHS = {"leadership", "administration", "management"}
# Those of them who speak for a client as its counsel: "Love's lawyers, from Kaufman Legal Group" are the firm
COUNSEL = {"lawyer", "attorney"}
# The kinds of body a group's people are named by in lower case ("the county attorneys", "district leaders"): the
# body of that kind in focus speaks
GROUP_BODIES = {"county", "city", "borough", "district", "council", "agency", "board", "commission"}
# ... and those that name a body of that kind even with no "the" ("district leaders said"): never a place or a club,
# nor used of many bodies at once ("council leaders" are often those of every council)
BARE_BODY_KINDS = {"district", "agency", "board", "commission"}
# Words that say people are kin: "his wife, Ayesha Curry" (then "the Currys" are the two of them)
KIN_WORDS = {"wife", "husband", "son", "daughter", "mother", "father", "brother", "sister", "parents", "couple",
             "spouse", "family", "children", "siblings", "twin", "twins", "grandmother", "grandfather"}
# Bodies whose name in front of an investigation or inquiry makes it theirs ("a Los Angeles Times investigation", "an
# FBI inquiry"); any other name there is what it looks into ("the Post Office investigation", "the Tesla inquiry")
INVESTIGATORS = {"times", "news", "journal", "gazette", "herald", "tribune", "chronicle", "reuters", "propublica",
                 "fbi", "senate", "police"}
# Public bodies a story may name by what they are, not by a name the tagger knows: "the school board voted to close
# four schools", "the city council approved it", then "the board"
PUBLIC_BODY_KINDS = {"council", "board", "commission", "committee", "legislature", "senate", "assembly", "panel"}
# "the company said": the business the story is about. Words in a name that make it some other kind of body (a
# public one, a school, a party, a charity, a newspaper) rather than a business
# What any organisation may be called ("the group said"); other kinds ("the union") only one whose name allows it
GENERIC_BODY_NOUNS = {"group", "organisation", "organization", "campaign", "nonprofit", "non-profit"}
COMPANY_NOUNS = {"company", "firm", "corporation"}
NOT_A_BUSINESS = {
    "government", "council", "committee", "department", "ministry", "office", "agency", "commission", "board",
    "authority", "administration", "bureau", "police", "court", "senate", "assembly", "house", "parliament",
    "congress", "legislature", "county", "city", "district", "state", "university", "college", "school", "schools",
    "party", "union", "campaign", "coalition", "charity", "foundation", "institute", "association", "society",
    "times", "news", "post", "journal", "press", "gazette", "herald", "tribune", "chronicle", "church", "hospital",
    "army", "navy", "fbi", "cia",
}

# Verbs whose passive subject is who the words are said to or of, not who says them ("she was accused of
# “sacrificing nature”", "he was told that …", "they were urged to …")
DONE_TO_VERBS = {"accuse", "tell", "ask", "urge", "warn", "criticise", "criticize", "attack", "condemn", "blame",
                 "praise", "call", "brand", "label", "describe", "dub", "slam", "lambast", "mock", "challenge"}

# Role nouns, and which roles they can refer back to ("the backbencher" -> someone who is an MP).
ROLE_WORDS = {
    "mp", "mps", "peer", "minister", "secretary", "chancellor", "mayor", "leader", "senator", "assemblyman",
    "assemblywoman", "assemblymember", "councilman", "councilwoman", "councilmember",
    "governor", "president", "councillor", "chair", "chairman", "chairwoman", "chief", "executive",
    "backbencher", "billionaire", "campaigner", "spokesperson", "spokesman", "spokeswoman", "group",
    "lawmaker", "congressman", "congresswoman", "representative", "candidate", "deputy", "shadow",
    "premier", "commissioner", "director", "founder", "head", "official", "activist", "member",
    "prime", "home", "foreign", "justice", "health", "education", "safeguarding", "campaign",
    "charity", "union", "organisation", "organization", "party", "committee", "council", "msp",
    "ms", "am", "mep", "lord", "baroness", "professor", "judge", "inquiry", "adviser", "advisor",
}
ROLE_CLASSES: dict[str, set[str]] = {
    "backbencher": {"mp", "msp", "backbencher", "member of parliament"},
    "mp": {"mp", "backbencher", "member of parliament"},
    "lawmaker": {"mp", "senator", "congressman", "congresswoman", "representative", "lawmaker", "peer"},
    "minister": {"minister", "secretary", "chancellor"},
    "secretary": {"secretary"},
    "mayor": {"mayor"},
    "peer": {"peer", "lord", "baroness"},
    "senator": {"senator", "senate"},  # "the senator" after "Senate Majority Leader Paul Greer"
    "congressman": {"congressman", "representative"},
    "congresswoman": {"congresswoman", "representative"},
    "governor": {"governor"},
    "group": {"group", "campaign", "organisation", "organization", "charity", "union"},
    "nonprofit": {"nonprofit", "non-profit", "group", "charity", "organisation", "organization"},
    "campaigner": {"campaigner", "activist"},
    "professor": {"professor"},
    "billionaire": {"billionaire"},
    "leader": {"leader"},
    "chair": {"chair", "chairman", "chairwoman"},
    "councillor": {"councillor"},
    "party": {"party"},
}
ORG_HEADS = {
    "group", "party", "government", "council", "committee", "union", "charity", "campaign",
    "organisation", "organization", "association", "department", "ministry", "office",
    "company", "firm", "agency", "commission", "board", "trust", "foundation", "institute",
    "coalition", "alliance", "movement", "network", "federation", "society", "club", "caucus", "nonprofit",
    "non-profit", "ngo",
}
ABBREVIATIONS = {"pm": "prime minister"}

# Titles and job nouns written before a name ("Supervisor Dennis Ockley", "Superintendent Kyla Brown", "Coach Jo
# Fry"): they are the person's role, never part of their name. General English (US and UK local and national
# offices, schools, police, courts, companies), with the list learned from PolNeAR train by
# scripts/learn_names.py (name_lexicon.json) added when the package is loaded.
TITLE_WORDS = {
    "supervisor", "superintendent", "trustee", "alderman", "alderwoman", "alderperson", "commissioner", "sheriff",
    "coach", "chancellor", "principal", "provost", "dean", "chair", "chairman", "chairwoman", "chairperson",
    "treasurer", "clerk", "auditor", "assessor", "controller", "comptroller", "registrar", "inspector", "detective",
    "officer", "sergeant", "lieutenant", "captain", "chief", "director", "manager", "administrator", "coordinator",
    "spokesperson", "spokesman", "spokeswoman", "secretary", "minister", "ambassador", "attorney", "prosecutor",
    "magistrate", "justice", "judge", "delegate", "legislator", "lawmaker", "councillor", "councilor",
    "councilmember", "councilman", "councilwoman", "assemblymember", "assemblyman", "assemblywoman", "senator",
    "representative", "congressman", "congresswoman", "governor", "mayor", "president", "vice", "deputy", "acting",
    "interim", "former", "ex", "state", "county", "city", "district", "general", "executive", "founder", "ceo", "cfo",
    "coo", "cto", "chef", "pastor", "bishop", "archbishop", "rabbi", "imam", "father", "sister", "brother",
    "professor", "lecturer", "economist", "analyst", "historian", "activist", "campaigner", "organizer", "organiser",
    "reverend", "rev", "baroness", "lord", "lady", "dame", "sir", "dr", "doctor", "nurse", "firefighter", "trooper",
    "marshal", "commander", "colonel", "major", "corporal", "private", "admiral", "leader", "speaker", "whip",
    "backbencher", "mp", "msp", "mep", "peer", "cllr", "editor", "reporter", "correspondent", "columnist",
    "journalist", "author", "artist", "chairs", "president-elect", "mayor-elect", "governor-elect", "shadow",
}

# Parties known without a register (a register adds and overrides).
DEFAULT_PARTIES = {
    "labour": "Labour", "conservative": "Conservative", "conservatives": "Conservative",
    "tory": "Conservative", "tories": "Conservative", "liberal democrat": "Liberal Democrats",
    "liberal democrats": "Liberal Democrats", "lib dem": "Liberal Democrats", "lib dems": "Liberal Democrats",
    "snp": "SNP", "green": "Green", "greens": "Green", "green party": "Green", "reform uk": "Reform UK",
    "reform": "Reform UK", "plaid cymru": "Plaid Cymru", "dup": "DUP", "republican": "Republican",
    "republicans": "Republican", "democrat": "Democratic", "democrats": "Democratic",
    "democratic": "Democratic", "gop": "Republican",
}

# Where something was said: broadcasters and papers are named after "told"/"on"/"in".
VENUE_NORMALISE = {"mps": "House of Commons", "the commons": "House of Commons", "peers": "House of Lords",
                   "the lords": "House of Lords", "parliament": "Parliament", "reporters": "reporters"}
VENUE_MEDIA_WORDS = {
    "news", "radio", "bbc", "itv", "sky", "lbc", "cnn", "fox", "times", "telegraph", "guardian", "echo",
    "post", "mail", "mirror", "express", "herald", "gazette", "journal", "observer", "independent", "standard",
    "chronicle", "today", "programme", "program", "show", "tv", "channel", "podcast", "press", "magazine",
    "tribune", "sun", "star", "record", "newspaper", "msnbc", "abc", "nbc", "cbs", "npr", "politico", "reuters",
    "commons", "lords", "parliament", "x", "twitter", "facebook", "media", "instagram", "tiktok", "interview",
}


def _learned(part: str) -> set[str]:
    """A part of the name lexicon learned by scripts/learn_names.py (name_lexicon.json)."""
    import json
    from pathlib import Path

    path = Path(__file__).with_name("name_lexicon.json")
    try:
        return set(json.loads(path.read_text("utf-8"))[part])
    except (OSError, ValueError, KeyError):
        return set()


TITLE_WORDS |= _learned("titles")
# First names that began two-word PERSON names in PolNeAR train: a soft sign that a name is a person's
FIRST_NAMES = _learned("first_names")
# How sure the name frequencies must be of a first name's gender to use it (share of one gender's frequency)
GENDER_SHARE = 0.9
_GENDERS: dict[str, str] = {}


def first_name_gender(name: str) -> str | None:
    """'f' or 'm' for a first name that the US census name frequencies (the ``names`` package's lists) give to one
    gender at least GENDER_SHARE of the time ("Rachel": f; "Lee", "Jordan": neither); None when unknown."""
    if not _GENDERS:
        try:
            import importlib.resources as resources

            freq: dict[str, dict[str, float]] = {}
            for gender, file in (("f", "dist.female.first"), ("m", "dist.male.first")):
                for line in (resources.files("names") / file).read_text("utf-8").splitlines():
                    parts = line.split()
                    if len(parts) >= 2:
                        freq.setdefault(parts[0].lower(), {})[gender] = float(parts[1])
        except (ModuleNotFoundError, OSError, ValueError):
            freq = {}
        for word, by in freq.items():
            total = sum(by.values())
            top = max(by, key=lambda g: by[g])
            if total > 0 and by[top] / total >= GENDER_SHARE:
                _GENDERS[word] = top
        _GENDERS.setdefault("", "")  # loaded, even when empty
    return _GENDERS.get(name.lower()) or None
