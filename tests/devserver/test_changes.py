"""classify_change, the pure change classifier: a path and the watched roots -> what it affects."""

from __future__ import annotations

from pathlib import PurePath

import pytest

from generator.devserver.changes import ChangeKind, WatchedRoots, classify_change

ROOTS = WatchedRoots(content=PurePath("/site/content"),
                     templates=(PurePath("/site/overrides"), PurePath("/theme/templates")),
                     static=(PurePath("/theme/static"),))


@pytest.mark.parametrize(("path", "kind"), [
    ("/site/content/site.yaml", ChangeKind.SITE_DATA),
    ("/site/content/contacts.yaml", ChangeKind.SITE_DATA),
    ("/site/content/topics.yaml", ChangeKind.SITE_DATA),
    ("/site/content/releases/2008/x.md", ChangeKind.RELEASE),
    ("/site/content/releases/x.en.md", ChangeKind.RELEASE),
    ("/site/content/releases/2008/notes.txt", ChangeKind.IGNORED),
    ("/site/content/pages/impressum.md", ChangeKind.PAGE),
    ("/site/content/pages/sub/x.md", ChangeKind.PAGE),  # not read from a sub-folder, but reported
    ("/site/content/releases/2008/x.MD", ChangeKind.RELEASE),  # not read, but reported
    ("/site/content/releases/2008/x.markdown", ChangeKind.RELEASE),
    ("/site/content/pages/x.mdown", ChangeKind.PAGE),
    ("/site/content/pages/bilder/foto.jpg", ChangeKind.IGNORED),
    ("/site/content/media/bilder/foto.jpg", ChangeKind.MEDIA),
    ("/site/content/README.md", ChangeKind.IGNORED),
    ("/site/content/drafts/x.md", ChangeKind.IGNORED),
    ("/site/overrides/release.html", ChangeKind.TEMPLATE),
    ("/theme/templates/base.html", ChangeKind.TEMPLATE),
    ("/theme/static/style.css", ChangeKind.STATIC),
    ("/theme/static/.git/index", ChangeKind.IGNORED),
    ("/theme/static/.well-known/security.txt", ChangeKind.STATIC),  # published, as build does
    ("/theme/static/.well-known/.hidden", ChangeKind.IGNORED),
    ("/elsewhere/x.md", ChangeKind.IGNORED),
    ("/site/content", ChangeKind.SITE_DATA),
])
def test_files(path: str, kind: ChangeKind) -> None:
    assert classify_change(PurePath(path), ROOTS) is kind


@pytest.mark.parametrize("name", [
    ".x.md.swp", ".x.md.swx", "x.md~", "#x.md#", ".#x.md", "4913", "x.md.tmp", "~$x.md", ".DS_Store",
    "x.jpg.part", "x.md.kate-swp",
])
def test_editor_droppings_are_ignored(name: str) -> None:
    assert classify_change(PurePath(f"/site/content/releases/2008/{name}"), ROOTS) is ChangeKind.IGNORED
    assert classify_change(PurePath(f"/theme/templates/{name}"), ROOTS) is ChangeKind.IGNORED


@pytest.mark.parametrize(("path", "kind"), [
    ("/site/content/releases/2009", ChangeKind.RELEASE),  # a new, deleted or renamed folder
    ("/site/content/releases", ChangeKind.RELEASE),
    ("/site/content/pages", ChangeKind.PAGE),
    ("/site/content/media/neu", ChangeKind.MEDIA),
    ("/site/content/other", ChangeKind.IGNORED),
    ("/theme/static/fonts", ChangeKind.STATIC),
])
def test_folders(path: str, kind: ChangeKind) -> None:
    assert classify_change(PurePath(path), ROOTS, is_directory=True) is kind
