"""The QR code printed beside "Mã hồ sơ": what it holds and how it is drawn.

The payload is plain ASCII so any 2D scanner at a counter (keyboard wedge, no
Vietnamese input method trouble) returns it unchanged:

    MOTCUA|<dossier code>|<look-up code>

``MOTCUA`` marks our receipts (a scanner at the counter also reads CCCD QR codes,
which are ``|``-separated too but start with the 12-digit ID number).

When the office has a public look-up base URL (``Settings.public_lookup_base_url``),
the QR holds the address of the citizen's look-up page instead, so a phone camera
opens it directly:

    <base URL>/tra-cuu?ma=<dossier code>&khoa=<look-up code>

The counter's scanner reads both forms (``parse_receipt_qr``).
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import parse_qs, quote, urlsplit

import qrcode
import qrcode.constants
from reportlab.platypus import Flowable

QR_PREFIX = "MOTCUA"
QR_PAYLOAD_FORMAT = QR_PREFIX + "|{dossier_code}|{lookup_code}"
LOOKUP_PATH = "/tra-cuu"  # the citizen look-up page on central (query: ma, khoa)


def lookup_url(base_url: str, dossier_code: str, lookup_code: str) -> str:
    """The citizen look-up page for one dossier."""
    base = base_url.strip().rstrip("/")
    return (
        f"{base}{LOOKUP_PATH}?ma={quote(dossier_code, safe='')}&khoa={quote(lookup_code, safe='')}"
    )


def receipt_qr_payload(dossier_code: str, lookup_code: str, base_url: str = "") -> str:
    """The QR text for a receipt: the look-up page's address when the office has a
    public base URL, else the plain ``MOTCUA|…`` text. Codes are ASCII without ``|``
    by construction; anything else is a bug in the caller, not a citizen's mistake."""
    for code in (dossier_code, lookup_code):
        if "|" in code or not code.isascii() or not code.isprintable():
            raise ValueError("dossier and look-up codes must be printable ASCII without '|'")
    if base_url:
        return lookup_url(base_url, dossier_code, lookup_code)
    return QR_PAYLOAD_FORMAT.format(dossier_code=dossier_code, lookup_code=lookup_code)


def parse_receipt_qr(payload: str) -> tuple[str, str] | None:
    """(dossier code, look-up code) from a scanned receipt QR, or None if not ours."""
    text = payload.strip()
    if text.startswith(("http://", "https://")):
        url = urlsplit(text)
        if not url.path.endswith(LOOKUP_PATH):
            return None
        query = parse_qs(url.query)
        code, key = query.get("ma", [""])[0], query.get("khoa", [""])[0]
        return (code, key) if code else None
    parts = text.split("|")
    if len(parts) != 3 or parts[0] != QR_PREFIX or not parts[1]:
        return None
    return parts[1], parts[2]


@lru_cache(maxsize=64)
def qr_matrix(payload: str) -> tuple[tuple[bool, ...], ...]:
    """The QR modules (True = dark), without quiet zone; cached because both copies
    of a receipt and its reprints carry the same payload.

    Error correction M survives a crease or a smudge on thermal paper while keeping
    modules large enough for 203-dpi printers at 25 mm.
    """
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    code.add_data(payload)
    code.make(fit=True)
    return tuple(tuple(row) for row in code.get_matrix())


class QrFlowable(Flowable):
    """A vector QR code ``size`` points square, the 4-module quiet zone included.

    Drawn as one filled path: reportlab's QR widget builds a shape object per module,
    which made it most of a receipt's rendering time.
    """

    QUIET_ZONE = 4  # modules, as ISO/IEC 18004 asks

    def __init__(self, payload: str, size: float) -> None:
        super().__init__()
        self.payload = payload
        self.size = size
        self.width = self.height = size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        count = len(qr_matrix(self.payload)) + 2 * self.QUIET_ZONE
        module = self.size / count
        self.canv.saveState()
        self.canv.scale(module, module)  # one unit = one module: integer coordinates
        self.canv.setFillColorRGB(0, 0, 0)
        self.canv.addLiteral(_qr_path_operators(self.payload, self.QUIET_ZONE))
        self.canv.restoreState()


@lru_cache(maxsize=64)
def _qr_path_operators(payload: str, quiet_zone: int) -> str:
    """PDF operators filling one rectangle per run of dark modules, in module units
    with the origin at the bottom-left of the quiet zone. Built once per payload:
    formatting thousands of coordinates was most of a receipt's rendering time."""
    matrix = qr_matrix(payload)
    size = len(matrix) + 2 * quiet_zone
    operators: list[str] = []
    for row_index, row in enumerate(matrix):
        y = size - quiet_zone - row_index - 1
        column = 0
        while column < len(row):
            if not row[column]:
                column += 1
                continue
            start = column
            while column < len(row) and row[column]:
                column += 1
            operators.append(f"{start + quiet_zone} {y} {column - start} 1 re")
    operators.append("f")
    return "\n".join(operators)


def qr_drawing(payload: str, size: float) -> QrFlowable:
    """The receipt's QR code as a flowable ``size`` points square."""
    return QrFlowable(payload, size)
