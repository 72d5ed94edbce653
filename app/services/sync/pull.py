"""Pull: changes since the saved watermark, each page applied in one transaction.

The watermark is saved in the same transaction as the page it covers, so a crash
either keeps both or neither: a page is never skipped, and applying one twice is
harmless (every change is an upsert by id and version).

Rows are written with Core statements so the server's ``row_version`` is stored as
is (the ORM would bump it): the counter then holds exactly the version the server
has, and its next local change pushes as a newer version built on it. A back-office
change to a dossier the counter changed meanwhile is not applied over the counter's
change: the counter's push then comes back as a conflict the officer settles.

Every page carries central's feed epoch, saved with the watermark. Another epoch than
ours means central was restored from an older backup: the page starts from 0, and
every entry already sent goes back to the outbox so central gets it again (central is
idempotent on the client UUID, nothing lands twice).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from app.services import life_events
from app.services.storage.db import Database
from app.services.storage.models import (
    Dossier,
    DossierEvent,
    KeyValue,
    Office,
    Officer,
    OutboxItem,
)
from app.services.sync import versions
from app.services.sync.client import CentralClient
from app.shared import wire
from app.shared.types import utcnow

WATERMARK_KEY = "sync.watermark"
PUBLISHED_KEY = "central.{kind}"  # latest catalog / calendar version published centrally

log = logging.getLogger(__name__)


@dataclass
class PullTally:
    changes: int = 0
    dossiers: int = 0
    officers: int = 0
    published: int = 0
    life_events: int = 0
    resynced: int = 0  # entries sent again because central started a new epoch


def watermark(session: Session) -> int:
    return feed_position(session)[0]


def feed_position(session: Session) -> tuple[int, str]:
    """(watermark, epoch) of the feed as last applied here."""
    row = session.get(KeyValue, WATERMARK_KEY)
    if row is None:
        return 0, ""
    return int(row.value.get("seq", 0)), str(row.value.get("epoch", ""))


def _set_state(session: Session, key: str, value: dict[str, Any]) -> None:
    row = session.get(KeyValue, key)
    if row is None:
        session.add(KeyValue(key=key, value=value))
    else:
        row.value = value
        row.updated_at = utcnow()


def _dossier(session: Session, change: wire.DossierStatusChange) -> bool:
    local = session.execute(
        select(Dossier.row_version).where(Dossier.id == change.dossier_id)
    ).scalar_one_or_none()
    if local is None:
        return False  # filed at another counter of the office: not kept here
    known = set(
        session.scalars(select(DossierEvent.id).where(DossierEvent.dossier_id == change.dossier_id))
    )
    for event in change.events:
        if event.id not in known:
            session.execute(
                insert(DossierEvent).values(
                    id=event.id,
                    created_at=event.created_at,
                    updated_at=event.updated_at,
                    row_version=event.row_version,
                    dossier_id=event.dossier_id,
                    at=event.at,
                    officer_id=event.officer_id,
                    from_status=event.from_status,
                    to_status=event.to_status,
                    reason=event.reason,
                )
            )
    base = versions.confirmed(session, "dossier", [change.dossier_id]).get(change.dossier_id)
    if base is not None and local != base:
        # The counter changed the dossier meanwhile: keep it; its push comes back as a
        # conflict (central's version beside ours) for the officer to settle.
        return True
    if change.row_version <= local:
        return True  # already at this version (or newer: a row never confirmed)
    versions.confirm(session, "dossier", {change.dossier_id: change.row_version})
    values: dict[str, Any] = dict(
        status=change.status, row_version=change.row_version, updated_at=change.updated_at
    )
    if change.due_at is not None:  # the back office extended the appointment (form 04)
        values["due_at"] = change.due_at
    session.execute(
        update(Dossier)
        .where(Dossier.id == change.dossier_id)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return True


def _office_id(session: Session, code: str) -> str:
    found = session.scalar(select(Office.id).where(Office.code == code))
    if found:
        return found
    office = Office(code=code, name=code)
    session.add(office)
    session.flush()
    return office.id


def _officer(session: Session, data: wire.OfficerWire) -> None:
    from app.services.security.accounts import ROLES

    if data.role not in ROLES or not data.password_hash.startswith("$argon2id$"):
        # Never let a server push an account that signs in with a weak or unknown
        # hash, or a role this counter does not know.
        log.warning("officer account from the central service refused (role or hash)")
        return
    values = dict(
        office_id=_office_id(session, data.office_code),
        username=data.username,
        full_name=data.full_name,
        role=data.role,
        password_hash=data.password_hash,
        active=data.active,
        row_version=data.row_version,
        updated_at=utcnow(),
    )
    by_id = session.scalar(select(Officer.id).where(Officer.id == data.id))
    # A local account of the same name (set up before enrollment) is taken over.
    same_name = session.scalar(select(Officer.id).where(Officer.username == data.username))
    target = by_id or same_name
    if target is None:
        session.execute(insert(Officer).values(id=data.id, created_at=utcnow(), **values))
    else:
        session.execute(
            update(Officer)
            .where(Officer.id == target)
            .values(**values)
            .execution_options(synchronize_session=False)
        )


def _tombstone(session: Session, data: wire.Tombstone) -> None:
    if data.entity == "officer":
        # Dossiers keep referring to the officer who received them: deactivate, keep.
        session.execute(
            update(Officer)
            .where(Officer.id == data.id)
            .values(active=False)
            .execution_options(synchronize_session=False)
        )


def _apply_trust(data: wire.PublishedWire, demo: bool) -> None:
    """The central CSCA list replaces the previous one when its signer is pinned;
    otherwise it is kept as pulled (KeyValue) and not applied. The counter's card
    reads see the new folder at once (``trust_anchors.TrustFolders``)."""
    from app.errors import UserError
    from app.services.card import trust_list
    from app.shared import paths

    anchors = trust_list.pinned_signers(demo)
    try:
        result = trust_list.apply_trust_list(
            trust_list.data_of(data.content), anchors, paths.central_trust_dir(demo)
        )
    except (UserError, OSError) as exc:
        log.warning("central trust list %s not applied: %s", data.version, exc)
        return
    log.info("central trust list %s applied: %d CSCA", data.version, result.added)


def apply_page(
    session: Session, page: wire.ChangesPage, tally: PullTally, *, demo: bool = False
) -> None:
    for change in page.changes:
        data = change.data
        match data:
            case wire.DossierStatusChange():
                tally.dossiers += _dossier(session, data)
            case wire.OfficerWire():
                _officer(session, data)
                tally.officers += 1
            case wire.PublishedWire():
                _set_state(
                    session,
                    PUBLISHED_KEY.format(kind=data.kind),
                    {"version": data.version, "content": data.content},
                )
                tally.published += 1
                if data.kind == "trust":
                    _apply_trust(data, demo)
            case wire.Tombstone():
                _tombstone(session, data)
            case wire.BhxhNumberWire():
                # Central's field, not the counter's: no new version, nothing to push back,
                # and updated_at kept (it is part of the pushed row: a resync after a
                # central restore must find the row as central stored it).
                session.execute(
                    update(Dossier)
                    .where(Dossier.id == data.dossier_id)
                    .values(bhxh_number=data.number, updated_at=Dossier.updated_at)
                    .execution_options(synchronize_session=False)
                )
            case wire.LifeEventWire():
                life_events.apply(session, data)
                tally.life_events += 1
        tally.changes += 1
    _set_state(session, WATERMARK_KEY, {"seq": page.watermark, "epoch": page.epoch})


def resend_everything(session: Session) -> int:
    """Central lost what it acknowledged after its backup: queue it all again."""
    result = session.execute(
        update(OutboxItem)
        .where(OutboxItem.state == "sent")
        .values(state="pending", last_error="central restored from a backup: sent again")
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def pull_all(
    db: Database, client: CentralClient, office: str, *, page_size: int = 500, demo: bool = False
) -> PullTally:
    tally = PullTally()
    with db.session() as s:
        since, epoch = feed_position(s)
    while True:
        page = client.changes(office, since, page_size, epoch)
        new_epoch = page.epoch != epoch
        if page.watermark < since and not new_epoch:
            return tally  # never go backwards within one epoch
        with db.session() as s:
            if feed_position(s) != (since, epoch):
                return tally  # another sync in this data folder moved on: stop here
            if new_epoch and epoch:
                log.warning("central started a new feed epoch: resyncing from the start")
                tally.resynced += resend_everything(s)
            apply_page(s, page, tally, demo=demo)
        since, epoch = page.watermark, page.epoch
        if not page.has_more:
            return tally
