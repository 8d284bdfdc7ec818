"""The embargo is checked, not promised: leaks planted through template and static overrides, and a
published text that links an embargoed release, make the build refuse with the old output kept."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT, make_site, release, run_cli, tree_bytes

NOW = "2025-06-01T12:00"
EMBARGOED = "content/releases/2024/geheim.md"
TITLE = "Übernahme der Firma Müller & Söhne"
URL = "releases/2024/uebernahme-der-firma-mueller-soehne/"
FILES = {
    "releases/2024/a.md": release("Bilanz der Ausbildung", "2024-03-01", topics="[Ausbildung]"),
    "releases/2024/geheim.md": release(TITLE, "2024-05-02", "Der Vertrag ist unterschrieben.",
                                       embargo="2025-07-01T10:00", topics="[Ausbildung]"),
    "releases/2024/entwurf.md": release("Entwurf zum Haushalt 2026", "2024-04-01", draft="true"),
    "releases/2025/herbst.md": release("Herbstumfrage der Testkammer", "2025-09-01"),
}
EMBARGO_WHAT = "this release, embargoed until 2025-07-01 10:00 CEST,"
HINT = "a template shows releases that are not published, or names this one: fix the template; nothing was written"


def build(root: Path, *args: str | Path):  # type: ignore[no-untyped-def]
    return run_cli("build", "--content", "content", "--output", "public", "--now", NOW, *args, cwd=root)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A site with a published, an embargoed, a draft and a future-dated release, built once."""
    make_site(tmp_path, FILES)
    result = build(tmp_path)
    assert result.status == 0, result.err
    assert "1 release published, 3 withheld" in result.out
    return tmp_path


def override(root: Path, name: str, text: str, folder: str = "override") -> Path:
    path = root / folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return root / folder


def refused(root: Path, *args: str | Path) -> list[str]:
    """Build with `args`; assert it failed with the old output kept; return the error lines."""
    before = tree_bytes(root / "public")
    result = build(root, *args)
    assert result.status == 1
    assert "Traceback" not in result.err
    assert tree_bytes(root / "public") == before
    assert not list(root.glob(".public.new-*"))
    return result.error_lines


def test_template_that_hard_codes_the_title_on_every_page(site: Path) -> None:
    base = (ROOT / "templates/base.html").read_text("utf-8")
    planted = base.replace("</main>", "</main><p>Bald: Übernahme der Firma Müller &amp; Söhne</p>")
    templates = override(site, "base.html", planted)
    lines = refused(site, "--templates", templates)
    assert len(lines) == 2 and lines[1] == "1 error"
    assert lines[0].startswith(f"{EMBARGOED}:2: {EMBARGO_WHAT} would leak into 404.html and ")
    assert lines[0].endswith(f" more files: found 'Übernahme der Firma Müller &amp; Söhne' — {HINT}")


@pytest.mark.parametrize("template, text, found", [
    ("404.html", f'<a href="/{URL}">Demnächst</a>', f"/{URL}"),
    ("404.html", f"<p>https://presse.example.org/{URL}</p>", f"https://presse.example.org/{URL}"),
    ("404.html", '<p>uebernahme-der-firma-mueller-soehne/</p><a href="/x/uebernahme-der-firma-mueller-soehne/">',
     "/uebernahme-der-firma-mueller-soehne/"),
    ("404.html", "<script>var next = {{ 'Übernahme der Firma Müller & Söhne'|tojson }};</script>",
     "\\u00dcbernahme der Firma M\\u00fcller \\u0026 S\\u00f6hne"),
    ("404.html", "<p>{{ 'Übernahme der Firma Müller & Söhne' }}</p>", "Übernahme der Firma Müller &amp; Söhne"),
    ("robots.txt", "User-agent: *\nDisallow: /{{ 'releases/2024/uebernahme-der-firma-mueller-soehne/' }}\n",
     "/releases/2024/uebernahme-der-firma-mueller-soehne/"),
], ids=["root-relative-url", "absolute-url", "slug", "json", "escaped-title", "robots"])
def test_template_that_names_the_embargoed_release(site: Path, template: str, text: str, found: str) -> None:
    target = "404.html" if template == "404.html" else template
    lines = refused(site, "--templates", override(site, template, text))
    assert lines == [f"{EMBARGOED}:2: {EMBARGO_WHAT} would leak into {target}: found {found!r} — {HINT}", "1 error"]


def test_template_that_includes_the_unfiltered_sources(site: Path) -> None:
    """A theme that lists the content folder: every withheld release is caught, each once, by its own reason."""
    templates = site / "override"
    templates.mkdir()
    os.symlink(site / "content/releases", templates / "sources")
    override(site, "404.html", "{% for name in ['sources/2024/geheim.md', 'sources/2024/entwurf.md', "
                               "'sources/2025/herbst.md'] %}{% include name %}{% endfor %}\n")
    assert refused(site, "--templates", templates) == [
        f"content/releases/2024/entwurf.md:2: this draft would leak into 404.html: found 'Entwurf zum Haushalt "
        f"2026' — {HINT}",
        f"{EMBARGOED}:2: {EMBARGO_WHAT} would leak into 404.html: found '{TITLE}' — {HINT}",
        "content/releases/2025/herbst.md:2: this release, dated 2025-09-01 00:00 CEST, would leak into 404.html: "
        f"found 'Herbstumfrage der Testkammer' — {HINT}",
        "3 errors"]


def test_static_file_that_names_the_release(site: Path) -> None:
    static = override(site, "js/teaser.js", f'const next = "{TITLE}";\n', folder="static-override")
    assert refused(site, "--static", static) == [
        f"{EMBARGOED}:2: {EMBARGO_WHAT} would leak into js/teaser.js: found '{TITLE}' — {HINT}", "1 error"]


def test_published_release_that_links_the_embargoed_one(site: Path) -> None:
    (site / "content/releases/2024/a.md").write_text(
        release("Bilanz der Ausbildung", "2024-03-01", f"Siehe auch [die Übernahme](/{URL}).", topics="[Ausbildung]"))
    lines = refused(site)
    assert len(lines) == 2 and lines[1] == "1 error"
    assert re.fullmatch(re.escape(f"{EMBARGOED}:2: {EMBARGO_WHAT} would leak into ") + r"\S+ and \d+ more files: "
                        + re.escape(f"found 'https://presse.example.org/{URL}' — content/releases/2024/a.md links "
                                    "to it: remove the link until it is published; nothing was written"), lines[0])


def test_check_refuses_too(site: Path) -> None:
    result = run_cli("check", "--content", "content", "--now", NOW, "--templates",
                     override(site, "404.html", f"<p>{TITLE}</p>"), cwd=site)
    assert result.status == 1
    assert result.error_lines[-1] == "1 error"


def test_preview_shows_what_a_leak_scan_would_refuse(site: Path) -> None:
    result = build(site, "--preview", "--output", "preview")
    assert result.status == 0, result.err
    page = (site / "preview" / URL / "index.html").read_text("utf-8")
    assert "noindex" in page and "Übernahme der Firma Müller &amp; Söhne" in page


def test_no_false_alarm_when_public_text_or_urls_share_a_title_or_slug(tmp_path: Path) -> None:
    """The title in a published text, the slug in a published English version's URL, a topic named like the
    release: none of these is a leak, and the build goes through."""
    make_site(tmp_path, {
        **FILES,
        "releases/2024/a.md": release("Bilanz der Ausbildung", "2024-03-01", f"Demnächst: {TITLE}.",
                                      topics="[Herbstumfrage der Testkammer]"),
        "releases/2024/en.md": release("Takeover", "2024-05-02", "Signed.", lang="en",
                                       slug="uebernahme-der-firma-mueller-soehne", translation="ue"),
        "releases/2024/geheim.md": release(TITLE, "2024-05-02", "Der Vertrag.", embargo="2025-07-01T10:00",
                                           translation="ue"),
    })
    result = build(tmp_path)
    assert result.status == 0, result.err
    assert (tmp_path / "public/en" / URL / "index.html").is_file()
    assert not (tmp_path / "public" / URL).exists()
    german_url = f'"/{URL}"'.encode()
    assert all(german_url not in data for data in tree_bytes(tmp_path / "public").values())


def test_a_withheld_release_whose_slug_names_a_folder_of_the_site_is_no_false_alarm(tmp_path: Path) -> None:
    """Every search page links to /pagefind/: a withheld `slug: pagefind` is not what it names."""
    make_site(tmp_path, {**FILES, "releases/2024/geheim.md": release(TITLE, "2024-05-02", "Text.", slug="pagefind",
                                                                      embargo="2025-07-01T10:00")})
    checked = run_cli("check", "--content", "content", "--now", NOW, "--quiet", cwd=tmp_path)
    built = build(tmp_path)
    assert (checked.status, built.status) == (0, 0), built.err
    assert all(b"/releases/2024/pagefind/" not in data for data in tree_bytes(tmp_path / "public").values())


def test_media_of_an_embargoed_release_wait_for_it(tmp_path: Path) -> None:
    """Its image and attachment are not copied before the embargo (a guessed URL finds nothing), then are."""
    files = {**FILES,
             "media/vertrag.pdf": b"%PDF-1.4 geheim", "media/foto.jpg": b"\xff\xd8\xff geheim",
             "releases/2024/geheim.md": release(TITLE, "2024-05-02", "Text.", embargo="2025-07-01T10:00",
                                                image="{src: media/foto.jpg, alt: Handschlag}",
                                                attachments="[{src: media/vertrag.pdf, title: Vertrag}]")}
    make_site(tmp_path, files)
    assert build(tmp_path).status == 0
    assert (tmp_path / "public/media/logo.svg").is_file()
    assert not (tmp_path / "public/media/foto.jpg").exists()
    assert not (tmp_path / "public/media/vertrag.pdf").exists()
    assert build(tmp_path, "--now", "2025-07-01T10:00").status == 0
    assert (tmp_path / "public/media/foto.jpg").read_bytes() == b"\xff\xd8\xff geheim"
    assert (tmp_path / "public/media/vertrag.pdf").is_file()


def test_media_an_embargoed_release_links_to_in_any_form_wait_for_it(tmp_path: Path) -> None:
    """A link written with %20 for a space, as the site's full address, relative to the page, or with a
    query or fragment is a link to the same file: it waits for the release too."""
    links = ["[Bericht](/media/Bericht%202030.pdf)", "[Plan](https://presse.example.org/media/plan.pdf#seite=2)",
             "[Karte](../../../media/karte.pdf)", "[Liste](/media/liste.pdf?v=2)",
             '<a href="https://presse.example.org/media/bild.png">Bild</a>',
             '<img srcset="data:image/gif;base64,R0lGODlhAQABAAAAACw= 1x, /media/klein%20bild.png 2x" alt="">',
             "[Port](HTTPS://presse.example.org:443/media/port.pdf)"]
    secret = {f"media/{name}": b"geheim" for name in ("Bericht 2030.pdf", "plan.pdf", "karte.pdf", "liste.pdf",
                                                       "bild.png", "klein bild.png", "port.pdf")}
    secret["media/anhang.pdf"] = b"geheim"  # an attachment given by the site's full address
    make_site(tmp_path, {**FILES, **secret, "releases/2024/geheim.md": release(
        TITLE, "2024-05-02", "Text: " + " ".join(links), embargo="2025-07-01T10:00",
        attachments='[{src: "https://presse.example.org/media/anhang.pdf", title: Anhang}]')})
    assert build(tmp_path).status == 0
    assert sorted(p.name for p in (tmp_path / "public/media").iterdir()) == ["logo.svg"]
    staging = tmp_path / "staging"  # the links name site.yaml's address, the build another: still this site's
    assert build(tmp_path, "--base-url", "https://staging.example.net/", "--output", staging).status == 0
    assert sorted(p.name for p in (staging / "media").iterdir()) == ["logo.svg"]
    assert build(tmp_path, "--now", "2025-07-01T10:00").status == 0
    assert all((tmp_path / "public" / name).read_bytes() == b"geheim" for name in secret)


def test_a_file_a_published_page_links_to_relatively_under_a_sub_path_is_copied(tmp_path: Path) -> None:
    """/presse/impressum/ links ../media/plan.pdf, which is /presse/media/plan.pdf: the page is public, so the
    file is, though an embargoed release uses it too."""
    make_site(tmp_path, {**FILES, "media/plan.pdf": b"%PDF", "pages/impressum.md": "---\ntitle: Impressum\n---\n"
                         "[Plan](../media/plan.pdf)\n",
                         "releases/2024/geheim.md": release(TITLE, "2024-05-02", "[Plan](media/plan.pdf)",
                                                            embargo="2025-07-01T10:00")})
    assert build(tmp_path, "--base-url", "https://example.org/presse/").status == 0
    assert (tmp_path / "public/media/plan.pdf").read_bytes() == b"%PDF"


def test_media_that_a_published_release_uses_too_is_copied(tmp_path: Path) -> None:
    make_site(tmp_path, {**FILES, "media/foto.jpg": b"\xff\xd8\xff",
                         "releases/2024/a.md": release("Bilanz der Ausbildung", "2024-03-01",
                                                       image="{src: media/foto.jpg, alt: Saal}"),
                         "releases/2024/geheim.md": release(TITLE, "2024-05-02", embargo="2025-07-01T10:00",
                                                            image="{src: media/foto.jpg, alt: Saal}")})
    assert build(tmp_path).status == 0
    assert (tmp_path / "public/media/foto.jpg").is_file()


def test_incremental_build_rescans_unchanged_files_for_a_new_embargo(tmp_path: Path) -> None:
    """A file the last build wrote and this one would keep as it is, is scanned again when a release
    becomes withheld: the scan is over the whole output, not just what changed."""
    make_site(tmp_path, {"releases/2024/a.md": FILES["releases/2024/a.md"]})
    templates = override(tmp_path, "404.html", "<p>Herbstumfrage der Testkammer</p>\n")
    static = override(tmp_path, "teaser.txt", "Bald: Übernahme der Firma Müller & Söhne\n", folder="static-override")
    assert build(tmp_path, "--templates", templates, "--static", static).status == 0
    (tmp_path / "content/releases/2025").mkdir()
    (tmp_path / "content/releases/2025/herbst.md").write_text(FILES["releases/2025/herbst.md"])
    (tmp_path / "content/releases/2024/geheim.md").write_text(FILES["releases/2024/geheim.md"])
    assert refused(tmp_path, "--templates", templates, "--static", static) == [
        f"{EMBARGOED}:2: {EMBARGO_WHAT} would leak into teaser.txt: found '{TITLE}' — {HINT}",
        "content/releases/2025/herbst.md:2: this release, dated 2025-09-01 00:00 CEST, would leak into 404.html: "
        f"found 'Herbstumfrage der Testkammer' — {HINT}",
        "2 errors"]
