"""Drives the search page of a built site in Debian's headless Chromium and prints what it saw as JSON.

Run as its own process (`python -m tests.publishing.search_probe SITE_FOLDER`): Playwright's sync API
cannot start while another test's browser is open in the same process, so the browser tests of the
search page ask this process instead of opening a second browser beside the conformance suite's."""

from __future__ import annotations

import functools
import http.server
import json
import sys
import threading
from typing import Any

from playwright.sync_api import Browser, Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.conformance.conftest import CHROMIUM, CHROMIUM_ARGS, SEARCH_RESULTS_LOADED

RESULT = ".pagefind-ui__result-link"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def _results(page: Page) -> list[str]:
    """The links of the results shown, once every result has loaded (the first link alone could come
    before the others)."""
    page.wait_for_function(SEARCH_RESULTS_LOADED, timeout=20_000)
    return sorted(link.get_attribute("href") or "" for link in page.query_selector_all(RESULT))


def _results_with_filters(page: Page, url: str, filter_name: str) -> list[str]:
    """Open the search with a query and wait for results and the filter panel. On a loaded machine
    Pagefind's UI has been seen (rarely) to render the results without the filter panel; a reload
    then shows both, so a missing panel gets up to two more page loads before the probe fails."""
    for attempt in range(3):
        page.goto(url)
        results = _results(page)
        try:
            page.wait_for_selector(f"summary:has-text('{filter_name}')", timeout=10_000)
            return results
        except PlaywrightTimeout:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _click_filter(page: Page, name: str, value: str) -> None:
    """Open the filter group `name` and tick `value`. Pagefind's UI may set the group's open state
    again while its filters update (seen on a loaded machine): then the group is opened once more."""
    label = page.locator(f"label:has-text('{value}')")
    for attempt in range(3):
        if not label.is_visible():
            page.click(f"summary:has-text('{name}')")
        try:
            label.click(timeout=5_000)
            return
        except PlaywrightTimeout:
            if attempt == 2:
                raise


def probe(browser: Browser, url: str) -> dict[str, Any]:
    requests: list[str] = []
    page = browser.new_page()
    page.on("request", lambda request: requests.append(request.url))
    seen: dict[str, Any] = {"erika": _results_with_filters(page, url + "search/?q=Erika", "Jahr")}
    _click_filter(page, "Jahr", "2023")
    page.wait_for_function(f"document.querySelectorAll('{RESULT}').length === 1", timeout=20_000)
    seen["erika_2023"] = _results(page)
    page.goto(url + "en/search/?q=organisation")
    seen["english"] = _results(page)
    seen["foreign_requests"] = [r for r in requests if not r.startswith(url)]
    page.close()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(url + "search/")
    seen["nojs_text"] = page.inner_text("main")
    seen["nojs_label_visible"] = page.is_visible("#search-label")
    seen["nojs_links"] = [a.get_attribute("href") for a in page.query_selector_all(".search-browse a")]
    context.close()
    return seen


def main(folder: str) -> None:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=folder))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                print(json.dumps(probe(browser, f"http://127.0.0.1:{server.server_address[1]}/")))
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()


if __name__ == "__main__":
    main(sys.argv[1])
