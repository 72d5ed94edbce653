"""Entry point of the frozen (PyInstaller) ``motcua`` executable.

A frozen app has no ``python -m``: its one executable also runs the two helper
programs an office or a trainer needs, chosen by the first argument:

    motcua central serve --port 8765   the central service (the demo starts it so)
    motcua cardsim --profile cccd-2021 the virtual chip card for training
    motcua ...                         anything else: the counter app (app/cli.py)
"""

from __future__ import annotations

import multiprocessing
import os
import sys


def _console_streams() -> None:
    """The Windows build has no console of its own (``console=False``): sys.stdout and
    sys.stderr are None. Commands typed in cmd.exe print to that console; anything
    else (the GUI, the demo's central service) writes to nowhere instead of failing."""
    if sys.stdout is not None and sys.stderr is not None:
        return
    if sys.platform == "win32":
        import ctypes

        if ctypes.windll.kernel32.AttachConsole(-1):  # ATTACH_PARENT_PROCESS
            sys.stdout = open("CONOUT$", "w", encoding="utf-8")  # noqa: SIM115
            sys.stderr = open("CONOUT$", "w", encoding="utf-8")  # noqa: SIM115
            return
    sink = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    sys.stdout = sys.stdout or sink
    sys.stderr = sys.stderr or sink


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
    _console_streams()
    sys.exit(main(sys.argv[1:]))
