"""The characters refused in content: exactly those XML 1.0 forbids, plus DEL and the C1 controls."""

from __future__ import annotations

from generator.errors import SourceError
from generator.source.characters import FORBIDDEN, check_text


def _xml_char(code: int) -> bool:
    """XML 1.0's production Char."""
    return (code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD
            or 0x10000 <= code <= 0x10FFFF)


def test_forbidden_is_what_xml_forbids_and_the_invisible_controls() -> None:
    for code in [*range(0xD800), *range(0xE000, 0x10000), 0x10000, 0x1F600, 0x10FFFF]:
        expected = not _xml_char(code) or 0x7F <= code <= 0x9F
        assert bool(FORBIDDEN.search(chr(code))) is expected, hex(code)


def test_one_error_per_line_naming_its_first_character() -> None:
    text = "Eins\x0bzwei\x01.\n\nSauber, mit\tTab.\r\nDrei\x85\x0b.\n"
    assert check_text(text, "x.md", 5) == [
        SourceError("x.md", 5, "the control character U+000B is not allowed in the text",
                    "it often comes from pasting out of Word (a line break typed with Shift+Enter); delete it, "
                    "or start a new paragraph"),
        SourceError("x.md", 8, "the control character U+0085 is not allowed in the text",
                    "text wrongly converted from Windows-1252 has it where … was meant; write … instead"),
    ]


def test_text_without_them_has_no_error() -> None:
    assert check_text("Grüße aus Heilbronn – „Zitat“ … 😀\n\tTab\r\n", "x.md", 5) == []
