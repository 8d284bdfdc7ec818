"""The head of every page of the built site: title, description, canonical, Open Graph and Twitter
tags, feed discovery, hreflang; landmarks and <time datetime>; JSON-LD NewsArticle on releases and
Organization on the home page, each field checked against the page itself."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from lxml.html import HtmlElement  # type: ignore[import-untyped]

from tests.conformance.site import BuiltSite, json_ld, meta

ZONED = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?([+-]\d\d:\d\d|Z)$")
DATE_OR_ZONED = re.compile(r"^\d{4}-\d\d-\d\d$|" + ZONED.pattern[1:])


def pages(site: BuiltSite) -> list[Path]:
    """Every HTML page that is a page (aliases are redirects)."""
    return [p for p in site.html_files() if not site.parse(p).xpath('//meta[@http-equiv="refresh"]')]


def releases(site: BuiltSite) -> list[Path]:
    return [p for p in pages(site) if site.parse(p).xpath('//article[contains(@class, "release")]')]


def one(values: list[Any], what: str) -> Any:
    assert len(values) == 1, f"expected one {what}, found {values}"
    return values[0]


def check_head(site: BuiltSite, page: Path, document: HtmlElement) -> None:
    title = one(document.xpath("//head/title/text()"), "title").strip()
    assert title
    assert one(meta(document, "description"), "description").strip()
    assert one(meta(document, "viewport"), "viewport")
    canonical = one(document.xpath('//head/link[@rel="canonical"]/@href'), "canonical")
    assert canonical == site.url_of(page)
    assert one(meta(document, "og:url"), "og:url") == canonical
    for key in ("og:title", "og:description", "og:site_name", "og:type"):
        assert one(meta(document, key), key).strip()
    assert re.match(r"^[a-z]{2,3}_[A-Z]{2}$", one(meta(document, "og:locale"), "og:locale"))
    images = meta(document, "og:image")  # none where the only picture is an SVG (the sample's logo)
    assert len(images) <= 1, images
    for image in images:
        assert site.file_for(image) is not None and not image.endswith(".svg"), image
    assert one(meta(document, "twitter:card"), "twitter:card") in ("summary", "summary_large_image")
    assert document.get("lang")
    hreflangs = document.xpath('//head/link[@rel="alternate"][@hreflang]')
    if hreflangs:
        assert (document.get("lang"), canonical) in [(link.get("hreflang"), link.get("href")) for link in hreflangs]


def check_body(document: HtmlElement) -> None:
    one(document.xpath("//h1"), "h1")
    one(document.xpath("//main[@id='main']"), "main")
    one(document.xpath("//body/header"), "banner")
    one(document.xpath("//body/footer"), "contentinfo")
    assert document.xpath("//nav[@aria-label]")
    assert document.xpath("//a[@href='#main'][contains(@class, 'skip-link')]")
    for time in document.xpath("//time"):
        assert DATE_OR_ZONED.match(time.get("datetime") or ""), f"<time datetime={time.get('datetime')!r}>"


def test_every_page_has_complete_metadata(built_site: BuiltSite) -> None:
    checked = pages(built_site)
    assert len(checked) > 30
    for page in checked:
        document = built_site.parse(page)
        try:
            check_head(built_site, page, document)
            check_body(document)
        except AssertionError as error:
            pytest.fail(f"{page.relative_to(built_site.root)}: {error}")


def test_release_pages_describe_themselves_as_news_articles(built_site: BuiltSite) -> None:
    found = releases(built_site)
    assert len(found) >= 12
    for page in found:
        document = built_site.parse(page)
        article = one([i for i in json_ld(document) if i.get("@type") == "NewsArticle"], "NewsArticle")
        canonical = built_site.url_of(page)
        assert article["headline"] == document.xpath("string(//h1)").strip()
        assert article["inLanguage"] == document.get("lang")
        assert ZONED.match(article["datePublished"]) and ZONED.match(article["dateModified"])
        assert datetime.fromisoformat(article["datePublished"]) <= datetime.fromisoformat(article["dateModified"])
        dateline_time = document.xpath("//*[@class='dateline']/time/@datetime")[0]
        assert article["datePublished"].startswith(dateline_time)
        assert one(meta(document, "article:published_time"), "published_time") == article["datePublished"]
        location = document.xpath("string(//*[@class='dateline'])").strip("()").split(",")[0]
        assert article.get("dateline") in (location, None)
        assert article["mainEntityOfPage"]["@id"] == canonical and article["url"] == canonical
        for role in ("author", "publisher"):
            organization = article[role]
            assert organization["@type"] == "Organization" and organization["name"]
            assert built_site.file_for(organization["logo"]["url"]) is not None
        image = document.xpath("//figure[contains(@class, 'release-image')]//img/@src")
        if image:
            assert article["image"] == [built_site.base_url + image[0].lstrip("/")]
            assert one(meta(document, "twitter:card"), "twitter:card") == "summary_large_image"
            assert one(meta(document, "og:image"), "og:image") == article["image"][0]
        assert document.xpath("//nav[contains(@class, 'breadcrumbs')]//a[@aria-current='page']")


def test_home_page_describes_the_organization(built_site: BuiltSite) -> None:
    for home in (built_site.root / "index.html", built_site.root / "en/index.html"):
        organization = one([i for i in json_ld(built_site.parse(home)) if i.get("@type") == "Organization"],
                            "Organization")
        assert organization["name"] == "Industrie- und Handelskammer Heilbronn-Franken"
        assert organization["url"] == "https://www.heilbronn.ihk.de/"
        assert built_site.file_for(organization["logo"]) is not None


@pytest.mark.parametrize(("german", "english"), [
    ("releases/2008/neue-organisation-mehr-kooperationen/index.html",
     "en/releases/2008/new-organisation-more-cooperation/index.html"),
    ("index.html", "en/index.html"),
])
def test_language_versions_name_each_other(built_site: BuiltSite, german: str, english: str) -> None:
    pages = (built_site.root / german, built_site.root / english)
    expected = {("de", built_site.url_of(pages[0])), ("en", built_site.url_of(pages[1]))}
    for page in pages:
        links = built_site.parse(page).xpath('//head/link[@rel="alternate"][@hreflang]')
        assert {(link.get("hreflang"), link.get("href")) for link in links} == expected
        assert meta(built_site.parse(page), "og:locale:alternate") == ["en_US" if page == pages[0] else "de_DE"]
