"""Every table of the central schema, in one metadata.

Feature packages keep their tables beside their code (``central/life_events/tables.py``…);
importing this module registers them all on ``central.models.Base``, for the migration
environment, ``create_all`` in tests and the models-equal-head test.
"""

from __future__ import annotations

from central.life_events import tables as life_event_tables
from central.models import Base
from central.register_check import models as register_check_tables

metadata = Base.metadata

__all__ = ["life_event_tables", "metadata", "register_check_tables"]
