"""Tools to test counters against a real central service (used by tests and bench).

- ``fresh_pg_database``: a throw-away PostgreSQL database on the test cluster;
- ``CentralProcess``: ``python -m central serve`` in a subprocess, restartable on the
  same port (a central service restarted mid-sync);
- ``FaultyProxy``: a loopback TCP proxy that drops, delays and resets connections.
"""

from __future__ import annotations

import contextlib
import os
import random
import secrets
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

import httpx
from argon2 import PasswordHasher
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

REPO = Path(__file__).resolve().parent.parent
_LINGER_RST = struct.pack("ii", 1, 0)  # close() then sends RST instead of FIN
PG_ENV = "MOTCUA_TEST_PG_URL"


def pg_url_from_env() -> str | None:
    return os.environ.get(PG_ENV) or None


def pg_url_or_skip() -> str:
    """The test PostgreSQL's URL. Without one the test skips, or fails when
    ``MOTCUA_REQUIRE_PG=1`` (``scripts/test.sh`` always sets it: PostgreSQL is required)."""
    import pytest

    url = pg_url_from_env()
    if url is None:
        if os.environ.get("MOTCUA_REQUIRE_PG") == "1":
            pytest.fail(f"MOTCUA_REQUIRE_PG=1 but {PG_ENV} is not set")
        pytest.skip(f"{PG_ENV} not set (scripts/postgres.sh start)")
    return url


@contextlib.contextmanager
def fresh_pg_database(base_url: str) -> Iterator[str]:
    """Create an empty database beside ``base_url``'s, yield its URL, drop it after."""
    url = make_url(base_url)
    name = f"motcua_t_{secrets.token_hex(6)}"
    # No pool: a connection kept from before a PostgreSQL restart would be dead.
    admin = create_engine(
        url.set(database="postgres"), isolation_level="AUTOCOMMIT", poolclass=NullPool
    )
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_healthy(url: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            if httpx.get(f"{url}/api/v1/health", timeout=1.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"central service at {url} not healthy")
        time.sleep(0.1)


class CentralProcess:
    """The real server in a subprocess (so it can be killed and restarted)."""

    def __init__(
        self,
        db_url: str,
        port: int | None = None,
        log_path: Path | None = None,
        workers: int = 1,
        pool: int | None = None,
    ) -> None:
        self.db_url = db_url
        self.workers = workers
        self.pool = pool
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        self.process: subprocess.Popen[bytes] | None = None
        self._log: BinaryIO | None = None

    def start(self) -> None:
        self._close_log()
        log = self.log_path.open("ab") if self.log_path else subprocess.DEVNULL
        self._log = log if self.log_path else None
        env = dict(os.environ, PYTHONPATH=str(REPO))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "central", "--db", self.db_url, "serve",
             "--port", str(self.port), "--workers", str(self.workers),
             *(["--pool", str(self.pool)] if self.pool else [])],
            cwd=REPO, env=env, stdout=log, stderr=log,
            start_new_session=True,  # its own process group: its workers go with it
        )  # fmt: skip
        wait_healthy(self.url)

    def kill(self) -> None:
        """SIGKILL the server and its worker processes (with several workers, killing
        the supervisor alone left the workers running, holding memory and connections)."""
        if self.process is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)
            self.process = None
        self._close_log()

    def _close_log(self) -> None:
        if self._log is not None:  # the child holds its own copy of the descriptor
            self._log.close()
            self._log = None

    def restart(self) -> None:
        self.kill()
        self.start()

    def __enter__(self) -> CentralProcess:
        self.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.kill()


class FaultyProxy:
    """TCP proxy on loopback; each connection may be dropped, delayed or reset.

    ``drop``: close both sides after forwarding a random part of the traffic (the
    request may or may not have reached the server — the case idempotency is for);
    ``reset``: close with RST (SO_LINGER 0); ``delay``: sleep up to ``max_delay`` per
    chunk. Probabilities are per connection; a seeded RNG makes runs repeatable.
    """

    def __init__(
        self,
        target_port: int,
        *,
        drop: float = 0.0,
        reset: float = 0.0,
        delay: float = 0.0,
        max_delay: float = 0.05,
        seed: int = 0,
    ) -> None:
        self.target_port = target_port
        self.drop, self.reset, self.delay, self.max_delay = drop, reset, delay, max_delay
        self.rng = random.Random(seed)
        self._lock = threading.Lock()
        self._listener = socket.socket()
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(64)
        self.port = self._listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.connections = 0
        self.faults = 0
        self._closed = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)

    def __enter__(self) -> FaultyProxy:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._closed.set()
        self._listener.close()

    def _plan(self) -> tuple[str, int]:
        with self._lock:
            self.connections += 1
            roll = self.rng.random()
            budget = self.rng.randint(0, 6000)  # bytes forwarded before the fault
            if roll < self.drop:
                self.faults += 1
                return "drop", budget
            if roll < self.drop + self.reset:
                self.faults += 1
                return "reset", budget
            if roll < self.drop + self.reset + self.delay:
                return "delay", -1
            return "clean", -1

    def _accept(self) -> None:
        while not self._closed.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        mode, budget = self._plan()
        try:
            upstream = socket.create_connection(("127.0.0.1", self.target_port), timeout=5)
        except OSError:
            client.close()
            return
        done = threading.Event()
        remaining = [budget]

        def pump(src: socket.socket, dst: socket.socket) -> None:
            try:
                while not done.is_set():
                    data = src.recv(65536)
                    if not data:
                        break
                    if mode == "delay":
                        time.sleep(self.rng.uniform(0, self.max_delay))
                    if mode in ("drop", "reset"):
                        with self._lock:
                            if remaining[0] <= 0:
                                break
                            data = data[: remaining[0]]
                            remaining[0] -= len(data)
                    dst.sendall(data)
            except OSError:
                pass
            finally:
                done.set()
                for s in (client, upstream):
                    if mode == "reset":
                        with contextlib.suppress(OSError):
                            s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, _LINGER_RST)
                    with contextlib.suppress(OSError):
                        s.shutdown(socket.SHUT_RDWR)
                    with contextlib.suppress(OSError):
                        s.close()

        a = threading.Thread(target=pump, args=(client, upstream), daemon=True)
        b = threading.Thread(target=pump, args=(upstream, client), daemon=True)
        a.start()
        b.start()


# Demo officers' passwords hashed with low argon2 costs: tests, not production.
CHEAP_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


class RunningCentral:
    """An in-process server on a database URL, seeded, with an admin token."""

    def __init__(self, db_url: str, *, volume: int = 50) -> None:
        from central import security
        from central.api import create_app
        from central.db import open_central
        from central.seed import seed
        from testkit.embedded_central import ServerThread

        self.db = open_central(db_url, pool_size=5)
        with self.db.session() as s:
            seed(s, volume, hasher=CHEAP_HASHER)
            self.admin_token = security.create_admin_token(s, "tests")
        self.server = ServerThread(create_app(self.db))
        self.url = self.server.url
        self.port = self.server.port
        self._clients: list[httpx.Client] = []  # closed with the server: no socket left open

    def __enter__(self) -> RunningCentral:
        self.server.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        for client in self._clients:
            client.close()
        self.server.stop()
        self.db.dispose()

    def client(self, **options: Any) -> httpx.Client:
        """An HTTP client to this server, closed when the server stops."""
        client = httpx.Client(**options)
        self._clients.append(client)
        return client

    def enrollment_code(self, office: str, counter: int = 1) -> str:
        from central import security

        with self.db.session() as s:
            return security.create_enrollment_code(s, office, counter)

    def admin(self) -> httpx.Client:
        return self.client(
            base_url=self.url, headers={"Authorization": f"Bearer {self.admin_token}"}
        )
