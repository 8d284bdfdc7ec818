"""What a build prints: one summary line, --quiet and --verbose, errors one a line, GitHub
annotations, and a progress line only on a terminal and only after a second."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import time
from pathlib import Path

from generator.cli.console import Console, github_annotation
from generator.errors import SourceError
from tests.conftest import ROOT, make_site, release, run_cli

NOW = "2026-11-25T12:00:00+01:00"


def small_site(root: Path) -> Path:
    return make_site(root, {"releases/a.md": release("A"), "releases/b.md": release("B"),
                            "releases/c.md": release("Gesperrte Mitteilung", embargo="2030-01-15T10:00"),
                            "releases/d.md": release("Noch ein Entwurf", draft="true")})


def test_a_build_ends_with_one_summary_line(tmp_path: Path) -> None:
    content = small_site(tmp_path)
    result = run_cli("build", "--content", content, "--output", tmp_path / "public", "--now", NOW)
    assert result.status == 0 and result.err == ""
    pattern = (rf"Built {re.escape(str(tmp_path))}/public/: (\d+) pages \((\d+) files\) written, 2 releases published, "
               r"2 withheld \(next publication 2030-01-15 10:00 CET\), in \d+\.\d\d s\.\n")
    match = re.fullmatch(pattern, result.out)
    assert match, result.out
    html = [p for p in (tmp_path / "public").rglob("*.html")]
    assert int(match[1]) == len(html)
    assert int(match[2]) == sum(1 for p in (tmp_path / "public").rglob("*") if p.is_file())


def test_a_preview_build_counts_what_only_the_preview_shows_apart(tmp_path: Path) -> None:
    content = small_site(tmp_path)
    result = run_cli("build", "--preview", "--content", content, "--output", tmp_path / "preview", "--now", NOW)
    assert result.status == 0 and result.err == ""
    assert re.fullmatch(rf"Built {re.escape(str(tmp_path))}/preview/: \d+ pages \(\d+ files\) written, "
                        r"2 releases published and 2 more shown only in this preview, in \d+\.\d\d s\.\n", result.out)


def test_quiet_prints_nothing_on_success_and_errors_on_failure(tmp_path: Path) -> None:
    content = small_site(tmp_path)
    quiet = run_cli("build", "-q", "--content", content, "--output", tmp_path / "public", "--now", NOW)
    assert (quiet.status, quiet.out, quiet.err) == (0, "", "")
    (content / "releases/e.md").write_text(release("E", date="24.07.2008"), encoding="utf-8")
    failed = run_cli("build", "--quiet", "--content", content, "--output", tmp_path / "public", "--now", NOW)
    assert failed.status == 1
    assert failed.out == ""
    assert failed.error_lines == [f"{content}/releases/e.md:3: date: '24.07.2008' is not a date — "
                                  "did you mean 2008-07-24?", "1 error"]


def test_verbose_names_each_stage_and_every_withheld_release(tmp_path: Path) -> None:
    content = small_site(tmp_path)
    result = run_cli("build", "--verbose", "--content", content, "--output", tmp_path / "public", "--now", NOW)
    lines = result.out.splitlines()
    stages = [line.split(" s  ", 1)[1] for line in lines if " s  " in line]
    assert stages[0] == "reading content" and stages[1].startswith("rendering ")
    assert any(stage.startswith("writing") for stage in stages)
    assert f"withheld (embargo until 2030-01-15 10:00 CET): {content}/releases/c.md" in lines
    assert f"withheld (draft): {content}/releases/d.md" in lines
    assert lines[-1].startswith("Built ")


def test_quiet_and_verbose_exclude_each_other(tmp_path: Path) -> None:
    assert run_cli("build", "--quiet", "--verbose").status == 2


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_shows_on_a_terminal_only_after_the_delay() -> None:
    terminal = FakeTerminal()
    console = Console(io.StringIO(), terminal)
    with console.progress(delay=0.05) as progress:
        progress("rendering 12 files")
        time.sleep(0.3)
    shown = terminal.getvalue()
    assert "\rrendering 12 files … 0." in shown.replace("\x1b[K", "")
    assert shown.endswith("\r\x1b[K")  # the line is cleared at the end
    quick = FakeTerminal()
    with Console(io.StringIO(), quick).progress(delay=5) as progress:
        progress("reading content")
    assert quick.getvalue() == ""


def test_no_progress_in_a_log_or_when_quiet() -> None:
    log = io.StringIO()
    with Console(io.StringIO(), log).progress(delay=0) as progress:
        progress("rendering")
        time.sleep(0.05)
    assert log.getvalue() == ""
    terminal = FakeTerminal()
    with Console(io.StringIO(), terminal, quiet=True).progress(delay=0) as progress:
        progress("rendering")
        time.sleep(0.05)
    assert terminal.getvalue() == ""


def test_github_annotations_escape_what_would_break_them() -> None:
    error = SourceError("content/a,b:c.md", 3, "100% wrong: 'x'", "fix it")
    assert github_annotation(error) == "::error file=content/a%2Cb%3Ac.md,line=3::100%25 wrong: 'x' — fix it"
    assert github_annotation(SourceError("content/site.yaml", 0, "missing"), warning=True) == (
        "::warning file=content/site.yaml::missing")


def test_ctrl_c_while_pressroom_is_still_loading_prints_no_traceback(tmp_path: Path) -> None:
    """Ctrl-C in the first tenth of a second lands in an import; build.py catches it as main() would."""
    interrupt_import = (
        "import builtins, runpy, sys\n"
        "real = builtins.__import__\n"
        "def interrupted(name, *args, **kwargs):\n"
        "    if name == 'generator.cli':\n"
        "        raise KeyboardInterrupt\n"
        "    return real(name, *args, **kwargs)\n"
        "builtins.__import__ = interrupted\n"
        "sys.argv = ['build.py']\n"
        f"runpy.run_path({str(ROOT / 'build.py')!r}, run_name='__main__')\n")
    result = subprocess.run([sys.executable, "-c", interrupt_import], capture_output=True, text=True, cwd=tmp_path,
                            timeout=60)
    assert (result.returncode, result.stdout, result.stderr) == (130, "", "stopped\n")
