"""Signature algorithms and keys real documents use, by re-encoding known-good SODs
each way (rsaEncryption, RSASSA-PSS, ECDSA with SHA-1 and SHA-2, BSI plain ECDSA),
DSC keys with explicit EC domain parameters (named curve recognised, unknown curve
verified with its parameters, unusable key = amber), and the certificate checks
(validity, key usage, CSCA validity when it signed, CRL)."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

import pytest
from asn1crypto import algos, cms, keys
from asn1crypto import x509 as a_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

from app.services.card import ec as card_ec
from app.services.card import tlv
from app.services.card.passive_auth import TrustStore, parse_sod, verify_passive
from app.services.identity import Checks, Verdict
from tests.unit.card.card_builders import TD1_NOTE, _name, dg1, dg13, sod

GROUPS = {1: dg1(TD1_NOTE), 13: dg13()}
NOW = dt.datetime.now(dt.UTC)
_HASH = {"sha1": hashes.SHA1, "sha224": hashes.SHA224, "sha256": hashes.SHA256,
         "sha384": hashes.SHA384, "sha512": hashes.SHA512}  # fmt: skip


def _cert(subject, key, issuer, issuer_key, *, ca=False, before=None, after=None, usage=None):
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(subject))
        .issuer_name(_name(issuer))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(before or NOW - dt.timedelta(days=30))
        .not_valid_after(after or NOW + dt.timedelta(days=3650))
    )
    if usage is not None:
        flags = dict.fromkeys(
            ("digital_signature", "content_commitment", "key_encipherment", "data_encipherment",
             "key_agreement", "key_cert_sign", "crl_sign", "encipher_only", "decipher_only"),
            False,
        )  # fmt: skip
        flags.update(dict.fromkeys(usage, True))
        builder = builder.add_extension(x509.KeyUsage(**flags), critical=True)
    return builder.sign(issuer_key, hashes.SHA256())


def _pki(kind="rsa", **dsc_options):
    csca_key = rsa.generate_private_key(65537, 2048)
    csca = _cert("CSCA", csca_key, "CSCA", csca_key, ca=True, usage=("key_cert_sign", "crl_sign"))
    dsc_key = (
        rsa.generate_private_key(65537, 2048)
        if kind == "rsa"
        else ec.generate_private_key(ec.SECP256R1())
    )
    dsc = _cert("DSC", dsc_key, "CSCA", csca_key, **dsc_options)
    return csca, csca_key, dsc, dsc_key


@pytest.fixture(scope="module")
def rsa_pki():
    return _pki("rsa", usage=("digital_signature",))


@pytest.fixture(scope="module")
def ec_pki():
    return _pki("ec", usage=("digital_signature",))


def _resign(raw_sod: bytes, key, algorithm: dict | bytes, sign) -> bytes:
    """The same SOD with its SignerInfo signed again under another algorithm."""
    info = cms.ContentInfo.load(tlv.parse_single(raw_sod, 0x77).value)
    signer = info["content"]["signer_infos"][0]
    attrs = signer["signed_attrs"]
    to_sign = b"\x31" + attrs.dump()[1:]
    signer["signature_algorithm"] = (
        algos.SignedDigestAlgorithm.load(algorithm)
        if isinstance(algorithm, bytes)
        else algos.SignedDigestAlgorithm(algorithm)
    )
    signer["signature"] = sign(key, to_sign)
    return tlv.encode(0x77, cms.ContentInfo.load(info.dump(force=True)).dump())


def _check(raw: bytes, csca) -> Verdict:
    result = verify_passive(parse_sod(raw), GROUPS, TrustStore([csca]))
    return result.verdict


RSA_WAYS = {
    "rsaEncryption (digest from digestAlgorithm)": (
        {"algorithm": "rsassa_pkcs1v15"},
        lambda k, m: k.sign(m, padding.PKCS1v15(), hashes.SHA256()),
    ),
    "sha512WithRSAEncryption": (
        {"algorithm": "sha512_rsa"},
        lambda k, m: k.sign(m, padding.PKCS1v15(), hashes.SHA512()),
    ),
    "RSASSA-PSS with default parameters (SHA-1, MGF1-SHA-1, salt 20)": (
        # SEQUENCE { id-RSASSA-PSS, SEQUENCE {} }: every field at its default
        bytes.fromhex("300d06092a864886f70d01010a3000"),
        lambda k, m: k.sign(m, padding.PSS(padding.MGF1(hashes.SHA1()), 20), hashes.SHA1()),
    ),
    "RSASSA-PSS SHA-256 salt 32": (
        {
            "algorithm": "rsassa_pss",
            "parameters": {
                "hash_algorithm": {"algorithm": "sha256"},
                "mask_gen_algorithm": {"algorithm": "mgf1", "parameters": {"algorithm": "sha256"}},
                "salt_length": 32,
            },
        },
        lambda k, m: k.sign(m, padding.PSS(padding.MGF1(hashes.SHA256()), 32), hashes.SHA256()),
    ),
}


@pytest.mark.parametrize("way", list(RSA_WAYS))
def test_rsa_signature_algorithms(rsa_pki, way):
    csca, _, dsc, key = rsa_pki
    algorithm, sign = RSA_WAYS[way]
    raw = _resign(sod(GROUPS, dsc, key), key, algorithm, sign)
    assert _check(raw, csca) is Verdict.PASSED
    # and a signature made another way does not pass for this one
    wrong = _resign(
        raw, key, algorithm, lambda k, m: RSA_WAYS[next(w for w in RSA_WAYS if w != way)][1](k, m)
    )
    assert _check(wrong, csca) is Verdict.FAILED


@pytest.mark.parametrize("digest", ["sha1", "sha224", "sha256", "sha384", "sha512"])
def test_ecdsa_with_each_digest(ec_pki, digest):
    csca, _, dsc, key = ec_pki
    raw = _resign(
        sod(GROUPS, dsc, key), key, {"algorithm": f"{digest}_ecdsa"},
        lambda k, m: k.sign(m, ec.ECDSA(_HASH[digest]())),
    )  # fmt: skip
    assert _check(raw, csca) is Verdict.PASSED


def test_bsi_plain_ecdsa_signature(ec_pki):
    from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

    csca, _, dsc, key = ec_pki

    def plain(k, m):
        r, s = decode_dss_signature(k.sign(m, ec.ECDSA(hashes.SHA256())))
        return r.to_bytes(32, "big") + s.to_bytes(32, "big")

    raw = _resign(sod(GROUPS, dsc, key), key, {"algorithm": "0.4.0.127.0.7.1.1.4.1.3"}, plain)
    assert _check(raw, csca) is Verdict.PASSED


# --- DSC keys with explicit domain parameters ------------------------------------------


def _specified(curve: card_ec.Curve) -> dict:
    return {
        "version": "ecdpVer1",
        "field_id": {"field_type": "prime_field", "parameters": curve.p},
        "curve": {
            "a": (curve.a % curve.p).to_bytes(curve.size, "big"),
            "b": curve.b.to_bytes(curve.size, "big"),
        },
        "base": curve.encode(curve.g),
        "order": curve.n,
        "cofactor": curve.h,
    }


def _dsc_with_spki(dsc: x509.Certificate, spki: keys.PublicKeyInfo, csca_key) -> x509.Certificate:
    """The DSC with another SubjectPublicKeyInfo, signed again by its CSCA (what
    cryptography cannot build: explicit EC parameters)."""
    cert = a_x509.Certificate.load(dsc.public_bytes(serialization.Encoding.DER))
    tbs = cert["tbs_certificate"]
    tbs["subject_public_key_info"] = spki
    tbs_der = a_x509.TbsCertificate.load(tbs.dump(force=True)).dump()
    signature = csca_key.sign(tbs_der, padding.PKCS1v15(), hashes.SHA256())
    rebuilt = a_x509.Certificate(
        {
            "tbs_certificate": a_x509.TbsCertificate.load(tbs_der),
            "signature_algorithm": {"algorithm": "sha256_rsa"},
            "signature_value": signature,
        }
    )
    return rebuilt  # asn1crypto: OpenSSL would refuse to load the key anyway


def _sod_with_cert(raw_sod: bytes, cert: a_x509.Certificate, sign) -> bytes:
    info = cms.ContentInfo.load(tlv.parse_single(raw_sod, 0x77).value)
    signed = info["content"]
    signed["certificates"] = [cert]
    signer = signed["signer_infos"][0]
    signer["sid"] = cms.SignerIdentifier(
        {"issuer_and_serial_number": {"issuer": cert.issuer, "serial_number": cert.serial_number}}
    )
    signer["signature"] = sign(b"\x31" + signer["signed_attrs"].dump()[1:])
    return tlv.encode(0x77, cms.ContentInfo.load(info.dump(force=True)).dump())


def _ec_spki(curve_params: dict | None, point: bytes) -> keys.PublicKeyInfo:
    parameters = keys.ECDomainParameters(
        {"specified": curve_params} if curve_params is not None else {"implicit_ca": None}
    )
    return keys.PublicKeyInfo(
        {"algorithm": {"algorithm": "ec", "parameters": parameters}, "public_key": point}
    )


def test_explicit_parameters_of_a_named_curve(ec_pki):
    csca, csca_key, dsc, key = ec_pki
    curve = card_ec.curve_by_name("secp256r1")
    assert curve is not None
    numbers = key.public_key().public_numbers()
    spki = _ec_spki(_specified(curve), curve.encode((numbers.x, numbers.y)))
    cert = _dsc_with_spki(dsc, spki, csca_key)
    raw = _sod_with_cert(
        sod(GROUPS, dsc, key), cert, lambda m: key.sign(m, ec.ECDSA(hashes.SHA256()))
    )
    assert _check(raw, csca) is Verdict.PASSED


def _isomorphic(curve: card_ec.Curve, u: int) -> card_ec.Curve:
    """The same group under (x, y) → (u²x, u³y): parameters of no named curve."""
    p = curve.p
    return card_ec.Curve(
        "unnamed", p, curve.a * pow(u, 4, p) % p, curve.b * pow(u, 6, p) % p,
        curve.gx * u * u % p, curve.gy * pow(u, 3, p) % p, curve.n,
    )  # fmt: skip


def _own_ecdsa_sign(curve: card_ec.Curve, d: int, message: bytes) -> bytes:
    z = int.from_bytes(hashlib.sha256(message).digest(), "big")
    while True:
        k = secrets.randbelow(curve.n - 1) + 1
        point = curve.mul(k, curve.g)
        assert point is not None
        r = point[0] % curve.n
        s = pow(k, -1, curve.n) * (z + r * d) % curve.n
        if r and s:
            from asn1crypto.algos import DSASignature

            return DSASignature({"r": r, "s": s}).dump()


def test_unknown_explicit_curve_is_verified_with_its_parameters(ec_pki):
    csca, csca_key, dsc, key = ec_pki
    base = card_ec.curve_by_name("secp256r1")
    assert base is not None
    curve = _isomorphic(base, 7)
    assert card_ec.curve_by_params(curve.p, curve.a, curve.b, curve.gx, curve.gy) is None
    d = secrets.randbelow(curve.n - 1) + 1
    spki = _ec_spki(_specified(curve), curve.encode(curve.mul(d, curve.g)))
    cert = _dsc_with_spki(dsc, spki, csca_key)
    good = _sod_with_cert(sod(GROUPS, dsc, key), cert, lambda m: _own_ecdsa_sign(curve, d, m))
    assert _check(good, csca) is Verdict.PASSED
    forged = _sod_with_cert(sod(GROUPS, dsc, key), cert, lambda m: _own_ecdsa_sign(curve, d + 1, m))
    assert _check(forged, csca) is Verdict.FAILED


def test_truly_unusable_key_is_amber_cannot_check(ec_pki):
    csca, csca_key, dsc, key = ec_pki
    numbers = key.public_key().public_numbers()
    point = b"\x04" + numbers.x.to_bytes(32, "big") + numbers.y.to_bytes(32, "big")
    cert = _dsc_with_spki(dsc, _ec_spki(None, point), csca_key)  # implicitlyCA
    raw = _sod_with_cert(
        sod(GROUPS, dsc, key), cert, lambda m: key.sign(m, ec.ECDSA(hashes.SHA256()))
    )
    result = verify_passive(parse_sod(raw), GROUPS, TrustStore([csca]))
    assert result.verdict is Verdict.NOT_SUPPORTED and "cannot check" in result.detail
    checks = Checks(result.verdict, result.detail, Verdict.PASSED, Verdict.PASSED)
    assert checks.genuine is None and checks.colour == "amber"


# --- certificate checks ----------------------------------------------------------------


def test_dsc_without_digital_signature_usage(rsa_pki):
    csca, csca_key, _, _ = rsa_pki
    key = rsa.generate_private_key(65537, 2048)
    dsc = _cert("DSC", key, "CSCA", csca_key, usage=("key_cert_sign",))
    result = verify_passive(parse_sod(sod(GROUPS, dsc, key)), GROUPS, TrustStore([csca]))
    assert result.detail == "Document Signer key usage wrong"


def test_dsc_not_yet_valid(rsa_pki):
    csca, csca_key, _, _ = rsa_pki
    key = rsa.generate_private_key(65537, 2048)
    dsc = _cert("DSC", key, "CSCA", csca_key, before=NOW + dt.timedelta(days=2))
    result = verify_passive(parse_sod(sod(GROUPS, dsc, key)), GROUPS, TrustStore([csca]))
    assert (result.verdict, result.detail) == (
        Verdict.FAILED,
        "Document Signer certificate not yet valid",
    )


def test_csca_not_valid_when_it_signed_the_dsc():
    csca_key = rsa.generate_private_key(65537, 2048)
    csca = _cert("CSCA", csca_key, "CSCA", csca_key, before=NOW - dt.timedelta(days=10))
    key = rsa.generate_private_key(65537, 2048)
    dsc = _cert("DSC", key, "CSCA", csca_key, before=NOW - dt.timedelta(days=20))
    result = verify_passive(parse_sod(sod(GROUPS, dsc, key)), GROUPS, TrustStore([csca]))
    assert result.detail == "CSCA not valid when it signed the Document Signer"


def test_revoked_dsc_when_a_crl_is_configured(rsa_pki, tmp_path):
    csca, csca_key, dsc, key = rsa_pki
    raw = sod(GROUPS, dsc, key)
    assert verify_passive(parse_sod(raw), GROUPS, TrustStore([csca], [])).verdict is Verdict.PASSED
    revoked = (
        x509.RevokedCertificateBuilder()
        .serial_number(dsc.serial_number)
        .revocation_date(NOW - dt.timedelta(days=1))
        .build()
    )
    crl = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(csca.subject)
        .last_update(NOW - dt.timedelta(days=1))
        .next_update(NOW + dt.timedelta(days=30))
        .add_revoked_certificate(revoked)
        .sign(csca_key, hashes.SHA256())
    )
    (tmp_path / "csca.der").write_bytes(csca.public_bytes(serialization.Encoding.DER))
    (tmp_path / "csca.crl").write_bytes(crl.public_bytes(serialization.Encoding.DER))
    result = verify_passive(parse_sod(raw), GROUPS, TrustStore.from_folder(tmp_path))
    assert (result.verdict, result.detail) == (
        Verdict.FAILED,
        "Document Signer certificate revoked",
    )
    # a CRL signed by someone else is ignored
    other_key = rsa.generate_private_key(65537, 2048)
    forged = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(csca.subject)
        .last_update(NOW - dt.timedelta(days=1))
        .next_update(NOW + dt.timedelta(days=30))
        .add_revoked_certificate(revoked)
        .sign(other_key, hashes.SHA256())
    )
    (tmp_path / "csca.crl").write_bytes(forged.public_bytes(serialization.Encoding.DER))
    result = verify_passive(parse_sod(raw), GROUPS, TrustStore.from_folder(tmp_path))
    assert result.verdict is Verdict.PASSED
