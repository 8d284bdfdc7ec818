"""The lead of a release page: its first paragraph of text, shown apart before the release's image. Pure.

A release whose text starts with a picture keeps the picture where it is in the body; the lead is the
first paragraph after it that has text, as the default summary is (source/markdown.py).
"""

from __future__ import annotations

import re
from html import unescape

_PARAGRAPH = re.compile(r"\s*(<p>(.*?)</p>)", re.DOTALL)  # the next paragraph, after the space between blocks
_TAG = re.compile(r"<[^>]+>")


def split_lead(body_html: str) -> tuple[str | None, str]:
    """(the lead's inner HTML, the body without it); (None, the body) if the body does not start with
    paragraphs, or none of those it starts with has text."""
    at = 0
    while match := _PARAGRAPH.match(body_html, at):
        if unescape(_TAG.sub("", match.group(2))).strip():
            return match.group(2), body_html[:match.start(1)].rstrip() + body_html[match.end(1):]
        at = match.end()
    return None, body_html
