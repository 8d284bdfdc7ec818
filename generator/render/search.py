"""index_releases: the Pagefind search index of the rendered release pages, as files in memory.

Only the release pages of this build go in (every language; Pagefind keeps one index per `<html
lang>`), so nothing unpublished can be found. The pagefind program from PyPI's `pagefind[bin]`
indexes them in a folder outside the output (pages that are already on disk, in the build's staging
folder or the output, are hard-linked into a folder the build cache keeps, output/mirror.py, rather
than written again: writing and deleting 10,000 pages cost more than indexing them); the bundle it
writes (index, and the search interface's scripts and styles) is read back under pagefind/. This is the one render step
that runs a program and touches the disk. The same pages give byte-identical index files
(pagefind_order puts what Pagefind writes in hash-map order into a fixed one).
"""

from __future__ import annotations

import gzip
import os
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..errors import SourceError
from ..model.entities import Site
from ..model.urls import SEARCH_BUNDLE_PATH, output_path
from .pagefind_order import settle_bundle

PAGEFIND_TIMEOUT_SECONDS = 300
# Parts of a release page that are the same on many releases and would only add noise to results.
EXCLUDED_SELECTORS = (".boilerplate", ".permalink", ".print-only", ".jump-contacts", ".preview-banner",
                      ".contact-vcard")
_PACKED_SUFFIXES = (".pf_fragment", ".pf_index", ".pf_meta", ".pf_filter")


def find_pagefind() -> Path | None:
    """The pagefind binary: $PAGEFIND_BINARY_PATH, else the one pagefind[bin] installed, else on PATH."""
    try:
        from pagefind.service import get_executable
    except ImportError:  # pragma: no cover - pagefind is a dependency; a broken install lands here
        return None
    return get_executable()


@dataclass(frozen=True)
class PagesOnDisk:
    """How to give Pagefind pages that are already on disk: `lay_out` makes a folder that holds exactly
    the given pages (as hard links) and returns it; `scratch` is a folder for Pagefind's bundle. Setting
    `cancel` stops a running Pagefind (the dev server stopping while it indexes in the background)."""

    lay_out: Callable[[list[str]], Path]
    scratch: Path
    cancel: threading.Event | None = None


def index_releases(site: Site, files: Mapping[str, bytes],
                   on_disk: PagesOnDisk | None = None) -> tuple[dict[str, bytes], list[SourceError]]:
    """The search bundle (path -> bytes under pagefind/) for the release pages among `files`."""
    pages = [path for r in site.releases if (path := output_path(r.path)) in files]
    if not pages:
        return {}, []
    binary = find_pagefind()
    if binary is None:
        return {}, [SourceError("pagefind", 0, "the search index needs the pagefind program, which is missing",
                                "install Pressroom again with its dependencies: pip install -e .")]
    with tempfile.TemporaryDirectory(prefix=".pressroom-search-", dir=on_disk.scratch if on_disk else None) as folder:
        root = Path(folder)
        if on_disk:
            pages_folder = on_disk.lay_out(pages)
        else:  # in memory only (check, serve)
            pages_folder = root / "site"
            for path in pages:
                target = pages_folder / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(files[path])
        bundle = root / "bundle"
        problem = _run_pagefind(binary, pages_folder, bundle, on_disk.cancel if on_disk else None)
        if problem:
            return {}, [problem]
        return settle_bundle({SEARCH_BUNDLE_PATH + file.relative_to(bundle).as_posix(): file.read_bytes()
                              for file in sorted(bundle.rglob("*")) if file.is_file()}), []


def _run_pagefind(binary: Path, pages: Path, bundle: Path, cancel: threading.Event | None) -> SourceError | None:
    command = [str(binary), "--site", str(pages), "--output-path", str(bundle), "--silent",
               "--exclude-selectors", ", ".join(EXCLUDED_SELECTORS)]
    # Settings from the environment (PAGEFIND_SITE, …) must not change what the index holds.
    environment = {key: value for key, value in os.environ.items() if not key.startswith("PAGEFIND_")}
    try:
        process = subprocess.Popen(command, cwd=bundle.parent, env=environment, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True)
    except OSError as exc:
        return SourceError("pagefind", 0, f"the search index could not be built: {exc}",
                           "reinstall Pressroom's dependencies (pip install -e .) and build again")
    deadline = time.monotonic() + PAGEFIND_TIMEOUT_SECONDS
    with process:  # on any exception (Ctrl-C too) the program is killed, not left running
        while True:
            try:
                out, err = process.communicate(timeout=0.2)
                break
            except subprocess.TimeoutExpired:
                if time.monotonic() > deadline or (cancel is not None and cancel.is_set()):
                    process.kill()
                    process.communicate()
                    why = "it was stopped" if cancel is not None and cancel.is_set() else \
                        f"it took longer than {PAGEFIND_TIMEOUT_SECONDS} s"
                    return SourceError("pagefind", 0, f"the search index could not be built: {why}",
                                       "build again")
            except BaseException:
                process.kill()
                raise
    if process.returncode != 0:
        lines = (err or out).strip().splitlines() or [f"exit status {process.returncode}"]
        return SourceError("pagefind", 0, f"the search index could not be built: {lines[-1]}",
                           "reinstall Pressroom's dependencies (pip install -e .) and build again")
    return None


def readable_index(bundle: Mapping[str, bytes]) -> dict[str, bytes]:
    """The index files unpacked (Pagefind gzips them), so the leak scan can read what they hold."""
    readable = {}
    for path, data in bundle.items():
        if path.endswith(_PACKED_SUFFIXES):
            try:
                readable[f"{path} (unpacked)"] = gzip.decompress(data)
            except (OSError, EOFError):
                continue  # not packed after all: the scan reads it as it is
    return readable
