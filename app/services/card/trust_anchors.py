"""The CSCAs a counter reads cards with, gathered from folders that change while it
runs: the shipped ones, those an administrator imported, the list central published
(replaced by a sync pull on the sync thread) and, on a demo counter, the demo's own.

``TrustFolders.current()`` is called for each card read (on the card thread): it
looks at the folders' listings and re-reads them only when one changed, so a list
applied by a sync is used by the very next read, without a restart.
"""

from __future__ import annotations

import threading
from pathlib import Path

from app.services.card.trust_store import TrustStore
from app.shared import paths

_Stamp = tuple[tuple[str, int, int], ...]


def _stamp(folder: Path) -> _Stamp:
    try:
        entries = sorted(folder.iterdir())
    except OSError:  # absent (never imported, nothing published yet)
        return ()
    out = []
    for entry in entries:
        try:
            st = entry.stat()
        except OSError:
            continue
        out.append((entry.name, st.st_size, st.st_mtime_ns))
    return tuple(out)


class TrustFolders:
    def __init__(self, folders: list[Path]) -> None:
        self.folders = list(folders)
        self._lock = threading.Lock()
        self._stamps: tuple[_Stamp, ...] | None = None
        self._store = TrustStore()

    def current(self) -> TrustStore:
        """The anchors as the folders hold them now."""
        stamps = tuple(_stamp(f) for f in self.folders)
        with self._lock:
            if stamps != self._stamps:
                store = TrustStore()
                for folder in self.folders:
                    more = TrustStore.from_folder(folder)
                    store.certificates.extend(more.certificates)
                    store.crls.extend(more.crls)
                self._store, self._stamps = store, stamps
            return self._store


def counter_trust(demo: bool) -> TrustFolders:
    """This counter's anchors: shipped, imported here (Settings), published centrally
    and, in demo mode, the demo's own test CSCA (``app.services.demo.ensure_demo_trust``)."""
    folders = [paths.RESOURCES / "trust", paths.trust_dir(), paths.central_trust_dir(demo)]
    if demo:
        folders.append(paths.trust_dir(True))
    return TrustFolders(folders)
