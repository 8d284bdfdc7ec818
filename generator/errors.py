"""Problems found in content, as values: SourceError and BuildFailed. No I/O."""

from __future__ import annotations

from dataclasses import dataclass

# Messages quote what authors wrote. A line break would split one problem over several output lines,
# and a control character (an ANSI escape, say) would reach the terminal: both are shown escaped.
_ONE_LINE = {code: f"\\x{code:02x}" for code in [*range(0x20), 0x7F, *range(0x80, 0xA0)]}
_ONE_LINE.update({ord("\n"): " ", ord("\r"): " ", ord("\t"): " ", 0x2028: " ", 0x2029: " "})


def one_line(text: str) -> str:
    """Text as one printable line: line breaks become spaces, control characters escapes."""
    return text.translate(_ONE_LINE)


def size_over(size: int, limit: int, unit: int, name: str) -> str:
    """A size that is over `limit`, for a message, in whole units (`unit` bytes, called `name`: "MB"), or with
    one decimal where whole units would hide that it is over: 2.1 MB, not 2 MB, against a limit of 2 MB."""
    if size // unit * unit > limit:
        return f"{size // unit} {name}"
    tenths = size * 10 // unit
    if tenths * unit > limit * 10:
        return f"{tenths // 10}.{tenths % 10} {name}"
    return f"over {limit // unit} {name}"


@dataclass(frozen=True, order=True)
class SourceError(Exception):
    """One problem in one file: where it is, what is wrong, and how to fix it. Always one line."""

    path: str
    line: int
    message: str
    hint: str = ""

    def __post_init__(self) -> None:
        for name in ("path", "message", "hint"):
            value = getattr(self, name)
            if value != (cleaned := one_line(value)):
                object.__setattr__(self, name, cleaned)

    def __reduce__(self) -> tuple[type[SourceError], tuple[str, int, str, str]]:
        """Pickled by its fields (the build cache keeps parse errors, workers send them): an exception's
        default would set them one by one on a frozen instance, which fails."""
        return (type(self), (self.path, self.line, self.message, self.hint))

    def __str__(self) -> str:
        location = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{location}: {self.message}"
        return f"{text} — {self.hint}" if self.hint else text


class BuildFailed(Exception):
    """Raised once per build with every problem that was collected."""

    def __init__(self, errors: list[SourceError]) -> None:
        super().__init__(f"{len(errors)} error(s)")
        self.errors = sorted(set(errors), key=lambda e: (e.path, e.line, e.message))


class OptionError(ValueError):
    """A command-line value that only the site's settings show to be wrong (a --now in the hour daylight
    saving time skips in the site's zone): a usage error (exit status 2), found while building."""
