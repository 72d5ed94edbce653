"""Typed settings stored as JSON in the user config folder.

Unknown keys are ignored (a newer version may have written them), missing keys take
defaults, a value of the wrong type or out of range is an error naming the field. A
file that cannot be read at all is moved aside and defaults are used.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import re
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from app.errors import ErrorKind, UserError
from app.shared import paths
from app.shared.files import write_atomically

_CODE_PATTERN_FIELDS = {"agency", "yymmdd", "yyyymmdd", "seq"}


@dataclass(frozen=True, slots=True)
class Settings:
    office_code: str = "000.00.00.H00"  # agency electronic code printed in dossier codes
    office_name: str = "Bảo hiểm xã hội cơ sở"
    parent_agency: str = "BẢO HIỂM XÃ HỘI VIỆT NAM"
    place_name: str = ""  # "Hà Nội" in "Hà Nội, ngày … tháng … năm …"
    counter_number: int = 1  # 1–9: the block of daily sequences this counter owns
    dossier_code_pattern: str = "{agency}-{yymmdd}-{seq:04d}"
    central_url: str = ""  # empty: work offline only
    central_cert_sha256: str = ""  # optional pinned server certificate fingerprint
    # The office's public address of the citizen look-up page (…/tra-cuu); the receipt
    # QR opens it. Empty: central's own address when it is https (central serves the
    # page), else the QR holds the plain MOTCUA|code|key text.
    public_lookup_base_url: str = ""
    default_printer: str = ""  # empty: the OS default
    receipt_printer: str = ""  # 80 mm thermal printer, empty: print receipts on A4
    card_reader: str = ""  # empty: the first reader with a card
    scan_folder: str = ""  # a folder the document scanner saves into; empty: none
    scan_rejected_days: int = 7  # refused (or never saved) scans there are deleted after
    idle_lock_minutes: int = 5
    cutoff_hour: str = "16:30"  # dossiers received after this count from the next working day
    language: str = "vi"  # vi or en
    retention_days: int = 365  # local copies of synced dossiers kept this long
    extra: dict[str, Any] = field(default_factory=dict)  # office-specific, kept as is

    @property
    def lookup_base_url(self) -> str:
        """Where the receipt QR points: the administrator's public address, else
        central's when it is https (a citizen's phone reaches it), else nothing."""
        if self.public_lookup_base_url:
            return self.public_lookup_base_url
        central = self.central_url.strip().rstrip("/")
        return central if central.startswith("https://") else ""

    def validate(self) -> None:
        problems = list(self.problems())
        if problems:
            raise UserError(ErrorKind.SETTINGS_INVALID, detail="; ".join(problems))

    def problems(self) -> list[str]:
        out = []
        if not self.office_code.strip():
            out.append("office_code: empty")
        if not 1 <= self.counter_number <= 9:
            out.append("counter_number: 1..9")
        if not 1 <= self.idle_lock_minutes <= 120:
            out.append("idle_lock_minutes: 1..120")
        if not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", self.cutoff_hour):
            out.append("cutoff_hour: HH:MM")
        if self.language not in ("vi", "en"):
            out.append("language: vi|en")
        if self.central_url and not re.match(r"^https?://[^\s/]+", self.central_url):
            out.append("central_url: http(s)://host[:port]")
        if self.public_lookup_base_url and not re.match(
            r"^https://[^\s/?#]+(/[^\s?#]*)?$", self.public_lookup_base_url
        ):
            out.append("public_lookup_base_url: https://host[/path]")
        names = set(re.findall(r"{(\w+)", self.dossier_code_pattern))
        if "seq" not in names or not names <= _CODE_PATTERN_FIELDS:
            out.append("dossier_code_pattern: uses {agency} {yymmdd} {yyyymmdd} {seq}")
        if self.scan_folder and not Path(self.scan_folder).is_dir():
            out.append("scan_folder: not a folder")
        if not 1 <= self.scan_rejected_days <= 365:
            out.append("scan_rejected_days: 1..365")
        if not 1 <= self.retention_days <= 3650 * 3:
            out.append("retention_days: 1..10950")
        return out

    @property
    def cutoff_time(self) -> dt.time:
        hh, mm = self.cutoff_hour.split(":")
        return dt.time(int(hh), int(mm))

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **changes)


def _from_dict(raw: dict[str, Any]) -> Settings:
    defaults = Settings()
    values: dict[str, Any] = {}
    wrong = []
    for f in fields(Settings):
        if f.name not in raw:
            continue
        value = raw[f.name]
        expected = type(getattr(defaults, f.name))
        if (expected is int and isinstance(value, bool)) or not isinstance(value, expected):
            wrong.append(f"{f.name}: expected {expected.__name__}")
            continue
        values[f.name] = value
    if wrong:
        raise UserError(ErrorKind.SETTINGS_INVALID, detail="; ".join(wrong))
    settings = Settings(**values)
    settings.validate()
    return settings


def load(path: Path | None = None) -> tuple[Settings, UserError | None]:
    """Settings from disk and the problem met, if any (the app shows it and goes on).

    A file that cannot be used is moved aside, so the officer's next save does not
    overwrite the evidence and the next start does not complain again.
    """
    path = path or paths.settings_file()
    settings, problem = load_readonly(path)
    if problem is None:
        return settings, None
    kept = _set_aside(path)
    return settings, UserError(problem.kind, detail=f"{problem.detail}; kept as {kept.name}")


def load_readonly(path: Path | None = None) -> tuple[Settings, UserError | None]:
    """Like ``load`` but never moves a broken file aside (for reports and tools)."""
    path = path or paths.settings_file()
    if not path.exists():
        return Settings(), None
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(raw, dict):
            raise ValueError("not an object")
        return _from_dict(raw), None
    except UserError as err:
        return Settings(), err
    except (OSError, ValueError) as exc:
        return Settings(), UserError(ErrorKind.SETTINGS_CORRUPT, detail=type(exc).__name__)


def _set_aside(path: Path) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.broken-{stamp}")
    with contextlib.suppress(OSError):
        path.replace(target)
    return target


def save(settings: Settings, path: Path | None = None) -> None:
    """Validate, then write atomically (a crash mid-write keeps the old file)."""
    settings.validate()
    path = path or paths.settings_file()
    data = json.dumps(dataclasses.asdict(settings), ensure_ascii=False, indent=2)
    write_atomically(path, data.encode("utf-8"))
