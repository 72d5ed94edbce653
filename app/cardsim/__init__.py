"""MotCua's own virtual chip card: an ICAO 9303 eMRTD like the Vietnamese CCCD.

- ``card.VirtualCard``: the chip, pure Python (``process_apdu(bytes) -> bytes``);
- ``profile.load_profile`` / ``build.build_card``: fictitious holders from
  ``resources/cards/*.json`` turned into files, keys and an ATR;
- ``faults.Faults``: clone, altered DG13, wrong keys, expired DSC, removal, slowness;
- ``vpcd.VpcdClient``: the card behind pcscd via the vsmartcard ``vpcd`` driver;
- ``python -m app.cardsim`` (``motcua-cardsim``): the command line.

Written from ICAO Doc 9303 and ISO/IEC 7816-4 independently of the reader in
``app/services/card`` so that each checks the other. Test keys only.
"""
