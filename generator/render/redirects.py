"""check_redirects: after rendering, every redirect page (alias or redirects.yaml) must land on a file of
this build, directly, and must not take the place of a file the site generates itself. Pure.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Collection, Mapping, Sequence

from ..errors import SourceError
from ..model.entities import Alias, Site
from ..model.urls import output_path
from .plan import Output


def _shown(site_path: str) -> str:
    return "/" + site_path


def _site_paths(existing: Collection[str]) -> list[str]:
    """Output files as the site paths a reader would type ("a/index.html" -> "a/")."""
    return sorted(path.removesuffix("index.html") for path in existing)


def _taken(alias: Alias, counts: Counter[str], extra: Collection[str]) -> SourceError | None:
    target = output_path(alias.path)
    if counts[target] > 1 or target in extra:
        return SourceError(alias.source, alias.line, f"the URL {_shown(alias.path)} is one of the site's own files",
                           "remove the redirect; that URL stays the site's own")
    return None


def _missing(alias: Alias, existing: Collection[str], redirect_targets: Mapping[str, str]) -> SourceError | None:
    path = alias.target.split("#")[0]
    if alias.target.startswith(("http://", "https://")):
        return None
    if output_path(path) in redirect_targets:
        final = redirect_targets[output_path(path)]
        return SourceError(alias.source, alias.line,
                           f"{_shown(alias.path)} redirects to {_shown(path)}, which redirects again",
                           f"point it at the final address: {final if '://' in final else _shown(final)}")
    if output_path(path) in existing or path in existing:
        return None
    close = difflib.get_close_matches(path, _site_paths(existing), n=1, cutoff=0.8)
    hint = f"did you mean {_shown(close[0])}?" if close else "check the address; it must be a page or file of this site"
    return SourceError(alias.source, alias.line, f"{_shown(alias.path)} redirects to {_shown(path)}, "
                       "which is not a page of this site", hint)


def check_redirects(site: Site, outputs: Sequence[Output], existing: Collection[str],
                    generated: Collection[str] = ()) -> list[SourceError]:
    """`existing`: every output file of the build (rendered and copied); `generated`: files added after
    planning (the search index), which a redirect may not replace either."""
    redirect_targets = {output_path(a.path): a.target for a in site.aliases}
    counts = Counter(o.path for o in outputs)
    errors = []
    for alias in site.aliases:
        problem = _taken(alias, counts, generated) or _missing(alias, existing, redirect_targets)
        if problem:
            errors.append(problem)
    return errors
