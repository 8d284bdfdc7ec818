"""The sample site in content/ builds, and the quick start's build command works."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import ROOT, run_cli


def test_sample_site_builds(tmp_path: Path) -> None:
    result = run_cli("build", "--content", ROOT / "content", "--output", tmp_path / "public",
                     "--now", "2026-11-25T12:00:00+01:00")
    assert result.status == 0, result.err
    assert (tmp_path / "public" / "releases/2008/neue-organisation-mehr-kooperationen/index.html").is_file()
    assert "12 releases published, 2 withheld" in result.out
