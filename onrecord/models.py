"""Plain data passed between the pipeline stages.

ingest -> :class:`Article`; extract -> :class:`Quote` (with :class:`Mention` and
:class:`Span`); resolve -> :class:`Person`; stance -> :class:`StanceLabel`.
Every stage reads and writes these dataclasses, nothing else.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

QuoteKind = Literal["direct", "mixed", "indirect", "reported"]
Stance = Literal["support", "oppose", "neutral", "none"]
STANCES: tuple[Stance, ...] = ("support", "oppose", "neutral", "none")
EntityKind = Literal["person", "organisation"]


def content_id(text: str) -> str:
    """Stable article id: the same text always gets the same id."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Span:
    """A stretch of the stored article text, by Python string offsets."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


# where every ingested item ends (a file, a record, a URL): the ingest report, its log and the watch's queue
END_STATES = ("ok", "empty", "duplicate", "failed")


@dataclass
class Article:
    text: str
    source: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    outlet: str | None = None
    author: str | None = None
    id: str = ""
    # fetched from the web: the page's own canonical URL, when it was fetched, the HTTP status, its language
    canonical_url: str | None = None
    fetched_at: str | None = None
    http_status: int | None = None
    language: str | None = None

    def __post_init__(self) -> None:
        if not self.id:
            self.id = content_id(self.text)


@dataclass
class Mention:
    """How the text refers to the speaker of a quote ("He", "The backbencher", "Sir Keir")."""

    span: Span
    kind: Literal["name", "pronoun", "role", "organisation", "continuation", "spokesperson", "unresolved"]
    # The entity key the resolver decided on (filled in by extract's in-document resolution).
    entity: str | None = None
    # Who physically spoke when someone speaks for another (the spokesperson).
    mouth: str | None = None


@dataclass
class Quote:
    article_id: str
    span: Span
    kind: QuoteKind
    cue: Span | None = None
    mention: Mention | None = None
    venue: str | None = None
    speaker: str | None = None  # canonical name, filled by resolve
    speaker_id: str | None = None
    paragraph: int = 0
    sentence: str = ""  # the sentence(s) that carry the quote, for stance context
    id: str = ""
    # the whole attributed content when the attribution tagger found it (PolNeAR's convention: the clause
    # around a mixed quote, both parts of a quote split by its attribution); used by the PolNeAR scorer
    content: Span | None = None
    # a position reported of an actor by onrecord.extract.actors (a vote, a lawsuit, a list of backers, "X's plan")
    # rather than an attribution of what they said: PolNeAR annotates attributions, so its scorer leaves these out
    action: bool = False
    # the sentence embedding of the statement's own sentence (float32 bytes, onrecord.stance.vectors), where one is
    # stored: read by the stance reader, never exported
    vector: bytes | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if not self.id:
            self.id = hashlib.sha1(
                f"{self.article_id}:{self.span.start}:{self.span.end}".encode()
            ).hexdigest()[:12]


@dataclass
class EntityFacts:
    """What one article says about one entity (a person or an organisation)."""

    key: str
    name: str
    kind: EntityKind = "person"
    aliases: set[str] = field(default_factory=set)
    party: str | None = None
    roles: set[str] = field(default_factory=set)
    gender: Literal["m", "f"] | None = None
    # named in a sentence of the story's prose at least once (not only in a heading, a caption or a credit)
    in_prose: bool = False


@dataclass
class Person:
    id: str
    name: str
    kind: EntityKind = "person"
    aliases: list[str] = field(default_factory=list)
    party: str | None = None
    roles: list[str] = field(default_factory=list)


@dataclass
class Issue:
    name: str
    description: str = ""
    keywords: list[str] = field(default_factory=list)
    id: str = ""
    # example statements a supporter / an opponent would make; stance models may learn from them
    examples_for: list[str] = field(default_factory=list)
    examples_against: list[str] = field(default_factory=list)
    # the user's corrections of how the phrase is read (onrecord.stance.proposition): "action" (the verb: "cut"),
    # "target" (what it is done to: "overseas aid"), "direction" ("removes" or "adds"); empty: as parsed
    reading: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.id:
            self.id = hashlib.sha1(self.name.strip().lower().encode()).hexdigest()[:10]


@dataclass
class StanceLabel:
    quote_id: str
    issue_id: str
    stance: Stance
    confidence: float
    reason: str
    model: str


@dataclass
class PersonStance:
    person_id: str
    name: str
    party: str | None
    stance: Stance
    confidence: float
    evidence: list[str]  # quote ids, strongest first
    breaks_with_party: bool = False
    # how a side was reached other than from their own statements ("" when it was): the party line that binds them
    basis: str = ""


def as_dict(obj: Any) -> dict[str, Any]:
    return asdict(obj)
