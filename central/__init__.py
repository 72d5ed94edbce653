"""The reference central service counters sync with (FastAPI; PostgreSQL or SQLite)."""

__version__ = "0.1.0"
