"""``onrecord serve --workers N``: N server processes, each with a listening socket of its own on one port.

uvicorn's own multi-process mode has its workers accept from one shared socket. A worker woken for a new connection
accepts every connection waiting, so clients that connect together (a browser's six connections, a proxy's pool, the
twenty clients of ``benchmarks/bench_serve.py``) mostly land on one worker, which then serves them all while the
others idle: measured here, 19 of 20 connections opened at once went to one of two workers, and the serving rate was
that of one process. Here each worker binds the port itself with ``SO_REUSEPORT`` and the kernel spreads the
connections over the workers' sockets. The parent binds the port first (without listening: no connection goes to
it) so that the port is known and held, starts the workers, starts again one that dies, and stops them all on
SIGINT or SIGTERM. Where the system has no ``SO_REUSEPORT`` (Windows), uvicorn's own mode is used.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import socket
import time
from collections.abc import Callable
from typing import Any

from ..errors import OnrecordError

APP = "onrecord.serve.app:worker_app"
BACKLOG = 2048
RESTARTS = 5  # a worker that dies this many times within RESTART_WINDOW seconds of its start stops the server
RESTART_WINDOW = 10.0


def reuse_port_available() -> bool:
    return hasattr(socket, "SO_REUSEPORT") and os.name == "posix"


def _socket(host: str, port: int, *, shared: bool = True) -> socket.socket:
    """A TCP socket bound to ``host:port`` that shares the port with the other workers' (SO_REUSEPORT; not when
    ``shared`` is false: one process alone)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if shared:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise OnrecordError("E601", f"cannot listen on {host}:{port}: {exc}",
                            hint="choose another --port, or stop what uses it") from exc
    return sock


def _worker(host: str, port: int, log_level: str) -> None:  # pragma: no cover - runs in the worker process
    import uvicorn

    sock = _socket(host, port)
    sock.listen(BACKLOG)
    config = uvicorn.Config(APP, factory=True, log_level=log_level, backlog=BACKLOG)
    uvicorn.Server(config).run(sockets=[sock])


def serve_one(app: Any, host: str, port: int, announce: Callable[[int], None],
              log_level: str = "warning") -> None:
    """Serve ``app`` in this process on ``host:port``; ``announce`` is told the port first (port 0: the one the
    system picked)."""
    import uvicorn

    sock = _socket(host, port, shared=False)
    announce(int(sock.getsockname()[1]))
    sock.listen(BACKLOG)
    uvicorn.Server(uvicorn.Config(app, log_level=log_level, backlog=BACKLOG)).run(sockets=[sock])


def run(workers: int, host: str, port: int, log_level: str = "warning",
        announce: Callable[[int], None] = lambda port: None) -> None:
    """Serve :data:`APP` from ``workers`` processes on ``host:port`` until SIGINT or SIGTERM (the environment the
    app reads, ONRECORD_SERVE_DB and ONRECORD_TOKEN, is set by the caller and inherited by the workers);
    ``announce`` is told the port before they start (port 0: the one the system picked)."""
    if not reuse_port_available():  # pragma: no cover - not on this system
        import uvicorn

        announce(port)
        uvicorn.run(APP, factory=True, workers=workers, host=host, port=port, log_level=log_level)
        return
    held = _socket(host, port)  # the port, known (port 0: one the system picks) and held; it never listens
    port = int(held.getsockname()[1])
    announce(port)
    ctx = multiprocessing.get_context("spawn")
    stopping = False

    def start() -> tuple[Any, float]:
        p = ctx.Process(target=_worker, args=(host, port, log_level), daemon=True)
        p.start()
        return p, time.monotonic()

    def stop(signum: int, _frame: Any) -> None:
        nonlocal stopping
        stopping = True

    previous = {s: signal.signal(s, stop) for s in (signal.SIGINT, signal.SIGTERM)}
    procs = [start() for _ in range(workers)]
    early_deaths: list[float] = []
    try:
        while not stopping:
            time.sleep(0.2)
            for i, (p, started) in enumerate(procs):
                if p.is_alive() or stopping:
                    continue
                now = time.monotonic()
                if now - started < RESTART_WINDOW:
                    early_deaths = [t for t in early_deaths if now - t < RESTART_WINDOW] + [now]
                    if len(early_deaths) >= RESTARTS:
                        raise OnrecordError("E601", f"the server's worker processes keep stopping (exit code "
                                                    f"{p.exitcode})", hint="see the messages above")
                procs[i] = start()
    finally:
        for p, _ in procs:
            if p.is_alive() and p.pid is not None:
                os.kill(p.pid, signal.SIGTERM)  # uvicorn's own way out: finish what is in flight
        deadline = time.monotonic() + 15
        for p, _ in procs:
            p.join(max(0.0, deadline - time.monotonic()))
            if p.is_alive():
                p.kill()
                p.join()
        held.close()
        for s, handler in previous.items():
            signal.signal(s, handler)
