"""plan_outputs: Site -> every file of the site as an Output (a template and its context, or a data
maker and its arguments). Pure, and cheap: no file's bytes are made here.

Each Output's context holds a `page` mapping with what every HTML page needs in its head
(title, description, canonical path, alternates, feeds, noindex), plus the kind's own data.
A data file (ninjs, JSON Feed, vCard) is made by `maker(*arguments)` only when it is rendered,
like a template, so a rebuild that skips it never makes it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..model.entities import Edition, Release, Site
from ..model.schedule import news_releases, published_at
from ..model.urls import (
    NEWS_SITEMAP_PATH,
    archive_path,
    atom_feed_path,
    contacts_path,
    feed_path,
    home_path,
    json_feed_path,
    ninjs_path,
    output_path,
    search_path,
    topic_path,
    topics_path,
    vcard_path,
    year_path,
)
from .jsonfeed import FeedHead, render_json_feed
from .ninjs import render_ninjs
from .strings import ui_string
from .vcard import render_vcard

DataMaker = Callable[..., bytes]


@dataclass(frozen=True)
class Output:
    """One file: `template` rendered with `context`, or the bytes of `maker(*arguments)`.

    A maker is a module-level function of its arguments alone (values, not the whole Site), so its
    name and arguments are what the file is made from (render/fingerprint.py hashes them)."""

    path: str  # output file, relative to the output folder
    template: str | None = None
    context: dict[str, Any] = field(default_factory=dict)
    maker: DataMaker | None = None  # for files not rendered through a template
    arguments: tuple[Any, ...] = ()

    def __post_init__(self) -> None:
        if (self.template is None) == (self.maker is None):
            raise ValueError(f"{self.path}: an Output has a template or a maker, not both or neither")


@dataclass(frozen=True)
class Pagination:
    number: int
    count: int
    paths: tuple[str, ...]

    @property
    def previous(self) -> str | None:
        return self.paths[self.number - 2] if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return self.paths[self.number] if self.number < self.count else None


def plan_outputs(site: Site) -> list[Output]:
    outputs: list[Output] = []
    for edition in site.editions:
        outputs += _plan_edition(site, edition)
    outputs += _plan_contacts(site)
    outputs += _plan_reach(site)
    outputs += [_html(site, "404.html", "404.html", site.config.language, ui_string(site.config.language, "not_found"),
                      None, indexable=False)]
    outputs += [_html(site, a.path, "alias.html", site.config.language, a.target, None, indexable=False,
                      target=a.target) for a in site.aliases]
    outputs.append(Output("sitemap.xml", "sitemap.xml", {"entries": _sitemap(outputs)}))
    outputs.append(Output("robots.txt", "robots.txt", {"preview": site.preview}))
    return outputs


def _html(site: Site, path: str, template: str, lang: str, title: str, description: str | None,
          indexable: bool = True, alternates: tuple[tuple[str, str], ...] = (),
          feeds: tuple[tuple[str, str], ...] = (), **context: Any) -> Output:
    edition = next((e for e in site.editions if e.lang == lang), site.editions[0])
    page = {
        "lang": lang, "path": path, "title": title,
        "description": description or site.config.description,
        "noindex": site.preview or not indexable, "indexable": indexable and not site.preview,
        "alternates": alternates,
        "feeds": ((ui_string(lang, "feed_of", title=site.config.title), feed_path(edition.prefix)),) + feeds,
        "edition": edition, "editions": site.editions, "preview": site.preview,
    }
    return Output(output_path(path), template, {"page": page, **context})


def _paginate(items: tuple[Release, ...], per_page: int, path_of: Any) -> list[tuple[Pagination, tuple[Release, ...]]]:
    count = max(1, -(-len(items) // per_page))
    paths = tuple(path_of(n) for n in range(1, count + 1))
    return [(Pagination(n, count, paths), items[(n - 1) * per_page:n * per_page]) for n in range(1, count + 1)]


def _plan_edition(site: Site, edition: Edition) -> list[Output]:
    lang, prefix, config = edition.lang, edition.prefix, site.config
    outputs = []
    for pagination, releases in _paginate(edition.releases, config.per_page, lambda n: home_path(prefix, n)):
        # Later pages are titled "Seite 2 von 3"; base.html adds " – <site title>", as for every other page.
        title = config.title if pagination.number == 1 else \
            ui_string(lang, "page_of", page=pagination.number, pages=pagination.count)
        alternates = _home_alternates(site) if pagination.number == 1 else ()
        outputs.append(_html(site, pagination.paths[pagination.number - 1], "home.html", lang, title, None,
                             alternates=alternates, releases=releases, pagination=pagination))
    outputs += _feeds(site, edition, None, edition.releases)
    for release in edition.releases:
        outputs += release_outputs(site, release)
    for archive in edition.years:
        title = ui_string(lang, "year_archive", year=archive.year)
        outputs.append(_html(site, year_path(prefix, archive.year), "year.html", lang, title, None,
                             archive=archive))
    outputs.append(_html(site, archive_path(prefix), "archive.html", lang, ui_string(lang, "archive"), None))
    if edition.topics:
        outputs.append(_html(site, topics_path(prefix), "topics.html", lang, ui_string(lang, "topics"), None))
    for listing in edition.topics:
        topic_feed = ((ui_string(lang, "feed_of", title=listing.topic.name), feed_path(prefix, listing.topic.slug)),)
        for pagination, releases in _paginate(listing.releases, config.per_page,
                                              lambda n, s=listing.topic.slug: topic_path(prefix, s, n)):
            title = listing.topic.name if pagination.number == 1 else \
                f"{listing.topic.name} – {ui_string(lang, 'page_of', page=pagination.number, pages=pagination.count)}"
            outputs.append(_html(site, pagination.paths[pagination.number - 1], "topic.html", lang, title,
                                 listing.topic.description or None, feeds=topic_feed, listing=listing,
                                 releases=releases, pagination=pagination))
        outputs += _feeds(site, edition, listing.topic, listing.releases)
    for page in edition.pages:
        outputs.append(_html(site, page.path, "page.html", lang, page.title, page.summary or None, content=page))
    return outputs


def release_outputs(site: Site, release: Release) -> list[Output]:
    """A published release's own files: its page and its ninjs."""
    return [_html(site, release.path, "release.html", release.lang, release.title, release.summary,
                  alternates=_alternates(release), release=release),
            Output(ninjs_path(release.path), maker=render_ninjs,
                   arguments=(release, site.config, _prefix_of(site, release.lang)))]


def _prefix_of(site: Site, lang: str) -> str:
    """The path prefix of the edition in `lang` (its topic pages are there)."""
    return next((e.prefix for e in site.editions if e.lang == lang), "")


def _home_alternates(site: Site) -> tuple[tuple[str, str], ...]:
    """The language editions' home pages name each other (hreflang), as translated releases do."""
    if len(site.editions) < 2:
        return ()
    return tuple(sorted((edition.lang, home_path(edition.prefix)) for edition in site.editions))


def _alternates(release: Release) -> tuple[tuple[str, str], ...]:
    if not release.translations:
        return ()
    links = [(release.lang, release.path)] + [(t.lang, t.path) for t in release.translations]
    return tuple(sorted(links))


def _feeds(site: Site, edition: Edition, topic: Any, releases: tuple[Release, ...]) -> list[Output]:
    """One listing's feed, rendered three times: RSS 2.0, Atom and JSON Feed 1.1, side by side."""
    items = releases[:site.config.feed_items]
    slug = topic.slug if topic else None
    path = feed_path(edition.prefix, slug)
    listing = topic_path(edition.prefix, topic.slug) if topic else home_path(edition.prefix)
    title = f"{site.config.title} – {topic.name}" if topic else site.config.title
    description = (topic.description if topic else "") or site.config.description or title
    context = {
        "lang": edition.lang, "title": title, "description": description, "link": listing, "self_path": path,
        "items": items, "last_build": items[0].modified if items else None,
    }
    atom, json_feed = atom_feed_path(edition.prefix, slug), json_feed_path(edition.prefix, slug)
    return [Output(path, "feed.xml", context),
            Output(atom, "atom.xml", {**context, "self_path": atom,
                                      "updated": max((r.modified for r in items), default=None)}),
            Output(json_feed, maker=render_json_feed,
                   arguments=(site.config, FeedHead(title, description, edition.lang, listing, json_feed), items))]


def _plan_reach(site: Site) -> list[Output]:
    """Search pages (one per language, over the Pagefind index the pipeline adds) and the news sitemap."""
    outputs = [_html(site, search_path(e.prefix), "search.html", e.lang, ui_string(e.lang, "search"), None,
                     indexable=False, has_index=bool(e.releases)) for e in site.editions]
    outputs.append(Output(search_path("") + "search.js", "search.js", {}))
    outputs.append(news_sitemap(site))
    return outputs


def news_sitemap(site: Site) -> Output:
    """The Google News sitemap: the releases of the last two days, with their titles."""
    news = [{"path": r.path, "lang": r.lang, "title": r.title, "published": published_at(r)}
            for r in news_releases(site)]
    return Output(NEWS_SITEMAP_PATH, "news-sitemap.xml", {"entries": news})


def _plan_contacts(site: Site) -> list[Output]:
    lang = site.config.language
    contacts = tuple(c for c in site.contacts if c.id)
    outputs = [_html(site, contacts_path(), "contacts.html", lang, ui_string(lang, "contacts"), None,
                     contacts=contacts)]
    for contact in contacts:
        outputs.append(Output(vcard_path(contact.id or ""), maker=render_vcard, arguments=(contact, site.config)))
    return outputs


def _sitemap(outputs: list[Output]) -> list[dict[str, Any]]:
    entries = []
    for output in outputs:
        page = output.context.get("page")
        if output.template is None or page is None or not page["indexable"]:
            continue
        release = output.context.get("release")
        entries.append({"path": page["path"], "lastmod": release.modified if release else None,
                        "alternates": page["alternates"]})
    return sorted(entries, key=lambda e: e["path"])
