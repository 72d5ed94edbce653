"""The OpenAPI document served by the running service is self-contained: every
``$ref`` (and every discriminator mapping) points at something inside it, and the
life-event body documents both certificate kinds."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx

from testkit.central_server import RunningCentral


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value
            elif key == "mapping" and isinstance(value, dict):
                yield from (v for v in value.values() if isinstance(v, str))
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _refs(item)


def _resolve(document: dict[str, Any], ref: str) -> Any:
    assert ref.startswith("#/"), f"not a local reference: {ref}"
    node: Any = document
    for part in ref[2:].split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        assert isinstance(node, dict) and part in node, f"{ref} does not resolve"
        node = node[part]
    return node


def test_every_reference_in_the_served_document_resolves(central: RunningCentral) -> None:
    document = httpx.get(f"{central.url}/openapi.json").json()
    refs = set(_refs(document))
    assert len(refs) > 20
    unresolved = []
    for ref in sorted(refs):
        try:
            _resolve(document, ref)
        except AssertionError as exc:
            unresolved.append(str(exc))
    assert unresolved == []

    body = document["paths"]["/api/v1/life-events"]["post"]["requestBody"]
    schema = body["content"]["application/json"]["schema"]
    kinds = {_resolve(document, one["$ref"])["title"] for one in schema["oneOf"]}
    assert kinds == {"BirthCertificate", "DeathNotice"}
    birth = _resolve(document, schema["discriminator"]["mapping"]["birth"])
    assert {"mother", "child", "certificate_number"} <= set(birth["properties"])
