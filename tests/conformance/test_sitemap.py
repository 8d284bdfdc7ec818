"""sitemap.xml against the sitemaps.org 0.9 schema (shipped in schemas/), and against the site: every
URL is a page of the output, every indexable page is listed, hreflang alternates are mutual."""

from __future__ import annotations

from pathlib import Path

from lxml import etree  # type: ignore[import-untyped]

from tests.conformance.site import BuiltSite, json_ld

SCHEMAS = Path(__file__).parent / "schemas"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def test_sitemap_is_valid_against_the_sitemaps_org_schema(built_site: BuiltSite) -> None:
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "sitemap-with-alternates.xsd")))
    document = etree.parse(str(built_site.root / "sitemap.xml"))
    valid = schema.validate(document)
    assert valid, [f"line {e.line}: {e.message}" for e in schema.error_log]


def test_schema_rejects_a_broken_sitemap() -> None:
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "sitemap-with-alternates.xsd")))
    broken = etree.fromstring(
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">'
        b'<url><loc>https://presse.example.org/</loc><lastmod>24.07.2008</lastmod>'
        b'<xhtml:link rel="alternate" href="https://presse.example.org/en/"/></url></urlset>')
    assert not schema.validate(broken)
    assert len(schema.error_log) == 2  # the German date, the link without hreflang


def test_sitemap_lists_exactly_the_indexable_pages(built_site: BuiltSite) -> None:
    document = etree.parse(str(built_site.root / "sitemap.xml"))
    listed = [str(loc) for loc in document.xpath("//s:url/s:loc/text()", namespaces=NS)]
    assert listed == sorted(set(listed))
    assert [url for url in listed if built_site.file_for(url) is None] == []
    indexable = []
    for page in built_site.html_files():
        head = built_site.parse(page)
        if not head.xpath('//meta[@name="robots"][contains(@content, "noindex")]'):
            indexable.append(built_site.url_of(page))
    assert sorted(indexable) == listed


def test_sitemap_dates_and_alternates_match_the_pages(built_site: BuiltSite) -> None:
    document = etree.parse(str(built_site.root / "sitemap.xml"))
    alternates: dict[str, set[tuple[str, str]]] = {}
    for url in document.xpath("//s:url", namespaces=NS):
        loc = url.findtext("s:loc", namespaces=NS)
        page = built_site.parse(built_site.file_for(loc))  # type: ignore[arg-type]
        articles = [item for item in json_ld(page) if item.get("@type") == "NewsArticle"]
        lastmod = url.findtext("s:lastmod", namespaces=NS)
        assert lastmod == (articles[0]["dateModified"] if articles else None), loc
        links = {(link.get("hreflang"), link.get("href")) for link in url.findall("x:link", namespaces=NS)}
        in_page = {(link.get("hreflang"), link.get("href"))
                   for link in page.xpath('//head/link[@rel="alternate"][@hreflang]')}
        assert links == in_page, loc
        alternates[loc] = links
    for loc, links in alternates.items():
        for _, href in links:
            assert alternates.get(href) == links, f"{loc} and {href} do not name each other alike"
