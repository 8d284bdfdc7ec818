"""The pure parts of the dev server's text-edit shortcut (generator/text_edits.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from generator.model.entities import Edition, Release, TopicListing
from generator.render.plan import Output
from generator.source.reader import SiteSources, SourceFile
from generator.text_edits import _swapped, changed_releases, releases_shown


def a_release(slug: str) -> Release:
    return Release(source=f"content/releases/{slug}.md", title=slug, date=datetime(2024, 1, 1, tzinfo=UTC),
                   date_has_time=False, lang="de", slug=slug, path=f"releases/2024/{slug}/", body_html="<p>x</p>",
                   summary="x")


def test_releases_shown_names_each_output_that_holds_a_release_but_not_through_an_edition() -> None:
    a, b, c = a_release("a"), a_release("b"), a_release("c")
    listing = TopicListing(topic=None, releases=(a, b))  # type: ignore[arg-type]
    edition = Edition(lang="de", prefix="", releases=(a, b, c), topics=(listing,), years=(), pages=())
    outputs = [Output("a.html", "release.html", {"page": {"edition": edition}, "release": a}),
               Output("topic.html", "topic.html", {"page": {"edition": edition}, "listing": listing}),
               Output("feed.xml", "feed.xml", {"items": (c,)}),
               Output("a.json", maker=repr, arguments=(a,)),
               Output("robots.txt", "robots.txt", {"page": {"edition": edition}})]
    shows = releases_shown(outputs)
    assert shows == {id(a): [0, 1, 3], id(b): [1], id(c): [2]}


def test_swapped_rebuilds_only_holders_of_a_swapped_object_and_each_once() -> None:
    a, b, new_a = a_release("a"), a_release("b"), a_release("a2")
    listing = TopicListing(topic=None, releases=(a, b))  # type: ignore[arg-type]
    other = TopicListing(topic=None, releases=(b,))  # type: ignore[arg-type]
    context = {"listing": listing, "again": listing, "other": other, "items": [a], "n": 3}
    swaps: dict[int, object] = {id(a): new_a}
    result = _swapped(context, swaps, [])
    assert result["listing"].releases == (new_a, b)
    assert result["listing"] is result["again"], "what was shared stays shared"
    assert result["other"] is other and result["items"] == [new_a] and result["n"] == 3
    assert context["listing"] is listing and listing.releases == (a, b), "nothing is changed in place"
    assert _swapped(other, {}, []) is other


def test_changed_releases_are_the_release_files_read_again_and_nothing_else() -> None:
    def source(name: str) -> SourceFile:
        return SourceFile(f"content/{name}", name, name)
    site, a, b = source("site.yaml"), source("releases/a.md"), source("releases/b.md")
    last = SiteSources(site=site, releases=[a, b], media={"media/x.jpg": 10})
    assert changed_releases(last, replace(last, releases=[a, b])) == []
    assert changed_releases(last, replace(last, releases=[a, source("releases/b.md")])) == [1]
    assert changed_releases(last, replace(last, site=source("site.yaml"))) is None
    assert changed_releases(last, replace(last, releases=[a])) is None
    assert changed_releases(last, replace(last, releases=[a, source("releases/c.md")])) is None
    assert changed_releases(last, replace(last, pages=[source("pages/p.md")])) is None
    assert changed_releases(last, replace(last, media={"media/x.jpg": 11})) is None
