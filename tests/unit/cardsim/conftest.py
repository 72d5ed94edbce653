"""Helpers for the emulator's unit tests: cards built from the shipped profiles."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from app.cardsim.build import CardImage, build_card
from app.cardsim.card import VirtualCard
from app.cardsim.faults import Faults
from app.cardsim.profile import load_profile


class ScriptedRandom:
    """Hands out the given values in order (then real randomness): replays worked examples."""

    def __init__(self, *values: str) -> None:
        self._values: Iterator[bytes] = iter(bytes.fromhex(v) for v in values)

    def __call__(self, n: int) -> bytes:
        value = next(self._values, None)
        if value is None:
            import os

            return os.urandom(n)
        assert len(value) == n, f"example value has {len(value)} bytes, card asked {n}"
        return value


_IMAGES: dict[tuple[str, Faults], CardImage] = {}


@pytest.fixture
def card_image() -> Callable[..., CardImage]:
    """Build (and cache per session) the card content of a profile with faults."""

    def make(profile: str = "cccd-2021", *faults: str) -> CardImage:
        key = (profile, Faults.parse(faults))
        if key not in _IMAGES:
            _IMAGES[key] = build_card(load_profile(profile), key[1])
        return _IMAGES[key]

    return make


@pytest.fixture
def make_card(card_image: Callable[..., CardImage]) -> Callable[..., VirtualCard]:
    def make(profile: str = "cccd-2021", *faults: str, rng=None) -> VirtualCard:
        kwargs = {"rng": rng} if rng else {}
        card = VirtualCard(card_image(profile, *faults), **kwargs)
        card.power_on()
        return card

    return make
