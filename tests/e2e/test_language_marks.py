"""Language of parts: on a page in another language than the site's, the site-language text it shows
(the site's boilerplate, a contacts.yaml contact's role, organization and link labels, a topic name in
a feed link) carries lang; the release's own text (its boilerplate, an inline contact) does not."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import make_site, release, run_cli

INLINE = '[presse, {name: "Jane Doe", role: "Press officer", organization: "Trade Office"}]'


def build(root: Path, files: dict[str, str | bytes]) -> Path:
    content = make_site(root, files)
    result = run_cli("build", "--content", content, "--output", root / "out", "--now", "2024-06-01")
    assert result.status == 0, result.err
    return root / "out"


def test_site_language_text_on_an_english_release_is_marked(tmp_path: Path) -> None:
    out = build(tmp_path, {"releases/a.en.md": release("Trade fair", lang="en", topics="[Ausbildung]",
                                                       contacts=INLINE)})
    page = (out / "en/releases/2024/trade-fair/index.html").read_text("utf-8")
    assert ('<section class="boilerplate" aria-labelledby="about-heading" lang="de">\n'
            '      <h2 id="about-heading" lang="en">About us</h2>\n'
            "<p>Die Testkammer vertritt 1.000 Unternehmen.</p>") in page
    assert '<p class="contact-role p-job-title" lang="de">Kommunikation</p>' in page
    assert '<p class="contact-org p-org" lang="de">Testkammer</p>' in page
    assert '<a class="u-url" href="https://social.example.org/@testkammer" lang="de">Social Media</a>' in page
    assert '<p class="contact-role p-job-title">Press officer</p>' in page  # written in the release: English
    assert '<p class="contact-org p-org">Trade Office</p>' in page
    topic = (out / "en/topics/ausbildung/index.html").read_text("utf-8")
    assert '>RSS feed: <span lang="de">Ausbildung</span></a>' in topic


def test_a_release_s_own_boilerplate_and_a_site_language_page_carry_no_extra_lang(tmp_path: Path) -> None:
    out = build(tmp_path, {"releases/a.en.md": release("Trade fair", lang="en", boilerplate='"We are a chamber."'),
                           "releases/b.md": release("Messe", topics="[Ausbildung]")})
    english = (out / "en/releases/2024/trade-fair/index.html").read_text("utf-8")
    assert ('<section class="boilerplate" aria-labelledby="about-heading">\n'
            '      <h2 id="about-heading">About us</h2>\n<p>We are a chamber.</p>') in english
    german = (out / "releases/2024/messe/index.html").read_text("utf-8")
    assert '<section class="boilerplate" aria-labelledby="about-heading">' in german
    assert (out / "contacts/index.html").read_text("utf-8").count('lang="de"') == 1  # <html lang="de"> only
    assert ">RSS-Feed: Ausbildung</a>" in (out / "topics/ausbildung/index.html").read_text("utf-8")
