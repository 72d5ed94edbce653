"""The emulator through the real pcscd and the vpcd driver, with pyscard directly."""

from __future__ import annotations

import contextlib

import pytest
from smartcard.Exceptions import CardConnectionException, NoCardException
from smartcard.scard import SCARD_LEAVE_CARD
from smartcard.System import readers

from app.cardsim.terminal import Terminal

pytestmark = pytest.mark.pcsc

SELECT_AID = "00A4040C07A0000002471001"


def connect(reader_name: str):
    reader = next(r for r in readers() if str(r) == reader_name)
    connection = reader.createConnection()
    # Leave the card alone on disconnect: pyscard's default (power down), also run when
    # the object is collected, would hit the next card inserted in the reader.
    connection.connect(disposition=SCARD_LEAVE_CARD)
    return connection


def transmit(connection, command: bytes) -> bytes:
    data, sw1, sw2 = connection.transmit(list(command))
    return bytes(data) + bytes([sw1, sw2])


def drop(connection) -> None:
    """Forget a handle whose card was pulled out (it leaves the reader alone)."""
    with contextlib.suppress(CardConnectionException):
        connection.disconnect()


def sw(connection, command_hex: str) -> str:
    return transmit(connection, bytes.fromhex(command_hex))[-2:].hex().upper()


def test_card_appears_in_the_virtual_reader_with_its_atr(virtual_card) -> None:
    connection = connect(virtual_card.reader)  # the reader of MOTCUA_TEST_VPCD_PORT
    assert bytes(connection.getATR()) == virtual_card.atr
    assert virtual_card.atr[:4] == bytes.fromhex("3B878001")  # contactless, via PC/SC
    connection.disconnect()


def test_select_and_access_conditions_as_on_the_vietnamese_card(virtual_card) -> None:
    connection = connect(virtual_card.reader)
    assert sw(connection, "00A4000C023F00") == "6D00"  # SELECT MF
    card_access = transmit(connection, bytes.fromhex("00B09C0000"))  # SFI 1C before the AID
    assert card_access[-2:] == b"\x90\x00" and card_access[0] == 0x31
    assert sw(connection, SELECT_AID) == "9000"
    assert sw(connection, "00B0810000") == "6982"  # DG1 by SFI, without BAC
    assert sw(connection, "00A4020C020101") == "9000"
    assert sw(connection, "00B0000000") == "6982"  # DG1 by offset, without BAC
    connection.disconnect()


def test_bac_and_reading_dg1_through_pcscd(virtual_card) -> None:
    connection = connect(virtual_card.reader)
    terminal = Terminal(lambda apdu: transmit(connection, apdu))
    terminal.select_application()
    terminal.bac(virtual_card.image.key_mrz_information)
    assert terminal.read_sfi(0x01) == virtual_card.image.app_files[0x0101]
    connection.disconnect()


@pytest.mark.card(profile="cancuoc-2024")
def test_pace_can_and_extended_length_through_pcscd(virtual_card) -> None:
    connection = connect(virtual_card.reader)
    terminal = Terminal(lambda apdu: transmit(connection, apdu), extended=True)
    terminal.pace(2, virtual_card.image.key_can.encode())
    terminal.select_application()
    dg2 = terminal.read_sfi(0x02, chunk=4096)
    assert dg2 == virtual_card.image.app_files[0x0102]
    connection.disconnect()


@pytest.mark.card(profile="cccd-2021", faults=["remove-at=6"])
def test_remove_at_makes_the_card_disappear_and_reinsertion_works(virtual_card) -> None:
    connection = connect(virtual_card.reader)
    for _ in range(6):
        assert sw(connection, "00B09C0000") == "9000"
    with pytest.raises(CardConnectionException):
        transmit(connection, bytes.fromhex("00B09C0000"))
    drop(connection)
    virtual_card.wait_absent()
    with pytest.raises(NoCardException):
        connect(virtual_card.reader)
    virtual_card.insert()
    connection = connect(virtual_card.reader)
    # the fault fires once: the card then stays, in a fresh state
    assert sw(connection, "00B09C0000") == "9000"
    assert sw(connection, SELECT_AID) == "9000"
    connection.disconnect()


@pytest.mark.card(profile="cccd-2021", faults=["remove-at=3", "reinsert-after=0.3"])
def test_card_comes_back_by_itself_after_reinsert_after(virtual_card) -> None:
    connection = connect(virtual_card.reader)
    for _ in range(3):
        sw(connection, SELECT_AID)
    with pytest.raises(CardConnectionException):
        transmit(connection, bytes.fromhex(SELECT_AID))
    drop(connection)
    virtual_card.wait_absent()
    virtual_card.wait_present()
    assert sw(connect(virtual_card.reader), SELECT_AID) == "9000"


def test_stopping_the_emulator_leaves_no_card(start_virtual_card) -> None:
    running = start_virtual_card("passport-td3")
    running.stop()
    with pytest.raises(NoCardException):
        connect(running.reader)


def test_many_round_trips_on_one_connection_each_get_a_fresh_challenge(virtual_card) -> None:
    # How fast they go is measured by bench/cardsim.py (the Nagle trap shows there).
    connection = connect(virtual_card.reader)
    assert sw(connection, SELECT_AID) == "9000"
    challenges = set()
    for _ in range(50):
        data, sw1, sw2 = connection.transmit(list(bytes.fromhex("0084000008")))
        assert (sw1, sw2) == (0x90, 0x00) and len(data) == 8
        challenges.add(bytes(data))
    assert len(challenges) == 50  # random each time, never replayed
    connection.disconnect()
