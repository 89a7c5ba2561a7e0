"""The web app in process (FastAPI's TestClient) over a store built from the built-in example.

Every page and its JSON twin, search (full text, highlights, facets, paging, dates), the streamed
CSV, the one error shape (404, 4xx, 500 without a traceback), security headers, and escaping of
article-derived text in every HTML page.
"""

from __future__ import annotations

import csv
import html
import io
import json
import math
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote as urlquote

import markupsafe
import pytest
from fastapi.testclient import TestClient

from onrecord import pipeline
from onrecord.models import Article, Mention, Person, Quote, Span
from onrecord.query import pages
from onrecord.serve import create_app
from onrecord.store import SQLiteStore, keys, open_store

from .conftest import STORES

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "onrecord" / "examples"
ISSUE = "a ban on second homes in national parks"
JSON = {"Accept": "application/json"}
HTML = {"Accept": "text/html,application/xhtml+xml"}

# Two dated articles from named outlets beside the undated built-in example, for dates and outlets.
DATED = [
    {"url": "https://dales.example/2024/01/parks", "title": "Second homes row reaches the dales",
     "published": "2024-01-15", "outlet": "The Dales Courier",
     "text": "Second homes row reaches the dales\n\n"
             "Tom Ashby, a Conservative MP, said: “A ban on second homes in national parks is the only way to keep "
             "our villages alive.”\n\n"
             "The Prime Minister, Simon Kettering, told reporters: “We will not ban second homes in national "
             "parks.”\n"},
    {"url": "https://moorland.example/2024/06/labour", "title": "Labour presses on the parks",
     "published": "2024-06-02", "outlet": "Moorland Post",
     "text": "Labour presses on the parks\n\n"
             "Daniel Okafor, the Labour leader, said: “Labour would ban new second homes in our national parks. "
             "Families are being priced out.”\n"},
]


def error_shape(r: Any, status: int, code: str | None = None) -> dict[str, Any]:
    """The one JSON error shape: {"ok": false, "error": {code, title, message, hint?}, "status"}."""
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    body: dict[str, Any] = r.json()
    assert set(body) == {"ok", "error", "status"}
    assert body["ok"] is False
    assert body["status"] == status
    assert {"code", "title", "message"} <= set(body["error"]) <= {"code", "title", "message", "hint"}
    assert all(isinstance(v, str) and v for v in body["error"].values())
    if code:
        assert body["error"]["code"] == code
    assert "Traceback" not in r.text
    return body


def page_text(r: Any) -> str:
    """An HTML page's text with entities decoded, to look for values from its JSON twin."""
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/html")
    return html.unescape(r.text)


def csv_rows(r: Any) -> list[dict[str, str]]:
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    return list(csv.DictReader(io.StringIO(r.text)))


# ------------------------------------------------------------------ fixtures


@pytest.fixture(scope="module", params=STORES)
def store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
          module_store_url_for: Callable[[str], str]) -> Iterator[SQLiteStore]:
    """The examples and a few dated articles ingested and the issue added, in each kind of store."""
    root = tmp_path_factory.mktemp("api")
    (root / "dated").mkdir()
    (root / "dated" / "dated.jsonl").write_text("\n".join(json.dumps(d) for d in DATED) + "\n", "utf-8")
    s = open_store(module_store_url_for(request.param))
    reg = pipeline.load_register_into(s, EXAMPLES / "register.json")
    report = pipeline.ingest(s, [EXAMPLES / "articles", root / "dated"], register=reg)
    assert report.counts["ok"] == 5, report.as_dict()
    pipeline.add_issue(s, ISSUE)
    yield s
    s.close()


@pytest.fixture(scope="module")
def client(store: SQLiteStore) -> Iterator[TestClient]:
    with TestClient(create_app(store), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="module")
def ids(store: SQLiteStore) -> dict[str, str]:
    """Real ids for every kind of page."""
    issue = store.get_issue(ISSUE)
    art = next(a for a in store.articles() if a.title and a.title.startswith("PM stands firm"))
    return {"issue": issue.id, "person": "tom-ashby", "article": art.id, "party": "Conservative"}


def all_rows(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    """Every row of a search, page by page through the JSON API."""
    first = client.get("/search.json", params=params).json()
    rows = list(first["rows"])
    for page in range(2, first["pages"] + 1):
        rows += client.get("/search.json", params={**params, "page": page}).json()["rows"]
    assert len(rows) == first["total"]
    return rows


# ------------------------------------------------------------------ JSON twins


TWINS = [
    pytest.param("/search", "", id="search"),
    pytest.param("/search", "?q=second+homes&issue={issue}", id="search-filtered"),
    pytest.param("/issues/{issue}", "", id="board"),
    pytest.param("/people/{person}", "", id="person"),
    pytest.param("/articles/{article}", "", id="article"),
    pytest.param("/parties/{party}", "", id="party"),
    pytest.param("/watch", "", id="watch"),
]


@pytest.mark.parametrize(("path", "query"), TWINS)
def test_json_suffix_and_accept_header_give_the_same_json(client: TestClient, ids: dict[str, str], path: str,
                                                         query: str) -> None:
    path, query = path.format(**ids), query.format(**ids)
    by_suffix = client.get(f"{path}.json{query}")
    by_accept = client.get(f"{path}{query}", headers=JSON)
    for r in (by_suffix, by_accept):
        assert r.status_code == 200, r.text
        assert r.headers["content-type"].startswith("application/json")
    assert by_suffix.json() == by_accept.json()
    assert by_suffix.json()["ok"] is True
    # a browser's Accept (text/html first) gets the page, and the page links to its twin
    page = client.get(f"{path}{query}", headers=HTML)
    assert 'id="json-twin"' in page_text(page)


def twin(client: TestClient, path: str) -> tuple[dict[str, Any], str]:
    data = client.get(path, headers=JSON).json()
    return data, page_text(client.get(path, headers=HTML))


def test_board_page_shows_what_its_json_says(client: TestClient, ids: dict[str, str]) -> None:
    data, page = twin(client, f"/issues/{ids['issue']}")
    reading = data["issue"].pop("reading")
    assert data["issue"] == {"id": ids["issue"], "name": ISSUE, "description": "", "keywords": [],
                             "examples_for": [], "examples_against": [], "corrected": []}
    assert ISSUE in page
    # how the issue is read is on the page as in its twin
    assert reading["action"] == "ban" and f"<strong>{reading['action']}</strong>" in page
    assert f"<strong>{reading['target']}</strong>" in page and "takes away" in page
    people = [p for g in data["parties"] for p in g["people"]]
    assert len(people) >= 5
    for g in data["parties"]:
        assert (g["party"] if g["party"] != "(no party)" else "No party") in page
        assert sum(g["counts"].values()) == len(g["people"])
        if g["line"]:
            assert g["line_source"] in page
    for p in people:
        assert p["name"] in page
        assert f'href="/people/{p["id"]}"' in page
        assert p["summary"] in page
        # what the board shows is the side, or "unclear" for a side it cannot trust
        assert p["position"] in {p["stance"], "unclear"}
        assert f'stance-{p["position"]}">{p["position"]}<' in page
        if p["quote"]:
            assert p["quote"]["text"] in page
            assert f'/articles/{p["quote"]["article_id"]}#q-{p["quote"]["id"]}' in page
    assert sum(data["counts"].values()) == len(people)
    breakers = [p for p in people if p["breaks_with_party"]]
    assert breakers, "the example has Conservatives who break with the party line"
    assert page.count("breaks with party") == len(breakers)


def test_person_page_shows_what_its_json_says(client: TestClient, ids: dict[str, str]) -> None:
    data, page = twin(client, f"/people/{ids['person']}")
    assert data["id"] == "tom-ashby"
    assert data["name"] == "Tom Ashby"
    assert data["party"] == "Conservative"
    assert f'<h1 id="person-name">{data["name"]}</h1>' in page
    assert data["party"] in page
    assert len(data["quotes"]) >= 2
    assert f"Every quote ({len(data['quotes'])})" in page
    for q in data["quotes"]:
        assert q["text"] in page
        assert f'id="pq-{q["id"]}"' in page
    assert data["positions"] and data["positions"][0]["issue"] == ISSUE
    for pos in data["positions"]:
        assert pos["issue"] in page
        assert pos["summary"] in page
    # dated quotes come in date order on the timeline
    dates = [pt["date"] for pos in data["positions"] for pt in pos["timeline"] if pt["date"]]
    assert dates == sorted(dates)


def test_person_pages_are_paged(store: SQLiteStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """A person's quotes come a page at a time, newest first, with the total; the CSV has them all."""
    every = [q["id"] for q in pages.iter_person_quotes(store, "tom-ashby")]
    assert len(every) >= 3
    first = pages.person(store, "tom-ashby", per_page=2)
    assert (first["quotes_total"], first["pages"], first["page"]) == (len(every), math.ceil(len(every) / 2), 1)
    paged = [q["id"] for n in range(1, first["pages"] + 2) for q in pages.person(store, "tom-ashby", page=n,
                                                                                  per_page=2)["quotes"]]
    assert paged == every
    dates = [q["published"] or "" for q in first["quotes"]]
    assert dates == sorted(dates, reverse=True)
    monkeypatch.setattr(pages, "PERSON_PER_PAGE", 2)
    monkeypatch.setattr(pages, "TIMELINE_POINTS", 1)
    pages.forget()
    try:
        client = TestClient(create_app(store, token="t"))  # nothing remembered from the module's client
        data = client.get("/people/tom-ashby.json", params={"page": 2}).json()
        assert data["page"] == 2 and data["quotes_total"] == len(every)
        assert [q["id"] for q in data["quotes"]] == every[2:4]
        position = data["positions"][0]
        assert len(position["timeline"]) == 1 and position["timeline_total"] >= 2
        page = client.get("/people/tom-ashby", params={"page": 2}, headers=HTML).text
        assert f"Every quote ({len(every)})" in page and f"page 2 of {data['pages']}" in page
        assert 'rel="prev" href="/people/tom-ashby?page=1"' in page
        assert f"the latest 1 of {position['timeline_total']}" in page
        assert [r["id"] for r in csv_rows(client.get("/people/tom-ashby.csv"))] == every
        assert client.get("/people/tom-ashby.json", params={"page": 99}).json()["quotes"] == []
        error_shape(client.get("/people/tom-ashby.json", params={"page": 0}), 422, "E422")
        error_shape(client.get("/people/tom-ashby.json", params={"page": "x"}), 422, "E422")
    finally:
        pages.forget()  # nothing remembered with these settings


def test_person_timelines_follow_the_stored_labels(store: SQLiteStore) -> None:
    """The timelines are every quote labelled other than none, oldest day first (in a day by the article's time,
    then the article stored first, then reading order), as SQL orders them; the changes are where the label
    changes."""
    for p in store.all_people():
        data = pages.person(store, p.id)
        for pos in data["positions"]:
            expected = store.query(
                "SELECT s.quote_id, q.article_id, a.published AS date, s.stance, s.confidence FROM quotes q"
                " JOIN articles a ON a.id = q.article_id JOIN stances s ON s.quote_id = q.id"
                " WHERE q.person_id = ? AND s.issue_id = ? AND s.stance != 'none'"
                f" ORDER BY q.rowid >> {keys.DAY_SHIFT}, COALESCE(a.published, ''), a.rowid, q.start",
                (p.id, pos["issue_id"]))
            assert pos["timeline_total"] == len(expected)
            assert pos["timeline"] == expected[-pages.TIMELINE_POINTS:], p.id
            changes = [b for a, b in zip(expected, expected[1:], strict=False) if a["stance"] != b["stance"]]
            assert pos["changes_total"] == len(changes) and pos["changes"] == changes[-pages.TIMELINE_CHANGES:]


def test_article_page_shows_what_its_json_says(client: TestClient, ids: dict[str, str]) -> None:
    data, page = twin(client, f"/articles/{ids['article']}")
    assert data["id"] == ids["article"]
    assert data["title"] in page
    assert data["quotes"]
    for q in data["quotes"]:
        assert q["text"] in page
        if q["person_id"]:
            assert q["speaker"] in page
    # the segments are the whole text, in order, and each quoted segment is marked in the page
    article_text = data["segments"] and "".join(s["text"] for s in data["segments"])
    assert article_text and article_text.startswith(data["title"])
    for s in data["segments"]:
        if s["quote"]:
            assert f'id="q-{s["quote"]}"' in page


def test_party_page_shows_what_its_json_says(client: TestClient, ids: dict[str, str]) -> None:
    data, page = twin(client, f"/parties/{ids['party']}")
    assert data["party"] == "Conservative"
    assert [i["name"] for i in data["issues"]] == [ISSUE]
    assert ISSUE in page
    assert {m["name"] for m in data["members"]} >= {"Tom Ashby", "Simon Kettering"}
    for m in data["members"]:
        assert m["name"] in page
        assert set(m["stances"]) == {i["id"] for i in data["issues"]}
    assert data["issues"][0]["line"] == "oppose"
    # party names match whatever the case
    assert client.get("/parties/conservative.json").json() == client.get("/parties/Conservative.json").json()


def test_search_page_shows_what_its_json_says(client: TestClient, ids: dict[str, str]) -> None:
    data, page = twin(client, f"/search?q=ban&issue={ids['issue']}")
    page = page.replace("<mark>", "").replace("</mark>", "")
    assert f'<span id="total">{data["total"]}</span>' in page
    for r in data["rows"]:
        assert "".join(s["text"] for s in r["segments"]) in page
        if r["speaker"]:
            assert r["speaker"] in page
    for values in data["facets"].values():
        for f in values:
            assert f["label"] in page


# ------------------------------------------------------------------ search


def test_search_full_text_hits_and_highlights(client: TestClient) -> None:
    everything = client.get("/search.json").json()
    data = client.get("/search.json", params={"q": "ban"}).json()
    assert 0 < data["total"] < everything["total"]
    for r in all_rows(client, q="ban"):
        assert "".join(s["text"] for s in r["segments"]) == r["text"]
        hits = [s["text"] for s in r["segments"] if s["match"]]
        assert hits, r
        assert all(h.lower().startswith("ban") for h in hits)  # the last word is a prefix: ban, bans, banned
    page = client.get("/search", params={"q": "ban"}, headers=HTML).text
    assert page.count("<mark>") >= len(data["rows"])
    # every word must appear
    for r in all_rows(client, q="second homes"):
        words = {s["text"].lower() for s in r["segments"] if s["match"]}
        assert "second" in words and any(w.startswith("homes") for w in words), r
    nothing = client.get("/search.json", params={"q": "zzyzx"}).json()
    assert (nothing["total"], nothing["rows"], nothing["pages"]) == (0, [], 1)
    # without words there is nothing to highlight
    assert all(r["segments"] == [{"text": r["text"], "match": False}] for r in everything["rows"])


@pytest.mark.parametrize("q", ['"', "ban OR", "NEAR(", "*", "ban AND (", "-", "'; DROP TABLE quotes; --"])
def test_search_words_are_never_fts_syntax(client: TestClient, q: str) -> None:
    r = client.get("/search.json", params={"q": q})
    assert r.status_code == 200, r.text


def test_search_facets_add_up(client: TestClient, ids: dict[str, str]) -> None:
    data = client.get("/search.json", params={"issue": ids["issue"]}).json()
    rows = all_rows(client, issue=ids["issue"])
    facets = data["facets"]
    assert set(facets) == {"speaker", "party", "outlet", "stance"}
    by = {"speaker": "person_id", "party": "party", "outlet": "outlet", "stance": "stance"}
    for name, values in facets.items():
        assert values, name
        counts = [f["count"] for f in values]
        assert counts == sorted(counts, reverse=True)
        assert sum(counts) == sum(1 for r in rows if r[by[name]] is not None), name
        for f in values:
            assert f["count"] == sum(1 for r in rows if r[by[name]] == f["value"])
            # following a facet gives exactly that many quotes
            narrowed = client.get("/search.json", params={"issue": ids["issue"], name: f["value"]}).json()
            assert narrowed["total"] == f["count"], (name, f)
    assert sum(f["count"] for f in facets["stance"]) == data["total"]  # every quote is labelled for the issue
    assert {f["value"] for f in facets["outlet"]} == {"The Dales Courier", "Moorland Post"}
    ashby = next(f for f in facets["speaker"] if f["value"] == "tom-ashby")
    assert ashby["label"] == "Tom Ashby"
    # no issue, no stance facet
    assert "stance" not in client.get("/search.json").json()["facets"]


def test_search_page_facet_links_keep_the_other_filters(client: TestClient, ids: dict[str, str]) -> None:
    import html as html_mod
    import re
    from urllib.parse import parse_qsl, urlsplit

    page = client.get("/search", params={"issue": ids["issue"], "outlet": "Moorland Post", "page": 2},
                      headers={"Accept": "text/html"}).text
    found = re.findall(r'<li><a href="(/search\?[^"]*)">[^<]*</a> <span class="n">(\d+)</span>', page)
    assert found
    links = [html_mod.unescape(h) for h, _ in found]
    for link, (_, count) in zip(links, found, strict=True):
        params = parse_qsl(urlsplit(link).query, keep_blank_values=True)
        keys = [k for k, _ in params]
        assert "page" not in keys and keys.count("issue") == 1 and len(keys) == len(set(keys))
        narrowed = client.get("/search.json", params=dict(params)).json()
        assert narrowed["total"] == int(count), link  # each link gives exactly the quotes it counts
    # a value with spaces comes back whole
    assert any(dict(parse_qsl(urlsplit(link).query)).get("outlet") == "Moorland Post" for link in links)
    assert any(dict(parse_qsl(urlsplit(link).query)).get("outlet") == "Moorland Post"
               and "speaker" in dict(parse_qsl(urlsplit(link).query)) for link in links)


def test_search_paging(client: TestClient) -> None:
    p1 = client.get("/search.json").json()
    assert p1["per_page"] == 20
    assert p1["total"] > p1["per_page"], "the example has more than one page of quotes"
    assert p1["pages"] == math.ceil(p1["total"] / p1["per_page"])
    assert len(p1["rows"]) == p1["per_page"]
    p2 = client.get("/search.json", params={"page": 2}).json()
    assert p2["page"] == 2 and p2["total"] == p1["total"] and p2["pages"] == p1["pages"]
    assert {r["id"] for r in p1["rows"]}.isdisjoint({r["id"] for r in p2["rows"]})
    last = client.get("/search.json", params={"page": p1["pages"]}).json()
    assert len(last["rows"]) == p1["total"] - (p1["pages"] - 1) * p1["per_page"]
    rows = all_rows(client)
    assert len({r["id"] for r in rows}) == p1["total"]
    beyond = client.get("/search.json", params={"page": p1["pages"] + 1}).json()
    assert beyond["rows"] == [] and beyond["total"] == p1["total"]
    # newest first
    dates = [r["published"] or "" for r in rows]
    assert dates == sorted(dates, reverse=True)
    page = client.get("/search", params={"page": 2}, headers=HTML).text
    assert 'rel="prev"' in page and f"page 2 of {p1['pages']}" in page


def test_search_date_range(client: TestClient) -> None:
    dated = [r for r in all_rows(client) if r["published"]]
    assert {r["published"] for r in dated} == {"2024-01-15", "2024-06-02"}
    early = client.get("/search.json", params={"date_to": "2024-03-01"}).json()
    late = client.get("/search.json", params={"date_from": "2024-03-01"}).json()
    both = client.get("/search.json", params={"date_from": "2024-01-01", "date_to": "2024-12-31"}).json()
    assert early["total"] > 0 and late["total"] > 0
    assert early["total"] + late["total"] == both["total"] == len(dated)
    assert all(r["published"] <= "2024-03-01" for r in early["rows"])
    assert all(r["published"] >= "2024-03-01" for r in late["rows"])
    # the end date is inclusive; an empty window is empty
    day = client.get("/search.json", params={"date_from": "2024-06-02", "date_to": "2024-06-02"}).json()
    assert day["total"] == late["total"]
    assert client.get("/search.json", params={"date_from": "2025-01-01"}).json()["total"] == 0
    assert early["query"]["date_to"] == "2024-03-01"


def test_search_csv_streams_every_filtered_row(client: TestClient, ids: dict[str, str]) -> None:
    data = client.get("/search.json").json()
    rows = csv_rows(client.get("/search.csv"))
    assert len(rows) == data["total"] > data["per_page"]
    assert {r["id"] for r in rows} == {r["id"] for r in all_rows(client)}
    assert {"id", "article_id", "text", "speaker", "party", "published", "stance"} <= set(rows[0])
    assert "segments" not in rows[0] and "marked" not in rows[0]
    params = {"q": "ban", "issue": ids["issue"], "stance": "support"}
    filtered = client.get("/search.json", params=params).json()
    frows = csv_rows(client.get("/search.csv", params=params))
    assert len(frows) == filtered["total"] > 0
    assert {r["stance"] for r in frows} == {"support"}
    assert [r["id"] for r in frows[: filtered["per_page"]]] == [r["id"] for r in filtered["rows"]]
    # a search with no hits is an empty download, not an error; a bad filter fails before the download starts
    assert client.get("/search.csv", params={"q": "zzyzx"}).text.strip() == ""
    assert client.get("/search.csv", params={"issue": "no such issue"}).status_code == 404
    error_shape(client.get("/search.csv", params={"issue": "no such issue"}, headers=JSON), 404, "E301")


def test_other_csv_downloads(client: TestClient, ids: dict[str, str]) -> None:
    board = client.get(f"/issues/{ids['issue']}.json").json()
    rows = csv_rows(client.get(f"/issues/{ids['issue']}.csv"))
    assert len(rows) == sum(len(g["people"]) for g in board["parties"])
    assert [r["position"] for r in rows] == [p["position"] for g in board["parties"] for p in g["people"]]
    assert [r["summary"] for r in rows] == [p["summary"] for g in board["parties"] for p in g["people"]]
    # a side shown unclear breaks no line on the board
    for g in board["parties"]:
        assert g["breakers"] == [p["name"] for p in g["people"] if p["breaks_with_party"]]
        assert not any(p["breaks_with_party"] for p in g["people"] if p["position"] == "unclear")
    person = client.get(f"/people/{ids['person']}.json").json()
    assert len(csv_rows(client.get(f"/people/{ids['person']}.csv"))) == len(person["quotes"])
    art = client.get(f"/articles/{ids['article']}.json").json()
    assert len(csv_rows(client.get(f"/articles/{ids['article']}.csv"))) == len(art["quotes"])
    party = client.get("/parties/Conservative.json").json()
    prows = csv_rows(client.get("/parties/Conservative.csv"))
    assert [r["name"] for r in prows] == [m["name"] for m in party["members"]]


# ------------------------------------------------------------------ errors


@pytest.mark.parametrize("path", ["/people/nobody", "/articles/0000000000000000", "/issues/no-such-issue",
                                  "/parties/No%20Such%20Party"])
def test_unknown_things_are_404_in_the_one_shape(client: TestClient, path: str) -> None:
    by_suffix = error_shape(client.get(path + ".json"), 404, "E301")
    by_accept = error_shape(client.get(path, headers=JSON), 404, "E301")
    assert by_suffix == by_accept
    page = client.get(path, headers=HTML)
    assert page.status_code == 404
    assert page.headers["content-type"].startswith("text/html")
    assert "[E301]" in page.text and "Traceback" not in page.text
    assert client.get(path + ".csv").status_code == 404


def test_unknown_route_and_method(client: TestClient) -> None:
    error_shape(client.get("/no/such/page.json"), 404, "E404")
    error_shape(client.get("/no/such/page", headers=JSON), 404, "E404")
    error_shape(client.post("/search.json"), 405, "E405")
    assert client.get("/").status_code == 200  # redirected to the search page


@pytest.mark.parametrize(("params", "status", "code"), [
    pytest.param({"page": "0"}, 422, "E422", id="page-0"),
    pytest.param({"page": "-3"}, 422, "E422", id="page-negative"),
    pytest.param({"page": "abc"}, 422, "E422", id="page-abc"),
    pytest.param({"page": "1.5"}, 422, "E422", id="page-float"),
    pytest.param({"issue": "no such issue"}, 404, "E301", id="unknown-issue-filter"),
])
def test_invalid_parameters_are_4xx_in_the_one_shape(client: TestClient, params: dict[str, str], status: int,
                                                     code: str) -> None:
    error_shape(client.get("/search.json", params=params), status, code)
    error_shape(client.get("/search", params=params, headers=JSON), status, code)
    page = client.get("/search", params=params, headers=HTML)
    assert page.status_code == status and page.headers["content-type"].startswith("text/html")


def test_internal_error_is_e900_without_a_traceback(store: SQLiteStore, ids: dict[str, str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    secret = "kaboom /srv/secret/path.db"
    # an app of its own: the module's client has these pages remembered already
    client = TestClient(create_app(store, token="t"), raise_server_exceptions=False)

    def boom(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError(secret)

    monkeypatch.setattr(pages, "search", boom)
    monkeypatch.setattr(pages, "person", boom)
    for r in (client.get("/search.json"), client.get("/search", headers=JSON),
              client.get(f"/people/{ids['person']}.json")):
        body = error_shape(r, 500, "E900")
        for leak in ("Traceback", "RuntimeError", "kaboom", "secret", 'File "'):
            assert leak not in r.text
        assert body["error"]["title"] == "internal error"
        assert r.headers["x-content-type-options"] == "nosniff"
        assert "default-src 'self'" in r.headers["content-security-policy"]
    page = client.get("/search", headers=HTML)
    assert page.status_code == 500 and page.headers["content-type"].startswith("text/html")
    assert "[E900]" in page.text and "Traceback" not in page.text and "kaboom" not in page.text
    assert "default-src 'self'" in page.headers["content-security-policy"]
    # the app still answers afterwards
    monkeypatch.undo()
    assert client.get("/search.json").status_code == 200


# ------------------------------------------------------------------ headers


def test_security_headers_on_html_json_csv_and_errors(client: TestClient, ids: dict[str, str]) -> None:
    urls = ["/search", "/search.json", "/search.csv", f"/issues/{ids['issue']}", f"/issues/{ids['issue']}.json",
            f"/people/{ids['person']}", f"/articles/{ids['article']}.json", "/parties/Conservative",
            "/people/nobody", "/people/nobody.json", "/search.json?page=abc", "/static/style.css"]
    for url in urls:
        r = client.get(url)
        csp = r.headers.get("content-security-policy", "")
        assert "default-src 'self'" in csp, url
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp, url
        assert "frame-ancestors 'none'" in csp, url
        assert r.headers.get("x-content-type-options") == "nosniff", url


# ------------------------------------------------------------------ escaping

EVIL = '<script>alert("x")</script>'
EVIL_ATTR = '" onmouseover="alert(1)'
EVIL_NAME = f'Evil {EVIL} Speaker{EVIL_ATTR}'
EVIL_PARTY = "<img src=x onerror=alert(2)>"
HOSTILE_TXT = (
    f"{EVIL} Council row over second homes\n\n"
    f"Jane Smith, a Labour MP, said: “{EVIL} and {EVIL_ATTR} will not stop a ban on second homes.”\n\n"
    "The Prime Minister, Simon Kettering, told reporters: “I will not support a ban on <b onmouseover=\"x\">"
    "second homes</b>.”\n"
)
RAW_MARKUP = ("<script>alert", '" onmouseover=', "<img src=x", '<b onmouseover="x">')


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, SQLiteStore]]:
    """A store whose article text, quotes, names, party, roles, outlet and author are all markup."""
    root = tmp_path_factory.mktemp("hostile")
    (root / "in").mkdir()
    (root / "in" / "hostile.txt").write_text(HOSTILE_TXT, "utf-8")
    s = open_store(str(root / "hostile.db"))
    reg = pipeline.load_register_into(s, EXAMPLES / "register.json")
    assert pipeline.ingest(s, [root / "in"], register=reg).counts["ok"] == 1
    said = f"“A ban on second homes {EVIL_ATTR} is right,” {EVIL_NAME} said."
    text = f"{EVIL}\n\n{said}\n"
    art = Article(text=text, source=f"{EVIL}.txt", title=EVIL, url=f"https://x.example/{EVIL_ATTR}",
                  published="2024-02-02", outlet=EVIL_PARTY, author=EVIL_NAME)
    start = text.index("A ban")
    end = text.index(" is right,") + len(" is right,")
    name_at = text.index(EVIL_NAME)
    q = Quote(art.id, Span(text[start:end], start, end), "direct", venue=EVIL, speaker=EVIL_NAME,
              speaker_id="evil-speaker",
              mention=Mention(Span(EVIL_NAME, name_at, name_at + len(EVIL_NAME)), "name", mouth=EVIL_ATTR))
    person = Person("evil-speaker", EVIL_NAME, aliases=[EVIL_ATTR], party=EVIL_PARTY, roles=[EVIL])
    s.save_article(art, [q], [person], "test")
    pipeline.add_issue(s, ISSUE)
    with TestClient(create_app(s), raise_server_exceptions=False) as c:
        yield c, s
    s.close()


def test_html_escapes_article_derived_text(hostile: tuple[TestClient, SQLiteStore]) -> None:
    client, store = hostile
    issue = store.get_issue(ISSUE)
    urls = ["/search", "/search?q=script", "/search?q=onmouseover", f"/search?issue={issue.id}",
            "/search?speaker=evil-speaker", f"/issues/{issue.id}", "/people/evil-speaker", "/people/jane-smith",
            f"/parties/{urlquote(EVIL_PARTY, safe='')}", "/parties/Labour",
            f"/search?q={urlquote(EVIL_ATTR)}", f"/search?party={urlquote(EVIL_PARTY)}"]
    urls += [f"/articles/{a.id}" for a in store.articles()]
    shown = 0
    for url in urls:
        r = client.get(url, headers=HTML)
        assert r.status_code == 200, (url, r.text[:300])
        for raw in RAW_MARKUP:
            assert raw not in r.text, (url, raw)
        shown += "&lt;script&gt;alert(" in r.text
    assert shown >= len(urls) - 2  # the markup was shown as text, not dropped
    # the JSON twins carry the text unchanged, as JSON, never as HTML
    data = client.get("/people/evil-speaker.json").json()
    assert data["name"] == EVIL_NAME and data["party"] == EVIL_PARTY
    assert client.get("/people/evil-speaker.json").headers["content-type"].startswith("application/json")
    board = client.get(f"/issues/{issue.id}.json").json()
    assert EVIL_NAME in {p["name"] for g in board["parties"] for p in g["people"]}


def test_review_forms_escape_article_derived_text(hostile: tuple[TestClient, SQLiteStore]) -> None:
    """Signed in, the pages add forms that repeat quotes, names, aliases and issues, and the reviewer's name."""
    client, store = hostile
    reviewer = TestClient(client.app)  # cookies of its own
    r = reviewer.post("/review/signin", data={"token": store.get_meta("write_token"), "who": EVIL_NAME},
                      follow_redirects=False)
    assert r.status_code == 303
    urls = ["/people/evil-speaker", "/people/jane-smith"] + [f"/articles/{a.id}" for a in store.articles()]
    for url in urls:
        page = reviewer.get(url, headers=HTML)
        assert page.status_code == 200, url
        assert 'class="review ' in page.text and "reviewing as Evil &lt;script&gt;" in page.text, url
        for raw in RAW_MARKUP:
            assert raw not in page.text, (url, raw)
    person = reviewer.get("/people/evil-speaker", headers=HTML).text
    assert 'class="review split-form"' in person
    assert f"<option>{markupsafe.escape(EVIL_ATTR)}</option>" in person  # the alias, as text


def test_error_pages_escape_what_was_asked_for(hostile: tuple[TestClient, SQLiteStore]) -> None:
    client, _ = hostile
    for url in [f"/people/{urlquote(EVIL_NAME, safe='')}", f"/parties/{urlquote(EVIL_ATTR, safe='')}",
                f"/search?issue={urlquote(EVIL)}"]:
        r = client.get(url, headers=HTML)
        assert r.status_code == 404, url
        for raw in RAW_MARKUP:
            assert raw not in r.text, (url, raw)


# ------------------------------------------------------------------ the search's plans and memo


def _dated_example(path: Path) -> SQLiteStore:
    (path / "dated").mkdir()
    (path / "dated" / "dated.jsonl").write_text("\n".join(json.dumps(d) for d in DATED) + "\n", "utf-8")
    s = open_store(str(path / "plans.db"))
    reg = pipeline.load_register_into(s, EXAMPLES / "register.json")
    pipeline.ingest(s, [EXAMPLES / "articles", path / "dated"], register=reg)
    pipeline.add_issue(s, ISSUE)
    return s


def test_pages_of_the_index_agree_with_the_sql_of_the_csv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Search pages come off the in-memory bitmap index, the CSV from SQL over the same conditions: page by
    page, every search gives the CSV's rows in the CSV's order, and the facets over a sample say so."""
    s = _dated_example(tmp_path)
    issue = s.get_issue(ISSUE).id
    searches: list[dict[str, Any]] = [{}, {"q": "ban"}, {"q": "second homes"}, {"party": "Conservative"},
                                      {"issue": issue, "stance": "support"}, {"q": "ban", "issue": issue},
                                      {"q": "homes", "party": "Conservative", "issue": issue, "stance": "support"},
                                      {"date_from": "2024-01-01"}, {"date_to": "2024-03-01", "q": "ban"},
                                      {"outlet": "Moorland Post", "q": "ban"}, {"speaker": "tom-ashby", "q": "ban"},
                                      {"q": "zzyzx", "party": "Labour"}, {"issue": ISSUE, "stance": "none"}]
    try:
        several = 0
        for kw in searches:
            csv_ids = [r["id"] for r in pages.iter_search(s, **kw)]
            first = pages.search(s, per_page=5, **kw)
            assert first["total"] == len(csv_ids), kw
            paged = [r["id"] for page in range(1, first["pages"] + 2)
                     for r in pages.search(s, page=page, per_page=5, **kw)["rows"]]
            assert paged == csv_ids, kw
            several += first["pages"] > 1
        assert several >= 3, "some searches have several pages"
        # facets over a sample of 3: counted over 3 matches, said to be, totals unchanged
        monkeypatch.setattr(pages, "FACET_SAMPLE", 3)
        pipeline.add_issue(s, "a tax on second homes")  # a write: nothing remembered from before is used
        data = pages.search(s, q="ban")
        assert data["total"] > 3 and data["facets_sample"] == 3
        assert sum(f["count"] for f in data["facets"]["speaker"]) <= 3
        newest = [r["person_id"] for r in pages.search(s, q="ban", per_page=3)["rows"]]
        assert {f["value"]: f["count"] for f in data["facets"]["speaker"]} == dict(Counter(p for p in newest if p))
        page = TestClient(create_app(s, token="t")).get("/search?q=ban", headers=HTML).text
        assert 'id="facets-sample"' in page and "the 3 newest of the" in page
    finally:
        s.close()


def test_bitmap_helpers() -> None:
    """A page is picked off the top of a bitmap of rowids (highest first), and dates keep the rowids in a range,
    whatever the bitmap's size and density and the rowids' spread (64-bit keys, as keys.py makes them)."""
    import random

    from pyroaring import BitMap64

    rng = random.Random(5)
    for n in (0, 1, 7, 512, 8193, 40000):
        for spread in (1, 3, 1 << 20, 1 << 41):
            rowids = sorted({rng.randrange(1 << 62) // spread * spread for _ in range(n)})
            bits = BitMap64(rowids)
            newest = rowids[::-1]
            for skip, take in ((0, 5), (3, 10), (len(rowids) // 2, 7), (0, len(rowids) + 1), (len(rowids), 3),
                               (len(rowids) - 1, 1), (0, 0)):
                assert pages._top_of(bits, skip, take) == newest[skip : skip + take], (n, spread, skip, take)
            lo = rng.randrange(1 << 62)
            hi = rng.randrange(lo, 1 << 62)
            assert list(pages._within(bits, (lo, hi))) == [r for r in rowids if lo <= r < hi]
            assert list(bits) == rowids  # the bitmap asked for is not changed


def test_remembered_results_follow_every_write(tmp_path: Path) -> None:
    """Search totals and boards are remembered only until the data changes, by this connection or another."""
    s = _dated_example(tmp_path)
    try:
        issue = s.get_issue(ISSUE).id
        client = TestClient(create_app(s, token="t"))
        before = client.get("/search.json", params={"q": "ban"}).json()["total"]
        board = client.get(f"/issues/{issue}.json").json()
        assert client.get("/search.json", params={"q": "ban"}).json()["total"] == before  # remembered
        # a write through the store's own connection
        (tmp_path / "more").mkdir()
        (tmp_path / "more" / "more.txt").write_text(
            "More on the parks\n\nFiona Strachan, a Labour MP, said: “I support a ban on second homes in national "
            "parks.”\n", "utf-8")
        pipeline.ingest(s, [tmp_path / "more"])
        after = client.get("/search.json", params={"q": "ban"}).json()["total"]
        assert after > before
        new_board = client.get(f"/issues/{issue}.json").json()
        assert new_board != board
        assert "fiona-strachan" in {p["id"] for g in new_board["parties"] for p in g["people"]}
        # a write through another connection to the same file
        other = open_store(str(tmp_path / "plans.db"))
        with other.transaction() as c:
            c.execute("DELETE FROM quotes WHERE person_id = 'fiona-strachan'")
        other.close()
        assert client.get("/search.json", params={"q": "ban"}).json()["total"] < after
        people = {p["id"] for g in client.get(f"/issues/{issue}.json").json()["parties"] for p in g["people"]}
        assert "fiona-strachan" not in people
    finally:
        s.close()


def test_concurrent_requests_get_the_same_answers(client: TestClient, ids: dict[str, str]) -> None:
    """Many threads over the one store connection (as uvicorn's thread pool does): same answers as one."""
    from concurrent.futures import ThreadPoolExecutor

    urls = [f"/search.json?q={w}&page={p}" for w in ("ban", "homes", "second homes", "parks") for p in (1, 2)]
    urls += [f"/issues/{ids['issue']}.json", f"/people/{ids['person']}.json", f"/articles/{ids['article']}.json",
             "/parties/Conservative.json", f"/search.json?issue={ids['issue']}&stance=support"]
    expected = {u: client.get(u).json() for u in urls}
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(lambda u: (u, client.get(u)), urls * 6))
    for url, r in answers:
        assert r.status_code == 200, (url, r.text)
        assert r.json() == expected[url], url


def test_board_shows_the_issue_description_and_examples_escaped(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "examples.db"))
    pipeline.ingest(store, [tmp_path], settings={"progress": False})  # an empty folder: no articles needed
    issue = pipeline.add_issue(store, "a levy on <b>crisps</b>", description="Tax & <i>snacks</i>",
                               examples_for=["We need a levy <script>x()</script>"],
                               examples_against=["A levy hits the poorest"], settings={"progress": False})
    client = TestClient(create_app(store, token="t"))
    data = client.get(f"/issues/{issue.id}.json").json()
    assert data["issue"]["examples_for"] == ["We need a levy <script>x()</script>"]
    assert data["issue"]["description"] == "Tax & <i>snacks</i>"
    page = client.get(f"/issues/{issue.id}").text
    assert "We need a levy &lt;script&gt;x()&lt;/script&gt;" in page and "<script>x()" not in page
    assert "Tax &amp; &lt;i&gt;snacks&lt;/i&gt;" in page and "A levy hits the poorest" in page
    store.close()
