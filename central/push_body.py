"""A push body with malformed items: the valid ones go on, each bad one gets its 422.

The whole body is validated at once first (the fast path); only when that fails is it
taken apart here, so one item a newer or broken counter built wrongly never holds the
others back (nor is retried for ever: its answer is final, the counter shows it).
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import TypeAdapter, ValidationError

from app.shared import wire
from central.auth import Refusal

MAX_ITEMS = 500  # as wire.PushRequest

_ITEM = TypeAdapter(wire.PushItem)


def items_one_by_one(raw: bytes, whole: ValidationError) -> tuple[list[Any], list[wire.PushResult]]:
    """The valid items of a push body, and a 422 answer for each malformed one. The body
    itself is refused (422 ``invalid_body``) when it is not a list of items each with a
    ``ref``, ``entity`` and ``id`` to answer about."""
    try:
        body = json.loads(raw)
        entries = body["items"] if isinstance(body, dict) and len(body) == 1 else None
    except (ValueError, KeyError):
        entries = None
    if not isinstance(entries, list) or len(entries) > MAX_ITEMS:
        raise Refusal(422, "invalid_body", str(whole.error_count())) from None
    items: list[Any] = []
    malformed: list[wire.PushResult] = []
    for entry in entries:
        try:
            items.append(_ITEM.validate_python(entry))
        except ValidationError as exc:
            refusal = _malformed(entry, exc)
            if refusal is None:
                raise Refusal(422, "invalid_body", str(whole.error_count())) from None
            malformed.append(refusal)
    return items, malformed


def _malformed(entry: Any, exc: ValidationError) -> wire.PushResult | None:
    if not isinstance(entry, dict) or not isinstance(entry.get("ref"), int):
        return None
    entity = str(entry.get("entity", ""))[:20]
    row = entry.get(entity) if entity else None
    row_id = row.get("id") if isinstance(row, dict) else None
    if not entity or not isinstance(row_id, str):
        return None
    first = exc.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    return wire.PushResult(
        ref=entry["ref"],
        entity=entity,
        id=row_id[:60],
        outcome="invalid",
        status=422,
        reason=f"invalid_item: {where}: {first['msg']}"[:300],
    )
