"""What in the output depends on the clock: when each withheld release is due, which releases are in
the Google News sitemap's two-day window, and the next moment the output changes by itself; and the
Outlook, what a build reports about the site besides its files. Pure.

A build at or after a change's moment shows the change: a release is public from `publish_at` on,
and leaves the news sitemap at `publish_at + NEWS_WINDOW`. Templates never see the clock, so
between two changes the output does not depend on it, and an Outlook stays true until its first
change (`Outlook.valid_at`; the shortcut of output/stamps.py relies on it).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any

from .entities import Release, Site, Withheld

NEWS_WINDOW = timedelta(days=2)  # Google News: articles published in the last two days
NEWS_LIMIT = 1000  # Google News: at most 1,000 URLs in one news sitemap


@dataclass(frozen=True)
class Change:
    """A moment at which the output will change without anyone committing anything."""

    at: datetime
    reason: str  # "date" or "embargo" (a withheld release goes online), "news-sitemap" (one leaves it)
    source: str  # the release's file


def published_at(release: Release) -> datetime:
    """When a release went (or goes) public: the later of its date and its embargo."""
    embargo = release.embargo
    return embargo if embargo is not None and embargo.timestamp() > release.date.timestamp() else release.date


def instant(moment: datetime) -> datetime:
    """The moment in UTC. Arithmetic and comparisons go through it: Python adds a timedelta to a time in
    Europe/Berlin by the clock on the wall, and compares two times of one zone by it too, so across a
    change of daylight saving time "two days later" would be an hour off."""
    return moment.astimezone(UTC)


def news_releases(site: Site) -> tuple[Release, ...]:
    """Public releases that went public in the two days up to the build's now, newest first."""
    now = site.now.timestamp()  # instants; see instant()
    start = now - NEWS_WINDOW.total_seconds()
    recent = [r for r in site.releases if r.published and start < published_at(r).timestamp() <= now]
    return tuple(sorted(recent, key=lambda r: (-published_at(r).timestamp(), r.path)))[:NEWS_LIMIT]


def upcoming_changes(site: Site) -> list[Change]:
    """Every future moment the output changes by itself, earliest first. A preview shows unpublished
    releases (Site.withheld is empty), marked as such until they are published: those moments too."""
    now = instant(site.now)
    changes = [Change(w.publish_at, w.reason, w.source) for w in site.withheld
               if w.publish_at is not None and instant(w.publish_at) > now]
    if site.preview:
        changes += [Change(published_at(r), "embargo" if r.embargo == published_at(r) else "date", r.source)
                    for r in site.releases if not r.published and not r.draft and instant(published_at(r)) > now]
    changes += [Change(instant(published_at(r)) + NEWS_WINDOW, "news-sitemap", r.source) for r in news_releases(site)]
    return sorted(changes, key=lambda c: (instant(c.at), c.source, c.reason))


@dataclass(frozen=True)
class Outlook:
    """What a build reports besides its files (summary line, --verbose, --schedule): small enough to
    keep in the build cache, so a rebuild in which nothing changed can report it without the site."""

    now: datetime
    zone: tzinfo
    published: int  # public releases in the output
    withheld: tuple[Withheld, ...]
    changes: tuple[Change, ...]  # upcoming_changes at `now`
    previewed: int = 0  # releases in a --preview output that are not public (drafts, embargoed, dated later)

    @property
    def next_change(self) -> Change | None:
        return self.changes[0] if self.changes else None

    def valid_at(self, now: datetime) -> bool:
        """Whether a build at `now` gives the same output (and outlook) as the build at self.now."""
        return instant(self.now) <= instant(now) and (not self.changes or instant(now) < instant(self.changes[0].at))


def outlook(site: Site) -> Outlook:
    published = sum(r.published for r in site.releases)
    return Outlook(site.now, site.config.zone, published, site.withheld, tuple(upcoming_changes(site)),
                   previewed=len(site.releases) - published)


def _withheld_entry(item: Withheld, zone: tzinfo) -> dict[str, Any]:
    return {
        "source": item.source, "title": item.title, "path": "/" + item.path, "reason": item.reason,
        "publish_at": item.publish_at.astimezone(zone).isoformat() if item.publish_at else None,
    }


def schedule_document(view: Outlook) -> dict[str, Any]:
    """The schedule as plain data: the build's now, the next change, and every withheld release."""
    zone, change = view.zone, view.next_change
    future = [w for w in view.withheld if w.publish_at is not None]
    drafts = [w for w in view.withheld if w.publish_at is None]
    withheld = sorted(future, key=lambda w: (w.publish_at or view.now, w.source))
    withheld += sorted(drafts, key=lambda w: w.source)
    return {
        "now": view.now.astimezone(zone).isoformat(timespec="seconds"),
        "next_change": None if change is None else {
            "at": change.at.astimezone(zone).isoformat(), "reason": change.reason, "source": change.source},
        "withheld": [_withheld_entry(item, zone) for item in withheld],
    }


def schedule_json(view: Outlook) -> bytes:
    """The schedule file: deterministic JSON (sorted keys, two-space indent, UTF-8, final newline)."""
    return (json.dumps(schedule_document(view), ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
