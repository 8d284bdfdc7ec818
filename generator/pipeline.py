"""build(options) -> BuildResult: the ONE place the stages are wired together.

read sources -> parse (errors collected) -> assemble (publish filter, cross-file checks) ->
plan -> render in memory -> leak scan -> write (swap in). Nothing is written before the end.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, tzinfo
from pathlib import Path

from .config import BuildOptions, SiteConfig
from .errors import BuildFailed, OptionError, SourceError
from .incremental import Stages, build_site
from .model.assemble import SiteParts, assemble_site
from .model.entities import Contact, Page, Release, Site
from .model.schedule import Outlook
from .model.urls import is_published_static
from .output.writer import check_output_dir
from .parallel import Parsed
from .rebuild import BuildMemory, PendingSearch, SearchIndex, index_pending, render_again
from .render.environment import make_environment
from .render.leaks import find_leaks
from .render.pages import render_outputs
from .render.plan import Output, plan_outputs
from .render.redirects import check_redirects
from .render.search import PagesOnDisk, index_releases, readable_index
from .source.contacts import parse_contacts
from .source.markdown import render_markdown
from .source.page import parse_page
from .source.reader import KnownSources, SiteSources, SourceFile, read_sources
from .source.redirects import load_redirects
from .source.release import ReleaseContext, parse_release
from .source.schema import parse_moment
from .source.siteconfig import find_missing_logo, find_unknown_default_contacts, read_site_config
from .source.topics import parse_topics


@dataclass(frozen=True)
class RenderedSite:
    site: Site
    files: dict[str, bytes]
    copies: dict[str, Path]
    pending_search: PendingSearch | None = None  # render_site(search_later=True): see index_later


@dataclass(frozen=True)
class BuildResult:
    outlook: Outlook
    files_written: int
    seconds: float
    warnings: list[SourceError] = field(default_factory=list)
    pages_written: int = 0  # the HTML files among files_written


ReleaseParser = Callable[[Sequence[SourceFile], ReleaseContext], list[Parsed]]


def _no_progress(stage: str) -> None:
    """The default progress hook: the CLI passes one that names each stage on a terminal."""


def resolve_now(options: BuildOptions, zone: tzinfo) -> datetime:
    """The build's now: --now (read in the site's time zone when naive), else the clock."""
    if options.now is not None:
        return options.now
    if options.now_text:
        try:
            return parse_moment(options.now_text, zone).value
        except ValueError as exc:  # valid on the command line, but not in the site's zone
            raise OptionError(f"--now: {exc.args[0]} — {exc.args[1]}") from None
    return datetime.now(UTC)


def _parse_each(sources: Sequence[SourceFile], context: ReleaseContext) -> list[Parsed]:
    return [parse_release(source, context) for source in sources]


def load_site(options: BuildOptions, parse: ReleaseParser = _parse_each, known: KnownSources | None = None,
              sources: SiteSources | None = None) -> Site:
    """Read and validate all content; raises BuildFailed with every problem found.
    `parse` parses the releases (build() passes one that uses the cache and worker processes);
    `known` is what the last read of a long-running process may pass on (source/reader.py);
    `sources` is the content folder if the caller has read it already."""
    if sources is None:
        sources = read_sources(options.content_dir, known)
    errors = list(sources.errors)
    config = _load_config(sources, options, errors)
    if config is None:
        raise BuildFailed(errors)
    releases, pages, contacts = _parse_content(sources, config, errors, parse)
    now = resolve_now(options, config.zone)
    redirects, redirect_errors = load_redirects(sources.redirects, config, tuple(releases), now, options.preview)
    errors += redirect_errors
    parts = SiteParts(config=config, releases=tuple(releases), pages=tuple(pages),
                      contacts=tuple(contacts), media=tuple(sources.media), redirects=redirects)
    site, assembly_errors = assemble_site(parts, now, options.preview)
    errors += assembly_errors
    if errors:
        raise BuildFailed(errors)
    return site


def _load_config(sources: SiteSources, options: BuildOptions, errors: list[SourceError]) -> SiteConfig | None:
    if sources.site is None:
        return None
    base_url = options.base_url or os.environ.get("SITE_BASE_URL") or None
    config, config_errors = read_site_config(sources.site.text, sources.site.path, base_url)
    errors += config_errors  # with a usable config the rest of the content is still checked in this run
    return config


def _parse_content(sources: SiteSources, config: SiteConfig, errors: list[SourceError],
                   parse: ReleaseParser) -> tuple[list[Release], list[Page], list[Contact]]:
    contacts: dict[str, Contact] = {}
    contacts_known = True  # False if contacts.yaml is unreadable as a whole: ids are then not checked
    if sources.contacts:
        contacts, contact_errors = parse_contacts(sources.contacts.text, sources.contacts.path)
        errors += contact_errors
        contacts_known = bool(contacts) or not contact_errors
    if sources.site and contacts_known:
        errors += find_unknown_default_contacts(sources.site.text, sources.site.path, config, contacts,
                                                contacts_file=sources.contacts is not None)
    if sources.site:
        errors += find_missing_logo(sources.site.text, sources.site.path, config, sources.media)
    topics = None
    if sources.topics:
        topics, topic_errors = parse_topics(sources.topics.text, sources.topics.path)
        errors += topic_errors
        topics = None if topic_errors and not topics else topics  # unreadable: do not check topic names
    context = ReleaseContext(config=config, contacts=contacts, topics=topics, media=frozenset(sources.media),
                             boilerplate_html=render_markdown(config.boilerplate) if config.boilerplate else "",
                             contacts_known=contacts_known, contacts_file=sources.contacts is not None,
                             image_sizes=sources.image_sizes)
    releases = []
    for release, release_errors in parse(sources.releases, context):
        errors += release_errors
        if release:
            releases.append(release)
    pages = []
    for source in sources.pages:
        page, page_errors = parse_page(source, config, sources.image_sizes)
        errors += page_errors
        if page:
            pages.append(page)
    return releases, pages, list(contacts.values())


def theme_dirs(options: BuildOptions, kind: str) -> list[Path]:
    """The override folder first (if any), then the theme's own."""
    override = options.templates_dir if kind == "templates" else options.static_dir
    theme = options.theme_dir / kind
    return [override, theme] if override else [theme]


def render_site(options: BuildOptions, progress: Callable[[str], None] = _no_progress,
                memory: BuildMemory | None = None, search_later: bool = False) -> RenderedSite:
    """Everything in memory, nothing written. With `memory` (kept by a long-running process such as
    the dev server) only what changed since the last call is parsed, rendered and scanned again, and
    with `search_later` too, a search index to be made again is left to index_later (rebuild.py)."""
    if memory is not None:
        return RenderedSite(*render_again(options, memory, STAGES, progress, search_later))
    progress("reading content")
    site = load_site(options)
    env = make_environment(site.config, theme_dirs(options, "templates"))
    outputs = plan_outputs(site)
    progress(f"rendering {len(outputs)} files")
    files, errors = render_outputs(env, outputs)
    if errors:  # the pages that failed are missing: checks over the whole site would only report that
        raise BuildFailed(errors)
    progress("indexing releases for search")
    copies = copied_files(options, site)
    search_index, readable, more_errors = after_render(site, outputs, files, copies)
    files.update(search_index)
    errors += more_errors
    if not site.preview:
        errors += find_leaks({**files, **readable}, site,
                             ((path, source.read_bytes()) for path, source in sorted(copies.items())))
    if errors:
        raise BuildFailed(errors)
    return RenderedSite(site, files, copies)


def index_later(pending: PendingSearch, on_disk: PagesOnDisk | None = None) -> SearchIndex:
    """The search index render_site(search_later=True) left pending; raises BuildFailed."""
    return index_pending(pending, STAGES, on_disk)


def after_render(site: Site, outputs: list[Output], files: Mapping[str, bytes], copies: dict[str, Path],
                 search_index: dict[str, bytes] | None = None, on_disk: PagesOnDisk | None = None,
                 ) -> tuple[dict[str, bytes], dict[str, bytes], list[SourceError]]:
    """What needs the rendered site: the search index (files to add, and their contents as the leak scan
    reads them; `search_index` is the last build's when no release page changed), the redirect checks,
    and static files that would overwrite a generated one."""
    errors: list[SourceError] = []
    if search_index is None:
        search_index, errors = index_releases(site, files, on_disk)  # before the leak scan, which reads it too
    errors += check_outputs(site, outputs, files, copies, search_index)
    return search_index, readable_index(search_index), errors


def check_outputs(site: Site, outputs: list[Output], files: Collection[str], copies: dict[str, Path],
                  search_index: Collection[str]) -> list[SourceError]:
    """Redirects that point nowhere or take a generated file; static files that would overwrite one."""
    generated = {*files, *search_index}
    errors = check_redirects(site, outputs, {*generated, *copies}, search_index)
    errors += [SourceError(str(copies[path]), 0, f"static file would overwrite the generated {path}",
                           "rename or remove the static file") for path in sorted(copies) if path in generated]
    return errors


def copied_files(options: BuildOptions, site: Site) -> dict[str, Path]:
    """The static files of the theme and the media a build copies, by output path."""
    copies: dict[str, Path] = {}
    for folder in reversed(theme_dirs(options, "static")):  # the override wins
        if folder.is_dir():
            for file in sorted(folder.rglob("*")):
                if file.is_file() and is_published_static(file.relative_to(folder).parts):
                    copies[file.relative_to(folder).as_posix()] = file
    for media in site.media:
        copies[media] = options.content_dir / media
    return copies


def build(options: BuildOptions, progress: Callable[[str], None] = _no_progress) -> BuildResult:
    """Build into options.output_dir: incremental (cache in .pressroom-cache/ beside it) and on --jobs
    processes, with the same bytes as a clean build; only files whose bytes changed are written."""
    started = time.perf_counter()
    check_output_dir(options.output_dir, [options.content_dir, options.theme_dir / "templates",
                                          options.theme_dir / "static", Path.cwd()])
    if options.output_dir.is_symlink():  # public -> /var/www/presse: the folder it points to is replaced
        options = replace(options, output_dir=options.output_dir.resolve())
    view, written, pages = build_site(options, progress, STAGES)
    return BuildResult(view, written, time.perf_counter() - started, pages_written=pages)


STAGES = Stages(load=load_site, now=resolve_now, template_dirs=lambda options: theme_dirs(options, "templates"),
                static_dirs=lambda options: theme_dirs(options, "static"), copies=copied_files,
                after_render=after_render, checks=check_outputs)


def check(options: BuildOptions) -> Site:
    """Validate everything, including the templates, and write nothing."""
    return render_site(options).site
