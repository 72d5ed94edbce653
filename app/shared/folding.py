"""Text folding for type-to-search and name matching (the catalog, citizen names at the
counter, register and life-event matching at central share it)."""

from __future__ import annotations

import unicodedata

_EXTRA = str.maketrans({"đ": "d", "Đ": "d", "ð": "d"})


def fold(text: str) -> str:
    """Lower case, no diacritics, đ→d, single spaces: the form names are indexed in.

    Writers of ``Citizen.name_folded`` must use this function so searches match.
    """
    decomposed = unicodedata.normalize("NFD", text.translate(_EXTRA))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.lower().split())
