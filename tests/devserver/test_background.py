"""BackgroundSearch runs the newest job asked for, one at a time: a job asked for while another
runs waits for it, and replaces any job that was waiting."""

from __future__ import annotations

import threading

from generator.devserver.background import BackgroundSearch


class FirstJobBlocks:
    """A worker's work: records each job; job 1 waits until `release` is set."""

    def __init__(self) -> None:
        self.started, self.release = threading.Event(), threading.Event()
        self.done: list[int] = []

    def __call__(self, job: int) -> None:
        if job == 1:
            self.started.set()
            assert self.release.wait(5)
        self.done.append(job)


def running_job_1(work: FirstJobBlocks) -> BackgroundSearch[int]:
    worker = BackgroundSearch(work)
    worker.ask(1)
    assert work.started.wait(5)
    return worker


def test_only_the_newest_waiting_job_runs_after_the_running_one() -> None:
    work = FirstJobBlocks()
    worker = running_job_1(work)
    worker.ask(2)
    worker.ask(3)  # replaces 2, which never started
    assert not worker.wait_idle(0.05)  # 1 still runs
    work.release.set()
    assert worker.wait_idle(5)
    assert work.done == [1, 3]
    worker.stop()


def test_asking_for_nothing_drops_a_waiting_job_and_stop_ends_the_thread() -> None:
    work = FirstJobBlocks()
    worker = running_job_1(work)
    worker.ask(2)
    worker.ask(None)
    work.release.set()
    assert worker.wait_idle(5)
    assert work.done == [1]
    worker.stop()
    worker.ask(4)
    worker._thread.join(5)
    assert not worker._thread.is_alive()
    assert work.done == [1]
