"""The citizen's look-up page ``/tra-cuu``: what the receipt's QR code opens.

Dossier code + look-up code (both in full) → status, appointment, what is missing if
completion was requested, where and how to collect the result, the office's contact,
and whether the result central holds carries the office's valid digital signature.
Nothing else personal: no name, no ID number, no address. An unknown code and a wrong
look-up code get the same answer, compared in constant time, so a guess reveals
nothing; each client address gets a handful of look-ups per minute.
"""

from __future__ import annotations

import hmac
import threading
import time
from collections import deque
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy import select

from app.shared.codes import normalise_lookup_code
from central.db import CentralDatabase
from central.models import DossierQueueEntry, Office, OfficeProfile
from central.web import results
from central.web.pages import render

PER_MINUTE = 10
_WINDOW = 60.0


class RateLimiter:
    """Sliding window per client address, in this process (one per worker)."""

    def __init__(self, limit: int = PER_MINUTE, window: float = _WINDOW) -> None:
        self.limit = limit
        self.window = window
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        now = time.monotonic()
        with self._lock:
            hits = self._hits.setdefault(key, deque())
            while hits and now - hits[0] > self.window:
                hits.popleft()
            if len(hits) >= self.limit:
                return False
            hits.append(now)
            if len(self._hits) > 10_000:  # forget idle addresses, bounded memory
                for k in [k for k, v in self._hits.items() if not v][:5_000]:
                    del self._hits[k]
            return True


@dataclass(frozen=True, slots=True)
class PublicStatus:
    code: str
    status: str
    due_at: Any
    missing: str
    office_name: str
    address: str
    phone: str
    hours: str
    delivery_method: str
    result_signature: str = ""  # "valid" | "invalid" | "" (no result yet)


def find(db: CentralDatabase, code: str, key: str) -> PublicStatus | None:
    code = code.strip()
    key = normalise_lookup_code(key)
    if not code or not key:
        return None
    with db.session() as s:
        entry = s.scalar(
            select(DossierQueueEntry).where(DossierQueueEntry.code.in_({code, code.upper()}))
        )
        # Same work whether or not the code exists: compare against a dummy.
        expected = entry.lookup_code if entry and entry.lookup_code else "\0" * len(key)
        if not hmac.compare_digest(expected.encode(), key.encode()) or entry is None:
            return None
        office = s.get(Office, entry.office_code)
        profile = s.get(OfficeProfile, entry.office_code)
        from central.models import SyncedRow

        stored = s.get(SyncedRow, ("dossier", entry.dossier_id))
        delivery = stored.data.get("delivery_method", "counter") if stored else "counter"
        signature = ""
        if entry.status in ("result_ready", "returned"):
            signature = results.signature_state(s, entry.dossier_id, entry.office_code)
        return PublicStatus(
            code=entry.code,
            status=entry.status,
            due_at=entry.due_at,
            missing=entry.missing if entry.status == "completion_requested" else "",
            office_name=office.name if office else entry.office_code,
            address=profile.address if profile else "",
            phone=profile.phone if profile else "",
            hours=profile.hours if profile else "",
            delivery_method=delivery,
            result_signature=signature,
        )


def build_router(db: CentralDatabase) -> APIRouter:
    router = APIRouter(include_in_schema=False)
    limiter = RateLimiter()

    @router.get("/tra-cuu")
    def lookup_page(request: Request, ma: str = "", khoa: str = "") -> Response:
        ma, khoa = ma[:60], khoa[:40]
        if not ma and not khoa:
            return render(request, "lookup.html", ma="", khoa="", found=None, asked=False)
        client = request.client.host if request.client else "?"
        if not limiter.allow(client):
            response = render(
                request,
                "lookup.html",
                status_code=429,
                ma=ma,
                khoa=khoa,
                found=None,
                asked=True,
                limited=True,
            )
            response.headers["Retry-After"] = str(int(_WINDOW))
            return response
        found = find(db, ma, khoa)
        return render(
            request,
            "lookup.html",
            status_code=200 if found else 404,
            ma=ma,
            khoa=khoa,
            found=found,
            asked=True,
            limited=False,
        )

    return router
