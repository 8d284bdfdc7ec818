"""Every bad-input case: exact error lines, exit status 1, no traceback, and the output folder
(and everything beside it) left byte for byte as a good build made it."""

from __future__ import annotations

import shutil
import time
import tracemalloc
from pathlib import Path

import pytest

from tests.conftest import run_cli, tree_bytes

from . import cases_attacks, cases_config, cases_content, cases_files, cases_frontmatter, cases_text
from .corpus import BASE, NOW, Case, write_files

CASES: list[Case] = [*cases_frontmatter.CASES, *cases_content.CASES, *cases_config.CASES, *cases_attacks.CASES,
                    *cases_text.CASES, *cases_files.CASES]


def build(root: Path, *args: str):  # type: ignore[no-untyped-def]
    return run_cli("build", "--content", "content", "--output", "public", "--now", NOW, *args, cwd=root)


def _beside(root: Path) -> list[str]:
    """What is next to the output folder. The build cache (parsed sources, no output) and the empty lock file
    may appear; a staging folder (.public.new-…) must not stay."""
    return sorted(p.name for p in root.iterdir() if p.name not in (".pressroom-cache", ".public.lock"))


@pytest.fixture(scope="module")
def good_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("good")
    write_files(root, BASE)
    result = build(root)
    assert result.status == 0, result.err
    return root / "public"


def test_corpus_is_large_and_unique() -> None:
    assert len(CASES) >= 40
    assert len({case.id for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_bad_input(case: Case, tmp_path: Path, good_output: Path) -> None:
    write_files(tmp_path, {**BASE, **case.files})
    shutil.copytree(good_output, tmp_path / "public")
    before, beside = tree_bytes(tmp_path / "public"), _beside(tmp_path)
    if case.peak_mb is not None:
        tracemalloc.start()
    started = time.monotonic()
    try:
        result = build(tmp_path, *case.args)
    finally:
        elapsed = time.monotonic() - started
        peak = tracemalloc.get_traced_memory()[1] / 1024 / 1024 if case.peak_mb is not None else 0.0
        tracemalloc.stop()
    assert "Traceback" not in result.err + result.out
    count = len(case.errors)
    assert result.error_lines == case.errors + [f"{count} error{'s' if count != 1 else ''}"]
    assert result.status == 1
    assert tree_bytes(tmp_path / "public") == before
    assert _beside(tmp_path) == beside
    assert elapsed < case.seconds
    if case.peak_mb is not None:
        assert peak < case.peak_mb, f"peak memory {peak:.1f} MB"
    for name in case.absent:
        assert not (tmp_path / name).exists()
