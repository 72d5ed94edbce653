"""End to end through the real pcscd: the emulator on the vpcd driver, the reader
over PC/SC. Needs pcscd with vsmartcard-vpcd (marker ``pcsc``). The emulator uses
the second virtual reader (port 35964) unless MOTCUA_TEST_VPCD_PORT says otherwise."""

from __future__ import annotations

import os
import threading
import time

import pytest

from app.cardsim.card import VirtualCard
from app.cardsim.faults import Faults
from app.cardsim.profile import load_profile
from app.cardsim.vpcd import VpcdClient
from app.errors import ErrorKind, UserError
from app.services.card import access_keys
from app.services.card.access_keys import AccessKeys
from app.services.card.monitor import EventKind, ReaderEvent, ReaderMonitor
from app.services.card.mrz_keys import MrzKey
from app.services.card.pcsc import PcscConnection, card_present
from app.services.card.reader import read_card
from app.services.identity import IdentificationMethod, IdentitySource, Verdict, identification_of

pytestmark = pytest.mark.pcsc

PORT = int(os.environ.get("MOTCUA_TEST_VPCD_PORT", "35964"))
READER = {35963: "Virtual PCD 00 00", 35964: "Virtual PCD 00 01"}[PORT]


def _wait(present: bool, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if card_present(READER) == present:
            time.sleep(0.1)
            return
        time.sleep(0.05)
    raise AssertionError(f"card {'never appeared' if present else 'never left'} on {READER}")


class Emulator:
    def __init__(self, profile: str, *faults: str) -> None:
        self.client = VpcdClient(VirtualCard.from_profile(profile, Faults.parse(faults)), port=PORT)
        self.thread = threading.Thread(target=self.client.serve_forever, daemon=True)

    def __enter__(self) -> Emulator:
        self.thread.start()
        _wait(True)
        return self

    def __exit__(self, *exc: object) -> None:
        self.client.stop()
        self.thread.join(timeout=5)
        _wait(False)


def _keys(profile: str) -> AccessKeys:
    p = load_profile(profile)
    if p.document.kind == "id-card":
        return access_keys.from_id_and_dob(p.holder.id_number, p.holder.birth)
    assert p.document.expiry is not None
    return AccessKeys(
        mrz=(
            MrzKey(
                p.document.document_number,
                p.holder.birth.strftime("%y%m%d"),
                p.document.expiry.strftime("%y%m%d"),
            ),
        )
    )


def _read(profile: str):
    with PcscConnection(READER) as connection:
        return read_card(connection, _keys(profile), None, atr=connection.atr)


@pytest.mark.parametrize("profile", ["cccd-2021", "cancuoc-2024", "passport-td3"])
def test_each_profile_reads_and_verifies(profile):
    with Emulator(profile):
        identity = _read(profile)
    holder = load_profile(profile).holder
    expected_source = (
        IdentitySource.PASSPORT if profile.startswith("passport") else IdentitySource.CHIP
    )
    assert identity.source is expected_source
    assert identity.date_of_birth == holder.birth
    assert identity.portrait
    assert identity.checks.passive is Verdict.NO_CSCA
    assert identity.checks.active is Verdict.PASSED
    assert identity.checks.chip is Verdict.PASSED


def test_cloned_chip():
    with Emulator("cccd-2021", "cloned"):
        assert _read("cccd-2021").checks.active is Verdict.FAILED


def test_altered_dg13():
    with Emulator("cancuoc-2024", "altered-dg13"):
        checks = _read("cancuoc-2024").checks
    assert checks.passive is Verdict.FAILED and "DG13" in checks.passive_detail


def test_wrong_keys():
    with Emulator("cccd-2021", "wrong-keys"), pytest.raises(UserError) as info:
        _read("cccd-2021")
    assert info.value.kind is ErrorKind.ACCESS_DENIED


def test_card_removed_mid_read_then_reread_succeeds():
    with Emulator("cccd-2021", "remove-at=30", "reinsert-after=0.3"):
        with pytest.raises(UserError) as info:
            _read("cccd-2021")
        assert info.value.kind is ErrorKind.CARD_REMOVED
        # The officer puts the card back and presses "read" again until it works.
        deadline = time.monotonic() + 10
        while True:
            try:
                identity = _read("cccd-2021")
                break
            except UserError as error:
                assert error.kind in (ErrorKind.CARD_REMOVED, ErrorKind.NO_CARD)
                assert time.monotonic() < deadline, "card never became readable again"
                time.sleep(0.1)
        assert identity.full_name == load_profile("cccd-2021").holder.full_name


def test_no_card_on_the_reader():
    _wait(False)
    with pytest.raises(UserError) as info, PcscConnection(READER):
        pass
    assert info.value.kind is ErrorKind.NO_CARD


def test_monitor_reports_insert_and_removal_as_snapshots():
    events: list[ReaderEvent] = []
    seen = threading.Event()

    def record(event: ReaderEvent) -> None:
        events.append(event)
        if event.kind is EventKind.CARD_REMOVED and event.reader_name == READER:
            seen.set()

    monitor = ReaderMonitor(record, poll_ms=100)
    monitor.start()
    try:
        time.sleep(0.3)
        with Emulator("cancuoc-2024"):
            time.sleep(0.3)
        assert seen.wait(5)
    finally:
        monitor.stop()
    ours = [e for e in events if e.reader_name == READER]
    kinds = [e.kind for e in ours]
    assert EventKind.READER_ADDED in kinds
    inserted = [e for e in ours if e.kind is EventKind.CARD_INSERTED]
    assert inserted and inserted[-1].atr.startswith(b"\x3b")
    assert kinds.index(EventKind.CARD_REMOVED) > kinds.index(EventKind.CARD_INSERTED)


def _read_trusted(profile: str):
    from pathlib import Path

    from app.services.card.passive_auth import TrustStore

    pki = Path(__file__).resolve().parents[3] / "resources" / "cards" / "pki"
    with PcscConnection(READER) as connection:
        trust = TrustStore([(pki / "test-csca.der").read_bytes()])
        return read_card(connection, _keys(profile), trust, atr=connection.atr)


def test_copy_hiding_dg14_dg15_is_red_through_pcscd():
    with Emulator("cancuoc-2024", "hidden-dg14-dg15"):
        checks = _read_trusted("cancuoc-2024").checks
    assert checks.chip is Verdict.FAILED and checks.active is Verdict.FAILED
    assert "possible clone" in checks.passive_detail and checks.colour == "red"


def test_rsa_encryption_sod_is_green_through_pcscd():
    with Emulator("cccd-2021", "rsa-encryption-sod"):
        checks = _read_trusted("cccd-2021").checks
    assert checks.passive is Verdict.PASSED and checks.colour == "green"


def test_unknown_csca_through_pcscd_is_amber():
    """A valid signature from a CSCA the counter does not trust: "cannot check its
    origin" (amber, counted as chip_no_csca), with and without a trust list."""
    with Emulator("cccd-2021", "unknown-csca"):
        identity = _read_trusted("cccd-2021")
    assert identity.checks.passive_detail == "not signed by a trusted CSCA"
    assert identity.checks.colour == "amber"
    assert identification_of(identity) is IdentificationMethod.CHIP_NO_CSCA
    with Emulator("cccd-untrusted"):  # the demo's card of the untrusted CSCA
        identity = _read_trusted("cccd-untrusted")
    assert identity.checks.passive is Verdict.NO_CSCA and identity.checks.colour == "amber"
    assert identification_of(identity) is IdentificationMethod.CHIP_NO_CSCA
    with Emulator("cccd-untrusted"):
        assert _read("cccd-untrusted").checks.colour == "amber"  # no trust list configured


@pytest.mark.parametrize(
    ("profile", "fault"), [("cccd-2021", "endless-61xx"), ("cancuoc-2024", "oversized-length")]
)
def test_hostile_cards_are_unreadable_data_through_pcscd(profile, fault):
    with Emulator(profile, fault), pytest.raises(UserError) as info:
        _read(profile)
    assert info.value.kind is ErrorKind.UNREADABLE_DATA
