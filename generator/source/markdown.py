"""Markdown -> HTML with one configured Python-Markdown instance, and plain-text summaries. Pure."""

from __future__ import annotations

import html
import re
from functools import lru_cache

import markdown

from ..errors import SourceError
from ..model.html_attributes import attributes
from ..model.urls import CONTACT_ANCHOR_PREFIX, slugify
from .characters import check_text
from .schema import quote, split_url

_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_LINK = re.compile(r'\s(?:href|src)="([^"]*)"')
_IMAGE_TAG = re.compile(r'<img\b[^>]*>')
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""", re.IGNORECASE)
_SRC = re.compile(r'\ssrc="/?([^"]*)"')
# A picture in Markdown: ![alt](src), ![alt][ref], either inside a link [ … ](href), or an <img> tag.
_PICTURE = re.compile(r"\[!\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])\](?:\([^)]*\)|\[[^\]]*\])"
                      r"|!\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])?|<img\b[^>]*>", re.IGNORECASE)


# The ids the theme's pages use themselves (templates/); a heading must not take one, or the skip link
# and the page's own anchors would jump to it (tests/unit/test_heading_ids.py keeps the list complete).
THEME_IDS = frozenset({"main", "search", "search-label", "about-heading", "attachments-heading", "browse-heading",
                       "contacts-heading", "sidebar-contacts", "sidebar-feed", "sidebar-topics"})


def heading_id(text: str, _separator: str = "-") -> str:
    """The id of a heading in a text: its slug, unless the page uses that id itself."""
    slug = slugify(text) or "abschnitt"
    return f"abschnitt-{slug}" if slug in THEME_IDS or slug.startswith(CONTACT_ANCHOR_PREFIX) else slug


@lru_cache(maxsize=1)
def _converter() -> markdown.Markdown:
    return markdown.Markdown(
        extensions=["extra", "sane_lists", "toc"],
        extension_configs={"toc": {"slugify": heading_id}},
        output_format="html",
    )


# Python-Markdown looks for the end of a link from every `[` and `(`: text with thousands of them in one
# paragraph (unclosed, or nested) takes minutes to hours. MAX_SCAN keeps any paragraph well under a second.
MAX_SCAN = 1_000_000
_BLOCKS = re.compile(r"\n[ \t]*\n")
_BRACKET = re.compile(r"[][()]")
_OPENING = {"]": "[", ")": "("}


class MarkdownError(ValueError):
    """Text that Python-Markdown cannot read in reasonable time or stack: (line offset, message, hint)."""

    def __init__(self, offset: int, message: str, hint: str) -> None:
        super().__init__(message)
        self.offset, self.message, self.hint = offset, message, hint

    def at(self, path: str, first_line: int, key: str = "") -> SourceError:
        """As a SourceError, for text starting at `first_line` (of a `key:`, if the text is a value)."""
        return SourceError(path, first_line + self.offset, f"{key}: {self.message}" if key else self.message,
                           self.hint)


def scan_cost(block: str) -> int:
    """How far Markdown scans for closing brackets and parentheses in one block: the distance from each
    opening one to its partner, or to the end of the block if it has none."""
    cost = 0
    open_at: dict[str, list[int]] = {"[": [], "(": []}
    for match in _BRACKET.finditer(block):
        char, index = match.group(), match.start()
        if char in open_at:
            open_at[char].append(index)
        elif (stack := open_at[_OPENING[char]]):
            cost += index - stack.pop()
    return cost + sum(len(block) - at for stack in open_at.values() for at in stack)


def check_markdown(text: str) -> None:
    """Raise MarkdownError for a paragraph that would take Markdown too long."""
    if "[" not in text and "(" not in text:
        return
    start = 0
    for separator in [*_BLOCKS.finditer(text), None]:
        end = separator.start() if separator else len(text)
        if scan_cost(text[start:end]) > MAX_SCAN:
            raise MarkdownError(text.count("\n", 0, start),
                                "this paragraph has too many brackets [ ] or ( ) for Markdown to read in time",
                                "split it into shorter paragraphs, or write \\[ and \\( for brackets "
                                "that are not part of a link")
        start = separator.end() if separator else end


def render_markdown(text: str) -> str:
    """Markdown -> HTML; raises MarkdownError for text it cannot read in time or stack."""
    check_markdown(text)
    converter = _converter()
    try:
        return converter.convert(text).strip()
    except RecursionError:
        raise MarkdownError(0, "the text nests too deeply for Markdown (emphasis, quotes or lists)",
                            "remove the long run of *, _ or > characters") from None
    finally:
        converter.reset()


def render_body(body: str, path: str, body_line: int, errors: list[SourceError]) -> str:
    """The body of a release or page as HTML; a body Markdown cannot read becomes one error, and each line
    with a control character another (they would make the feeds unreadable XML)."""
    errors.extend(check_text(body, path, body_line))
    try:
        return render_markdown(body)
    except MarkdownError as error:
        errors.append(error.at(path, body_line))
        return ""


def sized_images(body_html: str, sizes: dict[str, tuple[int, int]]) -> str:
    """width and height on a body's pictures from content/media/ whose size is known (and that do not
    give one), so the text does not jump when a picture arrives."""
    if not sizes or "<img" not in body_html:
        return body_html

    def sized(match: re.Match[str]) -> str:
        tag = match.group(0)
        src = _SRC.search(tag)
        size = sizes.get(src.group(1)) if src else None
        if size is None or " width=" in tag or " height=" in tag:
            return tag
        return f'{tag[:-1].rstrip("/ ")} width="{size[0]}" height="{size[1]}">'

    return _IMAGE_TAG.sub(sized, body_html)


def plain_text(fragment: str) -> str:
    """HTML fragment -> one line of plain text."""
    return " ".join(html.unescape(_TAG.sub("", fragment)).split())


def first_paragraph(body_html: str) -> str:
    """The first paragraph that has text, as plain text: the default summary. A paragraph that holds only a
    picture (a release that starts with one) is passed over, or the summary would be empty."""
    for match in _PARAGRAPH.finditer(body_html):
        text = plain_text(match.group(1))
        if text:
            return text
    return ""


def first_text_line(body: str) -> int:
    """The line (counted from 0) of a body where its first text is: blank lines and lines that hold only
    pictures (`![…](…)`, linked or not, or `<img>`) are passed over, as first_paragraph passes over them."""
    lines = body.split("\n")
    return next((i for i, line in enumerate(lines) if _PICTURE.sub("", line).strip()), 0)


def foreign_loads(body_html: str) -> list[tuple[str, str]]:
    """(tag, URL) for everything in a body's HTML (Markdown pictures, or HTML written into the text) that
    a browser would load by a full address by itself: src, srcset, poster, data, <link href>, CSS url()."""
    found = []
    for attribute in attributes(body_html):
        if attribute.name == "style":
            urls = [a or b for a, b in _CSS_URL.findall(attribute.value)]
        elif attribute.name in ("href", "xlink:href"):  # <link> and SVG's <image>, <use>, <feImage> load theirs
            urls = [attribute.value] if attribute.tag in ("link", "image", "use", "feimage") else []
        else:
            urls = attribute.urls()
        found += [(attribute.tag, url) for url in urls if _full_address(url)]
    for style in re.finditer(r"<style\b[^>]*>(.*?)</style>", body_html, re.DOTALL | re.IGNORECASE):
        found += [("style", a or b) for a, b in _CSS_URL.findall(style.group(1)) if _full_address(a or b)]
    return found


def _full_address(url: str) -> bool:
    """An address with a host: absolute (http:, https:, any scheme with a host) or `//host/…`."""
    parts = split_url(url.strip())
    return parts is not None and bool(parts.netloc)


def check_foreign_loads(body: str, body_html: str, path: str, body_line: int) -> list[SourceError]:
    """Pictures, frames, scripts or styles in a body loaded by a full address: one error each, at the first
    line naming it. Pressroom's pages make no reader's browser contact another host."""
    return [SourceError(path, _line_of_address(body, url, body_line), *foreign_load_problem("the text", tag, url))
            for tag, url in dict.fromkeys(foreign_loads(body_html))]


def _line_of_address(body: str, url: str, body_line: int) -> int:
    """The line that names `url`, or else its host (`https:&#x2F;&#x2F;host/…` is written otherwise)."""
    parts = split_url(url.strip())
    for text in (url, parts.netloc if parts else ""):
        if text and any(text in line for line in body.split("\n")):
            return line_in(body, text, body_line)
    return body_line


def foreign_load_problem(what: str, tag: str, url: str) -> tuple[str, str]:
    """The message and hint for `what` ("the text", "boilerplate:") loading `url` in a `tag` by a full
    address: from another host it would tell that host who reads the page; from this site's own, it
    would break under a preview's, a staging's or another --base-url's address."""
    if tag in ("iframe", "embed", "object", "video", "audio", "source", "track"):
        hint = f"link to it instead, e.g. [Das Video]({url}), or put the file under content/media/"
    else:
        hint = "put the file under content/media/ and write /media/<name>"
    return (f"{what} loads {quote(url)} by a full address; pages load only from the site itself, so that "
            "no other host learns who reads them", hint)


def line_in(body: str, text: str, body_line: int) -> int:
    """The file line of the first line of `body` (which starts at `body_line`) that holds `text`, else
    body_line."""
    return body_line + next((i for i, line in enumerate(body.split("\n")) if text in line), 0)


def check_links(body: str, body_html: str, path: str, body_line: int) -> list[SourceError]:
    """Links in a body that are no URL at all (`http://[x`): one error each, at the first line naming it."""
    errors = []
    for match in _LINK.finditer(body_html):
        link = html.unescape(match.group(1))
        if split_url(link) is None:
            errors.append(SourceError(path, line_in(body, link, body_line),
                                      f"the link {quote(link)} is not a valid URL",
                                      "write it like [text](https://example.org/) or [text](/releases/…/)"))
    return errors
