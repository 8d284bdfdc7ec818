"""index_releases: the Pagefind search index of the rendered release pages, as files in memory.

Only the release pages of this build go in (every language; Pagefind keeps one index per `<html
lang>`), so nothing unpublished can be found. The pagefind program from PyPI's `pagefind[bin]`
indexes them in a folder outside the output (pages that are already on disk, in the build's staging
folder or the output, are hard-linked into a folder the build cache keeps, output/mirror.py, rather
than written again: writing and deleting 10,000 pages cost more than indexing them); the bundle it
writes (index, and the search interface's scripts and styles) is read back under pagefind/. This is the one render step
that runs a program and touches the disk. The same pages give byte-identical index files
(pagefind_order puts what Pagefind writes in hash-map order into a fixed one).

Pagefind runs once per language, and the bundles are merged: its index of one language never reads
another's pages, so the merged bundle is the one a single run over all pages writes (tested). A
build that keeps indexes (`PagesOnDisk.kept`) runs it only for the languages whose pages changed:
after an edit of an English release the German index is reused. A kept index is used only if its
key (the pages, the program, the options) and the digest of its files both match.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import SourceError
from ..model.entities import Site
from ..model.urls import SEARCH_BUNDLE_PATH, output_path
from .pagefind_order import settle_bundle

PAGEFIND_TIMEOUT_SECONDS = 300
# Parts of a release page that are the same on many releases and would only add noise to results.
EXCLUDED_SELECTORS = (".boilerplate", ".permalink", ".print-only", ".jump-contacts", ".preview-banner",
                      ".contact-vcard")
_PACKED_SUFFIXES = (".pf_fragment", ".pf_index", ".pf_meta", ".pf_filter")
ENTRY_PATH = SEARCH_BUNDLE_PATH + "pagefind-entry.json"
_REINSTALL = "reinstall Pressroom's dependencies (pip install -e .) and build again"


def find_pagefind() -> Path | None:
    """The pagefind binary: $PAGEFIND_BINARY_PATH, else the one pagefind[bin] installed, else on PATH."""
    try:
        from pagefind.service import get_executable
    except ImportError:  # pragma: no cover - pagefind is a dependency; a broken install lands here
        return None
    return get_executable()


def indexer_key() -> str:
    """What besides the pages shapes an index: the Pagefind program (where it is, its size and time) and
    the options it runs with."""
    binary = find_pagefind()
    return _key(binary) if binary is not None else "no pagefind"


@dataclass(frozen=True)
class PagesOnDisk:
    """How to give Pagefind pages that are already on disk: `lay_out(language, pages)` makes a folder
    that holds exactly the given pages (as hard links) and returns it, one folder per language;
    `scratch` is a folder for Pagefind's bundles. Setting `cancel` stops a running Pagefind (the dev
    server stopping while it indexes in the background). `kept` is a folder where each language's last
    index stays for the next build (None: none kept), and `page_digest` the hash of a page's bytes where
    the caller knows it (else they are hashed here)."""

    lay_out: Callable[[str, list[str]], Path]
    scratch: Path
    cancel: threading.Event | None = None
    kept: Path | None = None
    page_digest: Callable[[str], str] | None = None


def index_releases(site: Site, files: Mapping[str, bytes],
                   on_disk: PagesOnDisk | None = None) -> tuple[dict[str, bytes], list[SourceError]]:
    """The search bundle (path -> bytes under pagefind/) for the release pages among `files`."""
    languages: dict[str, list[str]] = {}
    for release in site.releases:
        if (path := output_path(release.path)) in files:
            languages.setdefault(release.lang, []).append(path)
    if not languages:
        return {}, []
    binary = find_pagefind()
    if binary is None:
        return {}, [SourceError("pagefind", 0, "the search index needs the pagefind program, which is missing",
                                "install Pressroom again with its dependencies: pip install -e .")]
    parts = []
    with tempfile.TemporaryDirectory(prefix=".pressroom-search-", dir=on_disk.scratch if on_disk else None) as folder:
        for language, pages in sorted(languages.items()):
            part, problem = _language_index(binary, language, sorted(pages), files, on_disk, Path(folder))
            if problem:
                return {}, [problem]
            parts.append(part)
    return settle_bundle(_merge_bundles(parts)), []


def _language_index(binary: Path, language: str, pages: list[str], files: Mapping[str, bytes],
                    on_disk: PagesOnDisk | None, root: Path) -> tuple[dict[str, bytes], SourceError | None]:
    """Pagefind's bundle for the pages of one language: the kept one if it was made from the same."""
    kept = on_disk.kept / language if on_disk and on_disk.kept else None
    key = ""
    if kept is not None and on_disk is not None:
        page_digest = on_disk.page_digest or (lambda path: hashlib.blake2b(files[path], digest_size=16).hexdigest())
        key = _key(binary, language, *(f"{path}:{page_digest(path)}" for path in pages))
        bundle = _read_kept(kept, key)
        if bundle is not None:
            return bundle, None
    if on_disk:
        pages_folder = on_disk.lay_out(language, pages)
    else:  # in memory only (check, serve's first build)
        pages_folder = root / f"site-{language}"
        for path in pages:
            target = pages_folder / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(files[path])
    made = root / f"bundle-{language}"
    problem = _run_pagefind(binary, pages_folder, made, on_disk.cancel if on_disk else None)
    if problem:
        return {}, problem
    bundle = _read_bundle(made)
    if kept is not None:
        _keep(made, bundle, kept, key)
    return bundle, None


def _merge_bundles(parts: list[dict[str, bytes]]) -> dict[str, bytes]:
    """One bundle of the bundles of single languages: their files, and one pagefind-entry.json that
    lists every language. The interface's files are the same in each."""
    merged: dict[str, bytes] = {}
    entry: dict[str, Any] | None = None
    for part in parts:
        merged.update(part)
        data = part.get(ENTRY_PATH)
        if data is not None:
            this = json.loads(data)
            if entry is None:
                entry = this
            else:
                entry["languages"].update(this["languages"])
    if entry is not None and len(parts) > 1:
        merged[ENTRY_PATH] = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return merged


def _key(binary: Path, *parts: str) -> str:
    info = binary.stat()
    text = json.dumps([str(binary), info.st_size, info.st_mtime_ns, *_options(), *parts], ensure_ascii=False)
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _bundle_digest(bundle: Mapping[str, bytes]) -> str:
    hasher = hashlib.blake2b(digest_size=16)
    for path, data in sorted(bundle.items()):
        hasher.update(json.dumps([path, len(data)], ensure_ascii=False).encode("utf-8", "surrogatepass"))
        hasher.update(data)
    return hasher.hexdigest()


def _read_bundle(folder: Path) -> dict[str, bytes]:
    return {SEARCH_BUNDLE_PATH + file.relative_to(folder).as_posix(): file.read_bytes()
            for file in sorted(folder.rglob("*")) if file.is_file()}


def _read_kept(kept: Path, key: str) -> dict[str, bytes] | None:
    """The kept bundle if it was made under `key` and is whole (else None: it is made again)."""
    try:
        lines = (kept / "key").read_text("utf-8").split()
        if lines[:1] != [key] or len(lines) != 2:
            return None
        bundle = _read_bundle(kept / "bundle")
    except OSError:
        return None
    return bundle if _bundle_digest(bundle) == lines[1] else None


def _keep(made: Path, bundle: Mapping[str, bytes], kept: Path, key: str) -> None:
    """Keep the bundle Pagefind just made for the next build; the key is written last, so a build
    killed meanwhile leaves none. Keeping is only a saving: if it fails, the next build runs Pagefind."""
    try:
        (kept / "key").unlink(missing_ok=True)
        shutil.rmtree(kept, ignore_errors=True)
        kept.mkdir(parents=True)
        shutil.move(made, kept / "bundle")
        (kept / "key").write_text(f"{key}\n{_bundle_digest(bundle)}\n", "utf-8")
    except OSError:
        shutil.rmtree(kept, ignore_errors=True)


def _options() -> list[str]:
    """Pagefind's options, apart from the folders."""
    return ["--silent", "--exclude-selectors", ", ".join(EXCLUDED_SELECTORS)]


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class SearchStopped(KeyboardInterrupt):
    """Pagefind was ended by a stop signal, as Ctrl-C in a terminal sends to every program it started:
    the build stops (exit 130 in the CLI), it did not fail."""


def _run_pagefind(binary: Path, pages: Path, bundle: Path, cancel: threading.Event | None) -> SourceError | None:
    # Absolute folders: Pagefind runs in another folder (so no pagefind.yml of the user's is read).
    pages, bundle = pages.resolve(), bundle.resolve()
    command = [str(binary), "--site", str(pages), "--output-path", str(bundle), *_options()]
    # Settings from the environment (PAGEFIND_SITE, …) must not change what the index holds.
    environment = {key: value for key, value in os.environ.items() if not key.startswith("PAGEFIND_")}
    try:
        process = subprocess.Popen(command, cwd=bundle.parent, env=environment, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True)
    except OSError as exc:
        return SourceError("pagefind", 0, f"the search index could not be built: {exc}", _REINSTALL)
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
    if -process.returncode in STOP_SIGNALS:  # Ctrl-C in a terminal reaches Pagefind too, maybe first
        raise SearchStopped()
    if process.returncode != 0:
        lines = (err or out).strip().splitlines() or [f"exit status {process.returncode}"]
        return SourceError("pagefind", 0, f"the search index could not be built: {lines[-1]}", _REINSTALL)
    if not (bundle / "pagefind-entry.json").is_file():  # never a site whose search finds nothing
        return SourceError("pagefind", 0, f"the search index could not be built: Pagefind wrote no index to {bundle}",
                           _REINSTALL)
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
