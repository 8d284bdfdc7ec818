"""BackgroundSearch: the dev server's search index, made on a thread of its own after the pages are
served. Pagefind re-indexes every release page of a changed language (about 8 s for 7,500), so an
edited page must not wait for it. Only the newest request counts: one asked for while another runs
waits for it, and one asked for before an older one started replaces it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

Job = TypeVar("Job")


class BackgroundSearch(Generic[Job]):
    """Runs `work(job)` for the newest job asked for, one at a time, on a daemon thread."""

    def __init__(self, work: Callable[[Job], None]) -> None:
        self._work = work
        self._next: Job | None = None
        self._busy = False
        self._stopped = False
        self._condition = threading.Condition()
        self._thread = threading.Thread(target=self._run, name="pressroom-search", daemon=True)
        self._thread.start()

    def ask(self, job: Job | None) -> None:
        """Make `job` the next one (None: nothing more to do; a running job still finishes)."""
        with self._condition:
            self._next = job
            self._condition.notify_all()

    def wait_idle(self, timeout: float) -> bool:
        """True once no job waits or runs; False after `timeout` seconds."""
        with self._condition:
            return self._condition.wait_for(lambda: self._stopped or (self._next is None and not self._busy),
                                            timeout)

    def stop(self, wait: float = 0.0) -> None:
        """No new job starts; waits up to `wait` seconds for a running one to end (the caller can make it
        end sooner: the dev server cancels Pagefind)."""
        with self._condition:
            self._stopped = True
            self._next = None
            self._condition.notify_all()
        self._thread.join(wait)

    def _run(self) -> None:
        while True:
            with self._condition:
                self._condition.wait_for(lambda: self._stopped or self._next is not None)
                if self._stopped:
                    return
                job = self._next
                self._next, self._busy = None, True
            assert job is not None
            try:
                self._work(job)
            finally:
                with self._condition:
                    self._busy = False
                    self._condition.notify_all()
