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

import pytest

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


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Tree, Tree]:
    """A 2,000-release site, its output built for base URL A and then (incrementally) for B."""
    root = tmp_path_factory.mktemp("big")
    content, output = generated_site(root, 2000), root / "public"
    build(content, output, A)
    tree_a = tree(output)
    build(content, output, B)
    tree_b = tree(output)
    assert len(tree_a) > 8000 and set(tree_a) == set(tree_b)
    assert all(tree_a[path] != tree_b[path] for path in tree_a if path.endswith(".html") and "media" not in path)
    return content, output, tree_a, tree_b


MOMENTS: dict[str, Callable[[Path], Callable[[float], bool]]] = {
    "while-rendering-into-staging": lambda out: lambda _s: staged_files(out) > 50,
    "while-staging-is-half-full": lambda out: lambda _s: staged_files(out) > 3000,
    "as-the-output-changes": lambda out: (lambda ino: lambda _s: output_touched(out, ino))(
        (out / "404.html").stat().st_ino),
}


@pytest.mark.parametrize("moment", list(MOMENTS))
def test_killed_build_leaves_the_previous_output_or_the_new_one_whole(
        big: tuple[Path, Path, Tree, Tree], moment: str) -> None:
    content, output, tree_a, tree_b = big
    now = tree(output)
    assert now in (tree_a, tree_b)
    previous, target, goal = (tree_a, B, tree_b) if now == tree_a else (tree_b, A, tree_a)
    assert killed_build(content, output, target, MOMENTS[moment](output)), "the build ended before the kill"
    after = tree(output)
    assert after == previous or after == goal, (
        f"a mix: {sum(after.get(p) == previous.get(p) for p in after)} files old, "
        f"{sum(after.get(p) == goal.get(p) for p in after)} new, of {len(after)}")
    build(content, output, target)  # the next build succeeds, with the same output as a clean build
    final = tree(output)
    wrong = sorted(path for path in goal if final.get(path) != goal[path])
    assert not wrong, (f"{len(wrong)} files differ from a clean build ({sum(final.get(p) == previous.get(p) for p in wrong)}"
                       f" as before the kill), e.g. {wrong[:3]}")
    assert not list(output.parent.glob(f".{output.name}.new-*"))


def test_two_builds_at_once_end_with_one_complete_build(tmp_path: Path) -> None:
    content = generated_site(tmp_path, 300)
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
