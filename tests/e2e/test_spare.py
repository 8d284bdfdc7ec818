"""The spare output tree (output/writer.py): incremental builds that bring the tree the last build
swapped out up to date equal clean builds, file for file and folder for folder, however many follow
each other and whatever happened to the spare or the output in between."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.output.cache import spare_folder
from generator.pipeline import build
from tests.conftest import make_site, tree_bytes
from tests.e2e.test_incremental import CHANGES, FILES, clean_tree, options


def folders(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_dir()}


def assert_clean(site: Path, tmp_path: Path) -> None:
    public = site / "public"
    assert tree_bytes(public) == clean_tree(site, tmp_path)
    assert folders(public) == folders(tmp_path / "clean" / "public")  # no empty folders left behind


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    files: dict[str, str | bytes] = dict(FILES)
    make_site(root, files)
    return root


def test_a_run_of_incremental_builds_equals_clean_builds(site: Path, tmp_path: Path) -> None:
    build(options(site, site / "public"))
    assert not spare_folder(site / "public").exists()  # a full build keeps no spare
    for change in ["release body", "release title", "release removed", "release added", "release date",
                   "contacts", "release drafted", "media", "static files"]:
        CHANGES[change](site)
        build(options(site, site / "public"))
        assert spare_folder(site / "public").is_dir(), change
        assert_clean(site, tmp_path)


def test_the_spare_holds_the_previous_output(site: Path) -> None:
    build(options(site, site / "public"))
    first = tree_bytes(site / "public")
    CHANGES["release body"](site)
    build(options(site, site / "public"))
    assert tree_bytes(spare_folder(site / "public")) == first


@pytest.mark.parametrize("damage", ["spare removed", "spare changed", "output file changed in place"])
def test_damage_between_builds_is_mended(site: Path, tmp_path: Path, damage: str) -> None:
    build(options(site, site / "public"))
    CHANGES["release title"](site)
    build(options(site, site / "public"))
    spare = spare_folder(site / "public")
    if damage == "spare removed":
        shutil.rmtree(spare)
    elif damage == "spare changed":
        (spare / "stray.txt").write_text("not ours", encoding="utf-8")
    else:  # the same inode as the spare's copy: both change
        with open(site / "public" / "index.html", "ab") as page:
            page.write(b"<!-- vandalised -->")
    CHANGES["release body"](site)
    build(options(site, site / "public"))
    assert_clean(site, tmp_path)
    CHANGES["topics"](site)
    build(options(site, site / "public"))
    assert_clean(site, tmp_path)
