"""Changing this counter's trust anchors: an administrator's act, audited.

Importing a CSCA certificate, a CRL or an ICAO master list decides which cards read
green at this counter, so it is checked here (not only in Settings) and leaves an
audit record saying what was imported and whose list it was.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from app.errors import ErrorKind, UserError
from app.services import audit
from app.services.card import trust_store
from app.services.card.trust_store import TrustImport
from app.services.security.permissions import HasRole, Permission, require
from app.services.storage.db import Database

CHANGE_TRUST = Permission.MANAGE_TRUST  # administrators only


class Administrator(Protocol):
    @property
    def role(self) -> str: ...

    @property
    def officer_id(self) -> str: ...


def describe(result: TrustImport) -> str:
    """Technical audit detail (no personal data)."""
    parts = [f"trust import: {result.added} CSCA"]
    if result.signer:
        verdict = "signature valid" if result.signature_valid else "signature NOT valid"
        parts.append(f"master list of {result.signer} ({verdict})")
    if result.unusable:
        parts.append(f"{len(result.unusable)} unusable: {'; '.join(result.unusable)[:300]}")
    if result.strict_refused:
        parts.append(f"{result.strict_refused} kept though OpenSSL refuses them")
    return ", ".join(parts)


def import_trust_file(data: bytes, folder: Path, *, actor: HasRole | None) -> TrustImport:
    """The import itself, refused unless ``actor`` is an administrator."""
    require(actor, CHANGE_TRUST)
    return trust_store.import_trust_file(data, folder)


def import_trust_anchor(
    db: Database, officer: Administrator | None, data: bytes, folder: Path
) -> TrustImport:
    """Refuse unless an administrator; import; record who imported what."""
    require(officer, CHANGE_TRUST)
    assert officer is not None
    try:
        result = import_trust_file(data, folder, actor=officer)
    except UserError as err:
        if err.kind is ErrorKind.MASTER_LIST_SIGNATURE_INVALID:  # someone tried: keep a trace
            detail = f"trust import refused: master list signature NOT valid ({err.detail})"
            audit.log(db, officer.officer_id, "change", detail=detail[:400])
        raise
    with db.session() as s:
        audit.record(s, officer.officer_id, "change", detail=describe(result))
    return result
