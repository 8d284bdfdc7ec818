"""`build.py check` on tests/fixtures/broken_site (one file per error class) prints exactly these lines."""

from __future__ import annotations

from tests.conftest import ROOT, run_cli

B = "tests/fixtures/broken_site"
R = f"{B}/releases/2024"

EXPECTED = [
    f"{B}/contacts.yaml:4: presse.email: 'presse(at)example.org' is not an e-mail address — write it like "
    "presse@example.org",
    f"{B}/pages/topics.md:1: the page URL /topics/ is reserved for the site's own pages — rename the file, or set "
    "another `slug:`",
    f"{R}/alias-on-a-page.md:4: aliases: /releases/2024/in-ordnung/ is already the URL of {R}/in-ordnung.md — "
    "remove the alias; that URL already has a page",
    f"{R}/bad-slug.md:4: slug: '../../etc/passwd' is not a valid slug — use lower case letters, digits and single "
    "hyphens, e.g. etc-passwd",
    f"{R}/collision-b.md:2: has the same URL /releases/2024/doppelte-adresse/ as {R}/collision-a.md — give one of "
    "them a different `slug`",
    f"{R}/date-german.md:3: date: '04.03.2024' is not a date — did you mean 2024-03-04?",
    f"{R}/embargo-before-date.md:4: embargo: 2024-03-04T10:00+01:00 is before the release date "
    "2024-03-05T10:00+01:00, so it would hold nothing back — set the embargo at or after `date`, or remove it",
    f"{R}/hostile-yaml.md:2: YAML: the tag !!python/object/apply:os.system is not allowed — remove the tag; only "
    "plain text, numbers, yes/no, lists and mappings are read",
    f"{R}/image-without-alt.md:4: image.alt: missing — add `alt:` with your value, e.g. "
    "`alt: Was auf dem Bild zu sehen ist`",
    f"{R}/missing-attachment.md:5: attachments[1].src: 'media/bericht.pdf' does not exist — put the file under "
    "content/media/ and write media/<name>",
    f"{R}/no-front-matter.md:1: the file has no front matter — start it with a line `---`, the YAML keys, then "
    "another `---`",
    f"{R}/not-utf8.md:5: the file is not UTF-8 text — save it as UTF-8 in your editor",
    f"{R}/unknown-contact.md:4: contacts: 'schulz-kunt' is not in contacts.yaml — add it to contacts.yaml, or "
    "write the contact inline",
    f"{R}/unknown-key.md:2: titel: unknown key — did you mean title?",
    f"{R}/unknown-topic.md:4: topics: 'Ausbilung' is not in topics.yaml — did you mean Ausbildung?",
    f"{R}/wrong-type.md:4: draft: must be true or false, not 'ja' — write `draft: true` or `draft: false`",
    f"{R}/yaml-syntax.md:2: YAML: this quote is not closed — close it at the end of the value; a quote inside "
    "the value must be doubled ('') in single quotes or escaped (\\\") in double quotes",
    f"{B}/site.yaml:4: timezone: 'Europe/Berln' is not a time zone — did you mean Europe/Berlin?",
    f"{B}/topics.yaml:2: Aussenwirtschaft: has the same URL /topics/aussenwirtschaft/ as the topic "
    "'Außenwirtschaft' — merge the two topics, or give one of them another `slug`",
    "19 errors",
]


def test_check_lists_every_problem_of_the_broken_site_exactly() -> None:
    result = run_cli("check", "--content", B, cwd=ROOT)
    assert result.status == 1
    assert result.out == ""
    assert result.error_lines == EXPECTED


def test_every_broken_file_is_reported() -> None:
    """Each file but the two good ones (and collision-a, named by collision-b) has an error line of its own."""
    files = {p.relative_to(ROOT).as_posix() for p in (ROOT / B).rglob("*.*")
             if p.suffix in (".md", ".yaml") and p.name != "README.md"}
    reported = {line.split(":", 1)[0] for line in EXPECTED[:-1]}
    assert files - reported == {f"{R}/in-ordnung.md", f"{R}/collision-a.md", f"{B}/pages/impressum.md"}
