"""The calendar's time zone: ``app.shared.timezone`` (central reasons in it too)."""

from app.shared.timezone import VN_TZ

__all__ = ["VN_TZ"]
