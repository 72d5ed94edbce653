"""Register the shipped fonts with reportlab, once per process.

The PDF core fonts have no Vietnamese glyphs, and system fonts differ between
offices, so the forms use the TTFs in ``resources/fonts`` (embedded as subsets).
Noto Serif gives the Times-like look of administrative papers; Noto Sans suits the
narrow thermal receipt.
"""

from __future__ import annotations

import threading

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from app.shared import paths

FONTS_DIR = paths.RESOURCES / "fonts"

SERIF = "NotoSerif"
SANS = "NotoSans"
FALLBACK = "DejaVuSans"

_FAMILIES: dict[str, dict[tuple[bool, bool], str]] = {
    # family -> (bold, italic) -> file stem
    SERIF: {
        (False, False): "NotoSerif-Regular",
        (True, False): "NotoSerif-Bold",
        (False, True): "NotoSerif-Italic",
        (True, True): "NotoSerif-BoldItalic",
    },
    SANS: {
        (False, False): "NotoSans-Regular",
        (True, False): "NotoSans-Bold",
        (False, True): "NotoSans-Italic",
        (True, True): "NotoSans-BoldItalic",
    },
    FALLBACK: {
        (False, False): "DejaVuSans",
        (True, False): "DejaVuSans-Bold",
        (False, True): "DejaVuSans",
        (True, True): "DejaVuSans-Bold",
    },
}

_lock = threading.Lock()
_registered = False


def face(family: str, *, bold: bool = False, italic: bool = False) -> str:
    """The reportlab font name of one face, e.g. ``NotoSerif-Bold``."""
    return _FAMILIES[family][(bold, italic)]


def register_fonts() -> None:
    """Make the families usable by name (and ``<b>``/``<i>`` in paragraphs)."""
    global _registered
    with _lock:
        if _registered:
            return
        for family, faces in _FAMILIES.items():
            # Upright faces last: DejaVu reuses them for italics, and the last mapping
            # of a font name decides how <b>/<i> resolve from it.
            for (bold, italic), stem in sorted(faces.items(), key=lambda kv: not kv[0][1]):
                if stem not in pdfmetrics.getRegisteredFontNames():
                    pdfmetrics.registerFont(TTFont(stem, str(FONTS_DIR / f"{stem}.ttf")))
                addMapping(family, int(bold), int(italic), stem)
        _registered = True
