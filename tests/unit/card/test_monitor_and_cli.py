"""The reader monitor without pcscd, and the ``card`` CLI commands."""

from __future__ import annotations

import argparse
import json
import threading

import pytest

from app.errors import ErrorKind, UserError
from app.services.card import monitor as monitor_module
from app.services.card.cli import add_card_commands, run_card_command
from app.services.card.monitor import EventKind, ReaderEvent, ReaderMonitor

NOTE = "001090123456|012345678|Nguyễn Văn A|01011990|Nam|Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh|15042021"


def test_monitor_survives_pcscd_down_and_reports_it_once(monkeypatch):
    calls = {"n": 0}
    up = threading.Event()
    events: list[ReaderEvent] = []

    def establish() -> int:
        calls["n"] += 1
        if calls["n"] < 4:
            raise UserError(ErrorKind.PCSC_NOT_RUNNING, detail="test")
        return 1

    def watch(self, context: int) -> None:
        up.set()
        self._stop.wait(5)

    monkeypatch.setattr(monitor_module, "establish_context", establish)
    monkeypatch.setattr(ReaderMonitor, "_watch", watch)
    monkeypatch.setattr(monitor_module.scard, "SCardReleaseContext", lambda context: 0)
    monkeypatch.setattr(monitor_module.scard, "SCardCancel", lambda context: 0)
    monitor = ReaderMonitor(events.append, retry_s=0.01)
    monitor.start()
    try:
        assert up.wait(5)
    finally:
        monitor.stop()
    assert [e.kind for e in events] == [EventKind.SERVICE_DOWN, EventKind.SERVICE_UP]
    assert calls["n"] == 4


def test_monitor_reports_the_service_at_first_start(monkeypatch):
    """With pcscd up and no reader at all, the UI still learns the state at once."""
    up = threading.Event()
    events: list[ReaderEvent] = []

    def watch(self, context: int) -> None:
        up.set()
        self._stop.wait(5)

    monkeypatch.setattr(monitor_module, "establish_context", lambda: 1)
    monkeypatch.setattr(ReaderMonitor, "_watch", watch)
    monkeypatch.setattr(monitor_module.scard, "SCardReleaseContext", lambda context: 0)
    monkeypatch.setattr(monitor_module.scard, "SCardCancel", lambda context: 0)
    monitor = ReaderMonitor(events.append, retry_s=0.01)
    monitor.start()
    try:
        assert up.wait(5)
    finally:
        monitor.stop()
    assert [e.kind for e in events] == [EventKind.SERVICE_UP]


def test_events_are_immutable_snapshots():
    event = ReaderEvent(EventKind.CARD_INSERTED, "Reader", b"\x3b\x00")
    with pytest.raises(AttributeError):
        event.atr = b""  # type: ignore[misc]


def _run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    add_card_commands(parser.add_subparsers(dest="command", required=True))
    return run_card_command(parser.parse_args(argv))


def test_cli_qr_json(capsys):
    assert _run(["card", "qr", NOTE, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["full_name"] == "Nguyễn Văn A"
    assert data["source"] == "qr"
    assert data["checks"]["passive"] == "not_checked"


def test_cli_error_prints_the_vietnamese_message_without_traceback(capsys):
    assert _run(["card", "qr", "Nguyeenx"]) == 1
    err = capsys.readouterr().err
    assert "Mã QR không hợp lệ" in err
    assert "Traceback" not in err


def test_cli_mangled_qr_names_the_input_method(capsys):
    assert _run(["card", "qr", NOTE.replace("Nguyễn Văn A", "Nguyeenx Vawn A")]) == 1
    assert "Unikey/Telex" in capsys.readouterr().err


def test_cli_read_without_pcscd_reports_service(monkeypatch, capsys):
    from app.services.card import pcsc

    def down() -> int:
        raise UserError(ErrorKind.PCSC_NOT_RUNNING, detail="test")

    monkeypatch.setattr(pcsc, "establish_context", down)
    assert _run(["card", "read", "--id", "001090123456"]) == 1
    assert "Dịch vụ thẻ thông minh không chạy" in capsys.readouterr().err
