"""plan_outputs: Site -> every file of the site as an Output (template + context, or bytes). Pure.

Each Output's context holds a `page` mapping with what every HTML page needs in its head
(title, description, canonical path, alternates, feeds, noindex), plus the kind's own data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model.entities import Edition, Release, Site
from ..model.urls import (
    archive_path,
    contacts_path,
    feed_path,
    home_path,
    output_path,
    topic_path,
    topics_path,
    vcard_path,
    year_path,
)
from .strings import ui_string
from .vcard import render_vcard


@dataclass(frozen=True)
class Output:
    path: str  # output file, relative to the output folder
    template: str | None = None
    context: dict[str, Any] = field(default_factory=dict)
    data: bytes | None = None  # for files not rendered through a template


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
    outputs += [_html(site, "404.html", "404.html", site.config.language, ui_string(site.config.language, "not_found"),
                      None, indexable=False)]
    outputs += [_html(site, a.path, "alias.html", site.config.language, a.target, None, indexable=False,
                      target=a.target) for a in site.aliases]
    outputs.append(Output("sitemap.xml", "sitemap.xml", {"entries": _sitemap(outputs), "site_now": site.now}))
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
        title = config.title if pagination.number == 1 else \
            f"{config.title} – {ui_string(lang, 'page_of', page=pagination.number, pages=pagination.count)}"
        outputs.append(_html(site, pagination.paths[pagination.number - 1], "home.html", lang, title, None,
                             releases=releases, pagination=pagination))
    outputs.append(_feed(site, edition, None, edition.releases))
    for release in edition.releases:
        outputs.append(_html(site, release.path, "release.html", lang, release.title, release.summary,
                             alternates=_alternates(release), release=release))
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
        outputs.append(_feed(site, edition, listing.topic, listing.releases))
    for page in edition.pages:
        outputs.append(_html(site, page.path, "page.html", lang, page.title, page.summary or None, content=page))
    return outputs


def _alternates(release: Release) -> tuple[tuple[str, str], ...]:
    if not release.translations:
        return ()
    links = [(release.lang, release.path)] + [(t.lang, t.path) for t in release.translations]
    return tuple(sorted(links))


def _feed(site: Site, edition: Edition, topic: Any, releases: tuple[Release, ...]) -> Output:
    items = releases[:site.config.feed_items]
    path = feed_path(edition.prefix, topic.slug if topic else None)
    listing = topic_path(edition.prefix, topic.slug) if topic else home_path(edition.prefix)
    title = f"{site.config.title} – {topic.name}" if topic else site.config.title
    description = (topic.description if topic else "") or site.config.description or title
    return Output(path, "feed.xml", {
        "lang": edition.lang, "title": title, "description": description, "link": listing, "self_path": path,
        "items": items, "last_build": items[0].modified if items else None,
    })


def _plan_contacts(site: Site) -> list[Output]:
    lang = site.config.language
    contacts = tuple(c for c in site.contacts if c.id)
    outputs = [_html(site, contacts_path(), "contacts.html", lang, ui_string(lang, "contacts"), None,
                     contacts=contacts)]
    for contact in contacts:
        outputs.append(Output(vcard_path(contact.id or ""), data=render_vcard(contact, site.config)))
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
