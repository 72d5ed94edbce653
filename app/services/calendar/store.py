"""Loading the yearly calendar files; replaceable at run time like the catalog.

Files are ``<year>.json`` in ``resources/calendars/`` (or the installed copy in
``data_dir()/calendars``), each validated by ``schema.json``; a bad file is refused
with ``CALENDAR_INVALID`` ("<file>:<line>: problem") and the calendar in use stays.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
import threading
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator

from app.errors import ErrorKind, UserError
from app.services.calendar.days import OFFICIAL_KINDS, WorkCalendar, YearData
from app.services.catalog.jsonfile import (
    JsonFileError,
    install_folder,
    line_of,
    load_validated,
    validator_for,
)
from app.shared import paths

BUILTIN = paths.RESOURCES / "calendars"


@cache
def _validator() -> Draft202012Validator:
    return validator_for(BUILTIN / "schema.json")


def _year_files(folder: Path) -> list[Path]:
    return sorted(f for f in folder.glob("*.json") if f.stem.isdigit())


def load_year(file: Path) -> YearData:
    raw = load_validated(file, _validator())
    text = file.read_text(encoding="utf-8")
    year = raw["year"]
    if file.stem != str(year):
        raise JsonFileError(
            file.name, line_of(text, ["year"]), f"year {year} must match the file name"
        )
    lists: dict[str, dict[dt.date, str]] = {"days_off": {}, "working_days": {}}
    kinds: dict[dt.date, str] = {}
    for key, target in lists.items():
        for i, entry in enumerate(raw[key]):
            first = dt.date.fromisoformat(entry.get("date") or entry["from"])
            last = dt.date.fromisoformat(entry.get("date") or entry["to"])
            if first.year != year or last.year != year or last < first:
                raise JsonFileError(
                    file.name,
                    line_of(text, [key, i]),
                    f"{key}/{i}: dates must be in {year}, from <= to",
                )
            d = first
            while d <= last:
                target.setdefault(d, entry["name"])
                if key == "days_off":
                    # A day named twice (a break and a swap inside it) keeps the
                    # narrower, later entry's kind: breaks are listed first.
                    kinds[d] = entry.get("kind", "holiday")
                d += dt.timedelta(days=1)
    for i, entry in enumerate(raw["working_days"]):
        d = dt.date.fromisoformat(entry.get("date") or entry["from"])
        if d in lists["days_off"]:
            raise JsonFileError(
                file.name,
                line_of(text, ["working_days", i]),
                f"working_days/{i}: {d} is also a day off",
            )
    excludes = frozenset(raw.get("holiday_count_excludes", OFFICIAL_KINDS))
    return YearData(year, lists["days_off"], lists["working_days"], kinds, excludes)


def load_calendar(folder: Path = BUILTIN) -> WorkCalendar:
    try:
        return WorkCalendar([load_year(f) for f in _year_files(folder)])
    except JsonFileError as exc:
        raise UserError(ErrorKind.CALENDAR_INVALID, detail=str(exc)) from exc


class CalendarStore:
    def __init__(self, builtin: Path = BUILTIN, installed: Path | None = None) -> None:
        self._builtin = builtin
        self._installed = installed or paths.data_dir() / "calendars"
        self._lock = threading.Lock()
        self._current = self._initial()

    def _initial(self) -> WorkCalendar:
        if self._installed.is_dir() and _year_files(self._installed):
            try:
                return load_calendar(self._installed)
            except UserError:
                pass  # fall back to the shipped calendar rather than stop the counter
        return load_calendar(self._builtin)

    @property
    def current(self) -> WorkCalendar:
        return self._current

    def replace(self, source: Path | Sequence[Path]) -> WorkCalendar:
        """Use the year files in ``source``; years not given keep the shipped data."""
        files = _year_files(source) if isinstance(source, Path) else list(source)
        with tempfile.TemporaryDirectory(prefix="calendars-") as tmp:
            staging = Path(tmp)
            for f in _year_files(self._builtin):
                shutil.copy2(f, staging / f.name)
            for f in files:
                shutil.copy2(f, staging / f.name)
            calendar = load_calendar(staging)  # raises before anything changes
            with self._lock:
                install_folder(_year_files(staging), self._installed)
                self._current = calendar
        return calendar
