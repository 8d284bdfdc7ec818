"""Session fixtures for end-to-end tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.fixture_build import build_fixture


@pytest.fixture(scope="session")
def fixture_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixture(tmp_path_factory.mktemp("fixture") / "public")
