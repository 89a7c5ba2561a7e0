"""`onrecord serve --workers N`: several server processes over one store.

The real command in a subprocess on a free loopback port. Every request goes on a new connection, so the
workers share them out; each worker remembers pages on its own, so a correction made through one of them must
be seen at once on pages the others remembered (the store's data version), and the write token made by the
parent at first start must be the one every worker checks.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from onrecord import pipeline, query
from onrecord.serve.review import TOKEN_META_KEY
from onrecord.store import open_store

ARTICLE = (
    "Harbour toll row in Saltmere\n\n"
    "Megan Oakes, a Labour councillor, said: “Scrapping the harbour toll would help every fishing family here.”\n\n"
    "Peter Lowry told the Saltmere Bulletin: “The toll pays for the breakwater. Scrapping it is reckless.”\n"
)
WORKERS = 2


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    root = tmp_path_factory.mktemp("workers")
    (root / "in").mkdir()
    (root / "in" / "toll.txt").write_text(ARTICLE, "utf-8")
    db = root / "w.db"
    store = open_store(str(db))
    assert pipeline.ingest(store, [root / "in"]).counts["ok"] == 1
    store.close()
    env = {k: v for k, v in os.environ.items() if k != "ONRECORD_TOKEN"}  # the parent makes the token
    log = (root / "server.log").open("wb")
    # port 0: the system picks one, and the server says which
    proc = subprocess.Popen([sys.executable, "-m", "onrecord.cli", "--db", str(db), "--no-progress", "serve",
                             "--port", "0", "--workers", str(WORKERS)], env=env, stdout=log,
                            stderr=subprocess.STDOUT)
    (root / "server.pid").write_text(str(proc.pid))
    try:
        base = _announced(proc, root / "server.log")
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, (root / "server.log").read_text("utf-8", "replace")
            try:
                if httpx.get(base + "/search.json", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "the server did not answer within 60 s"
            time.sleep(0.2)
        yield base, db
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)
        log.close()


def _announced(proc: subprocess.Popen[bytes], log: Path) -> str:
    """The address the server says it serves on ("on http://127.0.0.1:PORT/"), once it has said it."""
    deadline = time.monotonic() + 60
    while True:
        found = re.search(r"on (http://127\.0\.0\.1:(\d+))/", log.read_text("utf-8", "replace"))
        if found is not None:
            assert int(found.group(2)) > 0
            return found.group(1)
        assert proc.poll() is None, log.read_text("utf-8", "replace")
        assert time.monotonic() < deadline, "the server did not say where it serves within 60 s"
        time.sleep(0.1)


def test_one_process_on_port_0_says_the_port_the_system_picked(tmp_path: Path) -> None:
    db = tmp_path / "one.db"
    (tmp_path / "a.txt").write_text(ARTICLE, "utf-8")
    store = open_store(str(db))
    assert pipeline.ingest(store, [tmp_path / "a.txt"]).counts["ok"] == 1
    store.close()
    with (tmp_path / "server.log").open("wb") as log:
        proc = subprocess.Popen([sys.executable, "-m", "onrecord.cli", "--db", str(db), "--no-progress", "serve",
                                 "--port", "0", "--workers", "1"], stdout=log, stderr=subprocess.STDOUT)
        try:
            base = _announced(proc, tmp_path / "server.log")
            deadline = time.monotonic() + 60
            while True:
                try:
                    assert httpx.get(base + "/search.json", timeout=5).status_code == 200
                    break
                except httpx.HTTPError:
                    assert time.monotonic() < deadline and proc.poll() is None
                    time.sleep(0.2)
        finally:
            proc.terminate()
            proc.wait(timeout=15)


def _get(url: str, **kw: object) -> httpx.Response:
    with httpx.Client(timeout=10) as c:  # a new connection each time
        return c.get(url, **kw)  # type: ignore[arg-type]


def _children(pid: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:  # the parent's pid
            out.append(int(stat.parent.name))
    return out


def test_the_parent_starts_the_workers_and_makes_one_token(server: tuple[str, Path]) -> None:
    base, db = server
    log = (db.parent / "server.log").read_text("utf-8", "replace")
    assert f"with {WORKERS} worker processes" in log
    if Path("/proc/self/stat").exists():  # Linux: the worker processes are there
        pid = int((db.parent / "server.pid").read_text())
        workers = [c for c in _children(pid) if b"spawn_main" in Path(f"/proc/{c}/cmdline").read_bytes()]
        assert len(workers) == WORKERS, (_children(pid), log)
    assert log.count("write token") == 1  # printed once, by the parent
    store = open_store(str(db))
    token = store.get_meta(TOKEN_META_KEY)
    store.close()
    assert isinstance(token, str) and token
    for _ in range(12):  # whichever worker takes the connection knows the token
        with httpx.Client(timeout=10) as c:
            ok = c.post(base + "/review/signin", data={"token": token, "who": "ed", "next": "/"},
                        headers={"Origin": base}, follow_redirects=False)
            bad = c.post(base + "/review/signin", data={"token": token + "x", "who": "ed", "next": "/"},
                         headers={"Origin": base}, follow_redirects=False)
        assert ok.status_code == 303 and "onrecord_review=" in ok.headers.get("set-cookie", "")
        assert bad.status_code == 401


def test_a_correction_through_one_worker_is_seen_on_every_worker(server: tuple[str, Path]) -> None:
    base, db = server
    store = open_store(str(db))
    token = store.get_meta(TOKEN_META_KEY)
    q = next(x for x in query.quotes(store) if x["mention_text"] == "Peter Lowry")
    store.close()
    page = f"{base}/articles/{q['article_id']}.json"
    for _ in range(12):  # every worker remembers the page as it is now
        art = _get(page).json()
        assert next(x for x in art["quotes"] if x["id"] == q["id"])["person_id"] == "peter-lowry"
    version = next(x for x in art["quotes"] if x["id"] == q["id"])["version"]
    r = httpx.post(f"{base}/api/quotes/{q['id']}/speaker", headers={"Authorization": f"Bearer {token}"},
                   json={"person_id": "megan-oakes", "expected_version": version, "who": "ed"}, timeout=10)
    assert r.status_code == 200, r.text
    for _ in range(12):
        art = _get(page).json()
        assert next(x for x in art["quotes"] if x["id"] == q["id"])["person_id"] == "megan-oakes"
        html = _get(f"{base}/articles/{q['article_id']}", headers={"Accept": "text/html"}).text
        assert 'href="/people/megan-oakes"' in html


def _established(port: int) -> dict[int, int]:
    """Linux: the established connections on ``port`` (server side) that each process holds, by pid."""
    inodes: dict[str, int] = {}
    for name in ("tcp", "tcp6"):
        path = Path("/proc/net") / name
        if not path.exists():
            continue
        for line in path.read_text().splitlines()[1:]:
            f = line.split()
            if int(f[1].rsplit(":", 1)[1], 16) == port and f[3] == "01":  # local port, state ESTABLISHED
                inodes[f[9]] = 0
    held: dict[int, int] = {}
    for fd_dir in Path("/proc").glob("[0-9]*/fd"):
        try:
            links = [os.readlink(fd) for fd in fd_dir.iterdir()]
        except OSError:
            continue
        n = sum(1 for link in links if link.startswith("socket:[") and link[8:-1] in inodes)
        if n:
            held[int(fd_dir.parent.name)] = n
    return held


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="reads Linux's /proc")
def test_connections_opened_together_are_shared_out_among_the_workers(server: tuple[str, Path]) -> None:
    import asyncio

    base, db = server
    port = int(base.rsplit(":", 1)[1])
    pid = int((db.parent / "server.pid").read_text())
    workers = set(_children(pid))

    async def burst() -> dict[int, int]:
        conns = await asyncio.gather(*[asyncio.open_connection("127.0.0.1", port) for _ in range(40)])
        for _, w in conns:
            w.write(b"GET /search.json HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        for r, _ in conns:
            assert (await r.readline()).startswith(b"HTTP/1.1 200")
        held = _established(port)
        for _, w in conns:
            w.close()
        return held

    held = asyncio.run(burst())
    # each worker listens on the port itself, so the kernel spreads the connections by a hash of their addresses
    # (with one shared socket, the worker woken first took nearly all of them: 19 of 20, 17 of 20); fewer than 7 of
    # 40 for one of two workers has odds of about one in 100,000
    assert sum(held.values()) == 40 and set(held) <= workers, (held, workers)
    assert len(held) == WORKERS and min(held.values()) >= 7, held
