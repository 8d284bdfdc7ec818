"""Watch folders with watchdog and turn bursts of file events into one call per burst.

An editor's save is several events (temp file written, renamed over the original, attributes);
a `git checkout` is hundreds. The Debouncer waits until the folders have been quiet for `delay`
seconds (at most `max_wait` after the first event) and then hands over the whole batch at once.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path, PurePath

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from .changes import ChangeKind, WatchedRoots, classify_change

Batch = Mapping[str, ChangeKind]  # changed path -> what it affects
# Opening and reading a file (as every build does) must not count as a change.
_CHANGE_EVENTS = frozenset({"created", "modified", "deleted", "moved", "closed"})


class Debouncer:
    """Collects changes from any thread; one worker thread calls `flush(batch)` once per quiet burst.
    Flushes never overlap: changes that arrive during a flush make the next batch."""

    def __init__(self, flush: Callable[[Batch], None], delay: float = 0.05, max_wait: float = 1.0) -> None:
        self._flush, self._delay, self._max_wait = flush, delay, max_wait
        self._pending: dict[str, ChangeKind] = {}
        self._first = self._last = 0.0
        self._stopped = False
        self._condition = threading.Condition()
        self._thread = threading.Thread(target=self._run, name="pressroom-rebuild", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def add(self, path: str, kind: ChangeKind) -> None:
        with self._condition:
            now = time.monotonic()
            if not self._pending:
                self._first = now
            self._pending[path] = kind
            self._last = now
            self._condition.notify()

    def stop(self, timeout: float = 5.0) -> None:
        with self._condition:
            self._stopped = True
            self._condition.notify()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout)

    def _next_batch(self) -> dict[str, ChangeKind] | None:
        """Wait for a burst of changes to end; None once stopped."""
        with self._condition:
            self._condition.wait_for(lambda: self._pending or self._stopped)
            while not self._stopped:
                deadline = min(self._last + self._delay, self._first + self._max_wait)
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    batch, self._pending = self._pending, {}
                    return batch
                self._condition.wait(remaining)
            return None

    def _run(self) -> None:
        while (batch := self._next_batch()) is not None:
            self._flush(batch)


class _Handler(FileSystemEventHandler):
    def __init__(self, roots: WatchedRoots, debouncer: Debouncer) -> None:
        self._roots, self._debouncer = roots, debouncer

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type not in _CHANGE_EVENTS:
            return
        if event.is_directory and event.event_type == "modified":
            return  # an entry was added or removed: that entry has its own event (an editor's swap file, say)
        paths = [event.src_path, event.dest_path] if event.event_type == "moved" else [event.src_path]
        for raw in paths:
            path = os.fsdecode(raw)
            kind = classify_change(PurePath(path), self._roots, event.is_directory)
            if kind is not ChangeKind.IGNORED:
                self._debouncer.add(path, kind)


class ChangeWatcher:
    """watchdog on every existing root folder, feeding one Debouncer."""

    def __init__(self, roots: WatchedRoots, on_changes: Callable[[Batch], None],
                 delay: float = 0.05, max_wait: float = 1.0) -> None:
        self.roots = roots
        self._debouncer = Debouncer(on_changes, delay, max_wait)
        self._observer = Observer()
        handler = _Handler(roots, self._debouncer)
        for folder in self.folders:
            self._observer.schedule(handler, str(folder), recursive=True)

    @property
    def folders(self) -> list[Path]:
        """The watched folders that exist, without duplicates."""
        candidates = [self.roots.content, *self.roots.templates, *self.roots.static]
        return [Path(f) for i, f in enumerate(candidates) if Path(f).is_dir() and f not in candidates[:i]]

    def start(self) -> None:
        self._debouncer.start()
        self._observer.start()

    def stop(self) -> None:
        self._observer.stop()
        self._debouncer.stop()
        if self._observer.is_alive():
            self._observer.join(timeout=5)
