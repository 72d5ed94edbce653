"""The main window fits counter screens (1366×768, 1280×720) with its status bar —
reader, sync, officer — on screen, and the intake page's columns within it: under offscreen with a configured QScreen, and on
a real X server (Xvfb) without and with a window manager."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from testkit.xserver import xvfb

ROOT = Path(__file__).resolve().parents[3]
PROBE = Path(__file__).with_name("window_fit_probe.py")
SIZES = [(1366, 768), (1280, 720)]


def _probe(tmp_path: Path, platform: str, display: str | None = None) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM=platform, PYTHONPATH=str(ROOT))
    env["MOTCUA_HOME"] = str(tmp_path / "home")
    if display:
        env["DISPLAY"] = display
    done = subprocess.run(
        [sys.executable, str(PROBE), str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("FIT ")]
    assert done.returncode == 0 and lines, done.stderr[-2000:]
    return json.loads(lines[-1][4:])


def _assert_fits(fit: dict, width: int, height: int) -> None:
    ax, ay, aw, ah = fit["available"]
    assert (aw, ah) == (width, height)
    fx, fy, fw, fh = fit["frame"]
    assert fx >= ax and fy >= ay and fx + fw <= ax + aw and fy + fh <= ay + ah, fit
    left, top, right, bottom = fit["status_bar"]
    assert fit["status_bar_visible"] and fit["reader_status_visible"]
    assert ay <= top < bottom < ay + ah, f"status bar off screen: {fit}"
    assert ax <= left < right < ax + aw, fit
    _assert_intake_fits(fit["intake"])


def _assert_intake_fits(intake: dict) -> None:
    """The intake page with a citizen and a procedure's papers: nothing needs scrolling
    sideways, the procedure list and every column of the papers table are in view."""
    assert intake["page_visible"] and intake["rows"] == 3, intake
    assert not intake["hscroll_visible"], f"the intake page scrolls sideways: {intake}"
    assert not intake["docs_hscroll_visible"], intake
    assert not intake["procedures_hscroll_visible"], f"procedure names cut: {intake}"
    # The papers keep their three fifths however long the citizen's address is.
    assert intake["papers_column"] >= 1.4 * intake["citizen_column"], intake
    width = intake["viewport_width"]
    assert intake["docs_right"] <= width and intake["procedures_right"] <= width, intake
    for start, size in intake["docs_columns"]:  # Giấy tờ, Bản chính, Bản sao, Đã nhận
        assert size > 0 and start >= 0 and start + size <= intake["docs_viewport_width"], intake


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_main_window_fits_an_offscreen_screen(tmp_path, width, height):
    config = tmp_path / "screen.json"
    screen = {"name": "counter", "x": 0, "y": 0, "width": width, "height": height}
    config.write_text(json.dumps({"screens": [{**screen, "logicalDpi": 96, "dpr": 1}]}))
    _assert_fits(_probe(tmp_path, f"offscreen:configfile={config}"), width, height)


@contextlib.contextmanager
def _window_manager(display: str) -> Iterator[None]:
    if not shutil.which("matchbox-window-manager"):
        pytest.fail("matchbox-window-manager is not installed (scripts/setup.sh installs it)")
    wm = subprocess.Popen(
        ["matchbox-window-manager", "-use_titlebar", "yes"],
        env=dict(os.environ, DISPLAY=display),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(0.5)  # it takes the root window before the app maps its own
    try:
        assert wm.poll() is None, "the window manager did not start"
        yield
    finally:
        wm.terminate()
        wm.wait(10)


@pytest.mark.parametrize("with_wm", [False, True], ids=["no-wm", "matchbox"])
@pytest.mark.parametrize(("width", "height"), SIZES)
def test_main_window_fits_a_real_x_screen(tmp_path, width, height, with_wm):
    with xvfb(width, height) as display:
        manager = _window_manager(display) if with_wm else contextlib.nullcontext()
        with manager:
            fit = _probe(tmp_path, "xcb", display)
    _assert_fits(fit, width, height)
