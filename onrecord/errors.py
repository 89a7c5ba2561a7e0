"""Errors with stable codes and one JSON shape.

Every error onrecord raises on purpose is an :class:`OnrecordError` with a code
(``E101``) that users can search for; :meth:`OnrecordError.to_json` is the one
error shape used by the CLI and the API: ``{"ok": false, "error": {...}}``.
"""

from __future__ import annotations

from typing import Any

CODES: dict[str, str] = {
    "E100": "article failed inside the pipeline",
    "E101": "file not found",
    "E102": "file is empty",
    "E103": "file is not UTF-8 text",
    "E104": "file looks binary",
    "E105": "file is too large",
    "E106": "HTML page has no article body",
    "E107": "JSON Lines record is invalid",
    "E108": "unsupported input type",
    "E109": "register is not valid Popolo JSON",
    "E110": "article exceeds a work limit (quote marks, a run without spaces, a paragraph or a sentence)",
    "E113": "article ran past its time limit",
    "E111": "file cannot be read (permission denied or another OS error)",
    "E112": "not a regular file (a FIFO, socket or device, or a symlink that loops or points nowhere)",
    "E120": "URL is not one onrecord fetches (not http or https, no host, or credentials in it)",
    "E121": "URL points at a private, loopback or reserved address",
    "E122": "URL cannot be fetched (DNS, connection, TLS or time limit)",
    "E123": "response is too large or cannot be decompressed",
    "E124": "server answered with an HTTP error",
    "E125": "response has a content type onrecord does not read there",
    "E126": "too many redirects",
    "E127": "not a feed or sitemap",
    "E128": "not a readable WARC file",
    "E129": "robots.txt does not allow fetching this URL",
    "E130": "Dask scheduler unreachable, or without workers",
    "E131": "optional dependency not installed",
    "E201": "storage URL not understood",
    "E202": "database schema is newer than this onrecord",
    "E203": "database schema is old: run `onrecord --db DB migrate`",
    "E204": "no database at this path",
    "E205": "not a SQLite database",
    "E206": "database path is a directory",
    "E207": "database is read-only",
    "E208": "database cannot be opened or created",
    "E209": "store cannot be copied",
    "E210": "too many articles for one day",
    "E301": "not found (issue, person, article or party)",
    "E302": "gold file is invalid",
    "E401": "setting is invalid",
    "E402": "unknown registry name",
    "E409": "stale edit: the record changed since you read it",
    "E410": "write token missing or wrong",
    "E411": "correction is invalid",
    "E501": "language model not installed",
    "E601": "the web server cannot listen on its address, or its worker processes keep stopping",
}


STATUS: dict[str, int] = {"E101": 404, "E301": 404, "E202": 409, "E203": 409, "E409": 409, "E410": 401,
                          "E501": 500, "E204": 404, "E205": 500, "E206": 500, "E207": 503, "E208": 500}


class OnrecordError(Exception):
    """An expected failure with a stable code, a message and a hint for the user."""

    status: int = 400

    def __init__(self, code: str, message: str, *, hint: str = "", path: str | None = None) -> None:
        if code not in CODES:
            raise ValueError(f"unknown error code {code}")
        self.code = code
        self.message = message
        self.hint = hint
        self.path = path
        self.status = STATUS.get(code, 400)
        super().__init__(f"[{code}] {message}")

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled whole (code, message, hint, path and a subclass's own fields), as a worker process sends it."""
        return _rebuild, (type(self), dict(self.__dict__))

    def to_json(self) -> dict[str, Any]:
        err: dict[str, Any] = {"code": self.code, "title": CODES[self.code], "message": self.message}
        if self.hint:
            err["hint"] = self.hint
        if self.path is not None:
            err["path"] = self.path
        return {"ok": False, "error": err, "status": self.status}


def first_line(exc: BaseException) -> str:
    """The first line of an exception's message (a database driver's runs on with detail), or its type's name."""
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _rebuild(cls: type[OnrecordError], state: dict[str, Any]) -> OnrecordError:
    err = cls.__new__(cls)
    Exception.__init__(err, f"[{state.get('code')}] {state.get('message')}")
    err.__dict__.update(state)
    return err
