"""The only reader of the content folder: files on disk -> SourceFile values (text, decoded).

A long-running process (the dev server) passes KnownSources: a text file whose size, times and
inode are as they were when it was last read, and that was not racily fresh then, is not read again;
nor is the header of such an image file, read for its size in pixels.
"""

from __future__ import annotations

import math
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import imagesize  # type: ignore[import-untyped]  # no type information shipped

from ..config import RACY_SECONDS
from ..errors import SourceError, size_over
from ..model.warnings import IMAGE_SUFFIXES
from .filenames import SETTINGS_FILES, ignored_name, is_markdown_name

MB = 1024 * 1024
MAX_TEXT_BYTES = 2 * MB
# Endings editors and other generators give Markdown. Only `.md` is read; a file with another of these
# (or `.md` in capitals) is an error, so that a release saved as x.markdown is not silently left out.


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
    image_sizes: dict[str, tuple[int, int]] = field(default_factory=dict)  # media/… -> width, height (pixels)
    errors: list[SourceError] = field(default_factory=list)


Signature = tuple[int, int, int, int]  # size, mtime, ctime (ns), inode


@dataclass
class KnownSources:
    """The text files of the last read that may be trusted by their stat, by shown path."""

    files: dict[str, tuple[Signature, SourceFile]] = field(default_factory=dict)
    images: dict[str, tuple[Signature, tuple[int, int] | None]] = field(default_factory=dict)  # pixel sizes


def read_sources(content_dir: Path, known: KnownSources | None = None) -> SiteSources:
    sources = SiteSources()
    read = KnownSources()  # what this read may pass on to the next
    if not content_dir.is_dir():
        sources.errors.append(SourceError(str(content_dir), 0, "the content folder does not exist",
                                          "pass --content DIR, or run from the folder that holds content/"))
        return sources
    reader = _Reader(sources.errors, known.files if known else {}, read.files)
    sources.site = _read_optional(content_dir, "site.yaml", reader)
    if sources.site is None and not sources.errors:
        sources.errors.append(SourceError(_shown(content_dir / "site.yaml"), 0, "site.yaml is missing",
                                          'create it with at least `title: "…"` and `base_url: https://…/`'))
    sources.contacts = _read_optional(content_dir, "contacts.yaml", reader)
    sources.topics = _read_optional(content_dir, "topics.yaml", reader)
    sources.redirects = _read_optional(content_dir, "redirects.yaml", reader)
    for name in SETTINGS_FILES:  # site.yml would be read as no site.yaml, topics.yml as free-form topics
        misnamed = content_dir / f"{name}.yml"
        if misnamed.is_file():
            hint = f"merge it into {name}.yaml and remove it" if (content_dir / f"{name}.yaml").is_file() \
                else f"rename it to {name}.yaml"
            sources.errors.append(SourceError(_shown(misnamed), 1, f"this file is not read: Pressroom reads "
                                              f"{name}.yaml", hint))
    sources.releases = _read_tree(content_dir, "releases", True, reader)
    sources.pages = _read_tree(content_dir, "pages", False, reader)
    media_dir = content_dir / "media"
    if media_dir.is_dir():
        for file in sorted(media_dir.rglob("*")):
            if file.is_file() and not _ignored(file) and not _links_out(file, content_dir, sources.errors):
                name, info = file.relative_to(content_dir).as_posix(), file.stat()
                sources.media[name] = info.st_size
                size = _image_size(file, name, info, known, read) if file.suffix.lower() in IMAGE_SUFFIXES else None
                if size:
                    sources.image_sizes[name] = size
    if known is not None:
        known.files, known.images = read.files, read.images
    return sources


def _signature(info: os.stat_result) -> Signature:
    return info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino


def _settled(info: os.stat_result) -> bool:
    """Not racily fresh: a change within the file system's time granularity would show in its times."""
    return time.time_ns() - max(info.st_mtime_ns, info.st_ctime_ns) > RACY_SECONDS * 1e9


def _image_size(file: Path, name: str, info: os.stat_result, known: KnownSources | None,
                read: KnownSources) -> tuple[int, int] | None:
    """The pixel size of a media image: the known one if the file is as it was, else from its header."""
    signature = _signature(info)
    last = known.images.get(name) if known else None
    size = last[1] if last and last[0] == signature else _pixel_size(file)
    if _settled(info):
        read.images[name] = (signature, size)
    return size


_SVG_ROOT = re.compile(rb"<svg\b([^>]*)>")
_SVG_LENGTH = re.compile(rb"""\s(width|height|viewBox)\s*=\s*["']\s*([^"']*)["']""")


def _pixel_size(file: Path) -> tuple[int, int] | None:
    """Width and height from the image file's header (None: not readable, or no size in pixels)."""
    try:
        width, height = _svg_size(file) if file.suffix.lower() == ".svg" else imagesize.get(str(file))
    except (OSError, ValueError):
        return None
    if not (math.isfinite(width) and math.isfinite(height)) or width <= 0 or height <= 0 \
            or width != int(width) or height != int(height):
        return None
    return int(width), int(height)


def _svg_size(file: Path) -> tuple[float, float]:
    """An SVG's size from its root element: width and height in pixels (or without a unit), else the
    viewBox's. (imagesize takes the first width and height anywhere, a shape's as well.)"""
    with file.open("rb") as handle:
        root = _SVG_ROOT.search(handle.read(65536))
    if root is None:
        return -1, -1
    values = {name.decode(): value.decode("ascii", "replace") for name, value in _SVG_LENGTH.findall(root.group(1))}
    try:
        return float(values["width"].removesuffix("px")), float(values["height"].removesuffix("px"))
    except (KeyError, ValueError):
        box = values.get("viewBox", "").replace(",", " ").split()
        return (float(box[2]), float(box[3])) if len(box) == 4 else (-1, -1)


@dataclass(frozen=True)
class _Reader:
    errors: list[SourceError]
    known: dict[str, tuple[Signature, SourceFile]]
    read: dict[str, tuple[Signature, SourceFile]]  # filled with what the next read may trust


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
    return ignored_name(path.name)


def _read_optional(content_dir: Path, name: str, reader: _Reader) -> SourceFile | None:
    path = content_dir / name
    if not path.is_file() or _links_out(path, content_dir, reader.errors):
        return None
    return _read_text(path, name, reader)


def _read_tree(content_dir: Path, folder: str, recursive: bool, reader: _Reader) -> list[SourceFile]:
    """The .md files of a folder (and its subfolders: `recursive`), in the order of sorted(Path.glob):
    os.scandir's own file types spare a stat per file, which pathlib's glob and is_file make.
    Files that look like Markdown but would not be read (x.MD, x.markdown; a page in a subfolder) are errors."""
    root = content_dir / folder
    if not root.is_dir():
        return []
    found: list[tuple[str, os.DirEntry[str]]] = []
    _find_markdown(str(root), "", recursive, found)
    # Path objects sort by their parts: as the paths do with a separator below every other character.
    found.sort(key=lambda item: item[0].replace("/", "\0"))
    files = []
    for inside, entry in found:
        if ignored_name(entry.name) or (entry.is_symlink() and _links_out(Path(entry.path), content_dir,
                                                                          reader.errors)):
            continue
        if not entry.name.endswith(".md") or "/" in inside and not recursive:
            reader.errors.append(_not_read(entry.path, entry.name, folder, "/" in inside and not recursive))
            continue
        source = _read_text(entry.path, f"{folder}/{inside}", reader)
        if source is not None:
            files.append(source)
    return files


def _not_read(shown: str, name: str, folder: str, in_subfolder: bool) -> SourceError:
    """A file that looks like Markdown but that no build reads: misnamed, or a page in a subfolder."""
    renamed = os.path.splitext(name)[0] + ".md"
    if in_subfolder:
        rename = "" if name.endswith(".md") else f", and rename it to {renamed}"
        return SourceError(shown, 1, f"this page is not read: it is in a subfolder of content/{folder}/",
                           f"pages live directly in content/{folder}/; move it there{rename}")
    return SourceError(shown, 1, f"this file is not read: its name ends in `{os.path.splitext(name)[1]}`",
                       f"Pressroom reads only files ending in `.md`; rename it to {renamed}")


def _find_markdown(folder: str, inside: str, recursive: bool, found: list[tuple[str, os.DirEntry[str]]]) -> None:
    """As Path.glob("**/*.md") (or "*.md") with is_file: links to folders are not followed, links to files are.
    `inside` is the folder's path below the one searched ("" or ending in "/"). Also finds files whose names
    look like Markdown (x.MD, x.markdown) and, not `recursive`, such files in subfolders: the caller reports
    them. Hidden folders are not searched."""
    try:
        with os.scandir(folder) as entries:
            listed = list(entries)
    except PermissionError:
        return
    for entry in listed:
        if entry.is_dir(follow_symlinks=False):
            if not ignored_name(entry.name):  # a hidden folder (.git, .archiv) holds nothing to publish
                _find_markdown(entry.path, f"{inside}{entry.name}/", recursive, found)
        elif is_markdown_name(entry.name) and entry.is_file():
            found.append((inside + entry.name, entry))


def read_text_file(path: Path | str, shown: str, size: int | None = None) -> str:
    """Read one UTF-8 text file (of `size` bytes, if known); raises SourceError if too large or not UTF-8."""
    size = os.stat(path).st_size if size is None else size
    if size > MAX_TEXT_BYTES:
        raise SourceError(shown, 0, f"the file is {size_over(size, MAX_TEXT_BYTES, MB, 'MB')}; at most "
                          f"{MAX_TEXT_BYTES // MB} MB of text are read",
                          "move large material to content/media/ and link it")
    with open(path, "rb") as file:
        data = file.read()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise SourceError(shown, line, "the file is not UTF-8 text",
                          "save it as UTF-8 in your editor") from None


def _read_text(path: Path | str, relative: str, reader: _Reader) -> SourceFile | None:
    shown = path if isinstance(path, str) else _shown(path)
    try:
        info = os.stat(path)
        signature = _signature(info)
        known = reader.known.get(shown)
        if known is not None and known[0] == signature and known[1].relative == relative:
            reader.read[shown] = known
            return known[1]
        source = SourceFile(shown, relative, read_text_file(path, shown, info.st_size))
        if _settled(info):
            reader.read[shown] = (signature, source)
        return source
    except SourceError as error:
        reader.errors.append(error)
        return None
    except OSError as exc:
        reader.errors.append(SourceError(shown, 0, f"cannot be read: {exc.strerror}", "check the file's permissions"))
        return None
