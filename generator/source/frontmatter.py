"""Split a Markdown file into its YAML front matter and body. Pure: text in, values out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import SourceError, size_over
from .yamldoc import load_yaml

MAX_FRONT_MATTER_BYTES = 64 * 1024


@dataclass(frozen=True)
class FrontMatter:
    data: dict[str, Any]
    key_lines: dict[str, int]
    body: str
    body_line: int  # file line where the body starts


def normalize_text(text: str) -> str:
    """Drop a BOM and turn CRLF/CR line ends into LF."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def split_front_matter(text: str, path: str) -> FrontMatter:
    text = normalize_text(text)
    if not text.strip():
        raise SourceError(path, 1, "the file is empty",
                          "start it with a front matter block between two `---` lines")
    lines = text.split("\n")
    if lines[0].strip() != "---":
        raise SourceError(path, 1, "the file has no front matter",
                          "start it with a line `---`, the YAML keys, then another `---`")
    for index, line in enumerate(lines[1:], start=1):
        if line.rstrip() in ("---", "..."):
            end = index
            break
    else:
        raise SourceError(path, 1, "the front matter is not closed",
                          "add a line `---` after the last front matter key")
    yaml_text = "\n".join(lines[1:end])
    size = len(yaml_text.encode("utf-8", "surrogatepass"))
    if size > MAX_FRONT_MATTER_BYTES:
        shown = size_over(size, MAX_FRONT_MATTER_BYTES, 1024, "KB")
        raise SourceError(path, 2, f"the front matter is {shown}; at most {MAX_FRONT_MATTER_BYTES // 1024} KB are read",
                          "keep the keys short and move long text into the body, below the closing `---`")
    document = load_yaml(yaml_text, path, first_line=2)
    if document.data is None:
        raise SourceError(path, 2, "the front matter is empty", "add at least `title:` and `date:`")
    if not isinstance(document.data, dict):
        kind = type(document.data).__name__
        raise SourceError(path, 2, f"the front matter must be a mapping of keys, not a {_kind(kind)}",
                          "write one `key: value` per line")
    return FrontMatter(
        data=document.data,
        key_lines=document.key_lines,
        body="\n".join(lines[end + 1:]),
        body_line=end + 2,
    )


def _kind(type_name: str) -> str:
    return {"list": "list", "str": "text", "int": "number", "float": "number", "bool": "yes/no value"}.get(
        type_name, type_name)
