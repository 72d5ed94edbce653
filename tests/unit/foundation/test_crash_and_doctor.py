import json
import subprocess
import sys

from app import crash
from app.services import doctor

CITIZEN_NAME = "Nguyễn Thị Hồng Nhung"
CITIZEN_ID = "001190054321"


def _raise_with_personal_data():
    citizen = {"name": CITIZEN_NAME, "id": CITIZEN_ID}  # noqa: F841 - a local a naive report would dump
    raise KeyError(f"{CITIZEN_NAME} {CITIZEN_ID}")


def test_crash_report_has_the_stack_but_no_personal_data(tmp_path):
    try:
        _raise_with_personal_data()
    except KeyError as exc:
        path = crash.write_report(type(exc), exc.__traceback__, tmp_path)
    text = path.read_text(encoding="utf-8")
    assert "builtins.KeyError" in text
    assert "_raise_with_personal_data" in text and "test_crash_and_doctor.py" in text
    assert CITIZEN_NAME not in text and CITIZEN_ID not in text
    assert "Nguy" not in text and "0054321" not in text


def test_cli_bug_prints_one_line_and_writes_a_report(tmp_path, motcua_home):
    code = f"from app import crash; crash.install_cli_hook();raise ValueError('{CITIZEN_ID}')"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and CITIZEN_ID not in result.stderr
    assert "Báo cáo lỗi đã được ghi" in result.stderr
    reports = list((motcua_home / "logs" / "crash-reports").glob("crash-*.txt"))
    assert len(reports) == 1 and CITIZEN_ID not in reports[0].read_text(encoding="utf-8")


def test_doctor_report_has_every_section(motcua_home):
    report = doctor.collect()
    titles = [s.title for s in report]
    assert titles == [
        "Phiên bản",
        "Dữ liệu",
        "Đầu đọc thẻ (PC/SC)",
        "Máy in",
        "Kho khoá (keyring)",
        "Máy chủ trung tâm",
    ]
    text = doctor.to_text(report)
    for needle in (
        "Python",
        "Qt",
        "SQLite",
        str(motcua_home / "data"),
        "Máy in mặc định",
        "Kho khoá",
        "Địa chỉ",
    ):
        assert needle in text
    assert json.loads(doctor.to_json(report))[0]["lines"]["MotCua"]


def test_doctor_reports_where_the_key_is_and_the_schema_revision(motcua_home):
    from app.services.security.database import open_local
    from app.services.storage.db import head_revision

    open_local(demo=True).dispose()  # no keyring in tests: the demo key file fallback
    text = doctor.to_text(doctor.collect())
    assert "demo.key" in text
    assert f"đã mã hoá, khoá mở được; lược đồ {head_revision()}" in text
    assert "Cơ sở dữ liệu: tình trạng" not in text or "chưa tạo" in text


def test_doctor_command_line(motcua_home):
    result = subprocess.run(
        [sys.executable, "-m", "app", "doctor", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    sections = json.loads(result.stdout)
    assert {s["title"] for s in sections} >= {"Phiên bản", "Máy in", "Đầu đọc thẻ (PC/SC)"}


def test_version_command():
    result = subprocess.run(
        [sys.executable, "-m", "app", "--version"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0 and result.stdout.startswith("MotCua 0.")
