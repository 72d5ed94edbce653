"""DG2: the facial image. LDS biometric templates (ICAO 9303-10 §4.7.2) wrap an
ISO/IEC 19794-5 face record wrapping a JPEG or JPEG 2000 image. The image is decoded
with Pillow (which proves it is an image) and handed out as JPEG for display.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from PIL import Image

from app.services.card import tlv
from app.services.card.errors import ParseError, parse_guard

_JPEG = b"\xff\xd8\xff"
_JP2 = b"\x00\x00\x00\x0cjP  \r\n\x87\n"
_J2K = b"\xff\x4f\xff\x51"
_MAX_PIXELS = 4096 * 4096  # far above any portrait; refuses decompression bombs


@dataclass(frozen=True, slots=True)
class Portrait:
    image: bytes  # JPEG, ready to display
    format: str  # "jpeg" (the format of ``image``)
    source_format: str  # "jpeg" / "jpeg2000" (as stored on the chip)
    width: int
    height: int


def _biometric_blocks(node: tlv.Tlv) -> list[bytes]:
    blocks: list[bytes] = []
    for child in node.children():
        if child.tag in (0x5F2E, 0x7F2E):
            blocks.append(child.value)
        elif child.constructed:
            blocks.extend(_biometric_blocks(child))
    return blocks


def _image_from_face_record(record: bytes) -> bytes:
    """The image data inside an ISO/IEC 19794-5 record."""
    if record[:4] != b"FAC\x00":
        raise ParseError("not an ISO/IEC 19794-5 face record")
    if record[4:8] == b"010\x00":
        # general header 14 bytes, facial header 20 bytes, feature points 8 bytes each,
        # image information 12 bytes, then the image.
        feature_points = int.from_bytes(record[18:20], "big")
        start = 14 + 20 + 8 * feature_points + 12
        data_type = record[start - 11]  # 0 JPEG, 1 JPEG 2000
        image = record[start:]
        if data_type in (0, 1) and (image.startswith((_JPEG, _JP2, _J2K))):
            return image
    # Other versions (e.g. 19794-5:2011) or odd headers: find the image signature.
    for signature in (_JPEG, _JP2, _J2K):
        position = record.find(signature, 8)
        if position >= 0:
            return record[position:]
    raise ParseError("no JPEG or JPEG 2000 image in the face record")


def decode_image(image: bytes) -> Portrait:
    source = "jpeg" if image.startswith(_JPEG) else "jpeg2000"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(image)) as picture:
                if picture.width * picture.height > _MAX_PIXELS:
                    raise ParseError("image too large for a portrait")
                picture.load()
                width, height = picture.size
                if source == "jpeg":
                    return Portrait(image, "jpeg", source, width, height)
                # Re-encoded as JPEG (not PNG): every viewer and PDF writer takes it,
                # and it costs ~1 ms where PNG costs ~50 ms for a passport photo.
                out = io.BytesIO()
                converted = picture if picture.mode in ("RGB", "L") else picture.convert("RGB")
                converted.save(out, format="JPEG", quality=92)
                return Portrait(out.getvalue(), "jpeg", source, width, height)
    except ParseError:
        raise
    except (
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
        EOFError,
    ) as exc:
        raise ParseError("portrait image does not decode") from exc


@parse_guard
def parse_dg2(data: bytes) -> Portrait:
    top = tlv.parse_single(data, 0x75)
    blocks = _biometric_blocks(top)
    if not blocks:
        raise ParseError("DG2 holds no biometric data block")
    return decode_image(_image_from_face_record(blocks[0]))
