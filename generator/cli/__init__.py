"""Command line: build | check | serve | new. Prints problems one a line and one summary line;
exit status 0 (success), 1 (problems in the content), 2 (wrong use of the command line)."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from ..errors import BuildFailed, OptionError
from ..model.schedule import Outlook, outlook
from ..model.warnings import local_moment
from ..output.schedule import check_schedule_path, write_schedule
from ..output.writer import UnsafeOutput
from ..pipeline import BuildResult, build, render_site, theme_dirs
from ..source.schema import parse_moment
from .arguments import UsageError, options_from, parse_arguments
from .console import Console, plural

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    try:
        args = parse_arguments(sys.argv[1:] if argv is None else argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    console = Console(sys.stdout, sys.stderr, quiet=args.quiet, verbose=args.verbose,
                      github=getattr(args, "format", "text") == "github")
    try:
        return _run(args, console)
    except (UsageError, UnsafeOutput, OptionError) as exc:
        print(f"build.py: error: {exc}", file=sys.stderr)
        return 2
    except BuildFailed as failed:
        console.problems(failed.errors)
        return 1
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
        return 130


def _run(args: argparse.Namespace, console: Console) -> int:
    _check_folders(args)
    if args.command == "new":
        return _new(args, console)
    options = options_from(args)
    if args.command == "build":
        _check_unpublished_output(args, options.output_dir)
    if args.command == "serve":
        from ..devserver.server import serve
        return serve(options, port=args.port, quiet=args.quiet, verbose=args.verbose)
    if args.schedule:
        check_schedule_path(args.schedule, options.output_dir,
                            [options.content_dir, *theme_dirs(options, "templates"), *theme_dirs(options, "static")])
    if args.command == "check":
        return _check(args, console)
    with console.progress() as progress:
        result = build(options, progress)
    if args.schedule:
        write_schedule(args.schedule, result.outlook)
    for line in withheld_lines(result.outlook):
        console.detail(line)
    console.say(build_summary(str(options.output_dir), result))
    return 0


def _check_unpublished_output(args: argparse.Namespace, output: Path) -> None:
    """A preview, or a build with a --now to come, shows what is not public yet: never in public/, the
    folder that gets published, whether by default or named (`--output public`, `./public/`, a link)."""
    into_public = args.output is None or output.resolve() == Path("public").resolve()
    if into_public and args.preview:
        raise UsageError("--preview needs an --output folder of its own, e.g. --output preview/: it shows drafts "
                         "and embargoed releases, and public/ is the folder that gets published")
    if into_public and args.now and _in_the_future(args.now):
        raise UsageError("--now in the future publishes what is embargoed until then; build into an --output of "
                         "its own (e.g. --output preview/), or see what it would publish with check --now … "
                         "--schedule FILE")


def _in_the_future(now_text: str) -> bool:
    """Whether --now is later than the clock, read as early as it may be meant (a time without an offset
    is read in the site's zone, which is at most 14 hours ahead of UTC)."""
    return parse_moment(now_text, timezone(timedelta(hours=14))).value > datetime.now(UTC) + timedelta(minutes=1)


def _check_folders(args: argparse.Namespace) -> None:
    """The folders the command line names exist: a typo is a usage error, not an empty site or a theme
    built without its overrides."""
    if not args.content.is_dir():
        raise UsageError(f"--content {args.content} is not a folder; run build.py in the project folder (the one "
                         "with content/), or pass --content DIR")
    for flag in ("--templates", "--static"):
        folder = getattr(args, flag[2:], None)
        if folder is not None and not folder.is_dir():
            raise UsageError(f"{flag} {folder} is not a folder; give the folder that holds the theme's "
                             f"{flag[2:]} files to override, or leave {flag} out")


def _new(args: argparse.Namespace, console: Console) -> int:
    from ..authoring import AuthoringError, ReleaseExists, create_release
    try:
        path = create_release(args.content, args.title, args.topic, args.lang, args.embargo)
    except ReleaseExists as exc:
        print(f"build.py: error: {exc}", file=console.err)
        return 1
    except AuthoringError as exc:
        raise UsageError(str(exc)) from None
    print(path.as_posix(), file=console.out)  # the path alone, even with --quiet: `$EDITOR "$(build.py new …)"`
    return 0


def _check(args: argparse.Namespace, console: Console) -> int:
    from .review import review_content
    options = options_from(args)
    with console.progress() as progress:
        view = outlook(render_site(options, progress).site)
        progress("looking for warnings")
        warnings = review_content(options)
    if args.schedule:
        write_schedule(args.schedule, view)
    if args.strict and warnings:
        console.problems(warnings)
        return 1
    console.problems([], warnings)
    for line in withheld_lines(view):
        console.detail(line)
    found = f"no errors, {plural(len(warnings), 'warning')}" if warnings else "no problems"
    console.say(f"Checked {options.content_dir}/: {found}; {describe_site(view)}.")
    return 0


def describe_site(view: Outlook) -> str:
    """`12 releases published, 2 withheld (next publication 2030-01-15 10:00 CET)`; for a --preview
    build `12 releases published and 2 more shown only in this preview`."""
    if view.previewed:
        return f"{plural(view.published, 'release')} published and {view.previewed} more shown only in this preview"
    text = f"{plural(view.published, 'release')} published, {len(view.withheld)} withheld"
    upcoming = sorted(w.publish_at for w in view.withheld if w.publish_at)
    if upcoming:
        text += f" (next publication {local_moment(upcoming[0], view.zone)})"
    change = view.next_change
    if change and change.reason == "news-sitemap":  # sooner than any publication
        text += f"; the news sitemap changes {local_moment(change.at, view.zone)}"
    return text


def build_summary(output: str, result: BuildResult) -> str:
    """The one line a build ends with."""
    return (f"Built {output.rstrip('/')}/: {plural(result.pages_written, 'page')} "
            f"({plural(result.files_written, 'file')}) written, {describe_site(result.outlook)}, "
            f"in {result.seconds:.2f} s.")


def withheld_lines(view: Outlook) -> list[str]:
    """For --verbose: each release that is not public, and why."""
    lines = []
    for withheld in view.withheld:
        when = f" until {local_moment(withheld.publish_at, view.zone)}" if withheld.publish_at else ""
        lines.append(f"withheld ({withheld.reason}{when}): {withheld.source}")
    return lines
