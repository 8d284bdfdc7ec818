"""Scheduled publication made visible: the summary line of every build, and `--schedule FILE` (JSON,
outside the output folder) with the next moment the output changes by itself and every withheld
release with its reason and time."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta
from pathlib import Path

from generator.model.schedule import NEWS_WINDOW
from tests.conftest import make_site, release, run_cli
from tests.e2e.fixture_build import FIXTURE_NOW, FIXTURE_SITE
from tests.publishing.conftest import build

FIXTURE_SCHEDULE = {
    "next_change": {"at": "2030-01-01T10:00:00+01:00", "reason": "embargo",
                    "source": f"{FIXTURE_SITE}/releases/2024/2024-06-01-geheim.md"},
    "now": "2025-01-01T12:00:00+01:00",
    "withheld": [
        {"path": "/releases/2024/sperrfrist-geheim/", "publish_at": "2030-01-01T10:00:00+01:00",
         "reason": "embargo", "source": f"{FIXTURE_SITE}/releases/2024/2024-06-01-geheim.md",
         "title": "Geheime Sperrfrist-Meldung"},
        {"path": "/releases/2024/unfertiger-entwurf/", "publish_at": None, "reason": "draft",
         "source": f"{FIXTURE_SITE}/releases/2024/2024-06-02-entwurf.md", "title": "Unfertiger Entwurf"},
    ],
}


def test_build_writes_the_schedule_outside_the_output(tmp_path: Path) -> None:
    schedule = tmp_path / "reports" / "schedule.json"
    result = run_cli("build", "--content", FIXTURE_SITE, "--output", tmp_path / "public", "--now", FIXTURE_NOW,
                     "--schedule", schedule)
    assert result.status == 0, result.err
    assert "2 withheld (next publication 2030-01-01 10:00 CET)" in result.out
    assert json.loads(schedule.read_text("utf-8")) == FIXTURE_SCHEDULE
    assert not list((tmp_path / "public").rglob("schedule.json"))


def test_schedule_json_is_deterministic_with_sorted_keys(tmp_path: Path) -> None:
    files = []
    for name in ("one", "two"):
        schedule = tmp_path / f"{name}.json"
        run_cli("check", "--content", FIXTURE_SITE, "--now", FIXTURE_NOW, "--schedule", schedule, "--quiet")
        files.append(schedule.read_bytes())
    assert files[0] == files[1]
    text = files[0].decode("utf-8")
    assert text == json.dumps(json.loads(text), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def test_check_writes_the_same_schedule_as_build(tmp_path: Path) -> None:
    run_cli("check", "--content", FIXTURE_SITE, "--now", FIXTURE_NOW, "--schedule", tmp_path / "c.json")
    run_cli("build", "--content", FIXTURE_SITE, "--output", tmp_path / "public", "--now", FIXTURE_NOW,
            "--schedule", tmp_path / "b.json")
    assert (tmp_path / "c.json").read_bytes() == (tmp_path / "b.json").read_bytes()


def test_a_schedule_inside_the_output_is_a_usage_error(tmp_path: Path) -> None:
    output = tmp_path / "public"
    result = run_cli("build", "--content", FIXTURE_SITE, "--output", output, "--now", FIXTURE_NOW,
                     "--schedule", output / "schedule.json")
    assert result.status == 2
    assert result.error_lines == [f"build.py: error: --schedule {output}/schedule.json is inside the output folder "
                                  f"{output}; write it elsewhere, e.g. --schedule schedule.json"]
    assert not output.exists()


def test_check_refuses_a_schedule_in_the_output_a_build_writes_or_in_the_content(tmp_path: Path) -> None:
    """`check` has no output of its own, but public/ is the one a build writes; content/media/ would be copied."""
    content = make_site(tmp_path, {"releases/a.md": release("A")})
    for schedule, what in ((tmp_path / "public/schedule.json", f"the output folder {tmp_path}/public"),
                           (content / "media/schedule.json", f"the input folder {content}")):
        for command in ("check", "build"):
            refused = run_cli(command, "--content", content, "--schedule", schedule, cwd=tmp_path)
            assert (refused.status, refused.error_lines) == (2, [
                f"build.py: error: --schedule {schedule} is inside {what.replace(f'{tmp_path}/public', 'public')}; "
                "write it elsewhere, e.g. --schedule schedule.json"]), refused.err
            assert not schedule.exists()


def test_a_schedule_that_cannot_be_written_is_refused_before_anything_is_built(tmp_path: Path) -> None:
    output = tmp_path / "public"
    (tmp_path / "notes.txt").write_text("a file, not a folder", "utf-8")
    hint = "name a file in a folder this user may write to"
    for command in ("build", "check"):
        result = run_cli(command, "--content", FIXTURE_SITE, "--now", FIXTURE_NOW, "--schedule",
                         tmp_path / "notes.txt/schedule.json", *(("--output", output) if command == "build" else ()))
        assert (result.status, result.out) == (2, "")
        assert result.error_lines == [f"build.py: error: --schedule {tmp_path}/notes.txt/schedule.json cannot be "
                                      f"written (Not a directory); {hint}"]
        folder = run_cli(command, "--content", FIXTURE_SITE, "--now", FIXTURE_NOW, "--schedule", tmp_path,
                         *(("--output", output) if command == "build" else ()))
        assert folder.status == 2
        assert folder.error_lines == [f"build.py: error: --schedule {tmp_path} is a folder; name a file, "
                                      f"e.g. --schedule {tmp_path}/schedule.json"]
    assert not output.exists()


def test_nothing_withheld_means_no_next_change(tmp_path: Path) -> None:
    build(tmp_path, {"releases/a.md": release("Alte Meldung", date="2020-01-01")},
          "--schedule", str(tmp_path / "s.json"))
    document = json.loads((tmp_path / "s.json").read_text("utf-8"))
    assert document == {"next_change": None, "now": "2025-01-01T12:00:00+01:00", "withheld": []}


def test_the_earliest_of_date_and_embargo_and_withheld_sorted_by_time(tmp_path: Path) -> None:
    build(tmp_path, {
        "releases/late.md": release("Spaete Meldung", date="2025-03-01T09:00"),
        "releases/early.md": release("Fruehe Meldung", date="2024-12-01", embargo="2025-02-01T08:30:00Z"),
        "releases/draft.md": release("Entwurfsmeldung", date="2024-12-01", draft="true"),
    }, "--schedule", str(tmp_path / "s.json"))
    document = json.loads((tmp_path / "s.json").read_text("utf-8"))
    assert document["next_change"]["at"] == "2025-02-01T09:30:00+01:00"
    assert document["next_change"]["reason"] == "embargo"
    assert [(w["title"], w["reason"], w["publish_at"]) for w in document["withheld"]] == [
        ("Fruehe Meldung", "embargo", "2025-02-01T09:30:00+01:00"),
        ("Spaete Meldung", "date", "2025-03-01T09:00:00+01:00"),
        ("Entwurfsmeldung", "draft", None),
    ]


def test_a_release_leaving_the_news_sitemap_is_a_change_too(tmp_path: Path) -> None:
    """The news sitemap lists the last two days; the output changes when its oldest entry leaves it."""
    _, out, _ = build(tmp_path, {
        "releases/new.md": release("Frische Meldung", date="2025-01-01T09:00"),
        "releases/later.md": release("Kommende Meldung", date="2025-01-10T09:00"),
    }, "--schedule", str(tmp_path / "s.json"))
    document = json.loads((tmp_path / "s.json").read_text("utf-8"))
    leaves = datetime.fromisoformat("2025-01-01T09:00:00+01:00") + NEWS_WINDOW
    assert document["next_change"] == {"at": leaves.isoformat(), "reason": "news-sitemap",
                                       "source": f"{tmp_path}/content/releases/new.md"}
    assert leaves == datetime.fromisoformat("2025-01-01T09:00:00+01:00") + timedelta(days=2)
    assert "(next publication 2025-01-10 09:00 CET); the news sitemap changes 2025-01-03 09:00 CET" in out


def test_the_clock_s_now_is_given_to_the_second(tmp_path: Path) -> None:
    content = make_site(tmp_path, {"releases/a.md": release("Alte Meldung", date="2020-01-01")})
    result = run_cli("build", "--content", content, "--output", tmp_path / "public", "--schedule", tmp_path / "s.json")
    assert result.status == 0, result.err
    now = json.loads((tmp_path / "s.json").read_text("utf-8"))["now"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", now), now
