"""parse_release: one Markdown file -> a validated Release, with every problem collected. Pure."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from ..config import SiteConfig
from ..errors import SourceError
from ..model.entities import Attachment, Contact, Image, Release, Topic
from ..model.urls import MAX_SLUG, SLUG_PATTERN, alias_output_path, language_prefix, release_path, short_slug, slugify
from .contacts import parse_contact
from .frontmatter import split_front_matter
from .markdown import (
    MarkdownError,
    check_foreign_loads,
    check_links,
    first_paragraph,
    foreign_load_problem,
    foreign_loads,
    render_body,
    render_markdown,
    sized_images,
)
from .reader import SourceFile
from .schema import Fields, Moment, did_you_mean, is_url, media_problem, quote, split_url

RELEASE_KEYS = ("title", "subtitle", "date", "location", "topics", "contacts", "summary", "lang",
                "translation", "embargo", "draft", "slug", "updated", "image", "attachments",
                "boilerplate", "aliases")
IMAGE_KEYS = ("src", "alt", "caption", "credit")
ATTACHMENT_KEYS = ("src", "title")


# The text `build.py new` puts where the release's text goes. A release that is to be published with
# it unchanged is an error: committed before it was written, it would otherwise go online as it is.
PLACEHOLDERS = {
    "de": "Der erste Absatz: wer, was, wann, wo, warum. Er ist auch der Teaser, wenn `summary` fehlt.",
    "en": "The first paragraph: who, what, when, where, why. It is also the teaser when `summary` is missing.",
}


@dataclass(frozen=True)
class ReleaseContext:
    """What a release may refer to: site settings, contacts, the closed topic list, media files."""

    config: SiteConfig
    contacts: dict[str, Contact]
    topics: dict[str, Topic] | None  # None: free-form topics (no topics.yaml)
    media: frozenset[str]
    boilerplate_html: str
    contacts_known: bool = True  # False when contacts.yaml could not be read: ids are then not checked
    contacts_file: bool = True  # False when there is no contacts.yaml at all
    image_sizes: dict[str, tuple[int, int]] = field(default_factory=dict)  # media/… -> width, height


def parse_release(source: SourceFile, context: ReleaseContext) -> tuple[Release | None, list[SourceError]]:
    try:
        front = split_front_matter(source.text, source.path)
    except SourceError as error:
        return None, [error]
    fields = Fields(front.data, front.key_lines, source.path, line=1)
    fields.check_keys(RELEASE_KEYS)
    zone = context.config.zone
    title = fields.text("title", required=True, example="Neue Organisation, mehr Kooperationen")
    date = fields.moment("date", zone, required=True)
    embargo = fields.moment("embargo", zone)
    updated = fields.moment("updated", zone)
    _check_order(fields, date, embargo, updated)
    lang = fields.language("lang", context.config.language)
    slug = _slug(fields, title)
    body_html = sized_images(render_body(front.body, source.path, front.body_line, fields.errors),
                              context.image_sizes)
    fields.errors.extend(check_links(front.body, body_html, source.path, front.body_line))
    fields.errors.extend(check_foreign_loads(front.body, body_html, source.path, front.body_line))
    release = Release(
        source=source.path, title=title or "", date=date.value if date else datetime(1970, 1, 1, tzinfo=zone),
        date_has_time=bool(date and date.has_time), lang=lang, slug=slug or "x", path="",
        body_html=body_html, summary=fields.text("summary") or first_paragraph(body_html),
        subtitle=fields.text("subtitle"), location=fields.text("location"),
        topics=_topics(fields, context), contacts=_contacts(fields, context),
        translation=fields.text("translation"), embargo=embargo.value if embargo else None,
        draft=fields.flag("draft"), updated=updated.value if updated else None,
        updated_has_time=bool(updated and updated.has_time), image=_image(fields, context.media, context.image_sizes),
        attachments=_attachments(fields, context.media), boilerplate_html=_boilerplate(fields, context),
        boilerplate_lang=context.config.language if fields.data.get("boilerplate") is None else lang,
        aliases=_aliases(fields), lines=tuple(sorted(front.key_lines.items())),
    )
    if not release.draft:
        _check_written(front.body, source.path, front.body_line, fields.errors)
    if fields.errors:
        return None, fields.errors
    year = release.date.astimezone(zone).year
    path = release_path(language_prefix(lang, context.config.language), year, release.slug)
    return replace(release, path=path), []


def _check_written(body: str, path: str, body_line: int, errors: list[SourceError]) -> None:
    for number, line in enumerate(body.splitlines()):
        if any(placeholder in line for placeholder in PLACEHOLDERS.values()):
            errors.append(SourceError(path, body_line + number, "the text is still the placeholder of `build.py new`",
                                      "write the release's text, or set `draft: true` to keep it off the site "
                                      "until it is done"))
            return


def _check_order(fields: Fields, date: Moment | None, embargo: Moment | None, updated: Moment | None) -> None:
    """An embargo before the date is an error, not a no-op: it is most likely a typo in a moment that
    was meant to hold the release back (see docs/errors.md)."""
    if date and embargo and embargo.value.timestamp() < date.value.timestamp():
        fields.fail("embargo", f"{_shown(embargo)} is before the release date {_shown(date)}, "
                    "so it would hold nothing back", "set the embargo at or after `date`, or remove it")
    if date and updated and updated.value.timestamp() < date.value.timestamp():
        fields.fail("updated", f"{_shown(updated)} is before the release date {_shown(date)}",
                    "an update comes after `date`; check both for a typo")


def _shown(moment: Moment) -> str:
    """A moment as the author would write it: 2008-07-24 or 2008-07-24T10:00+02:00."""
    if not moment.has_time:
        return moment.value.date().isoformat()
    return moment.value.isoformat(timespec="minutes" if moment.value.second == 0 else "seconds")


def _slug(fields: Fields, title: str | None) -> str | None:
    value = fields.text("slug")
    if value is not None:
        if not SLUG_PATTERN.match(value):
            suggestion = slugify(value)
            fields.fail("slug", f"{quote(value)} is not a valid slug",
                        f"use lower case letters, digits and single hyphens, e.g. {suggestion}" if suggestion
                        else "use lower case letters, digits and single hyphens")
            return None
        if len(value) > MAX_SLUG:
            fields.fail("slug", f"is {len(value)} characters long; a URL part may have at most {MAX_SLUG}",
                        f"shorten it, e.g. to {short_slug(value, 80)}")
            return None
        return value
    if title is None:
        return None
    derived = slugify(title)
    if not derived:
        fields.fail("title", "gives an empty URL slug", "add `slug:` with lower case letters and hyphens")
        return None
    if len(derived) > MAX_SLUG:
        fields.fail("title", f"gives a URL slug of {len(derived)} characters; a URL part may have at most {MAX_SLUG}",
                    f"add a shorter `slug:`, e.g. `slug: {short_slug(derived, 80)}`")
        return None
    return derived


def _topics(fields: Fields, context: ReleaseContext) -> tuple[Topic, ...]:
    names = fields.text_list("topics")
    topics = []
    for name in names:
        if context.topics is None:
            slug = slugify(name)
            if not slug:
                fields.fail("topics", f"{quote(name)} gives an empty URL slug", "use a topic name with letters")
                continue
            topics.append(Topic(name=name, slug=slug))
        elif name in context.topics:
            topics.append(context.topics[name])
        else:
            hint = did_you_mean(name, context.topics) or "add it to topics.yaml, or use one listed there"
            fields.fail("topics", f"{quote(name)} is not in topics.yaml", hint)
    return tuple(topics)


def _contacts(fields: Fields, context: ReleaseContext) -> tuple[Contact, ...]:
    value = fields.data.get("contacts")
    if value is None:
        return tuple(context.contacts[c] for c in context.config.default_contacts if c in context.contacts)
    if not isinstance(value, list):
        value = [value]
    contacts = []
    for index, item in enumerate(value):
        if isinstance(item, dict):
            contact = parse_contact(_item_fields(fields, "contacts", index, item), None)
            if contact:
                contacts.append(contact)
        elif isinstance(item, str) and item in context.contacts:
            contacts.append(context.contacts[item])
        elif isinstance(item, str) and not context.contacts_file:
            fields.fail("contacts", f"{quote(item)} is a contact id, but there is no contacts.yaml",
                        "create content/contacts.yaml with this contact (see README.md), or write the contact "
                        'inline: contacts: [{name: "…", email: "…"}]')
        elif isinstance(item, str) and context.contacts_known:
            hint = did_you_mean(item, context.contacts) or "add it to contacts.yaml, or write the contact inline"
            fields.fail("contacts", f"{quote(item)} is not in contacts.yaml", hint)
        elif not isinstance(item, str):
            fields.fail("contacts", "must list contact ids or contact mappings", "write `contacts: [schulz-kuhnt]`")
    return tuple(contacts)


def _item_fields(fields: Fields, key: str, index: int, item: dict[str, Any]) -> Fields:
    """Fields over the mapping at position `index` of the list `key`."""
    return Fields(item, fields.key_lines, fields.path, fields.where(f"{key}.{index}"),
                  f"{key}[{index + 1}].", f"{key}.{index}.", fields.errors)


def _image(fields: Fields, media: frozenset[str], sizes: dict[str, tuple[int, int]]) -> Image | None:
    data = fields.mapping("image")
    if data is None:
        return None
    nested = fields.nested("image", data, "image.")
    nested.check_keys(IMAGE_KEYS)
    src = nested.text("src", required=True, example="media/bild.jpg")
    alt = nested.text("alt", required=True, example="Was auf dem Bild zu sehen ist")
    if src and split_url(src) and is_url(src):
        nested.fail("src", "must be a file under content/media/, not a URL",
                    "images are served from the site itself, so no reader is tracked by another host")
        return None
    problem = media_problem(src, media) if src else None
    if problem:
        nested.fail("src", *problem)
    if not src or not alt or problem:
        return None
    return Image(src=src.lstrip("/"), alt=alt, caption=nested.text("caption"), credit=nested.text("credit"),
                 size=sizes.get(src.lstrip("/")))


def _attachments(fields: Fields, media: frozenset[str]) -> tuple[Attachment, ...]:
    value = fields.data.get("attachments")
    if value is None:
        return ()
    if not isinstance(value, list):
        fields.fail("attachments", "must be a list", "write `attachments: [{src: media/x.pdf, title: \"…\"}]`")
        return ()
    attachments = []
    for index, item in enumerate(value):
        if not isinstance(item, dict):
            fields.fail("attachments", f"item {index + 1} must be a mapping with src and title",
                        "write `{src: media/x.pdf, title: \"…\"}`")
            continue
        nested = _item_fields(fields, "attachments", index, item)
        nested.check_keys(ATTACHMENT_KEYS)
        src = nested.text("src", required=True, example="media/praesentation.pdf")
        title = nested.text("title", required=True, example="Präsentation (PDF)")
        problem = media_problem(src, media) if src else None
        if problem:
            nested.fail("src", *problem)
        elif src and title:
            attachments.append(Attachment(src=src if is_url(src) else src.lstrip("/"), title=title))
    return tuple(attachments)


def _boilerplate(fields: Fields, context: ReleaseContext) -> str | None:
    value = fields.data.get("boilerplate")
    if value is None:
        return context.boilerplate_html or None
    if value is False:
        return None
    text = fields.text("boilerplate")
    try:
        rendered = render_markdown(text) if text else None
    except MarkdownError as error:
        fields.errors.append(error.at(fields.path, fields.where("boilerplate"), "boilerplate"))
        return None
    for tag, url in foreign_loads(rendered or ""):
        fields.errors.append(SourceError(fields.path, fields.where("boilerplate"),
                                         *foreign_load_problem("boilerplate:", tag, url)))
    return rendered


def _aliases(fields: Fields) -> tuple[str, ...]:
    aliases = fields.text_list("aliases", "paths", '["/medien-info/2008/123.html"]')
    for alias in aliases:
        if alias_output_path(alias) is None:
            fields.fail("aliases", f"{quote(alias)} is not a path on this site",
                        'write a path that starts with "/", e.g. "/medien-info/2008/123.html", without ".."')
    return aliases



