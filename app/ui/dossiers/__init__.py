"""Dossier pages: the list (Hồ sơ), the detail dialog, and returns (Trả kết quả)."""

from app.ui.dossiers.detail_dialog import DossierDetailDialog
from app.ui.dossiers.list_page import DossierListPage
from app.ui.dossiers.returns_page import ReturnsPage

__all__ = ["DossierDetailDialog", "DossierListPage", "ReturnsPage"]
