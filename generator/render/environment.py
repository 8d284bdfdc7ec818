"""The Jinja environment: theme and override loaders, autoescape, StrictUndefined, and the filters
the templates use (URLs, dates via Babel, RFC 822). Reads templates; writes nothing.
"""

from __future__ import annotations

import functools
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import babel
import jinja2
from babel.dates import format_date, format_time
from markupsafe import Markup, escape

from ..config import Organization, SiteConfig
from ..model.entities import Release
from ..model.urls import contact_anchor
from .lead import split_lead
from .links import is_site_link, rewrite_links
from .strings import LANGUAGE_NAMES, ui_string
from .vcard import tel_number

_NO_ORG = Organization(name="")


def babel_locale(lang: str) -> str:
    return lang.replace("-", "_")


@functools.lru_cache(maxsize=64)
def text_direction(lang: str) -> str:
    """"rtl" for a language written right to left (Arabic, Hebrew, Persian, Urdu …), per Babel's CLDR data;
    "ltr" for any other, and for a tag Babel does not know."""
    try:
        return "rtl" if babel.Locale.parse(babel_locale(lang)).text_direction == "rtl" else "ltr"
    except (ValueError, babel.UnknownLocaleError):
        return "ltr"


def whole_minutes(moment: datetime) -> datetime:
    """The same instant with an offset of whole minutes: RFC 822 and ISO 8601 have no seconds in offsets,
    but zones had them before standard time (Amsterdam +00:19:32 until 1937, St. John's -03:30:52)."""
    offset = moment.utcoffset()
    if offset is None or not offset.seconds % 60:
        return moment
    return moment.astimezone(timezone(timedelta(minutes=round(offset.total_seconds() / 60))))


@functools.lru_cache(maxsize=64)
def _own_name(lang: str) -> str:
    """A language's name in itself ("العربية" for ar, "Polski" for pl), as a language switch shows it;
    the code if Babel does not know it."""
    try:
        name = babel.Locale.parse(lang.replace("-", "_")).display_name
    except (ValueError, babel.UnknownLocaleError):
        return lang
    return str(name[:1].upper() + name[1:]) if name else lang


def make_environment(config: SiteConfig, template_dirs: list[Path]) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in template_dirs]),
        autoescape=jinja2.select_autoescape(["html", "xml", "j2"], default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    base_path, base_url, zone = config.base_path, config.base_url, config.zone

    def local(moment: datetime) -> datetime:
        return moment.astimezone(zone)

    env.filters.update(
        url=lambda path: base_path + path,
        abs_url=lambda path: base_url + path,
        site_links=lambda html: Markup(rewrite_links(str(html), base_path)),
        long_date=lambda moment, lang: format_date(local(moment).date(), "long", locale=babel_locale(lang)),
        long_datetime=lambda moment, lang: (  # "15. Januar 2030, 10:00 MEZ": Babel's "long" adds seconds
            f'{format_date(local(moment).date(), "long", locale=babel_locale(lang))}, '
            f'{format_time(local(moment), "short", tzinfo=zone, locale=babel_locale(lang))} '
            f'{format_time(local(moment), "z", tzinfo=zone, locale=babel_locale(lang))}'),
        iso=lambda moment: whole_minutes(local(moment)).isoformat(),
        iso_date=lambda moment: local(moment).date().isoformat(),
        rfc822=lambda moment: format_datetime(whole_minutes(local(moment))),
        year=lambda moment: local(moment).year,
        language_name=lambda lang: LANGUAGE_NAMES.get(lang) or _own_name(lang),
        text_direction=text_direction,
        og_locale=og_locale,
        country_name=lambda code, lang: country_name(code, lang),
        tel=tel_number,
        news_article=lambda release: news_article(release, config),
        feed_content=lambda release: feed_content(release, config),
        split_lead=split_lead,
        contact_anchor=contact_anchor,
    )
    env.tests["site_link"] = is_site_link
    env.tests["share_image"] = is_share_image
    env.globals.update(t=ui_string, site=config)
    return env


def is_share_image(src: str) -> bool:
    """Whether a picture can be a share card's og:image: Facebook, X and LinkedIn show JPEG, PNG, GIF and
    WebP, but not SVG (a logo often is one), so a page with only an SVG names no image at all."""
    return not src.split("?")[0].split("#")[0].lower().endswith((".svg", ".svgz"))


def og_locale(lang: str) -> str:
    """Open Graph's language_TERRITORY form of a BCP 47 tag: "de" -> "de_DE", "de-AT" -> "de_AT"."""
    try:
        locale = babel.Locale.parse(babel_locale(lang))
    except (ValueError, babel.UnknownLocaleError):
        return babel_locale(lang)
    territory = locale.territory or str(babel.core.get_global("likely_subtags").get(locale.language, "")).split("_")[-1]
    return f"{locale.language}_{territory}" if territory.isupper() else locale.language


def country_name(code: str, lang: str) -> str:
    try:
        return str(babel.Locale.parse(babel_locale(lang)).territories.get(code, code))
    except (ValueError, babel.UnknownLocaleError):
        return code


def feed_content(release: Release, config: SiteConfig) -> str:
    """A release's full HTML for a feed item, with absolute URLs; a plain str, so it is escaped."""
    parts = []
    if release.image:
        figure = f'<img src="{config.base_url}{release.image.src}" alt="{escape(release.image.alt)}">'
        if release.image.caption:
            figure += f"<figcaption>{escape(release.image.caption)}</figcaption>"
        parts.append(f"<figure>{figure}</figure>")
    parts.append(rewrite_links(release.body_html, config.base_url, release.path))
    return "\n".join(parts)


def news_article(release: Release, config: SiteConfig) -> dict[str, Any]:
    """schema.org NewsArticle for a release page's JSON-LD."""
    organization: dict[str, Any] = {"@type": "Organization", "name": (config.organization or _NO_ORG).name
                                    or config.title, "url": (config.organization or _NO_ORG).url or config.base_url}
    if config.organization and config.organization.logo:
        organization["logo"] = {"@type": "ImageObject", "url": config.base_url + config.organization.logo}
    article: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": release.title,
        "description": release.summary, "inLanguage": release.lang,
        "datePublished": whole_minutes(release.date.astimezone(config.zone)).isoformat(),
        "dateModified": whole_minutes(release.modified.astimezone(config.zone)).isoformat(),
        "author": organization, "publisher": organization,
        "mainEntityOfPage": {"@type": "WebPage", "@id": config.base_url + release.path},
        "url": config.base_url + release.path,
    }
    if release.location:
        article["dateline"] = release.location
    if release.image:
        article["image"] = [config.base_url + release.image.src]
    if release.topics:
        article["keywords"] = [topic.name for topic in release.topics]
    return article
