"""build_site: the incremental, parallel build behind pipeline.build. Does I/O.

The same stages and checks as pipeline.render_site, with three savings, none of which may change a
byte of the output (tests/e2e/test_incremental.py holds them to that):
- parsed releases come from the cache (.pressroom-cache/, output/cache.py) by content hash, keyed
  also on everything parsing depends on; only new or edited files are parsed, by --jobs workers;
- an output whose fingerprint (render/fingerprint.py) and file are as the last build left them is
  neither rendered nor written; the rest are rendered by --jobs workers into a staging folder;
- of those, only files whose bytes changed are written.
Without a usable manifest (first build, output folder replaced, a build killed while writing) the
staging folder holds the whole site and is swapped in, as before. And before all that, if no input
changed and the output is as the last build left it, the build ends at once (output/stamps.py).
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, tzinfo
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

import babel
import jinja2
import markdown

import generator

from .config import BuildOptions
from .errors import BuildFailed, SourceError
from .model.entities import Site
from .model.schedule import Outlook, outlook
from .model.urls import SEARCH_BUNDLE_PATH, output_path
from .output.cache import BuildCache, Entry, cache_folder, digest, legacy_search_folder, search_folder, spare_folder
from .output.mirror import mirror_files
from .output.stamps import InputStamp, copy_signature, input_stamp, output_stamp
from .output.writer import (
    apply_staging,
    file_unchanged,
    folder_id,
    new_staging,
    output_lock,
    stage_bytes,
    stage_copy,
    staged_path,
    swap_staging,
)
from .parallel import Hit, Parsed, RenderJob, parse_releases, render_to_staging
from .render.environment import make_environment
from .render.fingerprint import fingerprint_outputs
from .render.leaks import LeakScan, leak_scan
from .render.pages import template_errors
from .render.plan import Output, plan_outputs
from .render.search import PagesOnDisk, indexer_key, readable_index
from .source.reader import KnownSources, SiteSources, SourceFile
from .source.release import ReleaseContext

Progress = Callable[[str], None]
NOTHING_CHANGED = "nothing changed since the last build"
PACKAGE = Path(__file__).resolve().parent


def code_key() -> str:
    """Pressroom's version (read now, so a test can change it), its own source files, and the
    libraries that shape the output."""
    return digest(generator.__version__, _source_key())


@lru_cache(maxsize=1)
def _source_key() -> str:
    parts: list[str | bytes] = [jinja2.__version__, markdown.__version__, babel.__version__, version("pagefind")]
    for file in sorted(PACKAGE.rglob("*.py")):
        parts += [file.relative_to(PACKAGE).as_posix(), file.read_bytes()]
    return digest(*parts)


def files_key(folders: Sequence[Path]) -> str:
    """Every file under the folders (templates, static files): names and bytes."""
    parts: list[str | bytes] = []
    for folder in folders:
        parts.append(str(folder))
        if folder.is_dir():
            for file in sorted(folder.rglob("*")):
                if file.is_file():
                    parts += [file.relative_to(folder).as_posix(), file.read_bytes()]
    return digest(*parts)


def context_key(context: ReleaseContext) -> str:
    """What parsing a release depends on besides its file."""
    return digest(code_key(), repr(replace(context, media=frozenset())), *sorted(context.media))


def parse_key(context_key: str, source: SourceFile) -> str:
    """The cache key of one release's Parsed."""
    return digest(context_key, source.path, source.relative, source.text)


class CachedParser:
    """parse_release for many sources: from the cache (on disk, or `memory` in a long-running process)
    where it has them, else in --jobs workers."""

    def __init__(self, cache: BuildCache | None, jobs: int, memory: dict[str, Parsed] | None = None) -> None:
        self.cache, self.jobs, self.memory = cache, jobs, memory
        self.parsed = 0  # how many were parsed (not taken from the cache), for tests and progress
        self.context: ReleaseContext | None = None  # of the last call, and its releases' keys by shown path
        self.keys: dict[str, str] = {}

    def __call__(self, sources: Sequence[SourceFile], context: ReleaseContext) -> list[Parsed]:
        base = context_key(context)
        keys = [parse_key(base, source) for source in sources]
        self.context, self.keys = context, {source.path: key for source, key in zip(sources, keys, strict=True)}
        known: dict[str, Parsed] = {}
        if self.memory is not None:
            known = {key: self.memory[key] for key in keys if key in self.memory}
        elif self.cache:
            known = {key: pickle.loads(value) for key, value in self.cache.parsed(keys).items()}
        missing = [i for i, key in enumerate(keys) if key not in known]
        fresh = parse_releases([sources[i] for i in missing], context, self.jobs)
        self.parsed += len(missing)
        known.update((keys[i], parsed) for i, parsed in zip(missing, fresh, strict=True))
        if self.memory is not None:
            self.memory.clear()  # keep only what this build used
            self.memory.update(known)
        elif self.cache and missing:
            self.cache.store_parsed({keys[i]: pickle.dumps(parsed, pickle.HIGHEST_PROTOCOL)
                                     for i, parsed in zip(missing, fresh, strict=True)})
        return [known[key] for key in keys]


@dataclass
class Plan:
    """One build's outputs and what the last build left in the output folder."""

    site: Site
    env: jinja2.Environment
    outputs: list[Output]
    prints: list[str]
    copies: dict[str, Path]
    previous: dict[str, Entry] | None  # None: no usable manifest, write everything
    previous_scan: str
    scan: LeakScan
    scan_key: str


class StagedFiles(Mapping[str, bytes]):
    """The output files of this build by path, read on demand from staging or the output folder."""

    def __init__(self, paths: Sequence[str], staged: set[str], staging: Path, output_dir: Path, flat: bool) -> None:
        self._paths, self._staged, self._staging, self._output = set(paths), staged, staging, output_dir
        self._flat = flat

    def __getitem__(self, path: str) -> bytes:
        if path not in self._paths:
            raise KeyError(path)
        if path in self._staged:
            return staged_path(self._staging, path, self._flat).read_bytes()
        return (self._output / path).read_bytes()

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._paths))

    def __len__(self) -> int:
        return len(self._paths)

    def __contains__(self, path: object) -> bool:  # without reading the file, as Mapping's own would
        return path in self._paths

    def location(self, path: str) -> Path:
        """Where the file is on disk (in staging if this build wrote it, else in the output)."""
        return staged_path(self._staging, path, self._flat) if path in self._staged else self._output / path


def render_key(options: BuildOptions, site: Site, template_dirs: Sequence[Path], static_dirs: Sequence[Path]) -> str:
    return digest(code_key(), repr(site.config), str(options.content_dir.resolve()),
                  files_key(template_dirs), files_key(static_dirs))


def build_site(options: BuildOptions, progress: Progress, stages: Stages) -> tuple[Outlook, int, int]:
    """Build into options.output_dir; returns (the site's outlook, files written, pages written)."""
    with output_lock(options.output_dir), BuildCache(cache_folder(options.output_dir)) as cache:
        name = str(options.output_dir.resolve())
        inputs = input_stamp([options.content_dir, *stages.template_dirs(options), *stages.static_dirs(options)],
                             build_settings(options))
        unchanged = _unchanged(options, cache, inputs, stages)
        if unchanged is not None:
            progress(NOTHING_CHANGED)
            return unchanged, 0, 0
        parser = CachedParser(cache, options.jobs)
        progress("reading content")
        site = stages.load(options, parser, None, None)
        plan = _plan(options, site, cache, stages)
        staging = new_staging(options.output_dir)
        try:
            entries, staged, errors = _render(options, plan, staging, progress, stages)
            if errors:
                raise BuildFailed(errors)
            progress(f"writing {len(staged)} changed files to {options.output_dir}")
            _commit(options, plan, cache, staging, entries, staged)
        finally:
            if staging.exists():
                shutil.rmtree(staging, ignore_errors=True)
        view = outlook(site)
        stamp = output_stamp(options.output_dir)
        recorded = json.dumps([inputs.stamp, inputs.fresh]) if inputs else None
        cache.store_shortcut(name, recorded, stamp, pickle.dumps(view, pickle.HIGHEST_PROTOCOL))
    return view, len(staged), sum(1 for path in staged if path.endswith(".html"))


def build_settings(options: BuildOptions) -> list[str]:
    """Everything besides the input files that shapes the output: Pressroom's code and the options."""
    folders = [options.content_dir, options.output_dir, options.theme_dir, options.templates_dir, options.static_dir]
    return [code_key(), *(str(folder.resolve()) if folder else "-" for folder in folders), repr(options.base_url),
            repr(os.environ.get("SITE_BASE_URL")), repr(options.now), repr(options.now_text), repr(options.preview)]


def _unchanged(options: BuildOptions, cache: BuildCache, inputs: InputStamp | None, stages: Stages) -> Outlook | None:
    """The outlook of the last build, at this build's now, if this build would change nothing."""
    last = cache.shortcut(str(options.output_dir.resolve()))
    if inputs is None or last is None:
        return None
    try:
        stamp, fresh = json.loads(last[0])
        view: Outlook = pickle.loads(last[2])
    except Exception:  # noqa: BLE001 - a cache from another version, or damaged: build
        return None
    if not InputStamp(stamp, fresh).still_holds(inputs):
        return None
    now = stages.now(options, view.zone)
    if not view.valid_at(now) or output_stamp(options.output_dir) != last[1]:
        return None
    return replace(view, now=now)


@dataclass(frozen=True)
class Stages:
    """The pipeline's own stage functions, handed in so this module does not import pipeline."""

    load: Callable[[BuildOptions, CachedParser, KnownSources | None, SiteSources | None], Site]
    now: Callable[[BuildOptions, tzinfo], datetime]
    template_dirs: Callable[[BuildOptions], list[Path]]
    static_dirs: Callable[[BuildOptions], list[Path]]
    copies: Callable[[BuildOptions, Site], dict[str, Path]]
    after_render: Callable[[Site, list[Output], Mapping[str, bytes], dict[str, Path], dict[str, bytes] | None,
                            PagesOnDisk | None],
                           tuple[dict[str, bytes], dict[str, bytes], list[SourceError]]]
    checks: Callable[[Site, list[Output], Collection[str], dict[str, Path], Collection[str]], list[SourceError]]


def _plan(options: BuildOptions, site: Site, cache: BuildCache, stages: Stages) -> Plan:
    template_dirs = stages.template_dirs(options)
    env = make_environment(site.config, template_dirs)
    outputs = plan_outputs(site)
    prints = fingerprint_outputs(outputs, render_key(options, site, template_dirs, stages.static_dirs(options)))
    known = cache.manifest(str(options.output_dir.resolve()), folder_id(options.output_dir))
    previous, previous_scan = known if known else (None, "")
    paths = [o.path for o in outputs] + [SEARCH_BUNDLE_PATH + "pagefind.js"]  # the index's folder is public too
    scan = leak_scan(site, paths) if not site.preview else LeakScan(site, "", None, {})
    scan_key = digest(scan.regex.pattern) if scan.regex else "nothing withheld"
    return Plan(site, env, outputs, prints, stages.copies(options, site), previous, previous_scan, scan, scan_key)


def _intact(plan: Plan, output_dir: Path, path: str, fingerprint: str | None = None) -> Entry | None:
    """The manifest entry of a file that is in the output as the last build wrote it."""
    entry = plan.previous.get(path) if plan.previous is not None else None
    if entry is None or (fingerprint is not None and entry.fingerprint != fingerprint):
        return None
    return entry if file_unchanged(output_dir, path, entry.size, entry.mtime_ns) else None


def _render(options: BuildOptions, plan: Plan, staging: Path, progress: Progress,
            stages: Stages) -> tuple[dict[str, Entry], set[str], list[SourceError]]:
    out = options.output_dir
    entries: dict[str, Entry] = {}
    todo = []
    for index, (output, fingerprint) in enumerate(zip(plan.outputs, plan.prints, strict=True)):
        kept = _intact(plan, out, output.path, fingerprint)
        if kept:
            entries[output.path] = kept
        else:
            todo.append(index)
    previous = {p: e.digest for p in (plan.previous or {}) if (e := _intact(plan, out, p))}
    progress(f"rendering {len(todo)} of {len(plan.outputs)} files")
    job = RenderJob(plan.env, plan.outputs, todo, staging, previous, plan.scan, flat=plan.previous is not None)
    result = render_to_staging(job, options.jobs)
    staged = set()
    for item in result.rendered:
        path, fingerprint = plan.outputs[item.index].path, plan.prints[item.index]
        old = plan.previous.get(path) if plan.previous else None
        if item.staged or old is None:
            staged.add(path)
            entries[path] = Entry(fingerprint, item.digest, item.size, item.mtime_ns)
        else:
            entries[path] = replace(old, fingerprint=fingerprint)
    errors = template_errors(result.problems)
    if errors:
        return entries, staged, errors
    hits = result.hits + _rescan(plan, out, entries, staged, staging)
    errors += _finish(options, plan, staging, entries, staged, hits, stages)
    return entries, staged, errors


def _rescan(plan: Plan, out: Path, entries: dict[str, Entry], staged: set[str], staging: Path) -> list[Hit]:
    """Files kept from the last build passed its leak scan; scan them again only if the scan changed."""
    if plan.scan.regex is None or plan.scan_key == plan.previous_scan:
        return []
    rendered = {o.path for o in plan.outputs}
    hits: list[Hit] = []
    for path in sorted(p for p in entries if p in rendered and p not in staged):
        hits += plan.scan.scan(path, (out / path).read_bytes())
    return hits


def _finish(options: BuildOptions, plan: Plan, staging: Path, entries: dict[str, Entry], staged: set[str],
            hits: list[Hit], stages: Stages) -> list[SourceError]:
    """Search index and checks over the whole site (stages.after_render), copies, and the leak verdict."""
    out = options.output_dir
    flat = plan.previous is not None
    files = StagedFiles([o.path for o in plan.outputs], staged, staging, out, flat)
    pages = sorted(path for r in plan.site.releases if (path := output_path(r.path)) in entries)
    search = "search:" + digest(code_key(), indexer_key(), *(f"{path}:{entries[path].digest}" for path in pages))
    rescan = plan.scan_key != plan.previous_scan
    last = _last_search(plan, out, search)
    if last is not None:  # no release page changed: keep the index, check it only if the scan changed
        extra: dict[str, bytes] = {}
        errors = stages.checks(plan.site, plan.outputs, files, plan.copies, last)
        entries.update((path, plan.previous[path]) for path in last if plan.previous)
        readable = readable_index({p: (out / p).read_bytes() for p in last}) if rescan and plan.scan.regex else {}
    else:
        kept_search = search_folder(out)
        shutil.rmtree(legacy_search_folder(out), ignore_errors=True)
        on_disk = PagesOnDisk(lambda language, pages: mirror_files(kept_search / f"pages-{language}",
                                                                   {page: files.location(page) for page in pages}),
                              scratch=staging,  # the bundles are removed with staging if the build is killed
                              kept=kept_search / "index", page_digest=lambda page: entries[page].digest)
        extra, readable, errors = stages.after_render(plan.site, plan.outputs, files, plan.copies, None, on_disk)
        languages = {release.lang for release in plan.site.releases}
        for folder in (*kept_search.glob("pages-*"), *kept_search.glob("index/*")):  # of languages gone
            if folder.name.removeprefix("pages-") not in languages:
                shutil.rmtree(folder, ignore_errors=True)
    for path, data in sorted(extra.items()):
        hashed = digest(data)
        kept = _intact(plan, out, path)
        if kept and kept.digest == hashed:
            entries[path] = replace(kept, fingerprint=search)
            continue
        info = stage_bytes(staging, path, data, flat)
        entries[path] = Entry(search, hashed, info.st_size, info.st_mtime_ns)
        staged.add(path)
    for path, data in sorted(readable.items()):
        hits += plan.scan.scan(path, data)
    copy_hits: list[Hit] = []
    for path, source in sorted(plan.copies.items()):
        fingerprint = digest("copy", copy_signature(source))
        kept = _intact(plan, out, path, fingerprint)
        if kept and not rescan:
            entries[path] = kept
            continue
        if plan.scan.regex is not None:
            copy_hits += plan.scan.scan(path, source.read_bytes())
        if kept:
            entries[path] = kept
            continue
        copied = stage_copy(staging, path, source, flat)
        entries[path] = Entry(fingerprint, "", copied.st_size, copied.st_mtime_ns)
        staged.add(path)
    return errors + plan.scan.errors(sorted(hits, key=lambda hit: hit[1]) + copy_hits)


def _last_search(plan: Plan, out: Path, search: str) -> list[str] | None:
    """The files of the last build's search index, if it was made from the same release pages and
    they are intact."""
    paths = [path for path, entry in (plan.previous or {}).items() if entry.fingerprint == search]
    if not paths or any(_intact(plan, out, path) is None for path in paths):
        return None
    return sorted(paths)


def _strays(output_dir: Path, known: Mapping[str, Entry] | None) -> set[str]:
    """Files in the output that no build wrote (put there by hand, or by another program): a build
    replaces the output whole, so they go. (A file at the top changes the folder's identity, and the
    whole output is made again; this finds them further down.)"""
    if known is None:
        return set()
    found: set[str] = set()
    for folder, _folders, files in os.walk(output_dir):
        inside = os.path.relpath(folder, output_dir).replace(os.sep, "/")
        found.update(relative for name in files if (relative := name if inside == "." else f"{inside}/{name}")
                     not in known)
    return found


def _commit(options: BuildOptions, plan: Plan, cache: BuildCache, staging: Path, entries: dict[str, Entry],
            staged: set[str]) -> None:
    out, name = options.output_dir, str(options.output_dir.resolve())
    removed = sorted((set(plan.previous or {}) - set(entries)) | (_strays(out, plan.previous) - staged))
    if plan.previous is not None and not staged and not removed:  # the output is this build already
        cache.end_commit(name, folder_id(out), plan.scan_key,
                         {p: e for p, e in entries.items() if plan.previous.get(p) != e}, (), replace_all=False)
        return
    spare, known = spare_folder(out), cache.spare(name)
    cache.begin_commit(name)  # forgets the spare too: a build killed while changing it leaves it unknown
    if plan.previous is None:
        shutil.rmtree(spare, ignore_errors=True)
        swap_staging(staging, out)
        cache.end_commit(name, folder_id(out), plan.scan_key, entries, (), replace_all=True)
        return
    delta = known[0] if known and (known[1], known[2]) == (folder_id(spare), folder_id(out)) else None
    kept = apply_staging(staging, out, sorted(staged), removed, spare, delta)
    cache.end_commit(name, folder_id(out), plan.scan_key, {p: entries[p] for p in staged}
                     | {p: e for p, e in entries.items() if plan.previous.get(p) != e}, removed, replace_all=False)
    if kept:
        cache.store_spare(name, sorted(staged | set(removed)), folder_id(spare), folder_id(out))
