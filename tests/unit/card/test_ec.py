"""The hand-written curve arithmetic against ``cryptography`` (which also proves each
curve constant), and against the curves' own order where ``cryptography`` has none."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric import ec as crypto_ec

from app.services.card import ec
from app.services.card.errors import ParseError
from app.services.card.public_keys import _CRYPTOGRAPHY_CURVES


@pytest.mark.parametrize("curve", list(ec.STANDARD_CURVES.values()), ids=lambda c: c.name)
def test_generator_on_curve_with_the_stated_order(curve):
    assert curve.contains(curve.g)
    assert curve.mul(curve.n, curve.g) is None
    assert curve.mul(curve.n - 1, curve.g) == (curve.gx, (-curve.gy) % curve.p)


@pytest.mark.parametrize("name", sorted(_CRYPTOGRAPHY_CURVES))
def test_scalar_multiplication_matches_cryptography(name):
    curve = ec.curve_by_name(name)
    assert curve is not None
    for scalar in (1, 2, 3, curve.random_scalar()):
        numbers = (
            crypto_ec.derive_private_key(scalar, _CRYPTOGRAPHY_CURVES[name]())
            .public_key()
            .public_numbers()
        )
        assert curve.mul(scalar, curve.g) == (numbers.x, numbers.y)


def test_addition_is_consistent_with_multiplication():
    curve = ec.BRAINPOOL_P256R1
    a, b = curve.random_scalar(), curve.random_scalar()
    assert curve.add(curve.mul(a, curve.g), curve.mul(b, curve.g)) == curve.mul(a + b, curve.g)
    p = curve.mul(a, curve.g)
    assert curve.add(p, p) == curve.mul(2 * a, curve.g)
    assert curve.add(p, None) == p
    assert p is not None and curve.add(p, (p[0], (-p[1]) % curve.p)) is None


def test_decode_rejects_points_off_the_curve():
    curve = ec.SECP256R1
    encoded = curve.encode(curve.g)
    assert curve.decode(encoded) == curve.g
    with pytest.raises(ParseError):
        curve.decode(encoded[:-1] + bytes([encoded[-1] ^ 1]))
    with pytest.raises(ParseError):
        curve.decode(b"\x02" + encoded[1:33])
