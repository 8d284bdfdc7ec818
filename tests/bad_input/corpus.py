"""The bad-input corpus: a good base site, and cases that each break it in one place.

A case names the files it adds, replaces (text or bytes) or deletes (None), relative to the site's
root folder, and the exact error lines the build must print. Paths in messages are as the user
sees them when running `build.py --content content` from the site's folder.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tests.conftest import CONTACTS_YAML, LOGO_SVG, SITE_YAML

NOW = "2025-06-01T12:00"
X = "content/releases/2024/x.md"  # the file most cases break

TOPICS_YAML = """\
Ausbildung: {description: "Berufsausbildung in der Region"}
Außenwirtschaft: {slug: aussenwirtschaft}
Konjunktur:
"""


def fm(*lines: str, body: str = "Ein Absatz.") -> str:
    """A Markdown file: line 1 is `---`, then `lines` from line 2, `---`, the body."""
    return "---\n" + "".join(line + "\n" for line in lines) + "---\n" + body + "\n"


def x(*lines: str, body: str = "Ein Absatz.") -> dict[str, str | bytes | None]:
    """The release file X with the given front matter lines."""
    return {X: fm(*lines, body=body)}


def good(*extra: str, body: str = "Ein Absatz.") -> str:
    """A valid release: title (line 2), date (line 3), then `extra` from line 4."""
    return fm('title: "Neue Mitteilung"', "date: 2024-05-02", *extra, body=body)


BASE: dict[str, str | bytes | None] = {
    "content/site.yaml": SITE_YAML,
    "content/contacts.yaml": CONTACTS_YAML,
    "content/topics.yaml": TOPICS_YAML,
    "content/media/logo.svg": LOGO_SVG,
    "content/media/bild.jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00",
    "content/releases/2024/a.md": fm('title: "Bilanz der Ausbildung"', "date: 2024-03-01",
                                     "topics: [Ausbildung]"),
    "content/pages/impressum.md": fm('title: "Impressum"', body="Testkammer, Musterstraße 1."),
}


class Link(str):
    """A file of a case that is a symbolic link to this target (relative to the link's folder)."""


@dataclass(frozen=True)
class Case:
    id: str
    files: dict[str, str | bytes | None]
    errors: list[str]
    args: tuple[str, ...] = ()
    seconds: float = 10.0  # the build must fail within this time
    peak_mb: float | None = None  # if set: the build's peak Python memory must stay below this
    absent: tuple[str, ...] = field(default=())  # files (below the root) that must not exist afterwards


def write_files(root: Path, files: dict[str, str | bytes | None]) -> None:
    for name, data in files.items():
        path = root / name
        if data is None:
            path.unlink(missing_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, Link):
            path.unlink(missing_ok=True)
            path.symlink_to(data)
        elif isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
