"""read_sources with KnownSources (the dev server's): a file is read again exactly when it may have
changed — its size, times or inode differ, or it was racily fresh when last read."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from generator.source import reader
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


def test_a_racily_fresh_file_is_read_again_even_with_the_same_size_and_times(content: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    known = KnownSources()
    read_sources(content, known)  # every file was written just now: none is trusted
    assert known.files == {}
    reads = count_reads(monkeypatch)
    read_sources(content, known)
    assert sorted(reads) == ["a.md", "b.md", "contacts.yaml", "site.yaml"]
