"""Every vCard of the built site read back by vobject: one card per file, and each field (FN, N, ORG,
TITLE, TEL, EMAIL, ADR, URL) as content/contacts.yaml gives it; the contacts page links every card."""

from __future__ import annotations

import re
from typing import Any

import vobject  # type: ignore[import-untyped]
import yaml

from tests.conformance.site import BuiltSite
from tests.conftest import ROOT

COUNTRIES = {"DE": "Deutschland"}  # the site language's name for the sample's countries


def contacts() -> dict[str, dict[str, Any]]:
    data: dict[str, dict[str, Any]] = yaml.safe_load((ROOT / "content/contacts.yaml").read_text(encoding="utf-8"))
    return data


def digits(phone: str) -> str:
    """The number as dialled: "+49 (0) 7131 …" from abroad is +497131…, without the trunk 0."""
    return re.sub(r"[^0-9+]", "", re.sub(r"^(\+\d{1,3})\s*\(0\)", r"\1", phone.removeprefix("tel:")))


def check_card(card: Any, contact: dict[str, Any]) -> None:
    fields = card.contents
    assert card.version.value in ("3.0", "4.0")
    assert card.fn.value == contact["name"]
    assert contact["name"].endswith(card.n.value.family) and card.n.value.given in contact["name"]
    assert card.org.value[0] == contact["organization"]
    assert card.title.value == contact["role"]
    phones = [digits(contact["phone"])] if "phone" in contact else []
    assert [digits(t.value) for t in fields.get("tel", [])] == phones
    assert [e.value for e in fields.get("email", [])] == ([contact["email"]] if "email" in contact else [])
    assert [u.value for u in fields.get("url", [])] == list(contact.get("links", {}).values())
    address = contact.get("address")
    if address is None:
        assert "adr" not in fields
    else:
        adr = card.adr.value
        assert (adr.street, adr.code, adr.city) == (address["street"], address["postal_code"], address["city"])
        assert adr.country == COUNTRIES[address["country"]]


def test_every_vcard_parses_with_the_contacts_fields(built_site: BuiltSite) -> None:
    cards = built_site.files(".vcf")
    expected = contacts()
    assert sorted(card.stem for card in cards) == sorted(expected)
    for file in cards:
        parsed = list(vobject.readComponents(file.read_text(encoding="utf-8")))
        assert len(parsed) == 1, file
        check_card(parsed[0], expected[file.stem])


def test_contacts_page_links_every_vcard(built_site: BuiltSite) -> None:
    page = built_site.root / "contacts/index.html"
    hrefs = built_site.parse(page).xpath('//a[@download]/@href')
    linked = sorted(str(h).rsplit("/", 1)[-1] for h in hrefs)
    assert linked == sorted(f"{name}.vcf" for name in contacts())
