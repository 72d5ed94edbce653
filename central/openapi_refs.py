"""Request bodies documented from the models they are validated against.

A pydantic schema keeps its nested models under its own ``$defs``; pasted into the
OpenAPI document as is, its ``#/$defs/…`` references would point at the document's
root, where nothing is. So the nested models are generated as references into
``#/components/schemas`` and registered there when the document is built.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI

REF_TEMPLATE = "#/components/schemas/{model}"


def json_body(schema_of: Callable[..., dict[str, Any]]) -> tuple[dict[str, Any], dict[str, Any]]:
    """``openapi_extra`` for a required JSON body, and the components it refers to.
    ``schema_of`` is ``Model.model_json_schema`` or ``TypeAdapter.json_schema``."""
    schema = dict(schema_of(ref_template=REF_TEMPLATE))
    components = schema.pop("$defs", {})
    extra = {"requestBody": {"required": True, "content": {"application/json": {"schema": schema}}}}
    return extra, components


def add_components(app: FastAPI, components: dict[str, Any]) -> None:
    """Register ``components`` in the app's OpenAPI document (FastAPI's own win)."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = build()
            schemas = document.setdefault("components", {}).setdefault("schemas", {})
            for name, schema in components.items():
                schemas.setdefault(name, schema)
        return app.openapi_schema  # type: ignore[return-value]

    app.openapi = openapi  # type: ignore[method-assign]
