"""Repairs of the parse that the small English model gets wrong in a way that hides a position.

**A position verb read as an auxiliary.** Before a gerund the parser can take a lexical verb for an auxiliary, as
if it were "are": in "Critics, who oppose charging VAT, said …" it makes "oppose" an ``aux`` of "charging" and
"charging" the relative clause, so nobody opposes anything. A token tagged as an auxiliary in a form no auxiliary of
English has, right before the verb it is attached to, and that verb a gerund, is made the verb: it takes its head's
place in the tree (its head, its relation, the subject and the auxiliaries before it) and the gerund becomes its
complement (``xcomp``), as the parser reads "She supports banning phones" on its own.

**A main verb read as a participle of a fragment.** After a subject long with an aside, the parser can make the
subject the sentence's root and its verb a participle hung on some noun: in "The Harbour Alliance, which opposes
the tax, called for a review" "called" describes "tax", so the Alliance called for nothing. A finite verb (past or
present tense) attached as ``acl`` right after a comma, in a sentence whose root is a noun, is the root, and that
noun its subject.

Both repairs run right after the parser, on its tags: the parts of speech and the lemmas are made from the
repaired tags after it.
"""

from __future__ import annotations

from typing import Any

# the forms of the auxiliaries (and modals) of English: a token tagged as one in another form is a verb the parser
# mistook (it runs before the lemmatizer, so forms, not lemmas)
AUXILIARIES = frozenset({
    "be", "am", "is", "are", "was", "were", "been", "being", "have", "has", "had", "having", "do", "does", "did",
    "will", "would", "shall", "should", "can", "could", "may", "might", "must", "ought", "need", "needs", "dare",
    "get", "gets", "got", "to", "'s", "'d", "'ll", "'ve", "'re", "'m", "’s", "’d", "’ll", "’ve", "’re", "’m", "wo",
    "ca", "sha", "s", "d", "ll", "ve", "re", "m",
})
_VERB_TAG = {"s": "VBZ", "d": "VBD"}
AUX_TAGS = frozenset({"VBP", "VBZ", "VBD", "VB", "MD"})


def _mistaken(t: Any) -> bool:
    head = t.head
    return (t.tag_ in AUX_TAGS and t.dep_ == "aux" and t.lower_ not in AUXILIARIES and t.is_alpha
            and head.i == t.i + 1 and head.tag_ == "VBG")


def verbs_read_as_auxiliaries(doc: Any) -> Any:
    """Make each lexical verb that the parser attached as an auxiliary of the gerund after it the verb, with the
    gerund as its complement (see the module's docstring)."""
    for t in [t for t in doc if _mistaken(t)]:
        gerund = t.head
        movers = [c for c in gerund.children if c.i < t.i and c.dep_ in {"nsubj", "nsubjpass", "aux", "neg",
                                                                          "advmod", "mark", "punct", "cc"}]
        if gerund.dep_ == "ROOT" or gerund.head.i == gerund.i:
            t.head = t
        else:
            t.head = gerund.head
        t.dep_ = gerund.dep_
        gerund.head = t
        gerund.dep_ = "xcomp"
        for c in movers:
            c.head = t
        t.tag_ = _VERB_TAG.get(t.lower_[-1], "VBP")
    return doc


FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})


def main_verbs_read_as_participles(doc: Any) -> Any:
    """Make a finite verb that the parser hung on a noun after a comma, in a sentence rooted at a noun, the root,
    with that noun its subject (see the module's docstring)."""
    for sent in doc.sents:
        root = sent.root
        if not root.tag_.startswith("NN"):
            continue
        verb = next((t for t in sent if t.dep_ == "acl" and t.tag_ in FINITE_TAGS and t.i > root.i + 1 and
                     doc[t.i - 1].text == "," and not any(c.dep_ in SUBJECTS for c in t.children)), None)
        if verb is None:
            continue
        after = [c for c in root.children if c.i > verb.i]
        verb.head = verb
        verb.dep_ = "ROOT"
        root.head = verb
        root.dep_ = "nsubj"
        for c in after:
            c.head = verb
    return doc


def repair(doc: Any) -> Any:
    """The repairs of this module, in turn."""
    return main_verbs_read_as_participles(verbs_read_as_auxiliaries(doc))
