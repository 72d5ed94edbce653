"""Reading the codes people type or scan: the same rules at the counter, in the back
office and on the citizen's look-up page."""

from __future__ import annotations


def normalise_lookup_code(text: str) -> str:
    """What an officer or citizen typed, read kindly: case, spaces and dashes ignored."""
    return text.strip().upper().replace(" ", "").replace("-", "")
