"""Digitized documents: checked, stored once by content hash, encrypted, thumbnailed,
reused.

A scan is accepted when its *content* is JPEG, PNG, TIFF or PDF (magic bytes, never
the file name), it fits the size limit, and it opens completely (every image frame
decoded by Pillow; every PDF page parsed by pypdf and the first rendered by
pypdfium2), so a truncated or corrupt scan is refused at the counter, not discovered
by the processing office. Content lives at ``attachments_dir(demo)/ab/abcdef…``
(SHA-256 of the *plaintext*, so the same scan keeps its name whatever the key) with
``….thumb.png`` beside it, each written to a temporary file, fsynced, then renamed: a
crash leaves the whole file or none. The same content is stored once; the same
citizen importing it again gets the existing record back.

Both files are written as ``security.blobs.encrypt_blob`` output (AES-256-GCM with
the open database's key; see docs/security.md). There is no plaintext fallback:
without keys (``blobs.use_keys`` never called) writing raises at once. Every read of
content goes through ``read_stored``, which decrypts and checks that the plaintext's
SHA-256 is the file's name — a file edited, truncated, encrypted with another key or
swapped with another scan gives ``ATTACHMENT_TAMPERED``. Files from before encryption
(plaintext) are still read, and re-encrypted when the store reads them or by
``encrypt_existing``.

File content is written before the database row commits; if the save then fails the
file stays unreferenced (harmless: same name, same bytes next time).

The original file name must pass ``security.filenames.safe_filename`` (a name that
could steer a path is refused, not repaired) and is kept only to show: it is never
used to build a path.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, UnidentifiedImageError
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import ErrorKind, UserError
from app.services.security.blobs import MAGIC, decrypt_blob, encrypt_blob, is_encrypted_blob
from app.services.security.filenames import safe_filename
from app.services.storage.models import Attachment, DossierAttachment
from app.services.storage.outbox import enqueue
from app.shared import paths
from app.shared.content_types import sniff
from app.shared.files import write_atomically

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
THUMB_SIZE = 256
_CONTENT_NAME = re.compile(r"[0-9a-f]{64}")
_THUMB_SUFFIX = ".thumb.png"


@dataclass(frozen=True, slots=True)
class Checked:
    mime: str
    page_count: int
    thumbnail_png: bytes = field(repr=False)


def _thumb(img: Image.Image) -> bytes:
    img = img.convert("RGBA" if "A" in img.getbands() else "RGB")
    img.thumbnail((THUMB_SIZE, THUMB_SIZE))
    out = io.BytesIO()
    img.save(out, "PNG", optimize=True)
    return out.getvalue()


def _check_image(data: bytes) -> tuple[int, bytes]:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with Image.open(io.BytesIO(data)) as img:
            frames = getattr(img, "n_frames", 1)
            for i in range(frames):
                img.seek(i)
                img.load()  # decodes every byte: truncation shows here
            img.seek(0)
            return frames, _thumb(img)


def _check_pdf(data: bytes) -> tuple[int, bytes]:
    import pypdf  # only when a PDF is scanned: it is large and start-up does not need it

    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
    except pypdf.errors.PyPdfError as exc:
        raise ValueError(f"pypdf: {type(exc).__name__}") from exc
    if reader.is_encrypted:
        raise ValueError("encrypted PDF")
    try:
        for page in reader.pages:
            page.get_contents()
    except pypdf.errors.PyPdfError as exc:
        raise ValueError(f"pypdf: {type(exc).__name__}") from exc
    pdf = pdfium.PdfDocument(data)
    try:
        if len(pdf) != len(reader.pages):
            raise ValueError("page count differs between parsers")
        for i in range(1, len(pdf)):
            pdf[i].get_size()  # loads the page object
        page = pdf[0]
        width, height = page.get_size()
        bitmap = page.render(scale=THUMB_SIZE / max(width, height, 1))
        return len(pdf), _thumb(bitmap.to_pil())
    finally:
        pdf.close()


def check_content(data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> Checked:
    if len(data) > max_bytes:
        raise UserError(ErrorKind.ATTACHMENT_TOO_LARGE, detail=f"{len(data)} > {max_bytes} bytes")
    mime = sniff(data[:1024])
    if mime is None:
        raise UserError(ErrorKind.ATTACHMENT_BAD_TYPE, detail=f"magic {data[:8].hex()}")
    try:
        pages, thumb = _check_pdf(data) if mime == "application/pdf" else _check_image(data)
    except (
        OSError,
        ValueError,
        SyntaxError,
        UnidentifiedImageError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
        pdfium.PdfiumError,
    ) as exc:
        raise UserError(
            ErrorKind.ATTACHMENT_CORRUPT, detail=f"{mime}: {type(exc).__name__}"
        ) from exc
    if pages < 1:
        raise UserError(ErrorKind.ATTACHMENT_CORRUPT, detail=f"{mime}: no pages")
    return Checked(mime, pages, thumb)


# ---------------------------------------------------------------- encrypted files


def _load(path: Path, sha256: str) -> tuple[bytes, bool]:
    """The verified plaintext of a content file, and whether it is still plaintext on disk."""
    raw = path.read_bytes()
    legacy = not is_encrypted_blob(raw)  # written before encryption at rest
    plain = raw if legacy else decrypt_blob(raw)
    if hashlib.sha256(plain).hexdigest() != sha256:
        # A valid file of another scan moved here, or plaintext edited on disk.
        raise UserError(ErrorKind.ATTACHMENT_TAMPERED, detail="content does not match its name")
    return plain, legacy


def read_stored(path: Path, sha256: str) -> bytes:
    """The plaintext of a stored content file, checked against its SHA-256 name.

    The one way content is read — by the store and by the sync push, which uploads the
    plaintext (the central service verifies the same hash). Raises ``OSError`` when
    the file is missing and ``UserError(ATTACHMENT_TAMPERED)`` when it was altered,
    swapped or encrypted with a key this database does not hold.
    """
    return _load(path, sha256)[0]


@dataclass(frozen=True, slots=True)
class EncryptReport:
    encrypted: int = 0
    already: int = 0
    mismatched: int = 0  # plaintext content whose hash is not its name: left untouched


def encrypt_existing(root: Path) -> EncryptReport:
    """Encrypt the plaintext files left by versions before encryption at rest.

    Safe to run again or to interrupt (each file is replaced atomically). Content that
    does not match its name is left as it is and counted: encrypting it would only
    hide the damage; reads report it as tampered.
    """
    encrypted = already = mismatched = 0
    for file in sorted(root.glob("??/*")) if root.is_dir() else []:
        name = file.name.removesuffix(_THUMB_SUFFIX)
        if not file.is_file() or not _CONTENT_NAME.fullmatch(name) or file.parent.name != name[:2]:
            continue  # temporary files (".<name>.….part") and anything not ours
        raw = file.read_bytes()
        if is_encrypted_blob(raw):
            already += 1
            continue
        if file.name == name and hashlib.sha256(raw).hexdigest() != name:
            mismatched += 1
            continue
        write_atomically(file, encrypt_blob(raw))
        encrypted += 1
    if encrypted or mismatched:
        log.info("attachments encrypted at rest: %d files, %d mismatched", encrypted, mismatched)
    return EncryptReport(encrypted, already, mismatched)


class AttachmentStore:
    def __init__(self, root: Path | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.root = root or paths.attachments_dir()
        self.max_bytes = max_bytes

    def content_path(self, sha256: str) -> Path:
        if not _CONTENT_NAME.fullmatch(sha256):
            raise ValueError("not a SHA-256 hex digest")
        return self.root / sha256[:2] / sha256

    def thumbnail_path(self, sha256: str) -> Path:
        return self.content_path(sha256).with_name(f"{sha256}{_THUMB_SUFFIX}")

    def import_file(
        self, session: Session, citizen_id: str, file: Path, label: str = ""
    ) -> Attachment:
        try:
            size = file.stat().st_size
            if size > self.max_bytes:
                raise UserError(
                    ErrorKind.ATTACHMENT_TOO_LARGE, detail=f"{size} > {self.max_bytes} bytes"
                )
            data = file.read_bytes()
        except OSError as exc:
            raise UserError(
                ErrorKind.ATTACHMENT_CORRUPT, detail=f"read: {type(exc).__name__}"
            ) from exc
        return self.import_bytes(session, citizen_id, data, file.name, label)

    def import_bytes(
        self, session: Session, citizen_id: str, data: bytes, filename: str, label: str = ""
    ) -> Attachment:
        filename = safe_filename(filename)  # refused, not repaired: checked before anything
        checked = check_content(data, self.max_bytes)
        sha = hashlib.sha256(data).hexdigest()
        existing = session.scalar(
            select(Attachment).where(Attachment.citizen_id == citizen_id, Attachment.sha256 == sha)
        )
        self._store(self.content_path(sha), data)
        self._store(self.thumbnail_path(sha), checked.thumbnail_png)
        if existing is not None:
            return existing
        attachment = Attachment(
            citizen_id=citizen_id,
            sha256=sha,
            label=label,
            filename=filename,
            mime_type=checked.mime,
            size=len(data),
            page_count=checked.page_count,
        )
        session.add(attachment)
        session.flush()
        enqueue(session, "attachment", attachment.id)
        return attachment

    def keep_private(self, data: bytes) -> str:
        """Store bytes encrypted by their hash, with no attachment row (so never synced):
        a face-match camera image the office chose to keep. Returns the hash."""
        sha = hashlib.sha256(data).hexdigest()
        self._store(self.content_path(sha), data)
        return sha

    @staticmethod
    def _store(target: Path, plaintext: bytes) -> None:
        """Write ``plaintext`` encrypted unless the file is already there (dedupe).

        A file left in plaintext by an older version is replaced by its encrypted form.
        An encrypted file that fails to open is left alone: it may belong to another
        key (say, a demo folder wired to the wrong mode), and overwriting it would
        destroy it; reads report it as tampered.
        """
        with contextlib.suppress(FileNotFoundError), target.open("rb") as f:
            if is_encrypted_blob(f.read(len(MAGIC))):
                return
        write_atomically(target, encrypt_blob(plaintext))

    def read(self, attachment: Attachment) -> bytes:
        """The scan's bytes, verified against its hash (see ``read_stored``)."""
        path = self.content_path(attachment.sha256)
        plain, legacy = _load(path, attachment.sha256)
        if legacy:
            write_atomically(path, encrypt_blob(plain))  # written before encryption: fix now
        return plain

    def thumbnail(self, attachment: Attachment) -> bytes:
        """The PNG thumbnail. It has no hash to check against, but AES-GCM still
        refuses an edited or foreign file (``ATTACHMENT_TAMPERED``)."""
        path = self.thumbnail_path(attachment.sha256)
        raw = path.read_bytes()
        if is_encrypted_blob(raw):
            return decrypt_blob(raw)
        write_atomically(path, encrypt_blob(raw))
        return raw


def citizen_attachments(session: Session, citizen_id: str) -> list[Attachment]:
    """The citizen's earlier digitized papers, newest first, to attach without rescanning."""
    return list(
        session.scalars(
            select(Attachment)
            .where(Attachment.citizen_id == citizen_id)
            .order_by(Attachment.created_at.desc())
        )
    )


def dossier_attachments(session: Session, dossier_id: str) -> list[Attachment]:
    return list(
        session.scalars(
            select(Attachment)
            .join(DossierAttachment, DossierAttachment.attachment_id == Attachment.id)
            .where(DossierAttachment.dossier_id == dossier_id)
            .order_by(Attachment.created_at)
        )
    )
