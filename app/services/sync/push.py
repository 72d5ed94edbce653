"""Push: pending outbox entries → the central service, acknowledged one by one.

An entry becomes ``sent`` only on the server's acknowledgement (created, updated or
duplicate) — and only if the row did not change again while it was travelling (the
outbox keeps one pending entry per row, so a change made meanwhile rides on the same
entry: it stays pending and goes next time); central's version is then recorded as
the base of the row's next push. Only an **item-level** answer is final: a conflict
(409: central changed the row since this counter last saw it) marks the entry
``conflict`` with central's version and status, a refusal (403, 422) marks it
``rejected``; the officer sees both with the reason (``conflicts``). Anything about
the batch as a whole — network failures, 5xx, 408, 429, a proxy's own 401/404, an
answer that is not ours, a 422 for the whole body after a server upgrade — leaves
every entry pending (``attempts`` and ``last_error`` updated) and the engine backs
off; a 413 (a proxy's body limit) splits the batch in halves and tries again.

Because the server is idempotent on the client UUID, pushing something twice is
harmless: a killed process, a lost answer or a retry lands exactly once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.errors import ErrorKind, UserError
from app.services.attachments import read_stored
from app.services.storage.db import Database
from app.services.storage.models import OutboxItem
from app.services.sync import serialize, versions
from app.services.sync.client import CentralClient, Refused
from app.shared import paths, wire
from app.shared.types import utcnow

CHUNK = 512 * 1024  # stays under the body limit of common proxies (1 MB)
MIN_CHUNK = 16 * 1024
# Blob refusals about this attachment itself (not about the transport): final.
_FINAL_BLOB_REASONS = frozenset({"size_mismatch", "sha256_mismatch", "too_large", "quota"})
ContentPath = Callable[[str], Path]


def default_content_path(sha256: str) -> Path:
    """Where the intake stores attachment content: ``<attachments>/<ab>/<abcdef…>``.

    Real mode's folder; demo mode passes ``AttachmentStore(attachments_dir(True)).content_path``.
    """
    return paths.attachments_dir() / sha256[:2] / sha256


@dataclass
class PushTally:
    sent: int = 0
    duplicates: int = 0
    rejected: int = 0
    conflicts: int = 0
    retry: int = 0
    reasons: list[str] = field(default_factory=list)  # rejections of this round


@dataclass
class _Group:
    target: serialize.Target
    seqs: list[int]
    item: Any = None
    fingerprint: str = ""


def _pending(session: Session, limit: int) -> list[OutboxItem]:
    return list(
        session.scalars(
            select(OutboxItem)
            .where(OutboxItem.state == "pending")
            .order_by(OutboxItem.seq)
            .limit(limit)
        )
    )


def _mark(session: Session, seqs: list[int], **values: Any) -> None:
    """Update still-pending entries (one that was rejected or sent meanwhile stays so)."""
    for i in range(0, len(seqs), 500):
        session.execute(
            update(OutboxItem)
            .where(OutboxItem.seq.in_(seqs[i : i + 500]), OutboxItem.state == "pending")
            .values(**values)
            .execution_options(synchronize_session=False)
        )


def _fail(session: Session, seqs: list[int], error: str) -> None:
    _mark(session, seqs, attempts=OutboxItem.attempts + 1, last_error=error[:500])


def _collect(db: Database, office: str, limit: int) -> tuple[list[_Group], int]:
    """Group up to ``limit`` targets' pending entries; reject entries whose row is gone."""
    groups: dict[serialize.Target, _Group] = {}
    gone: list[int] = []
    with db.session() as s:
        entries = _pending(s, limit * 4)
        targets = serialize.targets_of(s, [(e.entity, e.entity_id) for e in entries])
        for entry, target in zip(entries, targets, strict=True):
            if target is None:
                gone.append(entry.seq)
                continue
            if target not in groups and len(groups) >= limit:
                continue  # next round
            groups.setdefault(target, _Group(target, [])).seqs.append(entry.seq)
        _mark(s, gone, state="rejected", last_error="row no longer exists locally")
        refs = {t: min(g.seqs) for t, g in groups.items()}
        known = {t: r for t, r in refs.items() if t.entity in serialize.PUSHED}
        items = serialize.build_many(s, known, office)
        for target, group in list(groups.items()):
            group.item = items.get(target)
            if group.item is None:
                reason = (
                    "row no longer exists locally"
                    if target in known
                    else f"unknown outbox entity {target.entity}"
                )
                _mark(s, group.seqs, state="rejected", last_error=reason)
                del groups[target]
                continue
            group.fingerprint = serialize.fingerprint(group.item)
    return list(groups.values()), len(entries)


def upload_content(client: CentralClient, office: str, sha256: str, content: bytes) -> None:
    """Resumable upload of the plaintext: continue from the offset the server has; the
    server verifies it by SHA-256."""
    size = len(content)
    status = client.blob_start(office, sha256, size)
    if status.complete:
        return
    chunk = CHUNK
    for _ in range(3):  # a hash mismatch on the server restarts at 0 once
        offset = status.received
        while offset < size:
            data = content[offset : offset + chunk]
            try:
                status = client.blob_put(office, sha256, offset, data)
            except Refused as exc:
                if exc.status == 413 and chunk > MIN_CHUNK and not exc.ours:
                    chunk //= 2  # a proxy's body limit: smaller pieces
                    continue
                if exc.reason != "offset_mismatch":
                    raise
                status = client.blob_status(office, sha256)  # resume where it stands
            offset = status.received
            if status.complete:
                return
        if status.complete:
            return
        status = client.blob_status(office, sha256)
    raise Refused(422, "sha256_mismatch")


def _read_content(path: Path, sha256: str, size: int) -> tuple[bytes, str]:
    """The plaintext to upload (files are encrypted at rest), or why it cannot be."""
    try:
        content = read_stored(path, sha256)  # decrypts and checks the hash
    except OSError:
        return b"", "attachment content missing locally"
    except UserError:
        return b"", "attachment content does not match its hash"
    if len(content) != size:
        return b"", "attachment content size differs from its record"
    return content, ""


def push_round(
    db: Database,
    client: CentralClient,
    office: str,
    *,
    batch_size: int = 100,
    content_path: ContentPath = default_content_path,
) -> tuple[PushTally, int]:
    """Push up to ``batch_size`` targets; returns the tally and how many entries were read.

    Raises ``UserError`` when the server cannot be reached (entries stay pending)."""
    tally = PushTally()
    groups, read = _collect(db, office, batch_size)
    if not groups:
        return tally, read
    ready: list[_Group] = []
    refused: list[tuple[_Group, str]] = []
    for group in groups:
        if isinstance(group.item, wire.AttachmentItem):
            a = group.item.attachment
            content, problem = _read_content(content_path(a.sha256), a.sha256, a.size)
            if not problem:
                try:
                    upload_content(client, office, a.sha256, content)
                except Refused as exc:
                    if not (exc.ours and exc.reason in _FINAL_BLOB_REASONS):
                        _record_failure(db, groups, _transient(exc))
                        raise _transient(exc) from exc
                    problem = f"{exc.status} {exc.reason}"
                except UserError as exc:
                    _record_failure(db, groups, exc)
                    raise
            if problem:
                refused.append((group, problem))
                continue
        ready.append(group)
    results: dict[int, wire.PushResult] = {}
    if ready:
        try:
            results = _push_split(client, office, [g.item for g in ready])
        except UserError as exc:
            _record_failure(db, groups, exc)
            raise
    with db.session() as s:
        for group, problem in refused:
            _mark(s, group.seqs, state="rejected", last_error=problem)
            tally.rejected += 1
            tally.reasons.append(problem)
        accepted: list[tuple[_Group, bool]] = []
        for group in ready:
            result = results.get(group.item.ref)
            if result is None:
                _fail(s, group.seqs, "no answer for this item; sent again next round")
                tally.retry += 1
            elif result.outcome in wire.ACCEPTED:
                accepted.append((group, result.outcome == "duplicate"))
            elif result.outcome == "retry":
                _fail(s, group.seqs, f"{result.status} {result.reason}")
                tally.retry += 1
            elif result.outcome == "conflict":
                _mark_conflict(s, group, result)
                tally.conflicts += 1
                tally.reasons.append(f"409 conflict: {result.reason}")
            else:
                reason = f"{result.status} {result.outcome}: {result.reason}"
                _mark(s, group.seqs, state="rejected", last_error=reason[:500])
                tally.rejected += 1
                tally.reasons.append(reason)
        _acknowledge(s, accepted, office, tally)
    return tally, read


def _acknowledge(
    s: Session, accepted: list[tuple[_Group, bool]], office: str, tally: PushTally
) -> None:
    current = serialize.build_many(s, {g.target: g.item.ref for g, _ in accepted}, office)
    sent: list[int] = []
    changed: list[int] = []
    for group, duplicate in accepted:
        now = current.get(group.target)
        if now is not None and serialize.fingerprint(now) != group.fingerprint:
            # Changed while travelling: the entry stays pending and carries the new state.
            changed += group.seqs
            continue
        sent += group.seqs
        if duplicate:
            tally.duplicates += 1
        else:
            tally.sent += 1
    _mark(s, sent, state="sent", sent_at=utcnow(), last_error="")
    _mark(s, changed, last_error="changed during sync; sent again next round")
    # Central now holds the version pushed: the row's next change builds on it.
    confirmed: dict[str, dict[str, int]] = {}
    for group, _ in accepted:
        main = _main_row(group.item)
        if main is not None:
            confirmed.setdefault(group.target.entity, {})[main.id] = main.row_version
    for entity, by_id in confirmed.items():
        versions.confirm(s, entity, by_id)


def _main_row(item: Any) -> Any:
    match item:
        case wire.DossierItem():
            return item.dossier
        case wire.CitizenItem():
            return item.citizen
        case wire.AttachmentItem():
            return item.attachment
        case wire.LifeEventContactItem():
            return item.life_event_contact
        case wire.FaceMatchItem():
            return item.face_match
    return None


def _mark_conflict(s: Session, group: _Group, result: wire.PushResult) -> None:
    """Keep what the officer needs to decide: central's version and status, the reason."""
    for seq in group.seqs:
        entry = s.get(OutboxItem, seq)
        if entry is None or entry.state != "pending":
            continue
        main = _main_row(group.item)
        entry.state = "conflict"
        entry.last_error = f"409 conflict: {result.reason}"[:500]
        entry.payload = {
            **(entry.payload or {}),
            "conflict": {
                "central_version": result.central_version,
                "central_status": result.central_status,
                "local_version": main.row_version if main is not None else None,
                "local_status": getattr(main, "status", None),
                "base_version": getattr(group.item, "base_version", None),
                "target": [group.target.entity, group.target.id],
            },
        }


def _transient(exc: Refused) -> UserError:
    return UserError(
        ErrorKind.SERVER_UNREACHABLE, detail=f"HTTP {exc.status} {exc.reason}; retried later"
    )


def _push_split(client: CentralClient, office: str, items: list[Any]) -> dict[int, wire.PushResult]:
    """Push ``items``; on a 413 push each half on its own (down to one item). Any other
    refusal of the whole batch is not an answer about its items: they stay pending."""
    try:
        answer = client.push(office, items)
    except Refused as exc:
        if exc.status == 413 and len(items) > 1:
            half = len(items) // 2
            return _push_split(client, office, items[:half]) | _push_split(
                client, office, items[half:]
            )
        raise _transient(exc) from exc
    return {r.ref: r for r in answer.results}


def _record_failure(db: Database, groups: list[_Group], error: UserError) -> None:
    try:
        with db.session() as s:
            for group in groups:
                _fail(s, group.seqs, f"{error.kind.value}: {error.detail}")
    except UserError:
        pass  # the local database is busy: the attempt count is only informative


def push_all(
    db: Database,
    client: CentralClient,
    office: str,
    *,
    batch_size: int = 100,
    content_path: ContentPath = default_content_path,
) -> PushTally:
    """Rounds until nothing pending is left that this run can move."""
    total = PushTally()
    while True:
        tally, read = push_round(
            db, client, office, batch_size=batch_size, content_path=content_path
        )
        total.sent += tally.sent
        total.duplicates += tally.duplicates
        total.rejected += tally.rejected
        total.conflicts += tally.conflicts
        total.retry += tally.retry
        total.reasons += tally.reasons
        progressed = tally.sent + tally.duplicates + tally.rejected + tally.conflicts
        if read == 0 or progressed == 0:
            return total
