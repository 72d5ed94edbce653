"""The installed product: size of the PyInstaller bundle, of the .deb and installed,
and the launch of the *installed* ``motcua --demo`` to its log-in window.

Uses ``dist/motcua_<version>_amd64.deb`` when ``make package`` made one, otherwise
builds it first (a few minutes). Installing needs root; without it only the sizes
are printed. The package is removed (purged) at the end; no user data is touched
(the launches run with a temporary HOME).

"First launch" follows the install: its files are fresh in the page cache, so it is
the first start as an officer sees it after setup, not a disk-cold start.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from installer.bundle_layout import APP_FOLDER
from scripts import package

RUNS = 5


def _mb(n_bytes: float) -> str:
    return f"{n_bytes / 1e6:>8.1f}MB"


def _folder_bytes(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*") if not p.is_dir())


def _launch_seconds(home: str) -> float:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MOTCUA_", "XDG_"))}
    env.update(HOME=home, MOTCUA_LOG_STDERR="1", PATH="/usr/local/bin:/usr/bin:/bin")
    if not env.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    started = time.perf_counter()
    proc = subprocess.Popen(
        ["motcua", "--demo"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    try:
        assert proc.stderr is not None
        for line in proc.stderr:
            if "ui: login window visible" in line:
                return time.perf_counter() - started
        raise RuntimeError("the installed app exited before showing the log-in window")
    finally:
        proc.kill()
        proc.wait()


def main() -> int:
    deb = package.deb_path()
    if not deb.exists():
        print(f"building {deb.name} (make package)…", flush=True)
        package.main([])
    bundle = package.DIST / APP_FOLDER
    print(f"{'figure':<40} {'value':>10}")
    if bundle.is_dir():
        print(f"{'PyInstaller bundle (dist/MotCua)':<40} {_mb(_folder_bytes(bundle))}")
    print(f"{'.deb (' + deb.name + ')':<40} {_mb(deb.stat().st_size)}")
    if os.geteuid() != 0:
        print("installed size and launch: need root (dpkg -i); skipped")
        return 0
    subprocess.run(["dpkg", "-i", str(deb)], check=True, stdout=subprocess.DEVNULL)
    try:
        print(f"{'installed (/opt/motcua)':<40} {_mb(_folder_bytes(Path('/', package.PREFIX)))}")
        with tempfile.TemporaryDirectory(prefix="motcua-bench-home-") as home:
            first = _launch_seconds(home)  # creates the demo database
            times = [_launch_seconds(home) for _ in range(RUNS)]
        print(f"{'installed: first launch to log-in':<40} {first:>9.3f}s")
        print(f"{'installed: launch to log-in, median':<40} {statistics.median(times):>9.3f}s")
    finally:
        subprocess.run(["dpkg", "--purge", "motcua"], check=True, stdout=subprocess.DEVNULL)
    return 0


if __name__ == "__main__":
    sys.exit(main())
