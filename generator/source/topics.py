"""topics.yaml -> the closed list of Topic records, slugs checked for collisions. Pure."""

from __future__ import annotations

from ..errors import SourceError
from ..model.entities import Topic
from ..model.urls import SLUG_PATTERN, slugify
from .schema import Fields, quote
from .yamldoc import load_yaml

TOPIC_KEYS = ("slug", "description")


def parse_topics(text: str, path: str) -> tuple[dict[str, Topic], list[SourceError]]:
    try:
        document = load_yaml(text, path)
    except SourceError as error:
        return {}, [error]
    if document.data is None:
        return {}, []
    if not isinstance(document.data, dict):
        return {}, [SourceError(path, 1, "topics.yaml must map topic names to their settings",
                                "write one line per topic, e.g. `Wirtschaftsförderung: {slug: wirtschaftsfoerderung}`")]
    errors: list[SourceError] = []
    root = Fields(document.data, document.key_lines, path, errors=errors)
    topics: dict[str, Topic] = {}
    owners: dict[str, str] = {}
    for key, value in document.data.items():
        name = str(key).strip()
        # A topic with a problem still counts as listed, so releases naming it report nothing more.
        topics[name] = Topic(name=name, slug=slugify(name) or "x")
        if value is not None and not isinstance(value, dict):
            root.fail(str(key), "must be empty or a mapping with `slug` and `description`",
                      "write e.g. `Ausbildung: {description: \"…\"}`")
            continue
        fields = root.nested(str(key), value or {}, f"{name}.")
        fields.check_keys(TOPIC_KEYS)
        slug = fields.text("slug") or slugify(name)
        if not SLUG_PATTERN.match(slug):
            where = "slug" if "slug" in (value or {}) else None
            _fail_slug(fields, root, str(key), where, slug)
            continue
        if slug in owners:
            root.fail(str(key), f"has the same URL /topics/{slug}/ as the topic {quote(owners[slug])}",
                      "merge the two topics, or give one of them another `slug`")
            continue
        owners[slug] = name
        topics[name] = Topic(name=name, slug=slug, description=fields.text("description") or "")
    return topics, errors


def _fail_slug(fields: Fields, root: Fields, key: str, where: str | None, slug: str) -> None:
    """A bad `slug:`, or a topic name that gives no slug at all."""
    if where:
        fields.fail(where, f"{quote(slug)} is not a valid slug",
                    f"use lower case letters, digits and hyphens, e.g. {slugify(slug) or 'thema'}")
    else:
        root.fail(key, "gives an empty URL slug", "add `slug:` with lower case letters and hyphens")
