"""The demo's camera: the card holder sits in front of the counter (or someone else does).

Demo and training only. The virtual cards' portraits are rendered synthetic faces
(``photo_style: {"identity": N}`` in ``resources/cards/*.json``); this camera plays the
same identity as a short clip (head turning, light and distance varying a little), so
F6 on a genuine demo card shows "khớp". With "someone else" chosen in the demo menu,
it plays ``STRANGER`` instead: "không khớp". No real person's face anywhere.
"""

from __future__ import annotations

import contextlib
import os
import threading
from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QObject, Signal
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


@cache
def demo_frames(identity: int, frames: int = 12) -> tuple[QImage, ...]:
    """Rendered once per identity (about a second of CPU: off the GUI thread)."""
    import numpy as np

    from app.cardsim import synthetic_faces

    return tuple(
        from_rgb(np.asarray(img))
        for img in synthetic_faces.at_the_counter(identity, frames, seed=identity)
    )


class RenderedCamera(VirtualCamera):
    """A virtual camera whose clip is rendered on a thread of its own when it starts;
    the view says "Đang mở máy ảnh…" meanwhile, as a real camera warming up would."""

    _ready = Signal(object)

    def __init__(self, identity: int, parent: QObject | None = None) -> None:
        super().__init__([], interval_ms=150, parent=parent)
        self.identity = identity
        self._ready.connect(self._rendered)
        self._wanted = False

    def start(self) -> None:
        self._wanted = True
        threading.Thread(target=self._render, name="demo-camera", daemon=True).start()

    def _render(self) -> None:
        frames = demo_frames(self.identity)
        with contextlib.suppress(RuntimeError):  # the dialog closed meanwhile
            self._ready.emit(frames)

    def stop(self) -> None:
        self._wanted = False
        super().stop()

    def _rendered(self, images: tuple[QImage, ...]) -> None:
        if self._wanted:
            self.play(list(images))
            super().start()


def demo_camera_for(id_number: str, parent: QWidget | None = None) -> FrameSource:
    """The holder of ``id_number`` (or the stranger) in front of the camera; a folder
    named by ``MOTCUA_VIRTUAL_CAMERA`` still wins."""
    identity = STRANGER if SCENE.stranger else holder_identity(id_number)
    if os.environ.get(VIRTUAL_CAMERA_ENV) or identity is None:
        return open_camera(parent)
    return RenderedCamera(identity, parent)
