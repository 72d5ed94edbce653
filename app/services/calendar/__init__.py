"""Working days, holidays and appointment dates (Asia/Ho_Chi_Minh)."""

from app.services.calendar.appointment import appointment
from app.services.calendar.days import WorkCalendar, YearData
from app.services.calendar.store import CalendarStore, load_calendar
from app.services.calendar.timezone import VN_TZ

__all__ = ["VN_TZ", "CalendarStore", "WorkCalendar", "YearData", "appointment", "load_calendar"]
