"""`build.py check`: validates without writing and reports warnings; --strict; --format github."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.config import BuildOptions
from generator.errors import BuildFailed
from generator.pipeline import render_site
from generator.rebuild import BuildMemory
from tests.conftest import CONTACTS_YAML, ROOT, make_site, release, run_cli

NOW = "2026-11-25T12:00:00+01:00"
LONG = "Ein sehr langer erster Absatz. " * 15  # 450 characters
BIG = 5 * 1024 * 1024 + 1
WEBER = 'weber:\n  name: "Thomas Weber"\n'


def warning_site(root: Path) -> Path:
    return make_site(root, {
        "contacts.yaml": CONTACTS_YAML + WEBER,
        "releases/lang.md": release("Lang", body="\n" + LONG),
        "releases/kurz.md": release("Mit Summary", summary='"Kurz."', body=LONG),
        "releases/quelle.md": release("Quelle", translation="messe", updated="2024-03-05"),
        "releases/source.en.md": release("Source", lang="en", translation="messe"),
        "releases/sperrfrist.md": release("Sperrfrist", embargo="2030-01-15T10:00"),
        "releases/entwurf.md": release("Entwurf", date="2031-01-01", draft="true"),
    })


def expected_warnings(content: Path) -> list[str]:
    return [
        f"{content}/contacts.yaml:9: warning: weber: no release names this contact — "
        "name it in a release's `contacts:`, or remove it",
        f"{content}/releases/lang.md:6: warning: no summary, and the first paragraph (464 characters) is long for "
        "lists, feeds and search results — add `summary:` with one or two sentences",
        f"{content}/releases/source.en.md:5: warning: translation: older than its source "
        f"{content}/releases/quelle.md, which was updated on 2024-03-05 00:00 CET — "
        "bring the translation up to date and set its `updated:`",
        f"{content}/releases/sperrfrist.md:4: warning: embargo: will be published at 2030-01-15 10:00 CET — "
        "it goes online with the first build after that time; make sure one runs then",
    ]


def test_check_reports_warnings_and_writes_nothing(tmp_path: Path) -> None:
    content = warning_site(tmp_path)
    result = run_cli("check", "--content", content, "--now", NOW, cwd=tmp_path)
    assert result.status == 0
    assert result.error_lines == [*expected_warnings(content), "4 warnings"]
    assert result.out == (f"Checked {content}/: no errors, 4 warnings; 4 releases published, 2 withheld "
                          "(next publication 2030-01-15 10:00 CET).\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content"]


def test_a_long_first_paragraph_after_a_picture_is_found_at_its_line(tmp_path: Path) -> None:
    """The teaser of a release that starts with a picture is its first paragraph of text."""
    content = make_site(tmp_path, {"releases/bild.md": release("Bild", body="![Foto](media/logo.svg)\n\n" + LONG)})
    assert run_cli("check", "--content", content).error_lines == [
        f"{content}/releases/bild.md:7: warning: no summary, and the first paragraph (464 characters) is long for "
        "lists, feeds and search results — add `summary:` with one or two sentences", "1 warning"]


def test_check_warns_about_images_over_5_mb(tmp_path: Path) -> None:
    content = make_site(tmp_path, {
        "releases/bild.md": release("Bild", image='{src: media/gross.jpg, alt: "Ein Foto"}'),
        "media/gross.jpg": b"\xff" * BIG,
        "media/riesig.png": b"\x89" * BIG,
        "media/gross.pdf": b"%" * BIG,  # not an image
        "media/klein.jpg": b"\xff" * 1000,
    })
    hint = "scale it to at most 2000 pixels wide and save it again (a JPEG of that size has under 1 MB)"
    assert run_cli("check", "--content", content).error_lines == [
        f"{content}/media/riesig.png: warning: media/riesig.png is 5.0 MB; readers on a phone wait for it — {hint}",
        f"{content}/releases/bild.md:4: warning: image: media/gross.jpg is 5.0 MB; readers on a phone wait for it "
        f"— {hint}",
        "2 warnings",
    ]


def test_check_warns_once_per_language_the_theme_has_no_interface_words_for(tmp_path: Path) -> None:
    content = make_site(tmp_path, {
        "releases/b.fr.md": release("Deux", lang="fr"), "releases/a.fr.md": release("Un", lang="fr"),
        "releases/c.en-GB.md": release("Three", lang="en-GB"), "releases/d.md": release("Vier"),
        "releases/e.pt-BR.md": release("Cinco", lang="pt-BR"),
    })
    assert run_cli("check", "--content", content).error_lines == [
        f"{content}/releases/a.fr.md:4: warning: lang: the theme has its interface words (menus, headings, labels) "
        "in German and English only, so the pages of the 2 releases in 'fr' show them in English around the "
        "French text and dates — fine for a few releases; for a whole section in French, the words must be "
        "added to generator/render/strings.py",
        f"{content}/releases/e.pt-BR.md:4: warning: lang: the theme has its interface words (menus, headings, "
        "labels) in German and English only, so the pages of this release show them in English around the "
        "Portuguese (Brazil) text and dates — fine for a few releases; for a whole section in Portuguese (Brazil), "
        "the words must be added to generator/render/strings.py",
        "2 warnings",
    ]


def test_check_warns_about_links_to_addresses_the_site_does_not_have(tmp_path: Path) -> None:
    body = "\n".join([
        "Siehe [die erste](/releases/2024/erste/) und [die Präsentation](/media/logo.svg),",
        "[den Feed](/feed.xml), [die Kontakte](/contacts) und [die Startseite](/), [anderswo](https://example.org/x)",
        "und [den Anker](#mehr), [weiter oben](../erste/).",
        "",
        "Aber [die alte](/releases/2024/gibtsnicht/) und [das PDF](/media/fehlt.pdf?v=2#s3).",
    ])
    content = make_site(tmp_path, {
        "releases/2024/erste.md": release("Erste", "2024-03-01"),
        "releases/2024/links.md": release("Links", "2024-03-02", body),
    })
    hint = ("check the address (a release is at /releases/<year>/<slug>/, a file at /media/<name>); "
            "a link to another site starts with https://")
    assert run_cli("check", "--content", content, "--now", NOW).error_lines == [
        f"{content}/releases/2024/links.md:9: warning: links to /media/fehlt.pdf?v=2#s3, which is not an "
        f"address of this site — {hint}",
        f"{content}/releases/2024/links.md:9: warning: links to /releases/2024/gibtsnicht/, which is not an "
        f"address of this site — {hint}",
        "2 warnings",
    ]


def test_strict_makes_warnings_errors(tmp_path: Path) -> None:
    content = warning_site(tmp_path)
    result = run_cli("check", "--strict", "--content", content, "--now", NOW)
    assert result.status == 1
    assert result.error_lines == [line.replace(": warning: ", ": ", 1) for line in expected_warnings(content)] + [
        "4 errors"]
    assert result.out == ""


def test_a_clean_site_has_no_warnings(tmp_path: Path) -> None:
    content = make_site(tmp_path, {"releases/a.md": release("A")})
    result = run_cli("check", "--strict", "--content", content, "--now", NOW)
    assert (result.status, result.err) == (0, "")
    assert result.out == f"Checked {content}/: no problems; 1 release published, 0 withheld.\n"


def test_github_format_annotates_errors_and_warnings(tmp_path: Path) -> None:
    content = make_site(tmp_path, {"releases/a.md": release("A", date="24.07.2008", titel="x"),
                                   "releases/b.md": release("B", embargo="2030-01-15T10:00")})
    broken = run_cli("check", "--format", "github", "--content", content)
    assert broken.status == 1
    assert broken.out.splitlines() == [
        f"::error file={content}/releases/a.md,line=3::date: '24.07.2008' is not a date — did you mean 2008-07-24?",
        f"::error file={content}/releases/a.md,line=4::titel: unknown key — did you mean title?",
    ]
    assert broken.error_lines == ["2 errors"]
    (content / "releases/a.md").unlink()
    warned = run_cli("check", "--format", "github", "--content", content, "--now", NOW)
    assert warned.status == 0
    assert warned.out.splitlines()[0] == (
        f"::warning file={content}/releases/b.md,line=4::embargo: will be published at 2030-01-15 10:00 CET — "
        "it goes online with the first build after that time; make sure one runs then")


def test_check_quiet_prints_problems_only(tmp_path: Path) -> None:
    content = make_site(tmp_path, {"releases/a.md": release("A")})
    result = run_cli("check", "--quiet", "--content", content)
    assert (result.status, result.out, result.err) == (0, "", "")


def test_a_template_error_is_one_error_in_check_and_serve_as_in_build(tmp_path: Path) -> None:
    """The pages that failed are missing, so checks over the whole site (redirect targets) must not run."""
    content = make_site(tmp_path, {"releases/a.md": release("A", date="2024-05-02"),
                                   "redirects.yaml": "/alt/a.html: /releases/2024/a/\n"})
    templates = tmp_path / "templates"
    templates.mkdir()
    base = (ROOT / "templates/base.html").read_text("utf-8")
    (templates / "base.html").write_text(base.replace("</body>", "{{ undefined_var.attr }}</body>"), "utf-8")
    line = base[:base.index("</body>")].count("\n") + 1
    expected = f"{templates}/base.html:{line}: template error: 'undefined_var' is undefined — while rendering"
    for command in ("check", "build"):
        result = run_cli(command, "--content", content, "--templates", templates, "--output", tmp_path / "public"
                         ) if command == "build" else run_cli(command, "--content", content, "--templates", templates)
        assert result.status == 1
        assert len(result.error_lines) == 2 and result.error_lines[0].startswith(expected), result.err
        assert result.error_lines[1] == "1 error"
    memory = BuildMemory()
    with pytest.raises(BuildFailed) as failed:
        render_site(BuildOptions(content_dir=content, templates_dir=templates), memory=memory)
    assert len(failed.value.errors) == 1
