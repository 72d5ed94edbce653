"""``motcua-central verify-register``: progress on stderr, a JSON summary on stdout."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys

from app.shared.types import utcnow
from central.db import CentralDatabase
from central.register_check.adapter import (
    Guarded,
    PopulationRegister,
    ReferenceRegister,
    RegisterUnavailable,
    RetryPolicy,
)
from central.register_check.http_register import HttpRegister
from central.register_check.runner import AlreadyRunning, Progress, verify


def verify_register(db: CentralDatabase, args: argparse.Namespace) -> int:
    def report(p: Progress) -> None:
        print(p.line(), file=sys.stderr, flush=True)

    def retrying(attempt: int, exc: Exception) -> None:
        print(f"register unavailable ({exc}); attempt {attempt + 1}", file=sys.stderr, flush=True)

    connection: PopulationRegister = ReferenceRegister(db, latency=args.latency)
    if getattr(args, "register_url", ""):
        connection = HttpRegister(
            args.register_url,
            connect_timeout=args.connect_timeout,
            read_timeout=args.read_timeout,
            token=os.environ.get("MOTCUA_REGISTER_TOKEN", ""),
        )
    register = Guarded(
        connection,
        rate=args.rate or None,
        burst=float(args.batch),  # steady: never more than one batch ahead of the rate
        retry=RetryPolicy(attempts=args.attempts, timeout=args.timeout),
        on_retry=retrying,
    )
    recheck_before = (
        utcnow() - dt.timedelta(days=args.recheck_days) if args.recheck_days is not None else None
    )
    try:
        final = verify(
            db,
            register,
            batch=args.batch,
            recheck_before=recheck_before,
            on_progress=report,
            progress_every=args.progress_every,
        )
    except AlreadyRunning:
        print("another register check is running; nothing done", file=sys.stderr)
        return 1
    except RegisterUnavailable as exc:
        print(
            f"the register did not answer ({exc.kind}: {exc}); results so far are kept,"
            " run the command again to continue",
            file=sys.stderr,
        )
        return 3
    finally:
        if isinstance(connection, HttpRegister):
            connection.close()
    if final.counts.get("not_checked"):
        print(
            f"{final.counts['not_checked']} people not checked (the register did not answer);"
            " the next run asks again",
            file=sys.stderr,
        )
    summary = {
        "run": final.run_id,
        "resumed": final.resumed,
        "checked": final.done,
        "total": final.total,
        "outcomes": final.counts,
    }
    print(json.dumps(summary, ensure_ascii=False))
    return 0
