"""The face model: dlib's HOG detector, 5-point landmarks and ResNet descriptor.

Loaded once per process (≈0.4 s) from the files the ``face_recognition_models``
package ships (CC0/public domain); no download. The 68-point predictor in the same
package is not used (its training data's licence excludes commercial use).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

import numpy as np

from app.errors import ErrorKind, UserError


@dataclass(frozen=True, slots=True)
class Detection:
    box: tuple[int, int, int, int]  # left, top, right, bottom
    landmarks: np.ndarray  # 5×2: right eye outer/inner, left eye outer/inner, nose
    shape: Any  # dlib full_object_detection, for the descriptor


class FaceModel:
    def __init__(self) -> None:
        try:
            import dlib
            import face_recognition_models as files
        except ImportError as exc:
            raise UserError(ErrorKind.FACE_MODEL_MISSING, str(exc)) from exc
        self._detector = dlib.get_frontal_face_detector()
        self._landmarks = dlib.shape_predictor(files.pose_predictor_five_point_model_location())
        self._encoder = dlib.face_recognition_model_v1(files.face_recognition_model_location())
        self._lock = threading.Lock()  # dlib objects are not documented thread-safe

    def detect(self, rgb: np.ndarray, upsample: int = 1) -> list[Detection]:
        with self._lock:
            rects = self._detector(rgb, upsample)
            out = []
            for r in rects:
                shape = self._landmarks(rgb, r)
                pts = np.array([(p.x, p.y) for p in shape.parts()], dtype=float)
                out.append(Detection((r.left(), r.top(), r.right(), r.bottom()), pts, shape))
            return out

    def descriptor(self, rgb: np.ndarray, face: Detection) -> np.ndarray:
        with self._lock:
            vector = self._encoder.compute_face_descriptor(rgb, face.shape)
            # Read by index, never by iteration: ending an iteration makes dlib's binding
            # raise IndexError, and on a Qt pool thread that path re-takes the GIL its
            # own thread holds, freezing the whole app (seen with gdb in the demo).
            return np.array([vector[i] for i in range(len(vector))], dtype=float)


_shared: FaceModel | None = None
_shared_lock = threading.Lock()


def shared_model() -> FaceModel:
    """The process's model, loaded on first use."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = FaceModel()
        return _shared
