"""The reference tables: `authorities` (from the source registry) and `exemptions` (the statute table)."""
from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping

import sqlite_utils


def save_authorities(conn: sqlite_utils.Database, sources: Iterable[Mapping]) -> None:
    """Upsert one row per registry entry, keyed by slug; unfamiliar keys become new columns."""
    rows = [dataclasses.asdict(s) if dataclasses.is_dataclass(s) else dict(s) for s in sources]
    conn["authorities"].upsert_all(rows, pk="slug", alter=True)


def save_statutes(conn: sqlite_utils.Database, statutes: Iterable[Mapping]) -> None:
    """Upsert the statute table (parsers.statutes.STATUTES), keyed by (act, section)."""
    conn["exemptions"].upsert_all([dict(s) for s in statutes], pk=("act", "section"), alter=True)
