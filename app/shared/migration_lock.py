"""One lock for every Alembic run in the process.

Alembic's migration context is process-global: the counter database and the embedded
central service (demo, tests) must never migrate at the same time in one process.
"""

from __future__ import annotations

import threading

MIGRATION_LOCK = threading.RLock()
