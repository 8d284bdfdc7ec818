"""render_ninjs: one published release as an IPTC ninjs 3.3 news item (JSON), for the systems of news
agencies and newsrooms. Written to releases/<year>/<slug>/ninjs.json beside the release page. Pure.

Mapping: title/subtitle -> headlines, summary -> descriptions, text -> bodies (HTML with absolute links),
date -> firstCreated, updated -> versionCreated, location -> located, topics -> subjects, contacts ->
people with contactInfo, the site's organisation -> organisations, image and attachments -> associations.
"""

from __future__ import annotations

import json
import re
from html import unescape
from typing import Any

from ..config import SiteConfig
from ..model.entities import Attachment, Contact, Image, Release
from ..model.urls import contact_anchor, contacts_path, topic_path
from .environment import whole_minutes
from .jsonfeed import absolute, media_type
from .links import rewrite_links

NINJS_VERSION = "3.3"
NINJS_SCHEMA = "http://www.iptc.org/std/ninjs/ninjs-schema_3.3.json#"
PRESS_RELEASE_GENRE = {"name": "Press Release"}
_TAG = re.compile(r"<[^>]+>")


def plain_words(html: str) -> list[str]:
    """The words of an HTML fragment, tags removed."""
    return unescape(_TAG.sub(" ", html)).split()


def _body(role: str, html: str) -> dict[str, Any]:
    words = plain_words(html)  # the text counted is the words, one space between each
    return {"role": role, "contentType": "text/html", "value": html, "charCount": len(" ".join(words)),
            "wordCount": len(words)}


def contact_info(contact: Contact) -> list[dict[str, Any]]:
    info: list[dict[str, Any]] = []
    if contact.phone:
        info.append({"type": "phone", "role": "office", "value": contact.phone})
    if contact.email:
        info.append({"type": "email", "role": "office", "value": contact.email})
    info += [{"type": "web", "name": label, "value": url} for label, url in contact.links]
    address = contact.address
    if address:
        fields = {"lines": [address.street] if address.street else None, "locality": address.city,
                  "area": address.region, "postalCode": address.postal_code, "country": address.country}
        info.append({"type": "address", "role": "office",
                     "address": {key: value for key, value in fields.items() if value}})
    return info


def _person(contact: Contact, config: SiteConfig) -> dict[str, Any]:
    person: dict[str, Any] = {"name": contact.name, "rel": "contact"}
    if contact.id:
        person["uri"] = f"{config.base_url}{contacts_path()}#{contact_anchor(contact.id)}"
        person["literal"] = contact.id
    info = contact_info(contact)
    if info:
        person["contactInfo"] = info
    return person


def _organisations(release: Release, config: SiteConfig) -> list[dict[str, Any]]:
    organisations: list[dict[str, Any]] = []
    if config.organization:
        publisher: dict[str, Any] = {"name": config.organization.name, "rel": "publisher"}
        if config.organization.url:
            publisher["uri"] = config.organization.url
            publisher["contactInfo"] = [{"type": "web", "value": config.organization.url}]
        organisations.append(publisher)
    names = {o["name"] for o in organisations}
    for contact in release.contacts:
        if contact.organization and contact.organization not in names:
            names.add(contact.organization)
            organisations.append({"name": contact.organization, "rel": "contact"})
    return organisations


def _image(image: Image, config: SiteConfig) -> dict[str, Any]:
    url = absolute(image.src, config)
    picture: dict[str, Any] = {"name": "image", "rel": "image", "uri": url, "type": "picture",
                               "descriptions": [{"role": "alt", "value": image.alt}]}
    if image.caption:
        picture["headlines"] = [{"role": "caption", "value": image.caption}]
    if image.credit:
        picture["copyrightHolder"] = image.credit
    picture["renditions"] = [{"name": "original", "href": url, "contentType": media_type(image.src)}]
    return picture


def _attachment(number: int, attachment: Attachment, config: SiteConfig) -> dict[str, Any]:
    url = absolute(attachment.src, config)
    return {"name": f"attachment-{number}", "rel": "attachment", "uri": url, "title": attachment.title,
            "renditions": [{"name": "original", "href": url, "contentType": media_type(attachment.src),
                            "title": attachment.title}]}


def _associations(release: Release, config: SiteConfig) -> list[dict[str, Any]]:
    associations = [_image(release.image, config)] if release.image else []
    associations += [_attachment(n, a, config) for n, a in enumerate(release.attachments, start=1)]
    associations += [{"name": f"translation-{t.lang}", "rel": "translation", "uri": config.base_url + t.path,
                      "language": t.lang, "headlines": [{"role": "main", "value": t.title}]}
                     for t in release.translations]
    return associations


def _texts(release: Release, config: SiteConfig) -> dict[str, Any]:
    headlines = [{"role": "main", "value": release.title}]
    if release.subtitle:
        headlines.append({"role": "sub", "value": release.subtitle})
    bodies = [_body("main", rewrite_links(release.body_html, config.base_url, release.path))]
    if release.boilerplate_html:
        bodies.append(_body("boilerplate", rewrite_links(release.boilerplate_html, config.base_url, release.path)))
    return {"headlines": headlines,
            "descriptions": [{"role": "summary", "contentType": "text/plain", "value": release.summary}],
            "bodies": bodies}


def ninjs_item(release: Release, config: SiteConfig, prefix: str) -> dict[str, Any]:
    """The ninjs object of a release, keys in a fixed order; `prefix` is its edition's path prefix."""
    zone = config.zone
    item: dict[str, Any] = {
        "uri": config.base_url + release.path,
        "standard": {"name": "ninjs", "version": NINJS_VERSION, "schema": NINJS_SCHEMA},
        "type": "text", "representationType": "full", "profile": "press-release",
        "firstCreated": whole_minutes(release.date.astimezone(zone)).isoformat(),
        "versionCreated": whole_minutes(release.modified.astimezone(zone)).isoformat(),
        "pubStatus": "usable", "language": release.lang, "slugline": release.slug,
        "genres": [PRESS_RELEASE_GENRE], **_texts(release, config),
    }
    if release.location:
        item["located"] = release.location
    if release.topics:
        item["subjects"] = [{"name": t.name, "rel": "about", "literal": t.slug,
                             "uri": config.base_url + topic_path(prefix, t.slug)} for t in release.topics]
    if release.contacts:
        item["people"] = [_person(contact, config) for contact in release.contacts]
    organisations = _organisations(release, config)
    if organisations:
        item["organisations"] = organisations
        item["copyrightHolder"] = organisations[0]["name"]
    item["renditions"] = [{"name": "web", "href": config.base_url + release.path, "contentType": "text/html"}]
    associations = _associations(release, config)
    if associations:
        item["associations"] = associations
    return item


def render_ninjs(release: Release, config: SiteConfig, prefix: str) -> bytes:
    return (json.dumps(ninjs_item(release, config, prefix), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
