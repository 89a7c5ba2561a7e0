"""Names typed by the whole document, not mention by mention.

A small statistical tagger reads each mention alone, and on real news it gets unusual names wrong: "Kipp Kahlia" a
place in all eighteen of her mentions, "Councillor Nadia Brook" an organisation, "OUSD" a person. One wrong first
mention then spreads through the article (her quotes go to nobody, "she" goes to someone else). This component,
run after the tagger, fixes the named-entity layer of the ``Doc`` in three steps:

1. **boundaries**: a title in front of a name is not part of it ("Councillor Nadia Brook" -> "Nadia Brook"); an
   organisation's name runs over the capitalised words and the ``of``/``for``/``and`` joining them that the tagger
   cut off ("Registered Nursing" -> "Board of Registered Nursing", "Advancement Project" -> "Movement Advancement
   Project"); a capitalised word the tagger missed is a name when it is a surname already seen;
2. **one name, one type**: mentions are grouped by name, a surname joining the full name it belongs to;
3. **evidence over the group**: titles and honorifics, an appositive that describes a person ("X, a professor"), an
   age ("X, 42,"), being the subject of a speech verb while never being a place one is in or goes to, against an
   organisation's head word ("… Council", "… Airlines", "… Inc."), an acronym, or "the" before it. The tagger's
   own labels count as one vote. The group's type labels every mention.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from .lexicon import (
    DEFAULT_PARTIES,
    FIRST_NAMES,
    HONORIFICS,
    ORG_HEADS,
    PERSON_ROLE_NOUNS,
    SPEECH_VERBS,
    TITLE_WORDS,
    first_name_gender,
)

NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW"}
# Last words that make a name an organisation's ("Southwest Airlines", "Groundworks Collaborative")
ORG_SUFFIXES = ORG_HEADS | {
    "inc", "corp", "corporation", "llc", "ltd", "co", "plc", "airlines", "airways", "university", "college",
    "school", "schools", "center", "centre", "institute", "project", "initiative", "lab", "labs", "laboratory",
    "police", "times", "news", "post", "journal", "foundation", "fund", "bank", "collaborative", "collective",
    "services", "church", "hospital", "county", "city", "district", "administration", "bureau", "court",
    "senate", "assembly", "house", "parliament", "congress", "legislature", "group", "partners", "holdings",
    "technologies", "systems", "media", "press", "magazine", "review", "industries", "energy", "health", "edison",
    "union", "unions", "survey", "poll", "research", "team", "club", "office", "department",
}
PLACE_PREPS = {"in", "at", "from", "to", "across", "near", "into", "throughout", "around", "outside", "inside"}
JOINERS = {"of", "for", "and", "&"}
AGE = re.compile(r"^\s*,\s*\d{1,3}\s*,")


LAW_WORDS = {"Bill", "Act"}  # the last word of a law's title


def _law_titles(doc: Any) -> set[int]:
    """The tokens of laws' titles: a title-case run that ends in "Bill" or "Act" ("Levy) Bill", "Online Safety Act"),
    back to its "the", across its brackets ("Visitor Accommodation (Register and Levy) Bill"); not "Bill" alone, nor
    a first name ("Senator Bill Cassidy")."""
    out: set[int] = set()
    for t in doc:
        if t.text not in LAW_WORDS or t.i == 0:
            continue
        prev, nxt = doc[t.i - 1], doc[t.i + 1] if t.i + 1 < len(doc) else None
        if not (prev.text == ")" or (prev.is_title and prev.is_alpha) or prev.lower_ == "the") or (
                nxt is not None and nxt.is_title and nxt.is_alpha and nxt.pos_ == "PROPN"):
            continue  # (not a first name: "Senator Bill Cassidy")
        k = t.i - 1
        while k >= 0 and (doc[k].text in {"(", ")"} or (doc[k].is_title and doc[k].is_alpha and doc[k].lower_ !=
                                                         "the") or doc[k].lower_ in {"and", "of", "for"}):
            k -= 1
        out.update(range(k + 1, t.i + 1))
    return out


def _title(t: Any) -> bool:
    low = t.lower_.rstrip(".")
    single = low[:-1] if low.endswith("s") else low  # "Labour MPs Ann Lee, …"
    return t.text[:1].isupper() and (low in HONORIFICS or low in TITLE_WORDS or single in TITLE_WORDS)


def _cap(t: Any) -> bool:
    return t.text[:1].isupper() and t.is_alpha or (t.text[:1].isupper() and "." in t.text and len(t.text) <= 5)


def _sentence_initial_plural(t: Any) -> bool:
    """Whether ``t`` is a common noun in the plural that has a capital only as its sentence's first word (after any
    quotation mark): "Campaigners", "Vacancies"; not an acronym ("MALS"), nor a first name."""
    first = t.is_sent_start or (t.i > 0 and (t.doc[t.i - 1].is_space or t.doc[t.i - 1].is_quote)
                                and (t.i == 1 or t.doc[t.i - 1].is_sent_start))
    return first and t.tag_ == "NNS" and t.is_title and t.text.lower().endswith("s") and t.text not in FIRST_NAMES


def _boundaries(doc: Any) -> list[tuple[int, int, str]]:
    """The tagger's name spans with titles taken off and organisation names made whole, plus surnames it missed."""
    spans: list[tuple[int, int, str]] = []
    for e in doc.ents:
        if e.label_ not in NAME_LABELS:
            spans.append((e.start, e.end, e.label_))
            continue
        s, end = e.start, e.end
        while s < end and doc[s].lower_ in {"the"}:
            s += 1
        while end - 1 > s and doc[end - 1].text in {"’s", "'s", "’", "'"}:
            end -= 1  # "Keir Starmer's": the name without its possessive
        titled = False
        while end - s >= 3 and doc[s].lower_ in DEFAULT_PARTIES and _title(doc[s + 1]):
            s += 1  # "Labour MPs Nadia Whittome": the party is a descriptor, like the title after it
        while end - s >= 2 and _title(doc[s]) and (doc[s + 1].text[:1].isupper() or doc[s + 1].is_punct):
            s += 1  # "Councillor Nadia Brook", "Supervisor Dennis Ockley", "MPs - Scott Benton"
            titled = True
        while end - s >= 2 and doc[s].is_punct:
            s += 1  # a dash or bracket left in front of the name
        while end - s >= 2 and doc[end - 1].is_lower and doc[end - 1].pos_ in {"ADP", "DET", "CCONJ", "SCONJ"}:
            end -= 1  # "the council on Monday": the tagger ran the name onto the word after it
        if not any(ch.isupper() for ch in doc[s:end].text) and all(t.is_alpha for t in doc[s:end]):
            continue  # "council", "the board": a common noun in lower case is no name
        if end - s == 1 and _sentence_initial_plural(doc[s]):
            continue  # "Campaigners led by Raj Patel …": a plural noun capitalised as the sentence's first word
        if not titled and doc[end - 1].lower_ in ORG_SUFFIXES | {"nursing", "engagement", "housing"} or \
                e.label_ == "ORG":
            # "Board of Registered Nursing": capitalised words (and of/for/and between them) just before it
            k = s
            while k - 1 >= 0:
                prev = doc[k - 1]
                if _cap(prev) and not prev.is_sent_start and prev.pos_ in {"PROPN", "NOUN", "ADJ"} and \
                        prev.ent_type_ in {"", e.label_, "ORG"} and not _title(prev):
                    k -= 1
                elif prev.lower_ in JOINERS and k - 2 >= 0 and _cap(doc[k - 2]) and not doc[k - 2].is_sent_start \
                        and doc[k - 2].pos_ in {"PROPN", "NOUN"}:
                    k -= 2
                else:
                    break
            if k < s and any(doc[x].lower_ in ORG_SUFFIXES for x in range(k, end)):
                s = k
        if e.label_ == "ORG":
            # a joint name the tagger took half of: "Reuters/Ipsos", "Bloomberg News/Morning Consult"
            def named(i: int) -> bool:  # an untagged capitalised word: not a name of its own, nor a title
                return 0 <= i < len(doc) and doc[i].is_title and doc[i].pos_ == "PROPN" and \
                    doc[i].ent_type_ == "" and not _title(doc[i])

            if end < len(doc) and doc[end].text == "/" and named(end + 1):
                end += 2
                while end - e.end < 4 and named(end):
                    end += 1
            if s >= 1 and doc[s - 1].text == "/" and named(s - 2):
                s -= 2
                while e.start - s < 4 and named(s - 1):
                    s -= 1
        if e.label_ == "ORG" and _titled_person_at_end(doc, s, end):
            # "Commission Chair Dolores Finch", tagged one body: the person whose title the body's name goes with
            spans.append((end - 2, end, "PERSON"))
            continue
        if e.label_ == "ORG" and _person_after_body(doc, s, end):
            # "the leaders of the New Radicals Miriam Foss and …": the tagger ran the body and a person together
            spans += [(s, end - 2, "ORG"), (end - 2, end, "PERSON")]
            continue
        if s < end:
            spans.append((s, end, e.label_))
    return spans


# Countries whose name ends a body's name for its branch there ("Age UK", "Greenpeace UK", "Amnesty USA")
COUNTRY_BRANCHES = {"UK", "US", "USA", "Britain", "England", "Scotland", "Wales", "Ireland", "Cymru", "Canada",
                    "Australia"}
# Words that make a part of a country, not a body: "Northern Ireland", "Greater London"
PLACE_PARTS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "greater",
               "new", "rural", "mid", "upper", "lower", "inner", "outer", "all", "global"}


def _titled_person_at_end(doc: Any, s: int, end: int) -> bool:
    """Whether an organisation's name ``doc[s:end]`` ends in a title and then a person's first name and surname
    ("Commission Chair Dolores Finch", "Planning Board Chairman Tom Reyes")."""
    if end - s < 3:
        return False
    title, first, last = doc[end - 3], doc[end - 2], doc[end - 1]
    return _title(title) and all(t.is_title and t.is_alpha and t.pos_ == "PROPN" for t in (first, last)) and \
        first_name_gender(first.text) is not None and not _title(first) and not _title(last) and \
        last.lower_ not in ORG_SUFFIXES


def _person_after_body(doc: Any, s: int, end: int) -> bool:
    """Whether an organisation's name ``doc[s:end]`` ends in a person's first name and surname written after the
    body's own words or a party's ("the New Conservatives Miriam Cates"; with a title between them, "Labour MP Dan
    Carden", the title is what says who they are)."""
    if end - s < 3:
        return False
    body, first, last = doc[end - 3], doc[end - 2], doc[end - 1]
    return all(t.is_title and t.is_alpha and t.pos_ == "PROPN" for t in (first, last)) and body.is_title and \
        first_name_gender(first.text) is not None and first_name_gender(body.text) is None and not _title(body) and \
        not _title(first) and not ({last.lower_, first.lower_} & (ORG_SUFFIXES | PERSON_ROLE_NOUNS))


def _key(doc: Any, s: int, e: int) -> tuple[str, ...]:
    return tuple(t.text for t in doc[s:e] if (not t.is_punct or t.text in {"-", "."}) and
                 t.text not in {"’s", "'s", "’", "'"})


def _group(doc: Any, spans: list[tuple[int, int, str]]) -> dict[tuple[str, ...], list[tuple[int, int, str]]]:
    """Mentions grouped by name; a one-word name joins the longer name whose last word it is, when the tagger gave
    them a label in common ("Florida", a place, does not join "Equality Florida"), or the longer name is a person's
    that begins with a first name ("Reyes", which the tagger took for a body, joins "Gloria Reyes")."""
    groups: dict[tuple[str, ...], list[tuple[int, int, str]]] = defaultdict(list)
    for s, e, label in spans:
        if label in NAME_LABELS:
            groups[_key(doc, s, e)].append((s, e, label))
    long_names = [k for k in groups if len(k) >= 2]
    for k in [k for k in groups if len(k) == 1]:
        labels = {label for _, _, label in groups[k]}
        owners = [n for n in long_names if n[-1] == k[0] and (labels & {label for _, _, label in groups[n]} or (
            n[0] in FIRST_NAMES and {label for _, _, label in groups[n]} == {"PERSON"}))]
        if len(owners) == 1:
            groups[owners[0]] += groups.pop(k)
    return groups


_PERSON_NOUNS = frozenset(PERSON_ROLE_NOUNS | TITLE_WORDS)


def _score(doc: Any, key: tuple[str, ...], mentions: list[tuple[int, int, str]], places: set[str]) -> float:
    """Person evidence minus organisation evidence over every mention of one name."""
    labels = [label for _, _, label in mentions]
    person = labels.count("PERSON") / len(labels)
    org = sum(1 for x in labels if x in {"ORG"}) / len(labels)
    score = person - org - 0.5 * sum(1 for x in labels if x in {"GPE", "LOC", "FAC"}) / len(labels)
    words = [w.lower() for w in key]
    if words[-1] in ORG_SUFFIXES or any(w in {"of", "for", "&"} for w in words):
        score -= 3
    if len(key) == 1 and key[0].isupper() and len(key[0]) >= 2:
        score -= 2  # an acronym
    said = placed = titled = described = the = listed = 0
    for s, e, _ in mentions:
        if s > 0 and _title(doc[s - 1]):
            titled += 1
        if s > 0 and doc[s - 1].lower_ == "the":
            the += 1
        head = doc[e - 1]
        if head.dep_ in {"nsubj", "nsubjpass"} and head.head.lemma_.lower() in SPEECH_VERBS:
            said += 1
        if head.dep_ == "pobj" and head.head.lower_ in PLACE_PREPS:
            placed += 1
        linked = [head.head] if head.dep_ == "conj" else []
        if any(x.ent_type_ == "PERSON" for x in [*linked, *(c for c in head.children if c.dep_ == "conj")]):
            listed += 1  # "Andy McDonald and Nadia Whittome": coordinated with a person's name
        after = doc[e : e + 4].text  # ", 45," (Doc.text is rebuilt on every access)
        if AGE.match(after):
            described += 1
        for c in head.children:
            if c.dep_ == "appos" and c.lemma_.lower() in _PERSON_NOUNS and c.lemma_.lower() not in ORG_SUFFIXES:
                described += 1  # "Ann Lee, a professor at …"
        if head.dep_ == "nsubj" and head.head.lemma_ == "be" and any(
                c.dep_ == "attr" and c.lemma_.lower() in _PERSON_NOUNS and c.lemma_.lower() not in ORG_SUFFIXES
                for c in head.head.children):
            described += 1  # "Brook is a councillor"
    if 2 <= len(key) <= 3 and not any(w in ORG_SUFFIXES for w in words) and all(w[:1].isupper() and
                                                                             not w.isupper() for w in key):
        score += 0.5  # shaped like a person's name ("Nadia Brook"), more so when it speaks
        if _speaks(doc, mentions):
            score += 0.5
    if len(key) >= 2 and (key[0] in FIRST_NAMES or first_name_gender(key[0]) is not None):
        score += 1  # "Nadia Brook": a first name learned from PolNeAR train, or one the census gives one gender
    if any(w.lower() in DEFAULT_PARTIES for w in key) and len(key) >= 2:
        score -= 1.5  # "Blue Labour": a party's name inside it
    if any(s > 0 and doc[s - 1].lower_ in ORG_HEADS for s, _, _ in mentions):
        score -= 2  # "Campaign group Blue Labour": an organisation's descriptor before it
    if len(key) >= 2 and any(w in places for w in key):
        score -= 1  # "Equality Florida": a place inside the name
    score += 2.5 * min(titled, 1) + 2 * min(described, 1) - 1.5 * min(the, 1) + min(listed, 1)
    if len(key) == 1 and all(x in {"GPE", "LOC"} for x in labels) and not (titled or described):
        return 0.0  # "China said": a place name alone stays a place unless a title or a description says more
    if said and not placed:
        score += 1.5 if said == 1 else 2.5
    if placed:
        score -= 1
    return score


# What the tagger calls a title, a product or an event that may be a body's name ("the Kent Chamber of Commerce")
MISREAD_AS_TITLES = {"WORK_OF_ART", "PRODUCT", "EVENT"}
# Nouns of a body that its name may have before "of" or "for", beside the last words of one (ORG_SUFFIXES)
BODY_BEFORE_OF = ORG_SUFFIXES | {"chamber", "league", "guild", "friends"}


def _body_shaped(key: tuple[str, ...]) -> bool:
    """Whether a name is shaped like a body's: it ends in a body's noun ("… Housing Trust"), or has one just before
    "of" or "for" ("Chamber of Commerce", "Friends of the Earth", "Alliance for Better Streets")."""
    words = [w.lower() for w in key]
    return len(words) >= 2 and (words[-1] in ORG_SUFFIXES or any(
        w in {"of", "for"} and 0 < k < len(words) - 1 and words[k - 1] in BODY_BEFORE_OF for k, w in enumerate(words)))


def _speaks(doc: Any, mentions: list[tuple[int, int, str]]) -> bool:
    return any(doc[e - 1].dep_ in {"nsubj", "nsubjpass"} and doc[e - 1].head.lemma_.lower() in SPEECH_VERBS
               for _, e, _ in mentions)


def _untaken_run(doc: Any, t: Any, taken: set[int]) -> list[Any]:
    """``t`` and the capitalised proper nouns right after it that no name holds yet, three words at most."""
    run = [t]
    while run[-1].i + 1 < len(doc) and doc[run[-1].i + 1].pos_ == "PROPN" and doc[run[-1].i + 1].is_title and \
            run[-1].i + 1 not in taken and len(run) < 3:
        run.append(doc[run[-1].i + 1])
    return run


def retype(doc: Any) -> Any:
    """Fix the boundaries and types of the document's names (see the module's docstring)."""
    spans = _boundaries(doc)
    taken = {i for s, e, _ in spans for i in range(s, e)}
    # a person's name the tagger missed whole, known by its first name and a title before it or a surname seen
    # elsewhere: "Superintendent Gloria Reyes told the board …", then "Reyes said"
    proper = Counter(x.text for x in doc if x.pos_ == "PROPN")  # (counted once: one look per candidate)
    for t in doc:
        if t.i in taken or t.pos_ != "PROPN" or t.i + 1 >= len(doc):
            continue
        titled = t.i > 0 and _title(doc[t.i - 1])
        # (after a title, any first name the census gives one gender: "Commission Chair Dolores Finch said")
        if t.text not in FIRST_NAMES and not (titled and first_name_gender(t.text) is not None):
            continue
        run = _untaken_run(doc, t, taken)
        seen = proper[run[-1].text] > sum(1 for r in run if r.text == run[-1].text)
        if len(run) >= 2 and (titled or seen) and not any(_title(x) for x in run[1:]):
            spans.append((t.i, run[-1].i + 1, "PERSON"))
            taken.update(x.i for x in run)
    # ... or by the role noun before it, where it speaks: "student Aiden Park, a junior at North High, said", untagged
    # or taken for a place, which says nothing (not a body named after its kind: "the neighborhood group Quiet
    # Streets said")
    place_at = {i: (s0, e) for s0, e, lab in spans if lab in {"FAC", "LOC"} for i in range(s0, e)}
    for t in doc:
        place = place_at.get(t.i)
        if (t.i in taken and (place is None or place[0] != t.i)) or t.pos_ != "PROPN" or not t.is_title or t.i == 0:
            continue
        before = doc[t.i - 1]
        run = _untaken_run(doc, t, taken - set(range(*place)) if place else taken)
        head = run[-1]
        if before.pos_ == "NOUN" and before.lower_ not in ORG_HEADS and len(run) >= 2 and head.dep_ == "nsubj" and \
                head.head.lemma_.lower() in SPEECH_VERBS and not any(_title(x) for x in run):
            spans = [x for x in spans if (x[0], x[1]) != place]
            spans.append((t.i, head.i + 1, "PERSON"))
            taken.update(x.i for x in run)
    # a body named by what it is for, which the tagger missed: "the Campaign to Protect Rural England", "the
    # Alliance for Better Streets" (a body's noun, capitalised, then "to", "for", "against" or "on" and two or more
    # capitalised words; not a date: "the Committee on Thursday")
    # ... or of something, with the words of its place before it: "Friends of the Earth", "the West Yorkshire
    # Chamber of Commerce" (one capitalised word after "of" is enough)
    for t in doc:
        of_body = t.lower_ in BODY_BEFORE_OF and t.i + 2 < len(doc) and doc[t.i + 1].lower_ == "of"
        if t.i in taken or (t.lower_ not in ORG_HEADS and not of_body) or not t.is_title or t.i + 3 > len(doc) or \
                doc[t.i + 1].lower_ not in {"to", "for", "against", "on", *(["of"] if of_body else [])}:
            continue
        k = t.i + 2
        if of_body and doc[k].lower_ == "the":
            k += 1
        while k < len(doc) and (k not in taken or of_body) and \
                doc[k].ent_type_ not in {"DATE", "TIME"} and (
                (doc[k].is_title and doc[k].is_alpha) or (doc[k].lower_ in JOINERS and k + 1 < len(doc) and
                                                          doc[k + 1].is_title)):
            k += 1
        b = t.i
        while of_body and b - 1 >= 0 and b - 1 not in taken and doc[b - 1].is_title and \
                doc[b - 1].pos_ == "PROPN" and not doc[b - 1].is_sent_start:
            b -= 1  # ("West Yorkshire" before "Chamber of Commerce")
        if sum(1 for x in doc[t.i + 2 : k] if x.is_title) >= (1 if of_body else 2):
            spans = [x for x in spans if not (t.i + 2 <= x[0] and x[1] <= k)]  # ("Earth" alone, a place)
            spans.append((b, k, "ORG"))
            taken.update(range(b, k))
    # a body named for its country branch, whose name the tagger read as the country alone: "Age UK said",
    # "Greenpeace UK" (not a part of the country: "Northern Ireland", "Greater London")
    for k, (s0, e0, label) in enumerate(spans):
        if label != "GPE" or doc[s0:e0].text not in COUNTRY_BRANCHES or s0 == 0:
            continue
        b = s0
        while b - 1 >= 0 and b - 1 not in taken - set(range(s0, e0)) and doc[b - 1].pos_ == "PROPN" and \
                doc[b - 1].is_title and doc[b - 1].dep_ == "compound" and s0 <= doc[b - 1].head.i < e0 and \
                doc[b - 1].lower_ not in PLACE_PARTS and not _title(doc[b - 1]) and \
                doc[b - 1].lower_ not in DEFAULT_PARTIES:
            b -= 1
        if b < s0:
            spans[k] = (b, e0, "ORG")
            taken.update(range(b, e0))
    groups = _group(doc, spans)
    # a capitalised word the tagger missed that is the surname of a name seen elsewhere: "Yakel said"
    surnames = {k[-1]: k for k in groups if len(k) >= 2}
    for t in doc:
        if t.i not in taken and t.text in surnames and t.pos_ == "PROPN" and not t.is_sent_start or \
                (t.i not in taken and t.text in surnames and t.dep_ in {"nsubj", "nsubjpass"}):
            spans.append((t.i, t.i + 1, "PERSON"))
            groups[surnames[t.text]].append((t.i, t.i + 1, "PERSON"))
            taken.add(t.i)
    places = {k[0] for k, ms in groups.items() if len(k) == 1 and all(lab in {"GPE", "LOC"} for _, _, lab in ms)}
    # a name the tagger missed in a list of names it did tag: "Nadia Whittome, Richard Burgon and Stella Creasy"
    people_at = {e - 1 for s0, e, lab in spans if lab == "PERSON"}
    for t in doc:
        if t.i in taken or t.pos_ != "PROPN" or not t.is_title or t.i + 1 >= len(doc):
            continue
        run = _untaken_run(doc, t, taken)
        head = run[-1]
        linked = {c.i for c in head.children if c.dep_ in {"conj", "appos"}} | (
            {head.head.i} if head.dep_ in {"conj", "appos"} else set())
        if len(run) >= 2 and linked & people_at and not any(_title(x) for x in run):
            spans.append((run[0].i, head.i + 1, "PERSON"))
            groups[_key(doc, run[0].i, head.i + 1)].append((run[0].i, head.i + 1, "PERSON"))
            taken.update(x.i for x in run)
    kind: dict[tuple[int, int], str] = {}
    for key, mentions in groups.items():
        if not key:
            continue
        labels = {label for _, _, label in mentions}
        if " ".join(key).lower() in DEFAULT_PARTIES:
            for s, e, label in mentions:  # a party's name is never a person's ("the Lib Dems said")
                if label == "PERSON":
                    kind[(s, e)] = "ORG"
            continue
        if not labels & {"PERSON", "ORG", "GPE", "LOC"}:
            if labels <= MISREAD_AS_TITLES and _body_shaped(key):
                for s, e, _ in mentions:  # "the Kent Chamber of Commerce", taken for a title
                    kind[(s, e)] = "ORG"
            continue
        sc = _score(doc, key, mentions, places)
        if sc >= 1.5:
            new = "PERSON"
        elif sc <= -1 and labels & {"PERSON", "ORG"}:
            new = "ORG"
        else:
            votes = [label for _, _, label in mentions if label in {"PERSON", "ORG"}]
            people, orgs = votes.count("PERSON"), votes.count("ORG")
            if not (people and orgs) or max(people, orgs) < 2 * min(people, orgs):
                continue
            new = "PERSON" if people > orgs else "ORG"  # the tagger's clear majority over the story, one type
        for s, e, _ in mentions:
            kind[(s, e)] = new
    # the same word elsewhere, untagged, when the document makes it a person: "Dodds resigned … Dodds said"
    single = {doc[s].text for (s, e), label in kind.items() if label == "PERSON" and e - s == 1}
    taken = {i for s, e, _ in spans for i in range(s, e)}
    for t in doc:
        if t.i not in taken and t.text in single and t.pos_ == "PROPN" and (
                not t.is_sent_start or t.dep_ in {"nsubj", "nsubjpass"}):
            spans.append((t.i, t.i + 1, "PERSON"))
            kind[(t.i, t.i + 1)] = "PERSON"
    # a first name the tagger left outside a person's name: "Anneliese Dodds" read as "Anneliese" + "Dodds"
    for (s, e), label in list(kind.items()):
        if label != "PERSON" or e - s != 1 or s == 0:
            continue
        prev = doc[s - 1]
        first_name = prev.pos_ == "PROPN" or (prev.dep_ == "compound" and prev.head.i == s and prev.pos_ in {
            "ADJ", "NOUN"})  # "Anneliese" read as an adjective
        if first_name and prev.is_title and prev.is_alpha and not _title(prev) and \
                prev.lower_ not in DEFAULT_PARTIES and prev.i not in {i for s2, e2 in kind if (s2, e2) != (s, e)
                                                                       for i in range(s2, e2)} and \
                prev.ent_type_ in {"", "NORP", "PERSON"}:
            spans = [(a, b, lab) if (a, b) != (s, e) else (s - 1, e, lab) for a, b, lab in spans]
            spans = [x for x in spans if not (x[0] == s - 1 and x[1] == s)]
            kind[(s - 1, e)] = "PERSON"
    # a law by its title is no one: "The Visitor Accommodation (Register and Levy) Bill", "the Online Safety Act" (the
    # tagger takes "Levy Bill" for a person); a first name is not last ("Bill Nighy")
    titled = _law_titles(doc)
    for s, e, label in spans:
        if kind.get((s, e), label) in {"PERSON", "ORG"} and any(i in titled for i in range(s, e)):
            kind[(s, e)] = "LAW"
    # a bracket right after a person's name holds their seat or party, not another person: "Ms Whittome (Nottingham
    # East) warned"
    person_ends = {e for (s, e), label in kind.items() if label == "PERSON"} | \
        {e for s, e, label in spans if label == "PERSON" and kind.get((s, e), label) == "PERSON"}
    for s, e, label in spans:
        if s >= 2 and e < len(doc) and doc[s - 1].text == "(" and doc[e].text == ")" and (
                s - 1 in person_ends or (doc[s - 2].pos_ == "PROPN" and doc[s - 2].ent_type_ in {"", "PERSON"})) and \
                kind.get((s, e), label) in {"PERSON", "ORG"} and not doc[s:e].text.isupper() and \
                doc[s:e].text.lower() not in DEFAULT_PARTIES:
            kind[(s, e)] = "GPE"  # not "(NHS)" after a name, nor "(Labour)"
    ents = []
    used: set[int] = set()
    for s, e, label in sorted(spans):
        if any(i in used for i in range(s, e)):
            continue
        used.update(range(s, e))
        ents.append(doc.char_span(doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text), label=kind.get((s, e), label)))
    doc.ents = [x for x in ents if x is not None]
    return doc


def person_names(doc: Any) -> Iterable[str]:
    """The person names of a document, as it is now labelled (for tests and reports)."""
    return [e.text for e in doc.ents if e.label_ == "PERSON"]
