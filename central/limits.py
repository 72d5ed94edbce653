"""Refuse abuse early: request body limits counted while the body streams in.

An ASGI middleware in front of everything else (routing, authentication, parsing):
a declared ``Content-Length`` over the path's limit is answered 413 before a byte of
the body is read; a body without one (chunked) is counted as it arrives and cut off
with a 413 at the first byte over the limit. Memory per request is thus bounded by
the limit, not by what a client chooses to send.
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

KB, MB = 1024, 1024 * 1024
# First match wins: (method or "*", path pattern, limit in bytes).
LIMITS: tuple[tuple[str, re.Pattern[str], int], ...] = (
    ("POST", re.compile(r"^/api/v1/offices/[^/]+/push$"), 8 * MB),
    ("PUT", re.compile(r"^/api/v1/offices/[^/]+/blobs/[0-9a-f]{64}$"), 4 * MB),
    ("*", re.compile(r"^/api/v1/enroll$"), 64 * KB),
    ("*", re.compile(r"^/api/v1/backoffice/published/"), 8 * MB),  # catalogs are large
    ("*", re.compile(r"^/api/v1/backoffice/"), 64 * KB),
    ("*", re.compile(r"^/api/v1/citizens/"), 64 * KB),
    # A result PDF up to results.MAX_RESULT (20 MB), plus the multipart envelope.
    ("POST", re.compile(r"^/backoffice/dossiers/[^/]+/result$"), 20 * MB + 64 * KB),
)
DEFAULT_LIMIT = 64 * KB


def limit_for(method: str, path: str) -> int:
    for wanted, pattern, limit in LIMITS:
        if wanted in ("*", method) and pattern.match(path):
            return limit
    return DEFAULT_LIMIT


class _TooLarge(Exception):
    pass


# Staff and citizens meet the refusal in a browser: a page in words, not JSON.
_PAGE = """<!doctype html><html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tệp quá lớn</title></head><body style="font-family:sans-serif;max-width:40em;margin:2em auto">
<h1>Tệp gửi lên quá lớn</h1>
<p>Máy chủ chỉ nhận tối đa {size}. Không có gì được lưu. Quay lại trang trước và chọn
tệp nhỏ hơn (ví dụ quét lại ở độ phân giải thấp hơn).</p>
<p lang="en">The file is too large: the server accepts at most {size}. Nothing was saved.
Go back and choose a smaller file.</p>
<p><a href="javascript:history.back()">← Quay lại / Back</a></p></body></html>"""


def _size_text(limit: int) -> str:
    return f"{limit // MB} MB" if limit >= MB else f"{limit // KB} KB"


async def _refuse(send: Send, limit: int, path: str = "") -> None:
    if path.startswith(("/backoffice", "/tra-cuu")):
        body = _PAGE.format(size=_size_text(limit)).encode()
        content_type = b"text/html; charset=utf-8"
    else:
        body = json.dumps({"reason": "body_too_large", "message": f"limit {limit} bytes"}).encode()
        content_type = b"application/json"
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", content_type),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class BodyLimit:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = limit_for(scope["method"], scope["path"])
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None:
            try:
                too_large = int(declared) > limit
            except ValueError:
                too_large = True
            if too_large:
                await _refuse(send, limit, scope["path"])
                return
        received = 0
        refused = False
        started = False

        async def counting_receive() -> Message:
            nonlocal received, refused
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    refused = True
                    raise _TooLarge
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if refused:
                return  # our 413 is the answer; whatever the app says after is dropped
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, guarded_send)
        except _TooLarge:
            pass
        except Exception:
            if not refused:
                raise
        if refused and not started:
            await _refuse(send, limit, scope["path"])
