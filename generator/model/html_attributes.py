"""The attributes of the start tags in an HTML fragment (rendered Markdown, or HTML written into a text),
with where each value stands, and the URLs they hold. Pure.

One walker for everyone who reads links out of a text (render/links.py rewrites them, model/assemble.py
finds media links, source/markdown.py finds what would load from another host), so that they agree on
what is a link: only inside a start tag, in double, single or no quotes.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

_START_TAG = re.compile(r"""<([a-zA-Z][a-zA-Z0-9-]*)((?:"[^"]*"|'[^']*'|[^'">])*)>""")
_ATTRIBUTE = re.compile(r"""\s([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")
LINKING = frozenset({"href", "src", "srcset", "poster", "data", "background", "imagesrcset"})


@dataclass(frozen=True)
class Attribute:
    tag: str  # lower case
    name: str  # lower case
    raw: str  # the value as written (HTML-escaped)
    start: int  # where the raw value stands in the fragment
    end: int

    @property
    def value(self) -> str:
        return html.unescape(self.raw)

    def urls(self) -> list[str]:
        """The URLs of a linking attribute (unescaped): one, or a srcset's candidates."""
        if self.name not in LINKING:
            return []
        if self.name not in ("srcset", "imagesrcset"):
            return [self.value]
        return [self.value[start:end] for start, end in srcset_spans(self.value)]


def srcset_spans(value: str) -> list[tuple[int, int]]:
    """Where the URLs of a srcset stand in it, as HTML parses one: a URL runs to the next white space
    (so a `data:` URL keeps its comma), a comma right after it ends the candidate, else its
    descriptors (`2x`, `800w`) run to the next comma."""
    spans, at, size = [], 0, len(value)
    while at < size:
        while at < size and (value[at].isspace() or value[at] == ","):
            at += 1
        start = at
        while at < size and not value[at].isspace():
            at += 1
        end = at
        if start == end:
            break
        while end > start and value[end - 1] == ",":  # "a.png," : no descriptors
            end -= 1
        if end == at:  # descriptors follow: they run to the next comma
            while at < size and value[at] != ",":
                at += 1
        spans.append((start, end))
    return spans


def attributes(fragment: str) -> Iterator[Attribute]:
    """Every attribute with a value, of every start tag, in order."""
    for tag in _START_TAG.finditer(fragment):
        offset = tag.start(2)
        for match in _ATTRIBUTE.finditer(tag.group(2)):
            group = next(index for index in (2, 3, 4) if match.group(index) is not None)
            yield Attribute(tag.group(1).lower(), match.group(1).lower(), match.group(group),
                            offset + match.start(group), offset + match.end(group))
