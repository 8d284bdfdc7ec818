"""The only reader of the content folder: files on disk -> SourceFile values (text, decoded)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import SourceError

MAX_TEXT_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class SourceFile:
    path: str  # as shown in messages, e.g. content/releases/2008/x.md
    relative: str  # below the content folder, with "/"
    text: str


@dataclass
class SiteSources:
    site: SourceFile | None = None
    contacts: SourceFile | None = None
    topics: SourceFile | None = None
    redirects: SourceFile | None = None
    releases: list[SourceFile] = field(default_factory=list)
    pages: list[SourceFile] = field(default_factory=list)
    media: dict[str, int] = field(default_factory=dict)  # site path (media/…) -> size in bytes
    errors: list[SourceError] = field(default_factory=list)


def read_sources(content_dir: Path) -> SiteSources:
    sources = SiteSources()
    if not content_dir.is_dir():
        sources.errors.append(SourceError(str(content_dir), 0, "the content folder does not exist",
                                          "pass --content DIR, or run from the folder that holds content/"))
        return sources
    sources.site = _read_optional(content_dir, "site.yaml", sources.errors)
    if sources.site is None and not sources.errors:
        sources.errors.append(SourceError(_shown(content_dir / "site.yaml"), 0, "site.yaml is missing",
                                          'create it with at least `title: "…"` and `base_url: https://…/`'))
    sources.contacts = _read_optional(content_dir, "contacts.yaml", sources.errors)
    sources.topics = _read_optional(content_dir, "topics.yaml", sources.errors)
    sources.redirects = _read_optional(content_dir, "redirects.yaml", sources.errors)
    sources.releases = _read_tree(content_dir, "releases", "**/*.md", sources.errors)
    sources.pages = _read_tree(content_dir, "pages", "*.md", sources.errors)
    media_dir = content_dir / "media"
    if media_dir.is_dir():
        for file in sorted(media_dir.rglob("*")):
            if file.is_file() and not _ignored(file) and not _links_out(file, content_dir, sources.errors):
                sources.media[file.relative_to(content_dir).as_posix()] = file.stat().st_size
    return sources


def _links_out(path: Path, content_dir: Path, errors: list[SourceError]) -> bool:
    """A symbolic link to a file outside the content folder: refused, so that a commit can never publish
    a file of the machine that builds the site (/etc/passwd, a key)."""
    if not path.is_symlink() or path.resolve().is_relative_to(content_dir.resolve()):
        return False
    errors.append(SourceError(_shown(path), 0, "is a link to a file outside the content folder",
                              "copy the file into the content folder instead; links out of it are not followed"))
    return True


def _shown(path: Path) -> str:
    return path.as_posix()


def _ignored(path: Path) -> bool:
    """Editor droppings: hidden files, backups, lock files."""
    return path.name.startswith((".", "#", "~")) or path.name.endswith(("~", ".swp", ".tmp"))


def _read_optional(content_dir: Path, name: str, errors: list[SourceError]) -> SourceFile | None:
    path = content_dir / name
    if not path.is_file() or _links_out(path, content_dir, errors):
        return None
    return _read_text(path, name, errors)


def _read_tree(content_dir: Path, folder: str, pattern: str, errors: list[SourceError]) -> list[SourceFile]:
    root = content_dir / folder
    if not root.is_dir():
        return []
    files = []
    for path in sorted(root.glob(pattern)):
        if path.is_file() and not _ignored(path) and not _links_out(path, content_dir, errors):
            source = _read_text(path, path.relative_to(content_dir).as_posix(), errors)
            if source is not None:
                files.append(source)
    return files


def read_text_file(path: Path, shown: str) -> str:
    """Read one UTF-8 text file; raises SourceError if too large or not UTF-8."""
    size = path.stat().st_size
    if size > MAX_TEXT_BYTES:
        raise SourceError(shown, 0, f"the file is {size // 1024 // 1024} MB; at most 2 MB of text are read",
                          "move large material to content/media/ and link it")
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise SourceError(shown, line, "the file is not UTF-8 text",
                          "save it as UTF-8 in your editor") from None


def _read_text(path: Path, relative: str, errors: list[SourceError]) -> SourceFile | None:
    shown = _shown(path)
    try:
        return SourceFile(shown, relative, read_text_file(path, shown))
    except SourceError as error:
        errors.append(error)
        return None
    except OSError as exc:
        errors.append(SourceError(shown, 0, f"cannot be read: {exc.strerror}", "check the file's permissions"))
        return None
