"""Each service that undoes papers, deletes data, or changes keys, trust or sync
refuses an officer itself, whatever the UI shows (issue 18, "Roles")."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from app.errors import ErrorKind, UserError
from app.services.card.trust_admin import import_trust_file
from app.services.security.database import encrypt_legacy_store, rotate_local
from app.services.security.permissions import require_settings_change
from app.services.security.store_reset import reset_store
from app.services.sync.enroll import enroll
from app.settings import Settings


@dataclass(frozen=True)
class Actor:
    role: str


OFFICER = Actor("officer")


def _refused(call) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UserError) as err:
        call()
    assert err.value.kind == ErrorKind.PERMISSION_DENIED


def test_officer_cannot_enroll_rotate_or_import_trust(tmp_path: Path) -> None:
    _refused(lambda: enroll("http://127.0.0.1:9", "CODE", actor=OFFICER))
    _refused(lambda: rotate_local(actor=OFFICER))
    _refused(lambda: reset_store(actor=OFFICER))
    _refused(lambda: reset_store(actor=Actor("supervisor")))
    _refused(lambda: encrypt_legacy_store(actor=OFFICER))
    _refused(lambda: import_trust_file(b"x", tmp_path, actor=OFFICER))
    _refused(lambda: import_trust_file(b"x", tmp_path, actor=Actor("supervisor")))
    assert not (tmp_path / "trust").exists()


def test_only_admin_changes_the_central_address() -> None:
    old = Settings()
    new = old.replace(central_url="https://other.example")
    _refused(lambda: require_settings_change(OFFICER, old, new))
    _refused(lambda: require_settings_change(Actor("supervisor"), old, new))
    require_settings_change(Actor("admin"), old, new)
    require_settings_change(OFFICER, old, old.replace(idle_lock_minutes=7))
