"""axe-core (npm axe-core) injected into Debian's headless Chromium via Playwright: zero violations of
WCAG 2.x A/AA and best practice on six kinds of page, at 1280 px and 375 px, light and dark; no
horizontal scrolling on phones; a visible skip link and focus ring for keyboard users."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

import pytest

from tests.conformance.conftest import AXE_JS, SEARCH_RESULTS_LOADED, require_tool

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.conformance

PAGES = {
    "home": "",
    "release-with-image": "releases/2009/vollversammlung-fordert-zuegigen-ausbau-der-a-6/",
    "topic": "topics/regionalentwicklung/",
    "contacts": "contacts/",
    "english-release": "en/releases/2008/new-organisation-more-cooperation/",
    "404": "404.html",
}
# The other kinds of page, checked once on a phone (light) and once on a desktop (dark).
MORE_PAGES = {
    "home-page-2": "page/2/",
    "year-archive": "releases/2009/",
    "topics": "topics/",
    "plain-page": "impressum/",
    "search-results": "search/?q=Ausbildung",  # Pagefind's interface, with results on screen
}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
Scheme = Literal["light", "dark"]
RUNS: list[tuple[str, int, Scheme]] = [(name, width, "light") for name in PAGES for width in (1280, 375)] + \
       [(name, 1280, "dark") for name in PAGES] + \
       [(name, width, scheme) for name in MORE_PAGES for width, scheme in ((375, "light"), (1280, "dark"))]


def run_axe(page: Page) -> list[dict[str, Any]]:
    require_tool(AXE_JS.is_file(), "axe-core (node_modules/axe-core, npm package axe-core)")
    page.add_script_tag(path=str(AXE_JS))
    results: dict[str, Any] = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS)
    violations: list[dict[str, Any]] = results["violations"]
    return violations


def describe(violations: list[dict[str, Any]]) -> list[str]:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {' '.join(node['target'])}: {node.get('failureSummary', '').splitlines()[-1:]}")
    return lines


@pytest.mark.parametrize(("name", "width", "scheme"), RUNS)
def test_no_axe_violations(browser: Browser, site_url: str, name: str, width: int, scheme: Scheme) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    try:
        page = context.new_page()
        response = page.goto(site_url + {**PAGES, **MORE_PAGES}[name], wait_until="load")
        assert response is not None and response.ok
        if "?q=" in page.url:
            page.wait_for_function(SEARCH_RESULTS_LOADED, timeout=15_000)
        assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") == (scheme == "dark")
        assert describe(run_axe(page)) == []
    finally:
        context.close()


@pytest.mark.parametrize("path", ["", "releases/2030/ausbildungsbilanz-2029/"])
def test_no_axe_violations_in_preview(browser: Browser, preview_url: str, path: str) -> None:
    """The preview's site notice, embargo banner and badges, light and dark."""
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
        try:
            page = context.new_page()
            page.goto(preview_url + path, wait_until="load")
            assert page.locator(".preview-site").count() == 1
            assert describe(run_axe(page)) == []
        finally:
            context.close()


@pytest.mark.parametrize("width", [320, 375])
def test_no_horizontal_scrolling_on_phones(browser: Browser, site_url: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        overflowing = []
        for name, path in {**PAGES, **MORE_PAGES}.items():
            page.goto(site_url + path, wait_until="load")
            if "?q=" in path:
                page.wait_for_function(SEARCH_RESULTS_LOADED, timeout=15_000)
            scroll_width, inner_width = page.evaluate(
                "[document.documentElement.scrollWidth, window.innerWidth]")
            if scroll_width > inner_width:
                overflowing.append(f"{name}: {scroll_width} px wide in a {inner_width} px viewport")
        assert overflowing == []
    finally:
        context.close()


def test_keyboard_user_sees_skip_link_and_focus_ring(browser: Browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(site_url + PAGES["release-with-image"], wait_until="load")
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => {
            const el = document.activeElement, box = el.getBoundingClientRect(), style = getComputedStyle(el);
            return {cls: el.className, top: box.top, bottom: box.bottom, outline: style.outlineStyle,
                    width: parseFloat(style.outlineWidth), visible: el.matches(':focus-visible')};
        }""")
        assert focused["cls"] == "skip-link"
        assert focused["visible"] and focused["outline"] != "none" and focused["width"] >= 2
        assert 0 <= focused["top"] < focused["bottom"] <= 900, "the focused skip link is on screen"
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main"
    finally:
        context.close()
