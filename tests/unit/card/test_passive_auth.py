"""Passive authentication against a PKI generated in the test: each verdict a user
would see, and the data group named when its hash does not match."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from cryptography.hazmat.primitives import serialization

from app.errors import UserError
from app.services.card import tlv
from app.services.card.errors import ParseError
from app.services.card.passive_auth import (
    TrustStore,
    import_master_list,
    parse_sod,
    verify_passive,
)
from app.services.identity import Verdict
from tests.unit.card.card_builders import (
    FULL_DG13,
    TD1_NOTE,
    certificate,
    dg1,
    dg13,
    make_pki,
    master_list,
    new_key,
    sod,
)

GROUPS = {1: dg1(TD1_NOTE), 13: dg13()}


@pytest.fixture(scope="module", params=["ec", "rsa"])
def pki(request):
    return make_pki(request.param)


def test_valid_signature_without_csca_is_no_csca(pki):
    _csca, dsc, key = pki
    result = verify_passive(parse_sod(sod(GROUPS, dsc, key)), GROUPS, TrustStore())
    assert result.verdict is Verdict.NO_CSCA


def test_chain_to_configured_csca_passes(pki):
    csca, dsc, key = pki
    result = verify_passive(parse_sod(sod(GROUPS, dsc, key)), GROUPS, TrustStore([csca]))
    assert result.verdict is Verdict.PASSED


def test_a_dsc_naming_a_trusted_csca_that_did_not_sign_it_is_forged(pki):
    """Same CSCA name, another key, and no key identifier to say it is another key
    of that CSCA: someone made a CSCA of that name. Red."""
    _csca, dsc, key = pki
    impostor, _, _ = make_pki("ec")  # also named "CSCA Test VN"
    result = verify_passive(parse_sod(sod(GROUPS, dsc, key)), GROUPS, TrustStore([impostor]))
    assert result.verdict is Verdict.FAILED
    assert (
        result.detail
        == "Document Signer certificate does not verify with the trusted CSCA it names"
    )


def test_a_csca_not_in_the_trust_list_is_amber_not_red(pki):
    """Signature valid, DSC of a CSCA the counter does not hold: origin unknown."""
    _csca, dsc, key = pki
    other_key = new_key("ec")
    other = certificate("CSCA of another country", other_key, "CSCA of another country",
                        other_key, ca=True)  # fmt: skip
    result = verify_passive(parse_sod(sod(GROUPS, dsc, key)), GROUPS, TrustStore([other]))
    assert (result.verdict, result.detail) == (Verdict.NO_CSCA, "not signed by a trusted CSCA")


def test_a_new_key_of_a_trusted_csca_not_yet_in_the_list_is_amber():
    """A CSCA's next key keeps its name; the DSC's authority key identifier names a
    key the list does not hold yet: cannot check, not a forgery."""
    from cryptography import x509 as cx509
    from cryptography.hazmat.primitives import hashes

    old_key, new_key_ = new_key("ec"), new_key("ec")
    listed = certificate("CSCA Test VN", old_key, "CSCA Test VN", old_key, ca=True)
    dsc_key = new_key("ec")
    now = dt.datetime.now(dt.UTC)
    dsc = (
        cx509.CertificateBuilder()
        .subject_name(cx509.Name.from_rfc4514_string("CN=DS Test VN,C=VN"))
        .issuer_name(listed.subject)
        .public_key(dsc_key.public_key())
        .serial_number(cx509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=30))
        .not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(
            cx509.AuthorityKeyIdentifier.from_issuer_public_key(new_key_.public_key()),
            critical=False,
        )
        .sign(new_key_, hashes.SHA256())
    )
    result = verify_passive(parse_sod(sod(GROUPS, dsc, dsc_key)), GROUPS, TrustStore([listed]))
    assert (result.verdict, result.detail) == (Verdict.NO_CSCA, "not signed by a trusted CSCA")


def test_altered_dg13_is_named(pki):
    _csca, dsc, key = pki
    signed = sod(GROUPS, dsc, key)
    altered = dict(GROUPS)
    altered[13] = dg13(values={**FULL_DG13, 2: "Nguyễn Văn Z"})
    result = verify_passive(parse_sod(signed), altered, TrustStore())
    assert (result.verdict, result.detail) == (Verdict.FAILED, "DG13 hash mismatch")


def test_group_missing_from_sod_fails(pki):
    _csca, dsc, key = pki
    signed = sod({1: GROUPS[1]}, dsc, key)
    result = verify_passive(parse_sod(signed), GROUPS, TrustStore())
    assert result.verdict is Verdict.FAILED
    assert "DG13" in result.detail


def test_expired_document_signer():
    csca, dsc, key = make_pki("ec", expired=True)
    result = verify_passive(parse_sod(sod(GROUPS, dsc, key)), GROUPS, TrustStore([csca]))
    assert (result.verdict, result.detail) == (
        Verdict.FAILED,
        "Document Signer certificate expired",
    )


def test_signature_by_another_key_is_invalid(pki):
    _csca, dsc, _key = pki
    _, _, wrong = make_pki("ec")
    result = verify_passive(parse_sod(sod(GROUPS, dsc, wrong)), GROUPS, TrustStore())
    assert (result.verdict, result.detail) == (Verdict.FAILED, "signature invalid")


def test_rsa_pss_signature_verifies():
    csca, dsc, key = make_pki("rsa")
    result = verify_passive(
        parse_sod(sod(GROUPS, dsc, key, scheme="pss")), GROUPS, TrustStore([csca])
    )
    assert result.verdict is Verdict.PASSED


def test_tampered_signed_content_is_invalid():
    _csca, dsc, key = make_pki("ec")
    raw = bytearray(sod(GROUPS, dsc, key))
    # flip one byte inside the first hash value of the LDS security object
    position = raw.find(hashlib.sha256(GROUPS[1]).digest())
    raw[position] ^= 0xFF
    result = verify_passive(parse_sod(bytes(raw)), GROUPS, TrustStore())
    assert (result.verdict, result.detail) == (Verdict.FAILED, "signature invalid")


def test_validity_checked_at_read_time():
    csca, dsc, key = make_pki("ec")
    far_future = dt.datetime.now(dt.UTC) + dt.timedelta(days=365 * 20)
    result = verify_passive(
        parse_sod(sod(GROUPS, dsc, key)), GROUPS, TrustStore([csca]), now=far_future
    )
    assert result.detail == "Document Signer certificate expired"


def test_trust_folder_and_master_list(tmp_path):
    csca, dsc, key = make_pki("ec")
    other, _, _ = make_pki("rsa")
    (tmp_path / "junk.pem").write_text("not a certificate")
    assert not TrustStore.from_folder(tmp_path)
    with pytest.raises(UserError):  # a list nobody signed vouches for nothing
        import_master_list(master_list([csca, other]), tmp_path)
    assert not TrustStore.from_folder(tmp_path)
    for n, cert in enumerate((csca, other)):  # signed lists: tests/unit/card/test_master_list.py
        (tmp_path / f"csca{n}.der").write_bytes(cert.public_bytes(serialization.Encoding.DER))
    store = TrustStore.from_folder(tmp_path)
    assert len(store.certificates) == 2
    result = verify_passive(parse_sod(sod(GROUPS, dsc, key)), GROUPS, store)
    assert result.verdict is Verdict.PASSED


def test_pem_file_in_trust_folder(tmp_path):
    csca, dsc, key = make_pki("ec")
    (tmp_path / "csca.pem").write_bytes(csca.public_bytes(serialization.Encoding.PEM))
    result = verify_passive(
        parse_sod(sod(GROUPS, dsc, key)), GROUPS, TrustStore.from_folder(tmp_path)
    )
    assert result.verdict is Verdict.PASSED


def test_sod_that_is_not_signed_data_is_a_parse_error():
    with pytest.raises(ParseError):
        parse_sod(tlv.encode(0x77, tlv.encode(0x30, tlv.encode(0x06, b"\x2a\x03"))))
