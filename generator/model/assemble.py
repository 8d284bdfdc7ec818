"""assemble_site: parsed records -> Site. The ONE publish filter, sorting, translations, topics,
archives, and the cross-file checks (URL collisions, topic slug collisions). Pure.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import datetime

from ..config import SiteConfig
from ..errors import SourceError
from .entities import Alias, Contact, Edition, Page, Release, Site, TopicListing, TranslationLink, Withheld, YearArchive
from .urls import alias_output_path, language_prefix, output_path


@dataclass(frozen=True)
class SiteParts:
    """Everything parse produced, before the publish filter."""

    config: SiteConfig
    releases: tuple[Release, ...]
    pages: tuple[Page, ...]
    contacts: tuple[Contact, ...]
    media: tuple[str, ...]
    redirects: tuple[Alias, ...] = ()


def is_published(release: Release, now: datetime) -> bool:
    return not release.draft and release.date <= now and (release.embargo is None or release.embargo <= now)


def withheld_reason(release: Release, now: datetime) -> Withheld:
    """Why a release is not public, and when it will be (the later of date and embargo)."""
    if release.draft:
        return Withheld(release.source, release.title, release.slug, release.path, "draft", None)
    at = max(release.date, release.embargo or release.date)
    reason = "embargo" if release.embargo is not None and release.embargo == at else "date"
    return Withheld(release.source, release.title, release.slug, release.path, reason, at)


def assemble_site(parts: SiteParts, now: datetime, preview: bool) -> tuple[Site, list[SourceError]]:
    errors = _find_collisions(parts) + _find_topic_collisions(parts.releases)
    public = [r for r in parts.releases if is_published(r, now)]
    withheld = tuple(withheld_reason(r, now) for r in parts.releases if not is_published(r, now))
    if preview:
        public = [r if is_published(r, now) else replace(r, published=False) for r in parts.releases]
    releases = _link_translations(sorted(public, key=lambda r: r.sort_key))
    pages = tuple(p for p in parts.pages if preview or not p.draft)
    languages = [parts.config.language] + sorted(
        ({r.lang for r in releases} | {p.lang for p in pages}) - {parts.config.language})
    editions = tuple(_edition(lang, parts.config, releases, pages) for lang in languages)
    aliases = tuple(
        Alias(path=alias_output_path(a) or "", target=r.path, source=r.source)
        for r in releases for a in r.aliases) + parts.redirects
    site = Site(config=parts.config, now=now, preview=preview, editions=editions, contacts=parts.contacts,
                aliases=aliases, withheld=() if preview else withheld, media=parts.media)
    return site, errors


def _edition(lang: str, config: SiteConfig, releases: tuple[Release, ...], pages: tuple[Page, ...]) -> Edition:
    own = tuple(r for r in releases if r.lang == lang)
    by_topic: dict[str, list[Release]] = defaultdict(list)
    topics = {}
    by_year: dict[int, list[Release]] = defaultdict(list)
    for release in own:
        by_year[release.date.astimezone(config.zone).year].append(release)
        for topic in release.topics:
            topics[topic.slug] = topic
            by_topic[topic.slug].append(release)
    listings = tuple(TopicListing(topics[slug], tuple(by_topic[slug]))
                     for slug in sorted(topics, key=lambda s: (topics[s].name.casefold(), s)))
    years = tuple(YearArchive(year, tuple(by_year[year])) for year in sorted(by_year, reverse=True))
    return Edition(lang=lang, prefix=language_prefix(lang, config.language), releases=own, topics=listings,
                   years=years, pages=tuple(p for p in pages if p.lang == lang))


def _link_translations(releases: list[Release]) -> tuple[Release, ...]:
    groups: dict[str, list[Release]] = defaultdict(list)
    for release in releases:
        if release.translation:
            groups[release.translation].append(release)
    linked = []
    for release in releases:
        others = [r for r in groups.get(release.translation or "", []) if r is not release]
        links = tuple(TranslationLink(r.lang, r.path, r.title) for r in sorted(others, key=lambda r: r.lang))
        linked.append(replace(release, translations=links) if links else release)
    return tuple(linked)


def _find_collisions(parts: SiteParts) -> list[SourceError]:
    """Two sources that would write one file: releases, pages and aliases."""
    owners: dict[str, str] = {}
    errors = []
    claims = [(output_path(r.path), r.source, r.path) for r in parts.releases]
    claims += [(output_path(p.path), p.source, p.path) for p in parts.pages]
    claims += [(output_path(alias_output_path(a) or ""), r.source, a) for r in parts.releases for a in r.aliases
               if alias_output_path(a)]
    claims += [(output_path(a.path), a.source, a.path) for a in parts.redirects]
    for target, source, url in claims:
        if target in owners and owners[target] != source:
            errors.append(SourceError(source, 1, f"has the same URL /{url.lstrip('/')} as {owners[target]}",
                                      "give one of them a different `slug` (or remove the alias)"))
        elif target in owners:
            errors.append(SourceError(source, 1, f"names the URL /{url.lstrip('/')} twice", "remove one"))
        owners.setdefault(target, source)
    return errors


def _find_topic_collisions(releases: tuple[Release, ...]) -> list[SourceError]:
    """Free-form topics whose names differ but whose slugs are one ("Außenwirtschaft", "Aussenwirtschaft")."""
    names: dict[str, tuple[str, str]] = {}
    errors = []
    for release in releases:
        for topic in release.topics:
            name, source = names.setdefault(topic.slug, (topic.name, release.source))
            if name != topic.name:
                errors.append(SourceError(release.source, 1,
                                          f"topics: '{topic.name}' and '{name}' ({source}) have the same URL "
                                          f"/topics/{topic.slug}/", f"write the topic exactly as '{name}'"))
    return errors
