"""text_edit: the dev server's shortcut for the commonest edit, a change to what a release says. Pure.

When the only content files that changed since the last good build are release files, and each of
those releases differs from its last version only in what its own pages show (text, summary,
title, subtitle, location, contacts, the captions of its media), the site keeps its shape: the
same releases in the same order, the same topics, years, translations, withheld releases and
media. The last build's Site and planned Outputs are then brought up to date by swapping the
edited releases in: only the outputs that show one of them change (the release's own page and
ninjs, and after a new title the news sitemap, are planned again, since their plan reads those
fields). What the shortcut checks, the caller does not redo; what it does not cover (rendering,
the search index, the leak scan of the changed files, the checks) the caller does as in any
build. The result equals a full build's, byte for byte: tests/e2e/test_text_edits.py builds every
kind of edit both ways.

Anything else gives None, and the caller builds in full: another file, a date, topics, a slug, a
draft or embargo, a media file, a new or removed file, a template, other options, a build whose
`now` has passed the next embargo, the title of a release with translations (they link to it by
its title), a withheld release's title, or a withheld release's title, URL or slug in the changed
text (the leak scan's exceptions would change)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

import jinja2

from .config import BuildOptions
from .model.assemble import media_references
from .model.entities import Edition, Release, Site
from .model.schedule import Outlook
from .model.urls import NEWS_SITEMAP_PATH
from .parallel import Parsed
from .render.leaks import contacts_public_text, needles_of, release_public_text
from .render.plan import Output, news_sitemap, release_outputs
from .source.reader import SiteSources
from .source.release import ReleaseContext

# The fields of a Release that only its own outputs and the leak scan's public text read (besides the
# release page's title and description, and the news sitemap's titles, planned again here): an edit
# of these alone leaves the site's shape as it was. Media files must stay the same; `lines` serves
# messages only. Of a withheld release, the title and lines are in Site.withheld: those are left out.
_SHOWN = ("body_html", "summary", "title", "subtitle", "location", "contacts", "image", "attachments", "lines")
_WITHHELD_SHOWN = ("body_html", "summary", "subtitle", "location", "contacts", "image", "attachments")


@dataclass
class Shape:
    """What the last good build of a long-running process was made from, and how its outputs show
    its releases: what text_edit compares a new build's sources with."""

    options: BuildOptions  # with jobs=0: the number of workers changes no byte
    sources: SiteSources
    context: ReleaseContext  # the releases were parsed in
    context_key: str
    keys: dict[str, str]  # release file -> its key in the parse cache
    parsed: dict[str, Parsed]  # release file -> what parsing it gave
    site: Site
    view: Outlook
    global_key: str  # render_key: templates, static files, settings, Pressroom's version
    env: jinja2.Environment
    outputs: list[Output]
    prints: list[str]
    release_pages: list[str]  # the output paths of site.releases' pages, in its order (the search index's key)
    shows: dict[int, list[int]] = field(default_factory=dict)  # id of a Release in site -> indices of outputs


@dataclass(frozen=True)
class TextEdit:
    """The site after a text edit, its outputs and their fingerprints (`changed`: indices of those that differ)."""

    site: Site
    outputs: list[Output]
    changed: list[int]
    parsed: dict[str, tuple[str, Parsed]]  # release file -> (its new parse key, its new Parsed)
    releases: list[tuple[Release, Release]]  # (as it was in the site, as it is now)


def releases_shown(outputs: list[Output]) -> dict[int, list[int]]:
    """For each Release an output's context or arguments hold, the indices of those outputs. An Edition
    counts by its navigation only (see render/fingerprint.py), so the releases it holds are not looked at."""
    shows: dict[int, list[int]] = {}
    seen: dict[int, frozenset[int]] = {}  # what a holder shared by many outputs (a topic listing) holds
    for index, output in enumerate(outputs):
        for found in _releases_in(output.context, seen) | _releases_in(output.arguments, seen):
            shows.setdefault(found, []).append(index)
    return shows


_HOLDING: dict[type, bool] = {}  # _holds' answers, by type


def _holds(kind: type) -> bool:
    """Whether a value of this type may hold a Release: tuples, lists, dicts, and dataclasses (a
    Release holds none)."""
    known = _HOLDING.get(kind)
    if known is None:
        known = _HOLDING[kind] = kind in (tuple, list, dict) or (kind is not Release and dataclasses.is_dataclass(kind))
    return known


def _releases_in(value: Any, seen: dict[int, frozenset[int]]) -> frozenset[int]:
    kind = type(value)
    if kind is Release:
        return frozenset((id(value),))
    if kind is Edition or not _holds(kind):
        return frozenset()
    known = seen.get(id(value))
    if known is not None:
        return known
    items: Iterable[Any]
    if kind is dict:
        items = value.values()
    elif kind is tuple or kind is list:
        items = value
    else:
        items = (getattr(value, f.name) for f in dataclasses.fields(value))
    found = frozenset().union(*(_releases_in(item, seen) for item in items))
    if kind is not dict and kind is not list:  # immutable: the same object holds the same releases
        seen[id(value)] = found
    return found


def changed_releases(last: SiteSources, now: SiteSources) -> list[int] | None:
    """Indices of the release files that were read again, if nothing else changed; else None."""
    if last.errors or now.errors or last.media != now.media or last.image_sizes != now.image_sizes \
            or len(last.releases) != len(now.releases):
        return None
    if any(a is not b for a, b in zip((last.site, last.contacts, last.topics, last.redirects),
                                      (now.site, now.contacts, now.topics, now.redirects), strict=True)):
        return None
    if len(last.pages) != len(now.pages) or any(a is not b for a, b in zip(last.pages, now.pages, strict=True)):
        return None
    changed = []
    for index, (a, b) in enumerate(zip(last.releases, now.releases, strict=True)):
        if a is not b:
            if a.path != b.path or a.relative != b.relative:
                return None
            changed.append(index)
    return changed


def text_edit(shape: Shape, options: BuildOptions, sources: SiteSources, now: datetime, global_key: str,
              parsed: Mapping[str, tuple[str, Parsed]]) -> TextEdit | None:
    """The site after an edit of release texts, or None if anything else changed (see the docstring).
    `parsed` has the new key and Parsed of each release file that was read again."""
    if (replace(options, jobs=0) != shape.options or global_key != shape.global_key
            or not shape.view.valid_at(now)):
        return None
    site = shape.site
    in_site = {release.source: release for release in site.releases}
    swaps: dict[int, Any] = {}
    edited: list[tuple[Release, Release]] = []
    for path, (_, (new, errors)) in parsed.items():
        if shape.parsed[path] is parsed[path][1]:  # read again (it was racily fresh), but the same text
            continue
        old = shape.parsed[path][0]
        shown = in_site.get(path)
        if new is None or old is None or errors or not _same_but(old, new, _SHOWN if shown else _WITHHELD_SHOWN,
                                                                         site.config.own_base_urls):
            return None
        if shown is None:  # withheld: not on any page, and what changed is in no public text
            continue
        if new.title != old.title and shown.translations:
            return None  # its translations link to it by its title
        if _reveals(site, [*release_public_text(old), *contacts_public_text(old),
                           *release_public_text(new), *contacts_public_text(new)]):
            return None  # the leak scan's exceptions may change: it is made again
        swapped = replace(shown, **{name: getattr(new, name) for name in _SHOWN})
        swaps[id(shown)] = swapped
        edited.append((shown, swapped))
    keep: list[Any] = []  # the replaced objects, so that no id in `swaps` is reused meanwhile
    new_site = _swapped(site, swaps, keep)
    outputs = list(shape.outputs)
    changed: set[int] = set()
    replanned = {output.path: output for _, release in edited for output in release_outputs(new_site, release)}
    if any(old.title != new.title for old, new in edited):  # the news sitemap names releases by their titles
        replanned[NEWS_SITEMAP_PATH] = news_sitemap(new_site)
        changed |= {index for index, output in enumerate(outputs) if output.path == NEWS_SITEMAP_PATH}
    for old_id in [key for key in swaps if key in shape.shows]:
        changed.update(shape.shows[old_id])
    for index in changed:
        output = outputs[index]
        outputs[index] = replanned.get(output.path) or replace(
            output, context=_swapped(output.context, swaps, keep), arguments=_swapped(output.arguments, swaps, keep))
    if len({outputs[index].path for index in changed} & replanned.keys()) != len(replanned):
        return None  # an output not where the last build planned it: a shape this shortcut does not know
    return TextEdit(new_site, outputs, sorted(changed), dict(parsed), edited)


def _same_but(old: Release, new: Release, fields: tuple[str, ...], base_urls: tuple[str, ...]) -> bool:
    """The same release but for `fields`, with the same links to media files."""
    return (replace(new, **{name: getattr(old, name) for name in fields}) == old
            and media_references(old, base_urls) == media_references(new, base_urls))


def _reveals(site: Site, texts: Iterable[str]) -> bool:
    """Whether any of the texts has what the leak scan looks for in public text (a withheld release's
    title, URL or slug): the scan then has other exceptions, or other words for a leak."""
    needles = [needle for item in site.withheld for needle in needles_of(item)]
    return any("\n" in needle for needle in needles) or any(needle in text for text in texts for needle in needles)


def _swapped(value: Any, swaps: dict[int, Any], keep: list[Any]) -> Any:
    """`value` with each object whose id is in `swaps` replaced, holders rebuilt where they hold one.
    A holder met twice is rebuilt once (swaps records it), so what was shared stays shared."""
    found = swaps.get(id(value))
    if found is not None:
        return found
    kind = type(value)
    if not _holds(kind):
        return value
    new: Any
    if kind is tuple or kind is list:
        items = [swaps.get(id(item), item) if type(item) is Release else  # most items: a leaf, looked up at once
                 _swapped(item, swaps, keep) if _holds(type(item)) else item for item in value]
        if all(a is b for a, b in zip(items, value, strict=True)):
            return value
        new = kind(items)
    elif kind is dict:
        entries = {key: _swapped(item, swaps, keep) for key, item in value.items()}
        if all(entries[key] is item for key, item in value.items()):
            return value
        new = entries
    else:
        changes = {f.name: item for f in dataclasses.fields(value)
                   if (item := _swapped(getattr(value, f.name), swaps, keep)) is not getattr(value, f.name)}
        if not changes:
            return value
        new = replace(value, **changes)
    swaps[id(value)] = new
    keep.append(value)
    return new

