"""``motcua audit …``, ``motcua security …`` and ``motcua privacy …`` subcommands.

Each subparser sets ``handler``; ``app.cli.main`` calls ``args.handler(args)`` and
exits with its return value. Messages are Vietnamese; a UserError prints its title,
text and what to do, and exits 1; audit tampering exits 2.
"""

from __future__ import annotations

import argparse
import sys

from app.errors import ErrorKind, UserError, describe


def _print_error(err: UserError) -> int:
    message = describe(err)
    print(f"{message.title}: {message.text}\n{message.action}", file=sys.stderr)
    if err.detail:
        print(f"(chi tiết kỹ thuật: {err.detail})", file=sys.stderr)
    return 1


def _audit_verify(args: argparse.Namespace) -> int:
    from app.services import audit
    from app.services.security.database import open_local

    try:
        db = open_local(args.demo)
    except UserError as err:
        return _print_error(err)
    try:
        problems = audit.verify(db)
        with db.session() as s:
            from sqlalchemy import func, select

            from app.services.storage.models import AuditEvent

            count = s.scalar(select(func.count()).select_from(AuditEvent)) or 0
    finally:
        db.dispose()
    if not problems:
        print(f"Nhật ký truy cập toàn vẹn: {count} bản ghi, chuỗi băm khớp.")
        return 0
    _print_error(UserError(ErrorKind.AUDIT_TAMPERED, detail=f"{len(problems)} problems"))
    for problem in problems:
        print(f"  - [{problem.kind}] {problem.text}", file=sys.stderr)
    return 2


def _rotate(args: argparse.Namespace) -> int:
    from app.services.security.database import rotate_local
    from app.services.security.permissions import SYSTEM_ADMIN

    try:
        report = rotate_local(args.demo, actor=SYSTEM_ADMIN)
    except UserError as err:
        return _print_error(err)
    print(f"Đã đổi khoá mã hoá dữ liệu. Tệp đính kèm mã hoá lại: {report.attachments_reencrypted}.")
    return 0


def _key_status(args: argparse.Namespace) -> int:
    from app.services.security.database import key_storage_lines

    for key, value in key_storage_lines(args.demo):
        print(f"{key}: {value}")
    return 0


def _purge(args: argparse.Namespace) -> int:
    from pathlib import Path

    from app import settings as settings_mod
    from app.services import privacy
    from app.services.security.database import open_local
    from app.services.security.permissions import SYSTEM_ADMIN
    from app.shared import paths

    settings, _ = settings_mod.load_readonly(paths.settings_file(args.demo))
    try:
        db = open_local(args.demo)
    except UserError as err:
        return _print_error(err)
    try:
        report = privacy.purge_expired(
            db,
            settings.retention_days,
            attachments_root=paths.attachments_dir(args.demo),
            actor=SYSTEM_ADMIN,
            scan_folder=Path(settings.scan_folder) if settings.scan_folder else None,
            scan_rejected_days=settings.scan_rejected_days,
        )
    finally:
        db.dispose()
    print(
        f"Đã xoá bản sao tại quầy: {report.dossiers} hồ sơ, {report.attachments} giấy tờ số hoá, "
        f"{report.citizens} công dân, {report.scan_files} bản quét gốc trong thư mục máy quét. "
        f"Giữ lại vì chưa đồng bộ: {report.kept_unsynced}."
    )
    return 0


def _demo_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--demo", action="store_true", help="dùng cơ sở dữ liệu trình diễn")


def add_audit_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    audit = sub.add_parser("audit", help="nhật ký truy cập dữ liệu cá nhân")
    actions = audit.add_subparsers(dest="audit_command", required=True)
    verify = actions.add_parser("verify", help="kiểm tra nhật ký không bị sửa, xoá, đảo thứ tự")
    _demo_flag(verify)
    verify.set_defaults(handler=_audit_verify)


def add_security_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    security = sub.add_parser("security", help="khoá mã hoá dữ liệu tại quầy")
    actions = security.add_subparsers(dest="security_command", required=True)
    rotate = actions.add_parser(
        "rotate-key", help="đổi khoá mã hoá cơ sở dữ liệu và tệp đính kèm (đóng MotCua trước)"
    )
    _demo_flag(rotate)
    rotate.set_defaults(handler=_rotate)
    status = actions.add_parser("key-status", help="khoá được giữ ở đâu, có mở được dữ liệu không")
    _demo_flag(status)
    status.set_defaults(handler=_key_status)

    privacy = sub.add_parser("privacy", help="dữ liệu cá nhân: xoá bản sao hết hạn lưu")
    privacy_actions = privacy.add_subparsers(dest="privacy_command", required=True)
    purge = privacy_actions.add_parser(
        "purge", help="xoá bản sao hồ sơ đã hoàn tất, đã đồng bộ, quá thời hạn lưu"
    )
    _demo_flag(purge)
    purge.set_defaults(handler=_purge)
