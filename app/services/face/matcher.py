"""Compare a burst of camera frames with the chip portrait (DG2) and decide.

``match_burst`` (or a ``Burst`` fed frame by frame as the camera delivers them)
assesses every frame, takes the best one that passes the quality checks, computes its descriptor and the portrait's, and compares their distance with
the policy's threshold. The liveness hint looks at the whole burst: a citizen asked
to turn the head shows a change of yaw between frames; a photo held up to the camera
moves or tilts as a flat picture and keeps the same yaw. It is a hint for the
officer, not a proof (a video replay defeats it).

Images are numpy RGB arrays (height × width × 3, uint8), kept in memory only.
"""

from __future__ import annotations

import datetime as dt
import io
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from PIL import Image, UnidentifiedImageError

from app.errors import ErrorKind, UserError
from app.services.face import quality as q
from app.services.face.model import FaceModel, shared_model
from app.services.face.policy import Policy, load_policy

MATCH = "match"
NO_MATCH = "no_match"
RETRY = "retry"  # no frame good enough (or no face in the portrait)

_MAX_PIXELS = 4096 * 4096


def decode_image(data: bytes) -> np.ndarray:
    """JPEG, JPEG 2000 (Pillow with OpenJPEG) or PNG bytes → RGB array."""
    try:
        with Image.open(io.BytesIO(data)) as img:
            if img.width * img.height > _MAX_PIXELS:
                raise UserError(ErrorKind.FACE_IMAGE_INVALID, "image too large")
            return np.asarray(img.convert("RGB"))
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise UserError(ErrorKind.FACE_IMAGE_INVALID, type(exc).__name__) from exc


@dataclass(frozen=True, slots=True)
class Result:
    decision: str  # match / no_match / retry
    distance: float | None
    threshold: float
    quality: q.Quality  # of the frame used (or the best failing one)
    portrait_quality: q.Quality
    frames: int
    best_frame: int | None
    liveness_moved: bool | None  # None: burst too short to tell
    yaw_change: float
    model: str
    model_version: str
    at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    elapsed_ms: float = 0.0

    @property
    def score(self) -> float | None:
        """Similarity shown to the officer: 1 − distance, clipped to 0…1."""
        if self.distance is None:
            return None
        return round(max(0.0, min(1.0, 1.0 - self.distance)), 3)

    def figures(self) -> dict[str, Any]:
        return {
            "frame": self.quality.figures(),
            "portrait": self.portrait_quality.figures(),
            "frames": self.frames,
            "best_frame": self.best_frame,
            "liveness_moved": self.liveness_moved,
            "yaw_change": round(self.yaw_change, 3),
        }


class Matcher:
    def __init__(self, policy: Policy | None = None, model: FaceModel | None = None) -> None:
        self.policy = policy or load_policy()
        self.model = model or shared_model()

    def assess(self, rgb: np.ndarray) -> tuple[q.Quality, list[Any]]:
        """One camera frame; no upsampling (a face at the counter fills the frame)."""
        faces = self.model.detect(rgb, upsample=0)
        return q.assess(rgb, faces, self.policy), faces

    def portrait(self, rgb: np.ndarray) -> tuple[q.Quality, np.ndarray | None]:
        """The portrait's descriptor. Chip portraits are small: upsample to find the face.
        Only one-face and size are required of it (it is the reference, not a capture)."""
        faces = self.model.detect(rgb, upsample=1)
        quality = q.assess(rgb, faces, self.policy)
        if len(faces) != 1:
            return quality, None
        return quality, self.model.descriptor(rgb, faces[0])

    def match_burst(self, portrait_rgb: np.ndarray, frames: Sequence[np.ndarray]) -> Result:
        burst = self.burst(portrait_rgb)
        for f in frames:
            burst.add(f)
        return burst.result()

    def burst(self, portrait_rgb: np.ndarray) -> Burst:
        """A burst in progress: the portrait's descriptor is computed now and each frame
        is assessed as it arrives, so only the last frame and the best frame's
        descriptor remain to do once the camera's last frame is in."""
        return Burst(self, portrait_rgb)

    def compare_images(self, a: np.ndarray, b: np.ndarray) -> Result:
        """Image ``b`` against reference ``a`` (the CLI's two-file comparison)."""
        return self.match_burst(a, [b])


class Burst:
    """Frames of one capture, assessed one by one (on the face worker), then decided."""

    def __init__(self, matcher: Matcher, portrait_rgb: np.ndarray) -> None:
        self.matcher = matcher
        self.portrait_quality, self.reference = matcher.portrait(portrait_rgb)
        self.frames: list[np.ndarray] = []
        self.assessed: list[tuple[q.Quality, list[Any]]] = []
        self.started: float | None = None

    def add(self, frame: np.ndarray) -> None:
        self.started = time.perf_counter()  # the last frame's arrival starts the clock
        self.frames.append(frame)
        self.assessed.append(self.matcher.assess(frame))

    def result(self) -> Result:
        m, p = self.matcher, self.matcher.policy
        yaws = [a[0].yaw_ratio for a in self.assessed if a[0].faces == 1]
        yaw_change = (max(yaws) - min(yaws)) if len(yaws) >= 2 else 0.0
        moved = None if len(yaws) < 2 else yaw_change >= p.liveness_min_yaw_change
        best = max(range(len(self.assessed)), key=lambda i: self.assessed[i][0].score, default=None)
        common: dict[str, Any] = {
            "threshold": p.threshold,
            "portrait_quality": self.portrait_quality,
            "frames": len(self.frames),
            "liveness_moved": moved,
            "yaw_change": yaw_change,
            "model": p.model,
            "model_version": p.model_version,
        }
        started = self.started or time.perf_counter()
        if best is None or not self.assessed[best][0].ok or self.reference is None:
            quality = self.assessed[best][0] if best is not None else q.Quality(faces=0)
            return Result(
                RETRY, None, quality=quality, best_frame=None, **common,
                elapsed_ms=(time.perf_counter() - started) * 1000,
            )  # fmt: skip
        quality, faces = self.assessed[best]
        live = m.model.descriptor(self.frames[best], faces[0])
        distance = float(np.linalg.norm(live - self.reference))
        return Result(
            MATCH if distance <= p.threshold else NO_MATCH, round(distance, 4),
            quality=quality, best_frame=best, **common,
            elapsed_ms=(time.perf_counter() - started) * 1000,
        )  # fmt: skip
