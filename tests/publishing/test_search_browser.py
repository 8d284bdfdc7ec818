"""Search in a real browser (Debian's headless Chromium via Playwright, in its own process: see
search_probe.py), over HTTP on 127.0.0.1: results for a query in each language, the year filter,
nothing loaded from elsewhere, and the page without JavaScript. Fails (never skips) when Chromium is
missing, like the conformance suite."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conformance.conftest import CHROMIUM, require_tool
from tests.conftest import ROOT

pytestmark = pytest.mark.conformance


@pytest.fixture(scope="module")
def seen(published: Path) -> dict[str, Any]:
    require_tool(CHROMIUM.is_file(), f"Chromium ({CHROMIUM}, Debian package chromium)")
    done = subprocess.run([sys.executable, "-m", "tests.publishing.search_probe", str(published)], cwd=ROOT,
                          capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def test_a_query_finds_releases_and_the_year_filter_narrows(seen: dict[str, Any]) -> None:
    assert seen["erika"] == ["/releases/2023/neue-organisation-mehr-kooperationen/",
                             "/releases/2024/exporteure-optimistisch/",
                             "/releases/2024/mehr-ausbildungsvertraege-bessere-quoten/"]
    assert seen["erika_2023"] == ["/releases/2023/neue-organisation-mehr-kooperationen/"]


def test_each_language_searches_its_own_releases(seen: dict[str, Any]) -> None:
    assert seen["english"] == ["/en/releases/2023/new-organisation-more-cooperation/"]


def test_the_search_loads_nothing_from_elsewhere(seen: dict[str, Any]) -> None:
    assert seen["foreign_requests"] == []


def test_without_javascript_the_page_offers_the_archives(seen: dict[str, Any]) -> None:
    assert "Die Volltextsuche braucht JavaScript." in seen["nojs_text"]
    assert seen["nojs_label_visible"] is False
    assert seen["nojs_links"] == ["/releases/2024/", "/releases/2023/", "/topics/ausbildung/",
                                  "/topics/aussenwirtschaft/", "/topics/wirtschaftsfoerderung/"]
