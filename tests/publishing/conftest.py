"""Fixtures of the publishing tests: the fixture site (tests/fixtures/site) built once per test worker,
and helpers to build small sites made for one test."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import make_site, run_cli
from tests.e2e.fixture_build import build_fixture

PUBLISHED_TITLES = {  # the fixture's published releases, by output path of their page
    "releases/2023/neue-organisation-mehr-kooperationen/index.html": "Neue Organisation, mehr Kooperationen",
    "releases/2024/mehr-ausbildungsvertraege-bessere-quoten/index.html": "Mehr Ausbildungsverträge & bessere Quoten",
    "releases/2024/exporteure-optimistisch/index.html": "Exporteure optimistisch",
    "en/releases/2023/new-organisation-more-cooperation/index.html": "New organisation, more cooperation",
}


@pytest.fixture(scope="session")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/fixtures/site built at 2025-01-01 12:00 (one embargoed release, one draft)."""
    return build_fixture(tmp_path_factory.mktemp("publishing") / "public")


def build(tmp_path: Path, files: dict[str, str | bytes], *args: str, now: str = "2025-01-01T12:00:00+01:00",
          expect: int = 0) -> tuple[Path, str, str]:
    """Make a site from `files` in tmp_path, build it; returns (output folder, stdout, stderr)."""
    content = make_site(tmp_path, files)
    output = tmp_path / "public"
    result = run_cli("build", "--content", content, "--output", output, "--now", now, *args)
    assert result.status == expect, result.err
    return output, result.out, result.err


def search_fragments(output: Path) -> list[dict[str, Any]]:
    """Every page record of the Pagefind index, unpacked."""
    records = []
    for path in sorted((output / "pagefind" / "fragment").glob("*.pf_fragment")):
        raw = gzip.decompress(path.read_bytes())
        assert raw.startswith(b"pagefind_dcd")
        records.append(json.loads(raw[len(b"pagefind_dcd"):]))
    return records
