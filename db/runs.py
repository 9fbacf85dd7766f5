"""The `crawl_runs` log: one row per crawl of one authority."""
from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime, timezone

import sqlite_utils


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def start_run(conn: sqlite_utils.Database, authority: str) -> int:
    with conn.atomic():
        cursor = conn.execute("INSERT INTO crawl_runs (authority, started) VALUES (?, ?)", [authority, now_iso()])
    return cursor.lastrowid


def finish_run(conn: sqlite_utils.Database, run_id: int, pages_fetched: int = 0, new: int = 0, updated: int = 0,
               failed: int = 0, errors: list[Mapping] | None = None, items_found: int | None = None,
               fatal: str | None = None) -> None:
    """Close the run; `items_found` (items the listings showed) and `fatal` (why nothing could be crawled) are
    what db.health compares night to night."""
    with conn.atomic():
        conn.execute(
            "UPDATE crawl_runs SET ended = ?, pages_fetched = ?, new = ?, updated = ?, failed = ?, errors = ?, "
            "items_found = ?, fatal = ? WHERE id = ?",
            [now_iso(), pages_fetched, new, updated, failed, json.dumps(errors or []), items_found, fatal, run_id],
        )
