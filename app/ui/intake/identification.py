"""Identifying the citizen: QR scan, card tap, CAN or MRZ typed, chip read.

A mixin of ``IntakeController`` (its signals and state live there). Card reads run on
the one card worker; a read's answer comes back on the GUI thread. Texts are
translated in the controller's context."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer

from app.errors import ErrorKind, UserError
from app.services.card import access_keys
from app.services.card.qr import parse_qr
from app.services.identity import Identity, IdentitySource, Verdict

if TYPE_CHECKING:
    from app.services.card.access_keys import AccessKeys
    from app.ui.intake.controller import IntakeController


class CardIdentification:
    """How the controller learns who is at the counter."""

    def qr_scanned(self: IntakeController, text: str) -> None:
        try:
            identity = parse_qr(text)
        except UserError as err:
            self._error(err)
            return
        if identity.date_of_birth is not None:
            self.keys = access_keys.from_id_and_dob(identity.id_number, identity.date_of_birth)
        else:
            self.keys = access_keys.from_id_number(identity.id_number)
        self._identified(identity)
        if self.card_reader:
            self.read_chip()
        else:
            self.status.emit(
                QCoreApplication.translate(
                    "IntakeController",
                    "Đã quét mã QR. Đặt thẻ lên đầu đọc để đọc chip và kiểm tra thẻ thật.",
                ),
                "info",
            )

    def card_inserted(self: IntakeController, reader: str, atr: bytes) -> None:
        self.card_reader = reader
        if self.keys is None:
            self.status.emit(
                QCoreApplication.translate(
                    "IntakeController",
                    "Đã có thẻ trên đầu đọc. Quét mã QR trên thẻ (hoặc bấm F3 nhập 6 số CAN) "
                    "để mở khoá chip.",
                ),
                "info",
            )
            return
        self.read_chip()

    def card_removed(self: IntakeController, reader: str) -> None:
        if reader == self.card_reader:
            self.card_reader = ""

    def use_mrz(self: IntakeController, text: str) -> None:
        """A passport (foreign worker): BAC/PACE keys from its MRZ data."""
        self._use_keys(
            lambda: access_keys.from_mrz(text),
            QCoreApplication.translate("IntakeController", "Đặt hộ chiếu lên đầu đọc."),
        )

    def use_can(self: IntakeController, can: str) -> None:
        self._use_keys(
            lambda: access_keys.from_can(can),
            QCoreApplication.translate("IntakeController", "Đặt thẻ lên đầu đọc."),
        )

    def _use_keys(self: IntakeController, make: Callable[[], AccessKeys], waiting: str) -> None:
        """Keys the officer typed: read with them now, or say where to put the document."""
        try:
            self.keys = make()
        except UserError as err:
            self._error(err)
            return
        if self.busy:
            self._read_again = True
        if self.card_reader:
            self.read_chip()
        else:
            self.status.emit(waiting, "info")

    def read_chip(self: IntakeController) -> None:
        if self.keys is None:
            return
        if self.busy:  # a read is under way: read again with what we know now when it ends
            self._read_again = True
            return
        self._read_again = False
        from app.services.card.pcsc import PcscConnection
        from app.services.card.reader import read_card

        keys, trust, reader = self.keys, self.trust, self.card_reader or self.settings.card_reader

        def work() -> Identity:
            anchors = trust.current()  # the folders as they are now (a sync may have applied)
            with PcscConnection(reader or None) as conn:
                return read_card(conn, keys, anchors, atr=conn.atr)

        self.busy = True
        self.reading.emit(True)
        self.status.emit(
            QCoreApplication.translate(
                "IntakeController", "Đang đọc chip… giữ yên thẻ trên đầu đọc."
            ),
            "busy",
        )
        self.card_runner.run(work, self._chip_read, self._chip_failed)

    def _chip_read(self: IntakeController, identity: Identity) -> None:
        self.busy = False
        self.reading.emit(False)
        if self._read_again and self.card_reader:
            self.read_chip()  # the card or the keys changed during the read
            return
        current = self.state.identity
        if (
            current is not None
            and current.id_number != identity.id_number
            and (self.state.procedure_code or current.source is IdentitySource.CHIP)
        ):
            # A second citizen's card mid-intake: never mix two people in one dossier.
            self.other_card.emit(identity)
            return
        self._identified(identity)
        if identity.checks.genuine is False:
            self.status.emit(self._verdict_text(identity), "error")
        else:
            self.status.emit(
                QCoreApplication.translate(
                    "IntakeController", "Đã đọc chip ({0:.1f} giây). {1}"
                ).format(identity.read_seconds, self._verdict_text(identity)),
                "ok" if identity.checks.passive is Verdict.PASSED else "warn",
            )

    def _chip_failed(self: IntakeController, exc: BaseException) -> None:
        self.busy = False
        self.reading.emit(False)
        if not isinstance(exc, UserError):
            raise exc
        if self._read_again and self.card_reader:
            self.read_chip()  # the card or the keys changed during the failed read
            return
        if exc.kind is ErrorKind.ACCESS_DENIED:
            self.keys = None  # ask for the card's data again rather than retry wrong keys
        if exc.kind is ErrorKind.CARD_REMOVED and self.card_reader:
            # Lifted and put back faster than PC/SC notices: try once more shortly.
            QTimer.singleShot(1000, self._retry_after_removal)
        self._error(exc)

    def _retry_after_removal(self: IntakeController) -> None:
        if self.card_reader and not self.busy and self.keys is not None:
            self.read_chip()

    def typed(self: IntakeController, identity: Identity) -> None:
        self.keys = None
        self._identified(identity)
        self.status.emit(
            QCoreApplication.translate(
                "IntakeController", "Đã nhập tay. Thông tin chưa được kiểm tra bằng chip."
            ),
            "warn",
        )

    def _verdict_text(self: IntakeController, identity: Identity) -> str:
        checks = identity.checks
        if checks.genuine is False:
            from app.ui.intake.identity_panel import passive_detail_text

            detail = passive_detail_text(checks.passive_detail) or checks.passive_detail
            if checks.active is Verdict.FAILED or checks.chip is Verdict.FAILED:
                return QCoreApplication.translate(
                    "IntakeController",
                    "THẺ KHÔNG XÁC THỰC: chip có dấu hiệu bị sao chép. {0}",
                ).format(detail)
            return QCoreApplication.translate(
                "IntakeController", "THẺ KHÔNG XÁC THỰC: {0}."
            ).format(detail)
        if checks.genuine is True:
            return QCoreApplication.translate(
                "IntakeController",
                "Thẻ thật: chữ ký số hợp lệ, chuỗi chứng thư đến CSCA tin cậy.",
            )
        if checks.passive is Verdict.NOT_SUPPORTED:
            return QCoreApplication.translate(
                "IntakeController",
                "Chưa kiểm tra được chữ ký số của thẻ này (loại khóa chưa hỗ trợ).",
            )
        if checks.passive is Verdict.NO_CSCA and "trusted csca" in checks.passive_detail.lower():
            return QCoreApplication.translate(
                "IntakeController",
                "Chữ ký số hợp lệ; không kiểm tra được nguồn gốc (CSCA cấp thẻ không có trong"
                " danh sách tin cậy).",
            )
        if checks.passive is Verdict.NO_CSCA:
            return QCoreApplication.translate(
                "IntakeController",
                "Chữ ký số hợp lệ; chưa cấu hình chứng thư CSCA để xác nhận nơi cấp.",
            )
        return QCoreApplication.translate(
            "IntakeController", "Chưa kiểm tra tính xác thực của thẻ."
        )
