"""Reading the codes people type or scan: the same rules at the counter, in the back
office and on the citizen's look-up page."""

from __future__ import annotations


def normalise_lookup_code(text: str) -> str:
    """What an officer or citizen typed, read kindly: case, spaces and dashes ignored."""
    return text.strip().upper().replace(" ", "").replace("-", "")


# The 4-digit daily serial of dossier codes: central leases 0001–LEASED_LAST, the rest is
# the counters' offline reserve (app.services.dossier_codes explains the split).
LEASED_LAST = 4999
