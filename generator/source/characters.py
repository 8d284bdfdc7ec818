"""Characters that have no place in content: invisible control characters and noncharacters. Pure.

XML 1.0 (the feeds, the sitemaps) forbids every C0 control but tab, LF and CR, and U+FFFE/U+FFFF; DEL
and the C1 controls (U+0080–U+009F) are allowed there but are as invisible and as wrong in a text.
"""

from __future__ import annotations

import re

from ..errors import SourceError

FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def describe(char: str) -> str:
    """'the control character U+000B', or 'the character U+FFFE' for a noncharacter."""
    code = ord(char)
    return f"the {'control ' if code < 0xA0 else ''}character U+{code:04X}"


def hint_for(char: str, in_text: bool = False) -> str:
    """How such a character usually gets into a file, and what to do; `in_text`: in Markdown paragraphs."""
    code = ord(char)
    if code == 0x0B:
        return ("it often comes from pasting out of Word (a line break typed with Shift+Enter); delete it"
                + (", or start a new paragraph" if in_text else ""))
    if code == 0x0C:
        return "it often comes from pasting out of Word (a page break); delete it" + (
            ", or start a new paragraph" if in_text else "")
    if 0x80 <= code <= 0x9F:
        try:
            meant = bytes([code]).decode("cp1252")
        except UnicodeDecodeError:
            meant = ""
        if meant:
            return f"text wrongly converted from Windows-1252 has it where {meant} was meant; write {meant} instead"
    if code >= 0xFFFE:
        return "it is no character at all; delete it (most editors do not show it)"
    return "delete it (most editors do not show it)"


def check_text(text: str, path: str, first_line: int) -> list[SourceError]:
    """One error for each line of `text` (which starts at file line `first_line`) that holds a forbidden
    character, naming the first one on that line."""
    if not FORBIDDEN.search(text):
        return []
    errors = []
    for number, line in enumerate(text.split("\n")):
        match = FORBIDDEN.search(line)
        if match:
            char = match.group()
            errors.append(SourceError(path, first_line + number, f"{describe(char)} is not allowed in the text",
                                      hint_for(char, in_text=True)))
    return errors
