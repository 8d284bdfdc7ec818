"""Every input the fuzzer (tests/fuzz/fuzz_release.py) once crashed on, replayed through its oracle."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.fuzz.fuzz_release import HERE, _context, check_release, check_settings

CASES = sorted((HERE / "regressions").glob("*.txt"))


def test_there_are_regression_cases() -> None:
    assert len(CASES) >= 6


@pytest.mark.parametrize("path", CASES, ids=[p.name for p in CASES])
def test_fuzz_regression(path: Path) -> None:
    text = path.read_text("utf-8", errors="surrogatepass")
    started = time.monotonic()
    check_release(text, _context())
    check_settings(text)
    assert time.monotonic() - started < 5, "was a hang; must stay well under a second (5 s for a loaded machine)"
