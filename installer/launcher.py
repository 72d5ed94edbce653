"""Entry point of the frozen (PyInstaller) ``motcua`` executable.

A frozen app has no ``python -m``: its one executable also runs the two helper
programs an office or a trainer needs, chosen by the first argument:

    motcua central serve --port 8765   the central service (the demo starts it so)
    motcua cardsim --profile cccd-2021 the virtual chip card for training
    motcua ...                         anything else: the counter app (app/cli.py)
"""

from __future__ import annotations

import multiprocessing
import sys


def main(argv: list[str]) -> int:
    command, rest = (argv[0], argv[1:]) if argv else ("", [])
    if command == "central":
        from central.cli import main as central_main

        return central_main(rest)
    if command == "cardsim":
        from app.cardsim.__main__ import main as cardsim_main

        return cardsim_main(rest)
    from app.cli import main as app_main

    return app_main(argv)


if __name__ == "__main__":
    multiprocessing.freeze_support()  # uvicorn's worker processes re-enter this executable
    sys.exit(main(sys.argv[1:]))
