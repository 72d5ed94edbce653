"""Targeted kill points for the soak's counters (``bench/soak.py``).

A counter started with ``MOTCUA_SOAK_KILL=<point>:<skip>`` SIGKILLs itself the
``skip + 1``-th time it reaches ``<point>``, after writing the point's name to the file
``MOTCUA_SOAK_KILL_LOG`` (so the soak counts which moments were hit). The hooks wrap the
real sync code from outside (the application carries no test hooks):

- ``after_commit``: the intake committed, nothing synced yet;
- ``between_outbox_rows``: inside the intake's transaction, after a dossier's outbox
  entry and before its event's (SQLite rolls the half back);
- ``push_sent``: a push is on its way, the answer not read (central may or may not
  have committed it);
- ``central_committed``: central answered (committed), the counter has not yet
  recorded the acknowledgements;
- ``mid_ack``: half the acknowledged outbox entries marked sent, inside the
  transaction, the rest not;
- ``mid_upload``: an attachment's content partly uploaded (one chunk of several).
"""

from __future__ import annotations

import os
import signal
import threading
from typing import Any

POINTS = (  # in the order the soak takes them (a short run reaches the first ones)
    "central_committed",
    "mid_upload",
    "between_outbox_rows",
    "push_sent",
    "mid_ack",
    "after_commit",
)


class KillPoint:
    def __init__(self, spec: str, log: str) -> None:
        name, _, skip = spec.partition(":")
        self.name = name
        self.left = int(skip or 0)
        self.log = log

    def reached(self, name: str) -> None:
        if name != self.name:
            return
        if self.left > 0:
            self.left -= 1
            return
        self.die()

    def die(self) -> None:
        if self.log:
            with open(self.log, "a", encoding="utf-8") as f:
                f.write(f"{self.name}\n")
        os.kill(os.getpid(), signal.SIGKILL)


def install(spec: str, log: str) -> KillPoint:
    """Wrap the sync and outbox code so ``spec``'s point kills this process."""
    from app.services.sync import client, push
    from testkit import counter_sim

    point = KillPoint(spec, log)

    real_enqueue = counter_sim.enqueue

    def enqueue(session: Any, entity: str, entity_id: str) -> Any:
        answer = real_enqueue(session, entity, entity_id)
        if entity == "dossier":
            session.flush()
            point.reached("between_outbox_rows")
        return answer

    counter_sim.enqueue = enqueue  # type: ignore[assignment]

    real_push = client.CentralClient.push

    def push_call(self: Any, office: str, items: list[Any]) -> Any:
        if point.name == "push_sent" and point.left == 0:
            # Fires while the request is in flight, or right after the answer came.
            threading.Timer(0.02 + 0.2 * (os.getpid() % 7) / 7, point.die).start()
        answer = real_push(self, office, items)
        point.reached("push_sent")
        point.reached("central_committed")
        return answer

    client.CentralClient.push = push_call  # type: ignore[method-assign]

    real_put = client.CentralClient.blob_put

    def blob_put(self: Any, office: str, sha256: str, offset: int, data: bytes) -> Any:
        status = real_put(self, office, sha256, offset, data)
        if not status.complete:
            point.reached("mid_upload")
        return status

    client.CentralClient.blob_put = blob_put  # type: ignore[method-assign]

    real_mark = push._mark

    def mark(session: Any, seqs: list[int], **values: Any) -> None:
        if values.get("state") == "sent" and len(seqs) > 1 and point.name == "mid_ack":
            half = len(seqs) // 2
            real_mark(session, seqs[:half], **values)
            session.flush()
            point.reached("mid_ack")
            real_mark(session, seqs[half:], **values)
            return
        real_mark(session, seqs, **values)

    push._mark = mark  # type: ignore[assignment]
    return point
