"""What the dev server serves: the last good build (a Snapshot) and the problems of the latest
attempt. Both are replaced whole under a lock, so a request sees one complete build. No I/O
except stat() of copied files for the build id."""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import SourceError
from ..model.urls import SEARCH_BUNDLE_PATH
from ..output.stamps import copy_signature


@dataclass(frozen=True)
class Snapshot:
    """One complete build: rendered files in memory, static and media files by their source."""

    files: Mapping[str, bytes]
    copies: Mapping[str, Path]
    build_id: str
    hashes: Mapping[str, tuple[bytes, bytes]] = field(default_factory=dict, repr=False)  # path -> (bytes, hash)


def make_snapshot(files: Mapping[str, bytes], copies: Mapping[str, Path], last: Snapshot | None = None) -> Snapshot:
    """A Snapshot whose id changes exactly when a served byte may have changed, the search bundle's
    aside: it catches up after the pages (background.py) and must not reload the open tab again.
    A file whose bytes are the very object `last` had is not hashed again."""
    digest = hashlib.sha256()
    known = last.hashes if last is not None else {}
    hashes = {}
    for path in sorted(files):
        if path.startswith(SEARCH_BUNDLE_PATH):
            continue
        data = files[path]
        seen = known.get(path)
        hashes[path] = seen if seen is not None and seen[0] is data else (data, hashlib.sha256(data).digest())
        digest.update(path.encode() + b"\0" + hashes[path][1])
    for path in sorted(copies):
        try:
            signature = copy_signature(copies[path])
        except OSError:
            signature = f"{copies[path]}\0gone"
        digest.update(path.encode() + b"\0" + signature.encode())
    return Snapshot(dict(files), dict(copies), digest.hexdigest()[:16], hashes)


@dataclass(frozen=True)
class Status:
    """What the browser is told: which build is current, and what is wrong with the latest attempt."""

    build_id: str
    errors: tuple[SourceError, ...] = ()
    version: int = 0  # counts every change of status, for waiters

    def to_json(self) -> str:
        errors = [{"location": f"{e.path}:{e.line}" if e.line else e.path, "message": e.message, "hint": e.hint}
                  for e in self.errors]
        return json.dumps({"build": self.build_id, "errors": errors}, ensure_ascii=False)


@dataclass
class SiteState:
    """Shared between the rebuild thread (writer) and the request threads (readers)."""

    _snapshot: Snapshot | None = None
    _status: Status = field(default_factory=lambda: Status(""))
    _closed: bool = False
    _condition: threading.Condition = field(default_factory=threading.Condition)

    @property
    def snapshot(self) -> Snapshot | None:
        return self._snapshot

    @property
    def status(self) -> Status:
        return self._status

    def succeed(self, snapshot: Snapshot) -> None:
        with self._condition:
            self._snapshot = snapshot
            self._set_status(snapshot.build_id, ())

    def swap_search(self, bundle: Mapping[str, bytes]) -> None:
        """Serve `bundle` as the search bundle of the current snapshot; the build id and status stay."""
        with self._condition:
            if self._snapshot is not None:
                files = {path: data for path, data in self._snapshot.files.items()
                         if not path.startswith(SEARCH_BUNDLE_PATH)}
                self._snapshot = replace(self._snapshot, files={**files, **bundle})

    def fail(self, errors: list[SourceError]) -> None:
        """Keep serving the last good build; tell the browser what is wrong."""
        with self._condition:
            self._set_status(self._status.build_id, tuple(errors))

    def _set_status(self, build_id: str, errors: tuple[SourceError, ...]) -> None:
        if (build_id, errors) != (self._status.build_id, self._status.errors):
            self._status = Status(build_id, errors, self._status.version + 1)
            self._condition.notify_all()

    def wait_for_change(self, version: int, timeout: float) -> Status | None:
        """The status once its version differs from `version` (or after `timeout`); None when closed."""
        with self._condition:
            self._condition.wait_for(lambda: self._closed or self._status.version != version, timeout)
            return None if self._closed else self._status

    def close(self) -> None:
        with self._condition:
            self._closed = True
            self._condition.notify_all()
