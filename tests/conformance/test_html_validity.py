"""The Nu HTML Checker (npm vnu-jar, run with the system Java) over every HTML file of the built sample
site, plus its CSS and SVG: zero errors and zero warnings. One run over the whole folder (the JVM is slow to start)."""

from __future__ import annotations

import json
import subprocess
from typing import Any

import pytest

from tests.conformance.conftest import java_command
from tests.conformance.site import BuiltSite

pytestmark = pytest.mark.conformance


def run_vnu(site: BuiltSite) -> list[dict[str, Any]]:
    """Every message of the Nu checker about the site (files it does not check are skipped quietly)."""
    command = [*java_command(), "--format", "json", "--skip-non-html", "--also-check-css", "--also-check-svg",
               str(site.root)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    try:
        report = json.loads(result.stderr)
    except json.JSONDecodeError:
        pytest.fail(f"the Nu HTML Checker did not report JSON (exit {result.returncode}):\n{result.stderr[-2000:]}")
    messages: list[dict[str, Any]] = report["messages"]
    return messages


def describe(site: BuiltSite, message: dict[str, Any]) -> str:
    where = message.get("url", "").removeprefix("file:").removeprefix(str(site.root) + "/")
    kind = message.get("subType") or message["type"]
    return f"{where}:{message.get('lastLine', '?')}: {kind}: {message['message']}"


def test_every_html_css_and_svg_file_is_valid(built_site: BuiltSite) -> None:
    assert len(built_site.html_files()) > 30
    messages = run_vnu(built_site)
    errors = [describe(built_site, m) for m in messages if m["type"] in ("error", "non-document-error")]
    warnings = [describe(built_site, m) for m in messages if m["type"] == "info" and m.get("subType") == "warning"]
    assert errors == [], f"{len(errors)} errors"
    assert warnings == [], f"{len(warnings)} warnings"
