"""parse_page: content/pages/<slug>.md -> a Page (imprint, privacy, about). Pure."""

from __future__ import annotations

from pathlib import PurePosixPath

from ..config import SiteConfig
from ..errors import SourceError
from ..model.entities import Page
from ..model.urls import RESERVED_SLUGS, SLUG_PATTERN, language_prefix, page_path, slugify
from .frontmatter import split_front_matter
from .markdown import check_foreign_loads, check_links, first_paragraph, render_body, sized_images
from .reader import SourceFile
from .schema import Fields, quote

PAGE_KEYS = ("title", "slug", "lang", "summary", "draft")


def _check_slug(fields: Fields, slug: str, from_key: bool) -> None:
    """A page's slug comes from `slug:` or else from the file name; the message says which to change."""
    if not SLUG_PATTERN.match(slug):
        example = slugify(slug) or "seite"
        if from_key:
            fields.fail("slug", f"{quote(slug)} is not a valid slug",
                        f"use lower case letters, digits and hyphens, e.g. {example}")
        else:
            fields.errors.append(SourceError(fields.path, 1, f"the file name gives the URL slug {quote(slug)}, "
                                             "which is not valid", f"rename the file, e.g. to {example}.md, "
                                             "or set `slug:`"))
    elif slug in RESERVED_SLUGS:
        reserved = f"the page URL /{slug}/ is reserved for the site's own pages"
        if from_key:
            fields.fail("slug", reserved, "choose another `slug`")
        else:
            fields.errors.append(SourceError(fields.path, 1, reserved, "rename the file, or set another `slug:`"))


def parse_page(source: SourceFile, config: SiteConfig,
               image_sizes: dict[str, tuple[int, int]] | None = None) -> tuple[Page | None, list[SourceError]]:
    try:
        front = split_front_matter(source.text, source.path)
    except SourceError as error:
        return None, [error]
    fields = Fields(front.data, front.key_lines, source.path)
    fields.check_keys(PAGE_KEYS)
    title = fields.text("title", required=True, example="Impressum")
    stem = PurePosixPath(source.relative).stem
    slug = fields.text("slug") or slugify(stem)
    _check_slug(fields, slug, from_key="slug" in front.data)
    lang = fields.language("lang", config.language)
    draft = fields.flag("draft")
    body_html = sized_images(render_body(front.body, source.path, front.body_line, fields.errors), image_sizes or {})
    fields.errors.extend(check_links(front.body, body_html, source.path, front.body_line))
    fields.errors.extend(check_foreign_loads(front.body, body_html, source.path, front.body_line))
    if fields.errors:
        return None, fields.errors
    return Page(source=source.path, title=title or "", slug=slug, lang=lang,
                path=page_path(language_prefix(lang, config.language), slug), body_html=body_html,
                summary=fields.text("summary") or first_paragraph(body_html), draft=draft), []

