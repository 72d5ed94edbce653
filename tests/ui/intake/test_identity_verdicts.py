"""The verdict the identity panel shows agrees with the checks and with what the
dossier stores: green only for a trusted chain, amber for "no CSCA" and "cannot
check", red with the reason for every failure (Vietnamese)."""

from __future__ import annotations

import datetime as dt

import pytest

from app.services.card import passive_auth as pa
from app.services.identity import (
    Checks,
    IdentificationMethod,
    Identity,
    IdentitySource,
    Verdict,
    identification_of,
)
from app.ui.intake.identity_panel import IdentityPanel

P, N, F, S = Verdict.PASSED, Verdict.NO_CSCA, Verdict.FAILED, Verdict.NOT_SUPPORTED

CASES = [
    (Checks(P, "", P, P), "green", "Thẻ thật", IdentificationMethod.CHIP_TRUSTED),
    (Checks(N, pa.NO_CSCA_CONFIGURED, P, P), "amber", "chưa cấu hình", IdentificationMethod.CHIP_NO_CSCA),
    (Checks(S, pa.DSC_KEY_UNSUPPORTED, P, P), "amber", "Chưa kiểm tra được", IdentificationMethod.CHIP_FAILED),
    (Checks(P, f"DG14, DG15 {pa.LISTED_MISSING}", F, F), "red", "có thể là thẻ sao chép", IdentificationMethod.CHIP_FAILED),
    (Checks(P, "", F, P), "red", "sao chép", IdentificationMethod.CHIP_FAILED),
    (Checks(F, f"DG13 {pa.HASH_MISMATCH}", P, P), "red", "DG13", IdentificationMethod.CHIP_FAILED),
    (Checks(F, pa.DSC_REVOKED, P, P), "red", "thu hồi", IdentificationMethod.CHIP_FAILED),
    (Checks(F, pa.DSC_NOT_YET_VALID, P, P), "red", "chưa đến ngày", IdentificationMethod.CHIP_FAILED),
    (Checks(F, pa.DSC_KEY_USAGE, P, P), "red", "không dùng để ký", IdentificationMethod.CHIP_FAILED),
    (Checks(F, pa.CSCA_NOT_VALID_WHEN_SIGNED, P, P), "red", "CSCA đã hết hiệu lực", IdentificationMethod.CHIP_FAILED),
    (Checks(N, pa.UNTRUSTED_CSCA, P, P), "amber", "không kiểm tra được nguồn gốc", IdentificationMethod.CHIP_NO_CSCA),
    (Checks(F, pa.DSC_FORGED, P, P), "red", "giả mạo", IdentificationMethod.CHIP_FAILED),
]  # fmt: skip


@pytest.mark.parametrize(("checks", "colour", "text", "method"), CASES)
def test_verdict_shown_and_stored_agree(qtbot, checks, colour, text, method):
    identity = Identity(
        id_number="001188012345",
        full_name="Trần Thị Thu Hà",
        date_of_birth=dt.date(1988, 3, 15),
        sex="Nữ",
        source=IdentitySource.CHIP,
        checks=checks,
    )
    panel = IdentityPanel()
    qtbot.addWidget(panel)
    panel.show_identity(identity)
    assert checks.colour == colour
    assert text in panel.verdict.text()
    assert identification_of(identity) is method
    assert (checks.genuine is True) == (colour == "green")
