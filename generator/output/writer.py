"""write_site: rendered bytes + files to copy -> the output folder, all or nothing.

The new site is written into a temporary folder beside the output, then swapped in with one
atomic rename exchange (Linux renameat2), so readers and killed builds never see a half site.
A lock file serialises concurrent builds into one output folder.

Incremental builds (pipeline.build) stage only the files whose bytes changed, in the same kind of
temporary folder; once everything has rendered, apply_staging makes a complete new tree and swaps
that in the same way: a failed or killed build still leaves the output as it was, and nobody sees a
mix of two builds. The tree it swapped out is kept as the spare (in the build cache): it shares
every unchanged file with the output (hard links), so the next incremental build brings it up to
date by touching only the files that differ between the two, instead of linking a whole new tree
(on some disks creating and removing 10,000 folders takes longer than the rest of the build).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import fcntl
import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


class UnsafeOutput(Exception):
    """The output folder is one that must never be replaced (content, theme, a parent of them)."""


# Every build writes these at the top of the output: a folder without them was never a built site.
SITE_MARKERS = ("index.html", "sitemap.xml")


def check_output_dir(output_dir: Path, protected: list[Path]) -> None:
    """Refuse an output folder whose replacement would lose someone's files: content, the theme, a
    folder above them, or any existing folder that is neither empty nor a built site."""
    target = output_dir.resolve()
    for folder in protected:
        folder = folder.resolve()
        if target == folder or target in folder.parents:
            raise UnsafeOutput(f"--output {output_dir} would replace {folder}; choose another folder")
    if target.exists() and not target.is_dir():
        raise UnsafeOutput(f"--output {output_dir} is a file, not a folder; choose another folder")
    if target.is_dir() and not all((target / name).is_file() for name in SITE_MARKERS) and any(target.iterdir()):
        raise UnsafeOutput(f"--output {output_dir} holds files but is not a built site (it has no index.html and "
                           "sitemap.xml), and a build replaces the folder whole; choose a new or empty folder")


@contextmanager
def output_lock(output_dir: Path) -> Iterator[None]:
    output_dir.parent.mkdir(parents=True, exist_ok=True)
    lock_path = output_dir.parent / f".{output_dir.name}.lock"
    with open(lock_path, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def write_site(output_dir: Path, files: dict[str, bytes], copies: dict[str, Path]) -> None:
    """Replace output_dir with exactly `files` (path -> bytes) and `copies` (path -> source file)."""
    with output_lock(output_dir):
        _remove_leftovers(output_dir)
        staging = Path(tempfile.mkdtemp(prefix=f".{output_dir.name}.new-", dir=output_dir.parent))
        try:
            _fill(staging, files, copies)
            os.chmod(staging, 0o755)
            _swap_in(staging, output_dir)
        finally:
            if staging.exists():
                shutil.rmtree(staging, ignore_errors=True)


def new_staging(output_dir: Path) -> Path:
    """An empty temporary folder beside output_dir (after removing those of killed builds)."""
    output_dir.parent.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(output_dir)
    return Path(tempfile.mkdtemp(prefix=f".{output_dir.name}.new-", dir=output_dir.parent))


def checked_path(relative: str) -> str:
    """`relative` if it stays inside the folder it is joined to (checked on the text: no symlinks are
    followed in a fresh staging folder)."""
    parts = relative.split("/")
    if not relative or relative.startswith("/") or any(p in ("", ".", "..") for p in parts):
        raise ValueError(f"output path {relative!r} leaves the output folder")
    return relative


def staged_path(staging: Path, relative: str, flat: bool) -> Path:
    """Where a file waits in staging: at its own path (a whole site, swapped in later), or `flat`,
    under a name made from its path (single files moved into the output later; no folders to make
    and remove, which is slow on some file systems)."""
    if flat:
        return staging / hashlib.blake2b(checked_path(relative).encode(), digest_size=16).hexdigest()
    return staging / checked_path(relative)


def stage_bytes(staging: Path, relative: str, data: bytes, flat: bool = False) -> os.stat_result:
    target = staged_path(staging, relative, flat)
    if not flat:
        target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return target.stat()


def stage_copy(staging: Path, relative: str, source: Path, flat: bool = False) -> os.stat_result:
    target = staged_path(staging, relative, flat)
    if not flat:
        target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return target.stat()


def folder_id(folder: Path) -> str:
    """Identifies a folder as created: a folder deleted and made anew gets another id."""
    try:
        info = folder.stat()
    except OSError:
        return ""
    return f"{info.st_dev}:{info.st_ino}:{info.st_ctime_ns if folder.is_dir() else 'file'}"


def file_unchanged(folder: Path, relative: str, size: int, mtime_ns: int) -> bool:
    try:
        info = os.stat(folder / relative)
    except OSError:
        return False
    return info.st_size == size and info.st_mtime_ns == mtime_ns


def swap_staging(staging: Path, output_dir: Path) -> None:
    """Make the staging folder the output, whole (the previous output is removed)."""
    try:
        os.chmod(staging, 0o755)
        _swap_in(staging, output_dir)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def apply_staging(staging: Path, output_dir: Path, changed: list[str], removed: list[str], spare: Path,
                  delta: list[str] | None) -> bool:
    """Make the new output from the (flat) staged files and the current output, then swap it in whole:
    unchanged files are hard-linked (no bytes are copied), changed ones moved in, removed ones left out.
    The new tree is the spare, brought up to date first, if `delta` (the paths at which the spare and
    the output differ) is known; else a new tree in the staging folder. Either way, the tree swapped
    out becomes the spare (returns whether there is one). A build killed before the swap leaves the
    output as it was, and no reader ever sees a mix of two builds (tests/interrupt). The caller forgets
    the spare before this starts."""
    try:
        if delta is not None and spare.is_dir():
            tree = spare
            _sync_spare(spare, output_dir, delta, skip=set(changed) | set(removed))
            for relative in removed:
                remove_file(spare, relative)
        else:
            shutil.rmtree(spare, ignore_errors=True)
            tree = staging / "site"  # staged files have 32-character hex names: no clash
            _link_tree(output_dir, tree, set(changed) | set(removed))
        for relative in changed:
            target = tree / checked_path(relative)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staged_path(staging, relative, flat=True), target)
        os.chmod(tree, 0o755)
        if not _swap_keeping(tree, output_dir):
            shutil.rmtree(tree, ignore_errors=True)
            return False
        return tree == spare or _keep_as_spare(tree, spare)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _sync_spare(spare: Path, output_dir: Path, delta: list[str], skip: set[str]) -> None:
    """Make the spare equal to the output at the paths where they differ (except those in `skip`, which
    the caller sets)."""
    for relative in delta:
        if relative in skip:
            continue
        current, target = output_dir / checked_path(relative), spare / relative
        if not os.path.lexists(current):
            remove_file(spare, relative)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if os.path.lexists(target):
            target.unlink()
        link_or_copy(current, target)


def link_or_copy(source: Path | str, target: Path | str) -> None:
    """A hard link of `source` at `target`; a copy with its times kept where the file system has none."""
    try:
        os.link(source, target, follow_symlinks=False)
    except OSError:
        shutil.copy2(source, target, follow_symlinks=False)


def remove_file(tree: Path, relative: str) -> None:
    """Remove a file and the folders it leaves empty."""
    target = tree / checked_path(relative)
    if os.path.lexists(target):
        target.unlink()
    folder = target.parent
    while folder != tree:
        try:
            folder.rmdir()
        except OSError:  # not empty, or gone
            return
        folder = folder.parent


def _swap_keeping(tree: Path, output_dir: Path) -> bool:
    """Swap `tree` in as the output; `tree`'s path then holds the previous output (False: there was none)."""
    if not output_dir.exists():
        os.rename(tree, output_dir)
        return False
    if _exchange(tree, output_dir):
        return True
    previous = tree.with_name(tree.name + "-old")
    os.rename(output_dir, previous)
    os.rename(tree, output_dir)
    os.rename(previous, tree)
    return True


def _keep_as_spare(tree: Path, spare: Path) -> bool:
    try:
        spare.parent.mkdir(parents=True, exist_ok=True)
        os.rename(tree, spare)
        return True
    except OSError:  # on another file system: no spare
        shutil.rmtree(tree, ignore_errors=True)
        return False


def _link_tree(source: Path, target: Path, skip: set[str]) -> None:
    """Hard-link every file of `source` not in `skip` to the same place under `target` (a copy with its
    times kept, where the file system has no hard links). Folders are made only for files they hold."""
    target.mkdir(parents=True, exist_ok=True)
    made = {""}
    for folder, _folders, files in os.walk(source):
        inside = os.path.relpath(folder, source).replace(os.sep, "/")
        for name in files:
            relative = name if inside == "." else f"{inside}/{name}"
            if relative in skip:
                continue
            parent = os.path.dirname(relative)
            if parent not in made:
                (target / parent).mkdir(parents=True, exist_ok=True)
                made.add(parent)
            link_or_copy(os.path.join(folder, name), target / relative)


def _remove_leftovers(output_dir: Path) -> None:
    """Staging folders of builds that were killed."""
    for leftover in output_dir.parent.glob(f".{output_dir.name}.new-*"):
        shutil.rmtree(leftover, ignore_errors=True)


def safe_join(root: Path, relative: str) -> Path:
    """root/relative, refusing any path that would land outside root."""
    target = (root / relative).resolve()
    if relative.startswith("/") or ".." in relative.split("/") or root.resolve() not in target.parents:
        raise ValueError(f"output path {relative!r} leaves the output folder")
    return target


def _fill(staging: Path, files: dict[str, bytes], copies: dict[str, Path]) -> None:
    for relative, source in sorted(copies.items()):
        target = safe_join(staging, relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    for relative, data in sorted(files.items()):
        target = safe_join(staging, relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def _swap_in(staging: Path, output_dir: Path) -> None:
    if not output_dir.exists():
        os.rename(staging, output_dir)
        return
    if not output_dir.is_dir():
        raise NotADirectoryError(f"{output_dir} exists and is not a folder")
    if _exchange(staging, output_dir):
        shutil.rmtree(staging)  # now holds the previous output
        return
    previous = staging.with_name(staging.name + "-old")
    os.rename(output_dir, previous)
    os.rename(staging, output_dir)
    shutil.rmtree(previous)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two folders; False where the system cannot."""
    name = ctypes.util.find_library("c")
    if not name:
        return False
    libc = ctypes.CDLL(name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return bool(result == 0)
