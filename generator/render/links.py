"""Rewriting links inside rendered Markdown: site paths -> root-relative or absolute URLs. Pure.

Authors write links to the site as "/releases/2008/…" or "media/x.pdf"; both mean a path below
base_url, so the same content works under a sub-path and, made absolute, in feeds.
"""

from __future__ import annotations

from collections.abc import Collection
from urllib.parse import unquote, urljoin, urlsplit

from ..model.html_attributes import attributes, srcset_spans

_RELATIVE = ("./", "../")
_REWRITTEN = frozenset({"href", "src", "srcset", "poster"})


def is_site_link(url: str) -> bool:
    return bool(url) and not urlsplit(url).scheme and not url.startswith(("#", "//", "?"))


def rewrite_links(html: str, prefix: str, page: str | None = None) -> str:
    """Prefix every site link in the href, src, srcset and poster attributes of start tags with `prefix`
    (base path or base URL). A link relative to its page (`./x`, `../x`) is left as written for a
    browser to resolve; with `page`, the site path of the page it is on, it is resolved against
    prefix + page instead (for feeds and ninjs, read away from the page)."""

    def rewritten(url: str) -> str:
        if not is_site_link(url):
            return url
        if url.startswith(_RELATIVE) or url in (".", ".."):
            return url if page is None else urljoin(prefix + page, url)
        return prefix + url.lstrip("/")

    parts, at = [], 0
    for attribute in attributes(html):
        if attribute.name not in _REWRITTEN:
            continue
        if attribute.name == "srcset":
            value, done = "", 0
            for start, end in srcset_spans(attribute.raw):
                value += attribute.raw[done:start] + rewritten(attribute.raw[start:end])
                done = end
            value += attribute.raw[done:]
        else:
            value = rewritten(attribute.raw)
        parts += [html[at:attribute.start], value]
        at = attribute.end
    return "".join(parts) + html[at:]


def site_link_targets(html: str) -> list[str]:
    """The site links in the href, src, srcset and poster attributes of rendered Markdown, as written
    (HTML-unescaped)."""
    return [url for attribute in attributes(html) if attribute.name in _REWRITTEN
            for url in attribute.urls() if is_site_link(url)]


def links_to_known(url: str, paths: Collection[str]) -> bool:
    """Whether a site link `url` reaches one of the output `paths` (a folder by its index.html).
    Relative links (`../x`) are taken as found: they depend on the page they are on."""
    path = unquote(urlsplit(url).path).lstrip("/")
    if path.startswith(".") or "/." in path:
        return True
    if not path or path.endswith("/"):
        return path + "index.html" in paths
    return path in paths or path + "/index.html" in paths
