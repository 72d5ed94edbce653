"""The unfinished intake, kept in the local database so a crash or a restart loses
nothing: the officer finds the citizen, procedure and ticks where they were.

Every function opens its own session: callers run them on the database worker."""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

from app.services.identity import Checks, Identity, IdentitySource, Verdict
from app.services.intake_lookup import CitizenRecord, citizen_record
from app.services.storage.db import Database
from app.services.storage.models import KeyValue

KEY = "intake_draft"
_DATES = ("date_of_birth", "issue_date", "expiry_date")


def identity_to_json(identity: Identity) -> dict[str, Any]:
    raw = dataclasses.asdict(identity)
    for name in _DATES:
        raw[name] = raw[name].isoformat() if raw[name] else None
    raw["portrait"] = base64.b64encode(identity.portrait).decode("ascii")
    raw["raw_extra"] = list(identity.raw_extra)
    return raw


def identity_from_json(raw: dict[str, Any]) -> Identity:
    values = dict(raw)
    for name in _DATES:
        values[name] = dt.date.fromisoformat(values[name]) if values.get(name) else None
    values["portrait"] = base64.b64decode(values.get("portrait", ""))
    values["source"] = IdentitySource(values["source"])
    values["checks"] = Checks(
        **{
            k: (Verdict(v) if k != "passive_detail" else v)
            for k, v in values.get("checks", {}).items()
        }
    )
    values["raw_extra"] = tuple(values.get("raw_extra", ()))
    return Identity(**values)


def save(db: Database, state: dict[str, Any] | None) -> None:
    with db.session() as s:
        row = s.get(KeyValue, KEY)
        if state is None:
            if row is not None:
                s.delete(row)
            return
        if row is None:
            s.add(KeyValue(key=KEY, value=state))
        else:
            row.value = state


def load(db: Database) -> dict[str, Any] | None:
    with db.session() as s:
        row = s.get(KeyValue, KEY)
        return dict(row.value) if row is not None else None


def clear(db: Database) -> None:
    """The intake was saved or dropped: no draft left."""
    save(db, None)


@dataclass(frozen=True, slots=True)
class Restored:
    """The draft found at start-up, with the citizen's record as the office has it now."""

    values: dict[str, Any]
    identity: Identity | None  # None: a draft from an older version, dropped
    record: CitizenRecord | None


def restore(db: Database) -> Restored | None:
    raw = load(db)
    if not raw:
        return None
    try:
        identity = identity_from_json(raw["identity"])
    except (KeyError, TypeError, ValueError):
        clear(db)  # unreadable: drop it (the screen says so)
        return Restored(raw, None, None)
    return Restored(raw, identity, citizen_record(db, identity, None))
