"""``motcua-central``: run, migrate, seed and administer the central service.

The database comes from ``--db`` or ``MOTCUA_CENTRAL_DB`` (a SQLAlchemy URL such as
``postgresql+psycopg://motcua@127.0.0.1:5432/motcua`` or a SQLite file path); the default
is a SQLite file in the user data folder, enough for a demo.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from app.shared import paths
from central.life_events import cli as life_event_cli


def default_db() -> str:
    return os.environ.get("MOTCUA_CENTRAL_DB") or str(paths.data_dir() / "central.sqlite3")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="motcua-central", description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=None, help="database URL or SQLite path")
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="run the HTTP API (migrates first)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8765)
    serve.add_argument("--tls-cert", type=Path, help="PEM certificate (chain) for HTTPS")
    serve.add_argument("--tls-key", type=Path, help="PEM private key for HTTPS")
    serve.add_argument("--pool", type=int, default=10, help="database pool size per worker")
    serve.add_argument(
        "--workers", type=int, default=1, help="worker processes (PostgreSQL: one per core)"
    )

    sub.add_parser("migrate", help="upgrade the schema to the latest revision")

    seed = sub.add_parser("seed", help="fictitious register, offices and demo officers")
    seed.add_argument("--volume", type=int, default=200, help="number of people")
    seed.add_argument(
        "--life-events", action="store_true", help="demo births and deaths for the demo office"
    )

    enroll = sub.add_parser("enroll", help="print a one-time enrollment code for a counter")
    enroll.add_argument("--office", required=True)
    enroll.add_argument("--counter", type=int, required=True)
    enroll.add_argument("--hours", type=float, default=24.0, help="validity")

    revoke = sub.add_parser("revoke", help="revoke a counter's credentials")
    revoke.add_argument("--office", required=True)
    revoke.add_argument("--counter", type=int, help="only this counter (default: all)")
    revoke.add_argument("--device", help="only this device id")
    revoke.add_argument("--reason", default="revoked by an administrator")

    token = sub.add_parser(
        "admin-token",
        help="print a new back-office token (expires), or revoke or list tokens",
    )
    token.add_argument("action", nargs="?", choices=["create", "revoke", "list"], default="create")
    token.add_argument("--name", default="back office", help="who holds it (shown in the audit)")
    token.add_argument(
        "--hours",
        type=float,
        default=12.0,  # security.ADMIN_TOKEN_TTL
        help="lifetime of a new token in hours (default: %(default)g)",
    )
    token.add_argument("--token", default="", help="revoke: this token only")

    epoch = sub.add_parser(
        "new-epoch", help="after restoring a backup: every counter resyncs from the start"
    )
    epoch.add_argument("--reason", default="restored from a backup")

    publish = sub.add_parser(
        "publish",
        help="publish a catalog or calendar JSON, or a signed CSCA trust list, to counters",
    )
    publish.add_argument("kind", choices=["catalog", "calendar", "trust"])
    publish.add_argument("version")
    publish.add_argument("file", type=Path, help="JSON; for trust: the signed list (DER)")
    life_event_cli.add_commands(sub)

    from central.web import admin_cli

    admin_cli.add_parsers(sub)
    check = sub.add_parser(
        "verify-register",
        help="check every participant against the population register (resumable)",
    )
    check.add_argument("--rate", type=float, default=200.0, help="people per second (0: no cap)")
    check.add_argument("--batch", type=int, default=200, help="ID numbers per register call")
    check.add_argument("--timeout", type=float, default=10.0, help="seconds per register call")
    check.add_argument("--attempts", type=int, default=5, help="tries per register call")
    check.add_argument(
        "--recheck-days", type=float, default=None, help="also re-check results older than this"
    )
    check.add_argument(
        "--latency", type=float, default=0.0, help="simulated register latency per call (s)"
    )
    check.add_argument("--progress-every", type=float, default=2.0, help="seconds")
    check.add_argument(
        "--register-url", default="", help="population register over HTTP(S) (default: reference)"
    )
    check.add_argument("--connect-timeout", type=float, default=5.0, help="seconds (HTTP)")
    check.add_argument("--read-timeout", type=float, default=10.0, help="seconds per read (HTTP)")

    keys = sub.add_parser(
        "blob-keys", help="scan encryption at rest: add a new current key, or re-encrypt"
    )
    keys.add_argument(
        "action", choices=["rotate", "reencrypt"], help="reencrypt: every scan chunk not "
        "under the current key (including plaintext ones stored before encryption)"
    )  # fmt: skip

    trust = sub.add_parser(
        "trust-list", help="sign a CSCA trust list from certificates and ICAO master lists"
    )
    trust.add_argument("--signer-cert", type=Path, required=True)
    trust.add_argument("--signer-key", type=Path, required=True, help="PEM private key")
    trust.add_argument("--out", type=Path, required=True)
    trust.add_argument("inputs", type=Path, nargs="+", help="CSCA certificates, master lists")
    return parser


def _trust_list(args: argparse.Namespace) -> int:
    from app.services.card import trust_list

    cert, key = trust_list.load_signer_files(args.signer_cert, args.signer_key)
    certificates = trust_list.certificates_in(args.inputs)
    args.out.write_bytes(trust_list.build_trust_list(certificates, cert, key))
    print(f"signed trust list with {len(certificates)} CSCA: {args.out}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    url = args.db or default_db()
    if "://" not in url:
        Path(url).parent.mkdir(parents=True, exist_ok=True)

    # Imported late: ``--help`` stays fast and does not need the optional dependencies.
    import datetime as dt

    from central import changes, security
    from central.db import open_central
    from central.seed import seed

    if args.command == "serve":
        import uvicorn

        from central import access_log
        from central.api import create_app

        if bool(args.tls_cert) != bool(args.tls_key):
            print("--tls-cert and --tls-key go together", file=sys.stderr)
            return 2
        db = open_central(url, pool_size=args.pool)  # migrates once, before any worker
        if args.workers > 1:
            db.dispose()
            os.environ["MOTCUA_CENTRAL_DB"] = url
            os.environ["MOTCUA_CENTRAL_POOL"] = str(args.pool)
            app: Any = "central.api:app_from_env"
        else:
            app = create_app(db)
        uvicorn.run(
            app,
            factory=args.workers > 1,
            workers=args.workers,
            host=args.host,
            port=args.port,
            ssl_certfile=str(args.tls_cert) if args.tls_cert else None,
            ssl_keyfile=str(args.tls_key) if args.tls_key else None,
            log_level="info",
            # Access logs hold paths only: no query string (the citizen page's look-up
            # code is one), and personal data never travels in URLs.
            access_log=True,
            log_config=access_log.log_config(),
        )
        return 0

    if args.command == "trust-list":
        return _trust_list(args)

    db = open_central(url)
    if args.command == "blob-keys":
        try:
            return _blob_keys(db, args.action)
        finally:
            db.dispose()
    if args.command == "verify-register":
        from central.register_check.cli import verify_register

        try:
            return verify_register(db, args)
        finally:
            db.dispose()
    try:
        with db.session() as s:
            from central.web import admin_cli

            if args.command in admin_cli.COMMANDS:
                return admin_cli.run(args, s)
            if args.command == "migrate":
                print("schema up to date")
            elif args.command == "seed":
                added = seed(s, args.volume)
                if args.life_events:
                    from central.life_events.samples import seed_demo_events
                    from central.seed import card_profiles

                    holders = [h for h in card_profiles() if h.get("sex") in ("F", "Nữ")]
                    added["life_events"] = (
                        seed_demo_events(s, holders[0]["id_number"]) if holders else 0
                    )
                print(json.dumps(added))
            elif args.command == "enroll":
                try:
                    code = security.create_enrollment_code(
                        s, args.office, args.counter, ttl=dt.timedelta(hours=args.hours)
                    )
                except security.EnrollmentRefused as exc:
                    print(f"refused: {exc.reason}", file=sys.stderr)
                    return 1
                print(code)
            elif args.command == "revoke":
                count = security.revoke_devices(
                    s, args.office, args.counter, device_id=args.device, reason=args.reason
                )
                print(f"revoked {count} device(s)")
            elif args.command == "admin-token":
                return _admin_token(s, args)
            elif args.command in life_event_cli.COMMANDS:
                return life_event_cli.run(s, args)
            elif args.command == "new-epoch":
                print(f"new feed epoch {changes.new_epoch(s, args.reason)}")
            elif args.command == "publish":
                if args.kind == "trust":
                    from app.services.card import trust_list
                    from app.services.card.trust_store import read_master_list

                    data = args.file.read_bytes()
                    if not read_master_list(data).cms_valid:
                        print("refused: the trust list is not signed", file=sys.stderr)
                        return 1
                    content: dict[str, Any] = trust_list.content_of(data)
                else:
                    content = json.loads(args.file.read_text(encoding="utf-8"))
                changes.publish(s, args.kind, args.version, content)
                print(f"published {args.kind} {args.version}")
    finally:
        db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


def _admin_token(s: Any, args: argparse.Namespace) -> int:
    import datetime as dt

    from central import security

    if args.action == "create":
        if args.hours <= 0:
            print("refused: --hours must be positive", file=sys.stderr)
            return 2
        print(security.create_admin_token(s, args.name, ttl=dt.timedelta(hours=args.hours)))
    elif args.action == "revoke":
        count = security.revoke_admin_tokens(s, name=args.name, token=args.token)
        print(f"revoked {count} admin token(s)")
    else:
        for t in security.admin_tokens(s):
            state = "revoked" if t.revoked_at else f"expires {t.expires_at:%Y-%m-%d %H:%M} UTC"
            print(f"{t.name}\tcreated {t.created_at:%Y-%m-%d %H:%M} UTC\t{state}")
    return 0


def _blob_keys(db: Any, action: str) -> int:
    from central import blob_crypto, blobs

    if action == "rotate":
        print(f"new current key {blob_crypto.rotate()} in {blob_crypto.key_file()}")
        print("old keys stay until 'blob-keys reencrypt' has run; then they may be removed")
        return 0
    total = 0
    while True:
        with db.session() as s:  # one transaction per batch: resumable if interrupted
            done = blobs.reencrypt(s)
        total += done
        if not done:
            break
    print(f"re-encrypted {total} chunk(s) with key {blob_crypto.keys().current}")
    return 0
