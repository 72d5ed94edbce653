"""The demo's camera: the card holder sits in front of the counter (or someone else does).

Demo and training only. The virtual cards' portraits are rendered synthetic faces
(``photo_style: {"identity": N}`` in ``resources/cards/*.json``); this camera plays the
same identity as a short clip (head turning, light and distance varying a little), so
F6 on a genuine demo card shows "khớp". With "someone else" chosen in the demo menu,
it plays ``STRANGER`` instead: "không khớp". No real person's face anywhere.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget

from app.ui.face.camera import VIRTUAL_CAMERA_ENV, FrameSource, VirtualCamera, from_rgb, open_camera

STRANGER = 2  # a synthetic identity that no demo card carries


@dataclass
class Scene:
    """Who is in front of the demo camera (the demo menu switches it)."""

    stranger: bool = False


SCENE = Scene()


@cache
def _identities() -> dict[str, int]:
    """ID or document number → synthetic identity of the demo cards' holders."""
    from app.cardsim.profile import list_profiles, load_profile

    out: dict[str, int] = {}
    for name in list_profiles():
        profile = load_profile(name)
        identity = profile.photo_style.get("identity")
        if identity is not None:
            for number in (profile.holder.id_number, profile.document.document_number):
                if number:
                    out[number] = int(identity)
    return out


def holder_identity(id_number: str) -> int | None:
    return _identities().get(id_number)


def demo_frames(identity: int, frames: int = 12) -> list[QImage]:
    import numpy as np

    from app.cardsim import synthetic_faces

    return [
        from_rgb(np.asarray(img))
        for img in synthetic_faces.at_the_counter(identity, frames, seed=identity)
    ]


def demo_camera_for(id_number: str, parent: QWidget | None = None) -> FrameSource:
    """The holder of ``id_number`` (or the stranger) in front of the camera; a folder
    named by ``MOTCUA_VIRTUAL_CAMERA`` still wins."""
    identity = STRANGER if SCENE.stranger else holder_identity(id_number)
    if os.environ.get(VIRTUAL_CAMERA_ENV) or identity is None:
        return open_camera(parent)
    return VirtualCamera(demo_frames(identity), interval_ms=150, parent=parent)
