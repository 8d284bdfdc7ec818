"""Rewriting links inside rendered Markdown: site paths -> root-relative or absolute URLs. Pure.

Authors write links to the site as "/releases/2008/…" or "media/x.pdf"; both mean a path below
base_url, so the same content works under a sub-path and, made absolute, in feeds.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from html import unescape
from urllib.parse import unquote, urlsplit

_ATTRIBUTE = re.compile(r'(\s(?:href|src)=")([^"]*)(")')


def is_site_link(url: str) -> bool:
    return bool(url) and not urlsplit(url).scheme and not url.startswith(("#", "//", "?"))


def rewrite_links(html: str, prefix: str) -> str:
    """Prefix every site link in href/src attributes with `prefix` (base path or base URL)."""

    def replace(match: re.Match[str]) -> str:
        url = match.group(2)
        if not is_site_link(url):
            return match.group(0)
        return f"{match.group(1)}{prefix}{url.lstrip('/')}{match.group(3)}"

    return _ATTRIBUTE.sub(replace, html)


def site_link_targets(html: str) -> list[str]:
    """The site links in href/src attributes of rendered Markdown, as written (HTML-unescaped)."""
    return [url for match in _ATTRIBUTE.finditer(html) if is_site_link(url := unescape(match.group(2)))]


def links_to_known(url: str, paths: Collection[str]) -> bool:
    """Whether a site link `url` reaches one of the output `paths` (a folder by its index.html).
    Relative links (`../x`) are taken as found: they depend on the page they are on."""
    path = unquote(urlsplit(url).path).lstrip("/")
    if path.startswith(".") or "/." in path:
        return True
    if not path or path.endswith("/"):
        return path + "index.html" in paths
    return path in paths or path + "/index.html" in paths
