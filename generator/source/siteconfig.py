"""site.yaml -> SiteConfig, with every problem of the file collected. Pure."""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache
from pathlib import PurePosixPath
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from ..config import Organization, SiteConfig, check_base_url
from ..errors import BuildFailed, SourceError
from .markdown import MarkdownError, foreign_load_problem, foreign_loads, render_markdown
from .schema import Fields, did_you_mean, is_url, media_problem, quote, split_url
from .yamldoc import load_yaml

SITE_KEYS = ("title", "base_url", "language", "timezone", "description", "organization",
             "boilerplate", "default_contacts", "per_page", "feed_items")
ORGANIZATION_KEYS = ("name", "url", "logo")
_FILE_NAME = re.compile(r"^[\w-]+(\.[\w-]+)*\.[A-Za-z0-9]{2,5}$")


def parse_site_config(text: str, path: str, base_url_override: str | None = None) -> SiteConfig:
    """Parse site.yaml; raises BuildFailed with every problem in it."""
    config, errors = read_site_config(text, path, base_url_override)
    if errors or config is None:
        raise BuildFailed(errors)
    return config


def read_site_config(text: str, path: str,
                     base_url_override: str | None = None) -> tuple[SiteConfig | None, list[SourceError]]:
    """Parse site.yaml: the settings (with defaults in place of bad values, so that the rest of the content
    can still be checked in the same run) and every problem; None only if the file is unreadable."""
    errors: list[SourceError] = []
    try:
        document = load_yaml(text, path)
    except SourceError as error:
        return None, [error]
    if not isinstance(document.data, dict):
        return None, [SourceError(path, 1, "site.yaml must be a mapping of settings",
                                  'start with `title: "…"` and `base_url: https://…`')]
    fields = Fields(document.data, document.key_lines, path, errors=errors)
    fields.check_keys(SITE_KEYS)
    title = fields.text("title", required=True, example="Presse – Beispiel") or ""
    base_url = _base_url(fields, base_url_override)
    config = SiteConfig(
        title=title, base_url=base_url, language=fields.language("language", "de"), timezone=_timezone(fields),
        description=fields.text("description") or "", organization=_organization(fields),
        boilerplate=_boilerplate(fields),
        default_contacts=fields.text_list("default_contacts", "contact ids", "[schulz-kuhnt]"),
        per_page=fields.integer("per_page", 20), feed_items=fields.integer("feed_items", 20),
        declared_base_url=_declared_base_url(document.data, base_url, base_url_override),
    )
    return config, errors


def _boilerplate(fields: Fields) -> str:
    text = fields.text("boilerplate") or ""
    try:
        rendered = render_markdown(text)  # once here, so that the pipeline's rendering of it cannot fail
    except MarkdownError as error:
        fields.errors.append(error.at(fields.path, fields.where("boilerplate"), "boilerplate"))
        return ""
    for tag, url in foreign_loads(rendered):
        fields.errors.append(SourceError(fields.path, fields.where("boilerplate"),
                                         *foreign_load_problem("boilerplate:", tag, url)))
    return text


def _declared_base_url(data: dict[str, object], base_url: str, override: str | None) -> str | None:
    """site.yaml's own base_url, if an override replaced it and it is a usable absolute URL."""
    declared = data.get("base_url")
    if not override or not isinstance(declared, str) or check_base_url(declared):
        return None
    declared = declared if declared.endswith("/") else declared + "/"
    return declared if declared != base_url else None


def _base_url(fields: Fields, override: str | None) -> str:
    base_url = override or fields.text("base_url", required=True, example="https://presse.example.org/")
    if not base_url:
        return "https://example.org/"
    problem = check_base_url(base_url) if split_url(base_url) else (
        f"{quote(base_url)} is not an absolute URL", "write it in full, e.g. https://presse.example.org/")
    if problem and override:
        fields.errors.append(SourceError("--base-url", 0, problem[0], problem[1]))
    elif problem:
        fields.fail("base_url", *problem)
    return base_url if base_url.endswith("/") else base_url + "/"


@lru_cache(maxsize=1)
def _zone_names() -> frozenset[str]:
    return frozenset(available_timezones())


def _timezone(fields: Fields) -> str:
    value = fields.text("timezone") or "Europe/Berlin"
    # Only known names reach ZoneInfo: it opens a file per name, and a name of thousands of /-parts
    # makes importlib recurse until the stack runs out.
    try:
        if value in _zone_names():
            ZoneInfo(value)
            return value
    except (ZoneInfoNotFoundError, ValueError, OSError):
        pass
    hint = did_you_mean(value, sorted(_zone_names())) or "use an IANA name such as Europe/Berlin"
    fields.fail("timezone", f"{quote(value)} is not a time zone", hint)
    return "Europe/Berlin"


def _organization(fields: Fields) -> Organization | None:
    data = fields.mapping("organization")
    if data is None:
        return None
    nested = fields.nested("organization", data, "organization.")
    nested.check_keys(ORGANIZATION_KEYS)
    name = nested.text("name", required=True, example="Beispiel GmbH")
    return Organization(name=name or "", url=nested.url("url"), logo=_logo(nested))


def _logo(fields: Fields) -> str | None:
    """The logo's site path (media/logo.svg), or None. A URL is refused: pages and feeds would load it
    from another host. That the file exists is checked with the media (find_missing_logo)."""
    value = fields.text("logo")
    if value is None:
        return None
    if is_url(value) or value.startswith("//"):
        fields.fail("logo", "must be a file under content/media/, not a URL",
                    f"the site loads nothing from other hosts: {_copy_hint(value)}")
        return None
    return value.lstrip("/")


def find_missing_logo(text: str, path: str, config: SiteConfig, media: Collection[str]) -> list[SourceError]:
    """`organization.logo` that is not a file under content/media/, at the line of the logo."""
    logo = config.organization.logo if config.organization else None
    if logo is None or logo in media:
        return []
    document = load_yaml(text, path)  # parsed once already, so this cannot fail
    written = str(document.data["organization"]["logo"]).strip()
    message, hint = media_problem(written, media) or (f"{quote(written)} does not exist", "")
    if not logo.startswith("media/") and not hint.startswith("did you mean"):
        message, hint = f"{quote(written)} is not a file under content/media/", _copy_hint(written)
    return [SourceError(path, document.key_lines.get("organization.logo", 1), f"organization.logo: {message}", hint)]


def _copy_hint(value: str) -> str:
    """How to make a URL or another path a media file, with its file name where it has a plain one."""
    parts = split_url(value)
    name = PurePosixPath(parts.path).name if parts else ""
    return f"copy the file to content/media/ and write media/{name if _FILE_NAME.match(name) else 'logo.svg'}"


def find_unknown_default_contacts(text: str, path: str, config: SiteConfig, known: Collection[str],
                                  contacts_file: bool = True) -> list[SourceError]:
    """`default_contacts` ids that contacts.yaml does not have (or all, if there is no contacts.yaml), at
    the line of each id."""
    unknown = [c for c in config.default_contacts if c not in known]
    if not unknown:
        return []
    lines = load_yaml(text, path).key_lines  # parsed once already, so this cannot fail
    errors = []
    for contact_id in unknown:
        index = config.default_contacts.index(contact_id)
        line = lines.get(f"default_contacts.{index}", lines.get("default_contacts", 1))
        if not contacts_file:
            errors.append(SourceError(path, line, f"default_contacts: {quote(contact_id)} is a contact id, but there "
                                      "is no contacts.yaml", "create content/contacts.yaml with this contact (see "
                                      "README.md), or remove it from default_contacts"))
            continue
        hint = did_you_mean(contact_id, known) or "add it to contacts.yaml, or remove it from default_contacts"
        errors.append(SourceError(path, line, f"default_contacts: {quote(contact_id)} is not in contacts.yaml", hint))
    return errors
