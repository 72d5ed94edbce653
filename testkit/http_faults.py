"""An HTTP reverse proxy on loopback that answers like a misbehaving middlebox.

Tests and the soak harness put it between a counter and central. Per request it can
answer in central's place — 413 for a body over ``body_limit`` (as nginx's
``client_max_body_size`` does), or a scripted answer: 429, 408, 502, a proxy's own
401/404 page, a 200 with an HTML body, a 422 "after an upgrade" — or forward the
request unchanged. Only for 127.0.0.1; never for production.
"""

from __future__ import annotations

import random
import threading
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx

HTML = b"<html><body><h1>Gateway</h1></body></html>"
LINGER_LIMIT = 64 * 1024 * 1024  # nginx gives up lingering too (lingering_time)


class HttpFaults:
    def __init__(
        self,
        target: str,
        *,
        body_limit: int | None = None,
        bad_gateway: float = 0.0,
        seed: int = 0,
    ) -> None:
        self.target = target.rstrip("/")
        self.body_limit = body_limit
        self.bad_gateway = bad_gateway  # share of requests answered 502 in central's place
        self.rng = random.Random(seed)
        self.script: deque[tuple[str, int, bytes, str]] = deque()  # (path part, status, …)
        self.answered: list[int] = []  # statuses the proxy answered itself
        self.forwarded = 0
        self._lock = threading.Lock()
        self._http = httpx.Client(base_url=self.target, timeout=30.0)
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *_args: object) -> None:
                pass

            def _handle(self) -> None:
                owner._serve(self)

            do_GET = do_POST = do_PUT = do_DELETE = _handle

        class Server(ThreadingHTTPServer):
            def handle_error(self, request: object, client_address: object) -> None:
                pass  # a client that hung up (the TCP fault proxy does it on purpose)

        self._server = Server(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.port = int(self._server.server_address[1])
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> HttpFaults:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._http.close()

    def fail_next(
        self,
        status: int,
        *,
        path: str = "",
        body: bytes = HTML,
        content_type: str = "text/html",
        times: int = 1,
    ) -> None:
        """Answer the next ``times`` requests whose path contains ``path`` with this."""
        with self._lock:
            for _ in range(times):
                self.script.append((path, status, body, content_type))

    def _scripted(self, path: str) -> tuple[int, bytes, str] | None:
        with self._lock:
            for entry in self.script:
                if entry[0] in path:
                    self.script.remove(entry)
                    return entry[1], entry[2], entry[3]
        return None

    def _answer(self, h: BaseHTTPRequestHandler, status: int, body: bytes, ctype: str) -> None:
        with self._lock:
            self.answered.append(status)
        h.send_response(status)
        if h.close_connection:
            h.send_header("Connection", "close")  # so the client does not reuse it
        h.send_header("Content-Type", ctype)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)

    def _serve(self, h: BaseHTTPRequestHandler) -> None:
        length = int(h.headers.get("Content-Length") or 0)
        if self.body_limit is not None and length > self.body_limit:
            h.close_connection = True
            self._answer(h, 413, b"<html>413 Request Entity Too Large</html>", "text/html")
            _linger(h, length)
            return
        body = h.rfile.read(length) if length else b""
        scripted = self._scripted(h.path)
        if scripted is None and self.bad_gateway:
            with self._lock:
                unlucky = self.rng.random() < self.bad_gateway
            if unlucky:
                scripted = (502, b"<html>502 Bad Gateway</html>", "text/html")
        if scripted is not None:
            self._answer(h, *scripted)
            return
        headers = {
            k: v for k, v in h.headers.items() if k.lower() not in ("host", "content-length")
        }
        try:
            answer = self._http.request(h.command, h.path, headers=headers, content=body)
        except httpx.HTTPError:
            self._answer(h, 502, b"<html>502 upstream unreachable</html>", "text/html")
            return
        with self._lock:
            self.forwarded += 1
        h.send_response(answer.status_code)
        h.send_header("Content-Type", answer.headers.get("content-type", "application/json"))
        h.send_header("Content-Length", str(len(answer.content)))
        h.end_headers()
        h.wfile.write(answer.content)


def _linger(h: BaseHTTPRequestHandler, length: int) -> None:
    """Read and drop what the client is still sending before closing, as nginx's
    ``lingering_close`` does: closing a socket with unread data sends a reset, and the
    client would lose the 413 it has not read yet."""
    h.connection.settimeout(5.0)
    left = min(length, LINGER_LIMIT)
    try:
        while left > 0:
            got = h.rfile.read(min(left, 65536))
            if not got:
                return
            left -= len(got)
    except OSError:
        pass
