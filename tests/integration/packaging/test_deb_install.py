"""``make package``'s Debian package on this machine, as an office would use it:
dpkg installs it, ``motcua`` is on PATH, the doctor runs, the demo opens its log-in
window on an X screen, the bundled central service and card emulator start, and
``dpkg -r`` removes the program but leaves the user's data folder alone.

Builds the bundle and package first (PyInstaller, a few minutes on two cores) unless
``MOTCUA_DEB`` names a package built earlier in the same run. Needs root for dpkg.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from app.services.demo import DEMO_OFFICE_CODE
from installer.bundle_layout import EXE_NAME, INTERNAL, project_version
from scripts import package
from testkit.xserver import xvfb

ROOT = Path(__file__).resolve().parents[3]
VERSION = project_version(ROOT)
INSTALLED = Path("/") / package.PREFIX

pytestmark = [
    pytest.mark.packaging,
    pytest.mark.skipif(
        not hasattr(os, "geteuid") or os.geteuid() != 0,
        reason="dpkg -i needs root (CI runs the suite as root)",
    ),
]


def _installed() -> bool:
    done = subprocess.run(
        ["dpkg-query", "-W", "-f=${Status}", "motcua"], capture_output=True, text=True
    )
    return "install ok installed" in done.stdout


@pytest.fixture(scope="module")
def deb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    given = os.environ.get("MOTCUA_DEB")
    if given:
        yield Path(given)
        return
    out = tmp_path_factory.mktemp("package")
    bundle = package.build_bundle(dist=out / "dist", work=out / "build")
    staging = package.stage(bundle, VERSION, out / "staging")
    yield package.build_deb(staging, out / f"motcua_{VERSION}_amd64.deb")
    shutil.rmtree(out, ignore_errors=True)  # about 1 GB of bundle, staging and package


def _user_env(home: Path) -> dict[str, str]:
    """A user's environment: real default folders under HOME, none of the test's."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MOTCUA_", "XDG_"))}
    env.update(HOME=str(home), PATH="/usr/local/bin:/usr/bin:/bin", LANG="C.UTF-8")
    return env


def _run(*cmd: str, env: dict[str, str], timeout: float = 120) -> str:
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{cmd}: {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def test_the_package_holds_the_bundle_and_no_test_files(deb: Path) -> None:
    listing = _run("dpkg-deb", "-c", str(deb), env=dict(os.environ))
    paths = {line.split()[5].removeprefix(".") for line in listing.splitlines()}
    internal = f"/{package.PREFIX}/{INTERNAL}"
    for wanted in (
        f"/{package.PREFIX}/{EXE_NAME}",  # the layout installer/motcua.iss copies on Windows
        f"{internal}/resources/fonts/NotoSans-Regular.ttf",
        f"{internal}/resources/translations/motcua_en.qm",
        f"{internal}/resources/cards/cccd-2021.json",  # the training card's profiles
        f"{internal}/app/services/storage/migrations/versions/0001_first_schema.py",
        f"{internal}/central/web/catalogue_en.json",
        f"{internal}/PySide6/Qt/plugins/platforms/libqxcb.so",
        "/usr/share/applications/motcua.desktop",
        "/usr/share/icons/hicolor/256x256/apps/motcua.png",
    ):
        assert wanted in paths, wanted
    assert any(p.startswith(f"{internal}/central/migrations/versions/") for p in paths)
    for path in paths:
        parts = path.split("/")
        assert not {"tests", "testkit", "pytest", "__pycache__"} & set(parts), path
        assert not parts[-1].startswith("test_"), path
    control = _run("dpkg-deb", "-f", str(deb), "Depends", "Version", env=dict(os.environ))
    assert "pcscd" in control and "libccid" in control and VERSION in control


@contextlib.contextmanager
def _screen() -> Iterator[str]:
    if os.environ.get("DISPLAY"):
        yield os.environ["DISPLAY"]
    else:
        with xvfb(1366, 768) as display:
            yield display


def _wait_for_line(process: subprocess.Popen[str], text: str, timeout: float) -> list[str]:
    """The process's stderr lines up to one containing ``text`` (or all, on timeout)."""
    seen: list[str] = []
    found = threading.Event()

    def read() -> None:
        assert process.stderr is not None
        for line in process.stderr:
            seen.append(line)
            if text in line:
                found.set()

    threading.Thread(target=read, daemon=True).start()
    found.wait(timeout)
    return seen


def _login_window_shown(env: dict[str, str], display: str, database: Path) -> tuple[list[str], str]:
    """Starts the demo, waits for its log-in window and for it to open its database."""
    env = dict(env, DISPLAY=display, QT_QPA_PLATFORM="xcb", MOTCUA_LOG_STDERR="1")
    app = subprocess.Popen(
        ["motcua", "--demo"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    try:
        lines = _wait_for_line(app, "ui: login window visible", 90)
        windows = _run("xwininfo", "-root", "-tree", env=env)
        deadline = time.monotonic() + 60
        while not database.exists() and time.monotonic() < deadline and app.poll() is None:
            time.sleep(0.2)  # opened by a worker thread behind the log-in window
    finally:
        app.terminate()
        app.wait(20)
    return lines, windows


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _central_service_answers(env: dict[str, str], db: Path) -> None:
    """The commands the demo runs (app/ui/demo_central.py), by the installed executable."""
    _run("motcua", "central", "--db", str(db), "seed", "--volume", "20", env=env)
    code = _run(
        "motcua", "central", "--db", str(db), "enroll", "--office", DEMO_OFFICE_CODE,
        "--counter", "1", env=env,
    )  # fmt: skip
    assert code.strip()
    port = _free_port()
    server = subprocess.Popen(
        ["motcua", "central", "--db", str(db), "serve", "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            with contextlib.suppress(httpx.HTTPError):
                health = httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=1)
                if health.status_code == 200:
                    break
            assert server.poll() is None and time.monotonic() < deadline, "central did not start"
            time.sleep(0.3)
        assert health.json()["version"] == VERSION
    finally:
        server.terminate()
        server.wait(20)


def test_install_run_and_remove_keeps_the_users_data(deb: Path, tmp_path: Path) -> None:
    if _installed():
        pytest.skip("a motcua package is already installed here; the test would replace it")
    home = tmp_path / "officer"
    home.mkdir()
    env = _user_env(home)
    data = home / ".local" / "share" / "MotCua"
    try:
        _run("dpkg", "-i", str(deb), env=dict(os.environ), timeout=300)
        assert shutil.which("motcua", path=env["PATH"]) == "/usr/bin/motcua"
        assert os.path.realpath("/usr/bin/motcua") == str(INSTALLED / EXE_NAME)

        assert _run("motcua", "--version", env=env).strip() == f"MotCua {VERSION}"
        doctor = _run("motcua", "doctor", env=env)
        assert f"MotCua doctor — {VERSION}" in doctor
        assert "Qt (PySide6)       : 6." in doctor  # the bundled package metadata is read
        assert str(data) in doctor

        with _screen() as display:
            lines, windows = _login_window_shown(env, display, data / "demo.sqlite3")
        assert any("ui: login window visible" in line for line in lines), "".join(lines)[-3000:]
        assert '"MotCua — Đăng nhập"' in windows, windows  # the log-in window is mapped

        _central_service_answers(env, tmp_path / "central.sqlite3")
        profiles = _run("motcua", "cardsim", "--list", env=env)
        assert "cccd-2021" in profiles

        kept = sorted(p.relative_to(data) for p in data.rglob("*"))
        assert Path("demo.sqlite3") in kept  # the demo created its database
        _run("dpkg", "-r", "motcua", env=dict(os.environ), timeout=300)
        assert not _installed()
        assert not INSTALLED.exists() and not Path("/usr/bin/motcua").exists()
        assert sorted(p.relative_to(data) for p in data.rglob("*")) == kept
        _run("dpkg", "--purge", "motcua", env=dict(os.environ), timeout=300)  # the record too
        assert sorted(p.relative_to(data) for p in data.rglob("*")) == kept
    finally:
        if _installed():
            subprocess.run(["dpkg", "--purge", "motcua"], capture_output=True, timeout=300)
