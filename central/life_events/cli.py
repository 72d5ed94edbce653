"""``motcua-central`` commands of the life-event feed."""

from __future__ import annotations

import argparse
import json
import secrets
import sys

from sqlalchemy.orm import Session

from app.shared.folding import fold
from central import security
from central.life_events.samples import sample_events
from central.life_events.tables import OfficeArea, PortalClient
from central.models import Office

COMMANDS = ("portal-client", "office-area", "life-event-samples")


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    portal = sub.add_parser("portal-client", help="credentials for the health portal's feed")
    portal.add_argument("--name", required=True)
    area = sub.add_parser("office-area", help="residences an office is responsible for")
    area.add_argument("office")
    area.add_argument("areas", nargs="+", help='locality names, e.g. "Phường X, Đà Nẵng"')
    samples = sub.add_parser("life-event-samples", help="fictitious certificates as JSON lines")
    samples.add_argument("--births", type=int, default=5)
    samples.add_argument("--deaths", type=int, default=5)
    samples.add_argument("--seed", type=int, default=6)


def run(session: Session, args: argparse.Namespace) -> int:
    if args.command == "portal-client":
        secret = secrets.token_urlsafe(32)
        client = PortalClient(name=args.name, secret_hash=security.digest(secret))
        session.add(client)
        session.flush()
        print(json.dumps({"client_id": client.id, "secret": secret}))
    elif args.command == "office-area":
        if session.get(Office, args.office) is None:
            print(f"unknown office {args.office}", file=sys.stderr)
            return 1
        for area in args.areas:
            if session.get(OfficeArea, (args.office, fold(area))) is None:
                session.add(OfficeArea(office_code=args.office, area=fold(area)))
        print(f"{len(args.areas)} area(s) for {args.office}")
    elif args.command == "life-event-samples":
        for event in sample_events(session, args.births, args.deaths, seed=args.seed):
            print(json.dumps(event, ensure_ascii=False))
    return 0
