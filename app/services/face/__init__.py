"""Face match at the counter: the person in front of the officer is the chip's holder.

Qt-free. The model (dlib's ResNet face descriptor, weights from the
``face_recognition_models`` package) is an optional extra, ``pip install .[face]``:
``available()`` says whether it is installed, and nothing here imports dlib until a
match is asked for. Frames stay in memory; nothing biometric (images, descriptors)
is logged or written anywhere except the figures ``records`` stores.
"""

from __future__ import annotations

import importlib.util


def available() -> bool:
    """True when the face extra (dlib + its model files) is installed."""
    return all(importlib.util.find_spec(m) is not None for m in ("dlib", "face_recognition_models"))
