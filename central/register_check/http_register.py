"""A population register reached over HTTP(S), with connect and read timeouts.

The exchange, one call per batch: ``POST <url>`` with ``{"id_numbers": [...]}``;
the answer ``{"people": [{"id_number", "full_name", "date_of_birth" (ISO date or
null), "sex"}, ...], "not_found": [...]}``. An ID number in neither list is no answer
(``Guarded`` then retries: never "not found" by omission).

Every call is bounded three ways: the TCP connection within ``connect_timeout``, each
read within ``read_timeout``, and the whole answer within the caller's ``timeout`` (a
server that trickles a byte at a time passes every read timeout yet never finishes).
Each failure becomes ``RegisterUnavailable`` with its kind, so the run records the
batch as "not checked, retry later" instead of stopping (``runner.verify``).
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Sequence
from typing import Any

import httpx

from central.register_check.adapter import RegisterRecord, RegisterUnavailable


class HttpRegister:
    def __init__(
        self,
        url: str,
        *,
        connect_timeout: float = 5.0,
        read_timeout: float = 10.0,
        token: str = "",
        verify: bool | str = True,  # a CA bundle path for a private certificate authority
        source: str = "",
    ) -> None:
        self.url = url
        self.source = source or f"http:{httpx.URL(url).host}"
        self.connect_timeout, self.read_timeout = connect_timeout, read_timeout
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self._client = httpx.Client(headers=headers, verify=verify)

    def close(self) -> None:
        self._client.close()

    def fetch(
        self, id_numbers: Sequence[str], *, timeout: float
    ) -> dict[str, RegisterRecord | None]:
        deadline = time.monotonic() + timeout
        limits = httpx.Timeout(
            connect=min(self.connect_timeout, timeout),
            read=min(self.read_timeout, timeout),
            write=min(self.read_timeout, timeout),
            pool=min(self.connect_timeout, timeout),
        )
        try:
            with self._client.stream(
                "POST", self.url, json={"id_numbers": list(id_numbers)}, timeout=limits
            ) as response:
                if response.status_code == 429 or response.status_code >= 500:
                    raise RegisterUnavailable(f"HTTP {response.status_code}", kind="overloaded")
                if response.status_code != 200:
                    raise RegisterUnavailable(f"HTTP {response.status_code}", kind="bad_answer")
                body = bytearray()
                for chunk in response.iter_bytes():
                    body += chunk
                    if time.monotonic() > deadline:
                        raise RegisterUnavailable("answer too slow", kind="read_timeout")
        except httpx.ConnectTimeout as exc:
            raise RegisterUnavailable(
                str(exc) or "connect timeout", kind="connect_timeout"
            ) from exc
        except (httpx.ReadTimeout, httpx.WriteTimeout, httpx.PoolTimeout) as exc:
            raise RegisterUnavailable(str(exc) or "read timeout", kind="read_timeout") from exc
        except httpx.TransportError as exc:  # refused, reset, TLS, DNS
            raise RegisterUnavailable(f"{type(exc).__name__}: {exc}", kind="unreachable") from exc
        return _parse(bytes(body), id_numbers)


def _parse(body: bytes, asked: Sequence[str]) -> dict[str, RegisterRecord | None]:
    try:
        data: dict[str, Any] = json.loads(body)
        found: dict[str, RegisterRecord | None] = {n: None for n in data.get("not_found", [])}
        for p in data.get("people", []):
            born = p.get("date_of_birth")
            found[p["id_number"]] = RegisterRecord(
                p["id_number"],
                p.get("full_name", ""),
                dt.date.fromisoformat(born) if born else None,
                p.get("sex", ""),
            )
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise RegisterUnavailable(f"{type(exc).__name__}: {exc}", kind="bad_answer") from exc
    wanted = set(asked)
    return {n: r for n, r in found.items() if n in wanted}
