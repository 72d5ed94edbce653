"""The demo's central service, in a process of its own (as the real one would be):
seeded with the fictitious register, this counter enrolled, served on loopback.

It runs the project's own ``motcua-central`` commands, so the demo exercises the same
server, HTTP and enrollment path as an office. The counter's demo credentials stay in
memory (never in the OS keyring, where they would replace a real enrollment).
"""

from __future__ import annotations

import contextlib
import ctypes
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from app.services.security.permissions import SYSTEM_ADMIN
from app.services.sync.credentials import MemoryStore
from app.services.sync.enroll import enroll


def _die_with_parent() -> None:  # pragma: no cover - runs in the child
    """Linux: the server ends when the app ends, even if the app is killed."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class DemoCentral:
    def __init__(self, db_file: Path, office_code: str, counter: int = 1) -> None:
        self.db_file, self.office_code, self.counter = db_file, office_code, counter
        self.process: subprocess.Popen[bytes] | None = None
        self.url = ""
        self.store = MemoryStore()

    def _central(self, *args: str) -> str:
        cmd = [sys.executable, "-m", "central", "--db", str(self.db_file), *args]
        done = subprocess.run(cmd, capture_output=True, timeout=120, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"central {args[0]} failed ({done.returncode})")
        return done.stdout.decode().strip()

    def start(self, timeout: float = 60.0) -> None:
        self.db_file.parent.mkdir(parents=True, exist_ok=True)
        self._central("seed", "--volume", "200")
        code = self._central("enroll", "--office", self.office_code, "--counter", str(self.counter))
        port = _free_port()
        self.url = f"http://127.0.0.1:{port}"
        cmd = [
            sys.executable,
            "-m",
            "central",
            "--db",
            str(self.db_file),
            "serve",
            "--port",
            str(port),
        ]
        self.process = subprocess.Popen(
            cmd,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,
        )
        deadline = time.monotonic() + timeout
        while True:
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{self.url}/api/v1/health", timeout=1).status_code == 200:
                    break
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("demo central service did not start")
            time.sleep(0.2)
        enroll(self.url, code, store=self.store, device_name="demo", actor=SYSTEM_ADMIN)

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
