"""contacts.yaml and inline contact mappings -> Contact records. Pure."""

from __future__ import annotations

from typing import Any

from ..errors import SourceError
from ..model.entities import Address, Contact
from ..model.urls import SLUG_PATTERN, slugify
from .schema import Fields, quote
from .yamldoc import load_yaml

CONTACT_KEYS = ("name", "role", "organization", "address", "phone", "email", "links")
ADDRESS_KEYS = ("street", "postal_code", "city", "region", "country")


def parse_contacts(text: str, path: str) -> tuple[dict[str, Contact], list[SourceError]]:
    """contacts.yaml: a mapping of contact id -> contact."""
    try:
        document = load_yaml(text, path)
    except SourceError as error:
        return {}, [error]
    if document.data is None:
        return {}, []
    if not isinstance(document.data, dict):
        return {}, [SourceError(path, 1, "contacts.yaml must map contact ids to contacts",
                                'write `schulz-kuhnt:` and below it, indented, `name: "…"`')]
    errors: list[SourceError] = []
    root = Fields(document.data, document.key_lines, path, errors=errors)
    contacts: dict[str, Contact] = {}
    for key, value in document.data.items():
        contact_id = str(key)
        # A contact with a problem still counts as known, so releases naming it report nothing more.
        contacts[contact_id] = Contact(id=contact_id, name=contact_id)
        if not SLUG_PATTERN.match(contact_id):
            contacts.setdefault(slugify(contact_id), contacts[contact_id])
            root.fail(contact_id, "a contact id must be lower case letters, digits and hyphens",
                      f"e.g. {slugify(contact_id) or 'schulz-kuhnt'}")
        elif not isinstance(value, dict):
            root.fail(contact_id, "must be a mapping with at least `name`", 'indent `name: "…"` below the id')
        else:
            contacts[contact_id] = parse_contact(root.nested(contact_id, value, f"{contact_id}."),
                                                 contact_id) or contacts[contact_id]
    return contacts, errors


def parse_contact(fields: Fields, contact_id: str | None) -> Contact | None:
    """One contact mapping; problems go to fields.errors."""
    before = len(fields.errors)
    fields.check_keys(CONTACT_KEYS)
    name = fields.text("name", required=True, example="Dr. Detlef Schulz-Kuhnt")
    contact = Contact(
        id=contact_id, name=name or "", role=fields.text("role"), organization=fields.text("organization"),
        address=_address(fields), phone=fields.phone("phone"), email=fields.email("email"),
        links=_links(fields),
    )
    return contact if len(fields.errors) == before else None


def _address(fields: Fields) -> Address | None:
    data = fields.mapping("address")
    if data is None:
        return None
    nested = fields.nested("address", data, "address.")
    nested.check_keys(ADDRESS_KEYS)
    country = nested.text("country")
    if country is not None and not (len(country) == 2 and country.isalpha()):
        nested.fail("country", f"{quote(country)} is not a two-letter country code", "write e.g. DE, AT or CH")
    return Address(street=nested.text("street"), postal_code=nested.text("postal_code"),
                   city=nested.text("city"), region=nested.text("region"),
                   country=country.upper() if country else None)


def _links(fields: Fields) -> tuple[tuple[str, str], ...]:
    data: Any = fields.mapping("links")
    if data is None:
        return ()
    nested = fields.nested("links", data, "links.")
    links = []
    for label in data:
        url = nested.url(str(label))
        if url:
            links.append((str(label), url))
    return tuple(links)
