"""ICAO master lists as real ones are: signed by a Master List Signer vouched for by a
CSCA of the list, holding certificates OpenSSL refuses (a negative serial number) and
keys this reader cannot use (DSA). The import says whose list it is, whether its
signature holds and what it could not use; cards of the odd CSCAs still verify."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from asn1crypto import cms, core
from asn1crypto import x509 as a_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import dsa, padding, rsa

from app.errors import ErrorKind, UserError, describe
from app.services.card.passive_auth import (
    CscaMasterList,
    TrustStore,
    import_trust_file,
    parse_sod,
    read_master_list,
    verify_passive,
)
from app.services.identity import Verdict
from tests.unit.card.card_builders import TD1_NOTE, _name, dg1, dg13, sod

GROUPS = {1: dg1(TD1_NOTE), 13: dg13()}
NOW = dt.datetime.now(dt.UTC)


def _cert(subject, key, issuer, issuer_key, ca=False) -> x509.Certificate:
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(subject))
        .issuer_name(_name(issuer))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(NOW - dt.timedelta(days=400))
        .not_valid_after(NOW + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=0 if ca else None), True)
    )
    return builder.sign(issuer_key, hashes.SHA256())


def _asn1(cert: x509.Certificate) -> a_x509.Certificate:
    return a_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def _negative_serial(cert: x509.Certificate, key) -> a_x509.Certificate:
    """The same self-signed CSCA with serial -12345, re-signed (as some real ones are)."""
    parsed = _asn1(cert)
    tbs = parsed["tbs_certificate"]
    tbs["serial_number"] = core.Integer(-12345)
    tbs_der = a_x509.TbsCertificate.load(tbs.dump(force=True)).dump()
    return a_x509.Certificate(
        {
            "tbs_certificate": a_x509.TbsCertificate.load(tbs_der),
            "signature_algorithm": {"algorithm": "sha256_rsa"},
            "signature_value": key.sign(tbs_der, padding.PKCS1v15(), hashes.SHA256()),
        }
    )


@pytest.fixture(scope="module")
def world():
    odd_key = rsa.generate_private_key(65537, 2048)
    odd_csca = _negative_serial(_cert("CSCA Odd", odd_key, "CSCA Odd", odd_key, ca=True), odd_key)
    main_key = rsa.generate_private_key(65537, 2048)
    main_csca = _cert("CSCA Utopia", main_key, "CSCA Utopia", main_key, ca=True)
    dsa_key = dsa.generate_private_key(2048)
    dsa_csca = _cert("CSCA DSA", dsa_key, "CSCA Utopia", main_key, ca=True)
    signer_key = rsa.generate_private_key(65537, 2048)
    signer = _cert("Master List Signer Utopia", signer_key, "CSCA Utopia", main_key)
    return odd_key, odd_csca, main_csca, dsa_csca, signer, signer_key


def _master_list(certs, signer: x509.Certificate, signer_key, tamper: bool = False) -> bytes:
    content = CscaMasterList({"version": 0, "certs": certs}).dump()
    attrs = cms.CMSAttributes(
        [
            {"type": "content_type", "values": ["2.23.136.1.1.2"]},
            {"type": "message_digest", "values": [hashlib.sha256(content).digest()]},
        ]
    )
    signature = signer_key.sign(attrs.dump(), padding.PKCS1v15(), hashes.SHA256())
    if tamper:
        content = content[:-1] + bytes([content[-1] ^ 1])
    cert = _asn1(signer)
    signed = cms.SignedData(
        {
            "version": "v3",
            "digest_algorithms": [{"algorithm": "sha256"}],
            "encap_content_info": {"content_type": "2.23.136.1.1.2", "content": content},
            "certificates": [cert],
            "signer_infos": [
                {
                    "version": "v1",
                    "sid": {
                        "issuer_and_serial_number": {
                            "issuer": cert.issuer,
                            "serial_number": cert.serial_number,
                        }
                    },
                    "digest_algorithm": {"algorithm": "sha256"},
                    "signed_attrs": attrs,
                    "signature_algorithm": {"algorithm": "rsassa_pkcs1v15"},
                    "signature": signature,
                }
            ],
        }
    )
    return cms.ContentInfo({"content_type": "signed_data", "content": signed}).dump()


def test_import_reports_whose_list_and_what_it_could_not_use(world, tmp_path):
    _, odd_csca, main_csca, dsa_csca, signer, signer_key = world
    data = _master_list([odd_csca, _asn1(main_csca), _asn1(dsa_csca)], signer, signer_key)
    report = read_master_list(data)
    assert "Master List Signer Utopia" in report.signer
    assert report.signature_valid is True
    assert len(report.certificates) == 2
    assert len(report.unusable) == 1  # the DSA CSCA: no key this reader can use
    assert report.strict_refused == 1  # kept, though cryptography deprecates serial -12345
    result = import_trust_file(data, tmp_path)
    assert result.added == 2 and result.signature_valid is True and result.unusable


def test_a_tampered_list_is_reported_unsigned(world):
    _, odd_csca, main_csca, _, signer, signer_key = world
    data = _master_list([odd_csca, _asn1(main_csca)], signer, signer_key, tamper=True)
    assert read_master_list(data).signature_valid is False


def test_a_list_signed_by_a_stranger_is_not_vouched_for(world):
    _, odd_csca, _, _, _, _ = world
    stranger_key = rsa.generate_private_key(65537, 2048)
    stranger = _cert("Somebody", stranger_key, "Somebody", stranger_key)
    report = read_master_list(_master_list([odd_csca], stranger, stranger_key))
    assert report.signer and report.signature_valid is False


def test_card_of_the_negative_serial_csca_verifies(world, tmp_path):
    odd_key, odd_csca, main_csca, _, signer, signer_key = world
    import_trust_file(_master_list([odd_csca, _asn1(main_csca)], signer, signer_key), tmp_path)
    dsc_key = rsa.generate_private_key(65537, 2048)
    dsc = _cert("DSC Odd", dsc_key, "CSCA Odd", odd_key)
    raw = sod(GROUPS, dsc, dsc_key)
    result = verify_passive(parse_sod(raw), GROUPS, TrustStore.from_folder(tmp_path))
    assert result.verdict is Verdict.PASSED, result.detail


@pytest.mark.parametrize("forged", ["tampered", "stranger"])
def test_a_list_whose_signature_fails_is_refused_and_installs_nothing(world, tmp_path, forged):
    _, odd_csca, main_csca, _, signer, signer_key = world
    if forged == "stranger":
        signer_key = rsa.generate_private_key(65537, 2048)
        signer = _cert("Somebody", signer_key, "Somebody", signer_key)
    data = _master_list(
        [odd_csca, _asn1(main_csca)], signer, signer_key, tamper=forged == "tampered"
    )
    folder = tmp_path / "trust"
    with pytest.raises(UserError) as err:
        import_trust_file(data, folder)
    assert err.value.kind is ErrorKind.MASTER_LIST_SIGNATURE_INVALID
    assert (
        "không được ký hợp lệ" in describe(err.value).title
        and "Chưa thêm" in describe(err.value).text
    )
    assert not folder.exists() or not any(folder.iterdir())
    assert TrustStore.from_folder(folder).certificates == []
