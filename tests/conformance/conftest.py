"""Fixtures of the conformance suite: the sample site built once per test worker into a tmp folder,
served over HTTP on 127.0.0.1, and Debian's headless Chromium driven by Playwright. A missing tool
makes the tests fail with the command that installs it; they never skip."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests.conformance.site import BuiltSite
from tests.conftest import ROOT, run_cli

if TYPE_CHECKING:
    from playwright.sync_api import Browser

NOW = "2026-11-25T12:00:00+01:00"
BASE_URL = "https://presse.example.org/"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
NODE_MODULES = ROOT / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar/build/dist/vnu.jar"
AXE_JS = NODE_MODULES / "axe-core/axe.min.js"
# True once Pagefind's UI shows results and each has loaded: it first lists a placeholder per result
# and fills each in when its fragment arrives (for `page.wait_for_function`).
SEARCH_RESULTS_LOADED = """() => {
    const items = [...document.querySelectorAll('li.pagefind-ui__result')];
    return items.length > 0 && items.every(item => item.querySelector('.pagefind-ui__result-link'));
}"""
INSTALL = "install it with `bash scripts/install-conformance-tools.sh`, or run the suite with `./dev.sh test`"


def require_tool(present: bool, what: str) -> None:
    """Fail (never skip) when a checker is not installed, naming the command that installs it."""
    if not present:
        pytest.fail(f"{what} is missing: {INSTALL}", pytrace=False)


def java_command() -> list[str]:
    java = shutil.which("java")
    require_tool(java is not None, "Java (Debian package default-jre-headless, for the Nu HTML Checker)")
    require_tool(VNU_JAR.is_file(), f"the Nu HTML Checker ({VNU_JAR.relative_to(ROOT)}, npm package vnu-jar)")
    return [str(java), "-jar", str(VNU_JAR)]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The sample site in content/, built once per worker at a fixed moment (deterministic output)."""
    output = tmp_path_factory.mktemp("conformance") / "public"
    result = run_cli("build", "--content", ROOT / "content", "--output", output, "--base-url", BASE_URL,
                     "--now", NOW)
    assert result.status == 0, result.err
    return BuiltSite(output, BASE_URL)


@pytest.fixture(scope="session")
def preview_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The sample site built with --preview: drafts and embargoed releases shown, with their banners."""
    output = tmp_path_factory.mktemp("conformance-preview") / "public"
    result = run_cli("build", "--content", ROOT / "content", "--output", output, "--base-url", BASE_URL,
                     "--now", NOW, "--preview")
    assert result.status == 0, result.err
    return BuiltSite(output, BASE_URL)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def site_url(built_site: BuiltSite) -> Iterator[str]:
    """The built site served on a free port of 127.0.0.1, e.g. "http://127.0.0.1:41234/"."""
    yield from _serve(built_site)


@pytest.fixture(scope="session")
def preview_url(preview_site: BuiltSite) -> Iterator[str]:
    yield from _serve(preview_site)


def _serve(site: BuiltSite) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(site.root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless; Playwright's own browser download is not used."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require_tool(False, "the Python package playwright (pip install -e '.[test]')")
    require_tool(CHROMIUM.is_file(), f"Chromium ({CHROMIUM}, Debian package chromium)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
