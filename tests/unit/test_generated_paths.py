"""assemble's list of the site's own output files matches what render/plan.py plans, so a page or an
alias can never silently replace one (a new kind of output must be added to _generated_paths too)."""

from __future__ import annotations

from generator.config import BuildOptions
from generator.model.assemble import _generated_paths
from generator.model.urls import output_path
from generator.pipeline import load_site
from generator.render.plan import plan_outputs
from tests.conftest import ROOT


def test_every_planned_file_is_known_to_assemble() -> None:
    site = load_site(BuildOptions(content_dir=ROOT / "content", now_text="2026-11-25T12:00"))
    claimed = {output_path(r.path) for r in site.releases}
    claimed |= {output_path(p.path) for edition in site.editions for p in edition.pages}
    claimed |= {output_path(a.path) for a in site.aliases}
    planned = {o.path for o in plan_outputs(site)}
    assert len(site.editions) > 1 and any(e.topics for e in site.editions)
    assert planned - claimed - _generated_paths(site) == set()
