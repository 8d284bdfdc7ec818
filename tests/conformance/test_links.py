"""Every internal link of the built site resolves: href and src in every HTML page (and in the HTML
inside the feeds), canonical, Open Graph and redirect URLs lead to a file of the output, and every
#fragment names an id (or a[name]) in its target page."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

import feedparser  # type: ignore[import-untyped]
import lxml.html  # type: ignore[import-untyped]

from tests.conformance.site import BuiltSite

_URL_ATTRIBUTES = ("href", "src", "poster", "data", "action")
_URL_METAS = ("og:url", "og:image", "twitter:image")


def page_links(site: BuiltSite, page: Path) -> Iterator[str]:
    """Every URL a page points at, as written."""
    document = site.parse(page)
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        for attribute in _URL_ATTRIBUTES:
            value = element.get(attribute)
            if value is not None:
                yield value
        if element.get("srcset"):
            yield from (c.split()[0] for c in element.get("srcset").split(",") if c.strip())
    yield from document.xpath("//meta[@property=$a or @property=$b or @name=$c]/@content",
                              a=_URL_METAS[0], b=_URL_METAS[1], c=_URL_METAS[2])
    for refresh in document.xpath('//meta[@http-equiv="refresh"]/@content'):
        match = re.search(r"url=(\S+)", refresh, re.IGNORECASE)
        if match:
            yield match.group(1)


@functools.lru_cache(maxsize=256)
def ids_of(site: BuiltSite, page: Path) -> frozenset[str]:
    document = site.parse(page)
    return frozenset(str(v) for v in document.xpath("//@id | //a/@name"))


def broken_links(site: BuiltSite, base: str, links: list[str], where: str,
                 own_page: Path | None = None) -> tuple[list[str], int]:
    """The links of one document that do not resolve, and how many internal links were checked."""
    broken, checked = [], 0
    for link in links:
        link = link.strip()
        if urlsplit(link).scheme in ("mailto", "tel", "data"):
            continue
        absolute = urljoin(base, link)
        if urlsplit(absolute).netloc != site.host:
            continue  # another site: not ours to check offline
        checked += 1
        target_url, fragment = urldefrag(absolute)
        target = own_page if own_page is not None and target_url == urldefrag(base)[0] else site.file_for(target_url)
        if target is None:
            broken.append(f"{where}: {link} (no such file)")
        elif fragment and target.suffix == ".html" and unquote(fragment) not in ids_of(site, target):
            broken.append(f"{where}: {link} (no id {fragment!r} in {target.relative_to(site.root)})")
    return broken, checked


def test_every_internal_link_and_fragment_resolves(built_site: BuiltSite) -> None:
    broken: list[str] = []
    checked = 0
    pages = built_site.html_files()
    for page in pages:
        found, count = broken_links(built_site, built_site.url_of(page), list(page_links(built_site, page)),
                                    page.relative_to(built_site.root).as_posix(), own_page=page)
        broken += found
        checked += count
    assert broken == []
    assert checked > 20 * len(pages), f"only {checked} internal links in {len(pages)} pages"


def test_links_inside_feed_items_resolve(built_site: BuiltSite) -> None:
    broken: list[str] = []
    for feed in [f for f in built_site.files(".xml") if f.name in ("feed.xml", "atom.xml")]:
        for entry in feedparser.parse(feed.read_bytes()).entries:
            for content in entry.get("content", []):
                fragment = lxml.html.fragment_fromstring(content.value, create_parent="div")
                links = [str(v) for v in fragment.xpath("//@href | //@src")]
                found, _ = broken_links(built_site, entry.link, links, f"{feed.name} item {entry.link}")
                broken += found
    assert broken == []


def ninjs_links(value: object) -> Iterator[str]:
    """Every `uri` and `href` of a ninjs document, at any depth."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("uri", "href") and isinstance(item, str):
                yield item
            else:
                yield from ninjs_links(item)
    elif isinstance(value, list):
        for item in value:
            yield from ninjs_links(item)


def test_links_inside_ninjs_resolve(built_site: BuiltSite) -> None:
    """The release, its topics, media and translations, and each contact's block on /contacts/ (#contact-<id>)."""
    broken: list[str] = []
    fragments = 0
    for ninjs in built_site.files("ninjs.json"):
        links = list(ninjs_links(json.loads(ninjs.read_text("utf-8"))))
        fragments += sum("#" in link for link in links)
        where = ninjs.relative_to(built_site.root).as_posix()
        found, _ = broken_links(built_site, built_site.url_of(ninjs), links, where)
        broken += found
    assert broken == []
    assert fragments > 0


def test_a_missing_page_and_a_missing_fragment_are_reported(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<!DOCTYPE html><p id="here">x</p>', encoding="utf-8")
    (tmp_path / "a/index.html").write_text('<!DOCTYPE html><p id="there">x</p>', encoding="utf-8")
    site = BuiltSite(tmp_path, "https://presse.example.org/")
    links = ["/a/", "/a/#there", "#here", "/a/#nowhere", "/b/", "a", "https://other.example/x", "mailto:x@y.z"]
    broken, checked = broken_links(site, site.base_url, links, "index.html", own_page=tmp_path / "index.html")
    assert broken == ["index.html: /a/#nowhere (no id 'nowhere' in a/index.html)",
                      "index.html: /b/ (no such file)", "index.html: a (no such file)"]
    assert checked == 6
