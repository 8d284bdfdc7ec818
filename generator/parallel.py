"""Worker processes for the two costly stages: parsing releases, and rendering + writing outputs.

Workers are forked, so they inherit the build's read-only state (parse context, Jinja environment,
planned outputs, leak scan) from a module global set just before the pool starts: only indices go
out and small records come back. Each rendering worker renders its templates and makes its data files
(ninjs, JSON Feed, vCard: planned as a maker and its arguments), writes them into the staging folder
and scans them for leaks itself, so no process holds the whole site's bytes. With jobs=1, or little
work, everything runs in this process; the output is the same either way.
"""

from __future__ import annotations

import gc
import multiprocessing
import signal
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import jinja2

from .errors import SourceError
from .model.entities import Release, Withheld
from .output.cache import digest
from .output.writer import stage_bytes
from .render.leaks import LeakScan
from .render.pages import Problems, merge_problems, render_output
from .render.plan import Output
from .source.reader import SourceFile
from .source.release import ReleaseContext, parse_release

MIN_PARALLEL = 48  # fewer items than this are done in this process: a pool costs more than it saves
CHUNK = 32

Parsed = tuple[Release | None, list[SourceError]]
Hit = tuple[Withheld, str, str, str]
T = TypeVar("T")
R = TypeVar("R")

_state: Any = None  # the job of the running pool, inherited by its forked workers


def parse_releases(sources: Sequence[SourceFile], context: ReleaseContext, jobs: int) -> list[Parsed]:
    """parse_release for each source, in order."""
    def parse_chunk(indices: range) -> list[Parsed]:
        return [parse_release(sources[i], context) for i in indices]
    return [parsed for chunk in _run(parse_chunk, len(sources), jobs) for parsed in chunk]


@dataclass(frozen=True)
class RenderJob:
    env: jinja2.Environment
    outputs: list[Output]
    todo: list[int]  # indices into outputs of those to render
    staging: Path
    previous: dict[str, str]  # output path -> hash of the bytes it has now (unchanged bytes are not staged)
    scan: LeakScan
    flat: bool  # stage under flat names (see output.writer.staged_path)


@dataclass(frozen=True)
class Rendered:
    index: int
    digest: str
    size: int  # of the staged file; 0 if not staged
    mtime_ns: int
    staged: bool


@dataclass
class RenderResult:
    rendered: list[Rendered]
    problems: Problems
    hits: list[Hit]


def render_to_staging(job: RenderJob, jobs: int) -> RenderResult:
    """Render job.todo; stage each output whose bytes differ from job.previous; scan each for leaks."""
    def render_chunk(positions: range) -> RenderResult:
        return _render_chunk(job, positions)
    result = RenderResult([], {}, [])
    for chunk in _run(render_chunk, len(job.todo), jobs):
        result.rendered += chunk.rendered
        merge_problems(result.problems, chunk.problems)
        result.hits += chunk.hits
    return result


def _render_chunk(job: RenderJob, positions: range) -> RenderResult:
    result = RenderResult([], {}, [])
    for position in positions:
        index = job.todo[position]
        output = job.outputs[index]
        data = render_output(job.env, output, result.problems)
        if data is None:
            continue
        result.hits += job.scan.scan(output.path, data)
        hashed = digest(data)
        if job.previous.get(output.path) == hashed:
            result.rendered.append(Rendered(index, hashed, 0, 0, staged=False))
        else:
            info = stage_bytes(job.staging, output.path, data, job.flat)
            result.rendered.append(Rendered(index, hashed, info.st_size, info.st_mtime_ns, staged=True))
    return result


def _run(work: Callable[[range], T], count: int, jobs: int) -> Iterator[T]:
    """work(range) over 0..count in chunks, in order; in forked workers when worth it."""
    chunks = [range(start, min(start + CHUNK, count)) for start in range(0, count, CHUNK)]
    if jobs <= 1 or count < MIN_PARALLEL or "fork" not in multiprocessing.get_all_start_methods():
        yield from (work(chunk) for chunk in chunks)
        return
    global _state
    _state = work
    gc.freeze()  # objects the workers inherit stay shared: the collector does not touch their pages
    try:
        with multiprocessing.get_context("fork").Pool(jobs, initializer=_quiet_signals) as pool:
            yield from pool.imap(_call_state, chunks)
    finally:
        _state = None
        gc.unfreeze()


def _quiet_signals() -> None:
    """A worker leaves Ctrl-C to the parent, and ends at once when the pool ends it: it does not inherit
    a handler of the parent's (the dev server's SIGTERM handler raised KeyboardInterrupt in workers
    that the pool was ending, and they printed its traceback to the terminal)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _call_state(chunk: range) -> Any:
    return _state(chunk)
