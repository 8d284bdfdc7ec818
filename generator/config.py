"""Site settings (SiteConfig, typed and frozen) and the options of one build. Pure."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import babel

from .errors import one_line

# A file changed this close to when it was looked at may change again with the same size and times
# (git's "racily clean" files): such a file is read again rather than trusted by its stat.
RACY_SECONDS = 2.0  # coarser than any file system's timestamps (FAT: 2 s)


@dataclass(frozen=True)
class Organization:
    name: str
    url: str | None = None
    logo: str | None = None  # site path of the logo, e.g. media/logo.svg


@dataclass(frozen=True)
class SiteConfig:
    title: str
    base_url: str  # absolute, always ends with "/"
    language: str = "de"
    timezone: str = "Europe/Berlin"
    description: str = ""
    organization: Organization | None = None
    boilerplate: str = ""  # Markdown
    default_contacts: tuple[str, ...] = ()
    per_page: int = 20
    feed_items: int = 20
    # site.yaml's base_url where --base-url or SITE_BASE_URL replaced it: a link written with it still
    # leads into this site (the embargo's media check must see it)
    declared_base_url: str | None = None

    @property
    def own_base_urls(self) -> tuple[str, ...]:
        return (self.base_url,) + ((self.declared_base_url,) if self.declared_base_url else ())

    @property
    def zone(self) -> tzinfo:
        return ZoneInfo(self.timezone)

    @property
    def base_path(self) -> str:
        """The path part of base_url: "/" or e.g. "/presse/"."""
        return urlsplit(self.base_url).path or "/"


@dataclass(frozen=True)
class BuildOptions:
    content_dir: Path = Path("content")
    output_dir: Path = Path("public")
    base_url: str | None = None  # --base-url, else SITE_BASE_URL
    now: datetime | None = None  # None: the current time
    now_text: str | None = None  # --now as given, read in the site's time zone when naive
    preview: bool = False
    templates_dir: Path | None = None
    static_dir: Path | None = None
    jobs: int = 1
    theme_dir: Path = field(default=Path(__file__).resolve().parent.parent)


def normalize_language(value: str) -> str | None:
    """A BCP 47 tag in lower case ('de', 'en', 'pt-br'), or None if Babel does not know it."""
    try:
        babel.Locale.parse(value.replace("-", "_"))
    except (ValueError, babel.UnknownLocaleError):
        return None
    return value.lower()


def check_base_url(value: str) -> tuple[str, str] | None:
    """None if fine, else (message, hint)."""
    if any(char.isspace() or not char.isprintable() for char in value):  # would go as it is into every feed
        return (f"'{one_line(value)}' has a space or an invisible character in it",
                "write the URL without them; a space in a path is written %20")
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return f"'{value}' is not an absolute URL", "write it in full, e.g. https://presse.example.org/"
    if parts.query or parts.fragment:
        return f"'{value}' must not have a query or fragment", "remove what follows ? or #"
    return None
