"""The CSCA trust list from central to the next card read: published with
``motcua-central`` on the real central (PostgreSQL), pulled by the counter's real
sync engine, checked against the pinned demo signer and used by the very next chip
read of the same running counter, without a restart."""

from __future__ import annotations

from pathlib import Path

import pytest
from sync_helpers import Counter

from app.cardsim.card import VirtualCard
from app.cardsim.faults import Faults
from app.cardsim.profile import load_profile
from app.services.card import access_keys
from app.services.card.reader import read_card
from app.services.card.transport import FunctionTransport
from app.services.card.trust_anchors import counter_trust
from app.services.identity import Identity, Verdict
from app.shared import paths
from central import cli
from testkit.central_server import RunningCentral

PKI = Path(__file__).resolve().parents[3] / "resources" / "cards" / "pki"

pytestmark = pytest.mark.parametrize(
    "central_db_url", [pytest.param("postgres", marks=pytest.mark.postgres)], indirect=True
)


def _publish(db_url: str, tmp_path: Path, version: str, signer: str, *cscas: str) -> None:
    """What the central operator runs: sign the list, then publish it."""
    out = tmp_path / f"trust-{version}.ml"
    assert cli.main(["trust-list", "--signer-cert", str(PKI / f"{signer}.der"),
                     "--signer-key", str(PKI / f"{signer}-key.pem"), "--out", str(out),
                     *[str(PKI / f"{c}.der") for c in cscas]]) == 0  # fmt: skip
    assert cli.main(["--db", db_url, "publish", "trust", version, str(out)]) == 0


def _read(trust, profile: str = "cccd-2021") -> Identity:  # type: ignore[no-untyped-def]
    """One chip read as the intake does it: the anchors as they are now."""
    card = VirtualCard.from_profile(profile, Faults())
    atr = card.power_on()
    holder = load_profile(profile).holder
    keys = access_keys.from_id_and_dob(holder.id_number, holder.birth)
    return read_card(FunctionTransport(card.process_apdu), keys, trust.current(), atr=atr)


def _sync(counter: Counter) -> None:
    report = counter.engine().sync_once()
    assert report.error is None, report.error


def test_a_published_trust_list_is_used_by_the_next_read_after_a_sync(
    central: RunningCentral, central_db_url: str, counter: Counter, tmp_path: Path
) -> None:
    trust = counter_trust(demo=True)  # the running counter's anchors, built once
    before = _read(trust)
    assert before.checks.passive is Verdict.NO_CSCA and before.checks.colour == "amber"

    _publish(central_db_url, tmp_path, "2026.1", "test-trust-list-signer", "test-csca")
    _sync(counter)
    after = _read(trust)  # same counter, no restart: the list applies at once
    assert after.checks.passive is Verdict.PASSED and after.checks.colour == "green"

    # A list signed by anyone but the pinned signer is pulled but never applied.
    _publish(central_db_url, tmp_path, "2026.2", "dsc-vn", "test-csca-unknown")
    _sync(counter)
    assert _read(trust).checks.colour == "green"
    assert _read(trust, "cccd-untrusted").checks.colour == "amber"

    # The next signed list replaces the previous one entirely.
    _publish(central_db_url, tmp_path, "2026.3", "test-trust-list-signer", "test-csca-uto")
    _sync(counter)
    dropped = _read(trust)
    assert dropped.checks.passive is Verdict.NO_CSCA
    assert dropped.checks.passive_detail == "not signed by a trusted CSCA"
    # The demo's own central publishes into a folder apart from an office's.
    assert paths.central_trust_dir(demo=True).is_dir()
    assert not paths.central_trust_dir(demo=False).exists()
