"""The published copy: a consistent snapshot of the crawl's database that readers use instead of the live file.

The copy is made with VACUUM INTO (one read transaction, so it holds exactly what was committed when it began,
never half a night) into a temporary file beside the destination, then renamed over it: a reader opening the
published path gets the old copy or the new one, never a file being written.
"""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

SQLITE_HEADER = b"SQLite format 3\x00"


class NotADatabase(ValueError):
    """The path is missing or is not an SQLite database; the message says which."""


def check_sqlite_file(path: str | Path) -> None:
    """Raise NotADatabase unless `path` is an existing SQLite database file (checked by its header, so nothing
    is created or changed)."""
    path = Path(path)
    if not path.is_file():
        raise NotADatabase(f"{path}: no such database file")
    with path.open("rb") as f:
        if f.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise NotADatabase(f"{path}: not an SQLite database")


def in_wal_mode(path: str | Path) -> bool:
    """Whether the database is in WAL mode (header bytes 18-19 are 2): a live file that a crawl may be writing,
    where the published copy is a plain rollback-journal file."""
    with Path(path).open("rb") as f:
        header = f.read(20)
    return header[18:20] == b"\x02\x02"


def publish_copy(db_path: str | Path, published_path: str | Path) -> Path:
    """Snapshot `db_path` to `published_path` and swap it in atomically; returns the published path."""
    check_sqlite_file(db_path)
    published = Path(published_path)
    published.parent.mkdir(parents=True, exist_ok=True)
    _remove_abandoned_copies(published)
    partial = published.with_name(f".{published.name}.{os.getpid()}.partial")
    partial.unlink(missing_ok=True)
    try:
        source = sqlite3.connect(db_path)
        try:
            source.execute("VACUUM INTO ?", [str(partial)])
        finally:
            source.close()
        # The copy is read-only from now on: a plain rollback-journal file, so nothing needs a -wal beside it.
        copy = sqlite3.connect(partial)
        try:
            copy.execute("PRAGMA journal_mode=DELETE")
        finally:
            copy.close()
        with partial.open("rb") as f:
            os.fsync(f.fileno())
        os.replace(partial, published)
    finally:
        partial.unlink(missing_ok=True)
    directory = os.open(published.parent, os.O_RDONLY)
    try:
        os.fsync(directory)  # the rename itself survives a power cut
    finally:
        os.close(directory)
    return published


def _remove_abandoned_copies(published: Path) -> None:
    """Delete partial copies left by a publish that was killed (its process is gone); one still being written
    by a live process is left alone."""
    for partial in published.parent.glob(f".{published.name}.*.partial"):
        pid = partial.name.removeprefix(f".{published.name}.").removesuffix(".partial")
        if pid.isdigit() and not _process_exists(int(pid)):
            partial.unlink(missing_ok=True)


def _process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True
