"""find_leaks: the last line of defence for the embargo. Scans every rendered byte for the title,
slug and URL of each withheld release before anything is written. Pure.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from ..errors import SourceError
from ..model.entities import Release, Withheld


def leak_needles(withheld: Iterable[Withheld], published: Iterable[Release]) -> dict[bytes, Withheld]:
    """What must not appear: each withheld path always; its title and slug unless a public release
    shares them (then they are not evidence of a leak)."""
    public_titles = {r.title for r in published}
    public_slugs = {r.slug for r in published}
    needles: dict[bytes, Withheld] = {}
    for item in withheld:
        candidates = [item.path]
        if item.title not in public_titles:
            candidates += [item.title, html.escape(item.title, quote=False), html.escape(item.title)]
        if item.slug not in public_slugs:
            candidates.append(f"/{item.slug}/")
        for text in candidates:
            needles.setdefault(text.encode("utf-8"), item)
    return needles


def find_leaks(files: dict[str, bytes], withheld: tuple[Withheld, ...],
               published: tuple[Release, ...]) -> list[SourceError]:
    needles = leak_needles(withheld, published)
    if not needles:
        return []
    pattern = re.compile(b"|".join(re.escape(n) for n in sorted(needles, key=len, reverse=True)))
    errors = []
    for path, data in sorted(files.items()):
        match = pattern.search(data)
        if match:
            item = needles[match.group(0)]
            errors.append(SourceError(
                item.source, 0,
                f"withheld release ({item.reason}) would leak into {path}: found {match.group(0).decode('utf-8', 'replace')!r}",
                "a template lists unpublished releases; the build was stopped and the output left as it was"))
    return errors
