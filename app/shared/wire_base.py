"""The base of the wire format (``app.shared.wire``): frozen models that refuse unknown
fields, UTC times, and the canonical JSON and hashes both sides compare."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Annotated, Any

import orjson
from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict


def _to_utc(value: dt.datetime) -> dt.datetime:
    return value.astimezone(dt.UTC)


UTC = Annotated[AwareDatetime, AfterValidator(_to_utc)]


class Wire(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def canonical_json(data: Any) -> bytes:
    """Sorted keys, no spaces, UTF-8 unescaped. orjson writes it about ten times faster
    than ``json`` (central hashes thousands of rows per push); what orjson refuses
    (an integer past 64 bits) is written by ``json``, the same way on every side, so a
    row always gets the same bytes."""
    try:
        return orjson.dumps(data, option=orjson.OPT_SORT_KEYS)
    except (TypeError, orjson.JSONEncodeError):
        return _CANONICAL.encode(data).encode()


def hash_data(data: Any) -> str:
    return hashlib.sha256(canonical_json(data)).hexdigest()


def content_hash(model: BaseModel) -> str:
    """SHA-256 of the row's canonical JSON: equal content gives an equal hash on both sides."""
    return hash_data(model.model_dump(mode="json"))
