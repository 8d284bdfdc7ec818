"""The embargo, drafts and preview: an unpublished release leaves no trace in any output byte."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import tree_bytes
from tests.e2e.fixture_build import build_fixture

WITHHELD = [  # (title, slug) of the fixture's embargoed and draft releases
    ("Geheime Sperrfrist-Meldung", "sperrfrist-geheim"),
    ("Unfertiger Entwurf", "unfertiger-entwurf"),
]


def test_no_byte_of_the_output_names_an_unpublished_release(fixture_output: Path) -> None:
    files = tree_bytes(fixture_output)
    assert len(files) > 30
    for path, data in files.items():
        text = data.decode("utf-8", errors="replace")
        for title, slug in WITHHELD:
            assert title not in text, f"{title!r} leaked into {path}"
            assert slug not in text, f"{slug!r} leaked into {path}"
            assert slug not in path
        assert "Dieser Text darf vor der Sperrfrist" not in text


def test_embargo_lifts_at_its_moment(tmp_path: Path) -> None:
    before = build_fixture(tmp_path / "before", "--now", "2030-01-01T09:59:59+01:00")
    assert not (before / "releases/2024/sperrfrist-geheim/index.html").exists()
    after = build_fixture(tmp_path / "after", "--now", "2030-01-01T10:00:00+01:00")
    assert (after / "releases/2024/sperrfrist-geheim/index.html").is_file()
    assert b"Geheime Sperrfrist-Meldung" in (after / "feed.xml").read_bytes()
    assert b"Unfertiger Entwurf" not in (after / "feed.xml").read_bytes()


def test_preview_shows_everything_marked_and_noindex(tmp_path: Path) -> None:
    output = build_fixture(tmp_path / "preview", "--preview")
    page = (output / "releases/2024/sperrfrist-geheim/index.html").read_text("utf-8")
    assert "Vorschau – nicht veröffentlicht" in page
    assert "Sperrfrist bis" in page and ">1. Januar 2030, 10:00 MEZ</time>" in page  # no seconds
    draft = (output / "releases/2024/unfertiger-entwurf/index.html").read_text("utf-8")
    assert "Entwurf" in draft
    for path in output.rglob("*.html"):
        assert '<meta name="robots" content="noindex">' in path.read_text("utf-8"), path
    assert "Disallow: /" in (output / "robots.txt").read_text("utf-8")
