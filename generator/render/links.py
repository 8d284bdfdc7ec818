"""Rewriting links inside rendered Markdown: site paths -> root-relative or absolute URLs. Pure.

Authors write links to the site as "/releases/2008/…" or "media/x.pdf"; both mean a path below
base_url, so the same content works under a sub-path and, made absolute, in feeds.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

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
