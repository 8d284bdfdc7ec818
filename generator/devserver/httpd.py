"""The dev server's HTTP side: 127.0.0.1 only; site files from the current Snapshot (with the
live-reload script added to HTML), the script itself, and a stream of status events. Reads the
copied static and media files from disk; writes nothing."""

from __future__ import annotations

import errno
import mimetypes
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from .live import EVENTS_PATH, LIVE_SCRIPT, SCRIPT_PATH, STATUS_PATH, inject_live_script, waiting_page
from .state import SiteState, Snapshot, Status

HOST = "127.0.0.1"
FIRST_PORT = 8000
PORTS_TRIED = 100
KEEPALIVE_SECONDS = 15.0


class PortUnavailable(Exception):
    """No port to listen on; the message says which and why."""


@dataclass(frozen=True)
class Response:
    status: int
    content_type: str = "text/html; charset=utf-8"
    body: bytes | Path = b""
    location: str | None = None


def content_type(path: str) -> str:
    guessed = mimetypes.guess_type(path)[0] or "application/octet-stream"
    if path.endswith(".vcf"):
        guessed = "text/vcard"
    return f"{guessed}; charset=utf-8" if guessed.startswith("text/") or guessed.endswith("xml") else guessed


def resolve(snapshot: Snapshot | None, url_path: str) -> Response:
    """What the server answers for a site path (not the /__pressroom/ paths). Pure."""
    if snapshot is None:
        return Response(503, body=inject_live_script(waiting_page(), ""))
    key = unquote(url_path).lstrip("/")
    if key == "" or key.endswith("/"):
        key += "index.html"
    if key in snapshot.files:
        return _page(200, key, snapshot.files[key], snapshot.build_id)
    if key in snapshot.copies:
        return Response(200, content_type(key), snapshot.copies[key])
    if f"{key}/index.html" in snapshot.files:
        return Response(301, location=url_path + "/")
    return _page(404, "404.html", snapshot.files.get("404.html", b"<!DOCTYPE html><title>404</title>"),
                 snapshot.build_id)


def _page(status: int, key: str, data: bytes, build_id: str) -> Response:
    kind = content_type(key)
    if kind.startswith("text/html"):
        data = inject_live_script(data, build_id)
    return Response(status, kind, data)


class DevHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, port: int, state: SiteState, log: Any = None) -> None:
        self.state = state
        self.log = log
        super().__init__((HOST, port), DevRequestHandler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser that goes away mid-response is normal; say nothing."""


def bind_server(port: int | None, state: SiteState) -> DevHTTPServer:
    """Listen on the given port, or on the first free one from 8000 (0: any free port)."""
    if port is not None:
        try:
            return DevHTTPServer(port, state)
        except OSError as exc:
            reason = "is in use" if exc.errno == errno.EADDRINUSE else f"cannot be used ({exc.strerror})"
            raise PortUnavailable(f"port {port} {reason}; choose another with --port, "
                                  "or leave --port out to use the first free one from 8000") from None
    for candidate in range(FIRST_PORT, FIRST_PORT + PORTS_TRIED):
        try:
            return DevHTTPServer(candidate, state)
        except OSError:
            continue
    raise PortUnavailable(f"no free port between {FIRST_PORT} and {FIRST_PORT + PORTS_TRIED - 1}; "
                          "choose one with --port")


class DevRequestHandler(BaseHTTPRequestHandler):
    server: DevHTTPServer
    server_version = "Pressroom-dev"

    def do_GET(self) -> None:  # noqa: N802 (the name http.server dispatches to)
        self._answer(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._answer(send_body=False)

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.log is not None:
            self.server.log(f"{self.command} {self.path} {args[1] if len(args) > 1 else ''}".rstrip())

    def _answer(self, send_body: bool) -> None:
        path = urlsplit(self.path).path
        try:
            if path == EVENTS_PATH:
                self._stream_events()
            elif path == SCRIPT_PATH:
                self._send(Response(200, "text/javascript; charset=utf-8", LIVE_SCRIPT.encode()), send_body)
            elif path == STATUS_PATH:
                status = self.server.state.status.to_json().encode()
                self._send(Response(200, "application/json", status), send_body)
            else:
                self._send(resolve(self.server.state.snapshot, path), send_body)
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            pass

    def _send(self, response: Response, send_body: bool) -> None:
        body = response.body
        if isinstance(body, Path):
            try:
                body = body.read_bytes()
            except OSError:  # deleted since the build; the next build will not list it
                response, body = Response(404, "text/plain; charset=utf-8"), b"not found\n"
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        if response.location:
            self.send_header("Location", response.location)
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def _stream_events(self) -> None:
        """Server-Sent Events: the status now, then each change; a comment now and then keeps it open."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        state = self.server.state
        status: Status | None = state.status
        version = -1
        while status is not None:
            if status.version != version:
                self.wfile.write(f"data: {status.to_json()}\n\n".encode())
                version = status.version
            else:
                self.wfile.write(b": still here\n\n")
            self.wfile.flush()
            status = state.wait_for_change(version, KEEPALIVE_SECONDS)
