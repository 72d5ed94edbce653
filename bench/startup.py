"""Start-up: launch ``motcua --demo`` to the log-in window visible, and resident memory
after log-in. Targets: median launch < 1.0 s; RSS after log-in < 200 MB.

Launch time is measured from spawning the process to the app's own log line saying
the log-in window is on screen (the event loop has run, so it is painted).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

RUNS = 7


def _env(home: str) -> dict[str, str]:
    env = dict(os.environ, MOTCUA_HOME=home, MOTCUA_LOG_STDERR="1")
    if not env.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def launch_seconds(home: str) -> float:
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "app", "--demo"],
        env=_env(home),
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert proc.stderr is not None
        for line in proc.stderr:
            if "ui: login window visible" in line:
                return time.perf_counter() - started
        raise RuntimeError("the app exited before showing the log-in window")
    finally:
        proc.kill()
        proc.wait()


def rss_after_login_mb(home: str) -> float:
    proc = subprocess.run(
        [sys.executable, "-m", "bench._login_driver"],
        env=_env(home),
        capture_output=True,
        text=True,
        timeout=120,
    )
    for line in proc.stdout.splitlines():
        if line.startswith("rss_kb="):
            return int(line.split("=")[1]) / 1024
    raise RuntimeError(f"driver failed: {proc.stderr[-500:]}")


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="motcua-bench-") as home:
        first = launch_seconds(home)  # creates and migrates the demo database
        times = [launch_seconds(home) for _ in range(RUNS)]
        rss = rss_after_login_mb(home)
    print(f"{'figure':<38} {'value':>10} {'target':>10}")
    print(f"{'first launch (creates demo database)':<38} {first:>9.3f}s {'':>10}")
    print(
        f"{'launch to log-in visible, median':<38} {statistics.median(times):>9.3f}s {'< 1.0 s':>10}"
    )
    print(f"{'launch to log-in visible, max':<38} {max(times):>9.3f}s {'':>10}")
    print(f"{'resident memory after log-in':<38} {rss:>8.1f}MB {'< 200 MB':>10}")


if __name__ == "__main__":
    main()
