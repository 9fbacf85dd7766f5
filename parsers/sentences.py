"""Sentences of a response, found once, with their offsets: what a field's `evidence` quotes.

A sentence ends at a full stop, question or exclamation mark followed by a space, or at a line break (forces
print one statement per line as often as they write paragraphs). Every pattern here is linear-time.
"""
from __future__ import annotations

import re

# A sentence end: ". " before a capital, digit, quote or bracket (not "s. 12" or "e.g. the"), or a line break.
_BOUNDARY = re.compile(r"(?<=[a-z0-9%)”\"’'][.!?])[ \t]+(?=[A-Z0-9“\"‘(])|\n", re.IGNORECASE)
_ABBREVIATION_BEFORE = re.compile(r"(?:\b(?:s|ss|no|nos|e\.g|i\.e|para|paras|reg|sec|mr|mrs|ms|dr|st|ref|etc)\.)$", re.IGNORECASE)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank sentence or line of `text`, surrounding whitespace excluded."""
    spans = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if m.group() != "\n" and _ABBREVIATION_BEFORE.search(text[max(start, m.start() - 6) : m.start()]):
            continue  # "section 12 of the Act, s. 12" — an abbreviation, not a sentence end
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return [_trimmed(text, a, b) for a, b in spans if text[a:b].strip()]


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentence_at(text: str, pos: int) -> str:
    """The sentence or line of `text` holding offset `pos`, verbatim (whitespace at its ends removed)."""
    pos = max(0, min(pos, len(text) - 1)) if text else 0
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    line_end = len(text) if line_end == -1 else line_end
    for a, b in sentence_spans(text[line_start:line_end]):
        if line_start + a <= pos < line_start + b or pos < line_start + a:
            return text[line_start + a : line_start + b]
    return text[line_start:line_end].strip()
