"""The <title> of a paginated list page names the site once: "Seite 2 von 3 – <site title>", in each language."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import make_site, release, run_cli


def title_of(page: Path) -> str:
    match = re.search(r"<title>(.*)</title>", page.read_text("utf-8"))
    assert match
    return match.group(1)


def test_later_home_pages_name_the_site_once_in_both_languages(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {f"releases/{n}.md": release(f"Mitteilung {n}", topics="[Ausbildung]")
                                     for n in range(3)}
    files.update({f"releases/{n}.en.md": release(f"Release {n}", lang="en") for n in range(3)})
    content = make_site(tmp_path, files)
    result = run_cli("build", "--content", content, "--output", tmp_path / "out", "--now", "2024-06-01")
    assert result.status == 0, result.err
    out = tmp_path / "out"
    assert title_of(out / "index.html") == "Presse – Testkammer"
    assert title_of(out / "page/2/index.html") == "Seite 2 von 2 – Presse – Testkammer"
    assert title_of(out / "en/page/2/index.html") == "Page 2 of 2 – Presse – Testkammer"
    assert title_of(out / "topics/ausbildung/page/2/index.html") == "Ausbildung – Seite 2 von 2 – Presse – Testkammer"
