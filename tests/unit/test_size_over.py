"""size_over: a size over a limit, as a message shows it, never looking like the limit itself."""

from __future__ import annotations

import pytest

from generator.errors import size_over

MB = 1024 * 1024


@pytest.mark.parametrize(("size", "shown"), [
    (int(2.14 * MB), "2.1 MB"),  # whole units would say 2 MB, the limit
    (int(2.99 * MB), "2.9 MB"),
    (2 * MB + 1, "over 2 MB"),  # even one decimal would say 2.0 MB
    (int(2.09 * MB), "over 2 MB"),
    (3 * MB, "3 MB"),
    (50 * MB + 100, "50 MB"),
])
def test_size_over(size: int, shown: str) -> None:
    assert size_over(size, 2 * MB, MB, "MB") == shown


def test_kilobytes() -> None:
    assert size_over(64 * 1024 + 512, 64 * 1024, 1024, "KB") == "64.5 KB"
    assert size_over(370 * 1024 + 1, 256 * 1024, 1024, "KB") == "370 KB"
