"""The server's access log records paths, never query strings.

The citizen page is opened from the receipt's QR code as ``/tra-cuu?ma=…&khoa=…``: the
look-up code is a bearer secret, so it must not land in log files that operators copy
around. Every access-log line keeps the path and drops what follows ``?``.
"""

from __future__ import annotations

import copy
import logging
from typing import Any


class PathOnly(logging.Filter):
    """Cuts the query string off uvicorn's access record (client, method, path, …)."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str):
            record.args = (*args[:2], args[2].split("?", 1)[0], *args[3:])
        return True


def log_config() -> dict[str, Any]:
    """uvicorn's logging configuration with :class:`PathOnly` on the access handler
    (a configuration, not a patched logger: each worker process applies it)."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config.setdefault("filters", {})["path_only"] = {"()": PathOnly}
    config["handlers"]["access"]["filters"] = ["path_only"]
    return config
