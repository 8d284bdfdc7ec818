"""The warnings of `check`: gathers the facts from the content folder (every release, published or
not; where its keys are; the lines of contacts.yaml; media sizes) and lets model.warnings judge
them. Reads files; writes nothing."""

from __future__ import annotations

from dataclasses import replace

from babel import Locale, UnknownLocaleError

from ..config import BuildOptions
from ..errors import SourceError
from ..model.entities import Site
from ..model.warnings import ContentFacts, ReleaseNotes, find_warnings
from ..pipeline import copied_files, load_site
from ..render.links import links_to_known, site_link_targets
from ..render.plan import plan_outputs
from ..render.strings import STRINGS
from ..source.frontmatter import split_front_matter
from ..source.markdown import first_text_line, line_in
from ..source.reader import SourceFile, read_sources
from ..source.yamldoc import load_yaml


def review_content(options: BuildOptions) -> list[SourceError]:
    """Warnings about content that builds; raises BuildFailed if it does not."""
    site = load_site(replace(options, preview=True))  # every release, so drafts and embargoes are seen too
    sources = read_sources(options.content_dir)
    facts = ContentFacts(
        releases=site.releases, notes={s.path: release_notes(s) for s in sources.releases}, now=site.now,
        zone=site.config.zone, language=site.config.language, contacts=site.contacts,
        contacts_path=sources.contacts.path if sources.contacts else "contacts.yaml",
        contact_lines=_contact_lines(sources.contacts), media_sizes=sources.media,
        content_path=options.content_dir.as_posix(),
        unknown_links=_unknown_links(options, site, {s.path: s for s in sources.releases}),
        interface_languages=frozenset(STRINGS),
        language_names={code: english_name(code) for code in {*STRINGS, *(r.lang for r in site.releases)}},
    )
    return find_warnings(facts)


def _unknown_links(options: BuildOptions, site: Site,
                   sources: dict[str, SourceFile]) -> tuple[tuple[str, int, str], ...]:
    """Links in each release's text to site addresses that neither a page nor a copied file has."""
    known = {output.path for output in plan_outputs(site)} | set(copied_files(options, site))
    found = []
    for release in site.releases:
        source = sources.get(release.source)
        for link in dict.fromkeys(site_link_targets(release.body_html)):
            if not links_to_known(link, known):
                found.append((release.source, _line_of(source, link), link))
    return tuple(found)


def _line_of(source: SourceFile | None, text: str) -> int:
    """The first line of the file's body that holds `text` (0: not found as written)."""
    if source is None:
        return 0
    front = split_front_matter(source.text, source.path)  # it parsed before, in load_site
    return line_in(front.body, text, front.body_line) if text in front.body else 0


def release_notes(source: SourceFile) -> ReleaseNotes:
    try:
        front = split_front_matter(source.text, source.path)
    except SourceError:
        return ReleaseNotes()
    return ReleaseNotes(key_lines=front.key_lines, lead_line=front.body_line + first_text_line(front.body),
                        has_summary=bool(front.data.get("summary")))


def _contact_lines(contacts: SourceFile | None) -> dict[str, int]:
    if contacts is None:
        return {}
    try:
        return load_yaml(contacts.text, contacts.path).key_lines
    except SourceError:
        return {}


def english_name(code: str) -> str:
    """`fr` -> `French`, `pt-BR` -> `Portuguese (Brazil)`; the code itself if Babel does not know it."""
    try:
        return str(Locale.parse(code.replace("-", "_")).english_name)
    except (ValueError, UnknownLocaleError):
        return code
