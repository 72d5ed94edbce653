"""Who may set which dossier status: the counter owns intake, the back office processing.

The counter receives, asks for completion, records completion, refuses at the counter,
cancels at the citizen's request and hands the result back (``returned``); the back
office takes the dossier into processing and answers it (``result_ready``,
``stopped``). Central checks every pushed status against this table, so a counter
can never create a dossier "result ready", return a dossier that has no result, or
move a dossier the back office has taken. Several counter moves made offline reach
central as one push, so a push may jump along any path of counter moves.
"""

from __future__ import annotations

from functools import cache

COUNTER_STATUSES = frozenset(
    {"received", "completion_requested", "completed", "refused", "cancelled", "returned"}
)
BACK_OFFICE_STATUSES = frozenset({"in_processing", "result_ready", "stopped", "extension"})
# A dossier reaches central first in one of these (moves made before the first push
# are folded in); never in a processing status and never already returned.
COUNTER_CREATES = frozenset(
    {"received", "completion_requested", "completed", "refused", "cancelled"}
)
COUNTER_MOVES: dict[str, frozenset[str]] = {
    "received": frozenset({"completion_requested", "refused", "cancelled"}),
    "completion_requested": frozenset({"completed", "refused", "cancelled"}),
    "completed": frozenset({"completion_requested", "cancelled"}),
    "result_ready": frozenset({"returned"}),
}


@cache
def _reachable(status: str) -> frozenset[str]:
    seen: set[str] = set()
    todo = [status]
    while todo:
        for nxt in COUNTER_MOVES.get(todo.pop(), frozenset()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return frozenset(seen)


def counter_create_problem(status: str | None) -> str:
    """Why a counter may not create a dossier in ``status`` ("" when it may)."""
    if status in COUNTER_CREATES:
        return ""
    if status in BACK_OFFICE_STATUSES:
        return f"status_owned_by_back_office {status}"
    return f"invalid_initial_status {status}"


def counter_move_problem(stored: str | None, pushed: str | None) -> str:
    """Why a counter may not move a dossier from ``stored`` to ``pushed`` ("" if it may)."""
    if stored == pushed:
        return ""
    if pushed in _reachable(stored or ""):
        return ""
    if pushed in BACK_OFFICE_STATUSES:
        return f"status_owned_by_back_office {stored}->{pushed}"
    if stored in BACK_OFFICE_STATUSES:
        return f"dossier_taken_by_back_office {stored}->{pushed}"
    return f"invalid_transition {stored}->{pushed}"
