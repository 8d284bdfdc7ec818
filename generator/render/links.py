"""Rewriting links inside rendered Markdown: site paths -> root-relative or absolute URLs. Pure.

Authors write links to the site as "/releases/2008/…" or "media/x.pdf"; both mean a path below
base_url, so the same content works under a sub-path and, made absolute, in feeds.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from html import unescape
from urllib.parse import unquote, urljoin, urlsplit

_ATTRIBUTE = re.compile(r"""(\s(?:href|src|srcset|poster)\s*=\s*)(["'])(.*?)(\2)""", re.IGNORECASE | re.DOTALL)
_RELATIVE = ("./", "../")


def is_site_link(url: str) -> bool:
    return bool(url) and not urlsplit(url).scheme and not url.startswith(("#", "//", "?"))


def rewrite_links(html: str, prefix: str, page: str | None = None) -> str:
    """Prefix every site link in href, src, srcset and poster attributes (in either quotes) with `prefix`
    (base path or base URL). A link relative to its page (`./x`, `../x`) is left as written for a
    browser to resolve; with `page`, the site path of the page it is on, it is resolved against
    prefix + page instead (for feeds and ninjs, read away from the page)."""

    def rewritten(url: str) -> str:
        if not is_site_link(url):
            return url
        if url.startswith(_RELATIVE) or url in (".", ".."):
            return url if page is None else urljoin(prefix + page, url)
        return prefix + url.lstrip("/")

    def replace(match: re.Match[str]) -> str:
        start, quote, value, end = match.groups()
        if start.strip().lower().startswith("srcset"):
            value = ", ".join(" ".join([rewritten(words[0]), *words[1:]]) for candidate in value.split(",")
                              if (words := candidate.split()))
        else:
            value = rewritten(value)
        return f"{start}{quote}{value}{end}"

    return _ATTRIBUTE.sub(replace, html)


def site_link_targets(html: str) -> list[str]:
    """The site links in the href, src, srcset and poster attributes of rendered Markdown, as written
    (HTML-unescaped)."""
    urls = []
    for match in _ATTRIBUTE.finditer(html):
        if match.group(1).strip().lower().startswith("srcset"):
            values = [words[0] for candidate in match.group(3).split(",") if (words := candidate.split())]
        else:
            values = [match.group(3)]
        urls += [url for value in values if is_site_link(url := unescape(value))]
    return urls


def links_to_known(url: str, paths: Collection[str]) -> bool:
    """Whether a site link `url` reaches one of the output `paths` (a folder by its index.html).
    Relative links (`../x`) are taken as found: they depend on the page they are on."""
    path = unquote(urlsplit(url).path).lstrip("/")
    if path.startswith(".") or "/." in path:
        return True
    if not path or path.endswith("/"):
        return path + "index.html" in paths
    return path in paths or path + "/index.html" in paths
