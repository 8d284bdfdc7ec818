"""URL rules: slugs, site paths, output paths, aliases."""

from __future__ import annotations

import pytest

from generator.model.urls import alias_output_path, output_path, release_path, slugify, topic_path


@pytest.mark.parametrize(("text", "slug"), [
    ("Neue Organisation, mehr Kooperationen", "neue-organisation-mehr-kooperationen"),
    ("Wirtschaftsförderung", "wirtschaftsfoerderung"),
    ("Außenwirtschaft", "aussenwirtschaft"),
    ("ÄRGER über Öl", "aerger-ueber-oel"),
    ("Café résumé", "cafe-resume"),
    ("Messe in Łódź, Ærø und Øresund", "messe-in-lodz-aero-und-oresund"),  # strokes and ligatures too
    ("A 6 - Planungen", "a-6-planungen"),
    ("  --Hallo!!  Welt--  ", "hallo-welt"),
    ("€ & %", ""),
])
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug


def test_site_paths() -> None:
    assert release_path("", 2008, "neue-organisation") == "releases/2008/neue-organisation/"
    assert release_path("en/", 2008, "x") == "en/releases/2008/x/"
    assert topic_path("", "ausbildung") == "topics/ausbildung/"
    assert topic_path("en/", "ausbildung", 2) == "en/topics/ausbildung/page/2/"


def test_output_path() -> None:
    assert output_path("") == "index.html"
    assert output_path("releases/2008/x/") == "releases/2008/x/index.html"
    assert output_path("feed.xml") == "feed.xml"


@pytest.mark.parametrize(("alias", "path"), [
    ("/medien-info/2008/123.html", "medien-info/2008/123.html"),
    ("/alt/pressemitteilung", "alt/pressemitteilung/"),
    ("/alt/ordner/", "alt/ordner/"),
    ("/../etc/passwd", None),
    ("relativ/pfad", None),
    ("/", None),
    ("/a/./b", None),
    ("/a?b=1", None),
])
def test_alias_output_path(alias: str, path: str | None) -> None:
    assert alias_output_path(alias) == path
