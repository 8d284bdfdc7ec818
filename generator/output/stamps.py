"""The shortcut of a rebuild in which nothing changed: stamps of what a build read and left. Does I/O
(it only lists folders and stats files).

A successful build records, in its cache, a stamp of every file and folder under the content,
template and static folders (name, type, size, mtime, ctime, inode), of the options and environment
that shape the output and of Pressroom's code; a stamp of the output folder as it left it; and the
site's Outlook (what the summary line and --schedule report). The next build whose stamps are the
same, at a moment for which that Outlook is still valid (before the next embargo lifts or release
leaves the news sitemap), has nothing to do: it writes nothing, and reports the Outlook with its own
now. Everything else takes the incremental path, which compares contents.

Racily clean files (git's term): a file changed twice within the file system's timestamp
granularity could show the same stamp after its second change. So for every file changed less than
RACY_SECONDS before the walk, the input stamp also holds the hash of its content as the walk read it,
and the shortcut is only taken if those files still hold the same bytes.
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..config import RACY_SECONDS


class _Untrustworthy(Exception):
    """A folder holds something a stamp cannot vouch for (a link to a folder, a fresh link target)."""


@dataclass(frozen=True)
class InputStamp:
    """The stamp of the inputs, and the content hash of each file that was racily fresh."""

    stamp: str
    fresh: dict[str, str]  # path -> content hash

    def still_holds(self, now: InputStamp | None) -> bool:
        """Whether `now` (this build's stamp) shows the same inputs as this one (the last build's)."""
        return now is not None and now.stamp == self.stamp and all(
            _content(path) == digest for path, digest in self.fresh.items())


def input_stamp(folders: Sequence[Path], settings: Sequence[str]) -> InputStamp | None:
    """The stamp of the folders' whole contents and the settings, or None if it cannot be trusted."""
    started = time.time_ns()
    hasher = hashlib.blake2b(digest_size=16)
    for part in (sys.version, *settings):
        hasher.update(part.encode("utf-8", "surrogatepass") + b"\0")
    fresh: dict[str, str] = {}
    try:
        for folder in folders:
            hasher.update(os.fsencode(folder.resolve()) + b"\0")
            if folder.is_dir():
                _walk(folder, hasher, fresh, fresh_from=started - int(RACY_SECONDS * 1e9))
    except (_Untrustworthy, OSError):
        return None
    return InputStamp(hasher.hexdigest(), fresh)


def _content(path: str) -> str | None:
    try:
        with open(path, "rb") as file:  # read in chunks: a huge file is refused later, not held here
            return hashlib.file_digest(file, lambda: hashlib.blake2b(digest_size=16)).hexdigest()
    except OSError:
        return None


def output_stamp(folder: Path) -> str:
    """The stamp of the output folder's whole contents; "" if it does not exist."""
    hasher = hashlib.blake2b(digest_size=16)
    try:
        hasher.update(os.fsencode(str(folder.stat().st_ino)))
        _walk(folder, hasher, {}, fresh_from=None)
    except (_Untrustworthy, OSError):
        return ""
    return hasher.hexdigest()


def _walk(folder: Path | str, hasher: hashlib.blake2b, fresh: dict[str, str], fresh_from: int | None) -> None:
    with os.scandir(folder) as listing:
        entries = sorted(listing, key=lambda entry: entry.name)
    for entry in entries:
        info = entry.stat(follow_symlinks=False)
        hasher.update(b"%s\0%o %d %d %d %d\n" % (os.fsencode(entry.name), info.st_mode, info.st_size,
                                                 info.st_mtime_ns, info.st_ctime_ns, info.st_ino))
        if stat.S_ISLNK(info.st_mode):
            target = os.stat(entry.path)  # a dangling link raises OSError: no stamp
            if stat.S_ISDIR(target.st_mode):
                raise _Untrustworthy(entry.path)  # its files would need a walk of their own
            if fresh_from is not None and max(target.st_mtime_ns, target.st_ctime_ns) >= fresh_from:
                raise _Untrustworthy(entry.path)
            hasher.update(b"-> %s %d %d %d %d\n" % (os.fsencode(os.readlink(entry.path)), target.st_size,
                                                    target.st_mtime_ns, target.st_ctime_ns, target.st_ino))
        elif stat.S_ISDIR(info.st_mode):
            hasher.update(b"{")
            _walk(entry.path, hasher, fresh, fresh_from)
            hasher.update(b"}")
        elif fresh_from is not None and max(info.st_mtime_ns, info.st_ctime_ns) >= fresh_from:
            content = _content(entry.path)
            if content is None:
                raise _Untrustworthy(entry.path)
            fresh[entry.path] = content


def copy_signature(source: Path) -> str:
    """What says a file copied into the output may have changed: its real path, size and times, and its
    inode (a file replaced by `mv`, `cp -p` or `rsync -t` keeps size and mtime, not ctime and inode)."""
    info = source.stat()
    return "\0".join(map(str, (source.resolve(), info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)))
