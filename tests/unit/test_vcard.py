"""vCard 4.0 rendering: escaping, folding, structured name."""

from __future__ import annotations

import vobject  # type: ignore[import-untyped]

from generator.config import SiteConfig
from generator.model.entities import Address, Contact
from generator.render.vcard import escape_value, fold_line, render_vcard, structured_name, tel_number


def test_escape_value() -> None:
    assert escape_value("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"


def test_fold_line_counts_octets() -> None:
    line = "NOTE:" + "ä" * 60
    folded = fold_line(line)
    assert all(len(part.encode("utf-8")) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line


def test_structured_name() -> None:
    assert structured_name("Dr. Detlef Schulz-Kuhnt") == "Schulz-Kuhnt;Detlef;;Dr.;"
    assert structured_name("Anna Müller") == "Müller;Anna;;;"


def test_render_vcard() -> None:
    contact = Contact(id="x", name="Dr. Erika Beispiel", role="Kommunikation", organization="Kammer, Nord",
                      address=Address(street="Musterstraße 1", postal_code="74072", city="Heilbronn", country="DE"),
                      phone="+49 7131 555-0100", email="presse@example.org",
                      links=(("Web", "https://example.org/"),))
    text = render_vcard(contact, SiteConfig(title="T", base_url="https://example.org/")).decode("utf-8")
    assert text.split("\r\n") == [
        "BEGIN:VCARD", "VERSION:4.0", "KIND:individual", "FN:Dr. Erika Beispiel", "N:Beispiel;Erika;;Dr.;",
        "ORG:Kammer\\, Nord", "TITLE:Kommunikation", "ADR;TYPE=work:;;Musterstraße 1;Heilbronn;;74072;Deutschland",
        'TEL;VALUE=uri;TYPE="work,voice":tel:+49-7131-555-0100', "EMAIL;TYPE=work:presse@example.org",
        "URL;TYPE=work:https://example.org/", "LANG:de", "END:VCARD", "",
    ]


def test_tel_number_drops_the_trunk_zero_after_the_country_code() -> None:
    assert tel_number("+49 (0) 7131 555-0199") == "+4971315550199"
    assert tel_number("+49 (0) 7131 555-0199", "-") == "+49-7131-555-0199"
    assert tel_number("+49(0)7131/555-0199", "-") == "+49-7131-555-0199"
    assert tel_number("+43 (0)1 514 50") == "+43151450"
    assert tel_number("+49 7131 555-0100", "-") == "+49-7131-555-0100"
    assert tel_number("07131 (0) 555") == "071310555"  # no country code: nothing is dropped
    assert tel_number("(07131) 555-0100", "-") == "07131-555-0100"


def test_render_vcard_dials_a_german_number_from_abroad() -> None:
    contact = Contact(id="x", name="Erika Beispiel", phone="+49 (0) 7131 555-0199")
    text = render_vcard(contact, SiteConfig(title="T", base_url="https://example.org/")).decode("utf-8")
    assert 'TEL;VALUE=uri;TYPE="work,voice":tel:+49-7131-555-0199' in text.split("\r\n")


def test_a_url_with_a_comma_or_semicolon_is_read_back_whole() -> None:
    """RFC 6350 §3.4: "," and ";" in a URI value are percent-encoded, or a reader cuts the URL there."""
    contact = Contact(id="x", name="Erika Beispiel", links=(("Mastodon", "https://social.example.org/@a,b;c"),))
    text = render_vcard(contact, SiteConfig(title="T", base_url="https://example.org/")).decode("utf-8")
    assert "URL;TYPE=work:https://social.example.org/@a%2Cb%3Bc" in text.split("\r\n")
    assert vobject.readOne(text).url.value == "https://social.example.org/@a%2Cb%3Bc"
