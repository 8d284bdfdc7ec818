"""content/redirects.yaml -> redirects from the addresses of an old CMS to this site (Alias records). Pure.

One line per old address, `old: new`:

    /medien-info/2008/123.html: /releases/2008/neue-organisation-mehr-kooperationen/
    /medien-info/kontakt.php: /contacts/
    /medien-info/jahresbericht.pdf: https://www.example.org/jahresbericht-2008.pdf

An old address is a path below base_url's path (like a release's `aliases`); a new one is a path of
this site or a full URL. Each old address becomes a redirect page (meta refresh plus canonical).
"""

from __future__ import annotations

from datetime import datetime
from urllib.parse import unquote, urlsplit

from ..config import SiteConfig
from ..errors import SourceError
from ..model.assemble import is_published
from ..model.entities import Alias, Release
from ..model.urls import alias_output_path
from .reader import SourceFile
from .yamldoc import load_yaml

EXAMPLE = "/medien-info/2008/123.html: /releases/2008/neue-organisation/"


def parse_redirects(source: SourceFile, config: SiteConfig) -> tuple[tuple[Alias, ...], list[SourceError]]:
    try:
        document = load_yaml(source.text, source.path)
    except SourceError as error:
        return (), [error]
    if document.data is None:
        return (), []
    if not isinstance(document.data, dict):
        return (), [SourceError(source.path, 1, "redirects.yaml must map old addresses to new ones",
                                f"write one line per old address, e.g. `{EXAMPLE}`")]
    redirects: list[Alias] = []
    errors: list[SourceError] = []
    for key, value in document.data.items():
        line = document.key_lines.get(str(key), 1)
        try:
            old = old_address(str(key), config)
            target = new_address(value, config)
        except ValueError as problem:
            message, hint = problem.args
            errors.append(SourceError(source.path, line, f"{key}: {message}", hint))
            continue
        if target.split("#")[0] == old:
            errors.append(SourceError(source.path, line, f"{key}: redirects to itself", "remove the line"))
            continue
        redirects.append(Alias(path=old, target=target, source=source.path, line=line))
    return tuple(redirects), errors


def old_address(text: str, config: SiteConfig) -> str:
    """The output path of an old address ("medien-info/123.html", "alt/seite/"); ValueError(message, hint)."""
    address = text.strip()
    if address.startswith(config.base_url):
        address = "/" + address.removeprefix(config.base_url)
    elif urlsplit(address).scheme:
        raise ValueError(f"is not an address of this site ({config.base_url})",
                         "only addresses below base_url can be redirected here; write the path, e.g. /alt/123.html")
    if not address.startswith("/"):
        raise ValueError("an old address starts with /", f"write /{address}")
    if "?" in address:
        raise ValueError("an address with ?… cannot be redirected by a static file",
                         "redirect it in the web server's settings, or leave it out")
    path = alias_output_path(unquote(address))
    if path is None:
        raise ValueError("is not a usable path", "write a path such as /medien-info/123.html (no .., no //)")
    return path


def new_address(value: object, config: SiteConfig) -> str:
    """A site path ("releases/2008/x/", "" for the home page) or a full URL; ValueError(message, hint)."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError("the new address is missing or not text",
                         f"write the new address after the colon, e.g. `{EXAMPLE}`")
    address = value.strip()
    if address.startswith(config.base_url):
        return address.removeprefix(config.base_url)
    parts = urlsplit(address)
    if parts.scheme in ("http", "https") and parts.netloc:
        return address
    if parts.scheme or not address.startswith("/") or address.startswith("//"):
        raise ValueError(f"the new address {address} is neither a path of this site nor a full URL",
                         "write a path that starts with / (e.g. /releases/2008/x/) or a URL that starts with https://")
    path, _, fragment = address.partition("#")
    if any(part in (".", "..") for part in path.split("/")) or "?" in path:
        raise ValueError(f"the new address {address} is not a usable path",
                         "write the page's address as the site shows it")
    return path.lstrip("/") + (f"#{fragment}" if fragment else "")


def public_redirects(redirects: tuple[Alias, ...], releases: tuple[Release, ...], now: datetime,
                     preview: bool) -> tuple[Alias, ...]:
    """Redirects to a release that is not published yet wait for it: nothing may point at it before."""
    if preview:
        return redirects
    withheld = {r.path for r in releases if not is_published(r, now)}
    return tuple(a for a in redirects if a.target.split("#")[0] not in withheld)


def load_redirects(source: SourceFile | None, config: SiteConfig, releases: tuple[Release, ...], now: datetime,
                   preview: bool) -> tuple[tuple[Alias, ...], list[SourceError]]:
    """The site's redirects (none without redirects.yaml), those to unpublished releases held back."""
    if source is None:
        return (), []
    redirects, errors = parse_redirects(source, config)
    return public_redirects(redirects, releases, now, preview), errors
