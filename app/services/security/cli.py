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


def _reset_store(args: argparse.Namespace) -> int:
    from app.services.security.permissions import SYSTEM_ADMIN
    from app.services.security.store_reset import StoreIsFine, reset_store

    if not args.yes:
        print(
            "Lệnh này tạo cơ sở dữ liệu mới, trống cho quầy và xoá thông tin đăng ký đồng bộ "
            "(tệp cũ được cất sang một bên, không bị xoá). Nếu còn bản sao lưu trong "
            "backups/, hãy khôi phục nó thay vì lệnh này. Chạy lại với --yes để thực hiện.",
            file=sys.stderr,
        )
        return 1
    try:
        report = reset_store(args.demo, actor=SYSTEM_ADMIN)
    except StoreIsFine:
        print("Cơ sở dữ liệu của quầy mở bình thường: không có gì để đặt lại.", file=sys.stderr)
        return 1
    except UserError as err:
        return _print_error(err)
    kept = report.set_aside.name if report.set_aside else "không có"
    print(
        f"Đã tạo cơ sở dữ liệu mới (ghi vào nhật ký truy cập). Tệp cũ cất tại: {kept}. "
        "Mở MotCua để tạo tài khoản quản trị, rồi đăng ký lại quầy với máy chủ trung tâm."
    )
    return 0


def _encrypt_store(args: argparse.Namespace) -> int:
    from app.services.security.database import encrypt_legacy_store
    from app.services.security.permissions import SYSTEM_ADMIN

    try:
        encrypt_legacy_store(args.demo, actor=SYSTEM_ADMIN)
    except UserError as err:
        return _print_error(err)
    print("Đã mã hoá cơ sở dữ liệu cũ (chưa mã hoá) và gắn nó với khoá của máy này.")
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
    reset = actions.add_parser(
        "reset-store",
        help="cơ sở dữ liệu mất hoặc bị từ chối, không có bản sao lưu: tạo mới (có ghi nhật ký)",
    )
    _demo_flag(reset)
    reset.add_argument("--yes", action="store_true", help="xác nhận đã hiểu hậu quả")
    reset.set_defaults(handler=_reset_store)
    upgrade = actions.add_parser(
        "encrypt-store", help="mã hoá một lần cơ sở dữ liệu của phiên bản trước khi có mã hoá"
    )
    _demo_flag(upgrade)
    upgrade.set_defaults(handler=_encrypt_store)
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
