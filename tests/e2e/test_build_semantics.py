"""All or nothing, no stale files, byte-identical rebuilds, base URL overrides and sub-paths."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import SITE_YAML, make_site, png, release, run_cli, tree_bytes
from tests.e2e.fixture_build import FIXTURE_NOW, FIXTURE_SITE, build_fixture


def test_same_input_gives_byte_identical_output(tmp_path: Path, fixture_output: Path) -> None:
    assert tree_bytes(build_fixture(tmp_path / "again")) == tree_bytes(fixture_output)


def test_failed_build_leaves_output_as_it_was(tmp_path: Path) -> None:
    content = make_site(tmp_path, {"releases/a.md": release("A")})
    output = tmp_path / "public"
    assert run_cli("build", "--content", content, "--output", output, "--now", FIXTURE_NOW).status == 0
    before = tree_bytes(output)
    (content / "releases/b.md").write_text(release("B", date="24.07.2008"), encoding="utf-8")
    (content / "releases/c.md").write_text(release("C", topics="[X]", titel="x"), encoding="utf-8")
    result = run_cli("build", "--content", content, "--output", output, "--now", FIXTURE_NOW)
    assert result.status == 1
    assert result.error_lines == [
        f"{content}/releases/b.md:3: date: '24.07.2008' is not a date — did you mean 2008-07-24?",
        f"{content}/releases/c.md:5: titel: unknown key — did you mean title?",
        "2 errors",
    ]
    assert tree_bytes(output) == before


def test_successful_build_leaves_no_stale_files(tmp_path: Path) -> None:
    content = make_site(tmp_path, {"releases/a.md": release("Alt"), "releases/b.md": release("Bleibt")})
    output = tmp_path / "public"
    run_cli("build", "--content", content, "--output", output, "--now", FIXTURE_NOW)
    assert (output / "releases/2024/alt/index.html").exists()
    (content / "releases/a.md").unlink()
    (output / "stray.txt").write_text("left by hand")
    assert run_cli("build", "--content", content, "--output", output, "--now", FIXTURE_NOW).status == 0
    assert not (output / "releases/2024/alt").exists()
    assert not (output / "stray.txt").exists()
    assert (output / "releases/2024/bleibt/index.html").exists()


@pytest.mark.parametrize("how", ["flag", "environment"])
def test_base_url_override(tmp_path: Path, how: str, monkeypatch: pytest.MonkeyPatch) -> None:
    extra = ("--base-url", "https://staging.example.net/") if how == "flag" else ()
    if how == "environment":
        monkeypatch.setenv("SITE_BASE_URL", "https://staging.example.net/")
    output = build_fixture(tmp_path / "staging", *extra)
    assert b"https://staging.example.net/feed.xml" in (output / "feed.xml").read_bytes()
    assert b"presse.example.org" not in (output / "sitemap.xml").read_bytes()


def test_sub_path_site_has_no_broken_link(tmp_path: Path) -> None:
    output = build_fixture(tmp_path / "presse", "--base-url", "https://example.org/presse/")
    checked = 0
    for page in output.rglob("*.html"):
        for url in re.findall(r'(?:href|src)="([^"#?]*)[^"]*"', page.read_text("utf-8")):
            if url.startswith("https://example.org/presse/"):
                url = "/presse/" + url.removeprefix("https://example.org/presse/")
            if not url.startswith("/"):
                continue  # other hosts, mailto:, tel:
            assert url.startswith("/presse/"), f"{page}: {url} escapes the sub-path"
            target = output / url.removeprefix("/presse/")
            assert target.is_file() or (target / "index.html").is_file(), f"{page}: broken link {url}"
            checked += 1
    assert checked > 200


def test_a_logo_written_with_a_leading_slash_is_a_media_file_under_the_sub_path(tmp_path: Path) -> None:
    site_yaml = SITE_YAML.replace("logo: media/logo.svg", "logo: /media/logo.png")  # raster: also og:image
    content = make_site(tmp_path, {"site.yaml": site_yaml, "media/logo.png": png(200, 200),
                                   "releases/a.md": release("Erste")})
    result = run_cli("build", "--content", content, "--output", tmp_path / "out", "--now", "2024-06-01",
                     "--base-url", "https://example.org/presse/")
    assert result.status == 0, result.err
    page = (tmp_path / "out/releases/2024/erste/index.html").read_text("utf-8")
    assert '<img src="/presse/media/logo.png"' in page
    assert '<meta property="og:image" content="https://example.org/presse/media/logo.png">' in page
    assert (tmp_path / "out/media/logo.png").is_file()


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run_cli("build", "--now", "gestern").status == 2
    for command in ("build", "check"):  # a time that daylight saving skips in the site's zone (Europe/Berlin)
        skipped = run_cli(command, "--content", FIXTURE_SITE, "--now", "2026-03-29T02:30",
                          *(("--output", tmp_path / "out") if command == "build" else ()))
        assert (skipped.status, skipped.error_lines) == (2, [
            "build.py: error: --now: '2026-03-29T02:30' does not exist in Europe/Berlin: the clocks skip that hour "
            "when daylight saving time begins — write a time after the change, e.g. 2026-03-29T03:30"])
    assert run_cli("build", "--no-such-flag").status == 2
    assert run_cli("build", "--content", FIXTURE_SITE, "--output", FIXTURE_SITE).status == 2
    for argv in (["build"], ["check"], ["serve"], ["new", "Titel"]):
        missing = run_cli(*argv, "--content", tmp_path / "nowhere")
        assert (missing.status, missing.error_lines) == (2, [
            f"build.py: error: --content {tmp_path}/nowhere is not a folder; run build.py in the project folder "
            "(the one with content/), or pass --content DIR"])
    for flag in ("--templates", "--static"):  # a typo would silently drop the theme's overrides
        for command in ("build", "check", "serve"):
            refused = run_cli(command, "--content", FIXTURE_SITE, flag, tmp_path / "nowhere")
            assert (refused.status, refused.error_lines) == (2, [
                f"build.py: error: {flag} {tmp_path}/nowhere is not a folder; give the folder that holds the "
                f"theme's {flag[2:]} files to override, or leave {flag} out"])
    for port in ("99999", "-1", "abc"):
        refused = run_cli("serve", "--content", FIXTURE_SITE, "--port", port)
        assert refused.status == 2
        assert "is not a port number; use 1 to 65535 (0: any free port)" in refused.err


def test_a_preview_never_goes_to_the_default_output_folder(tmp_path: Path) -> None:
    """public/ is the folder that gets published; a preview holds drafts and embargoed releases."""
    (tmp_path / "link").symlink_to("public")
    for argv in (["build", "--preview"], ["--preview"], ["--preview", "--output", "public"],
                 ["--preview", "--output", "./public/"], ["--preview", "--output", "link"]):
        refused = run_cli(*argv, "--content", FIXTURE_SITE, "--now", FIXTURE_NOW, cwd=tmp_path)
        assert (refused.status, refused.error_lines) == (2, [
            "build.py: error: --preview needs an --output folder of its own, e.g. --output preview/: it shows "
            "drafts and embargoed releases, and public/ is the folder that gets published"])
    assert [path.name for path in tmp_path.iterdir()] == ["link"]
    built = run_cli("build", "--preview", "--content", FIXTURE_SITE, "--now", FIXTURE_NOW, "--output", "preview",
                    cwd=tmp_path)
    assert built.status == 0, built.err
    assert sorted(path.name for path in tmp_path.iterdir() if not path.name.startswith(".")) == ["link", "preview"]


@pytest.mark.parametrize("target", ["an empty folder", "a folder to be made"])
def test_an_output_that_is_a_symbolic_link_builds_into_the_folder_it_points_to(tmp_path: Path, target: str) -> None:
    """public -> /var/www/presse, as a web server's folder often is: the link stays, the folder is built."""
    www = tmp_path / "www" / "presse"
    if target == "an empty folder":
        www.mkdir(parents=True)
    else:
        www.parent.mkdir()
    (tmp_path / "public").symlink_to(www)
    for _ in range(2):
        built = run_cli("build", "--content", FIXTURE_SITE, "--output", "public", "--now", FIXTURE_NOW, cwd=tmp_path)
        assert built.status == 0, built.err
    assert (tmp_path / "public").is_symlink() and (tmp_path / "public").resolve() == www
    run_cli("build", "--content", FIXTURE_SITE, "--output", tmp_path / "direct", "--now", FIXTURE_NOW)
    assert tree_bytes(www) == tree_bytes(tmp_path / "direct")


def test_hidden_static_files_stay_out_but_well_known_is_published(tmp_path: Path) -> None:
    """The same rule as the dev server's (devserver/changes.py): .git/ and .cache/ are not the theme."""
    static = tmp_path / "static"
    for name in (".well-known/security.txt", ".git/config", ".cache/x.css", "css/.hidden.css", ".DS_Store",
                 "css/extra.css"):
        (static / name).parent.mkdir(parents=True, exist_ok=True)
        (static / name).write_text("x", "utf-8")
    built = run_cli("build", "--content", FIXTURE_SITE, "--output", tmp_path / "public", "--now", FIXTURE_NOW,
                    "--static", static)
    assert built.status == 0, built.err
    published = {p.relative_to(tmp_path / "public").as_posix() for p in (tmp_path / "public").rglob("*") if p.is_file()}
    assert {".well-known/security.txt", "css/extra.css"} <= published
    assert not {".git/config", ".cache/x.css", "css/.hidden.css", ".DS_Store"} & published


def test_a_now_in_the_future_never_goes_to_the_default_output_folder(tmp_path: Path) -> None:
    """It would publish into public/ what is embargoed until then."""
    refused = run_cli("build", "--content", FIXTURE_SITE, "--now", "2099-01-01T10:00", cwd=tmp_path)
    named = run_cli("build", "--content", FIXTURE_SITE, "--now", "2099-01-01T10:00", "--output", "public", cwd=tmp_path)
    assert named.error_lines == refused.error_lines
    assert (refused.status, refused.error_lines) == (2, [
        "build.py: error: --now in the future publishes what is embargoed until then; build into an --output of "
        "its own (e.g. --output preview/), or see what it would publish with check --now … --schedule FILE"])
    assert list(tmp_path.iterdir()) == []
    assert run_cli("build", "--content", FIXTURE_SITE, "--now", "2099-01-01T10:00", "--output", "later",
                   cwd=tmp_path).status == 0
    assert run_cli("build", "--content", FIXTURE_SITE, "--now", FIXTURE_NOW, cwd=tmp_path).status == 0  # the past


def test_the_cache_beside_the_output_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    """It holds the texts of withheld releases; with --output /var/www/html/presse it would lie in a
    served folder, and a web server running as another user must not read it."""
    built = run_cli("build", "--content", FIXTURE_SITE, "--output", tmp_path / "www/presse", "--now", FIXTURE_NOW)
    assert built.status == 0, built.err
    assert (tmp_path / "www/.pressroom-cache").stat().st_mode & 0o777 == 0o700
    assert (tmp_path / "www/presse").stat().st_mode & 0o777 == 0o755


def test_an_output_folder_that_is_not_a_built_site_is_never_replaced(tmp_path: Path) -> None:
    """A build replaces its output folder whole: `--output docs` must not wipe someone's documents."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "thesis.txt").write_text("Kapitel 1", encoding="utf-8")
    refused = run_cli("build", "--content", FIXTURE_SITE, "--output", docs)
    assert (refused.status, refused.error_lines) == (2, [
        f"build.py: error: --output {docs} holds files but is not a built site (it has no index.html and "
        "sitemap.xml), and a build replaces the folder whole; choose a new or empty folder"])
    assert [path.name for path in docs.iterdir()] == ["thesis.txt"]
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    assert run_cli("build", "--content", FIXTURE_SITE, "--output", tmp_path / "a-file").status == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    for _ in range(2):  # an empty folder, then the site built into it
        built = run_cli("build", "--content", FIXTURE_SITE, "--output", empty, "--now", FIXTURE_NOW)
        assert built.status == 0, built.err
    assert (empty / "sitemap.xml").is_file()


@pytest.mark.parametrize("how", ["flag", "environment"])
def test_invalid_base_url_override_is_a_usage_error(how: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if how == "environment":
        monkeypatch.setenv("SITE_BASE_URL", "presse.example.org")
    flag = ["--base-url", "presse.example.org"] if how == "flag" else []
    result = run_cli("check", "--content", FIXTURE_SITE, *flag)
    assert result.status == 2
    name = "--base-url" if how == "flag" else "SITE_BASE_URL"
    assert f"{name}: 'presse.example.org' is not an absolute URL" in result.err


@pytest.mark.parametrize("how", ["flag", "environment"])
def test_base_url_override_with_a_control_character_is_a_usage_error(how: str,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """It would go as it is into every feed, which XML then cannot read."""
    url = "https://example.org/presse\x0b/"
    if how == "environment":
        monkeypatch.setenv("SITE_BASE_URL", url)
    flag = ["--base-url", url] if how == "flag" else []
    result = run_cli("check", "--content", FIXTURE_SITE, *flag)
    assert result.status == 2
    name = "--base-url" if how == "flag" else "SITE_BASE_URL"
    assert (f"{name}: 'https://example.org/presse\\x0b/' has a space or an invisible character in it — write the "
            "URL without them; a space in a path is written %20") in result.err
    assert "\x0b" not in result.err
