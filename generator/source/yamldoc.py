"""Safe, strict YAML: one document -> plain data plus the line of every key. No I/O.

Dates stay strings (we parse them ourselves, with hints). Aliases, explicit tags (other than the
plain str/int/float/bool/null/seq/map), duplicate keys, nesting deeper than MAX_DEPTH, control
characters and documents over MAX_YAML_BYTES are refused while composing, before anything is
constructed, so hostile YAML can neither run code, nor explode in memory, nor overflow the stack.

libyaml, PyYAML's own C binding, parses when PyYAML has it (several times faster); its events go
through the same composer, checks and constructor. Text it reads differently, and anything it or a
check refuses, is read again by the pure-Python parser, which words every error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from ..errors import SourceError, size_over
from .characters import FORBIDDEN, describe, hint_for

MAX_DEPTH = 20
MAX_YAML_BYTES = 256 * 1024
_PLAIN_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map"))
# Implicit types we do not want: timestamps (we parse dates ourselves), merge keys (`<<`) and `=`.
_DROPPED_RESOLVERS = frozenset(f"tag:yaml.org,2002:{name}" for name in ("timestamp", "merge", "value"))
_WITH_LIBYAML = yaml.__with_libyaml__
# Text that goes straight to the pure parser, because libyaml reads it differently or the pure reader words
# its error: any character but a newline and printable ones (tabs, which libyaml allows in more places;
# CR, NEL and the Unicode line separators, which it counts differently; a BOM, which it skips at the start
# of every line; control characters), directives (`%` at the start of a line), and a comment right after a
# block scalar's `|` or `>` (and its indicators), which libyaml allows and the pure parser does not.
_PURE_ONLY = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
                        "|^%|[|>][-+0-9]*#", re.MULTILINE)
_SURROGATE = re.compile("[\ud800-\udfff]")


class _Refused(yaml.MarkedYAMLError):
    """A construct we refuse on purpose, with its own hint."""

    def __init__(self, mark: Any, problem: str, hint: str) -> None:
        super().__init__(problem=problem, problem_mark=mark)
        self.hint = hint


class _StrictComposer(yaml.composer.Composer):
    """Refuses aliases, tags and deep nesting as it composes; the same for both parsers."""

    depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()  # type: ignore[attr-defined]  # from the parser it is mixed with
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(event.start_mark, "anchors and aliases (&name, *name) are not supported",
                           "write the value out in full")
        if self.depth >= MAX_DEPTH:
            raise _Refused(event.start_mark, f"nested more than {MAX_DEPTH} levels deep", "flatten the structure")
        self.depth += 1
        try:
            node = super().compose_node(parent, index)
        finally:
            self.depth -= 1
        if node is not None and node.tag not in _PLAIN_TAGS:
            raise _Refused(node.start_mark, f"the tag {_short_tag(node.tag)} is not allowed",
                           "remove the tag; only plain text, numbers, yes/no, lists and mappings are read")
        return node


class _DatesAsText(yaml.resolver.Resolver):
    """SafeLoader's implicit types without timestamps, merge keys and `=`."""


_DatesAsText.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in _DROPPED_RESOLVERS]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _StrictLoader(_StrictComposer, _DatesAsText, yaml.SafeLoader):
    """The pure-Python parser: reads everything, and words every error."""


if _WITH_LIBYAML:
    from yaml._yaml import CParser

    class _LibyamlLoader(_StrictComposer, CParser, yaml.constructor.SafeConstructor, _DatesAsText):
        """libyaml's events through the same composer and constructor; refuses what libyaml reads differently."""

        flow_depth = 0  # inside how many [ ] and { }

        def __init__(self, text: str) -> None:
            CParser.__init__(self, text)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            _DatesAsText.__init__(self)

        def compose_node(self, parent: Any, index: Any) -> Any:
            event = self.peek_event()
            if getattr(event, "anchor", None) is not None or getattr(event, "tag", None) is not None:
                raise _ReadDifferently  # libyaml scans `!` and tag handles by other rules; both are rare here
            if isinstance(event, yaml.ScalarEvent) and not event.style:  # plain, or left out
                if self.flow_depth and "?" in event.value:
                    raise _ReadDifferently  # in [ ] and { }, libyaml lets `?` into plain text; pure reads a key
                if not event.value and not isinstance(index, yaml.Node):
                    raise _ReadDifferently  # libyaml may put a left-out key or list item on another line
            flow = int(isinstance(event, yaml.CollectionStartEvent) and bool(event.flow_style))
            self.flow_depth += flow
            try:
                return super().compose_node(parent, index)
            finally:
                self.flow_depth -= flow


class _ReadDifferently(Exception):
    """libyaml would read this text differently from the pure parser."""


@dataclass(frozen=True)
class YamlDocument:
    data: Any
    key_lines: dict[str, int]  # dotted key path (`image.alt`) -> 1-based line in the file


def load_yaml(text: str, path: str, first_line: int = 1) -> YamlDocument:
    """Parse one YAML document; `first_line` is the file line of the text's first line."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_YAML_BYTES:
        raise SourceError(path, first_line, f"YAML: {size_over(size, MAX_YAML_BYTES, 1024, 'KB')} of settings; at most "
                          f"{MAX_YAML_BYTES // 1024} KB are read", "split the file, or move long text elsewhere")
    document = _load_with_libyaml(text, path, first_line) if _WITH_LIBYAML else None
    return document if document is not None else _load_pure(text, path, first_line)


def _load_with_libyaml(text: str, path: str, first_line: int) -> YamlDocument | None:
    """The document as libyaml reads it, or None where the pure parser is to read it (and word any error)."""
    if _PURE_ONLY.search(text):
        return None
    try:
        loader = _LibyamlLoader(text)
        try:
            return _read_document(loader, path, first_line)
        finally:
            loader.dispose()
    except Exception:  # whatever libyaml or a check refuses, the pure parser reads again, to word the error
        return None


def _load_pure(text: str, path: str, first_line: int) -> YamlDocument:
    forbidden = FORBIDDEN.search(text)  # PyYAML's reader lets NEL (U+0085) through, as a line break
    if forbidden:
        raise SourceError(path, first_line + text.count("\n", 0, forbidden.start()),
                          f"YAML: {describe(forbidden.group())} is not allowed", hint_for(forbidden.group()))
    try:
        loader = _StrictLoader(text)  # checks for the other characters it does not read
    except yaml.reader.ReaderError as exc:
        raise _control_character(exc, text, path, first_line) from None
    try:
        return _read_document(loader, path, first_line)
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, text, path, first_line) from None
    except yaml.YAMLError as exc:
        raise SourceError(path, first_line, f"YAML: {' '.join(str(exc).split())}",
                          "check the YAML syntax") from None
    except (ValueError, OverflowError):  # PyYAML's own chr() on an escape beyond Unicode: "\U00F600AD"
        raise SourceError(path, first_line + loader.line, "YAML: an escape in double quotes names no character",
                          "write the character itself; \\U takes 8 hex digits (\\U0001F600), \\u takes 4") from None
    finally:
        loader.dispose()


def _read_document(loader: Any, path: str, first_line: int) -> YamlDocument:
    """Compose the one document, check its nodes and construct it: the same for both parsers."""
    node = loader.get_single_node()
    if node is None:
        return YamlDocument(None, {})
    _check_node(node, path, first_line)
    return YamlDocument(loader.construct_document(node), _key_lines(node, first_line))


def _key_lines(node: yaml.Node, first_line: int) -> dict[str, int]:
    key_lines: dict[str, int] = {}
    _record_lines(node, "", first_line, key_lines)
    return key_lines


def _syntax_error(exc: yaml.MarkedYAMLError, text: str, path: str, first_line: int) -> SourceError:
    if exc.context == "while scanning a quoted scalar" and exc.context_mark:  # the line the quote opens on
        return SourceError(path, first_line + exc.context_mark.line, *_UNCLOSED)
    quote_problem = _quote_problem(exc, text)
    if quote_problem:
        line, message, hint = quote_problem
        return SourceError(path, first_line + line, message, hint)
    mark = exc.problem_mark or exc.context_mark
    if exc.context == "while scanning a simple key" and exc.context_mark:  # the line that lacks its ": "
        mark = exc.context_mark
    line = first_line + mark.line if mark else first_line
    problem = " ".join((exc.problem or exc.context or "invalid YAML").split())
    message, hint = (problem, exc.hint) if isinstance(exc, _Refused) else _plain(problem)
    before = _line_text(mark)[:mark.column] if mark else ""
    if "mapping values" in problem and before.startswith((" ", "\t")) and ": " not in before:
        message, hint = ("this line is indented, so it continues the value above",
                         "start the key at the same column as the keys above it")
    return SourceError(path, line, f"YAML: {message}", hint)


_UNCLOSED = ("YAML: this quote is not closed", "close it at the end of the value; a quote inside the value must be "
             'doubled (\'\') in single quotes or escaped (\\") in double quotes')
_INSIDE = {'"': ('YAML: a quote inside a value in "…" must be written \\"', "or put the value in '…'"),
           "'": ("YAML: a ' inside '…' is written ''", 'or put the value in "…"')}
_AFTER = ("YAML: there is text after the closing quote", "put all of the value inside the quotes")
_KEY_AHEAD = re.compile(r"[^\s#'\"][^:#]*:(\s|$)")  # `date: …` after a value: two keys on one line


def _quote_problem(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, str, str] | None:
    """(line, message, hint) when a value in quotes is followed by more text on the line its quote closes on:
    a quote inside it (`"Die "Messe" startet"`, `'Die IHK's Messe'`), text after it (`"Messe" (neu)`), or a
    quote not closed on its own line that ran on over keys or comments to a quote further down. PyYAML
    reports the text after it, as a wrong indent."""
    mark = exc.problem_mark
    if mark is None:
        return None
    quoted = None  # the token before the error's, if it is a value in quotes
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):  # again, up to the error: the loader keeps no tokens
            if token.start_mark.index >= mark.index:
                break
            quoted = token if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'") else None
    except (yaml.YAMLError, ValueError, OverflowError):  # the error itself, or one after it: the tokens so far do
        pass
    if quoted is None or quoted.end_mark.line != mark.line:
        return None
    rest = _line_text(mark)[mark.column:]
    if quoted.end_mark.index != mark.index and _KEY_AHEAD.match(rest):
        return None
    swallowed = text.split("\n")[quoted.start_mark.line + 1:quoted.end_mark.line + 1]
    if any(_KEY_AHEAD.match(line.strip()) or line.strip().startswith("#") for line in swallowed):
        return (quoted.start_mark.line, *_UNCLOSED)  # it ran on over keys or comments to a quote of theirs
    if quoted.style not in rest:
        return (quoted.end_mark.line, *_AFTER)
    return (quoted.end_mark.line, *_INSIDE[quoted.style])


def _line_text(mark: Any) -> str:
    buffer = getattr(mark, "buffer", None) or ""
    lines = str(buffer).split("\n")
    return lines[mark.line] if 0 <= mark.line < len(lines) else ""


def _control_character(exc: yaml.reader.ReaderError, text: str, path: str, first_line: int) -> SourceError:
    line = first_line + text[:exc.position].count("\n")
    char = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)
    return SourceError(path, line, f"YAML: {describe(char)} is not allowed", hint_for(char))


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


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


def _check_node(node: yaml.Node, path: str, first_line: int) -> None:
    """Duplicate keys, text that is not Unicode (lone surrogates from `\\ud800` escapes) and control
    characters from escapes (`\\v`, `\\x0b`), which the reader cannot see in the raw text."""
    if isinstance(node, yaml.ScalarNode):
        if _SURROGATE.search(node.value):
            raise SourceError(path, first_line + node.start_mark.line,
                              "YAML: an escape such as \\ud800 is half a character",
                              "write the character itself, or one escape for it such as \\U0001F600")
        forbidden = FORBIDDEN.search(node.value)
        if forbidden:
            raise SourceError(path, first_line + node.start_mark.line,
                              f"YAML: an escape in double quotes gives {describe(forbidden.group())}, "
                              "which is not allowed", "remove the escape; of the control characters only "
                              "\\t (tab) and \\n (line break) are allowed")
    elif isinstance(node, yaml.MappingNode):
        keys: dict[str, int] = {}
        for key_node, value_node in node.value:
            key_line = first_line + key_node.start_mark.line
            key = str(key_node.value)
            if key in keys:
                raise SourceError(path, key_line, f"{key}: this key is given twice",
                                  f"it was first given on line {keys[key]}; keep one")
            keys[key] = key_line
            _check_node(key_node, path, first_line)
            _check_node(value_node, path, first_line)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _check_node(item, path, first_line)


# PyYAML's words for the mistakes people make, and ours: (part of its problem, our message, hint).
_PLAIN = (
    ("'\\t' that cannot start any token", "a tab is used for indenting", "indent with spaces, not tabs"),
    ("mapping values are not allowed", 'a second ": " on this line',
     'put the value in quotes, e.g. title: "Ergebnis: gut"'),
    ("expected <block end>", "the indentation does not match the lines above",
     "the keys of one mapping start in the same column"),
    ("expected ',' or ']'", "a list [ … ] is not closed", "close it with ], and separate its items with commas"),
    ("expected ',' or '}'", "a mapping { … } is not closed", "close it with }, and separate its items with commas"),
    ("could not find expected ':'", "a line that is not `key: value`",
     "write `key: value`; text that goes on over several lines belongs in quotes"),
    ("unhashable key", "a list or mapping is used as a key", "a key must be plain text"),
)


def _plain(problem: str) -> tuple[str, str]:
    """PyYAML's problem -> (message, hint) in the words of this project."""
    for part, message, hint in _PLAIN:
        if part in problem:
            return message, hint
    return problem, "check the YAML syntax at this line"
