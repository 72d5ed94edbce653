"""The demo's central service, in a process of its own (as the real one would be):
seeded with the fictitious register, this counter enrolled, served on loopback.

It runs the project's own ``motcua-central`` commands, so the demo exercises the same
server, HTTP and enrollment path as an office. The counter's demo credentials stay in
memory (never in the OS keyring, where they would replace a real enrollment).

Who owns the server process matters on Linux: ``PR_SET_PDEATHSIG`` (the server dies
with the app, even when the app is killed) fires when the *thread* that forked the
child ends, not the process. ``start()`` is called from a worker pool whose idle
threads retire after 30 s, so the server is forked by a dedicated owner thread that
lives exactly as long as the server (it waits on it); ``stop()`` ends it by PID.
"""

from __future__ import annotations

import contextlib
import ctypes
import signal
import socket
import subprocess
import sys
import threading
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


def central_command() -> list[str]:
    """How to run ``motcua-central``: a frozen app (the installed bundle) has no
    ``python -m``; its executable runs the service as ``motcua central ...``
    (installer/launcher.py)."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "central"]
    return [sys.executable, "-m", "central"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ChildOwner:
    """Forks a child from a thread of its own that stays alive while the child runs.

    The thread blocks in ``wait()`` on the child, so a parent-death signal tied to it
    fires only when the child has ended or the whole app goes away."""

    def __init__(self, cmd: list[str]) -> None:
        self._cmd = cmd
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self.process: subprocess.Popen[bytes] | None = None
        self._thread = threading.Thread(target=self._own, name="demo-central-owner", daemon=True)

    def start(self) -> subprocess.Popen[bytes]:
        self._thread.start()
        self._ready.wait()
        if self._error is not None:
            raise self._error
        assert self.process is not None
        return self.process

    def _own(self) -> None:
        try:
            self.process = subprocess.Popen(
                self._cmd,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,
            )
        except BaseException as exc:  # handed to start(), on the caller's thread
            self._error = exc
            self._ready.set()
            return
        self._ready.set()
        self.process.wait()

    def stop(self, timeout: float = 10.0) -> None:
        """By PID: SIGTERM, then SIGKILL if the server does not end in time."""
        process = self.process
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=timeout)
        if self._thread.is_alive():
            self._thread.join(timeout)


class DemoCentral:
    def __init__(self, db_file: Path, office_code: str, counter: int = 1) -> None:
        self.db_file, self.office_code, self.counter = db_file, office_code, counter
        self.process: subprocess.Popen[bytes] | None = None
        self._owner: ChildOwner | None = None
        self._stopped = False  # the app closed while the server was still starting
        self.url = ""
        self.store = MemoryStore()

    def _central(self, *args: str) -> str:
        cmd = [*central_command(), "--db", str(self.db_file), *args]
        done = subprocess.run(cmd, capture_output=True, timeout=120, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"central {args[0]} failed ({done.returncode})")
        return done.stdout.decode().strip()

    def start(self, timeout: float = 60.0) -> None:
        self.db_file.parent.mkdir(parents=True, exist_ok=True)
        self._central("seed", "--volume", "200", "--life-events")
        # the demo counter then shows each citizen's register state (a second or so)
        self._central("verify-register", "--rate", "0")
        code = self._central("enroll", "--office", self.office_code, "--counter", str(self.counter))
        port = _free_port()
        self.url = f"http://127.0.0.1:{port}"
        cmd = [*central_command(), "--db", str(self.db_file), "serve", "--port", str(port)]
        self._owner = ChildOwner(cmd)
        process = self.process = self._owner.start()
        if self._stopped:
            self.stop()
            raise RuntimeError("demo central service stopped while starting")
        deadline = time.monotonic() + timeout
        while True:
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{self.url}/api/v1/health", timeout=1).status_code == 200:
                    break
            if process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("demo central service did not start")
            time.sleep(0.2)
        enroll(self.url, code, store=self.store, device_name="demo", actor=SYSTEM_ADMIN, demo=True)

    def stop(self) -> None:
        self._stopped = True
        owner, self._owner, self.process = self._owner, None, None
        if owner is not None:
            owner.stop()
