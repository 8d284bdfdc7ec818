#!/usr/bin/env python3
"""Where Pressroom's time goes, stage by stage, on the benchmark corpus: `python3 benchmarks/stages.py`.

Writes the corpus as a Pressroom site into benchmarks/work/stages-N/ (once), then prints the
seconds at which each stage of three things begins and ends, from this checkout's code:
- a cold build (`pipeline.build`, --jobs = CPUs, no output and no cache), with the Pagefind program
  timed on its own;
- a rebuild after one release's body changed (the same build, with its cache);
- the dev server (`DevServer`, in this process): the first page served, the search index ready,
  and three edits of one release, each from saving the file to the page served showing it.
The figures in benchmarks/PROFILE.md come from here. Run it on an otherwise idle machine: on a
shared one the file system alone varies by a third from run to run.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

from corpus import Release, make_corpus  # noqa: E402
from sites import NOW, add_sentence, edited_release, write_site  # noqa: E402

from generator import pipeline  # noqa: E402
from generator.config import BuildOptions  # noqa: E402
from generator.devserver import server  # noqa: E402
from generator.render import search  # noqa: E402


class Clock:
    """Prints each event with the seconds since start()."""

    def __init__(self) -> None:
        self.started = time.perf_counter()

    def start(self, title: str) -> None:
        print(f"\n{title}", flush=True)
        self.started = time.perf_counter()

    def __call__(self, event: str) -> None:
        print(f"{time.perf_counter() - self.started:8.2f} s  {event}", flush=True)


@contextmanager
def wrapped(owner: Any, name: str, wrap: Callable[[Callable[..., Any]], Callable[..., Any]]) -> Iterator[None]:
    """owner.name replaced by wrap(owner.name) for the duration."""
    real = getattr(owner, name)
    setattr(owner, name, wrap(real))
    try:
        yield
    finally:
        setattr(owner, name, real)


def timed(owner: Any, name: str, clock: Clock, what: str) -> Any:
    """Report when owner.name (a function) is entered and left."""
    def wrap(real: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            clock(f"{what} begins")
            try:
                return real(*args, **kwargs)
            finally:
                clock(f"{what} ends")
        return wrapper
    return wrapped(owner, name, wrap)


def reported(owner: Any, name: str, clock: Clock, what: str, **extra: Any) -> Any:
    """Report when owner.name (a function) returns; pass it `extra` keyword arguments too."""
    def wrap(real: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            result = real(*args, **extra, **kwargs)
            clock(what)
            return result
        return wrapper
    return wrapped(owner, name, wrap)


def builds(site: Path, victim: Release, clock: Clock) -> None:
    options = BuildOptions(content_dir=site / "content", output_dir=site / "public", now_text=NOW,
                           jobs=os.cpu_count() or 1)
    for name in ("public", ".pressroom-cache"):
        shutil.rmtree(site / name, ignore_errors=True)
    with timed(search, "_run_pagefind", clock, "the Pagefind program"), \
            timed(pipeline, "index_releases", clock, "search step"):
        clock.start(f"Cold build, --jobs {options.jobs}")
        result = pipeline.build(options, clock)
        clock(f"done: {result.files_written} files written")
        add_sentence("pressroom", site, victim, 1)
        clock.start("Rebuild after one release's body changed")
        result = pipeline.build(options, clock)
        clock(f"done: {result.files_written} files written")


def dev_server(site: Path, victim: Release, clock: Clock) -> None:
    with reported(server, "render_site", clock, "pages rendered and scanned", progress=clock), \
            reported(server, "make_snapshot", clock, "snapshot made"):
        clock.start("Dev server: first build")
        running = server.DevServer(BuildOptions(content_dir=site / "content", now_text=NOW), port=0,
                                   out=io.StringIO())
        running.start()
        clock("first page served")
        running.wait_for_search(600)
        clock("search index ready")
        url = f"{running.url}releases/{victim.date.year}/{victim.slug}/"
        for number in (101, 102, 103):
            time.sleep(2)
            clock.start(f"Dev server: edit {number - 100} of one release")
            shown = add_sentence("pressroom", site, victim, number).encode()
            clock("saved")
            while shown not in urllib.request.urlopen(url, timeout=30).read():
                time.sleep(0.01)
            clock("the served page shows the edit")
            running.wait_for_search(600)
            clock("search index ready")
        running.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--releases", type=int, default=10_000, help="corpus size (default 10000)")
    args = parser.parse_args()
    releases = make_corpus(args.releases)
    site = HERE / "work" / f"stages-{args.releases}"
    if not (site / "content").is_dir():
        shutil.rmtree(site, ignore_errors=True)
        write_site("pressroom", site, releases)
    victim = edited_release(releases)
    add_sentence("pressroom", site, victim, 0)  # every run starts from the same text
    clock = Clock()
    builds(site, victim, clock)
    dev_server(site, victim, clock)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
