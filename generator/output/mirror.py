"""mirror_files: keep a folder holding exactly a given set of files, as hard links. Does I/O.

The search step (render/search.py) gives Pagefind a folder with the release pages and nothing else.
Made afresh on every build, that folder costs as many new folders as there are releases (each page
lives in its own), which on some disks takes longer than indexing; kept in the build cache and
brought up to date from what is actually there (not from a record), it costs a stat per page.
"""

from __future__ import annotations

import os
from pathlib import Path

from .writer import checked_path, link_or_copy, remove_file


def mirror_files(folder: Path, files: dict[str, Path]) -> Path:
    """Make `folder` hold exactly `files` (relative path -> file to link), nothing else; returns it."""
    folder.mkdir(parents=True, exist_ok=True)
    for relative in sorted(_present(folder) - set(files)):
        remove_file(folder, relative)
    for relative, source in files.items():
        target = folder / checked_path(relative)
        try:
            if os.path.samefile(source, target):
                continue
            target.unlink()
        except FileNotFoundError:
            target.parent.mkdir(parents=True, exist_ok=True)
        link_or_copy(source, target)
    return folder


def _present(folder: Path) -> set[str]:
    present: set[str] = set()
    for parent, _folders, names in os.walk(folder):
        inside = os.path.relpath(parent, folder).replace(os.sep, "/")
        present.update(name if inside == "." else f"{inside}/{name}" for name in names)
    return present
