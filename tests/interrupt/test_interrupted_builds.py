"""Interrupted and concurrent builds lose nothing: a build of a 2,000-release site killed (SIGKILL) at
several moments while it writes leaves the output exactly as the previous build made it, or exactly as
the killed build would have (when the kill came after the switch); the next build succeeds. Two builds
started at once into one output folder end with one complete build, never a mix.

These run build.py in subprocesses (a kill must hit a real process); everything else is in-process.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from tests.conftest import ROOT, make_site, release

NOW = "2025-06-01T12:00"
A, B = "https://a.example.org/presse/", "https://b.example.org/"  # every page differs between the two
TOPICS = ["Ausbildung", "Konjunktur", "Außenwirtschaft", "Digitalisierung", "Energie"]
Tree = dict[str, str]


def generated_site(root: Path, count: int) -> Path:
    files = {}
    for i in range(count):
        year = 2000 + i % 25
        files[f"releases/{year}/{i:04d}.md"] = release(
            f"Mitteilung {i}: Ergebnisse aus der Region", f"{year}-{1 + i % 12:02d}-{1 + i % 28:02d}",
            f"Erster Absatz der Mitteilung {i}.\n\nZweiter Absatz mit **Betonung** und einem "
            f"[Verweis](https://example.org/{i}).", topics=f"[{TOPICS[i % 5]}, {TOPICS[(i + 2) % 5]}]")
    return make_site(root, files)


def command(content: Path, output: Path, base_url: str) -> list[str]:
    return [sys.executable, str(ROOT / "build.py"), "build", "--quiet", "--content", str(content),
            "--output", str(output), "--now", NOW, "--base-url", base_url, "--jobs", "2"]


def build(content: Path, output: Path, base_url: str) -> None:
    done = subprocess.run(command(content, output, base_url), capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr


def tree(folder: Path) -> Tree:
    """Every file under folder, by relative path -> sha1 of its bytes."""
    return {p.relative_to(folder).as_posix(): hashlib.sha1(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def staged_files(output: Path) -> int:
    return sum(len(files) for folder in output.parent.glob(f".{output.name}.new-*")
               for _, _, files in os.walk(folder))


def output_touched(output: Path, before: int) -> bool:
    """True once 404.html in the output is another file than it was (written or swapped)."""
    try:
        return (output / "404.html").stat().st_ino != before
    except OSError:
        return True


def killed_build(content: Path, output: Path, base_url: str, moment: Callable[[float], bool]) -> bool:
    """Start a build and SIGKILL it as soon as `moment(seconds since start)` is true; False if it finished."""
    process = subprocess.Popen(command(content, output, base_url), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    started = time.monotonic()
    try:
        while process.poll() is None:
            if moment(time.monotonic() - started):
                process.send_signal(signal.SIGKILL)
                process.wait()
                return True
            time.sleep(0.002)
        return False
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


MOMENTS: dict[str, Callable[[Path], Callable[[float], bool]]] = {
    "while rendering into staging": lambda out: lambda _s: staged_files(out) > 50,
    "with staging half full": lambda out: lambda _s: staged_files(out) > 3000,
    "as the output changes": lambda out: (lambda ino: lambda _s: output_touched(out, ino))(
        (out / "404.html").stat().st_ino),
}


def test_killed_builds_leave_the_previous_output_or_the_new_one_whole(tmp_path: Path) -> None:
    """One test (a single worker builds the big site once): A, then B, then kills at each moment, each
    build starting from what the killed one left, then a build that runs to the end."""
    content, output = generated_site(tmp_path, 2000), tmp_path / "public"
    build(content, output, A)
    trees = {A: tree(output)}
    build(content, output, B)
    trees[B] = tree(output)
    assert len(trees[A]) > 8000 and set(trees[A]) == set(trees[B])
    assert all(trees[A][path] != trees[B][path] for path in trees[A] if path.endswith(".html"))
    current = B
    for moment, when in MOMENTS.items():
        target = A if current == B else B
        assert killed_build(content, output, target, when(output)), f"the build ended before the kill {moment}"
        after = tree(output)
        assert after in (trees[A], trees[B]), (
            f"killed {moment}: a mix, {sum(after.get(p) == trees[A].get(p) for p in after)} files of A, "
            f"{sum(after.get(p) == trees[B].get(p) for p in after)} of B, of {len(after)}")
        current = A if after == trees[A] else B
    target = A if current == B else B
    build(content, output, target)  # the next build succeeds, with the output of a clean build
    final = tree(output)
    wrong = sorted(path for path in trees[target] if final.get(path) != trees[target][path])
    assert not wrong, f"{len(wrong)} files differ from a clean build, e.g. {wrong[:3]}"
    assert not list(output.parent.glob(f".{output.name}.new-*"))


def test_two_builds_at_once_end_with_one_complete_build(tmp_path: Path) -> None:
    content = generated_site(tmp_path, 200)
    alone = {}
    for name, base_url in (("a", A), ("b", B)):
        build(content, tmp_path / name, base_url)
        alone[name] = tree(tmp_path / name)
    output = tmp_path / "public"
    for _round in range(2):  # into a new output folder, then into an existing one
        processes = [subprocess.Popen(command(content, output, base_url), stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE, text=True) for base_url in (A, B)]
        results = [process.communicate(timeout=600) for process in processes]
        assert [p.returncode for p in processes] == [0, 0], results
        assert tree(output) in (alone["a"], alone["b"])
