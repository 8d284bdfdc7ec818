"""`new`: a new release file with a complete, commented front matter. release_text is pure;
create_release reads site.yaml, topics.yaml and contacts.yaml and writes the one new file."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .config import SiteConfig, normalize_language
from .errors import BuildFailed, SourceError
from .model.urls import MAX_SLUG, short_slug, slugify
from .source.contacts import parse_contacts
from .source.reader import read_text_file
from .source.release import PLACEHOLDERS
from .source.schema import did_you_mean, parse_moment
from .source.siteconfig import parse_site_config
from .source.topics import parse_topics

MAX_FILE_SLUG = 60
COMMENT_COLUMN = 30


class AuthoringError(Exception):
    """`new` was asked for something it cannot do; the message says what to do instead."""


class ReleaseExists(AuthoringError):
    """The file `new` would write is already there; it is never overwritten."""


@dataclass(frozen=True)
class NewRelease:
    """What `new` writes: a title and a resolved day, with the optional choices from the command line."""

    title: str
    date: str  # as written in the front matter: 2026-11-25, or a moment with offset when embargoed
    lang: str
    topics: tuple[str, ...] = ()
    contacts: tuple[str, ...] = ()
    embargo: str | None = None


def quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _listed(values: tuple[str, ...] | list[str]) -> str:
    return "[" + ", ".join(quoted(v) if not v.replace("-", "").isalnum() else v for v in values) + "]"


def release_text(new: NewRelease, config: SiteConfig, known_topics: list[str], known_contacts: list[str]) -> str:
    """The file's text: the chosen keys set, every other key present as a commented-out example."""
    topics_note = f"from topics.yaml: {', '.join(known_topics)}" if known_topics else "a list of topics"
    contacts_note = "ids from contacts.yaml" + (f": {', '.join(known_contacts)}" if known_contacts else "")
    other_lang = new.lang != config.language
    entries = [
        (f"title: {quoted(new.title)}", "the headline"),
        ('# subtitle: "…"', "the line under the headline"),
        (f"date: {new.date}", "not public before this moment; a time (T10:00) orders releases of one day"),
        ("# location: Heilbronn", "the dateline city"),
        (f"topics: {_listed(new.topics)}" if new.topics else "# topics: []", topics_note),
        (f"contacts: {_listed(new.contacts)}" if new.contacts else "# contacts: []", contacts_note),
        ('# summary: "…"', "teaser for lists, feeds and search engines; default: the first paragraph"),
        (f"lang: {new.lang}" if other_lang else f"# lang: {config.language}", "the release's language"),
        ("# translation: key", "one key shared by the language versions of a release"),
        (f"embargo: {new.embargo}" if new.embargo else "# embargo: YYYY-MM-DDTHH:MM",
         "nothing of the release is public before this moment"),
        ("draft: false", "true keeps it off the site; `build.py serve --preview` still shows it"),
        _slug_entry(new),
        ("# updated: YYYY-MM-DD", "a correction or update, shown as a notice"),
        ('# image: {src: media/bild.jpg, alt: "What the picture shows", caption: "…", credit: "…"}', ""),
        ('# attachments: [{src: media/datei.pdf, title: "Präsentation (PDF)"}]', ""),
        ("# boilerplate: false", "hides the site's \"about us\" text (or write another text)"),
        ('# aliases: ["/alte/adresse.html"]', "old URLs that redirect here"),
    ]
    lines = ["---", "# A press release. Lines starting with # are optional: remove the # to use one."]
    lines += [f"{key:<{COMMENT_COLUMN}}  # {note}" if note else key for key, note in entries]
    return "\n".join([*lines, "---", _placeholder(new.lang), ""])


def _placeholder(lang: str) -> str:
    return PLACEHOLDERS["de" if lang.split("-")[0] == "de" else "en"]


def _slug_entry(new: NewRelease) -> tuple[str, str]:
    """`# slug: <the slug the title gives>` to set once the release is public; for a title too long for a
    URL, or one in a script without Latin letters, a set slug."""
    slug = slugify(new.title)
    if not slug:
        return f"slug: {_stand_in_slug(new)}", "the title has no Latin letters for a URL: write one here"
    if len(slug) > MAX_SLUG:
        return f"slug: {short_slug(slug, 80)}", "the title is too long for a URL: this shorter last part is used"
    return f"# slug: {slug}", "the URL's last part: set it to keep the URL when the title changes"


def _stand_in_slug(new: NewRelease) -> str:
    """`mitteilung-2026-11-26`: for a title that gives no slug (Arabic, Greek, Chinese)."""
    return f"{'mitteilung' if new.lang.split('-')[0] == 'de' else 'release'}-{new.date[:10]}"


def _file_slug(new: NewRelease) -> str:
    return short_slug(slugify(new.title), MAX_FILE_SLUG) or _stand_in_slug(new).rsplit("-", 3)[0]


def release_file(content_dir: Path, new: NewRelease, config: SiteConfig) -> Path:
    """content/releases/<year>/<date>-<slug>[.<lang>].md"""
    day = new.date[:10]
    suffix = f".{new.lang}" if new.lang != config.language else ""
    return content_dir / "releases" / day[:4] / f"{day}-{_file_slug(new)}{suffix}.md"


def create_release(content_dir: Path, title: str, topics: list[str], lang: str | None = None,
                   embargo: str | None = None, now: datetime | None = None) -> Path:
    """Write the new release file and return its path. Raises AuthoringError (a wrong request),
    ReleaseExists, or BuildFailed (site.yaml, topics.yaml or contacts.yaml has errors)."""
    config = _site_config(content_dir)
    known_topics = _known_topics(content_dir)
    known_contacts = _known_contacts(content_dir)
    language = _language(lang, config)
    date, embargo_text = _dates(embargo, config, now)
    if not title.strip() or not any(char.isalnum() for char in title):
        raise AuthoringError("the title has no letters or digits; write the release's headline")
    new = NewRelease(title=title.strip(), date=date, lang=language, embargo=embargo_text,
                     topics=_topics(topics, known_topics),
                     contacts=tuple(c for c in config.default_contacts if not known_contacts or c in known_contacts))
    path = release_file(content_dir, new, config)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(path, "x", encoding="utf-8") as file:
            file.write(release_text(new, config, known_topics or [], known_contacts))
    except FileExistsError:
        raise ReleaseExists(f"{path.as_posix()} already exists; it is not overwritten — "
                            "edit that file, or choose another title") from None
    return path


def _site_config(content_dir: Path) -> SiteConfig:
    path = content_dir / "site.yaml"
    if not path.is_file():
        raise BuildFailed([SourceError(path.as_posix(), 0, "site.yaml is missing",
                                       "pass --content DIR, or run from the folder that holds content/")])
    shown = path.as_posix()
    try:
        return parse_site_config(read_text_file(path, shown), shown)
    except SourceError as error:
        raise BuildFailed([error]) from None


def _known_topics(content_dir: Path) -> list[str] | None:
    """The names in topics.yaml, or None when topics are free-form."""
    path = content_dir / "topics.yaml"
    if not path.is_file():
        return None
    topics, errors = parse_topics(read_text_file(path, path.as_posix()), path.as_posix())
    if errors:
        raise BuildFailed(errors)
    return list(topics)


def _known_contacts(content_dir: Path) -> list[str]:
    path = content_dir / "contacts.yaml"
    if not path.is_file():
        return []
    contacts, _errors = parse_contacts(read_text_file(path, path.as_posix()), path.as_posix())
    return list(contacts)


def _topics(names: list[str], known: list[str] | None) -> tuple[str, ...]:
    """Each topic once, as topics.yaml spells it (`--topic Ausbildung --topic ausbildung` is one topic);
    free-form topics with one URL (Außenwirtschaft, Aussenwirtschaft) are one too, as first written."""
    chosen: dict[str, str] = {}
    for name in names:
        topic = _topic(name, known)
        chosen.setdefault(topic if known is not None else slugify(topic) or topic, topic)
    return tuple(chosen.values())


def _topic(name: str, known: list[str] | None) -> str:
    """The topic as topics.yaml spells it; an unknown one is refused with the closest name."""
    name = name.strip()
    if known is None or name in known:
        return name
    folded = {topic.casefold(): topic for topic in known}
    if name.casefold() in folded:
        return folded[name.casefold()]
    hint = did_you_mean(name, known) or f"choose one of: {', '.join(known)}"
    raise AuthoringError(f"--topic: '{name}' is not in topics.yaml — {hint}")


def _language(lang: str | None, config: SiteConfig) -> str:
    if lang is None:
        return config.language
    normalized = normalize_language(lang)
    if normalized is None:
        raise AuthoringError(f"--lang: '{lang}' is not a language tag — use a BCP 47 tag such as de or en")
    return normalized


def _dates(embargo: str | None, config: SiteConfig, now: datetime | None) -> tuple[str, str | None]:
    """(date, embargo) as written: today in the site's time zone, or the embargo moment for both."""
    if embargo is None:
        today = (now or datetime.now(config.zone)).astimezone(config.zone).date()
        return today.isoformat(), None
    try:
        moment = parse_moment(embargo, config.zone)
    except ValueError as exc:
        raise AuthoringError(f"--embargo: {exc.args[0]}" + (f" — {exc.args[1]}" if exc.args[1] else "")) from None
    local = moment.value.astimezone(config.zone)  # 2030-12-31T23:30Z is 1 January 2031 in Berlin: that year's
    if local.timestamp() <= (now or datetime.now(config.zone)).timestamp():
        raise AuthoringError(f"--embargo: {local.strftime('%Y-%m-%d %H:%M')} is in the past, so it would hold "
                             "nothing back — give a moment to come, or leave --embargo out")
    if not moment.has_time:
        return local.date().isoformat(), local.date().isoformat()
    return local.isoformat(), local.isoformat()
