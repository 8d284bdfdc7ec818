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
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from ..model.entities import Edition
from .plan import Output

_Update = Callable[[bytes], None]


def fingerprint_outputs(outputs: list[Output], global_key: str) -> list[str]:
    memo: dict[int, bytes] = {}
    keep: list[object] = []  # keeps memoised objects alive, so their ids are not reused
    prints = []
    for output in outputs:
        hasher = hashlib.blake2b(global_key.encode(), digest_size=16)
        hasher.update(f"{output.path}\0{output.template}\0".encode())
        if output.maker is not None:
            hasher.update(f"{output.maker.__module__}.{output.maker.__qualname__}\0".encode())
            _feed(hasher.update, output.arguments, memo, keep)
        _feed(hasher.update, output.context, memo, keep)
        prints.append(hasher.hexdigest())
    return prints


def _feed(update: _Update, value: Any, memo: dict[int, bytes], keep: list[object]) -> None:
    if isinstance(value, str):
        data = value.encode("utf-8", "surrogatepass")
        update(b"s%d:" % len(data))
        update(data)
    elif value is None or isinstance(value, (bool, int, float)):
        update(b"v" + repr(value).encode() + b";")
    elif isinstance(value, (tuple, list)):
        update(b"[%d" % len(value))
        for item in value:
            _feed(update, item, memo, keep)
        update(b"]")
    elif isinstance(value, dict):
        update(b"{%d" % len(value))
        for key, item in value.items():
            _feed(update, key, memo, keep)
            _feed(update, item, memo, keep)
        update(b"}")
    elif isinstance(value, (datetime, date)):
        update(b"t" + repr(value).encode() + b";")
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        update(_object_digest(value, memo, keep))
    else:  # anything else by its repr: an unstable repr only costs a needless re-render
        update(b"r" + repr(value).encode() + b";")


def _object_digest(value: Any, memo: dict[int, bytes], keep: list[object]) -> bytes:
    """A dataclass instance: hashed once per build however many outputs show it."""
    known = memo.get(id(value))
    if known is not None:
        return known
    hasher = hashlib.blake2b(type(value).__qualname__.encode(), digest_size=16)
    content = _edition_navigation(value) if isinstance(value, Edition) else \
        [getattr(value, f.name) for f in dataclasses.fields(value)]
    _feed(hasher.update, content, memo, keep)
    result = b"o" + hasher.digest()
    memo[id(value)] = result
    keep.append(value)
    return result


def _edition_navigation(edition: Edition) -> list[Any]:
    """What pages may show of an edition: not its releases (see the module docstring)."""
    return [edition.lang, edition.prefix, len(edition.releases), edition.pages,
            [(listing.topic, len(listing.releases)) for listing in edition.topics],
            [(archive.year, len(archive.releases)) for archive in edition.years]]
