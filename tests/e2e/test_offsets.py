"""Time-zone offsets with seconds (Amsterdam was +00:19:32 until 1937) are rounded to whole minutes in every
machine-readable date (RFC 3339 §5.6 and ISO 8601 have no seconds in offsets): the same instant, written
10:00:28+00:20, in the page's <time> and meta, JSON-LD, RSS, Atom, JSON Feed, ninjs and the sitemap."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.conftest import SITE_YAML, make_site, release, run_cli

_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:Z|[+-]\d{2}:\d{2}(?::\d{2})?)")


def test_offsets_with_seconds_are_rounded_to_whole_minutes_everywhere(tmp_path: Path) -> None:
    content = make_site(tmp_path, {"site.yaml": SITE_YAML.replace("Europe/Berlin", "Europe/Amsterdam"),
                                   "releases/a.md": release("Alt", date="1930-05-01T10:00")})
    result = run_cli("build", "--content", content, "--output", tmp_path / "out", "--now", "2024-06-01")
    assert result.status == 0, result.err
    out = tmp_path / "out"
    moments = {(path.relative_to(out).as_posix(), moment)
               for path in out.rglob("*") if path.suffix in (".html", ".xml", ".json")
               for moment in _MOMENT.findall(path.read_text("utf-8"))}
    assert {moment for _, moment in moments} == {"1930-05-01T10:00:28+00:20"}, sorted(moments)
    assert {path for path, _ in moments} >= {"releases/1930/alt/index.html", "releases/1930/alt/ninjs.json",
                                             "feed.json", "atom.xml", "sitemap.xml"}
    page = (out / "releases/1930/alt/index.html").read_text("utf-8")
    ld = json.loads(re.findall(r'<script type="application/ld\+json">(.*?)</script>', page)[0])
    assert ld["datePublished"] == ld["dateModified"] == "1930-05-01T10:00:28+00:20"
    ninjs = json.loads((out / "releases/1930/alt/ninjs.json").read_text("utf-8"))
    assert ninjs["firstCreated"] == ninjs["versionCreated"] == "1930-05-01T10:00:28+00:20"
    item = json.loads((out / "feed.json").read_text("utf-8"))["items"][0]
    assert item["date_published"] == item["date_modified"] == "1930-05-01T10:00:28+00:20"
