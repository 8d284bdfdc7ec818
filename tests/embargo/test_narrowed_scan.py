"""The leak scan searches each file only with the alternatives whose literal the file contains; the
hits must be exactly those of the whole regex, in the same order, whatever the file holds."""

from __future__ import annotations

import dataclasses
import html
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.config import BuildOptions
from generator.pipeline import load_site
from generator.render.leaks import LeakScan, leak_scan
from generator.render.plan import plan_outputs
from tests.conftest import make_site, release

TITLES = ["Übernahme der Firma Müller & Söhne", "Bilanz der Ausbildung 2025", "Zahlen <vorab>", "Neue Wege"]


@pytest.fixture(scope="module")
def scan(tmp_path_factory: pytest.TempPathFactory) -> LeakScan:
    root = tmp_path_factory.mktemp("site")
    files = {f"releases/2030/w{i}.md": release(title, "2030-01-01") for i, title in enumerate(TITLES)}
    files["releases/2024/a.md"] = release("Bilanz der Ausbildung", "2024-03-01", "Neue Wege für alle.")
    make_site(root, files)
    site = load_site(BuildOptions(content_dir=root / "content", output_dir=root / "public",
                                  now_text="2025-06-01T12:00"))
    assert len(site.withheld) == len(TITLES)
    made = leak_scan(site, [o.path for o in plan_outputs(site)])
    assert made.literals is not None and made.parts
    return made


def _pieces() -> list[str]:
    pieces = ["a", " ", "/", "-", ".", "Ä", "\n", "<p>", "&amp;", "https://presse.example.org/", "releases/2030/"]
    for title in TITLES:
        pieces += [title, html.escape(title), json.dumps(title)[1:-1], title.split()[0], title[:-1]]
    slugs = ("uebernahme-der-firma-mueller-soehne", "neue-wege", "zahlen-vorab")
    return pieces + [f"/{slug}/" for slug in slugs] + [f"releases/2030/{slug}/" for slug in slugs]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_pieces()), max_size=12))
def test_narrowed_hits_are_the_whole_regexs(scan: LeakScan, pieces: list[str]) -> None:
    data = "".join(pieces).encode()
    whole = dataclasses.replace(scan, literals=None)  # no shortcut: the whole regex over the whole file
    assert scan.scan("f", data) == whole.scan("f", data)


def test_each_kind_of_hit_is_still_found(scan: LeakScan) -> None:
    data = f'<h1>{html.escape(TITLES[0])}</h1><a href="/releases/2030/zahlen-vorab/">x</a> /neue-wege/'.encode()
    assert [(item.title, kind) for item, _, _, kind in scan.scan("f", data)] == [
        (TITLES[0], "title"), ("Zahlen <vorab>", "url"), ("Neue Wege", "slug")]
