"""Procedure catalog: data files in ``resources/procedures`` validated by JSON Schema."""

from app.services.catalog.loader import Catalog
from app.services.catalog.model import DocumentSpec, Procedure, ProcessingTime, TimeUnit
from app.services.catalog.store import CatalogStore

__all__ = ["Catalog", "CatalogStore", "DocumentSpec", "Procedure", "ProcessingTime", "TimeUnit"]
