"""Synthetic cartoon portraits for the test cards (no real person's photo anywhere).

A face is drawn from a few shapes, then given a little seeded grain so the JPEG lands
near the size of a real chip portrait (~15–20 KB) and DG2 reads take realistic time.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFilter

WIDTH, HEIGHT = 360, 480


@dataclass(frozen=True, slots=True)
class FaceStyle:
    seed: int
    skin: tuple[int, int, int] = (236, 196, 160)
    hair: tuple[int, int, int] = (30, 24, 20)
    shirt: tuple[int, int, int] = (40, 70, 140)
    long_hair: bool = False
    background: tuple[int, int, int] = (225, 232, 240)


def draw_face(style: FaceStyle) -> Image.Image:
    rng = random.Random(style.seed)
    img = Image.new("RGB", (WIDTH, HEIGHT), style.background)
    d = ImageDraw.Draw(img)
    cx = WIDTH // 2 + rng.randint(-8, 8)
    # shoulders and neck
    d.ellipse((cx - 170, 380, cx + 170, 640), fill=style.shirt)
    d.rectangle((cx - 32, 300, cx + 32, 400), fill=style.skin)
    # hair behind the head
    if style.long_hair:
        d.rounded_rectangle((cx - 120, 90, cx + 120, 330), radius=70, fill=style.hair)
    # head, ears
    d.ellipse((cx - 100, 95, cx + 100, 345), fill=style.skin)
    d.ellipse((cx - 118, 200, cx - 88, 250), fill=style.skin)
    d.ellipse((cx + 88, 200, cx + 118, 250), fill=style.skin)
    # hair on top
    d.chord((cx - 106, 80, cx + 106, 250), 180, 360, fill=style.hair)
    # eyes, brows, nose, mouth
    eye_y = 205 + rng.randint(-5, 5)
    for dx in (-40, 40):
        d.ellipse((cx + dx - 16, eye_y - 9, cx + dx + 16, eye_y + 9), fill=(250, 250, 250))
        d.ellipse((cx + dx - 7, eye_y - 7, cx + dx + 7, eye_y + 7), fill=(50, 35, 25))
        d.line((cx + dx - 20, eye_y - 22, cx + dx + 20, eye_y - 24), fill=style.hair, width=5)
    d.line((cx, eye_y + 10, cx - 8, eye_y + 52, cx + 6, eye_y + 55), fill=(190, 140, 110), width=3)
    smile = rng.randint(8, 20)
    d.arc((cx - 38, eye_y + 50, cx + 38, eye_y + 80 + smile), 20, 160, fill=(160, 60, 60), width=4)
    img = img.filter(ImageFilter.GaussianBlur(1.2))
    # seeded grain: real photos are not flat colour, and the size should be realistic
    grain = Image.frombytes("L", (WIDTH, HEIGHT), rng.randbytes(WIDTH * HEIGHT)).convert("RGB")
    return Image.blend(img, grain, 0.05)


def to_jpeg(img: Image.Image, target_bytes: int = 18_000) -> bytes:
    """Highest quality whose JPEG stays under ``target_bytes``."""
    best = b""
    for quality in range(95, 10, -5):
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=quality, optimize=True)
        best = buf.getvalue()
        if len(best) <= target_bytes:
            break
    return best


def to_jpeg2000(img: Image.Image, target_bytes: int = 18_000) -> bytes:
    raw = WIDTH * HEIGHT * 3
    buf = io.BytesIO()
    img.save(
        buf,
        "JPEG2000",
        quality_mode="rates",
        quality_layers=[raw / target_bytes],
        irreversible=True,
    )
    return buf.getvalue()
