"""Incremental builds equal clean builds byte for byte, whatever the cache and the number of worker
processes; the cache is invalidated by every kind of input; a failed build leaves the output as it was."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

import generator
from generator import parallel
from generator.config import BuildOptions
from generator.errors import BuildFailed
from generator.output.cache import search_folder
from generator.pipeline import BuildResult, RenderedSite, build, index_later, render_site
from generator.rebuild import BuildMemory
from generator.render import search
from tests.conftest import make_site, release, run_cli, tree_bytes

NOW = "2026-11-25T12:00:00+01:00"
TOPICS_YAML = 'Wirtschaft:\n  slug: wirtschaft\n  description: "Alles zur Wirtschaft."\n' \
              'Außenhandel:\n  slug: aussenhandel\n'
FILES = {
    "topics.yaml": TOPICS_YAML,
    "releases/2024/a.md": release("Erste Mitteilung", "2024-03-01", "Erster Absatz.\n\n## Mehr\n\n- eins\n- zwei",
                                  topics="[Wirtschaft]"),
    "releases/2024/b.md": release("Zweite Mitteilung", "2024-04-01", "Zweiter *Text*.",
                                  topics="[Wirtschaft, Außenhandel]"),
    "releases/2024/c.md": release("Third release", "2024-05-01", "Third body.", lang="en", topics="[Außenhandel]"),
    "releases/2025/d.md": release("Vierte Mitteilung", "2025-01-10", "Vierter Absatz.", topics="[Außenhandel]"),
    "releases/2030/later.md": release("Spätere Mitteilung", "2030-01-01", "Noch geheim."),
    "pages/impressum.md": '---\ntitle: "Impressum"\n---\nTestkammer.\n',
}


def options(root: Path, output: Path, jobs: int = 1) -> BuildOptions:
    templates, static = root / "theme-templates", root / "theme-static"
    return BuildOptions(content_dir=root / "content", output_dir=output, now_text=NOW, jobs=jobs,
                        templates_dir=templates if templates.is_dir() else None,
                        static_dir=static if static.is_dir() else None)


def clean_tree(root: Path, tmp: Path) -> dict[str, bytes]:
    """The output of a clean build (fresh output folder, fresh cache) of the same inputs."""
    folder = tmp / "clean"
    shutil.rmtree(folder, ignore_errors=True)
    build(options(root, folder / "public"))
    return tree_bytes(folder / "public")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    make_site(root, FILES)
    return root


def rendered_counts(root: Path) -> tuple[BuildResult, tuple[int, int]]:
    """Build, and return how many outputs were rendered of how many planned."""
    said: list[str] = []
    result = build(options(root, root / "public"), said.append)
    words = next(line for line in said if line.startswith("rendering ")).split()
    return result, (int(words[1]), int(words[3]))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_rebuild_with_nothing_changed_renders_and_writes_nothing(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the shortcut (tests/e2e/test_shortcut.py), as when a file was saved again unchanged."""
    monkeypatch.setattr("generator.incremental._unchanged", lambda *_: None)
    build(options(site, site / "public"))
    before = {p: p.stat().st_mtime_ns for p in (site / "public").rglob("*") if p.is_file()}
    result, (rendered, _) = rendered_counts(site)
    assert result.files_written == 0
    assert rendered == 0
    assert {p: p.stat().st_mtime_ns for p in (site / "public").rglob("*") if p.is_file()} == before


CHANGES: dict[str, Callable[[Path], None]] = {
    "release body": lambda root: edit(root / "content/releases/2024/b.md", "Zweiter *Text*.", "Neuer **Text**."),
    "release title": lambda root: edit(root / "content/releases/2024/a.md", "Erste Mitteilung", "Erste Meldung"),
    "release date": lambda root: edit(root / "content/releases/2024/a.md", "2024-03-01", "2025-06-01"),
    "release topics": lambda root: edit(root / "content/releases/2025/d.md", "[Außenhandel]", "[Wirtschaft]"),
    "release removed": lambda root: (root / "content/releases/2024/c.md").unlink(),
    "release added": lambda root: (root / "content/releases/2025/e.md").write_text(
        release("Fünfte Mitteilung", "2025-02-02", "Neu."), encoding="utf-8"),
    "release drafted": lambda root: edit(root / "content/releases/2024/b.md", "date:", "draft: true\ndate:"),
    "contacts": lambda root: edit(root / "content/contacts.yaml", "Dr. Erika Beispiel", "Dr. Erika Muster"),
    "topics": lambda root: edit(root / "content/topics.yaml", "Alles zur Wirtschaft.", "Neues zur Wirtschaft."),
    "site settings": lambda root: edit(root / "content/site.yaml", "per_page: 2", "per_page: 3"),
    "media": lambda root: (root / "content/media/logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>\n"),
    "templates": lambda root: _override(root / "theme-templates", "robots.txt", "User-agent: *\nAllow: /\n"),
    "static files": lambda root: _override(root / "theme-static", "style.css", "body { color: #123; }\n"),
}


def _override(folder: Path, name: str, text: str) -> None:
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_an_incremental_build_equals_a_clean_build(site: Path, tmp_path: Path, change: str) -> None:
    build(options(site, site / "public"))
    before = tree_bytes(site / "public")
    CHANGES[change](site)
    build(options(site, site / "public"))
    after = tree_bytes(site / "public")
    assert after == clean_tree(site, tmp_path)
    assert after != before, "the change must show in the output"


def test_the_version_of_pressroom_invalidates_the_cache(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build(options(site, site / "public"))
    monkeypatch.setattr(generator, "__version__", "99.0.0")
    result, (rendered, planned) = rendered_counts(site)
    assert rendered == planned  # everything rendered again (to the same bytes)
    assert result.files_written == 0


def test_a_new_pressroom_makes_the_search_index_again_though_the_pages_are_the_same(
        site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An upgrade may index the same pages otherwise (here: Pagefind leaves out the paragraphs)."""
    build(options(site, site / "public"))
    monkeypatch.setattr(generator, "__version__", "99.0.0")
    monkeypatch.setattr(search, "EXCLUDED_SELECTORS", (*search.EXCLUDED_SELECTORS, "p"))
    build(options(site, site / "public"))
    assert tree_bytes(site / "public") == clean_tree(site, tmp_path)


def test_output_is_the_same_whatever_the_jobs_and_the_cache(site: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "MIN_PARALLEL", 0)  # use worker processes even for a small site
    monkeypatch.setattr(parallel, "CHUNK", 3)
    build(options(site, tmp_path / "two" / "public", jobs=2))
    build(options(site, tmp_path / "one" / "public", jobs=1))
    assert tree_bytes(tmp_path / "two" / "public") == tree_bytes(tmp_path / "one" / "public")
    shutil.rmtree(tmp_path / "two" / ".pressroom-cache")
    CHANGES["release body"](site)
    build(options(site, tmp_path / "two" / "public", jobs=2))  # no cache, previous output present
    build(options(site, tmp_path / "one" / "public", jobs=1))  # cache and previous output
    assert tree_bytes(tmp_path / "two" / "public") == tree_bytes(tmp_path / "one" / "public")


def test_a_failed_incremental_build_leaves_the_output_as_it_was(site: Path) -> None:
    build(options(site, site / "public"))
    before = tree_bytes(site / "public")
    CHANGES["release body"](site)
    edit(site / "content/releases/2024/a.md", "date: 2024-03-01", "date: 01.03.2024")
    with pytest.raises(BuildFailed):
        build(options(site, site / "public"))
    assert tree_bytes(site / "public") == before
    edit(site / "content/releases/2024/a.md", "date: 01.03.2024", "date: 2024-03-01")
    build(options(site, site / "public"))
    assert tree_bytes(site / "public") != before


def test_files_changed_by_hand_in_the_output_are_restored(site: Path, tmp_path: Path) -> None:
    build(options(site, site / "public"))
    (site / "public" / "index.html").write_text("vandalised", encoding="utf-8")
    (site / "public" / "robots.txt").unlink()
    build(options(site, site / "public"))
    assert tree_bytes(site / "public") == clean_tree(site, tmp_path)


def test_a_build_killed_while_writing_is_followed_by_a_full_one(site: Path, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    build(options(site, site / "public"))
    CHANGES["release title"](site)

    def killed(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("generator.incremental.apply_staging", killed)
    with pytest.raises(KeyboardInterrupt):
        build(options(site, site / "public"))
    monkeypatch.undo()
    _, (rendered, planned) = rendered_counts(site)
    assert rendered == planned
    assert tree_bytes(site / "public") == clean_tree(site, tmp_path)


def _in_memory(rendered: RenderedSite) -> dict[str, bytes]:
    return {**rendered.files, **{path: source.read_bytes() for path, source in rendered.copies.items()}}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_the_dev_servers_rebuild_equals_render_site(site: Path, change: str) -> None:
    memory = BuildMemory()
    first = render_site(options(site, site / "public"), memory=memory)
    assert _in_memory(first) == _in_memory(render_site(options(site, site / "public")))
    CHANGES[change](site)
    said: list[str] = []
    again = render_site(options(site, site / "public"), said.append, memory=memory)
    assert _in_memory(again) == _in_memory(render_site(options(site, site / "public")))
    rendered, planned = (int(word) for word in said[0].split()[1:4:2])
    assert rendered < planned or change in ("site settings", "templates", "static files")


def test_the_dev_servers_rebuild_after_a_failed_one(site: Path) -> None:
    memory = BuildMemory()
    render_site(options(site, site / "public"), memory=memory)
    edit(site / "content/releases/2024/a.md", "date: 2024-03-01", "date: 01.03.2024")
    with pytest.raises(BuildFailed):
        render_site(options(site, site / "public"), memory=memory)
    edit(site / "content/releases/2024/a.md", "date: 01.03.2024", "date: 2025-03-01")
    again = render_site(options(site, site / "public"), memory=memory)
    assert _in_memory(again) == _in_memory(render_site(options(site, site / "public")))


def _search_later(site: Path, memory: BuildMemory) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """What the dev server serves first (the pages, with the last search index or none), and once
    the pending index is made."""
    rendered = render_site(options(site, site / "public"), memory=memory, search_later=True)
    first = _in_memory(rendered)
    if rendered.pending_search is None:
        return first, first
    search = memory.search = index_later(rendered.pending_search)
    return first, {**{p: d for p, d in first.items() if not p.startswith("pagefind/")}, **search.files}


def _bundle(files: dict[str, bytes]) -> dict[str, bytes]:
    return {path: data for path, data in files.items() if path.startswith("pagefind/")}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_a_search_index_left_for_later_completes_the_site_render_site_makes(site: Path, change: str) -> None:
    memory = BuildMemory()
    _, served = _search_later(site, memory)
    assert served == _in_memory(render_site(options(site, site / "public")))
    CHANGES[change](site)
    _, served = _search_later(site, memory)
    assert served == _in_memory(render_site(options(site, site / "public")))


def test_while_the_index_is_pending_the_last_one_is_served_unless_a_release_was_withheld(site: Path) -> None:
    memory = BuildMemory()
    _, served = _search_later(site, memory)
    last_bundle = _bundle(served)
    assert "pagefind/pagefind.js" in last_bundle
    CHANGES["release body"](site)
    pages_first, served = _search_later(site, memory)
    assert _bundle(pages_first) == last_bundle  # the pages are new, the index is the last one
    assert b"Neuer <strong>Text</strong>" in pages_first["releases/2024/zweite-mitteilung/index.html"]
    assert _bundle(served) != last_bundle
    CHANGES["release drafted"](site)  # the last index holds the release that is withheld now
    pages_first, served = _search_later(site, memory)
    assert _bundle(pages_first) == {}
    assert "releases/2024/zweite-mitteilung/index.html" not in pages_first
    assert _bundle(served) == _bundle(_in_memory(render_site(options(site, site / "public"))))


@pytest.fixture
def pagefind_runs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The folders Pagefind is run on, as they come ("pages-de", …)."""
    runs: list[str] = []
    real = search._run_pagefind

    def counted(binary: Path, pages: Path, bundle: Path, cancel: object) -> object:
        runs.append(pages.name)
        return real(binary, pages, bundle, cancel)  # type: ignore[arg-type]

    monkeypatch.setattr(search, "_run_pagefind", counted)
    return runs


def test_the_search_index_is_made_again_only_for_the_languages_whose_pages_changed(
        site: Path, tmp_path: Path, pagefind_runs: list[str]) -> None:
    build(options(site, site / "public"))
    assert pagefind_runs == ["pages-de", "pages-en"]
    for source, old, new, language in (("releases/2024/c.md", "Third body.", "Third body, edited.", "en"),
                                       ("releases/2024/a.md", "Erster Absatz.", "Erster Absatz, neu.", "de")):
        pagefind_runs.clear()
        edit(site / "content" / source, old, new)
        build(options(site, site / "public"))
        assert pagefind_runs == [f"pages-{language}"]
        assert tree_bytes(site / "public") == clean_tree(site, tmp_path)
    pagefind_runs.clear()
    edit(site / "content/pages/impressum.md", "Testkammer.", "Die Testkammer.")  # no release page changed
    build(options(site, site / "public"))
    assert pagefind_runs == []


@pytest.mark.parametrize("damage", ["file changed", "file removed", "file added", "key removed"])
def test_a_damaged_kept_search_index_is_made_again(site: Path, tmp_path: Path, pagefind_runs: list[str],
                                                   damage: str) -> None:
    build(options(site, site / "public"))
    kept = search_folder(site / "public") / "index" / "en"
    fragment = next((kept / "bundle" / "fragment").iterdir())
    {"file changed": lambda: fragment.write_bytes(fragment.read_bytes()[:-1]),
     "file removed": fragment.unlink,
     "file added": lambda: (kept / "bundle" / "fragment" / "en_0.pf_fragment").write_bytes(b""),
     "key removed": (kept / "key").unlink}[damage]()
    pagefind_runs.clear()
    edit(site / "content/releases/2024/a.md", "Erster Absatz.", "Erster Absatz, neu.")
    build(options(site, site / "public"))
    assert pagefind_runs == ["pages-de", "pages-en"]
    assert tree_bytes(site / "public") == clean_tree(site, tmp_path)


def test_the_kept_search_pages_and_index_of_a_language_gone_are_removed(site: Path, tmp_path: Path) -> None:
    build(options(site, site / "public"))
    kept = search_folder(site / "public")
    assert sorted(path.name for path in kept.iterdir()) == ["index", "pages-de", "pages-en"]
    (site / "content/releases/2024/c.md").unlink()
    build(options(site, site / "public"))
    assert sorted(path.relative_to(kept).as_posix() for path in kept.glob("*/")) == ["index", "pages-de"]
    assert [path.name for path in (kept / "index").iterdir()] == ["de"]
    assert tree_bytes(site / "public") == clean_tree(site, tmp_path)


def test_a_build_of_the_same_broken_content_again_reports_the_same_errors(site: Path) -> None:
    """The cache keeps parse errors too; the second build reads them back (a frozen SourceError could
    not be unpickled: a traceback, every 15 minutes from cron)."""
    edit(site / "content/releases/2024/a.md", "topics: [Wirtschaft]", "topics: [Wirtschaft, Bauwesen]")
    first = run_cli("build", "--content", site / "content", "--output", site / "public", "--now", NOW)
    again = run_cli("build", "--content", site / "content", "--output", site / "public", "--now", NOW)
    assert first.status == again.status == 1
    assert again.err == first.err
    assert first.error_lines == [f"{site / 'content/releases/2024/a.md'}:4: topics: 'Bauwesen' is not in "
                                 "topics.yaml — add it to topics.yaml, or use one listed there", "1 error"]


@pytest.mark.parametrize("how", ["moved over it", "written in place"])
def test_a_copied_file_replaced_with_the_same_size_and_mtime_is_copied_again(site: Path, tmp_path: Path,
                                                                            how: str) -> None:
    """As `cp -p`, `rsync -t` or an unzip leave it: the same size and modification time, other bytes."""
    media = site / "content/media/bericht.txt"
    media.write_bytes(b"version-AAAA")
    os.utime(media, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    build(options(site, site / "public"))
    if how == "moved over it":
        (site / "new.txt").write_bytes(b"version-BBBB")
        os.utime(site / "new.txt", ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
        os.replace(site / "new.txt", media)
    else:
        media.write_bytes(b"version-BBBB")
        os.utime(media, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    build(options(site, site / "public"))
    assert (site / "public/media/bericht.txt").read_bytes() == b"version-BBBB"
    assert tree_bytes(site / "public") == clean_tree(site, tmp_path)


@pytest.mark.parametrize("change", ["nothing else", "a release"])
def test_files_put_into_the_output_by_hand_go_with_the_next_build(site: Path, tmp_path: Path, change: str) -> None:
    """A build replaces the output whole: no file stays that the build did not write."""
    build(options(site, site / "public"))
    (site / "public/releases/stray.txt").write_text("von Hand", "utf-8")
    (site / "public/releases/2024/alt").mkdir()
    (site / "public/releases/2024/alt/index.html").write_text("<p>alt</p>", "utf-8")
    if change == "a release":
        edit(site / "content/releases/2024/a.md", "Erster Absatz.", "Ein neuer erster Absatz.")
    build(options(site, site / "public"))
    assert tree_bytes(site / "public") == clean_tree(site, tmp_path)
    assert not (site / "public/releases/2024/alt").exists()
    build(options(site, site / "public"))  # and the spare the next build starts from has none either
    edit(site / "content/releases/2024/b.md", "Zweiter *Text*.", "Zweiter Text, neu.")
    build(options(site, site / "public"))
    assert tree_bytes(site / "public") == clean_tree(site, tmp_path)


def _png(width: int, height: int) -> bytes:
    """The head of a PNG file: what a reader of its size looks at."""
    return (b"\x89PNG\r\n\x1a\n" + (13).to_bytes(4, "big") + b"IHDR" + width.to_bytes(4, "big")
            + height.to_bytes(4, "big") + b"\x08\x02\x00\x00\x00" + b"\x00" * 4)


def test_a_release_image_has_its_size_and_a_new_picture_under_the_same_name_changes_it(site: Path,
                                                                                       tmp_path: Path) -> None:
    """width and height on <img> keep the text from jumping when the picture arrives; they come from
    the file, so the cache must not keep the old ones when the picture is replaced."""
    (site / "content/media/foto.png").write_bytes(_png(800, 450))
    edit(site / "content/releases/2024/a.md", "topics: [Wirtschaft]",
         'topics: [Wirtschaft]\nimage: {src: media/foto.png, alt: "Ein Foto"}')
    page = site / "public/releases/2024/erste-mitteilung/index.html"
    build(options(site, site / "public"))
    assert '<img src="/media/foto.png" alt="Ein Foto" width="800" height="450">' in page.read_text("utf-8")
    (site / "content/media/foto.png").write_bytes(_png(600, 600))
    build(options(site, site / "public"))
    assert '<img src="/media/foto.png" alt="Ein Foto" width="600" height="600">' in page.read_text("utf-8")
    assert tree_bytes(site / "public") == clean_tree(site, tmp_path)
    (site / "content/media/foto.png").write_bytes(b"not a picture")  # no size: no width and height
    build(options(site, site / "public"))
    assert '<img src="/media/foto.png" alt="Ein Foto">' in page.read_text("utf-8")


def test_pictures_in_the_text_get_their_size_too_unless_they_give_one(site: Path) -> None:
    (site / "content/media/karte.png").write_bytes(_png(320, 200))
    (site / "content/pages/impressum.md").write_text('---\ntitle: "Impressum"\n---\n![Haus](/media/karte.png)\n',
                                                      "utf-8")
    edit(site / "content/releases/2024/a.md", "Erster Absatz.",
         'Erster Absatz.\n\n![Karte](/media/karte.png "Die Region") ![Klein](media/karte.png){: width="100" }\n\n'
         "![Logo](/media/logo.svg)")
    build(options(site, site / "public"))
    html = (site / "public/releases/2024/erste-mitteilung/index.html").read_text("utf-8")
    assert '<img alt="Karte" src="/media/karte.png" title="Die Region" width="320" height="200">' in html
    assert '<img alt="Klein" src="/media/karte.png" width="100">' in html
    assert '<img alt="Logo" src="/media/logo.svg" width="10" height="10">' in html
    page = (site / "public/impressum/index.html").read_text("utf-8")  # pages' pictures too
    assert '<img alt="Haus" src="/media/karte.png" width="320" height="200">' in page
