"""Bad-input cases: dates, references (topics, contacts, media, aliases), URL collisions, slugs."""

from __future__ import annotations

from .corpus import Case, X, fm, good

A = "content/releases/2024/a.md"
FULL = "by a full address; pages load only from the site itself, so that no other host learns who reads them"
MEDIA = "put the file under content/media/ and write /media/<name>"
SLUG_HINT = "use lower case letters, digits and single hyphens"

_DATES = [
    Case("date-german", {X: fm('title: "Neue Mitteilung"', "date: 23.07.2008")}, [
        f"{X}:3: date: '23.07.2008' is not a date — did you mean 2008-07-23?"]),
    Case("date-german-short-year", {X: fm('title: "Neue Mitteilung"', "date: 26.11.26")}, [
        f"{X}:3: date: '26.11.26' is not a date — did you mean 2026-11-26?"]),
    Case("date-german-short-year-last-century", {X: fm('title: "Neue Mitteilung"', "date: 24.07.98")}, [
        f"{X}:3: date: '24.07.98' is not a date — did you mean 1998-07-24?"]),
    Case("date-us", {X: fm('title: "Neue Mitteilung"', "date: 07/23/2008")}, [
        f"{X}:3: date: '07/23/2008' is not a date — did you mean 2008-07-23?"]),
    Case("date-february-30", {X: fm('title: "Neue Mitteilung"', "date: 2008-02-30")}, [
        f"{X}:3: date: '2008-02-30' is not a date — that month has 29 days"]),
    Case("date-month-13", {X: fm('title: "Neue Mitteilung"', "date: 2008-13-01")}, [
        f"{X}:3: date: '2008-13-01' is not a date — the month must be 01 to 12"]),
    Case("date-time-without-date", {X: fm('title: "Neue Mitteilung"', "date: '10:00'")}, [
        f"{X}:3: date: '10:00' is not a date — give the date too, e.g. 2008-07-24T10:00"]),
    Case("date-offset-out-of-range", {X: fm('title: "Neue Mitteilung"', "date: 2008-07-24T10:00+25:00")}, [
        f"{X}:3: date: '2008-07-24T10:00+25:00' has an offset out of range — offsets run from -12:00 to +14:00"]),
    Case("date-impossible-time", {X: fm('title: "Neue Mitteilung"', "date: 2008-07-24T25:00")}, [
        f"{X}:3: date: '2008-07-24T25:00' has an impossible time — use 00:00 to 23:59"]),
    Case("date-in-the-hour-daylight-saving-time-skips", {X: fm('title: "Neue Mitteilung"', "date: 2024-03-31T02:30")}, [
        f"{X}:3: date: '2024-03-31T02:30' does not exist in Europe/Berlin: the clocks skip that hour when daylight "
        "saving time begins — write a time after the change, e.g. 2024-03-31T03:30"]),
    Case("date-year-typo", {X: fm('title: "Neue Mitteilung"', "date: 0208-07-24")}, [
        f"{X}:3: date: '0208-07-24' is not a plausible date — the year must be between 1900 and 2999; "
        "check it for a typo"]),
    Case("date-words", {X: fm('title: "Neue Mitteilung"', "date: gestern")}, [
        f"{X}:3: date: 'gestern' is not a date — write YYYY-MM-DD or YYYY-MM-DDTHH:MM, e.g. 2008-07-24T10:00"]),
    Case("embargo-before-date", {X: good("embargo: 2024-05-01T10:00")}, [
        f"{X}:4: embargo: 2024-05-01T10:00+02:00 is before the release date 2024-05-02, so it would hold "
        "nothing back — set the embargo at or after `date`, or remove it"]),
    Case("embargo-german", {X: good("embargo: 03.05.2024 10:00")}, [
        f"{X}:4: embargo: '03.05.2024 10:00' is not a date — did you mean 2024-05-03?"]),
    Case("placeholder-of-new", {X: good(body="Der erste Absatz: wer, was, wann, wo, warum. Er ist auch der "
                                             "Teaser, wenn `summary` fehlt.\n\nDer Rest ist schon geschrieben.")}, [
        f"{X}:5: the text is still the placeholder of `build.py new` — write the release's text, or set "
        "`draft: true` to keep it off the site until it is done"]),
    Case("placeholder-of-new-embargoed", {X: good("embargo: 2030-01-01T10:00", body="Intro.\n\nThe first paragraph: "
                                                  "who, what, when, where, why. It is also the teaser when `summary` "
                                                  "is missing.")}, [
        f"{X}:8: the text is still the placeholder of `build.py new` — write the release's text, or set "
        "`draft: true` to keep it off the site until it is done"]),
    Case("updated-before-date", {X: good("updated: 2024-04-30")}, [
        f"{X}:4: updated: 2024-04-30 is before the release date 2024-05-02 — an update comes after `date`; "
        "check both for a typo"]),
]

_REFERENCES = [
    Case("topic-unknown", {X: good("topics: [Ausbilung]")}, [
        f"{X}:4: topics: 'Ausbilung' is not in topics.yaml — did you mean Ausbildung?"]),
    Case("topic-unknown-no-close-match", {X: good("topics: [Tourismus]")}, [
        f"{X}:4: topics: 'Tourismus' is not in topics.yaml — add it to topics.yaml, or use one listed there"]),
    Case("topic-listed-twice", {X: good("topics: [Ausbildung, Konjunktur, Ausbildung]")}, [
        f"{X}:4: topics: 'Ausbildung' is listed twice — list it once"]),
    Case("contact-unknown", {X: good("contacts: [pressse]")}, [
        f"{X}:4: contacts: 'pressse' is not in contacts.yaml — did you mean presse?"]),
    Case("contact-id-without-contacts-yaml", {"content/contacts.yaml": None, X: good("contacts: [presse]")}, [
        f"{X}:4: contacts: 'presse' is a contact id, but there is no contacts.yaml — create content/contacts.yaml "
        'with this contact (see README.md), or write the contact inline: contacts: [{name: "…", email: "…"}]',
        "content/site.yaml:8: default_contacts: 'presse' is a contact id, but there is no contacts.yaml — create "
        "content/contacts.yaml with this contact (see README.md), or remove it from default_contacts"]),
    Case("contact-inline-bad-email", {X: good("contacts:", '  - {name: "Max Muster", email: "max(at)example.org"}')},
         [f"{X}:5: contacts[1].email: 'max(at)example.org' is not an e-mail address — "
          "write it like presse@example.org"]),
    Case("contact-inline-national-phone", {X: good("contacts:", '  - {name: "Max Muster", phone: "07131 555-0199"}')},
         [f"{X}:5: contacts[1].phone: '07131 555-0199' has no country code — write it with the country code, e.g. "
          "+49 7131 555-0100"]),
    Case("image-without-alt", {X: good("image: {src: media/bild.jpg, caption: Vollversammlung}")}, [
        f"{X}:4: image.alt: missing — add `alt:` with your value, e.g. `alt: Was auf dem Bild zu sehen ist`"]),
    Case("image-file-missing", {X: good("image:", "  src: media/bilt.jpg", "  alt: Die Vollversammlung")}, [
        f"{X}:5: image.src: 'media/bilt.jpg' does not exist — did you mean media/bild.jpg?"]),
    Case("image-from-another-host", {X: good("image: {src: 'https://cdn.example.com/a.jpg', alt: Bild}")}, [
        f"{X}:4: image.src: must be a file under content/media/, not a URL — images are served from the site "
        "itself, so no reader is tracked by another host"]),
    Case("text-loads-from-other-hosts", {X: good(body="\n".join([
        "Ein [Link](https://www.example.org/) ist gut, ![ein Logo](https://cdn.example.com/logo.png) nicht.", "",
        '<iframe src="https://www.youtube.com/embed/x"></iframe>', "",
        "<p style=\"background: url('//t.example.net/p.gif')\">x</p>", "",
        '<img srcset="/media/bild.jpg 1x, https://img.example/b.jpg 2x" src="/media/bild.jpg" alt="Bild">', "",
        '<img srcset="data:image/gif;base64,R0lGODlhAQABAAAAACw= 1x, https://t.example.com/a.png 2x" alt="d">', "",
        '<svg width="10" height="10"><image xlink:href="https://t.example.com/c.png"/></svg>']))}, [
        f"{X}:5: the text loads 'https://cdn.example.com/logo.png' {FULL} — {MEDIA}",
        f"{X}:7: the text loads 'https://www.youtube.com/embed/x' {FULL} — link to it instead, e.g. "
        "[Das Video](https://www.youtube.com/embed/x), or put the file under content/media/",
        f"{X}:9: the text loads '//t.example.net/p.gif' {FULL} — {MEDIA}",
        f"{X}:11: the text loads 'https://img.example/b.jpg' {FULL} — {MEDIA}",
        f"{X}:13: the text loads 'https://t.example.com/a.png' {FULL} — {MEDIA}",
        f"{X}:15: the text loads 'https://t.example.com/c.png' {FULL} — {MEDIA}"]),
    Case("text-loads-by-an-entity-encoded-address", {X: good(body="Erster Absatz.\n\nZweiter.\n\n"
                                                                    '<img src="https:&#x2F;&#x2F;t.example.com/k.png" '
                                                                    'alt="">')}, [
        f"{X}:9: the text loads 'https://t.example.com/k.png' {FULL} — {MEDIA}"]),
    Case("text-loads-from-the-site-by-its-full-address",
         {X: good(body="Erster Absatz.\n\n![Karte](https://presse.example.org/media/bild.jpg)")}, [
             f"{X}:7: the text loads 'https://presse.example.org/media/bild.jpg' {FULL} — {MEDIA}"]),
    Case("release-boilerplate-loads-from-another-host",
         {X: good('boilerplate: "<iframe src=\'https://v.example/x\'></iframe>"')}, [
             f"{X}:4: boilerplate: loads 'https://v.example/x' {FULL} — link to it instead, e.g. "
             "[Das Video](https://v.example/x), or put the file under content/media/"]),
    Case("attachment-file-missing", {X: good("attachments:", "  - {src: media/bericht.pdf, title: Bericht}")}, [
        f"{X}:5: attachments[1].src: 'media/bericht.pdf' does not exist — put the file under content/media/ "
        "and write media/<name>"]),
    Case("attachment-without-title", {X: good("attachments: [{src: media/bild.jpg}]")}, [
        f'{X}:4: attachments[1].title: missing — add `title:` with your value, e.g. `title: Präsentation (PDF)`']),
    Case("alias-on-a-release-url", {X: good('aliases: ["/releases/2024/bilanz-der-ausbildung/"]')}, [
        f"{X}:4: aliases: /releases/2024/bilanz-der-ausbildung/ is already the URL of {A} — remove the alias; "
        "that URL already has a page"]),
    Case("alias-on-the-topic-overview", {X: good('aliases: ["/topics/"]')}, [
        f"{X}:4: the URL /topics/ is one of the site's own pages — remove the alias; that URL stays the site's own"]),
    Case("alias-on-the-feed", {X: good('aliases: ["/feed.xml"]')}, [
        f"{X}:4: the URL /feed.xml is one of the site's own pages — remove the alias; that URL stays the site's own"]),
    Case("alias-on-the-atom-feed", {X: good('aliases: ["/atom.xml"]')}, [
        f"{X}:4: the URL /atom.xml is one of the site's own pages — remove the alias; that URL stays the site's own"]),
    Case("alias-into-the-search-index", {X: good('aliases: ["/pagefind/pagefind.js"]')}, [
        f"{X}:4: the URL /pagefind/pagefind.js is one of the site's own pages — remove the alias; that URL stays "
        "the site's own"]),
    Case("alias-on-the-search-page", {X: good('aliases: ["/search/"]')}, [
        f"{X}:4: the URL /search/ is one of the site's own pages — remove the alias; that URL stays the site's own"]),
    Case("alias-on-a-media-file", {X: good('aliases: ["/media/logo.svg"]')}, [
        f"{X}:4: the URL /media/logo.svg is one of the site's own pages — remove the alias; that URL stays the "
        "site's own"]),
    Case("alias-leaving-the-site", {X: good('aliases: ["/../../etc/cron.d/pressroom"]')}, [
        f"{X}:4: aliases: '/../../etc/cron.d/pressroom' is not a path on this site — write a path that starts "
        'with "/", e.g. "/medien-info/2008/123.html", without ".."']),
    Case("default-contact-unknown", {"content/site.yaml": "title: Presse\nbase_url: https://presse.example.org/\n"
                                                          "default_contacts: [presse, schulz]\n"}, [
        "content/site.yaml:3: default_contacts: 'schulz' is not in contacts.yaml — add it to contacts.yaml, "
        "or remove it from default_contacts"]),
]

_FUZZ_FOUND = [  # found by tests/fuzz/fuzz_release.py; each was a traceback or a message over several lines
    Case("body-link-not-a-url", {X: good(body="Erster Absatz.\n\nMehr [hier](http://[oops).")}, [
        f"{X}:7: the link 'http://[oops' is not a valid URL — write it like [text](https://example.org/) or "
        "[text](/releases/…/)"]),
    Case("value-with-line-breaks", {X: fm('title: "Neue Mitteilung"', "date: |", "  23.07.2008", "  10:00")}, [
        f"{X}:3: date: '23.07.2008 10:00' is not a date — did you mean 2008-07-23?"]),
    Case("terminal-escape-in-value", {X: good('lang: "\\e[2J"')}, [  # refused as a control character now
        f"{X}:4: YAML: an escape in double quotes gives the control character U+001B, which is not allowed — "
        "remove the escape; of the control characters only \\t (tab) and \\n (line break) are allowed"]),
    Case("terminal-escape-in-a-file-name",  # shown escaped, so a file name cannot write to the terminal
         {"content/releases/2024/\x1b[2J.md": fm('title: "Neue Mitteilung"', "date: 23.07.2008")}, [
        "content/releases/2024/\\x1b[2J.md:3: date: '23.07.2008' is not a date — did you mean 2008-07-23?"]),
    Case("long-value-is-cut-short", {X: good("contacts: [" + "presse-" * 20 + "x]")}, [
        f"{X}:4: contacts: '{('presse-' * 20)[:59]}…' is not in contacts.yaml — add it to contacts.yaml, or write "
        "the contact inline"]),
]

_COLLISIONS = [
    Case("two-releases-one-url", {X: good(), "content/releases/2024/y.md": good()}, [
        f"content/releases/2024/y.md:2: has the same URL /releases/2024/neue-mitteilung/ as {X} — give one of them "
        "a different `slug`"]),
    Case("translation-key-twice-in-one-language", {
        X: good('translation: "messe"'), "content/releases/2024/y.md": fm(
            'title: "Messe, zweiter Teil"', "date: 2024-05-03", 'translation: "messe"'),
        "content/releases/2024/z.en.md": fm('title: "Trade fair"', "date: 2024-05-03", "lang: en",
                                            'translation: "messe"')}, [
        f"content/releases/2024/y.md:4: translation: 'messe' is also the key of {X}, in the same language (de) — "
        "a key joins one release per language: give this release a key of its own, or remove `translation:`"]),
    Case("title-too-long-for-a-url", {X: fm('title: "' + "Wort " * 60 + '"', "date: 2024-05-02")}, [
        f"{X}:2: title: gives a URL slug of 299 characters; a URL part may have at most 200 — add a shorter "
        f"`slug:`, e.g. `slug: {'-'.join(['wort'] * 16)}`"]),
    Case("slug-too-long", {X: good("slug: " + "-".join(["teil"] * 50))}, [
        f"{X}:4: slug: is 249 characters long; a URL part may have at most 200 — shorten it, e.g. to "
        f"{'-'.join(['teil'] * 16)}"]),
    Case("alias-part-too-long", {X: good(f'aliases: ["/alt/{"x" * 201}.html"]')}, [
        f"{X}:4: aliases: '/alt/{('x' * 201)[:54]}…' is not a path on this site — write a path that starts with "
        '"/", e.g. "/medien-info/2008/123.html", without ".."']),
    Case("slug-and-title-collide", {X: good("slug: bilanz-der-ausbildung")}, [
        f"{X}:4: has the same URL /releases/2024/bilanz-der-ausbildung/ as {A} — give one of them a different "
        "`slug`"]),
    Case("free-topics-collide-after-transliteration", {
        "content/topics.yaml": None, X: good("topics: [Außenwirtschaft]"),
        "content/releases/2024/y.md": fm('title: "Zweite Mitteilung"', "date: 2024-05-03",
                                         "topics: [Aussenwirtschaft]")}, [
        f"content/releases/2024/y.md:4: topics: 'Aussenwirtschaft' and 'Außenwirtschaft' ({X}) have the same URL "
        "/topics/aussenwirtschaft/ — write the topic exactly as 'Außenwirtschaft'"]),
    Case("free-topics-collide-by-case", {"content/topics.yaml": None, X: good("topics: [ausbildung]")}, [
        f"{X}:4: topics: 'ausbildung' and 'Ausbildung' (content/releases/2024/a.md) have the same URL "
        "/topics/ausbildung/ — write the topic exactly as 'Ausbildung'"]),
    Case("topics-yaml-collide-after-transliteration",
         {"content/topics.yaml": "Außenwirtschaft:\nAussenwirtschaft:\nAusbildung:\n"}, [
             "content/topics.yaml:2: Aussenwirtschaft: has the same URL /topics/aussenwirtschaft/ as the topic "
             "'Außenwirtschaft' — merge the two topics, or give one of them another `slug`"]),
    Case("topics-yaml-collide-by-case", {"content/topics.yaml": "Ausbildung:\nAUSBILDUNG:\n"}, [
        "content/topics.yaml:2: AUSBILDUNG: has the same URL /topics/ausbildung/ as the topic 'Ausbildung' — "
        "merge the two topics, or give one of them another `slug`"]),
    Case("page-named-topics", {"content/pages/topics.md": fm('title: "Themen"')}, [
        "content/pages/topics.md:1: the page URL /topics/ is reserved for the site's own pages — rename the file, "
        "or set another `slug:`"]),
    Case("page-slug-releases", {"content/pages/archiv.md": fm('title: "Archiv"', "slug: releases")}, [
        "content/pages/archiv.md:3: slug: the page URL /releases/ is reserved for the site's own pages — "
        "choose another `slug`"]),
    Case("page-on-a-language-home", {X: good("lang: en"), "content/pages/en.md": fm('title: "English"')}, [
        "content/pages/en.md:1: the URL /en/ is one of the site's own pages — rename the file, or set another "
        "`slug:`"]),
]

# Slugs that would leave their folder or are not URL-safe: (value as written in YAML, as read, suggestion).
_SLUGS = [
    ("slash", "a/b", "a/b", "a-b"), ("dot-dot", "'..'", "..", ""),
    ("parent-path", "'../../../etc/passwd'", "../../../etc/passwd", "etc-passwd"),
    ("absolute-path", "'/tmp/pressroom'", "/tmp/pressroom", "tmp-pressroom"),
    ("space", "'neue mitteilung'", "neue mitteilung", "neue-mitteilung"),
    ("upper-case", "Neue-Mitteilung", "Neue-Mitteilung", "neue-mitteilung"),
    ("non-ascii", "straße", "straße", "strasse"),
    ("double-hyphen", "'neue--mitteilung-'", "neue--mitteilung-", "neue-mitteilung"),
]


def _slug_case(name: str, written: str, read: str, suggestion: str) -> Case:
    hint = f"{SLUG_HINT}, e.g. {suggestion}" if suggestion else SLUG_HINT
    return Case(f"slug-{name}", {X: good(f"slug: {written}")},
                [f"{X}:4: slug: '{read}' is not a valid slug — {hint}"],
                absent=("etc", "tmp", "public/etc", "passwd"))


CASES = _DATES + _REFERENCES + _FUZZ_FOUND + _COLLISIONS + [_slug_case(*row) for row in _SLUGS]
