"""Quality of one frame: exactly one face, big enough, sharp, frontal, evenly lit.

Figures are computed on the face box of a grey copy of the frame; the thresholds are
the policy's. ``problem`` names the first failed check (None when the frame passes);
``score`` ranks passing frames of a burst (sharper, bigger, more frontal is better).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from app.services.face.model import Detection
from app.services.face.policy import Policy

# Problem codes (the UI maps each to its Vietnamese hint).
NO_FACE = "no_face"
SEVERAL_FACES = "several_faces"
TOO_SMALL = "too_small"
BLURRY = "blurry"
NOT_FRONTAL = "not_frontal"
TOO_DARK = "too_dark"
TOO_BRIGHT = "too_bright"
UNEVEN_LIGHT = "uneven_light"


@dataclass(frozen=True, slots=True)
class Quality:
    faces: int
    face_px: int = 0
    sharpness: float = 0.0
    yaw_ratio: float = 0.0  # signed: which way the head is turned
    brightness: float = 0.0
    light_imbalance: float = 0.0
    problem: str | None = NO_FACE

    @property
    def ok(self) -> bool:
        return self.problem is None

    @property
    def score(self) -> float:
        if not self.ok:
            return -1.0
        return self.sharpness * min(self.face_px, 300) * (1.0 - abs(self.yaw_ratio))

    def figures(self) -> dict[str, Any]:
        """Rounded figures for storage (no image, no descriptor)."""
        out = asdict(self)
        return {k: round(v, 3) if isinstance(v, float) else v for k, v in out.items()}


def grey(rgb: np.ndarray) -> np.ndarray:
    return rgb[..., :3].astype(np.float32) @ np.array([0.299, 0.587, 0.114], np.float32)


def yaw_ratio(face: Detection) -> float:
    """Nose tip offset from the eyes' midpoint, in eye distances (0 = frontal)."""
    pts = face.landmarks
    right_eye = pts[0:2].mean(axis=0)
    left_eye = pts[2:4].mean(axis=0)
    mid = (right_eye + left_eye) / 2
    axis = left_eye - right_eye
    eye_dist = float(np.linalg.norm(axis)) or 1.0
    # along the eye line, so a tilted (rolled) head or photo does not read as a turn
    return float(np.dot(pts[4] - mid, axis) / eye_dist**2)


def _laplacian_variance(g: np.ndarray) -> float:
    if g.shape[0] < 3 or g.shape[1] < 3:
        return 0.0
    lap = g[1:-1, :-2] + g[1:-1, 2:] + g[:-2, 1:-1] + g[2:, 1:-1] - 4 * g[1:-1, 1:-1]
    return float(lap.var())


def assess(rgb: np.ndarray, faces: list[Detection], policy: Policy) -> Quality:
    if not faces:
        return Quality(faces=0, problem=NO_FACE)
    if len(faces) > 1:
        return Quality(faces=len(faces), problem=SEVERAL_FACES)
    face = faces[0]
    h, w = rgb.shape[:2]
    left, top, right, bottom = face.box
    left, top, right, bottom = max(left, 0), max(top, 0), min(right, w), min(bottom, h)
    g = grey(rgb)[top:bottom, left:right]
    face_px = right - left
    sharpness = _laplacian_variance(g)
    yaw = yaw_ratio(face)
    brightness = float(g.mean()) if g.size else 0.0
    half = g.shape[1] // 2
    sides = (float(g[:, :half].mean()), float(g[:, half:].mean())) if half else (0.0, 0.0)
    imbalance = abs(sides[0] - sides[1]) / max(brightness, 1.0)
    problem = None
    if face_px < policy.min_face_px:
        problem = TOO_SMALL
    elif sharpness < policy.min_sharpness:
        problem = BLURRY
    elif abs(yaw) > policy.max_yaw_ratio:
        problem = NOT_FRONTAL
    elif brightness < policy.min_brightness:
        problem = TOO_DARK
    elif brightness > policy.max_brightness:
        problem = TOO_BRIGHT
    elif imbalance > policy.max_light_imbalance:
        problem = UNEVEN_LIGHT
    return Quality(1, face_px, sharpness, yaw, brightness, imbalance, problem)
