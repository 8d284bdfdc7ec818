"""fingerprint_outputs: what each planned Output is made from, as a short hash. Pure.

Two builds that give an Output the same fingerprint render the same bytes for it, so the second
need not render it. A fingerprint covers the template name and its whole context, or the data
maker's name and its arguments, value by value (releases, contacts, pagination, …), plus a key for
everything global (templates, site settings, Pressroom's version; given by the caller).

One exception keeps a one-release edit from touching every page: an Edition (`page.edition`,
`page.editions`) counts by its navigation only (language, prefix, pages, and the names, slugs,
descriptions and sizes of its topics and years), not by its releases. Templates show releases
through their own context keys (`releases`, `release`, `listing`, `archive`, `items`), never
through an edition: an incremental build equals a clean one only with that rule (tests check it).

Values are written as text that reads back one way only (strings length-prefixed, numbers as
Python literals, brackets around containers, anything else named by its type and length-prefixed),
hashed once per output. A dataclass instance or a datetime is written once per build, however many
outputs show it; a long dataclass (a release with its body) as the hash of its text. A long-running
process (the dev server) passes a TokenCache, which keeps the text of the model's immutable objects
(releases, pages, contacts, topics, dates) from one call for the next: after an edit only the
objects that are new are written again.
"""

from __future__ import annotations

import dataclasses
import hashlib
import operator
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from ..model.entities import Address, Attachment, Contact, Edition, Image, Page, Release, Topic, TranslationLink
from .plan import Output

_NUMBERS = frozenset({int, float, bool, type(None)})  # exactly these types: repr is their literal
_MOMENTS = frozenset({datetime, date})
_INLINE = 256  # a dataclass written out longer than this is written as its hash instead
# Frozen dataclasses of strings, numbers, dates and tuples of the same, all the way down: an instance's
# text cannot change while it lives, so a TokenCache may keep it from one build to the next.
_LASTING = frozenset({Release, Page, Contact, Address, Topic, Image, Attachment, TranslationLink, datetime, date})


@dataclass
class _Memo:
    """One build's text of dataclass instances and datetimes by id (`keep` holds them, so no id is
    reused meanwhile), and how to read each dataclass's fields."""

    tokens: dict[int, str] = field(default_factory=dict)
    keep: list[object] = field(default_factory=list)
    getters: dict[type, Callable[[Any], tuple[Any, ...]]] = field(default_factory=dict)  # by dataclass
    last: dict[int, tuple[object, str]] = field(default_factory=dict)  # a TokenCache's, by id


class TokenCache:
    """The text of the _LASTING objects of the last fingerprint_outputs call, by id; the objects are
    kept with it, so no other object can have their id while they are looked up."""

    def __init__(self) -> None:
        self.tokens: dict[int, tuple[object, str]] = {}


def fingerprint_outputs(outputs: list[Output], global_key: str, cache: TokenCache | None = None,
                        some: bool = False) -> list[str]:
    """The fingerprint of each output. The cache keeps what this call used: all of it if the outputs
    are the whole site, else (`some`) what it had as well."""
    memo = _Memo(last=cache.tokens if cache else {})
    prints = []
    for output in outputs:
        maker = f"{output.maker.__module__}.{output.maker.__qualname__}" if output.maker else None
        text = "\0".join((global_key, repr(output.path), repr(output.template), repr(maker),
                          _token(output.arguments, memo), _token(output.context, memo)))
        prints.append(_digest(text))
    if cache is not None:  # only what this call used: the cache does not grow from build to build
        used = {id(value): (value, memo.tokens[id(value)]) for value in memo.keep if type(value) in _LASTING}
        cache.tokens = {**cache.tokens, **used} if some else used
    return prints


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _token(value: Any, memo: _Memo) -> str:
    kind = type(value)
    if kind is str:
        return f"s{len(value)}:{value}"
    if kind in _NUMBERS:
        return repr(value)
    if kind is tuple or kind is list:
        return f"[{_items(value, memo)}]"
    if kind is dict:
        return f"{{{_items(value.keys(), memo)}|{_items(value.values(), memo)}}}"
    known = memo.tokens.get(id(value))
    if known is not None:
        return known
    last = memo.last.get(id(value))
    if last is not None and last[0] is value:
        token = last[1]
    elif hasattr(kind, "__dataclass_fields__"):
        token = _object_token(value, memo)
    elif kind in _MOMENTS:  # repr names the time zone too, which isoformat() does not
        text = repr(value)
        token = f"t{len(text)}:{text}"
    else:
        return _other_token(value, memo)
    memo.tokens[id(value)] = token
    memo.keep.append(value)
    return token


def _items(values: Iterable[Any], memo: _Memo) -> str:
    """The items of a sequence, strings and numbers written here rather than in a call each (most are)."""
    return ",".join([f"s{len(item)}:{item}" if (kind := type(item)) is str else
                     repr(item) if kind in _NUMBERS else _token(item, memo) for item in values])


def _object_token(value: Any, memo: _Memo) -> str:
    """A dataclass instance by its class and fields; by the hash of that if it is long."""
    kind = type(value)
    content: Iterable[Any]
    if isinstance(value, Edition):
        content = _edition_navigation(value)
    else:
        getter = memo.getters.get(kind)
        if getter is None:
            getter = memo.getters[kind] = _fields_getter(kind)
        content = getter(value)
    text = f"@{kind.__module__}.{kind.__qualname__}[{_items(content, memo)}]"
    return text if len(text) <= _INLINE else "#" + _digest(text)


def _fields_getter(kind: type) -> Callable[[Any], tuple[Any, ...]]:
    """A function giving the values of a dataclass instance's fields, in order, in one call."""
    names = [f.name for f in dataclasses.fields(kind)]
    if len(names) == 1:
        return lambda value: (getattr(value, names[0]),)
    return operator.attrgetter(*names) if names else lambda value: ()


def _other_token(value: Any, memo: _Memo) -> str:
    """A subclass of tuple, list or dict (a NamedTuple) by its type and items; anything else (Markup, an
    enum) by its type and repr: an unstable repr only costs a needless re-render."""
    if isinstance(value, (tuple, list)):
        content = _token(list(value), memo)
    elif isinstance(value, dict):
        content = _token(dict(value), memo)
    else:
        content = repr(value)
    return f"<{type(value).__module__}.{type(value).__qualname__}:{len(content)}:{content}>"


def _edition_navigation(edition: Edition) -> list[Any]:
    """What pages may show of an edition: not its releases (see the module docstring)."""
    return [edition.lang, edition.prefix, len(edition.releases), edition.pages,
            [(listing.topic, len(listing.releases)) for listing in edition.topics],
            [(archive.year, len(archive.releases)) for archive in edition.years]]
