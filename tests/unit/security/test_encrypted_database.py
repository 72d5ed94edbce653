"""The local database at rest: encrypted, keyed from the OS keyring, never silently
plaintext (an old plaintext one is encrypted only by an administrator's command),
refused (untouched) on another PC, re-keyable without losing data."""

from __future__ import annotations

import argparse
import hashlib
import os
import stat
import subprocess
import sys

import pytest
from security_factories import CITIZENS, seed
from sqlalchemy import select, text

from app.errors import ErrorKind, UserError
from app.services.security import accounts, blobs
from app.services.security.cli import add_security_commands
from app.services.security.database import (
    SQLITE_HEADER,
    open_encrypted,
    open_local,
    rotate_key,
    rotate_local,
)
from app.services.security.keys import KeySet
from app.services.security.keystore import (
    KEY_FILE_ENV,
    SERVICE,
    KeyFileStore,
    KeyringStore,
    MemoryStore,
    keyring_entry,
)
from app.services.security.permissions import SYSTEM_ADMIN
from app.services.storage.db import open_database
from app.services.storage.models import AuditEvent, Citizen
from app.shared import paths

ID_NUMBER, NAME, FOLDED = CITIZENS[0]


def _add_citizen(db) -> None:
    with db.session() as s:
        s.add(
            Citizen(
                id_number=ID_NUMBER,
                full_name=NAME,
                name_folded=FOLDED.lower(),
                residence="Số 12 đường Thử Nghiệm",
            )
        )


def _names(db) -> list[str]:
    with db.session() as s:
        return list(s.scalars(select(Citizen.full_name)))


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_file_on_disk_reads_as_noise(memory_keyring, tmp_path):
    db = open_local()
    _add_citizen(db)
    db.dispose()
    raw = paths.database_file().read_bytes()
    assert raw[:16] != SQLITE_HEADER
    for needle in (NAME, FOLDED, FOLDED.lower(), ID_NUMBER, "Thử Nghiệm"):
        assert needle.encode("utf-8") not in raw
        assert needle.encode("utf-16-le") not in raw
    # plain SQLite (Python's own, in a process of its own: see storage/db.py) cannot read it
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys; "
            "sqlite3.connect(sys.argv[1]).execute('SELECT * FROM citizens').fetchall()",
            str(paths.database_file()),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert probe.returncode != 0 and "DatabaseError" in probe.stderr
    # The key went to the keyring, under the app's service, one entry per database.
    assert (SERVICE, keyring_entry(paths.database_file())) in memory_keyring.entries


def test_reopening_with_the_keyring_reads_the_data_and_keeps_wal(memory_keyring):
    db = open_local()
    _add_citizen(db)
    db.dispose()
    db = open_local()
    assert _names(db) == [NAME]
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        # The name search index works inside the encrypted file too.
        hits = conn.execute(
            text("SELECT rowid FROM citizens_fts WHERE citizens_fts MATCH 'vuong OR hang'")
        ).all()
    assert len(hits) == 1
    db.dispose()


def test_a_database_copied_to_another_pc_is_refused_and_left_untouched(memory_keyring, tmp_path):
    db = open_local()
    _add_citizen(db)
    db.dispose()
    copied = tmp_path / "other-pc" / "motcua.sqlite3"
    copied.parent.mkdir()
    copied.write_bytes(paths.database_file().read_bytes())
    before = _digest(copied)
    for store in (KeyringStore(keyring_entry(copied)), MemoryStore(KeySet(os.urandom(32)))):
        # No key for it here, or a different PC's key: the same clear refusal.
        with pytest.raises(UserError) as err:
            open_encrypted(copied, store)
        assert err.value.kind is ErrorKind.DB_WRONG_KEY
        assert _digest(copied) == before
    assert sorted(p.name for p in copied.parent.iterdir()) == ["motcua.sqlite3"]


def test_a_lost_keyring_entry_never_turns_into_a_new_empty_database(memory_keyring):
    open_local().dispose()
    memory_keyring.entries.clear()
    with pytest.raises(UserError) as err:
        open_local()
    assert err.value.kind is ErrorKind.DB_WRONG_KEY
    assert memory_keyring.entries == {}


def test_without_a_keyring_the_app_stops_with_a_clear_message_and_no_file(no_keyring):
    with pytest.raises(UserError) as err:
        open_local()
    assert err.value.kind is ErrorKind.KEYRING_MISSING
    assert "set MOTCUA_DB_KEY_FILE" in err.value.detail
    assert not paths.database_file().exists()
    assert not list(paths.data_dir().glob("*.sqlite3*"))


def test_a_keyring_that_keeps_nothing_counts_as_no_keyring():
    # The test suite's default backend is keyring's "null" one: accepts, stores nothing.
    with pytest.raises(UserError) as err:
        open_local()
    assert err.value.kind is ErrorKind.KEYRING_MISSING
    assert not paths.database_file().exists()


def test_key_file_fallback_when_the_admin_chooses_it(no_keyring, monkeypatch, tmp_path):
    key_file = tmp_path / "secure" / "motcua.key"
    monkeypatch.setenv(KEY_FILE_ENV, str(key_file))
    db = open_local()
    _add_citizen(db)
    db.dispose()
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert paths.database_file().read_bytes()[:16] != SQLITE_HEADER
    db = open_local()
    assert _names(db) == [NAME]
    db.dispose()
    # A key file others can read is refused, not used.
    key_file.chmod(0o644)
    with pytest.raises(UserError) as err:
        open_local()
    assert err.value.kind is ErrorKind.KEY_FILE_UNSAFE


def test_demo_without_keyring_keeps_its_key_beside_the_demo_data(no_keyring):
    db = open_local(demo=True)
    db.dispose()
    key_file = paths.database_file(demo=True).with_suffix(".key")
    assert key_file.exists() and stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert paths.database_file(demo=True).read_bytes()[:16] != SQLITE_HEADER
    from app.services.security.database import key_storage_lines

    lines = dict(key_storage_lines(demo=True))
    assert any("key file" in v for v in lines.values())
    assert any(v.startswith("đã mã hoá, khoá mở được; lược đồ ") for v in lines.values())


def test_key_rotation_keeps_data_and_retires_the_old_key(memory_keyring):
    db = open_local()
    _add_citizen(db)
    stored = blobs.encrypt_blob(b"%PDF-1.7 scan of a paper")
    attachments = paths.attachments_dir()
    (attachments / "ab").mkdir(parents=True)
    (attachments / "ab" / ("ab" + "0" * 62)).write_bytes(stored)
    (attachments / "cd").mkdir()
    (attachments / "cd" / ("cd" + "0" * 62)).write_bytes(b"\x89PNG old plaintext file")
    db.dispose()
    entry = (SERVICE, keyring_entry(paths.database_file()))
    old = KeySet.from_json(memory_keyring.entries[entry])

    report = rotate_local(actor=SYSTEM_ADMIN)

    new = KeySet.from_json(memory_keyring.entries[entry])
    assert new.current != old.current and new.previous is None and new.next is None
    assert report.attachments_reencrypted == 2
    with pytest.raises(UserError) as err:
        open_encrypted(paths.database_file(), MemoryStore(old))
    assert err.value.kind is ErrorKind.DB_WRONG_KEY
    db = open_local()
    assert _names(db) == [NAME]
    db.dispose()
    # Both files now open with the new key only.
    assert blobs.decrypt_blob((attachments / "ab" / ("ab" + "0" * 62)).read_bytes()).startswith(
        b"%PDF"
    )
    assert blobs.decrypt_blob((attachments / "cd" / ("cd" + "0" * 62)).read_bytes()).startswith(
        b"\x89PNG"
    )
    blobs.use_keys(old)
    with pytest.raises(UserError) as err:
        blobs.decrypt_blob((attachments / "ab" / ("ab" + "0" * 62)).read_bytes())
    assert err.value.kind is ErrorKind.ATTACHMENT_TAMPERED


def test_rotation_refuses_while_the_app_has_the_database_open(memory_keyring):
    db = open_local()
    _add_citizen(db)
    with db.engine.connect():  # the running app holds a connection
        with pytest.raises(UserError) as err:
            rotate_local(actor=SYSTEM_ADMIN)
        assert err.value.kind is ErrorKind.DB_LOCKED
    db.dispose()
    db = open_local()  # the half-started rotation is settled: the data still opens
    assert _names(db) == [NAME]
    db.dispose()


def test_a_rotation_interrupted_after_rekey_is_finished_at_the_next_start(tmp_path):
    path = tmp_path / "motcua.sqlite3"
    store = MemoryStore()
    db, keys = open_encrypted(path, store)
    _add_citizen(db)
    db.dispose()
    # Simulate a crash right after PRAGMA rekey: the store still says "next".
    from app.services.security.database import _raw_connect
    from app.services.security.keys import new_secret, sqlcipher_pragma_value

    rotating = keys.begin_rotation(new_secret())
    store.save(rotating)
    conn = _raw_connect(path, keys.current)
    conn.execute(f"PRAGMA rekey = {sqlcipher_pragma_value(rotating.next)}")
    conn.close()

    db, settled = open_encrypted(path, store)
    assert settled.current == rotating.next and settled.previous == keys.current
    assert _names(db) == [NAME]
    db.dispose()


def _run_cli(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="motcua")
    add_security_commands(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    return int(args.handler(args))


def test_an_old_plaintext_database_is_encrypted_only_by_the_admin_command(memory_keyring, capsys):
    path = paths.database_file()
    plain = open_database(path)  # as the version before encryption left it, no key entry
    plain_env = seed(plain)
    plain.dispose()
    with pytest.raises(UserError) as err:
        open_local()  # never encrypted silently: it may be a file someone dropped in
    assert err.value.kind is ErrorKind.DB_NOT_THIS_COUNTER
    assert path.read_bytes()[:16] == b"SQLite format 3\x00"
    assert _run_cli(["security", "encrypt-store"]) == 0
    assert NAME.encode() not in path.read_bytes()
    db = open_local()
    assert accounts.has_officers(db)
    with db.session() as s:
        assert [e.action for e in s.scalars(select(AuditEvent))] == ["change"]
    db.dispose()
    assert plain_env.office_id
    # Once the counter has its encrypted store, a plaintext file is never adopted.
    path.unlink()
    open_database(path).dispose()
    capsys.readouterr()
    assert _run_cli(["security", "encrypt-store"]) == 1
    assert "không phải của quầy này" in capsys.readouterr().err


def test_key_file_store_round_trip(tmp_path):
    store = KeyFileStore(tmp_path / "k" / "db.key")
    assert store.load() is None
    keys = KeySet(os.urandom(32), previous=os.urandom(32))
    store.save(keys)
    assert store.load() == keys
    (tmp_path / "k" / "db.key").write_text("not json")
    with pytest.raises(UserError) as err:
        store.load()
    assert err.value.kind is ErrorKind.DB_WRONG_KEY


def test_rotate_key_without_attachments_folder(tmp_path):
    path = tmp_path / "x.sqlite3"
    store = MemoryStore()
    db, keys = open_encrypted(path, store)
    db.dispose()
    report = rotate_key(path, store, tmp_path / "no-such-folder")
    assert report.attachments_reencrypted == 0
    assert store.keys is not None and store.keys.current != keys.current
