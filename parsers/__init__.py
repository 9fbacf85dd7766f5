"""Pure functions that turn the bytes of a published FOI response into a Record.

No network and no database: text in, record out, so every fixture is a one-line test.
    parse_bytes(data, filename=None, content_type=None, url=None) -> Record   (sniffs html/text/pdf/docx)
    parse_html(html, url=None) -> Record
    parse_text(text, title=None) -> Record
"""
from __future__ import annotations

from parsers.citations import decide_citations, decide_ncnd
from parsers.dates import extract_dates, to_iso
from parsers import documents
from parsers.documents import UnreadableDocument  # one error type for every format
from parsers.html import decode_html, html_to_page
from parsers.outcome import outcome_decision
from parsers.record import OUTCOMES, Citation, Decision, Record
from parsers.reference import extract_reference
from parsers.request import find_request
from parsers.sanity import sanity_check
from parsers.text import strip_chrome

__all__ = ["OUTCOMES", "Citation", "Decision", "Record", "UnreadableDocument", "parse_bytes", "parse_html", "parse_text"]


def parse_text(text: str, title: str | None = None, *, source_format: str = "text") -> Record:
    body = strip_chrome(text)
    span = find_request(body)
    exclude = [(span.start, span.end)] if span else []
    citations, citations_decision = decide_citations(body, exclude)
    ncnd, ncnd_decision = decide_ncnd(body, citations, exclude)
    response_date, request_date = extract_dates(body)
    request_text = span.text_of(body) if span else None
    outcome, outcome_decided = outcome_decision(body, (span.start, span.end) if span else None, citations, ncnd,
                                                request_text)
    record = Record(
        body=body,
        title=title,
        reference=extract_reference(body, title),
        request_text=request_text,
        citations=citations,
        ncnd=ncnd,
        outcome=outcome,
        response_date=response_date,
        request_date=request_date,
        source_format=source_format,
    )
    record.decisions = _baseline_decisions(record, body)
    record.decisions.update(citations=citations_decision, ncnd=ncnd_decision, outcome=outcome_decided)
    record.problems = sanity_check(record)
    return record


def _line_with(text: str, needle: str) -> str | None:
    """The line of `text` holding `needle` (whitespace-insensitive), as printed; None when absent."""
    if not needle:
        return None
    key = " ".join(needle.split())
    for line in text.splitlines():
        if key in " ".join(line.split()):
            return line.strip()
    return None


def _baseline_decisions(record: Record, body: str) -> dict[str, Decision]:
    """Evidence located after the fact, for the fields whose extractors do not yet report their own."""
    decisions = {}
    if record.reference:
        where = _line_with(record.title or "", record.reference) or _line_with(body, record.reference)
        decisions["reference"] = Decision(where, 0.9, "reference printed")
    else:
        decisions["reference"] = Decision(None, 0.8, "no reference printed")
    if record.request_text:
        decisions["request_text"] = Decision(record.request_text[:300], 0.85, "request span")
    else:
        decisions["request_text"] = Decision(None, 0.6, "no request found")
    return decisions


def parse_html(html: str | bytes, url: str | None = None) -> Record:
    page = html_to_page(html, url)
    record = parse_text(page.text, title=page.title, source_format="html")
    record.attachments = page.attachments
    if page.published and not record.response_date:
        record.response_date = to_iso(page.published[:10]) or to_iso(page.published)
    return record


def _sniff(data: bytes, filename: str | None, content_type: str | None) -> str:
    name = (filename or "").lower()
    ctype = (content_type or "").lower()
    if data[:5] == b"%PDF-" or name.endswith(".pdf") or "pdf" in ctype:
        return "pdf"
    if data[:2] == b"PK" and (name.endswith(".docx") or "word" in ctype or b"word/" in data[:2000] or not name):
        return "docx"
    head = data[:2048].lstrip().lower()
    if "html" in ctype or name.endswith((".html", ".htm", ".aspx", ".php")) or head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "html"
    return "text"


def _charset(content_type: str | None) -> str | None:
    if content_type and "charset=" in content_type.lower():
        return content_type.lower().split("charset=", 1)[1].split(";")[0].strip().strip('"')
    return None


def parse_bytes(data: bytes, filename: str | None = None, content_type: str | None = None,
                url: str | None = None) -> Record:
    """Parse any supported format; raises UnreadableDocument when the bytes hold no readable text."""
    kind = _sniff(data, filename, content_type)
    if kind == "html":
        return parse_html(decode_html(data, _charset(content_type)), url=url)
    if kind in ("pdf", "docx"):
        text = documents.pdf_to_text(data) if kind == "pdf" else documents.docx_to_text(data)
        return parse_text(text, source_format=kind)
    if b"\x00" in data[:1024]:
        raise UnreadableDocument("binary data that is not a PDF, DOCX or HTML document")
    return parse_text(decode_html(data, _charset(content_type)), source_format="text")
