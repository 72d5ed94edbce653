"""Decree 104/2022 Art. 14: the data used at intake is kept with the dossier and goes
out with the data-subject export."""

from __future__ import annotations

import dataclasses
import json

from intake_factories import Env, person, vn

from app.services import intake_snapshot, privacy
from app.services.dossiers import IntakeRequest, ReceivedPaper, create_dossier
from app.services.storage.models import Citizen, Dossier

TK1 = {"tk1ts": ReceivedPaper(originals=1)}


def take_in(env: Env, identity, when: str):  # type: ignore[no-untyped-def]
    return create_dossier(
        env.db,
        IntakeRequest(
            identity,
            env.catalog.get("603"),
            TK1,
            env.officer,
            env.counter,
            env.office,
            env.settings,
            env.calendar,
            env.catalog.version,
            now=vn(when),
        ),
    )


def test_snapshot_keeps_each_source_as_it_was_read(env: Env) -> None:
    first = take_in(env, person(1), "2026-03-02T09:00")
    moved = dataclasses.replace(person(1), residence="Phường Mới, Thành phố Đà Nẵng")
    second = take_in(env, moved, "2026-03-09T10:15")
    with env.db.session() as s:
        one, two = s.get(Dossier, first.id), s.get(Dossier, second.id)
        assert one is not None and two is not None
        snap1 = one.form_data[intake_snapshot.SNAPSHOT_KEY]
        snap2 = two.form_data[intake_snapshot.SNAPSHOT_KEY]
        citizen = s.get(Citizen, one.citizen_id)
        assert citizen is not None
        exported = privacy.collect_subject_data(s, citizen.id)
    assert [e["source"] for e in snap1] == ["chip", "population_register", "bhxh_record"]
    assert snap1[0]["read_at"] == "2026-03-02T02:00:00+00:00"
    assert snap1[0]["fields"]["full_name"] == "Nguyễn Văn An"
    assert snap1[1]["consulted"] is False  # no register link at this counter yet
    assert snap1[2]["found"] is False  # first visit: no record before
    # second visit: the record as it was before this intake updated it
    assert snap2[2]["found"] is True
    assert snap2[2]["fields"]["residence"] == "Xã Thử Nghiệm, Tỉnh Mẫu"
    assert snap2[0]["fields"]["residence"] == "Phường Mới, Thành phố Đà Nẵng"
    assert "religion" not in snap2[0]["fields"] and "portrait" not in snap2[0]["fields"]
    text = json.dumps(exported, ensure_ascii=False)
    assert text.count('"population_register"') == 2  # both dossiers, exported with them
    lines = dict(intake_snapshot.summary_lines(two.form_data))
    assert "Phường Mới" in lines["Chip thẻ Căn cước"]
    assert lines["CSDL quốc gia về dân cư"].endswith("không tra cứu")
