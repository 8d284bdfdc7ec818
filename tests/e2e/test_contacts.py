"""Contacts in the built site: the contact block's tel: link and the vCard dial the number as written,
without the trunk 0 of "+49 (0) …"; the number is shown as written."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.conftest import CONTACTS_YAML, make_site, release, run_cli


def test_a_trunk_zero_in_brackets_is_not_dialled(tmp_path: Path) -> None:
    contacts = CONTACTS_YAML.replace('"+49 7131 555-0100"', '"+49 (0) 7131 555-0199"')
    content = make_site(tmp_path, {"contacts.yaml": contacts, "releases/a.md": release("Erste")})
    result = run_cli("build", "--content", content, "--output", tmp_path / "out", "--now", "2024-06-01")
    assert result.status == 0, result.err
    link = '<a class="p-tel" href="tel:+4971315550199">+49 (0) 7131 555-0199</a>'
    for page in ("contacts/index.html", "releases/2024/erste/index.html"):
        assert link in (tmp_path / "out" / page).read_text("utf-8"), page
    vcard = (tmp_path / "out/contacts/presse.vcf").read_bytes().decode("utf-8")
    assert 'TEL;VALUE=uri;TYPE="work,voice":tel:+49-7131-555-0199\r\n' in vcard


def test_a_contact_id_does_not_repeat_an_id_of_the_page(tmp_path: Path) -> None:
    """A contact named `main` (the skip link's target) or `contacts-heading`: its block's id is prefixed, and
    the ninjs `people[].uri` names that id."""
    contacts = CONTACTS_YAML + 'main:\n  name: "Max Main"\ncontacts-heading:\n  name: "Hanna Heading"\n'
    content = make_site(tmp_path, {"contacts.yaml": contacts,
                                   "releases/a.md": release("Erste", contacts="[main, contacts-heading]")})
    result = run_cli("build", "--content", content, "--output", tmp_path / "out", "--now", "2024-06-01")
    assert result.status == 0, result.err
    for page in ("contacts/index.html", "releases/2024/erste/index.html"):
        ids = re.findall(r'\sid="([^"]*)"', (tmp_path / "out" / page).read_text("utf-8"))
        assert len(ids) == len(set(ids)), (page, ids)
        assert {"main", "contact-main", "contact-contacts-heading"} <= set(ids), page
    item = json.loads((tmp_path / "out/releases/2024/erste/ninjs.json").read_text("utf-8"))
    assert [p["uri"] for p in item["people"]] == ["https://presse.example.org/contacts/#contact-main",
                                                  "https://presse.example.org/contacts/#contact-contacts-heading"]
