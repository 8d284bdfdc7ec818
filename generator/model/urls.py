"""The only home of URL rules: slugs, the site path of each kind of page, output file paths. Pure.

A "site path" is relative to base_url's path and has no leading slash: "" is the home page,
"releases/2008/neue-organisation/" a release. Folders end with "/" and are written as index.html.
"""

from __future__ import annotations

import re
import unicodedata
from posixpath import normpath

# Letters with a stroke and ligatures have no decomposition to strip an accent from: "Łódź" -> "lodz".
_WITHOUT_DECOMPOSITION = str.maketrans({"Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "Đ": "D", "đ": "d", "Ð": "D",
                                        "ð": "d", "Ħ": "H", "ħ": "h", "Æ": "Ae", "æ": "ae", "Œ": "Oe", "œ": "oe",
                                        "Þ": "Th", "þ": "th", "ı": "i"})
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss", "ẞ": "SS"})
RESERVED_SLUGS = frozenset({"releases", "topics", "contacts", "page", "media", "feed.xml", "sitemap.xml",
                            "robots.txt", "404.html", "static", "search", "pagefind"})


MAX_SLUG = 200  # characters (ASCII): a folder's name may have 255 bytes, and readers copy URLs by hand


def short_slug(slug: str, limit: int) -> str:
    """The slug cut to at most `limit` characters, at a hyphen where there is one."""
    if len(slug) <= limit:
        return slug
    cut = slug[:limit + 1]
    return cut.rsplit("-", 1)[0].strip("-") if "-" in cut.strip("-") else slug[:limit]


def slugify(text: str) -> str:
    """Lower case ASCII, German transliteration, other accents stripped, anything else one hyphen."""
    text = unicodedata.normalize("NFC", text).translate(_GERMAN).translate(_WITHOUT_DECOMPOSITION)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def language_prefix(lang: str, site_language: str) -> str:
    return "" if lang == site_language else f"{lang.lower()}/"


def release_path(prefix: str, year: int, slug: str) -> str:
    return f"{prefix}releases/{year}/{slug}/"


def year_path(prefix: str, year: int) -> str:
    return f"{prefix}releases/{year}/"


def archive_path(prefix: str) -> str:
    return f"{prefix}releases/"


def topics_path(prefix: str) -> str:
    return f"{prefix}topics/"


def topic_path(prefix: str, topic_slug: str, page: int = 1) -> str:
    base = f"{prefix}topics/{topic_slug}/"
    return base if page == 1 else f"{base}page/{page}/"


def home_path(prefix: str, page: int = 1) -> str:
    return prefix if page == 1 else f"{prefix}page/{page}/"


def feed_path(prefix: str, topic_slug: str | None = None) -> str:
    return f"{prefix}topics/{topic_slug}/feed.xml" if topic_slug else f"{prefix}feed.xml"


def atom_feed_path(prefix: str, topic_slug: str | None = None) -> str:
    """The Atom rendering of the same listing, beside its RSS feed."""
    return feed_path(prefix, topic_slug).removesuffix("feed.xml") + "atom.xml"


def json_feed_path(prefix: str, topic_slug: str | None = None) -> str:
    """The JSON Feed 1.1 rendering of the same listing, beside its RSS feed."""
    return feed_path(prefix, topic_slug).removesuffix("feed.xml") + "feed.json"


def ninjs_path(release_site_path: str) -> str:
    """A release's IPTC ninjs file, in the release's own folder: releases/2008/x/ninjs.json."""
    return f"{release_site_path}ninjs.json"


def search_path(prefix: str) -> str:
    return f"{prefix}search/"


NEWS_SITEMAP_PATH = "news-sitemap.xml"
SEARCH_BUNDLE_PATH = "pagefind/"  # Pagefind's index and UI files


def contacts_path() -> str:
    return "contacts/"


CONTACT_ANCHOR_PREFIX = "contact-"


def contact_anchor(contact_id: str) -> str:
    """The id of a contact's block on /contacts/ (and on releases): prefixed, so that a contact named `main`
    or `contacts-heading` does not repeat an id of the page's own."""
    return f"{CONTACT_ANCHOR_PREFIX}{contact_id}"


def vcard_path(contact_id: str) -> str:
    return f"contacts/{contact_id}.vcf"


def page_path(prefix: str, slug: str) -> str:
    return f"{prefix}{slug}/"


def alias_output_path(alias: str) -> str | None:
    """The output file of an alias ("/medien-info/123.html"), or None if it would leave the site."""
    cleaned = alias.strip()
    if not cleaned.startswith("/") or "\\" in cleaned or "\x00" in cleaned or "?" in cleaned or "#" in cleaned:
        return None
    parts = cleaned.strip("/").split("/")
    if any(part in ("", ".", "..") or len(part.encode("utf-8", "surrogatepass")) > MAX_SLUG for part in parts) \
            or cleaned == "/":
        return None  # a part longer than a folder's name may be is no path a build can write either
    path = normpath(cleaned.lstrip("/"))
    return path if "." in parts[-1] and not cleaned.endswith("/") else path + "/"


def output_path(site_path: str) -> str:
    """The file a site path is written to: folders get index.html."""
    if site_path == "" or site_path.endswith("/"):
        return site_path + "index.html"
    return site_path


def is_published_static(parts: tuple[str, ...]) -> bool:
    """Whether a file of the theme's static folder (its path's parts below that folder) is copied to the
    site: not a hidden file or one in a hidden folder (.git, .cache), except under .well-known/ (RFC
    8615: security.txt and the like are meant to be published)."""
    inside = parts[1:] if parts[:1] == (".well-known",) else parts
    return bool(parts) and not any(part.startswith(".") for part in inside)
