"""The CSCA trust list published centrally: signed with the trust-list signer,
published with ``motcua-central``, applied by a counter's pull only when its signer
is pinned (itself or its root). The pull through the real sync engine and central:
tests/integration/sync/test_trust_list_sync.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.errors import ErrorKind, UserError
from app.services.card import trust_list
from app.services.card.passive_auth import TrustStore

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


def test_the_shipped_demo_signer_is_pinned_on_a_demo_counter_only(tmp_path):
    """The demo's trust-list signer (test PKI) ships pinned in trust-signers/demo/:
    a demo counter applies its lists, an office's counter refuses them."""
    data = _signed("test-csca")
    demo = trust_list.pinned_signers(demo=True)
    assert any("trust-list signer" in a.subject.human_friendly for a in demo)
    assert trust_list.apply_trust_list(data, demo, tmp_path / "demo").added == 1
    with pytest.raises(UserError) as info:
        trust_list.apply_trust_list(data, trust_list.pinned_signers(demo=False), tmp_path / "c")
    assert info.value.kind is ErrorKind.TRUST_FILE_INVALID
    assert not (tmp_path / "c").exists()


def test_the_pinned_signer_does_not_vouch_for_another_signer(tmp_path):
    """The demo pins the signer itself (not its root): a list signed with any other
    key of the same test PKI is refused."""
    forged = _signed("test-csca-unknown", signer="dsc-vn")
    with pytest.raises(UserError):
        trust_list.apply_trust_list(forged, trust_list.pinned_signers(demo=True), tmp_path / "c")
