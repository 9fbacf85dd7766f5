"""Response and request dates, as printed in UK style ("20th August 2018", "25/03/15"), to ISO dates."""
from __future__ import annotations

import re
from datetime import date

_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
DATE_PATTERN = (
    r"(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?,?\s+\d{4}"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r"|\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2})(?!\d)"
    r"|\d{4}-\d{2}-\d{2})"
)
_DATE = re.compile(DATE_PATTERN, re.IGNORECASE)

_RESPONSE_LABELS = re.compile(
    r"^[ \t]*(?:date responded|date of response|response date|date of reply|published(?: date)?|dated|date|issued)\s*:?\s*"
    r"(?:on\s+)?(" + DATE_PATTERN + ")", re.IGNORECASE | re.MULTILINE)
_REQUEST_LABELS = re.compile(
    r"(?:date of request|request date|date received|(?:request|email|letter|e mail|e-mail)[^.\n]{0,60}?"
    r"(?:dated|received(?: on)?|submitted on(?: the)?|of)|dated and received on|received on|which was received on)\s*:?\s*"
    r"(?:the\s+)?(" + DATE_PATTERN + ")", re.IGNORECASE)


def to_iso(text: str) -> str | None:
    s = text.strip().lower().replace(",", " ")
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", s)
    try:
        if m:
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        m = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})", s)
        if m:
            year = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
            return date(year, int(m[2]), int(m[1])).isoformat()
        m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]+)\.?\s+(\d{4})", s)
        if m and m[2][:3] in _MONTHS:
            return date(int(m[3]), _MONTHS[m[2][:3]], int(m[1])).isoformat()
        m = re.fullmatch(r"([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?\s+(\d{4})", s)
        if m and m[1][:3] in _MONTHS:
            return date(int(m[3]), _MONTHS[m[1][:3]], int(m[2])).isoformat()
    except ValueError:
        return None
    return None


def extract_dates(text: str, head_lines: int = 15) -> tuple[str | None, str | None]:
    """(response_date, request_date) from labelled dates, else a date standing alone in the letter head."""
    head = "\n".join(text.split("\n")[:60])
    response = None
    m = _RESPONSE_LABELS.search(head)
    if m:
        response = to_iso(" ".join(m.group(1).split()))
    if response is None:
        for line in [ln.strip() for ln in text.split("\n") if ln.strip()][:head_lines]:
            lm = _DATE.fullmatch(line.rstrip("."))
            if lm:
                response = to_iso(" ".join(line.rstrip(".").split()))
                break
    request = None
    m = _REQUEST_LABELS.search(" ".join(text[:6000].split()))
    if m:
        request = to_iso(m.group(1))
    return response, request
