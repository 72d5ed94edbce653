"""``make bench``: run every benchmark under bench/, each in its own process.

Each benchmark prints its own table of figures; this runner prints them one after
another and a summary of which ran. Pass names to run a subset:
``python -m bench startup card_read``.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ORDER = [
    "startup",
    "card_read",
    "intake_flow",
    "receipt_render",
    "appointment",
    "intake_db",
    "sync",
    "package",  # last: builds the .deb if make package has not, installs it (root)
]


def available() -> list[str]:
    here = Path(__file__).parent
    found = {p.stem for p in here.glob("*.py") if not p.stem.startswith("_")}
    return [n for n in ORDER if n in found] + sorted(found - set(ORDER))


def main(argv: list[str]) -> int:
    names = argv or available()
    summary = []
    for name in names:
        print(f"\n=== bench/{name} ===", flush=True)
        started = time.perf_counter()
        rc = subprocess.call([sys.executable, "-m", f"bench.{name}"])
        summary.append((name, "ok" if rc == 0 else f"FAILED ({rc})", time.perf_counter() - started))
    print("\n=== summary ===")
    print(f"{'benchmark':<16} {'result':<12} {'seconds':>8}")
    for name, result, seconds in summary:
        print(f"{name:<16} {result:<12} {seconds:>8.1f}")
    return 0 if all(r == "ok" for _, r, _ in summary) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
