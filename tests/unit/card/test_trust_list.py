"""The CSCA trust list published centrally: signed with the trust-list signer,
published with ``motcua-central``, applied by a counter's pull only when its signer
chains to a pinned root."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.errors import ErrorKind, UserError
from app.services.card import trust_list
from app.services.card.passive_auth import TrustStore
from app.services.sync.pull import PullTally, apply_page
from app.shared import paths, wire

PKI = Path(__file__).resolve().parents[3] / "resources" / "cards" / "pki"


def _signed(*names: str, signer: str = "test-trust-list-signer") -> bytes:
    cert, key = trust_list.load_signer_files(PKI / f"{signer}.der", PKI / f"{signer}-key.pem")
    return trust_list.build_trust_list(
        trust_list.certificates_in([PKI / f"{n}.der" for n in names]), cert, key
    )


def _roots() -> list:
    return trust_list.load_certificates((PKI / "test-trust-root.der").read_bytes())


def test_a_list_signed_under_the_pinned_root_is_applied(tmp_path):
    result = trust_list.apply_trust_list(
        _signed("test-csca", "test-csca-uto"), _roots(), tmp_path / "c"
    )
    assert result.added == 2 and "trust-list signer" in result.signer
    assert len(TrustStore.from_folder(tmp_path / "c").certificates) == 2
    # the next version replaces the previous one entirely
    trust_list.apply_trust_list(_signed("test-csca"), _roots(), tmp_path / "c")
    assert len(TrustStore.from_folder(tmp_path / "c").certificates) == 1


def test_a_list_signed_by_anyone_else_is_refused(tmp_path):
    # dsc-vn is a real signer of the test PKI, but not under the trust-list root
    forged = _signed("test-csca-unknown", signer="dsc-vn")
    with pytest.raises(UserError) as info:
        trust_list.apply_trust_list(forged, _roots(), tmp_path / "c")
    assert info.value.kind is ErrorKind.TRUST_FILE_INVALID
    assert not (tmp_path / "c").exists()


def test_a_tampered_list_is_refused(tmp_path):
    data = bytearray(_signed("test-csca"))
    data[len(data) // 2] ^= 0x01
    with pytest.raises(UserError):
        trust_list.apply_trust_list(bytes(data), _roots(), tmp_path / "c")


def test_central_publishes_and_the_counter_pull_applies(tmp_path, monkeypatch):
    from central import cli

    list_file = tmp_path / "trust.ml"
    assert cli.main(["trust-list", "--signer-cert", str(PKI / "test-trust-list-signer.der"),
                     "--signer-key", str(PKI / "test-trust-list-signer-key.pem"),
                     "--out", str(list_file), str(PKI / "test-csca.der")]) == 0  # fmt: skip
    db_url = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    assert cli.main(["--db", db_url, "publish", "trust", "2026.1", str(list_file)]) == 0

    from sqlalchemy import select

    from central.db import open_central
    from central.models import Published

    central = open_central(db_url)
    with central.session() as s:
        row = s.scalars(select(Published).where(Published.kind == "trust")).one()
        content = row.content
    central.dispose()

    resources = tmp_path / "resources"
    (resources / "trust-signers").mkdir(parents=True)
    (resources / "trust-signers" / "root.der").write_bytes(
        (PKI / "test-trust-root.der").read_bytes()
    )
    monkeypatch.setattr(paths, "RESOURCES", resources)
    page = wire.ChangesPage(
        changes=[
            wire.Change(
                seq=1, data=wire.PublishedWire(kind="trust", version="2026.1", content=content)
            )
        ],
        watermark=1,
        has_more=False,
    )

    class _Session:  # apply_page's KeyValue writes are not what this test is about
        def get(self, *a):
            return None

        def add(self, *a):
            pass

    apply_page(_Session(), page, PullTally())  # type: ignore[arg-type]
    store = TrustStore.from_folder(paths.data_dir() / "trust-central")
    assert len(store.certificates) == 1
    assert "MotCua TEST CSCA VN" in store.certificates[0].subject.human_friendly
