"""A mutation fuzzer for the front-matter splitter, the release parser and the YAML settings readers.

    .venv/bin/python -m tests.fuzz.fuzz_release --minutes 10 [--seed N]

Starts from every release in content/ and tests/fixtures/, mutates them (characters, YAML and
Markdown tokens, whole lines, splices), and feeds each input to parse_release, parse_contacts,
parse_topics and read_site_config. Anything but a result or SourceErrors is a crash, so is an error
message that spans lines, and so is an input that takes longer than --slow seconds. Each new crash is
written to tests/fuzz/crashes/ (its input, and the traceback beside it); fixed ones belong in
tests/fuzz/regressions/, which tests/unit/test_fuzz_regressions.py replays on every test run.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from generator.errors import SourceError
from generator.model.urls import SLUG_PATTERN, alias_output_path
from generator.source.contacts import parse_contacts
from generator.source.reader import SourceFile
from generator.source.release import ReleaseContext, parse_release
from generator.source.siteconfig import read_site_config
from generator.source.topics import parse_topics
from tests.conftest import CONTACTS_YAML, ROOT, SITE_YAML

HERE = Path(__file__).resolve().parent
TOKENS = [
    "---", "\n", ":", ": ", "- ", "[", "]", "{", "}", ",", '"', "'", "&a ", "*a", "!!", "!!python/object:os.system",
    "!!binary ", "!!set ", "!local ", "? ", "|", "|-\n  ", ">", "#", "\t", "\ufeff", "\r\n", "\r", "\x00", "\x07",
    "\u2028", "\x85", "\\ud800", "\\U0001F600", "😀", "~", "null", "yes", "no", "on", "2024-02-30", "2024-07-24T10:00",
    "2024-07-24T10:00+14:59", "0001-01-01", "9999-12-31T23:59-12:00", "1e309", ".inf", "-.nan", "0x1F", "0o17",
    "<<: ", "%YAML 1.1\n", "%TAG ! tag:x,2000:\n", "...", "=", "title: ", "date: ", "embargo: ", "slug: ",
    "aliases: ", "image: ", "attachments: ", "contacts: ", "topics: ", "lang: ", "updated: ", "draft: ", "src: ",
    "alt: ", "boilerplate: ", "&", "<script>", "</script>", "](", "[x](/../../", "<!--", "```", "    ", "*", "_",
    "ä", "ß", "ẞ", "![", "[^", "*[", "[a](", "**", "> ", "- ",
    "\u0301", "\u200b", "\ud7ff", "\uffff", "/", "..", "\\", "%", "{{", "{%", "\x1b[31m",
]
Target = Callable[[str], object]


def _context() -> ReleaseContext:
    config, errors = read_site_config(SITE_YAML, "site.yaml")
    assert config is not None and not errors
    contacts, _ = parse_contacts(CONTACTS_YAML, "contacts.yaml")
    topics, _ = parse_topics((ROOT / "content/topics.yaml").read_text("utf-8"), "topics.yaml")
    media = frozenset({"media/logo.svg", "media/bild.jpg", "media/bericht.pdf"})
    return ReleaseContext(config=config, contacts=contacts, topics=topics, media=media, boilerplate_html="")


def check_release(text: str, context: ReleaseContext) -> None:
    """The oracle: a Release whose URLs stay inside the site, or one-line SourceErrors."""
    release, errors = parse_release(SourceFile("x.md", "releases/x.md", text), context)
    for error in errors:
        assert isinstance(error, SourceError) and "\n" not in str(error) and error.line >= 0, repr(error)
    if release is not None:
        assert SLUG_PATTERN.match(release.slug) and ".." not in release.path.split("/"), release.path
        for alias in release.aliases:
            target = alias_output_path(alias)
            assert target and not target.startswith("/") and ".." not in target.split("/"), alias


def check_settings(text: str) -> None:
    for parse in (parse_contacts, parse_topics):
        _, errors = parse(text, "x.yaml")
        assert all("\n" not in str(e) for e in errors)
    _, errors = read_site_config(text, "site.yaml")
    assert all("\n" not in str(e) for e in errors)


def seeds() -> list[str]:
    files = sorted((ROOT / "content").rglob("*.md")) + sorted((ROOT / "tests/fixtures").rglob("*.md"))
    found = [p.read_bytes().decode("utf-8", "replace") for p in files]
    found += [p.read_text("utf-8") for p in sorted((ROOT / "content").glob("*.yaml"))]
    return found + [p.read_bytes().decode("utf-8", "replace") for p in sorted((HERE / "regressions").glob("*"))]


def mutate(text: str, pool: list[str], rng: random.Random) -> str:
    for _ in range(rng.randint(1, 6)):
        choice = rng.random()
        at = rng.randint(0, len(text))
        if choice < 0.03:  # a long run: what makes parsers quadratic or recurse deeply
            text = text[:at] + rng.choice(TOKENS) * rng.randint(100, 6000) + text[at:]
        elif choice < 0.35:
            text = text[:at] + rng.choice(TOKENS) + text[at:]
        elif choice < 0.5:
            text = text[:at] + text[at + rng.randint(1, 8):]
        elif choice < 0.6:
            text = text[:at] + chr(rng.choice([rng.randint(0, 0x7F), rng.randint(0x80, 0x2FFF)])) + text[at:]
        elif choice < 0.8:
            lines = text.split("\n")
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            operation = rng.choice(["dup", "del", "swap", "indent", "dedent"])
            if operation == "dup":
                lines.insert(i, lines[j])
            elif operation == "del" and len(lines) > 1:
                del lines[i]
            elif operation == "swap":
                lines[i], lines[j] = lines[j], lines[i]
            elif operation == "indent":
                lines[i] = rng.choice(["  ", "    ", "\t", "- "]) + lines[i]
            else:
                lines[i] = lines[i].lstrip()
            text = "\n".join(lines)
        else:
            other = rng.choice(pool)
            cut = rng.randint(0, len(other))
            text = text[:at] + other[cut:cut + rng.randint(1, 400)] + text[at:]
    return text


def record(kind: str, text: str, detail: str, crashes: Path) -> bool:
    """Save a crash once per (kind, innermost frame); True if it is new."""
    key = hashlib.sha1(f"{kind}\n{detail.splitlines()[-1] if detail else ''}".encode()).hexdigest()[:12]
    path = crashes / f"{key}.txt"
    if path.exists():
        return False
    crashes.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    path.with_suffix(".trace").write_text(f"{kind}\n{detail}", encoding="utf-8")
    return True


def run(minutes: float, seed: int, slow: float, crashes: Path) -> int:
    rng = random.Random(seed)
    context = _context()
    pool = seeds()
    targets: list[tuple[str, Target]] = [("release", lambda t: check_release(t, context)), ("settings", check_settings)]
    deadline = time.monotonic() + minutes * 60
    runs = found = 0
    while time.monotonic() < deadline:
        text = mutate(rng.choice(pool), pool, rng)
        for name, target in targets:
            started = time.monotonic()
            try:
                target(text)
            except Exception:  # the finding itself
                found += record(name, text, traceback.format_exc(limit=-3), crashes)
            if time.monotonic() - started > slow:
                found += record(f"{name}-slow", text, f"took {time.monotonic() - started:.1f} s", crashes)
        runs += 1
        if runs % 5000 == 0:
            pool.append(text)  # keep some mutants as seeds, so mutations compound
            print(f"{runs} inputs, {found} new crashes", flush=True)
    print(f"done: {runs} inputs in {minutes} min, {found} new crashes (in {crashes})")
    return 1 if found else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--slow", type=float, default=2.0, help="seconds after which one input counts as a hang")
    parser.add_argument("--crashes", type=Path, default=HERE / "crashes")
    args = parser.parse_args()
    print(f"seed {args.seed}", flush=True)
    return run(args.minutes, args.seed, args.slow, args.crashes)


if __name__ == "__main__":
    raise SystemExit(main())
