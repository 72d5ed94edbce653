"""Faults the emulator can show on demand, for testing how the reader reacts."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields, replace

FAULT_HELP = {
    "cloned": "Active Authentication signed with a key other than DG15's (a clone)",
    "altered-dg13": "DG13 changed after EF.SOD was signed (hash mismatch)",
    "wrong-keys": "BAC/PACE keys derived from another MRZ/CAN than printed",
    "expired-dsc": "EF.SOD signed by an expired Document Signer",
    "remove-at=N": "the card disappears after N APDUs (vpcd connection closed)",
    "reinsert-after=S": "with remove-at: the card comes back after S seconds",
    "slow=MS": "delay of MS milliseconds before each answer",
    "hidden-dg14-dg15": "a copy: EF.SOD lists DG14/DG15 but EF.COM omits them and they answer 6A82",
    "rsa-encryption-sod": "EF.SOD's SignerInfo says rsaEncryption (digest from digestAlgorithm)",
    "unknown-csca": "EF.SOD signed by a Document Signer of a CSCA no trust list holds",
    "endless-61xx": "once secure messaging runs, every READ BINARY answers 61xx for ever",
    "oversized-length": "DG2 announces 16 MB in its length field",
    "open-files": "(benchmarks) data groups readable without BAC/PACE: the plain baseline",
}


@dataclass(frozen=True, slots=True)
class Faults:
    cloned: bool = False
    altered_dg13: bool = False
    wrong_keys: bool = False
    expired_dsc: bool = False
    remove_at: int | None = None
    reinsert_after: float | None = None
    slow_ms: int = 0
    hidden_dg14_dg15: bool = False
    rsa_encryption_sod: bool = False
    unknown_csca: bool = False
    endless_61xx: bool = False
    oversized_length: bool = False
    open_files: bool = False

    @classmethod
    def parse(cls, items: Iterable[str]) -> Faults:
        """From strings like ``cloned``, ``remove-at=40``, ``slow=20`` (CLI and profiles)."""
        result = cls()
        for item in items:
            name, _, value = item.strip().partition("=")
            key = name.replace("-", "_")
            if key == "slow":
                key = "slow_ms"
            known = {f.name: f for f in fields(cls)}
            if key not in known:
                raise ValueError(f"unknown fault {name!r}; known: {', '.join(FAULT_HELP)}")
            if known[key].type == "bool":
                if value:
                    raise ValueError(f"fault {name!r} takes no value")
                result = replace(result, **{key: True})  # type: ignore[arg-type]
            else:
                if not value:
                    raise ValueError(f"fault {name!r} needs a value, e.g. {name}=10")
                number: float = float(value) if key == "reinsert_after" else int(value)
                if number < 0:
                    raise ValueError(f"fault {name!r} cannot be negative")
                result = replace(result, **{key: number})  # type: ignore[arg-type]
        return result

    def merged(self, other: Faults) -> Faults:
        """``other`` wins wherever it sets something (command line over profile)."""
        changes = {
            f.name: getattr(other, f.name)
            for f in fields(self)
            if getattr(other, f.name) not in (False, None, 0)
        }
        return replace(self, **changes)

    def describe(self) -> list[str]:
        out = []
        for f in fields(self):
            value = getattr(self, f.name)
            if value in (False, None, 0):
                continue
            name = f.name.replace("_", "-").replace("slow-ms", "slow").replace("61xx", "61xx")
            out.append(name if value is True else f"{name}={value}")
        return out
