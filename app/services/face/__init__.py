"""Face match at the counter: the person in front of the officer is the chip's holder.

Qt-free. The model (dlib's ResNet face descriptor, weights from the
``face_recognition_models`` package) is an optional extra, ``pip install .[face]``:
``available()`` says whether it is installed, and nothing here imports dlib until a
match is asked for. Frames stay in memory; nothing biometric (images, descriptors)
is logged or written anywhere except the figures ``records`` stores.
"""

from __future__ import annotations

import importlib.util
import sys

EXTRA = ("numpy", "dlib", "face_recognition_models")


def available() -> bool:
    """True when the face extra (numpy, dlib and its model files) is installed."""
    for name in EXTRA:
        if name in sys.modules:
            if sys.modules[name] is None:  # import blocked
                return False
        elif importlib.util.find_spec(name) is None:
            return False
    return True
