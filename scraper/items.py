"""One item's fetched documents -> the record saved for it, the same way at crawl time and at reparse time.

An item is its page (or file) plus what hangs off it: the listing metadata the log page showed beside its link,
the platform's companion documents (WhatDoTheyKnow's request JSON), and its attachments. Those come through
`fetch(url, role) -> Supporting`, which the crawl answers from the network (archiving everything) and reparse
answers from the archive, so both build identical rows.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field

MAX_ATTACHMENTS = 25  # per item: a response with more is a bulk release; the first ones tell what it is
DOCUMENT_TYPES = {"pdf": "application/pdf",
                  "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
SPREADSHEET_EXTENSIONS = (".xlsx", ".xls", ".csv", ".ods")
_EXTENSION_TYPES = {".pdf": "application/pdf", ".docx": DOCUMENT_TYPES["docx"], ".doc": "application/msword",
                    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    ".xls": "application/vnd.ms-excel", ".csv": "text/csv",
                    ".ods": "application/vnd.oasis.opendocument.spreadsheet"}


@dataclass
class Supporting:
    """A companion document as fetched (or as archived): its bytes, or why there are none."""
    content: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    error: str | None = None


def parse_response(content: bytes, url: str, headers: dict[str, str]) -> dict:
    """bytes -> record dict via the parser (imported here so the crawler loads even while parsers/ grows)."""
    from parsers import parse_bytes

    filename = url.rstrip("/").rsplit("/", 1)[-1]
    return parse_bytes(content, filename=filename, content_type=headers.get("content-type"), url=url).to_dict()


def published_date(content: bytes, record: dict, listing: dict | None = None) -> str | None:
    """The date the log says it published the response: the page's own, else the listing's; the response's
    own date when both are silent."""
    from scraper.platforms.base import published_on

    own = None
    if record.get("source_format") == "html":
        try:
            own = published_on(content)
        except Exception:  # a page the date reader chokes on: the listing's or the record's date will do
            own = None
    return own or (listing or {}).get("date") or record.get("response_date")


def fill_from_listing(record: dict, listing: dict | None) -> dict:
    """Listing metadata fills the fields the document itself lacks (a PDF letter has no title, say)."""
    for field_name, key in (("title", "title"), ("reference", "reference")):
        if not record.get(field_name) and (listing or {}).get(key):
            record[field_name] = listing[key]
    return record


def _extension(url: str, name: str | None) -> str:
    for candidate in (name or "", url.split("?", 1)[0]):
        tail = candidate.lower().rsplit("/", 1)[-1]
        if "." in tail:
            return "." + tail.rsplit(".", 1)[-1]
    return ""


def describe_attachment(attachment: dict, fetched: Supporting) -> dict:
    """An attachments row: url, name, type, size, the text of documents, and a note on what could not be read."""
    url, name = attachment["url"], attachment.get("name")
    extension = _extension(url, name)
    row = {"url": url, "name": name, "type": _EXTENSION_TYPES.get(extension), "size": None, "text": None,
           "note": None}
    if fetched.error:
        row["note"] = f"not fetched: {fetched.error}"
        return row
    content_type = (fetched.headers.get("content-type") or "").split(";")[0].strip()
    row["type"] = row["type"] or content_type or None
    row["size"] = len(fetched.content)
    if extension in SPREADSHEET_EXTENSIONS:
        return row  # data, not prose: name, type and size say what it is
    kind = "pdf" if fetched.content[:5] == b"%PDF-" else "docx" if extension == ".docx" else None
    if kind is None:
        return row
    from parsers import documents

    try:
        text = documents.pdf_to_text(fetched.content) if kind == "pdf" else documents.docx_to_text(fetched.content)
        row["text"] = text.strip() or None
    except documents.UnreadableDocument as exc:
        row["note"] = exc.reason  # e.g. "scanned PDF: no text layer on 3 pages": recorded, not silently empty
    return row


def with_attachments(record: dict, fetch) -> dict:
    """The record with each listed attachment fetched and described (at most MAX_ATTACHMENTS)."""
    listed = record.get("attachments") or []
    described = [describe_attachment(a, fetch(a["url"], "attachment")) for a in listed[:MAX_ATTACHMENTS]]
    if len(listed) > MAX_ATTACHMENTS:
        record.setdefault("problems", []).append(
            f"{len(listed)} attachments listed; only the first {MAX_ATTACHMENTS} were fetched")
    record["attachments"] = described
    return record


def platform_reader(platform: str | None):
    """The platform module's own `item_record(url, content, headers, fetch) -> dict` when it has one (a platform
    whose response is spread over several documents); None means the item page is parsed as it is."""
    if not platform:
        return None
    try:
        module = importlib.import_module(f"scraper.platforms.{platform}")
    except ModuleNotFoundError:
        return None
    return getattr(module, "item_record", None)


def item_record(platform: str | None, url: str, content: bytes, headers: dict[str, str], listing: dict | None,
                fetch) -> tuple[dict, str | None]:
    """(record, published) for one item: the platform's own reading or the parser's, listing gaps filled,
    attachments described."""
    reader = platform_reader(platform)
    record = reader(url, content, headers, fetch) if reader is not None else None
    if record is None:
        record = parse_response(content, url, headers)
    fill_from_listing(record, listing)
    published = record.pop("published", None) or published_date(content, record, listing)
    return with_attachments(record, fetch), published
