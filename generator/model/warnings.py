"""Warnings of `check`: things a careful editor wants to know, that are not errors. Pure.

Each finder takes plain values (releases, lines, sizes) and returns SourceError values; the
`check` command gathers the facts from disk and prints them as warnings.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from ..errors import SourceError
from .entities import Contact, Release
from .schedule import published_at

LONG_LEAD_CHARACTERS = 400  # a teaser of about 60 words; more fills a list or a search result
LARGE_IMAGE_BYTES = 5 * 1024 * 1024
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg", ".tif", ".tiff", ".bmp")


@dataclass(frozen=True)
class ReleaseNotes:
    """What a release's file says beyond its Release: where its keys are, whether it has a summary."""

    key_lines: Mapping[str, int] = field(default_factory=dict)
    lead_line: int = 0  # the line of the first paragraph
    has_summary: bool = False


@dataclass(frozen=True)
class ContentFacts:
    """Everything the warnings look at. `releases` holds every release, published or not."""

    releases: tuple[Release, ...]
    notes: Mapping[str, ReleaseNotes]  # by Release.source
    now: datetime
    zone: tzinfo
    language: str  # the site's
    contacts: tuple[Contact, ...] = ()
    contacts_path: str = "content/contacts.yaml"
    contact_lines: Mapping[str, int] = field(default_factory=dict)
    media_sizes: Mapping[str, int] = field(default_factory=dict)  # site path (media/…) -> bytes
    content_path: str = "content"  # the content folder as shown in messages
    # Links in releases' text to addresses of this site that no build makes: (source, line, link).
    unknown_links: tuple[tuple[str, int, str], ...] = ()
    interface_languages: frozenset[str] = frozenset({"de", "en"})  # the theme's words exist in these
    language_names: Mapping[str, str] = field(default_factory=dict)  # "fr" -> "French", for messages


def find_warnings(facts: ContentFacts) -> list[SourceError]:
    warnings = (long_lead_warnings(facts) + stale_translation_warnings(facts) + large_image_warnings(facts)
                + unused_contact_warnings(facts) + scheduled_warnings(facts) + unknown_link_warnings(facts)
                + interface_language_warnings(facts))
    return sorted(set(warnings), key=lambda w: (w.path, w.line, w.message))


def _line(facts: ContentFacts, release: Release, key: str) -> int:
    notes = facts.notes.get(release.source, ReleaseNotes())
    return notes.key_lines.get(key, 0)


def long_lead_warnings(facts: ContentFacts) -> list[SourceError]:
    """A release without `summary` whose first paragraph becomes a long teaser."""
    warnings = []
    for release in facts.releases:
        notes = facts.notes.get(release.source, ReleaseNotes())
        length = len(release.summary)
        if not notes.has_summary and length > LONG_LEAD_CHARACTERS:
            warnings.append(SourceError(
                release.source, notes.lead_line,
                f"no summary, and the first paragraph ({length} characters) is long for lists, feeds and "
                "search results", "add `summary:` with one or two sentences"))
    return warnings


def stale_translation_warnings(facts: ContentFacts) -> list[SourceError]:
    """A translation last changed before its source (the site-language version) was updated."""
    sources = {r.translation: r for r in facts.releases if r.translation and r.lang == facts.language}
    warnings = []
    for release in facts.releases:
        source = sources.get(release.translation or "")
        if source is None or release is source or source.updated is None:
            continue
        if release.modified.timestamp() < source.updated.timestamp():
            warnings.append(SourceError(
                release.source, _line(facts, release, "translation"),
                f"translation: older than its source {source.source}, which was updated on "
                f"{local_moment(source.updated, facts.zone)}",
                "bring the translation up to date and set its `updated:`"))
    return warnings


def large_image_warnings(facts: ContentFacts) -> list[SourceError]:
    """An image over 5 MB: where a release shows it, else the file itself."""
    warnings = []
    for media, size in sorted(facts.media_sizes.items()):
        if size <= LARGE_IMAGE_BYTES or not media.lower().endswith(IMAGE_SUFFIXES):
            continue
        message = f"image: {media} is {size / 1024 / 1024:.1f} MB; readers on a phone wait for it"
        hint = "scale it to at most 2000 pixels wide and save it again (a JPEG of that size has under 1 MB)"
        users = [r for r in facts.releases if r.image and r.image.src == media]
        warnings += [SourceError(r.source, _line(facts, r, "image.src") or _line(facts, r, "image"), message, hint)
                     for r in users]
        if not users:
            warnings.append(SourceError(f"{facts.content_path}/{media}", 0, message.removeprefix("image: "), hint))
    return warnings


def unused_contact_warnings(facts: ContentFacts) -> list[SourceError]:
    """A contact in contacts.yaml that no release (published or not) names."""
    used = {c.id for r in facts.releases for c in r.contacts}
    return [SourceError(facts.contacts_path, facts.contact_lines.get(contact.id, 0),
                        f"{contact.id}: no release names this contact",
                        "name it in a release's `contacts:`, or remove it")
            for contact in facts.contacts if contact.id and contact.id not in used]


def scheduled_warnings(facts: ContentFacts) -> list[SourceError]:
    """A release (not a draft) that becomes public at a later time."""
    warnings = []
    for release in facts.releases:
        if release.draft:
            continue
        at = published_at(release)
        if at.timestamp() <= facts.now.timestamp():  # instants, as the build compares them (schedule.instant)
            continue
        key = "embargo" if release.embargo is not None and release.embargo == at else "date"
        warnings.append(SourceError(
            release.source, _line(facts, release, key),
            f"{key}: will be published at {local_moment(at, facts.zone)}",
            "it goes online with the first build after that time; make sure one runs then"))
    return warnings


def unknown_link_warnings(facts: ContentFacts) -> list[SourceError]:
    """A link to this site's own address that nothing is published at: a typo, or a release that
    was renamed or removed."""
    return [SourceError(source, line, f"links to {link}, which is not an address of this site",
                        "check the address (a release is at /releases/<year>/<slug>/, a file at "
                        "/media/<name>); a link to another site starts with https://")
            for source, line, link in facts.unknown_links]


def local_moment(value: datetime, zone: tzinfo) -> str:
    local = value.astimezone(zone)
    text = local.strftime("%Y-%m-%d %H:%M")
    return f"{text} {local.tzname()}" if local.tzname() else text


def interface_language_warnings(facts: ContentFacts) -> list[SourceError]:
    """A release language the theme has no interface words for (navigation, labels): once per
    language, at the first such release; its pages show those words in English."""
    by_language: dict[str, list[Release]] = {}
    for release in sorted(facts.releases, key=lambda r: r.source):
        if release.lang.split("-")[0] not in facts.interface_languages:
            by_language.setdefault(release.lang, []).append(release)
    known = " and ".join(facts.language_names.get(code, code) for code in sorted(facts.interface_languages))
    warnings = []
    for lang, releases in sorted(by_language.items()):
        which = "this release" if len(releases) == 1 else f"the {len(releases)} releases in {lang!r}"
        name = facts.language_names.get(lang, lang)
        warnings.append(SourceError(
            releases[0].source, _line(facts, releases[0], "lang"),
            f"lang: the theme has its interface words (menus, headings, labels) in {known} only, so the "
            f"pages of {which} show them in English around the {name} text and dates",
            f"fine for a few releases; for a whole section in {name}, the words must be added "
            "to generator/render/strings.py"))
    return warnings
