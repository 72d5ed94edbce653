"""``motcua-central`` commands of the back office: staff accounts, office profiles and
signing certificates.

    motcua-central staff-add --username lan --name "Trần Thị Lan" \\
        --role processing_officer --office 000.00.22.H99      # asks for the password
    motcua-central staff-deactivate --username lan   # also: staff-activate, staff-unlock
    motcua-central staff-reset-password --username lan      # asks for the new password
    motcua-central office-profile --office 000.00.22.H99 --address "…" --phone "…" \\
        --signing-key /etc/motcua/h56.key.pem --signing-cert /etc/motcua/h56.pem
    motcua-central office-cert --office 000.00.22.H99 --out /etc/motcua/pki   # demo CA

The password comes from ``MOTCUA_STAFF_PASSWORD`` when set (scripts), else a prompt:
it never appears on the command line, where ``ps`` would show it.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from sqlalchemy.orm import Session

STAFF_COMMANDS = {
    "staff-deactivate": "deactivate",
    "staff-activate": "activate",
    "staff-unlock": "unlock",
    "staff-reset-password": "reset_password",
}
COMMANDS = ("staff-add", "office-profile", "office-cert", *STAFF_COMMANDS)


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    staff = sub.add_parser("staff-add", help="create a back-office staff account")
    staff.add_argument("--username", required=True)
    staff.add_argument("--name", required=True, help="full name")
    staff.add_argument(
        "--role", required=True, choices=["processing_officer", "office_head", "admin"]
    )
    staff.add_argument("--office", action="append", default=[], help="office code (repeat)")

    for command, what in (
        ("staff-deactivate", "deactivate a staff account and end its sessions"),
        ("staff-activate", "reactivate a staff account"),
        ("staff-unlock", "lift the lockout after wrong passwords"),
        ("staff-reset-password", "set a new password (ends the account's sessions)"),
    ):
        sub.add_parser(command, help=what).add_argument("--username", required=True)

    profile = sub.add_parser("office-profile", help="contact and signing key of an office")
    profile.add_argument("--office", required=True)
    profile.add_argument("--address")
    profile.add_argument("--phone")
    profile.add_argument("--hours")
    profile.add_argument(
        "--signing-key", help="key file, or a pkcs11: URI of a key on a token (PIN from "
        "MOTCUA_SIGNING_PIN)"
    )  # fmt: skip
    profile.add_argument("--signing-cert", type=Path)

    cert = sub.add_parser(
        "office-cert", help="issue a fictitious signing certificate (demo/test CA)"
    )
    cert.add_argument("--office", required=True)
    cert.add_argument("--out", type=Path, required=True, help="folder of the demo CA")


def _password() -> str:
    given = os.environ.get("MOTCUA_STAFF_PASSWORD")
    if given:
        return given
    first = getpass.getpass("Mật khẩu / password: ")
    if first != getpass.getpass("Nhập lại / again: "):
        raise SystemExit("passwords differ")
    return first


def set_profile(session: Session, office: str, **fields: str | None) -> None:
    from central.models import Office, OfficeProfile

    if session.get(Office, office) is None:
        raise LookupError(office)
    profile = session.get(OfficeProfile, office)
    if profile is None:
        profile = OfficeProfile(office_code=office)
        session.add(profile)
    for name, value in fields.items():
        if value is not None:
            setattr(profile, name, value)


def _manage_staff(args: argparse.Namespace, session: Session) -> int:
    from argon2 import PasswordHasher

    from central.web import auth, staff_accounts

    action = STAFF_COMMANDS[args.command]
    try:
        if action == "reset_password":
            staff_accounts.reset_password(session, PasswordHasher(), args.username, _password())
        else:
            getattr(staff_accounts, action)(session, args.username)
    except auth.AccountRefused as exc:
        print(f"refused: {exc.reason}", file=sys.stderr)
        return 1
    print(f"staff account {args.username}: {action.replace('_', ' ')} done")
    return 0


def run(args: argparse.Namespace, session: Session) -> int:
    from argon2 import PasswordHasher

    from central.models import Office
    from central.web import auth

    if args.command == "staff-add":
        try:
            auth.create_staff(
                session,
                PasswordHasher(),
                username=args.username,
                full_name=args.name,
                role=args.role,
                offices=args.office,
                password=_password(),
            )
        except auth.AccountRefused as exc:
            print(f"refused: {exc.reason}", file=sys.stderr)
            return 1
        print(f"staff account {args.username} created")
        return 0
    if args.command in STAFF_COMMANDS:
        return _manage_staff(args, session)
    if args.command == "office-cert":
        from central.web.office_cert import issue_office_certificate

        office = session.get(Office, args.office)
        if office is None:
            print(f"unknown office {args.office}", file=sys.stderr)
            return 1
        issued = issue_office_certificate(args.out, office.code, office.name)
        set_profile(
            session,
            office.code,
            signing_key_path=str(issued.key_path.resolve()),
            signing_cert_path=str(issued.cert_path.resolve()),
        )
        print(
            f"key {issued.key_path}\ncertificate {issued.cert_path}\n"
            f"trust root (give it to the counters) {issued.root_cert_path}"
        )
        return 0
    try:
        set_profile(
            session,
            args.office,
            address=args.address,
            phone=args.phone,
            hours=args.hours,
            signing_key_path=_key_location(args.signing_key) if args.signing_key else None,
            signing_cert_path=str(args.signing_cert.resolve()) if args.signing_cert else None,
        )
    except LookupError:
        print(f"unknown office {args.office}", file=sys.stderr)
        return 1
    print(f"office {args.office} updated")
    return 0


def _key_location(value: str) -> str:
    """A key file's absolute path; a ``pkcs11:`` URI as it is."""
    return value if value.startswith("pkcs11:") else str(Path(value).resolve())
