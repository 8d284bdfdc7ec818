"""What a person or a CI log reads: problems as text or as GitHub annotations, plain lines that
--quiet and --verbose govern, and a progress line on a terminal for builds over a second.
Writes only to the streams it is given."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import TextIO

from ..errors import SourceError


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def problem_text(problem: SourceError, warning: bool = False) -> str:
    """`path:line: message — hint`, with `warning: ` before the message of a warning."""
    location = f"{problem.path}:{problem.line}" if problem.line else problem.path
    text = f"{location}: {'warning: ' if warning else ''}{problem.message}"
    return f"{text} — {problem.hint}" if problem.hint else text


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(problem: SourceError, warning: bool = False) -> str:
    """A GitHub Actions workflow command, so a pull request shows the problem at its line."""
    properties = f"file={_escape_property(problem.path)}"
    if problem.line:
        properties += f",line={problem.line}"
    message = f"{problem.message} — {problem.hint}" if problem.hint else problem.message
    return f"::{'warning' if warning else 'error'} {properties}::{_escape_data(message)}"


@dataclass
class Console:
    out: TextIO
    err: TextIO
    quiet: bool = False
    verbose: bool = False
    github: bool = False

    def say(self, text: str) -> None:
        """A normal message (the summary line); --quiet hides it."""
        if not self.quiet:
            print(text, file=self.out, flush=True)

    def detail(self, text: str) -> None:
        """Shown with --verbose only."""
        if self.verbose:
            print(text, file=self.out, flush=True)

    def problems(self, errors: Sequence[SourceError], warnings: Sequence[SourceError] = ()) -> None:
        """Every problem, one a line; then a count of the errors (and warnings) on stderr."""
        for problem, is_warning in [(e, False) for e in errors] + [(w, True) for w in warnings]:
            if self.github:
                print(github_annotation(problem, is_warning), file=self.out, flush=True)
            else:
                print(problem_text(problem, is_warning), file=self.err, flush=True)
        counts = [plural(len(errors), "error")] if errors else []
        counts += [plural(len(warnings), "warning")] if warnings else []
        if counts:
            print(", ".join(counts), file=self.err, flush=True)

    def progress(self, delay: float = 1.0) -> Progress:
        """A progress line on stderr, if it is a terminal and the work takes longer than `delay` seconds."""
        return Progress(self.err, self.err.isatty() and not self.quiet, delay, self)


class Progress:
    """The pipeline's progress hook: names the current stage; on a terminal, after `delay` seconds,
    a single line shows it with the time taken so far. Nothing is drawn for a quick build or in a log."""

    def __init__(self, stream: TextIO, enabled: bool, delay: float, console: Console) -> None:
        self._stream, self._enabled, self._delay, self._console = stream, enabled, delay, console
        self._stage = "starting"
        self._started = time.perf_counter()
        self._stop = threading.Event()
        self._drawn = False
        self._thread = threading.Thread(target=self._draw_until_stopped, daemon=True)

    def __call__(self, stage: str) -> None:
        self._stage = stage
        self._console.detail(f"{time.perf_counter() - self._started:6.2f} s  {stage}")

    def __enter__(self) -> Progress:
        if self._enabled:
            self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 trace: TracebackType | None) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()
        if self._drawn:
            self._stream.write("\r\x1b[K")
            self._stream.flush()

    def _draw_until_stopped(self) -> None:
        if self._stop.wait(self._delay):
            return
        while not self._stop.is_set():
            elapsed = time.perf_counter() - self._started
            self._stream.write(f"\r\x1b[K{self._stage} … {elapsed:.1f} s")
            self._stream.flush()
            self._drawn = True
            self._stop.wait(0.1)
