"""The crawl of one source (fetch -> archive -> parse -> save) and the rebuild of the database from the archive.

Guarantees: index pages are always fetched, item pages already in the database are not (unless revalidating,
then only conditionally); each response is archived before it is parsed; each item is saved in its own
transaction, so a crash leaves whole rows and the next run simply carries on; one bad page is an entry in the
run's errors, never the end of the run.
"""
from __future__ import annotations

import logging
import os
import traceback
from collections import deque
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path

import db
from scraper.archive import (ArchiveLookup, ArchiveWriter, RecordRef, archive_files, archived_validators, index_file,
                             latest_refs, read_ref)
from scraper.http import DISALLOWED, OVER_SIZE_CAP, Client, FetchResult
from scraper.items import Supporting, item_record, parse_response, published_date  # noqa: F401 (re-exported)
from scraper.platforms.base import platform_for
from scraper.registry import Source

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024  # attachments and companion files bigger than this are skipped, with a reason

log = logging.getLogger(__name__)


@dataclass
class CrawlStats:
    slug: str
    run_id: int | None = None
    index_pages: int = 0
    pages_fetched: int = 0  # HTTP responses received (index + item, any status)
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    not_modified: int = 0
    skipped_known: int = 0
    failed: int = 0
    errors: list[dict] = field(default_factory=list)
    fatal: str | None = None  # set when the source could not be crawled at all

    @property
    def items_found(self) -> int:
        """Items the listings showed this run, whether fetched or already known (what source health compares)."""
        return self.new + self.updated + self.unchanged + self.not_modified + self.skipped_known

    @property
    def failed_entirely(self) -> bool:
        return self.fatal is not None

    def error(self, url: str, message: str, counts_as_failure: bool = True) -> None:
        self.errors.append({"url": url, "error": message})
        if counts_as_failure:
            self.failed += 1


def _describe(result: FetchResult) -> str:
    return result.error or f"HTTP {result.status}"


def crawl_source(
    source: Source,
    conn,
    client: Client,
    archive_dir: str | Path,
    max_items: int | None = None,
    revalidate: bool = False,
    on_item=None,
) -> CrawlStats:
    """Crawl one source's log into `conn`; returns the run's numbers (also written to crawl_runs).

    on_item(url, status) is called after each item page, for progress displays.
    """
    stats = CrawlStats(slug=source.slug)
    stats.run_id = db.start_run(conn, source.slug)
    interrupted = None
    try:
        with ArchiveWriter(archive_dir, source.slug) as archive:
            _crawl(source, conn, client, archive, archive_dir, stats, max_items, revalidate, on_item)
    except Exception as exc:  # a bug or a broken adapter: the run is recorded, other sources still crawl
        log.exception("%s: crawl aborted", source.slug)
        stats.fatal = f"{type(exc).__name__}: {exc}"
        stats.error(source.url or source.slug, f"crawl aborted: {stats.fatal}\n{traceback.format_exc(limit=3)}")
    except BaseException as exc:  # Ctrl-C or a kill: record what was done, then let it propagate
        interrupted = exc
        stats.error(source.url or source.slug, f"interrupted: {type(exc).__name__}", counts_as_failure=False)
        raise
    finally:
        if interrupted is None and stats.index_pages == 0 and stats.fatal is None:
            stats.fatal = "no index page could be fetched"
        db.finish_run(conn, stats.run_id, pages_fetched=stats.pages_fetched, new=stats.new, updated=stats.updated,
                      failed=stats.failed, errors=stats.errors, fatal=stats.fatal,
                      items_found=None if interrupted else stats.items_found)  # a cut-short count says nothing
    return stats


def _crawl(source, conn, client, archive, archive_dir, stats, max_items, revalidate, on_item) -> None:
    adapter = platform_for(source)
    known = db.known_item_urls(conn, source.slug)
    validators = archived_validators(archive_dir, source.slug) if revalidate else {}
    queue = deque(adapter.start_urls())
    seen_indexes, seen_items = set(queue), set()
    items_done = 0

    def fetch(url: str, role: str, listing: dict | None = None, **options) -> FetchResult:
        result = client.fetch(url, delay=source.delay, **options)
        if not (result.error or "").startswith(OVER_SIZE_CAP):  # an abandoned download has no body to keep
            platform = source.platform if role == "item" else None
            archive.write(result, role=role, listing=listing, platform=platform)  # before anything reads it
        if result.received:
            stats.pages_fetched += 1
        return result

    while queue:
        index_url = queue.popleft()
        result = fetch(index_url, "index")
        if not result.ok:
            stats.error(index_url, _describe(result), counts_as_failure=result.error != DISALLOWED)
            continue
        stats.index_pages += 1
        try:
            found = adapter.discover(index_url, result.content)
        except Exception as exc:
            stats.error(index_url, f"{type(exc).__name__}: {exc}")
            continue
        for url in found.indexes:
            if url not in seen_indexes:
                seen_indexes.add(url)
                queue.append(url)
        for item_url in found.items:
            if item_url in seen_items:
                continue
            seen_items.add(item_url)
            if item_url in known and not revalidate:
                stats.skipped_known += 1
                continue
            if max_items is not None and items_done >= max_items:
                return
            items_done += 1
            conditional = validators.get(item_url, {}) if item_url in known else {}
            listing = found.listings.get(item_url)
            status = _crawl_item(source, conn, fetch(item_url, "item", listing, **conditional), listing, fetch, stats)
            if on_item:
                on_item(item_url, status)


def _supporting_fetcher(fetch):
    """fetch(url, role) -> Supporting for an item's companion documents and attachments, each fetched once."""
    fetched: dict[str, Supporting] = {}

    def get(url: str, role: str) -> Supporting:
        if url not in fetched:
            result = fetch(url, role, max_bytes=MAX_DOCUMENT_BYTES)
            fetched[url] = Supporting(result.content, result.headers, None if result.ok else _describe(result))
        return fetched[url]
    return get


def _crawl_item(source: Source, conn, result: FetchResult, listing: dict | None, fetch, stats: CrawlStats) -> str:
    """Parse and save one fetched item page; returns what happened, for progress displays."""
    if result.not_modified:
        stats.not_modified += 1
        return "not_modified"
    if not result.ok:
        stats.error(result.url, _describe(result), counts_as_failure=result.error != DISALLOWED)
        if result.status in (404, 410):  # a known response taken down keeps its row, marked removed
            db.mark_removed(conn, source.slug, result.url, result.fetched_at)
        return "failed"
    try:
        record, published = item_record(source.platform, result.url, result.content, result.headers, listing,
                                        _supporting_fetcher(fetch))
        status = db.save_disclosure(conn, authority=source.slug, url=result.url, record=record,
                                    fetched_at=result.fetched_at, published=published)
    except Exception as exc:
        stats.error(result.url, f"{type(exc).__name__}: {exc}")
        return "failed"
    setattr(stats, status, getattr(stats, status) + 1)
    return status


# -- reparse ---------------------------------------------------------------------------------------------------


_open_archive_files: dict = {}  # per worker process: WARC files stay open across the refs it is handed
_lookups: dict = {}  # per worker process: archive root -> ArchiveLookup, for attachments and companion files


def _archived_fetcher(ref: RecordRef):
    """fetch(url, role) -> Supporting answered from the item's source archive, as the crawl fetched it."""
    root = ref.path.parent.parent
    lookup = _lookups.setdefault(root, ArchiveLookup(root))

    def get(url: str, role: str) -> Supporting:
        archived = lookup.get(ref.slug, url)
        if archived is None:
            return Supporting(error="not in the archive")
        if not 200 <= archived.status < 300:
            return Supporting(error=f"HTTP {archived.status}")
        return Supporting(archived.content, archived.headers)
    return get


def _parse_archived(ref: RecordRef) -> dict:
    """Worker: one archived item -> the keyword arguments of db.save_disclosure (or an error)."""
    try:
        response = read_ref(ref, _open_archive_files)
        record, published = item_record(response.platform, response.url, response.content, response.headers,
                                        response.listing, _archived_fetcher(ref))
    except Exception as exc:
        return {"error": {"url": ref.url, "error": f"{type(exc).__name__}: {exc}"}}
    return {
        "authority": response.slug, "url": response.url, "record": record, "fetched_at": response.fetched_at,
        "published": published,
    }


def _is_item(ref: RecordRef) -> bool:
    return ref.role == "item" and 200 <= ref.status < 300


@dataclass
class ReparseStats:
    items: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    errors: list[dict] = field(default_factory=list)


def reparse(db_path: str | Path, archive_dir: str | Path, slug: str | None = None, processes: int | None = None,
            batch_size: int = 1000) -> ReparseStats:
    """Rebuild disclosures from the archive alone (no network): parse in worker processes, insert in batches,
    then rebuild the full-text index once."""
    import parsers.statutes

    conn = db.open_db(db_path)
    db.ensure_db_shape(conn)
    db.save_statutes(conn, parsers.statutes.STATUTES)
    stats = ReparseStats()
    processes = processes or os.cpu_count() or 1

    def saved_rows(parsed):
        for row in parsed:
            stats.items += 1
            if "error" in row:
                stats.failed += 1
                stats.errors.append(row["error"])
                continue
            yield row

    files = archive_files(archive_dir, slug)
    if processes > 1:
        # Reading WARC records costs about as much as parsing them, so workers do both; this process only
        # picks the latest record per URL and writes batches.
        with get_context("fork" if hasattr(os, "fork") else "spawn").Pool(processes) as pool:
            refs = [ref for ref in latest_refs(pool.map(index_file, files)) if _is_item(ref)]
            parsed = pool.imap(_parse_archived, refs, chunksize=64)
            counts = db.save_disclosures(conn, saved_rows(parsed), batch_size=batch_size)
    else:
        refs = [ref for ref in latest_refs(map(index_file, files)) if _is_item(ref)]
        counts = db.save_disclosures(conn, saved_rows(map(_parse_archived, refs)), batch_size=batch_size)
    for status, count in counts.items():
        setattr(stats, status, count)
    db.finish_load(conn)  # corrections, summary tables, request groups, FTS
    return stats


def crawl_sources(sources: list[Source], db_path: str | Path, archive_dir: str | Path, *, client: Client | None = None,
                  max_items: int | None = None, revalidate: bool = False, on_item=None, on_source=None):
    """Crawl several sources into one database; returns their CrawlStats in order."""
    import parsers.statutes

    conn = db.open_db(db_path)
    db.ensure_db_shape(conn)
    db.save_authorities(conn, [s.to_dict() for s in sources])
    db.save_statutes(conn, parsers.statutes.STATUTES)
    own_client = client is None
    client = client or Client()
    results = []
    try:
        for source in sources:
            if on_source:
                on_source(source)
            if not source.crawlable:
                continue
            results.append(crawl_source(source, conn, client, archive_dir, max_items=max_items,
                                        revalidate=revalidate, on_item=on_item))
    finally:
        if own_client:
            client.close()
        db.finish_load(conn)  # corrections, summary tables, request groups, FTS
    return results


def summary_table(results: list[CrawlStats]) -> str:
    """The end-of-crawl table, one row per source."""
    columns = ("source", "index", "fetched", "new", "updated", "unchanged", "known", "failed", "status")
    rows = [columns] + [
        (r.slug, r.index_pages, r.pages_fetched, r.new, r.updated, r.unchanged + r.not_modified, r.skipped_known,
         r.failed, f"FAILED: {r.fatal}" if r.fatal else "ok")
        for r in results
    ]
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(columns) - 1)]
    return "\n".join(
        "  ".join(str(v).ljust(w) for v, w in zip(row, widths)) + "  " + str(row[-1]) for row in rows
    )
