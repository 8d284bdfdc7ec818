"""Markdown -> HTML with one configured Python-Markdown instance, and plain-text summaries. Pure."""

from __future__ import annotations

import html
import re
from functools import lru_cache

import markdown

from ..model.urls import slugify

_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


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
