"""The ``motcua`` command: the GUI by default, plus support and card subcommands.

Imports stay inside the handlers so ``motcua --version`` and the GUI start fast.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from app import __version__


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="motcua", description="MotCua — phần mềm bộ phận một cửa BHXH."
    )
    parser.add_argument("--version", action="version", version=f"MotCua {__version__}")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="chế độ trình diễn: dữ liệu mẫu, thẻ ảo, máy chủ trung tâm nhúng",
    )
    sub = parser.add_subparsers(dest="command")
    doctor = sub.add_parser("doctor", help="báo cáo chẩn đoán cho bộ phận hỗ trợ")
    doctor.add_argument("--json", action="store_true", help="in dạng JSON")
    from app.services.card.cli import add_card_commands
    from app.services.security.cli import add_audit_commands, add_security_commands

    add_card_commands(sub)
    add_audit_commands(sub)
    add_security_commands(sub)
    from app.services.face.cli import add_face_commands

    add_face_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from app.crash import install_cli_hook

    args = build_parser().parse_args(argv)
    if args.command is not None:
        install_cli_hook()  # the GUI installs its own crash dialog
    if args.command == "doctor":
        from app.services import doctor

        report = doctor.collect()
        print(doctor.to_json(report) if args.json else doctor.to_text(report))
        return 0
    if getattr(args, "handler", None) is not None:  # card, audit, security, privacy
        return int(args.handler(args))
    from app.ui.application import run_gui

    return run_gui(demo=args.demo)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
