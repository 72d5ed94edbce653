"""The central service inside the counter's process, for demo mode and tests.

``start_embedded(db_path)`` serves the API on 127.0.0.1 (a free port) from a SQLite
file, seeded, with this counter enrolled for the demo office; it returns the URL and a
function that stops the server. The demo credentials go to a ``MemoryStore`` (never to
the OS keyring, where they would replace the real enrollment of this machine):

    central = start_embedded(path)
    url, stop = central              # or central.url, central.stop
    engine = SyncEngine(db, SyncConfig(url, DEMO_OFFICE, demo=True), store=central.store)
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import uvicorn

from app.services.security.permissions import SYSTEM_ADMIN
from app.services.sync.credentials import CredentialStore, MemoryStore
from app.services.sync.enroll import enroll
from central import security
from central.api import create_app
from central.db import CentralDatabase, open_central
from central.seed import DEMO_OFFICE, seed


@dataclass(frozen=True)
class EmbeddedCentral:
    url: str
    stop: Callable[[], None]
    store: CredentialStore  # holds the demo counter's credentials
    admin_token: str  # for the back-office endpoints (demo: move dossiers along)
    db: CentralDatabase

    def __iter__(self) -> Iterator[Any]:  # ``url, stop = start_embedded(...)``
        return iter((self.url, self.stop))


class ServerThread:
    """uvicorn on a pre-bound loopback socket, in a daemon thread."""

    def __init__(
        self,
        app: Any,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        tls_cert: Path | None = None,
        tls_key: Path | None = None,
    ) -> None:
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind((host, port))
        self.port = self._sock.getsockname()[1]
        self.url = f"{'https' if tls_cert else 'http'}://{host}:{self.port}"
        config = uvicorn.Config(
            app,
            log_level="warning",
            access_log=False,
            lifespan="off",
            ssl_certfile=str(tls_cert) if tls_cert else None,
            ssl_keyfile=str(tls_key) if tls_key else None,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._sock]}, daemon=True
        )

    def start(self, timeout: float = 15.0) -> None:
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("embedded central service did not start")
            time.sleep(0.02)

    def stop(self, timeout: float = 10.0) -> None:
        self._server.should_exit = True
        self._thread.join(timeout)
        self._sock.close()


def start_embedded(
    db_path: Path,
    *,
    office_code: str = DEMO_OFFICE,
    counter_number: int = 1,
    volume: int = 200,
    store: CredentialStore | None = None,
) -> EmbeddedCentral:
    db_path.parent.mkdir(parents=True, exist_ok=True)
    db = open_central(str(db_path), pool_size=5)
    with db.session() as s:
        seed(s, volume)
        code = security.create_enrollment_code(s, office_code, counter_number)
        admin_token = security.create_admin_token(s, "embedded")
    server = ServerThread(create_app(db))
    server.start()
    store = store or MemoryStore()
    try:
        enroll(server.url, code, store=store, device_name="demo", actor=SYSTEM_ADMIN, demo=True)
    except BaseException:
        server.stop()
        db.dispose()
        raise

    stopped = threading.Event()

    def stop() -> None:
        if not stopped.is_set():
            stopped.set()
            server.stop()
            db.dispose()

    return EmbeddedCentral(server.url, stop, store, admin_token, db)
