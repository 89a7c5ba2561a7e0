"""``llm.v1``: stance from a language model behind any OpenAI-compatible ``/v1/chat/completions`` endpoint.

Settings (``onrecord/settings.py``, ``docs/settings.md``): ``llm_url``, ``llm_key``, ``llm_model``,
``llm_budget``, ``llm_timeout``, ``llm_cache``.

For each quote the model is asked for one JSON object::

    {"stance": "support" | "oppose" | "neutral" | "unsure", "confidence": 0..1, "evidence": "<words of the quote>"}

and the answer is checked before it is used:

* ``unsure`` (or anything that is not one of the three positions) becomes ``none``: no position, not a guess;
* a position must come with ``evidence`` that is a substring of the quote text (compared after folding case,
  curly quotes and runs of spaces); evidence that is not in the quote makes the answer ``none``;
* ``confidence`` is clipped to 0..1 (a missing one counts as 0.5).

Answers are cached in a small SQLite file (``llm_cache``), keyed by a hash of the model name, the prompt version,
the issue and the quote text, so a re-run costs nothing. Every request that goes out counts against
``llm_budget`` (per analysis run); when the budget is used up the run stops with E401 (the setting's limit),
never silently. A request waits at most ``llm_timeout`` seconds; an endpoint that cannot be reached, answers
with an HTTP error or with something other than a chat completion stops the run with E501.

Only the configured ``llm_url`` is ever fetched (http or https; it may well be the user's own server on
localhost). Redirects are refused, so an endpoint cannot send the client on to another (say, private) address.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import threading
import urllib.error
import urllib.request
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..errors import OnrecordError
from ..models import Issue, Quote, Stance, StanceLabel
from .trained import quote_text

VERSION = "llm.v1"
PROMPT_VERSION = "1"
SYSTEM = (
    "You label the stance of a quote toward a named issue, as a careful news analyst. Answer with one JSON object "
    'and nothing else: {"stance": "support" | "oppose" | "neutral" | "unsure", "confidence": a number from 0 to 1, '
    '"evidence": the exact words of the quote that show the stance}. "support": the speaker is for the issue; '
    '"oppose": against it; "neutral": openly undecided or conditional about it; "unsure": the quote takes no '
    "position on the issue or you cannot tell. Copy the evidence verbatim from the quote; never guess."
)
POSITIONS: tuple[Stance, ...] = ("support", "oppose", "neutral")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str) -> None:
        raise OnrecordError("E501", f"{VERSION}: the endpoint redirected to {newurl!r}; redirects are refused",
                            hint="set llm_url to the final address of the chat completions endpoint")


def endpoint(url: str) -> str:
    """The chat completions URL for a configured ``llm_url`` (base, ``.../v1`` or the full path)."""
    u = url.strip().rstrip("/")
    parts = urlsplit(u)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise OnrecordError("E401", f"setting llm_url={url!r} is not an http(s) URL",
                            hint="e.g. llm_url = \"http://localhost:8000/v1\"")
    if u.endswith("/chat/completions"):
        return u
    if u.endswith("/v1"):
        return u + "/chat/completions"
    return u + "/v1/chat/completions"


def _fold(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip().lower()


def evidence_in(evidence: str, text: str) -> bool:
    """Whether ``evidence`` is a (non-empty) substring of ``text``, after folding case, quote marks and spaces."""
    ev = _fold(evidence).strip(" .,;:!?\"'")
    return bool(ev) and ev in _fold(text)


def parse_answer(content: str) -> dict[str, Any] | None:
    """The JSON object of a model's answer (a ```json fence or text around it is tolerated), else None."""
    m = re.search(r"\{.*\}", content, re.S)
    if not m:
        return None
    try:
        obj = json.loads(m.group(0))
    except json.JSONDecodeError:
        return None
    return obj if isinstance(obj, dict) else None


class Cache:
    """Answers by key in a small SQLite file (no cache when ``path`` is empty)."""

    def __init__(self, path: str) -> None:
        self.db: sqlite3.Connection | None = None
        self.lock = threading.Lock()
        if path:
            Path(path).expanduser().parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(str(Path(path).expanduser()), check_same_thread=False)
            self.db.execute("CREATE TABLE IF NOT EXISTS answers (key TEXT PRIMARY KEY, model TEXT, answer TEXT, "
                            "created TEXT DEFAULT CURRENT_TIMESTAMP)")
            self.db.commit()

    def get(self, key: str) -> dict[str, Any] | None:
        if self.db is None:
            return None
        with self.lock:
            row = self.db.execute("SELECT answer FROM answers WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else None

    def put(self, key: str, model: str, answer: dict[str, Any]) -> None:
        if self.db is None:
            return
        with self.lock:
            self.db.execute("INSERT OR REPLACE INTO answers (key, model, answer) VALUES (?, ?, ?)",
                            (key, model, json.dumps(answer, ensure_ascii=False)))
            self.db.commit()

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None


class LLMStance:
    """Stance labels from an OpenAI-compatible chat endpoint, checked, cached and on a budget."""

    name = VERSION

    def __init__(self, settings: Mapping[str, Any] | None = None) -> None:
        if settings is None:
            from ..settings import load_settings

            settings = load_settings()
        self.url = str(settings.get("llm_url", ""))
        self.key = str(settings.get("llm_key", ""))
        self.model = str(settings.get("llm_model", ""))
        self.budget = int(settings.get("llm_budget", 200))
        self.timeout = float(settings.get("llm_timeout", 30.0))
        self.cache = Cache(str(settings.get("llm_cache", "")))
        self.calls = 0
        self.cache_hits = 0
        self._opener = urllib.request.build_opener(_NoRedirect)

    def cache_key(self, issue: Issue, text: str) -> str:
        raw = "\x00".join([self.model, PROMPT_VERSION, issue.name.strip().lower(), text])
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()

    def ask(self, issue: Issue, text: str) -> dict[str, Any]:
        """The model's parsed answer for one quote (from the cache when it is there)."""
        key = self.cache_key(issue, text)
        hit = self.cache.get(key)
        if hit is not None:
            self.cache_hits += 1
            return hit
        issue_line = issue.name + (f" ({issue.description})" if issue.description else "")
        content = self.chat(SYSTEM, f"Issue: {issue_line}\nQuote: {text}")
        answer = parse_answer(str(content)) or {"stance": "unsure", "unparsed": str(content)[:200]}
        self.cache.put(key, self.model, answer)
        return answer

    def chat(self, system: str, user: str) -> str:
        """One request to the endpoint (counted against the budget): the assistant's message content."""
        if not self.url:
            raise OnrecordError("E501", f"{self.name} has no endpoint: set llm_url (and llm_model)",
                                hint="ONRECORD_LLM_URL=http://localhost:8000/v1 ONRECORD_LLM_MODEL=NAME")
        if self.calls >= self.budget:
            raise OnrecordError("E401", f"{self.name}: llm_budget of {self.budget} requests is used up in this run",
                                hint="raise llm_budget; answers already received are cached and cost nothing")
        self.calls += 1
        body = {"model": self.model, "temperature": 0, "response_format": {"type": "json_object"},
                "messages": [{"role": "system", "content": system}, {"role": "user", "content": user}]}
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.key:
            headers["Authorization"] = f"Bearer {self.key}"
        req = urllib.request.Request(endpoint(self.url), data=json.dumps(body).encode("utf-8"), headers=headers,
                                     method="POST")
        try:
            with self._opener.open(req, timeout=self.timeout) as resp:
                raw = resp.read(4_000_000)
        except urllib.error.HTTPError as exc:
            raise OnrecordError("E501", f"{self.name}: the endpoint answered HTTP {exc.code}") from exc
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise OnrecordError("E501", f"{self.name}: no answer from the endpoint within {self.timeout:g}s: {exc}",
                                hint="check llm_url, or raise llm_timeout") from exc
        try:
            return str(json.loads(raw)["choices"][0]["message"]["content"])
        except (json.JSONDecodeError, KeyError, IndexError, TypeError) as exc:
            raise OnrecordError("E501", f"{self.name}: the endpoint's answer is not a chat completion") from exc

    def to_label(self, issue: Issue, q: Quote, text: str, answer: Mapping[str, Any]) -> StanceLabel:
        model = f"{VERSION}/{self.model}" if self.model else VERSION
        stance = str(answer.get("stance", "")).strip().lower()
        try:
            conf = min(max(float(answer.get("confidence", 0.5)), 0.0), 1.0)
        except (TypeError, ValueError):
            conf = 0.5
        evidence = str(answer.get("evidence") or "")
        if stance not in POSITIONS:
            return StanceLabel(q.id, issue.id, "none", round(conf, 3), "the model sees no position (unsure)", model)
        if not evidence_in(evidence, text):
            return StanceLabel(q.id, issue.id, "none", 0.5, f"the model said {stance}, but its evidence "
                               f"{evidence[:60]!r} is not in the quote", model)
        return StanceLabel(q.id, issue.id, stance, round(conf, 3), f"{stance}: “{evidence.strip()}”", model)

    def label(self, issue: Issue, quotes: list[Quote]) -> list[StanceLabel]:
        out = []
        for q in quotes:
            text = quote_text(q)
            out.append(self.to_label(issue, q, text, self.ask(issue, text)))
        return out
