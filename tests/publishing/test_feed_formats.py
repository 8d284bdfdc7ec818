"""Beside each RSS feed an Atom feed (atom.xml) and a JSON Feed 1.1 (feed.json): the same listing with
the same items in the same order, and every page names all three for auto-discovery."""

from __future__ import annotations

import json
import re
from pathlib import Path

import feedparser
import pytest
from lxml import etree

from tests.conftest import release, tree_bytes
from tests.publishing.conftest import build

ATOM = "{http://www.w3.org/2005/Atom}"
FEEDS = ["feed.xml", "topics/ausbildung/feed.xml", "topics/aussenwirtschaft/feed.xml",
         "topics/wirtschaftsfoerderung/feed.xml", "en/feed.xml", "en/topics/wirtschaftsfoerderung/feed.xml"]


def rss_links(output: Path, feed: str) -> list[str]:
    parsed = feedparser.parse((output / feed).read_bytes())
    return [entry.link for entry in parsed.entries]


def test_every_rss_feed_has_an_atom_and_a_json_feed_beside_it(published: Path) -> None:
    assert sorted(p.relative_to(published).as_posix() for p in published.rglob("feed.xml")) == sorted(FEEDS)
    for feed in FEEDS:
        folder = feed.removesuffix("feed.xml")
        assert (published / f"{folder}atom.xml").is_file()
        assert (published / f"{folder}feed.json").is_file()
    assert len(list(published.rglob("atom.xml"))) == len(list(published.rglob("feed.json"))) == len(FEEDS)


@pytest.mark.parametrize("feed", FEEDS)
def test_atom_feed_has_the_same_items_and_is_valid(published: Path, feed: str) -> None:
    path = published / feed.replace("feed.xml", "atom.xml")
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert [entry.link for entry in parsed.entries] == rss_links(published, feed)
    root = etree.fromstring(path.read_bytes())
    assert root.findtext(f"{ATOM}id") == f"https://presse.example.org/{feed.replace('feed.xml', 'atom.xml')}"
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == root.findtext(f"{ATOM}id")
    assert root.findtext(f"{ATOM}author/{ATOM}name") == "Fixture-Kammer"
    for entry in root.iter(f"{ATOM}entry"):  # what RFC 4287 requires of every entry
        assert entry.findtext(f"{ATOM}id") and entry.findtext(f"{ATOM}title") and entry.findtext(f"{ATOM}updated")
    updated = [e.findtext(f"{ATOM}updated") for e in root.iter(f"{ATOM}entry")]
    assert root.findtext(f"{ATOM}updated") == max(updated)


@pytest.mark.parametrize("feed", FEEDS)
def test_json_feed_has_the_same_items_and_the_required_fields(published: Path, feed: str) -> None:
    path = feed.replace("feed.xml", "feed.json")
    document = json.loads((published / path).read_text("utf-8"))
    assert document["version"] == "https://jsonfeed.org/version/1.1"
    assert document["feed_url"] == f"https://presse.example.org/{path}"
    assert document["home_page_url"].startswith("https://presse.example.org/")
    assert document["title"] and document["authors"] == [{"name": "Fixture-Kammer", "url": "https://www.example.org/"}]
    assert [item["url"] for item in document["items"]] == rss_links(published, feed)
    for item in document["items"]:
        assert item["id"] == item["url"]
        assert item["content_html"] and item["date_published"] and item["title"]
        assert 'src="/' not in item["content_html"] and 'href="/' not in item["content_html"]


def test_json_feed_item_carries_image_tags_and_attachments(published: Path) -> None:
    item = json.loads((published / "topics/ausbildung/feed.json").read_text("utf-8"))["items"][0]
    assert item["image"] == "https://presse.example.org/media/bild.png"
    assert item["tags"] == ["Ausbildung"]
    assert item["attachments"] == [{"url": "https://presse.example.org/media/bericht.pdf",
                                    "mime_type": "application/pdf", "title": "Bericht (PDF)"}]
    assert item["date_modified"] == "2024-03-02T09:30:00+01:00"


def test_every_page_names_all_three_formats_for_auto_discovery(published: Path) -> None:
    checked = 0
    for page in published.rglob("*.html"):
        text = page.read_text("utf-8")
        if "<head>" not in text or 'rel="canonical"' not in text or "noindex" in text and "refresh" in text:
            continue
        types = re.findall(r'<link rel="alternate" type="([^"]+)"[^>]* href="([^"]+)"', text)
        kinds = {kind for kind, _ in types}
        assert {"application/rss+xml", "application/atom+xml", "application/feed+json"} <= kinds, page
        for _, href in types:
            assert (published / href.lstrip("/")).is_file(), f"{page}: {href}"
        checked += 1
    assert checked > 20


def test_topic_page_discovers_its_own_feed_in_all_formats(published: Path) -> None:
    text = (published / "topics/ausbildung/index.html").read_text("utf-8")
    assert '<link rel="alternate" type="application/atom+xml" title="Atom-Feed: Ausbildung" ' \
           'href="/topics/ausbildung/atom.xml">' in text
    assert '<link rel="alternate" type="application/feed+json" title="JSON-Feed: Ausbildung" ' \
           'href="/topics/ausbildung/feed.json">' in text


def test_feeds_keep_no_wall_clock_time(tmp_path: Path) -> None:
    files = {"releases/a.md": release("Erste Meldung", date="2024-01-01")}
    first, _, _ = build(tmp_path / "a", files, now="2025-01-01T12:00:00+01:00")
    second, _, _ = build(tmp_path / "b", files, now="2025-06-01T12:00:00+01:00")
    for name in ("atom.xml", "feed.json", "feed.xml"):
        assert tree_bytes(first)[name] == tree_bytes(second)[name], name


def test_an_empty_atom_feed_is_still_valid(tmp_path: Path) -> None:
    output, _, _ = build(tmp_path, {"pages/impressum.md": "---\ntitle: Impressum\n---\nText.\n"})
    parsed = feedparser.parse((output / "atom.xml").read_bytes())
    assert not parsed.bozo and parsed.entries == []
    assert parsed.feed.updated == "1970-01-01T00:00:00+00:00"
    assert json.loads((output / "feed.json").read_text("utf-8"))["items"] == []
