"""The demo's central service outlives the pool thread that started it.

``PR_SET_PDEATHSIG`` fires when the thread that forked a child ends; Qt's pools retire
idle threads (30 s by default, shortened here), which used to kill the demo server so
every dossier stayed "Chờ gửi"."""

from __future__ import annotations

import threading
from pathlib import Path

import httpx

from app.services.demo import demo_settings
from app.settings import Settings
from app.ui.sync_status import SyncController
from app.ui.tasks import TaskRunner


def test_demo_central_survives_the_pool_thread_and_syncs(qtbot, demo_db):
    runner = TaskRunner(max_threads=1)
    runner.set_idle_expiry(200)  # the pool retires its idle thread after 0.2 s
    controller = SyncController(demo_db, demo_settings(Settings()), demo=True)
    started: dict[str, object] = {}

    def start() -> None:
        started["thread"] = threading.get_native_id()
        controller.start()

    central_url = ""
    runner.run(start, lambda _: started.setdefault("done", True), lambda e: started.update(error=e))
    try:
        qtbot.waitUntil(lambda: "done" in started or "error" in started, timeout=90000)
        assert "error" not in started, started.get("error")
        # Past the expiry: the thread that started the server is gone.
        qtbot.waitUntil(
            lambda: not Path(f"/proc/self/task/{started['thread']}").exists(),
            timeout=10000,
        )
        qtbot.wait(1500)  # the parent-death signal, had it fired, would have ended it
        engine = controller.engine
        assert engine is not None
        central_url = engine.config.central_url
        assert httpx.get(f"{central_url}/api/v1/health", timeout=5).status_code == 200
        engine.stop()  # run by hand, not by the engine's timer
        report = engine.sync_once()
        assert report.ok, report.error
        assert engine.status().last_success_at is not None
    finally:
        controller.stop()
        runner.wait(5000)
    assert controller.engine is None
    try:  # stopped with the app: nothing answers on its port any more
        httpx.get(f"{central_url}/api/v1/health", timeout=2)
        raise AssertionError("the demo central service outlived stop()")
    except httpx.TransportError:
        pass
