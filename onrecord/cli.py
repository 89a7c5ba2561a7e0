"""The ``onrecord`` command: a thin layer over :mod:`onrecord.pipeline` and :mod:`onrecord.query`.

Exit codes (:data:`EXIT_CODES`): 0 done (for ingest: every item ok, empty or duplicate); 1 an eval score under
its required floor; 2 the command could not run: a usage error (click's) or a coded error (``error [E...]``);
3 ingest: some items failed, the others were stored; 4 ingest: every item failed.
"""

from __future__ import annotations

import getpass
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from functools import wraps
from pathlib import Path
from typing import Any

import click

from . import pipeline, query
from . import review as review_mod
from .errors import OnrecordError
from .eval import format_report, load_gold, score
from .export import render, to_parquet
from .settings import SETTINGS, load_settings
from .store import SQLiteStore, open_store
from .store.postgres import redacted

EXAMPLES = Path(__file__).parent / "examples"

EXIT_OK, EXIT_BELOW_FLOOR, EXIT_ERROR, EXIT_SOME_FAILED, EXIT_ALL_FAILED = 0, 1, 2, 3, 4
EXIT_CODES = {
    EXIT_OK: "done (ingest: every item ok, empty or duplicate)",
    EXIT_BELOW_FLOOR: "eval: a score is under the floor asked for (--min-...)",
    EXIT_ERROR: "the command could not run: a usage error, or a coded error (error [E...] on stderr)",
    EXIT_SOME_FAILED: "ingest: some items failed (each reported with its code), the others were stored",
    EXIT_ALL_FAILED: "ingest: every item failed",
}
EXIT_HELP = "Exit codes: " + "; ".join(f"{code} {what}" for code, what in EXIT_CODES.items()) + "."
FORMAT_HELP = "Output: text for people, json for programs (errors too, on stderr, in the one error shape)."

_ESCAPES = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str) -> str:
    """``text`` on one line of a terminal: a backslash, a line break or any other character that is not printable
    (an escape sequence, U+2028) written as its backslash escape, so a file name cannot forge a report line."""
    if text.isprintable() and "\\" not in text:
        return text
    return "".join(_ESCAPES.get(c) or (c if c.isprintable() else repr(c)[1:-1]) for c in text)


def _fail(exc: OnrecordError, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(exc.to_json()), err=True)
    else:
        click.echo(f"error [{exc.code}] {printable(exc.message)}", err=True)
        if exc.hint:
            click.echo(f"  hint: {printable(exc.hint)}", err=True)
    sys.exit(EXIT_ERROR)


def handles_errors(fn: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except OnrecordError as exc:
            _fail(exc, kwargs.get("fmt") == "json")

    return wrapper


class Ctx:
    def __init__(self, settings: dict[str, Any]) -> None:
        self.settings = settings
        self._store: SQLiteStore | None = None

    def open(self, *, create: bool = False, write: bool = False) -> SQLiteStore:
        """The store at ``--db``. Only ``create`` (ingest, init, demo) makes a new one; otherwise a database that
        is not there is an error (E204), not an empty store. ``write``: a read-only database is refused (E207)
        before any work is done."""
        if self._store is None:
            self._store = open_store(str(self.settings["db"]), create=create)
        if write:
            self._store.check_writable()
        return self._store

    @property
    def store(self) -> SQLiteStore:
        """The store for a command that reads (or writes an existing one: :meth:`open` with ``write``)."""
        return self.open()


@click.group(help="onrecord: who said what, and where each person stands.", epilog=EXIT_HELP)
@click.option("--db", default=None, help="Storage URL (onrecord.db, sqlite:///path.db). Env: ONRECORD_DB. Only "
              "ingest, init and demo create a database that is not there.")
@click.option("--config", "config", default=None, type=click.Path(), help="Settings file (TOML, [onrecord] table).")
@click.option("--no-progress", is_flag=True, help="Hide progress bars.")
@click.pass_context
def main(ctx: click.Context, db: str | None, config: str | None, no_progress: bool) -> None:
    try:
        settings = load_settings({"db": db, "progress": False if no_progress else None}, config_file=config)
    except OnrecordError as exc:
        _fail(exc, False)
    ctx.obj = Ctx(settings)


def _out(rows: Any, fmt: str, render_text: Callable[[Any], str]) -> None:
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        click.echo(render_text(rows))


def ingest_exit_code(counts: Mapping[str, int]) -> int:
    """0 when nothing failed, 3 when some items failed and others did not, 4 when every item failed."""
    if not counts.get("failed"):
        return EXIT_OK
    done = counts.get("ok", 0) + counts.get("empty", 0) + counts.get("duplicate", 0)
    return EXIT_SOME_FAILED if done else EXIT_ALL_FAILED


@main.command(help="Read articles (files or directories: .txt, .html, .jsonl, .warc, .warc.gz; http(s) URLs; the "
              "articles of feeds and sitemaps) and analyse them; creates the database when it is not there. Each "
              "item ends ok, empty, duplicate or failed (with its code; the batch goes on); a URL already stored is "
              "not fetched again. Exits 0 when none failed, 3 when some did, 4 when all did.")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--feed", "feeds", multiple=True, metavar="URL",
              help="An RSS, Atom or JSON feed, or a site's home page that names its feeds (repeatable).")
@click.option("--sitemap", "sitemaps", multiple=True, metavar="URL",
              help="A sitemap or sitemap index (XML, news, text or gzip), or a site's home page whose robots.txt "
              "names its sitemaps (repeatable).")
@click.option("--register", type=click.Path(exists=True, dir_okay=False), help="Popolo JSON of people and parties.")
@click.option("--processes", type=click.IntRange(min=1), default=None, metavar="N",
              help="Analyse on a local Dask cluster of N worker processes (needs onrecord[scale]).")
@click.option("--dask", "dask_address", default=None, metavar="ADDRESS",
              help="Analyse on the Dask cluster whose scheduler is at ADDRESS (tcp://host:8786).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help=FORMAT_HELP)
@click.pass_obj
@handles_errors
def ingest(obj: Ctx, paths: tuple[str, ...], feeds: tuple[str, ...], sitemaps: tuple[str, ...],
           register: str | None, processes: int | None, dask_address: str | None, fmt: str) -> None:
    if not (paths or feeds or sitemaps):
        raise click.UsageError("give files, folders or URLs to read, or --feed / --sitemap URLs")
    if processes and dask_address:
        raise click.UsageError("give --processes (a local cluster) or --dask (a running one), not both")
    store = obj.open(create=True, write=True)
    reg = pipeline.load_register_into(store, register) if register else None
    progress = bool(obj.settings["progress"])
    if processes or dask_address:
        from . import scale

        client = scale.client_for(processes, dask_address)
        try:
            rep = scale.ingest(store, list(paths), client, register=reg, settings=obj.settings, progress=progress,
                               feeds=feeds, sitemaps=sitemaps)
        finally:
            cluster = client.cluster if processes else None
            client.close()
            if cluster is not None:
                cluster.close()
    else:
        rep = pipeline.ingest(store, list(paths), register=reg, settings=obj.settings, progress=progress,
                              feeds=feeds, sitemaps=sitemaps)
    if fmt == "json":
        click.echo(json.dumps(rep.as_dict(), indent=1))
    else:
        c = rep.as_dict()["counts"]
        skipped = rep.as_dict()["skipped"]
        click.echo(f"ok {c['ok']}, empty {c['empty']}, duplicate {c['duplicate']}, failed {c['failed']}"
                   + (f" ({skipped} archive records skipped: not HTML pages)" if skipped else ""))
        for f in rep.failures:  # one line each, whatever the file is called
            click.echo(f"  failed [{f['code']}] {printable(str(f['message']))}", err=True)
    sys.exit(ingest_exit_code(rep.counts))


@main.command(help="Create an empty database at --db (with its folders), or upgrade the one there; the other "
              "reading and writing commands need one to exist.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help=FORMAT_HELP)
@click.pass_obj
@handles_errors
def init(obj: Ctx, fmt: str) -> None:
    store = obj.open(create=True)
    row = {"db": redacted(str(obj.settings["db"])), "created": store.created, "schema_version": store.schema_version(),
           "read_only": store.read_only}
    _out(row, fmt, lambda r: f"{'created' if r['created'] else 'already there'}: {r['db']} (schema version "
         f"{r['schema_version']}{', read-only' if r['read_only'] else ''})")


@main.group(help="Name the issues to classify stance on.")
def issue() -> None:
    pass


@issue.command("add", help='Add (or update) an issue, e.g. onrecord issue add "a national inquiry into X".')
@click.argument("name")
@click.option("--description", default="", help="A longer description, kept with the issue.")
@click.option("--keyword", "keywords", multiple=True, help="Extra words that name the issue (repeatable).")
@click.option("--for", "examples_for", multiple=True, help="A statement a supporter would make (repeatable).")
@click.option("--against", "examples_against", multiple=True, help="A statement an opponent would make (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help=FORMAT_HELP)
@click.pass_obj
@handles_errors
def issue_add(obj: Ctx, name: str, description: str, keywords: tuple[str, ...], examples_for: tuple[str, ...],
              examples_against: tuple[str, ...], fmt: str) -> None:
    store = obj.open(write=True)
    iss = pipeline.add_issue(store, name, description=description, keywords=list(keywords),
                             examples_for=list(examples_for), examples_against=list(examples_against),
                             settings=obj.settings)
    _out(query.issue_row(store, iss), fmt, lambda r: f"issue {r['id']}: {r['name']}")


def _reading_line(r: dict[str, Any]) -> str:
    """'cut (takes away) · overseas aid · in the budget', with '*' on what the user corrected."""
    rd, fixed = r["reading"], set(r["corrected"])

    def mark(key: str, text: str) -> str:
        return text + ("*" if key in fixed else "")
    parts = []
    if rd["action"]:
        way = "takes away" if rd["direction"] == "removes" else "brings in"
        parts.append(f"{mark('action', rd['action'])} ({mark('direction', way)})")
    if rd["target"]:
        parts.append(mark("target", rd["target"]))
    if rd["vehicle"]:
        parts.append(f"via {rd['vehicle']}")
    if rd.get("agent"):
        parts.append(f"by {mark('agent', rd['agent'])}")
    return " · ".join(parts) or "(no action read: any statement naming it counts)"


@issue.command("edit", help="Change an issue (by name or id) and analyse it again; each option given replaces "
               "the old value, e.g. onrecord issue edit 3f2a9c --name \"a national inquiry\" --for \"We need it\".")
@click.argument("name_or_id")
@click.option("--name", default=None, help="The new phrase.")
@click.option("--description", default=None, help="The new description.")
@click.option("--keyword", "keywords", multiple=True, help="Replaces the keywords (repeatable).")
@click.option("--for", "examples_for", multiple=True, help="Replaces the statements for (repeatable).")
@click.option("--against", "examples_against", multiple=True, help="Replaces the statements against (repeatable).")
@click.option("--action", default=None, help='Correct the action read from the phrase ("cut"; "" puts back the '
              "parse's own).")
@click.option("--target", default=None, help='Correct what the action is done to ("overseas aid").')
@click.option("--direction", type=click.Choice(["removes", "adds", ""]), default=None,
              help="Whether the action takes its target away or brings it in.")
@click.option("--agent", default=None, help='Correct who the phrase says does it ("the City of Oakland"; "-" for '
              "no one): with no side of their own, they support it.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help=FORMAT_HELP)
@click.pass_obj
@handles_errors
def issue_edit(obj: Ctx, name_or_id: str, name: str | None, description: str | None, keywords: tuple[str, ...],
               examples_for: tuple[str, ...], examples_against: tuple[str, ...], action: str | None,
               target: str | None, direction: str | None, agent: str | None, fmt: str) -> None:
    given = {"action": action, "target": target, "direction": direction, "agent": agent}
    reading = {k: v for k, v in given.items() if v is not None}
    store = obj.open(write=True)
    iss = pipeline.edit_issue(store, name_or_id, name=name, description=description,
                              keywords=list(keywords) or None, examples_for=list(examples_for) or None,
                              examples_against=list(examples_against) or None, reading=reading or None,
                              settings=obj.settings)
    _out(query.issue_row(store, iss), fmt, lambda r: f"issue {r['id']}: {r['name']}\n  read as: {_reading_line(r)}")


@issue.command("list", help="List the issues.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help=FORMAT_HELP)
@click.pass_obj
@handles_errors
def issue_list(obj: Ctx, fmt: str) -> None:
    rows = [query.issue_row(obj.store, i) for i in obj.store.issues()]
    _out(rows, fmt, lambda rs: "\n".join(f"{r['id']}  {r['name']}\n            read as: {_reading_line(r)}"
                                         for r in rs) or "(no issues)")


@main.command("quotes", help="List quotes, filtered by speaker, party, issue, stance or words.")
@click.option("--speaker", help="Part of the speaker's name or of one of their aliases (any case).")
@click.option("--party", help="The speaker's party (any case).")
@click.option("--issue", "issue_name", help="An issue (name or id): adds each quote's stance on it.")
@click.option("--stance", type=click.Choice(["support", "oppose", "neutral", "none"]),
              help="Only quotes with this stance (on --issue; without it, on any issue).")
@click.option("--search", "text", help="Full-text search over the quoted words.")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many quotes (1 or more; default: all).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help=FORMAT_HELP)
@click.pass_obj
@handles_errors
def quotes_cmd(obj: Ctx, speaker: str | None, party: str | None, issue_name: str | None, stance: str | None,
               text: str | None, limit: int | None, fmt: str) -> None:
    rows = query.quotes(obj.store, speaker=speaker, party=party, issue=issue_name, stance=stance, text=text,
                        limit=limit)

    def show(rs: list[dict[str, Any]]) -> str:
        out = []
        for r in rs:
            st = f" [{r['stance']}]" if r.get("stance") else ""
            also = f" (also in {r['also_in']} other outlet{'s' if r['also_in'] != 1 else ''})" if r["also_in"] else ""
            out.append(f"{r['speaker'] or '?'} ({r['party'] or '-'}), {r['kind']}{st}: “{r['text']}”{also}")
        return "\n".join(out) or "(no quotes)"

    _out(rows, fmt, show)


@main.command("people", help="List people with party, roles and (for an issue) stance.")
@click.option("--issue", "issue_name", help="An issue (name or id): adds each person's stance on it.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help=FORMAT_HELP)
@click.pass_obj
@handles_errors
def people_cmd(obj: Ctx, issue_name: str | None, fmt: str) -> None:
    rows = query.people(obj.store, issue=issue_name)

    def show(rs: list[dict[str, Any]]) -> str:
        return "\n".join(
            f"{r['name']} ({r['party'] or '-'}; {', '.join(r['roles']) or '-'}) quotes={r['quotes']}"
            + (f" stance={r['stance']}" + (" BREAKS PARTY LINE" if r["breaks_with_party"] else "")
               if "stance" in r else "") for r in rs) or "(no people)"

    _out(rows, fmt, show)


@main.command(help="The stance board of an issue: people by party and stance, party lines, who breaks them.")
@click.option("--issue", "issue_name", required=False, help="The issue (name or id; default: the latest added).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help=FORMAT_HELP)
@click.pass_obj
@handles_errors
def board(obj: Ctx, issue_name: str | None, fmt: str) -> None:
    if not issue_name:
        issues = obj.store.issues()
        if not issues:
            raise OnrecordError("E301", "no issue yet", hint='onrecord issue add "PHRASE"')
        issue_name = issues[-1].name
    data = query.board(obj.store, issue_name)

    def show(d: dict[str, Any]) -> str:
        out = [f"Issue: {d['issue']['name']}", ""]
        for g in d["parties"]:
            line = f"party line: {g['line']} ({g['line_source']})" if g["line"] else "party line: unknown"
            out.append(f"== {g['party']} — {line}")
            for p in g["people"]:
                mark = "  ⚑ breaks with party line" if p["breaks_with_party"] else ""
                why = f"  ({p['summary']})" if p["position"] == "unclear" else ""
                out.append(f"  {p['position']:8} {p['name']}{mark}{why}")
                if p["quote"]:
                    t = p["quote"]["text"]
                    out.append(f"           “{t[:110]}{'…' if len(t) > 110 else ''}”")
            out.append("")
        return "\n".join(out)

    _out(data, fmt, show)


@main.command(help="Export quotes and people (json is the documented contract).")
@click.option("--issue", "issue_name", help="An issue (name or id): adds stances, party lines and the issue.")
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "csv", "parquet"]), default="json",
              help="json (the documented contract), jsonl or csv (a row per quote), parquet (needs --output).")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="File to write (default: stdout).")
@click.pass_obj
@handles_errors
def export(obj: Ctx, issue_name: str | None, fmt: str, output: str | None) -> None:
    data = query.export_issue(obj.store, issue_name)
    if fmt == "parquet":
        if not output:
            raise OnrecordError("E402", "parquet is binary: give --output FILE")
        to_parquet(data, output)
        return
    text = render(data, fmt)
    if output:
        Path(output).write_text(text, "utf-8")
    else:
        click.echo(text, nl=False)


@main.group("eval", invoke_without_command=True,
            help="Score against a gold file: an export (--pred) or a fresh run on --articles. "
                 "`onrecord eval stance` scores a stance model on a benchmark.")
@click.option("--gold", type=click.Path(exists=True, dir_okay=False), help="The gold file (required without a "
              "subcommand).")
@click.option("--pred", type=click.Path(exists=True, dir_okay=False), help="An export made with --format json.")
@click.option("--articles", type=click.Path(exists=True), help="Articles to run the pipeline on (temporary store).")
@click.option("--register", type=click.Path(exists=True, dir_okay=False),
              help="Popolo JSON of people and parties, for the run on --articles.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help=FORMAT_HELP)
@click.option("--verbose", "-v", is_flag=True, help="Also list every quote whose stance differs from gold.")
@click.option("--min-quote-f1", type=float, default=None, help="Exit 1 when quote F1 is lower.")
@click.option("--min-speaker", type=float, default=None, help="Exit 1 when speaker accuracy is lower.")
@click.option("--min-person-stance", type=float, default=None, help="Exit 1 when person stance accuracy is lower.")
@click.pass_context
@handles_errors
def eval_cmd(ctx: click.Context, gold: str | None, pred: str | None, articles: str | None, register: str | None,
             fmt: str, verbose: bool, min_quote_f1: float | None, min_speaker: float | None,
             min_person_stance: float | None) -> None:
    if ctx.invoked_subcommand is not None:
        return
    obj: Ctx = ctx.obj
    if not gold:
        raise OnrecordError("E302", "give --gold GOLD.json (with --pred or --articles), or a subcommand",
                            hint="onrecord eval --gold gold.json --articles articles/  |  onrecord eval stance "
                                 "--dataset gwsd")
    g = load_gold(gold)
    if pred:
        data = json.loads(Path(pred).read_text("utf-8"))
    elif articles:
        data = run_on(articles, g["issue"], register, obj.settings)
    else:
        raise OnrecordError("E302", "give --pred EXPORT.json or --articles DIR")
    rep = score(data, g)
    d = rep.as_dict()
    _out(d, fmt, lambda _: format_report(rep, verbose))
    failed = ((min_quote_f1 is not None and d["quote_f1"] < min_quote_f1)
              or (min_speaker is not None and d["speaker_accuracy"] < min_speaker)
              or (min_person_stance is not None and d["person_stance_accuracy"] < min_person_stance))
    if failed:
        click.echo("below the required scores", err=True)
        sys.exit(1)


@eval_cmd.command("stance", help="Score a stance model: GWSD or VAST (a dev split carved from train), or the "
                  "acceptance gold at person level.")
@click.option("--dataset", type=click.Choice(["gwsd", "vast", "acceptance"]), required=True,
              help="What to score on: GWSD, VAST or the acceptance gold.")
@click.option("--model", "model_name", default=None, help="Registered stance model (default: the stance_model "
              "setting).")
@click.option("--split", type=click.Choice(["dev", "train", "calib", "fit", "all"]), default="dev",
              help="GWSD/VAST split (see onrecord/eval/stance.py); ignored for acceptance.")
@click.option("--limit", type=click.IntRange(min=1), default=None,
              help="Score a deterministic subsample of this many items.")
@click.option("--data", type=click.Path(file_okay=False), default=None,
              help="Folder with gwsd/ and vast/ (default ../shared/data/stance; env ONRECORD_STANCE_DATA).")
@click.option("--acceptance", "acceptance_dir", type=click.Path(file_okay=False), default=None,
              help="Acceptance folder with gold.json (default ../shared/acceptance; env ONRECORD_ACCEPTANCE).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help=FORMAT_HELP)
@click.option("--min-accuracy", type=float, default=None, help="Exit 1 when accuracy is lower (GWSD/VAST).")
@click.option("--min-macro-f1", type=float, default=None, help="Exit 1 when macro-F1 is lower (GWSD/VAST).")
@click.option("--min-person-stance", type=float, default=None, help="Exit 1 when person stance accuracy is "
              "lower (acceptance).")
@click.option("--plot", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Also write the reliability diagram (confidence against accuracy) to this SVG file (GWSD/VAST).")
@click.pass_obj
@handles_errors
def eval_stance_cmd(obj: Ctx, dataset: str, model_name: str | None, split: str, limit: int | None, data: str | None,
                    acceptance_dir: str | None, fmt: str, min_accuracy: float | None, min_macro_f1: float | None,
                    min_person_stance: float | None, plot: str | None) -> None:
    from .eval import stance as stance_eval

    name = model_name or str(obj.settings["stance_model"])
    if plot and dataset == "acceptance":
        raise click.UsageError("--plot draws the reliability of GWSD or VAST labels; the acceptance gold is scored "
                               "per person")
    if dataset == "acceptance":
        res = stance_eval.evaluate_acceptance(name, Path(acceptance_dir) if acceptance_dir else None, obj.settings)
        _out(res, fmt, stance_eval.format_acceptance)
        failed = min_person_stance is not None and res["person_stance_accuracy"] < min_person_stance
    else:
        sc = stance_eval.evaluate(name, dataset, split, root=Path(data) if data else None, limit=limit)
        _out(sc.as_dict(), fmt, lambda _: stance_eval.format_score(sc))
        if plot:
            Path(plot).write_text(stance_eval.reliability_svg(sc), encoding="utf-8")
            click.echo(f"reliability diagram: {plot}", err=True)
        failed = ((min_accuracy is not None and sc.accuracy < min_accuracy)
                  or (min_macro_f1 is not None and sc.macro_f1 < min_macro_f1))
    if failed:
        click.echo("below the required scores", err=True)
        sys.exit(1)


@eval_cmd.command("polnear", context_settings={"ignore_unknown_options": True},
                  help="Score quote extraction on PolNeAR (train or dev split; the test split is held out). Takes "
                       "the options of python -m onrecord.eval.polnear: --split, --limit, --root, --extractor, "
                       "--attributions, --json.")
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
@handles_errors
def eval_polnear_cmd(args: tuple[str, ...]) -> None:
    from .eval import polnear

    sys.exit(polnear.main(list(args)))


def _report_and_gate(res: dict[str, Any], fmt: str, text: Callable[[Any], str],
                     floors: list[tuple[float, float | None]]) -> None:
    """Print a real-news report (its JSON without the per-row table) and exit 1 when a figure is under its floor."""
    _out({k: v for k, v in res.items() if k != "rows"} if fmt == "json" else res, fmt, text)
    if any(floor is not None and got < floor for got, floor in floors):
        click.echo("below the required scores", err=True)
        sys.exit(1)


@eval_cmd.command("people", help="Score people and their stances on a person-level gold (realnews uk/ or scu/ "
                  "person_stance.json): each entry's article ingested alone with its issue, as a user would.")
@click.option("--gold", type=click.Path(exists=True, dir_okay=False), default=None,
              help="A person_stance.json (default: the UK set under ../shared/data/realnews; env ONRECORD_REALNEWS).")
@click.option("--set", "which", type=click.Choice(["uk", "us"]), default=None,
              help="Shorthand for the realnews UK or US (scu) gold.")
@click.option("--register", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Register to load (default: register.json beside the gold, when there is one).")
@click.option("--model", "model_name", default=None, help="Stance model (default: the stance_model setting).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help=FORMAT_HELP)
@click.option("--quiet", "-q", is_flag=True, help="Leave out the list of misses.")
@click.option("--min-found", type=float, default=None, help="Exit 1 when people found is lower.")
@click.option("--min-accuracy", type=float, default=None, help="Exit 1 when stance accuracy is lower.")
@click.pass_obj
@handles_errors
def eval_people_cmd(obj: Ctx, gold: str | None, which: str | None, register: str | None, model_name: str | None,
                    fmt: str, quiet: bool, min_found: float | None, min_accuracy: float | None) -> None:
    from .eval import realnews

    root = realnews.realnews_root()
    path = Path(gold) if gold else root / ("scu" if which == "us" else "uk") / "person_stance.json"
    settings = {**obj.settings, **({"stance_model": model_name} if model_name else {})}
    res = realnews.evaluate_people(path, register=Path(register) if register else None, settings=settings)
    _report_and_gate(res, fmt, lambda d: realnews.format_people(d, misses=not quiet),
                     [(res["all"]["found"], min_found), (res["all"]["accuracy"], min_accuracy)])


@eval_cmd.command("scu", help="Score statement detection and speaker names on the SCU sourcing gold (realnews/scu): "
                  "each article ingested alone.")
@click.option("--root", type=click.Path(exists=True, file_okay=False), default=None,
              help="The scu folder (default ../shared/data/realnews/scu; env ONRECORD_REALNEWS).")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Only the first N articles.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help=FORMAT_HELP)
@click.option("--quiet", "-q", is_flag=True, help="Leave out the list of errors.")
@click.option("--min-detection", type=float, default=None, help="Exit 1 when statement detection is lower.")
@click.option("--min-names", type=float, default=None, help="Exit 1 when name accuracy is lower.")
@click.pass_obj
@handles_errors
def eval_scu_cmd(obj: Ctx, root: str | None, limit: int | None, fmt: str, quiet: bool, min_detection: float | None,
                 min_names: float | None) -> None:
    from .eval import realnews

    res = realnews.evaluate_scu(Path(root) if root else None, settings=obj.settings, limit=limit)
    _report_and_gate(res, fmt, lambda d: realnews.format_scu(d, errors=not quiet),
                     [(res["detection"], min_detection), (res["name_accuracy"], min_names)])


def run_on(articles: str | Path, issue: str, register: str | Path | None, settings: dict[str, Any]) -> dict[str, Any]:
    """Run the whole pipeline on a folder in a temporary store; return the JSON export."""
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "eval.db"))
        reg = pipeline.load_register_into(store, register) if register else None
        pipeline.ingest(store, [articles], register=reg, settings=settings)
        pipeline.add_issue(store, issue, settings=settings)
        data = query.export_issue(store, issue)
        store.close()
        return data


@main.command(help="Run the built-in example: ingest it, name its issue, print the board.")
@click.pass_obj
@handles_errors
def demo(obj: Ctx) -> None:
    gold = load_gold(EXAMPLES / "gold.json")
    store = obj.open(create=True, write=True)
    reg = pipeline.load_register_into(store, EXAMPLES / "register.json")
    rep = pipeline.ingest(store, [EXAMPLES / "articles"], register=reg, settings=obj.settings,
                          progress=bool(obj.settings["progress"]))
    c = rep.as_dict()["counts"]
    click.echo(f"ingested: ok {c['ok']}, empty {c['empty']}, duplicate {c['duplicate']}, failed {c['failed']}")
    pipeline.add_issue(obj.store, gold["issue"], settings=obj.settings)
    obj_board = query.board(obj.store, gold["issue"])
    click.get_current_context().invoke(board, issue_name=obj_board["issue"]["name"], fmt="text")
    rep2 = score(query.export_issue(obj.store, gold["issue"]), gold)
    click.echo("Scored against the example's gold:\n" + format_report(rep2).split("\nerrors:")[0])
    click.echo(f"Explore it in the browser: onrecord --db {redacted(str(obj.settings['db']))} serve")


def _watch_text(state: dict[str, Any]) -> str:
    c = state["counts"]
    lines = [f"queued {c['queued']}, fetched {c['fetched']}, ok {c['ok']}, empty {c['empty']}, "
             f"duplicate {c['duplicate']}, failed {c['failed']}"]
    for s in state["sources"]:
        last = f"[{s['code']}] {s['message']}" if s["code"] else (f"HTTP {s['status']}" if s["status"] else "not yet")
        lines.append(f"  {s['kind']:7} {printable(s['url'])}  checked {s['checked_at'] or '-'}: {printable(last)}; "
                     f"{s['links']} links queued")
    return "\n".join(lines)


@main.command(help="Follow feeds and sitemaps: each round checks them (conditional requests), queues the new "
              "article links and reads each once; a stopped watch resumes where it stopped. Sources come from "
              "--feed/--sitemap/--file and the settings watch_feeds/watch_sitemaps, and are remembered in the "
              "database. Exits 0; 3 when the last round had failures.")
@click.option("--feed", "feeds", multiple=True, metavar="URL", help="A feed to follow (repeatable).")
@click.option("--sitemap", "sitemaps", multiple=True, metavar="URL", help="A sitemap to follow (repeatable).")
@click.option("--file", "sources_file", type=click.Path(dir_okay=False), default=None,
              help="A file of sources: one URL a line ('sitemap URL' for a sitemap; # comments).")
@click.option("--once", is_flag=True, help="One round, then stop.")
@click.option("--every", type=float, default=None, metavar="SECONDS", help="Seconds between rounds "
              "(default: the setting watch_interval).")
@click.option("--status", "show_status", is_flag=True, help="Show the sources and the queue, fetch nothing.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help=FORMAT_HELP)
@click.pass_obj
@handles_errors
def watch(obj: Ctx, feeds: tuple[str, ...], sitemaps: tuple[str, ...], sources_file: str | None, once: bool,
          every: float | None, show_status: bool, fmt: str) -> None:
    from . import watch as watch_mod

    if show_status:
        store = obj.open()
        _out(watch_mod.status(store), fmt, _watch_text)
        return
    listed = watch_mod.read_sources_file(sources_file) if sources_file else ([], [])
    setting = [[u.strip() for u in str(obj.settings[k]).split(",") if u.strip()] for k in ("watch_feeds",
                                                                                           "watch_sitemaps")]
    given = ([*setting[0], *listed[0], *feeds], [*setting[1], *listed[1], *sitemaps])
    nothing = click.UsageError("nothing to watch: give --feed, --sitemap or --file (or set watch_feeds)")
    if not any(given):  # the database must remember some sources, and none is created for nothing
        try:
            obj.open(write=True)
        except OnrecordError as exc:
            if exc.code == "E204":
                raise nothing from exc
            raise
    store = obj.open(create=True, write=True)
    watch_mod.add_sources(store, *given)
    if not store.watch_sources():
        raise nothing
    interval = every if every is not None else float(obj.settings["watch_interval"])
    failed = False
    try:
        while True:
            done = watch_mod.run_round(store, obj.settings, progress=bool(obj.settings["progress"]))
            failed = bool(done.failures)
            if fmt == "json":
                click.echo(json.dumps(done.as_dict(), ensure_ascii=False))
            else:
                e = done.ended
                click.echo(f"checked {done.sources} sources ({done.not_modified} unchanged), queued {done.queued}, "
                           f"fetched {done.fetched}; ok {e['ok']}, empty {e['empty']}, duplicate {e['duplicate']}, "
                           f"failed {e['failed']}, to retry {done.retrying}")
                for f in done.failures:
                    click.echo(f"  failed [{f['code']}] {printable(str(f['message']))}", err=True)
            if once:
                break
            time.sleep(interval)
    except KeyboardInterrupt:
        click.echo("stopped; the next watch resumes from the queue", err=True)
    sys.exit(EXIT_SOME_FAILED if failed else EXIT_OK)


@main.command(help="Serve the web UI and JSON API on this machine.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0: every "
              "interface).")
@click.option("--port", default=8321, show_default=True, type=click.IntRange(0, 65535), help="TCP port to listen on.")
@click.option("--workers", type=click.IntRange(0, 32), default=None,
              help="Server processes; 0: one per CPU core, at most 4 (setting `workers`, default 0).")
@click.pass_obj
@handles_errors
def serve(obj: Ctx, host: str, port: int, workers: int | None) -> None:

    from .serve import create_app
    from .serve.app import WORKER_DB_ENV, settle_gc, worker_count
    from .serve.review import ensure_token
    from .serve.workers import run as serve_workers
    from .serve.workers import serve_one

    if workers is None:
        workers = int(obj.settings["workers"])
    if workers < 0:
        raise OnrecordError("E401", f"setting workers={workers} must be 0 or more")
    # each process would see its own :memory: store
    workers = 1 if getattr(obj.store, "memory", False) else worker_count(workers)
    def announce(bound: int) -> None:  # (port 0: the one the system picked)
        click.echo(f"onrecord serving {redacted(str(obj.settings['db']))} on http://{host}:{bound}/"
                   + (f" with {workers} worker processes" if workers > 1 else ""))

    # with no `token` setting, the first start generates one, keeps it in the database and prints it once
    token = ensure_token(obj.store, str(obj.settings["token"]) or None)
    if workers == 1:
        app = create_app(obj.store, token=token)
        settle_gc()
        serve_one(app, host, port, announce)
        return
    # the workers are new processes: they learn the store and the token (made once, here) from the environment
    saved = {k: os.environ.get(k) for k in (WORKER_DB_ENV, "ONRECORD_TOKEN")}
    os.environ[WORKER_DB_ENV] = str(obj.settings["db"])
    os.environ["ONRECORD_TOKEN"] = token
    try:
        serve_workers(workers, host, port, announce=announce)  # each worker listens on the port (SO_REUSEPORT)
    finally:
        for k, v in saved.items():  # as it was for whatever runs next in this process
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return "unknown"


def _version(store: SQLiteStore, table: str, record_id: str, given: int | None) -> int:
    """The version the edit is made on: the one given, else the record's current one."""
    if given is not None:
        return given
    rows = store.query(f"SELECT version FROM {table} WHERE id = ?", (record_id,))
    return int(rows[0]["version"]) if rows else 1


def _show_change(entry: dict[str, Any], fmt: str) -> None:
    def text(e: dict[str, Any]) -> str:
        after = e["after"] or {}
        version = after.get("version") or (after.get("keep") or after.get("person") or {}).get("version")
        return (f"{e['action']}: {e['target_type']} {e['target_id']} now at version {version} "
                f"(audit #{e['id']} by {e['who']} at {e['at']})")

    _out(entry, fmt, text)


WHO = click.option("--who", default=None, help="Who makes the change, for the audit log (default: the OS user).")
REASON = click.option("--reason", default="", help="Why (kept in the audit log).")
FMT = click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help=FORMAT_HELP)


@main.group(help="Correct what the pipeline got wrong; every change is kept in the audit log.")
def review() -> None:
    pass


@review.command("speaker", help="Attribute a quote to another person.")
@click.argument("quote_id")
@click.argument("person_id")
@click.option("--expected-version", type=int, help="The quote's version you read (default: its current one).")
@WHO
@REASON
@FMT
@click.pass_obj
@handles_errors
def review_speaker(obj: Ctx, quote_id: str, person_id: str, expected_version: int | None, who: str | None,
                   reason: str, fmt: str) -> None:
    store = obj.open(write=True)
    entry = review_mod.set_quote_speaker(store, quote_id, person_id, who=who or _os_user(), reason=reason,
                                         expected_version=_version(store, "quotes", quote_id, expected_version))
    _show_change(entry, fmt)


@review.command("merge", help="Merge person MERGE_ID into KEEP_ID (its names become aliases of KEEP_ID).")
@click.argument("keep_id")
@click.argument("merge_id")
@click.option("--expected-version", type=int, help="KEEP_ID's version you read (default: its current one).")
@click.option("--expected-merge-version", type=int, help="MERGE_ID's version you read (default: not checked).")
@WHO
@REASON
@FMT
@click.pass_obj
@handles_errors
def review_merge(obj: Ctx, keep_id: str, merge_id: str, expected_version: int | None,
                 expected_merge_version: int | None, who: str | None, reason: str, fmt: str) -> None:
    entry = review_mod.merge_people(obj.open(write=True), keep_id, merge_id, who=who or _os_user(), reason=reason,
                                    expected_version=_version(obj.store, "people", keep_id, expected_version),
                                    expected_merge_version=expected_merge_version)
    _show_change(entry, fmt)


@review.command("split", help="Take ALIAS off a person and make it a new person, with the quotes it names.")
@click.argument("person_id")
@click.argument("alias")
@click.option("--expected-version", type=int, help="The person's version you read (default: its current one).")
@WHO
@REASON
@FMT
@click.pass_obj
@handles_errors
def review_split(obj: Ctx, person_id: str, alias: str, expected_version: int | None, who: str | None, reason: str,
                 fmt: str) -> None:
    entry = review_mod.split_alias(obj.open(write=True), person_id, alias, who=who or _os_user(), reason=reason,
                                   expected_version=_version(obj.store, "people", person_id, expected_version))
    _show_change(entry, fmt)


@review.command("stance", help="Override a quote's stance on an issue (it holds through every re-analysis).")
@click.argument("quote_id")
@click.argument("issue_name")
@click.argument("stance", type=click.Choice(["support", "oppose", "neutral", "none"]))
@click.option("--reason", required=True, help="Why the label is wrong (kept with the label and in the audit log).")
@click.option("--expected-version", type=int, help="The quote's version you read (default: its current one).")
@WHO
@FMT
@click.pass_obj
@handles_errors
def review_stance(obj: Ctx, quote_id: str, issue_name: str, stance: str, reason: str, expected_version: int | None,
                  who: str | None, fmt: str) -> None:
    store = obj.open(write=True)
    entry = review_mod.override_stance(store, quote_id, issue_name, stance, reason, who=who or _os_user(),
                                       expected_version=_version(store, "quotes", quote_id, expected_version))
    _show_change(entry, fmt)


@review.command("audit", help="The audit log of corrections, newest first.")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True,
              help="How many of the latest corrections to list (1 or more).")
@FMT
@click.pass_obj
@handles_errors
def review_audit(obj: Ctx, limit: int, fmt: str) -> None:
    rows = review_mod.audit_log(obj.store, limit=limit)

    def show(rs: list[dict[str, Any]]) -> str:
        return "\n".join(f"#{r['id']} {r['at']} {r['who']}: {r['action']} {r['target_type']} {r['target_id']}"
                         + (f" ({r['reason']})" if r["reason"] else "") for r in rs) or "(no corrections yet)"

    _out(rows, fmt, show)


@main.command(help="Upgrade the database schema to this version of onrecord; with --to, copy the whole store "
              "(corrections and audit log included) into another, empty one, and check the counts.")
@click.option("--to", "target", default=None, metavar="URL",
              help="The store to copy into, such as postgresql://user:password@host/db (it must be empty).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help=FORMAT_HELP)
@click.pass_obj
@handles_errors
def migrate(obj: Ctx, target: str | None, fmt: str) -> None:
    version = obj.store.migrate()
    if target is None:
        _out({"schema_version": version}, fmt, lambda r: f"schema version {r['schema_version']}")
        return
    from tqdm import tqdm

    from .store.copy import TABLES, copy_store, count_rows

    into = open_store(target, create=True)
    try:
        total = sum(count_rows(obj.store, t) for t, _ in TABLES)
        with tqdm(total=total, unit="row", desc="copying", disable=not obj.settings["progress"]) as bar:
            report = copy_store(obj.store, into, progress=lambda _table, n: bar.update(n))
    finally:
        into.close()
    out = {"from": redacted(str(obj.settings["db"])), "to": redacted(target), **report.as_dict()}
    _out(out, fmt, lambda r: f"copied {r['from']} into {r['to']}; rows per table (all counted again there):\n"
         + "\n".join(f"  {t:20} {c['target']}" for t, c in r["tables"].items()))


@main.command(help="Show every setting, its value and where it is documented.")
@click.pass_obj
def settings(obj: Ctx) -> None:
    for s in SETTINGS:
        value = obj.settings[s.name]
        shown = "'(set, hidden)'" if s.name in {"token", "llm_key"} and value else \
            repr(redacted(value)) if s.name == "db" else repr(value)
        click.echo(f"{s.name} = {shown}   ({s.env}; {s.help})")


if __name__ == "__main__":  # pragma: no cover
    main()
