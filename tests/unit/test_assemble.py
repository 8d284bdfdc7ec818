"""The publish filter, ordering and translations in assemble_site."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from generator.config import SiteConfig
from generator.model.assemble import SiteParts, assemble_site, is_published
from generator.model.entities import Release

UTC = UTC
NOW = datetime(2024, 6, 1, 12, tzinfo=UTC)
CONFIG = SiteConfig(title="T", base_url="https://example.org/", language="de")


def make(slug: str, hours: float = 0, lang: str = "de", **keys: object) -> Release:
    date = NOW - timedelta(hours=hours)
    prefix = "" if lang == "de" else f"{lang}/"
    fields: dict[str, object] = dict(source=f"{slug}.md", title=slug.title(), date=date, date_has_time=True,
                                     lang=lang, slug=slug, path=f"{prefix}releases/2024/{slug}/", body_html="",
                                     summary="")
    fields.update(keys)
    return Release(**fields)  # type: ignore[arg-type]


def test_is_published() -> None:
    assert is_published(make("a"), NOW)  # exactly now counts
    assert not is_published(make("a", hours=-1), NOW)
    assert not is_published(make("a", draft=True), NOW)
    assert not is_published(make("a", embargo=NOW + timedelta(seconds=1)), NOW)
    assert is_published(make("a", embargo=NOW), NOW)


def test_order_newest_first_then_by_url() -> None:
    parts = SiteParts(CONFIG, (make("b", 1), make("c", 2), make("a", 1), make("z", -1)), (), (), ())
    site, errors = assemble_site(parts, NOW, preview=False)
    assert errors == []
    assert [r.slug for r in site.releases] == ["a", "b", "c"]
    assert [(w.slug, w.reason) for w in site.withheld] == [("z", "date")]


def test_translations_link_only_published_versions() -> None:
    parts = SiteParts(CONFIG, (make("de1", translation="k"), make("en1", lang="en", translation="k"),
                               make("fr1", lang="fr", translation="k", draft=True)), (), (), ())
    site, _ = assemble_site(parts, NOW, preview=False)
    german = site.editions[0].releases[0]
    assert [(t.lang, t.path) for t in german.translations] == [("en", "en/releases/2024/en1/")]
    assert [e.lang for e in site.editions] == ["de", "en"]


def test_preview_keeps_everything_marked() -> None:
    parts = SiteParts(CONFIG, (make("a"), make("b", draft=True)), (), (), ())
    site, _ = assemble_site(parts, NOW, preview=True)
    assert [(r.slug, r.published) for r in site.releases] == [("a", True), ("b", False)]
    assert site.withheld == ()


def test_two_releases_with_one_url_name_both_files() -> None:
    parts = SiteParts(CONFIG, (make("a"), make("a", source="other.md")), (), (), ())
    _, errors = assemble_site(parts, NOW, preview=False)
    assert [str(e) for e in errors] == [
        "other.md:1: has the same URL /releases/2024/a/ as a.md — give one of them a different `slug`"]
