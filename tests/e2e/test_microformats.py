"""The release page as a Microformats 2 reader (mf2py) sees it: one h-entry with its name, URL, topics,
and the published and updated moments of its <time> elements (dt-published, dt-updated)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import mf2py  # type: ignore[import-untyped]

BASE = "https://presse.example.org/"


def h_entry(output: Path, path: str) -> dict[str, Any]:
    parsed = mf2py.parse(doc=(output / path / "index.html").read_text("utf-8"), url=BASE + path)
    [entry] = [item for item in parsed["items"] if "h-entry" in item["type"]]
    properties: dict[str, Any] = entry["properties"]
    return properties


def test_a_release_is_an_h_entry_with_published_and_updated(fixture_output: Path) -> None:
    path = "releases/2024/mehr-ausbildungsvertraege-bessere-quoten/"
    entry = h_entry(fixture_output, path)
    assert entry["name"] == ["Mehr Ausbildungsverträge & bessere Quoten"]
    assert entry["url"] == entry["uid"] == [BASE + path]
    assert entry["published"] == ["2024-03-01T10:00:00+0100"]  # mf2py writes the offset without its colon
    assert entry["updated"] == ["2024-03-02T09:30:00+0100"]


def test_a_release_without_updated_has_only_published(fixture_output: Path) -> None:
    entry = h_entry(fixture_output, "releases/2023/neue-organisation-mehr-kooperationen/")
    assert entry["published"] == ["2023-07-24"]
    assert "updated" not in entry
