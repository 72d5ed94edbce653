"""The base of the wire format (``app.shared.wire``): frozen models that refuse unknown
fields, UTC times, and the canonical JSON and hashes both sides compare."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Annotated, Any

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict


def _to_utc(value: dt.datetime) -> dt.datetime:
    return value.astimezone(dt.UTC)


UTC = Annotated[AwareDatetime, AfterValidator(_to_utc)]


class Wire(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def canonical_json(data: Any) -> bytes:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def hash_data(data: Any) -> str:
    return hashlib.sha256(canonical_json(data)).hexdigest()


def content_hash(model: BaseModel) -> str:
    """SHA-256 of the row's canonical JSON: equal content gives an equal hash on both sides."""
    return hash_data(model.model_dump(mode="json"))
