"""assemble_site: parsed records -> Site. The ONE publish filter, sorting, translations, topics,
archives, and the cross-file checks (URL collisions, topic slug collisions). Pure.
"""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import datetime
from urllib.parse import SplitResult, unquote, urlsplit

from ..config import SiteConfig
from ..errors import SourceError
from .entities import Alias, Contact, Edition, Page, Release, Site, TopicListing, TranslationLink, Withheld, YearArchive
from .html_attributes import attributes
from .schedule import instant, published_at
from .urls import (
    NEWS_SITEMAP_PATH,
    SEARCH_BUNDLE_PATH,
    alias_output_path,
    archive_path,
    atom_feed_path,
    contacts_path,
    feed_path,
    home_path,
    json_feed_path,
    language_prefix,
    ninjs_path,
    output_path,
    search_path,
    topic_path,
    topics_path,
    vcard_path,
    year_path,
)

# A link to a file under content/media in rendered Markdown or settings: media/x.pdf or /media/x.pdf.
_MEDIA_LINK = re.compile(r"(?<![\w./-])/?(media/[^\s\"'<>()#?]+)")


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
    """Not a draft, and date and embargo (if any) at or before now, as instants (see schedule.instant)."""
    return not release.draft and instant(published_at(release)) <= instant(now)


def withheld_reason(release: Release, now: datetime) -> Withheld:
    """Why a release is not public, and when it will be (the later of date and embargo)."""
    line = release.line_of("title")
    if release.draft:
        return Withheld(release.source, release.title, release.slug, release.path, "draft", None, line)
    at = published_at(release)
    reason = "embargo" if release.embargo is not None and release.embargo == at else "date"
    return Withheld(release.source, release.title, release.slug, release.path, reason, at, line)


def assemble_site(parts: SiteParts, now: datetime, preview: bool) -> tuple[Site, list[SourceError]]:
    errors = (_find_collisions(parts) + _find_topic_collisions(parts.releases)
              + _find_translation_collisions(parts.releases))
    site = _assemble(parts, now, preview)
    errors += _find_generated_collisions(site, parts)
    return site, errors


def _assemble(parts: SiteParts, now: datetime, preview: bool) -> Site:
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
    media = parts.media if preview else _public_media(parts, releases, pages)
    return Site(config=parts.config, now=now, preview=preview, editions=editions, contacts=parts.contacts,
                aliases=aliases, withheld=() if preview else withheld, media=media)


def media_references(release: Release, base_urls: tuple[str, ...]) -> set[str]:
    """The files under content/media a release links to or shows (in its text, its image, its
    attachments and its own boilerplate). `base_urls`: the site's addresses (SiteConfig.own_base_urls)."""
    found = set()
    for base_url in base_urls:
        found |= media_links(release.body_html + (release.boilerplate_html or ""), base_url, release.path)
        for src in ([release.image.src] if release.image else []) + [a.src for a in release.attachments]:
            found |= {src} | media_names(src, base_url, release.path)
    return found


def media_links(text: str, base_url: str, page: str = "") -> set[str]:
    """Names under media/ that an HTML text (or a setting) on the page at site path `page` links to, in
    any form a browser would follow to the same file (see media_names). It errs on the side of finding
    too much: a withheld release's file found here stays unpublished."""
    found = {m.group(1) for m in _MEDIA_LINK.finditer(text)}
    for attribute in attributes(text):
        for url in attribute.urls():
            found |= media_names(url, base_url, page)
    return found


def _host(parts: SplitResult) -> str:
    """The host and port as a browser compares them: lower case, without the scheme's default port."""
    host = (parts.hostname or "").lower()
    try:
        port = parts.port
    except ValueError:
        return parts.netloc.lower()
    default = {"http": 80, "https": 443}.get(parts.scheme.lower())
    return host if port is None or port == default else f"{host}:{port}"


def media_names(url: str, base_url: str, page: str = "") -> set[str]:
    """The media/ names `url`, on the page at site path `page`, may lead to: media/x.pdf, /media/x.pdf,
    ../../media/x.pdf, /presse/media/x.pdf under a sub-path, https://presse.example.org/media/x.pdf (also
    with :443, or in capitals), with %20 for a space, a query or a fragment."""
    site = urlsplit(base_url)
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # not a URL at all (`http://[x`); parsing reports it
        return set()
    if parts.scheme or parts.netloc:
        if _host(parts) != _host(site):
            return set()
        paths = [parts.path]
    elif parts.path.startswith("/"):
        paths = [parts.path, site.path.rstrip("/") + parts.path]  # root-relative: to the site's path
    else:
        paths = [posixpath.join(site.path, page, parts.path), posixpath.join(site.path, parts.path)]
    found = set()
    for path in paths:
        inside = posixpath.normpath(unquote(path))
        if inside.startswith(site.path) or inside + "/" == site.path:
            name = inside[len(site.path):].lstrip("/")
            if name.startswith("media/"):
                found.add(name)
    return found


def _public_media(parts: SiteParts, public: tuple[Release, ...], pages: tuple[Page, ...]) -> tuple[str, ...]:
    """Media files that only unpublished releases use stay out of the output until they are published."""
    public_sources, bases = {r.source for r in public}, parts.config.own_base_urls
    withheld = set().union(*(media_references(r, bases) for r in parts.releases if r.source not in public_sources))
    if not withheld:
        return parts.media
    used = set().union(*(media_references(r, bases) for r in public if _may_link_media(r)))
    used |= set().union(*(media_links(p.body_html, base, p.path) for p in pages for base in bases))
    settings = [parts.config.boilerplate, parts.config.organization.logo or "" if parts.config.organization else ""]
    used |= set().union(*(media_links(" ".join(settings), base) for base in bases))
    return tuple(m for m in parts.media if m not in withheld or m in used)


def _may_link_media(release: Release) -> bool:
    """Whether a release can name a file under media/ at all: a quick test before media_references reads
    each of its links (on the published side only, where missing one would withhold a file, not leak it)."""
    return bool(release.image or release.attachments) or "media/" in release.body_html \
        or "media/" in (release.boilerplate_html or "")


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


@dataclass(frozen=True)
class _Claim:
    """One source's claim on one output file."""

    target: str  # output file
    url: str  # as the author wrote or would see it
    source: str
    line: int
    kind: str  # "release", "page", "alias" (of a release), "redirect" (redirects.yaml)


def _claims(parts: SiteParts) -> list[_Claim]:
    claims = [_Claim(output_path(r.path), r.path, r.source, r.line_of("slug", "title"), "release")
              for r in parts.releases]
    claims += [_Claim(output_path(p.path), p.path, p.source, 1, "page") for p in parts.pages]
    claims += [_Claim(output_path(target), alias, r.source, r.line_of("aliases"), "alias")
               for r in parts.releases for alias in r.aliases if (target := alias_output_path(alias))]
    claims += [_Claim(output_path(a.path), a.path, a.source, a.line, "redirect") for a in parts.redirects]
    return claims


def _find_collisions(parts: SiteParts) -> list[SourceError]:
    """Two sources that would write one file: releases, pages and aliases. One error per extra claim,
    on the later source, naming the first."""
    owners: dict[str, _Claim] = {}
    errors = []
    for claim in _claims(parts):
        first = owners.setdefault(claim.target, claim)
        if first is claim:
            continue
        errors.append(_collision(claim, first))
    return errors


def _collision(claim: _Claim, first: _Claim) -> SourceError:
    url = "/" + claim.url.lstrip("/")
    if claim.kind not in ("alias", "redirect"):
        return SourceError(claim.source, claim.line, f"has the same URL {url} as {first.source}",
                           "give one of them a different `slug`")
    if first.source == claim.source:
        message = f"aliases: {url} is this release's own URL" if first.kind == "release" \
            else f"aliases: {url} is given twice"
        return SourceError(claim.source, claim.line, message, "remove it")
    if first.kind in ("alias", "redirect"):
        return SourceError(claim.source, claim.line, f"aliases: {url} is also an alias in {first.source}",
                           "keep it in one release only")
    return SourceError(claim.source, claim.line, f"aliases: {url} is already the URL of {first.source}",
                       "remove the alias; that URL already has a page")


def _generated_paths(site: Site) -> set[str]:
    """The output files of the site's own pages: lists, archives, topics, feeds (RSS, Atom, JSON), search,
    contacts, machine files, ninjs. tests/unit/test_generated_paths.py holds this to render/plan.py."""
    per_page = site.config.per_page
    paths = {contacts_path(), "404.html", "sitemap.xml", "robots.txt", NEWS_SITEMAP_PATH, search_path("") + "search.js",
             *site.media}
    paths |= {vcard_path(c.id) for c in site.contacts if c.id}
    for edition in site.editions:
        prefix = edition.prefix
        paths |= {home_path(prefix, n) for n in range(1, max(1, -(-len(edition.releases) // per_page)) + 1)}
        paths |= _feed_paths(prefix, None) | {archive_path(prefix), search_path(prefix)}
        paths |= {year_path(prefix, y.year) for y in edition.years} | {ninjs_path(r.path) for r in edition.releases}
        paths |= {topics_path(prefix)} if edition.topics else set()
        for listing in edition.topics:
            pages = max(1, -(-len(listing.releases) // per_page))
            paths |= {topic_path(prefix, listing.topic.slug, n) for n in range(1, pages + 1)}
            paths |= _feed_paths(prefix, listing.topic.slug)
    return {output_path(path) for path in paths}


def _feed_paths(prefix: str, topic_slug: str | None) -> set[str]:
    return {feed_path(prefix, topic_slug), atom_feed_path(prefix, topic_slug), json_feed_path(prefix, topic_slug)}


def _find_generated_collisions(site: Site, parts: SiteParts) -> list[SourceError]:
    """A page or alias whose URL is one the site generates itself (a topic page, a feed, a language's home).
    redirects.yaml entries are checked after planning, by render/redirects.py."""
    generated = _generated_paths(site)
    errors = []
    for claim in _claims(parts):
        taken = claim.target in generated or claim.target.startswith(SEARCH_BUNDLE_PATH)
        if taken and claim.kind in ("page", "alias"):
            url = "/" + claim.url.lstrip("/")
            hint = ("remove the alias; that URL stays the site's own" if claim.kind == "alias"
                    else "rename the file, or set another `slug:`")
            errors.append(SourceError(claim.source, claim.line, f"the URL {url} is one of the site's own pages", hint))
    return errors


def _find_translation_collisions(releases: tuple[Release, ...]) -> list[SourceError]:
    """Two releases in one language with one `translation` key (a release copied to start the next):
    the key joins one release per language, so each page would name the other as its translation."""
    first: dict[tuple[str, str], Release] = {}
    errors = []
    for release in releases:
        if release.translation:
            owner = first.setdefault((release.translation, release.lang), release)
            if owner is not release:
                errors.append(SourceError(
                    release.source, release.line_of("translation"),
                    f"translation: {release.translation!r} is also the key of {owner.source}, in the same "
                    f"language ({release.lang})", "a key joins one release per language: give this release "
                    "a key of its own, or remove `translation:`"))
    return errors


def _find_topic_collisions(releases: tuple[Release, ...]) -> list[SourceError]:
    """Free-form topics whose names differ but whose slugs are one ("Außenwirtschaft", "Aussenwirtschaft")."""
    names: dict[str, tuple[str, str]] = {}
    errors = []
    for release in releases:
        for topic in release.topics:
            name, source = names.setdefault(topic.slug, (topic.name, release.source))
            if name != topic.name:
                where = "" if source == release.source else f" ({source})"
                errors.append(SourceError(release.source, release.line_of("topics"),
                                          f"topics: '{topic.name}' and '{name}'{where} have the same URL "
                                          f"/topics/{topic.slug}/", f"write the topic exactly as '{name}'"))
    return errors
