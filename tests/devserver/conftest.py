"""Fixtures of the dev server tests: a small site in tmp_path served by a DevServer on a free
loopback port, an SSE listener that records every status event, and polling with a deadline."""

from __future__ import annotations

import http.client
import io
import json
import queue
import shutil
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from generator.config import BuildOptions
from generator.devserver.server import DevServer
from tests.conftest import make_site, release

TIMEOUT = 10.0


def wait_until(condition: Callable[[], Any], timeout: float = TIMEOUT, what: str = "condition") -> Any:
    """Poll every 20 ms until condition() is truthy; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.02)


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


@dataclass
class EventListener:
    """Reads the server's event stream in a thread; every status it sends lands in `events`."""

    url: str
    events: queue.Queue[dict[str, Any]] = field(default_factory=queue.Queue)

    def start(self) -> EventListener:
        host, port = self.url.removeprefix("http://").rstrip("/").split(":")
        connection = http.client.HTTPConnection(host, int(port), timeout=30)
        connection.request("GET", "/__pressroom/events")
        response = connection.getresponse()
        assert response.status == 200
        assert response.getheader("Content-Type", "").startswith("text/event-stream")
        threading.Thread(target=self._read, args=(response,), daemon=True).start()
        return self

    def _read(self, response: http.client.HTTPResponse) -> None:
        try:
            for raw in response:
                line = raw.decode("utf-8").rstrip("\n")
                if line.startswith("data: "):
                    self.events.put(json.loads(line.removeprefix("data: ")))
        except (OSError, ValueError):
            pass

    def next(self, timeout: float = TIMEOUT) -> dict[str, Any]:
        return self.events.get(timeout=timeout)

    def next_matching(self, condition: Callable[[dict[str, Any]], bool], timeout: float = TIMEOUT) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            event = self.events.get(timeout=max(0.01, deadline - time.monotonic()))
            if condition(event):
                return event


@dataclass
class Running:
    server: DevServer
    content: Path
    out: io.StringIO
    err: io.StringIO

    @property
    def url(self) -> str:
        return self.server.url

    def get(self, path: str) -> tuple[int, str]:
        return fetch(self.url + path.lstrip("/"))

    def build_id(self) -> str:
        return str(json.loads(self.get("/__pressroom/status")[1])["build"])

    def errors(self) -> list[dict[str, str]]:
        return list(json.loads(self.get("/__pressroom/status")[1])["errors"])

    def write(self, name: str, text: str) -> Path:
        path = self.content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path


def start_server(root: Path, files: dict[str, str | bytes], sample: Path | None = None, delay: float = 0.05,
                 **options: Any) -> Running:
    """Serve a site made of `files` (with make_site's defaults), or a copy of the folder `sample`."""
    if sample is not None:
        content = root / "content"
        shutil.copytree(sample, content)
    else:
        content = make_site(root, files)
    out, err = io.StringIO(), io.StringIO()
    server = DevServer(BuildOptions(content_dir=content, **options), port=0, out=out, err=err, delay=delay)
    server.start()
    return Running(server, content, out, err)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Running]:
    """Two releases and a page, served."""
    running = start_server(tmp_path, {
        "releases/2024/erste.md": release("Erste Mitteilung", "2024-03-01", "Der alte Text."),
        "releases/2024/zweite.md": release("Zweite Mitteilung", "2024-03-02", "Noch ein Text."),
        "pages/impressum.md": "---\ntitle: Impressum\n---\nAngaben.\n",
    })
    try:
        yield running
    finally:
        running.server.stop()
