"""Raw responses, archived untouched in WARC before anything parses them, and read back for `foilog reparse`.

Layout: `<archive>/<slug>/<run-start-utc>.warc.gz`, one file per crawl run and source, one gzip member per
record (so a crash mid-write loses at most the last record). Each exchange is a WARC request record plus a
response record holding the status line, the headers and the body bytes exactly as the server sent them
(the one liberty: Transfer-Encoding is dropped because the HTTP stack has already undone the chunking).
"""
from __future__ import annotations

import io
import json
import logging
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from scraper.http import FetchResult

log = logging.getLogger(__name__)
ROLE_HEADER = "WARC-Foilog-Role"
FINAL_URL_HEADER = "WARC-Foilog-Final-URL"
# What the log page said beside an item's link (JSON), and the platform that reads the item: reparse needs both
# to rebuild the same row as the crawl without the registry.
LISTING_HEADER = "WARC-Foilog-Listing"
PLATFORM_HEADER = "WARC-Foilog-Platform"


def run_stamp(when: datetime | None = None) -> str:
    """File-name-safe UTC timestamp, sortable as text."""
    return (when or datetime.now(timezone.utc)).strftime("%Y%m%dT%H%M%SZ")


class ArchiveWriter:
    """Appends the exchanges of one run of one source to its WARC file (created on the first write)."""

    def __init__(self, root: str | Path, slug: str, started: datetime | None = None):
        self.folder = Path(root) / slug
        self.stamp = run_stamp(started)
        self.path: Path | None = None
        self._file = None
        self._writer: WARCWriter | None = None
        self.records = 0

    def _open(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"{self.stamp}.warc.gz"
        n = 1
        while path.exists():  # two runs in the same second must not share (and clobber) a file
            n += 1
            path = self.folder / f"{self.stamp}-{n}.warc.gz"
        self.path = path
        self._file = open(path, "ab")
        self._writer = WARCWriter(self._file, gzip=True)

    def write(self, result: FetchResult, role: str | None = None, listing: dict | None = None,
              platform: str | None = None) -> None:
        """Archive one HTTP exchange; results with no HTTP response (status 0) have nothing to archive.

        `role` ("index" | "item") is kept in a WARC extension field so reparse knows which responses are
        disclosures without asking the registry. Records are filed under the URL the crawler asked for (the
        key the database uses); a redirect's final URL is kept beside it.
        """
        if not result.received:
            return
        if self._writer is None:
            self._open()
        url = result.url
        final = urlsplit(result.final_url or url)
        target = final.path + (f"?{final.query}" if final.query else "") or "/"
        warc_headers = {"WARC-Date": result.fetched_at} if result.fetched_at else {}
        if role:
            warc_headers[ROLE_HEADER] = role
        if listing:
            warc_headers[LISTING_HEADER] = json.dumps(listing, ensure_ascii=True, sort_keys=True)
        if platform:
            warc_headers[PLATFORM_HEADER] = platform
        if result.final_url and result.final_url != url:
            warc_headers[FINAL_URL_HEADER] = result.final_url
        request = self._writer.create_warc_record(
            url,
            "request",
            http_headers=StatusAndHeaders(
                f"GET {target} HTTP/1.1", result.request_headers, is_http_request=True
            ),
            warc_headers_dict=warc_headers,
        )
        response_headers = [(k, v) for k, v in result.raw_headers if k.lower() != "transfer-encoding"]
        response = self._writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(result.raw_body),
            length=len(result.raw_body),
            http_headers=StatusAndHeaders(
                f"{result.status} {result.reason}".strip(), response_headers, protocol=result.http_version
            ),
            warc_headers_dict=warc_headers,
        )
        self._writer.write_request_response_pair(request, response)
        self._file.flush()
        self.records += 1

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = self._writer = None

    def __enter__(self) -> ArchiveWriter:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


@dataclass
class ArchivedResponse:
    slug: str
    url: str
    status: int
    headers: dict[str, str]
    content: bytes  # Content-Encoding undone
    fetched_at: str
    role: str | None = None  # "index" | "item" | "attachment" | "metadata" as the crawler saw it
    listing: dict | None = None
    platform: str | None = None

    def __iter__(self):  # unpacks as (slug, url, status, headers, content, fetched_at)
        return iter((self.slug, self.url, self.status, self.headers, self.content, self.fetched_at))


def archive_files(root: str | Path, slug: str | None = None) -> list[tuple[str, Path]]:
    """(slug, file) pairs in run order."""
    root = Path(root)
    if slug:
        folders = [root / slug]
    elif root.is_dir():
        folders = sorted(p for p in root.iterdir() if p.is_dir())
    else:
        folders = []
    return [(folder.name, f) for folder in folders for f in sorted(folder.glob("*.warc.gz"))]


def _response_records(path: Path):
    """(offset, record) for each response record, stopping quietly at a truncated tail (a crashed run)."""
    with open(path, "rb") as f:
        records = ArchiveIterator(f)
        try:
            for record in records:
                if record.rec_type == "response":
                    yield records.get_record_offset(), record
        except (ArchiveLoadFailed, EOFError, OSError) as exc:
            log.warning("%s: stopped at a damaged record (%s)", path, exc)


@dataclass(frozen=True)
class RecordRef:
    """Where one archived response sits, with what is needed to pick the latest without reading its body."""

    slug: str
    url: str
    fetched_at: str
    status: int
    role: str | None
    path: Path
    offset: int
    listing: str | None = None  # JSON, as archived
    platform: str | None = None


def index_file(slug_and_path: tuple[str, Path]) -> list[RecordRef]:
    """The response records of one WARC file, headers only (a unit of work for a process pool)."""
    slug, path = slug_and_path
    return [
        RecordRef(slug=slug, url=record.rec_headers.get_header("WARC-Target-URI"),
                  fetched_at=record.rec_headers.get_header("WARC-Date") or "",
                  status=int(record.http_headers.get_statuscode()), role=record.rec_headers.get_header(ROLE_HEADER),
                  path=path, offset=offset, listing=record.rec_headers.get_header(LISTING_HEADER),
                  platform=record.rec_headers.get_header(PLATFORM_HEADER))
        for offset, record in _response_records(path)
    ]


def latest_refs(refs_per_file) -> list[RecordRef]:
    """The latest response per (slug, url), in archive order; a 304 never wins (the earlier body stands)."""
    latest: dict[tuple[str, str], RecordRef] = {}
    for refs in refs_per_file:
        for ref in refs:
            key = (ref.slug, ref.url)
            if ref.status != 304 and (key not in latest or ref.fetched_at >= latest[key].fetched_at):
                latest[key] = ref
    return sorted(latest.values(), key=lambda ref: (str(ref.path), ref.offset))


def read_ref(ref: RecordRef, opened: dict | None = None) -> ArchivedResponse:
    """The response a RecordRef points at. Pass a dict as `opened` to keep files open across calls."""
    f = opened.get(ref.path) if opened is not None else None
    if f is None:
        f = open(ref.path, "rb")
        if opened is not None:
            opened[ref.path] = f
    try:
        # Seek straight to the record: warcio's get_record_offset() consumes the record it reports.
        f.seek(ref.offset)
        record = next(iter(ArchiveIterator(f)))
        content = record.content_stream().read()
        return ArchivedResponse(
            slug=ref.slug, url=ref.url, status=ref.status, headers={k.lower(): v for k, v in record.http_headers.headers},
            content=content, fetched_at=ref.fetched_at, role=ref.role,
            listing=json.loads(ref.listing) if ref.listing else None, platform=ref.platform,
        )
    finally:
        if opened is None:
            f.close()


def iter_archive(root: str | Path, slug: str | None = None):
    """Yield one ArchivedResponse per (slug, url): the latest one archived.

    Two passes keep memory flat: the first only indexes where each URL's latest record sits, the second
    reads just those bodies.
    """
    opened: dict[Path, object] = {}
    try:
        for ref in latest_refs(map(index_file, archive_files(root, slug))):
            yield read_ref(ref, opened)
    finally:
        for f in opened.values():
            f.close()


def archived_validators(root: str | Path, slug: str) -> dict[str, dict[str, str]]:
    """{url: {"etag": ..., "last_modified": ...}} from the latest archived 200 per URL, for --revalidate."""
    validators: dict[str, dict[str, str]] = {}
    for _, path in archive_files(root, slug):
        for _, record in _response_records(path):
            if record.http_headers.get_statuscode() != "200":
                continue
            found = {
                "etag": record.http_headers.get_header("ETag"),
                "last_modified": record.http_headers.get_header("Last-Modified"),
            }
            validators[record.rec_headers.get_header("WARC-Target-URI")] = {k: v for k, v in found.items() if v}
    return validators


class ArchiveLookup:
    """Archived responses by (slug, URL), the latest of each: what reparse answers an item's companion
    documents and attachments from. A source's files are indexed on its first lookup only."""

    def __init__(self, root: str | Path):
        self.root = root
        self._refs: dict[str, dict[str, RecordRef]] = {}
        self._opened: dict = {}

    def get(self, slug: str, url: str) -> ArchivedResponse | None:
        if slug not in self._refs:
            self._refs[slug] = {ref.url: ref for ref in latest_refs(map(index_file, archive_files(self.root, slug)))}
        ref = self._refs[slug].get(url)
        return read_ref(ref, self._opened) if ref is not None else None
