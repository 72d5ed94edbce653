"""Cài đặt: edit the typed settings; invalid values are named, nothing half-saved."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app import settings as settings_mod
from app.errors import UserError
from app.services.card.trust_store import TrustImport
from app.services.security.permissions import (
    HasRole,
    Permission,
    allowed,
    require_settings_change,
)
from app.settings import Settings
from app.ui.messages import error_text
from app.ui.tasks import SyncRunner


class SettingsPage(QWidget):
    trust_changed = Signal()  # the intake reloads its trust store

    def __init__(
        self,
        settings: Settings,
        on_saved: Callable[[Settings], None],
        path: Path | None = None,
        printers: list[str] | None = None,
        readers: list[str] | None = None,
        parent: QWidget | None = None,
        officer: HasRole | None = None,
    ) -> None:
        super().__init__(parent)
        # Set by the session: imports through the service (role check + audit record).
        # Called on the GUI thread, it returns the work bound to the signed-in officer.
        self.trust_importer: Callable[[], Callable[[bytes], TrustImport]] | None = None
        self.trust_runner: Any = SyncRunner()  # the session's database worker
        self._officer = officer
        self._settings = settings
        self._on_saved = on_saved
        self._path = path
        self.office_code = QLineEdit(settings.office_code, objectName="office_code")
        self.office_name = QLineEdit(settings.office_name, objectName="office_name")
        self.parent_agency = QLineEdit(settings.parent_agency, objectName="parent_agency")
        self.place_name = QLineEdit(settings.place_name, objectName="place_name")
        self.counter_number = QSpinBox(objectName="counter_number")
        self.counter_number.setRange(1, 9)
        self.counter_number.setValue(settings.counter_number)
        self.code_pattern = QLineEdit(settings.dossier_code_pattern, objectName="code_pattern")
        self.central_url = QLineEdit(settings.central_url, objectName="central_url")
        self.central_url.setPlaceholderText("https://bhxh.example:8765")
        self.central_url.setToolTip(
            self.tr(
                "Địa chỉ dùng khi đăng ký quầy. Đồng bộ luôn đi đến địa chỉ và chứng chỉ đã "
                "ghi lúc đăng ký; muốn đổi, quản trị viên đăng ký lại quầy."
            )
        )
        self.lookup_url = QLineEdit(settings.public_lookup_base_url, objectName="lookup_url")
        self.lookup_url.setPlaceholderText(
            self.tr("(trống: dùng địa chỉ máy chủ trung tâm) https://tracuu.bhxh.example")
        )
        self.lookup_url.setToolTip(
            self.tr("Mã QR trên giấy tiếp nhận mở trang tra cứu hồ sơ tại địa chỉ này.")
        )
        self.default_printer = self._combo(
            printers or [], settings.default_printer, "default_printer"
        )
        self.receipt_printer = self._combo(
            printers or [], settings.receipt_printer, "receipt_printer"
        )
        self.card_reader = self._combo(readers or [], settings.card_reader, "card_reader")
        self.scan_folder = QLineEdit(settings.scan_folder, objectName="scan_folder")
        self.scan_folder.setPlaceholderText(self.tr("(không dùng) — thư mục máy quét lưu bản quét"))
        self.idle_lock = QSpinBox(objectName="idle_lock")
        self.idle_lock.setRange(1, 120)
        self.idle_lock.setValue(settings.idle_lock_minutes)
        self.idle_lock.setSuffix(self.tr(" phút"))
        self.cutoff = QLineEdit(settings.cutoff_hour, objectName="cutoff")
        self.cutoff.setInputMask("99:99")
        self.language = QComboBox(objectName="language")
        self.language.addItem("Tiếng Việt", "vi")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(0 if settings.language == "vi" else 1)

        form = QFormLayout()
        form.addRow(self.tr("Mã cơ &quan:"), self.office_code)
        form.addRow(self.tr("Tên &cơ quan:"), self.office_name)
        form.addRow(self.tr("Cơ quan &cấp trên:"), self.parent_agency)
        form.addRow(self.tr("Địa danh (ghi ngày tháng):"), self.place_name)
        form.addRow(self.tr("Số &quầy (1–9):"), self.counter_number)
        form.addRow(self.tr("Mẫu &mã hồ sơ:"), self.code_pattern)
        form.addRow(self.tr("Địa chỉ máy chủ &trung tâm:"), self.central_url)
        form.addRow(self.tr("Địa chỉ trang tra cứ&u công khai:"), self.lookup_url)
        form.addRow(self.tr("Máy in &A4:"), self.default_printer)
        form.addRow(self.tr("Máy in &biên nhận 80 mm:"), self.receipt_printer)
        form.addRow(self.tr("Đầu đọc &thẻ:"), self.card_reader)
        form.addRow(self.tr("Thư mục má&y quét:"), self.scan_folder)
        form.addRow(self.tr("&Khoá màn hình sau:"), self.idle_lock)
        form.addRow(self.tr("&Giờ chốt nhận hồ sơ trong ngày:"), self.cutoff)
        form.addRow(self.tr("&Ngôn ngữ (khởi động lại để áp dụng):"), self.language)

        self.message = QLabel(objectName="message")
        self.message.setWordWrap(True)
        enroll = QPushButton(self.tr("Đăng &ký quầy với máy chủ trung tâm…"), objectName="enroll")
        enroll.clicked.connect(self.enroll)
        trust = QPushButton(
            self.tr("Nhập chứng thư &CSCA hoặc danh sách ICAO…"), objectName="import_trust"
        )
        trust.setToolTip(
            self.tr("Chứng thư gốc của nơi cấp thẻ: có nó, thẻ thật được xác nhận màu xanh.")
        )
        trust.clicked.connect(lambda: self.import_trust())
        self._trust_button = trust
        save = QPushButton(self.tr("&Lưu cài đặt (Ctrl+S)"), objectName="save")
        save.clicked.connect(self.save)
        QShortcut(QKeySequence.Save, self, activated=self.save)

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("<h2>Cài đặt</h2>")))
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(enroll)
        layout.addWidget(trust)
        layout.addWidget(save)
        layout.addStretch(1)
        # The services refuse these to non-admins; the page only hides them.
        admin = allowed(officer, Permission.CHANGE_SYNC)
        self.central_url.setReadOnly(not admin)
        self.lookup_url.setReadOnly(not admin)
        enroll.setVisible(admin)
        trust.setVisible(allowed(officer, Permission.MANAGE_TRUST))

    def _combo(self, items: list[str], current: str, name: str) -> QComboBox:
        box = QComboBox(objectName=name)
        box.setEditable(True)
        box.addItem(self.tr("(mặc định của hệ thống)"), "")
        for item in items:
            box.addItem(item, item)
        if current and current not in items:
            box.addItem(current, current)
        box.setCurrentIndex(max(0, box.findData(current)))
        return box

    @staticmethod
    def _combo_value(box: QComboBox) -> str:
        data = box.currentData()
        if box.currentText() != box.itemText(box.currentIndex()):
            return box.currentText().strip()  # typed by hand
        return str(data or "")

    def edited(self) -> Settings:
        return self._settings.replace(
            office_code=self.office_code.text().strip(),
            office_name=self.office_name.text().strip(),
            parent_agency=self.parent_agency.text().strip(),
            place_name=self.place_name.text().strip(),
            counter_number=self.counter_number.value(),
            dossier_code_pattern=self.code_pattern.text().strip(),
            central_url=self.central_url.text().strip(),
            public_lookup_base_url=self.lookup_url.text().strip(),
            default_printer=self._combo_value(self.default_printer),
            receipt_printer=self._combo_value(self.receipt_printer),
            card_reader=self._combo_value(self.card_reader),
            scan_folder=self.scan_folder.text().strip(),
            idle_lock_minutes=self.idle_lock.value(),
            cutoff_hour=self.cutoff.text(),
            language=self.language.currentData(),
        )

    def enroll(self) -> None:
        """Redeem the one-time code the central administrator gave for this counter:
        the device secret goes to the OS keyring, the office and counter number come
        back from the server."""
        from PySide6.QtWidgets import QInputDialog

        from app.services.sync.enroll import enroll

        url = self.central_url.text().strip()
        if not url:
            self._say(self.tr("Nhập địa chỉ máy chủ trung tâm trước."), ok=False)
            self.central_url.setFocus()
            return
        code, accepted = QInputDialog.getText(
            self, self.tr("Đăng ký quầy"), self.tr("Mã đăng ký một lần (do quản trị viên cấp):")
        )
        if not accepted or not code.strip():
            return
        pin, accepted = QInputDialog.getText(
            self,
            self.tr("Đăng ký quầy"),
            self.tr("Dấu vân tay SHA-256 của chứng chỉ máy chủ (do quản trị viên cấp):"),
            text=self._settings.central_cert_sha256,
        )
        if not accepted:
            return
        try:  # the service refuses http or a missing pin, and non-administrators
            credentials = enroll(url, code, cert_sha256=pin.strip(), actor=self._officer)
        except UserError as err:
            self._say(error_text(err), ok=False)
            return
        self.office_code.setText(credentials.office_code)
        self.counter_number.setValue(credentials.counter_number)
        self._settings = self._settings.replace(central_cert_sha256=credentials.cert_sha256)
        self.save()
        self._say(
            self.tr(
                "Đã đăng ký: cơ quan {0}, quầy số {1}. Khởi động lại để bắt đầu đồng bộ."
            ).format(credentials.office_code, credentials.counter_number),
            ok=True,
        )

    def import_trust(self, path: str = "") -> None:
        """A CSCA certificate or an ICAO master list into this PC's trust store; the
        file is read and imported (role check, audit record) on ``trust_runner``."""
        from PySide6.QtWidgets import QFileDialog

        from app.services.card.trust_admin import import_trust_file
        from app.shared import paths

        if not path:
            path, _ = QFileDialog.getOpenFileName(
                self,
                self.tr("Chọn chứng thư CSCA hoặc danh sách ICAO"),
                "",
                self.tr("Chứng thư và danh sách (*.der *.cer *.crt *.pem *.ml *.bin);;Mọi tệp (*)"),
            )
        if not path or not self._trust_button.isEnabled():  # empty, or one already running
            return
        if self.trust_importer is not None:  # the service: admin only, audited
            importer = self.trust_importer()
        else:
            folder, actor = paths.trust_dir(), self._officer
            importer = lambda data: import_trust_file(data, folder, actor=actor)  # noqa: E731

        def work() -> TrustImport | OSError:
            try:
                data = Path(path).read_bytes()
            except OSError as exc:  # said on the page, like a refusal
                return exc
            return importer(data)

        self.message.clear()
        self._trust_button.setEnabled(False)
        self.trust_runner.run(work, self._trust_imported, self._trust_refused)

    def _trust_refused(self, exc: BaseException) -> None:
        self._trust_button.setEnabled(True)
        if not isinstance(exc, UserError):
            raise exc
        self._say(error_text(exc), ok=False)

    def _trust_imported(self, result: TrustImport | OSError) -> None:
        self._trust_button.setEnabled(True)
        if isinstance(result, OSError):
            self._say(self.tr("Không đọc được tệp: {0}").format(result.strerror), ok=False)
            return
        text = self.tr(
            "Đã thêm {0} chứng thư CSCA. Thẻ đọc từ nay được đối chiếu với chúng."
        ).format(result.added)
        if result.signer:  # a list whose signature fails is refused by the service
            text += " " + self.tr("Danh sách của: {0} (chữ ký hợp lệ).").format(result.signer)
        if result.unusable:
            text += " " + self.tr("{0} chứng thư không dùng được đã bỏ qua.").format(
                len(result.unusable)
            )
        self._say(text, ok=True)
        self.trust_changed.emit()

    def _say(self, text: str, ok: bool) -> None:
        self.message.setStyleSheet("color: #1b5e20;" if ok else "color: #b00020;")
        self.message.setText(text)

    def save(self) -> None:
        new = self.edited()
        try:
            require_settings_change(self._officer, self._settings, new)
            settings_mod.save(new, self._path)
        except UserError as err:
            self.message.setStyleSheet("color: #b00020;")
            self.message.setText(error_text(err) + "\n" + err.detail)
            return
        except OSError as exc:
            self.message.setStyleSheet("color: #b00020;")
            self.message.setText(self.tr("Không ghi được tệp cài đặt: {0}").format(exc.strerror))
            return
        self._settings = new
        self.message.setStyleSheet("color: #1b5e20;")
        self.message.setText(self.tr("Đã lưu cài đặt."))
        self._on_saved(new)
