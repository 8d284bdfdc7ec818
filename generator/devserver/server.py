"""`serve`: build the site in memory, serve it on 127.0.0.1, rebuild on every saved change and
let the open browser tab reload itself. Bad content shows its errors in the terminal and over the
page while the last good build stays served. Nothing is written: preview output never reaches
public/."""

from __future__ import annotations

import gc
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
import traceback
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path, PurePath
from types import FrameType
from typing import TextIO

from ..config import BuildOptions
from ..errors import BuildFailed, OptionError, SourceError
from ..model.urls import SEARCH_BUNDLE_PATH
from ..output.mirror import PageFolder
from ..pipeline import index_later, render_site, theme_dirs
from ..rebuild import BuildMemory, PendingSearch
from ..render.search import PagesOnDisk, SearchStopped
from .background import BackgroundSearch
from .changes import WatchedRoots
from .httpd import HOST, PortUnavailable, bind_server
from .state import SiteState, make_snapshot
from .watcher import Batch, ChangeWatcher


def watched_roots(options: BuildOptions) -> WatchedRoots:
    def absolute(folder: Path) -> PurePath:
        return PurePath(folder.resolve())
    return WatchedRoots(content=absolute(options.content_dir),
                        templates=tuple(absolute(f) for f in theme_dirs(options, "templates")),
                        static=tuple(absolute(f) for f in theme_dirs(options, "static")))


class DevServer:
    """The running dev server. start() binds, builds and starts watching; stop() undoes it all."""

    def __init__(self, options: BuildOptions, port: int | None = None, out: TextIO | None = None,
                 err: TextIO | None = None, quiet: bool = False, verbose: bool = False,
                 delay: float = 0.05) -> None:
        self.state = SiteState()
        self._out, self._err = out or sys.stdout, err or sys.stderr
        self._quiet, self._verbose = quiet, verbose
        self._httpd = bind_server(port, self.state)
        if verbose:
            self._httpd.log = self._say
        self.url = f"http://{HOST}:{self._httpd.server_address[1]}/"
        self.options = replace(options, base_url=self.url)  # links and feeds point at this server
        self._watcher = ChangeWatcher(watched_roots(options), self._rebuild_after, delay=delay)
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,), name="pressroom-http",
                                        daemon=True)
        self.builds = 0  # attempts, for tests and the terminal
        self.last_build_seconds = 0.0
        self._building = threading.Lock()
        self._memory = BuildMemory()  # what the last build parsed and rendered: a rebuild redoes only what changed
        self._pending: PendingSearch | None = None  # the search index the served build still lacks
        self._scratch = Path(tempfile.mkdtemp(prefix="pressroom-serve-"))  # Pagefind's pages and bundle
        self._search_pages: dict[str, PageFolder] = {}  # by language
        self._search = BackgroundSearch(self._index)
        self._cancel = threading.Event()  # set on stop: a running Pagefind is killed

    def start(self) -> None:
        self.rebuild()
        try:
            self._watcher.start()
        except OSError as exc:  # e.g. the system's limit of inotify watches is reached
            print(f"build.py: warning: cannot watch for changes ({exc.strerror or exc}); the site is served "
                  "but not rebuilt — on Linux, raise fs.inotify.max_user_watches", file=self._err, flush=True)
        self._thread.start()

    def stop(self) -> None:
        self._watcher.stop()
        self._cancel.set()
        self._search.stop(wait=10)
        shutil.rmtree(self._scratch, ignore_errors=True)
        self.state.close()  # ends the event streams
        if self._thread.is_alive():
            self._httpd.shutdown()
        self._httpd.server_close()

    def rebuild(self) -> bool:
        """Build everything in memory; on success serve it, else keep the last good build."""
        with self._building:  # one build at a time, whoever asks
            collecting = gc.isenabled()
            gc.disable()  # a full collection (0.4 s at 10,000 releases) waits until the new page is served
            try:
                return self._rebuild()
            finally:
                if collecting:
                    gc.enable()

    def wait_for_search(self, timeout: float) -> bool:
        """True once the search index has caught up with the served build (False after `timeout` s)."""
        return self._search.wait_idle(timeout)

    def _rebuild(self) -> bool:
        started = time.perf_counter()
        self.builds += 1
        # The first build parses releases on worker processes; later ones do not: forking while the
        # HTTP and watcher threads run could copy a lock some thread holds into a worker.
        options = replace(self.options, jobs=(os.cpu_count() or 1) if self.builds == 1 else 1)
        try:
            rendered = render_site(options, memory=self._memory, search_later=True)
        except BuildFailed as failed:
            self._report_failure(failed.errors)
            return False
        except OptionError as exc:  # a --now the site's zone does not have: fix the command line
            self._report_failure([SourceError("build.py", 0, str(exc))])
            return False
        except Exception as exc:  # a bug must not stop the server: show it like a content error
            self._report_crash(exc, "")
            return False
        was_failing = bool(self.state.status.errors)
        self.state.succeed(make_snapshot(rendered.files, rendered.copies, self.state.snapshot))
        self._pending = rendered.pending_search
        self._search.ask(self._pending)
        seconds = self.last_build_seconds = time.perf_counter() - started
        later = "; the search index follows" if self._pending else ""
        built = sum(1 for path in rendered.files if not path.startswith(SEARCH_BUNDLE_PATH))  # the index apart
        self._say(f"{'fixed: ' if was_failing else ''}built {built} files in {seconds:.2f} s{later}")
        return True

    def _pages_folder(self, language: str) -> PageFolder:
        if language not in self._search_pages:
            self._search_pages[language] = PageFolder(self._scratch / f"pages-{language}")
        return self._search_pages[language]

    def _index(self, pending: PendingSearch) -> None:
        """Make the search index the served build lacks and serve it, unless a newer build came first."""
        started = time.perf_counter()
        pages = PagesOnDisk(lambda language, paths: self._pages_folder(language).lay_out(
                                {path: pending.files[path] for path in paths}),
                            self._scratch, self._cancel, kept=self._scratch / "index")
        try:
            search = index_later(pending, pages)
        except SearchStopped:  # Ctrl-C reached Pagefind before the server's stop: no error to show
            return
        except Exception as exc:  # BuildFailed too
            with self._building:
                # Not for a stop, a newer build, or over the errors of a newer build that failed (the next
                # good build asks for the index again).
                if pending is self._pending and not self._cancel.is_set() and not self.state.status.errors:
                    if isinstance(exc, BuildFailed):
                        self._report_failure(exc.errors)
                    else:
                        self._report_crash(exc, " in the search index")
            return
        with self._building:
            if pending is not self._pending:
                return  # a newer build asked for another index (or needs none)
            self._memory.use_search(search)
            self._pending = None
            self.state.swap_search(search.files)
        self._say(f"search index ready ({len(search.files)} files) in {time.perf_counter() - started:.2f} s")

    def _rebuild_after(self, batch: Batch) -> None:
        changed = sorted(_shown(path) for path in batch)
        more = f" and {len(changed) - 3} more" if len(changed) > 3 else ""
        self._say(f"changed: {', '.join(changed[:3])}{more}")
        self.rebuild()

    def _report_crash(self, exc: Exception, where: str) -> None:
        """A bug must not stop the server: show it like a content error."""
        if self._verbose:
            traceback.print_exception(exc, file=self._err)
        self._report_failure([SourceError("build.py", 0, f"internal error{where}: {type(exc).__name__}: {exc}",
                                          "please report this; the server keeps running")])

    def _report_failure(self, errors: list[SourceError]) -> None:
        self.state.fail(errors)
        kept = "still serving the last good build" if self.state.snapshot else "nothing to serve yet"
        lines = [str(error) for error in errors]
        lines.append(f"{len(errors)} error{'' if len(errors) == 1 else 's'}: {kept}")
        print(f"[{time.strftime('%H:%M:%S')}] " + "\n".join(lines), file=self._err, flush=True)

    def _say(self, text: str) -> None:
        if not self._quiet:
            print(f"[{time.strftime('%H:%M:%S')}] {text}", file=self._out, flush=True)


def _shown(path: str) -> str:
    try:
        return Path(path).relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path


def serve(options: BuildOptions, port: int | None = None, quiet: bool = False, verbose: bool = False) -> int:
    """Run until Ctrl-C (or SIGTERM); exit status 0, or 2 when no port is free."""
    try:
        server = DevServer(options, port, quiet=quiet, verbose=verbose)
    except PortUnavailable as exc:
        print(f"build.py: error: {exc}", file=sys.stderr)
        return 2
    # watchdog warns when it re-adds a watch for a folder created inside a new folder; it is harmless.
    warnings.filterwarnings("ignore", message="Callback with id", category=RuntimeWarning)
    with _stop_signals():
        try:
            server.start()
            mode = " (preview: drafts and embargoed releases are shown)" if options.preview else ""
            print(f"Serving {options.content_dir} at {server.url}{mode}", flush=True)
            print("Watching for changes; Ctrl-C stops.", flush=True)
            while True:  # wake now and then: Ctrl-C may be delivered to another thread, and Python
                time.sleep(0.2)  # runs its handler (raising KeyboardInterrupt) only in this one
        except KeyboardInterrupt:
            pass
        finally:
            server.stop()
    print("Stopped.", flush=True)
    return 0


def _raise_interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


@contextmanager
def _stop_signals() -> Iterator[None]:
    """Ctrl-C (SIGINT) and SIGTERM stop the server, even where SIGINT was ignored by whoever started it
    (a script starting it in the background). Signals can only be handled in the main thread."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler if handler is not None else signal.SIG_DFL)
