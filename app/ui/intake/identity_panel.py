"""The citizen as identified: portrait, locked identity fields, genuineness verdict."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFormLayout, QGridLayout, QGroupBox, QLabel, QWidget

from app.services.identity import Identity, IdentitySource, Verdict
from app.services.vocabulary import field_name

VERDICT_STYLE = {
    "green": "background:#1b5e20; color:white; padding:6px; font-weight:bold;",
    "amber": "background:#f9a825; color:black; padding:6px; font-weight:bold;",
    "red": "background:#b71c1c; color:white; padding:8px; font-weight:bold; font-size:15px;",
    "grey": "background:#e0e0e0; color:#333; padding:6px;",
}


def verdict_colour(identity: Identity) -> str:
    return identity.checks.colour


def passive_detail_text(detail: str) -> str:
    """The reader's technical verdict detail, said for the officer (one text for
    each verdict detail of app/services/card/passive_auth.py)."""
    low = detail.lower()
    if "possible clone" in low:
        group = detail.split()[0] if detail.split() else ""
        return QCoreApplication.translate(
            "IdentityPanel", "thẻ ghi {0} nhưng chip không cho đọc: có thể là thẻ sao chép"
        ).format(group)
    if "hash mismatch" in low:
        group = detail.split()[0] if detail.split() else ""
        return QCoreApplication.translate(
            "IdentityPanel", "dữ liệu {0} trên chip đã bị sửa đổi"
        ).format(group)
    if "cannot check" in low:
        return QCoreApplication.translate(
            "IdentityPanel", "phần mềm chưa kiểm tra được loại chữ ký số của thẻ này"
        )
    if "signature invalid" in low or "bad signature" in low:
        return QCoreApplication.translate("IdentityPanel", "chữ ký số của dữ liệu không hợp lệ")
    if "revoked" in low:
        return QCoreApplication.translate("IdentityPanel", "chứng thư ký số của thẻ đã bị thu hồi")
    if "not yet valid" in low:
        return QCoreApplication.translate(
            "IdentityPanel", "chứng thư ký số của thẻ chưa đến ngày có hiệu lực"
        )
    if "expired" in low:
        return QCoreApplication.translate("IdentityPanel", "chứng thư ký số của thẻ đã hết hạn")
    if "key usage" in low and "csca" in low:
        return QCoreApplication.translate(
            "IdentityPanel", "chứng thư CSCA không được phép ký chứng thư khác"
        )
    if "key usage" in low:
        return QCoreApplication.translate(
            "IdentityPanel", "chứng thư ký số của thẻ không dùng để ký dữ liệu"
        )
    if "csca not valid" in low:
        return QCoreApplication.translate(
            "IdentityPanel", "CSCA đã hết hiệu lực khi cấp chứng thư ký số của thẻ"
        )
    if "does not verify" in low:
        return QCoreApplication.translate(
            "IdentityPanel",
            "chứng thư ký số của thẻ mang tên CSCA tin cậy nhưng không do CSCA đó ký: "
            "có thể là giả mạo",
        )
    if "trusted csca" in low:
        return QCoreApplication.translate(
            "IdentityPanel",
            "không kiểm tra được nguồn gốc: CSCA cấp thẻ không có trong danh sách tin cậy",
        )
    if "no csca configured" in low:
        return QCoreApplication.translate(
            "IdentityPanel", "chưa có chứng thư CSCA để xác nhận cơ quan cấp thẻ"
        )
    if "ef.sod" in low:
        return QCoreApplication.translate("IdentityPanel", "chip không có dữ liệu ký số đọc được")
    if "document signer" in low:
        return QCoreApplication.translate("IdentityPanel", "chip không có chứng thư ký số")
    return ""


class IdentityPanel(QGroupBox):
    # (attribute shown, its name in the shared vocabulary): the card's date of birth is
    # shown as printed, under the plain "date of birth" name.
    FIELDS = (
        ("id_number", "id_number"),
        ("full_name", "full_name"),
        ("dob_text", "date_of_birth"),
        ("sex", "sex"),
        ("nationality", "nationality"),
        ("place_of_origin", "place_of_origin"),
        ("residence", "residence"),
        ("issue_date", "issue_date"),
        ("expiry_text", "expiry_text"),
        ("old_id_number", "old_id_number"),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("1. Công dân"), parent)
        self.portrait = QLabel(objectName="portrait")
        self.portrait.setFixedSize(120, 160)
        self.portrait.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.portrait.setStyleSheet("border:1px solid #999; background:#fafafa; color:#777;")
        self.source = QLabel(objectName="source")
        self.verdict = QLabel(objectName="verdict")
        self.verdict.setWordWrap(True)
        self.fields: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name, vocabulary_name in self.FIELDS:
            # Identity comes from the chip: shown, selectable, never typed again.
            value = QLabel(objectName=f"field_{name}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setToolTip(self.tr("Lấy từ thẻ — không sửa tại đây"))
            value.setStyleSheet("background:#f1f5f9; padding:2px 4px; border:1px solid #dde3ea;")
            form.addRow(field_name(vocabulary_name), value)
            self.fields[name] = value
        grid = QGridLayout(self)
        grid.addWidget(self.portrait, 0, 0, Qt.AlignmentFlag.AlignTop)
        grid.addLayout(form, 0, 1)
        grid.addWidget(self.source, 1, 0, 1, 2)
        grid.addWidget(self.verdict, 2, 0, 1, 2)
        grid.setColumnStretch(1, 1)
        self.show_identity(None)

    def show_identity(self, identity: Identity | None) -> None:
        for name, edit in self.fields.items():
            value = getattr(identity, name, "") if identity else ""
            if hasattr(value, "strftime"):
                value = value.strftime("%d/%m/%Y")
            edit.setText(str(value or ""))
        # Wrapped labels need their height recomputed for the new text (else clipped).
        for edit in self.fields.values():
            edit.setMinimumHeight(max(0, edit.heightForWidth(max(edit.width(), 160))))
        self.layout().invalidate()
        self.layout().activate()
        if identity is None:
            self.portrait.setPixmap(QPixmap())
            self.portrait.setText(self.tr("Ảnh chân dung"))
            self.source.setText("")
            self.verdict.setText(
                self.tr(
                    "Chưa có công dân. Quét mã QR trên thẻ, đặt thẻ lên đầu đọc, hoặc F2 để nhập tay."
                )
            )
            self.verdict.setStyleSheet(VERDICT_STYLE["grey"])
            return
        pixmap = QPixmap()
        if identity.portrait and pixmap.loadFromData(identity.portrait):
            self.portrait.setPixmap(
                pixmap.scaled(
                    120,
                    160,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        else:
            self.portrait.setPixmap(QPixmap())
            self.portrait.setText(self.tr("(không có ảnh)"))
        sources = {
            IdentitySource.CHIP: self.tr("Nguồn: chip thẻ căn cước"),
            IdentitySource.PASSPORT: self.tr("Nguồn: chip hộ chiếu"),
            IdentitySource.QR: self.tr("Nguồn: mã QR trên thẻ (chưa đọc chip)"),
            IdentitySource.TYPED: self.tr("Nguồn: nhập tay (chưa kiểm tra bằng chip)"),
        }
        self.source.setText(sources[identity.source])
        colour = verdict_colour(identity)
        self.verdict.setStyleSheet(VERDICT_STYLE[colour])
        self.verdict.setText(self._verdict_text(identity, colour))

    def _verdict_text(self, identity: Identity, colour: str) -> str:
        c = identity.checks
        if colour == "red":
            what = passive_detail_text(c.passive_detail) or self.tr("kiểm tra chip không đạt")
            if "possible clone" not in c.passive_detail and (
                c.active is Verdict.FAILED or c.chip is Verdict.FAILED
            ):
                what = self.tr("chip có dấu hiệu bị sao chép (clone)")
            return self.tr("⚠ THẺ KHÔNG XÁC THỰC — {0}. Không tiếp nhận bằng thẻ này.").format(what)
        if colour == "green":
            return self.tr("✔ Thẻ thật: chữ ký số hợp lệ và được CSCA tin cậy xác nhận.")
        if colour == "amber" and c.passive is Verdict.NOT_SUPPORTED:
            return self.tr(
                "? Chưa kiểm tra được chữ ký số của thẻ này (loại khóa hoặc thuật toán chưa hỗ trợ)"
                " — đối chiếu giấy tờ bằng mắt."
            )
        if colour == "amber" and "trusted csca" in c.passive_detail.lower():
            return self.tr(
                "? Chữ ký số hợp lệ nhưng không kiểm tra được nguồn gốc: CSCA cấp thẻ không có"
                " trong danh sách tin cậy — đối chiếu giấy tờ bằng mắt."
            )
        if colour == "amber":
            return self.tr("✔ Chữ ký số hợp lệ — chưa cấu hình chứng thư CSCA để xác nhận nơi cấp.")
        if identity.source in (IdentitySource.QR, IdentitySource.TYPED):
            return self.tr("Chưa kiểm tra tính xác thực: đặt thẻ lên đầu đọc để đọc chip.")
        return self.tr("Chưa kiểm tra tính xác thực.")
