"""Write one corpus (corpus.py) as three equivalent sites: Pressroom, Hugo and Pelican. Does file I/O.

The sites share URLs (/releases/<year>/<slug>/, /topics/<slug>/, /en/…), 20 releases per list page,
feeds of the newest 20 (the whole site, per topic, per language), year archives and press contacts.
Hugo uses the small theme in peers/hugo/layouts; Pelican its default theme.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from corpus import CONTACTS, TOPICS, Release, slugify

PEERS = Path(__file__).resolve().parent / "peers"
TOOLS = ("pressroom", "hugo", "pelican")
NOW = "2026-11-25T12:00:00+01:00"  # the moment Pressroom builds the sites at (`--now`)

SITE_YAML = """\
title: "Presse – Benchmark-Kammer"
base_url: "https://presse.example.org/"
language: de
timezone: Europe/Berlin
description: "Pressemitteilungen der Benchmark-Kammer"
organization: {name: "Industrie- und Handelskammer Benchmark", url: "https://www.example.org/"}
boilerplate: |
  Die Benchmark-Kammer vertritt die Interessen von rund 60.000 Unternehmen.
  Mehr unter [www.example.org](https://www.example.org/).
default_contacts: [schulz-kuhnt]
per_page: 20
feed_items: 20
"""

IMPRESSUM = "Benchmark-Kammer, Musterstraße 1, 74072 Heilbronn. Verantwortlich: die Pressestelle.\n"


def _q(text: str) -> str:
    """A YAML scalar: JSON strings are valid double-quoted YAML."""
    return json.dumps(text, ensure_ascii=False)


def _contacts_yaml() -> str:
    lines = []
    for key, name, role, extension in CONTACTS:
        lines += [f"{key}:", f"  name: {_q(name)}", f"  role: {_q(role)}",
                  '  organization: "Industrie- und Handelskammer Benchmark"',
                  '  address: {street: "Musterstraße 1", postal_code: "74072", city: "Heilbronn", country: DE}',
                  f'  phone: "+49 7131 555-{extension}"', f'  email: "{key}@example.org"']
    return "\n".join(lines) + "\n"


def release_file(tool: str, root: Path, release: Release) -> Path:
    """Where a release's source lives in the tool's site."""
    year = release.date.year
    if tool == "pressroom":
        return root / "content" / "releases" / str(year) / f"{release.key}.md"
    if tool == "hugo":
        suffix = ".en.md" if release.lang == "en" else ".md"
        return root / "content" / "releases" / str(year) / f"{release.key}{suffix}"
    return root / "content" / "releases" / str(year) / f"{release.key}.md"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def write_site(tool: str, root: Path, releases: Iterable[Release]) -> None:
    """Write the whole site for `tool` into root (which must not exist yet)."""
    releases = list(releases)
    {"pressroom": _write_pressroom, "hugo": _write_hugo, "pelican": _write_pelican}[tool](root, releases)


def pressroom_release(release: Release) -> str:
    lines = ["---", f"title: {_q(release.title)}", f"slug: {release.slug}",
             f"date: {release.date:%Y-%m-%dT%H:%M}", f"location: {_q(release.location)}",
             f"topics: [{', '.join(_q(t) for t in release.topics)}]", f"contacts: [{', '.join(release.contacts)}]"]
    if release.subtitle:
        lines.append(f"subtitle: {_q(release.subtitle)}")
    if release.lang != "de":
        lines.append(f"lang: {release.lang}")
    if release.translation:
        lines.append(f"translation: {release.translation}")
    if release.draft:
        lines.append("draft: true")
    return "\n".join(lines + ["---", release.body])


def _write_pressroom(root: Path, releases: list[Release]) -> None:
    content = root / "content"
    _write(content / "site.yaml", SITE_YAML)
    _write(content / "contacts.yaml", _contacts_yaml())
    _write(content / "topics.yaml", "".join(
        f"{_q(t)}:\n  slug: {slugify(t)}\n  description: {_q(f'Pressemitteilungen zum Thema {t}.')}\n"
        for t in TOPICS))
    _write(content / "pages" / "impressum.md", f'---\ntitle: "Impressum"\n---\n{IMPRESSUM}')
    for release in releases:
        _write(release_file("pressroom", root, release), pressroom_release(release))


def hugo_release(release: Release) -> str:
    lines = ["---", f"title: {_q(release.title)}", f"slug: {release.slug}",
             f"date: {release.date:%Y-%m-%dT%H:%M:%S}", f"location: {_q(release.location)}",
             f"topics: [{', '.join(_q(t) for t in release.topics)}]", f"contacts: [{', '.join(release.contacts)}]",
             f"translationKey: {release.translation or release.key}"]
    if release.subtitle:
        lines.append(f"subtitle: {_q(release.subtitle)}")
    if release.draft:
        lines.append("draft: true")
    return "\n".join(lines + ["---", release.body])


def _write_hugo(root: Path, releases: list[Release]) -> None:
    shutil.copytree(PEERS / "hugo", root)
    _write(root / "data" / "contacts.yaml", _contacts_yaml())
    content = root / "content"
    _write(content / "releases" / "_index.md", '---\ntitle: "Archiv"\n---\n')
    _write(content / "releases" / "_index.en.md", '---\ntitle: "Archive"\n---\n')
    _write(content / "topics" / "_index.md", '---\ntitle: "Themen"\n---\n')
    _write(content / "topics" / "_index.en.md", '---\ntitle: "Topics"\n---\n')
    _write(content / "impressum.md", f'---\ntitle: "Impressum"\n---\n{IMPRESSUM}')
    for year in sorted({r.date.year for r in releases}):
        _write(content / "releases" / str(year) / "_index.md", f'---\ntitle: "{year}"\n---\n')
        _write(content / "releases" / str(year) / "_index.en.md", f'---\ntitle: "{year}"\n---\n')
    for release in releases:
        _write(release_file("hugo", root, release), hugo_release(release))


def pelican_release(release: Release) -> str:
    lines = [f"Title: {release.title}", f"Slug: {release.slug}", f"Date: {release.date:%Y-%m-%d %H:%M}",
             f"Location: {release.location}", f"Tags: {', '.join(release.topics)}",
             f"Contacts: {', '.join(release.contacts)}", f"Lang: {release.lang}", "Category: Presse",
             f"Translationkey: {release.translation or release.key}"]
    if release.subtitle:
        lines.append(f"Subtitle: {release.subtitle}")
    if release.draft:
        lines.append("Status: draft")
    return "\n".join(lines) + "\n\n" + release.body


def _write_pelican(root: Path, releases: list[Release]) -> None:
    root.mkdir(parents=True)
    shutil.copy(PEERS / "pelican" / "pelicanconf.py", root / "pelicanconf.py")
    _write(root / "content" / "pages" / "impressum.md", f"Title: Impressum\n\n{IMPRESSUM}")
    for release in releases:
        _write(release_file("pelican", root, release), pelican_release(release))


def release_text(tool: str, release: Release) -> str:
    """A release's source text in the tool's format (add_sentence rewrites one for the edit benchmarks)."""
    return {"pressroom": pressroom_release, "hugo": hugo_release, "pelican": pelican_release}[tool](release)


def edited_release(releases: list[Release]) -> Release:
    """The release the edit benchmarks change: a German one halfway through (the same URL in all three sites)."""
    return next(r for r in releases[len(releases) // 2:] if r.lang == "de")


def add_sentence(tool: str, root: Path, release: Release, number: int) -> str:
    """Change one release's body (a sentence more), as an editor would; returns the new sentence's
    start, to look for on the page. Number 0 gives every run the same text to start from."""
    changed = replace(release, body=release.body + f"\nNachtrag {number}: Die Zahlen wurden aktualisiert.\n")
    release_file(tool, root, release).write_text(release_text(tool, changed), encoding="utf-8")
    return f"Nachtrag {number}:"
