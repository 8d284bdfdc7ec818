"""Render the README's screenshots into docs/: builds the sample site, serves it on 127.0.0.1 and
photographs it with Debian's headless Chromium via Playwright; the printed release is Chromium's
own A4 PDF, its first page turned into a PNG by pdftoppm (poppler-utils, installed via apt if missing).

    .venv/bin/python scripts/screenshots.py
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.cli import main as build_main  # noqa: E402 - after the path is set

DOCS = ROOT / "docs"
NOW = "2026-11-25T12:00:00+01:00"
RELEASE = "releases/2009/vollversammlung-fordert-zuegigen-ausbau-der-a-6/"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--font-render-hinting=none"]
MAX_BYTES = 400_000


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve folder on a free port of 127.0.0.1; yields the base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def ensure_pdftoppm() -> str:
    """pdftoppm from Debian's poppler-utils; installs the package with apt-get when it is missing."""
    found = shutil.which("pdftoppm")
    if found:
        return found
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    print("Installing poppler-utils (for pdftoppm) with apt-get …")
    subprocess.run([*sudo, "apt-get", "install", "-y", "-qq", "--no-install-recommends", "poppler-utils"],
                   check=True, env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
    found = shutil.which("pdftoppm")
    if not found:
        raise SystemExit("pdftoppm is still missing after installing poppler-utils")
    return found


def shoot(page: Any, url: str, target: Path, full_page: bool = False) -> None:
    page.goto(url, wait_until="load")
    page.screenshot(path=str(target), full_page=full_page)
    print(f"{target.relative_to(ROOT)}: {target.stat().st_size // 1024} KB")


def print_first_page(page: Any, url: str, target: Path, work: Path) -> None:
    """Chromium's print of the release to an A4 PDF; its first page as a PNG."""
    page.goto(url, wait_until="load")
    pdf = work / "release.pdf"
    page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True, print_background=True)
    subprocess.run([ensure_pdftoppm(), "-png", "-r", "96", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                    str(target.with_suffix(""))], check=True)
    print(f"{target.relative_to(ROOT)}: {target.stat().st_size // 1024} KB (first page of {pdf.name})")


def render(base: str, work: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    DOCS.mkdir(exist_ok=True)
    shots = {name: DOCS / f"screenshot-{name}.png" for name in ("home", "release", "release-phone",
                                                                 "release-dark", "release-print")}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        desktop = browser.new_page(viewport={"width": 1280, "height": 900})
        shoot(desktop, base, shots["home"])
        shoot(desktop, base + RELEASE, shots["release"])
        phone = browser.new_page(viewport={"width": 375, "height": 812}, device_scale_factor=2, is_mobile=True,
                                 has_touch=True)
        shoot(phone, base + RELEASE, shots["release-phone"])
        dark = browser.new_page(viewport={"width": 1280, "height": 900}, color_scheme="dark")
        shoot(dark, base + RELEASE, shots["release-dark"])
        print_first_page(browser.new_page(), base + RELEASE, shots["release-print"], work)
        browser.close()
    return list(shots.values())


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="pressroom-shots-") as tmp:
        work = Path(tmp)
        status = build_main(["build", "--content", str(ROOT / "content"), "--output", str(work / "public"),
                             "--now", NOW])
        if status != 0:
            return status
        with serve(work / "public") as base:
            shots = render(base, work)
    too_big = [shot for shot in shots if shot.stat().st_size > MAX_BYTES]
    for shot in too_big:
        print(f"{shot.relative_to(ROOT)} is larger than {MAX_BYTES // 1000} KB", file=sys.stderr)
    return 1 if too_big else 0


if __name__ == "__main__":
    raise SystemExit(main())
