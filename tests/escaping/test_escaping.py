"""Escaping everywhere: a title, summary, topic, image text and contact with </script>, <b>, &, both
quotes, a line separator and non-BMP characters come out as the same text in HTML (elements and
attributes), JSON-LD, RSS, Atom, JSON Feed, ninjs and vCard, and every feed still parses."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import pytest
import vobject
from lxml import etree, html

from tests.conftest import make_site, run_cli

TITLE = 'Böse </script><script>alert(1)</script> <b>fett</b> & "Zitat" \'x\' 😀 Ende'
SUMMARY = "Kurz: </script> <b>&amp;</b> & \"q\" 'a' 😀\u2028zweite Zeile 𝄞"
TOPIC = "Forschung & <Entwicklung> \"F&E\""
ALT = 'Ein "Bild" <mit> & \'Zeichen\' 😀'
NAME = 'Dr. Anna </script> & "B" Müller-Lüdenscheidt 😀'
ROLE = "Presse, Kommunikation; Leitung"
ORGANIZATION = 'Müller & Söhne "GmbH"\\Berlin'


def yaml_quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("escaping")
    contact = (f"presse:\n  name: {yaml_quoted(NAME)}\n  role: {yaml_quoted(ROLE)}\n"
               f"  organization: {yaml_quoted(ORGANIZATION)}\n  email: presse@example.org\n")
    release = (f"---\ntitle: {yaml_quoted(TITLE)}\ndate: 2024-05-02T10:00\nslug: boese\n"
               f"summary: \"{SUMMARY.replace(chr(34), chr(92) + chr(34)).replace(chr(0x2028), chr(92) + 'L')}\"\n"
               f"topics: [{yaml_quoted(TOPIC)}]\nimage: {{src: media/logo.svg, alt: {yaml_quoted(ALT)}}}\n"
               "---\nText mit <b>echtem</b> HTML aus Markdown & einem Zeichen 😀.\n")
    make_site(root, {"releases/2024/boese.md": release, "contacts.yaml": contact})
    result = run_cli("build", "--content", root / "content", "--output", root / "public", "--now", "2025-01-01")
    assert result.status == 0, result.err
    return root / "public"


def test_release_page_elements_and_attributes(site: Path) -> None:
    page = html.fromstring((site / "releases/2024/boese/index.html").read_bytes())
    heading = page.xpath("//h1")[0]
    assert heading.text_content() == TITLE and len(heading) == 0  # no element was injected
    assert page.xpath("//title")[0].text_content().startswith(TITLE)
    assert page.xpath("//meta[@property='og:title']/@content") == [TITLE]
    assert page.xpath("//meta[@name='description']/@content") == [SUMMARY]
    assert page.xpath("//img[contains(@class, '') and @alt]/@alt")[-1] == ALT or ALT in page.xpath("//img/@alt")
    assert NAME in [e.text_content() for e in page.xpath("//*[contains(@class, 'p-name')]")]
    assert not page.xpath("//script[contains(., 'alert(1)')][not(@type='application/ld+json')]")


def test_json_ld_is_valid_and_cannot_close_its_script(site: Path) -> None:
    raw = (site / "releases/2024/boese/index.html").read_text("utf-8")
    page = html.fromstring(raw)
    blocks = page.xpath("//script[@type='application/ld+json']")
    assert blocks
    article = next(d for d in (json.loads(b.text) for b in blocks) if d.get("@type") == "NewsArticle")
    assert article["headline"] == TITLE and article["description"] == SUMMARY
    assert article["keywords"] == [TOPIC]
    assert raw.count("</script>") == len(page.xpath("//script"))  # every </script> closes a real script


@pytest.mark.parametrize("feed", ["feed.xml", "atom.xml", "topics/forschung-entwicklung-f-e/feed.xml",
                                  "topics/forschung-entwicklung-f-e/atom.xml"])
def test_feeds_parse_and_keep_the_text(site: Path, feed: str) -> None:
    data = (site / feed).read_bytes()
    etree.fromstring(data)  # well-formed XML
    parsed = feedparser.parse(data)
    assert not parsed.bozo, parsed.get("bozo_exception")
    entry = parsed.entries[0]
    assert entry.title == TITLE
    assert [t.term for t in entry.tags] == [TOPIC]
    if entry.summary_detail.type == "text/html":  # RSS: the description is HTML, so the text is escaped twice
        assert html.fromstring(f"<div>{entry.summary}</div>").text_content() == SUMMARY
    else:
        assert entry.summary == SUMMARY


def test_json_outputs_keep_the_text(site: Path) -> None:
    feed = json.loads((site / "feed.json").read_bytes())
    assert feed["items"][0]["title"] == TITLE
    ninjs = json.loads((site / "releases/2024/boese/ninjs.json").read_bytes())
    assert ninjs["headlines"][0]["value"] == TITLE


def test_every_xml_and_json_output_parses(site: Path) -> None:
    for path in sorted(site.rglob("*")):
        if path.suffix == ".xml":
            etree.fromstring(path.read_bytes())
        elif path.suffix == ".json" and "pagefind" not in path.parts:
            json.loads(path.read_bytes())


def test_vcard_round_trips(site: Path) -> None:
    card = vobject.readOne((site / "contacts/presse.vcf").read_text("utf-8"))
    assert card.fn.value == NAME
    assert card.title.value == ROLE
    assert card.org.value == [ORGANIZATION]
    contacts = html.fromstring((site / "contacts/index.html").read_bytes())
    assert NAME in [e.text_content() for e in contacts.xpath("//*[contains(@class, 'p-name')]")]
