"""Command line: build | check | serve | new. Prints problems one a line; exit 0, 1 (content), 2 (usage)."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import UTC
from pathlib import Path

from . import __version__
from .config import BuildOptions
from .errors import BuildFailed, SourceError
from .model.entities import Site
from .output.writer import UnsafeOutput
from .pipeline import build, check
from .source.schema import parse_moment

COMMANDS = ("build", "check", "serve", "new")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="build.py", description="Pressroom: press releases to a static site.")
    parser.add_argument("--version", action="version", version=f"Pressroom {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="{build,check,serve,new}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--content", default="content", type=Path, help="content folder (default: content)")
    common.add_argument("--quiet", "-q", action="store_true", help="print problems only")
    common.add_argument("--verbose", "-v", action="store_true", help="print more detail")
    site = argparse.ArgumentParser(add_help=False)
    site.add_argument("--base-url", help="overrides base_url (also: SITE_BASE_URL)")
    site.add_argument("--now", help="the build's now, ISO 8601 (default: the current time)")
    site.add_argument("--preview", action="store_true", help="include drafts and embargoed releases, noindex")
    site.add_argument("--templates", type=Path, help="folder of templates that override the theme's")
    site.add_argument("--static", type=Path, help="folder of static files that override the theme's")
    run = commands.add_parser("build", parents=[common, site], help="build the site (the default)")
    run.add_argument("--output", default="public", type=Path, help="output folder (default: public)")
    run.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes")
    commands.add_parser("check", parents=[common, site], help="validate only; write nothing")
    serve = commands.add_parser("serve", parents=[common, site], help="serve on 127.0.0.1, rebuild on change")
    serve.add_argument("--port", type=int, default=None, help="port (default: the first free from 8000)")
    new = commands.add_parser("new", parents=[common], help="create a new release file")
    new.add_argument("title")
    new.add_argument("--topic", action="append", default=[], help="a topic (repeatable)")
    new.add_argument("--lang", help="language of the release (default: the site's)")
    new.add_argument("--embargo", help="embargo moment, ISO 8601")
    return parser


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    if not argv or argv[0] not in COMMANDS and argv[0] not in ("-h", "--help", "--version"):
        argv = ["build", *argv]
    return _parser().parse_args(argv)


def options_from(args: argparse.Namespace) -> BuildOptions:
    if getattr(args, "now", None):
        try:
            parse_moment(args.now, UTC)
        except ValueError as exc:
            raise UsageError(f"--now: {exc.args[0]} — {exc.args[1]}") from None
    jobs = getattr(args, "jobs", 1)
    if jobs < 1:
        raise UsageError("--jobs must be at least 1")
    return BuildOptions(
        content_dir=args.content, output_dir=getattr(args, "output", Path("public")),
        base_url=getattr(args, "base_url", None), now_text=getattr(args, "now", None),
        preview=getattr(args, "preview", False), templates_dir=getattr(args, "templates", None),
        static_dir=getattr(args, "static", None), jobs=jobs,
    )


class UsageError(Exception):
    pass


def print_errors(errors: list[SourceError]) -> None:
    for error in errors:
        print(error, file=sys.stderr)
    print(f"{len(errors)} error{'s' if len(errors) != 1 else ''}", file=sys.stderr)


def describe_site(site: Site) -> str:
    published = len(site.releases)
    withheld = len(site.withheld)
    text = f"{published} release{'s' if published != 1 else ''} published, {withheld} withheld"
    upcoming = sorted(w.publish_at for w in site.withheld if w.publish_at)
    if upcoming:
        text += f" (next publication: {upcoming[0].astimezone(site.config.zone).isoformat()})"
    return text


def main(argv: list[str] | None = None) -> int:
    try:
        args = parse_arguments(sys.argv[1:] if argv is None else argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    try:
        return _run(args)
    except UsageError as exc:
        print(f"build.py: error: {exc}", file=sys.stderr)
        return 2
    except BuildFailed as failed:
        print_errors(failed.errors)
        return 1
    except UnsafeOutput as exc:
        print(f"build.py: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
        return 130


def _run(args: argparse.Namespace) -> int:
    if args.command == "new":
        from .authoring import create_release
        return create_release(args)
    options = options_from(args)
    if args.command == "serve":
        from .devserver.server import serve
        return serve(options, port=args.port, quiet=args.quiet)
    if args.command == "check":
        site = check(options)
        if not args.quiet:
            print(f"No problems found: {describe_site(site)}.")
        return 0
    result = build(options)
    if not args.quiet:
        print(f"Built {options.output_dir}/: {result.files_written} files, {describe_site(result.site)}, "
              f"in {result.seconds:.2f} s.")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
