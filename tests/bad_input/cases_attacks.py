"""Bad-input cases: YAML and files that attack the reader, and site template overrides that break."""

from __future__ import annotations

from tests.conftest import ROOT

from .corpus import Case, Link, X, fm, good

MB = 1024 * 1024
_LAUGHS = ['lol: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'] + [
    f"lol{i}: &{chr(97 + i)} [{', '.join(['*' + chr(96 + i)] * 9)}]" for i in range(1, 9)]
_TAG_HINT = "remove the tag; only plain text, numbers, yes/no, lists and mappings are read"
_ALIAS = "YAML: anchors and aliases (&name, *name) are not supported — write the value out in full"

_YAML = [
    Case("python-object-tag-runs-nothing",
         {X: good("summary: !!python/object/apply:os.system ['touch pwned-by-yaml']")},
         [f"{X}:4: YAML: the tag !!python/object/apply:os.system is not allowed — {_TAG_HINT}"],
         absent=("pwned-by-yaml",)),
    Case("python-name-tag", {X: good("summary: !!python/name:os.system")},
         [f"{X}:4: YAML: the tag !!python/name:os.system is not allowed — {_TAG_HINT}"]),
    Case("python-tag-in-site-yaml",
         {"content/site.yaml": "title: !!python/object/new:subprocess.check_call [[touch, pwned-by-yaml]]\n"
                               "base_url: https://presse.example.org/\n"},
         [f"content/site.yaml:1: YAML: the tag !!python/object/new:subprocess.check_call is not allowed — {_TAG_HINT}"],
         absent=("pwned-by-yaml",)),
    Case("binary-tag", {X: good("summary: !!binary aGVsbG8=")},
         [f"{X}:4: YAML: the tag !!binary is not allowed — {_TAG_HINT}"]),
    Case("local-tag", {X: good("summary: !include geheim.txt")},
         [f"{X}:4: YAML: the tag !include is not allowed — {_TAG_HINT}"]),
    Case("billion-laughs", {X: fm('title: "Neue Mitteilung"', "date: 2024-05-02", *_LAUGHS)},
         [f"{X}:5: {_ALIAS}"], peak_mb=30),
    Case("billion-laughs-in-contacts-yaml", {"content/contacts.yaml": "\n".join(_LAUGHS) + "\n"},
         [f"content/contacts.yaml:2: {_ALIAS}"], peak_mb=30),
    Case("merge-key", {X: good("<<: {summary: Kurz}")}, [
        f"{X}:4: <<: unknown key — allowed keys: title, subtitle, date, location, topics, contacts, summary, "
        "lang, translation, embargo, draft, slug, updated, image, attachments, boilerplate, aliases"]),
    Case("deep-flow-nesting", {X: good("summary: " + "[" * 20_000 + "]" * 20_000)},
         [f"{X}:4: YAML: nested more than 20 levels deep — flatten the structure"]),
    Case("deep-block-nesting", {X: good("summary:", *(" " * (2 * i + 2) + f"k{i}:" for i in range(100)))},
         [f"{X}:23: YAML: nested more than 20 levels deep — flatten the structure"]),
    Case("file-of-50-mb", {X: fm('title: "Neue Mitteilung"', "date: 2024-05-02", body="Ha" * (25 * MB))},
         [f"{X}: the file is 50 MB; at most 2 MB of text are read — move large material to content/media/ "
          "and link it"], peak_mb=20),
    Case("file-of-2.14-mb", {X: fm('title: "Neue Mitteilung"', "date: 2024-05-02", body="x" * int(2.14 * MB))},
         [f"{X}: the file is 2.1 MB; at most 2 MB of text are read — move large material to content/media/ "
          "and link it"]),
    Case("file-one-byte-over-2-mb", {X: "x" * (2 * MB + 1)},
         [f"{X}: the file is over 2 MB; at most 2 MB of text are read — move large material to content/media/ "
          "and link it"]),
    Case("site-yaml-of-50-mb", {"content/site.yaml": "title: Presse\n# " + "x" * (50 * MB) + "\n"},
         ["content/site.yaml: the file is 50 MB; at most 2 MB of text are read — move large material to "
          "content/media/ and link it"], peak_mb=20),
    Case("front-matter-over-64-kb", {X: good("summary: " + "Lang " * 14_000)},
         [f"{X}:2: the front matter is 68 KB; at most 64 KB are read — keep the keys short and move long text "
          "into the body, below the closing `---`"]),
    Case("front-matter-of-64.5-kb", {X: good("summary: " + "x" * (64 * 1024 + 512))},
         [f"{X}:2: the front matter is 64.5 KB; at most 64 KB are read — keep the keys short and move long text "
          "into the body, below the closing `---`"]),
    Case("topics-yaml-over-256-kb", {"content/topics.yaml": "".join(f"Thema {i}:\n" for i in range(30_000))},
         ["content/topics.yaml:1: YAML: 370 KB of settings; at most 256 KB are read — split the file, or move "
          "long text elsewhere"]),
    Case("control-character", {X: good('summary: "Kurz\x07"')}, [
        f"{X}:4: YAML: the control character U+0007 is not allowed — delete it (most editors do not show it)"]),
    Case("escape-beyond-unicode", {X: good('summary: "Kurz \\U00F600AD"')}, [
        f"{X}:4: YAML: an escape in double quotes names no character — write the character itself; \\U takes 8 "
        "hex digits (\\U0001F600), \\u takes 4"]),
    Case("escape-beyond-any-number", {X: good('summary: "Kurz \\UFFFFFFFF"')}, [
        f"{X}:4: YAML: an escape in double quotes names no character — write the character itself; \\U takes 8 "
        "hex digits (\\U0001F600), \\u takes 4"]),
    Case("half-a-surrogate-pair", {X: good('summary: "Kurz \\ud83d"')}, [
        f"{X}:4: YAML: an escape such as \\ud800 is half a character — write the character itself, or one "
        "escape for it such as \\U0001F600"]),
]

_MD_SLOW = ("this paragraph has too many brackets [ ] or ( ) for Markdown to read in time — split it into shorter "
            "paragraphs, or write \\[ and \\( for brackets that are not part of a link")
_MARKDOWN = [  # Python-Markdown takes hours on these (quadratic scans) or overflows its stack
    Case("markdown-unclosed-brackets", {X: good(body="Erster Absatz.\n\n" + "[" * 200_000)},
         [f"{X}:7: {_MD_SLOW}"]),
    Case("markdown-nested-brackets", {X: good(body="[a" * 4000 + "]" * 4000)}, [f"{X}:5: {_MD_SLOW}"]),
    Case("markdown-unclosed-link-targets", {X: good(body="Siehe [a](" * 30_000)}, [f"{X}:5: {_MD_SLOW}"]),
    Case("markdown-in-boilerplate", {X: good("boilerplate: '" + "![" * 5000 + "'")},
         [f"{X}:4: boilerplate: {_MD_SLOW}"]),
    Case("markdown-in-site-boilerplate",
         {"content/site.yaml": 'title: "Presse"\nbase_url: "https://presse.example.org/"\nboilerplate: "'
                               + "[^" * 5000 + '"\n'}, [f"content/site.yaml:3: boilerplate: {_MD_SLOW}"]),
    Case("markdown-nested-emphasis", {X: good(body="*" * 5000 + "a" + "*" * 5000)},
         [f"{X}:5: the text nests too deeply for Markdown (emphasis, quotes or lists) — remove the long run of "
          "*, _ or > characters"]),
]

_LINK_HINT = "copy the file into the content folder instead; links out of it are not followed"
_LINKS = [  # a commit must not be able to publish a file of the machine that builds the site
    Case("media-link-out-of-the-content-folder", {"secret.txt": "geheim\n", "content/media/notiz.txt":
                                                  Link("../../secret.txt")},
         [f"content/media/notiz.txt: is a link to a file outside the content folder — {_LINK_HINT}"]),
    Case("release-link-out-of-the-content-folder", {"secret.md": good(), X: Link("../../../secret.md")},
         [f"{X}: is a link to a file outside the content folder — {_LINK_HINT}"]),
    Case("page-link-out-of-the-content-folder", {"impressum.md": fm('title: "Impressum"'),
                                                 "content/pages/impressum.md": Link("../../impressum.md")},
         [f"content/pages/impressum.md: is a link to a file outside the content folder — {_LINK_HINT}"]),
    Case("media-link-inside-the-content-folder-is-followed",
         {"content/media/kopie.svg": Link("logo.svg"), X: good("image: {src: media/kopie.svg}")},
         [f"{X}:4: image.alt: missing — add `alt:` with your value, e.g. `alt: Was auf dem Bild zu sehen ist`"]),
]

_T = ("--templates", "templates")
_SECTION = "{% extends 'base.html' %}{% set section = 'archive' %}\n{% block main %}\n"

_TEMPLATES = [
    Case("template-syntax-error", {"templates/release.html": _SECTION + "{% if release.subtitle %}\n{% endblock %}\n"},
         ["templates/release.html:4: template syntax error: Encountered unknown tag 'endblock'. You probably made a "
          "nesting mistake. Jinja is expecting this tag, but currently looking for 'elif' or 'else' or 'endif'. "
          "The innermost block that needs to be closed is 'if'. — fix the template at this line"], args=_T),
    Case("template-undefined-variable", {"templates/release.html": _SECTION + "{{ relase.title }}\n{% endblock %}\n"},
         ["templates/release.html:3: template error: 'relase' is undefined — while rendering "
          "releases/2024/bilanz-der-ausbildung/index.html"], args=_T),
    Case("template-error-on-every-release-is-one-error",
         {"templates/release.html": _SECTION + "{{ release.titel }}\n{% endblock %}\n",
          X: good(), "content/releases/2024/y.md": good('slug: "zweite"')},
         ["templates/release.html:3: template error: 'generator.model.entities.Release object' has no attribute "
          "'titel' — while rendering releases/2024/neue-mitteilung/index.html and 2 more files"], args=_T),
    Case("template-raises", {"templates/404.html": "<p>\n{{ 1 // 0 }}\n</p>\n"},
         ["templates/404.html:2: template error: integer division or modulo by zero — while rendering 404.html"],
         args=_T),
    Case("template-includes-a-missing-file", {"templates/404.html": "{% include 'fehlt.html' %}\n"},
         ["templates/404.html:1: template error: 'fehlt.html' not found in search paths: 'templates', "
          f"'{ROOT / 'templates'}' — while rendering 404.html"], args=_T),
    Case("template-recurses-forever", {"templates/404.html": "{% macro m() %}{{ m() }}{% endmacro %}\n{{ m() }}\n"},
         ["templates/404.html:1: template error: maximum recursion depth exceeded — while rendering 404.html"],
         args=_T),
    Case("feed-template-syntax-error", {"templates/feed.xml": "<rss>\n<title>{{ title </title>\n</rss>\n"},
         ["templates/feed.xml:2: template syntax error: unexpected '/' — fix the template at this line"], args=_T),
]

CASES = _YAML + _MARKDOWN + _LINKS + _TEMPLATES
