"""The Debouncer: a burst of changes becomes one batch; changes during a flush make the next one."""

from __future__ import annotations

import threading
import time

from generator.devserver.changes import ChangeKind
from generator.devserver.watcher import Batch, Debouncer
from tests.devserver.conftest import wait_until


def test_a_burst_is_one_batch_and_a_later_change_another() -> None:
    batches: list[dict[str, ChangeKind]] = []
    debouncer = Debouncer(lambda batch: batches.append(dict(batch)), delay=0.05, max_wait=1.0)
    debouncer.start()
    try:
        for name in ("a.md", "b.md", "a.md", "c.md"):
            debouncer.add(name, ChangeKind.RELEASE)
        debouncer.add("style.css", ChangeKind.STATIC)
        wait_until(lambda: batches, what="the first batch")
        debouncer.add("d.md", ChangeKind.RELEASE)
        wait_until(lambda: len(batches) == 2, what="the second batch")
    finally:
        debouncer.stop()
    assert batches == [{"a.md": ChangeKind.RELEASE, "b.md": ChangeKind.RELEASE, "c.md": ChangeKind.RELEASE,
                        "style.css": ChangeKind.STATIC}, {"d.md": ChangeKind.RELEASE}]


def test_a_never_ending_stream_is_flushed_after_max_wait() -> None:
    batches: list[Batch] = []
    debouncer = Debouncer(batches.append, delay=0.2, max_wait=0.3)
    debouncer.start()
    started = time.monotonic()
    try:
        while not batches and time.monotonic() - started < 5:
            debouncer.add("a.md", ChangeKind.RELEASE)
            time.sleep(0.01)
    finally:
        debouncer.stop()
    assert batches and time.monotonic() - started < 1.0


def test_flushes_never_overlap() -> None:
    running, overlaps, calls = threading.Lock(), [], []

    def slow_flush(batch: Batch) -> None:
        if not running.acquire(blocking=False):
            overlaps.append(batch)
            return
        calls.append(dict(batch))
        time.sleep(0.15)
        running.release()

    debouncer = Debouncer(slow_flush, delay=0.02)
    debouncer.start()
    try:
        debouncer.add("a.md", ChangeKind.RELEASE)
        wait_until(lambda: calls, what="the first flush")
        debouncer.add("b.md", ChangeKind.RELEASE)  # arrives while the first flush runs
        wait_until(lambda: len(calls) == 2, what="the second flush")
    finally:
        debouncer.stop()
    assert overlaps == []
    assert calls == [{"a.md": ChangeKind.RELEASE}, {"b.md": ChangeKind.RELEASE}]
