"""A built site as the conformance tests see it: its files, their URLs, parsed HTML, and how a URL
found in a page resolves to a file of the output. Reads the output folder; writes nothing."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html  # type: ignore[import-untyped]
from lxml.html import HtmlElement


@dataclass(frozen=True)
class BuiltSite:
    root: Path
    base_url: str  # absolute, ends with "/"

    @property
    def host(self) -> str:
        return urlsplit(self.base_url).netloc

    @property
    def base_path(self) -> str:
        return urlsplit(self.base_url).path or "/"

    def files(self, suffix: str) -> list[Path]:
        return sorted(p for p in self.root.rglob(f"*{suffix}") if p.is_file())

    def html_files(self) -> list[Path]:
        return self.files(".html")

    def url_of(self, file: Path) -> str:
        """The absolute URL a file is published at: …/x/ for x/index.html."""
        relative = file.relative_to(self.root).as_posix()
        if relative == "index.html" or relative.endswith("/index.html"):
            relative = relative[: -len("index.html")]
        return self.base_url + relative

    def file_for(self, url: str) -> Path | None:
        """The output file an absolute URL of this site is served from, or None (also for other hosts).

        Like a static host: a path ending in "/" serves its index.html, any other path the file itself.
        """
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or parts.netloc != self.host:
            return None
        path = unquote(parts.path)
        if not path.startswith(self.base_path):
            return None
        relative = path[len(self.base_path):]
        if relative == "" or relative.endswith("/"):
            relative += "index.html"
        candidate = (self.root / relative).resolve()
        if self.root.resolve() not in candidate.parents or not candidate.is_file():
            return None
        return candidate

    def is_same_site(self, url: str, page_url: str) -> bool:
        """True for relative and root-relative URLs and for absolute URLs on the site's own host."""
        absolute = urljoin(page_url, url.strip())
        parts = urlsplit(absolute)
        if parts.scheme in ("data",):
            return True
        return parts.scheme in ("http", "https") and parts.netloc == self.host

    def parse(self, file: Path) -> HtmlElement:
        return _parse(file)


@functools.lru_cache(maxsize=256)
def _parse(file: Path) -> HtmlElement:
    document: HtmlElement = lxml.html.fromstring(file.read_bytes())
    return document


def json_ld(document: HtmlElement) -> list[dict[str, Any]]:
    """Every JSON-LD object of a page."""
    return [json.loads(script.text or "") for script in document.xpath('//script[@type="application/ld+json"]')]


def meta(document: HtmlElement, key: str) -> list[str]:
    """The content of every <meta name=key> or <meta property=key>."""
    return [str(value) for value in document.xpath(f'//meta[@name="{key}" or @property="{key}"]/@content')]
