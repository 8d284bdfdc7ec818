"""Privacy: no page of the built site makes the reader's browser contact another host. Every URL a
browser would load by itself (src, srcset, poster, data, stylesheets, icons, preloads, scripts,
@import and url() in CSS and style attributes) must be relative or on base_url's host. No browser."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conformance.site import BuiltSite

# <link rel=…> values that make the browser fetch or connect; canonical/alternate/etc. only name a URL.
_FETCHING_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "mask-icon", "manifest", "preload",
                  "modulepreload", "prefetch", "prerender", "preconnect", "dns-prefetch"}
_CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)""", re.IGNORECASE)
_CSS_IMPORT = re.compile(r"""@import\s+(['"])(.*?)\1""", re.IGNORECASE)  # @import url(…) is a url()


def css_urls(css: str) -> list[str]:
    """Every URL a stylesheet loads: url(…) and @import "…"."""
    return [m.group(2) for m in _CSS_URL.finditer(css)] + [m.group(2) for m in _CSS_IMPORT.finditer(css)]


def loaded_urls(site: BuiltSite, file: Path) -> list[str]:
    """Every URL a browser loads by itself when it shows this HTML page."""
    document = site.parse(file)
    urls: list[str] = []
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        for attribute in ("src", "poster", "data", "background"):
            if element.get(attribute):
                urls.append(element.get(attribute))
        for attribute in ("srcset", "imagesrcset"):
            if element.get(attribute):
                urls += [candidate.split()[0] for candidate in element.get(attribute).split(",") if candidate.strip()]
        if element.tag == "link" and _FETCHING_RELS & set((element.get("rel") or "").lower().split()):
            urls.append(element.get("href") or "")
        if element.get("style"):
            urls += css_urls(element.get("style"))
        if element.tag == "style":
            urls += css_urls(element.text or "")
        if element.tag in ("image", "use", "feimage") and (element.get("href") or element.get("xlink:href")):
            urls.append(element.get("href") or element.get("xlink:href"))
    return urls


def test_css_url_finder_sees_imports_and_urls() -> None:
    css = '@import "a.css"; @import url(https://x.example/b.css); p { background: url( "img/c.png" ) }'
    assert sorted(css_urls(css)) == ["a.css", "https://x.example/b.css", "img/c.png"]


def test_loaded_urls_finds_third_party_resources(tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    page.write_text('<!DOCTYPE html><html><head><link rel="stylesheet" href="https://fonts.example/x.css">'
                    '<link rel="canonical" href="https://elsewhere.example/"><script src="//cdn.example/a.js">'
                    '</script></head><body><img srcset="/a.png 1x, https://img.example/b.png 2x" src="a.png">'
                    '<p style="background:url(https://t.example/p.gif)">x</p></body></html>', encoding="utf-8")
    site = BuiltSite(tmp_path, "https://presse.example.org/")
    foreign = [u for u in loaded_urls(site, page) if not site.is_same_site(u, site.url_of(page))]
    assert sorted(foreign) == ["//cdn.example/a.js", "https://fonts.example/x.css", "https://img.example/b.png",
                               "https://t.example/p.gif"]


def test_no_page_loads_anything_from_another_host(built_site: BuiltSite) -> None:
    pages = built_site.html_files()
    assert len(pages) > 30
    foreign = []
    checked = 0
    for page in pages:
        for url in loaded_urls(built_site, page):
            checked += 1
            if not built_site.is_same_site(url, built_site.url_of(page)):
                foreign.append(f"{page.relative_to(built_site.root)}: {url}")
    assert checked > len(pages), "every page loads at least its stylesheet and icon"
    assert foreign == []


def test_no_stylesheet_or_svg_loads_anything_from_another_host(built_site: BuiltSite) -> None:
    sheets = built_site.files(".css")
    assert sheets, "the theme's style.css is in the output"
    foreign = []
    for file in sheets + built_site.files(".svg"):
        text = file.read_text(encoding="utf-8")
        urls = css_urls(text)
        if file.suffix == ".svg":
            urls += re.findall(r"""(?:xlink:)?href\s*=\s*["']([^"']+)["']""", text)
        base = built_site.url_of(file)
        foreign += [f"{file.relative_to(built_site.root)}: {url}" for url in urls
                    if not built_site.is_same_site(url, base)]
    assert foreign == []
