"""Oversized bodies are refused while they stream in, before parsing or authentication."""

from __future__ import annotations

import socket
from urllib.parse import urlsplit

import httpx
import pytest
from central_helpers import Device, dossier_item

from central.limits import KB, MB, limit_for
from central.seed import DEMO_OFFICE
from testkit.central_server import RunningCentral


def _raw(central: RunningCentral, head: bytes, chunks: int, chunk: bytes) -> tuple[bytes, int]:
    """Send ``head`` then chunked pieces until the server answers; (answer, pieces sent)."""
    parts = urlsplit(central.url)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall(head)
        sent = 0
        sock.settimeout(0.05)
        answer = b""
        for sent in range(1, chunks + 1):  # noqa: B007
            try:
                sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            except OSError:
                break  # the server closed: it answered already
            try:
                answer = sock.recv(4096)
            except TimeoutError:
                continue
            if answer:
                break
        sock.settimeout(10)
        if not answer:
            answer = sock.recv(4096)
        return answer, sent


def test_the_limits_per_path() -> None:
    assert limit_for("POST", "/api/v1/enroll") == 64 * KB
    assert limit_for("POST", "/api/v1/offices/000.00.22.H99/push") == 8 * MB
    assert limit_for("PUT", "/api/v1/offices/X/blobs/" + "a" * 64) == 4 * MB
    assert limit_for("POST", "/api/v1/backoffice/officers") == 64 * KB
    assert limit_for("POST", "/backoffice/dossiers/d-1/result") > 20 * MB  # results.MAX_RESULT
    assert limit_for("POST", "/backoffice/dossiers/d-1/actions/take") == 64 * KB


@pytest.mark.parametrize("path", ["/api/v1/enroll", "/api/v1/backoffice/officers"])
def test_a_declared_oversized_body_is_refused_before_it_is_read(
    central: RunningCentral, path: str
) -> None:
    answer = httpx.post(
        central.url + path,
        content=b"{" + b" " * (65 * KB) + b"}",
        headers={"Content-Type": "application/json"},
    )
    assert answer.status_code == 413 and answer.json()["reason"] == "body_too_large"


def test_a_chunked_body_is_cut_off_at_the_limit_while_it_streams(central: RunningCentral) -> None:
    head = (
        b"POST /api/v1/enroll HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    )
    # 64 MB offered in 64 KiB pieces: the answer comes after a handful of them.
    answer, sent = _raw(central, head, 1024, b" " * (64 * KB))
    assert answer.startswith(b"HTTP/1.1 413"), answer[:100]
    assert sent < 64, f"the server read {sent} pieces before refusing"


def test_a_push_under_its_limit_is_still_accepted(device: Device) -> None:
    [result] = device.results(dossier_item(notes="x" * (100 * KB)))
    assert result.outcome == "created"


def test_failed_enrollments_per_address_are_rate_limited(central: RunningCentral) -> None:
    bad = {"code": "SAI-MA-0000", "device_name": "thử"}
    statuses = [httpx.post(central.url + "/api/v1/enroll", json=bad).status_code for _ in range(10)]
    assert set(statuses) <= {403, 410}
    good = {"code": central.enrollment_code(DEMO_OFFICE, 1), "device_name": "thử"}
    answer = httpx.post(central.url + "/api/v1/enroll", json=good)
    assert answer.status_code == 429 and int(answer.headers["Retry-After"]) > 0


def test_failed_admin_logins_per_address_are_rate_limited(central: RunningCentral) -> None:
    url = central.url + f"/api/v1/backoffice/offices/{DEMO_OFFICE}/dossiers"
    wrong = {"Authorization": "Bearer not-the-token"}
    assert {httpx.get(url, headers=wrong).status_code for _ in range(10)} == {401}
    right = {"Authorization": f"Bearer {central.admin_token}"}
    assert httpx.get(url, headers=right).status_code == 429
