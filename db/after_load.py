"""What runs once a crawl, reparse or bulk load has saved its rows: a person's corrections go back over the
parsed fields, then everything derived from the rows is rebuilt (summary tables, same-request groups, FTS)."""
from __future__ import annotations

import logging

import sqlite_utils

from db.corrections import CorrectionError, apply_corrections, corrections_path_for, read_corrections
from db.groups import rebuild_request_groups
from db.shape import rebuild_fts
from db.summaries import rebuild_summaries

log = logging.getLogger(__name__)


def finish_load(conn: sqlite_utils.Database) -> None:
    """Apply corrections, then rebuild summaries, request groups and full-text indexes.

    A broken corrections file is reported (one line) and skipped: the load's rows are already saved and the
    derived tables are still rebuilt."""
    path = corrections_path_for(conn)
    if path is not None:
        try:
            apply_corrections(conn, read_corrections(path))
        except CorrectionError as exc:
            log.error("corrections not applied: %s", exc)
    rebuild_summaries(conn)
    rebuild_request_groups(conn)
    rebuild_fts(conn)
