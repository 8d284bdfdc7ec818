"""Output fingerprints: stable, sensitive to every value a page shows (or a data file is made from), and
the rule they rely on — templates show releases only through their own context keys, never through
page.edition. Data files are made when rendered, never when planned. A TokenCache changes no
fingerprint and keeps only what the last call used."""

from __future__ import annotations

import dataclasses
import pickle
import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from markupsafe import Markup

from generator.config import BuildOptions
from generator.model.entities import Edition, Topic, TopicListing, YearArchive
from generator.parallel import Parsed
from generator.pipeline import _parse_each, load_site, theme_dirs
from generator.render import plan
from generator.render.environment import make_environment
from generator.render.fingerprint import TokenCache, fingerprint_outputs
from generator.render.pages import render_outputs
from generator.render.plan import Output, plan_outputs
from generator.source.reader import SourceFile
from generator.source.release import ReleaseContext
from tests.conftest import ROOT, make_site, release

NOW = "2026-11-25T12:00:00+01:00"


@pytest.fixture
def options(tmp_path: Path) -> BuildOptions:
    make_site(tmp_path, {
        "releases/a.md": release("Erste Mitteilung", "2024-03-01", "Erster Absatz.", topics="[Wirtschaft]"),
        "releases/b.md": release("Zweite Mitteilung", "2024-04-01", "Zweiter Absatz.", topics="[Wirtschaft, Handel]"),
        "releases/c.md": release("Third release", "2025-05-01", "Third body.", lang="en", topics="[Handel]"),
        "pages/impressum.md": '---\ntitle: "Impressum"\n---\nTestkammer.\n',
    })
    return BuildOptions(content_dir=tmp_path / "content", output_dir=tmp_path / "public", now_text=NOW)


def _hollow(edition: Edition) -> Edition:
    """The same navigation, with every release replaced by None."""
    return dataclasses.replace(
        edition, releases=(None,) * len(edition.releases),  # type: ignore[arg-type]
        topics=tuple(TopicListing(t.topic, (None,) * len(t.releases)) for t in edition.topics),  # type: ignore[arg-type]
        years=tuple(YearArchive(y.year, (None,) * len(y.releases)) for y in edition.years))  # type: ignore[arg-type]


def _with_hollow_editions(output: Output) -> Output:
    page: dict[str, Any] | None = output.context.get("page")
    if page is None:
        return output
    page = {**page, "edition": _hollow(page["edition"]), "editions": tuple(_hollow(e) for e in page["editions"])}
    return dataclasses.replace(output, context={**output.context, "page": page})


def test_templates_show_no_release_through_the_edition(options: BuildOptions) -> None:
    site = load_site(options)
    env = make_environment(site.config, theme_dirs(options, "templates"))
    outputs = plan_outputs(site)
    files, errors = render_outputs(env, outputs)
    hollow, hollow_errors = render_outputs(env, [_with_hollow_editions(o) for o in outputs])
    assert errors == hollow_errors == []
    assert hollow == files, "a template reads releases through page.edition: fingerprint.py must count them"


def test_fingerprints_follow_the_values_shown(options: BuildOptions) -> None:
    site = load_site(options)
    outputs = plan_outputs(site)
    prints = fingerprint_outputs(outputs, "key")
    assert prints == fingerprint_outputs(plan_outputs(load_site(options)), "key")
    assert fingerprint_outputs(outputs, "other key") != prints
    assert len(set(prints)) == len(prints)
    text = (options.content_dir / "releases/b.md").read_text(encoding="utf-8")
    (options.content_dir / "releases/b.md").write_text(text.replace("Zweiter Absatz.", "Neuer Absatz."), "utf-8")
    changed = {o.path for o, a, b in zip(plan_outputs(load_site(options)), prints,
                                        fingerprint_outputs(plan_outputs(load_site(options)), "key"), strict=True)
               if a != b}
    assert "releases/2024/zweite-mitteilung/index.html" in changed
    assert "releases/2024/zweite-mitteilung/ninjs.json" in changed
    assert "feed.json" in changed
    assert "releases/2024/erste-mitteilung/index.html" not in changed
    assert "releases/2024/erste-mitteilung/ninjs.json" not in changed
    assert "en/feed.json" not in changed
    assert "impressum/index.html" not in changed


def test_data_files_are_made_when_rendered_not_when_planned(options: BuildOptions,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    site = load_site(options)
    env = make_environment(site.config, theme_dirs(options, "templates"))
    files, _ = render_outputs(env, plan_outputs(site))

    def refuse(*arguments: Any) -> bytes:
        raise AssertionError("a data file was made while planning")
    for maker in ("render_ninjs", "render_json_feed", "render_vcard"):
        monkeypatch.setattr(plan, maker, refuse)
    data = [o for o in plan_outputs(site) if o.maker is not None]
    assert {o.path.rsplit("/", 1)[-1] for o in data} == {"ninjs.json", "feed.json", "presse.vcf"}
    monkeypatch.undo()
    for output in plan_outputs(site):
        if output.maker is not None:  # workers are forked, but a maker also pickles (by name): keep it so
            assert pickle.loads(pickle.dumps(output.maker)) is output.maker
            assert output.maker(*output.arguments) == files[output.path]


def test_an_output_has_a_template_or_a_maker() -> None:
    with pytest.raises(ValueError, match="a template or a maker"):
        Output("a.json")
    with pytest.raises(ValueError, match="a template or a maker"):
        Output("a.json", "a.html", maker=bytes)


def _print_of(value: Any) -> str:
    return fingerprint_outputs([Output("a.html", "a.html", {"value": value})], "key")[0]


def test_values_that_print_alike_have_different_fingerprints() -> None:
    berlin = datetime(2024, 3, 1, 12, tzinfo=ZoneInfo("Europe/Berlin"))
    values = [
        "a,b", ("a", "b"), ["a,b"], "1", 1, 1.0, True, None, "None", "", (), {}, {"": ""}, {"a": "b"}, {"b": "a"},
        ("s1:a",), ("a", ""), ("", "a"), Markup("<b>"), "<b>", ((),), ((), ()),
        berlin, berlin.astimezone(timezone(timedelta(hours=1))), berlin.astimezone(UTC), berlin.date(),
        Topic("Wirtschaft", "wirtschaft"), Topic("Wirtschaft", "wirtschaft", "x"), Topic("Wirtschaft" * 40, "w"),
        Topic("Wirtschaft" * 40, "w", "x"),
    ]
    prints = [_print_of(value) for value in values]
    assert len(set(prints)) == len(values)
    assert _print_of(Topic("Wirtschaft" * 40, "w")) == prints[-2], "equal values, equal fingerprints"
    assert _print_of(berlin.replace()) == prints[values.index(berlin)]


def test_fingerprints_are_the_same_in_another_process(options: BuildOptions) -> None:
    """No hash seed, address or set order leaks into a fingerprint (the cache is read by later processes)."""
    script = (f"import sys; sys.path.insert(0, {str(ROOT)!r})\n"
              "from pathlib import Path\n"
              "from generator.config import BuildOptions\n"
              "from generator.pipeline import load_site\n"
              "from generator.render.fingerprint import fingerprint_outputs\n"
              "from generator.render.plan import plan_outputs\n"
              f"o = BuildOptions(content_dir=Path({str(options.content_dir)!r}), now_text={NOW!r})\n"
              "print('\\n'.join(fingerprint_outputs(plan_outputs(load_site(o)), 'key')))\n")
    runs = [subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                           env={"PYTHONHASHSEED": seed, "PATH": ""}).stdout for seed in ("1", "2")]
    assert runs[0] == runs[1]
    assert runs[0].split() == fingerprint_outputs(plan_outputs(load_site(options)), "key")


def test_a_token_cache_gives_the_same_fingerprints_and_keeps_only_the_last_builds_objects(
        options: BuildOptions) -> None:
    parsed: dict[str, Parsed] = {}

    def parse(sources: list[SourceFile], context: ReleaseContext) -> list[Parsed]:
        """As the dev server parses: an unchanged file gives the same Release object again."""
        fresh = _parse_each([s for s in sources if s.text not in parsed], context)
        parsed.update(zip((s.text for s in sources if s.text not in parsed), fresh, strict=True))
        return [parsed[s.text] for s in sources]
    cache = TokenCache()
    first = load_site(options, parse)
    assert fingerprint_outputs(plan_outputs(first), "key", cache) == fingerprint_outputs(plan_outputs(first), "key")
    kept = {id(value) for value, _ in cache.tokens.values()}
    assert {id(r) for r in first.releases} <= kept
    b = options.content_dir / "releases/b.md"
    b.write_text(b.read_text(encoding="utf-8").replace("Zweiter Absatz.", "Neuer Absatz."), "utf-8")
    second = load_site(options, parse)
    reused = [r for r in second.releases if id(r) in kept]
    assert len(reused) == len(second.releases) - 1  # the edited release is a new object
    with_cache = fingerprint_outputs(plan_outputs(second), "key", cache)
    assert with_cache == fingerprint_outputs(plan_outputs(second), "key")
    assert with_cache != fingerprint_outputs(plan_outputs(first), "key")
    assert not any(value is r for value, _ in cache.tokens.values() for r in first.releases if r not in reused)
