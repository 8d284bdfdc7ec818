"""mirror_files, PageFolder: keep a folder holding exactly a given set of files. Does I/O.

The search step (render/search.py) gives Pagefind a folder with the release pages and nothing else.
Made afresh on every build, that folder costs as many new folders as there are releases (each page
lives in its own), which on some disks takes longer than indexing; kept in the build cache and
brought up to date from what is actually there (not from a record), it costs a stat per page.
The dev server has its pages in memory only: a PageFolder writes them, and afterwards only those
whose bytes changed.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
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


class PageFolder:
    """A folder this process alone writes, made to hold exactly given files (path -> bytes). It
    remembers what it wrote, so unchanged files (the same bytes) cost nothing."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._written: dict[str, bytes] = {}  # the bytes objects themselves: `is` answers most comparisons

    def lay_out(self, files: Mapping[str, bytes]) -> Path:
        """Make the folder hold exactly `files`; returns it."""
        self.folder.mkdir(parents=True, exist_ok=True)
        for relative in sorted(set(self._written) - set(files)):
            remove_file(self.folder, relative)
            del self._written[relative]
        for relative, data in files.items():
            known = self._written.get(relative)
            if known is data or known == data:
                continue
            target = self.folder / checked_path(relative)
            target.parent.mkdir(parents=True, exist_ok=True)
            self._written.pop(relative, None)  # unknown until written whole
            target.write_bytes(data)
            self._written[relative] = data
        return self.folder


def _present(folder: Path) -> set[str]:
    present: set[str] = set()
    for parent, _folders, names in os.walk(folder):
        inside = os.path.relpath(parent, folder).replace(os.sep, "/")
        present.update(name if inside == "." else f"{inside}/{name}" for name in names)
    return present
