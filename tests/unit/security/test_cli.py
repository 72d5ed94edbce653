"""The security subcommands as an administrator runs them."""

from __future__ import annotations

import argparse

from app.services.security.cli import add_audit_commands, add_security_commands
from app.services.security.database import open_local


def _run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="motcua")
    sub = parser.add_subparsers(dest="command")
    add_audit_commands(sub)
    add_security_commands(sub)
    args = parser.parse_args(argv)
    return int(args.handler(args))


def test_key_status_rotate_and_purge(memory_keyring, capsys):
    open_local().dispose()
    assert _run(["security", "key-status"]) == 0
    out = capsys.readouterr().out
    assert "keyring" in out and "đã mã hoá, khoá mở được" in out
    assert _run(["security", "rotate-key"]) == 0
    assert "Đã đổi khoá" in capsys.readouterr().out
    assert _run(["privacy", "purge"]) == 0
    assert "Giữ lại vì chưa đồng bộ: 0" in capsys.readouterr().out
    assert _run(["audit", "verify"]) == 0


def test_without_a_keyring_the_commands_explain_and_fail(no_keyring, capsys):
    assert _run(["audit", "verify"]) == 1
    err = capsys.readouterr().err
    assert "Không có kho khoá bảo mật" in err and "MOTCUA_DB_KEY_FILE" in err
    assert _run(["security", "key-status"]) == 0
    assert "không có nơi giữ khoá" in capsys.readouterr().out


def test_purge_empties_expired_originals_from_the_scanner_folder(memory_keyring, capsys, tmp_path):
    import os
    import time

    from app import settings as settings_mod
    from app.settings import Settings
    from app.shared import paths

    inbox = tmp_path / "scanner"
    (inbox / "rejected").mkdir(parents=True)
    old = inbox / "rejected" / "cccd-mat-sau.jpg"
    old.write_bytes(b"\xff\xd8 not really a scan")
    ten_days_ago = time.time() - 10 * 86400
    os.utime(old, (ten_days_ago, ten_days_ago))
    settings_mod.save(
        Settings(office_code="000.00.00.H98", scan_folder=str(inbox)), paths.settings_file()
    )
    open_local().dispose()
    assert _run(["privacy", "purge"]) == 0
    assert "1 bản quét gốc" in capsys.readouterr().out
    assert not old.exists()
