"""Search: a Pagefind index of every published release in every language and of nothing else, with
topic and year filters, byte-identical from build to build, read by the leak scan; a search page per
language that loads only this site's files and lists the archives for readers without JavaScript."""

from __future__ import annotations

import gzip
import json
import random
import re
import shutil
from pathlib import Path

import pytest

import generator.pipeline
import generator.render.search
from generator.render.pagefind_order import SIGNATURE, decode, encode, settle_bundle
from tests.conftest import fake_pagefind, release, run_cli, tree_bytes
from tests.e2e.fixture_build import FIXTURE_NOW, FIXTURE_SITE, build_fixture
from tests.publishing.conftest import PUBLISHED_TITLES, build, search_fragments

UI_FILES = ("pagefind/pagefind-ui.js", "pagefind/pagefind-ui.css", "pagefind/pagefind.js",
            "pagefind/pagefind-entry.json")


def test_the_index_holds_every_published_release_in_every_language(published: Path) -> None:
    records = search_fragments(published)
    urls = sorted(record["url"] for record in records)
    assert urls == sorted("/" + page.removesuffix("index.html") for page in PUBLISHED_TITLES)
    assert sorted(record["meta"]["title"] for record in records) == sorted(PUBLISHED_TITLES.values())
    entry = json.loads((published / "pagefind/pagefind-entry.json").read_text("utf-8"))
    assert {lang: value["page_count"] for lang, value in entry["languages"].items()} == {"de": 3, "en": 1}


def test_filters_by_topic_and_year(published: Path) -> None:
    filters = {record["url"]: record["filters"] for record in search_fragments(published)}
    assert filters == {  # filter names in the language of the index: the interface shows them
        "/releases/2023/neue-organisation-mehr-kooperationen/": {
            "Thema": ["Wirtschaftsförderung", "Außenwirtschaft"], "Jahr": ["2023"]},
        "/releases/2024/mehr-ausbildungsvertraege-bessere-quoten/": {"Thema": ["Ausbildung"], "Jahr": ["2024"]},
        "/releases/2024/exporteure-optimistisch/": {"Thema": ["Außenwirtschaft"], "Jahr": ["2024"]},
        "/en/releases/2023/new-organisation-more-cooperation/": {"Topic": ["Wirtschaftsförderung"],
                                                                 "Year": ["2023"]},
    }


def test_only_the_release_text_is_indexed(published: Path) -> None:
    record = next(r for r in search_fragments(published) if r["url"].endswith("bessere-quoten/"))
    assert "Die Zahl der Ausbildungsverträge steigt." in record["content"]
    assert "Dr. Erika Beispiel" in record["content"]  # contacts can be searched
    for noise in ("Die Fixture-Kammer vertritt", "Zum Inhalt springen", "Diese Pressemitteilung online",
                  "Kontakt speichern"):
        assert noise not in record["content"]


def test_nothing_unpublished_is_in_any_index_file(published: Path) -> None:
    for path in sorted((published / "pagefind").rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            text = (gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data).decode("utf-8", "replace")
            for needle in ("Sperrfrist", "sperrfrist-geheim", "Entwurf", "unfertiger-entwurf"):
                assert needle not in text, f"{needle} in {path}"


def test_the_search_interface_comes_from_this_site(published: Path) -> None:
    for name in UI_FILES:
        assert (published / name).is_file(), name
    page = (published / "search/index.html").read_text("utf-8")
    scripts = re.findall(r'<script src="([^"]+)"', page) + re.findall(r'<link rel="stylesheet" href="([^"]+)"', page)
    assert {"/pagefind/pagefind-ui.js", "/search/search.js", "/pagefind/pagefind-ui.css"} <= set(scripts)
    assert all(url.startswith("/") and not url.startswith("//") for url in scripts), scripts
    script = (published / "search/search.js").read_text("utf-8")
    assert 'baseUrl: "/"' in script and 'bundlePath: "/pagefind/"' in script


def test_without_javascript_the_search_page_links_to_the_archives(published: Path) -> None:
    page = (published / "search/index.html").read_text("utf-8")
    assert "<noscript><p class=\"search-noscript\">Die Volltextsuche braucht JavaScript." in page
    for link in ("/releases/2024/", "/releases/2023/", "/topics/ausbildung/", "/topics/aussenwirtschaft/",
                 "/topics/wirtschaftsfoerderung/"):
        assert f'href="{link}"' in page
        assert (published / link.lstrip("/") / "index.html").is_file()
    english = (published / "en/search/index.html").read_text("utf-8")
    assert '<html lang="en">' in english and 'href="/en/releases/2023/"' in english
    assert "Full-text search needs JavaScript." in english


def test_every_page_links_to_the_search_of_its_language(published: Path) -> None:
    assert '<a href="/search/">Suche</a>' in (published / "index.html").read_text("utf-8")
    assert '<a href="/en/search/">Search</a>' in (published / "en/index.html").read_text("utf-8")
    assert 'aria-current="page">Suche</a>' in (published / "search/index.html").read_text("utf-8")


def test_search_under_a_sub_path(tmp_path: Path) -> None:
    output = build_fixture(tmp_path / "sub", "--base-url", "https://example.org/presse/")
    script = (output / "search/search.js").read_text("utf-8")
    assert 'baseUrl: "/presse/"' in script and 'bundlePath: "/presse/pagefind/"' in script
    assert '<script src="/presse/pagefind/pagefind-ui.js" defer>' in (output / "search/index.html").read_text("utf-8")


def test_the_index_is_byte_identical_from_build_to_build(tmp_path: Path, published: Path) -> None:
    again = build_fixture(tmp_path / "again")
    first = {p: d for p, d in tree_bytes(published).items() if p.startswith("pagefind/")}
    assert len(first) > 10
    assert first == {p: d for p, d in tree_bytes(again).items() if p.startswith("pagefind/")}


def test_a_site_without_releases_has_a_search_page_without_index(tmp_path: Path) -> None:
    output, _, _ = build(tmp_path, {"pages/impressum.md": "---\ntitle: Impressum\n---\nText.\n"})
    assert not (output / "pagefind").exists()
    page = (output / "search/index.html").read_text("utf-8")
    assert "pagefind" not in page and "Noch keine Pressemitteilungen." in page


def test_the_leak_scan_reads_inside_the_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Should a withheld title ever reach the (compressed) index, the build stops and writes nothing."""
    real = generator.render.search.index_releases

    def leaky(site, files, on_disk=None):  # type: ignore[no-untyped-def]
        bundle, errors = real(site, files, on_disk)
        packed = gzip.compress(SIGNATURE + b'{"url":"/x/","content":"Geheime Zukunftsmeldung"}')
        return {**bundle, "pagefind/fragment/de_0000000.pf_fragment": packed}, errors

    monkeypatch.setattr(generator.pipeline, "index_releases", leaky)
    output, _, err = build(tmp_path, {"releases/a.md": release("Alte Meldung", date="2024-01-01"),
                                      "releases/b.md": release("Geheime Zukunftsmeldung", date="2030-01-01")},
                           expect=1)
    assert "would leak into pagefind/fragment/de_0000000.pf_fragment (unpacked)" in err
    assert not output.exists()


def test_a_missing_pagefind_program_is_one_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(generator.render.search, "find_pagefind", lambda: None)
    _, _, err = build(tmp_path, {"releases/a.md": release("Eine Meldung")}, expect=1)
    assert err.splitlines() == ["pagefind: the search index needs the pagefind program, which is missing — "
                                "install Pressroom again with its dependencies: pip install -e .", "1 error"]



def test_a_pagefind_that_writes_no_index_is_one_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never a site whose search finds nothing: Pagefind ending well without an index fails the build."""
    fake_pagefind(monkeypatch, tmp_path, "exit 0\n")
    output, _, err = build(tmp_path, {"releases/a.md": release("Eine Meldung")}, expect=1)
    [problem, summary] = err.splitlines()
    assert problem.startswith("pagefind: the search index could not be built: Pagefind wrote no index to /")
    assert summary == "1 error"
    assert not output.exists()


def test_a_pagefind_stopped_by_ctrl_c_stops_the_build_without_an_error(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """A terminal's Ctrl-C reaches every program the build started, Pagefind maybe before Pressroom: that is
    a stop (exit 130), not a broken installation."""
    fake_pagefind(monkeypatch, tmp_path, "kill -INT $$\nsleep 5\n")
    output, out, err = build(tmp_path, {"releases/a.md": release("Eine Meldung")}, expect=130)
    assert (out, err) == ("", "stopped\n")
    assert not output.exists()


def test_relative_folders_get_the_search_index_too(tmp_path: Path) -> None:
    """`build.py build` with its defaults (content/ to public/, relative to where it runs), and again
    after an edit: Pagefind runs in a folder of its own, so it must be given absolute folders."""
    shutil.copytree(FIXTURE_SITE, tmp_path / "content")
    for addition in ("", "\nEin Nachtrag zum Export.\n"):
        with (tmp_path / "content/releases/2024/2024-05-01-export.md").open("a", encoding="utf-8") as file:
            file.write(addition)
        result = run_cli("build", "--now", FIXTURE_NOW, cwd=tmp_path)
        assert result.status == 0, result.err
        entry = json.loads((tmp_path / "public/pagefind/pagefind-entry.json").read_text("utf-8"))
        assert {lang: value["page_count"] for lang, value in entry["languages"].items()} == {"de": 3, "en": 1}
    assert any("Ein Nachtrag zum Export." in record["content"] for record in search_fragments(tmp_path / "public"))


# --- pagefind_order: a fixed order for what Pagefind writes in hash-map order ----------------------

def _packed(item: object) -> bytes:
    return gzip.compress(SIGNATURE + encode(item), mtime=0)


def _bundle(values: list[list[object]], filters: list[list[str]]) -> dict[str, bytes]:
    return {
        "pagefind/filter/de_1111111.pf_filter": _packed(["topic", values]),
        "pagefind/pagefind.de_2222222222.pf_meta": _packed(["1.5.2", [["de_3333333", 10]], [], filters, [], ["title"]]),
        "pagefind/pagefind-entry.json": json.dumps({"version": "1.5.2", "languages": {
            "de": {"hash": "de_2222222222", "wasm": "de", "page_count": 1}}}).encode(),
    }


def test_settle_bundle_gives_one_result_for_any_hash_map_order() -> None:
    values: list[list[object]] = [["Ausbildung", [1]], ["Außenwirtschaft", [0, 2]], ["Zölle", [3]]]
    results = set()
    for seed in range(6):
        shuffled = values[:]
        random.Random(seed).shuffle(shuffled)
        settled = settle_bundle(_bundle(shuffled, [["topic", "de_1111111"]]))
        results.add(tuple(sorted(settled.items())))
    assert len(results) == 1
    settled = dict(next(iter(results)))
    [filter_path] = [p for p in settled if p.endswith(".pf_filter")]
    [meta_path] = [p for p in settled if p.endswith(".pf_meta")]
    meta, _ = decode(gzip.decompress(settled[meta_path])[len(SIGNATURE):])
    assert meta[3] == [["topic", filter_path.split("/")[-1].removesuffix(".pf_filter")]]
    entry = json.loads(settled["pagefind/pagefind-entry.json"])
    assert meta_path == f"pagefind/pagefind.{entry['languages']['de']['hash']}.pf_meta"
    stored, _ = decode(gzip.decompress(settled[filter_path])[len(SIGNATURE):])
    assert stored == ["topic", sorted(values, key=lambda v: str(v[0]))]


def test_settle_bundle_leaves_an_unknown_format_alone() -> None:
    bundle = _bundle([["Ausbildung", [1]]], [["topic", "de_1111111"]])
    bundle["pagefind/filter/de_1111111.pf_filter"] = gzip.compress(SIGNATURE + b"\xbf\xff")  # indefinite map
    assert settle_bundle(bundle) == bundle


def test_one_run_per_language_gives_the_index_of_one_run_over_all_pages(tmp_path: Path, published: Path) -> None:
    """Pagefind runs once per language and the bundles are merged (render/search.py): that is the
    bundle a single run over every release page writes, byte for byte once settled."""
    pages = tmp_path / "pages"
    for record in search_fragments(published):
        target = pages / record["url"].lstrip("/") / "index.html"
        target.parent.mkdir(parents=True)
        target.write_bytes((published / record["url"].lstrip("/") / "index.html").read_bytes())
    binary = generator.render.search.find_pagefind()
    assert binary is not None
    assert generator.render.search._run_pagefind(binary, pages, tmp_path / "bundle", None) is None
    single = settle_bundle({f"pagefind/{file.relative_to(tmp_path / 'bundle').as_posix()}": file.read_bytes()
                            for file in sorted((tmp_path / "bundle").rglob("*")) if file.is_file()})
    merged = {p: d for p, d in tree_bytes(published).items() if p.startswith("pagefind/")}
    assert sorted(json.loads(merged["pagefind/pagefind-entry.json"])["languages"]) == ["de", "en"]
    assert single == merged
