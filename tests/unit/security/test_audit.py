"""The access log: hash-chained, queued for upload, and any tampering shows."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from security_factories import add_citizen
from sqlalchemy import delete, select, text, update

from app.services import audit
from app.services.security.accounts import authenticate
from app.services.storage.models import AuditEvent, KeyValue, OutboxItem

T0 = dt.datetime(2026, 11, 25, 8, 0, 0, 123456, tzinfo=dt.UTC)


def _write(env, n: int = 5) -> list[AuditEvent]:
    citizen = add_citizen(env)
    officer = env.officers["officer"].id
    out = []
    with env.db.session() as s:
        for i, action in zip(
            range(n), ["display", "print", "change", "display", "export"] * 3, strict=False
        ):
            out.append(
                audit.record(
                    s,
                    officer,
                    action,
                    citizen_id=citizen.id,
                    purpose="Tiếp nhận hồ sơ",
                    detail=f"step {i}",
                    at=T0 + dt.timedelta(minutes=i),
                )
            )
    return out


def _kinds(env) -> set[str]:
    return {p.kind for p in audit.verify(env.db)}


def test_an_untouched_chain_verifies_and_every_record_is_queued(env):
    events = _write(env)
    assert audit.verify(env.db) == []
    assert [e.seq for e in events] == [1, 2, 3, 4, 5]
    assert events[0].prev_hash == audit.GENESIS
    assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(events))
    with env.db.session() as s:
        queued = set(s.scalars(select(OutboxItem.entity_id).where(OutboxItem.entity == "audit")))
        stored = s.scalars(select(AuditEvent).order_by(AuditEvent.seq)).all()
    assert queued == {e.id for e in events}
    # What was hashed is what reads back (microseconds and UTC survive storage).
    assert [audit.compute_hash(e) for e in stored] == [e.hash for e in events]


def test_a_record_rolls_back_with_the_change_it_describes(env):
    _write(env, 2)
    with pytest.raises(RuntimeError), env.db.session() as s:
        audit.record(s, None, "display")
        raise RuntimeError("the save failed")
    with env.db.session() as s:
        assert s.scalar(select(AuditEvent.seq).order_by(AuditEvent.seq.desc())) == 2
    assert audit.verify(env.db) == []


@pytest.mark.parametrize(
    "column, value",
    [("purpose", "Mục đích khác"), ("action", "print"), ("officer_id", None), ("detail", "x")],
)
def test_editing_any_field_is_detected(env, column, value):
    events = _write(env)
    with env.db.session() as s:
        s.execute(update(AuditEvent).where(AuditEvent.seq == 3).values({column: value}))
    problems = audit.verify(env.db)
    assert [(p.seq, p.kind) for p in problems] == [(3, "edited")]
    assert "số 3" in problems[0].text
    assert events  # the other records are not blamed


def test_editing_the_time_is_detected(env):
    _write(env)
    with env.db.session() as s:
        s.execute(
            update(AuditEvent).where(AuditEvent.seq == 2).values(at=T0 - dt.timedelta(days=1))
        )
    assert _kinds(env) == {"edited"}


def test_editing_a_record_and_recomputing_its_hash_breaks_the_next_link(env):
    _write(env)
    with env.db.session() as s:
        e = s.scalar(select(AuditEvent).where(AuditEvent.seq == 2))
        e.purpose = "đã sửa"
        e.hash = audit.compute_hash(e)
    problems = audit.verify(env.db)
    assert [(p.seq, p.kind) for p in problems] == [(3, "chain_broken")]


def test_deleting_a_record_in_the_middle_is_detected(env):
    _write(env)
    with env.db.session() as s:
        s.execute(delete(AuditEvent).where(AuditEvent.seq == 3))
    problems = audit.verify(env.db)
    assert ("missing" in {p.kind for p in problems}) and any("3" in p.text for p in problems)


def test_swapping_two_records_is_detected(env):
    _write(env)
    with env.db.session() as s:
        # Swap the positions of records 2 and 4 (seq is unique: go through a spare value).
        s.execute(update(AuditEvent).where(AuditEvent.seq == 2).values(seq=-1))
        s.execute(update(AuditEvent).where(AuditEvent.seq == 4).values(seq=2))
        s.execute(update(AuditEvent).where(AuditEvent.seq == -1).values(seq=4))
    problems = audit.verify(env.db)
    assert {p.seq for p in problems} >= {2, 4}


def test_swapping_contents_but_keeping_seq_and_hash_is_detected(env):
    _write(env)
    with env.db.session() as s:
        a = s.scalar(select(AuditEvent).where(AuditEvent.seq == 2))
        b = s.scalar(select(AuditEvent).where(AuditEvent.seq == 3))
        a.action, b.action = b.action, a.action
        a.detail, b.detail = b.detail, a.detail
    assert _kinds(env) == {"edited"}


def test_truncating_the_tail_is_detected(env):
    _write(env)
    with env.db.session() as s:
        s.execute(delete(AuditEvent).where(AuditEvent.seq >= 4))
    problems = audit.verify(env.db)
    assert "truncated" in {p.kind for p in problems}
    assert any("4" in p.text and "5" in p.text for p in problems)


def test_truncating_the_tail_and_the_head_marker_still_shows_in_the_outbox(env):
    _write(env)
    with env.db.session() as s:
        s.execute(delete(AuditEvent).where(AuditEvent.seq >= 4))
        s.execute(
            update(KeyValue)
            .where(KeyValue.key == audit.HEAD_KEY)
            .values(
                value={
                    "seq": 3,
                    "hash": s.scalar(select(AuditEvent.hash).where(AuditEvent.seq == 3)),
                }
            )
        )
    problems = audit.verify(env.db)
    assert [p.kind for p in problems] == ["missing"]
    assert problems[0].text.startswith("2 bản ghi")


def test_wiping_the_whole_log_is_detected(env):
    _write(env)
    with env.db.session() as s:
        s.execute(delete(AuditEvent))
    assert "truncated" in _kinds(env)


def test_raw_sql_insert_of_a_forged_record_is_detected(env):
    _write(env, 2)
    with env.db.session() as s:
        s.execute(
            text(
                "INSERT INTO audit_events (id, seq, at, action, purpose, detail, prev_hash, hash) "
                "VALUES ('forged', 3, '2026-11-25 09:00:00.000000', 'display', '', '', :p, :h)"
            ),
            {"p": "0" * 64, "h": "f" * 64},
        )
    kinds = _kinds(env)
    assert "edited" in kinds and "chain_broken" in kinds


def test_unknown_actions_are_a_bug(env):
    with pytest.raises(ValueError), env.db.session() as s:
        audit.record(s, None, "peek")


def test_logins_are_in_the_log(env):
    from security_factories import PASSWORD

    from app.errors import UserError

    with pytest.raises(UserError):
        authenticate(env.db, "officer1", "wrong password")
    authenticate(env.db, "officer1", PASSWORD)
    with env.db.session() as s:
        rows = s.execute(
            select(AuditEvent.action, AuditEvent.detail).order_by(AuditEvent.seq)
        ).all()
    assert [tuple(r) for r in rows] == [("login", "failed"), ("login", "")]
    assert audit.verify(env.db) == []


def test_cli_verify_exit_codes(memory_keyring, capsys):
    from app.services.security.cli import add_audit_commands
    from app.services.security.database import open_local

    db = open_local()
    with db.session() as s:
        for _ in range(3):
            audit.record(s, None, "display")
    db.dispose()

    import argparse

    parser = argparse.ArgumentParser()
    add_audit_commands(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["audit", "verify"])
    assert args.handler(args) == 0
    assert "3 bản ghi" in capsys.readouterr().out

    db = open_local()
    with db.session() as s:
        s.execute(update(AuditEvent).where(AuditEvent.seq == 2).values(purpose="sửa"))
    db.dispose()
    assert args.handler(args) == 2
    err = capsys.readouterr().err
    assert "Nhật ký truy cập bị can thiệp" in err and "số 2" in err
