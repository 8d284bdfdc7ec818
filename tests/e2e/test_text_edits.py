"""The dev server's shortcut for text edits (generator/text_edits.py): taken exactly when only what
releases say changed, and then giving the same bytes as a build from scratch, for every kind of edit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from generator import rebuild
from generator.config import BuildOptions
from generator.errors import BuildFailed
from generator.pipeline import STAGES, RenderedSite, index_later, render_site
from generator.rebuild import BuildMemory, render_again
from tests.conftest import LOGO_SVG, make_site, release

NOW = "2026-11-25T12:00:00+01:00"
FILES = {
    "topics.yaml": 'Wirtschaft:\n  slug: wirtschaft\nAußenhandel:\n  slug: aussenhandel\n',
    "releases/2024/a.md": release("Erste Mitteilung", "2024-03-01", "Erster Absatz.\n\n## Mehr\n\n- eins\n- zwei",
                                  topics="[Wirtschaft]", translation="erste"),
    "releases/2024/a-en.md": release("First release", "2024-03-01", "First paragraph.", lang="en",
                                     translation="erste"),
    "releases/2024/b.md": release("Zweite Mitteilung", "2024-04-01", "Zweiter *Text*.",
                                  topics="[Wirtschaft, Außenhandel]", summary='"Kurz gesagt."',
                                  image='{src: media/logo.svg, alt: "Das Logo", caption: "Unser Logo"}'),
    "releases/2025/d.md": release("Vierte Mitteilung", "2025-01-10", "Vierter Absatz.", topics="[Außenhandel]",
                                  slug="vierte"),
    "releases/2025/e.md": release("Fünfte Mitteilung", "2025-02-10", "Fünfter Absatz."),
    "releases/2026/news.md": release("Neueste Mitteilung", "2026-11-24", "Gestern.", topics="[Wirtschaft]",
                                     slug="neueste"),
    "releases/2030/later.md": release("Geheime Sache", "2030-01-01", "Noch geheim."),
    "pages/impressum.md": '---\ntitle: "Impressum"\n---\nTestkammer.\n',
    "media/bild.svg": LOGO_SVG,
}


def options(root: Path, **changes: Any) -> BuildOptions:
    return replace(BuildOptions(content_dir=root / "content", now_text=NOW, jobs=1), **changes)


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # Files written by the test are racily fresh, and so read again on every build (source/reader.py);
    # here they are trusted by their stat at once, as files are in an editing session.
    monkeypatch.setattr("generator.source.reader.RACY_SECONDS", -1)
    root = tmp_path / "site"
    make_site(root, FILES)
    return root


def edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / "content" / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def everything(rendered: RenderedSite) -> dict[str, bytes]:
    return {**rendered.files, **{path: source.read_bytes() for path, source in rendered.copies.items()}}


class Planned:
    """Counts the builds that planned the whole site (the shortcut plans nothing)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls = 0
        real = rebuild.plan_outputs

        def counting(*args: Any) -> Any:
            self.calls += 1
            return real(*args)
        monkeypatch.setattr(rebuild, "plan_outputs", counting)


TEXT_EDITS: dict[str, Callable[[Path], None]] = {
    "a paragraph added": lambda root: edit(root, "releases/2025/d.md", "Vierter Absatz.",
                                           "Vierter Absatz.\n\nNoch ein *Absatz*."),
    "the newest release": lambda root: edit(root, "releases/2025/e.md", "Fünfter Absatz.", "Fünfter Text."),
    "the summary, from the first paragraph": lambda root: edit(root, "releases/2024/a.md", "Erster Absatz.",
                                                               "Ganz neuer erster Absatz."),
    "a release with a summary": lambda root: edit(root, "releases/2024/b.md", "Zweiter *Text*.", "Anderer Text."),
    "a translation": lambda root: edit(root, "releases/2024/a-en.md", "First paragraph.", "A new first paragraph."),
    "two releases": lambda root: (edit(root, "releases/2025/d.md", "Vierter Absatz.", "Vier."),
                                  edit(root, "releases/2024/b.md", "Zweiter *Text*.", "Zwei.")),
    "a summary key": lambda root: edit(root, "releases/2024/b.md", "Kurz gesagt.", "Kürzer."),
    "a withheld release": lambda root: edit(root, "releases/2030/later.md", "Noch geheim.", "Immer noch geheim."),
    "saved unchanged": lambda root: edit(root, "releases/2025/d.md", "Vierter Absatz.", "Vierter Absatz."),
    "an image caption": lambda root: edit(root, "releases/2024/b.md", "Unser Logo", "Das neue Logo"),
    "a title": lambda root: edit(root, "releases/2025/d.md", "Vierte Mitteilung", "Vierte Meldung"),
    "a title in the news sitemap": lambda root: edit(root, "releases/2026/news.md", "Neueste", "Allerneueste"),
    "a subtitle added": lambda root: edit(root, "releases/2025/d.md", "date:", 'subtitle: "Mit Untertitel"\ndate:'),
    "a location and a contact": lambda root: edit(
        root, "releases/2026/news.md", "date:", 'location: Heilbronn\ncontacts: [{name: "Max Muster"}]\ndate:'),
}

OTHER_EDITS: dict[str, Callable[[Path], None]] = {
    "the title of a translated release": lambda root: edit(root, "releases/2024/a.md", "Erste Mitteilung",
                                                            "Erste Meldung"),
    "the title of a withheld release": lambda root: edit(root, "releases/2030/later.md", "Geheime Sache",
                                                         "Geheime Angelegenheit"),
    "a title the URL is made of": lambda root: edit(root, "releases/2025/e.md", "Fünfte Mitteilung", "Fünfte Meldung"),
    "another image": lambda root: edit(root, "releases/2024/b.md", "src: media/logo.svg", "src: media/bild.svg"),
    "a date": lambda root: edit(root, "releases/2025/d.md", "2025-01-10", "2025-01-11"),
    "topics": lambda root: edit(root, "releases/2025/d.md", "[Außenhandel]", "[Wirtschaft]"),
    "a link to a media file": lambda root: edit(root, "releases/2025/d.md", "Vierter Absatz.",
                                                "Vierter [Absatz](/media/logo.svg)."),
    "a withheld title in a published text": lambda root: edit(root, "releases/2025/d.md", "Vierter Absatz.",
                                                              "Bald: Geheime Sache."),
    "a new release": lambda root: (root / "content/releases/2025/f.md").write_text(
        release("Sechste Mitteilung", "2025-03-01", "Neu."), encoding="utf-8"),
    "a page": lambda root: edit(root, "pages/impressum.md", "Testkammer.", "Die Testkammer."),
    "a picture replaced by one of as many bytes but another size": lambda root: edit(
        root, "media/logo.svg", 'viewBox="0 0 10 10"', 'viewBox="0 0 20 10"'),
    "site settings and a text": lambda root: (edit(root, "site.yaml", "per_page: 2", "per_page: 3"),
                                              TEXT_EDITS["a paragraph added"](root)),
}


@pytest.mark.parametrize("change", sorted(TEXT_EDITS))
def test_a_text_edit_takes_the_shortcut_and_equals_a_build_from_scratch(site: Path, change: str,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    memory = BuildMemory()
    before = everything(render_site(options(site), memory=memory))
    planned = Planned(monkeypatch)
    TEXT_EDITS[change](site)
    again = everything(render_site(options(site), memory=memory))
    assert planned.calls == 0, "the shortcut was not taken"
    assert again == everything(render_site(options(site)))
    if change not in ("a withheld release", "saved unchanged"):
        assert again != before
    # A second edit goes from the first one's result.
    with (site / "content/releases/2025/e.md").open("a", encoding="utf-8") as file:
        file.write("\nEin Nachtrag.\n")
    assert everything(render_site(options(site), memory=memory)) == everything(render_site(options(site)))
    assert planned.calls == 0


@pytest.mark.parametrize("change", sorted(OTHER_EDITS))
def test_any_other_edit_builds_in_full(site: Path, change: str, monkeypatch: pytest.MonkeyPatch) -> None:
    memory = BuildMemory()
    before = everything(render_site(options(site), memory=memory))
    planned = Planned(monkeypatch)
    OTHER_EDITS[change](site)
    again = everything(render_site(options(site), memory=memory))
    assert planned.calls == 1
    assert again == everything(render_site(options(site)))
    assert (again != before) is (change != "the title of a withheld release")


def test_a_text_edit_in_a_preview_equals_a_preview_from_scratch(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    memory = BuildMemory()
    render_site(options(site, preview=True), memory=memory)
    planned = Planned(monkeypatch)
    edit(site, "releases/2030/later.md", "Noch geheim.", "Bald öffentlich.")
    again = everything(render_site(options(site, preview=True), memory=memory))
    assert planned.calls == 0
    assert again == everything(render_site(options(site, preview=True)))
    assert b"Bald \xc3\xb6ffentlich." in again["releases/2030/geheime-sache/index.html"]


def test_other_options_or_a_later_now_build_in_full(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    memory = BuildMemory()
    render_site(options(site), memory=memory)
    planned = Planned(monkeypatch)
    TEXT_EDITS["a paragraph added"](site)
    render_site(options(site, base_url="http://localhost:8000/"), memory=memory)
    assert planned.calls == 1
    # A build whose now is past the next embargo: the withheld release is published.
    edit(site, "releases/2025/d.md", "Noch ein *Absatz*.", "Noch ein Absatz.")
    later = datetime.fromisoformat("2030-06-01T12:00:00+02:00")
    monkeypatch.setattr("generator.pipeline.resolve_now", lambda *_: later)
    _, files, _, _ = render_again(options(site, base_url="http://localhost:8000/"), memory,
                                  replace(STAGES, now=lambda *_: later), lambda _: None)
    assert planned.calls == 2
    assert "releases/2030/geheime-sache/index.html" in files


def test_a_failed_build_keeps_the_shape_of_the_last_good_one(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    memory = BuildMemory()
    render_site(options(site), memory=memory)
    edit(site, "releases/2025/d.md", "date: 2025-01-10", "date: 10.01.2025")
    with pytest.raises(BuildFailed):
        render_site(options(site), memory=memory)
    planned = Planned(monkeypatch)
    edit(site, "releases/2025/d.md", "date: 10.01.2025", "date: 2025-01-10")
    edit(site, "releases/2025/d.md", "Vierter Absatz.", "Neu.")
    again = everything(render_site(options(site), memory=memory))
    assert planned.calls == 0, "a text edit against the last good build"
    assert again == everything(render_site(options(site)))


def test_a_text_edit_that_leaks_is_refused(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A withheld release's URL in a text is a leak: the shortcut leaves it to a full build, which refuses it
    with the same errors as a build from scratch."""
    memory = BuildMemory()
    render_site(options(site), memory=memory)
    edit(site, "releases/2025/d.md", "Vierter Absatz.", "Siehe /releases/2030/geheime-sache/ bald.")
    with pytest.raises(BuildFailed) as failed:
        render_site(options(site), memory=memory)
    with pytest.raises(BuildFailed) as expected:
        render_site(options(site))
    assert [str(e) for e in failed.value.errors] == [str(e) for e in expected.value.errors]


def test_with_a_search_index_served_a_text_edit_makes_no_leak_scan_and_equals_a_build_from_scratch(
        site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As in the dev server: the index follows each build; the leak scan it passed serves the next edit."""
    memory = BuildMemory()
    first = render_site(options(site), memory=memory, search_later=True)
    assert first.pending_search is not None
    memory.use_search(index_later(first.pending_search))
    planned, scans = Planned(monkeypatch), []
    real_scan = rebuild.leak_scan
    monkeypatch.setattr(rebuild, "leak_scan", lambda *args: scans.append(1) or real_scan(*args))
    TEXT_EDITS["a paragraph added"](site)
    again = render_site(options(site), memory=memory, search_later=True)
    assert (planned.calls, scans) == (0, [])
    scratch = everything(render_site(options(site)))
    served = everything(again)
    assert {p: d for p, d in served.items() if not p.startswith("pagefind/")} == \
        {p: d for p, d in scratch.items() if not p.startswith("pagefind/")}
    assert again.pending_search is not None
    memory.use_search(index_later(again.pending_search))
    assert memory.search is not None
    assert memory.search.files == {p: d for p, d in scratch.items() if p.startswith("pagefind/")}
