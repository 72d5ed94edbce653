"""Loading a catalog folder (manifest + one file per procedure), all or nothing."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator

from app.errors import ErrorKind, UserError
from app.services.catalog.jsonfile import JsonFileError, line_of, load_validated, validator_for
from app.services.catalog.model import Procedure
from app.shared import paths
from app.shared.folding import fold

MANIFEST = "catalog.json"
# Schemas always come from the installed app, never from the folder being loaded:
# an office cannot loosen the rules by shipping its own schema.
SCHEMA_DIR = paths.RESOURCES / "procedures"


@cache
def _validators() -> tuple[Draft202012Validator, Draft202012Validator]:
    return (
        validator_for(SCHEMA_DIR / "manifest.schema.json"),
        validator_for(SCHEMA_DIR / "schema.json"),
    )


@dataclass(frozen=True, slots=True)
class Catalog:
    version: str
    procedures: tuple[Procedure, ...]  # most frequent first

    @classmethod
    def load(cls, folder: Path) -> Catalog:
        """Validate every file first; ``UserError(CATALOG_INVALID, "<file>:<line>: …")``."""
        try:
            return cls._load(folder)
        except JsonFileError as exc:
            raise UserError(ErrorKind.CATALOG_INVALID, detail=str(exc)) from exc

    @classmethod
    def _load(cls, folder: Path) -> Catalog:
        manifest_check, procedure_check = _validators()
        manifest = load_validated(folder / MANIFEST, manifest_check)
        procedures = []
        seen: dict[str, str] = {}
        for name in manifest["procedures"]:
            file = folder / name
            raw = load_validated(file, procedure_check)
            text = file.read_text(encoding="utf-8")
            code = raw["code"]
            if name != f"{code}.json":
                raise JsonFileError(
                    name, line_of(text, ["code"]), f"code {code!r} must match the file name"
                )
            if code in seen:
                raise JsonFileError(
                    name, line_of(text, ["code"]), f"code {code!r} also in {seen[code]}"
                )
            seen[code] = name
            flags = {f["id"] for f in raw.get("flags", [])}
            for i, doc in enumerate(raw["documents"]):
                cond = doc.get("condition", {})
                for key in ("flag", "unless"):
                    if key in cond and cond[key] not in flags:
                        line = line_of(text, ["documents", i, "condition", key])
                        raise JsonFileError(
                            name, line, f"flag {cond[key]!r} is not declared in flags"
                        )
            procedures.append(Procedure.from_json(raw))
        procedures.sort(key=lambda p: (p.frequency_rank, p.code))
        return cls(version=manifest["version"], procedures=tuple(procedures))

    def get(self, code: str) -> Procedure:
        for p in self.procedures:
            if p.code == code:
                return p
        raise KeyError(code)

    def search(self, query: str) -> list[Procedure]:
        """Type-to-search: every word of the query starts a word of the code, name or
        keywords, accents ignored ("bhyt ho gia" finds 603); frequent procedures first."""
        words = fold(query).split()
        if not words:
            return list(self.procedures)
        hits = []
        for p in self.procedures:
            own = p.search_text.split()
            if all(any(w.startswith(q) for w in own) for q in words):
                hits.append(p)
        return hits
