"""read_sources with KnownSources (the dev server's): a file is read again exactly when it may have
changed — its size, times or inode differ, or it was racily fresh when last read."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from generator.source import reader
from generator.source.filenames import ignored_name
from generator.source.reader import KnownSources, read_sources
from tests.conftest import make_site, release


@pytest.fixture
def content(tmp_path: Path) -> Path:
    make_site(tmp_path, {"releases/2024/a.md": release("A"), "releases/2024/b.md": release("B")})
    return tmp_path / "content"


def count_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    reads: list[str] = []
    real = reader.read_text_file

    def counting(path: Path, shown: str, size: int | None = None) -> str:
        reads.append(Path(shown).name)
        return real(path, shown, size)
    monkeypatch.setattr(reader, "read_text_file", counting)
    return reads


def test_unchanged_files_are_not_read_again_and_changed_ones_are(content: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader, "RACY_SECONDS", -1.0)  # nothing counts as racily fresh here: the files
    for file in content.rglob("*"):  # are an hour old, so a write now gives them other times
        os.utime(file, (time.time() - 3600, time.time() - 3600))
    known = KnownSources()
    first = read_sources(content, known)
    reads = count_reads(monkeypatch)
    a = content / "releases/2024/a.md"
    a.write_text(a.read_text(encoding="utf-8").replace("title: \"A\"", "title: \"Z\""), encoding="utf-8")
    (content / "releases/2024/b.md").unlink()
    (content / "releases/2024/c.md").write_text(release("C"), encoding="utf-8")
    second = read_sources(content, known)
    assert sorted(reads) == ["a.md", "c.md"]
    assert second.site is first.site  # the same object: not read again
    assert [s.relative for s in second.releases] == ["releases/2024/a.md", "releases/2024/c.md"]
    assert 'title: "Z"' in second.releases[0].text
    assert not any(shown.endswith("b.md") for shown in known.files)  # only what the last read saw


def test_image_sizes_are_read_from_headers_once_and_again_when_the_file_changes(
        content: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader, "RACY_SECONDS", -1.0)
    png = b"\x89PNG\r\n\x1a\n" + (13).to_bytes(4, "big") + b"IHDR" + (800).to_bytes(4, "big") \
        + (450).to_bytes(4, "big") + b"\x08\x02\x00\x00\x00" + b"\x00" * 4
    (content / "media/foto.png").write_bytes(png)
    (content / "media/kaputt.jpg").write_bytes(b"not a picture")
    (content / "media/text.pdf").write_bytes(png)  # not an image by its name: not looked at
    for file in (content / "media").iterdir():
        os.utime(file, (time.time() - 3600, time.time() - 3600))
    headers: list[str] = []
    real = reader._pixel_size
    monkeypatch.setattr(reader, "_pixel_size", lambda file: headers.append(file.name) or real(file))
    known = KnownSources()
    first = read_sources(content, known)
    assert first.image_sizes == {"media/foto.png": (800, 450), "media/logo.svg": (10, 10)}
    assert sorted(headers) == ["foto.png", "kaputt.jpg", "logo.svg"]
    headers.clear()
    assert read_sources(content, known).image_sizes == first.image_sizes
    assert headers == []
    (content / "media/foto.png").write_bytes(png.replace((800).to_bytes(4, "big"), (640).to_bytes(4, "big")))
    assert read_sources(content, known).image_sizes["media/foto.png"] == (640, 450)
    assert headers == ["foto.png"]


@pytest.mark.parametrize(("svg", "size"), [
    ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 10"><rect width="10" height="10"/></svg>', (20, 10)),
    ('<?xml version="1.0"?>\n<svg\n  width="300px" height="150" viewBox="0 0 3 1"></svg>', (300, 150)),
    ('<svg width="100%" height="100%" viewBox="0,0,40,20"><rect stroke-width="3"/></svg>', (40, 20)),
    ('<svg width="10em" height="5em"></svg>', None),
    ('<svg width="NaN" height="10"></svg>', None), ('<svg width="inf" height="1e999"></svg>', None),
    ("<html>no picture</html>", None),
])
def test_an_svg_has_the_size_of_its_root_element_not_of_a_shape_in_it(tmp_path: Path, svg: str,
                                                                        size: tuple[int, int] | None) -> None:
    (tmp_path / "bild.svg").write_text(svg, encoding="utf-8")
    assert reader._pixel_size(tmp_path / "bild.svg") == size


def test_a_racily_fresh_file_is_read_again_even_with_the_same_size_and_times(content: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    known = KnownSources()
    read_sources(content, known)  # every file was written just now: none is trusted
    assert known.files == {}
    reads = count_reads(monkeypatch)
    read_sources(content, known)
    assert sorted(reads) == ["a.md", "b.md", "contacts.yaml", "site.yaml"]


def test_release_files_are_found_and_ordered_as_sorted_path_glob_finds_them(tmp_path: Path) -> None:
    """The walk with os.scandir keeps pathlib's order (by path parts: `a/` before `a-b/`), leaves out
    editor droppings and hidden folders, does not follow links to folders, and reads links to files
    inside the content."""
    names = ["a/b.md", "a-b/c.md", "a.md", "A/z.md", "x/y/z.md", ".hidden/h.md", "k.md/inner.md", "notes.txt",
             "a/.swap.md", "a/b.md~", "Ü/ä.md"]
    make_site(tmp_path, {f"releases/{name}": release(name) for name in names})
    root = tmp_path / "content" / "releases"
    (root / "linked").symlink_to(root / "x", target_is_directory=True)
    (root / "same.md").symlink_to(root / "a.md")
    expected = [path.relative_to(tmp_path).as_posix() for path in sorted(root.glob("**/*.md"))
                if path.is_file() and not any(ignored_name(part) for part in path.relative_to(root).parts)]
    found = read_sources(tmp_path / "content").releases
    assert [source.path for source in found] == [f"{tmp_path.as_posix()}/{path}" for path in expected]
    assert [source.relative for source in found] == [path.removeprefix("content/") for path in expected]
    assert "content/releases/same.md" in expected and "content/releases/k.md/inner.md" in expected
    assert not any("linked" in path or ".hidden" in path for path in expected)
