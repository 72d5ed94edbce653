"""Tables of the register check: one result per participant, one row per run.

A participant without a ``RegisterCheck`` row is "not checked yet". A result keeps the
participant ``version`` it checked, so a later run re-checks only participants whose
declared identity changed since (or results older than a chosen age). The run row is
the checkpoint: its ``cursor`` (the last BHXH number done, in key order) is committed
with each batch of results, so a killed run resumes where it stopped.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.shared.types import utcnow
from central.models import Base, BigId

VERIFIED = "verified"
DIFFERS = "differs"
NOT_FOUND = "not_found"
NOT_CHECKED = "not_checked"
OUTCOMES = (VERIFIED, DIFFERS, NOT_FOUND)

RUNNING = "running"
FINISHED = "finished"


class RegisterCheckRun(Base):
    __tablename__ = "register_check_runs"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    status: Mapped[str] = mapped_column(String(12), default=RUNNING, index=True)
    source: Mapped[str] = mapped_column(String(80))
    started_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    total: Mapped[int] = mapped_column(Integer, default=0)  # to check when the run began
    done: Mapped[int] = mapped_column(Integer, default=0)
    cursor: Mapped[str] = mapped_column(String(10), default="")  # last BHXH number done
    resumed: Mapped[int] = mapped_column(Integer, default=0)  # times picked up after a stop
    recheck_before: Mapped[dt.datetime | None] = mapped_column(default=None)
    counts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # outcome -> n


class RegisterCheck(Base):
    """The latest check of one participant."""

    __tablename__ = "register_checks"
    bhxh_number: Mapped[str] = mapped_column(
        ForeignKey("bhxh_participants.bhxh_number", ondelete="CASCADE"), primary_key=True
    )
    id_number: Mapped[str] = mapped_column(String(12), index=True)
    outcome: Mapped[str] = mapped_column(String(12), index=True)
    # [{"field": "full_name", "declared": "…", "registered": "…"}, …] when outcome differs
    differences: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    participant_version: Mapped[int] = mapped_column(Integer)
    # not indexed: every result is written once a run, read by range only in re-checks
    checked_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    source: Mapped[str] = mapped_column(String(80))
    run_id: Mapped[int] = mapped_column(BigId, ForeignKey("register_check_runs.id"))
    note: Mapped[str] = mapped_column(Text, default="")
