"""The fixture site's output, file by file, against tests/golden/ (our templates' HTML, feeds,
sitemap, vCards). After an intended change: `pytest tests/e2e/test_golden.py --update-golden`."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import ROOT, tree_bytes

GOLDEN = ROOT / "tests" / "golden"
COPIED = ("media/",)  # copied as they are, not ours to freeze
# Pagefind's bundle (its UI scripts, WebAssembly and the packed index) belongs to the pinned pagefind
# version, not to our templates; tests/publishing/test_search.py checks what the index holds instead.
GENERATED_ELSEWHERE = ("pagefind/",)


def generated_files(output: Path) -> dict[str, bytes]:
    static = {p.relative_to(ROOT / "static").as_posix() for p in (ROOT / "static").rglob("*") if p.is_file()}
    return {path: data for path, data in tree_bytes(output).items()
            if not path.startswith(COPIED + GENERATED_ELSEWHERE) and path not in static}


def test_output_matches_golden(fixture_output: Path, update_golden: bool) -> None:
    actual = generated_files(fixture_output)
    if update_golden:
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for path, data in actual.items():
            (GOLDEN / path).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / path).write_bytes(data)
    expected = tree_bytes(GOLDEN) if GOLDEN.is_dir() else {}
    assert sorted(actual) == sorted(expected), "files differ; run pytest --update-golden after an intended change"
    for path in sorted(actual):
        assert actual[path].decode("utf-8") == expected[path].decode("utf-8"), \
            f"{path} differs from tests/golden/{path}; run pytest --update-golden after an intended change"
