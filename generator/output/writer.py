"""write_site: rendered bytes + files to copy -> the output folder, all or nothing.

The new site is written into a temporary folder beside the output, then swapped in with one
atomic rename exchange (Linux renameat2), so readers and killed builds never see a half site.
A lock file serialises concurrent builds into one output folder.

Incremental builds (pipeline.build) stage only the files whose bytes changed, in the same kind of
temporary folder; once everything has rendered, apply_staging hard-links the unchanged files beside
them into a complete new tree and swaps that in the same way: a failed or killed build still leaves
the output as it was, and nobody sees a mix of two builds.
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


def check_output_dir(output_dir: Path, protected: list[Path]) -> None:
    target = output_dir.resolve()
    for folder in protected:
        folder = folder.resolve()
        if target == folder or target in folder.parents:
            raise UnsafeOutput(f"--output {output_dir} would replace {folder}; choose another folder")


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


def apply_staging(staging: Path, output_dir: Path, changed: list[str], removed: list[str]) -> None:
    """Make the new output from the current one and the (flat) staged files, then swap it in whole: the
    unchanged files are hard-linked (no bytes are copied), the changed ones moved in, the removed ones
    left out. A build killed before the swap leaves the output as it was, and no reader ever sees a mix
    of two builds (tests/interrupt). The new tree lives inside the staging folder, so a killed build's
    leftovers are removed with it."""
    tree = staging / "site"  # staged files have 32-character hex names: no clash
    try:
        _link_tree(output_dir, tree, set(changed) | set(removed))
        for relative in changed:
            target = tree / checked_path(relative)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staged_path(staging, relative, flat=True), target)
        os.chmod(tree, 0o755)
        _swap_in(tree, output_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


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
            try:
                os.link(os.path.join(folder, name), target / relative, follow_symlinks=False)
            except OSError:
                shutil.copy2(os.path.join(folder, name), target / relative, follow_symlinks=False)


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
