"""A check after every parse (as juriscraper does): findings are stored with the record, never fatal."""
from __future__ import annotations

import re

from parsers.record import OUTCOMES, Record

_CHROME_WORDS = re.compile(r"cookie|quickly exit this site|leave this site|technical problem", re.IGNORECASE)


def sanity_check(record: Record) -> list[str]:
    problems = []
    if not record.body.strip():
        problems.append("empty body: no text after removing page chrome")
    if record.outcome not in OUTCOMES:
        problems.append(f"unknown outcome {record.outcome!r}")
    if record.request_text and _CHROME_WORDS.search(record.request_text[:200]):
        problems.append("page chrome may have leaked into the request text")
    if record.outcome == "full" and any(not c.ncnd for c in record.citations):
        problems.append("outcome full but exemptions cited")
    if record.outcome == "ncnd" and not record.ncnd:
        problems.append("outcome ncnd but no NCND found")
    if record.reference and len(record.reference) > 40:
        problems.append("reference suspiciously long")
    return problems
