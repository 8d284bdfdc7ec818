"""The command line's grammar: build | check | serve | new, and BuildOptions from parsed arguments. Pure."""

from __future__ import annotations

import argparse
import os
from datetime import UTC
from pathlib import Path

from .. import __version__
from ..config import BuildOptions, check_base_url
from ..source.schema import parse_moment

COMMANDS = ("build", "check", "serve", "new")


class UsageError(Exception):
    """A wrong use of the command line (exit status 2), as opposed to a problem in the content."""


def _common() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--content", default="content", type=Path, help="content folder (default: content)")
    loudness = common.add_mutually_exclusive_group()
    loudness.add_argument("--quiet", "-q", action="store_true", help="print problems only")
    loudness.add_argument("--verbose", "-v", action="store_true", help="print each stage and every withheld release")
    return common


def _site(base_url: bool = True) -> argparse.ArgumentParser:
    site = argparse.ArgumentParser(add_help=False)
    if base_url:
        site.add_argument("--base-url", help="overrides base_url (also: SITE_BASE_URL)")
    site.add_argument("--now", help="the build's now, ISO 8601 (default: the current time)")
    site.add_argument("--preview", action="store_true", help="include drafts and embargoed releases, noindex")
    site.add_argument("--templates", type=Path, help="folder of templates that override the theme's")
    site.add_argument("--static", type=Path, help="folder of static files that override the theme's")
    return site


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number; use 1 to 65535 (0: any free port)") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port number; use 1 to 65535 (0: any free port)")
    return port


def _reporting() -> argparse.ArgumentParser:
    reporting = argparse.ArgumentParser(add_help=False)
    reporting.add_argument("--format", choices=("text", "github"), default="text",
                           help="github: print problems as GitHub Actions annotations (::error file=…,line=…::…)")
    reporting.add_argument("--schedule", type=Path, metavar="FILE",
                           help="also write the schedule as JSON to FILE (outside the output folder): when the "
                                "output next changes by itself, and every withheld release with reason and time")
    return reporting


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="build.py", description="Pressroom: press releases to a static site.")
    parser.add_argument("--version", action="version", version=f"Pressroom {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="{build,check,serve,new}")
    common = _common()
    run = commands.add_parser("build", parents=[common, _site(), _reporting()], help="build the site (the default)")
    run.add_argument("--output", type=Path, help="output folder (default: public; with --preview it must be given)")
    run.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes")
    check = commands.add_parser("check", parents=[common, _site(), _reporting()],
                                help="validate only and report warnings; write nothing")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    serve = commands.add_parser("serve", parents=[common, _site(base_url=False)],
                                help="serve on 127.0.0.1, rebuild and reload on change")
    serve.add_argument("--port", type=_port, default=None, help="port (default: the first free from 8000)")
    new = commands.add_parser("new", parents=[common], help="create a new release file")
    new.add_argument("title")
    new.add_argument("--topic", action="append", default=[], help="a topic (repeatable)")
    new.add_argument("--lang", help="language of the release (default: the site's)")
    new.add_argument("--embargo", help="embargo moment, ISO 8601; also the release's date")
    return parser


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    """Parse argv; `build` is the default command. Raises SystemExit on a usage error (status 2)."""
    if not argv or argv[0] not in COMMANDS and argv[0] not in ("-h", "--help", "--version"):
        argv = ["build", *argv]
    return _parser().parse_args(argv)


def options_from(args: argparse.Namespace) -> BuildOptions:
    if getattr(args, "now", None):
        try:
            parse_moment(args.now, UTC)
        except ValueError as exc:
            raise UsageError(f"--now: {exc.args[0]} — {exc.args[1]}") from None
    for name, value in (("--base-url", getattr(args, "base_url", None)),
                        ("SITE_BASE_URL", os.environ.get("SITE_BASE_URL"))):
        problem = check_base_url(value) if value else None
        if problem:
            raise UsageError(f"{name}: {problem[0]} — {problem[1]}")
    jobs = getattr(args, "jobs", 1)
    if jobs < 1:
        raise UsageError("--jobs must be at least 1")
    output = getattr(args, "output", None)
    return BuildOptions(
        content_dir=args.content, output_dir=output or Path("public"),
        base_url=getattr(args, "base_url", None), now_text=getattr(args, "now", None),
        preview=getattr(args, "preview", False), templates_dir=getattr(args, "templates", None),
        static_dir=getattr(args, "static", None), jobs=jobs,
    )
