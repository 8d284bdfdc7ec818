"""render_vcard: Contact -> a vCard 4.0 file (RFC 6350): escaping, CRLF, folding at 75 octets. Pure."""

from __future__ import annotations

import re

import babel

from ..config import SiteConfig
from ..model.entities import Contact

_HONORIFICS = re.compile(r"^((?:Prof\.|Dr\.|Dipl\.-\S+|Mag\.|Dr\. h\. c\.)\s+)+")
# "+49 (0) 7131 …": the trunk 0 in brackets after the country code is dialled only from within the country.
_TRUNK_ZERO = re.compile(r"^\s*(\+\d{1,3})\s*\(0\)")


def tel_number(phone: str, separator: str = "") -> str:
    """A phone number as written -> the number of a tel: URI (RFC 3966): "+", digits and `separator`
    between the groups; a "(0)" after the country code is dropped, as it must not be dialled from abroad.
    Used by the vCard (with "-") and by the pages' tel: links (the `tel` filter)."""
    number = _TRUNK_ZERO.sub(r"\1 ", phone)
    return re.sub(r"[^0-9+]+", separator, number).strip(separator)


def escape_value(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def uri_value(url: str) -> str:
    """A URI property value (RFC 6350 §3.4): "," and ";" separate values there, and a URI has no backslash
    escapes, so they are percent-encoded (%2C, %3B); `https://social.example.org/@a,b` stays one URL."""
    return url.replace(",", "%2C").replace(";", "%3B")


def fold_line(line: str) -> str:
    """Fold a content line into chunks of at most 75 octets, never inside a UTF-8 character."""
    chunks, current, size = [], "", 0
    limit = 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            chunks.append(current)
            current, size, limit = "", 0, 74  # continuation lines start with a space
        current += char
        size += width
    chunks.append(current)
    return "\r\n ".join(chunks)


def structured_name(name: str) -> str:
    """N: family;given;additional;prefixes;suffixes — the last word is taken as the family name."""
    match = _HONORIFICS.match(name)
    prefix = match.group(0).strip() if match else ""
    words = name[len(match.group(0)) if match else 0:].split()
    family = words[-1] if words else ""
    given = " ".join(words[:-1])
    return ";".join(escape_value(part) for part in (family, given, "", prefix, ""))


def _country_name(code: str, language: str) -> str:
    try:
        return str(babel.Locale.parse(language.replace("-", "_")).territories.get(code, code))
    except (ValueError, babel.UnknownLocaleError):
        return code


def render_vcard(contact: Contact, config: SiteConfig) -> bytes:
    lines = ["BEGIN:VCARD", "VERSION:4.0", "KIND:individual", f"FN:{escape_value(contact.name)}",
             f"N:{structured_name(contact.name)}"]
    if contact.organization:
        lines.append(f"ORG:{escape_value(contact.organization)}")
    if contact.role:
        lines.append(f"TITLE:{escape_value(contact.role)}")
    address = contact.address
    if address:
        country = _country_name(address.country, config.language) if address.country else ""
        parts = ("", "", address.street or "", address.city or "", address.region or "",
                 address.postal_code or "", country)
        lines.append("ADR;TYPE=work:" + ";".join(escape_value(p) for p in parts))
    if contact.phone:
        lines.append(f"TEL;VALUE=uri;TYPE=\"work,voice\":tel:{tel_number(contact.phone, '-')}")
    if contact.email:
        lines.append(f"EMAIL;TYPE=work:{escape_value(contact.email)}")
    for _label, url in contact.links:
        lines.append(f"URL;TYPE=work:{uri_value(url)}")
    if config.language:
        lines.append(f"LANG:{config.language}")
    lines.append("END:VCARD")
    return ("\r\n".join(fold_line(line) for line in lines) + "\r\n").encode("utf-8")
