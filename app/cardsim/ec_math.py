"""Point arithmetic on short Weierstrass curves, with Python integers.

Only for what ``cryptography`` cannot do: PACE generic mapping needs the full point
H = SK·PK (ECDH in ``cryptography`` returns only x) and scalar multiplication on the
mapped generator G~ = s·G + H (ICAO 9303-11 §4.4.3.3.1). Everything else — public
keys from the standard generator, ECDH shared secrets, ECDSA — uses ``cryptography``.
Timing side channels do not matter for a test card.
"""

from __future__ import annotations

from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric import ec

Point = tuple[int, int] | None  # None is the point at infinity


@dataclass(frozen=True, slots=True)
class Curve:
    name: str
    p: int
    a: int
    b: int
    g: tuple[int, int]
    n: int
    size: int  # bytes per coordinate

    def contains(self, pt: Point) -> bool:
        if pt is None:
            return False
        x, y = pt
        return (
            0 <= x < self.p
            and 0 <= y < self.p
            and (y * y - (x * x * x + self.a * x + self.b)) % self.p == 0
        )

    def add(self, p1: Point, p2: Point) -> Point:
        if p1 is None:
            return p2
        if p2 is None:
            return p1
        x1, y1 = p1
        x2, y2 = p2
        p = self.p
        if x1 == x2:
            if (y1 + y2) % p == 0:
                return None
            slope = (3 * x1 * x1 + self.a) * pow(2 * y1, -1, p) % p
        else:
            slope = (y2 - y1) * pow(x2 - x1, -1, p) % p
        x3 = (slope * slope - x1 - x2) % p
        return x3, (slope * (x1 - x3) - y1) % p

    def mul(self, k: int, pt: Point) -> Point:
        """k·pt by double-and-add in Jacobian coordinates (one inversion at the end)."""
        if pt is None or k % self.n == 0:
            return None
        p = self.p
        acc: tuple[int, int, int] | None = None
        add = (pt[0], pt[1], 1)
        for bit in bin(k)[2:]:
            if acc is not None:
                acc = self._double(acc)
            if bit == "1":
                acc = add if acc is None else self._add_jacobian(acc, add)
        if acc is None or acc[2] == 0:
            return None
        x, y, z = acc
        z_inv = pow(z, -1, p)
        z2 = z_inv * z_inv % p
        return x * z2 % p, y * z2 * z_inv % p

    def _double(self, q: tuple[int, int, int]) -> tuple[int, int, int]:
        x, y, z = q
        p = self.p
        if y == 0 or z == 0:
            return (1, 1, 0)
        yy = y * y % p
        s = 4 * x * yy % p
        zz = z * z % p
        m = (3 * x * x + self.a * zz * zz) % p
        x3 = (m * m - 2 * s) % p
        return x3, (m * (s - x3) - 8 * yy * yy) % p, 2 * y * z % p

    def _add_jacobian(
        self, q1: tuple[int, int, int], q2: tuple[int, int, int]
    ) -> tuple[int, int, int]:
        x1, y1, z1 = q1
        x2, y2, z2 = q2
        p = self.p
        if z1 == 0:
            return q2
        if z2 == 0:
            return q1
        z1z1, z2z2 = z1 * z1 % p, z2 * z2 % p
        u1, u2 = x1 * z2z2 % p, x2 * z1z1 % p
        s1, s2 = y1 * z2 * z2z2 % p, y2 * z1 * z1z1 % p
        if u1 == u2:
            return self._double(q1) if s1 == s2 else (1, 1, 0)
        h, r = (u2 - u1) % p, (s2 - s1) % p
        hh = h * h % p
        hhh = h * hh % p
        v = u1 * hh % p
        x3 = (r * r - hhh - 2 * v) % p
        return x3, (r * (v - x3) - s1 * hhh) % p, h * z1 * z2 % p

    def encode(self, pt: Point) -> bytes:
        if pt is None:
            raise ValueError("cannot encode the point at infinity")
        return b"\x04" + pt[0].to_bytes(self.size, "big") + pt[1].to_bytes(self.size, "big")

    def decode(self, data: bytes) -> tuple[int, int]:
        """Uncompressed point (SEC 1 §2.3.4), checked to lie on the curve."""
        if len(data) != 1 + 2 * self.size or data[0] != 0x04:
            raise ValueError("not an uncompressed point of this curve")
        pt = (
            int.from_bytes(data[1 : 1 + self.size], "big"),
            int.from_bytes(data[1 + self.size :], "big"),
        )
        if not self.contains(pt):
            raise ValueError("point is not on the curve")
        return pt


# RFC 5639 §3.4; PACE standardized domain parameter 13 (ICAO 9303-11 Table 6).
BRAINPOOL_P256R1 = Curve(
    name="brainpoolP256r1",
    p=0xA9FB57DBA1EEA9BC3E660A909D838D726E3BF623D52620282013481D1F6E5377,
    a=0x7D5A0975FC2C3057EEF67530417AFFE7FB8055C126DC5C6CE94A4B44F330B5D9,
    b=0x26DC5C6CE94A4B44F330B5D9BBD77CBF958416295CF7E1CE6BCCDC18FF8C07B6,
    g=(
        0x8BD2AEB9CB7E57CB2C4B482FFC81B7AFB9DE27E1E3BD23C23A4453BD9ACE3262,
        0x547EF835C3DAC4FD97F8461A14611DC9C27745132DED8E545C1D54C72F046997,
    ),
    n=0xA9FB57DBA1EEA9BC3E660A909D838D718C397AA3B561A6F7901E0E82974856A7,
    size=32,
)

PACE_DOMAIN_PARAMETERS: dict[int, tuple[Curve, ec.EllipticCurve]] = {
    13: (BRAINPOOL_P256R1, ec.BrainpoolP256R1()),
}
