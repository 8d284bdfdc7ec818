"""render_again: render_site for a long-running process (the dev server), remembering the last build.

BuildMemory keeps the parsed releases, each output's fingerprint and bytes, the search index and
the key of the leak scan the last good build passed, and the shape of that build (text_edits.py);
render_again redoes only what changed: it parses new or edited files, renders outputs whose
fingerprint changed, rebuilds the search index only if a release page changed, and scans for leaks
only the files that changed (all of them if the scan itself changed). When only what releases say
changed, text_edit brings the last build's site and plan up to date instead of assembling,
planning and fingerprinting the whole site again. The result is byte for byte that of render_site.
It reads the content folder itself (trusting files by their stat, source/reader.py), the templates
and static files through `stages`, and writes nothing; releases are parsed on options.jobs worker
processes (the dev server asks for them on its first build only).

With `search_later`, a search index that must be made again is left out of the call: Pagefind
takes about a millisecond a release (13 s for 10,000), and the dev server shows an edited page
first. The result then carries the last index if it passed this build's leak scan (else none) and
a PendingSearch, which index_pending turns into the index render_site would have made.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2

from .errors import BuildFailed
from .incremental import CachedParser, context_key, parse_key, render_key
from .model.entities import Site
from .model.schedule import outlook
from .model.urls import SEARCH_BUNDLE_PATH, output_path
from .output.cache import digest
from .output.stamps import copy_signature
from .parallel import Hit, Parsed, parse_releases
from .render.environment import make_environment
from .render.fingerprint import TokenCache, fingerprint_outputs
from .render.leaks import LeakScan, leak_scan, output_folders
from .render.pages import Problems, render_output, template_errors
from .render.plan import Output, plan_outputs
from .source.reader import KnownSources, SiteSources, read_sources
from .text_edits import Shape, TextEdit, changed_releases, releases_shown, text_edit

if TYPE_CHECKING:
    from .config import BuildOptions
    from .incremental import Stages
    from .render.search import PagesOnDisk


_BUNDLE_PLACEHOLDER = {SEARCH_BUNDLE_PATH + "pagefind.js": b""}


@dataclass(frozen=True)
class SearchIndex:
    """A search bundle: the key of the release pages it indexes, its files, their contents as the
    leak scan reads them, and the key of the leak scan they passed."""

    key: str
    files: dict[str, bytes]
    readable: dict[str, bytes]
    scan_key: str
    # the leak scan it passed, by the output folders it was made for (index_pending's, for BuildMemory.scans)
    made: tuple[frozenset[str], tuple[LeakScan | None, str]] | None = field(default=None, compare=False)


@dataclass(frozen=True)
class PendingSearch:
    """What index_pending needs to make the search index that a render_again left for later."""

    key: str
    site: Site
    outputs: list[Output]
    files: Mapping[str, bytes]  # the build's rendered files, without a search index
    copies: dict[str, Path]


@dataclass
class BuildMemory:
    """What the last build of this process knew (empty: the next build does everything)."""

    parsed: dict[str, Parsed] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)  # path -> bytes, of the rendered outputs
    prints: dict[str, str] = field(default_factory=dict)  # path -> fingerprint, of the same
    search: SearchIndex | None = None
    copies: dict[str, str] = field(default_factory=dict)  # path -> fingerprint of the copied file
    scan_key: str = ""
    tokens: TokenCache = field(default_factory=TokenCache)  # for fingerprints
    sources: KnownSources = field(default_factory=KnownSources)  # files that need not be read again
    shape: Shape | None = None  # the last good build, for text_edit
    scans: dict[frozenset[str], tuple[LeakScan | None, str]] = field(default_factory=dict)  # for its shape

    def use_search(self, search: SearchIndex) -> None:
        """Serve `search` (made by index_pending for the last good build) from the next build on."""
        self.search = search
        if search.made is not None:  # made for the site of this shape: the next text edit needs no other
            self.scans.setdefault(*search.made)


def render_again(options: BuildOptions, memory: BuildMemory, stages: Stages, progress: Callable[[str], None],
                 search_later: bool = False) -> tuple[Site, dict[str, bytes], dict[str, Path], PendingSearch | None]:
    """(site, files, copies) as render_site gives them, and the search left for later (if any);
    raises BuildFailed with the same errors."""
    sources = read_sources(options.content_dir, memory.sources)
    template_dirs, static_dirs = stages.template_dirs(options), stages.static_dirs(options)
    edit = _text_edit(options, memory, sources, stages, template_dirs, static_dirs)
    scans = dict(memory.scans) if edit else {}  # the leak scans made for the site's shape, by output folders
    parser = CachedParser(None, options.jobs, memory.parsed)
    if edit is not None and memory.shape is not None:
        shape = memory.shape
        site, outputs, env, global_key = edit.site, edit.outputs, shape.env, shape.global_key
        prints_list = list(shape.prints)
        fresh = fingerprint_outputs([outputs[i] for i in edit.changed], global_key, memory.tokens, some=True)
        for position, fingerprint in zip(edit.changed, fresh, strict=True):
            prints_list[position] = fingerprint
    else:
        site = stages.load(options, parser, None, sources)
        global_key = render_key(options, site, template_dirs, static_dirs)
        last = memory.shape
        env = last.env if last is not None and last.global_key == global_key else \
            make_environment(site.config, template_dirs)
        outputs = plan_outputs(site)
        prints_list = fingerprint_outputs(outputs, global_key, memory.tokens)
    prints = dict(zip((o.path for o in outputs), prints_list, strict=True))
    files: dict[str, bytes] = {}
    redo = outputs  # those that may differ from the last build's
    if edit is not None:  # the last build's outputs, of which only these changed
        files = dict(memory.files)
        redo = [outputs[index] for index in edit.changed]
    changed: set[str] = set()  # rendered, with other bytes than the last build's
    rendered = 0
    problems: Problems = {}
    for output in redo:
        known = memory.files.get(output.path)
        if known is not None and memory.prints.get(output.path) == prints[output.path]:
            files[output.path] = known
            continue
        data = render_output(env, output, problems)
        rendered += 1
        if known is not None and known == data:  # a listing whose releases changed where it does not show them
            files[output.path] = known  # the same object: what was scanned and written for it still holds
        elif data is not None:
            files[output.path] = data
            changed.add(output.path)
    progress(f"rendered {rendered} of {len(outputs)} files")
    errors = template_errors(problems)
    if errors:  # as render_site: checks over the whole site would only report the pages that failed
        raise BuildFailed(errors)
    copies = stages.copies(options, site)
    release_pages = memory.shape.release_pages if edit is not None and memory.shape is not None else \
        [path for r in site.releases if (path := output_path(r.path)) in files]
    search_key = digest(*(prints[path] for path in release_pages))
    last_search = memory.search
    pending = None
    scanned = None  # this build's leak scan, if made already
    if last_search is not None and last_search.key == search_key:
        search = last_search
        errors += stages.checks(site, outputs, files, copies, search.files)
    elif search_later:
        pending = PendingSearch(search_key, site, outputs, dict(files), copies)
        search = SearchIndex("", {}, {}, "")
        if last_search is not None:
            scanned = _scan(site, {**files, **last_search.files}, scans)
            search = last_search if last_search.scan_key == scanned[1] else search
        errors += stages.checks(site, outputs, files, copies, search.files)
    else:
        index, readable, more = stages.after_render(site, outputs, files, copies, None, None)
        search = SearchIndex(search_key, index, readable, "")
        errors += more
    files.update(search.files)
    copy_prints = {path: _copy_print(source) for path, source in copies.items()}
    # Without an index, its paths still count as public (a withheld slug `pagefind` is no leak).
    if scanned is None or search is not last_search:
        scanned = _scan(site, files if search.files else {**files, **_BUNDLE_PLACEHOLDER}, scans)
    scan, scan_key = scanned
    if scan is not None:
        every = scan_key != memory.scan_key
        unscanned = search.scan_key != scan_key
        hits: list[Hit] = []
        if every or unscanned:
            todo = {path: data for path, data in {**files, **search.readable}.items()
                    if every or path in changed or path in search.files or path in search.readable}
        else:
            todo = {path: files[path] for path in changed}
        for path, data in sorted(todo.items()):
            hits += scan.scan(path, data)
        for path, source in sorted(copies.items()):
            if every or memory.copies.get(path) != copy_prints[path]:
                hits += scan.scan(path, source.read_bytes())
        errors += scan.errors(hits)
    if errors:
        raise BuildFailed(errors)
    if edit is not None:
        memory.files.update((output.path, files[output.path]) for output in redo)
        memory.prints.update((output.path, prints[output.path]) for output in redo)
    else:
        memory.files = {path: files[path] for path in prints if path in files}
        memory.prints = prints
    if search.key:
        memory.search = SearchIndex(search.key, search.files, search.readable, scan_key)
    memory.copies, memory.scan_key, memory.scans = copy_prints, scan_key, scans
    if edit is not None and memory.shape is not None:
        _remember_edit(memory, memory.shape, edit, sources, prints_list)
    else:
        memory.shape = _shape(options, sources, parser, memory, site, global_key, env, outputs, prints_list,
                              release_pages)
    return site, files, copies, pending


def _text_edit(options: BuildOptions, memory: BuildMemory, sources: SiteSources, stages: Stages,
               template_dirs: list[Path], static_dirs: list[Path]) -> TextEdit | None:
    """The shortcut of text_edits.py, if the last good build and this one's sources allow it."""
    shape = memory.shape
    changed = changed_releases(shape.sources, sources) if shape is not None else None
    if shape is None or changed is None:
        return None
    global_key = render_key(options, shape.site, template_dirs, static_dirs)
    now = stages.now(options, shape.site.config.zone)
    parsed: dict[str, tuple[str, Parsed]] = {}
    for index in changed:
        source = sources.releases[index]
        key = parse_key(shape.context_key, source)
        parsed[source.path] = (key, memory.parsed.get(key) or parse_releases([source], shape.context, 1)[0])
    return text_edit(shape, options, sources, now, global_key, parsed)


def _remember_edit(memory: BuildMemory, shape: Shape, edit: TextEdit, sources: SiteSources, prints: list[str]) -> None:
    """The shape after a text edit; what only the replaced releases needed is let go, so that a long
    session of edits does not grow the memory."""
    for path, (key, parsed) in edit.parsed.items():
        memory.parsed.pop(shape.keys[path], None)
        memory.parsed[key] = shape.parsed[path] = parsed
        shape.keys[path] = key
    for old, new in edit.releases:
        shape.shows[id(new)] = shape.shows.pop(id(old), [])
        memory.tokens.tokens.pop(id(old), None)
    shape.sources, shape.site, shape.outputs, shape.prints = sources, edit.site, edit.outputs, prints


def _shape(options: BuildOptions, sources: SiteSources, parser: CachedParser, memory: BuildMemory, site: Site,
           global_key: str, env: jinja2.Environment, outputs: list[Output], prints: list[str],
           release_pages: list[str]) -> Shape | None:
    """What text_edit needs of this build (None if it parsed no release context: then it has nothing to compare)."""
    if parser.context is None:
        return None
    return Shape(replace(options, jobs=0), sources, parser.context, context_key(parser.context), dict(parser.keys),
                 {path: memory.parsed[key] for path, key in parser.keys.items()}, site, outlook(site), global_key,
                 env, outputs, prints, release_pages, releases_shown(outputs))


def index_pending(pending: PendingSearch, stages: Stages, on_disk: PagesOnDisk | None = None) -> SearchIndex:
    """The search index a render_again left for later, checked and scanned as render_site does;
    raises BuildFailed. The caller puts it in BuildMemory.search if the build is still the latest."""
    index, readable, errors = stages.after_render(pending.site, pending.outputs, pending.files, pending.copies,
                                                  None, on_disk)
    made: dict[frozenset[str], tuple[LeakScan | None, str]] = {}
    scan, scan_key = _scan(pending.site, {**pending.files, **index}, made)
    if scan is not None:
        errors += scan.errors([hit for path, data in sorted({**index, **readable}.items())
                               for hit in scan.scan(path, data)])
    if errors:
        raise BuildFailed(errors)
    return SearchIndex(pending.key, index, readable, scan_key, next(iter(made.items()), None))


def _scan(site: Site, files: Mapping[str, bytes],
          made: dict[frozenset[str], tuple[LeakScan | None, str]] | None = None) -> tuple[LeakScan | None, str]:
    """The leak scan for a build of `files` (None for a preview, which shows withheld releases on
    purpose), and its key: builds with the same key find the same leaks in the same bytes. `made`
    has the scans made for sites of this one's shape (see text_edits.py), by their output folders."""
    if site.preview:
        return None, ""
    folders = output_folders(files) if made is not None else frozenset()
    if made is not None and folders in made:
        return made[folders]
    scan = leak_scan(site, files)
    result = scan, digest(scan.regex.pattern) if scan.regex else "nothing withheld"
    if made is not None:
        made[folders] = result
    return result


def _copy_print(source: Path) -> str:
    return digest(copy_signature(source))
