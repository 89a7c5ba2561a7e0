"""Latency and throughput of ``onrecord serve`` on a large synthetic store, under concurrent clients.

Run from the repository root::

    python benchmarks/bench_serve.py                         # 100,000 quotes, 20 clients, 20 s, JSON twins
    python benchmarks/bench_serve.py --html                  # the HTML pages instead of the .json twins
    python benchmarks/bench_serve.py --quotes 20000 --seconds 5 --clients 8
    python benchmarks/bench_serve.py --db big.db             # keep the generated store (reused next time)
    python benchmarks/bench_serve.py --db big.db --proposed-indexes   # with the indexes proposed for the schema
    python benchmarks/bench_serve.py --endpoints search      # only searches (or board, person)
    python benchmarks/bench_serve.py --postgresql postgresql://user:password@127.0.0.1/bench   # served from PostgreSQL

The store is generated straight into the SQLite schema (the store's own migrations create it; the quote
rows go in through the FTS triggers, as ingest would): 500 people in 6 parties (a few in none), 5,000
articles dated over two years from 8 outlets, ``--quotes`` quotes of 8 to 22 words drawn from a small
political vocabulary (so every search word matches thousands of quotes), spread over the people as news
does (a few are quoted far more than the rest: the most quoted has about 8% of all quotes), one issue with
a stance label on every quote, each person's stance and each party's line.  Nothing is downloaded.

With ``--postgresql URL`` the generated store is copied into that PostgreSQL database (``onrecord migrate --to``:
it must be empty, or hold the same store from an earlier run, which is reused) and served from there.

The server is ``onrecord --db STORE serve --workers N`` (uvicorn; by default one process per CPU, at most 4,
as ``onrecord serve`` runs) on 127.0.0.1 at a free port, started in
a subprocess and stopped at the end.  ``--clients`` asyncio clients each send one request at a time, without
pause, for ``--seconds`` after a warm-up (requests still running at the end are waited for, at most 60 s).
Each request is, in a fixed pseudo-random order: half searches (``/search.json`` with one of 27 words or
none, and a party, outlet, speaker, or issue and stance, a date range, pages 1 to 5), a quarter issue
boards (``/issues/ID.json``), a quarter people (``/people/ID.json``).  The clients are a minimal HTTP/1.1
keep-alive client (``--client httpx`` uses httpx.AsyncClient, which costs the shared two cores several
milliseconds a request).  Latency is wall clock from sending to the last byte of the body.  The figures
are requests/s, p50, p99 and max per endpoint, and the errors (anything but a 200), which must be 0; the
targets are a search and a person p99 under 100 ms at 20 clients. Then one write (a commit) and a few searches one
at a time: how long the first searches after a write take, while each server process reads again the bitmaps they
need.  Only loopback
traffic; every loop is bounded.

The server remembers whole pages until its data changes, so the figures also say, per endpoint, how many
distinct targets (path and query) were asked in the measured seconds and how many requests repeated a
target asked before in the run, warm-up included: at most that many can have been answered from memory.
The plan is the same every run (seeded): of its first 20,000 requests, 9,988 are searches, 3,945 of them
distinct (28 word choices, the filters and date ranges above, pages 1 to 5); the clients take it in
order. It is PLAN_REQUESTS long, more than a run at these rates asks, so no run wraps around to its start
(which would turn every later request into a repeat and flatter the figures).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from onrecord.models import Issue  # noqa: E402
from onrecord.serve.app import worker_count  # noqa: E402
from onrecord.store import open_store  # noqa: E402
from onrecord.store.keys import article_keys  # noqa: E402
from onrecord.store.sqlite import keep_sides, link_labels  # noqa: E402

ISSUE = "a ban on second homes in national parks"
PARTIES = ["Conservative", "Labour", "Liberal Democrats", "Green", "Reform", "SNP"]
PARTY_WEIGHTS = [30, 30, 12, 8, 10, 10]
OUTLETS = ["The Dales Courier", "Moorland Post", "Evening Ledger", "The Herald", "Westminster Weekly",
           "Northern Echo", "Coast Gazette", "The Chronicle"]
FIRST = ["Alan", "Brenda", "Carl", "Diane", "Ewan", "Fiona", "Gareth", "Helen", "Imran", "Julia", "Kevin", "Laura",
         "Martin", "Nadia", "Owen", "Priya", "Quentin", "Rachel", "Simon", "Tara", "Umar", "Vera", "Wes", "Yasmin",
         "Zoe", "Tom", "Ruth", "Daniel", "Margaret", "Gail"]
LAST = ["Ashby", "Brierley", "Calder", "Dunmore", "Ellison", "Fairweather", "Greaves", "Holloway", "Ingram", "Jessop",
        "Kettering", "Lomax", "Marr", "Nandra", "Okafor", "Penhale", "Quigley", "Rowntree", "Strachan", "Thwaite",
        "Trevithick", "Underwood", "Varley", "Whitfield", "Yeats", "Collier", "Hale", "Smith"]
ROLES = ["MP", "councillor", "minister", "shadow minister", "peer", "spokesperson"]
# a small political vocabulary: every search word matches many quotes
WORDS = ["ban", "second", "homes", "national", "parks", "housing", "crisis", "families", "villages", "rural", "tax",
         "council", "government", "minister", "policy", "vote", "amendment", "budget", "schools", "hospitals",
         "transport", "rents", "landlords", "tourism", "local", "community", "jobs", "economy", "climate", "energy",
         "water", "farmers", "planning", "green", "belt", "affordable", "young", "people", "prices", "market",
         "support", "oppose", "reform", "party", "leader", "election", "promise", "fair", "honest", "answer", "future",
         "children", "wages"]
GLUE = ["we", "will", "must", "not", "the", "a", "our", "is", "are", "for", "and", "to", "of", "in", "this", "that",
        "it", "be"]
SEARCH_WORDS = ["ban", "homes", "housing", "crisis", "families", "rural", "tax", "council", "policy", "vote",
                "budget", "schools", "climate", "energy", "farmers", "planning", "affordable", "prices",
                "second homes", "national parks", "housing crisis", "young people", "green belt", "local tax",
                "wat", "elect", "afford"]
STANCES = ["support", "oppose", "neutral", "none"]
PLAN_REQUESTS = 300_000  # the request plan's length: more than any run here asks (2,000 req/s for 20 s + warm-up)
# Indexes proposed for the schema (not in it yet): --proposed-indexes adds them to the generated store.
PROPOSED_INDEXES = [
    "CREATE INDEX IF NOT EXISTS articles_published ON articles(published)",  # search pages in date order
    "CREATE INDEX IF NOT EXISTS articles_outlet ON articles(outlet)",  # outlet filter
    "CREATE INDEX IF NOT EXISTS people_party ON people(party)",  # party filter and party pages
    "CREATE INDEX IF NOT EXISTS stances_issue_stance ON stances(issue_id, stance, quote_id)",  # stance filter
]


# ---------------------------------------------------------------- the store


def _sentence(rng: random.Random) -> str:
    n = rng.randint(8, 22)
    words = [rng.choice(WORDS) if rng.random() < 0.55 else rng.choice(GLUE) for _ in range(n)]
    return " ".join(words).capitalize()


def build_store(path: str, n_quotes: int, seed: int = 7, n_people: int = 500, n_articles: int = 5000) -> dict[str, Any]:
    """Generate the synthetic store at ``path``; returns the ids the clients ask for."""
    rng = random.Random(seed)
    store = open_store(path)  # creates (and migrates) the schema
    issue = store.add_issue(Issue(ISSUE))
    store.close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA synchronous = OFF")
    people: list[tuple[str, str, str | None]] = []
    seen: set[str] = set()
    while len(people) < n_people:
        first, last = rng.choice(FIRST), rng.choice(LAST)
        name = f"{first} {last}"
        pid = f"{first}-{last}".lower()
        k = 2
        while pid in seen:
            pid, name = f"{first}-{last}-{k}".lower(), f"{first} {last} ({k})"
            k += 1
        seen.add(pid)
        party = rng.choices(PARTIES, PARTY_WEIGHTS)[0] if rng.random() < 0.97 else None
        people.append((pid, name, party))
    # some people are quoted far more than others
    speakers = iter(rng.choices(people, weights=[1.0 / (i + 1) ** 0.8 for i in range(n_people)], k=n_quotes))
    start_day = date(2023, 1, 1)
    articles = []
    for i in range(n_articles):
        published = (start_day + timedelta(days=rng.randrange(730))).isoformat()
        articles.append((f"{i:016x}", f"synthetic/{i:05d}.txt", published, rng.choice(OUTLETS)))
    per_article = [0] * n_articles
    for i in range(n_quotes):
        per_article[i % n_articles if i < n_articles else rng.randrange(n_articles)] += 1
    now = "2025-01-01T00:00:00+00:00"
    with conn:
        conn.executemany("INSERT INTO people(id, name, kind, party) VALUES (?,?,?,?)",
                         [(pid, name, "person", party) for pid, name, party in people])
        conn.executemany("INSERT INTO aliases(person_id, alias) VALUES (?,?)",
                         [(pid, "Mr " + name.split()[-1]) for pid, name, _ in people])
        conn.executemany("INSERT INTO affiliations(person_id, role) VALUES (?,?)",
                         [(pid, rng.choice(ROLES)) for pid, _, _ in people])
        qn = 0
        labels: dict[str, list[str]] = {}
        for (aid, source, published, outlet), nq in zip(articles, per_article, strict=True):
            title = _sentence(rng)[:80]
            parts = [title, "\n\n"]
            pos = len(title) + 2
            quote_rows = []
            for _ in range(nq):
                pid, name, _ = next(speakers)
                text = _sentence(rng)
                lead = f"{name} said: “"
                start = pos + len(lead)
                end = start + len(text)
                para = f"{lead}{text}”\n\n"
                parts.append(para)
                pos += len(para)
                qid = f"q{qn:011x}"
                qn += 1
                kind = rng.choice(["direct", "direct", "indirect", "mixed", "reported"])
                quote_rows.append((qid, aid, start, end, text, kind, "said", name, pos - len(para),
                                   pos - len(para) + len(name), "name", None, pid, 0, text, "synthetic.v1"))
                stance = rng.choices(STANCES, [3, 3, 2, 4])[0]
                labels.setdefault(pid, []).append(stance)
                conn.execute("INSERT INTO stances(quote_id, issue_id, stance, confidence, reason, model) "
                             "VALUES (?,?,?,?,?,?)", (qid, issue.id, stance, round(rng.uniform(0.5, 1.0), 2),
                                                      "synthetic", "synthetic.v1"))
            conn.execute("INSERT INTO articles(id, source, title, url, published, outlet, author, text, extractor,"
                         " ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                         (aid, source, title, f"https://news.example/{aid}", published, outlet, None, "".join(parts),
                          "synthetic.v1", now))
            rowids = article_keys(conn, published, [r[2] for r in quote_rows])  # each one's place in the page order
            conn.executemany(
                'INSERT INTO quotes(rowid, id, article_id, start, "end", text, kind, cue_text, mention_text,'
                " mention_start, mention_end, mention_kind, venue, person_id, paragraph, context, model)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [(k, *r) for k, r in zip(rowids, quote_rows, strict=True)])
        lines = {party: rng.choice(["support", "oppose"]) for party in PARTIES}
        ps_rows = []
        for pid, _, party in people:
            labs = [s for s in labels.get(pid, []) if s != "none"]
            stance = max(set(labs), key=labs.count) if labs else "none"
            breaks = int(party is not None and stance in ("support", "oppose") and stance != lines[party])
            evidence = conn.execute("SELECT quote_id FROM stances s JOIN quotes q ON q.id = s.quote_id "
                                    "WHERE q.person_id = ? AND s.stance = ? LIMIT 3", (pid, stance)).fetchall()
            ps_rows.append((pid, issue.id, stance, 0.8 if labs else 0.0, json.dumps([e[0] for e in evidence]),
                            breaks, "synthetic.v1"))
        conn.executemany("INSERT INTO person_stances(person_id, issue_id, stance, confidence, evidence,"
                         " breaks_with_party, model) VALUES (?,?,?,?,?,?,?)", ps_rows)
        conn.executemany("INSERT INTO party_lines(party, issue_id, stance, source) VALUES (?,?,?,?)",
                         [(p, issue.id, s, "synthetic leader") for p, s in lines.items()])
        link_labels(conn, issue.id)  # each label's quote's rowid and what each person's labels come to, as
        keep_sides(conn, issue.id)  # the store keeps them
    conn.execute("ANALYZE")
    conn.close()
    return {"issue": issue.id, "people": [p[0] for p in people], "parties": PARTIES, "outlets": OUTLETS}


def store_ids(path: str) -> dict[str, Any]:
    conn = sqlite3.connect(path)
    try:
        issue = conn.execute("SELECT id FROM issues ORDER BY created_at LIMIT 1").fetchone()[0]
        people = [r[0] for r in conn.execute("SELECT id FROM people ORDER BY id")]
        parties = [r[0] for r in conn.execute("SELECT DISTINCT party FROM people WHERE party IS NOT NULL")]
        outlets = [r[0] for r in conn.execute("SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL")]
        n = conn.execute("SELECT COUNT(*) FROM quotes").fetchone()[0]
    finally:
        conn.close()
    return {"issue": issue, "people": people, "parties": parties, "outlets": outlets, "quotes": n}


# ---------------------------------------------------------------- the requests


ENDPOINTS = {"search": 2, "board": 1, "person": 1}  # the mix: half searches, a quarter boards, a quarter people


def request_plan(ids: dict[str, Any], n: int, html: bool, seed: int = 11,
                 endpoints: tuple[str, ...] = tuple(ENDPOINTS)) -> list[tuple[str, str, dict[str, Any]]]:
    """``n`` requests (endpoint name, path, params) over ``endpoints``, in the proportions of ENDPOINTS."""
    rng = random.Random(seed)
    ext = "" if html else ".json"
    plan: list[tuple[str, str, dict[str, Any]]] = []
    weights = [ENDPOINTS[e] for e in endpoints]
    for _ in range(n):
        which = rng.choices(endpoints, weights)[0]
        if which == "search":
            params: dict[str, Any] = {}
            if rng.random() < 0.85:
                params["q"] = rng.choice(SEARCH_WORDS)
            f = rng.random()
            if f < 0.15:
                params["party"] = rng.choice(ids["parties"])
            elif f < 0.25:
                params["outlet"] = rng.choice(ids["outlets"])
            elif f < 0.35:
                params["speaker"] = rng.choice(ids["people"])
            elif f < 0.50:
                params["issue"] = ids["issue"]
                params["stance"] = rng.choice(["support", "oppose", "neutral"])
            if rng.random() < 0.2:
                d0 = date(2023, 1, 1) + timedelta(days=rng.randrange(600))
                params["date_from"] = d0.isoformat()
                params["date_to"] = (d0 + timedelta(days=rng.randrange(30, 200))).isoformat()
            if rng.random() < 0.25:
                params["page"] = rng.randint(2, 5)
            plan.append(("search", f"/search{ext}", params))
        elif which == "board":
            plan.append(("board", f"/issues/{ids['issue']}{ext}", {}))
        else:
            plan.append(("person", f"/people/{rng.choice(ids['people'])}{ext}", {}))
    return plan


@dataclass
class Stats:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    examples: list[str] = field(default_factory=list)
    distinct: dict[str, set[str]] = field(default_factory=dict)  # measured targets (path and query) per endpoint
    repeats: dict[str, int] = field(default_factory=dict)  # measured requests asked before in the run
    first: dict[str, list[float]] = field(default_factory=dict)  # latencies of the requests asked for the first time
    half: float = 0.0  # the middle of the measured time (perf_counter)
    late: dict[str, list[float]] = field(default_factory=dict)  # latencies of the requests sent after it


@dataclass
class Seen:
    """Every target asked so far in the run, warm-up included: a request for one of them is a repeat (what a
    server could answer from a cache of whole responses)."""

    targets: set[str] = field(default_factory=set)


class RawClient:
    """A minimal HTTP/1.1 keep-alive client over one asyncio connection (loopback only).

    httpx's AsyncClient spends several milliseconds of CPU per request, on the same two cores as the
    server: measured that way the figures are mostly the client's. This one reads the status line, the
    headers and the body (Content-Length or chunked), and nothing else.
    """

    def __init__(self, host: str, port: int, accept: str) -> None:
        self.host, self.port, self.accept = host, port, accept
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, target: str) -> int:
        reused = self.writer is not None
        try:
            return await self._get(target)
        except (asyncio.IncompleteReadError, ConnectionError) as exc:
            # a kept-alive connection the server closed meanwhile: a new one, once (as any HTTP client does)
            if not reused or (isinstance(exc, asyncio.IncompleteReadError) and exc.partial):
                raise
            self.close()
            return await self._get(target)

    async def _get(self, target: str) -> int:
        if self.writer is None or self.reader is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        reader, writer = self.reader, self.writer
        writer.write(f"GET {target} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nAccept: {self.accept}\r\n\r\n"
                     .encode("ascii"))
        await writer.drain()
        head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        status = int(head[0].split(" ", 2)[1])
        headers = {k.strip().lower(): v.strip() for k, _, v in (h.partition(":") for h in head[1:] if h)}
        if "content-length" in headers:
            await reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            while True:
                size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
                await reader.readexactly(size + 2)
                if size == 0:
                    break
        else:
            await reader.read()
            headers["connection"] = "close"
        if headers.get("connection", "").lower() == "close":
            self.close()
        return status

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


class HttpxClient:
    """The same through httpx (``--client httpx``), for comparison."""

    def __init__(self, http: httpx.AsyncClient, accept: str) -> None:
        self.http, self.accept = http, accept

    async def get(self, target: str) -> int:
        return (await self.http.get(target, headers={"Accept": self.accept})).status_code

    def close(self) -> None:
        pass


async def _client(client: RawClient | HttpxClient, plan: list[tuple[str, str, dict[str, Any]]], offset: int,
                  step: int, deadline: float, stats: Stats | None, max_requests: int, seen: Seen) -> int:
    """One client: the next request of the plan as soon as the last one is answered, until the deadline."""
    i, done = offset, 0
    while time.perf_counter() < deadline and done < max_requests:
        name, path, params = plan[i % len(plan)]
        i += step
        target = f"{path}?{urlencode(params)}" if params else path
        repeat = target in seen.targets
        if stats is not None:
            stats.distinct.setdefault(name, set()).add(target)
            stats.repeats[name] = stats.repeats.get(name, 0) + repeat
        seen.targets.add(target)
        t0 = time.perf_counter()
        try:
            status = await asyncio.wait_for(client.get(target), timeout=60.0)
            ok, why = status == 200, f"{status} {target}"
        except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError, httpx.HTTPError) as exc:
            client.close()
            ok, why = False, f"{type(exc).__name__} {target}"
        dt = time.perf_counter() - t0
        done += 1
        if stats is None:
            continue
        stats.latencies.setdefault(name, []).append(dt)
        if not repeat:
            stats.first.setdefault(name, []).append(dt)
        if t0 >= stats.half:
            stats.late.setdefault(name, []).append(dt)
        if not ok:
            stats.errors[name] = stats.errors.get(name, 0) + 1
            if len(stats.examples) < 5:
                stats.examples.append(why)
    return done


async def load(port: int, plan: list[tuple[str, str, dict[str, Any]]], clients: int, seconds: float,
               warmup: float, max_requests: int, *, html: bool = False, kind: str = "raw") -> tuple[Stats, float]:
    """``clients`` concurrent clients over the plan: ``warmup`` seconds unmeasured, then ``seconds`` measured."""
    accept = "text/html" if html else "application/json"
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", limits=limits, timeout=60.0) as http:
        pool: list[RawClient | HttpxClient] = [
            RawClient("127.0.0.1", port, accept) if kind == "raw" else HttpxClient(http, accept)
            for _ in range(clients)]
        try:
            seen = Seen()
            end = time.perf_counter() + warmup
            await asyncio.gather(*(_client(pool[c], plan, c * 7919, clients, end, None, max_requests, seen)
                                   for c in range(clients)))
            t0 = time.perf_counter()
            stats = Stats(half=t0 + seconds / 2)
            await asyncio.gather(*(_client(pool[c], plan, c, clients, t0 + seconds, stats,
                                           max_requests // clients + 1, seen) for c in range(clients)))
            return stats, time.perf_counter() - t0
        finally:
            for c in pool:
                c.close()


def _pct(xs: list[float], p: float) -> float:
    if not xs:
        return float("nan")
    s = sorted(xs)
    return s[min(len(s) - 1, max(0, round(p / 100 * len(s)) - 1))]


def report(stats: Stats, elapsed: float, endpoints: tuple[str, ...] = tuple(ENDPOINTS)) -> dict[str, Any]:
    out: dict[str, Any] = {}
    every: list[float] = []
    for name in endpoints:
        xs = stats.latencies.get(name, [])
        every += xs
        out[name] = {"requests": len(xs), "rps": round(len(xs) / elapsed, 1),
                     "p50_ms": round(_pct(xs, 50) * 1000, 1), "p99_ms": round(_pct(xs, 99) * 1000, 1),
                     "max_ms": round(max(xs, default=float("nan")) * 1000, 1),
                     "mean_ms": round(statistics.fmean(xs) * 1000, 1) if xs else float("nan"),
                     "errors": stats.errors.get(name, 0), "distinct": len(stats.distinct.get(name, ())),
                     "repeats": stats.repeats.get(name, 0),
                     "first_p99_ms": round(_pct(stats.first.get(name, []), 99) * 1000, 1),
                     "late_p99_ms": round(_pct(stats.late.get(name, []), 99) * 1000, 1)}
    out["all"] = {"requests": len(every), "rps": round(len(every) / elapsed, 1),
                  "p50_ms": round(_pct(every, 50) * 1000, 1), "p99_ms": round(_pct(every, 99) * 1000, 1),
                  "errors": sum(stats.errors.values())}
    return out


# ---------------------------------------------------------------- the server


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: str, port: int, log: Path, workers: int = 1) -> subprocess.Popen[bytes]:
    env = {**os.environ, "ONRECORD_PROGRESS": "0"}
    with log.open("wb") as out:
        return subprocess.Popen([sys.executable, "-m", "onrecord.cli", "--db", db, "--no-progress", "serve",
                                 "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)],
                                cwd=str(ROOT), env=env, stdout=out, stderr=subprocess.STDOUT)


def wait_ready(base: str, proc: subprocess.Popen[bytes], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited with {proc.returncode}")
        try:
            if httpx.get(base + "/search.json", timeout=5.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"the server did not answer within {timeout:.0f} s")


def server_rss_mb(proc: subprocess.Popen[bytes]) -> list[float]:
    """Resident memory of its own (MB, anonymous pages) of each process serving requests: the server's worker
    processes (its children), or the server itself when it has none (Linux /proc; empty elsewhere)."""
    def children(pid: int) -> list[int]:
        out: list[int] = []
        for task in Path(f"/proc/{pid}/task").glob("*/children"):
            out += [int(x) for x in task.read_text().split()]
        return out

    def rss(pid: int) -> float:  # its own memory (anonymous pages: not the store's file mapped by SQLite's readers)
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("RssAnon:"):
                return round(int(line.split()[1]) / 1024, 1)
        return 0.0

    try:
        kids = children(proc.pid)
        return [rss(pid) for pid in (kids or [proc.pid])]
    except OSError:
        return []


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def after_a_write(base: str, db: str, workers: int) -> list[float]:
    """Milliseconds of the searches right after a write (a commit that changes the data version, after which each
    server process rebuilds what it remembers): one search per server process and one more, each of other words,
    one at a time."""
    store = open_store(db)
    try:
        store.set_meta("bench_write", time.time())
    finally:
        store.close()
    out = []
    with httpx.Client(timeout=120.0) as client:
        for word in SEARCH_WORDS[: workers + 1]:
            t0 = time.perf_counter()
            client.get(base + "/search.json", params={"q": word}).raise_for_status()
            out.append(round((time.perf_counter() - t0) * 1000, 1))
    return out


def keep_reading(url: str) -> None:
    """Keep the issue's reading with it, as its analysis does (a store generated before schema 18 has none), so
    that the server shows it as it would an analysed store's, without loading the parser."""
    from onrecord.stance.proposition import describe, parse

    store = open_store(url)
    try:
        for issue in store.issues():
            if store.kept_reading(issue.id) is None:
                store.keep_reading(issue.id, describe(parse(issue)))
    finally:
        store.close()


def copy_into(db: str, url: str, n_quotes: int) -> float:
    """Copy the generated store into the PostgreSQL database at ``url`` unless it holds it already (as many
    quotes); the seconds the copy took."""
    from onrecord.store.copy import copy_store

    target = open_store(url)
    try:
        held = int(target.query("SELECT COUNT(*) AS n FROM quotes")[0]["n"])
        if held == n_quotes:
            return 0.0
        t0 = time.perf_counter()
        source = open_store(db)
        try:
            copy_store(source, target)
        finally:
            source.close()
        target.conn.execute("ANALYZE")
        return time.perf_counter() - t0
    finally:
        target.close()


# ---------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quotes", type=int, default=100_000, help="quotes in the generated store (default 100000)")
    ap.add_argument("--clients", type=int, default=20, help="concurrent clients (default 20)")
    ap.add_argument("--seconds", type=float, default=20.0, help="measured seconds (default 20)")
    ap.add_argument("--warmup", type=float, default=3.0, help="unmeasured seconds first (default 3)")
    ap.add_argument("--max-requests", type=int, default=1_000_000, help="stop after this many (default 1000000)")
    ap.add_argument("--html", action="store_true", help="ask for the HTML pages instead of the .json twins")
    ap.add_argument("--db", help="keep the generated store here (reused when it exists)")
    ap.add_argument("--proposed-indexes", action="store_true",
                    help="add the indexes proposed for the schema (PROPOSED_INDEXES) to the store first")
    ap.add_argument("--client", choices=["raw", "httpx"], default="raw",
                    help="the load generator: a minimal asyncio HTTP/1.1 client (default) or httpx.AsyncClient")
    ap.add_argument("--workers", type=int, default=0,
                    help="server processes, as onrecord serve --workers takes them (default 0: one per CPU, at most 4)")
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    ap.add_argument("--postgresql", metavar="URL",
                    help="serve from this PostgreSQL database: the generated store is copied into it when it is empty")
    ap.add_argument("--endpoints", default="search,board,person",
                    help="which pages to ask for, comma-separated (default search,board,person)")
    args = ap.parse_args(argv)
    endpoints = tuple(e.strip() for e in args.endpoints.split(",") if e.strip())
    if not endpoints or set(endpoints) - set(ENDPOINTS):
        ap.error(f"--endpoints: choose from {', '.join(ENDPOINTS)}")
    if not (1 <= args.clients <= 200 and 0 < args.seconds <= 600 and args.quotes >= 1):
        ap.error("--clients 1..200, --seconds up to 600, --quotes at least 1")

    with tempfile.TemporaryDirectory(prefix="bench_serve_") as tmp:
        db = args.db or str(Path(tmp) / "bench.db")
        t0 = time.perf_counter()
        if not Path(db).exists():
            build_store(db, args.quotes)
        built = time.perf_counter() - t0
        if args.proposed_indexes:
            with sqlite3.connect(db) as conn:
                for ddl in PROPOSED_INDEXES:
                    conn.execute(ddl)
                conn.execute("ANALYZE")
        ids = store_ids(db)
        served, copied = (copy_into(db, args.postgresql, ids["quotes"]), args.postgresql) if args.postgresql \
            else (0.0, db)
        keep_reading(copied)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        proc = start_server(copied, port, Path(tmp) / "server.log", args.workers)
        try:
            wait_ready(base, proc)
            plan = request_plan(ids, PLAN_REQUESTS, args.html, endpoints=endpoints)
            stats, elapsed = asyncio.run(load(port, plan, args.clients, args.seconds, args.warmup,
                                              args.max_requests, html=args.html, kind=args.client))
            rss_mb = server_rss_mb(proc)  # after the load: what each serving process holds
            after_write = after_a_write(base, copied, worker_count(args.workers))
        finally:
            stop_server(proc)
            server_log = (Path(tmp) / "server.log").read_text("utf-8", "replace")[-2000:]
    figures = report(stats, elapsed, endpoints)
    workers = worker_count(args.workers)
    result = {"quotes": ids["quotes"], "people": len(ids["people"]), "clients": args.clients, "workers": workers,
              "proposed_indexes": args.proposed_indexes, "client": args.client,
              "seconds": round(elapsed, 1), "pages": "html" if args.html else "json",
              "store": "postgresql" if args.postgresql else "sqlite", "store_copy_s": round(served, 1),
              "after_write_ms": after_write, "server_rss_mb": rss_mb,
              "store_build_s": round(built, 1), "python": platform.python_version(), "cpus": os.cpu_count(),
              **figures}
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"onrecord serve: {ids['quotes']:,} quotes, {len(ids['people'])} people, {args.clients} clients, "
              f"{elapsed:.1f} s of {'HTML pages' if args.html else 'JSON twins'}"
              f"{' with the proposed indexes' if args.proposed_indexes else ''}, {workers} server process"
              f"{'es' if workers > 1 else ''} "
              f"from {'PostgreSQL' if args.postgresql else 'SQLite'} "
              f"(store built in {built:.1f} s{f', copied in {served:.1f} s' if served else ''}; "
              f"{os.cpu_count()} CPUs, Python {platform.python_version()})")
        print(f"{'endpoint':<8} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} {'errors':>7}"
              f" {'distinct':>9} {'repeats':>8}")
        for name in endpoints:
            f = figures[name]
            print(f"{name:<8} {f['requests']:>9} {f['rps']:>8} {f['p50_ms']:>8} {f['p99_ms']:>8} {f['max_ms']:>8} "
                  f"{f['errors']:>7} {f['distinct']:>9} {f['repeats']:>8}")
        a = figures["all"]
        print(f"{'all':<8} {a['requests']:>9} {a['rps']:>8} {a['p50_ms']:>8} {a['p99_ms']:>8} {'':>8} "
              f"{a['errors']:>7}")
        print(f"searches right after a write, one at a time (each server process reads its bitmaps again): "
              f"{', '.join(f'{ms:.0f} ms' for ms in after_write)}")
        print(f"memory of its own (anonymous, resident) of each server process after the load: "
              f"{', '.join(f'{mb:.0f} MB' for mb in rss_mb) or 'not known here'}")
        repeats = sum(figures[name]["repeats"] for name in endpoints)
        print(f"answers that repeat a request asked before (at most these were served from memory): "
              f"{repeats / max(1, a['requests']):.0%}; p99 of the requests asked for the first time: " +
              ", ".join(f"{name} {figures[name]['first_p99_ms']:.0f} ms" for name in endpoints
                        if figures[name]["first_p99_ms"] == figures[name]["first_p99_ms"]))  # (none: NaN)
        print("p99 of the requests sent in the second half of the measured time (each process's remembered data "
              "read by then): " + ", ".join(f"{name} {figures[name]['late_p99_ms']:.0f} ms" for name in endpoints
                                            if figures[name]["late_p99_ms"] == figures[name]["late_p99_ms"]))
        for name in ("search", "person"):
            if name in endpoints:
                target = figures[name]["p99_ms"] < 100
                print(f"target {name} p99 < 100 ms: {'met' if target else 'MISSED'}")
        print(f"target first search after a write < 1 s: {'met' if max(after_write) < 1000 else 'MISSED'}")
    if stats.examples:
        print("errors, for example:", *stats.examples, sep="\n  ", file=sys.stderr)
        print("server log tail:\n" + server_log, file=sys.stderr)
    return 1 if figures["all"]["errors"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
