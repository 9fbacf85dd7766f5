"""A response's history: earlier versions kept when a new body replaces one, and removal marked, never deleted.

Both act on rows the crawl already knows, so the crawl loop needs no more than one call for each.
"""
from __future__ import annotations

# The fields a reader compares between versions; parser bookkeeping (evidence, confidence) is not history.
VERSION_COLUMNS = ("authority", "url", "first_seen", "last_seen", "content_hash", "reference", "title", "published",
                   "request_text", "ncnd", "outcome", "exemptions", "response_date", "body")
KEEP_EARLIER_VERSION = (
    f"INSERT INTO disclosure_versions (disclosure_id, superseded_at, {', '.join(VERSION_COLUMNS)}) "
    f"SELECT id, ?, {', '.join(VERSION_COLUMNS)} FROM disclosures WHERE id = ? AND body IS NOT ?"
)


def keep_earlier_version(sql, row_id: str, new_body: str | None, superseded_at: str) -> bool:
    """Copy the saved row to disclosure_versions when the response's text is about to change; call it inside
    the transaction that saves the new version. A re-read with the same text (a parser change) keeps nothing."""
    return sql.execute(KEEP_EARLIER_VERSION, [superseded_at, row_id, new_body]).rowcount > 0


def mark_removed(conn, authority: str, url: str, seen_gone_at: str) -> bool:
    """Record that a known response's page is gone (HTTP 404/410): the row stays, with `removed_at` set the
    first time it is seen gone. Returns whether a row was marked."""
    from db.disclosures import disclosure_id

    with conn.atomic():
        cursor = conn.execute("UPDATE disclosures SET removed_at = ? WHERE id = ? AND removed_at IS NULL",
                              [seen_gone_at, disclosure_id(authority, url)])
    return cursor.rowcount > 0
