"""Problems found in content, as values: SourceError and BuildFailed. No I/O."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class SourceError(Exception):
    """One problem in one file: where it is, what is wrong, and how to fix it."""

    path: str
    line: int
    message: str
    hint: str = ""

    def __str__(self) -> str:
        location = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{location}: {self.message}"
        return f"{text} — {self.hint}" if self.hint else text


class BuildFailed(Exception):
    """Raised once per build with every problem that was collected."""

    def __init__(self, errors: list[SourceError]) -> None:
        super().__init__(f"{len(errors)} error(s)")
        self.errors = sorted(set(errors), key=lambda e: (e.path, e.line, e.message))
