"""Importing trust anchors is an administrator's act and is audited."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from app.errors import ErrorKind, UserError
from app.services.card.passive_auth import TrustStore
from app.services.card.trust_admin import import_trust_anchor
from app.services.storage.models import AuditEvent

CSCA = Path(__file__).resolve().parents[3] / "resources" / "cards" / "pki" / "test-csca.der"


@dataclass
class Who:
    officer_id: str
    role: str


def test_an_officer_cannot_import_a_csca(db, tmp_path):
    with pytest.raises(UserError) as info:
        import_trust_anchor(db, Who("o1", "officer"), CSCA.read_bytes(), tmp_path)
    assert info.value.kind is ErrorKind.PERMISSION_DENIED
    assert not TrustStore.from_folder(tmp_path)


def test_an_admin_imports_and_the_act_is_audited(db, tmp_path):
    result = import_trust_anchor(db, Who("a1", "admin"), CSCA.read_bytes(), tmp_path)
    assert result.added == 1 and TrustStore.from_folder(tmp_path)
    with db.session() as s:
        event = s.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc())).first()
        assert event is not None
        assert (event.officer_id, event.action) == ("a1", "change")
        assert "trust import: 1 CSCA" in event.detail


def test_a_master_list_with_a_failing_signature_is_refused_and_the_attempt_audited(db, tmp_path):
    from cryptography import x509

    from tests.unit.card.card_builders import master_list

    unsigned = master_list([x509.load_der_x509_certificate(CSCA.read_bytes())])
    with pytest.raises(UserError) as info:
        import_trust_anchor(db, Who("a1", "admin"), unsigned, tmp_path)
    assert info.value.kind is ErrorKind.MASTER_LIST_SIGNATURE_INVALID
    assert not TrustStore.from_folder(tmp_path)
    with db.session() as s:
        event = s.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc())).first()
        assert event is not None and "refused" in event.detail
