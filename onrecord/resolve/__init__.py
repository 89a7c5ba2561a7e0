"""The people layer: who a statement's words name, in one article and across the store.

Extraction finds the statements and, for each, the words that name its speaker or actor (a mention: a name, a
pronoun, a role, an organisation, a spokesperson). This package turns mentions into actors:

* ``document.py``: who is who inside one article (names with their titles, parties and roles, pronouns to the
  person in focus, "the backbencher", "a council spokesperson", the author of "a Pew survey"). The extractor asks
  it through :class:`ArticlePeople`; the resolver is chosen by the ``resolver`` setting from
  :data:`onrecord.registry.article_resolvers` (built in: ``rules.v1``), so a better one drops in without touching
  extraction;
* ``people.py``: one record per real person across everything ingested (a full name, a register id or a human merge
  joins two articles; a surname alone never does);
* ``register.py`` (a dated Popolo register of parties, leaders and offices), ``known.py`` (built-in lists of
  well-known people), ``stories.py`` (one story across near-duplicate articles).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from ..models import EntityFacts

if TYPE_CHECKING:
    from .document import Resolved


class ArticlePeople(Protocol):
    """What extraction asks of an in-article resolver, made per article as
    ``factory(doc, register, known_roles, quoted)`` (``quoted``: the character ranges inside quotation marks)."""

    register: Any
    # every entity the article names, by key
    facts: dict[str, EntityFacts]
    # token index -> the entity the noun phrase headed there refers to (with the mention's kind and offsets)
    at_token: dict[int, Resolved]

    def speaker_of(self, verb: Any) -> tuple[Resolved | None, Any]:
        """The resolved subject of a cue verb (and its token), climbing clauses for a missing one."""

    def role_np(self, t: Any) -> Resolved | None:
        """The person a role noun phrase headed by ``t`` refers to ("the city attorney"), or None."""

    def fact(self, name: str, kind: str = "person") -> EntityFacts:
        """The entity named ``name``, made if the article has not named it yet."""

    def party_body(self, alias: str, said: str, head: Any) -> Resolved | None:
        """The party ``alias`` names (by the register), acting as a body in the phrase headed by ``head`` and written
        there as ``said``; None when ``alias`` names no party."""

    def np_start(self, head: Any) -> int:
        """The first token index of the noun phrase headed by ``head``."""

    def np_extent(self, head: Any) -> tuple[int, int]:
        """The character offsets of the noun phrase headed by ``head``."""

    def aside(self, x: Any, head: Any) -> bool:
        """Whether ``x`` in the phrase headed by ``head`` names a recipient or a topic rather than its owner."""
