"""The Google News sitemap (/news-sitemap.xml): the releases that went public in the two days before the
build's now, newest first, with publication name, language, date and title; listed in robots.txt."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from tests.conftest import release
from tests.publishing.conftest import build

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "news": "http://www.google.com/schemas/sitemap-news/0.9"}
NOW = "2025-01-10T12:00:00+01:00"


def entries(output: Path) -> list[tuple[str, str, str, str, str]]:
    root = etree.fromstring((output / "news-sitemap.xml").read_bytes())
    assert root.tag == f"{{{NS['s']}}}urlset"
    return [(url.findtext("s:loc", namespaces=NS), url.findtext("news:news/news:publication/news:name", namespaces=NS),
             url.findtext("news:news/news:publication/news:language", namespaces=NS),
             url.findtext("news:news/news:publication_date", namespaces=NS),
             url.findtext("news:news/news:title", namespaces=NS)) for url in root.findall("s:url", NS)]


def test_only_the_last_two_days_newest_first(tmp_path: Path) -> None:
    output, _, _ = build(tmp_path, {
        "releases/old.md": release("Drei Tage alt", date="2025-01-07T11:59"),
        "releases/edge.md": release("Genau zwei Tage", date="2025-01-08T12:00"),
        "releases/in.md": release("Gerade noch drin", date="2025-01-08T12:01"),
        "releases/new.md": release("Von heute", date="2025-01-10T08:00", lang="en"),
        "releases/late.md": release("Embargo heute", date="2025-01-01", embargo="2025-01-10T09:00"),
        "releases/future.md": release("Von morgen", date="2025-01-11"),
    }, now=NOW)
    assert entries(output) == [
        ("https://presse.example.org/releases/2025/embargo-heute/", "Testkammer", "de", "2025-01-10T09:00:00+01:00",
         "Embargo heute"),
        ("https://presse.example.org/en/releases/2025/von-heute/", "Testkammer", "en", "2025-01-10T08:00:00+01:00",
         "Von heute"),
        ("https://presse.example.org/releases/2025/gerade-noch-drin/", "Testkammer", "de",
         "2025-01-08T12:01:00+01:00", "Gerade noch drin"),
    ]


def test_the_two_days_are_48_hours_across_a_change_of_daylight_saving_time(tmp_path: Path) -> None:
    """Published 2024-10-26 12:30 CEST (10:30 UTC); the clocks go back on the 27th, so the 48 hours end at
    11:30 CET on the 28th, however the build's now is written."""
    files = {"releases/a.md": release("Vor der Zeitumstellung", date="2024-10-26T12:30")}
    for now, listed in (("2024-10-28T11:29", 1), ("2024-10-28T10:29:00Z", 1), ("2024-10-28T11:31", 0),
                        ("2024-10-28T10:31:00Z", 0), ("2024-10-28T12:00+01:00", 0)):
        output, out, _ = build(tmp_path / now.replace(":", ""), files, now=now)
        assert len(entries(output)) == listed, now
        if listed:
            assert "the news sitemap changes 2024-10-28 11:30 CET" in out


def test_empty_when_nothing_is_new_and_listed_in_robots(published: Path) -> None:
    assert entries(published) == []
    robots = (published / "robots.txt").read_text("utf-8")
    assert "Sitemap: https://presse.example.org/news-sitemap.xml\n" in robots
    assert "Sitemap: https://presse.example.org/sitemap.xml\n" in robots


def test_titles_are_escaped_and_withheld_releases_absent(tmp_path: Path) -> None:
    output, _, _ = build(tmp_path, {
        "releases/a.md": release("Zölle & <Märkte>", date="2025-01-10T10:00"),
        "releases/b.md": release("Sperrfrist-Sache", date="2025-01-10T10:00", embargo="2025-01-10T13:00"),
    }, now=NOW)
    assert [e[4] for e in entries(output)] == ["Zölle & <Märkte>"]
    assert b"Sperrfrist" not in (output / "news-sitemap.xml").read_bytes()
