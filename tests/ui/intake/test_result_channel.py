"""The officer picks how the result is received; the screen shows the wording printed."""

from __future__ import annotations

from app.ui.intake.result_channel import ResultChannel

RESIDENCE = "Số 12 đường Trần Phú, Phường Hải Châu, Thành phố Đà Nẵng"


def test_electronic_by_default_then_post_with_the_residence(qtbot) -> None:  # type: ignore[no-untyped-def]
    widget = ResultChannel()
    qtbot.addWidget(widget)
    widget.show()
    widget.set_choice("electronic", "", RESIDENCE)
    assert widget.choice() == ("electronic", "")
    assert "Điện tử (qua ứng dụng VssID/VNeID)" in widget.printed.text()
    assert not widget.address.isVisible()

    with qtbot.waitSignal(widget.changed) as chosen:
        widget.method.setCurrentIndex(widget.method.findData("post"))
    assert chosen.args == ["post", RESIDENCE]  # the usual answer, editable
    assert widget.address.isVisible()
    widget.address.setText("Số 5 đường Lê Lợi, Thành phố Đà Nẵng")
    with qtbot.waitSignal(widget.changed) as edited:
        widget.address.editingFinished.emit()
    assert edited.args == ["post", "Số 5 đường Lê Lợi, Thành phố Đà Nẵng"]
    assert "bưu chính công ích, địa chỉ: Số 5 đường Lê Lợi" in widget.printed.text()

    with qtbot.waitSignal(widget.changed) as counter:
        widget.method.setCurrentIndex(widget.method.findData("counter"))
    assert counter.args == ["counter", ""]
    assert "nhận tại Bộ phận Tiếp nhận và Trả kết quả" in widget.printed.text()
