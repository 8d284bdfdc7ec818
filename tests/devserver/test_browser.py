"""In Debian's headless Chromium (Playwright, never its own browser download): an open page
reloads itself after an edit, shows the error overlay for broken content, and drops it when fixed."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.conftest import ROOT
from tests.devserver.conftest import Running, start_server

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = [pytest.mark.conformance,
              pytest.mark.filterwarnings("ignore:Callback with id:RuntimeWarning")]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
RELEASE = "releases/2009/2009-05-12-talsohle-noch-nicht-erreicht.md"
PAGE = "releases/2009/talsohle-noch-nicht-erreicht/"
TIMEOUT_MS = 10_000


@pytest.fixture
def sample(tmp_path: Path) -> Iterator[Running]:
    """A copy of the sample newsroom, served."""
    running = start_server(tmp_path, {}, sample=ROOT / "content")
    try:
        yield running
    finally:
        running.server.stop()


def in_chromium(scenario: Callable[[Page], None]) -> None:
    """Run scenario(page) in Chromium, in a thread of its own: Playwright's sync API refuses to start in
    a thread where another one runs (the conformance suite keeps one open per test worker)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("the Python package playwright is missing: run ./dev.sh test", pytrace=False)
    if not CHROMIUM.is_file():
        pytest.fail(f"Chromium ({CHROMIUM}) is missing: bash scripts/install-conformance-tools.sh", pytrace=False)
    failures: list[BaseException] = []

    def run() -> None:
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
                try:
                    scenario(browser.new_page())
                finally:
                    browser.close()
        except BaseException as failure:  # handed to the test's own thread
            failures.append(failure)

    thread = threading.Thread(target=run, name="chromium")
    thread.start()
    thread.join(timeout=120)
    assert not thread.is_alive(), "Chromium did not finish within 120 s"
    if failures:
        raise failures[0]


def edit(running: Running, old: str, new: str) -> None:
    path = running.content / RELEASE
    path.write_text(path.read_text("utf-8").replace(old, new, 1), encoding="utf-8")


def test_an_open_page_reloads_itself_after_an_edit(sample: Running) -> None:
    in_chromium(lambda page: reloads_after_an_edit(sample, page))


def reloads_after_an_edit(sample: Running, page: Page) -> None:
    page.goto(sample.url + PAGE)
    assert "Frühjahr 2009" in page.locator("main").inner_text()
    page.evaluate("window.notReloaded = true")  # gone once the page has loaded again
    edit(sample, 'subtitle: "IHK-Konjunkturbericht Frühjahr 2009"', 'subtitle: "Der Bericht vom Mai"')
    page.wait_for_function("() => window.notReloaded === undefined"
                           " && document.querySelector('main').innerText.includes('Der Bericht vom Mai')",
                           timeout=TIMEOUT_MS)
    assert page.url == sample.url + PAGE


def test_the_error_overlay_appears_and_disappears(sample: Running) -> None:
    in_chromium(lambda page: overlay_comes_and_goes(sample, page))


def overlay_comes_and_goes(sample: Running, page: Page) -> None:
    page.goto(sample.url + PAGE)
    page.evaluate("window.notReloaded = true")
    edit(sample, "date: ", "date: 12.05.2009 # ")
    alert = page.locator("pressroom-overlay [role=alert]")  # Playwright's CSS locators pierce the shadow root
    alert.wait_for(timeout=TIMEOUT_MS)
    text = alert.inner_text()
    assert "1 error: the site was not rebuilt" in text
    assert "This page shows the last good build." in text
    assert f"{sample.content}/{RELEASE}:4" in text and "did you mean 2009-05-12?" in text
    assert page.evaluate("window.notReloaded")  # the last good build stays, under the overlay
    assert "Frühjahr 2009" in page.locator("main").inner_text()
    edit(sample, "date: 12.05.2009 # ", "date: ")
    page.locator("pressroom-overlay").wait_for(state="detached", timeout=TIMEOUT_MS)
    page.get_by_role("button", name="Close").wait_for(state="detached")


def test_before_any_good_build_the_overlay_does_not_speak_of_one(tmp_path: Path) -> None:
    running = start_server(tmp_path / "site", {"releases/a.md": "---\ntitle: Kaputt\ndate: 24.07.2008\n---\nText.\n"})
    try:
        in_chromium(lambda page: overlay_without_a_build(running, page))
    finally:
        running.server.stop()


def overlay_without_a_build(running: Running, page: Page) -> None:
    page.goto(running.url)
    alert = page.locator("pressroom-overlay [role=alert]")
    alert.wait_for(timeout=TIMEOUT_MS)
    text = alert.inner_text()
    assert "Nothing has been built yet. Fix the file and save" in text
    assert "last good build" not in text
