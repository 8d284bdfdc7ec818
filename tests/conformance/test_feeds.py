"""Every feed of the built site read back: RSS 2.0 and Atom by feedparser (no bozo, the right version,
its own self link), JSON Feed by json; every item's link leads to a release page of the site, its date
is that page's date, its language the feed's, newest first."""

from __future__ import annotations

import calendar
import json
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import feedparser  # type: ignore[import-untyped]

from tests.conformance.site import BuiltSite, json_ld

FEED_ITEMS = 20  # content/site.yaml: feed_items
VERSIONS = {"feed.xml": "rss20", "atom.xml": "atom10"}


def news_article(site: BuiltSite, page: Path) -> dict[str, Any]:
    articles = [item for item in json_ld(site.parse(page)) if item.get("@type") == "NewsArticle"]
    assert len(articles) == 1, f"{page}: one NewsArticle"
    return articles[0]


def check_feed(site: BuiltSite, file: Path) -> list[str]:
    """The problems of one feed, one line each; empty when all is well."""
    where = file.relative_to(site.root).as_posix()
    parsed: Any = feedparser.parse(file.read_bytes())
    problems = []
    if parsed.bozo:
        problems.append(f"{where}: not well-formed: {parsed.bozo_exception}")
    if parsed.version != VERSIONS[file.name]:
        problems.append(f"{where}: version {parsed.version!r}, expected {VERSIONS[file.name]}")
    self_links = [link.href for link in parsed.feed.get("links", []) if link.get("rel") == "self"]
    if self_links != [site.url_of(file)]:
        problems.append(f"{where}: self link {self_links}, expected {site.url_of(file)}")
    if site.file_for(parsed.feed.get("link", "")) is None:
        problems.append(f"{where}: channel link {parsed.feed.get('link')!r} is not a page of the site")
    if not parsed.entries or len(parsed.entries) > FEED_ITEMS:
        problems.append(f"{where}: {len(parsed.entries)} items, expected 1 to {FEED_ITEMS}")
    stamps = []
    for entry in parsed.entries:
        page = site.file_for(entry.get("link", ""))
        if page is None:
            problems.append(f"{where}: item link {entry.get('link')!r} is not a page of the site")
            continue
        if entry.get("id") != entry.link:
            problems.append(f"{where}: guid {entry.get('id')!r} is not the item's link")
        if not entry.get("published_parsed"):
            problems.append(f"{where}: item {entry.link} has no readable pubDate")
            continue
        stamp = calendar.timegm(entry.published_parsed)
        stamps.append(stamp)
        published = datetime.fromisoformat(news_article(site, page)["datePublished"]).timestamp()
        if stamp != published:
            problems.append(f"{where}: item {entry.link} dated {entry.published}, its page says {published}")
        lang = site.parse(page).get("lang")
        if parsed.feed.get("language") != lang:
            problems.append(f"{where}: item {entry.link} in {lang}, feed in {parsed.feed.get('language')}")
    if stamps != sorted(stamps, reverse=True):
        problems.append(f"{where}: items are not newest first")
    return problems


def test_every_feed_parses_and_every_item_checks_out(built_site: BuiltSite) -> None:
    feeds = [file for file in built_site.files(".xml") if file.name in VERSIONS]
    assert len(feeds) >= 20, "RSS and Atom: site feed, English feed and topic feeds"
    problems = [problem for feed in feeds for problem in check_feed(built_site, feed)]
    assert problems == []


def test_every_json_feed_item_checks_out(built_site: BuiltSite) -> None:
    problems = []
    feeds = [file for file in built_site.files(".json") if file.name == "feed.json"]
    for file in feeds:
        where = file.relative_to(built_site.root).as_posix()
        feed = json.loads(file.read_text(encoding="utf-8"))
        assert feed["version"] == "https://jsonfeed.org/version/1.1" and feed["feed_url"] == built_site.url_of(file)
        stamps = []
        for item in feed["items"]:
            page = built_site.file_for(item["url"])
            if page is None:
                problems.append(f"{where}: item url {item['url']!r} is not a page of the site")
                continue
            stamps.append(datetime.fromisoformat(item["date_published"]).timestamp())
            if stamps[-1] != datetime.fromisoformat(news_article(built_site, page)["datePublished"]).timestamp():
                problems.append(f"{where}: item {item['url']} dated {item['date_published']}")
        if not stamps or stamps != sorted(stamps, reverse=True):
            problems.append(f"{where}: no items, or not newest first")
    assert feeds and problems == []


def test_every_html_page_advertises_an_existing_feed(built_site: BuiltSite) -> None:
    missing = []
    for page in built_site.html_files():
        document = built_site.parse(page)
        if document.xpath('//meta[@http-equiv="refresh"]'):
            continue  # an alias: a redirect, not a page
        hrefs = document.xpath('//head/link[@rel="alternate"][@type="application/rss+xml"]/@href')
        url = built_site.url_of(page)
        if not hrefs or any(built_site.file_for(urljoin(url, h)) is None for h in hrefs):
            missing.append(f"{page.relative_to(built_site.root)}: {hrefs}")
    assert missing == []


def test_topic_pages_advertise_their_topic_feed(built_site: BuiltSite) -> None:
    topic_pages = sorted(built_site.root.glob("**/topics/*/index.html"))
    assert topic_pages
    for page in topic_pages:
        hrefs = built_site.parse(page).xpath('//head/link[@type="application/rss+xml"]/@href')
        own = urljoin(built_site.url_of(page), "feed.xml")
        assert own in [urljoin(built_site.url_of(page), h) for h in hrefs], page
