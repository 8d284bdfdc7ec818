"""Field validation shared by every YAML source: types, dates, e-mail, "did you mean". Pure.

A `Fields` wraps one mapping and collects one SourceError per bad key, so a file reports
all of its problems at once.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from typing import Any
from urllib.parse import SplitResult, urlsplit

from ..config import normalize_language
from ..errors import SourceError

_ISO = re.compile(
    r"^(?P<date>\d{4}-\d{2}-\d{2})"
    r"(?:[T ](?P<time>\d{2}:\d{2}(?::\d{2})?)(?P<offset>Z|[+-]\d{2}:?\d{2})?)?$"
)
_GERMAN = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})")
_GERMAN_SHORT = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{2})(?!\d)")  # 26.11.26: 00–68 are 20xx, 69–99 19xx
_US = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)
_PHONE = re.compile(r"^[+(]?[0-9][0-9 ()/.-]{4,}[0-9]$")  # the shape only; phone() also wants the "+" first
# Years outside this range are typos (0224, 9024); they would also overflow time zone arithmetic.
FIRST_YEAR, LAST_YEAR = 1900, 2999


# Keys a German-speaking team may write in their own language, and the key they mean.
_GERMAN_KEYS = {
    "titel": "title", "untertitel": "subtitle", "datum": "date", "ort": "location", "themen": "topics",
    "thema": "topics", "kontakt": "contacts", "kontakte": "contacts", "ansprechpartner": "contacts",
    "zusammenfassung": "summary", "sprache": "lang", "übersetzung": "translation", "sperrfrist": "embargo",
    "entwurf": "draft", "aktualisiert": "updated", "bild": "image", "foto": "image", "anhang": "attachments",
    "anhänge": "attachments", "textbaustein": "boilerplate", "weiterleitungen": "aliases", "name": "name",
    "funktion": "role", "rolle": "role", "organisation": "organization", "adresse": "address",
    "anschrift": "address", "telefon": "phone", "tel": "phone", "e-mail": "email", "mail": "email",
    "strasse": "street", "straße": "street", "plz": "postal_code", "postleitzahl": "postal_code",
    "stadt": "city", "land": "country", "beschreibung": "description", "bildunterschrift": "caption",
    "alternativtext": "alt", "quelle": "credit", "zeitzone": "timezone", "basis_url": "base_url",
}


def split_url(value: str) -> SplitResult | None:
    """urlsplit, or None for text it refuses (`http://[x`: an unclosed IPv6 address)."""
    try:
        return urlsplit(value)
    except ValueError:
        return None


def is_url(src: str) -> bool:
    """True for a URL with a scheme (https://…, mailto:…), and for text that does not parse: no media path either."""
    parts = split_url(src)
    return parts is None or bool(parts.scheme)


def media_problem(src: str, media: Collection[str]) -> tuple[str, str] | None:
    """(message, hint) if `src` is neither a URL nor a file under content/media/ (`media/…`, a leading
    "/" allowed); the hint names the closest file."""
    parts = split_url(src)
    if parts is None:
        return f"{quote(src)} is neither a URL nor a file under content/media/", "check the brackets and slashes"
    if parts.scheme:
        return None
    cleaned = src.lstrip("/")
    if cleaned not in media:
        hint = did_you_mean(cleaned, media) or "put the file under content/media/ and write media/<name>"
        return f"{quote(src)} does not exist", hint
    return None


def quote(value: object, limit: int = 60) -> str:
    """A value as a message quotes it: on one line, and cut short if long."""
    text = " ".join(str(value).split())
    return f"'{text[:limit - 1]}…'" if len(text) > limit else f"'{text}'"


def did_you_mean(value: str, choices: Any) -> str:
    """A hint naming the closest choice, or '' when nothing is close."""
    meant = closest(value, choices)
    return f"did you mean {meant}?" if meant else ""


def closest(value: str, choices: Any) -> str | None:
    """The choice `value` most likely meant (a German key name's English one, or the most similar)."""
    names = [str(c) for c in choices]
    meant = _GERMAN_KEYS.get(str(value).strip().lower())
    if meant in names and meant != value:
        return meant
    matches = difflib.get_close_matches(str(value), names, n=1, cutoff=0.6)
    return matches[0] if matches else None


@dataclass(frozen=True)
class Moment:
    """A point in time from content; `has_time` is False for a date alone."""

    value: datetime
    has_time: bool


def parse_moment(text: str, zone: tzinfo) -> Moment:
    """ISO 8601 per the contract; raises ValueError(message, hint) otherwise."""
    match = _ISO.match(text.strip())
    if not match:
        raise ValueError(f"{quote(text)} is not a date", _date_hint(text.strip()))
    try:
        day = date.fromisoformat(match["date"])
    except ValueError:
        raise ValueError(f"{quote(text)} is not a date", _impossible_day_hint(match["date"])) from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValueError(f"{quote(text)} is not a plausible date",
                         f"the year must be between {FIRST_YEAR} and {LAST_YEAR}; check it for a typo")
    if not match["time"]:
        return Moment(datetime.combine(day, time(0, 0), zone), False)
    try:
        clock = time.fromisoformat(match["time"])
    except ValueError:
        raise ValueError(f"{quote(text)} has an impossible time", "use 00:00 to 23:59") from None
    offset = match["offset"]
    if offset is None:
        local = datetime.combine(day, clock, zone)
        if local.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != local.replace(tzinfo=None):
            after = datetime.combine(day, clock) + timedelta(hours=1)  # the same minute past the change
            raise ValueError(f"{quote(text)} does not exist in {zone}: the clocks skip that hour when daylight "
                             f"saving time begins", f"write a time after the change, e.g. {after:%Y-%m-%dT%H:%M}")
        return Moment(local, True)
    if offset == "Z":
        return Moment(datetime.combine(day, clock, UTC), True)
    sign = -1 if offset[0] == "-" else 1
    hours, minutes = int(offset[1:3]), int(offset[-2:])
    if minutes > 59 or hours * 60 + minutes > (14 * 60 if sign > 0 else 12 * 60):
        raise ValueError(f"{quote(text)} has an offset out of range", "offsets run from -12:00 to +14:00")
    zone_fixed = timezone(sign * timedelta(hours=hours, minutes=minutes))
    return Moment(datetime.combine(day, clock, zone_fixed), True)


def _date_hint(text: str) -> str:
    for pattern, order in ((_GERMAN, (3, 2, 1)), (_GERMAN_SHORT, (3, 2, 1)), (_US, (3, 1, 2))):
        match = pattern.match(text)
        if match:
            year, month, day = (int(match[i]) for i in order)
            if pattern is _GERMAN_SHORT:
                year += 2000 if year < 69 else 1900
            try:
                return f"did you mean {date(year, month, day).isoformat()}?"
            except ValueError:
                break
    if re.match(r"^\d{1,2}:\d{2}", text):
        return "give the date too, e.g. 2008-07-24T10:00"
    return "write YYYY-MM-DD or YYYY-MM-DDTHH:MM, e.g. 2008-07-24T10:00"


def _impossible_day_hint(text: str) -> str:
    year, month, _ = (int(part) for part in text.split("-"))
    if not 1 <= month <= 12:
        return "the month must be 01 to 12"
    last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
    return f"that month has {last} days"


@dataclass
class Fields:
    """Typed access to one YAML mapping; every problem is appended to `errors`."""

    data: dict[str, Any]
    key_lines: dict[str, int]
    path: str
    line: int = 1  # line of the mapping itself, for missing keys
    prefix: str = ""  # shown before a key in messages, e.g. "image."
    scope: str = ""  # dotted path of this mapping in key_lines, e.g. "attachments.0."
    errors: list[SourceError] = field(default_factory=list)
    # Keys an unknown key was taken for ("titel" → title): such a key missing is the same problem,
    # already reported with its hint, so it is not reported again as missing.
    meant: set[str] = field(default_factory=set)

    def where(self, key: str) -> int:
        return self.key_lines.get(self.scope + key, self.line)

    def fail(self, key: str, message: str, hint: str = "") -> None:
        self.errors.append(SourceError(self.path, self.where(key), f"{self.prefix}{key}: {message}", hint))

    def check_keys(self, allowed: tuple[str, ...]) -> None:
        for key in self.data:
            if str(key) not in allowed:
                meant = closest(str(key), allowed)
                if meant:
                    self.meant.add(meant)
                self.fail(str(key), "unknown key", f"did you mean {meant}?" if meant else
                          f"allowed keys: {', '.join(allowed)}")

    def require(self, key: str, example: str, written: str = "") -> bool:
        """Report a required key that is missing, or given with no value (`date:`) at its own line;
        `written` is the example as the value is written (quoted, for text)."""
        if self.data.get(key) is None:
            if key in self.data:
                self.fail(key, "is empty", f"write `{key}: {written or example}`")
                return False
            if key in self.meant:
                return False
            self.errors.append(SourceError(self.path, self.line, f"{self.prefix}{key}: missing",
                                           f"add `{key}:` with your value, e.g. `{key}: {example}`"))
            return False
        return True

    def text(self, key: str, required: bool = False, example: str = "…") -> str | None:
        if key not in self.data or self.data[key] is None:
            if required:
                self.require(key, example, f'"{example}"')
            return None
        value = self.data[key]
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.fail(key, f"must be text, not {_describe(value)}", f'write `{key}: "{example}"`')
            return None
        value = str(value).strip()
        if not value:
            self.fail(key, "is empty", f'write `{key}: "{example}"`' if required else f"remove `{key}` or fill it in")
            return None
        return value

    def language(self, key: str, default: str) -> str:
        """A BCP 47 tag in lower case; `default` when absent or not a language Babel knows."""
        value = self.text(key)
        if value is None:
            return default
        lang = normalize_language(value)
        if lang is None:
            self.fail(key, f"{quote(value)} is not a language tag", "use a BCP 47 tag such as de or en")
            return default
        return lang

    def flag(self, key: str) -> bool:
        value = self.data.get(key, False)
        if value is None:
            return False
        if not isinstance(value, bool):
            self.fail(key, f"must be true or false, not {_describe(value)}", f"write `{key}: true` or `{key}: false`")
            return False
        return value

    def integer(self, key: str, default: int, minimum: int = 1) -> int:
        value = self.data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.fail(key, f"must be a whole number of at least {minimum}, not {_describe(value)}",
                      f"write e.g. `{key}: {default}`")
            return default
        return value

    def text_list(self, key: str, noun: str = "names", example: str = "[First, Second]") -> tuple[str, ...]:
        value = self.data.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(
                isinstance(v, (str, int)) and not isinstance(v, bool) and str(v).strip() for v in value):
            self.fail(key, f"must be a list of {noun}", f"write `{key}: {example}`")
            return ()
        items = tuple(str(v).strip() for v in value)
        for index, item in enumerate(items):
            if item in items[:index]:
                self.fail(key, f"{quote(item)} is listed twice", "list it once")
        return items

    def moment(self, key: str, zone: tzinfo, required: bool = False) -> Moment | None:
        if key not in self.data or self.data[key] is None:
            if required:
                self.require(key, "2008-07-24")
            return None
        value = self.data[key]
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            self.fail(key, f"must be a date, not {_describe(value)}", "write YYYY-MM-DD, e.g. 2008-07-24")
            return None
        try:
            return parse_moment(str(value), zone)
        except ValueError as exc:
            message, hint = exc.args
            self.fail(key, message, hint)
            return None

    def mapping(self, key: str) -> dict[str, Any] | None:
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, dict):
            self.fail(key, f"must be a mapping of keys, not {_describe(value)}", "indent its keys below it")
            return None
        return value

    def nested(self, key: str, value: dict[str, Any], prefix: str) -> Fields:
        """Fields over the mapping at `key` (a key, or a list index as text)."""
        return Fields(value, self.key_lines, self.path, self.where(key), self.prefix + prefix,
                      f"{self.scope}{key}.", self.errors)

    def email(self, key: str) -> str | None:
        value = self.text(key)
        if value is not None and not _EMAIL.match(value):
            self.fail(key, f"{quote(value)} is not an e-mail address", "write it like presse@example.org")
            return None
        return value

    def phone(self, key: str) -> str | None:
        """A phone number with its country code: a national number ("07131 …") is no tel: URI (RFC 3966
        needs a phone-context for it) and cannot be dialled by a journalist abroad."""
        value = self.text(key)
        if value is None:
            return None
        if not _PHONE.match(value):
            self.fail(key, f"{quote(value)} is not a phone number", 'write it like "+49 7131 555-0100"')
            return None
        if not value.startswith("+"):
            hint = (f"write + for the 00: {'+' + value[2:].lstrip()}" if value.startswith("00")
                    else "write it with the country code, e.g. +49 7131 555-0100")
            self.fail(key, f"{quote(value)} has no country code", hint)
            return None
        return value

    def url(self, key: str, absolute: bool = True) -> str | None:
        value = self.text(key)
        if value is None:
            return None
        parts = split_url(value)
        if parts is None or absolute and (parts.scheme not in ("http", "https") or not parts.netloc):
            self.fail(key, f"{quote(value)} is not an absolute URL", "write it with https://, e.g. https://example.org/")
            return None
        return value


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"the yes/no value {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return quote(value)
