"""The shortcut of a rebuild in which nothing changed (output/stamps.py): taken when no input, option,
output file or clock-driven change says otherwise, and never when one does."""

from __future__ import annotations

import json
import os
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

import generator
from generator import pipeline
from generator.config import BuildOptions
from generator.incremental import NOTHING_CHANGED
from generator.output import stamps
from generator.pipeline import BuildResult, build
from tests.conftest import make_site, release, run_cli, tree_bytes
from tests.e2e.test_incremental import CHANGES, FILES, clean_tree, options


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The incremental tests' site, with files that count as old at once (no racy-clean wait)."""
    monkeypatch.setattr(stamps, "RACY_SECONDS", 0.0)
    root = tmp_path / "site"
    files: dict[str, str | bytes] = dict(FILES)
    make_site(root, files)
    return root


def build_saying(root: Path, **changes: Any) -> tuple[BuildResult, list[str]]:
    said: list[str] = []
    return build(replace(options(root, root / "public"), **changes), said.append), said


def test_a_rebuild_with_nothing_changed_takes_the_shortcut(site: Path) -> None:
    first, said = build_saying(site)
    assert NOTHING_CHANGED not in said
    before = {p: p.stat().st_mtime_ns for p in (site / "public").rglob("*")}
    second, said = build_saying(site)
    assert said == [NOTHING_CHANGED]
    assert second.files_written == 0
    assert second.outlook == first.outlook  # same --now: the same report
    assert {p: p.stat().st_mtime_ns for p in (site / "public").rglob("*")} == before


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_any_changed_input_rebuilds(site: Path, tmp_path: Path, change: str) -> None:
    build_saying(site)
    CHANGES[change](site)
    _, said = build_saying(site)
    assert NOTHING_CHANGED not in said
    assert tree_bytes(site / "public") == clean_tree(site, tmp_path)


def test_a_file_saved_again_unchanged_rebuilds_to_the_same_output(site: Path) -> None:
    build_saying(site)
    before = tree_bytes(site / "public")
    source = site / "content/releases/2024/a.md"
    source.write_bytes(source.read_bytes())  # same bytes, new mtime: the incremental path compares contents
    result, said = build_saying(site)
    assert NOTHING_CHANGED not in said
    assert result.files_written == 0
    assert tree_bytes(site / "public") == before


@pytest.mark.parametrize("damage", ["changed", "removed", "added"])
def test_an_output_changed_by_hand_rebuilds(site: Path, tmp_path: Path, damage: str) -> None:
    build_saying(site)
    public = site / "public"
    if damage == "changed":
        (public / "index.html").write_text("vandalised", encoding="utf-8")
    elif damage == "removed":
        (public / "robots.txt").unlink()
    else:
        (public / "stray.html").write_text("left behind", encoding="utf-8")
    _, said = build_saying(site)
    assert NOTHING_CHANGED not in said
    assert tree_bytes(public) == clean_tree(site, tmp_path)  # a stray file is gone too


@pytest.mark.parametrize("option", ["base_url", "preview", "now_text"])
def test_other_options_rebuild(site: Path, option: str) -> None:
    build_saying(site)
    value = {"base_url": "https://presse.example.org/", "preview": True, "now_text": "2026-11-26T12:00:00+01:00"}
    _, said = build_saying(site, **{option: value[option]})
    assert NOTHING_CHANGED not in said


def test_the_base_url_from_the_environment_rebuilds(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build_saying(site)
    monkeypatch.setenv("SITE_BASE_URL", "https://presse.example.org/")
    _, said = build_saying(site)
    assert NOTHING_CHANGED not in said


def test_a_new_version_of_pressroom_rebuilds(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build_saying(site)
    monkeypatch.setattr(generator, "__version__", "99.0.0")
    _, said = build_saying(site)
    assert NOTHING_CHANGED not in said


class _Clock:
    """Stands in for pipeline.datetime, so that builds without --now see a clock the test sets."""

    at = datetime(2026, 11, 25, 11, 0, tzinfo=UTC)

    @classmethod
    def now(cls, tz: object = None) -> datetime:
        return cls.at


def test_the_shortcut_ends_when_an_embargo_lifts(site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "datetime", _Clock)
    (site / "content/releases/2026").mkdir()
    (site / "content/releases/2026/soon.md").write_text(
        release("Bald öffentlich", "2026-11-25T10:00:00+01:00", "Sperrfrist.", embargo="2026-11-25T14:00:00+01:00"),
        encoding="utf-8")
    later = replace(options(site, site / "public"), now_text=None)
    build(later)
    _Clock.at = datetime(2026, 11, 25, 12, 59, tzinfo=UTC)  # 13:59 in Berlin: still under embargo
    said: list[str] = []
    report = build(later, said.append)
    assert said == [NOTHING_CHANGED]
    assert report.outlook.now == _Clock.at
    assert "Bald öffentlich".encode() not in b"".join(tree_bytes(site / "public").values())
    _Clock.at = datetime(2026, 11, 25, 13, 0, tzinfo=UTC)  # 14:00 in Berlin: the embargo lifts
    said = []
    build(later, said.append)
    assert NOTHING_CHANGED not in said
    assert "Bald öffentlich".encode() in (site / "public/index.html").read_bytes()


def test_the_shortcut_of_a_preview_ends_when_an_embargo_lifts(site: Path, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """A preview shows the embargoed release marked as unpublished; at its embargo the mark goes."""
    monkeypatch.setattr(pipeline, "datetime", _Clock)
    _Clock.at = datetime(2026, 11, 25, 11, 0, tzinfo=UTC)
    (site / "content/releases/2026").mkdir()
    (site / "content/releases/2026/soon.md").write_text(
        release("Bald öffentlich", "2026-11-25T10:00:00+01:00", "Sperrfrist.", embargo="2026-11-25T14:00:00+01:00"),
        encoding="utf-8")
    preview = replace(options(site, site / "preview"), now_text=None, preview=True)
    first = build(preview)
    assert first.outlook.next_change is not None and first.outlook.next_change.reason == "embargo"
    page = site / "preview/releases/2026/bald-oeffentlich/index.html"
    assert "Vorschau – nicht veröffentlicht" in page.read_text("utf-8")
    _Clock.at = datetime(2026, 11, 25, 13, 0, tzinfo=UTC)  # 14:00 in Berlin: the embargo lifts
    said: list[str] = []
    build(preview, said.append)
    assert NOTHING_CHANGED not in said
    assert "Vorschau – nicht veröffentlicht" not in page.read_text("utf-8")
    assert tree_bytes(site / "preview") == tree_bytes(build_clean_preview(site, tmp_path))


def build_clean_preview(root: Path, tmp: Path) -> Path:
    output = tmp / "clean-preview"
    build(replace(options(root, output), now_text=None, preview=True))
    return output


def test_the_shortcut_ends_when_a_release_leaves_the_news_sitemap(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "datetime", _Clock)
    _Clock.at = datetime(2025, 1, 11, 12, 0, tzinfo=UTC)  # d.md (2025-01-10) is in the two-day window
    later = replace(options(site, site / "public"), now_text=None)
    build(later)
    assert b"vierte-mitteilung" in (site / "public/news-sitemap.xml").read_bytes()
    _Clock.at += timedelta(hours=6)  # it leaves the window at 2025-01-11T23:00Z
    assert build_with(later) == [NOTHING_CHANGED]
    _Clock.at += timedelta(days=1)
    assert NOTHING_CHANGED not in build_with(later)
    assert b"vierte-mitteilung" not in (site / "public/news-sitemap.xml").read_bytes()


def build_with(settings: BuildOptions) -> list[str]:
    said: list[str] = []
    build(settings, said.append)
    return said


def test_the_cli_reports_and_writes_the_schedule_through_the_shortcut(site: Path, tmp_path: Path) -> None:
    arguments: list[str | Path] = ["build", "--content", site / "content", "--output", site / "public",
                 "--now", "2026-11-25T12:00:00+01:00"]
    first = run_cli(*arguments, "--schedule", tmp_path / "first.json")
    second = run_cli(*arguments, "--schedule", tmp_path / "second.json")
    assert first.status == second.status == 0
    assert "0 pages (0 files) written, 4 releases published, 1 withheld" in second.out
    assert json.loads((tmp_path / "second.json").read_text()) == json.loads((tmp_path / "first.json").read_text())


def test_files_changed_just_now_are_checked_by_content(tmp_path: Path) -> None:
    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "old.md").write_text("alt", encoding="utf-8")
    past = time.time() - 60
    os.utime(folder / "old.md", (past, past))  # its ctime is still fresh: it counts as fresh
    (folder / "new.md").write_text("neu", encoding="utf-8")
    stamp = stamps.input_stamp([folder], [])
    assert stamp is not None and set(stamp.fresh) == {str(folder / "old.md"), str(folder / "new.md")}
    assert stamp.still_holds(stamps.input_stamp([folder], []))
    # what a second change within the file system's timestamp granularity would look like: the same
    # stat, other bytes
    changed = stamps.InputStamp(stamp.stamp, {**stamp.fresh, str(folder / "new.md"): "0" * 32})
    assert not changed.still_holds(stamp)
    assert stamps.output_stamp(folder) != ""


def test_a_build_right_after_an_edit_can_be_followed_by_the_shortcut(tmp_path: Path) -> None:
    """The racy window: files saved just before a build are checked by content, not distrusted."""
    root = tmp_path / "site"
    files: dict[str, str | bytes] = dict(FILES)
    make_site(root, files)
    build_saying(root)
    assert build_saying(root)[1] == [NOTHING_CHANGED]
    (root / "content/releases/2024/a.md").write_text(release("Erste Meldung", "2024-03-01"), encoding="utf-8")
    assert NOTHING_CHANGED not in build_saying(root)[1]
    assert build_saying(root)[1] == [NOTHING_CHANGED]


def test_a_link_to_a_folder_is_not_trusted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stamps, "RACY_SECONDS", 0.0)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "linked").symlink_to(tmp_path / "elsewhere")
    assert stamps.input_stamp([tmp_path / "content"], []) is None
    (tmp_path / "content" / "linked").unlink()
    assert stamps.input_stamp([tmp_path / "content"], []) is not None
