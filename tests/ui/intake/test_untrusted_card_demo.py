"""The demo's card from a CSCA it does not trust, through the real pcscd and the
project's virtual card: amber "cannot check its origin", never red, although the
demo has a trust list (its own test CSCA, which turns its genuine cards green)."""

from __future__ import annotations

import pytest

from app.cardsim.profile import load_profile
from app.services.identity import IdentificationMethod, IdentitySource, Verdict, identification_of
from app.ui.demo_tools import qr_text

pytestmark = [pytest.mark.pcsc]


def _read(qtbot, session, profile: str):
    intake = session.intake
    session.virtual_cards.insert(profile)
    qtbot.waitUntil(lambda: intake.card_reader != "", timeout=10000)
    intake.qr_scanned(qr_text(load_profile(profile)))
    qtbot.waitUntil(
        lambda: (i := intake.state.identity) is not None and i.source is IdentitySource.CHIP,
        timeout=15000,
    )
    identity = intake.state.identity
    session.virtual_cards.remove()
    qtbot.waitUntil(lambda: intake.card_reader == "", timeout=10000)
    return identity


def test_the_demo_card_of_an_untrusted_csca_reads_amber(qtbot, session):
    from app.ui.intake.identity_panel import IdentityPanel

    panel = session.main.findChild(IdentityPanel)
    identity = _read(qtbot, session, "cccd-untrusted")
    assert identity.full_name == "Lê Văn Khải"
    assert identity.checks.passive is Verdict.NO_CSCA and identity.checks.colour == "amber"
    assert identification_of(identity) is IdentificationMethod.CHIP_NO_CSCA
    assert "không kiểm tra được nguồn gốc" in panel.verdict.text()
    assert "#f9a825" in panel.verdict.styleSheet()  # amber, not the red of a failure
    session.intake.start_new()

    genuine = _read(qtbot, session, "cccd-2021")  # the demo trusts its own test CSCA
    assert genuine.checks.colour == "green"
    assert "Thẻ thật" in panel.verdict.text()
