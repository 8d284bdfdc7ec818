"""render_json_feed: one listing's feed as JSON Feed 1.1 (https://jsonfeed.org/version/1.1). Pure.

It is the same listing as the RSS and Atom feeds beside it (same items, same order); only the format
differs. Keys are written in a fixed order, so the same input gives the same bytes.
"""

from __future__ import annotations

import json
import mimetypes
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..config import SiteConfig
from ..model.entities import Attachment, Release
from .environment import feed_content, whole_minutes
from .links import is_site_link

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
_TYPES = mimetypes.MimeTypes()  # Python's own table only: the system's mime.types differ between machines


def absolute(src: str, config: SiteConfig) -> str:
    """A link as authors write it (a site path or a full URL) as an absolute URL."""
    return config.base_url + src.lstrip("/") if is_site_link(src) else src


def media_type(src: str) -> str:
    return _TYPES.guess_type(src.split("?")[0])[0] or "application/octet-stream"


def _moment(value: datetime, config: SiteConfig) -> str:
    return whole_minutes(value.astimezone(config.zone)).isoformat()


def _attachment(attachment: Attachment, config: SiteConfig) -> dict[str, Any]:
    return {"url": absolute(attachment.src, config), "mime_type": media_type(attachment.src),
            "title": attachment.title}


def json_feed_item(release: Release, config: SiteConfig) -> dict[str, Any]:
    url = config.base_url + release.path
    item: dict[str, Any] = {
        "id": url, "url": url, "title": release.title, "summary": release.summary,
        "content_html": feed_content(release, config),
        "date_published": _moment(release.date, config), "date_modified": _moment(release.modified, config),
        "language": release.lang,
    }
    if release.image:
        item["image"] = absolute(release.image.src, config)
    if release.topics:
        item["tags"] = [topic.name for topic in release.topics]
    if release.attachments:
        item["attachments"] = [_attachment(a, config) for a in release.attachments]
    return item


@dataclass(frozen=True)
class FeedHead:
    """What a feed says of its listing: `link` is the listing's site path, `self_path` the feed's own."""

    title: str
    description: str
    lang: str
    link: str
    self_path: str


def render_json_feed(config: SiteConfig, head: FeedHead, items: Sequence[Release]) -> bytes:
    """The feed of one listing, its newest `items` first."""
    organization = config.organization
    author: dict[str, Any] = {"name": organization.name if organization else config.title}
    if organization and organization.url:
        author["url"] = organization.url
    feed: dict[str, Any] = {
        "version": JSON_FEED_VERSION, "title": head.title, "home_page_url": config.base_url + head.link,
        "feed_url": config.base_url + head.self_path, "description": head.description, "language": head.lang,
        "authors": [author],
    }
    if organization and organization.logo:
        feed["favicon"] = absolute(organization.logo, config)
    feed["items"] = [json_feed_item(release, config) for release in items]
    return (json.dumps(feed, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
