"""Admin tokens expire and can be revoked; admin-API actions record who acted."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import httpx
import pytest
from central_helpers import Device, dossier_item
from sqlalchemy import select, update

from central import security
from central.cli import main
from central.db import open_central
from central.models import AdminToken, StaffAudit
from testkit.central_server import RunningCentral


def _officers(central: RunningCentral, token: str) -> int:
    answer = httpx.delete(
        f"{central.url}/api/v1/backoffice/officers/nobody",
        headers={"Authorization": f"Bearer {token}"},
    )
    return answer.status_code


def test_an_expired_token_is_refused(central: RunningCentral) -> None:
    with central.db.session() as s:
        token = security.create_admin_token(s, "Trần Quản Trị", ttl=dt.timedelta(hours=12))
    assert _officers(central, token) == 404  # authenticated: the officer does not exist
    with central.db.session() as s:
        s.execute(
            update(AdminToken)
            .where(AdminToken.token_hash == security.digest(token))
            .values(expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1))
        )
    assert _officers(central, token) == 401


def test_tokens_are_created_with_a_lifetime_and_revoked_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "central.sqlite3")
    assert main(["--db", db, "admin-token", "--name", "Nguyễn Văn Quản", "--hours", "2"]) == 0
    token = capsys.readouterr().out.strip()
    assert main(["--db", db, "admin-token", "create", "--name", "Lê Thị Khác"]) == 0
    other = capsys.readouterr().out.strip()
    central = open_central(db)
    try:
        with central.session() as s:
            [row] = s.scalars(select(AdminToken).where(AdminToken.name == "Nguyễn Văn Quản"))
            assert row.expires_at is not None
            lifetime = row.expires_at - row.created_at
            assert dt.timedelta(hours=2) - lifetime < dt.timedelta(seconds=5)
            assert security.admin_token_valid(s, token)
        assert main(["--db", db, "admin-token", "revoke", "--name", "Nguyễn Văn Quản"]) == 0
        assert capsys.readouterr().out.strip() == "revoked 1 admin token(s)"
        with central.session() as s:
            assert not security.admin_token_valid(s, token)
            assert security.admin_token_valid(s, other)  # someone else's stays valid
        assert main(["--db", db, "admin-token", "list"]) == 0
        listing = capsys.readouterr().out
        assert "Nguyễn Văn Quản" in listing and "revoked" in listing and "expires" in listing
        assert main(["--db", db, "admin-token", "--hours", "0"]) == 2
    finally:
        central.dispose()


def test_admin_api_actions_record_the_token_holder(central: RunningCentral, device: Device) -> None:
    item = dossier_item()
    device.results(item)
    with central.db.session() as s:
        token = security.create_admin_token(s, "Phạm Quản Trị")
    answer = httpx.post(
        f"{central.url}/api/v1/backoffice/dossiers/{item.dossier.id}/status",
        json={"to_status": "in_processing"},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert answer.status_code == 200, answer.text
    with central.db.session() as s:
        [entry] = s.scalars(select(StaffAudit).where(StaffAudit.action == "api_move"))
    assert entry.dossier_id == item.dossier.id
    assert "Phạm Quản Trị" in entry.detail and "in_processing" in entry.detail
