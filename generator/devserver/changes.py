"""classify_change: a changed path -> what it affects (ChangeKind). Pure: looks at the path only.

Editors leave swap, backup and lock files beside the file they save; those change nothing and
are IGNORED, by the same rules the content reader uses to skip them.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import PurePath

from ..model.urls import is_published_static
from ..source.filenames import SETTINGS_FILES, is_markdown_name

SITE_DATA = frozenset({f"{name}.{suffix}" for name in SETTINGS_FILES for suffix in ("yaml", "yml")})  # .yml: reported
_EDITOR_PREFIXES = (".", "#", "~")
_EDITOR_SUFFIXES = ("~", ".swp", ".swx", ".swo", ".tmp", ".part", ".crdownload", ".kate-swp")
_EDITOR_NAMES = frozenset({"4913", "__pycache__"})  # 4913: Vim's probe that the folder is writable


class ChangeKind(enum.Enum):
    IGNORED = "ignored"
    SITE_DATA = "site data"  # site.yaml, contacts.yaml, topics.yaml, redirects.yaml
    RELEASE = "release"
    PAGE = "page"
    MEDIA = "media"
    TEMPLATE = "template"
    STATIC = "static file"


@dataclass(frozen=True)
class WatchedRoots:
    """The folders a dev server watches (absolute); the first match wins, so overrides come first."""

    content: PurePath
    templates: tuple[PurePath, ...]
    static: tuple[PurePath, ...]


def is_editor_file(name: str) -> bool:
    return name.startswith(_EDITOR_PREFIXES) or name.endswith(_EDITOR_SUFFIXES) or name in _EDITOR_NAMES


def classify_change(path: PurePath, roots: WatchedRoots, is_directory: bool = False) -> ChangeKind:
    """What a created, changed, deleted or moved path affects. A folder counts for what it may hold."""
    if is_editor_file(path.name):
        return ChangeKind.IGNORED
    for kind, folders in ((ChangeKind.TEMPLATE, roots.templates), (ChangeKind.STATIC, roots.static)):
        if any(_is_within(path, folder) for folder in folders):
            return kind if is_directory or not _hidden_within(path, folders) else ChangeKind.IGNORED
    if path == roots.content:
        return ChangeKind.SITE_DATA  # the whole content folder came or went
    if not _is_within(path, roots.content):
        return ChangeKind.IGNORED
    return _content_kind(path.relative_to(roots.content).parts, is_directory)


def _content_kind(parts: tuple[str, ...], is_directory: bool) -> ChangeKind:
    top = parts[0]
    if len(parts) == 1 and not is_directory:
        return ChangeKind.SITE_DATA if top in SITE_DATA else ChangeKind.IGNORED
    # x.MD, x.markdown and pages in subfolders are not read but reported, so they count too
    if top == "releases" and (is_directory or is_markdown_name(parts[-1])):
        return ChangeKind.RELEASE
    if top == "pages" and (is_directory or is_markdown_name(parts[-1])):
        return ChangeKind.PAGE
    if top == "media":
        return ChangeKind.MEDIA
    return ChangeKind.IGNORED


def _is_within(path: PurePath, folder: PurePath) -> bool:
    return path == folder or folder in path.parents


def _hidden_within(path: PurePath, folders: tuple[PurePath, ...]) -> bool:
    """A hidden file of the theme, or one in a hidden folder (.git, .cache) other than .well-known/, is
    not part of it (is_published_static)."""
    folder = next(f for f in folders if _is_within(path, f))
    return not is_published_static(path.relative_to(folder).parts)
