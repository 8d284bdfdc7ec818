"""find_leaks: the last line of defence for the embargo. Scans every output byte (rendered files and
copied files) for the URL, slug and title of each withheld release before anything is written. Pure.

What counts as a hit, and what is left out so that a legitimate build is not refused:
- the release's URL (bare, root-relative or absolute), not as the tail of another URL (`/en/…`);
- `/<slug>/`, unless a public output path or a public text has that segment too;
- the title, as written or escaped for HTML, XML or JSON, as whole words, unless a public text
  (a published release, a page, a topic, a contact, the site settings) contains it itself.
"""

from __future__ import annotations

import html
import itertools
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from markupsafe import escape

from ..errors import SourceError
from ..model.entities import Contact, Release, Site, Withheld
from ..model.warnings import local_moment


@dataclass(frozen=True)
class _Needle:
    item: Withheld
    kind: str  # "url", "slug" or "title"


def _title_forms(title: str) -> set[str]:
    """The title as the templates may print it: raw, HTML/XML-escaped, JSON (as Jinja's tojson writes it)."""
    forms = {title, str(escape(title)), html.escape(title), html.escape(title, quote=False)}
    for ascii_only in (True, False):
        encoded = json.dumps(title, ensure_ascii=ascii_only)[1:-1]
        forms |= {encoded, encoded.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                  .replace("'", "\\u0027")}
    return forms


def public_text(site: Site) -> str:
    """Everything authored that is public in this build: a withheld title found here is no leak."""
    config = site.config
    parts = [config.title, config.description, config.boilerplate,
             config.organization.name if config.organization else ""]
    for release in site.releases:
        parts += release_public_text(release)
    for edition in site.editions:
        parts += [page.title + "\n" + page.body_html for page in edition.pages]
    contacts = {*site.contacts, *(c for r in site.releases for c in r.contacts)}
    parts += [_contact_text(c) for c in contacts]
    return "\n".join(parts)


def release_public_text(release: Release) -> list[str]:
    """What of a published release public_text holds (its contacts apart, which it holds once each)."""
    return [release.title, release.subtitle or "", release.summary, release.body_html, release.location or "",
            release.boilerplate_html or "", *(t.name + "\n" + t.description for t in release.topics)]


def contacts_public_text(release: Release) -> list[str]:
    """What of a published release's contacts public_text holds."""
    return [_contact_text(c) for c in release.contacts]


def _contact_text(contact: Contact) -> str:
    return f"{contact.name}\n{contact.role or ''}\n{contact.organization or ''}"


_PLAIN_RUN = re.compile(r"[A-Za-z0-9 ]+")


def _title_core(title: str) -> str:
    """The longest run of ASCII letters, digits and spaces in the title: no escaping changes those, so
    every form in _title_forms contains it ("" if the title has none)."""
    return max(_PLAIN_RUN.findall(title), key=len, default="")


def needles_of(item: Withheld) -> set[str]:
    """What the scan looks for in the public text when it is made (_patterns, _leak_error): a text
    without any of these cannot change the scan."""
    return (_title_forms(item.title) | {_title_core(item.title), f"/{item.slug}/", item.path}) - {""}


def output_folders(paths: Iterable[str]) -> frozenset[str]:
    """The folders of the output files: all that the scan reads of their paths (a withheld release's slug
    that names an output folder is no leak), so scans made with the same folders are the same."""
    return frozenset(path.rpartition("/")[0] for path in paths)


def _patterns(site: Site, public: str, folders: frozenset[str]) -> list[tuple[bytes, _Needle, str]]:
    """(regex, needle, literal) — every match of the regex contains the literal ("": no such literal)."""
    config = site.config
    segments = "\n".join(f"/{folder}/" for folder in folders)
    found: list[tuple[bytes, _Needle, str]] = []
    for item in site.withheld:
        url = (rb"(?<![\w./-])(?:" + re.escape(config.base_url.encode()) + b"|"
               + re.escape(config.base_path.encode()) + b")?" + re.escape(item.path.encode()))
        found.append((url, _Needle(item, "url"), item.path))
        slug = f"/{item.slug}/"
        if slug not in segments and slug not in public:
            found.append((re.escape(slug.encode()), _Needle(item, "slug"), slug))
        forms = _title_forms(item.title)
        core = _title_core(item.title)
        # A form can be in the public text only if its core is (one search of the long text, not one per form).
        if item.title.strip() and not (core in public and any(form in public for form in forms)):
            for form in sorted(forms):
                found.append((rb"(?<!\w)" + re.escape(form.encode()) + rb"(?!\w)", _Needle(item, "title"), core))
    return found


@dataclass(frozen=True)
class LeakScan:
    """The compiled search of one build: made once from the site and every output path, then fed each
    output file (in this process or in a worker). Hits are (release, path, text found, kind)."""

    site: Site
    public: str
    regex: re.Pattern[bytes] | None
    needles: dict[str, _Needle]
    literals: tuple[bytes, ...] | None = None  # a file with none of these cannot match (None: no shortcut)
    parts: tuple[tuple[bytes, bytes], ...] = ()  # the regex's alternatives (group n<i>) and their literals
    _narrowed: dict[frozenset[bytes], re.Pattern[bytes]] = field(default_factory=dict, compare=False, repr=False)

    def scan(self, path: str, data: bytes) -> list[tuple[Withheld, str, str, str]]:
        """The first hit of each withheld release in one file."""
        if self.regex is None:
            return []
        regex = self.regex
        if self.literals is not None:
            # Plain substring search is far faster than the regex, whose lookbehinds defeat its own. An
            # alternative whose literal is not in the file cannot match there, so the file is searched
            # with the others only: the same matches, at a fraction of the cost.
            present = frozenset(literal for literal in self.literals if literal in data)
            if not present:
                return []
            regex = self._narrowed.get(present) or self._narrow(present)
        seen: set[Withheld] = set()
        hits = []
        for match in regex.finditer(data):
            needle = self.needles[match.lastgroup or ""]
            if needle.item not in seen:
                seen.add(needle.item)
                hits.append((needle.item, path, match.group(0).decode("utf-8", "replace"), needle.kind))
        return hits

    def _narrow(self, present: frozenset[bytes]) -> re.Pattern[bytes]:
        regex = re.compile(b"|".join(b"(?P<n%d>%s)" % (index, rx) for index, (rx, literal) in enumerate(self.parts)
                                     if literal in present))
        self._narrowed[present] = regex
        return regex

    def errors(self, hits: Iterable[tuple[Withheld, str, str, str]]) -> list[SourceError]:
        """One error per withheld release, from the hits of all files in scan order."""
        found: dict[Withheld, list[tuple[str, str, str]]] = {}
        for item, path, text, kind in hits:
            found.setdefault(item, []).append((path, text, kind))
        return [_leak_error(item, places, self.site, self.public) for item, places in found.items()]


def leak_scan(site: Site, paths: Iterable[str]) -> LeakScan:
    """The scan for a build whose output files are `paths` (rendered ones; they decide which slugs are public)."""
    if not site.withheld:
        return LeakScan(site, "", None, {})
    public = public_text(site)
    patterns = _patterns(site, public, output_folders(paths))
    needles = {f"n{index}": needle for index, (_, needle, _) in enumerate(patterns)}
    regex = re.compile(b"|".join(b"(?P<n%d>%s)" % (index, rx) for index, (rx, _, _) in enumerate(patterns)))
    literals = {literal.encode() for _, _, literal in patterns}
    return LeakScan(site, public, regex, needles, None if b"" in literals else tuple(sorted(literals)),
                    tuple((rx, literal.encode()) for rx, _, literal in patterns))


def find_leaks(files: Mapping[str, bytes], site: Site,
               copies: Iterable[tuple[str, bytes]] = ()) -> list[SourceError]:
    """One error per withheld release found anywhere in `files` or `copies` (path, bytes)."""
    if not site.withheld:
        return []
    scan = leak_scan(site, files)
    hits: list[tuple[Withheld, str, str, str]] = []
    for path, data in itertools.chain(sorted(files.items()), copies):
        hits += scan.scan(path, data)
    return scan.errors(hits)


def _leak_error(item: Withheld, found: list[tuple[str, str, str]], site: Site, public: str) -> SourceError:
    path, text, kind = found[0]
    more = f" and {len(found) - 1} more file{'s' if len(found) > 2 else ''}" if len(found) > 1 else ""
    if item.reason == "draft":
        what = "this draft"
    else:
        at = local_moment(item.publish_at, site.config.zone) if item.publish_at else ""
        what = f"this release, embargoed until {at}," if item.reason == "embargo" else \
            f"this release, dated {at},"
    if kind == "url" and item.path in public:
        linking = _linking_source(site, item.path)
        hint = f"{linking or 'a published release or page'} links to it: remove the link until it is published"
    else:
        hint = "a template shows releases that are not published, or names this one: fix the template"
    return SourceError(item.source, item.line, f"{what} would leak into {path}{more}: found {text!r}",
                       hint + "; nothing was written")


def _linking_source(site: Site, path: str) -> str | None:
    """The first published release or page (by file) whose text has the URL path, for the hint."""
    texts = [(r.source, "\n".join(release_public_text(r))) for r in site.releases]
    texts += [(page.source, page.body_html) for edition in site.editions for page in edition.pages]
    return min((source for source, text in texts if path in text), default=None)
