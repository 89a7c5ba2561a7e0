"""The command line when something is wrong (issue 18): an unreadable or odd file in a folder fails alone, a
mistyped or unusable ``--db`` is a coded error (never a new empty store, never a traceback), report lines
cannot be forged by file names, exit codes say what happened and every option has help."""

from __future__ import annotations

import errno
import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner, Result

from onrecord import query
from onrecord.cli import EXIT_CODES, main, printable
from onrecord.errors import OnrecordError
from onrecord.store import open_store
from onrecord.store import sqlite as sqlite_store

README = Path(__file__).resolve().parents[1] / "README.md"
GOOD = ("Vape row at Westminster\n\n"
        "Jane Smith, a Labour MP, said: “We need a ban on disposable vapes now. They are poisoning our children.”\n")
OTHER = ("Bus fares frozen\n\n"
         "Mark Bellamy, a Conservative MP, said: “Freezing fares is the right thing to do for commuters.”\n")


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)  # no stray onrecord.toml, and a default onrecord.db would land here
    for name in ("ONRECORD_DB", "ONRECORD_MAX_ARTICLE_BYTES", "ONRECORD_PROGRESS"):
        monkeypatch.delenv(name, raising=False)


def run(db: Path | str, *args: str) -> Result:
    return CliRunner().invoke(main, ["--db", str(db), "--no-progress", *args])


def coded(result: Result, code: str, exit_code: int = 2) -> str:
    """The stderr of a command that ended with the coded error ``code``, no traceback."""
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == exit_code, result.output
    assert "Traceback" not in result.output
    if result.stderr.startswith("{"):  # --format json (export's default): the one error shape
        err = json.loads(result.stderr)["error"]
        assert err["code"] == code and err["hint"], err
    else:
        assert result.stderr.startswith(f"error [{code}] "), result.stderr
        assert "  hint: " in result.stderr
    return result.stderr


def report(result: Result) -> dict[str, Any]:
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def stored_sources(db: Path) -> set[str]:
    s = open_store(str(db), create=False)
    try:
        return {Path(a.source).name for a in s.articles()}
    finally:
        s.close()


# ------------------------------------------------------------------ item 1: an unreadable file fails alone


def _deny_open(monkeypatch: pytest.MonkeyPatch, bad: Path) -> None:
    """Opening ``bad`` fails as it does for a file without read permission (what chmod 000 does, but root too)."""
    real = Path.open

    def fake_open(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self.name == bad.name:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", fake_open)


def _chmod_000(monkeypatch: pytest.MonkeyPatch, bad: Path) -> None:
    bad.write_text(OTHER, "utf-8")
    bad.chmod(0)  # its mode is put back by the test


def _fifo(monkeypatch: pytest.MonkeyPatch, bad: Path) -> None:
    bad.unlink()
    os.mkfifo(bad)  # opening it for reading would wait for a writer for ever


def _broken_symlink(monkeypatch: pytest.MonkeyPatch, bad: Path) -> None:
    bad.unlink()
    bad.symlink_to(bad.parent / "gone.txt")


def _self_symlink(monkeypatch: pytest.MonkeyPatch, bad: Path) -> None:
    bad.unlink()
    bad.symlink_to(bad.name)  # points at itself: ELOOP


UNREADABLE = [
    pytest.param(_deny_open, "E111", id="permission-denied"),
    pytest.param(_chmod_000, "E111", id="chmod-000", marks=pytest.mark.skipif(
        hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads a file whatever its mode")),
    pytest.param(_fifo, "E112", id="fifo"),
    pytest.param(_broken_symlink, "E112", id="broken-symlink"),
]


@pytest.mark.parametrize(("make_bad", "code"), UNREADABLE)
def test_unreadable_file_in_folder_fails_alone(tmp_path: Path, make_bad: Callable[[pytest.MonkeyPatch, Path], None],
                                               code: str) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a_good.txt").write_text(GOOD, "utf-8")
    bad = folder / "b_bad.txt"
    bad.write_text(OTHER, "utf-8")
    try:
        with pytest.MonkeyPatch.context() as mp:
            make_bad(mp, bad)
            result = run(tmp_path / "news.db", "ingest", str(folder), "--format", "json")
    finally:
        if not bad.is_symlink() and bad.exists():
            bad.chmod(0o644)
    data = report(result)
    assert data["counts"] == {"ok": 1, "empty": 0, "duplicate": 0, "failed": 1}
    (failure,) = data["failures"]
    assert failure["code"] == code and failure["source"] == str(bad) and str(bad) in failure["message"]
    assert result.exit_code == 3  # some failed
    assert stored_sources(tmp_path / "news.db") == {"a_good.txt"}  # the readable file beside it is stored


def test_unreadable_file_error_names_the_reason(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "locked.txt"
    bad.write_text(GOOD, "utf-8")
    _deny_open(monkeypatch, bad)
    result = run(tmp_path / "news.db", "ingest", str(bad))
    assert result.exit_code == 4 and "Traceback" not in result.output
    assert f"failed [E111] {bad}: cannot read it (Permission denied)" in result.stderr


def test_self_symlink_in_folder_is_counted_as_failed(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a_good.txt").write_text(GOOD, "utf-8")
    loop = folder / "loop.txt"
    loop.symlink_to("loop.txt")
    data = report(run(tmp_path / "news.db", "ingest", str(folder), "--format", "json"))
    assert data["counts"]["ok"] == 1 and data["counts"]["failed"] == 1
    assert data["failures"][0]["code"] == "E112" and data["failures"][0]["source"] == str(loop)


# ------------------------------------------------------------------ item 3: a missing --db is not created by reads

READS = [["quotes"], ["people"], ["board"], ["issue", "list"], ["export"], ["review", "audit"], ["migrate"],
         ["serve", "--workers", "1"], ["issue", "add", "a ban on vapes"], ["review", "speaker", "q1", "p1"]]


@pytest.mark.parametrize("args", READS, ids=lambda a: "-".join(a[:2]))
def test_read_command_on_missing_db_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               args: list[str]) -> None:
    import uvicorn

    def no_server(*a: Any, **k: Any) -> None:
        raise AssertionError("the server started on a database that is not there")

    monkeypatch.setattr(uvicorn, "run", no_server)
    monkeypatch.setattr(uvicorn.Server, "run", no_server)
    db = tmp_path / "typo" / "newz.db"
    err = coded(run(db, *args), "E204")
    assert str(db) in err and "init" in err
    assert not db.exists() and not db.parent.exists(), "nothing was created"


def test_missing_db_error_in_json(tmp_path: Path) -> None:
    db = tmp_path / "newz.db"
    result = run(db, "quotes", "--format", "json")
    assert result.exit_code == 2 and result.stdout == ""
    err = json.loads(result.stderr)["error"]
    assert err["code"] == "E204" and err["path"] == str(db) and err["hint"]
    assert not db.exists()


def test_a_missing_default_db_is_not_created_by_a_read(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["quotes"])
    coded(result, "E204")
    assert not (tmp_path / "onrecord.db").exists()


@pytest.mark.parametrize("creator", [["init"], ["ingest", "a.txt"]])
def test_init_and_ingest_create_the_db(tmp_path: Path, creator: list[str]) -> None:
    (tmp_path / "a.txt").write_text(GOOD, "utf-8")
    db = tmp_path / "deep" / "er" / "news.db"
    result = run(db, *creator)
    assert result.exit_code == 0, result.output
    assert db.is_file()
    assert run(db, "quotes").exit_code == 0


def test_init_says_whether_it_created(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    first = json.loads(run(db, "init", "--format", "json").stdout)
    again = json.loads(run(db, "init", "--format", "json").stdout)
    assert (first["created"], again["created"]) == (True, False)
    assert first["schema_version"] == again["schema_version"] == sqlite_store.SCHEMA_VERSION
    assert run(db, "init").stdout.startswith(f"already there: {db}")


# ------------------------------------------------------------------ item 4: a --db that cannot be a database


def _text_file(p: Path) -> None:
    p.write_text("not a database, just some notes\n", "utf-8")


def _garbled(p: Path) -> None:
    p.write_bytes(b"SQLite format 3\x00" + b"\xff" * 200)


def _directory(p: Path) -> None:
    p.mkdir()


@pytest.mark.parametrize(("make", "code"), [pytest.param(_text_file, "E205", id="text-file"),
                                            pytest.param(_garbled, "E205", id="garbled-sqlite"),
                                            pytest.param(_directory, "E206", id="directory")])
@pytest.mark.parametrize("args", [["quotes"], ["init"], ["ingest", "a.txt"], ["issue", "add", "x"]],
                         ids=lambda a: a[0])
def test_db_that_is_not_a_database_is_a_coded_error(tmp_path: Path, make: Callable[[Path], None], code: str,
                                                    args: list[str]) -> None:
    (tmp_path / "a.txt").write_text(GOOD, "utf-8")
    db = tmp_path / "notes.db"
    make(db)
    before = db.read_bytes() if db.is_file() else None
    err = coded(run(db, *args), code)
    assert str(db) in err
    assert (db.read_bytes() if db.is_file() else None) == before, "left as it was"


def _chmod_read_only(monkeypatch: pytest.MonkeyPatch, db: Path) -> None:
    db.chmod(0o444)


def _not_writable(monkeypatch: pytest.MonkeyPatch, db: Path) -> None:
    """What os.access says of a read-only file to anyone but root: the store opens it read-only (mode=ro), so
    SQLite itself refuses every write."""
    monkeypatch.setattr(sqlite_store, "_writable", lambda path: False)


READ_ONLY = [
    pytest.param(_not_writable, id="not-writable"),
    pytest.param(_chmod_read_only, id="chmod-444", marks=pytest.mark.skipif(
        hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes a file whatever its mode")),
]


@pytest.mark.parametrize("make_read_only", READ_ONLY)
def test_read_only_db_reads_and_refuses_writes_with_a_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           make_read_only: Callable[..., None]) -> None:
    (tmp_path / "a.txt").write_text(GOOD, "utf-8")
    (tmp_path / "b.txt").write_text(OTHER, "utf-8")
    db = tmp_path / "news.db"
    assert run(db, "ingest", "a.txt").exit_code == 0
    make_read_only(monkeypatch, db)
    try:
        before = db.read_bytes()
        quotes = run(db, "quotes", "--format", "json")
        assert quotes.exit_code == 0 and json.loads(quotes.stdout), "reading works"
        for args in (["ingest", "b.txt"], ["issue", "add", "a ban on vapes"]):
            err = coded(run(db, *args), "E207")
            assert str(db) in err and "read-only" in err
        # below the CLI's early refusal: a write SQLite itself refuses is the same coded error
        store = open_store(str(db), create=False)
        try:
            assert store.read_only
            with pytest.raises(OnrecordError) as exc:
                store.set_meta("x", 1)
            assert exc.value.code == "E207" and exc.value.path == str(db)
        finally:
            store.close()
        assert db.read_bytes() == before
    finally:
        db.chmod(0o644)


# ------------------------------------------------------------------ item 6: names cannot forge report lines


@pytest.mark.parametrize("trick", ["\n", "\r", "\u2028", "\x1b[1A\x1b[2K"], ids=["LF", "CR", "LS", "ANSI"])
def test_file_name_cannot_forge_report_lines(tmp_path: Path, trick: str) -> None:
    name = f"x{trick}  failed [E000] everything is fine.txt"
    (tmp_path / name).write_bytes(b"")  # empty: a failure, reported with the name
    result = run(tmp_path / "news.db", "ingest", str(tmp_path / name))
    assert result.exit_code == 4
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("  failed [E102] ")
    assert trick not in lines[0] and printable(trick) in lines[0]


def test_printable_escapes_what_a_terminal_would_act_on() -> None:
    assert printable("plain name é.txt") == "plain name é.txt"
    assert printable("a\nb\\c\td\x1b") == "a\\nb\\\\c\\td\\x1b"


# ------------------------------------------------------------------ item 7: limits, exit codes, help


@pytest.mark.parametrize("args", [["quotes", "--limit", "-1"], ["quotes", "--limit", "0"],
                                  ["review", "audit", "--limit", "-5"]])
def test_negative_limit_is_refused(tmp_path: Path, args: list[str]) -> None:
    db = tmp_path / "news.db"
    assert run(db, "init").exit_code == 0
    result = run(db, *args)
    assert result.exit_code == 2 and "--limit" in result.stderr and "Traceback" not in result.output


def test_negative_limit_is_refused_by_the_library(tmp_path: Path) -> None:
    s = open_store(":memory:")
    with pytest.raises(OnrecordError) as exc:
        query.quotes(s, limit=-1)
    assert exc.value.code == "E401" and "limit" in exc.value.message


@pytest.mark.parametrize(("files", "counts", "code"), [
    pytest.param({"a.txt": GOOD, "b.txt": OTHER}, {"ok": 2, "failed": 0}, 0, id="all-ok"),
    pytest.param({"a.txt": GOOD, "b.txt": ""}, {"ok": 1, "failed": 1}, 3, id="some-failed"),
    pytest.param({"a.txt": "", "b.md": "notes"}, {"ok": 0, "failed": 2}, 4, id="all-failed"),
])
def test_ingest_exit_code_says_what_happened(tmp_path: Path, files: dict[str, str], counts: dict[str, int],
                                             code: int) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, "utf-8")
    result = run(tmp_path / "news.db", "ingest", str(folder), "--format", "json")
    assert result.exit_code == code, result.output
    assert {k: report(result)["counts"][k] for k in counts} == counts
    again = run(tmp_path / "news.db", "ingest", str(folder / "a.txt"))  # a duplicate is not a failure
    assert again.exit_code == (0 if files["a.txt"] else 4)


def _options(cmd: click.Command, path: str) -> list[tuple[str, click.Option]]:
    out = [(path, p) for p in cmd.params if isinstance(p, click.Option)]
    if isinstance(cmd, click.Group):
        for name, sub in cmd.commands.items():
            out += _options(sub, f"{path} {name}")
    return out


def test_every_cli_option_has_help() -> None:
    missing = [f"{path} {'/'.join(opt.opts)}" for path, opt in _options(main, "onrecord")
               if not (opt.help or "").strip()]
    assert not missing, f"options without help: {missing}"


def test_exit_codes_are_documented() -> None:
    assert set(EXIT_CODES) == {0, 1, 2, 3, 4}
    shown = CliRunner().invoke(main, ["--help"]).output
    readme = README.read_text("utf-8")
    for code in EXIT_CODES:
        assert re.search(rf"\b{code} ", " ".join(shown.split())), code
        assert re.search(rf"^\| {code} \|", readme, flags=re.MULTILINE), f"exit code {code} missing from README"
