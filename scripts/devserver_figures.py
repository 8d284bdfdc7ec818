"""The dev server's figures for docs/writing.md: the time from saving a release to the reloaded page
(on a copy of the sample newsroom, in Debian's headless Chromium via Playwright), and the screenshot
of the error overlay (docs/error-overlay.png).

    .venv/bin/python scripts/devserver_figures.py [--runs 20] [--no-screenshot]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.config import BuildOptions  # noqa: E402 - after the path is set
from generator.devserver.server import DevServer  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--font-render-hinting=none"]
RELEASE = "releases/2009/2009-05-12-talsohle-noch-nicht-erreicht.md"
PAGE = "releases/2009/talsohle-noch-nicht-erreicht/"
SUBTITLE = 'subtitle: "IHK-Konjunkturbericht Frühjahr 2009"'
SCREENSHOT = ROOT / "docs/error-overlay.png"
MAX_BYTES = 300_000
LOADED_AT = "performance.timeOrigin + performance.getEntriesByType('navigation')[0].loadEventEnd"


def measure(page: object, server: DevServer, release: Path, runs: int) -> list[tuple[float, float]]:
    """(save -> load event of the reloaded page, the rebuild alone) in milliseconds, per edit."""
    original = release.read_text("utf-8")
    results = []
    for run in range(runs):
        marker = f"Fassung {run}"
        edited = original.replace(SUBTITLE, f'subtitle: "{marker}"')
        saved = time.time() * 1000
        release.write_text(edited, encoding="utf-8")
        wait_for_text(page, marker)
        loaded = page.evaluate(LOADED_AT)  # type: ignore[attr-defined]
        results.append((loaded - saved, server.last_build_seconds * 1000))
        time.sleep(0.3)  # let the tab settle (event stream connected) before the next save
    release.write_text(original, encoding="utf-8")
    page.wait_for_function("() => !document.querySelector('main').innerText.includes('Fassung')")  # type: ignore[attr-defined]
    return results


def wait_for_text(page: object, text: str) -> None:
    """Until the page (reloaded) shows `text` in <main> and has fired its load event."""
    page.wait_for_function(  # type: ignore[attr-defined]
        f"() => document.querySelector('main').innerText.includes('{text}') && ({LOADED_AT}) > 0", timeout=10_000)


def screenshot(page: object, release: Path) -> int:
    original = release.read_text("utf-8")
    broken = original.replace("date: 2009-05-12T10:00:00+02:00", "date: 12.05.2009").replace(
        "topics: [Konjunktur]", "topics: [Konjunktr]")
    release.write_text(broken, encoding="utf-8")
    page.locator("pressroom-overlay [role=alert] li").nth(1).wait_for(timeout=10_000)  # type: ignore[attr-defined]
    page.screenshot(path=str(SCREENSHOT))  # type: ignore[attr-defined]
    release.write_text(original, encoding="utf-8")
    return SCREENSHOT.stat().st_size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--no-screenshot", action="store_true")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright
    with tempfile.TemporaryDirectory() as folder, contextlib.chdir(folder):
        content = Path("content")  # relative, so the overlay shows paths as an editor sees them
        shutil.copytree(ROOT / "content", content)
        release = content / RELEASE
        server = DevServer(BuildOptions(content_dir=content), port=0, out=io.StringIO(), err=io.StringIO())
        server.start()
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1100, "height": 720})
                page.goto(server.url + PAGE)
                time.sleep(0.5)
                results = measure(page, server, release, args.runs)
                totals = sorted(total for total, _ in results)
                builds = sorted(build for _, build in results)
                print(f"save -> reloaded page, {len(totals)} edits of {RELEASE}:")
                print(f"  median {statistics.median(totals):.0f} ms, min {totals[0]:.0f} ms, max {totals[-1]:.0f} ms")
                print(f"  of which the rebuild: median {statistics.median(builds):.0f} ms "
                      f"({len(server.state.snapshot.files) if server.state.snapshot else 0} files)")
                if not args.no_screenshot:
                    size = screenshot(page, release)
                    print(f"wrote {SCREENSHOT.relative_to(ROOT)} ({size // 1024} KB)")
                    if size > MAX_BYTES:
                        print(f"  too large: keep it under {MAX_BYTES // 1000} KB", file=sys.stderr)
                        return 1
                browser.close()
        finally:
            server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
