"""The dev server end to end, in process on a free loopback port: edits, deletions, broken files
and editor habits change what is served; the reload signal fires; the error overlay's data comes
and goes; the server survives all of it."""

from __future__ import annotations

import gc
import gzip
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.config import BuildOptions
from generator.devserver.httpd import PortUnavailable
from generator.devserver.server import DevServer
from generator.pipeline import render_site
from generator.render import search
from tests.conftest import ROOT, fake_pagefind, make_site, release, run_cli
from tests.devserver.conftest import TIMEOUT, EventListener, Running, fetch, start_server, wait_until

pytestmark = pytest.mark.filterwarnings("ignore:Callback with id:RuntimeWarning")  # watchdog, harmless

RELEASE_PAGE = "/releases/2024/erste-mitteilung/"


def page_has(running: Running, path: str, text: str) -> bool:
    status, body = running.get(path)
    return status == 200 and text in body


def test_serves_the_site_on_loopback_with_the_reload_script(served: Running) -> None:
    assert served.url.startswith("http://127.0.0.1:")
    status, body = served.get(RELEASE_PAGE)
    assert status == 200
    assert "Der alte Text." in body
    assert f'<script src="/__pressroom/live.js" data-build="{served.build_id()}"></script>\n</body>' in body
    assert served.get("/__pressroom/live.js")[0] == 200


def test_an_edit_changes_the_page_and_fires_the_reload_signal(served: Running) -> None:
    events = EventListener(served.url).start()
    first = events.next()
    assert first == {"build": served.build_id(), "errors": []}
    served.write("releases/2024/erste.md", release("Erste Mitteilung", "2024-03-01", "Der neue Text."))
    reload = events.next_matching(lambda e: e["build"] != first["build"])
    assert reload["errors"] == []
    assert page_has(served, RELEASE_PAGE, "Der neue Text.")
    assert f'data-build="{reload["build"]}"' in served.get(RELEASE_PAGE)[1]


def test_the_search_index_catches_up_without_reloading_the_page(served: Running) -> None:
    assert served.server.wait_for_search(TIMEOUT)
    before = served.get("/pagefind/pagefind-entry.json")
    assert before[0] == 200
    served.write("releases/2024/erste.md", release("Erste Mitteilung", "2024-03-01", "Ein Wort: Quittengelee."))
    wait_until(lambda: page_has(served, RELEASE_PAGE, "Quittengelee"), what="the edited page")
    build = served.build_id()
    assert served.server.wait_for_search(TIMEOUT)
    assert served.build_id() == build  # no second reload of the open tab
    snapshot = served.server.state.snapshot
    assert snapshot is not None
    assert snapshot.files == render_site(served.server.options).files  # the whole site, index and all
    assert any(b"Quittengelee" in gzip.decompress(data) for path, data in snapshot.files.items()
               if path.startswith("pagefind/fragment/"))  # the new text is in the index


def test_after_an_edit_the_search_index_is_made_again_only_for_its_language(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runs: list[str] = []
    real = search._run_pagefind
    monkeypatch.setattr(search, "_run_pagefind", lambda binary, pages, *rest: runs.append(pages.name) or
                        real(binary, pages, *rest))
    running = start_server(tmp_path, {
        "releases/2024/erste.md": release("Erste Mitteilung", "2024-03-01", "Der alte Text."),
        "releases/2024/first.md": release("First release", "2024-03-02", "The old text.", lang="en")})
    try:
        assert running.server.wait_for_search(TIMEOUT)
        assert sorted(runs) == ["pages-de", "pages-en"]
        runs.clear()
        running.write("releases/2024/first.md", release("First release", "2024-03-02", "Quince jelly.", lang="en"))
        wait_until(lambda: page_has(running, "/en/releases/2024/first-release/", "Quince jelly."),
                   what="the edited page")
        assert running.server.wait_for_search(TIMEOUT)
        assert runs == ["pages-en"]
        snapshot = running.server.state.snapshot
        assert snapshot is not None and snapshot.files == render_site(running.server.options).files
    finally:
        running.server.stop()


def test_stopping_the_server_kills_a_search_index_still_being_made(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    started = tmp_path / "pagefind.pid"
    fake_pagefind(monkeypatch, tmp_path, f"echo $$ > {started}\nexec sleep 60\n")
    running = start_server(tmp_path / "site", {"releases/a.md": release("Eine Mitteilung")})
    assert page_has(running, "/releases/2024/eine-mitteilung/", "Erster Absatz.")  # the pages do not wait
    pid = int(wait_until(lambda: started.exists() and started.read_text(encoding="utf-8").strip(),
                         what="the search index to start"))
    began = time.monotonic()
    running.server.stop()
    assert time.monotonic() - began < 5
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    assert "could not be built" not in running.err.getvalue()  # a stop is no error to report


def test_ctrl_c_that_reaches_pagefind_before_the_server_is_no_error(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A terminal sends Ctrl-C to the whole process group: Pagefind may end before the server stops."""
    ended = tmp_path / "pagefind.ended"
    fake_pagefind(monkeypatch, tmp_path, f"touch {ended}\nkill -INT $$\n")
    running = start_server(tmp_path / "site", {"releases/a.md": release("Eine Mitteilung")})
    try:
        assert page_has(running, "/releases/2024/eine-mitteilung/", "Erster Absatz.")
        wait_until(ended.exists, what="Pagefind to be interrupted")
        time.sleep(0.5)
        assert running.errors() == []
        assert "could not be built" not in running.err.getvalue()
    finally:
        running.server.stop()


def test_a_search_index_that_cannot_be_made_is_reported_over_the_served_pages(tmp_path: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    fake_pagefind(monkeypatch, tmp_path, "echo 'Error: out of cheese' >&2\nexit 3\n")
    running = start_server(tmp_path / "site", {"releases/a.md": release("Eine Mitteilung")})
    try:
        assert page_has(running, "/releases/2024/eine-mitteilung/", "Erster Absatz.")
        [error] = wait_until(running.errors, what="the search index's error")
        assert error["message"] == "the search index could not be built: Error: out of cheese"
        assert "still serving the last good build" in running.err.getvalue()
    finally:
        running.server.stop()


def test_broken_content_shows_errors_keeps_the_last_good_build_and_recovers(served: Running) -> None:
    events = EventListener(served.url).start()
    good = events.next()
    wait_until(gc.isenabled, what="the collector back on: it is paused during each rebuild only")
    served.write("releases/2024/erste.md", '---\ntitle: "Kaputt\ndate: 2024-03-01\n---\nText.\n')
    broken = events.next_matching(lambda e: bool(e["errors"]))
    assert broken["build"] == good["build"]  # no reload: the last good build stays
    [error] = broken["errors"]
    assert error["location"].startswith(f"{served.content}/releases/2024/erste.md:")
    assert error["message"].startswith("YAML:")
    assert page_has(served, RELEASE_PAGE, "Der alte Text.")
    assert "1 error: still serving the last good build" in served.err.getvalue()
    served.write("releases/2024/erste.md", release("Erste Mitteilung", "2024-03-01", "Wieder gut."))
    fixed = events.next_matching(lambda e: not e["errors"])
    assert fixed["build"] != good["build"]
    assert page_has(served, RELEASE_PAGE, "Wieder gut.")
    wait_until(gc.isenabled, what="the collector back on after a failed and a good rebuild")


def test_an_unknown_topic_and_a_template_error_are_reported_with_their_lines(tmp_path: Path) -> None:
    templates = tmp_path / "overrides"
    templates.mkdir()
    running = start_server(tmp_path, {"topics.yaml": "Ausbildung: {}\n",
                                      "releases/a.md": release("A", topics="[Ausbildung]")},
                           templates_dir=templates)
    try:
        events = EventListener(running.url).start()
        events.next()
        running.write("releases/a.md", release("A", topics="[Ausbldung]"))
        event = events.next_matching(lambda e: bool(e["errors"]))
        assert [e["location"] for e in event["errors"]] == [f"{running.content}/releases/a.md:4"]
        assert event["errors"][0]["hint"] == "did you mean Ausbildung?"
        running.write("releases/a.md", release("A", topics="[Ausbildung]"))
        events.next_matching(lambda e: not e["errors"])
        (templates / "home.html").write_text('{% extends "base.html" %}\n{% block main %}{% if %}{% endblock %}\n')
        event = events.next_matching(lambda e: bool(e["errors"]))
        assert event["errors"][0]["location"].endswith("home.html:2")
        assert "template syntax error" in event["errors"][0]["message"]
        (templates / "home.html").unlink()
        events.next_matching(lambda e: not e["errors"])
    finally:
        running.server.stop()


def test_a_deleted_release_disappears(served: Running) -> None:
    (served.content / "releases/2024/erste.md").unlink()
    wait_until(lambda: served.get(RELEASE_PAGE)[0] == 404, what="the deleted release to be gone")
    assert "Erste Mitteilung" not in served.get("/")[1]


def test_editor_habits_atomic_save_rename_and_a_new_folder(served: Running) -> None:
    target = served.content / "releases/2024/erste.md"
    temporary = target.with_name(".erste.md.swp")
    temporary.write_text(release("Erste Mitteilung", "2024-03-01", "Atomar gespeichert."), encoding="utf-8")
    os.replace(temporary, target)
    wait_until(lambda: page_has(served, RELEASE_PAGE, "Atomar gespeichert."), what="the atomic save")
    target.rename(target.with_name("umbenannt.md"))  # same title, so the same URL
    served.write("releases/2025/neu/dritte.md", release("Dritte Mitteilung", "2025-01-02"))
    wait_until(lambda: page_has(served, "/releases/2025/dritte-mitteilung/", "Dritte Mitteilung"),
               what="the release in a new folder")
    assert page_has(served, RELEASE_PAGE, "Atomar gespeichert.")


def test_a_folder_moved_in_is_watched_too(served: Running, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere/2023"
    outside.mkdir(parents=True)
    (outside / "alt.md").write_text(release("Alte Mitteilung", "2023-05-01", "Von woanders."), encoding="utf-8")
    outside.rename(served.content / "releases/2023")
    wait_until(lambda: page_has(served, "/releases/2023/alte-mitteilung/", "Von woanders."), what="the moved folder")
    served.write("releases/2023/alt.md", release("Alte Mitteilung", "2023-05-01", "Darin bearbeitet."))
    wait_until(lambda: page_has(served, "/releases/2023/alte-mitteilung/", "Darin bearbeitet."),
               what="an edit inside the moved folder")


def test_a_burst_of_saves_is_one_rebuild(tmp_path: Path) -> None:
    running = start_server(tmp_path, {"releases/2024/erste.md": release("Erste")}, delay=0.3)  # 0.3 s: a loaded CI
    try:
        events = EventListener(running.url).start()
        events.next()
        builds = running.server.builds
        for name in ("a", "b", "c", "d"):
            running.write(f"releases/2024/{name}.md", release(f"Mitteilung {name.upper()}", "2024-04-01"))
        events.next_matching(lambda e: not e["errors"])
        wait_until(lambda: all(page_has(running, f"/releases/2024/mitteilung-{n}/", "Mitteilung") for n in "abcd"),
                   what="all four releases")
        assert running.server.builds == builds + 1
    finally:
        running.server.stop()


def test_editor_droppings_do_not_rebuild(served: Running) -> None:
    builds = served.server.builds
    served.write("releases/2024/.erste.md.swp", "binary junk")
    served.write("releases/2024/erste.md~", "backup")
    served.write("releases/2024/4913", "")
    served.write("notes.txt", "not content")
    (served.content / "releases/2024/4913").unlink()
    time.sleep(0.3)  # six times the debounce delay: a rebuild would have started
    assert served.server.builds == builds
    served.write("releases/2024/zweite.md", release("Zweite Mitteilung", "2024-03-02", "Geändert."))
    wait_until(lambda: page_has(served, "/releases/2024/zweite-mitteilung/", "Geändert."), what="the real edit")
    assert served.server.builds == builds + 1


def test_a_build_that_crashes_is_shown_and_the_server_survives(served: Running,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(options: BuildOptions, **_: object) -> None:
        raise RuntimeError("kaputt")
    monkeypatch.setattr("generator.devserver.server.render_site", explode)
    assert not served.server.rebuild()
    assert served.errors() == [{"location": "build.py", "message": "internal error: RuntimeError: kaputt",
                                "hint": "please report this; the server keeps running"}]
    assert page_has(served, RELEASE_PAGE, "Der alte Text.")


def test_before_any_good_build_a_waiting_page_shows_the_errors(tmp_path: Path) -> None:
    running = start_server(tmp_path, {"releases/a.md": release("A", date="24.07.2008")})
    try:
        status, body = running.get("/")
        assert status == 503
        assert 'data-build=""' in body
        assert "is not a date" in running.errors()[0]["message"]
        running.write("releases/a.md", release("A", date="2008-07-24"))
        wait_until(lambda: running.get("/")[0] == 200, what="the first good build")
    finally:
        running.server.stop()


def test_preview_serves_drafts_with_a_banner_and_writes_nothing(tmp_path: Path) -> None:
    running = start_server(tmp_path, {"releases/a.md": release("Entwurf", draft="true")}, preview=True)
    try:
        status, body = running.get("/releases/2024/entwurf/")
        assert status == 200
        assert 'class="preview-banner"' in body
        assert 'name="robots" content="noindex"' in body
    finally:
        running.server.stop()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content"]


def test_without_preview_a_draft_is_not_served(tmp_path: Path) -> None:
    running = start_server(tmp_path, {"releases/a.md": release("Entwurf", draft="true")})
    try:
        assert running.get("/releases/2024/entwurf/")[0] == 404
    finally:
        running.server.stop()


def test_a_published_build_never_has_the_reload_script(served: Running, tmp_path: Path) -> None:
    output = tmp_path / "public"
    assert run_cli("build", "--content", served.content, "--output", output).status == 0
    for path in output.rglob("*"):
        if path.is_file():
            assert b"__pressroom" not in path.read_bytes(), path
    assert "__pressroom" in served.get("/")[1]


def test_a_port_in_use_is_refused_with_advice(served: Running) -> None:
    port = int(served.url.rsplit(":", 1)[1].rstrip("/"))
    with pytest.raises(PortUnavailable, match=f"port {port} is in use; choose another with --port"):
        DevServer(BuildOptions(content_dir=served.content), port=port)


def test_ctrl_c_stops_the_server_cleanly(tmp_path: Path) -> None:
    content = make_site(tmp_path, {"releases/a.md": release("A")})
    process = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "serve", "--content", str(content),
                                "--port", "0"], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    try:
        assert process.stdout is not None
        serving = ""
        while not serving.startswith("Serving"):
            serving = process.stdout.readline()
            assert serving, "the server ended before it served"
        assert serving.startswith(f"Serving {content} at http://127.0.0.1:"), serving
        url = serving.split(" at ")[1].split()[0]
        assert fetch(url)[0] in (200, 503)  # it answers (503: the content has errors, which is not the point here)
        process.send_signal(signal.SIGINT)
        try:
            out, err = process.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            out, err = process.communicate()
            pytest.fail(f"still running {TIMEOUT} s after Ctrl-C; it printed:\n{out}\n{err}")
    finally:
        process.kill()
    assert process.returncode == 0
    assert "Traceback" not in err
    assert out.splitlines()[-1] == "Stopped."
