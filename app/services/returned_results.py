"""Results signed by the processing office, fetched and checked at the counter.

When a dossier's status comes back ``result_ready`` from the central service, the
counter downloads the signed result PDF (``CentralClient.dossier_result``), checks
its signature against the BHXH trust roots (:mod:`app.shared.result_signature`),
keeps it encrypted beside the scans (same store, same key) and remembers the verdict
in ``local_state`` under ``result.<dossier id>``. The returns screen shows the
verdict and prints the PDF; an invalid signature is shown as such and never printed
as if it were genuine.

Trust roots: every ``*.pem``/``*.crt`` in ``<config dir>/result-trust/`` and in
``resources/trust/results/`` (the national CA's root in production; the demo root
written by ``motcua-central office-cert`` in tests and demos).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from asn1crypto import x509
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import UserError
from app.services.attachments import AttachmentStore, read_stored
from app.services.storage.db import Database
from app.services.storage.models import Dossier, KeyValue
from app.services.sync.client import CentralClient, Refused
from app.shared import paths
from app.shared.result_signature import SignatureCheck, trust_roots_in, verify_result
from app.shared.types import utcnow

log = logging.getLogger(__name__)

KEY = "result.{dossier_id}"


@dataclass(frozen=True, slots=True)
class StoredResult:
    dossier_id: str
    sha256: str
    check: SignatureCheck
    fetched_at: str


def trust_folders() -> list[Path]:
    return [paths.config_dir() / "result-trust", paths.RESOURCES / "trust" / "results"]


def load_trust_roots(folders: list[Path] | None = None) -> list[x509.Certificate]:
    return trust_roots_in(folders or trust_folders())


def stored_result(session: Session, dossier_id: str) -> StoredResult | None:
    row = session.get(KeyValue, KEY.format(dossier_id=dossier_id))
    if row is None:
        return None
    v = row.value
    return StoredResult(dossier_id, v["sha256"], SignatureCheck(**v["check"]), v["fetched_at"])


def fetch_result(
    db: Database,
    client: CentralClient,
    office: str,
    dossier_id: str,
    store: AttachmentStore,
    trust_roots: list[x509.Certificate],
) -> StoredResult:
    """Download, check and keep one dossier's result (network: call off the GUI thread)."""
    pdf = client.dossier_result(office, dossier_id)
    check = verify_result(pdf, trust_roots)
    sha = hashlib.sha256(pdf).hexdigest()
    store._store(store.content_path(sha), pdf)
    fetched_at = utcnow().isoformat()
    value = {"sha256": sha, "check": asdict(check), "fetched_at": fetched_at}
    with db.session() as s:
        key = KEY.format(dossier_id=dossier_id)
        row = s.get(KeyValue, key)
        if row is None:
            s.add(KeyValue(key=key, value=value))
        else:
            row.value = value
    return StoredResult(dossier_id, sha, check, fetched_at)


def fetch_ready_results(
    db: Database,
    client: CentralClient,
    office: str,
    store: AttachmentStore,
    trust_roots: list[x509.Certificate],
    *,
    limit: int = 20,
) -> list[StoredResult]:
    """Dossiers of this counter whose result is ready and not fetched yet (at most
    ``limit`` per call, newest first). One the server has no result for (marked ready
    by other means) is skipped; a network failure stops the round."""
    with db.session() as s:
        ready = list(
            s.scalars(
                select(Dossier.id)
                .where(Dossier.status == "result_ready")
                .order_by(Dossier.updated_at.desc())
            )
        )
        missing = [d for d in ready if s.get(KeyValue, KEY.format(dossier_id=d)) is None]
    fetched = []
    for dossier_id in missing[:limit]:
        try:
            fetched.append(fetch_result(db, client, office, dossier_id, store, trust_roots))
        except Refused as exc:
            log.info("no signed result for dossier %s: %s", dossier_id, exc.reason)
    return fetched


def fetch_after_pull(
    db: Database, store: AttachmentStore, folders: list[Path] | None = None
) -> Callable[[CentralClient, str], list[StoredResult]]:
    """The sync engine's ``after_pull`` hook: fetch every result that became ready.

    A result that cannot be fetched now (server busy, not signed yet) is tried again
    after the next pull; it never fails the sync itself.
    """

    def hook(client: CentralClient, office: str) -> list[StoredResult]:
        try:
            return fetch_ready_results(db, client, office, store, load_trust_roots(folders))
        except (UserError, Refused) as exc:
            log.warning("signed results not fetched this time: %s", exc)
            return []

    return hook


def result_pdf(store: AttachmentStore, result: StoredResult) -> bytes:
    """The kept PDF, decrypted and checked against its hash."""
    return read_stored(store.content_path(result.sha256), result.sha256)
