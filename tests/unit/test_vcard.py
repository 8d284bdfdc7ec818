"""vCard 4.0 rendering: escaping, folding, structured name."""

from __future__ import annotations

from generator.config import SiteConfig
from generator.model.entities import Address, Contact
from generator.render.vcard import escape_value, fold_line, render_vcard, structured_name


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
