"""Bad-input cases: site.yaml, contacts.yaml and topics.yaml."""

from __future__ import annotations

from tests.conftest import CONTACTS_YAML

from .corpus import Case

S, C, T = "content/site.yaml", "content/contacts.yaml", "content/topics.yaml"
SITE = 'title: "Presse"\nbase_url: "https://presse.example.org/"\n'


def site(*lines: str) -> dict[str, str | bytes | None]:
    """site.yaml with title (line 1), base_url (line 2), then `lines` from line 3."""
    return {S: SITE + "".join(line + "\n" for line in lines)}


def contact(*lines: str) -> dict[str, str | bytes | None]:
    """contacts.yaml with the contact `presse` (line 1), name (line 2), then `lines` from line 3."""
    return {C: 'presse:\n  name: "Dr. Erika Beispiel"\n' + "".join(f"  {line}\n" for line in lines)}


_SITE = [
    Case("site-yaml-missing", {S: None}, [
        "content/site.yaml: site.yaml is missing — create it with at least `title: \"…\"` and "
        "`base_url: https://…/`"]),
    Case("site-required-keys-missing", {S: "language: de\n"}, [
        f"{S}:1: base_url: missing — add `base_url:` with your value, e.g. `base_url: https://presse.example.org/`",
        f"{S}:1: title: missing — add `title:` with your value, e.g. `title: Presse – Beispiel`"]),
    Case("site-required-keys-without-value", {S: "title:\nbase_url:\n"}, [
        f'{S}:1: title: is empty — write `title: "Presse – Beispiel"`',
        f'{S}:2: base_url: is empty — write `base_url: "https://presse.example.org/"`']),
    Case("site-base-url-relative", {S: 'title: "Presse"\nbase_url: /presse/\n'}, [
        f"{S}:2: base_url: '/presse/' is not an absolute URL — write it in full, e.g. https://presse.example.org/"]),
    Case("site-base-url-with-query", {S: 'title: "Presse"\nbase_url: "https://presse.example.org/?p=1"\n'}, [
        f"{S}:2: base_url: 'https://presse.example.org/?p=1' must not have a query or fragment — remove what "
        "follows ? or #"]),
    Case("site-base-url-with-a-space", {S: 'title: "Presse"\nbase_url: "https://presse example.org/"\n'}, [
        f"{S}:2: base_url: 'https://presse example.org/' has a space or an invisible character in it — write the "
        "URL without them; a space in a path is written %20"]),
    Case("site-timezone-unknown", site("timezone: Europe/Berln"), [
        f"{S}:3: timezone: 'Europe/Berln' is not a time zone — did you mean Europe/Berlin?"]),
    Case("site-timezone-too-long-for-a-file-name", site("timezone: Europe/" + "Berlin" * 50), [
        f"{S}:3: timezone: 'Europe/{('Berlin' * 50)[:52]}…' is not a time zone — use an IANA name such as "
        "Europe/Berlin"]),
    Case("site-language-unknown", site("language: deutsch"), [
        f"{S}:3: language: 'deutsch' is not a language tag — use a BCP 47 tag such as de or en"]),
    Case("site-unknown-key", site("sprache: de"), [
        f"{S}:3: sprache: unknown key — allowed keys: title, base_url, language, timezone, description, "
        "organization, boilerplate, default_contacts, per_page, feed_items"]),
    Case("site-boilerplate-loads-from-another-host",
         site('boilerplate: "Die Kammer. ![Logo](https://cdn.example.com/l.png)"'), [
        f"{S}:3: boilerplate: loads 'https://cdn.example.com/l.png' by a full address; pages load only from the "
        "site itself, so that no other host learns who reads them — put the file under content/media/ and write "
        "/media/<name>"]),
    Case("site-per-page-zero", site("per_page: 0"), [
        f"{S}:3: per_page: must be a whole number of at least 1, not the number 0 — write e.g. `per_page: 20`"]),
    Case("site-yaml-is-a-list", {S: "- title: Presse\n- base_url: https://presse.example.org/\n"}, [
        f"{S}:1: site.yaml must be a mapping of settings — start with `title: \"…\"` and `base_url: https://…`"]),
    Case("site-organization-url-unparsable", site("organization: {name: Testkammer, url: 'http://[::1'}"), [
        f"{S}:3: organization.url: 'http://[::1' is not an absolute URL — write it with https://, e.g. "
        "https://example.org/"]),
    Case("site-organization-logo-missing", site("organization: {name: Testkammer, logo: media/logo.png}"), [
        f"{S}:3: organization.logo: 'media/logo.png' does not exist — did you mean media/logo.svg?"]),
    Case("site-organization-logo-a-url", site("organization:", "  name: Testkammer",
                                              "  logo: https://www.example.org/logo.svg"), [
        f"{S}:5: organization.logo: must be a file under content/media/, not a URL — the site loads nothing from "
        "other hosts: copy the file to content/media/ and write media/logo.svg"]),
    Case("site-organization-logo-outside-media", site("organization: {name: Testkammer, logo: static/wappen.png}"), [
        f"{S}:3: organization.logo: 'static/wappen.png' is not a file under content/media/ — copy the file to "
        "content/media/ and write media/wappen.png"]),
    Case("site-organization-without-name", site("organization: {url: 'https://www.example.org/'}"), [
        f"{S}:3: organization.name: missing — add `name:` with your value, e.g. `name: Beispiel GmbH`"]),
]

_CONTACTS = [
    Case("contact-email-impossible", contact('email: "presse@example"'), [
        f"{C}:3: presse.email: 'presse@example' is not an e-mail address — write it like presse@example.org"]),
    Case("contact-phone-impossible", contact('phone: "Zentrale"'), [
        f"{C}:3: presse.phone: 'Zentrale' is not a phone number — write it like \"+49 7131 555-0100\""]),
    Case("contact-phone-national", contact('phone: "07131 555-0100"'), [
        f"{C}:3: presse.phone: '07131 555-0100' has no country code — write it with the country code, e.g. "
        "+49 7131 555-0100"]),
    Case("contact-phone-with-00-for-the-plus", contact('phone: "0049 7131 555-0100"'), [
        f"{C}:3: presse.phone: '0049 7131 555-0100' has no country code — write + for the 00: +49 7131 555-0100"]),
    Case("contact-phone-national-in-brackets", contact("phone: (07131) 555-0100"), [
        f"{C}:3: presse.phone: '(07131) 555-0100' has no country code — write it with the country code, e.g. "
        "+49 7131 555-0100"]),
    Case("contact-name-missing", {C: "presse:\n  role: Kommunikation\n"}, [
        f"{C}:1: presse.name: missing — add `name:` with your value, e.g. `name: Dr. Detlef Schulz-Kuhnt`"]),
    Case("contact-name-without-value", {C: "presse:\n  name:\n  role: Kommunikation\n"}, [
        f'{C}:2: presse.name: is empty — write `name: "Dr. Detlef Schulz-Kuhnt"`']),
    Case("contact-unknown-key", contact("telefon: '+49 7131 555-0100'"), [
        f"{C}:3: presse.telefon: unknown key — did you mean phone?"]),
    Case("contact-id-upper-case", {C: CONTACTS_YAML.replace("presse:", "Presse:")}, [
        f"{C}:1: Presse: a contact id must be lower case letters, digits and hyphens — e.g. presse"]),
    Case("contact-country-not-a-code", contact("address: {city: Heilbronn, country: Deutschland}"), [
        f"{C}:3: presse.address.country: 'Deutschland' is not a two-letter country code — write e.g. DE, AT or CH"]),
    Case("contact-link-not-a-url", contact("links: {Mastodon: '@presse@social.example.org'}"), [
        f"{C}:3: presse.links.Mastodon: '@presse@social.example.org' is not an absolute URL — write it with "
        "https://, e.g. https://example.org/"]),
    Case("contacts-yaml-is-a-list", {C: "- presse\n"}, [
        f"{C}:1: contacts.yaml must map contact ids to contacts — write `schulz-kuhnt:` and below it, indented, "
        '`name: "…"`']),
]

_TOPICS = [
    Case("topic-slug-invalid", {T: "Ausbildung: {slug: 'Aus Bildung'}\n"}, [
        f"{T}:1: Ausbildung.slug: 'Aus Bildung' is not a valid slug — use lower case letters, digits and "
        "hyphens, e.g. aus-bildung"]),
    Case("topic-unknown-key", {T: "Ausbildung: {beschreibung: Duale Ausbildung}\n"}, [
        f"{T}:1: Ausbildung.beschreibung: unknown key — did you mean description?"]),
    Case("topic-settings-not-a-mapping", {T: "Ausbildung: Duale Ausbildung in der Region\n"}, [
        f"{T}:1: Ausbildung: must be empty or a mapping with `slug` and `description` — write e.g. "
        "`Ausbildung: {description: \"…\"}`"]),
    Case("topics-yaml-is-a-list", {T: "- Ausbildung\n- Konjunktur\n"}, [
        f"{T}:1: topics.yaml must map topic names to their settings — write one line per topic, e.g. "
        "`Wirtschaftsförderung: {slug: wirtschaftsfoerderung}`"]),
]

CASES = _SITE + _CONTACTS + _TOPICS
