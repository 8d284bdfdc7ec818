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
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from markupsafe import escape

from ..errors import SourceError
from ..model.entities import Site, Withheld


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
        parts += [release.title, release.subtitle or "", release.summary, release.body_html,
                  release.location or "", release.boilerplate_html or ""]
        parts += [t.name + "\n" + t.description for t in release.topics]
    for edition in site.editions:
        parts += [page.title + "\n" + page.body_html for page in edition.pages]
    contacts = {*site.contacts, *(c for r in site.releases for c in r.contacts)}
    parts += [f"{c.name}\n{c.role or ''}\n{c.organization or ''}" for c in contacts]
    return "\n".join(parts)


def _patterns(site: Site, public: str, paths: Iterable[str]) -> list[tuple[bytes, _Needle]]:
    config = site.config
    segments = "\n".join("/" + path for path in paths)
    found: list[tuple[bytes, _Needle]] = []
    for item in site.withheld:
        url = (rb"(?<![\w./-])(?:" + re.escape(config.base_url.encode()) + b"|"
               + re.escape(config.base_path.encode()) + b")?" + re.escape(item.path.encode()))
        found.append((url, _Needle(item, "url")))
        slug = f"/{item.slug}/"
        if slug not in segments and slug not in public:
            found.append((re.escape(slug.encode()), _Needle(item, "slug")))
        forms = _title_forms(item.title)
        if item.title.strip() and not any(form in public for form in forms):
            for form in sorted(forms):
                found.append((rb"(?<!\w)" + re.escape(form.encode()) + rb"(?!\w)", _Needle(item, "title")))
    return found


def find_leaks(files: Mapping[str, bytes], site: Site,
               copies: Iterable[tuple[str, bytes]] = ()) -> list[SourceError]:
    """One error per withheld release found anywhere in `files` or `copies` (path, bytes)."""
    if not site.withheld:
        return []
    public = public_text(site)
    patterns = _patterns(site, public, files)
    needles = {f"n{index}": needle for index, (_, needle) in enumerate(patterns)}
    regex = re.compile(b"|".join(b"(?P<n%d>%s)" % (index, rx) for index, (rx, _) in enumerate(patterns)))
    hits: dict[Withheld, list[tuple[str, str, str]]] = {}
    for path, data in [*sorted(files.items()), *copies]:
        seen: set[Withheld] = set()
        for match in regex.finditer(data):
            needle = needles[match.lastgroup or ""]
            if needle.item not in seen:
                seen.add(needle.item)
                text = match.group(0).decode("utf-8", "replace")
                hits.setdefault(needle.item, []).append((path, text, needle.kind))
    return [_leak_error(item, found, site, public) for item, found in hits.items()]


def _leak_error(item: Withheld, found: list[tuple[str, str, str]], site: Site, public: str) -> SourceError:
    path, text, kind = found[0]
    more = f" and {len(found) - 1} more file{'s' if len(found) > 2 else ''}" if len(found) > 1 else ""
    if item.reason == "draft":
        what = "this draft"
    else:
        at = item.publish_at.astimezone(site.config.zone).isoformat(timespec="minutes") if item.publish_at else ""
        what = f"this release, embargoed until {at}," if item.reason == "embargo" else \
            f"this release, dated {at},"
    if kind == "url" and item.path in public:
        hint = "a published release or page links to it: remove the link until it is published"
    else:
        hint = "a template shows releases that are not published, or names this one: fix the template"
    return SourceError(item.source, item.line, f"{what} would leak into {path}{more}: found {text!r}",
                       hint + "; nothing was written")
