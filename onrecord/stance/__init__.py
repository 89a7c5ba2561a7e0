"""Stance stage: each quote's stance toward a named issue, then each person's and each party's.

A stance model is any object with a ``name`` (versioned, stored with every label) and
``label(issue, quotes_of_one_article) -> list[StanceLabel]``; register it in
:data:`onrecord.registry.stance_models`. The built-in one is ``rules.v1``.
"""

from __future__ import annotations

from typing import Protocol

from ..models import Issue, Quote, StanceLabel


class StanceModel(Protocol):
    name: str

    def label(self, issue: Issue, quotes: list[Quote]) -> list[StanceLabel]: ...
