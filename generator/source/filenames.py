"""Which names in the content folder are read, and which are Markdown meant to be read under another
name. Pure: the reader (source/reader.py) and the dev server's change classifier share it."""

from __future__ import annotations

import posixpath

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd", ".mkdn", ".mdwn", ".mdtxt", ".mdtext"})
SETTINGS_FILES = ("site", "contacts", "topics", "redirects")  # content/<name>.yaml


def ignored_name(name: str) -> bool:
    """Editor droppings and hidden entries: hidden files and folders, backups, lock files."""
    return name.startswith((".", "#", "~")) or name.endswith(("~", ".swp", ".tmp"))


def is_markdown_name(name: str) -> bool:
    """A file name that looks like Markdown meant to be read: x.md, and also x.MD, x.markdown, x.mdown."""
    suffix = posixpath.splitext(name)[1].lower()
    return suffix in MARKDOWN_SUFFIXES and not ignored_name(name)
