"""load_yaml reads with libyaml where it can, and must give exactly what the pure-Python parser gives:
the same data (types included), the same key lines, and the same error, line and hint."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.errors import SourceError
from generator.source import yamldoc
from generator.source.frontmatter import normalize_text
from generator.source.yamldoc import load_yaml
from tests.bad_input import cases_attacks, cases_config, cases_content, cases_frontmatter, cases_text
from tests.conftest import CONTACTS_YAML, ROOT, SITE_YAML
from tests.fuzz.fuzz_release import TOKENS
from tests.property.test_front_matter_property import front_matters

pytestmark = pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML without libyaml: only the pure parser")

# Inputs libyaml must not read. First those on which it and the pure parser part ways, found by a
# differential fuzzer; then whole classes kept from it by rule, rare in front matter and close to those.
READ_DIFFERENTLY = [
    "title: Ergebnis\tgut",  # a tab inside plain text: libyaml reads it, the pure parser refuses it
    "topics: [Was?Warum]",  # `?` in plain text inside [ ] or { }: libyaml keeps it, the pure parser reads a key
    "topics: {Wer?: Wir}",
    "summary: |# Kommentar\n  Text",  # a comment right after a block scalar's indicator
    "summary: >-#\n  Text",
    "summary: !=!binary aGVsbG8",  # a tag handle the pure parser refuses
    "summary: !",  # `!` on nothing: null to the pure parser, "" to libyaml
    "{? \n  }",  # a left-out key: libyaml puts it on the next line
    "a: 1\n\ufeffb: 2",  # a BOM at the start of a line: libyaml skips it, the pure parser keeps it in the key
    # kept from libyaml by rule:
    "title: a\n\tb: c",  # any tab
    "title: A\rdate: B",  # CR, NEL and the Unicode line and paragraph separators: line ends counted apart
    "title: A\x85date: B",
    "title: A\u2028B",
    "%YAML 1.1\n---\ntitle: A",  # directives
    "%TAG !e! tag:yaml.org,2002:\n---\ntitle: !e!str A",
    "summary: !!str 1",  # any tag and any anchor
    "summary: &anker Kurz",
    "- a\n-",  # any left-out key or list item
    "title: \x07",  # control characters: the pure reader words the error
    "title: \x00",
    "title: \ud800",
]
# Close to those, but read alike by both.
READ_ALIKE = ["topics: [?Frage]", "? Frage", "topics: [Was ist das]", "a:\n- x\n- y\n", "title: Was nun?",
              "topics: [\"Was?\", 'Wer?']", "summary: |\n  Text # kein Kommentar\n", "summary: >- # Kommentar\n  Text"]


def outcome(read: Any, text: str) -> tuple[Any, ...]:
    """What reading `text` gives, with types spelled out: True, 1 and 1.0 are three different results."""
    try:
        document = read(text, "x.md", 2)
    except SourceError as error:
        return ("error", str(error), error.line, error.hint)
    return ("data", _typed(document.data), tuple(document.key_lines.items()))


def _typed(value: Any) -> Any:
    if isinstance(value, dict):
        return ("dict", tuple((_typed(key), _typed(item)) for key, item in value.items()))
    if isinstance(value, list):
        return ("list", tuple(_typed(item) for item in value))
    return (type(value).__name__, repr(value))  # repr: -0.0 and nan are read as themselves


def assert_same_as_pure(text: str) -> bool:
    """load_yaml and libyaml's reading (where it reads at all) equal the pure parser's; True if libyaml read it."""
    pure = outcome(yamldoc._load_pure, text)
    assert outcome(load_yaml, text) == pure, repr(text)
    fast = yamldoc._load_with_libyaml(text, "x.md", 2)
    if fast is not None:
        assert ("data", _typed(fast.data), tuple(fast.key_lines.items())) == pure, repr(text)
    return fast is not None


def _front_matter(text: str) -> str:
    lines = normalize_text(text).split("\n")
    if lines[0].strip() != "---":
        return text
    end = next((i for i, line in enumerate(lines[1:], start=1) if line.rstrip() in ("---", "...")), len(lines))
    return "\n".join(lines[1:end])


def corpus() -> list[str]:
    """The YAML of the sample site, the fixtures, the fuzz regressions and the bad-input cases."""
    files = [*sorted((ROOT / "content").rglob("*.md")), *sorted((ROOT / "content").glob("*.yaml")),
             *sorted((ROOT / "tests/fixtures").rglob("*.md")), *sorted((ROOT / "tests/fixtures").rglob("*.yaml")),
             *sorted((ROOT / "tests/fuzz/regressions").glob("*.txt"))]
    texts = [SITE_YAML, CONTACTS_YAML, *(_front_matter(_read(path)) for path in files)]
    for case in [*cases_frontmatter.CASES, *cases_content.CASES, *cases_config.CASES, *cases_attacks.CASES,
                 *cases_text.CASES]:
        texts += [_front_matter(data) for data in case.files.values()
                  if isinstance(data, str) and len(data) < yamldoc.MAX_YAML_BYTES]
    return texts


def _read(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8", "surrogatepass")  # as the fuzz regressions are replayed
    except UnicodeDecodeError:  # a fixture that is not UTF-8 on purpose
        return data.decode("utf-8", "replace")


CORPUS = corpus()


def test_the_corpus_is_read_alike() -> None:
    read_by_libyaml = [assert_same_as_pure(text) for text in CORPUS]
    assert len(CORPUS) > 100
    assert sum(read_by_libyaml) > len(CORPUS) // 2  # or the comparison proves little


def test_every_release_of_the_sample_site_is_read_by_libyaml() -> None:
    releases = sorted((ROOT / "content/releases").rglob("*.md"))
    assert releases
    for path in releases:
        assert yamldoc._load_with_libyaml(_front_matter(_read(path)), str(path), 2) is not None, path


def test_mutations_of_the_corpus_are_read_alike() -> None:
    """Seeded, so a failure repeats: characters, YAML tokens and the cases above spliced into the corpus."""
    rng = random.Random(20240502)
    pieces = [*TOKENS, *READ_DIFFERENTLY, *READ_ALIKE, "-?:,[]{}#&*!|>'\"%@` \n", "\n  ", "\n- ", "? ", "\\", "|+2 "]
    for _ in range(3000):
        text = list(rng.choice(CORPUS)[:2000])
        for _ in range(rng.randint(1, 4)):
            at = rng.randint(0, len(text))
            if rng.random() < 0.6:
                text[at:at] = list(rng.choice(pieces) if rng.random() < 0.7 else rng.choice(pieces)[:1])
            else:
                del text[at:at + rng.randint(1, 3)]
        assert_same_as_pure("".join(text))


@pytest.mark.parametrize("text", READ_DIFFERENTLY)
def test_what_libyaml_reads_differently_goes_to_the_pure_parser(text: str) -> None:
    assert yamldoc._load_with_libyaml(text, "x.md", 2) is None
    assert outcome(load_yaml, text) == outcome(yamldoc._load_pure, text)


@pytest.mark.parametrize("text", READ_ALIKE)
def test_what_both_read_alike_is_read_by_libyaml(text: str) -> None:
    assert assert_same_as_pure(text)


@pytest.mark.parametrize(("text", "error"), [
    ("title: Ergebnis\tgut", "x.md:2: YAML: a tab is used for indenting — indent with spaces, not tabs"),
    ("topics: [Was?Warum]", "x.md:2: YAML: a list [ … ] is not closed — close it with ], and separate its items "
     "with commas"),
    ("summary: |# Kommentar\n  Text", "x.md:2: YAML: expected chomping or indentation indicators, but found '#' — "
     "check the YAML syntax at this line"),
    ("a: 1\nb: &x [1]\nc: *x", "x.md:4: YAML: anchors and aliases (&name, *name) are not supported — "
     "write the value out in full"),
    ("a: 1\na: 2", "x.md:3: a: this key is given twice — it was first given on line 2; keep one"),
    ('a: "\\ud800"', "x.md:2: YAML: an escape such as \\ud800 is half a character — write the character itself, "
     "or one escape for it such as \\U0001F600"),
    # A value in quotes with more text after its closing quote: the quote is named, at the line it closes on.
    ('title: "Die "Messe" startet"', 'x.md:2: YAML: a quote inside a value in "…" must be written \\" — or put '
     "the value in '…'"),
    ('a: 1\npresse:\n  role: "Leiter "Presse""', 'x.md:4: YAML: a quote inside a value in "…" must be written \\" — '
     "or put the value in '…'"),
    ("title: 'Die IHK's Messe'", "x.md:2: YAML: a ' inside '…' is written '' — or put the value in \"…\""),
    ('title: "Messe\n# subtitle: "…"\ndate: 2024-05-02', "x.md:2: YAML: this quote is not closed — close it at the end "
     "of the value; a quote inside the value must be doubled ('') in single quotes or escaped (\\\") in double quotes"),
    ('image: {src: media/x.jpg, alt: "Das "Logo""}', 'x.md:2: YAML: a quote inside a value in "…" must be written '
     "\\\" — or put the value in '…'"),
    # Over two lines: a quote inside is named where it stands; text after the quote is named as such.
    ('summary: "Die IHK lädt zur\n  "Messe" ein"', 'x.md:3: YAML: a quote inside a value in "…" must be written \\" — '
     "or put the value in '…'"),
    ('summary: "Zeile eins\n  Zeile zwei" (Entwurf)', "x.md:3: YAML: there is text after the closing quote — put all "
     "of the value inside the quotes"),
    ('title: "Messe" (neu)', "x.md:2: YAML: there is text after the closing quote — put all of the value inside the "
     "quotes"),
    # Not a quote mistake: a second key on the line after a value in quotes.
    ('title: "Messe"  date: 2024-05-02', "x.md:2: YAML: the indentation does not match the lines above — the keys of "
     "one mapping start in the same column"),
])
def test_errors_are_worded_by_the_pure_parser(text: str, error: str) -> None:
    with pytest.raises(SourceError) as caught:
        load_yaml(text, "x.md", 2)
    assert str(caught.value) == error


def test_left_out_values_keep_the_lines_of_their_keys() -> None:
    document = load_yaml("title: A\nsubtitle:\ntopics:\n  - Ausbildung\n  - Handel\nimage: {src: a.svg, alt:}\n",
                         "x.md", 2)
    assert document.data == {"title": "A", "subtitle": None, "topics": ["Ausbildung", "Handel"],
                             "image": {"src": "a.svg", "alt": None}}
    assert document.key_lines == {"title": 2, "subtitle": 3, "topics": 4, "topics.0": 5, "topics.1": 6,
                                  "image": 7, "image.src": 7, "image.alt": 7}


def test_without_libyaml_the_pure_parser_reads_everything(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamldoc, "_WITH_LIBYAML", False)
    monkeypatch.setattr(yamldoc, "_load_with_libyaml", None)  # would raise if it were called
    for text in CORPUS[:50]:
        assert outcome(load_yaml, text) == outcome(yamldoc._load_pure, text)


DUMP_OPTIONS = st.fixed_dictionaries({
    "allow_unicode": st.booleans(), "default_flow_style": st.sampled_from([False, True, None]),
    "width": st.sampled_from([12, 40, 80, 1000]), "indent": st.sampled_from([2, 4]), "canonical": st.booleans(),
    "default_style": st.sampled_from([None, '"', "'", "|", ">"]), "explicit_start": st.booleans(),
})


@settings(max_examples=400, deadline=None)
@given(front_matters(), DUMP_OPTIONS)
def test_front_matter_in_any_dump_style_is_read_alike(mapping: dict[str, Any], options: dict[str, Any]) -> None:
    assert_same_as_pure(yaml.safe_dump(mapping, **options))


YAMLISH = st.lists(st.sampled_from([*TOKENS, *"-?:,[]{}#&*!|>'\"%@` \n", "\n  ", "a", "b", "1", ".5", "é", "😀"]),
                   max_size=25).map("".join)


@settings(max_examples=1000, deadline=None)
@given(YAMLISH)
def test_yaml_like_text_is_read_alike(text: str) -> None:
    assert_same_as_pure(text)
