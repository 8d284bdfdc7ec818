"""Shared test helpers: make_site() writes a small site into tmp_path; run_cli() runs build.py
in-process; --update-golden rewrites the golden files. The property tests (hypothesis) try the same
examples on every run, so neither the suite nor CI can fail by chance; `HYPOTHESIS_PROFILE=explore`
looks for new ones (keep what it finds as an @example)."""

from __future__ import annotations

import contextlib
import io
import os
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent

settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

SITE_YAML = """\
title: "Presse – Testkammer"
base_url: "https://presse.example.org/"
language: de
timezone: Europe/Berlin
description: "Pressemitteilungen der Testkammer"
organization: {name: "Testkammer", url: "https://www.example.org/", logo: media/logo.svg}
boilerplate: "Die Testkammer vertritt 1.000 Unternehmen."
default_contacts: [presse]
per_page: 2
feed_items: 3
"""

CONTACTS_YAML = """\
presse:
  name: "Dr. Erika Beispiel"
  role: "Kommunikation"
  organization: "Testkammer"
  address: {street: "Musterstraße 1", postal_code: "74072", city: "Heilbronn", country: DE}
  phone: "+49 7131 555-0100"
  email: "presse@example.org"
  links: {Social Media: "https://social.example.org/@testkammer"}
"""

LOGO_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><title>Logo</title>'
            '<rect width="10" height="10"/></svg>\n')


def png(width: int, height: int) -> bytes:
    """The head of a PNG file: enough for a reader of its size (and for a raster logo or picture)."""
    return (b"\x89PNG\r\n\x1a\n" + (13).to_bytes(4, "big") + b"IHDR" + width.to_bytes(4, "big")
            + height.to_bytes(4, "big") + b"\x08\x02\x00\x00\x00" + b"\x00" * 4)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden from the current output")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def release(title: str = "Eine Mitteilung", date: str = "2024-03-01", body: str = "Erster Absatz.",
            **keys: object) -> str:
    """The text of a release file with the given front matter keys."""
    lines = ["---", f'title: "{title}"', f"date: {date}"]
    for key, value in keys.items():
        lines.append(f"{key}: {value}")
    lines += ["---", body, ""]
    return "\n".join(lines)


def make_site(root: Path, files: dict[str, str | bytes], defaults: bool = True) -> Path:
    """Write a site under root/content; with defaults, site.yaml, contacts.yaml and a logo too."""
    content = root / "content"
    all_files: dict[str, str | bytes] = {}
    if defaults:
        all_files.update({"site.yaml": SITE_YAML, "contacts.yaml": CONTACTS_YAML, "media/logo.svg": LOGO_SVG})
    all_files.update(files)
    for name, text in all_files.items():
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text) if text.startswith("\n") else text, encoding="utf-8")
    return content


@dataclass
class CliRun:
    status: int
    out: str
    err: str

    @property
    def error_lines(self) -> list[str]:
        return self.err.splitlines()


def run_cli(*args: str | Path, cwd: Path | None = None) -> CliRun:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        with contextlib.chdir(cwd) if cwd else contextlib.nullcontext():
            status = main([str(a) for a in args])
    return CliRun(status, out.getvalue(), err.getvalue())


def tree_bytes(folder: Path) -> dict[str, bytes]:
    """Every file under folder, by relative path."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def fake_pagefind(monkeypatch: pytest.MonkeyPatch, folder: Path, script: str) -> None:
    """Builds run `script` (sh, without the #! line) as the Pagefind program."""
    program = folder / "fake-pagefind"
    program.write_text(f"#!/bin/sh\n{script}", encoding="utf-8")
    program.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(program))
