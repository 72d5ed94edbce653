"""``motcua doctor``: one readable report for a support call.

Each section is collected independently; a failing check becomes a line saying what
is wrong, never an exception. No personal data appears in the report.
"""

from __future__ import annotations

import importlib.metadata
import json
import platform
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field

from app import __version__
from app import settings as settings_mod
from app.shared import paths


@dataclass
class Section:
    title: str
    lines: list[tuple[str, str]] = field(default_factory=list)
    ok: bool = True

    def add(self, key: str, value: object) -> None:
        self.lines.append((key, str(value)))


def _versions() -> Section:
    s = Section("Phiên bản")
    s.add("MotCua", __version__)
    s.add("Python", f"{platform.python_version()} ({platform.system()} {platform.release()})")
    # The package's metadata, not an import: services stay Qt-free.
    try:
        s.add("Qt (PySide6)", importlib.metadata.version("PySide6-Essentials"))
    except importlib.metadata.PackageNotFoundError:
        s.ok = False
        s.add("Qt (PySide6)", "chưa cài")
    import sqlcipher3.dbapi2 as sqlcipher

    s.add("SQLite (SQLCipher)", sqlcipher.sqlite_version)
    import sqlalchemy

    s.add("SQLAlchemy", sqlalchemy.__version__)
    return s


def _storage() -> Section:

    s = Section("Dữ liệu")
    s.add("Thư mục cấu hình", paths.config_dir())
    s.add("Thư mục dữ liệu", paths.data_dir())
    from app.services.security.database import key_storage_lines

    for demo in (False, True):
        for key, value in key_storage_lines(demo):
            s.add(key, value)
            if "không" in value.lower() and "chưa tạo" not in value.lower():
                s.ok = False
    _, problem = settings_mod.load_readonly()
    s.add("Tệp cài đặt", paths.settings_file())
    if problem is not None:
        s.ok = False
        s.add("Cài đặt", f"lỗi: {problem.kind.value} {problem.detail}")
    return s


def _card_readers() -> Section:
    from app.errors import UserError

    s = Section("Đầu đọc thẻ (PC/SC)")
    try:
        from app.services.card.pcsc import diagnose

        readers = diagnose()
    except ImportError as exc:
        s.ok = False
        s.add("pyscard", f"không nạp được: {exc}")
        return s
    except UserError as err:
        s.ok = False
        s.add("Dịch vụ PC/SC", f"KHÔNG DÙNG ĐƯỢC ({err.kind.value})")
        return s
    s.add("Dịch vụ PC/SC", "đang chạy")
    s.ok = bool(readers)
    if not readers:
        s.add("Đầu đọc", "không có đầu đọc nào")
    for reader in readers:
        s.add(
            reader.name,
            f"ATR {reader.atr.hex(' ').upper()}" if reader.card_present else "không có thẻ",
        )
    return s


def _printers() -> Section:
    s = Section("Máy in")
    names, default = list_printers()
    s.ok = bool(names)
    s.add("Máy in", ", ".join(names) if names else "không có máy in nào")
    s.add("Máy in mặc định", default or "(chưa đặt)")
    settings, _ = settings_mod.load_readonly()
    s.add("Máy in A4 trong cài đặt", settings.default_printer or "(mặc định của hệ thống)")
    s.add("Máy in 80 mm trong cài đặt", settings.receipt_printer or "(in trên A4)")
    return s


def list_printers() -> tuple[list[str], str]:
    """Printer names and the default, from CUPS (lpstat) or Windows (PowerShell)."""
    if platform.system() == "Windows":
        cmd = ["powershell", "-NoProfile", "-Command", "Get-Printer | Select -Expand Name"]
        names = _run(cmd).splitlines()
        return [n.strip() for n in names if n.strip()], ""
    if shutil.which("lpstat") is None:
        return [], ""
    names = [
        line.split()[1]
        for line in _run(["lpstat", "-p"]).splitlines()
        if line.startswith("printer ") and len(line.split()) > 1
    ]
    default_line = _run(["lpstat", "-d"]).strip()
    default = default_line.split(":", 1)[1].strip() if ":" in default_line else ""
    return names, default


def _run(cmd: list[str]) -> str:
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=5, check=False).stdout
    except (OSError, subprocess.TimeoutExpired):
        return ""


def _keyring() -> Section:
    s = Section("Kho khoá (keyring)")
    try:
        import keyring
        from keyring.backends.fail import Keyring as FailKeyring

        backend = keyring.get_keyring()
        s.add("Kho khoá", f"{type(backend).__module__}.{type(backend).__name__}")
        if isinstance(backend, FailKeyring):
            s.ok = False
            s.add("Tình trạng", "không có kho khoá: thông tin đăng nhập máy chủ không lưu được")
    except Exception as exc:
        s.ok = False
        s.add("Kho khoá", f"lỗi: {type(exc).__name__}")
    return s


def _central() -> Section:
    """Sync goes to the address fixed at enrolment (docs/security.md), so that is the
    one shown and probed; the settings' address only matters for the next enrolment."""
    from app.errors import UserError
    from app.services.sync.credentials import KeyringStore

    s = Section("Máy chủ trung tâm")
    settings, _ = settings_mod.load_readonly()
    try:
        enrolled = KeyringStore().load()
    except UserError:
        enrolled = None
    url = enrolled.central_url if enrolled else ""
    if enrolled is not None:
        s.add("Địa chỉ đã đăng ký", url)
        s.add("Chứng chỉ ghim", "có" if enrolled.cert_sha256 else "KHÔNG (cần đăng ký lại)")
    if settings.central_url and settings.central_url != url:
        s.add("Địa chỉ trong cài đặt", f"{settings.central_url} (chỉ dùng khi đăng ký lại)")
    if not url:
        s.add("Địa chỉ đã đăng ký", "(chưa đăng ký quầy — làm việc ngoại tuyến)")
        return s
    import httpx

    try:
        response = httpx.get(url.rstrip("/") + "/api/v1/health", timeout=3)
        s.add("Trả lời", f"HTTP {response.status_code}")
        s.ok = response.status_code == 200
    except httpx.HTTPError as exc:
        s.ok = False
        s.add("Trả lời", f"không kết nối được ({type(exc).__name__})")
    return s


SECTIONS: list[Callable[[], Section]] = [
    _versions,
    _storage,
    _card_readers,
    _printers,
    _keyring,
    _central,
]


def collect() -> list[Section]:
    report = []
    for make in SECTIONS:
        try:
            report.append(make())
        except Exception as exc:  # one broken probe must not hide the others
            broken = Section(make.__name__.strip("_"), ok=False)
            broken.add("lỗi", type(exc).__name__)
            report.append(broken)
    return report


def to_text(report: list[Section]) -> str:
    out = [f"MotCua doctor — {__version__}"]
    for section in report:
        out.append("")
        out.append(f"== {section.title} {'[OK]' if section.ok else '[CẦN KIỂM TRA]'}")
        width = max((len(k) for k, _ in section.lines), default=0)
        out.extend(f"  {k.ljust(width)} : {v}" for k, v in section.lines)
    return "\n".join(out)


def to_json(report: list[Section]) -> str:
    return json.dumps(
        [{"title": s.title, "ok": s.ok, "lines": dict(s.lines)} for s in report],
        ensure_ascii=False,
        indent=2,
    )
