"""ASN.1 types of the LDS that asn1crypto does not ship (ICAO 9303-10/-11, BSI TR-03110-3)."""

from __future__ import annotations

from asn1crypto import algos, core, keys

# Object identifiers (ICAO 9303-11 §9.2, BSI TR-03110-3 Appendix A.1.1)
BSI_DE = "0.4.0.127.0.7"
ID_PACE_ECDH_GM_AES_CBC_CMAC_128 = BSI_DE + ".2.2.4.2.2"
ID_CA_ECDH_3DES_CBC_CBC = BSI_DE + ".2.2.3.2.1"
ID_CA_ECDH_AES_CBC_CMAC_128 = BSI_DE + ".2.2.3.2.2"
ID_PK_ECDH = BSI_DE + ".2.2.1.2"
ID_TA = BSI_DE + ".2.2.2"
ID_AA = "2.23.136.1.1.5"
ECDSA_PLAIN_SHA256 = BSI_DE + ".1.1.4.1.3"
ID_LDS_SECURITY_OBJECT = "2.23.136.1.1.1"
UTF8_ENCODING_OID = "1.0.10646.1.0.8"  # seen in the Vietnamese DG13

PACE_CIPHERS = {
    BSI_DE + ".2.2.4.2.1": "3DES",
    ID_PACE_ECDH_GM_AES_CBC_CMAC_128: "AES-128",
    BSI_DE + ".2.2.4.2.3": "AES-192",
    BSI_DE + ".2.2.4.2.4": "AES-256",
}
CA_CIPHERS = {
    ID_CA_ECDH_3DES_CBC_CBC: "3DES",
    ID_CA_ECDH_AES_CBC_CMAC_128: "AES-128",
    BSI_DE + ".2.2.3.2.3": "AES-192",
    BSI_DE + ".2.2.3.2.4": "AES-256",
}


class PACEInfo(core.Sequence):
    _fields = [
        ("protocol", core.ObjectIdentifier),
        ("version", core.Integer),
        ("parameter_id", core.Integer, {"optional": True}),
    ]


class ChipAuthenticationInfo(core.Sequence):
    _fields = [
        ("protocol", core.ObjectIdentifier),
        ("version", core.Integer),
        ("key_id", core.Integer, {"optional": True}),
    ]


class ChipAuthenticationPublicKeyInfo(core.Sequence):
    _fields = [
        ("protocol", core.ObjectIdentifier),
        ("chip_authentication_public_key", keys.PublicKeyInfo),
        ("key_id", core.Integer, {"optional": True}),
    ]


class TerminalAuthenticationInfo(core.Sequence):
    _fields = [
        ("protocol", core.ObjectIdentifier),
        ("version", core.Integer),
    ]


class ActiveAuthenticationInfo(core.Sequence):
    _fields = [
        ("protocol", core.ObjectIdentifier),
        ("version", core.Integer),
        ("signature_algorithm", core.ObjectIdentifier),
    ]


class SecurityInfo(core.Sequence):
    """Generic view used by the tests to read back any SecurityInfo."""

    _fields = [
        ("protocol", core.ObjectIdentifier),
        ("required_data", core.Any),
        ("optional_data", core.Any, {"optional": True}),
    ]


class SecurityInfos(core.SetOf):
    _child_spec = SecurityInfo


class DataGroupHash(core.Sequence):
    _fields = [
        ("data_group_number", core.Integer),
        ("data_group_hash_value", core.OctetString),
    ]


class DataGroupHashValues(core.SequenceOf):
    _child_spec = DataGroupHash


class LDSVersionInfo(core.Sequence):
    _fields = [
        ("lds_version", core.PrintableString),
        ("unicode_version", core.PrintableString),
    ]


class LDSSecurityObject(core.Sequence):
    _fields = [
        ("version", core.Integer),
        ("hash_algorithm", algos.DigestAlgorithm),
        ("data_group_hash_values", DataGroupHashValues),
        ("lds_version_info", LDSVersionInfo, {"optional": True}),
    ]
