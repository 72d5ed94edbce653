"""The folder a document scanner saves into: ID copies and medical papers in
plaintext, so nothing is kept there longer than needed.

A file is taken only when its size and modification time are the same on two polls
in a row (a scan still being written is left alone). The intake screen ``take``s a
stable scan into ``taken/`` and, once the dossier holding it is saved (the content
is then in the encrypted attachment store), ``discard``s the original. ``poll``
imports straight into the store and deletes each original after its transaction
commits. A refused file goes to ``rejected/`` so the officer can see what was
refused, and expires after ``Settings.scan_rejected_days`` (as does a scan taken
but never saved with a dossier); ``expire`` runs when the watch starts and in the
retention purge (``privacy.purge_expired``).

Deleting is ``unlink``: on journaling file systems and SSDs an overwrite would not
reach the old blocks anyway; the data folder's disk encryption is the answer there
(docs/security.md).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from app.errors import UserError
from app.services.storage.db import Database
from app.services.storage.models import Attachment

if TYPE_CHECKING:
    from app.services.attachments import AttachmentStore

log = logging.getLogger(__name__)

_PARTIAL = re.compile(r"(^[.~])|(\.(part|tmp|crdownload|partial)$)", re.IGNORECASE)
TAKEN, REJECTED = "taken", "rejected"
IMPORTED = "imported"  # where earlier versions kept imported originals: emptied
DEFAULT_REJECTED_DAYS = 7


@dataclass
class PollResult:
    imported: list[Attachment] = field(default_factory=list)
    rejected: list[tuple[str, UserError]] = field(default_factory=list)


class ScanFolder:
    """A folder a scanner saves into, polled (the UI drives it from a QTimer)."""

    def __init__(self, folder: Path, store: AttachmentStore) -> None:
        self.folder = folder
        self.store = store
        self._last: dict[str, tuple[int, int]] = {}

    def stable_files(self) -> list[Path]:
        seen: dict[str, tuple[int, int]] = {}
        ready = []
        for f in sorted(self.folder.iterdir()) if self.folder.is_dir() else []:
            if not f.is_file() or _PARTIAL.search(f.name):
                continue
            try:
                st = f.stat()
            except OSError:
                continue  # removed between listing and stat
            sig = (st.st_size, st.st_mtime_ns)
            seen[f.name] = sig
            if st.st_size > 0 and self._last.get(f.name) == sig:
                ready.append(f)
        self._last = seen
        return ready

    def poll(
        self,
        db: Database,
        citizen_id: str,
        label: str = "",
        on_error: Callable[[str, UserError], None] | None = None,
    ) -> PollResult:
        result = PollResult()
        for f in self.stable_files():
            try:
                with db.session() as s:
                    attachment = self.store.import_file(s, citizen_id, f, label)
            except UserError as err:
                result.rejected.append((f.name, err))
                self._move(f, REJECTED)
                if on_error:
                    on_error(f.name, err)
                continue
            result.imported.append(attachment)  # committed: the encrypted copy counts
            self._unlink(f)
        return result

    def take(self, f: Path) -> Path:
        """Move a stable scan out of the scanner's way (into ``taken/``) for the intake
        screen, which checks and stores it with the dossier; returns its new path."""
        return self._move(f, TAKEN)

    def discard(self, files: Iterable[Path]) -> int:
        """The dossier holding these scans is saved: delete the originals taken from
        this folder (a file the officer picked elsewhere is not ours to delete)."""
        taken = (self.folder / TAKEN).resolve()
        gone = 0
        for f in files:
            if f.resolve().parent == taken and self._unlink(f):
                gone += 1
        return gone

    def expire(self, days: int, now: dt.datetime | None = None) -> int:
        return expire_originals(self.folder, days, now)

    def _move(self, f: Path, sub: str) -> Path:
        target_dir = self.folder / sub
        target_dir.mkdir(exist_ok=True)
        target = target_dir / f.name
        n = 1
        while target.exists():
            target = target_dir / f"{f.stem}-{n}{f.suffix}"
            n += 1
        try:
            f.replace(target)
            os.utime(target)  # the expiry counts from the move, not from the scan
        except OSError:
            pass
        self._last.pop(f.name, None)
        return target

    def _unlink(self, f: Path) -> bool:
        self._last.pop(f.name, None)
        return _unlink(f)


def expire_originals(folder: Path, days: int, now: dt.datetime | None = None) -> int:
    """Delete refused and never-saved scans older than ``days`` (counted from when
    they were moved), and any original an earlier version kept after importing it.
    Returns how many files went."""
    cutoff = (now or dt.datetime.now(dt.UTC)).timestamp() - days * 86400
    gone = 0
    for sub, limit in ((REJECTED, cutoff), (TAKEN, cutoff), (IMPORTED, float("inf"))):
        here = folder / sub
        for f in sorted(here.iterdir()) if here.is_dir() else []:
            try:
                old = f.is_file() and f.stat().st_mtime < limit
            except OSError:
                continue
            if old and _unlink(f):
                gone += 1
    if gone:
        log.info("scan folder: %d expired originals deleted", gone)
    return gone


def _unlink(f: Path) -> bool:
    try:
        f.unlink()
    except FileNotFoundError:
        return False
    except OSError as exc:  # locked by a viewer on Windows: tried again at expiry
        log.warning("scan folder: could not delete an original (%s)", type(exc).__name__)
        return False
    return True
