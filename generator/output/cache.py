"""The persistent build cache (.pressroom-cache/ beside the output folder), one SQLite file. Does I/O.

It holds parsed releases by key (the content hash and everything parsing depends on), and per output
folder the manifest of the last build: for each file its fingerprint (what it was rendered from),
the hash of its bytes, and its size and mtime as written, so an unchanged file is neither rendered
nor written again; the stamps of the last build's inputs and output with its Outlook, for the
shortcut of a rebuild in which nothing changed (stamps.py); and where the spare output tree (kept
here too, output/writer.py) differs from the output. The cache only ever saves work: a missing,
damaged or foreign cache means a full build, never a different output.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

CACHE_DIR = ".pressroom-cache"
SCHEMA = "3"
KEEP_BUILDS = 20  # parsed entries unused for this many builds are dropped


def digest(*parts: str | bytes) -> str:
    """A short, stable hash of the parts (length-prefixed, so parts cannot run into each other)."""
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


def cache_folder(output_dir: Path) -> Path:
    return output_dir.resolve().parent / CACHE_DIR


def spare_folder(output_dir: Path) -> Path:
    """Where the output tree that the last build swapped out is kept (output/writer.py)."""
    return cache_folder(output_dir) / f"spare-{digest(str(output_dir.resolve()))[:16]}"


def search_folder(output_dir: Path) -> Path:
    """Where the search step keeps, per language, the release pages laid out for Pagefind
    (output/mirror.py) and the index it made of them (render/search.py)."""
    return cache_folder(output_dir) / f"pagefind-{digest(str(output_dir.resolve()))[:16]}"


def legacy_search_folder(output_dir: Path) -> Path:
    """Where earlier versions laid out the pages for Pagefind, in one folder: removed when seen."""
    return cache_folder(output_dir) / f"search-{digest(str(output_dir.resolve()))[:16]}"


@dataclass(frozen=True)
class Entry:
    """One file of the output as the last build left it."""

    fingerprint: str  # what it was made from: rendered context or copied source
    digest: str  # hash of its bytes
    size: int
    mtime_ns: int


class BuildCache:
    """An open cache; use as a context manager. Two builds may share it (SQLite locks)."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        try:  # the cache holds the texts of withheld releases: no web server beside it may read it
            os.chmod(folder, 0o700)
        except OSError:  # another user's folder: left as it is
            pass
        path = folder / "cache.sqlite"
        try:
            self._db = self._open(path)
        except sqlite3.DatabaseError:  # damaged, or another schema: start afresh
            path.unlink(missing_ok=True)
            self._db = self._open(path)
        self.build_number = self._next_build_number()

    @staticmethod
    def _open(path: Path) -> sqlite3.Connection:
        db = sqlite3.connect(path, timeout=60, isolation_level=None)
        db.execute("PRAGMA synchronous=OFF")  # a cache: a torn write is detected and rebuilt
        db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT)")
        row = db.execute("SELECT value FROM meta WHERE name='schema'").fetchone()
        if row and row[0] != SCHEMA:
            db.close()
            raise sqlite3.DatabaseError("cache schema changed")
        db.executescript("""
            CREATE TABLE IF NOT EXISTS parsed (key TEXT PRIMARY KEY, value BLOB, used INTEGER);
            CREATE TABLE IF NOT EXISTS manifest (output TEXT, path TEXT, fingerprint TEXT, digest TEXT,
                                                 size INTEGER, mtime_ns INTEGER, PRIMARY KEY (output, path));
            CREATE TABLE IF NOT EXISTS outputs (output TEXT PRIMARY KEY, state TEXT, folder_id TEXT, scan TEXT);
            CREATE TABLE IF NOT EXISTS shortcut (output TEXT PRIMARY KEY, inputs TEXT, stamp TEXT, outlook BLOB);
            CREATE TABLE IF NOT EXISTS spare (output TEXT PRIMARY KEY, delta TEXT, spare_id TEXT, output_id TEXT);
        """)
        db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (SCHEMA,))
        return db

    def _next_build_number(self) -> int:
        row = self._db.execute("SELECT value FROM meta WHERE name='builds'").fetchone()
        number = int(row[0]) + 1 if row else 1
        self._db.execute("INSERT OR REPLACE INTO meta VALUES ('builds', ?)", (str(number),))
        return number

    def __enter__(self) -> BuildCache:
        return self

    def __exit__(self, *_: object) -> None:
        self._db.close()

    def parsed(self, keys: list[str]) -> dict[str, bytes]:
        """The stored values of those keys that are present; marks them as used by this build."""
        found: dict[str, bytes] = {}
        for chunk in _chunks(keys, 500):
            marks = ",".join("?" * len(chunk))
            found.update(self._db.execute(f"SELECT key, value FROM parsed WHERE key IN ({marks})", chunk))
            self._db.execute(f"UPDATE parsed SET used=? WHERE key IN ({marks})", (self.build_number, *chunk))
        return found

    def store_parsed(self, items: dict[str, bytes]) -> None:
        with self._transaction():
            self._db.executemany("INSERT OR REPLACE INTO parsed VALUES (?, ?, ?)",
                                 ((key, value, self.build_number) for key, value in items.items()))
            self._db.execute("DELETE FROM parsed WHERE used < ?", (self.build_number - KEEP_BUILDS,))

    def manifest(self, output: str, folder_id: str) -> tuple[dict[str, Entry], str] | None:
        """The last build's files in `output` and the key of the leak scan they passed, or None if
        unknown, left half-written, or made for a folder that has since been replaced."""
        row = self._db.execute("SELECT state, folder_id, scan FROM outputs WHERE output=?", (output,)).fetchone()
        if row is None or row[0] != "clean" or row[1] != folder_id:
            return None
        rows = self._db.execute("SELECT path, fingerprint, digest, size, mtime_ns FROM manifest WHERE output=?",
                                (output,))
        return {path: Entry(*values) for path, *values in rows}, row[2]

    def shortcut(self, output: str) -> tuple[str, str, bytes] | None:
        """The last build's input stamp, output stamp and pickled Outlook, if it recorded them."""
        row = self._db.execute("SELECT inputs, stamp, outlook FROM shortcut WHERE output=?", (output,)).fetchone()
        return (row[0], row[1], row[2]) if row else None

    def store_shortcut(self, output: str, inputs: str | None, stamp: str, outlook: bytes) -> None:
        """Record the stamps of a build that ended well; without an input stamp, forget the last one."""
        if inputs is None or not stamp:
            self._db.execute("DELETE FROM shortcut WHERE output=?", (output,))
        else:
            self._db.execute("INSERT OR REPLACE INTO shortcut VALUES (?, ?, ?, ?)", (output, inputs, stamp, outlook))

    def spare(self, output: str) -> tuple[list[str], str, str] | None:
        """The paths at which the spare and the output differ, and both folders' ids, as last recorded."""
        row = self._db.execute("SELECT delta, spare_id, output_id FROM spare WHERE output=?", (output,)).fetchone()
        return (json.loads(row[0]), row[1], row[2]) if row else None

    def store_spare(self, output: str, delta: list[str], spare_id: str, output_id: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO spare VALUES (?, ?, ?, ?)",
                         (output, json.dumps(delta), spare_id, output_id))

    def begin_commit(self, output: str) -> None:
        """Mark the output as being changed: if the build dies now, the next one starts from scratch."""
        self._db.execute("DELETE FROM shortcut WHERE output=?", (output,))
        self._db.execute("DELETE FROM spare WHERE output=?", (output,))
        self._db.execute("INSERT OR REPLACE INTO outputs VALUES (?, 'dirty', '', '')", (output,))

    def end_commit(self, output: str, folder_id: str, scan: str, changed: dict[str, Entry],
                   removed: Iterable[str], replace_all: bool) -> None:
        with self._transaction():
            if replace_all:
                self._db.execute("DELETE FROM manifest WHERE output=?", (output,))
            self._db.executemany("DELETE FROM manifest WHERE output=? AND path=?", ((output, p) for p in removed))
            self._db.executemany("INSERT OR REPLACE INTO manifest VALUES (?, ?, ?, ?, ?, ?)",
                                 ((output, path, e.fingerprint, e.digest, e.size, e.mtime_ns)
                                  for path, e in changed.items()))
            self._db.execute("INSERT OR REPLACE INTO outputs VALUES (?, 'clean', ?, ?)", (output, folder_id, scan))

    def _transaction(self) -> _Transaction:
        return _Transaction(self._db)


class _Transaction:
    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def __enter__(self) -> None:
        self._db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        self._db.execute("COMMIT" if kind is None else "ROLLBACK")


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]
