"""The web app when a request is odd (issue 18): links built from the request path stay on this site, Accept is
read as media ranges with weights, HEAD answers like GET, search filters that would be ignored are E401, and a
page number out of range is answered as what it is."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient

from onrecord import pipeline
from onrecord.serve import create_app
from onrecord.serve.accept import parse_accept, preferred, wants_json
from onrecord.store import SQLiteStore, open_store

from .conftest import STORES

EXAMPLES = Path(__file__).resolve().parents[1] / "onrecord" / "examples"
ISSUE = "a ban on second homes in national parks"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"


@pytest.fixture(scope="module", params=STORES)
def store(request: pytest.FixtureRequest, module_store_url_for: Callable[[str], str]) -> Iterator[SQLiteStore]:
    s = open_store(module_store_url_for(request.param))
    reg = pipeline.load_register_into(s, EXAMPLES / "register.json")
    pipeline.ingest(s, [EXAMPLES / "articles"], register=reg)
    pipeline.add_issue(s, ISSUE)
    yield s
    s.close()


@pytest.fixture(scope="module")
def client(store: SQLiteStore) -> Iterator[TestClient]:
    with TestClient(create_app(store, token="t"), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="module")
def issue_id(store: SQLiteStore) -> str:
    return store.get_issue(ISSUE).id


def error(r: Any, status: int, code: str) -> dict[str, Any]:
    assert r.status_code == status, r.text
    body: dict[str, Any] = r.json()
    assert body["ok"] is False and body["status"] == status and body["error"]["code"] == code, body
    return body["error"]  # type: ignore[no-any-return]


# ------------------------------------------------------------------ item 5: links stay on this site

HOSTILE_PATHS = ["//other.example/x", "///other.example/x", "/\\other.example/x", "/%5Cother.example/x",
                 "/%09/other.example/x", "//other.example/x?y=1", "/%2F%2Fother.example/x"]


def _as_a_browser_reads(href: str) -> str:
    """What a browser makes of an href: tabs and line breaks dropped, a backslash read as a slash."""
    return re.sub(r"[\t\n\r]", "", href).replace("\\", "/")


@pytest.mark.parametrize("path", HOSTILE_PATHS)
def test_404_link_stays_on_site(client: TestClient, path: str) -> None:
    r = client.get("http://testserver" + path, headers={"Accept": BROWSER})
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    links = re.findall(r'(?:href|action|value)="([^"]*)"', r.text)
    twin = re.search(r'id="json-twin" href="([^"]*)"', r.text)
    assert twin is not None and twin.group(1).endswith(".json" + ("?y=1" if "?" in path else ""))
    for link in links:
        seen = _as_a_browser_reads(link.replace("&amp;", "&"))
        if not seen.startswith("/"):
            continue  # not a path (a form field's value, an empty value)
        assert not seen.startswith("//"), f"{link!r} leaves the site (from {path!r})"
        assert urlsplit(seen).netloc == "" and urlsplit(seen).scheme == ""


@pytest.mark.parametrize(("path", "twin"), [("/parties/Conservative", "/parties/Conservative.json"),
                                             ("/parties/No%20Such%20Party", "/parties/No%20Such%20Party.json"),
                                             ("/parties/100%25", "/parties/100%25.json")])
def test_links_from_the_path_still_reach_their_page(client: TestClient, path: str, twin: str) -> None:
    page = client.get(path, headers={"Accept": BROWSER})
    href = re.search(r'id="json-twin" href="([^"]*)"', page.text)
    assert href is not None and href.group(1) == twin
    assert client.get(twin).status_code == page.status_code


# ------------------------------------------------------------------ item 7: content negotiation


@pytest.mark.parametrize(("accept", "want"), [
    ("text/html;q=0.1, application/json", "json"),
    ("application/json;q=0", "html"),
    ("APPLICATION/JSON", "json"),
    ("Application/Json; Q=0.8, Text/HTML; q=0.5", "json"),
    ("application/json; q=1.0, text/html; q=0.5", "json"),
    ("text/html, application/json", "html"),
    ("application/json, text/html", "html"),  # a tie: the page
    ("text/*;q=0.9, application/json;q=0.9", "html"),
    ("application/json;q=0.5, text/*;q=0.4", "json"),
    ("application/*", "json"),
    ("*/*", "html"),
    ("*/*;q=0.1, application/json;q=0.2", "json"),
    ("text/html;q=0, */*", "json"),
    ("", "html"),
    (BROWSER, "html"),
    ("application/json;q=abc", "html"),  # a weight that cannot be read: the range is passed over
    ("application/json;q=2", "html"),
    ("nonsense, application/json", "json"),
])
def test_accept_header_is_parsed_with_q_values(client: TestClient, issue_id: str, accept: str, want: str) -> None:
    assert wants_json(accept) is (want == "json")
    media = "application/json" if want == "json" else "text/html"
    for path in ("/search", f"/issues/{issue_id}", f"/issues/{issue_id}"):  # the second: a remembered page
        r = client.get(path, headers={"Accept": accept})
        assert r.status_code == 200 and r.headers["content-type"].startswith(media), (path, accept)
    missing = client.get("/people/nobody", headers={"Accept": accept})  # errors are negotiated the same way
    assert missing.status_code == 404 and missing.headers["content-type"].startswith(media)


def test_accept_parser() -> None:
    assert parse_accept("Text/HTML;level=1;q=0.5, application/json;q=0.25;ext=1, bad, */html") == [
        ("text", "html", 0.5), ("application", "json", 0.25)]
    assert preferred("application/json;q=0, text/html;q=0", ("text/html", "application/json")) == "text/html"


# ------------------------------------------------------------------ item 7: HEAD


@pytest.mark.parametrize("path", ["/search", "/search.json", "/search?q=ban", "/issues/{issue}", "/issues/{issue}.json",
                                  "/people/nobody", "/people/nobody.json", "/static/style.css", "/api/audit",
                                  "/search.csv", "/search.json?page=0"])
def test_head_answers_like_get_without_a_body(client: TestClient, issue_id: str, path: str) -> None:
    url = path.format(issue=issue_id)
    got, head = client.get(url), client.head(url)
    assert head.status_code == got.status_code != 405
    assert head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]
    if "content-length" in got.headers:
        assert head.headers["content-length"] == got.headers["content-length"] == str(len(got.content))
    assert head.headers["x-content-type-options"] == "nosniff"


def test_head_of_a_post_only_route_is_405(client: TestClient) -> None:
    r = client.head("/api/people/merge")
    assert r.status_code == 405 and r.content == b""


# ------------------------------------------------------------------ item 7: search filters that were ignored

SEARCHES = ["/search.json", "/search.csv", "/search"]


@pytest.mark.parametrize("path", SEARCHES)
def test_stance_without_issue_is_an_error(client: TestClient, path: str) -> None:
    err = error(client.get(path, params={"stance": "support"}, headers={"Accept": "application/json"}), 400, "E401")
    assert "stance" in err["message"] and "issue" in err["message"] and "issue=" in err["hint"]
    page = client.get("/search", params={"stance": "support"}, headers={"Accept": BROWSER})
    assert page.status_code == 400 and "[E401]" in page.text and 'id="error-hint"' in page.text


@pytest.mark.parametrize("path", SEARCHES)
@pytest.mark.parametrize("stance", ["maybe", "Support", " support", "suport"])
def test_unknown_stance_is_an_error_listing_the_allowed(client: TestClient, issue_id: str, path: str,
                                                        stance: str) -> None:
    err = error(client.get(path, params={"stance": stance, "issue": issue_id},
                           headers={"Accept": "application/json"}), 400, "E401")
    assert repr(stance) in err["message"]
    for allowed in ("support", "oppose", "neutral", "none"):
        assert allowed in err["message"]


@pytest.mark.parametrize("name", ["date_from", "date_to"])
@pytest.mark.parametrize("value", ["2024-13-01", "2024-02-30", "yesterday", "2024/03/01", "24-03-01", "0000-01-01",
                                   "2024-3-1", "2024-03-01T00:00", "２０２４"])
def test_invalid_date_filter_is_an_error(client: TestClient, name: str, value: str) -> None:
    for path in ("/search.json", "/search.csv"):
        err = error(client.get(path, params={name: value}, headers={"Accept": "application/json"}), 400, "E401")
        assert name in err["message"] and repr(value) in err["message"] and "YYYY-MM-DD" in err["hint"]


@pytest.mark.parametrize("value", ["2024", "2024-03", "2024-02-29", "1999-12-31"])
def test_valid_date_filters_still_work(client: TestClient, value: str) -> None:
    for name in ("date_from", "date_to"):
        assert client.get("/search.json", params={name: value}).status_code == 200
        assert client.get("/search.csv", params={name: value}).status_code == 200


def test_the_schema_lists_the_allowed_stances_and_date_form(client: TestClient) -> None:
    params = {p["name"]: p for p in client.get("/openapi.json").json()["paths"]["/search.json"]["get"]["parameters"]}
    assert params["stance"]["schema"]["enum"] == ["", "support", "oppose", "neutral", "none"]
    assert params["date_from"]["schema"]["pattern"] and params["page"]["schema"]["minimum"] == 1


# ------------------------------------------------------------------ item 7: page numbers out of range


PAGED = ["/search.json", "/people/{person}.json", "/api/audit"]


@pytest.fixture(scope="module")
def person(store: SQLiteStore) -> str:
    return next(r["person_id"] for r in store.query("SELECT person_id FROM quotes WHERE person_id IS NOT NULL"))


@pytest.mark.parametrize("url", PAGED)
@pytest.mark.parametrize("page", ["0", "-1"])
def test_page_under_1_is_an_invalid_request_not_an_invalid_setting(client: TestClient, person: str, url: str,
                                                                   page: str) -> None:
    err = error(client.get(url.format(person=person), params={"page": page}), 422, "E422")
    assert "page" in err["message"]


@pytest.mark.parametrize("url", PAGED)
@pytest.mark.parametrize("page", ["999", str(10**6 + 1), str(10**20)])
def test_page_past_the_last_is_an_empty_page(client: TestClient, person: str, url: str, page: str) -> None:
    r = client.get(url.format(person=person), params={"page": page})
    assert r.status_code == 200, r.text
    data = r.json()
    assert data["page"] == int(page) and data["pages"] < int(page)
    assert (data.get("rows") if "rows" in data else data["quotes"]) == []


def test_page_past_the_last_links_back_to_the_last(client: TestClient) -> None:
    last = client.get("/search.json").json()["pages"]
    page = client.get("/search", params={"page": 50}, headers={"Accept": BROWSER}).text
    assert "No quotes match." in page and f'page={last}">← previous' in page
