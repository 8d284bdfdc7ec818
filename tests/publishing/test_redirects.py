"""Old URLs keep working: `aliases` of a release and content/redirects.yaml (bulk redirects from an old
CMS) become redirect pages with a meta refresh and a canonical link; every problem is an error at its
line, all of them in one run; a redirect to a release that is not published yet waits for it."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.config import SiteConfig
from generator.source.reader import SourceFile
from generator.source.redirects import parse_redirects
from tests.conftest import release
from tests.publishing.conftest import build

CONFIG = SiteConfig(title="Presse", base_url="https://presse.example.org/")
RELEASES = {
    "releases/a.md": release("Neue Organisation", date="2024-07-24"),
    "releases/b.md": release("Kommende Meldung", date="2024-07-24", embargo="2025-02-01T10:00"),
    "pages/impressum.md": "---\ntitle: Impressum\n---\nText.\n",
}


def redirect_page(output: Path, path: str) -> str:
    return (output / path).read_text("utf-8")


def assert_redirects(page: str, relative: str, absolute: str) -> None:
    assert f'<meta http-equiv="refresh" content="0; url={relative}">' in page
    assert f'<link rel="canonical" href="{absolute}">' in page
    assert '<meta name="robots" content="noindex">' in page
    assert f'<a href="{relative}">{absolute}</a>' in page


def test_release_aliases_redirect_with_refresh_and_canonical(published: Path) -> None:
    assert_redirects(redirect_page(published, "medien-info/2023/123.html"),
                     "/releases/2023/neue-organisation-mehr-kooperationen/",
                     "https://presse.example.org/releases/2023/neue-organisation-mehr-kooperationen/")


def test_bulk_redirects_from_redirects_yaml(tmp_path: Path) -> None:
    output, _, _ = build(tmp_path, {**RELEASES, "redirects.yaml": (
        "# the old CMS\n"
        "/medien-info/2008/123.html: /releases/2024/neue-organisation/\n"
        "/medien-info/kontakt.php: /contacts/\n"
        "/medien-info/jahresbericht.pdf: https://www.example.org/jahresbericht.pdf\n"
        "/medien-info/impressum/: https://presse.example.org/impressum/#anschrift\n"
        "/alt/%C3%9Cber%20uns.html: /\n"
        "/alt/logo.svg: /media/logo.svg\n")})
    assert_redirects(redirect_page(output, "medien-info/2008/123.html"), "/releases/2024/neue-organisation/",
                     "https://presse.example.org/releases/2024/neue-organisation/")
    assert_redirects(redirect_page(output, "medien-info/kontakt.php"), "/contacts/",
                     "https://presse.example.org/contacts/")
    assert_redirects(redirect_page(output, "medien-info/jahresbericht.pdf"), "https://www.example.org/jahresbericht.pdf",
                     "https://www.example.org/jahresbericht.pdf")
    assert_redirects(redirect_page(output, "medien-info/impressum/index.html"), "/impressum/#anschrift",
                     "https://presse.example.org/impressum/#anschrift")
    assert_redirects(redirect_page(output, "alt/Über uns.html"), "/", "https://presse.example.org/")
    assert_redirects(redirect_page(output, "alt/logo.svg"), "/media/logo.svg", "https://presse.example.org/media/logo.svg")
    sitemap = (output / "sitemap.xml").read_text("utf-8")
    assert "medien-info" not in sitemap and "alt/" not in sitemap


def test_redirects_under_a_sub_path(tmp_path: Path) -> None:
    output, _, _ = build(tmp_path, {**RELEASES, "redirects.yaml": "/alt/a.html: /releases/2024/neue-organisation/\n"},
                         "--base-url", "https://example.org/presse/")
    assert_redirects(redirect_page(output, "alt/a.html"), "/presse/releases/2024/neue-organisation/",
                     "https://example.org/presse/releases/2024/neue-organisation/")


def test_a_redirect_to_an_embargoed_release_waits_for_it(tmp_path: Path) -> None:
    files = {**RELEASES, "redirects.yaml": "/alt/b.html: /releases/2024/kommende-meldung/\n"}
    before, _, _ = build(tmp_path / "before", files)
    assert not (before / "alt/b.html").exists()
    after, _, _ = build(tmp_path / "after", files, now="2025-02-01T10:00:00+01:00")
    assert_redirects(redirect_page(after, "alt/b.html"), "/releases/2024/kommende-meldung/",
                     "https://presse.example.org/releases/2024/kommende-meldung/")


def test_preview_includes_redirects_to_unpublished_releases(tmp_path: Path) -> None:
    output, _, _ = build(tmp_path, {**RELEASES, "redirects.yaml": "/alt/b.html: /releases/2024/kommende-meldung/\n"},
                         "--preview")
    assert (output / "alt/b.html").is_file()


def test_every_problem_in_redirects_yaml_at_its_line(tmp_path: Path) -> None:
    _, _, err = build(tmp_path, {**RELEASES, "redirects.yaml": (
        "http://alt.example.org/a.html: /\n"
        "alt/b.html: /\n"
        "/c.php?id=3: /\n"
        "/d/../e.html: /\n"
        "/f.html: releases/\n"
        "/g.html: 12\n"
        "/h.html: /h.html\n"
        "/i.html: /releases/../x/\n"
        "/j.html: ftp://example.org/x\n")}, expect=1)
    path = f"{tmp_path}/content/redirects.yaml"
    assert err.splitlines() == [
        f"{path}:1: http://alt.example.org/a.html: is not an address of this site (https://presse.example.org/) — "
        "only addresses below base_url can be redirected here; write the path, e.g. /alt/123.html",
        f"{path}:2: alt/b.html: an old address starts with / — write /alt/b.html",
        f"{path}:3: /c.php?id=3: an address with ?… cannot be redirected by a static file — "
        "redirect it in the web server's settings, or leave it out",
        f"{path}:4: /d/../e.html: is not a usable path — write a path such as /medien-info/123.html (no .., no //)",
        f"{path}:5: /f.html: the new address releases/ is neither a path of this site nor a full URL — "
        "write a path that starts with / (e.g. /releases/2008/x/) or a URL that starts with https://",
        f"{path}:6: /g.html: the new address is missing or not text — write the new address after the colon, "
        "e.g. `/medien-info/2008/123.html: /releases/2008/neue-organisation/`",
        f"{path}:7: /h.html: redirects to itself — remove the line",
        f"{path}:8: /i.html: the new address /releases/../x/ is not a usable path — "
        "write the page's address as the site shows it",
        f"{path}:9: /j.html: the new address ftp://example.org/x is neither a path of this site nor a full URL — "
        "write a path that starts with / (e.g. /releases/2008/x/) or a URL that starts with https://",
        "9 errors",
    ]


def test_redirects_must_land_on_this_build_and_keep_off_its_own_files(tmp_path: Path) -> None:
    _, _, err = build(tmp_path, {**RELEASES, "redirects.yaml": (
        "/atom.xml: /\n"
        "/news-sitemap.xml: /\n"
        "/search/: /\n"
        "/releases/2024/neue-organisation/ninjs.json: /\n"
        "/pagefind/pagefind-ui.js: /\n"
        "/alt/1.html: /releases/2024/neue-organisaton/\n"
        "/alt/2.html: /alt/3.html\n"
        "/alt/3.html: /contacts/\n")}, expect=1)
    path = f"{tmp_path}/content/redirects.yaml"
    own = "is one of the site's own files — remove the redirect; that URL stays the site's own"
    assert err.splitlines() == [
        f"{path}:1: the URL /atom.xml {own}",
        f"{path}:2: the URL /news-sitemap.xml {own}",
        f"{path}:3: the URL /search/ {own}",
        f"{path}:4: the URL /releases/2024/neue-organisation/ninjs.json {own}",
        f"{path}:5: the URL /pagefind/pagefind-ui.js {own}",
        f"{path}:6: /alt/1.html redirects to /releases/2024/neue-organisaton/, which is not a page of this site — "
        "did you mean /releases/2024/neue-organisation/?",
        f"{path}:7: /alt/2.html redirects to /alt/3.html, which redirects again — point it at the final address: "
        "/contacts/",
        "7 errors",
    ]


def test_a_redirect_may_not_take_a_release_or_page_url(tmp_path: Path) -> None:
    _, _, err = build(tmp_path, {**RELEASES, "redirects.yaml": (
        "/releases/2024/neue-organisation/: /\n"
        "/impressum/: /\n")}, expect=1)
    lines = err.splitlines()
    assert lines[-1] == "2 errors"
    assert lines[0].startswith(f"{tmp_path}/content/redirects.yaml:1: ")
    assert "/releases/2024/neue-organisation/" in lines[0] and "releases/a.md" in lines[0]
    assert lines[1].startswith(f"{tmp_path}/content/redirects.yaml:2: ")
    assert "/impressum/" in lines[1]


@pytest.mark.parametrize("text, message", [
    ("- /a.html\n", "redirects.yaml must map old addresses to new ones"),
    ("/a.html: [/b/]\n", "/a.html: the new address is missing or not text"),
])
def test_parse_redirects_refuses_other_shapes(text: str, message: str) -> None:
    redirects, errors = parse_redirects(SourceFile("content/redirects.yaml", "redirects.yaml", text), CONFIG)
    assert redirects == ()
    assert [e.message for e in errors] == [message]
    assert errors[0].line == 1


def test_parse_redirects_keeps_lines_and_targets() -> None:
    text = "# old CMS\n\n/a.html: /releases/2008/x/\n/b/: https://example.org/b\n/c.html: https://presse.example.org/\n"
    redirects, errors = parse_redirects(SourceFile("content/redirects.yaml", "redirects.yaml", text), CONFIG)
    assert errors == []
    assert [(r.path, r.target, r.line) for r in redirects] == [
        ("a.html", "releases/2008/x/", 3), ("b/", "https://example.org/b", 4), ("c.html", "", 5)]


def test_an_empty_redirects_file_is_fine(tmp_path: Path) -> None:
    build(tmp_path, {**RELEASES, "redirects.yaml": "# nothing yet\n"})
