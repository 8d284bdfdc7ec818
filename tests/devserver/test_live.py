"""The reload script's injection and what the server answers for each path (pure parts)."""

from __future__ import annotations

from pathlib import Path

from generator.devserver.httpd import resolve
from generator.devserver.live import inject_live_script
from generator.devserver.state import SiteState, Status, make_snapshot
from generator.errors import SourceError

TAG = b'<script src="/__pressroom/live.js" data-build="abc"></script>'


def test_the_script_goes_before_the_last_closing_body() -> None:
    page = b"<html><body><p>&lt;/body&gt; </body></html>"
    assert inject_live_script(page, "abc") == b"<html><body><p>&lt;/body&gt; " + TAG + b"\n</body></html>"
    assert inject_live_script(b"<p>x</BODY >", "abc") == b"<p>x" + TAG + b"\n</BODY >"
    assert inject_live_script(b"<p>no body", "abc") == b"<p>no body" + TAG


def test_resolve(tmp_path: Path) -> None:
    css = tmp_path / "style.css"
    css.write_text("body{}")
    snapshot = make_snapshot({"index.html": b"<body>home</body>", "releases/a/index.html": b"<body>a</body>",
                              "feed.xml": b"<rss/>", "404.html": b"<body>weg</body>"}, {"style.css": css})
    home = resolve(snapshot, "/")
    assert (home.status, home.content_type) == (200, "text/html; charset=utf-8")
    assert isinstance(home.body, bytes) and home.body.startswith(b"<body>home<script")
    assert resolve(snapshot, "/releases/a/").status == 200
    assert resolve(snapshot, "/releases/a").location == "/releases/a/"
    assert resolve(snapshot, "/feed.xml").body == b"<rss/>"
    assert resolve(snapshot, "/style.css").body == css
    missing = resolve(snapshot, "/nope/")
    assert missing.status == 404 and isinstance(missing.body, bytes) and b"weg" in missing.body
    assert resolve(snapshot, "/../../etc/passwd").status == 404
    assert resolve(None, "/").status == 503


def test_the_build_id_follows_the_bytes(tmp_path: Path) -> None:
    css = tmp_path / "style.css"
    css.write_text("a")
    first = make_snapshot({"index.html": b"1"}, {"style.css": css})
    assert make_snapshot({"index.html": b"1"}, {"style.css": css}).build_id == first.build_id
    assert make_snapshot({"index.html": b"2"}, {"style.css": css}).build_id != first.build_id
    css.write_text("longer")
    assert make_snapshot({"index.html": b"1"}, {"style.css": css}).build_id != first.build_id


def test_the_build_id_is_the_same_with_and_without_the_last_snapshot() -> None:
    page, other = b"<body>a</body>", b"<body>b</body>"
    last = make_snapshot({"index.html": page, "b.html": other}, {})
    assert make_snapshot({"index.html": page, "b.html": other}, {}, last).build_id == last.build_id
    changed = {"index.html": page, "b.html": b"<body>B</body>"}
    assert make_snapshot(changed, {}, last).build_id == make_snapshot(changed, {}).build_id != last.build_id
    assert make_snapshot({"index.html": page, "pagefind/x.pf_index": b"new"}, {}).build_id == \
        make_snapshot({"index.html": page}, {}).build_id  # the search bundle catches up without a reload


def test_a_failure_keeps_the_snapshot_and_changes_the_status() -> None:
    state = SiteState()
    snapshot = make_snapshot({"index.html": b"1"}, {})
    state.succeed(snapshot)
    version = state.status.version
    error = SourceError("content/releases/a.md", 3, "date: 'x' is not a date", "did you mean 2008-07-24?")
    state.fail([error])
    assert state.snapshot is snapshot
    assert state.status == Status(snapshot.build_id, (error,), version + 1)
    assert state.wait_for_change(version, 0.01) == state.status
    state.fail([error])  # the same problems again: no new event
    assert state.status.version == version + 1
    state.close()
    assert state.wait_for_change(version + 1, 5) is None
