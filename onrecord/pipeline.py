"""The pipeline: ingest -> extract -> resolve -> stance -> store.

These functions are the library core; the CLI (and later the API and web UI)
only call them.
"""

from __future__ import annotations

import inspect
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import budget, extract
from . import nlp as nlp_mod
from .errors import OnrecordError
from .extract import Extractor
from .extract import load_builtin as _load_extractors
from .ingest import Item, Known, Skipped, read_items
from .ingest import web as web_ingest
from .ingest.fetch import FetchPolicy
from .models import END_STATES, Article, Issue, Person, PersonStance, Quote, StanceLabel
from .registry import extractors, stance_models
from .resolve import stories
from .resolve.people import PeopleResolver, on_record
from .resolve.register import Register, load_register
from .settings import default as default_setting
from .stance import StanceModel, proposition, vectors
from .stance import rules as _stance_rules  # noqa: F401  (registers rules.v1)
from .stance.aggregate import (
    DEFIANCE,
    NO_LINE,
    PartyLine,
    defies_the_line,
    does_it,
    free_vote_parties,
    hold_the_line,
    no_side_taken,
    party_lines,
    person_stance,
    rebel_parties,
    the_party_s_line,
)
from .stance.rules import NAMED
from .store import SQLiteStore

STATES = END_STATES


@dataclass
class IngestReport:
    counts: Counter[str] = field(default_factory=Counter)
    failures: list[dict[str, Any]] = field(default_factory=list)
    # how each item ended, by its source: (state, error code, article id)
    ended: dict[str, tuple[str, str | None, str | None]] = field(default_factory=dict)

    def end(self, source: str, state: str, code: str | None = None, article_id: str | None = None) -> None:
        self.counts[state] += 1
        self.ended[source] = (state, code, article_id)

    def as_dict(self) -> dict[str, Any]:
        """Each item's end state counted, the failures, and the inputs skipped as no article (WARC records that
        are no HTML page), which are not items."""
        return {"counts": {s: self.counts.get(s, 0) for s in STATES}, "skipped": self.counts.get("skipped", 0),
                "failures": self.failures}


def register_from_store(store: SQLiteStore) -> Register:
    """The register loaded into this store: re-read from its file when it is still there, else its summary."""
    path = store.get_meta("register_path")
    if path and Path(path).is_file():
        return load_register(path)
    reg = Register()
    data = store.get_meta("register")
    if data is not None:
        reg.leaders, reg.offices = data["leaders"], data["offices"]
        reg.governing_party, reg.executive = data["governing_party"], data["executive"]
        reg.parties.update(data["parties"])
    return reg


def people_resolver(store: SQLiteStore, register: Register, settings: dict[str, Any]) -> PeopleResolver:
    """A resolver of people against everyone stored, with the well-known people the settings name."""
    return PeopleResolver(store.all_people(), register, merged=store.merged_people(),
                          known_people=str(settings.get("known_people", default_setting("known_people"))))


def load_register_into(store: SQLiteStore, path: str | Path) -> Register:
    reg = load_register(path)
    store.set_meta("register_path", str(Path(path).resolve()))
    store.set_meta("register", {"leaders": reg.leaders, "offices": reg.offices, "governing_party":
                                reg.governing_party, "executive": reg.executive, "parties": reg.parties})
    return reg


def _progress(items: Iterable[Any], enabled: bool, desc: str, total: int | None = None) -> Iterable[Any]:
    if not enabled or not sys.stderr.isatty():
        return items
    from tqdm import tqdm

    return tqdm(items, desc=desc, total=total, unit="article")


def _failed(report: IngestReport, store: SQLiteStore, source: str, exc: OnrecordError,
            article_id: str | None = None) -> None:
    report.end(source, "failed", exc.code, article_id)
    report.failures.append({"source": source, **exc.to_json()["error"]})
    store.log(source, "failed", exc.code, exc.message, article_id)


def web_links(store: SQLiteStore, report: IngestReport, policy: FetchPolicy, feeds: Iterable[str] = (),
              sitemaps: Iterable[str] = (), limit: int = 500) -> list[str]:
    """The article URLs of feeds and sitemaps, in order, each once; a feed or sitemap that fails is a failed
    item of the report (and of the ingest log), and the others are read."""
    links: list[str] = []
    for kind, url in [("feed", u) for u in feeds] + [("sitemap", u) for u in sitemaps]:
        try:
            if kind == "feed":
                links += web_ingest.feed_links(url, policy, limit)
            else:
                read = web_ingest.sitemap_links(url, policy, limit)
                links += read.links
                for sub, exc in read.failed:
                    _failed(report, store, sub, exc)
        except OnrecordError as exc:
            _failed(report, store, url, exc)
    return list(dict.fromkeys(links))


def ingest(
    store: SQLiteStore,
    paths: list[str | Path],
    *,
    register: Register | None = None,
    settings: dict[str, Any] | None = None,
    progress: bool = False,
    feeds: Iterable[str] = (),
    sitemaps: Iterable[str] = (),
) -> IngestReport:
    """Read, analyse and store every article under ``paths`` (files, folders, http(s) URLs) and every article
    that ``feeds`` and ``sitemaps`` link to; each ends ok, empty, duplicate or failed (an article over its work
    or time budget, :mod:`onrecord.budget`, fails with E110 or E113). A URL already stored is not fetched again
    (duplicate)."""
    settings = settings or {}
    report = IngestReport()
    items = read_inputs(store, report, paths, settings, feeds, sitemaps, progress)
    return ingest_items(store, items, register=register, settings=settings, progress=progress, report=report)


def read_inputs(store: SQLiteStore, report: IngestReport, paths: list[str | Path], settings: dict[str, Any],
                feeds: Iterable[str] = (), sitemaps: Iterable[str] = (), progress: bool = False) -> Iterable[Item]:
    """The items to ingest: the files, folders and URLs given, then the articles the feeds and sitemaps link to
    (a feed or sitemap that fails is a failed item of ``report``); a URL already stored is not fetched again."""
    policy = FetchPolicy.from_settings(settings)
    inputs: list[str | Path] = list(paths)
    inputs += web_links(store, report, policy, feeds, sitemaps,
                        int(settings.get("max_feed_links", default_setting("max_feed_links"))))
    items = read_items(inputs, int(settings.get("max_article_bytes", 2_000_000)), policy, known=store.article_at)
    return _progress(items, progress, "reading")


def ingest_items(store: SQLiteStore, items: Iterable[Item], *, register: Register | None = None,
                 settings: dict[str, Any] | None = None, progress: bool = False,
                 report: IngestReport | None = None) -> IngestReport:
    """Analyse and store items already read (:func:`onrecord.ingest.read_items`, or fetched by the watch);
    each ends ok, empty, duplicate or failed, in ``report.ended`` by its source."""
    settings = settings or {}
    register = register or register_from_store(store)
    report = report or IngestReport()
    limits = budget.Limits.from_settings(settings)
    pending = pending_articles(store, items, report, limits)
    if not pending:
        reapply_corrections(store, register=register)
        return report
    nlp = nlp_mod.load(str(settings.get("spacy_model", "")))
    extractor, made_by = make_extractor(register, settings)
    resolver = people_resolver(store, register, settings)
    story_index = story_index_of(store, settings)
    docs = extract.parse_timed(nlp, (a.text for a in pending), batch_size=int(settings.get("batch_size", 32)))
    for article, (doc, parse_seconds) in _progress(zip(pending, docs, strict=True), progress, "analysing",
                                                   len(pending)):
        clock = budget.Clock(limits.seconds, parse_seconds, article.source)
        try:
            known = {p.name: p.roles for p in resolver.people.values() if p.kind == "person"}
            # offices, leaders and the governing party as they stood on the article's day
            day = resolver.enter(register, article.text, article.published)
            got: tuple[list[Quote], dict[str, Any]] | BaseException = extract_article(
                extractor, day, known, article, doc, clock, limits)
        except Exception as exc:  # noqa: BLE001  (one bad article must not stop the batch)
            got = exc
        settle(store, report, resolver, story_index, made_by, article, got, clock)
    finish_ingest(store, register, settings)
    return report


def settle(store: SQLiteStore, report: IngestReport, resolver: PeopleResolver, story_index: stories.StoryIndex,
           made_by: str, article: Article, got: tuple[list[Quote], dict[str, Any]] | BaseException,
           clock: budget.Clock) -> None:
    """End one analysed article: ``got`` (its extraction, or what it failed with) placed and stored, ok or empty,
    or the article failed; in ``report`` and the ingest log. ``resolver`` has entered the article's day."""
    try:
        if isinstance(got, BaseException):
            raise got
        state = place_article(store, resolver, story_index, made_by, article, *got, clock)
    except Exception as exc:  # noqa: BLE001  (one bad article must not stop the batch)
        article_failed(report, store, article, exc)
        return
    report.end(article.source, state, article_id=article.id)
    store.log(article.source, state, article_id=article.id)


def pending_articles(store: SQLiteStore, items: Iterable[Item], report: IngestReport,
                     limits: budget.Limits) -> list[Article]:
    """The items still to analyse, in order: the others end here (failed, skipped, duplicate, over a limit on the
    text)."""
    pending: list[Article] = []
    seen: set[str] = set()
    for source, item in items:
        if isinstance(item, OnrecordError):
            _failed(report, store, source, item)
            continue
        if isinstance(item, Skipped):
            report.counts["skipped"] += 1
            continue
        if isinstance(item, Known):
            report.end(source, "duplicate", article_id=item.article_id)
            store.log(source, "duplicate", article_id=item.article_id)
            continue
        if item.id in seen or store.has_article(item.id):
            report.end(source, "duplicate", article_id=item.id)
            store.log(source, "duplicate", article_id=item.id)
            continue
        try:
            budget.check_text(item.text, limits, source)
        except OnrecordError as exc:
            _failed(report, store, source, exc, item.id)
            continue
        seen.add(item.id)
        pending.append(item)
    return pending


def make_extractor(register: Register, settings: dict[str, Any]) -> tuple[Extractor, str]:
    """The extractor the settings name, and what every quote records it was made by (the extractor and the
    versions of the trained models it reads)."""
    _load_extractors()
    extractor_cls = extractors.get(str(settings.get("extractor", default_setting("extractor"))))
    attributions = str(settings.get("attributions", default_setting("attributions")))
    options = {"attributions": attributions}
    params = inspect.signature(extractor_cls).parameters  # type: ignore[arg-type]
    if "resolver" in params or any(p.kind is p.VAR_KEYWORD for p in params.values()):
        options["resolver"] = str(settings.get("resolver", default_setting("resolver")))  # (a plugin may take none)
    extractor: Extractor = extractor_cls(register, **options)  # type: ignore[operator]
    return extractor, str(getattr(extractor, "version", None) or getattr(extractor, "name", "unknown"))


def extract_article(extractor: Extractor, day: Register, known_roles: dict[str, list[str]], article: Article,
                    doc: Any, clock: budget.Clock, limits: budget.Limits) -> tuple[list[Quote], dict[str, Any]]:
    """One parsed article's statements and who is who in it (the first half of the analysis: it needs nothing
    from the store, so it can run on a worker), on the register as it stood on the article's day."""
    clock.check("the parse")
    budget.check_doc(doc, limits, article.source)
    extractor.known_roles = known_roles
    extractor.register = day
    with budget.timing(clock):
        return extract.run(extractor, article, doc)


def place_article(store: SQLiteStore, resolver: PeopleResolver, story_index: stories.StoryIndex, made_by: str,
                  article: Article, quotes: list[Quote], facts: dict[str, Any], clock: budget.Clock) -> str:
    """The second half: the article's people resolved against everyone stored (``resolver`` has entered the
    article's day), its story found, all stored in one transaction; "ok" or "empty"."""
    people: dict[str, Person] = {}
    speakers = {q.speaker for q in quotes if q.speaker}
    for key, f in facts.items():
        if key in speakers or on_record(f, resolver.register):
            people[key] = resolver.resolve(f)
    for q in quotes:
        if q.speaker in people:
            p = people[q.speaker]
            q.speaker, q.speaker_id = p.name, p.id
        else:
            q.speaker = None
    clock.check("the speakers")
    story = plan_story(store, story_index, article.id, article.text, quotes)
    store.save_article(article, quotes, list({p.id: p for p in people.values()}.values()), made_by, story=story)
    story_index.add(article.id, story.signature, story.story_id)
    return "ok" if quotes else "empty"


def article_failed(report: IngestReport, store: SQLiteStore, article: Article, exc: BaseException) -> None:
    """An article that failed in its analysis: over its budget (the limit's code) or anything else (E100)."""
    if isinstance(exc, OnrecordError):
        _failed(report, store, article.source, exc, article.id)
        return
    report.end(article.source, "failed", "E100", article.id)
    report.failures.append({"source": article.source, "code": "E100", "title": "article failed",
                            "message": f"{article.source}: {exc!r}"})
    store.log(article.source, "failed", "E100", repr(exc), article.id)


def finish_ingest(store: SQLiteStore, register: Register, settings: dict[str, Any]) -> None:
    """After new articles: every issue analysed again (and the corrections re-applied)."""
    issues = store.issues()
    for issue in issues:
        analyze(store, issue, register=register, settings=settings)
    if not issues:
        reapply_corrections(store, register=register)


def story_index_of(store: SQLiteStore, settings: dict[str, Any]) -> stories.StoryIndex:
    """The index of stored articles' signatures (articles stored before stories were kept are signed and
    joined to their stories first, oldest first)."""
    threshold = float(settings.get("dedup_threshold", default_setting("dedup_threshold")))
    index = stories.StoryIndex.build(store.story_signatures(), threshold)
    for aid, text in store.unsigned_articles():
        join_story(store, index, aid, text)
    return index


def plan_story(store: SQLiteStore, index: stories.StoryIndex, article_id: str, text: str,
               quotes: list[Quote]) -> stories.Placed:
    """The story an article belongs to (an earlier copy's, or its own) and which of its quotes repeat that
    story's earlier quotes (same speaker, same words); reads only, so that the article and its place in its
    story are stored in one transaction."""
    sig = stories.signature(text)
    story = index.story_for(article_id, sig)
    copies: dict[str, str] = {}
    if story != article_id:
        earlier: dict[tuple[str, str], str] = {}
        for row in store.story_quotes(story, article_id):
            earlier.setdefault(stories.quote_key(row["person_id"], row["text"]), row["id"])
        for q in quotes:
            rep = earlier.get(stories.quote_key(q.speaker_id, q.span.text))
            if rep is not None:
                copies[q.id] = rep
    return stories.Placed(story, sig, copies)


def join_story(store: SQLiteStore, index: stories.StoryIndex, article_id: str, text: str) -> str:
    """Put an article stored before stories were kept in its story; the story's id."""
    placed = plan_story(store, index, article_id, text, store.quotes(article_id))
    store.set_story(article_id, placed.story_id, stories.to_bytes(placed.signature), placed.copies)
    index.add(article_id, placed.signature, placed.story_id)
    return placed.story_id


def add_issue(store: SQLiteStore, name: str, *, description: str = "", keywords: list[str] | None = None,
              examples_for: list[str] | None = None, examples_against: list[str] | None = None,
              settings: dict[str, Any] | None = None) -> Issue:
    """Add an issue (or update the one with this name: what is given replaces what was there) and analyse it."""
    if not name.strip():
        raise OnrecordError("E301", "an issue needs a name", hint='onrecord issue add "a ban on X"')
    issue = Issue(name.strip(), description, keywords or [], examples_for=examples_for or [],
                  examples_against=examples_against or [])
    old = next((i for i in store.issues() if i.id == issue.id), None)
    if old is not None:  # re-adding an issue keeps what this call does not give
        issue.description = description or old.description
        issue.keywords = keywords or old.keywords
        issue.examples_for = examples_for or old.examples_for
        issue.examples_against = examples_against or old.examples_against
        issue.reading = old.reading
    store.add_issue(issue)
    analyze(store, issue, settings=settings)
    return issue


def edit_issue(store: SQLiteStore, name_or_id: str, *, name: str | None = None, description: str | None = None,
               keywords: list[str] | None = None, examples_for: list[str] | None = None,
               examples_against: list[str] | None = None, reading: dict[str, str] | None = None,
               settings: dict[str, Any] | None = None) -> Issue:
    """Change an issue's phrase, description, keywords, examples or reading (each given one replaces the old; in
    ``reading`` an empty value puts back the parse's own), keeping its id, and analyse it again."""
    issue = store.get_issue(name_or_id)
    if name is not None:
        if not name.strip():
            raise OnrecordError("E301", "an issue needs a name", hint='onrecord issue edit ID --name "a ban on X"')
        clash = [i for i in store.issues() if i.id != issue.id and i.name.lower() == name.strip().lower()]
        if clash:
            raise OnrecordError("E409", f"another issue is already named {name.strip()!r} ({clash[0].id})")
        issue.name = name.strip()
    if description is not None:
        issue.description = description
    if keywords is not None:
        issue.keywords = keywords
    if examples_for is not None:
        issue.examples_for = examples_for
    if examples_against is not None:
        issue.examples_against = examples_against
    if reading is not None:
        from .stance.proposition import READING_KEYS

        unknown = set(reading) - set(READING_KEYS)
        if unknown or reading.get("direction", "removes") not in {"removes", "adds", ""}:
            raise OnrecordError("E301", f"an issue's reading takes {', '.join(READING_KEYS)} (direction: removes or "
                                "adds)", hint="onrecord issue edit ID --action cut --target \"overseas aid\"")
        issue.reading = {k: v.strip() for k, v in {**issue.reading, **reading}.items() if v.strip()}
    store.add_issue(issue)
    analyze(store, issue, settings=settings)
    return issue


def stance_model(settings: dict[str, Any]) -> StanceModel:
    """The stance model the settings name (setting ``stance_model``)."""
    return stance_models.get(str(settings.get("stance_model", default_setting("stance_model"))))()  # type: ignore[no-any-return,operator]


# articles whose statements a stance model reads ahead together (StanceModel.prepare: the encoder's batches)
PREPARED_ARTICLES = 64


def analyze(store: SQLiteStore, issue: Issue, *, register: Register | None = None,
            settings: dict[str, Any] | None = None) -> None:
    """Label every stored quote toward ``issue``, then each person's stance and each party's line.

    Stored corrections hold: speakers, merges and splits are re-applied first, and a human stance override
    replaces the model's label of its quote (model ``human``, with the reviewer's reason) before people's
    stances and party lines are computed.
    """
    settings = settings or {}
    register = register or register_from_store(store)
    reapply_corrections(store, register=register)
    model = stance_model(settings)
    by_article: dict[str, list[Quote]] = defaultdict(list)
    for q in store.quotes():
        by_article[q.article_id].append(q)
    labels: list[StanceLabel] = []
    read_article = getattr(model, "read_article", None)
    if read_article is None:
        reads = vectors.reads_vectors(model)
        made: dict[str, bytes] = {}  # statements' vectors the model made: kept for every analysis after this one
        prepare = getattr(model, "prepare", None)  # what it can read of several articles at once (the encoder's)
        read_leads = getattr(model, "read_leads", None)
        articles = list(by_article.items())
        for k in range(0, len(articles), PREPARED_ARTICLES):
            chunk = articles[k : k + PREPARED_ARTICLES]
            stored: dict[str, bytes] = {}
            if read_leads is not None:  # what each article says it is about, before anyone speaks
                read_leads({article_id: store.article_lead(article_id) for article_id, _ in chunk})
            for article_id, quotes in chunk:
                stored |= store.quote_vectors(vectors.MODEL, article_id) if reads else {}
                for q in quotes:
                    q.vector = stored.get(q.id)
            if prepare is not None:
                prepare(issue, [quotes for _, quotes in chunk])
            for _, quotes in chunk:
                labels += model.label(issue, quotes)
                for q in quotes:
                    if q.vector and q.id not in stored:
                        made[q.id] = q.vector
                    q.vector = None
        if made:
            store.save_vectors(vectors.MODEL, made)
    else:  # a reader of whole articles (llm-reader.v1): it may find actors the extractor did not
        resolver: PeopleResolver | None = None
        for article in store.articles():
            labs, found = read_article(issue, article, by_article.get(article.id, []))
            labels += labs
            if found:
                resolver = resolver or people_resolver(store, register, settings)
                resolver.enter(register, article.text, article.published)
                people: dict[str, Person] = {}
                for q, facts in found:
                    p = resolver.resolve(facts)
                    q.speaker, q.speaker_id = p.name, p.id
                    people[p.id] = p
                store.save_article(article, [q for q, _ in found], list(people.values()), str(model.name))
    _save_with_people(store, issue, labels, register)


def apply_overrides(labels: list[StanceLabel], issue_id: str,
                    overrides: dict[str, tuple[str, str]]) -> list[StanceLabel]:
    """Model labels with every human override put in place of (or added to) its quote's label."""
    out = [lab for lab in labels if lab.quote_id not in overrides]
    out += [StanceLabel(qid, issue_id, stance, 1.0, reason, "human")  # type: ignore[arg-type]
            for qid, (stance, reason) in sorted(overrides.items())]
    return out


def _save_with_people(store: SQLiteStore, issue: Issue, labels: list[StanceLabel], register: Register) -> None:
    """Apply overrides to ``labels``, aggregate people's stances, each article's party lines (on the register as it
    stood on the article's day) and who breaks them, and store it all. A person breaks with their party when, in
    some article, they take the side opposite to the line that article shows; the line stored for a party is the
    one in its latest article."""
    known: dict[str, tuple[str | None, str, str | None]] = {}
    # ... and who defied their party's whip, article by article (a reported act of their own, whatever the issue's
    # words), in the same pass over the quotes
    defied: dict[str, set[str]] = defaultdict(set)
    for r in store.query("SELECT id, person_id, article_id, copy_of, CASE WHEN kind = 'reported' THEN "
                         "COALESCE(cue_text, '') || ' ' || text END AS act FROM quotes"):
        known[r["id"]] = (r["person_id"], r["article_id"], r["copy_of"])
        if r["act"] and r["person_id"] and DEFIANCE.search(r["act"]):
            defied[r["article_id"]].add(r["person_id"])
    labels = [lab for lab in apply_overrides(labels, issue.id, store.stance_overrides(issue.id))
              if lab.quote_id in known]
    per_person: dict[str, list[StanceLabel]] = defaultdict(list)
    per_article: dict[str, dict[str, list[StanceLabel]]] = defaultdict(lambda: defaultdict(list))
    for lab in labels:
        pid, aid, copy_of = known[lab.quote_id]
        if pid and copy_of is None:  # a quote that copies of its story repeat counts once, where it was first
            per_person[pid].append(lab)
            per_article[aid][pid].append(lab)
    people = {p.id: p for p in store.all_people()}
    stances = [person_stance(people[pid], labs) for pid, labs in per_person.items() if pid in people]
    # the articles that bear on the issue: some statement there names it or takes a side on it
    bearing = {aid for aid, of in per_article.items() for labs in of.values() for lab in labs
               if lab.stance != "none" or lab.reason.startswith(NAMED)}
    prop = proposition.parse(issue)
    agent = prop.agent_names()
    on_it = {st.person_id: [lab for aid in bearing for lab in per_article[aid].get(st.person_id, [])]
             for st in stances}  # each one's labels in the articles that bear on it
    stances = [does_it(no_side_taken(st, people[st.person_id], on_it[st.person_id]), people[st.person_id], agent,
                       on_it[st.person_id]) for st in stances]
    by_id = {s.person_id: s for s in stances}
    articles = {a.id: a for a in store.articles()}
    latest: dict[str, tuple[str, PartyLine]] = {}
    history: list[tuple[str, str, str | None, str, str]] = []
    # the bodies that are a party ("the Liberal Democrats", "Conservative Party"), by the party they are
    party_bodies: dict[str, list[Person]] = defaultdict(list)
    party_names = _party_names(register)
    for p in people.values():
        if p.kind == "organisation" and p.party and p.party not in NO_LINE and \
                (_bare_party(p.name) == _bare_party(p.party) or p.party in party_names[_bare_party(p.name)]):
            party_bodies[p.party].append(p)
    binding: dict[str, tuple[str, PartyLine]] = {}
    for aid, labs_of in per_article.items():
        article = articles.get(aid)
        if article is None:
            continue
        reg = register.for_article(article.text, article.published)
        here = [person_stance(people[pid], labs) for pid, labs in labs_of.items() if pid in people]
        free = free_vote_parties(article.text, reg.parties, reg.governing_party)
        party_of = {**reg.parties, **{p.lower(): p for p in reg.parties.values()}}
        party_of.update({e.name.lower(): e.party for e in reg.entries.values()
                         if e.classification == "party" and e.party})
        elsewhere = {st.name: st for st in stances}
        rebels = rebel_parties(article.text, reg.parties, reg.governing_party)
        for ln in party_lines(here, people, reg.leaders, reg.governing_party, free, party_of, elsewhere, rebels):
            for pid in ln.breakers:
                by_id[pid].breaks_with_party = True
            for pid in defied.get(aid, set()) & set(by_id):
                by_id[pid] = defies_the_line(by_id[pid], ln)
            # the line in force in their latest article binds its leader, and the party itself, quoted there or only
            # named ("Shadow chancellor X said the Conservatives would reverse it")
            named = [p.id for p in party_bodies.get(ln.party, []) if p.id not in labs_of and _names(article.text, p)]
            for pid in named:
                by_id.setdefault(pid, PersonStance(pid, people[pid].name, people[pid].party, "none", 0.0, []))
            for pid in [ln.leader, *(st.person_id for st in here if people[st.person_id].kind == "organisation"
                                     and party_of.get(people[st.person_id].name.lower()) == ln.party), *named]:
                if pid in by_id and (pid not in binding or (reg.date or "") >= binding[pid][0]):
                    binding[pid] = (reg.date or "", ln)
            day = reg.date or ""
            if ln.stance != "none" or ln.source != "none":
                history.append((ln.party, aid, reg.date, ln.stance, ln.source))
            if ln.party not in latest or (day, ln.stance != "none") >= (latest[ln.party][0],
                                                                     latest[ln.party][1].stance != "none"):
                latest[ln.party] = (day, ln)
    for pid, (_, ln) in binding.items():
        if ln.party in latest and latest[ln.party][1].stance == ln.stance:  # not a line the party has since left
            bind = the_party_s_line if people[pid].kind == "organisation" else hold_the_line
            by_id[pid] = bind(by_id[pid], ln)
    lines = [(party, ln.stance, ln.source) for party, (_, ln) in sorted(latest.items())]
    store.save_stances(issue, labels, list(by_id.values()), lines, history)
    store.keep_reading(issue.id, proposition.describe(prop))  # the reading these labels were made with


def _names(text: str, person: Person) -> bool:
    """Whether ``text`` names ``person`` by their name or an alias, as whole words."""
    return any(re.search(r"(?<!\w)" + re.escape(n) + r"(?!\w)", text) for n in (person.name, *person.aliases) if n)


def _bare_party(name: str) -> str:
    """A party's name without "the" and "Party", lower case: "the Conservative Party" -> "conservative"."""
    return re.sub(r"^the\s+|\s+party$", "", name.strip().lower())


def _party_names(register: Register) -> defaultdict[str, set[str]]:
    """The parties each name (:func:`_bare_party`) is one of, by the register: its aliases and its party entries'
    names. A body of such a name (or of its party's own) is the party itself, not a body of its members ("Labour
    Friends of Israel")."""
    names: defaultdict[str, set[str]] = defaultdict(set)
    for alias, party in register.parties.items():
        names[_bare_party(alias)].add(party)
    for e in register.entries.values():
        if e.classification == "party" and e.party:
            for n in (e.name, *e.aliases):
                names[_bare_party(n)].add(e.party)
    return names


def restance(store: SQLiteStore, issue: Issue, *, register: Register | None = None) -> None:
    """Recompute people's stances and party lines toward ``issue`` from the stored labels, without relabelling.

    Used after a review correction (a speaker change moves a label to another person; an override changes one).
    """
    _save_with_people(store, issue, store.stance_labels(issue.id), register or register_from_store(store))


def reapply_corrections(store: SQLiteStore, *, register: Register | None = None, restance_issues: bool = True) -> int:
    """Re-apply every stored review correction; idempotent. Returns how many records it had to change.

    Speaker changes, merges (a merged person the resolver met again is merged again) and splits (an alias
    split off is taken away again) hold after any ingest; stance overrides are put back in the stored labels.
    When anything changed, people's stances and party lines are recomputed (``restance_issues``).
    """
    from .review import reapply

    changed, issues = reapply(store)
    if restance_issues and changed:
        register = register or register_from_store(store)
        for issue in store.issues():
            if issue.id in issues:
                restance(store, issue, register=register)
    return changed
