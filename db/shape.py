"""The database's shape: tables with explicit column types, indexes, foreign keys, views and full-text search.

Everything here is idempotent so `ensure_db_shape` can run at the start of every command.
"""
from __future__ import annotations

from pathlib import Path

import sqlite_utils

from db.groups import ensure_request_groups
from db.summaries import ensure_summary_tables

# Column order here is the column order Datasette shows.
TABLES: dict[str, dict] = {
    "authorities": {
        "columns": {"slug": str, "name": str, "kind": str, "platform": str, "url": str, "url_status": str,
                    "wdtk_body": str},
        "pk": "slug",
    },
    "exemptions": {
        "columns": {"act": str, "section": str, "short_name": str, "kind": str, "ncnd_subsection": str},
        "pk": ("act", "section"),
    },
    "disclosures": {
        "columns": {
            "id": str, "authority": str, "reference": str, "title": str, "url": str, "published": str,
            "year": int, "request_text": str, "ncnd": int, "outcome": str, "exemptions": str,
            "response_date": str, "request_date": str, "source_format": str, "problems": str,
            "first_seen": str, "last_seen": str, "content_hash": str,
            # WhatDoTheyKnow responses: the request's state as published there (described_state), else null.
            "wdtk_state": str,
            # The parser's account of itself (JSON objects keyed by field): the words that decided each field,
            # how sure it is, and the fields a person should check (1 when any field is below the review line).
            "evidence": str, "confidence": str, "needs_review": int, "review_reasons": str,
            # When the response vanished from its log (HTTP 404/410 on revalidation); the row is kept, never deleted.
            "removed_at": str,
            # A person's correction (corrections.yml, `foilog correct`): 1 and why, over the parsed fields.
            "corrected": int, "correction_note": str,
            # Last, because reading any column stored after a long text walks all of its overflow pages:
            # with body in the middle, the exemptions facet took seconds on 100k rows.
            "body": str,
        },
        "pk": "id",
        "foreign_keys": [("authority", "authorities", "slug")],
    },
    "exemption_citations": {
        "columns": {
            "id": int, "disclosure_id": str, "authority": str, "year": int, "act": str, "section": str,
            "subsection": str, "ncnd": int, "label": str,
        },
        "pk": "id",
        "foreign_keys": [("disclosure_id", "disclosures", "id"), ("authority", "authorities", "slug")],
    },
    "attachments": {
        "columns": {
            "id": int, "disclosure_id": str, "url": str, "name": str, "type": str, "size": int, "text": str,
            "note": str,  # why there is no text: "scanned PDF: no text layer...", "not fetched: HTTP 404"...
        },
        "pk": "id",
        "foreign_keys": [("disclosure_id", "disclosures", "id")],
    },
    "crawl_runs": {
        "columns": {
            "id": int, "authority": str, "started": str, "ended": str, "pages_fetched": int, "new": int,
            "updated": int, "failed": int, "errors": str,
            # What source health compares night to night: items the listings showed (new or known), and why
            # the source could not be crawled at all (null when it could).
            "items_found": int, "fatal": str,
        },
        "pk": "id",
        "foreign_keys": [("authority", "authorities", "slug")],
    },
    # The earlier versions of responses that changed: the row as it was before a new body replaced it.
    "disclosure_versions": {
        "columns": {
            "id": int, "disclosure_id": str, "authority": str, "url": str, "superseded_at": str,
            "first_seen": str, "last_seen": str, "content_hash": str, "reference": str, "title": str,
            "published": str, "request_text": str, "ncnd": int, "outcome": str, "exemptions": str,
            "response_date": str, "body": str,
        },
        "pk": "id",
        "foreign_keys": [("disclosure_id", "disclosures", "id"), ("authority", "authorities", "slug")],
    },
    # Each source's state after the latest run, recomputed from crawl_runs by db.health.update_source_health.
    "source_health": {
        "columns": {
            "authority": str, "last_run": str, "last_success": str, "consecutive_failures": int,
            "items_last_run": int, "median_items_before": float, "runs": int,
        },
        "pk": "authority",
        "foreign_keys": [("authority", "authorities", "slug")],
    },
    # One row per alarm raised on a run: a source failing two nights running, or yielding nothing where it
    # used to yield items.
    "source_alerts": {
        "columns": {"id": int, "authority": str, "run_id": int, "raised": str, "kind": str, "message": str},
        "pk": "id",
        "foreign_keys": [("authority", "authorities", "slug"), ("run_id", "crawl_runs", "id")],
    },
}

# Every column a facet or a view groups by gets an index, so facets stay fast on 100k+ rows.
INDEXES: dict[str, list[list[str]]] = {
    "disclosures": [["authority"], ["year"], ["outcome"], ["ncnd"], ["published"], ["authority", "url"],
                    ["needs_review"]],
    "exemption_citations": [["disclosure_id"], ["authority"], ["year"], ["act"], ["section"], ["ncnd"],
                            ["act", "section"], ["label"]],
    "attachments": [["disclosure_id"]],
    "crawl_runs": [["authority"]],
    "disclosure_versions": [["disclosure_id"], ["authority"]],
    "source_alerts": [["authority"], ["run_id", "kind"]],
}

FTS_COLUMNS = {
    "disclosures": ["title", "request_text", "body"],
    "attachments": ["name", "text"],
}

VIEWS = {
    "exemption_use_by_authority_year": """
SELECT c.authority, c.year, c.act, c.section, e.short_name, e.kind,
       count(DISTINCT c.disclosure_id) AS responses, count(*) AS citations, sum(c.ncnd) AS ncnd_citations
FROM exemption_citations c
LEFT JOIN exemptions e ON e.act = c.act AND e.section = c.section
GROUP BY c.authority, c.year, c.act, c.section""",
    "ncnd_by_authority": """
SELECT authority, count(*) AS responses, sum(ncnd) AS ncnd_responses,
       round(100.0 * sum(ncnd) / count(*), 1) AS ncnd_percent
FROM disclosures
GROUP BY authority""",
    "outcomes_by_authority": """
SELECT authority, count(*) AS responses,
       sum(outcome = 'full') AS full, sum(outcome = 'partial') AS partial, sum(outcome = 'refused') AS refused,
       sum(outcome = 'ncnd') AS ncnd, sum(outcome = 'not_held') AS not_held,
       sum(outcome IN ('other', 'unknown')) AS other_or_unknown,
       round(100.0 * sum(outcome IN ('refused', 'ncnd')) / count(*), 1) AS refused_percent
FROM disclosures
GROUP BY authority""",
    # The same response on WhatDoTheyKnow and on the authority's own log (same reference). The WDTK rows may sit
    # under a source of their own: the two are one body when slug, WDTK body slug or name agree.
    "wdtk_links": """
SELECT own.authority, own.reference, own.id AS log_id, own.url AS log_url, wdtk.authority AS wdtk_source,
       wdtk.id AS wdtk_id, wdtk.url AS wdtk_url, wdtk.wdtk_state
FROM disclosures wdtk
JOIN authorities wa ON wa.slug = wdtk.authority
JOIN authorities oa ON oa.slug = wa.slug OR oa.wdtk_body = wa.wdtk_body OR oa.name = wa.name
JOIN disclosures own ON own.authority = oa.slug AND own.reference = wdtk.reference AND own.wdtk_state IS NULL
WHERE wdtk.wdtk_state IS NOT NULL AND wdtk.reference IS NOT NULL""",
    # Round-robin requests (db/groups.py): each group's members side by side, with what each authority decided.
    "same_request": """
SELECT g.group_id, lead.title AS request, g.authorities, coalesce(a.name, d.authority) AS authority, d.published, d.reference, d.outcome, d.ncnd, d.exemptions,
       g.similarity, d.id AS disclosure_id
FROM request_groups g
JOIN disclosures d ON d.id = g.disclosure_id
JOIN disclosures lead ON lead.id = g.group_id
LEFT JOIN authorities a ON a.slug = d.authority""",
    # Every response as an Atom entry (the columns datasette-atom reads); the feeds are canned queries on it.
    "feed_entries": """
SELECT d.id AS atom_id,
       coalesce(a.name, d.authority) || ': ' || coalesce(d.title, d.reference, d.url) AS atom_title,
       coalesce(d.published, substr(d.first_seen, 1, 10)) || 'T00:00:00+00:00' AS atom_updated,
       d.url AS atom_link, coalesce(a.name, d.authority) AS atom_author_name,
       'Outcome: ' || coalesce(d.outcome, 'unknown') || '. Exemptions: '
         || coalesce(nullif((SELECT group_concat(value, ', ') FROM json_each(d.exemptions)), ''), 'none')
         || '. Request: ' || coalesce(d.request_text, '(not found)') AS atom_content,
       d.authority, d.published, d.outcome, d.ncnd, d.exemptions
FROM disclosures d
LEFT JOIN authorities a ON a.slug = d.authority""",
}


def open_db(path: str | Path) -> sqlite_utils.Database:
    """Open (creating if needed) the database at `path` in WAL mode, so Datasette can read while a crawl writes."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite_utils.Database(path)
    conn.enable_wal()
    # In WAL mode NORMAL loses at most the last commits on power failure, never consistency; bulk loads need it.
    conn.execute("PRAGMA synchronous=NORMAL")
    return conn


def ensure_db_shape(conn: sqlite_utils.Database) -> None:
    """Create whatever tables, indexes, foreign keys, views and FTS tables are missing; change nothing else."""
    for name, spec in TABLES.items():  # dict order puts referenced tables first
        table = conn[name]
        if not table.exists():
            table.create(spec["columns"], pk=spec["pk"], foreign_keys=spec.get("foreign_keys"))
        else:
            missing = {c: t for c, t in spec["columns"].items() if c not in table.columns_dict}
            for column, column_type in missing.items():
                table.add_column(column, column_type)
    # Only call add_foreign_keys when one is missing: it rebuilds tables and VACUUMs the whole file.
    missing_foreign_keys = [
        (name, *fk) for name, spec in TABLES.items() for fk in spec.get("foreign_keys", [])
        if fk not in {(k.column, k.other_table, k.other_column) for k in conn[name].foreign_keys}
    ]
    if missing_foreign_keys:
        conn.add_foreign_keys(missing_foreign_keys)
    for name, indexes in INDEXES.items():
        for columns in indexes:
            conn[name].create_index(columns, if_not_exists=True, find_unique_name=False)
    ensure_summary_tables(conn)
    ensure_request_groups(conn)
    for name, sql in VIEWS.items():
        conn.create_view(name, sql.strip(), replace=True)
    for name, columns in FTS_COLUMNS.items():
        if conn[name].detect_fts() is None:
            conn[name].enable_fts(columns, fts_version="FTS5", tokenize="porter", create_triggers=False)


def rebuild_fts(conn: sqlite_utils.Database) -> None:
    """Rebuild the full-text indexes from their tables; run after loads (there are no per-row triggers)."""
    for name in FTS_COLUMNS:
        conn[name].rebuild_fts()
