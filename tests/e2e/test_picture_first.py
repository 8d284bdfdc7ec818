"""A release (or page) whose text starts with a picture: its summary and its lead are the first paragraph
of text, not the empty paragraph that holds the picture, which stays where it is in the body."""

from __future__ import annotations

import json
import re
from pathlib import Path

import feedparser

from tests.conftest import make_site, release, run_cli

LEAD = "Die Vollversammlung hat heute getagt."
PICTURE = "![Die Vollversammlung im Saal](media/logo.svg)"


def build(root: Path) -> Path:
    content = make_site(root, {
        "releases/bild.md": release("Mit Bild vorne", date="2024-03-01",
                                    body=f"{PICTURE}\n\n{LEAD}\n\nDer zweite Absatz."),
        "pages/ueber-uns.md": f'---\ntitle: "Über uns"\n---\n{PICTURE}\n\nWir sind die Testkammer.\n',
    })
    result = run_cli("build", "--content", content, "--output", root / "public", "--now", "2025-01-01", cwd=root)
    assert result.status == 0, result.err
    return root / "public"


def test_the_summary_is_the_first_paragraph_of_text(tmp_path: Path) -> None:
    output = build(tmp_path)
    rss = feedparser.parse((output / "feed.xml").read_bytes())
    assert not rss.bozo
    assert rss.entries[0].summary == LEAD
    atom = feedparser.parse((output / "atom.xml").read_bytes())
    assert not atom.bozo
    assert atom.entries[0].summary == LEAD
    assert json.loads((output / "feed.json").read_text("utf-8"))["items"][0]["summary"] == LEAD
    assert f'<p class="teaser-summary">{LEAD}</p>' in (output / "index.html").read_text("utf-8")
    page = (output / "releases/2024/mit-bild-vorne/index.html").read_text("utf-8")
    assert f'<meta name="description" content="{LEAD}">' in page
    about = (output / "ueber-uns/index.html").read_text("utf-8")
    assert '<meta name="description" content="Wir sind die Testkammer.">' in about


def test_the_lead_is_the_first_paragraph_of_text_and_the_picture_stays_in_the_body(tmp_path: Path) -> None:
    page = (build(tmp_path) / "releases/2024/mit-bild-vorne/index.html").read_text("utf-8")
    assert f'<p class="lead">{LEAD}</p>' in page
    body = re.search(r'<div class="release-body">(.*?)</div>', page, re.DOTALL)
    assert body is not None
    assert re.fullmatch(r'\s*<p><img alt="Die Vollversammlung im Saal" src="/media/logo.svg"[^>]*></p>\s*'
                        r"<p>Der zweite Absatz.</p>\s*", body.group(1)), body.group(1)
