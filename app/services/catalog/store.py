"""The catalog in use, replaceable while the app runs.

A replacement is validated completely before anything changes; an invalid one is
refused with ``CATALOG_INVALID`` and the catalog in use stays. An accepted one is
copied into the data folder (``data_dir()/catalog``) so the next start uses it; the
copy is swapped in with a rename so a crash leaves either the old or the new folder.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path

from app.errors import ErrorKind, UserError
from app.services.catalog.jsonfile import install_folder
from app.services.catalog.loader import MANIFEST, Catalog
from app.shared import paths

BUILTIN = paths.RESOURCES / "procedures"


class CatalogStore:
    def __init__(self, builtin: Path = BUILTIN, installed: Path | None = None) -> None:
        self._builtin = builtin
        self._installed = installed or paths.data_dir() / "catalog"
        self._lock = threading.Lock()
        self._current = self._initial()

    def _initial(self) -> Catalog:
        if (self._installed / MANIFEST).exists():
            try:
                return Catalog.load(self._installed)
            except UserError:
                pass  # a broken installed copy must not stop the counter: fall back
        return Catalog.load(self._builtin)

    @property
    def current(self) -> Catalog:
        return self._current

    def replace(self, source: Path | Sequence[Path]) -> Catalog:
        """Use the catalog in ``source`` (a folder, or the manifest and procedure files)."""
        with tempfile.TemporaryDirectory(prefix="catalog-") as tmp:
            staging = Path(tmp) / "new"
            staging.mkdir()
            files = sorted(source.glob("*.json")) if isinstance(source, Path) else list(source)
            for f in files:
                if f.name.endswith("schema.json"):
                    continue  # the app's own schemas rule
                shutil.copy2(f, staging / f.name)
            if not (staging / MANIFEST).exists():
                raise UserError(ErrorKind.CATALOG_INVALID, detail=f"{MANIFEST}:1: missing")
            catalog = Catalog.load(staging)  # raises before anything changes
            with self._lock:
                self._install(staging)
                self._current = catalog
        return catalog

    def _install(self, staging: Path) -> None:
        install_folder(sorted(staging.iterdir()), self._installed)
