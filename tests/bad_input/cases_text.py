"""Bad-input cases: invisible characters in the text of releases and pages, and in every YAML file.

A control character (U+000B from a line break typed in Word with Shift+Enter, say) would make the
RSS and Atom feeds unreadable XML, so it is refused wherever text can come from.
"""

from __future__ import annotations

from tests.conftest import CONTACTS_YAML, SITE_YAML

from .corpus import Case, X, fm, good

P = "content/pages/impressum.md"
WORD = ("the control character U+000B is not allowed in the text — it often comes from pasting out of Word "
        "(a line break typed with Shift+Enter); delete it, or start a new paragraph")
YAML_WORD = ("YAML: the control character U+000B is not allowed — it often comes from pasting out of Word "
             "(a line break typed with Shift+Enter); delete it")
DELETE = "delete it (most editors do not show it)"
ESCAPE = "remove the escape; of the control characters only \\t (tab) and \\n (line break) are allowed"

_BODY = [
    Case("control-character-in-text-from-word", {X: good(body="Zeile eins\x0bZeile zwei aus Word.")},
         [f"{X}:5: {WORD}"]),
    Case("control-characters-on-several-lines", {X: good(body="Eins\x0bzwei\x0cdrei.\n\nSauber.\n\n"
                                                              "Eine \x1b[31mFarbe\x1b[0m.\n\nEin DEL\x7f.")}, [
        f"{X}:5: {WORD}",
        f"{X}:9: the control character U+001B is not allowed in the text — {DELETE}",
        f"{X}:11: the control character U+007F is not allowed in the text — {DELETE}"]),
    Case("control-character-page-break-from-word", {X: good(body="Seite eins.\x0c\n\nSeite zwei.")}, [
        f"{X}:5: the control character U+000C is not allowed in the text — it often comes from pasting out of "
        "Word (a page break); delete it, or start a new paragraph"]),
    Case("c1-control-from-windows-1252", {X: good(body="Er sagte \x84Ja\x93 und ging\x85")}, [
        f"{X}:5: the control character U+0084 is not allowed in the text — text wrongly converted from "
        "Windows-1252 has it where „ was meant; write „ instead"]),
    Case("noncharacter-in-text", {X: good(body="Ein Absatz\ufffe.")}, [
        f"{X}:5: the character U+FFFE is not allowed in the text — it is no character at all; {DELETE}"]),
    Case("control-character-in-page-text", {P: fm('title: "Impressum"', body="Testkammer\x0bMusterstraße 1.")},
         [f"{P}:4: {WORD}"]),
    Case("control-characters-in-a-release-and-a-page", {
        X: good(body="Erster Absatz.\n\nZweiter\x01 Absatz."),
        P: fm('title: "Impressum"', body="Testkammer\x0bMusterstraße 1.")}, [
        f"{P}:4: {WORD}",
        f"{X}:7: the control character U+0001 is not allowed in the text — {DELETE}"]),
]

_YAML = [  # the YAML reader refuses them in the raw text, and now also where an escape makes one
    Case("control-character-escape-in-front-matter", {X: good('summary: "Kurz\\vund gut"')}, [
        f"{X}:4: YAML: an escape in double quotes gives the control character U+000B, which is not allowed — "
        f"{ESCAPE}"]),
    Case("control-character-hex-escape-in-title", {X: fm('title: "Neue\\x1b[31m Mitteilung"', "date: 2024-05-02")},
         [f"{X}:2: YAML: an escape in double quotes gives the control character U+001B, which is not allowed — "
          f"{ESCAPE}"]),
    Case("next-line-character-in-front-matter", {X: good('subtitle: "Eins\x85zwei"')}, [
        f"{X}:4: YAML: the control character U+0085 is not allowed — text wrongly converted from Windows-1252 has "
        "it where … was meant; write … instead"]),
    Case("control-character-in-site-boilerplate", {
        "content/site.yaml": SITE_YAML.replace("vertritt 1.000", "vertritt\x0b1.000")}, [
        f"content/site.yaml:7: {YAML_WORD}"]),
    Case("control-character-escape-in-site-boilerplate", {
        "content/site.yaml": SITE_YAML.replace("vertritt 1.000", "vertritt\\v1.000")}, [
        "content/site.yaml:7: YAML: an escape in double quotes gives the control character U+000B, which is not "
        f"allowed — {ESCAPE}"]),
    Case("control-character-in-contacts-yaml", {
        "content/contacts.yaml": CONTACTS_YAML.replace("Kommunikation", "Kommunikation\x0bund Medien")}, [
        f"content/contacts.yaml:3: {YAML_WORD}"]),
    Case("control-character-in-topics-yaml", {
        "content/topics.yaml": 'Ausbildung: {description: "Berufsausbildung\x0bin der Region"}\n'
                               "Außenwirtschaft:\nKonjunktur:\n"}, [
        f"content/topics.yaml:1: {YAML_WORD}"]),
    Case("control-character-in-redirects-yaml", {
        "content/redirects.yaml": "/alt/a.html: /releases/\n/alt/b\x07.html: /contacts/\n"}, [
        f"content/redirects.yaml:2: YAML: the control character U+0007 is not allowed — {DELETE}"]),
]

CASES = _BODY + _YAML
