"""llm.v1 against a small local stub of an OpenAI-compatible chat endpoint (127.0.0.1 only; no network)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from onrecord.cli import main
from onrecord.errors import OnrecordError
from onrecord.models import Issue, Quote, Span
from onrecord.registry import stance_models
from onrecord.stance.llm import LLMStance, endpoint, evidence_in, parse_answer

from .test_eval_stance import write_gwsd

ISSUE = Issue("a ban on second homes")


class Stub(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.requests: list[dict[str, Any]] = []
        self.delay = 0.0
        self.fail_status = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


def answer_for(quote: str) -> str:
    """What the stub 'model' says, from words of the quote."""
    if "back" in quote:
        return json.dumps({"stance": "support", "confidence": 0.9, "evidence": "I back a ban"})
    if "made up" in quote:
        return json.dumps({"stance": "oppose", "confidence": 0.8, "evidence": "words that are not there"})
    if "against" in quote:
        return "```json\n" + json.dumps({"stance": "oppose", "confidence": 1.7, "evidence": "AGAINST  it"}) + "\n```"
    if "garbled" in quote:
        return "I think they support it, probably."
    return json.dumps({"stance": "unsure", "confidence": 0.3, "evidence": ""})


class Handler(BaseHTTPRequestHandler):
    server: Stub

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        return

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.requests.append({"path": self.path, "auth": self.headers.get("Authorization"), "body": body})
        if self.path.startswith("/redirect"):
            self.send_response(302)
            self.send_header("Location", self.server.url + "/v1/chat/completions")
            self.end_headers()
            return
        if self.server.fail_status:
            self.send_response(self.server.fail_status)
            self.end_headers()
            return
        if self.path != "/v1/chat/completions":
            self.send_response(404)
            self.end_headers()
            return
        time.sleep(self.server.delay)
        quote = body["messages"][-1]["content"].split("Quote: ", 1)[1]
        out = json.dumps({"id": "x", "object": "chat.completion", "model": body["model"],
                          "choices": [{"index": 0, "message": {"role": "assistant", "content": answer_for(quote)},
                                       "finish_reason": "stop"}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)


@pytest.fixture
def stub() -> Iterator[Stub]:
    server = Stub()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def settings(stub: Stub, tmp_path: Path, **over: Any) -> dict[str, Any]:
    base = {"llm_url": stub.url + "/v1", "llm_key": "sekret", "llm_model": "stub-model", "llm_budget": 50,
            "llm_timeout": 5.0, "llm_cache": str(tmp_path / "cache.db")}
    return {**base, **over}


def quotes(*texts: str) -> list[Quote]:
    out, pos = [], 0
    for t in texts:
        out.append(Quote("art", Span(t, pos, pos + len(t)), "direct", speaker="A Person", sentence=t))
        pos += len(t) + 1
    return out


def test_labels_are_checked_against_the_quote(stub: Stub, tmp_path: Path) -> None:
    qs = quotes("Frankly, I back a ban on second homes.", "I have made up my mind.", "We are against  it.",
                "The weather was fine.", "Something garbled.")
    labels = LLMStance(settings(stub, tmp_path)).label(ISSUE, qs)
    assert [lab.stance for lab in labels] == ["support", "none", "oppose", "none", "none"]
    assert labels[0].confidence == 0.9 and "I back a ban" in labels[0].reason
    assert "not in the quote" in labels[1].reason  # evidence that is not a substring is not trusted
    assert labels[2].confidence == 1.0  # clipped; evidence matched across case and spaces
    assert all(lab.model == "llm.v1/stub-model" and lab.quote_id == q.id for lab, q in zip(labels, qs, strict=True))
    req = stub.requests[0]
    assert req["path"] == "/v1/chat/completions" and req["auth"] == "Bearer sekret"
    assert req["body"]["model"] == "stub-model" and req["body"]["temperature"] == 0
    assert "Issue: a ban on second homes" in req["body"]["messages"][-1]["content"]


def test_answers_are_cached_by_model_issue_and_text(stub: Stub, tmp_path: Path) -> None:
    qs = quotes("Frankly, I back a ban on second homes.", "The weather was fine.")
    first = LLMStance(settings(stub, tmp_path))
    first.label(ISSUE, qs)
    assert first.calls == 2 and len(stub.requests) == 2
    again = LLMStance(settings(stub, tmp_path))
    assert [lab.stance for lab in again.label(ISSUE, qs)] == ["support", "none"]
    assert again.calls == 0 and again.cache_hits == 2 and len(stub.requests) == 2
    other_model = LLMStance(settings(stub, tmp_path, llm_model="another"))
    other_model.label(ISSUE, qs[:1])
    other_issue = LLMStance(settings(stub, tmp_path))
    other_issue.label(Issue("a tax on second homes"), qs[:1])
    assert len(stub.requests) == 4
    no_cache = LLMStance(settings(stub, tmp_path, llm_cache=""))
    no_cache.label(ISSUE, qs[:1])
    no_cache.label(ISSUE, qs[:1])
    assert no_cache.calls == 2


def test_budget_stops_the_run_with_a_code(stub: Stub, tmp_path: Path) -> None:
    model = LLMStance(settings(stub, tmp_path, llm_budget=2))
    with pytest.raises(OnrecordError) as err:
        model.label(ISSUE, quotes("one back", "two", "three"))
    assert err.value.code == "E401" and "llm_budget" in err.value.message
    assert len(stub.requests) == 2


def test_timeout_is_bounded(stub: Stub, tmp_path: Path) -> None:
    stub.delay = 3.0
    t0 = time.perf_counter()
    with pytest.raises(OnrecordError) as err:
        LLMStance(settings(stub, tmp_path, llm_timeout=0.3)).label(ISSUE, quotes("I back it"))
    assert err.value.code == "E501" and time.perf_counter() - t0 < 2.5


def test_redirects_and_http_errors_stop_with_e501(stub: Stub, tmp_path: Path) -> None:
    with pytest.raises(OnrecordError) as err:
        LLMStance(settings(stub, tmp_path, llm_url=stub.url + "/redirect/v1")).label(ISSUE, quotes("I back it"))
    assert err.value.code == "E501" and "redirect" in err.value.message
    assert [r["path"] for r in stub.requests] == ["/redirect/v1/chat/completions"]  # the target was never asked
    stub.fail_status = 500
    with pytest.raises(OnrecordError) as err:
        LLMStance(settings(stub, tmp_path)).label(ISSUE, quotes("I back it"))
    assert err.value.code == "E501" and "HTTP 500" in err.value.message


def test_no_endpoint_and_bad_urls_are_refused(tmp_path: Path) -> None:
    with pytest.raises(OnrecordError) as err:
        LLMStance({"llm_url": "", "llm_cache": ""}).label(ISSUE, quotes("I back it"))
    assert err.value.code == "E501"
    for bad in ("file:///etc/passwd", "ftp://example.org/v1", "localhost:8000"):
        with pytest.raises(OnrecordError) as err:
            endpoint(bad)
        assert err.value.code == "E401"
    assert endpoint("http://localhost:8000") == "http://localhost:8000/v1/chat/completions"
    assert endpoint("http://localhost:8000/v1/") == "http://localhost:8000/v1/chat/completions"
    assert endpoint("https://h/x/v1/chat/completions") == "https://h/x/v1/chat/completions"


def test_answer_parsing_and_evidence() -> None:
    assert parse_answer('```json\n{"stance": "oppose"}\n```') == {"stance": "oppose"}
    assert parse_answer("no json here") is None and parse_answer("[1, 2]") is None
    assert evidence_in("“we need it”", 'He said "We  need it" today.')
    assert not evidence_in("", "anything") and not evidence_in("...", "anything")
    assert not evidence_in("we need more", "we need it")


def test_registered_and_reads_its_settings_from_the_environment(stub: Stub, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ONRECORD_LLM_URL", stub.url)
    monkeypatch.setenv("ONRECORD_LLM_MODEL", "env-model")
    monkeypatch.setenv("ONRECORD_LLM_CACHE", str(tmp_path / "env-cache.db"))
    model = stance_models.get("llm.v1")()  # type: ignore[operator]
    assert isinstance(model, LLMStance) and model.model == "env-model"
    write_gwsd(tmp_path / "data")
    res = CliRunner().invoke(main, ["eval", "stance", "--dataset", "gwsd", "--data", str(tmp_path / "data"),
                                    "--model", "llm.v1", "--format", "json"])
    assert res.exit_code == 0, res.output
    d = json.loads(res.output)
    assert d["model"] == "llm.v1" and d["n"] > 0 and d["abstained"] == d["n"]  # the stub is unsure of them all
    assert len(stub.requests) == d["n"] and (tmp_path / "env-cache.db").is_file()
