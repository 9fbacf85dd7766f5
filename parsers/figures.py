"""Numbers in a response's text that are figures: rows of a table printed as lines, and the numbers that only
name a part of the request ("questions 1 to 3") rather than count anything.

Shared by the outcome (figures given are an answer) and the request span (a table row is the answer, not the
requester's words).
"""
from __future__ import annotations

import re

from parsers.dates import DATE_PATTERN

# Numbers that name a part, not a quantity: "questions 1 to 3", "rounds 3 and 4", "part 2", "Answers 1 & 2"
NUMBERED_THING = re.compile(
    r"\b(?:questions?|parts?|points?|q|rounds?|phases?|stages?|tranches?|paragraphs?|answers?|requests?|responses?)\s*\d+[a-z]?"
    r"(?:\s*(?:to|and|-|–|,|&)\s*\d+[a-z]?)*", re.IGNORECASE)


ROW_NUMBER = re.compile(r"[£]?\d[\d,.]*%?:?")
_YEAR_TOKEN = re.compile(r"(?:19|20)\d\d(?:/\d\d)?:?")


def is_table_row(line: str) -> bool:
    """A short line of figures: "2017 648", "Belfast 412 389", "2017/18 £2,316.40" — two or more numbers, not
    all of them years or dates, and no more than a short label besides."""
    tokens = re.sub(DATE_PATTERN, " ", NUMBERED_THING.sub(" ", line)).split()
    numbers = [w for w in tokens if ROW_NUMBER.fullmatch(w) or _YEAR_TOKEN.fullmatch(w)]
    return (len(tokens) <= 8 and len(numbers) >= 2 and len(numbers) * 2 >= len(tokens)
            and any(not _YEAR_TOKEN.fullmatch(w) for w in numbers))
