"""mirror_files keeps a folder holding exactly the given files, as hard links, whatever was there;
PageFolder does it for files in memory, writing only those whose bytes changed."""

from __future__ import annotations

import os
from pathlib import Path

from generator.output.mirror import PageFolder, mirror_files


def listing(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")}


def test_the_folder_holds_exactly_the_files_as_links(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    (sources / "a").mkdir(parents=True)
    (sources / "a" / "index.html").write_text("A", encoding="utf-8")
    (sources / "b.html").write_text("B", encoding="utf-8")
    mirror = tmp_path / "mirror"
    (mirror / "old" / "deep").mkdir(parents=True)
    (mirror / "old" / "deep" / "index.html").write_text("withheld", encoding="utf-8")
    (mirror / "x").mkdir()
    (mirror / "x" / "b.html").write_text("stale", encoding="utf-8")

    mirror_files(mirror, {"a/index.html": sources / "a" / "index.html", "x/b.html": sources / "b.html"})

    assert listing(mirror) == {"a", "a/index.html", "x", "x/b.html"}  # the stale page and its folders gone
    assert os.path.samefile(mirror / "x" / "b.html", sources / "b.html")
    assert (mirror / "x" / "b.html").read_text(encoding="utf-8") == "B"


def test_a_replaced_source_is_linked_again(tmp_path: Path) -> None:
    source = tmp_path / "page.html"
    source.write_text("old", encoding="utf-8")
    mirror = tmp_path / "mirror"
    mirror_files(mirror, {"page/index.html": source})
    replacement = tmp_path / "new.html"
    replacement.write_text("new", encoding="utf-8")
    os.replace(replacement, source)  # as builds replace files: a new inode
    mirror_files(mirror, {"page/index.html": source})
    assert (mirror / "page" / "index.html").read_text(encoding="utf-8") == "new"


def test_a_page_folder_writes_only_what_changed_and_removes_what_is_gone(tmp_path: Path) -> None:
    pages = PageFolder(tmp_path / "pages")
    folder = pages.lay_out({"a/index.html": b"A", "b/c/index.html": b"B", "d.html": b"D"})
    assert listing(folder) == {"a", "a/index.html", "b", "b/c", "b/c/index.html", "d.html"}
    kept = (folder / "d.html").stat().st_mtime_ns
    os.utime(folder / "d.html", ns=(kept - 10**9, kept - 10**9))  # a rewrite would show as a new time
    pages.lay_out({"a/index.html": b"A2", "d.html": b"D"})
    assert listing(folder) == {"a", "a/index.html", "d.html"}
    assert (folder / "a" / "index.html").read_bytes() == b"A2"
    assert (folder / "d.html").stat().st_mtime_ns == kept - 10**9  # same bytes: not written again
