"""Saving parsed responses: one `disclosures` row plus its `exemption_citations` and `attachments` rows.

Writes use plain prepared SQL (no per-row schema introspection) so bulk reparses of 100k responses stay fast.
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Mapping
from itertools import islice

import sqlite_utils

from db.history import keep_earlier_version

DISCLOSURE_COLUMNS = (
    "id", "authority", "reference", "title", "url", "published", "year", "request_text", "body", "ncnd",
    "outcome", "exemptions", "response_date", "request_date", "source_format", "problems",
    "first_seen", "last_seen", "content_hash", "wdtk_state",
    "evidence", "confidence", "needs_review", "review_reasons", "removed_at",
)
# On a changed response everything is rewritten except when we first saw it.
UPSERT_DISCLOSURE = (
    f"INSERT INTO disclosures ({', '.join(DISCLOSURE_COLUMNS)}) "
    f"VALUES ({', '.join(':' + c for c in DISCLOSURE_COLUMNS)}) "
    "ON CONFLICT(id) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in DISCLOSURE_COLUMNS if c not in ("id", "first_seen"))
)
INSERT_CITATION = (
    "INSERT INTO exemption_citations (disclosure_id, authority, year, act, section, subsection, ncnd, label) "
    "VALUES (:disclosure_id, :authority, :year, :act, :section, :subsection, :ncnd, :label)"
)
INSERT_ATTACHMENT = (
    "INSERT INTO attachments (disclosure_id, url, name, type, size, text, note) "
    "VALUES (:disclosure_id, :url, :name, :type, :size, :text, :note)"
)


def disclosure_id(authority: str, url: str) -> str:
    """The response's id: stable across runs and reparses because it depends only on where it was found."""
    return hashlib.sha1(f"{authority}\n{url}".encode()).hexdigest()[:16]


def content_hash(record: Mapping, published: str | None) -> str:
    """Fingerprint of everything parsed, so a reparse with an improved parser counts as an update."""
    canonical = json.dumps({"published": published, "record": record}, sort_keys=True, default=str)
    return hashlib.sha1(canonical.encode()).hexdigest()


def citation_label(citation: Mapping) -> str:
    return f"{citation['act']} s{citation['section']}{citation.get('subsection') or ''}"


def year_of(*dates: str | None) -> int | None:
    """Year of the first ISO date given, for grouping; None when none is known."""
    for date in dates:
        if date and date[:4].isdigit():
            return int(date[:4])
    return None


def save_disclosure(conn: sqlite_utils.Database, authority: str, url: str, record: Mapping, fetched_at: str,
                    published: str | None = None) -> str:
    """Save one freshly fetched response in its own transaction; returns "new", "updated" or "unchanged".

    When the response's text changed, the earlier version is kept in disclosure_versions; a response seen again
    is no longer removed."""
    with conn.atomic():
        return _save(conn, authority, url, record, fetched_at, published, keep_versions=True)


def save_disclosures(conn: sqlite_utils.Database, items: Iterable[Mapping], batch_size: int = 1000) -> Counter:
    """Save many responses, one transaction per batch; each item has the keyword arguments of save_disclosure.

    Returns how many were new, updated and unchanged. This is the reparse path: the documents are the ones
    already saved, re-read, so a changed text here is the parser's doing and keeps no earlier version.
    """
    statuses: Counter = Counter()
    items = iter(items)
    while batch := list(islice(items, batch_size)):
        with conn.atomic():
            statuses.update(_save(conn, **item) for item in batch)
    return statuses


def known_item_urls(conn: sqlite_utils.Database, authority: str) -> set[str]:
    """URLs of every response already saved for this authority, so a crawl can fetch only new ones."""
    rows = conn.execute("SELECT url FROM disclosures WHERE authority = ?", [authority])
    return {url for (url,) in rows}


def _save(conn: sqlite_utils.Database, authority: str, url: str, record: Mapping, fetched_at: str,
          published: str | None = None, keep_versions: bool = False) -> str:
    """Write one response; the caller holds the transaction so a failure part-way leaves nothing behind."""
    sql = conn.conn  # the bare sqlite3 connection: statements are cached and nothing is introspected
    row_id = disclosure_id(authority, url)
    new_hash = content_hash(record, published)
    existing = sql.execute("SELECT content_hash FROM disclosures WHERE id = ?", [row_id]).fetchone()
    if existing and existing[0] == new_hash:
        sql.execute("UPDATE disclosures SET last_seen = ?, removed_at = NULL WHERE id = ?", [fetched_at, row_id])
        return "unchanged"
    if existing and keep_versions:
        keep_earlier_version(sql, row_id, record.get("body"), superseded_at=fetched_at)

    year = year_of(published, record.get("response_date"))
    citations = record.get("citations") or []
    labels = record.get("exemptions") or []
    # The parser's labels come in citation order; a citation without one still gets a row and a label.
    citation_labels = [labels[n] if n < len(labels) else citation_label(c) for n, c in enumerate(citations)]
    sql.execute(UPSERT_DISCLOSURE, {
        "id": row_id, "authority": authority, "url": url, "published": published, "year": year,
        "reference": record.get("reference"), "title": record.get("title"),
        "request_text": record.get("request_text"), "body": record.get("body"),
        "ncnd": int(bool(record.get("ncnd"))), "outcome": record.get("outcome"),
        "exemptions": json.dumps(labels or citation_labels), "response_date": record.get("response_date"),
        "request_date": record.get("request_date"), "source_format": record.get("source_format"),
        "problems": json.dumps(record.get("problems") or []),
        "first_seen": fetched_at, "last_seen": fetched_at, "content_hash": new_hash,
        "wdtk_state": record.get("wdtk_state"),
        "evidence": json.dumps(record.get("evidence") or {}),
        "confidence": json.dumps(record.get("confidence") or {}),
        "needs_review": int(bool(record.get("needs_review"))),
        "review_reasons": json.dumps(record.get("needs_review") or []),
        "removed_at": None,
    })
    if existing:
        sql.execute("DELETE FROM exemption_citations WHERE disclosure_id = ?", [row_id])
        sql.execute("DELETE FROM attachments WHERE disclosure_id = ?", [row_id])
    sql.executemany(INSERT_CITATION, [
        {"disclosure_id": row_id, "authority": authority, "year": year, "act": c["act"], "section": c["section"],
         "subsection": c.get("subsection"), "ncnd": int(bool(c.get("ncnd"))), "label": label}
        for c, label in zip(citations, citation_labels)
    ])
    sql.executemany(INSERT_ATTACHMENT, [
        {"disclosure_id": row_id, "url": a["url"], "name": a.get("name"), "type": a.get("type"),
         "size": a.get("size"), "text": a.get("text"), "note": a.get("note")}
        for a in record.get("attachments") or []
    ])
    return "updated" if existing else "new"
