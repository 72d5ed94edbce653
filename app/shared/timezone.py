"""The time zone of all calendar reasoning: Asia/Ho_Chi_Minh.

Vietnam has kept UTC+7 without daylight saving since 1975, so when the IANA database
is missing (Windows without the ``tzdata`` package) a fixed offset gives the same
answers for every date the app handles.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

try:
    VN_TZ: dt.tzinfo = ZoneInfo("Asia/Ho_Chi_Minh")
except ZoneInfoNotFoundError:  # pragma: no cover - depends on the OS
    VN_TZ = dt.timezone(dt.timedelta(hours=7), "ICT")
