"""PC/SC transport: reading a card (``card/monitor.py`` is the other pyscard importer:
it watches readers for insertion and removal).

One ``PcscConnection`` holds the card exclusively for a whole read (other programs
cannot interleave APDUs into our secure-messaging session) and resets the card on
close so the session keys die with it. Every PC/SC failure becomes one ``UserError``
kind, like web-eid's retriable errors.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import TracebackType

from smartcard import scard

from app.errors import ErrorKind, UserError
from app.services.card.transport import TransportStats

_SERVICE_DOWN = {
    scard.SCARD_E_NO_SERVICE,
    scard.SCARD_E_SERVICE_STOPPED,
    scard.SCARD_E_NO_READERS_AVAILABLE,
}
_CARD_GONE = {
    scard.SCARD_W_REMOVED_CARD,
    scard.SCARD_E_NO_SMARTCARD,
    scard.SCARD_W_RESET_CARD,
    scard.SCARD_W_UNPOWERED_CARD,
    scard.SCARD_E_READER_UNAVAILABLE,
    scard.SCARD_W_UNRESPONSIVE_CARD,
}
# The exchange broke off mid-APDU: on contactless readers, a card leaving the field.
_LINK_LOST = {scard.SCARD_E_NOT_TRANSACTED, scard.SCARD_E_COMM_DATA_LOST}
PNP_NOTIFICATION = "\\\\?PnP?\\Notification"


def _message(code: int) -> str:
    return f"PC/SC 0x{code & 0xFFFFFFFF:08X}"


def establish_context() -> int:
    try:
        result, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    except scard.error as exc:  # pyscard raises when libpcsclite cannot talk to pcscd
        raise UserError(ErrorKind.PCSC_NOT_RUNNING, detail=str(exc)) from exc
    if result != scard.SCARD_S_SUCCESS:
        raise UserError(ErrorKind.PCSC_NOT_RUNNING, detail=_message(result))
    return context


def list_readers(context: int) -> list[str]:
    result, readers = scard.SCardListReaders(context, [])
    if result == scard.SCARD_E_NO_READERS_AVAILABLE:
        return []
    if result in (scard.SCARD_E_NO_SERVICE, scard.SCARD_E_SERVICE_STOPPED):
        raise UserError(ErrorKind.PCSC_NOT_RUNNING, detail=_message(result))
    if result != scard.SCARD_S_SUCCESS:
        raise UserError(ErrorKind.NO_READER, detail=_message(result))
    return list(readers)


def reader_states(
    context: int, readers: list[str], timeout_ms: int = 0
) -> dict[str, tuple[int, bytes]]:
    """Current (event state, ATR) per reader."""
    if not readers:
        return {}
    result, states = scard.SCardGetStatusChange(
        context, timeout_ms, [(name, scard.SCARD_STATE_UNAWARE) for name in readers]
    )
    if result in (scard.SCARD_E_NO_SERVICE, scard.SCARD_E_SERVICE_STOPPED):
        raise UserError(ErrorKind.PCSC_NOT_RUNNING, detail=_message(result))
    if result != scard.SCARD_S_SUCCESS:
        return {}
    return {name: (state, bytes(atr)) for name, state, atr in states}


@dataclass(frozen=True, slots=True)
class ReaderInfo:
    name: str
    card_present: bool
    atr: bytes


def diagnose() -> list[ReaderInfo]:
    """Readers and their cards, for a diagnostics page and ``card watch``."""
    context = establish_context()
    try:
        readers = list_readers(context)
        states = reader_states(context, readers)
        return [
            ReaderInfo(
                name,
                bool(states.get(name, (0, b""))[0] & scard.SCARD_STATE_PRESENT),
                states.get(name, (0, b""))[1],
            )
            for name in readers
        ]
    finally:
        scard.SCardReleaseContext(context)


class PcscConnection:
    """``with PcscConnection(reader) as card: read_card(card, ...)``."""

    def __init__(self, reader: str | None = None) -> None:
        self.wanted = reader
        self.reader_name = ""
        self.atr = b""
        self.stats = TransportStats()
        self._context: int | None = None
        self._card: int | None = None
        self._protocol = 0

    def __enter__(self) -> PcscConnection:
        self.open()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _pick_reader(self, readers: list[str]) -> str:
        if self.wanted:
            matches = [r for r in readers if r == self.wanted] or [
                r for r in readers if self.wanted.lower() in r.lower()
            ]
            if not matches:
                raise UserError(ErrorKind.NO_READER, detail="named reader not connected")
            return matches[0]
        assert self._context is not None
        states = reader_states(self._context, readers)
        with_card = [r for r in readers if states.get(r, (0, b""))[0] & scard.SCARD_STATE_PRESENT]
        if not with_card:
            raise UserError(ErrorKind.NO_CARD, detail=f"{len(readers)} reader(s), no card")
        return with_card[0]

    def open(self) -> None:
        self._context = establish_context()
        try:
            readers = list_readers(self._context)
            if not readers:
                raise UserError(ErrorKind.NO_READER)
            self.reader_name = self._pick_reader(readers)
            result, card, protocol = scard.SCardConnect(
                self._context,
                self.reader_name,
                scard.SCARD_SHARE_EXCLUSIVE,
                scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1,
            )
            if result in _CARD_GONE or result == scard.SCARD_E_NO_SMARTCARD:
                raise UserError(ErrorKind.NO_CARD, detail=_message(result))
            if result == scard.SCARD_E_SHARING_VIOLATION:
                raise UserError(ErrorKind.NO_CARD, detail="card held by another program")
            if result in _SERVICE_DOWN:
                raise UserError(ErrorKind.PCSC_NOT_RUNNING, detail=_message(result))
            if result != scard.SCARD_S_SUCCESS:
                raise UserError(ErrorKind.UNSUPPORTED_CARD, detail=_message(result))
            self._card, self._protocol = card, protocol
            result, _reader, _state, _proto, atr = scard.SCardStatus(card)
            self.atr = bytes(atr) if result == scard.SCARD_S_SUCCESS else b""
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        if self._card is not None:
            # Reset: no secure-messaging session outlives our read.
            scard.SCardDisconnect(self._card, scard.SCARD_RESET_CARD)
            self._card = None
        if self._context is not None:
            scard.SCardReleaseContext(self._context)
            self._context = None

    def transmit(self, apdu: bytes) -> tuple[bytes, int]:
        if self._card is None:
            raise UserError(ErrorKind.NO_CARD, detail="not connected")
        result, response = scard.SCardTransmit(self._card, self._protocol, list(apdu))
        if result != scard.SCARD_S_SUCCESS:
            if result in _CARD_GONE:
                raise UserError(ErrorKind.CARD_REMOVED, detail=_message(result))
            if result in _SERVICE_DOWN:
                raise UserError(ErrorKind.PCSC_NOT_RUNNING, detail=_message(result))
            if _is_extended(apdu):
                # The reader or driver refused an extended APDU: answer as a card
                # would ("wrong length") so the file reader falls back to short ones.
                return b"", 0x6700
            if result in _LINK_LOST:
                raise UserError(ErrorKind.CARD_REMOVED, detail=_message(result))
            raise UserError(ErrorKind.UNREADABLE_DATA, detail=_message(result))
        raw = bytes(response)
        self.stats.record(len(apdu), len(raw))
        if len(raw) < 2:
            raise UserError(ErrorKind.CARD_REMOVED, detail="response without status word")
        return raw[:-2], int.from_bytes(raw[-2:], "big")


def _is_extended(apdu: bytes) -> bool:
    # Short APDUs never have a zero byte right after the header unless it is the
    # only byte (Le = 256); an extended Lc/Le field starts with 00.
    return len(apdu) > 5 and apdu[4] == 0


def card_present(reader: str | None = None) -> bool:
    context = establish_context()
    try:
        readers = list_readers(context)
        states = reader_states(
            context, [r for r in readers if not reader or reader.lower() in r.lower()]
        )
        return any(state & scard.SCARD_STATE_PRESENT for state, _ in states.values())
    finally:
        scard.SCardReleaseContext(context)
