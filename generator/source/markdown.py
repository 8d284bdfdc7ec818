"""Markdown -> HTML with one configured Python-Markdown instance, and plain-text summaries. Pure."""

from __future__ import annotations

import html
import re
from functools import lru_cache

import markdown

from ..errors import SourceError
from ..model.urls import slugify
from .schema import quote, split_url

_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_LINK = re.compile(r'\s(?:href|src)="([^"]*)"')


@lru_cache(maxsize=1)
def _converter() -> markdown.Markdown:
    return markdown.Markdown(
        extensions=["extra", "sane_lists", "toc"],
        extension_configs={"toc": {"slugify": lambda value, _sep: slugify(value) or "abschnitt"}},
        output_format="html",
    )


def render_markdown(text: str) -> str:
    converter = _converter()
    try:
        return converter.convert(text).strip()
    finally:
        converter.reset()


def plain_text(fragment: str) -> str:
    """HTML fragment -> one line of plain text."""
    return " ".join(html.unescape(_TAG.sub("", fragment)).split())


def first_paragraph(body_html: str) -> str:
    match = _PARAGRAPH.search(body_html)
    return plain_text(match.group(1)) if match else ""


def check_links(body: str, body_html: str, path: str, body_line: int) -> list[SourceError]:
    """Links in a body that are no URL at all (`http://[x`): one error each, at the first line naming it."""
    errors = []
    for match in _LINK.finditer(body_html):
        link = html.unescape(match.group(1))
        if split_url(link) is None:
            lines = body.split("\n")
            offset = next((i for i, line in enumerate(lines) if link in line), 0)
            errors.append(SourceError(path, body_line + offset, f"the link {quote(link)} is not a valid URL",
                                      "write it like [text](https://example.org/) or [text](/releases/…/)"))
    return errors
