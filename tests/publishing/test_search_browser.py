"""Search in a real browser (Debian's headless Chromium via Playwright), over HTTP on 127.0.0.1: results
for a query in each language, the year filter, nothing loaded from elsewhere, and the page without
JavaScript. Fails (never skips) when Chromium is missing, like the conformance suite."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests.conformance.conftest import CHROMIUM, CHROMIUM_ARGS, require_tool

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.conformance
RESULT = ".pagefind-ui__result-link"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def served(published: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(published)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require_tool(False, "the Python package playwright (pip install -e '.[test]')")
    require_tool(CHROMIUM.is_file(), f"Chromium ({CHROMIUM}, Debian package chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def open_search(browser: Browser, url: str, requests: list[str]) -> Page:
    page = browser.new_page()
    page.on("request", lambda request: requests.append(request.url))
    page.goto(url)
    return page


def results(page: Page) -> list[str]:
    page.wait_for_selector(RESULT, timeout=20_000)
    return sorted(link.get_attribute("href") or "" for link in page.query_selector_all(RESULT))


def test_a_query_finds_releases_and_the_year_filter_narrows(chromium: Browser, served: str) -> None:
    requests: list[str] = []
    page = open_search(chromium, served + "search/?q=Erika", requests)
    assert results(page) == ["/releases/2023/neue-organisation-mehr-kooperationen/",
                             "/releases/2024/exporteure-optimistisch/",
                             "/releases/2024/mehr-ausbildungsvertraege-bessere-quoten/"]
    page.click("summary:has-text('Jahr')")
    page.click("label:has-text('2023')")
    page.wait_for_function(f"document.querySelectorAll('{RESULT}').length === 1", timeout=20_000)
    assert results(page) == ["/releases/2023/neue-organisation-mehr-kooperationen/"]
    assert all(url.startswith(served) for url in requests), [u for u in requests if not u.startswith(served)]
    page.close()


def test_each_language_searches_its_own_releases(chromium: Browser, served: str) -> None:
    requests: list[str] = []
    page = open_search(chromium, served + "en/search/?q=organisation", requests)
    assert results(page) == ["/en/releases/2023/new-organisation-more-cooperation/"]
    page.close()


def test_without_javascript_the_page_offers_the_archives(chromium: Browser, served: str) -> None:
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served + "search/")
    assert "Die Volltextsuche braucht JavaScript." in page.inner_text("main")
    assert not page.is_visible("#search-label")
    links = [a.get_attribute("href") for a in page.query_selector_all(".search-browse a")]
    assert links == ["/releases/2024/", "/releases/2023/", "/topics/ausbildung/", "/topics/aussenwirtschaft/",
                     "/topics/wirtschaftsfoerderung/"]
    context.close()
