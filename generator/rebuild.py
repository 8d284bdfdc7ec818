"""render_again: render_site for a long-running process (the dev server), remembering the last build.

BuildMemory keeps the parsed releases, each output's fingerprint and bytes, the search index and
the key of the leak scan the last good build passed; render_again redoes only what changed: it
parses new or edited files, renders outputs whose fingerprint changed, rebuilds the search index
only if a release page changed, and scans for leaks only the files that changed (all of them if
the scan itself changed). The result is byte for byte that of render_site. No disk, no workers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import BuildFailed
from .incremental import CachedParser, render_key
from .model.entities import Site
from .model.urls import output_path
from .output.cache import digest
from .parallel import Hit, Parsed
from .render.environment import make_environment
from .render.fingerprint import fingerprint_outputs
from .render.leaks import leak_scan
from .render.pages import Problems, render_output, template_errors
from .render.plan import plan_outputs

if TYPE_CHECKING:
    from .config import BuildOptions
    from .incremental import Stages


@dataclass
class BuildMemory:
    """What the last build of this process knew (empty: the next build does everything)."""

    parsed: dict[str, Parsed] = field(default_factory=dict)
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)  # path -> (fingerprint, bytes)
    search: tuple[str, dict[str, bytes], dict[str, bytes]] | None = None  # key, index files, as scanned
    copies: dict[str, str] = field(default_factory=dict)  # path -> fingerprint of the copied file
    scan_key: str = ""


def render_again(options: BuildOptions, memory: BuildMemory, stages: Stages,
                 progress: Callable[[str], None]) -> tuple[Site, dict[str, bytes], dict[str, Path]]:
    """(site, files, copies) as render_site gives them; raises BuildFailed with the same errors."""
    site = stages.load(options, CachedParser(None, 1, memory.parsed))
    template_dirs = stages.template_dirs(options)
    env = make_environment(site.config, template_dirs)
    outputs = plan_outputs(site)
    prints = dict(zip((o.path for o in outputs),
                      fingerprint_outputs(outputs, render_key(options, site, template_dirs,
                                                              stages.static_dirs(options))), strict=True))
    files: dict[str, bytes] = {}
    changed: set[str] = set()
    problems: Problems = {}
    for output in outputs:
        known = memory.files.get(output.path)
        if known and known[0] == prints[output.path]:
            files[output.path] = known[1]
            continue
        data = render_output(env, output, problems)
        if data is not None:
            files[output.path] = data
            changed.add(output.path)
    progress(f"rendered {len(changed)} of {len(outputs)} files")
    errors = template_errors(problems)
    copies = stages.copies(options, site)
    search_key = digest(*(prints[p] for r in site.releases if (p := output_path(r.path)) in files))
    reuse = memory.search[1] if memory.search and memory.search[0] == search_key else None
    index, readable, more = stages.after_render(site, outputs, files, copies, reuse, None)
    errors += more
    files.update(index)
    copy_prints = {path: _copy_print(source) for path, source in copies.items()}
    scan_key = ""
    if not site.preview:
        scan = leak_scan(site, {**files, **readable})
        scan_key = digest(scan.regex.pattern) if scan.regex else "nothing withheld"
        every = scan_key != memory.scan_key
        hits: list[Hit] = []
        for path, data in sorted({**files, **readable}.items()):
            if every or path in changed or (reuse is None and (path in index or path in readable)):
                hits += scan.scan(path, data)
        for path, source in sorted(copies.items()):
            if every or memory.copies.get(path) != copy_prints[path]:
                hits += scan.scan(path, source.read_bytes())
        errors += scan.errors(hits)
    if errors:
        raise BuildFailed(errors)
    memory.files = {path: (prints[path], files[path]) for path in prints if path in files}
    memory.search, memory.copies, memory.scan_key = (search_key, index, readable), copy_prints, scan_key
    return site, files, copies


def _copy_print(source: Path) -> str:
    info = source.stat()
    return digest(str(source.resolve()), str(info.st_size), str(info.st_mtime_ns))
