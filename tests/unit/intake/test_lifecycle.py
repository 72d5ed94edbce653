"""Lifecycle moves, history, the paused deadline clock and form 06 timeliness."""

from __future__ import annotations

import pytest
from intake_factories import Env, person, vn
from sqlalchemy import select

from app.errors import ErrorKind, UserError
from app.services.dossiers import IntakeOptions, IntakeRequest, ReceivedPaper, create_dossier
from app.services.lifecycle import (
    TRANSITIONS,
    DeadlineRules,
    Status,
    Timeliness,
    allowed_moves,
    timeliness,
    transition,
)
from app.services.storage.models import Dossier, DossierEvent, OutboxItem

TK1 = {"tk1ts": ReceivedPaper(originals=1)}


def new(env: Env, papers=TK1, when="2026-03-02T09:00", **options) -> str:
    d = create_dossier(
        env.db,
        IntakeRequest(
            person(),
            env.catalog.get("603"),
            papers,
            env.officer,
            env.counter,
            env.office,
            env.settings,
            env.calendar,
            env.catalog.version,
            now=vn(when),
            options=IntakeOptions(**options),
        ),
    )
    return d.id


def move(env: Env, dossier_id: str, to: str, when: str, reason: str = "", **kw) -> Dossier:
    rules = DeadlineRules(env.calendar, env.settings.cutoff_time)
    with env.db.session() as s:
        d = s.get(Dossier, dossier_id)
        assert d is not None
        transition(s, d, to, env.officer.id, reason, now=vn(when), rules=rules, **kw)
        s.flush()
        d.events  # noqa: B018 - load the history before the session closes
        return d


def test_the_normal_path_writes_history_and_outbox(env: Env) -> None:
    did = new(env)
    move(env, did, "in_processing", "2026-03-03T08:00")
    move(env, did, "result_ready", "2026-03-06T10:00")
    d = move(env, did, "returned", "2026-03-09T09:00", returned_to="Người nhận thay")
    assert d.status == "returned" and d.returned_to == "Người nhận thay"
    assert d.returned_at == vn("2026-03-09T09:00")
    assert [(e.from_status, e.to_status) for e in d.events] == [
        ("", "received"),
        ("received", "in_processing"),
        ("in_processing", "result_ready"),
        ("result_ready", "returned"),
    ]
    assert all(e.officer_id == env.officer.id for e in d.events)
    with env.db.session() as s:
        queued = {
            o.entity_id for o in s.scalars(select(OutboxItem).where(OutboxItem.entity == "event"))
        }
    assert {e.id for e in d.events} == queued
    assert timeliness(d) is Timeliness.EARLY  # ready Fri 6, due Mon 9


@pytest.mark.parametrize(
    ("path", "to"),
    [((), "returned"), ((), "result_ready"), (("in_processing", "result_ready"), "in_processing")],
)
def test_moves_outside_the_table_are_refused(env: Env, path: tuple[str, ...], to: str) -> None:
    did = new(env)
    for step in path:
        move(env, did, step, "2026-03-03T08:00")
    with pytest.raises(UserError) as err:
        move(env, did, to, "2026-03-04T08:00")
    assert err.value.kind is ErrorKind.INVALID_TRANSITION
    with env.db.session() as s:
        assert s.scalar(select(Dossier.status).where(Dossier.id == did)) == (
            path[-1] if path else "received"
        )


def test_final_statuses_allow_nothing() -> None:
    for end in (Status.RETURNED, Status.REFUSED, Status.STOPPED, Status.CANCELLED):
        assert TRANSITIONS[end] == frozenset()
        assert allowed_moves(end) == []


def test_refusal_needs_a_reason(env: Env) -> None:
    did = new(env)
    with pytest.raises(UserError, match="reason required"):
        move(env, did, "refused", "2026-03-02T10:00", reason="  ")
    d = move(env, did, "refused", "2026-03-02T10:00", reason="Không thuộc thẩm quyền")
    assert d.events[-1].reason == "Không thuộc thẩm quyền"
    assert timeliness(d) is Timeliness.NOT_APPLICABLE


def test_return_needs_who_collected_it(env: Env) -> None:
    did = new(env)
    move(env, did, "in_processing", "2026-03-03T08:00")
    move(env, did, "result_ready", "2026-03-04T08:00")
    with pytest.raises(UserError):
        move(env, did, "returned", "2026-03-04T09:00")


def test_completion_request_pauses_and_completion_recomputes(env: Env) -> None:
    did = new(env)  # due Mon 9 Mar 09:00
    d = move(env, did, "completion_requested", "2026-03-04T15:00", reason="Bổ sung bản sao")
    assert d.due_at is None
    assert timeliness(d) is Timeliness.PAUSED
    d = move(env, did, "completed", "2026-03-06T10:00")
    assert d.due_at == vn("2026-03-11T10:00")
    assert d.valid_received_at == vn("2026-03-02T09:00")


def test_dossier_taken_in_incomplete_starts_its_clock_on_completion(env: Env) -> None:
    did = new(env, papers={}, completion_request="Thiếu tờ khai")
    d = move(env, did, "completed", "2026-03-05T14:00")
    assert d.valid_received_at == vn("2026-03-05T14:00")
    assert d.due_at == vn("2026-03-12T14:00")


def test_late_and_on_time_results(env: Env) -> None:
    late = new(env)
    move(env, late, "in_processing", "2026-03-03T08:00")
    d = move(env, late, "result_ready", "2026-03-09T10:00")  # due 09:00
    assert timeliness(d) is Timeliness.LATE
    on_time = new(env)
    move(env, on_time, "in_processing", "2026-03-03T08:00")
    d = move(env, on_time, "result_ready", "2026-03-09T08:00")
    assert timeliness(d) is Timeliness.ON_TIME


def test_open_dossier_overdue(env: Env) -> None:
    did = new(env)
    with env.db.session() as s:
        d = s.get(Dossier, did)
        assert d is not None
        assert timeliness(d, now=vn("2026-03-09T08:59")) is Timeliness.IN_TIME
        assert timeliness(d, now=vn("2026-03-09T09:01")) is Timeliness.OVERDUE


def test_events_are_not_lost_on_a_refused_move(env: Env) -> None:
    did = new(env)
    with pytest.raises(UserError):
        move(env, did, "returned", "2026-03-02T10:00", returned_to="x")
    with env.db.session() as s:
        assert len(s.scalars(select(DossierEvent)).all()) == 1
