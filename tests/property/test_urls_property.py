"""Properties of the URL rules: slugs are URL-safe and stable; no alias or slug leads out of the site."""

from __future__ import annotations

from posixpath import normpath

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.model.urls import SLUG_PATTERN, alias_output_path, output_path, slugify

TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80)
GERMANISH = st.text(st.sampled_from("aäbcdeéfghijklmnoöpqrsßtuüvwxyzAÄOÖUÜẞ0123456789 -_/.,:;!?&'\"()€\t"),
                    max_size=60)


@settings(max_examples=300, deadline=None)
@given(st.one_of(TEXT, GERMANISH))
def test_slugify_yields_a_valid_slug_or_nothing(text: str) -> None:
    slug = slugify(text)
    assert slug == "" or SLUG_PATTERN.match(slug)


@settings(max_examples=300, deadline=None)
@given(st.one_of(TEXT, GERMANISH))
def test_slugify_is_idempotent(text: str) -> None:
    assert slugify(slugify(text)) == slugify(text)


@settings(max_examples=300, deadline=None)
@given(st.one_of(TEXT, st.builds(lambda parts: "/" + "/".join(parts),
                                 st.lists(st.sampled_from(["..", ".", "", "a", "b.html", "ä", "%2e%2e", "\\", "~"]),
                                          max_size=6))))
def test_an_alias_stays_inside_the_output_folder(alias: str) -> None:
    target = alias_output_path(alias)
    if target is None:
        return
    path = output_path(target)
    assert not path.startswith("/") and "\\" not in path and "\x00" not in path
    assert ".." not in path.split("/")
    assert normpath(path) == path.rstrip("/") or path.endswith("/index.html")
