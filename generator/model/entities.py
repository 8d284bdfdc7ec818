"""The press-office vocabulary as frozen dataclasses: Release, Contact, Topic, Page, Site. No I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from ..config import SiteConfig


@dataclass(frozen=True)
class Address:
    street: str | None = None
    postal_code: str | None = None
    city: str | None = None
    region: str | None = None
    country: str | None = None  # ISO 3166 code, e.g. DE


@dataclass(frozen=True)
class Contact:
    id: str | None  # None for a contact written inline in a release (no vCard page)
    name: str
    role: str | None = None
    organization: str | None = None
    address: Address | None = None
    phone: str | None = None
    email: str | None = None
    links: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Image:
    src: str  # site path, e.g. media/vollversammlung.jpg
    alt: str
    caption: str | None = None
    credit: str | None = None
    size: tuple[int, int] | None = None  # width and height in pixels, if the file says


@dataclass(frozen=True)
class Attachment:
    src: str
    title: str


@dataclass(frozen=True)
class Topic:
    name: str
    slug: str
    description: str = ""


@dataclass(frozen=True)
class TranslationLink:
    lang: str
    path: str
    title: str


@dataclass(frozen=True)
class Release:
    source: str  # the file, as shown in messages
    title: str
    date: datetime  # aware
    date_has_time: bool
    lang: str
    slug: str
    path: str  # site path, e.g. releases/2008/neue-organisation/
    body_html: str
    summary: str
    subtitle: str | None = None
    location: str | None = None
    topics: tuple[Topic, ...] = ()
    contacts: tuple[Contact, ...] = ()
    translation: str | None = None
    embargo: datetime | None = None
    draft: bool = False
    updated: datetime | None = None
    updated_has_time: bool = False
    image: Image | None = None
    attachments: tuple[Attachment, ...] = ()
    boilerplate_html: str | None = None  # None: no boilerplate shown
    boilerplate_lang: str | None = None  # of boilerplate_html: the site's, or the release's for its own (None: lang)
    aliases: tuple[str, ...] = ()
    translations: tuple[TranslationLink, ...] = ()
    published: bool = True  # False only in --preview builds
    lines: tuple[tuple[str, int], ...] = ()  # front matter key -> line, for messages about this release

    def line_of(self, *keys: str) -> int:
        """The line of the first of `keys` the front matter has, else 1."""
        found = dict(self.lines)
        return next((found[key] for key in keys if key in found), 1)

    @property
    def sort_key(self) -> tuple[float, str]:
        """Newest first; releases with the same moment ordered by URL."""
        return (-self.date.timestamp(), self.path)

    @property
    def modified(self) -> datetime:
        return self.updated or self.date


@dataclass(frozen=True)
class Page:
    source: str
    title: str
    slug: str
    lang: str
    path: str
    body_html: str
    summary: str = ""
    draft: bool = False


@dataclass(frozen=True)
class TopicListing:
    topic: Topic
    releases: tuple[Release, ...]


@dataclass(frozen=True)
class YearArchive:
    year: int
    releases: tuple[Release, ...]


@dataclass(frozen=True)
class Edition:
    """One language's part of the site: its own home, archives, topics and feeds."""

    lang: str
    prefix: str  # "" for the site language, else "en/"
    releases: tuple[Release, ...]
    topics: tuple[TopicListing, ...]
    years: tuple[YearArchive, ...]
    pages: tuple[Page, ...]


@dataclass(frozen=True)
class Withheld:
    """A release that is not public at this build's now, and why."""

    source: str
    title: str
    slug: str
    path: str
    reason: str  # "draft", "date" or "embargo"
    publish_at: datetime | None  # None for drafts
    line: int = 0  # of its title in the source, for messages


@dataclass(frozen=True)
class Alias:
    path: str  # output path of the redirect page, e.g. medien-info/2008/123.html
    target: str  # site path of the release (or, from redirects.yaml, a site path or a full URL)
    source: str
    line: int = 0  # where the source names it (redirects.yaml), for messages


@dataclass(frozen=True)
class Site:
    config: SiteConfig
    now: datetime
    preview: bool
    editions: tuple[Edition, ...]  # the site language first
    contacts: tuple[Contact, ...]
    aliases: tuple[Alias, ...] = ()
    withheld: tuple[Withheld, ...] = ()
    media: tuple[str, ...] = field(default=())  # site paths of the files under content/media

    @property
    def releases(self) -> tuple[Release, ...]:
        return tuple(r for e in self.editions for r in e.releases)
