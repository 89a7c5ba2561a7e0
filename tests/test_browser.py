"""The web UI in a real browser: the real server (uvicorn) over the built-in example plus one hostile article.

Chromium is Debian's (``/usr/bin/chromium``, or ``$ONRECORD_CHROMIUM``); Playwright never downloads one.
Without it these tests skip with a reason, except under ``CI=true``, where they fail: CI installs it
(``.ci/run``). Each page visited is saved to ``artifacts/screenshots/<name>.png``.
"""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn
from urllib.parse import quote as urlquote
from urllib.parse import urlsplit

import pytest

from onrecord import pipeline
from onrecord.store import SQLiteStore, open_store

from .conftest import STORES

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Dialog, Page, Response

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "onrecord" / "examples"
SHOTS = ROOT / "artifacts" / "screenshots"
ISSUE = "a ban on second homes in national parks"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
REBELS = {"Tom Ashby", "Alan Brierley", "Conservative Rural Network"}

SCRIPT = "<script>window.__pwned=1</script>"
HOSTILE = f"""Labour MP Jane <b>Smith</b> backs a ban {SCRIPT}

Labour MP Jane <b>Smith</b> said: “{SCRIPT} We need a ban on second homes in national parks, and \
<img src=x onerror=alert(1)> we need it now.”

“Click javascript:alert(1) if you think the valleys can wait,” Ms Smith said. “The ban on second homes in \
national parks is overdue " onmouseover="alert(1) and popular.”

Mallory <i>Xss</i>, a campaigner for <a href="javascript:alert(1)">Homes</a>, told the \
<style>body{{display:none}}</style> Gazette: “A ban on second homes in national parks would be a disaster \
'><svg onload=alert(1)> for the Lakes.”
"""

# Markup that must never become live in any page: only our own links, forms and the timeline's SVG exist.
INJECTED = ("script, style, iframe, object, embed, img, [onerror], [onload], [onmouseover], [onclick], "
            "a[href^='javascript:' i], [style]")


def chromium_path() -> Path:
    return Path(os.environ.get("ONRECORD_CHROMIUM", "/usr/bin/chromium"))


def unavailable(reason: str) -> NoReturn:
    """Skip with ``reason``; under CI (``CI=true``) the browser tests must run, so fail instead."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason}; CI=true, so the browser tests must run (.ci/run installs chromium)")
    pytest.skip(reason)


@dataclass
class Site:
    base: str
    store: SQLiteStore
    issue_id: str
    hostile_article: str
    hostile_person: str


@dataclass
class Tab:
    """A browser page that records every dialog, script error and CSP violation it sees."""

    page: Page
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    csp: list[str] = field(default_factory=list)

    def shot(self, name: str) -> Path:
        SHOTS.mkdir(parents=True, exist_ok=True)
        path = SHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def goto(self, url: str) -> Response:
        response = self.page.goto(url)
        assert response is not None, url
        return response


def _build_store(folder: Path, url: str) -> Site:
    articles = folder / "articles"
    articles.mkdir()
    (articles / "hostile_xss.txt").write_text(HOSTILE, encoding="utf-8")
    store = open_store(url)
    reg = pipeline.load_register_into(store, EXAMPLES / "register.json")
    report = pipeline.ingest(store, [EXAMPLES / "articles"], register=reg)
    assert report.counts["ok"] == 3, report.as_dict()
    issue = pipeline.add_issue(store, ISSUE)
    report = pipeline.ingest(store, [articles], register=reg)
    assert report.counts["ok"] == 1, report.as_dict()
    hostile = store.query("SELECT id FROM articles WHERE source LIKE ?", ("%hostile_xss.txt",))[0]["id"]
    speakers = store.query("SELECT q.person_id, q.text FROM quotes q WHERE q.article_id = ? AND q.person_id IS NOT NULL"
                           " ORDER BY q.start", (hostile,))
    with_script = [r["person_id"] for r in speakers if SCRIPT in r["text"]]
    assert with_script, f"the hostile article must yield attributed quotes carrying {SCRIPT}: {speakers}"
    return Site("", store, issue.id, hostile, with_script[0])


@pytest.fixture(scope="module", params=STORES)
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
         module_store_url_for: Callable[[str], str]) -> Iterator[Site]:
    """The web UI over the examples and a hostile article, served from each kind of store."""
    import uvicorn

    from onrecord.serve import create_app

    built = _build_store(tmp_path_factory.mktemp("browser"), module_store_url_for(request.param))
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(built.store), host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True, name="onrecord-serve")
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the onrecord server did not start")
        time.sleep(0.05)
    built.base = f"http://127.0.0.1:{port}"
    try:
        yield built
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
        built.store.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    exe = chromium_path()
    if not exe.is_file():
        unavailable(f"no chromium at {exe} (apt-get install chromium, or set ONRECORD_CHROMIUM)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("playwright is not installed (pip install -e '.[dev]')")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(exe), args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def tab(browser: Browser, site: Site) -> Iterator[Tab]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=site.base,
                                  java_script_enabled=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    t = Tab(page)

    def on_dialog(d: Dialog) -> None:
        t.dialogs.append(f"{d.type}: {d.message}")
        d.dismiss()

    def on_console(m: ConsoleMessage) -> None:
        if "Content Security Policy" in m.text:
            t.csp.append(m.text)

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda e: t.errors.append(str(e)))
    page.on("console", on_console)
    try:
        yield t
        assert t.dialogs == [], t.dialogs
        assert t.errors == [], t.errors
        assert t.csp == [], f"the pages broke their own Content-Security-Policy: {t.csp}"
    finally:
        context.close()


def _fragment(page: Page) -> str:
    return urlsplit(page.url).fragment


def _assert_at_quote(page: Page, quote_id: str, speaker: str | None) -> None:
    """The article page is open at ``#q-<quote_id>``: that quote is the highlighted :target, with its label."""
    from playwright.sync_api import expect

    assert re.search(r"/articles/[0-9a-f]+$", urlsplit(page.url).path), page.url
    assert _fragment(page) == f"q-{quote_id}", page.url
    target = page.locator("mark.q:target")
    expect(target).to_have_count(1)
    expect(target).to_have_attribute("id", f"q-{quote_id}")
    expect(target).to_be_in_viewport()
    expect(target).to_have_css("background-color", "rgb(255, 229, 143)")  # the stylesheet loaded under the CSP
    label = target.locator(".label")
    expect(label).to_be_visible()
    if speaker:
        expect(label.locator("a.speaker")).to_have_text(speaker)


def test_search_to_person_to_article(tab: Tab) -> None:
    from playwright.sync_api import expect

    page = tab.page
    tab.goto("/search")
    expect(page.locator("h1")).to_have_text("Search what was said")
    page.get_by_label("search words").fill("valleys")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"/search\?q=valleys"))
    results = page.locator("ol.quotes li.quote")
    expect(results.first).to_be_visible()
    expect(page.locator("#total")).to_have_text(str(results.count()))
    marks = page.locator("ol.quotes li.quote blockquote mark")
    assert marks.count() >= results.count() >= 2
    assert {m.lower() for m in marks.all_inner_texts()} == {"valleys"}
    expect(marks.first).to_have_css("background-color", "rgb(255, 229, 143)")
    tab.shot("search")

    page.locator("li.quote a.speaker", has_text="Tom Ashby").first.click()
    page.wait_for_url("**/people/tom-ashby")
    expect(page.locator("#person-name")).to_have_text("Tom Ashby")
    expect(page.locator("p.who")).to_contain_text("Conservative")
    position = page.locator("section.position", has_text=ISSUE)
    expect(position.locator(".stance")).to_have_text("support")
    expect(position.locator(".flag")).to_contain_text("breaks with party")
    timeline = position.locator("svg.timeline")
    expect(timeline).to_be_visible()
    assert timeline.locator("circle.pt").count() >= 2
    assert timeline.bounding_box() is not None
    expect(page.locator("h2", has_text="Every quote")).to_be_visible()
    tab.shot("person")

    link = page.locator("ol.quotes a.quote-link").nth(1)
    href = link.get_attribute("href") or ""
    quote_id = href.rsplit("#q-", 1)[1]
    quote_text = link.inner_text().strip("“”")
    link.click()
    page.wait_for_url(re.compile(r"/articles/[0-9a-f]+#q-"))
    _assert_at_quote(page, quote_id, "Tom Ashby")
    expect(page.locator("mark.q:target")).to_contain_text(quote_text)
    tab.shot("article")


def test_search_facets_and_pages_keep_the_query(tab: Tab) -> None:
    from playwright.sync_api import expect

    page = tab.page
    tab.goto("/search?q=ban&page=1")
    party = page.locator("aside.facets").get_by_role("link", name="Conservative", exact=True)
    expect(party).to_have_attribute("href", "/search?q=ban&party=Conservative")
    party.click()
    page.wait_for_url("**/search?q=ban&party=Conservative")
    parties = page.locator("li.quote p.meta").all_inner_texts()
    assert parties and all("(Conservative)" in m for m in parties), parties
    headings = [h.lower() for h in page.locator("aside.facets h3").all_inner_texts()]
    assert "speaker" in headings and "outlet" not in headings, headings  # .txt articles name no outlet

    tab.goto("/search?q=")
    pages = int(page.locator("p.count").inner_text().split(" of ")[1].split()[0])
    assert pages >= 2, "the example plus the hostile article should fill more than one page"
    page.locator("a[rel=next]").click()
    page.wait_for_url(re.compile(r"/search\?q=&page=2$"))
    expect(page.locator("a[rel=prev]")).to_have_attribute("href", "/search?q=&page=1")
    if pages > 2:
        expect(page.locator("a[rel=next]")).to_have_attribute("href", "/search?q=&page=3")
    expect(page.locator("ol.quotes li.quote").first).to_be_visible()


def test_issue_board_party_lines_and_rebels(tab: Tab, site: Site) -> None:
    from playwright.sync_api import expect

    page = tab.page
    tab.goto("/search")
    page.locator("header.top nav a", has_text=ISSUE).click()
    page.wait_for_url(f"**/issues/{site.issue_id}")
    expect(page.locator("h1")).to_have_text(f"Where they stand: {ISSUE}")
    parties = [t.strip() for t in page.locator("section.party-block h2").all_inner_texts()]
    assert {"Conservative", "Labour", "Green", "Liberal Democrats"} <= set(parties), parties
    tories = page.locator("section.party-block", has=page.locator("h2", has_text="Conservative"))
    expect(tories.locator("p.line")).to_contain_text("Party line: oppose")
    expect(tories.locator("p.line")).to_contain_text("leader: Simon Kettering")
    expect(tories.locator("p.line")).to_contain_text("3 break")
    labour = page.locator("section.party-block", has=page.locator("h2", has_text="Labour"))
    expect(labour.locator("p.line")).to_contain_text("Party line: support")
    flagged = page.locator("tr.breaks", has=page.locator(".flag", has_text="⚑"))
    assert set(flagged.locator("a.person-link").all_inner_texts()) == REBELS
    for row in flagged.all():
        expect(row.locator(".stance")).to_have_text("support")
    tab.shot("board")

    evidence = page.locator("tr", has=page.locator("a.person-link", has_text="Tom Ashby")).locator("a.evidence")
    quote_id = evidence.get_attribute("data-quote") or ""
    assert quote_id
    evidence.click()
    page.wait_for_url(re.compile(rf"/articles/[0-9a-f]+#q-{quote_id}$"))
    _assert_at_quote(page, quote_id, "Tom Ashby")
    tab.shot("board-evidence")

    page.go_back()
    page.locator("section.party-block h2 a", has_text="Conservative").click()
    page.wait_for_url("**/parties/Conservative")
    expect(page.locator("h1")).to_have_text("Conservative")
    expect(page.locator("table.board thead")).to_contain_text("line: oppose")
    rebels = page.locator("tbody tr", has=page.locator(".flag", has_text="⚑")).locator("td:first-child a")
    assert set(rebels.all_inner_texts()) == REBELS
    tab.shot("party")


def _assert_inert(tab: Tab, what: str) -> None:
    """Nothing from the article became markup or ran; the payload shows as plain text."""
    from playwright.sync_api import expect

    page = tab.page
    expect(page.locator("body")).to_be_visible()
    assert page.evaluate("typeof window.__pwned") == "undefined", what
    assert page.locator(INJECTED).count() == 0, (what, page.locator(INJECTED).evaluate_all(
        "els => els.map(e => e.outerHTML.slice(0, 200))"))
    assert page.evaluate("document.scripts.length") == 0, what  # the pages use no scripts at all
    payload = page.get_by_text(SCRIPT).first
    expect(payload).to_be_visible()
    assert tab.dialogs == [], (what, tab.dialogs)


def test_hostile_article_stays_text(tab: Tab, site: Site) -> None:
    from playwright.sync_api import expect

    page = tab.page
    tab.goto("/search?q=script")
    expect(page.locator("ol.quotes li.quote").first).to_be_visible()
    _assert_inert(tab, "search")
    expect(page.locator("ol.quotes blockquote", has_text="<img src=x onerror=alert(1)>")).to_be_visible()
    tab.shot("hostile-search")

    tab.goto(f"/people/{site.hostile_person}")
    expect(page.locator("#person-name")).to_be_visible()
    _assert_inert(tab, "person")
    expect(page.locator("p.meta").first).to_contain_text("Jane <b>Smith</b>")  # the article title, as text
    tab.shot("hostile-person")

    tab.goto(f"/articles/{site.hostile_article}")
    _assert_inert(tab, "article")
    assert "<b>Smith</b>" in page.title()
    expect(page.locator("h1")).to_have_text(f"Labour MP Jane <b>Smith</b> backs a ban {SCRIPT}")
    text = page.locator("article.text")
    for raw in ('" onmouseover="', '<a href="', '">Homes</a>', "<style>body{display:none}</style>",
                "'><svg onload=alert(1)>"):
        expect(text).to_contain_text(raw)
    for mark in page.locator("mark.q").all():  # hovering, focusing and clicking quotes runs nothing either
        mark.hover()
        mark.focus()
    page.locator("mark.q", has_text="javascript:alert(1)").first.click(position={"x": 2, "y": 2})
    _assert_inert(tab, "article after hover and click")
    tab.shot("hostile-article")

    # reflected: the query string goes back into the form, the facet links and the JSON twin, all escaped
    payload = f'"><script>window.__pwned=1</script><img src=x onerror=alert(1)> {SCRIPT}'
    tab.goto("/search?q=" + urlquote(payload) + "&speaker=" + urlquote('" onmouseover="alert(1)'))
    expect(page.get_by_label("search words")).to_have_value(payload)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator(INJECTED).count() == 0
    response = tab.goto("/people/" + urlquote("<img src=x onerror=alert(1)>", safe=""))
    assert response.status == 404
    expect(page.locator("p.error")).to_contain_text("no person '<img src=x onerror=alert(1)>'")
    assert page.locator(INJECTED).count() == 0
    tab.shot("hostile-404")


def test_json_twin(tab: Tab) -> None:
    from playwright.sync_api import expect

    page = tab.page
    tab.goto("/search?q=valleys")
    total = int(page.locator("#total").inner_text())
    twin = page.locator("#json-twin")
    expect(twin).to_have_attribute("href", "/search.json?q=valleys")
    with page.expect_response(re.compile(r"/search\.json\?q=valleys$")) as info:
        twin.click()
    response = info.value
    assert response.status == 200
    assert response.headers["content-type"].startswith("application/json")
    body: dict[str, Any] = response.json()
    assert body["ok"] is True and body["total"] == total and body["query"]["q"] == "valleys"

    tab.goto("/people/tom-ashby")
    with page.expect_response("**/people/tom-ashby.json") as info:
        page.locator("#json-twin").click()
    person: dict[str, Any] = info.value.json()
    assert person["name"] == "Tom Ashby" and person["party"] == "Conservative"
    assert any(p["breaks_with_party"] for p in person["positions"])


def test_security_headers(tab: Tab, site: Site) -> None:
    for path, status in (("/search?q=ban", 200), (f"/issues/{site.issue_id}", 200), ("/people/tom-ashby", 200),
                         (f"/articles/{site.hostile_article}", 200), ("/search.json?q=ban", 200),
                         ("/static/style.css", 200), ("/people/nobody", 404)):
        response = tab.goto(path)
        assert response.status == status, path
        headers = response.headers
        csp = headers.get("content-security-policy", "")
        assert "default-src 'self'" in csp and "script-src 'self'" in csp and "object-src 'none'" in csp, (path, csp)
        assert "'unsafe-inline'" not in csp, (path, csp)
        assert headers.get("x-content-type-options") == "nosniff", path
        assert headers.get("x-frame-options") == "DENY", path


def test_review_a_speaker_through_the_form(tab: Tab, site: Site) -> None:
    """Sign in with the write token, give a quote another speaker with the article page's form, see it there."""
    from playwright.sync_api import expect

    from onrecord import review

    store = site.store
    quote = store.query("SELECT id, person_id, version FROM quotes WHERE article_id = ? AND text LIKE ?",
                        (site.hostile_article, "%is overdue%"))[0]
    assert quote["person_id"] and quote["person_id"] != "gail-thwaite"
    page = tab.page
    try:
        tab.goto(f"/articles/{site.hostile_article}")
        expect(page.locator("form.speaker-form")).to_have_count(0)  # no forms before signing in
        page.locator("#signin").click()
        page.wait_for_url(re.compile(r"/review/signin\?next="))
        page.get_by_label("Write token").fill(str(store.get_meta("write_token")))
        page.get_by_label("Your name").fill("Browser Reviewer")
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"**/articles/{site.hostile_article}")
        expect(page.locator("#reviewer")).to_have_text("reviewing as Browser Reviewer")

        item = page.locator(f"#rq-{quote['id']}")
        item.locator("summary").click()
        form = item.locator("form.speaker-form")
        form.get_by_label("Said by (person id)").fill("gail-thwaite")
        form.get_by_label("Why").fill("the campaigner quoted her")
        form.get_by_role("button", name="Change speaker").click()
        page.wait_for_url(re.compile(rf"/articles/{site.hostile_article}#q-{quote['id']}$"))
        label = page.locator(f"mark#q-{quote['id']} .label a.speaker")
        expect(label).to_have_text("Gail Thwaite")
        expect(label).to_have_attribute("href", "/people/gail-thwaite")
        expect(page.locator(f"#rq-{quote['id']} summary")).to_contain_text(f"version {quote['version'] + 1}")
        tab.shot("review-speaker")
        entry = review.audit_log(store, 1)[0]
        assert (entry["who"], entry["action"], entry["target_id"]) == ("Browser Reviewer", "speaker", quote["id"])
        assert entry["after"]["person_id"] == "gail-thwaite"
    finally:  # the other tests see the example as it was
        now = store.query("SELECT person_id, version FROM quotes WHERE id = ?", (quote["id"],))[0]
        if now["person_id"] != quote["person_id"]:
            review.set_quote_speaker(store, quote["id"], quote["person_id"], who="test",
                                     expected_version=now["version"])


def test_a_story_copy_is_shown_once_and_links_its_copies(tab: Tab, site: Site, tmp_path: Path) -> None:
    """Ingested last (the other tests see the example as it was): another outlet's copy of an example article."""
    from playwright.sync_api import expect

    original = EXAMPLES / "articles" / "tory_mp_calls_for_ban.txt"
    copy = tmp_path / "dales_echo_copy.txt"
    copy.write_text("Publisher: The Dales Echo\n\n" + original.read_text(encoding="utf-8")
                    + "\nThis story first appeared in the Gazette and is republished with permission.\n",
                    encoding="utf-8")
    assert pipeline.ingest(site.store, [copy]).counts["ok"] == 1
    page = tab.page
    tab.goto("/search?q=Thornbeck")
    rows = page.locator("li.quote")
    expect(rows).to_have_count(1)  # the copy's quote is not a second row
    also = rows.first.locator("a.also-in")
    expect(also).to_have_text("also in 1 other outlet")
    also.click()
    page.wait_for_url(re.compile(r"/articles/[0-9a-f]+#copies$"))
    copies = page.locator("#copies")
    expect(copies).to_be_visible()
    expect(copies.locator("li")).to_have_count(1)
    expect(copies.locator("li")).to_contain_text("The Dales Echo")
    tab.shot("story-copies")
    copies.locator("li a").first.click()
    page.wait_for_url(re.compile(r"/articles/[0-9a-f]+$"))
    expect(page.locator("p.meta")).to_contain_text("The Dales Echo")
    expect(page.locator("#copies li")).to_have_count(1)  # and the copy names the original
    page.get_by_role("link", name="Watch").click()
    page.wait_for_url("**/watch")
    expect(page.locator("h1")).to_have_text("Watch")
    expect(page.locator("#watch-counts")).to_contain_text("ok 0")
    tab.shot("watch")
