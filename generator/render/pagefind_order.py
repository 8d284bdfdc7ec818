"""settle_bundle: makes Pagefind's index byte-identical from build to build. Pure.

Pagefind (1.x) writes its filter files with the values in hash-map order, which changes from run to
run, and names files after their content; so the filter files, the language metadata that names
them and pagefind-entry.json differ between two builds of the same pages. Here the filter values
are sorted, the files renamed after their new content and the references updated. The structures
are checked on the way: if anything is not as expected (a future Pagefind), the bundle is returned
unchanged (it still works, only not byte-identically), never broken.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import zlib
from collections.abc import Mapping
from typing import Any

SIGNATURE = b"pagefind_dcd"
_FILTER = re.compile(r"^(?P<dir>.*filter/)(?P<lang>[^/]+?)_(?P<hash>[0-9a-f]+)\.pf_filter$")
_META = re.compile(r"^(?P<dir>.*/)pagefind\.(?P<lang>[^/]+?)_(?P<hash>[0-9a-f]+)\.pf_meta$")


class Unexpected(Exception):
    """The bundle is not shaped as this module knows it."""


def _head(data: bytes, at: int) -> tuple[int, int, int]:
    """(major type, argument, position after the head) of the CBOR item at `at`."""
    initial = data[at]
    major, info = initial >> 5, initial & 31
    if info < 24:
        return major, info, at + 1
    if info > 27:
        raise Unexpected("indefinite or reserved CBOR length")
    size = 1 << (info - 24)
    return major, int.from_bytes(data[at + 1:at + 1 + size], "big"), at + 1 + size


def decode(data: bytes, at: int = 0) -> tuple[Any, int]:
    """The subset of CBOR Pagefind writes: unsigned integers, text, arrays."""
    major, value, at = _head(data, at)
    if major == 0:
        return value, at
    if major == 3:
        return data[at:at + value].decode("utf-8"), at + value
    if major == 4:
        items = []
        for _ in range(value):
            item, at = decode(data, at)
            items.append(item)
        return items, at
    raise Unexpected(f"CBOR major type {major}")


def _encode_head(major: int, value: int) -> bytes:
    if value < 24:
        return bytes([major << 5 | value])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if value < 1 << (8 * size):
            return bytes([major << 5 | info]) + value.to_bytes(size, "big")
    raise Unexpected("integer too large")


def encode(item: Any) -> bytes:
    if isinstance(item, bool):
        raise Unexpected("boolean")
    if isinstance(item, int) and item >= 0:
        return _encode_head(0, item)
    if isinstance(item, str):
        raw = item.encode("utf-8")
        return _encode_head(3, len(raw)) + raw
    if isinstance(item, list):
        return _encode_head(4, len(item)) + b"".join(encode(i) for i in item)
    raise Unexpected(f"cannot encode {type(item).__name__}")


def _unpack(data: bytes) -> Any:
    raw = gzip.decompress(data)
    if not raw.startswith(SIGNATURE):
        raise Unexpected("no Pagefind signature")
    body = raw[len(SIGNATURE):]
    item, end = decode(body)
    if end != len(body) or encode(item) != body:
        raise Unexpected("does not re-encode to the same bytes")
    return item


def _pack(item: Any) -> tuple[bytes, str]:
    """(gzipped file, content hash) of a CBOR structure."""
    raw = SIGNATURE + encode(item)
    return gzip.compress(raw, compresslevel=9, mtime=0), hashlib.sha256(raw).hexdigest()


def _settle_filters(bundle: Mapping[str, bytes], out: dict[str, bytes]) -> dict[str, str]:
    """Sort each filter file's values; returns old name -> new name ("de_3e8116c" -> "de_…")."""
    renamed = {}
    for path, data in bundle.items():
        match = _FILTER.match(path)
        if not match:
            continue
        name, values = _unpack(data)
        if not isinstance(name, str) or not all(isinstance(v, list) and len(v) == 2 for v in values):
            raise Unexpected(f"filter file {path}")
        packed, digest = _pack([name, sorted(values, key=lambda v: str(v[0]))])
        new = f"{match['lang']}_{digest[:len(match['hash'])]}"
        renamed[f"{match['lang']}_{match['hash']}"] = new
        del out[path]
        out[f"{match['dir']}{new}.pf_filter"] = packed
    return renamed


def _settle_meta(bundle: Mapping[str, bytes], out: dict[str, bytes], filters: Mapping[str, str]) -> dict[str, str]:
    """Point each language's metadata at the renamed filter files; returns old -> new meta names."""
    renamed = {}
    for path, data in bundle.items():
        match = _META.match(path)
        if not match:
            continue
        meta = _unpack(data)
        if not isinstance(meta, list) or len(meta) < 4 or not all(len(f) == 2 for f in meta[3]):
            raise Unexpected(f"metadata file {path}")
        meta[3] = sorted(([name, filters.get(hash_, hash_)] for name, hash_ in meta[3]), key=lambda f: str(f[0]))
        if len(meta) > 4 and isinstance(meta[4], list) and all(isinstance(s, list) and s for s in meta[4]):
            meta[4] = sorted(meta[4], key=lambda s: str(s[0]))  # the sort keys, in hash-map order as well
        packed, digest = _pack(meta)
        new = f"{match['lang']}_{digest[:len(match['hash'])]}"
        renamed[f"{match['lang']}_{match['hash']}"] = new
        del out[path]
        out[f"{match['dir']}pagefind.{new}.pf_meta"] = packed
    return renamed


def _settle_entry(path: str, data: bytes, metas: Mapping[str, str]) -> bytes:
    entry = json.loads(data)
    languages = entry.get("languages")
    if not isinstance(languages, dict):
        raise Unexpected("pagefind-entry.json")
    for language in languages.values():
        language["hash"] = metas.get(language["hash"], language["hash"])
    entry["languages"] = dict(sorted(languages.items()))
    return json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def settle_bundle(bundle: Mapping[str, bytes]) -> dict[str, bytes]:
    """The same bundle with filter values in a fixed order and file names that follow from it."""
    out = dict(bundle)
    try:
        filters = _settle_filters(bundle, out)
        metas = _settle_meta(bundle, out, filters)
        for path, data in bundle.items():
            if path.endswith("pagefind-entry.json"):
                out[path] = _settle_entry(path, data, metas)
    except (Unexpected, ValueError, KeyError, IndexError, TypeError, OSError, EOFError, zlib.error):
        return dict(bundle)
    return dict(sorted(out.items()))
