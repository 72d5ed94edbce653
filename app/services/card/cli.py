"""``motcua card read | watch | qr``: the card stack from a terminal (diagnostics,
scripts, CI). Errors print the officer's message from ``app.errors`` and exit 1;
never a traceback."""

from __future__ import annotations

import argparse
import base64
import dataclasses
import datetime as dt
import json
import sys
import threading
from pathlib import Path
from typing import Any

from app.errors import UserError, describe
from app.services.card import access_keys
from app.services.card.access_keys import AccessKeys
from app.services.identity import Identity

DEFAULT_TRUST = Path(__file__).resolve().parents[3] / "resources" / "trust"


def add_card_commands(subparsers: Any) -> argparse.ArgumentParser:
    card = subparsers.add_parser("card", help="đọc thẻ căn cước gắn chip / hộ chiếu")
    sub = card.add_subparsers(dest="card_command", required=True)

    read = sub.add_parser("read", help="đọc và xác thực chip")
    read.add_argument("--reader", help="tên (hoặc một phần tên) đầu đọc")
    read.add_argument("--id", dest="id_number", help="số định danh 12 chữ số (PACE-CAN)")
    read.add_argument("--dob", help="ngày sinh dd/mm/yyyy (thêm khoá BAC)")
    read.add_argument("--expiry", help="ngày hết hạn dd/mm/yyyy, hoặc 'none' nếu không thời hạn")
    read.add_argument("--can", help="CAN (6 chữ số)")
    read.add_argument("--mrz", help="MRZ đầy đủ, hoặc SỐ_GIẤY_TỜ,YYMMDD,YYMMDD")
    read.add_argument("--trust", type=Path, default=DEFAULT_TRUST, help="thư mục chứng thư CSCA")
    read.add_argument("--portrait", type=Path, help="lưu ảnh chân dung vào tệp này")
    read.add_argument("--json", action="store_true", help="in JSON")

    watch = sub.add_parser("watch", help="theo dõi đầu đọc và thẻ (Ctrl-C để dừng)")
    watch.add_argument("--poll-ms", type=int, default=500)

    qr = sub.add_parser("qr", help="phân tích nội dung mã QR trên thẻ")
    qr.add_argument("text")
    qr.add_argument("--json", action="store_true")

    card.set_defaults(handler=run_card_command)
    return card


def _date(text: str) -> dt.date:
    try:
        return dt.datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError as exc:
        raise SystemExit(f"ngày không đúng dạng dd/mm/yyyy: {text}") from exc


def keys_from_args(args: argparse.Namespace) -> AccessKeys:
    if args.mrz:
        keys = access_keys.from_mrz(args.mrz)
        return dataclasses.replace(keys, can=args.can or keys.can)
    if args.id_number and args.dob and args.expiry:
        expiry = None if args.expiry.lower() in ("none", "khong", "không") else _date(args.expiry)
        return access_keys.from_id_dob_expiry(args.id_number, _date(args.dob), expiry)
    if args.id_number and args.dob:
        return access_keys.from_id_and_dob(args.id_number, _date(args.dob))
    if args.id_number:
        return access_keys.from_id_number(args.id_number)
    if args.can:
        return access_keys.from_can(args.can)
    raise SystemExit("cần --id, --can hoặc --mrz để mở chip")


def identity_dict(identity: Identity, with_portrait: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in dataclasses.fields(identity):
        value = getattr(identity, f.name)
        if f.name == "portrait":
            out["portrait_bytes"] = len(value)
            if with_portrait:
                out["portrait_base64"] = base64.b64encode(value).decode("ascii")
            continue
        if f.name == "checks":
            out["checks"] = {
                "passive": value.passive.value,
                "passive_detail": value.passive_detail,
                "active": value.active.value,
                "chip": value.chip.value,
                "genuine": value.genuine,
                "colour": value.colour,  # green / amber / red / grey, as the officer sees it
            }
            continue
        if isinstance(value, dt.date):
            value = value.isoformat()
        elif isinstance(value, tuple):
            value = list(value)
        out[f.name] = value
    return out


def _print_identity(identity: Identity, as_json: bool) -> None:
    data = identity_dict(identity)
    if as_json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return
    checks = data.pop("checks")
    for key, value in data.items():
        print(f"{key:20} {value}")
    for key, value in checks.items():
        print(f"check.{key:14} {value}")


def _read(args: argparse.Namespace) -> int:
    from app.services.card.passive_auth import TrustStore
    from app.services.card.pcsc import PcscConnection
    from app.services.card.reader import read_card

    keys = keys_from_args(args)
    trust = TrustStore.from_folder(args.trust)
    with PcscConnection(args.reader) as connection:
        identity = read_card(connection, keys, trust, atr=connection.atr)
    if args.portrait and identity.portrait:
        args.portrait.write_bytes(identity.portrait)
    _print_identity(identity, args.json)
    return 0


def _watch(args: argparse.Namespace) -> int:
    from app.services.card.monitor import ReaderEvent, ReaderMonitor

    def show(event: ReaderEvent) -> None:
        print(
            f"{dt.datetime.now():%H:%M:%S} {event.kind.value:14} {event.reader_name} {event.atr.hex().upper()}",
            flush=True,
        )

    monitor = ReaderMonitor(show, poll_ms=args.poll_ms)
    monitor.start()
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        monitor.stop()
    return 0


def _qr(args: argparse.Namespace) -> int:
    from app.services.card.qr import parse_qr

    _print_identity(parse_qr(args.text), args.json)
    return 0


def run_card_command(args: argparse.Namespace) -> int:
    handlers = {"read": _read, "watch": _watch, "qr": _qr}
    try:
        return handlers[args.card_command](args)
    except UserError as error:
        message = describe(error)
        print(f"{message.title}: {message.text}\n→ {message.action}", file=sys.stderr)
        if error.detail:
            print(f"({error.kind.value}: {error.detail})", file=sys.stderr)
        return 1


def main(argv: list[str] | None = None) -> int:
    """Stand-alone entry until the lead wires ``add_card_commands`` into app/cli.py."""
    parser = argparse.ArgumentParser(prog="motcua")
    add_card_commands(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return int(args.handler(args))


if __name__ == "__main__":
    sys.exit(main())
