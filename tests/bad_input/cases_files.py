"""Bad-input cases: files that look like Markdown meant to be read, where no build reads them."""

from __future__ import annotations

from .corpus import Case, fm, good

R = "content/releases/2024"
HINT = "Pressroom reads only files ending in `.md`; rename it to"
PAGE = ('this page is not read: it is in a subfolder of content/pages/ — pages live directly in content/pages/; '
        "move it there")

_NAMES = [
    Case("release-ending-in-capital-md", {f"{R}/x.MD": good()}, [
        f"{R}/x.MD:1: this file is not read: its name ends in `.MD` — {HINT} x.md"]),
    Case("release-ending-in-mixed-case-md", {f"{R}/x.Md": good()}, [
        f"{R}/x.Md:1: this file is not read: its name ends in `.Md` — {HINT} x.md"]),
    Case("release-ending-in-markdown", {f"{R}/x.markdown": good()}, [
        f"{R}/x.markdown:1: this file is not read: its name ends in `.markdown` — {HINT} x.md"]),
    Case("releases-misnamed-in-one-run", {f"{R}/x.mdown": good(), "content/releases/2023/alt/y.en.MD": good(),
                                          f"{R}/z.md": fm("title: Z")}, [
        f"content/releases/2023/alt/y.en.MD:1: this file is not read: its name ends in `.MD` — {HINT} y.en.md",
        f"{R}/x.mdown:1: this file is not read: its name ends in `.mdown` — {HINT} x.md",
        f"{R}/z.md:1: date: missing — add `date:` with your value, e.g. `date: 2008-07-24`"]),
    Case("settings-ending-in-yml", {"content/topics.yml": "Ausbildung:\n", "content/topics.yaml": None,
                                    "content/redirects.yml": "/alt.html: /\n"}, [
        "content/redirects.yml:1: this file is not read: Pressroom reads redirects.yaml — rename it to redirects.yaml",
        "content/topics.yml:1: this file is not read: Pressroom reads topics.yaml — rename it to topics.yaml"]),
    Case("settings-in-yml-beside-yaml", {"content/contacts.yml": "x:\n  name: X\n"}, [
        "content/contacts.yml:1: this file is not read: Pressroom reads contacts.yaml — merge it into "
        "contacts.yaml and remove it"]),
    Case("page-in-a-subfolder", {"content/pages/rechtliches/datenschutz.md": fm('title: "Datenschutz"')}, [
        f"content/pages/rechtliches/datenschutz.md:1: {PAGE}"]),
    Case("page-misnamed-in-a-subfolder", {"content/pages/a/b/ueber-uns.markdown": fm('title: "Über uns"')}, [
        f"content/pages/a/b/ueber-uns.markdown:1: {PAGE}, and rename it to ueber-uns.md"]),
    Case("page-misnamed", {"content/pages/presse.MD": fm('title: "Presse"')}, [
        f"content/pages/presse.MD:1: this file is not read: its name ends in `.MD` — {HINT} presse.md"]),
    Case("other-files-beside-releases-and-pages-are-not-errors", {  # images, PDFs, notes, editor droppings
        f"{R}/bild.jpg": b"\xff\xd8\xff", f"{R}/README.txt": "Notizen", f"{R}/.DS_Store": b"\x00\x01",
        f"{R}/.x.md.swp": b"\x00", f"{R}/x.md~": "alt", f"{R}/#x.md#": "alt", f"{R}/x.md.txt": "alt",
        "content/pages/bilder/foto.png": b"\x89PNG", "content/pages/.obsidian/notiz.md": "Notiz",
        "content/pages/~alt/impressum.md": "alt", "content/releases/.archiv/2020/alt.md": "kaputt",
        f"{R}/.git/x.md": "kaputt", f"{R}/z.md": fm("title: Z")}, [  # hidden folders: nothing to publish
        f"{R}/z.md:1: date: missing — add `date:` with your value, e.g. `date: 2008-07-24`"]),
]

CASES = _NAMES
