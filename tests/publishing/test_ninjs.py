"""IPTC ninjs: one news item per published release at releases/<year>/<slug>/ninjs.json, valid against
the ninjs 3.3 JSON schema in tests/publishing/schemas/ (draft 2020-12, formats checked)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from jsonschema import Draft202012Validator

from tests.conftest import ROOT, release
from tests.publishing.conftest import PUBLISHED_TITLES, build

SCHEMA = ROOT / "tests" / "publishing" / "schemas" / "ninjs-schema_3.3.json"


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA.read_text("utf-8"))
    Draft202012Validator.check_schema(schema)
    # date-time and uri are checked only with jsonschema's format extras (pyproject: jsonschema[format-nongpl])
    assert {"date-time", "uri"} <= set(Draft202012Validator.FORMAT_CHECKER.checkers)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def ninjs_of(output: Path, page: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((output / page.replace("index.html", "ninjs.json")).read_text("utf-8"))
    return document


def test_every_published_release_and_nothing_else_has_a_ninjs_file(published: Path) -> None:
    found = sorted(p.relative_to(published).as_posix() for p in published.rglob("ninjs.json"))
    assert found == sorted(page.replace("index.html", "ninjs.json") for page in PUBLISHED_TITLES)


@pytest.mark.parametrize("page", sorted(PUBLISHED_TITLES))
def test_ninjs_is_valid_against_the_schema(published: Path, validator: Draft202012Validator, page: str) -> None:
    document = ninjs_of(published, page)
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(document)]
    assert errors == []


def test_the_schema_rejects_what_ninjs_does_not_allow(published: Path, validator: Draft202012Validator) -> None:
    document = ninjs_of(published, "releases/2024/exporteure-optimistisch/index.html")
    for broken in ({**document, "headline": "x"}, {**document, "firstCreated": "gestern"},
                   {k: v for k, v in document.items() if k != "uri"}, {**document, "genres": [{"title": "x"}]},
                   {**document, "people": [{"name": "x", "contactInfo": [{"type": "phone"}]}]}):
        assert not validator.is_valid(broken)


def test_ninjs_fields_of_a_full_release(published: Path) -> None:
    item = ninjs_of(published, "releases/2024/mehr-ausbildungsvertraege-bessere-quoten/index.html")
    url = "https://presse.example.org/releases/2024/mehr-ausbildungsvertraege-bessere-quoten/"
    assert item["uri"] == url
    assert item["standard"] == {"name": "ninjs", "version": "3.3",
                                "schema": "http://www.iptc.org/std/ninjs/ninjs-schema_3.3.json#"}
    assert item["headlines"] == [{"role": "main", "value": "Mehr Ausbildungsverträge & bessere Quoten"}]
    assert item["firstCreated"] == "2024-03-01T10:00:00+01:00"
    assert item["versionCreated"] == "2024-03-02T09:30:00+01:00"
    assert item["language"] == "de"
    assert item["located"] == "Künzelsau"
    assert item["genres"] == [{"name": "Press Release"}]
    assert item["subjects"] == [{"name": "Ausbildung", "rel": "about", "literal": "ausbildung",
                                 "uri": "https://presse.example.org/topics/ausbildung/"}]
    assert item["descriptions"] == [{"role": "summary", "contentType": "text/plain",
                                     "value": "Die Zahl der Ausbildungsverträge steigt um 5 %."}]
    main = item["bodies"][0]
    assert main["role"] == "main" and main["contentType"] == "text/html"
    assert "<p>Die Zahl der Ausbildungsverträge steigt.</p>" in main["value"]
    assert main["wordCount"] == 13
    assert item["renditions"] == [{"name": "web", "href": url, "contentType": "text/html"}]
    names = [a["name"] for a in item["associations"]]
    assert names == ["image", "attachment-1"]
    assert item["associations"][0]["renditions"][0] == {
        "name": "original", "href": "https://presse.example.org/media/bild.png", "contentType": "image/png"}


def test_ninjs_contacts_with_contact_info(published: Path) -> None:
    item = ninjs_of(published, "releases/2024/exporteure-optimistisch/index.html")
    [person] = item["people"]
    assert person["name"] == "Dr. Erika Beispiel" and person["rel"] == "contact"
    assert person["uri"] == "https://presse.example.org/contacts/#contact-presse"
    assert person["contactInfo"] == [
        {"type": "phone", "role": "office", "value": "+49 7131 555-0100"},
        {"type": "email", "role": "office", "value": "presse@example.org"},
        {"type": "web", "name": "Social Media", "value": "https://social.example.org/@fixture"},
        {"type": "address", "role": "office", "address": {"lines": ["Musterstraße 1"], "locality": "Heilbronn",
                                                           "postalCode": "74072", "country": "DE"}},
    ]
    assert item["organisations"][0] == {"name": "Fixture-Kammer", "rel": "publisher", "uri": "https://www.example.org/",
                                        "contactInfo": [{"type": "web", "value": "https://www.example.org/"}]}
    assert [b["role"] for b in item["bodies"]] == ["main"]  # boilerplate: false


def test_ninjs_links_translations(published: Path) -> None:
    item = ninjs_of(published, "en/releases/2023/new-organisation-more-cooperation/index.html")
    assert item["language"] == "en"
    assert item["subjects"][0]["uri"] == "https://presse.example.org/en/topics/wirtschaftsfoerderung/"
    assert item["associations"][-1] == {
        "name": "translation-de", "rel": "translation",
        "uri": "https://presse.example.org/releases/2023/neue-organisation-mehr-kooperationen/",
        "language": "de", "headlines": [{"role": "main", "value": "Neue Organisation, mehr Kooperationen"}]}


def test_inline_contact_and_minimal_release_are_valid(tmp_path: Path, validator: Draft202012Validator) -> None:
    output, _, _ = build(tmp_path, {"releases/a.md": release(
        "Knappe Meldung", date="2024-02-03T08:15", contacts='[{name: "Ina Inline"}]', boilerplate="false")})
    item = json.loads((output / "releases/2024/knappe-meldung/ninjs.json").read_text("utf-8"))
    assert validator.is_valid(item), list(validator.iter_errors(item))
    assert item["people"] == [{"name": "Ina Inline", "rel": "contact"}]
    assert "located" not in item and "subjects" not in item


@pytest.mark.parametrize("base_url", ["https://example.org/presse/"])
def test_ninjs_urls_follow_the_base_url(tmp_path: Path, base_url: str) -> None:
    output, _, _ = build(tmp_path, {"releases/a.md": release("Pfad-Meldung", image="{src: media/logo.svg, alt: Logo}")},
                         "--base-url", base_url)
    item = json.loads((output / "releases/2024/pfad-meldung/ninjs.json").read_text("utf-8"))
    assert item["uri"] == f"{base_url}releases/2024/pfad-meldung/"
    assert item["associations"][0]["uri"] == f"{base_url}media/logo.svg"


def test_schema_file_is_a_valid_2020_12_schema() -> None:
    schema = json.loads(SCHEMA.read_text("utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.validators.validator_for(schema).check_schema(schema)
