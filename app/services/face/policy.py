"""The match policy as data: model name and version, threshold, quality limits.

Read from ``resources/face/policy.json`` (the production operating point) or another
file of the same shape (the synthetic-face calibration used by the demo and tests).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from pathlib import Path

from app.shared.paths import RESOURCES

DEFAULT_POLICY = RESOURCES / "face" / "policy.json"
SYNTHETIC_POLICY = RESOURCES / "face" / "synthetic-policy.json"


@dataclass(frozen=True, slots=True)
class Policy:
    model: str
    model_version: str
    metric: str
    threshold: float  # a distance at or below it is a match
    min_face_px: int  # face box width in pixels
    min_sharpness: float  # variance of the Laplacian on the face
    max_yaw_ratio: float  # nose offset from the eyes' midpoint / eye distance
    min_brightness: int
    max_brightness: int
    max_light_imbalance: float  # |left - right| / mean brightness of the face halves
    liveness_min_yaw_change: float  # head turn the burst must show
    keep_camera_image: bool = False


def load_policy(path: Path | None = None) -> Policy:
    """The policy in ``path`` (default: the production one); unknown keys are refused."""
    data = json.loads((path or DEFAULT_POLICY).read_text(encoding="utf-8"))
    known = {f.name for f in fields(Policy)}
    unknown = set(data) - known
    if unknown:
        raise ValueError(f"unknown face policy keys: {sorted(unknown)}")
    return Policy(**data)
