"""Where frames come from: a real camera (Qt Multimedia) or a virtual one (image files).

A ``FrameSource`` emits ``frame`` (a ``QImage``) on the GUI thread for the camera view
and the burst, and ``failed`` (a ``UserError``) when the camera cannot be used: no
camera, a busy camera or a refused permission. The intake goes on without the match
in each case. Frames are only held in memory; ``to_rgb`` turns one into the numpy
array the matcher takes, and is called on the worker, never on the GUI thread.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QImage

from app.errors import ErrorKind, UserError

if TYPE_CHECKING:
    import numpy as np

log = logging.getLogger(__name__)

VIRTUAL_CAMERA_ENV = "MOTCUA_VIRTUAL_CAMERA"  # a folder of images played as the camera


class FrameSource(QObject):
    """Start, stop, and frames by signal. Subclasses emit ``failed`` instead of raising."""

    frame = Signal(QImage)
    failed = Signal(object)  # UserError

    def start(self) -> None:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError


class VirtualCamera(FrameSource):
    """Plays images (files or QImages) in a loop, one every ``interval_ms``: tests, the
    demo and training use it where there is no camera."""

    def __init__(
        self,
        images: Sequence[QImage | Path],
        interval_ms: int = 100,
        loop: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._images = [i if isinstance(i, QImage) else QImage(str(i)) for i in images]
        self._images = [i for i in self._images if not i.isNull()]
        self._loop = loop
        self._next = 0
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)

    @classmethod
    def from_folder(cls, folder: Path, **kwargs: Any) -> VirtualCamera:
        files = sorted(p for p in folder.iterdir() if p.suffix.lower() in {".png", ".jpg", ".jpeg"})
        return cls(files, **kwargs)

    def start(self) -> None:
        if not self._images:
            self.failed.emit(UserError(ErrorKind.CAMERA_MISSING, "virtual camera: no images"))
            return
        self._next = 0
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def raise_error(
        self, error: Any, *, device_present: bool = True, permission_granted: bool = True
    ) -> None:
        """Fail as the real camera does (``QCamera.errorOccurred``): tests and training."""
        failure = camera_failure(
            error, device_present=device_present, permission_granted=permission_granted
        )
        if failure is not None:
            self.stop()
            self.failed.emit(failure)

    def play(self, images: Sequence[QImage | Path]) -> None:
        """Change what the camera shows (the next person in front of it)."""
        self._images = [i if isinstance(i, QImage) else QImage(str(i)) for i in images]
        self._next = 0

    def _tick(self) -> None:
        if self._next >= len(self._images):
            if not self._loop:
                self._timer.stop()
                return
            self._next = 0
        self.frame.emit(self._images[self._next])
        self._next += 1


def camera_failure(
    error: Any, *, device_present: bool = True, permission_granted: bool = True
) -> UserError | None:
    """What a camera error means to the officer, from Qt's error enum (``QCamera.Error``;
    its text is the driver's, in any language) and what can be checked beside it: the
    device still among ``QMediaDevices.videoInputs()``, the permission to use it. None
    for ``NoError``."""
    from PySide6.QtMultimedia import QCamera

    if error == QCamera.Error.NoError:
        return None
    if not permission_granted:
        return UserError(ErrorKind.CAMERA_DENIED, "camera permission refused")
    if not device_present:
        return UserError(ErrorKind.CAMERA_MISSING, "camera unplugged")
    return UserError(ErrorKind.CAMERA_BUSY, "camera could not be opened")


class QtCamera(FrameSource):
    """The office's camera through Qt Multimedia (QCamera → QMediaCaptureSession →
    QVideoSink). The sink's frames are turned into QImages; matching happens elsewhere."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._camera: Any = None
        self._device: Any = None
        self._session: Any = None
        self._sink: Any = None

    def start(self) -> None:
        try:
            from PySide6.QtMultimedia import (
                QCamera,
                QMediaCaptureSession,
                QMediaDevices,
                QVideoSink,
            )
        except ImportError:  # PySide6-Addons (the face extra) not installed
            self.failed.emit(UserError(ErrorKind.CAMERA_MISSING, "QtMultimedia missing"))
            return
        if not _permission_granted():
            self.failed.emit(UserError(ErrorKind.CAMERA_DENIED, "camera permission"))
            return
        devices = QMediaDevices.videoInputs()
        if not devices:
            self.failed.emit(UserError(ErrorKind.CAMERA_MISSING, "no video input"))
            return
        self._device = devices[0]
        self._camera = QCamera(self._device, self)
        self._session = QMediaCaptureSession(self)
        self._sink = QVideoSink(self)
        self._session.setCamera(self._camera)
        self._session.setVideoSink(self._sink)
        self._sink.videoFrameChanged.connect(self._frame)
        self._camera.errorOccurred.connect(self._error)
        self._camera.start()

    def stop(self) -> None:
        if self._camera is not None:
            self._camera.stop()

    def _frame(self, video_frame: Any) -> None:
        image = video_frame.toImage()
        if not image.isNull():
            self.frame.emit(image)

    def _error(self, error: Any, text: str) -> None:
        from PySide6.QtMultimedia import QMediaDevices

        log.warning("camera error %s: %s", error, text)  # device text only, no image data
        device = self._device.id() if self._device is not None else b""
        failure = camera_failure(
            error,
            device_present=any(d.id() == device for d in QMediaDevices.videoInputs()),
            permission_granted=_permission_granted() and not _device_file_refused(device),
        )
        if failure is not None:
            self.stop()
            self.failed.emit(failure)


def _permission_granted() -> bool:
    """Qt asks the OS where it keeps camera permissions (macOS, Windows); Linux grants."""
    try:
        from PySide6.QtCore import QCameraPermission, QCoreApplication, Qt
    except ImportError:
        return True
    app = QCoreApplication.instance()
    if app is None:
        return True
    return bool(app.checkPermission(QCameraPermission()) != Qt.PermissionStatus.Denied)


def _device_file_refused(device_id: Any) -> bool:
    """Linux names a camera by its device file (/dev/video0): one this user may not open
    is a refused permission (not in the "video" group), not a busy camera."""
    path = bytes(device_id).decode(errors="replace")
    return path.startswith("/dev/") and os.path.exists(path) and not os.access(path, os.R_OK)


def open_camera(parent: QObject | None = None) -> FrameSource:
    """The camera the counter uses: a folder of images when ``MOTCUA_VIRTUAL_CAMERA``
    names one (demo, training), else the real camera."""
    folder = os.environ.get(VIRTUAL_CAMERA_ENV)
    if folder:
        return VirtualCamera.from_folder(Path(folder), interval_ms=150, parent=parent)
    return QtCamera(parent)


def to_rgb(image: QImage) -> np.ndarray:
    """A frame as an RGB array (height × width × 3); a copy, safe on another thread."""
    import numpy as np

    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    h, w, stride = rgb.height(), rgb.width(), rgb.bytesPerLine()
    data = np.frombuffer(rgb.constBits(), np.uint8, count=h * stride)
    return data.reshape(h, stride)[:, : w * 3].reshape(h, w, 3).copy()


def from_rgb(array: np.ndarray) -> QImage:
    """An RGB array as a QImage (the virtual camera's frames in tests and the bench)."""
    h, w = array.shape[:2]
    data = array.astype("uint8").tobytes()
    return QImage(data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()
