"""RSS feeds of the fixture site, read back with feedparser as a feed reader would."""

from __future__ import annotations

from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

import feedparser

BASE = "https://presse.example.org/"


def parse(output: Path, path: str) -> feedparser.FeedParserDict:
    feed = feedparser.parse((output / path).read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def test_site_feed(fixture_output: Path) -> None:
    feed = parse(fixture_output, "feed.xml")
    assert feed.version == "rss20"
    assert feed.feed.title == "Presse – Fixture-Kammer"
    assert feed.feed.link == BASE
    assert feed.feed.language == "de"
    assert [e.title for e in feed.entries] == [
        "Exporteure optimistisch", "Mehr Ausbildungsverträge & bessere Quoten",
        "Neue Organisation, mehr Kooperationen"]  # newest first, feed_items: 3, German only
    newest = feed.entries[0]
    assert newest.link == BASE + "releases/2024/exporteure-optimistisch/"
    assert newest.id == newest.link
    assert newest.published == "Wed, 01 May 2024 10:00:00 +0200"
    assert [t.term for t in newest.tags] == ["Außenwirtschaft"]
    # lastBuildDate is the newest item's date (its update if it has one), never the wall clock
    assert feed.feed.updated == "Wed, 01 May 2024 10:00:00 +0200"
    links = [link for link in feed.feed.links if link.rel == "self"]
    assert links[0].href == BASE + "feed.xml"


def test_item_content_is_full_html_with_absolute_urls(fixture_output: Path) -> None:
    feed = parse(fixture_output, "feed.xml")
    item = next(e for e in feed.entries if e.title.startswith("Neue Organisation"))
    html = item.content[0].value
    assert '<a href="https://presse.example.org/media/bericht.pdf">Bericht</a>' in html
    assert item.summary == "Die Vollversammlung hat sich für eine neue Organisation ausgesprochen."
    image_item = next(e for e in feed.entries if e.title.startswith("Mehr Ausbildung"))
    assert 'src="https://presse.example.org/media/bild.png"' in image_item.content[0].value


def test_every_feed_parses_with_dated_items(fixture_output: Path) -> None:
    feeds = sorted(fixture_output.rglob("feed.xml"))
    assert len(feeds) == 6  # site + 3 topics (de), site + 1 topic (en)
    for path in feeds:
        feed = parse(fixture_output, path.relative_to(fixture_output).as_posix())
        dates = [parsedate_to_datetime(e.published) for e in feed.entries]
        assert dates == sorted(dates, reverse=True)
        assert all(isinstance(d, datetime) and d.utcoffset() is not None for d in dates)
        assert all(e.link.startswith(BASE) for e in feed.entries)


def test_english_edition_has_its_own_feed(fixture_output: Path) -> None:
    feed = parse(fixture_output, "en/feed.xml")
    assert feed.feed.language == "en"
    assert [e.title for e in feed.entries] == ["New organisation, more cooperation"]
