"""Splitting front matter from the body: BOM, CRLF, line numbers."""

from __future__ import annotations

import pytest

from generator.errors import SourceError
from generator.source.frontmatter import split_front_matter


def test_split_with_bom_and_crlf() -> None:
    front = split_front_matter("\ufeff---\r\ntitle: A\r\ndate: 2024-01-01\r\n---\r\nBody\r\n", "a.md")
    assert front.data == {"title": "A", "date": "2024-01-01"}
    assert front.key_lines == {"title": 2, "date": 3}
    assert front.body == "Body\n"
    assert front.body_line == 5


@pytest.mark.parametrize(("text", "error"), [
    ("", "a.md:1: the file is empty — start it with a front matter block between two `---` lines"),
    ("title: A\n", "a.md:1: the file has no front matter — start it with a line `---`, the YAML keys, "
     "then another `---`"),
    ("---\ntitle: A\n", "a.md:1: the front matter is not closed — add a line `---` after the last front matter key"),
    ("---\n- a\n- b\n---\n", "a.md:2: the front matter must be a mapping of keys, not a list — "
     "write one `key: value` per line"),
    ("---\ntitle: A\ntitle: B\n---\n", "a.md:3: title: this key is given twice — it was first given on line 2; "
     "keep one"),
    ("---\ntitle: \"A\n---\n", "a.md:2: YAML: this quote is not closed — close it at the end of the value; a quote "
     "inside the value must be doubled ('') in single quotes or escaped (\\\") in double quotes"),
])
def test_split_errors(text: str, error: str) -> None:
    with pytest.raises(SourceError) as caught:
        split_front_matter(text, "a.md")
    assert str(caught.value) == error
