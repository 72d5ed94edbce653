"""``python -m app.cardsim`` (``motcua-cardsim``): a virtual chip card behind pcscd.

Examples::

    motcua-cardsim --list
    motcua-cardsim --profile cancuoc-2024
    motcua-cardsim --profile cccd-2021 --fault cloned --port 35964
    motcua-cardsim --profile passport-td3 --remove-at 30 --reinsert-after 2 --slow 5
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
from types import FrameType

from app.cardsim.build import build_card
from app.cardsim.card import VirtualCard
from app.cardsim.faults import FAULT_HELP, Faults
from app.cardsim.profile import ProfileError, list_profiles, load_profile
from app.cardsim.vpcd import DEFAULT_HOST, DEFAULT_PORT, VpcdClient

log = logging.getLogger("app.cardsim")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="motcua-cardsim",
        description="Thẻ chip ảo (ICAO 9303) cho đầu đọc vpcd — virtual eMRTD chip for pcscd.",
        epilog="Faults: " + "; ".join(f"{k}: {v}" for k, v in FAULT_HELP.items()),
    )
    parser.add_argument(
        "--profile",
        default="cccd-2021",
        help="profile name in resources/cards or a path to a .json",
    )
    parser.add_argument("--host", default=DEFAULT_HOST)
    parser.add_argument(
        "--port",
        type=int,
        default=DEFAULT_PORT,
        help="35963 = 'Virtual PCD 00 00', 35964 = 'Virtual PCD 00 01'",
    )
    parser.add_argument(
        "--fault",
        action="append",
        default=[],
        metavar="NAME[=VALUE]",
        help="cloned, altered-dg13, wrong-keys, expired-dsc (repeatable)",
    )
    parser.add_argument(
        "--remove-at", type=int, metavar="N", help="pull the card out after N APDUs"
    )
    parser.add_argument(
        "--reinsert-after",
        type=float,
        metavar="S",
        help="with --remove-at: put it back after S seconds",
    )
    parser.add_argument("--slow", type=int, metavar="MS", help="delay each answer by MS ms")
    parser.add_argument(
        "--connect-timeout",
        type=float,
        metavar="S",
        help="give up if the vpcd driver is not reachable within S seconds",
    )
    parser.add_argument("--list", action="store_true", help="list the profiles and exit")
    parser.add_argument("-v", "--verbose", action="store_true", help="log every APDU")
    return parser


def _faults(args: argparse.Namespace) -> Faults:
    items = list(args.fault)
    if args.remove_at is not None:
        items.append(f"remove-at={args.remove_at}")
    if args.reinsert_after is not None:
        items.append(f"reinsert-after={args.reinsert_after}")
    if args.slow is not None:
        items.append(f"slow={args.slow}")
    return Faults.parse(items)


def _list() -> None:
    for name in list_profiles():
        profile = load_profile(name)
        sec = profile.security
        access = ["BAC"] if sec.bac else []
        access += [f"PACE-{p}" for p in sec.pace_passwords]
        extra = ", extended length" if sec.extended_length else ""
        print(f"{name:16} {'+'.join(access)}{extra}")
        print(f"{'':16} {profile.description}")
        if profile.document.can:
            print(f"{'':16} CAN {profile.document.can}")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if args.list:
        _list()
        return 0
    try:
        profile = load_profile(args.profile)
        faults = _faults(args)
        image = build_card(profile, faults)
    except (ProfileError, ValueError) as exc:
        print(f"motcua-cardsim: {exc}", file=sys.stderr)
        return 2
    client = VpcdClient(VirtualCard(image), host=args.host, port=args.port, faults=image.faults)

    def on_signal(signum: int, frame: FrameType | None) -> None:
        log.info("Nhận tín hiệu %s, dừng thẻ ảo (stopping)", signal.Signals(signum).name)
        client.stop()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    shown = ", ".join(image.faults.describe()) or "none"
    log.info("Hồ sơ thẻ %s; lỗi giả lập: %s; vpcd %s:%d", profile.name, shown, args.host, args.port)
    client.serve_forever(connect_timeout=args.connect_timeout)
    return 0 if client.stats.insertions else 1


if __name__ == "__main__":
    sys.exit(main())
