"""TLS with a pinned server certificate: the counter talks only to the pinned server."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import ipaddress
import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import MemoryKeyring
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from sync_helpers import server_rows

from app import settings as settings_mod
from app.errors import ErrorKind, UserError
from app.services.security.permissions import SYSTEM_ADMIN
from app.services.storage.db import Database
from app.services.sync.credentials import MemoryStore
from app.services.sync.engine import SyncConfig, SyncEngine
from app.services.sync.enroll import enroll
from app.settings import Settings
from central.api import create_app
from central.seed import DEMO_OFFICE
from testkit.central_server import RunningCentral
from testkit.counter_sim import queue_dossiers, setup_counter
from testkit.embedded_central import ServerThread


def _self_signed(folder: Path, name: str) -> tuple[Path, Path, str]:
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / f"{name}.pem", folder / f"{name}.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    fingerprint = hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest()
    return cert_path, key_path, fingerprint


@pytest.fixture
def tls_central(
    central: RunningCentral, tmp_path: Path
) -> Iterator[tuple[RunningCentral, str, str]]:
    """The same service also on HTTPS; yields it, the HTTPS URL and the pin."""
    cert, key, pin = _self_signed(tmp_path, "central")
    server = ServerThread(create_app(central.db), tls_cert=cert, tls_key=key)
    server.start()
    yield central, server.url, pin
    server.stop()


def _pin_with_colons(pin: str) -> str:
    return ":".join(pin[i : i + 2] for i in range(0, len(pin), 2)).upper()


def test_pinned_certificate_enrolls_and_syncs(
    tls_central: tuple[RunningCentral, str, str], db: Database
) -> None:
    central, url, pin = tls_central
    store = MemoryStore()
    # The pin as OpenSSL prints it (colons, capitals) works as well.
    enroll(
        url,
        central.enrollment_code(DEMO_OFFICE),
        store=store,
        cert_sha256=_pin_with_colons(pin),
        actor=SYSTEM_ADMIN,
    )
    ids = queue_dossiers(db, setup_counter(db, DEMO_OFFICE, 1), 3)
    engine = SyncEngine(db, SyncConfig(url, DEMO_OFFICE), store=store)
    report = engine.sync_once()
    assert report.error is None
    assert sorted(r.id for r in server_rows(central, "dossier")) == sorted(ids)


def test_other_certificate_is_refused_before_anything_is_sent(
    tls_central: tuple[RunningCentral, str, str], db: Database, tmp_path: Path
) -> None:
    central, url, pin = tls_central
    _cert, _key, other_pin = _self_signed(tmp_path, "impostor")
    with pytest.raises(UserError) as refused:
        enroll(
            url,
            central.enrollment_code(DEMO_OFFICE),
            store=MemoryStore(),
            cert_sha256=other_pin,
            actor=SYSTEM_ADMIN,
        )
    assert refused.value.kind == ErrorKind.SYNC_CERTIFICATE

    # Enrolled with the right pin; then the server presents another certificate than
    # the one pinned (as an impostor at the same address would).
    store = MemoryStore()
    enroll(
        url, central.enrollment_code(DEMO_OFFICE), store=store, cert_sha256=pin, actor=SYSTEM_ADMIN
    )
    enrolled = store.load()
    assert enrolled is not None and enrolled.cert_sha256 == pin
    store.save(dataclasses.replace(enrolled, cert_sha256=other_pin))
    queue_dossiers(db, setup_counter(db, DEMO_OFFICE, 1), 2)
    engine = SyncEngine(db, SyncConfig(url, DEMO_OFFICE), store=store)
    report = engine.sync_once()
    assert report.error is not None and report.error.kind == ErrorKind.SYNC_CERTIFICATE
    assert server_rows(central, "dossier") == []
    assert engine.status().pending == 6


def test_an_unpinned_address_is_refused_and_without_a_pin_a_self_signed_server_fails(
    tls_central: tuple[RunningCentral, str, str], memory_keyring: MemoryKeyring
) -> None:
    central, url, _pin = tls_central
    with pytest.raises(UserError) as refused:  # a real office: no pin, nothing sent
        enroll(url, central.enrollment_code(DEMO_OFFICE), store=MemoryStore(), actor=SYSTEM_ADMIN)
    assert refused.value.kind == ErrorKind.SYNC_ADDRESS_INSECURE
    with pytest.raises(UserError) as refused:  # without the rule, TLS itself refuses it
        enroll(
            url,
            central.enrollment_code(DEMO_OFFICE),
            store=MemoryStore(),
            actor=SYSTEM_ADMIN,
            demo=True,
        )
    assert refused.value.kind == ErrorKind.SYNC_CERTIFICATE


def test_a_pin_over_plain_http_is_refused(central: RunningCentral) -> None:
    for demo, kind in (
        (False, ErrorKind.SYNC_ADDRESS_INSECURE),
        (True, ErrorKind.SYNC_CERTIFICATE),
    ):
        with pytest.raises(UserError) as refused:
            enroll(
                central.url,
                central.enrollment_code(DEMO_OFFICE),
                store=MemoryStore(),
                cert_sha256="ab" * 32,
                actor=SYSTEM_ADMIN,
                demo=demo,
            )
        assert refused.value.kind == kind


def test_editing_settings_json_does_not_redirect_sync(
    tls_central: tuple[RunningCentral, str, str], db: Database, tmp_path: Path
) -> None:
    """A real office (https, pinned). Someone rewrites settings.json to send the data
    elsewhere: sync still goes to the address and certificate fixed at enrolment."""
    central, url, pin = tls_central
    store = MemoryStore()
    enroll(
        url, central.enrollment_code(DEMO_OFFICE), store=store, cert_sha256=pin, actor=SYSTEM_ADMIN
    )
    elsewhere = socket.create_server(("127.0.0.1", 0))
    elsewhere.setblocking(False)
    other_url = f"https://127.0.0.1:{elsewhere.getsockname()[1]}"
    path = tmp_path / "settings.json"
    settings_mod.save(Settings(office_code=DEMO_OFFICE), path)
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw.update(central_url=other_url, central_cert_sha256="cd" * 32)
    path.write_text(json.dumps(raw), encoding="utf-8")
    edited, problem = settings_mod.load(path)
    assert problem is None and edited.central_url == other_url

    ids = queue_dossiers(db, setup_counter(db, DEMO_OFFICE, 1), 2)
    engine = SyncEngine(db, SyncConfig.from_settings(edited), store=store)
    report = engine.sync_once()
    assert report.error is None
    assert sorted(r.id for r in server_rows(central, "dossier")) == sorted(ids)
    with pytest.raises(BlockingIOError):
        elsewhere.accept()  # nobody ever connected to the address in the file
    elsewhere.close()
