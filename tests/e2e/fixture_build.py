"""Building tests/fixtures/site once per test session (per xdist worker)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import ROOT, run_cli

FIXTURE_SITE = ROOT / "tests" / "fixtures" / "site"
FIXTURE_NOW = "2025-01-01T12:00:00+01:00"


def build_fixture(output: Path, *extra: str) -> Path:
    result = run_cli("build", "--content", FIXTURE_SITE, "--output", output, "--now", FIXTURE_NOW, *extra)
    assert result.status == 0, result.err
    return output
