"""Safe, strict YAML: one document -> plain data plus the line of every top-level key. No I/O.

Dates stay strings (we parse them ourselves, with hints); anchors/aliases, duplicate keys,
tags and over-deep nesting are refused, so hostile YAML can neither run code nor explode.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from ..errors import SourceError

MAX_DEPTH = 20


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader without the implicit timestamp type: `2008-07-24` stays a string."""


_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class YamlDocument:
    data: Any
    key_lines: dict[str, int]  # dotted key path (`image.alt`) -> 1-based line in the file


def load_yaml(text: str, path: str, first_line: int = 1) -> YamlDocument:
    """Parse one YAML document; `first_line` is the file line of the text's first line."""
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return YamlDocument(None, {})
        _check_node(node, path, first_line, set(), 0)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + mark.line if mark else first_line
        problem = exc.problem or exc.context or "invalid YAML"
        raise SourceError(path, line, f"YAML: {problem}", _yaml_hint(problem, text, mark)) from None
    except yaml.YAMLError as exc:
        raise SourceError(path, first_line, f"YAML: {exc}", "") from None
    finally:
        loader.dispose()
    key_lines: dict[str, int] = {}
    _record_lines(node, "", first_line, key_lines)
    return YamlDocument(data, key_lines)


def _record_lines(node: yaml.Node, scope: str, first_line: int, key_lines: dict[str, int]) -> None:
    """Record the line of every key as a dotted path: `image.alt`, `attachments.0.src`."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            name = f"{scope}{key_node.value}"
            key_lines.setdefault(name, first_line + key_node.start_mark.line)
            _record_lines(value_node, name + ".", first_line, key_lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            name = f"{scope}{index}"
            key_lines.setdefault(name, first_line + item.start_mark.line)
            _record_lines(item, name + ".", first_line, key_lines)


def _check_node(node: yaml.Node, path: str, first_line: int, seen: set[int], depth: int) -> None:
    line = first_line + node.start_mark.line
    if id(node) in seen:
        raise SourceError(path, line, "YAML: anchors and aliases (&name, *name) are not supported",
                          "write the value out in full")
    seen.add(id(node))
    if depth > MAX_DEPTH:
        raise SourceError(path, line, f"YAML: nested more than {MAX_DEPTH} levels deep",
                          "flatten the structure")
    if node.tag.startswith("tag:yaml.org,2002:python") or node.tag.startswith("!"):
        raise SourceError(path, line, f"YAML: the tag {node.tag} is not allowed",
                          "remove the tag; only plain YAML values are read")
    if isinstance(node, yaml.MappingNode):
        keys: dict[str, int] = {}
        for key_node, value_node in node.value:
            key_line = first_line + key_node.start_mark.line
            key = str(key_node.value)
            if key in keys:
                raise SourceError(path, key_line, f"{key}: this key is given twice",
                                  f"it was first given on line {keys[key]}; keep one")
            keys[key] = key_line
            _check_node(key_node, path, first_line, seen, depth + 1)
            _check_node(value_node, path, first_line, seen, depth + 1)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _check_node(item, path, first_line, seen, depth + 1)


def _yaml_hint(problem: str, text: str, mark: Any) -> str:
    if "\t" in problem or "\\t" in problem:
        return "indent with spaces, not tabs"
    if "mapping values are not allowed" in problem:
        return 'put the value in quotes if it contains ": "'
    if "could not find expected ':'" in problem or "simple key" in problem:
        return "every line needs the form `key: value`; check quotes and colons"
    if "found unexpected end of stream" in problem or "while scanning a quoted scalar" in problem:
        return "a quote is not closed"
    return "check the YAML syntax at this line"
