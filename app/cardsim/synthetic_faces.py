"""Rendered, fictitious faces the face model detects (no real person's photo anywhere).

Unlike ``faces.py`` (flat cartoons, fine for display), these are shaded: a lit head,
eye sockets, irises, brows, a nose with nostrils and shadow, lips — enough structure
for dlib's HOG detector and ResNet descriptor. An identity is a seed: it fixes the
face geometry and skin tone; a ``Pose`` changes what a camera would (light, yaw,
distance, position). Written for this project; same licence as the project.

The ResNet sees all of these faces as rather alike (different identities sit at
distance ≈0.19–0.40, the same identity under changes at ≈0.07–0.16, while real faces
of different people are ≳0.6 apart), so they test the pipeline and its ranking, not
the production threshold: see docs/face-match.md.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageFilter

WIDTH, HEIGHT = 360, 480


@dataclass(frozen=True, slots=True)
class Pose:
    light_side: float = 0.0  # −1…1: light from the left/right
    light_level: float = 1.0  # overall exposure
    yaw: float = 0.0  # −1…1: head turned left/right
    scale: float = 1.0  # distance to the camera
    shift: tuple[int, int] = (0, 0)  # position in the frame
    blur: float = 1.0  # Gaussian radius (focus)
    noise_seed: int = 0


def _blob(x: np.ndarray, y: np.ndarray, cx: float, cy: float, sx: float, sy: float) -> np.ndarray:
    return np.exp(-0.5 * (((x - cx) / sx) ** 2 + ((y - cy) / sy) ** 2))


def render(identity: int, pose: Pose | None = None) -> Image.Image:
    """The face of ``identity`` as a camera would see it in ``pose`` (RGB, 360×480)."""
    pose = pose or Pose()
    r = np.random.default_rng(identity)
    fw, fh = r.uniform(78, 100), r.uniform(108, 128)
    eye_dx, eye_y, eye_s = r.uniform(34, 46), r.uniform(-12, 6), r.uniform(8, 12)
    nose_l, mouth_w, mouth_y = r.uniform(34, 50), r.uniform(24, 40), r.uniform(62, 78)
    brow, skin, jaw, lip = (
        r.uniform(14, 22),
        r.uniform(0.55, 0.85),
        r.uniform(0.8, 1.15),
        r.uniform(3, 7),
    )
    tone = np.array([1.0, r.uniform(0.74, 0.86), r.uniform(0.58, 0.74)])

    yy, xx = np.mgrid[0:HEIGHT, 0:WIDTH].astype(float)
    x = (xx - WIDTH / 2 - pose.shift[0]) / pose.scale
    y = (yy - HEIGHT * 0.45 - pose.shift[1]) / pose.scale
    turn = pose.yaw * fw * 0.35
    ry = np.where(y > 0, y / (fh * jaw), y / fh)
    head = (x / fw) ** 2 + ry**2
    inside = head < 1
    shade = np.clip(1 - 0.45 * head**2, 0, 1) * (1 + 0.25 * pose.light_side * x / fw)
    img = np.where(inside, skin * shade * pose.light_level, 0.85)
    hair = (head < 1.08) & (y < -fh * 0.55 + 8 * np.sin(x / 20))
    img = np.where(hair, 0.12, img)

    def paint(mask: np.ndarray, amount: float) -> None:
        nonlocal img
        img = img + amount * mask * inside

    for side in (-1, 1):
        ex = side * eye_dx + turn
        paint(_blob(x, y, ex, eye_y, eye_s * 1.8, eye_s * 1.3), -0.25)  # socket
        paint(_blob(x, y, ex, eye_y, eye_s * 1.1, eye_s * 0.5), 0.35)  # white of the eye
        paint(_blob(x, y, ex + pose.yaw * 3, eye_y, eye_s * 0.45, eye_s * 0.45), -0.75)  # iris
        paint(_blob(x, y, ex, eye_y - brow, eye_s * 1.7, 2.5), -0.45)  # brow
        paint(_blob(x, y, ex, eye_y + eye_s * 2.2, eye_s * 1.6, eye_s * 0.8), 0.08)  # cheek
    nose_x = turn * 1.8  # the nose tip stands out: it moves more than the eyes
    paint(_blob(x, y, nose_x + 6, eye_y + nose_l * 0.5, 3, nose_l * 0.45), -0.12)
    paint(_blob(x, y, nose_x - 3, eye_y + nose_l * 0.5, 3, nose_l * 0.45), 0.08)
    for side in (-1, 1):
        paint(_blob(x, y, nose_x + side * 8, eye_y + nose_l, 4, 2.5), -0.45)  # nostrils
    paint(_blob(x, y, nose_x, eye_y + nose_l + 6, 14, 4), -0.1)
    my = eye_y + mouth_y
    paint(_blob(x, y, turn, my, mouth_w, lip), -0.35)
    paint(_blob(x, y, turn, my, mouth_w * 0.9, 1.2), -0.35)
    paint(_blob(x, y, turn, my + lip * 2.5, mouth_w * 0.6, 4), -0.08)

    rgb = np.clip(img, 0, 1)[..., None] * tone
    rgb[~(inside | hair)] = (0.85, 0.88, 0.92)
    rgb += np.random.default_rng(pose.noise_seed).normal(0, 0.015, rgb.shape)
    out = Image.fromarray((np.clip(rgb, 0, 1) * 255).astype(np.uint8))
    return out.filter(ImageFilter.GaussianBlur(pose.blur)) if pose.blur else out


def portrait_jpeg(identity: int) -> bytes:
    buf = io.BytesIO()
    render(identity).save(buf, "JPEG", quality=85)
    return buf.getvalue()


def portrait_jpeg2000(identity: int, target_bytes: int = 18_000) -> bytes:
    buf = io.BytesIO()
    rate = WIDTH * HEIGHT * 3 / target_bytes
    render(identity).save(
        buf, "JPEG2000", quality_mode="rates", quality_layers=[rate], irreversible=True
    )
    return buf.getvalue()


def at_the_counter(identity: int, frames: int = 12, seed: int = 0) -> list[Image.Image]:
    """A citizen in front of the counter's camera: the head turns slowly left and right
    while light, distance and position vary a little, as from one moment to the next."""
    r = np.random.default_rng(seed)
    return [
        render(
            identity,
            Pose(
                light_side=float(r.uniform(-0.15, 0.15)),
                light_level=float(r.uniform(0.95, 1.05)),
                yaw=0.25 * float(np.sin(2 * np.pi * i / frames)),
                scale=float(r.uniform(0.97, 1.03)),
                shift=(int(r.integers(-6, 7)), int(r.integers(-6, 7))),
                noise_seed=seed * 1000 + i,
            ),
        )
        for i in range(frames)
    ]


def head_turn_burst(identity: int, frames: int = 6) -> list[Image.Image]:
    """A citizen asked to turn the head a little: yaw sweeps, everything else steady."""
    return [
        render(identity, Pose(yaw=0.25 * np.sin(i * np.pi / max(frames - 1, 1)), noise_seed=i))
        for i in range(frames)
    ]


def photo_held_up_burst(identity: int, frames: int = 6) -> list[Image.Image]:
    """A printed photo moved in front of the camera: it slides, tilts and comes closer
    as one flat picture, so the face's yaw never changes."""
    photo = render(identity)
    out = []
    for i in range(frames):
        moved = photo.rotate(3 * np.sin(i), translate=(6 * i - 15, 3 * i), fillcolor=(40, 40, 40))
        out.append(moved)
    return out
