"""``llm-reader.v1``: a language model reads each whole article once per issue and lists who takes which side.

Where ``llm.v1`` asks about one quote at a time, the reader sends one request per article and issue to the same
OpenAI-compatible endpoint (settings ``llm_url``, ``llm_key``, ``llm_model``, ``llm_budget``, ``llm_timeout``,
``llm_cache``) and asks for every actor whose position on the issue the article reports::

    {"actors": [{"name": "Ann Lee", "kind": "person" | "organisation", "party": "Labour" | null,
                 "stance": "support" | "oppose" | "neutral", "evidence": "<the article's own words>"}]}

The answer is checked before anything is used:

* an actor whose stance is not one of the three positions is left out (no position is not a guess);
* the evidence must be words of the article (compared after folding case, curly quotes and runs of spaces) and is
  located there: evidence that is not in the article drops the actor;
* an actor is joined to the people layer: a person the extractor already found in the article under a matching
  name (titles dropped; a surname alone matches only a full name that ends with it) gets the label on their
  statement that holds the evidence (else their nearest one); an actor with no statement in the article gets a new
  ``reported`` statement, the evidence with its offsets, recorded with this model's name, and is resolved to a
  person like any speaker (the same person across articles only by full name or the register);
* every other statement of the article is ``none`` for the issue.

Answers are cached by model, prompt version, issue and article text, so a re-run costs nothing; every request
counts against ``llm_budget`` (E401 when it is used up); an endpoint that fails stops the run with E501.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from typing import Any

from ..models import Article, EntityFacts, Issue, Mention, Quote, Span, Stance, StanceLabel
from .llm import POSITIONS, LLMStance, parse_answer

VERSION = "llm-reader.v1"
PROMPT_VERSION = "1"
SYSTEM = (
    "You read a news article as a careful political analyst and list everyone (people and organisations) whose "
    "position on a named issue the article reports: what they said, how they voted, what they signed, backed, "
    "resigned over or campaigned for. Answer with one JSON object and nothing else: "
    '{"actors": [{"name": full name as the article gives it, "kind": "person" or "organisation", '
    '"party": their political party if the article says it, else null, '
    '"stance": "support" | "oppose" | "neutral", "evidence": the exact words of the article that show it}]}. '
    '"support": for the issue as the user states it; "oppose": against it; "neutral": openly undecided or '
    "conditional. Mind the issue's direction: keeping what it would remove opposes it. Leave out anyone whose "
    "position is not reported. Copy the evidence verbatim (one sentence or less); never guess."
)
# Words before a name that are not part of it
_TITLES = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "rep", "sen", "gov", "mayor", "prof"}


def locate(evidence: str, text: str) -> tuple[int, int] | None:
    """Where ``evidence`` stands in ``text`` (case, quote marks and runs of spaces folded), else None."""
    words = re.findall(r"\S+", evidence.strip().strip(" .,;:!?\"'“”‘’"))
    if not words:
        return None
    parts = []
    for w in words:
        esc = re.escape(w)
        esc = re.sub(r"(?:\\')|'|’|‘", "['’‘]", esc)
        esc = re.sub(r'"|“|”', '["“”]', esc)
        parts.append(esc)
    m = re.search(r"\s+".join(parts), text, re.I)
    return (m.start(), m.end()) if m else None


def _name_words(name: str) -> list[str]:
    words = [w.strip(".,").lower() for w in re.findall(r"[\w.’'-]+", name)]
    return [w for w in words if w and w not in _TITLES and w != "the"]


def same_name(a: str, b: str) -> bool:
    """Whether two names can be one person or organisation: the same words, or a surname alone against a full name
    that ends with it."""
    wa, wb = _name_words(a), _name_words(b)
    if not wa or not wb:
        return False
    if wa == wb:
        return True
    short, full = (wa, wb) if len(wa) < len(wb) else (wb, wa)
    return len(short) == 1 and short[0] == full[-1]


class LLMReader(LLMStance):
    """Per-article stance from an OpenAI-compatible chat endpoint, checked, joined to the people layer, cached."""

    name = VERSION
    reads_articles = True

    def read(self, issue: Issue, text: str) -> dict[str, Any]:
        """The model's parsed answer for one article (from the cache when it is there)."""
        raw = "\x00".join([VERSION, self.model, PROMPT_VERSION, issue.name.strip().lower(), text])
        key = hashlib.sha256(raw.encode("utf-8")).hexdigest()
        hit = self.cache.get(key)
        if hit is not None:
            self.cache_hits += 1
            return hit
        issue_line = issue.name + (f" ({issue.description})" if issue.description else "")
        content = self.chat(SYSTEM, f"Issue: {issue_line}\nArticle:\n{text}")
        answer = parse_answer(content) or {"actors": [], "unparsed": content[:200]}
        self.cache.put(key, self.model, answer)
        return answer

    @property
    def model_name(self) -> str:
        return f"{VERSION}/{self.model}" if self.model else VERSION

    def actors(self, answer: Mapping[str, Any], text: str) -> list[tuple[dict[str, Any], tuple[int, int]]]:
        """The answer's actors that take a position with evidence found in ``text``, with its offsets."""
        out = []
        items = answer.get("actors")
        for a in items if isinstance(items, list) else []:
            if not isinstance(a, dict) or not str(a.get("name") or "").strip():
                continue
            if str(a.get("stance", "")).strip().lower() not in POSITIONS:
                continue
            where = locate(str(a.get("evidence") or ""), text)
            if where is not None:
                out.append((a, where))
        return out

    def read_article(self, issue: Issue, article: Article,
                     quotes: list[Quote]) -> tuple[list[StanceLabel], list[tuple[Quote, EntityFacts]]]:
        """Labels for the article's statements toward ``issue``, and the new reported statements (with what the
        article says of their actor) for actors the extractor did not find."""
        answer = self.read(issue, article.text)
        labels: dict[str, StanceLabel] = {}
        new: dict[str, tuple[Quote, EntityFacts]] = {}
        for actor, (start, end) in self.actors(answer, article.text):
            name = str(actor["name"]).strip()
            stance: Stance = str(actor["stance"]).strip().lower()  # type: ignore[assignment]
            evidence = article.text[start:end]
            reason = f"{stance}: “{evidence[:160]}” (read from the whole article)"
            theirs = [q for q in quotes if q.speaker and same_name(q.speaker, name)]
            if theirs:
                q = min(theirs, key=lambda x: (not (x.span.start <= start < x.span.end or
                                                    start <= x.span.start < end),
                                               abs(x.span.start - start)))
                labels[q.id] = StanceLabel(q.id, issue.id, stance, 0.8, reason, self.model_name)
                continue
            kind = "organisation" if str(actor.get("kind", "")).lower().startswith("org") else "person"
            q = Quote(article.id, Span(evidence, start, end), "reported",
                      id=hashlib.sha1(f"{article.id}:{start}:{end}:{name}".encode()).hexdigest()[:12])
            q.mention = Mention(Span(name, start, start), "name", name)
            q.speaker = name
            q.action = True
            q.paragraph = article.text.count("\n", 0, start)
            party = actor.get("party")
            facts = EntityFacts(name, name, kind, party=str(party) if isinstance(party, str) and party else None)  # type: ignore[arg-type]
            new[q.id] = (q, facts)
            labels[q.id] = StanceLabel(q.id, issue.id, stance, 0.8, reason, self.model_name)
        out = [labels.get(q.id) or StanceLabel(q.id, issue.id, "none", 0.6, "the reader names no position here",
                                               self.model_name) for q in quotes]
        out += [labels[qid] for qid in new]
        return out, list(new.values())

    def label(self, issue: Issue, quotes: list[Quote]) -> list[StanceLabel]:
        """Without the article (quotes alone): the article is rebuilt from the statements' own sentences."""
        if not quotes:
            return []
        text = "\n\n".join(dict.fromkeys(q.sentence or q.span.text for q in quotes))
        article = Article(text=text, source="", id=quotes[0].article_id)
        labels, _ = self.read_article(issue, article, quotes)
        return labels[: len(quotes)]

