"""Worker processes (generator/parallel.py) do not inherit the parent's signal handlers."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from types import FrameType

import pytest

from generator import parallel


def _parent_handler(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt  # as the dev server's SIGTERM handler does


@pytest.fixture
def parent_handlers() -> Iterator[None]:
    previous = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
    signal.signal(signal.SIGTERM, _parent_handler)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    for number, handler in previous.items():
        signal.signal(number, handler)


def _handlers(chunk: range) -> list[tuple[object, object]]:
    return [(signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)) for _ in chunk]


def test_workers_leave_ctrl_c_to_the_parent_and_end_quietly_when_the_pool_ends_them(parent_handlers: None) -> None:
    seen = [found for chunk in parallel._run(_handlers, parallel.MIN_PARALLEL * 2, 2) for found in chunk]
    assert set(seen) == {(signal.SIG_IGN, signal.SIG_DFL)}
    assert signal.getsignal(signal.SIGTERM) is _parent_handler, "the parent keeps its own"
