"""Settings precedence and validation; every setting and error code is documented; the error shape."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from onrecord.errors import CODES, OnrecordError
from onrecord.settings import SETTINGS, load_settings

DOCS = Path(__file__).resolve().parents[1] / "docs" / "settings.md"


def write_toml(path: Path, body: str) -> Path:
    path.write_text(body, "utf-8")
    return path


@pytest.fixture
def no_cwd_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in an empty folder so that no onrecord.toml is picked up by accident."""
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    return cwd


def test_defaults(no_cwd_file: Path) -> None:
    assert load_settings(cli={}, env={}) == {s.name: s.default for s in SETTINGS}


@pytest.mark.parametrize(
    ("cli", "env", "file", "expected"),
    [
        pytest.param(None, None, None, 32, id="default"),
        pytest.param(None, None, 8, 8, id="file-over-default"),
        pytest.param(None, "16", 8, 16, id="env-over-file"),
        pytest.param(4, "16", 8, 4, id="cli-over-env"),
        pytest.param(4, None, 8, 4, id="cli-over-file"),
        pytest.param(4, None, None, 4, id="cli-over-default"),
        pytest.param(None, "16", None, 16, id="env-over-default"),
    ],
)
def test_precedence(no_cwd_file: Path, tmp_path: Path, cli: int | None, env: str | None, file: int | None,
                    expected: int) -> None:
    config = write_toml(tmp_path / "conf.toml", "[onrecord]\n" + (f"batch_size = {file}\n" if file else ""))
    got = load_settings(cli={"batch_size": cli}, env={"ONRECORD_BATCH_SIZE": env} if env else {},
                        config_file=config)
    assert got["batch_size"] == expected
    assert isinstance(got["batch_size"], int)


def test_precedence_is_per_setting(no_cwd_file: Path, tmp_path: Path) -> None:
    config = write_toml(tmp_path / "conf.toml",
                        '[onrecord]\ndb = "file.db"\nextractor = "file.v1"\nstance_model = "file.v1"\n')
    got = load_settings(cli={"db": "cli.db", "extractor": None},
                        env={"ONRECORD_EXTRACTOR": "env.v1", "ONRECORD_DB": "env.db"}, config_file=config)
    assert (got["db"], got["extractor"], got["stance_model"], got["spacy_model"]) == (
        "cli.db", "env.v1", "file.v1", "")


def test_onrecord_toml_in_cwd_is_read(no_cwd_file: Path) -> None:
    write_toml(no_cwd_file / "onrecord.toml", "[onrecord]\nmax_article_bytes = 1000\n")
    assert load_settings(cli={}, env={})["max_article_bytes"] == 1000


def test_environment_defaults_to_os_environ(no_cwd_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ONRECORD_DB", "from-env.db")
    assert load_settings()["db"] == "from-env.db"


@pytest.mark.parametrize(("raw", "expected"), [("1", True), ("true", True), ("Yes", True), ("on", True),
                                               ("0", False), ("false", False), ("no", False), ("OFF", False)])
def test_bool_from_environment(no_cwd_file: Path, raw: str, expected: bool) -> None:
    assert load_settings(env={"ONRECORD_PROGRESS": raw})["progress"] is expected


@pytest.mark.parametrize(
    ("env", "file"),
    [
        pytest.param({"ONRECORD_BATCH_SIZE": "lots"}, None, id="env-int-word"),
        pytest.param({"ONRECORD_MAX_ARTICLE_BYTES": "2MB"}, None, id="env-int-unit"),
        pytest.param({"ONRECORD_PROGRESS": "maybe"}, None, id="env-bool-word"),
        pytest.param({}, 'batch_size = "many"\n', id="file-int-word"),
        pytest.param({}, "batch_size = [1, 2]\n", id="file-int-list"),
        pytest.param({}, 'progress = "sometimes"\n', id="file-bool-word"),
        pytest.param({}, "progress = 5\n", id="file-bool-number"),
        pytest.param({}, "batch_size = true\n", id="file-int-bool"),
        pytest.param({}, "max_article_bytes = 1.0005e3\n", id="file-int-float"),
        pytest.param({}, "batch_size = 2.5\n", id="file-int-fraction"),
    ],
)
def test_invalid_value_is_e401(no_cwd_file: Path, tmp_path: Path, env: dict[str, str], file: str | None) -> None:
    config = write_toml(tmp_path / "conf.toml", "[onrecord]\n" + (file or ""))
    with pytest.raises(OnrecordError) as info:
        load_settings(cli={}, env=env, config_file=config)
    assert info.value.code == "E401"


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        pytest.param("[onrecord]\nbatch_sise = 4\n", "batch_sise", id="unknown-key"),
        pytest.param("[onrecord]\nbatch_size = \n", "conf.toml", id="not-toml"),
        pytest.param("onrecord = 5\n", "[onrecord]", id="onrecord-not-a-table"),
    ],
)
def test_bad_settings_file_is_e401(no_cwd_file: Path, tmp_path: Path, body: str, needle: str) -> None:
    config = write_toml(tmp_path / "conf.toml", body)
    with pytest.raises(OnrecordError) as info:
        load_settings(cli={}, env={}, config_file=config)
    assert info.value.code == "E401"
    assert needle in info.value.message
    assert info.value.path == str(config)


def test_missing_settings_file_is_e401(no_cwd_file: Path, tmp_path: Path) -> None:
    with pytest.raises(OnrecordError) as info:
        load_settings(cli={}, env={}, config_file=tmp_path / "absent.toml")
    assert info.value.code == "E401"


@pytest.mark.parametrize(("body", "expected"), [("progress = false\n", {"progress": False}),
                                               ('progress = "off"\n', {"progress": False}),
                                               ("batch_size = 8.0\n", {"batch_size": 8}),
                                               ('batch_size = "8"\n', {"batch_size": 8})])
def test_valid_values_from_the_file(no_cwd_file: Path, tmp_path: Path, body: str,
                                    expected: dict[str, Any]) -> None:
    got = load_settings(cli={}, env={}, config_file=write_toml(tmp_path / "conf.toml", "[onrecord]\n" + body))
    assert {k: got[k] for k in expected} == expected
    assert all(type(got[k]) is type(v) for k, v in expected.items())


def test_other_tables_in_the_file_are_ignored(no_cwd_file: Path, tmp_path: Path) -> None:
    config = write_toml(tmp_path / "conf.toml", "[tool.other]\nbatch_size = 1\n\n[onrecord]\nbatch_size = 2\n")
    assert load_settings(cli={}, env={}, config_file=config)["batch_size"] == 2


# ------------------------------------------------------------------ documentation


def _doc_table_names() -> set[str]:
    return set(re.findall(r"^\|\s*`([a-z_]+)`\s*\|", DOCS.read_text("utf-8"), flags=re.MULTILINE))


def _doc_codes() -> set[str]:
    return set(re.findall(r"^\|\s*(E\d{3})\s*\|", DOCS.read_text("utf-8"), flags=re.MULTILINE))


@pytest.mark.parametrize("setting", [s.name for s in SETTINGS])
def test_setting_is_documented(setting: str) -> None:
    assert setting in _doc_table_names(), f"{setting} is missing from docs/settings.md"


def test_documented_settings_exist() -> None:
    assert _doc_table_names() == {s.name for s in SETTINGS}


@pytest.mark.parametrize("code", sorted(CODES))
def test_error_code_is_documented(code: str) -> None:
    assert code in _doc_codes(), f"{code} is missing from docs/settings.md"


def test_documented_codes_exist() -> None:
    assert _doc_codes() == set(CODES)


# ------------------------------------------------------------------ the error shape


@pytest.mark.parametrize(
    ("kwargs", "extra"),
    [
        pytest.param({}, set(), id="bare"),
        pytest.param({"hint": "try this"}, {"hint"}, id="hint"),
        pytest.param({"path": "a/b.txt"}, {"path"}, id="path"),
        pytest.param({"hint": "try this", "path": "a/b.txt"}, {"hint", "path"}, id="hint-and-path"),
    ],
)
def test_error_to_json(kwargs: dict[str, Any], extra: set[str]) -> None:
    exc = OnrecordError("E103", "x.txt: not UTF-8", **kwargs)
    data = exc.to_json()
    assert set(data) == {"ok", "error", "status"}
    assert data["ok"] is False
    assert isinstance(data["status"], int)
    assert set(data["error"]) == {"code", "title", "message"} | extra
    assert data["error"]["code"] == "E103"
    assert data["error"]["title"] == CODES["E103"]
    assert data["error"]["message"] == "x.txt: not UTF-8"
    for key in extra:
        assert data["error"][key] == kwargs[key]
    assert str(exc) == "[E103] x.txt: not UTF-8"


def test_unknown_error_code_is_refused() -> None:
    with pytest.raises(ValueError):
        OnrecordError("E999", "no such code")


@pytest.mark.parametrize("name", ["token", "llm_key"])
def test_settings_command_hides_secrets(no_cwd_file: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    from click.testing import CliRunner

    from onrecord.cli import main

    monkeypatch.setenv("ONRECORD_" + name.upper(), "s3cret-value")
    result = CliRunner().invoke(main, ["settings"])
    assert result.exit_code == 0, result.output
    assert "s3cret-value" not in result.output and name in result.output and "(set, hidden)" in result.output
