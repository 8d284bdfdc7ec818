"""Bad-input cases: the front matter of a release (syntax, shape, keys, a wrong type for every key)."""

from __future__ import annotations

from .corpus import Case, X, fm, good, x

_SPLIT = [
    Case("yaml-unclosed-quote", x('title: "Neue Mitteilung', "date: 2024-05-02"), [
        f"{X}:2: YAML: this quote is not closed — close it at the end of the value; a quote inside the value "
        "must be doubled ('') in single quotes or escaped (\\\") in double quotes"]),
    Case("yaml-unclosed-quote-runs-on-to-a-comment", x(
        "# A release. Lines starting with # are optional.", 'title: "Neue Mitteilung    # the headline',
        '# subtitle: "…"               # the line under the headline', "date: 2024-05-02"), [
        f"{X}:3: YAML: this quote is not closed — close it at the end of the value; a quote inside the value "
        "must be doubled ('') in single quotes or escaped (\\\") in double quotes"]),
    Case("yaml-double-quote-inside-double-quotes", x('title: "Die "Messe" startet"', "date: 2024-05-02"), [
        f'{X}:2: YAML: a quote inside a value in "…" must be written \\" — or put the value in \'…\'']),
    Case("yaml-apostrophe-inside-single-quotes", x("title: 'Die IHK's Messe startet'", "date: 2024-05-02"), [
        f"{X}:2: YAML: a ' inside '…' is written '' — or put the value in \"…\""]),
    Case("yaml-quote-inside-a-quoted-list-item", x('title: "Neue Mitteilung"', "date: 2024-05-02",
                                                    'topics: ["Aus"bildung", Konjunktur]'), [
        f'{X}:4: YAML: a quote inside a value in "…" must be written \\" — or put the value in \'…\'']),
    Case("yaml-colon-in-value", x("title: Ergebnis: gut", "date: 2024-05-02"), [
        f'{X}:2: YAML: a second ": " on this line — put the value in quotes, e.g. title: "Ergebnis: gut"']),
    Case("yaml-key-indented-under-a-value", x("title: Neue Mitteilung", "  date: 2024-05-02"), [
        f"{X}:3: YAML: this line is indented, so it continues the value above — start the key at the same "
        "column as the keys above it"]),
    Case("yaml-bad-indentation", x('title: "Neue Mitteilung"', "  date: 2024-05-02"), [
        f"{X}:3: YAML: the indentation does not match the lines above — the keys of one mapping start in the "
        "same column"]),
    Case("yaml-unclosed-list", x('title: "Neue Mitteilung"', "date: 2024-05-02", "topics: [Ausbildung"), [
        f"{X}:4: YAML: a list [ … ] is not closed — close it with ], and separate its items with commas"]),
    Case("yaml-line-without-key", x('title: "Neue Mitteilung"', "Heilbronn", "date: 2024-05-02"), [
        f"{X}:3: YAML: a line that is not `key: value` — write `key: value`; text that goes on over several "
        "lines belongs in quotes"]),
    Case("front-matter-not-closed", {X: '---\ntitle: "Neue Mitteilung"\ndate: 2024-05-02\nEin Absatz.\n'}, [
        f"{X}:1: the front matter is not closed — add a line `---` after the last front matter key"]),
    Case("no-front-matter", {X: "Neue Mitteilung\n\nEin Absatz.\n"}, [
        f"{X}:1: the file has no front matter — start it with a line `---`, the YAML keys, then another `---`"]),
    Case("empty-file", {X: ""}, [
        f"{X}:1: the file is empty — start it with a front matter block between two `---` lines"]),
    Case("whitespace-only-file", {X: "  \n\n\t\n"}, [
        f"{X}:1: the file is empty — start it with a front matter block between two `---` lines"]),
    Case("front-matter-empty", {X: "---\n---\nEin Absatz.\n"}, [
        f"{X}:2: the front matter is empty — add at least `title:` and `date:`"]),
    Case("front-matter-is-a-list", x("- Neue Mitteilung", "- 2024-05-02"), [
        f"{X}:2: the front matter must be a mapping of keys, not a list — write one `key: value` per line"]),
    Case("front-matter-is-a-string", x("Neue Mitteilung vom 2. Mai"), [
        f"{X}:2: the front matter must be a mapping of keys, not a text — write one `key: value` per line"]),
    Case("duplicated-key", x('title: "Neue Mitteilung"', "date: 2024-05-02", 'title: "Noch ein Titel"'), [
        f"{X}:4: title: this key is given twice — it was first given on line 2; keep one"]),
    Case("tab-indentation", x('title: "Neue Mitteilung"', "date: 2024-05-02", "image:",
                              "\tsrc: media/bild.jpg"), [
        f"{X}:5: YAML: a tab is used for indenting — indent with spaces, not tabs"]),
    Case("invalid-utf8", {X: fm('title: "Neue Mitteilung"', "date: 2024-05-02").encode() + "Grüße\n".encode("latin-1")},
         [f"{X}:6: the file is not UTF-8 text — save it as UTF-8 in your editor"]),
    Case("bom-and-crlf-keep-line-numbers",
         {X: "\ufeff---\r\ntitle: Neue Mitteilung\r\ndate: 23.07.2008\r\n---\r\nEin Absatz.\r\n"}, [
             f"{X}:3: date: '23.07.2008' is not a date — did you mean 2008-07-23?"]),
    Case("unknown-key-with-hint", x("titel: Neue Mitteilung", "date: 2024-05-02"), [  # one problem, one error
        f"{X}:2: titel: unknown key — did you mean title?"]),
    Case("unknown-german-key-for-a-required-one", x('title: "Neue Mitteilung"', "datum: 2024-05-02"), [
        f"{X}:3: datum: unknown key — did you mean date?"]),
    Case("unknown-key-without-close-match", {X: good("autor: Erika")}, [
        f"{X}:4: autor: unknown key — allowed keys: title, subtitle, date, location, topics, contacts, summary, "
        "lang, translation, embargo, draft, slug, updated, image, attachments, boilerplate, aliases"]),
    Case("title-empty", x('title: ""', "date: 2024-05-02"), [
        f'{X}:2: title: is empty — write `title: "Neue Organisation, mehr Kooperationen"`']),
    Case("title-whitespace-only", x('title: "   "', "date: 2024-05-02"), [
        f'{X}:2: title: is empty — write `title: "Neue Organisation, mehr Kooperationen"`']),
    Case("title-missing", x("date: 2024-05-02"), [
        f"{X}:1: title: missing — add `title:` with your value, e.g. `title: Neue Organisation, mehr Kooperationen`"]),
    Case("date-missing", x('title: "Neue Mitteilung"'), [
        f"{X}:1: date: missing — add `date:` with your value, e.g. `date: 2008-07-24`"]),
    Case("date-empty", x('title: "Neue Mitteilung"', "location: Heilbronn", "topics: [Ausbildung]", "date:"), [
        f"{X}:5: date: is empty — write `date: 2008-07-24`"]),
    Case("title-without-value", x("title:", "date: 2024-05-02"), [
        f'{X}:2: title: is empty — write `title: "Neue Organisation, mehr Kooperationen"`']),
    Case("title-and-date-null", x("title: ~", "date: null"), [
        f'{X}:2: title: is empty — write `title: "Neue Organisation, mehr Kooperationen"`',
        f"{X}:3: date: is empty — write `date: 2008-07-24`"]),
    Case("image-alt-without-value", {X: good("image:", "  src: media/bild.jpg", "  alt:")}, [
        f'{X}:6: image.alt: is empty — write `alt: "Was auf dem Bild zu sehen ist"`']),
    Case("attachment-title-without-value", {X: good("attachments:", "  - src: media/bild.jpg", "    title:")}, [
        f'{X}:6: attachments[1].title: is empty — write `title: "Präsentation (PDF)"`']),
    Case("page-title-without-value", {"content/pages/impressum.md": "---\ntitle:\n---\nText.\n"}, [
        'content/pages/impressum.md:2: title: is empty — write `title: "Impressum"`']),
    Case("title-gives-no-slug", x('title: "!!! ???"', "date: 2024-05-02"), [
        f"{X}:2: title: gives an empty URL slug — add `slug:` with lower case letters and hyphens"]),
]

# A wrong type for every key of a release: (key, value, the message and hint after `key: `).
_TYPES = [
    ("title", "[Neue, Mitteilung]",
     'must be text, not a list — write `title: "Neue Organisation, mehr Kooperationen"`'),
    ("subtitle", "{a: 1}", 'must be text, not a mapping — write `subtitle: "…"`'),
    ("date", "true", "must be a date, not the yes/no value true — write YYYY-MM-DD, e.g. 2008-07-24"),
    ("location", "[Heilbronn]", 'must be text, not a list — write `location: "…"`'),
    ("topics", "3", "must be a list of names — write `topics: [First, Second]`"),
    ("contacts", "5", "must list contact ids or contact mappings — write `contacts: [schulz-kuhnt]`"),
    ("summary", "[Kurz]", 'must be text, not a list — write `summary: "…"`'),
    ("lang", "[de]", 'must be text, not a list — write `lang: "…"`'),
    ("translation", "{de: x}", 'must be text, not a mapping — write `translation: "…"`'),
    ("embargo", "[2024-05-03]", "must be a date, not a list — write YYYY-MM-DD, e.g. 2008-07-24"),
    ("draft", "'ja'", "must be true or false, not 'ja' — write `draft: true` or `draft: false`"),
    ("slug", "[neue-mitteilung]", 'must be text, not a list — write `slug: "…"`'),
    ("updated", "{am: 2024-05-03}", "must be a date, not a mapping — write YYYY-MM-DD, e.g. 2008-07-24"),
    ("image", "media/bild.jpg", "must be a mapping of keys, not 'media/bild.jpg' — indent its keys below it"),
    ("attachments", "media/bild.jpg", 'must be a list — write `attachments: [{src: media/x.pdf, title: "…"}]`'),
    ("boilerplate", "[Über uns]", 'must be text, not a list — write `boilerplate: "…"`'),
    ("aliases", "{alt: /x.html}", 'must be a list of paths — write `aliases: ["/medien-info/2008/123.html"]`'),
]



def _typed(key: str, value: str, expected: str) -> Case:
    """A valid release but for `key`, which is on line 2 (title), 3 (date) or 4 (any other)."""
    lines = {"title": '"Neue Mitteilung"', "date": "2024-05-02"}
    if key in lines:
        lines[key] = value
        text, line = fm(*(f"{k}: {v}" for k, v in lines.items())), 2 if key == "title" else 3
    else:
        text, line = good(f"{key}: {value}"), 4
    return Case(f"wrong-type-{key}", {X: text}, [f"{X}:{line}: {key}: {expected}"])


CASES = _SPLIT + [_typed(*row) for row in _TYPES]
