"""Báo cáo: counts for a period, the tracking book (form 07), CSV exports."""

from app.ui.reports.page import ReportsPage

__all__ = ["ReportsPage"]
