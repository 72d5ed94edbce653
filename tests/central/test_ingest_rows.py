"""The rows central stores for a pushed item carry the hash both sides compute, and the
canonical JSON behind it is one format whatever writes it."""

from __future__ import annotations

import hashlib
import json
import uuid

from central_helpers import T0, attachment_item, dossier_item

from app.shared import wire
from central.ingest import rows_of
from central.seed import DEMO_OFFICE


def _classic(data: object) -> bytes:
    """The canonical form as the ``json`` module writes it (what earlier versions stored)."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _citizen_item() -> wire.CitizenItem:
    return wire.CitizenItem(
        ref=2,
        office_code=DEMO_OFFICE,
        base_version=1,
        citizen=wire.CitizenWire(
            id=str(uuid.uuid4()), row_version=2, created_at=T0, updated_at=T0,
            id_number="001099012345", full_name="Nguyễn Thị Thử Nghiệm",
        ),
    )  # fmt: skip


def test_each_stored_row_has_the_hash_the_counter_computes_for_it() -> None:
    dossier = dossier_item(ref=1, notes="Ghi chú: “hồ sơ” đủ\n")
    citizen = _citizen_item()
    attachment = attachment_item("ab" * 32, 1234, ref=3)
    parts = [dossier.dossier, *dossier.documents, *dossier.events]
    rows = rows_of(dossier)
    assert [r.entity for r in rows] == ["dossier", "document", "event"]
    assert [r.content_hash for r in rows] == [wire.content_hash(p) for p in parts]
    assert [r.key for r in rows] == [(r.entity, p.id) for r, p in zip(rows, parts, strict=True)]
    assert rows[0].base_version == 0 and rows[0].queue and rows[0].queue["procedure_code"] == "603"
    (citizen_row,) = rows_of(citizen)
    assert citizen_row.content_hash == wire.content_hash(citizen.citizen)
    assert citizen_row.base_version == 1 and citizen_row.row_version == 2
    (attachment_row,) = rows_of(attachment)
    assert attachment_row.content_hash == wire.content_hash(attachment.attachment)
    assert attachment_row.parent_id == attachment.attachment.citizen_id
    for row in [*rows, citizen_row, attachment_row]:  # stored text is what was hashed
        assert hashlib.sha256(row.text.encode()).hexdigest() == row.content_hash
        assert json.loads(row.text) == row.data


def test_a_dossier_whose_queue_columns_would_not_fit_is_found_before_writing() -> None:
    item = dossier_item()
    item = item.model_copy(
        update={"dossier": item.dossier.model_copy(update={"procedure_code": "P" * 61})}
    )
    (dossier_row, *_) = rows_of(item)
    assert dossier_row.queue is None
    assert "procedure_code longer than" in dossier_row.problem


def test_canonical_json_is_sorted_compact_and_unescaped_as_before() -> None:
    data = {"b": [1, 2.5, None, True], "a": "Tờ khai “TK1-TS”\t\u2028", "c": {"z": 0, "y": ""}}
    assert wire.canonical_json(data) == _classic(data)
    assert wire.canonical_json(data).startswith(b'{"a":"T\xe1\xbb\x9d khai')
    for part in rows_of(dossier_item()):
        assert wire.canonical_json(part.data) == _classic(part.data)


def test_what_the_fast_encoder_refuses_still_gets_one_canonical_form() -> None:
    huge = {"n": 2**70, "a": 1}  # past 64 bits
    assert wire.canonical_json(huge) == _classic(huge) == wire.canonical_json(dict(huge))
    assert wire.hash_data(huge) == hashlib.sha256(_classic(huge)).hexdigest()
