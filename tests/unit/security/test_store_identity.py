"""Only this counter's database opens (issue 18, "The local store"): whoever can write
the data folder cannot swap the database for a plaintext one, another counter's, or
none at all; the way back is an administrator's audited command or a backup."""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
from dataclasses import replace

import pytest
from security_factories import CITIZENS, seed
from sqlalchemy import select

from app.errors import ErrorKind, UserError
from app.services import audit
from app.services.security import accounts
from app.services.security.cli import add_security_commands
from app.services.security.database import open_encrypted, open_local
from app.services.security.keys import KeySet
from app.services.security.keystore import SERVICE, MemoryStore, keyring_entry
from app.services.security.store_identity import IDENTITY_KEY
from app.services.storage.db import open_database
from app.services.storage.models import AuditEvent, Citizen, KeyValue
from app.services.sync import credentials as device
from app.shared import paths

ID_NUMBER, NAME, FOLDED = CITIZENS[0]
DEVICE = (device.SERVICE, device.ENTRY)


def _digest(path) -> str:  # type: ignore[no-untyped-def]
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _key_entry(memory_keyring) -> KeySet:  # type: ignore[no-untyped-def]
    return KeySet.from_json(memory_keyring.entries[(SERVICE, keyring_entry(paths.database_file()))])


def _counter_in_use(memory_keyring) -> None:  # type: ignore[no-untyped-def]
    """A counter that has been working: officers, a citizen, an audit record, enrolled."""
    db = open_local()
    env = seed(db)
    with db.session() as s:
        s.add(Citizen(id_number=ID_NUMBER, full_name=NAME, name_folded=FOLDED.lower()))
        audit.record(s, env.officers["admin"].id, "login")
    db.dispose()
    open_local().dispose()  # the next start binds the first audit record
    memory_keyring.entries[DEVICE] = json.dumps(
        {
            "central_url": "https://central.example",
            "device_id": "dev-1",
            "office_code": "000.00.00.H98",
            "counter_number": 1,
            "secret": "s3cret",
        }
    )


def _run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="motcua")
    add_security_commands(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    return int(args.handler(args))


def _refused(kind: ErrorKind, demo: bool = False) -> UserError:
    with pytest.raises(UserError) as err:
        open_local(demo)
    assert err.value.kind is kind
    return err.value


def test_the_key_entry_names_its_database_and_its_first_audit_record(memory_keyring):
    _counter_in_use(memory_keyring)
    keys = _key_entry(memory_keyring)
    db = open_local()
    with db.session() as s:
        assert s.get(KeyValue, IDENTITY_KEY).value == {"store_id": keys.store_id}
        first = s.scalar(select(AuditEvent.hash).order_by(AuditEvent.seq).limit(1))
    db.dispose()
    assert keys.created and keys.store_id and keys.first_audit_hash == first


def test_a_plaintext_database_dropped_in_is_refused_untouched(memory_keyring):
    _counter_in_use(memory_keyring)
    path = paths.database_file()
    path.unlink()
    planted = open_database(path)  # plaintext, with an administrator whose password is known
    seed(planted)
    planted.dispose()
    before = _digest(path)
    _refused(ErrorKind.DB_NOT_THIS_COUNTER)
    assert _digest(path) == before  # not encrypted with the counter's key, not adopted


def test_another_database_under_the_same_key_is_refused(memory_keyring, tmp_path):
    _counter_in_use(memory_keyring)
    keys = _key_entry(memory_keyring)
    # Someone who learnt the secret builds a database of their own with it.
    other = tmp_path / "other.sqlite3"
    db, _ = open_encrypted(
        other, MemoryStore(replace(KeySet.for_new_store(), current=keys.current))
    )
    db.dispose()
    shutil.copyfile(other, paths.database_file())
    err = _refused(ErrorKind.DB_NOT_THIS_COUNTER)
    assert "differs" in err.detail


def test_a_database_whose_log_starts_differently_is_refused(memory_keyring):
    _counter_in_use(memory_keyring)
    db = open_local()
    with db.engine.begin() as conn:  # the same file with its access log rewritten
        conn.exec_driver_sql("DELETE FROM audit_events")
    with db.session() as s:
        audit.record(s, None, "login")
    db.dispose()
    err = _refused(ErrorKind.DB_NOT_THIS_COUNTER)
    assert err.detail == "first audit record differs"


def test_a_backup_from_before_identities_opens_by_its_first_audit_record(memory_keyring):
    _counter_in_use(memory_keyring)
    db = open_local()
    with db.session() as s:
        s.delete(s.get(KeyValue, IDENTITY_KEY))  # as a copy made by an older version
    db.dispose()
    db = open_local()
    with db.session() as s:
        assert s.scalar(select(Citizen.full_name)) == NAME
        assert s.get(KeyValue, IDENTITY_KEY) is not None  # stamped again
    db.dispose()


def test_an_entry_saved_before_identities_is_bound_at_its_next_open(memory_keyring):
    _counter_in_use(memory_keyring)
    entry = (SERVICE, keyring_entry(paths.database_file()))
    keys = _key_entry(memory_keyring)
    legacy = {"v": 1, "current": keys.current.hex(), "next": None, "previous": None}
    memory_keyring.entries[entry] = json.dumps(legacy)
    open_local().dispose()
    assert _key_entry(memory_keyring) == keys  # same identity, same first audit record


def test_a_deleted_database_is_reported_not_replaced_by_first_run(memory_keyring):
    _counter_in_use(memory_keyring)
    path = paths.database_file()
    for file in path.parent.glob(path.name + "*"):
        file.unlink()
    entries = dict(memory_keyring.entries)
    _refused(ErrorKind.DB_MISSING)
    assert not path.exists()  # no new empty database, so no "create admin" screen
    assert memory_keyring.entries == entries


def test_restoring_the_backup_beside_it_brings_the_counter_back(memory_keyring):
    _counter_in_use(memory_keyring)
    path = paths.database_file()
    backups = path.parent / "backups"
    backups.mkdir()
    open_local().dispose()  # a checkpointed file, as the upgrade copy is
    shutil.copyfile(path, backups / "motcua.rev-x.sqlite3")
    path.unlink()
    _refused(ErrorKind.DB_MISSING)
    shutil.copyfile(backups / "motcua.rev-x.sqlite3", path)
    db = open_local()
    assert accounts.has_officers(db)
    db.dispose()


def test_reset_store_is_explicit_audited_and_asks_for_re_enrolment(memory_keyring, capsys):
    _counter_in_use(memory_keyring)
    path = paths.database_file()
    old = _key_entry(memory_keyring)
    assert _run(["security", "reset-store"]) == 1  # no --yes: nothing done
    assert "--yes" in capsys.readouterr().err
    assert _run(["security", "reset-store", "--yes"]) == 1  # the store is fine
    assert "không có gì để đặt lại" in capsys.readouterr().err
    assert DEVICE in memory_keyring.entries

    path.unlink()
    planted = open_database(path)
    planted.dispose()
    _refused(ErrorKind.DB_NOT_THIS_COUNTER)
    assert _run(["security", "reset-store", "--yes"]) == 0
    out = capsys.readouterr().out
    assert "đăng ký lại quầy" in out
    kept = [p for p in path.parent.iterdir() if p.name.startswith("motcua.sqlite3.refused-")]
    main_copy = [p for p in kept if not p.name.endswith(("-wal", "-shm"))]
    assert len(main_copy) == 1 and main_copy[0].name in out
    assert main_copy[0].read_bytes()[:16] == b"SQLite format 3\x00"  # kept, not deleted
    assert DEVICE not in memory_keyring.entries  # sync waits for an administrator
    db = open_local()
    assert not accounts.has_officers(db)  # first-run, now that an admin chose it
    with db.session() as s:
        events = list(s.scalars(select(AuditEvent)))
    db.dispose()
    assert [e.action for e in events] == ["change"]
    assert old.store_id in events[0].detail and "refused-" in events[0].detail
    db = open_local()
    assert audit.verify(db) == []
    db.dispose()
    assert _key_entry(memory_keyring).store_id != old.store_id


def test_the_demo_starts_again_when_its_data_is_gone(memory_keyring):
    open_local(demo=True).dispose()
    paths.database_file(demo=True).unlink()
    db = open_local(demo=True)
    db.dispose()
    assert paths.database_file(demo=True).exists()


def test_key_status_says_why_a_database_is_refused(memory_keyring, capsys):
    _counter_in_use(memory_keyring)
    path = paths.database_file()
    db = open_local()
    with db.session() as s:
        s.get(KeyValue, IDENTITY_KEY).value = {"store_id": "someone-else"}
    db.dispose()
    assert _run(["security", "key-status"]) == 0
    assert "KHÔNG phải cơ sở dữ liệu của quầy này" in capsys.readouterr().out
    for file in path.parent.glob(path.name + "*"):
        file.unlink()
    assert _run(["security", "key-status"]) == 0
    assert "THIẾU: khoá cho biết đã có cơ sở dữ liệu" in capsys.readouterr().out
