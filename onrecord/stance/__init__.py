"""Stance stage: each quote's stance toward a named issue, then each person's and each party's.

A stance model is any object with a ``name`` (versioned, stored with every label) and
``label(issue, quotes_of_one_article) -> list[StanceLabel]``; register it in
:data:`onrecord.registry.stance_models`. The default is ``rules.v2`` (:mod:`.reader`).

A model may also have ``prepare(issue, articles)`` (``articles``: several articles' statements, each a list): the
analysis calls it before labelling those articles one by one, so that work batched across articles (the default
reader's sentence vectors) is done in one pass. It must not change any label, only how fast they come. And it may
have ``read_leads(leads)`` (article id -> the headline and the first words of its text): the analysis calls it with
the articles about to be prepared and labelled, before ``prepare`` (the default reader takes an article whose lead
names the issue to be on it, whoever speaks there).
"""

from __future__ import annotations

from typing import Protocol

from ..models import Issue, Quote, StanceLabel


class StanceModel(Protocol):
    name: str

    def label(self, issue: Issue, quotes: list[Quote]) -> list[StanceLabel]: ...
