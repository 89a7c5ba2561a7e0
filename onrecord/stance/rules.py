"""A first, honest stance model: relevance, then polarity from explicit cues.

1. **Relevance.** The issue phrase gives a head ("inquiry" in "a national inquiry
   into grooming gangs") with its synonyms, the words around it, and the user's
   keywords. A quote is on the issue when it names the head (or a keyword) and no
   contradicting modifier ("local inquiries" are not "a national inquiry"). For a
   mixed quote the sentence around it counts too ("further investigation should
   “draw out…”"), and what the paragraph said before it; its polarity comes from
   its own sentence only (:func:`own_sentence`).
2. **Polarity** from explicit cues: advocacy (called for, we need, must, time for),
   refusal (rejected calls for, now is not the time, would not support, ruled out),
   openness and conditions (nothing is off the table, if the victims want it). A quote that names the issue
   with none of these takes no position: ``none`` ("names the issue but takes no position on it"), not
   ``neutral``, which is kept for an open door; so mentioning an issue never makes anyone "undecided".
3. **Context.** A quote that does not name the issue takes the stance of what the
   same speaker said about it in the same article (the quote runs on from it), at
   lower confidence; with no such context it is ``none``.

Every label carries a reason a person can check and the model name ``rules.v1``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from ..extract.quotes import sentence_end, sentence_start
from ..models import Issue, Quote, Stance, StanceLabel
from ..registry import stance_models

SYNONYMS: list[set[str]] = [
    {"inquiry", "inquiries", "enquiry", "enquiries", "probe", "probes", "investigation", "investigations"},
    {"ban", "bans", "banning", "prohibition", "prohibit"},
    {"tax", "taxes", "levy", "surcharge"},
    {"bill", "bills", "legislation", "law", "act"},
    {"referendum", "vote", "ballot"},
    {"proposition", "prop"},
    {"cut", "cuts", "reduction"},
    {"reform", "reforms", "overhaul"},
    {"strike", "strikes", "walkout", "industrial action"},
    {"wall", "barrier"},
]
ANTONYM_MODIFIERS = {"national": {"local", "locally-led", "regional"}, "local": {"national"},
                     "federal": {"state"}, "full": {"partial"}, "permanent": {"temporary"},
                     "new": {"existing"}}
# "a rival bill", "a competing measure": not the issue's bill
OTHER_ONE = {"rival", "competing", "alternative", "separate", "different", "counter"}
STOP = {"a", "an", "the", "of", "on", "in", "into", "for", "to", "and", "or", "with", "about", "at", "by"}

SUPPORT = [
    r"\bcall(?:s|ed|ing)? (?:for|on)\b", r"\bwe need\b", r"\bneeds? (?:a|an|to)\b", r"\bmust\b", r"\bshould\b",
    r"\btime for\b", r"\bback(?:s|ed|ing)? (?:a|an|the|any|this|calls?)\b", r"\bsupport(?:s|ed|ing)?\b",
    r"\burg(?:e|es|ed|ing)\b",
    r"\bdemand(?:s|ed|ing)?\b", r"\bin favou?r of\b", r"\bvot(?:e|es|ed|ing) (?:for|yes|in favou?r)\b", r"\byes on\b",
    r"\b(?:co-?)?sponsor(?:ed|ing)\b", r"\b(?:co-?)?sponsors (?:the|a|an|this|it)\b",
    r"\b(?:co-?)?author(?:ed|s)? (?:the|a|an|this|it)\b",
    r"\bsign(?:s|ed|ing)? (?:it|the bill|the measure|the legislation)\b",
    r"\bsigned into law\b", r"\b(?:fought|fights|fighting|lobbied|lobbies|lobbying) for\b",
    r"\bcommit(?:s|ted)? to\b", r"\bpush(?:es|ed)? for\b",
    r"\bwelcome[sd]?\b", r"\bendorse[sd]?\b", r"\bjoin(?:s|ed)? the call\b", r"\bwant(?:s|ed)?\b",
    r"(?<!law )(?<!laws )(?<!rules )\brequires?\b",  # (not "as state law requires": the law's, not the speaker's)
    # a thing said to be needed ("the decision was necessary"; not "it is necessary to …", which is what is needed)
    r"\b(?!it\b)(?:(?:the|this|that|these|those|its|his|her|their)\s+)?[\w’'-]+\s+(?:is|was|are|were|remains?)\s+"
    r"(?:\w+ly\s+)?(?:necessary|essential|justified)\b",
    r"\bis right\b", r"\bchampion", r"\bpress(?:es|ed)? for\b", r"\bcampaign(?:s|ed)? for\b",
    r"\bhail(?:s|ed|ing)? (?:the|this|its|it)\b", r"\bapplaud(?:s|ed|ing)? (?:the|this|its|it)\b",
    r"\btout(?:s|ed|ing)? (?:the|this|its|it)\b", r"\bargu(?:e|es|ed|ing) for\b",
]
# a negation before a vote or a signature: "won't vote for", "not voting for", "will not sign"
NOT_ = r"\b(?:not|never|won[’']t|wouldn[’']t|couldn[’']t|didn[’']t|don[’']t|doesn[’']t)"
# Not standing against it: "would not oppose it", "did not oppose the bill" (not "not opposed to … but")
NOT_OPPOSING = re.compile(NOT_ + r"\s+(?:be\s+)?oppos(?:e|ing)\b", re.I)
# ... what a negation just before a word of blocking makes a letting pass ("would not try to block it"), not a block
UNBLOCKED = r"(?<!\bnot )(?<!n[’']t )(?<!\bnot try to )(?<!n[’']t try to )(?<!\bnot seek to )(?<!n[’']t seek to )"
# A word pointed at, as what is judged, not as the speaker's own act ("called the veto a missed opportunity")
POINTED = r"(?<!\bthe )(?<!\bthis )(?<!\bthat )(?<!\bhis )(?<!\bher )(?<!\bits )(?<!\btheir )"
OPPOSE = [
    r"\bnot the time\b", r"\breject(?:s|ed|ing)?\b", r"\brefus(?:e|es|ed|al|ing)\b", r"\brule[sd]? out\b",
    r"\bruling out\b", r"\boppos(?:e|es|ed|ing|ition)\b", r"\bagainst\b", r"\bno more\b", r"\bnot more\b",
    UNBLOCKED + r"\bblock(?:s|ed|ing)?\b",
    POINTED + r"(?<!\bnot )(?<!never )(?<!n[’']t )(?<!\bno )(?<!n[’']t get a )(?<!n[’']t have a )(?<!not get a )"
    r"(?<!not have a )\bveto", r"\bscrap",
    r"\bwrong\b", r"\bunnecessary\b",
    UNBLOCKED + r"\b(?:stand|stands|stood|standing)\s+in\s+(?:the|its|their)\s+way\s+of\b",
    # a delay asked for; not one pointed at, which is what is judged ("every delay means more children …")
    r"(?<!\bthe )(?<!\bthis )(?<!\bthat )(?<!\bevery )(?<!\beach )(?<!\banother )\bdelay(?:s)?\b",
    r"\bwaste of\b", r"\bnot (?:support|back(?!\s+(?:down|off|away)\b)|want|need)\b",
    r"\b(?:would|will|could|does|do|did)(?:n[’']t| not) (?:support|back(?!\s+(?:down|off|away)\b)|want|need|call)\b",
    r"\bvot(?:e|es|ed|ing) (?:no|down)\b", r"\bno on\b", r"\bnot in favou?r of\b",
    NOT_ + r"\s+(?:be\s+)?vot(?:e|es|ed|ing)\s+(?:for|yes)\b", NOT_ + r"\s+sign(?:s|ed|ing)?\b",
    r"\bno need for\b", r"\bnot the right\b", r"\bcruel\b",
    r"\bdismiss", r"\b(?:not|never)\s+(?:been\s+)?(?:convinced|persuaded)\b", r"\bunconvinced\b",
    r"\b(?:rethink|reconsider)(?:s|ing|ed)?\b",  # "urged the Chancellor to rethink the rise"
]
# Not stopping it: "would not veto it", "would not try to block it", "would not stand in the way of it" (it passes,
# whatever is thought of it)
LETS_PASS = re.compile(NOT_ + r"\s+(?:(?:try|seek|attempt|move)\s+to\s+)?(?:veto|block|"
                       r"stand\s+in\s+(?:the|its|their)\s+way)\b", re.I)
# Leaving the decision to others: "voters should decide", "it is up to residents", "let the voters decide" (not
# "voters should decide to reject it": a side again)
DEFERS = (r"\b(?:(?:voters|residents|the\s+(?:public|people|courts?|voters)|people|taxpayers|parents|"
          r"members)\s+(?:should|must|ought\s+to|will|can|get\s+to)\s+(?:be\s+allowed\s+to\s+)?(?:decide|"
          r"choose|have\s+(?:the|their)\s+(?:final\s+)?say)|(?:let|letting)\s+(?:the\s+)?(?:voters|residents|"
          r"people|public)\s+decide|(?:up|left)\s+to\s+(?:the\s+)?(?:voters|residents|people|public)\s+to\s+"
          r"decide)\b(?!\s+to\b)")
NEUTRAL = [
    r"\boff the table\b", r"\bnot (?:completely |entirely )?shut the door\b", r"\bopen to\b", r"\bconsider(?:ing)?\b",
    r"\bi[’']ll listen\b", r"\blisten to\b", r"\blook at\b", r"\bundecided\b", r"\bunder review\b",
    r"\bkeep an open mind\b", r"\bnot ruled? out\b", r"\bwait and see\b",
    r"\b(?:has|had|have|is|are|was|were)(?:n[’']t| not)(?: yet)? (?:decided|made up)\b",
    r"\bstill (?:deciding|weighing)\b", r"\b(?:rush(?:ed|ing)?|hurr(?:y|ied|ying))[”\"’']?\s+into\s+(?:a|any|the)\s+"
    r"(?:\w+\s+)?decision\b",  # "would not be “rushed” into a decision": not decided yet
    # a decision put off until more is known: "wanted to see the final project list before deciding"
    r"\bbefore (?:deciding|(?:I|we|he|she|they) (?:decide|make up (?:my|our|his|her|their) minds?)|"
    r"making (?:a|any|the|their|his|her|my|our) (?:decision|choice|final decision)|"
    r"making up (?:his|her|their|my|our) minds?|taking a (?:final |firm )?(?:position|stance|view|decision)|"
    r"coming down on (?:either|one|any) side|committing (?:either|one) way|(?:I|we|he|she|they) commit either way)\b",
    r"\b(?:(?:has|had|have)(?:n[’']t| not)(?: yet)? taken|(?:do|does|did|would|will)(?:n[’']t| not)(?: yet)? take|"
    r"won[’']t take|declin(?:e|es|ed|ing) to take)\s+(?:a (?:\w+ )?(?:position|stance|view)|sides)\b",
    DEFERS,  # "voters should decide": left to others, whatever is thought of it
    # neutral, said: "the college is neutral on the principle", "remained neutral", "took a neutral stance"
    r"\b(?:is|was|are|were|be|been|remains?|remained|stays?|stayed)\s+(?:strictly\s+|officially\s+)?neutral\b",
    r"\bneutral\s+(?:position|stance|view)\b",
    # an abstention to come: "I will now abstain", "she plans to abstain"
    r"\b(?:will|would|shall|[’']ll|going\s+to|plans?\s+to|planned\s+to|intends?\s+to|intended\s+to)\s+"
    r"(?:now\s+|probably\s+|simply\s+)?abstain\b",
    # more to be seen first: "I want to see the security plan first", "we need to see the figures before we commit"
    # (not a deadline: "we want to see the ban in place before the summer")
    r"\b(?:want|wants|wanted|need|needs|needed|would\s+like|have|has|had)\s+to\s+see\s+(?:[\w’'$-]+\s+){0,14}?"
    r"(?:first\b|before\s+(?:(?:I|we|he|she|they|you|anyone|anybody|the\s+(?:council|board|city|county))\s+"
    r"(?:\w+\s+)?(?:decide|commit|vote|sign|back|support|tell|make|take|say|give)|\w+ing\b))",
    LETS_PASS.pattern,  # "he would not veto it": lets it pass, whatever he thinks of it
]
# A delay asked for until more is known: "delay the vote until an independent study is completed", "pause it pending
# a review" (not yet a side on it)
PENDING_STUDY = re.compile(r"\b(?:delay|pause|postpone|put off|hold off)\w*\s+(?:[\w’'-]+\s+){0,8}?(?:until|pending)\s+"
                           r"(?:[\w’'-]+\s+){0,3}?(?:review|study|audit|investigation|inquiry|enquiry|assessment|"
                           r"evaluation|consultation|report|analysis)\b", re.I)
# A question asked about a side, which says none: "did not respond to a question about whether she supports the ban",
# "asked if he would back it", "it is unclear whether the council will approve it"
QUESTIONED = re.compile(r"\b(?:questions?\s+(?:about|on|over|of|asking)|ask(?:s|ed|ing)?|wonder(?:s|ed|ing)?|"
                        r"unclear|unknown|not\s+(?:clear|known))\s+(?:\w+\s+){0,2}?(?:whether|if)\b[^.;:!?,]*", re.I)
NOT_SAYING = re.compile(r"\b(?:declined|declines|declining|refused|refuses|would not|wouldn[’']t|did not|didn[’']t|"
                        r"will not|won[’']t)\s+(?:to\s+)?(?:say|disclose|reveal|indicate)\s+(?:whether|if|how)\b", re.I)
# Evaluations of the proposal itself; a negation before them in the clause flips them.
POSITIVE_EVAL = [r"\bonly (?:honest |real )?(?:way|answer|option)\b",
                 # a gain dealt to someone: "a victory for the millions who ride transit", "a big win for tenants"
                 r"\ban?\s+(?:[\w-]+\s+){0,2}?(?:victory|win)\s+for\b",
                 # working, said of it: "the toll is working" (not "working on it", "working with them")
                 r"\b(?:it|this|that|the\s+\w+)\s+(?:is|are|has\s+been|have\s+been)\s+(?:clearly\s+|already\s+)?"
                 r"working\b(?!\s+(?:on|with|to|for|through|out|together|hard)\b)",
                 r"\bthe (?:right|best|responsible|sensible|prudent|correct|smart|wise) (?:answer|thing|way|choice|"
                 r"decision|call|approach|move|step)\b",
                 r"\bleast we owe\b", r"\bessential\b", r"\bvital\b", r"\bthe answer\b", r"\bthe solution\b",
                 r"\bright thing\b", r"\bnational response\b", r"\bfair\b", r"\boverdue\b", r"\bcommon sense\b",
                 r"\bstep in the right direction\b", r"\bgame[- ]?changer\b", r"\bno[- ]?brainer\b"]
NEGATIVE_EVAL = [r"\bwreck", r"\bdamag(?:e|es|ing)\b", r"\bharm", r"\bdestroy", r"\bruin", r"\bnothing to\b",
                 r"\bcruel\b", r"\bunfair\b", r"\bmistake\b", r"\bdisaster", r"\bpunish", r"\battack on\b",
                 r"\bcounterproductive\b", r"\bunworkable\b", r"\bpointless\b", r"\bwaste\b", r"\bcriticis",
                 r"\bcriticiz", r"\bcondemn", r"\bslamm?", r"\bfantasy\b", r"\bnot serious\b", r"\breckless\b",
                 r"\bunaffordable\b", r"\bunfunded\b", r"\birresponsible\b", r"\bblast(?:s|ed|ing)?\b",
                 r"\bdecr(?:y|ies|ied|ying)\b", r"\bdenounc", r"\b(?:go(?:es|ne|ing)?|went)\s+too\s+far\b",
                 r"\bstep too far\b", r"\bstep (?:backwards?|back|in the wrong direction)\b",
                 r"\bill[- ]conceived\b", r"\bhalf[- ]baked\b", r"\bshort[- ]?sighted\b",
                 r"\bcash[- ]grab\b",
                 # a setback dealt to someone or something: "a hammer blow for hospices", "a major blow to farmers"
                 r"\ban?\s+(?:[\w-]+\s+){0,2}?blow\s+(?:to|for)\b", r"\bslap in the face\b", r"\bkick in the teeth\b"]
NEGATION = re.compile(r"\b(?:not|never|no|nobody|nothing)\b|n[’']t\b", re.I)
ENDORSE_CUES = {"praised", "praises", "welcomed", "welcomes", "hailed", "applauded", "backed", "backs", "supported",
                "echoed", "joined"}
# Voting with others, named: "he would vote with the Conservatives" (their side is theirs)
VOTE_WITH = re.compile(r"\bvot(?:e|es|ed|ing)\s+with\s+(?:the\s+)?((?:[A-Z][\w’'-]+\s*)+)"
                       r"(?![\w’'-]*\s+(?:against|for)\b)")
CONDITIONAL = re.compile(r"\b(if|unless|provided|as long as)\b", re.I)


REMOVING_ACTIONS = {"scrap", "abolish", "end", "repeal", "ban", "cut", "remove", "lift", "axe", "drop", "reverse",
                    "stop", "halt", "block", "ditch", "overturn", "cancel", "kill", "withdraw", "reduce", "lower",
                    "freeze", "close", "shut"}
KEEP_TARGET = [r"\bkeep(?:s|ing)?\b", r"\bretain", r"\bmaintain", r"\bdefend", r"\bprotect"]
REFUSAL_BEFORE = re.compile(r"(?:\bnot\b|n[’']t\b|\bnever\b|\brefus\w*\s+to\b|\bno plans? to\b|\bruled?\s+out\b|"
                            r"\brejected\s+calls?\s+to\b|\bagainst\b)[^.;:!?]{0,40}$", re.I)
# Words that stand for the proposal once an article is about it ("the plan", "the policy").
PROPOSAL_NOUNS = {"plan", "plans", "policy", "proposal", "proposals", "idea", "scheme", "pledge", "measure",
                  "announcement", "promise", "commitment", "move"}
# In an article about the issue, its vote stands for it too: "the vote", "how she would vote".
ITS_VOTE = re.compile(r"\b(?:the|this|that) vote\b|\bhow (?:he|she|they|i|we) (?:will|would|might|should) vote\b",
                      re.I)

# What the speaker is, as the article introduces them: "a spokesman for the No on 31 campaign", "who chairs the
# Yes on 31 committee", "a leading opponent of the measure". The side they campaign on is their position.
CAMPAIGN = re.compile(r"\b(yes|no)[- ]on[- ](?:prop(?:osition)?\.?\s*|measure\s+|question\s+)?([\w-]+)", re.I)
DESCRIBED_SIDE = re.compile(r"\b(opponents?|critics?|foes?|supporters?|proponents?|backers?|champions?|"
                            r"sponsors?|authors?) of\b", re.I)
# "the bill's author", "the measure's most prominent critic"
OWN_SIDE = re.compile(r"\b(?:the|this|its) ([a-z]+)['’]s (?:(?:most|leading|chief|lead|main|prominent|vocal|"
                      r"biggest|top|original|fiercest|loudest)\s+)*(authors?|co-?authors?|sponsors?|co-?sponsors?|"
                      r"champions?|supporters?|backers?|proponents?|critics?|opponents?|foes?)\b", re.I)
AGAINST_WORDS = {"opponent", "opponents", "critic", "critics", "foe", "foes"}
# "who leads the campaign against Measure 110", "a spokeswoman for the coalition supporting the bill"
SIDE_CAMPAIGN = re.compile(r"\b(?:campaign|effort|coalition|committee|group|drive|push|fight)\s+"
                           r"(against|for|opposing|supporting|to (?:defeat|pass|block|stop|approve))\b", re.I)
# "who chairs the Yes on 31 committee" says what the speaker is; "who debated the No on 31 campaign" does not
BEING_VERBS = {"is", "was", "has", "had", "chairs", "chaired", "leads", "led", "runs", "ran", "heads", "headed",
               "founded", "co-founded", "cofounded", "directs", "directed", "manages", "managed", "organizes",
               "organized", "organises", "organised", "works", "worked", "volunteers", "volunteered", "speaks",
               "co-chairs", "represents", "represented", "helped"}


# the openings of rules.v1's reasons that other stages read (onrecord.stance.trained): the quote names the issue;
# it takes no position on it; a speaker's explicit position carried over to a quote of theirs
NAMED = "names the issue"
NO_POSITION = "takes no position on it"
CARRIED = "the speaker's position in this article is"
REPORTED = "a reported position"  # how the readers' reasons name a position reported of its actor: "… “voted”"
VOTED = f"{REPORTED}: “vot"  # (the reason of a vote: "a reported position: “voted”, turned by …")


def names_issue(label: StanceLabel) -> bool:
    """Whether rules.v1 found the issue named in the quote (or, in an article that names it, "the plan")."""
    return label.reason.startswith(NAMED)


def voted(label: StanceLabel) -> bool:
    """Whether a label reads a vote its speaker cast ("voted against the plan"), as the readers word it."""
    return label.stance != "none" and VOTED in label.reason


def carried(label: StanceLabel) -> bool:
    """Whether a rules.v1 label carries the speaker's explicit position in the article to this quote."""
    return label.stance != "none" and CARRIED in label.reason


def _verb_stems(gerund: str) -> set[str]:
    """'scrapping' -> {'scrapp', 'scrap'}; 'introducing' -> {'introduc', 'introduce'}."""
    stem = gerund[:-3]
    out = {stem, stem + "e"}
    if len(stem) > 2 and stem[-1] == stem[-2]:
        out.add(stem[:-1])
    return out


@dataclass
class IssueTerms:
    heads: set[str]
    modifiers: set[str]
    topic: set[str]
    keywords: set[str]
    # "scrapping the two-child cap": the action (as a verb-form regex) and whether it removes its target
    action: str | None = None
    removes: bool = False
    # "Proposition 22", "Measure 110": the number that tells the issue from its namesakes
    designator: str | None = None

    @classmethod
    def from_issue(cls, issue: Issue) -> IssueTerms:
        words = [w for w in re.findall(r"[a-z][a-z’'-]*", issue.name.lower())]
        action, removes = None, False
        if words and words[0].endswith("ing") and len(words) > 1:
            stems = _verb_stems(words[0])
            action = r"\b(?:" + "|".join(re.escape(x) for x in sorted(stems)) + r")(?:s|es|ed|d|ing)?\b"
            removes = bool(stems & REMOVING_ACTIONS)
            words = words[1:]
        content = [w for w in words if w not in STOP]
        # the head is the last content word before the first preposition, else the last word
        head = content[-1] if content else ""
        for i, w in enumerate(words):
            if w in {"into", "on", "of", "for", "in", "to", "against", "about"} and i > 0:
                cands = [x for x in words[:i] if x not in STOP]
                if cands:
                    head = cands[-1]
                break
        heads = {head}
        for group in SYNONYMS:
            if head in group:
                heads |= group
        mods = set()
        if head in content:
            mods = {w for w in content[: content.index(head)]}
        topic = {w for w in content if w not in heads and w not in mods}
        kws = {k.lower() for k in issue.keywords}
        des = re.search(r"\b" + re.escape(head) + r"\.?\s+(\d[\w-]*)", issue.name.lower()) if head else None
        return cls(heads, mods, topic, kws, action, removes, des.group(1) if des else None)

    def mentions(self, text: str) -> str | None:
        """The words that name the issue in ``text``, or None."""
        low = text.lower()
        for kw in self.keywords:
            if kw and kw in low:
                return kw
        if self.designator:  # "vote no on 31", "the Yes on 31 campaign"
            for m in CAMPAIGN.finditer(low):
                if m.group(2) == self.designator:
                    return m.group(0)
        for m in re.finditer(r"[a-z][a-z’'-]*", low):
            w = m.group(0)
            if w not in self.heads:
                continue
            if w == "act" and not (text[m.start() : m.start() + 1] == "A" or
                                   re.search(r"\b(?:the|this|that|an)\s+$", low[max(0, m.start() - 6) : m.start()])):
                continue  # "we must act" is no Act
            before = re.findall(r"[a-z][a-z’'-]*", low[max(0, m.start() - 40) : m.start()])[-3:]
            bad = set().union(*(ANTONYM_MODIFIERS.get(x, set()) for x in self.modifiers)) if self.modifiers else set()
            if bad & set(before) or OTHER_ONE & set(before[-2:]):
                continue
            if self.designator and not re.match(r"\.?\s*" + re.escape(self.designator) + r"(?!\w|-\w)", low[m.end() :]):
                continue  # "Proposition 12" is not "Proposition 22"
            return w
        return None


# ", who signed the bill last year," / ", which passed in May,": an aside about someone or something else
ASIDE = re.compile(r",\s+(?:who|which|whose)\b[^,;:“”\"]*(?:,|(?=[.;:]))", re.I)


CLOSERS = "”\"’'"


def with_cue(q: Quote) -> str:
    """A statement's words, with its cue in front where the cue comes first in indirect or reported speech ("called
    for a ban on …", "warned that …"): what is read of it."""
    if q.kind in {"indirect", "reported"} and q.cue is not None and q.cue.start < q.span.start:
        if q.kind == "indirect" and q.span.start - q.cue.end > ADDRESSEE_GAP and ADDRESSED.fullmatch(q.cue.text) and \
                not re.match(r"(?:that|whether|if)\b", q.span.text, re.I):
            # "told the board the cameras would …": the addressee left out, the words said are the verb's clause, not
            # its object ("told the cameras …")
            return f"{q.cue.text} that {q.span.text}"
        return f"{q.cue.text} {q.span.text}"
    return q.span.text


# How many characters between a cue and the indirect speech after it hold more than a space or "that": an addressee,
# after a verb of saying that takes one ("told the board", "assured residents", "warned MPs")
ADDRESSEE_GAP = 6
ADDRESSED = re.compile(r"(?:told|tells?|telling|assur(?:e|es|ed|ing)|inform(?:s|ed|ing)?|remind(?:s|ed|ing)?|"
                       r"warn(?:s|ed|ing)?|promis(?:e|es|ed|ing)|convinc(?:e|es|ed|ing)|persuad(?:e|es|ed|ing))", re.I)


def own_sentence(q: Quote, lead: bool = False) -> str:
    """The sentence that holds a quote, cut from its paragraph (``q.sentence``): a mixed quote takes its position from
    the words of its own sentence, not from those of the sentences beside it ('… was “not convinced.” Senator Ruiz
    supports the bill …' is not Hale's support). With ``lead``, the paragraph up to the end of that sentence: what
    the quote can be about ('The wage bill passed. Hale called it “a disaster.”')."""
    para = q.sentence or ""
    at = para.find(q.span.text)
    if at < 0:
        return para or q.span.text
    start = 0
    if not lead:
        start = sentence_start(para, 0, at)
        while start < at and para[start] in CLOSERS:
            start += 1
    end = sentence_end(para, max(at, at + len(q.span.text) - 1), len(para))
    while end < len(para) and para[end] in CLOSERS:
        end += 1
    return para[start:end].strip()


def without_asides(sentence: str, keep: str) -> str:
    """The sentence around a mixed quote without its relative-clause asides ("Ann Lee, a critic of the governor,
    who signed the bill, said it was “unaffordable”": the bill was signed by the governor, not judged by Ann Lee),
    unless the aside holds the quoted words."""
    return ASIDE.sub(lambda m: m.group(0) if keep and keep in m.group(0) else ",", sentence)


def _first(patterns: list[str], text: str) -> str | None:
    best: tuple[int, str] | None = None
    for p in patterns:
        m = re.search(p, text, re.I)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), m.group(0))
    return best[1] if best else None


class RuleStance:
    name = "rules.v1"

    def evaluation(self, text: str, terms: IssueTerms) -> tuple[Stance, float, str] | None:
        """Support/oppose from how the speaker judges the proposal, or from its head used as a verb."""
        for patterns, polarity in ((NEGATIVE_EVAL, "oppose"), (POSITIVE_EVAL, "support")):
            for p in patterns:
                for m in re.finditer(p, text, re.I):
                    clause = re.split(r"[.;:!?]|,\s(?:but|and)\b", text[: m.start()])[-1]
                    negated = bool(NEGATION.search(clause))
                    if negated and m.group(0).lower().startswith("nothing"):
                        negated = False
                    st: Stance = polarity  # type: ignore[assignment]
                    if negated:
                        st = "support" if polarity == "oppose" else "oppose"
                    return st, 0.65, f"judges it: “{clause.strip()[-40:]} {m.group(0)}”"
        for h in terms.heads:
            vm = re.search(r"(?:^|[.!?]\s+|\b(would|will|should|must|to|can|shall)\s+)(?:not\s+)?" + re.escape(h)
                          + r"\s+(?!on\b|of\b|is\b|was\b|would\b|\d)\w", text, re.I)  # "Proposition 31" is no verb
            if vm:
                neg = bool(re.search(r"\bnot\s+" + re.escape(h), vm.group(0), re.I) or
                           re.search(r"n[’']t\s*$", text[: vm.start() + 1]))
                return ("oppose" if neg else "support"), 0.7, f"would {h} it: “{vm.group(0).strip()}”"
        return None

    def toward(self, text: str, terms: IssueTerms, about_target: bool = True) -> tuple[Stance, float, str] | None:
        """Stance toward the issue, read through its action: 'scrap the cap' supports 'scrapping the cap'."""
        if terms.action:
            m = re.search(terms.action, text, re.I)
            if m:
                clause = re.split(r"[.;:!?]", text[: m.start()])[-1]
                if REFUSAL_BEFORE.search(clause):
                    return "oppose", 0.75, f"refuses the action: “{clause.strip()[-30:]} {m.group(0)}”"
                return "support", 0.75, f"backs the action: “{m.group(0)}”"
        pol = self.polarity(text) or self.evaluation(text, terms)
        if terms.removes and about_target:
            keep = _first(KEEP_TARGET, text)
            if keep:
                return "oppose", 0.7, f"keeps what the issue would remove: “{keep}”"
            if pol is not None and pol[0] in {"support", "oppose"}:
                flipped: Stance = "oppose" if pol[0] == "support" else "support"
                return flipped, pol[1], f"{pol[2]} (toward what the issue would remove)"
        return pol

    def polarity(self, text: str) -> tuple[Stance, float, str] | None:
        text = QUESTIONED.sub(" ", text)  # ("a question about whether she supports the ban": asked, not said)
        quiet = NOT_SAYING.search(text)
        if quiet:  # "declined to say whether he would vote for it": no side, whatever follows
            return "neutral", 0.6, f"will not say: “{quiet.group(0)}”"
        pending = PENDING_STUDY.search(text)
        if pending:  # "urged members to delay the vote until an independent study is done": to know more first
            return "neutral", 0.6, f"asks to know more first: “{pending.group(0)}”"
        neu = _first(NEUTRAL, text)
        spared = NOT_OPPOSING.search(text)
        if spared and not neu:  # "said they would not oppose it": no stand against it, a lean for it
            return "support", 0.6, f"will not stand against it: “{spared.group(0)}”"
        opp = _first(OPPOSE, text)
        sup = _first(SUPPORT, text)
        if neu and (not opp or CONDITIONAL.search(text)):
            return "neutral", 0.7, f"open or conditional: “{neu}”"
        if opp:
            return "oppose", 0.8, f"refusal or opposition: “{opp}”"
        if sup:
            cond = CONDITIONAL.search(text)
            if cond and re.search(r"\bif\b.{0,60}\b(want|ask|need)", text, re.I):
                return "neutral", 0.6, f"conditional: “{cond.group(0)} …”"
            return "support", 0.8, f"advocacy: “{sup}”"
        return None

    def label(self, issue: Issue, quotes: list[Quote]) -> list[StanceLabel]:
        """Label the quotes of one article (in text order) toward ``issue``."""
        terms = IssueTerms.from_issue(issue)
        own: dict[str, StanceLabel] = {}
        weak: dict[str, StanceLabel] = {}
        # an article that names the issue lets "the plan" or "the policy" stand for it
        on_issue = any(terms.mentions(q.sentence or q.span.text) for q in quotes)
        for q in quotes:
            text = q.span.text
            scope = with_cue(q)
            about = scope  # what it may be about; its position is read from ``scope`` alone
            if q.kind == "mixed":
                scope, about = (without_asides(own_sentence(q, lead), text) for lead in (False, True))
            hit = terms.mentions(about) or ("the action" if terms.action and re.search(terms.action, about, re.I)
                                            else None)
            scale = 1.0
            if not hit and on_issue:
                proposal = next((w for w in re.findall(r"[a-z]+", about.lower()) if w in PROPOSAL_NOUNS), None)
                proposal = proposal or ("vote" if ITS_VOTE.search(about) else None)
                hit, scale = (f"the {proposal}", 0.8) if proposal else (None, 1.0)
            if not hit:
                continue
            pol = self.toward(scope, terms, about_target=scale == 1.0)
            if pol is not None:
                pol = (pol[0], round(pol[1] * scale, 2), pol[2])
            if pol is None:  # a bare mention is no position ("none"), not "open to it" ("neutral")
                weak[q.id] = StanceLabel(q.id, issue.id, "none", 0.6, f"{NAMED} (“{hit}”) but {NO_POSITION}",
                                         self.name)
            else:
                stance, conf, why = pol
                own[q.id] = StanceLabel(q.id, issue.id, stance, conf, f"{NAMED} (“{hit}”); {why}", self.name)
        # context: the same speaker's explicit position in this article
        self._affiliations(terms, issue, quotes, own, on_issue)
        self._endorsements(issue, quotes, own)
        return self._carry(issue, quotes, own, weak)

    def _carry(self, issue: Issue, quotes: list[Quote], own: dict[str, StanceLabel],
               weak: dict[str, StanceLabel]) -> list[StanceLabel]:
        """One label per quote: its own, else (a direct or mixed quote that does not name the issue) the nearest
        explicit position of its speaker in the article at lower confidence, else its weak mention, else none."""
        by_speaker: dict[str, list[Quote]] = defaultdict(list)
        for q in quotes:
            if q.speaker:
                by_speaker[q.speaker].append(q)
        out: list[StanceLabel] = []
        for q in quotes:
            if q.id in own:
                out.append(own[q.id])
                continue
            ctx = [own[x.id] for x in by_speaker.get(q.speaker or "", []) if x.id in own
                   and own[x.id].stance != "neutral"]
            if q.speaker and ctx and q.kind in {"direct", "mixed"}:
                nearest = min(ctx, key=lambda s: abs(self._pos(quotes, s.quote_id) - q.span.start))
                out.append(StanceLabel(q.id, issue.id, nearest.stance, round(nearest.confidence * 0.6, 2),
                                       f"does not name the issue; {CARRIED} "
                                       f"{nearest.stance} ({nearest.reason})", self.name))
            elif q.id in weak:
                out.append(weak[q.id])
            else:
                out.append(StanceLabel(q.id, issue.id, "none", 0.9, "says nothing on the issue", self.name))
        return out

    def _affiliations(self, terms: IssueTerms, issue: Issue, quotes: list[Quote], own: dict[str, StanceLabel],
                      on_issue: bool) -> None:
        """'said Ann Lee, a spokeswoman for the No on 31 campaign': the side a speaker campaigns on, as the
        article introduces them right after their name, is their position (the reporter's description of who
        they are, not their words: it stands only where the quote itself takes no position)."""
        for q in quotes:
            if q.id in own or not q.speaker or q.mention is None or q.mention.kind not in {"name", "role"}:
                continue
            sentence = q.sentence or ""
            at = sentence.find(q.mention.span.text)
            if at < 0:
                continue
            after = sentence[at + len(q.mention.span.text) :]
            after = after.split(q.span.text)[0] if q.span.text in after else after
            intro = re.match(r"(?:[^.;:!?“”\"]|\.(?=\s*\d)){0,100}", after)  # "No on Prop. 31" goes on
            if intro is None or not re.match(r"\s*(?:\([^)]*\)\s*)?,", intro.group(0)):
                continue  # only an appositive or relative clause that follows the name
            words = intro.group(0)
            rel = re.match(r"\s*(?:\([^)]*\)\s*)?,\s*who\s+(?:also\s+|now\s+)?([\w-]+)", words)
            if rel and rel.group(1).lower() not in BEING_VERBS:
                continue
            found = self._introduced_side(words, terms, on_issue)
            if found is not None:
                own[q.id] = StanceLabel(q.id, issue.id, found[0], 0.7,
                                        f"the article introduces the speaker by their side on it: “{found[1]}”",
                                        self.name)

    @staticmethod
    def _introduced_side(words: str, terms: IssueTerms, on_issue: bool) -> tuple[Stance, str] | None:
        """The side an introduction ("a spokesman for the No on 31 campaign", "a leading opponent of the
        measure", "who leads the campaign against Measure 110", "the bill's author") puts the speaker on, and the
        words that say so."""
        def about_it(after: str) -> bool:
            # the noun phrase after "opponent of": "the governor, who signed the bill" is not about the bill
            rest = re.split(r"[,;(]|\b(?:who|which|that|and|but)\b", after[:60])[0]
            return bool(terms.mentions(rest)) or (on_issue and bool(re.match(
                r"\s*(?:the|this) (?:" + "|".join(sorted(PROPOSAL_NOUNS)) + r")\b", rest)))

        m = CAMPAIGN.search(words)
        if m and (m.group(2).lower() == terms.designator if terms.designator else
                  bool(terms.mentions(words[m.start() :]))):
            return ("support" if m.group(1).lower() == "yes" else "oppose"), m.group(0)
        d = DESCRIBED_SIDE.search(words)
        if d and about_it(words[d.end() :]):
            return ("oppose" if d.group(1).lower() in AGAINST_WORDS else "support"), d.group(0)
        c = SIDE_CAMPAIGN.search(words)
        if c and about_it(words[c.end() :]):
            side = c.group(1).lower()
            against = side in {"against", "opposing"} or side.split()[-1] in {"defeat", "block", "stop"}
            return ("oppose" if against else "support"), c.group(0)
        o = OWN_SIDE.search(words)
        if o and (o.group(1).lower() in terms.heads or (on_issue and o.group(1).lower() in PROPOSAL_NOUNS)):
            return ("oppose" if o.group(2).lower() in AGAINST_WORDS else "support"), o.group(0)
        return None

    def _endorsements(self, issue: Issue, quotes: list[Quote], own: dict[str, StanceLabel]) -> None:
        """'X praised Carden’s move': X takes the side of the person whose move they praise; 'he would vote with the
        Conservatives': the side of those they vote with."""
        stance_of: dict[str, StanceLabel] = {}
        named_as: dict[str, set[str]] = {}  # each speaker's words as the article names them, lower case
        for q in quotes:
            if q.id in own and q.speaker and own[q.id].stance in {"support", "oppose"}:
                stance_of.setdefault(q.speaker, own[q.id])
                named_as.setdefault(q.speaker, set()).update(
                    w.lower().rstrip("s") for w in re.findall(r"[A-Za-z]+", q.speaker + " " + (
                        q.mention.span.text if q.mention is not None else "")) if w[:1].isupper())
        for q in quotes:
            with_them = VOTE_WITH.search(q.span.text) if q.id not in own and q.speaker else None
            if with_them is None:
                continue
            words = {w.lower().rstrip("s") for w in with_them.group(1).split()} - {"party"}
            other = next((o for o in stance_of if o != q.speaker and words & named_as.get(o, set())), None)
            if other is not None:  # "he would vote with the Conservatives", who back it
                lab = stance_of[other]
                own[q.id] = StanceLabel(q.id, issue.id, lab.stance, round(lab.confidence * 0.7, 2),
                                        f"votes with {other}, whose position is {lab.stance}", self.name)
        for q in quotes:
            if q.id in own or q.cue is None or q.cue.text.lower() not in ENDORSE_CUES or not q.speaker:
                continue
            between = q.sentence[max(0, q.sentence.find(q.cue.text)) :]
            for other, lab in stance_of.items():
                surname = other.split()[-1]
                if other != q.speaker and re.search(r"\b" + re.escape(surname) + r"(?:[’']s)?\b", between):
                    own[q.id] = StanceLabel(q.id, issue.id, lab.stance, round(lab.confidence * 0.7, 2),
                                            f"{q.cue.text} {other}, whose position is {lab.stance}", self.name)
                    break

    @staticmethod
    def _pos(quotes: list[Quote], qid: str) -> int:
        return next(q.span.start for q in quotes if q.id == qid)


stance_models.add("rules.v1", RuleStance)
