"""Where the requester's own words are: from the first word of the request to where the answer begins.

Responses introduce the request in a handful of ways — an authority lead-in ("I note you seek access to the
following information:", "You asked:", "Below is your request and our response."), a "Request" heading, or,
on WhatDoTheyKnow, the requester's letter opening "Dear <authority>,". Without any of these, the first line
that reads like a request (a question, a list item, "Please provide...") after the title block is taken.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_LEAD_INS = [
    r"i note (?:that )?you (?:seek|sought|have sought) access to the following information\s*:?",
    r"(?:^|\n)\s*you asked\s*:",
    r"you (?:requested|asked for|have requested|sought)(?: details of)?(?: the following)?(?: information)?\s*:",
    r"in which you requested(?: details of)?(?: the following)?(?: information)?\s*:",
    r"in which you (?:wrote|said|stated|asked)\s*:",
    r"requesting the following(?: information)?\s*:",
    r"(?:request|enquiry|email|letter)[^.\n:]{0,120}?\bas follows\s*:",
    r"below is your\s+request and our\s+response\.?",
    r"your request (?:was|is|reads|read)(?: as follows)?\s*:",
    r"(?:you|your request) (?:asked|stated|said)\s*:",
    r"the request (?:was|is|reads)(?: as follows)?\s*:",
]
_LEAD_IN = re.compile("|".join(_LEAD_INS), re.IGNORECASE)

# A line that is only a heading announcing the request ("Request", "FOI Request:", "REQUEST 1:", "Question").
_REQUEST_HEADING = re.compile(
    r"^(?:foi |your |information )?(?:request(?:ed)?|questions?|enquiry)(?: \d+| details| information)?\s*[:\-–]?\s*$",
    re.IGNORECASE,
)
_INLINE_REQUEST_HEADING = re.compile(r"^(?:foi )?request\s*[:\-–]\s*(?=\S)", re.IGNORECASE)

# WhatDoTheyKnow: the requester writes to the body ("Dear Kent Police,"), while authorities write to a
# person ("Dear Mr Smith", "Dear Member of the Public"). Only the former starts the request.
_DEAR_BODY = re.compile(
    r"^dear (?:sir(?: or |/)madam|[^,\n]{0,80}\b(?:police|constabulary|commissioner|council|service|"
    r"authority|office|mps|npcc|foi|freedom of information|department|unit|team|pcc|opcc)\b[^,\n]{0,40}),?\s*$",
    re.IGNORECASE,
)

# Lines where the answer starts (the request ends just before).
_RESPONSE_START = re.compile(
    r"^(?:(?:[\w ]{2,30} / )?(?:in |our |foi |the )?(?:response|answer|reply)\s*:?|in response\b.*|decision\s*:?|reason for decision|"
    r"i have (?:today )?decided\b.*|yours (?:faithfully|sincerely)\b.*|"
    r"(?:kind |best )?regards,?|many thanks,?|thank you,?|"
    r"please (?:find|see) (?:attached|enclosed|below)\b(?!.*\brequest\b).*|"
    r"extent and result of searches.*|clarification\s*:?|"
    r".*\b(?:can|will|must|does|shall) neither confirm n?or deny\b.*|"
    r".*\b(?:we|i) (?:are|am) (?:not required|unable|not able|able|not obliged|exempting)\b.*|"
    r".*\b(?:is|are|am) refusing\b.*|.*\bwe can (?:confirm|tell you|advise)\b.*|"
    r".*\b(?:holds?|does not hold|do not hold) (?:the|any|this|some) (?:recorded )?(?:information|data)\b.*|"
    r".*\b(?:is|are) provided (?:in full )?below\b.*|"
    r".*\bexempt (?:by virtue of|under|pursuant to)\b.*|[^|]{0,80}\|\s*|"
    r"section 1 of the freedom of information act.*|we have now had the opportunity.*|"
    r"following receipt of your request.*|our data are not organised\b.*|"
    r"(?:unfortunately|however),? our data\b.*|the information (?:you have )?requested\b.*|"
    r"this (?:letter|response) (?:serves|represents|acts)\b.*)$",
    re.IGNORECASE,
)

# Lines that open a request when no lead-in says so.
_REQUESTY = re.compile(
    r"^(?:[-•*·⦁o:]+\s*|\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.),:]\s*|q\d+[.:)]?\s*)?"
    r"(?:please\b|could\b|can\b|would\b|will\b|i\b|i[’']\w+|we\b|under the\b|under section\b|"
    r"how\b|what\b|which\b|when\b|where\b|who\b|whether\b|why\b|is\b|are\b|do\b|does\b|did\b|has\b|have\b|"
    r"the number\b|number of\b|details\b|copies\b|a copy\b|all\b|any\b|for (?:each|the|every)\b|"
    r"in (?:the|relation|respect)\b|between\b|from\b|since\b|on (?:page|\w+day)\b|this is a request\b|"
    r"unless\b|further to\b|regarding\b|with regards?\b|dear\b|if\b|also\b|and\b|or\b|this\b|these\b|that\b)",
    re.IGNORECASE,
)
_AUTHORITY_VOICE = re.compile(
    r"\byour (?:request|e-?mail|letter|enquiry|application)\b|\bwe have (?:now|considered)|"
    r"\bi have considered\b|\bthank you for\b|\bprovision of information\b|\bas you may be aware\b|"
    r"\bissued \d|\bthis foi response\b|\bin response to\b|\bmy (?:first|second) duty\b|\bi can confirm\b|"
    r"\bi have (?:located|carefully)\b",
    re.IGNORECASE,
)


@dataclass
class RequestSpan:
    start: int  # offset in the text
    end: int

    def text_of(self, text: str) -> str:
        return text[self.start : self.end].strip()


def _looks_two_column(text: str, pos: int) -> bool:
    """A flattened request/response table prints the two column headings one after the other; the lines
    below interleave both columns, so no contiguous request text exists."""
    following = [ln.strip() for ln in text[pos:].split("\n") if ln.strip()][:2]
    return len(following) == 2 and following[0].lower().rstrip(":") == "request" and following[1].lower().rstrip(":") == "response"


def _skip_headings(text: str, pos: int) -> int:
    """Move past blank lines and bare request headings ("REQUEST 1:") after a lead-in."""
    while True:
        m = re.match(r"\s*", text[pos:])
        pos += m.end()
        line_end = text.find("\n", pos)
        line = text[pos : line_end if line_end != -1 else len(text)]
        if line and _REQUEST_HEADING.match(line.strip()) and line_end != -1:
            pos = line_end + 1
            continue
        return pos


_LIST_ITEM = re.compile(r"^(?:[-•*·⦁o]\s|\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.),:]\s|q\d+)", re.IGNORECASE)


def _end_of_request(text: str, start: int) -> int:
    """The offset where the answer begins: a response marker line, or (in templates that answer each
    question under it) the first plain statement that follows a question."""
    offset = start
    previous = ""
    for i, line in enumerate(text[start:].split("\n")):
        s = line.strip()
        if i and s and _RESPONSE_START.match(s):
            return offset
        if i and s and previous.endswith("?") and not (
            _LIST_ITEM.match(s) or _REQUESTY.match(s) or s.endswith(("?", ":")) or s[0].islower()
        ):
            return offset
        if s:
            previous = s
        offset += len(line) + 1
    return len(text)


def find_request(text: str) -> RequestSpan | None:
    """The span of the request in clean text, or None if the text does not show it."""
    candidates: list[int] = []
    lead = _LEAD_IN.search(text)
    quoted_end = None
    if lead:
        if _looks_two_column(text, lead.end()):
            return None
        start = _skip_headings(text, lead.end())
        candidates.append(start)
        # an inline quoted request ("You asked: "Please send me ..."") ends at its closing quote
        if text[start : start + 1] in "\"“‘'" and text[start : start + 1] and "\n" not in text[lead.end():start]:
            close = {"“": "”", "‘": "’"}.get(text[start], text[start])
            end = text.find(close, start + 1)
            line_end = text.find("\n", start)
            if end != -1 and (line_end == -1 or end < line_end):
                quoted_end = end + 1
    offset = 0
    lines = text.split("\n")
    line_starts = []
    for line in lines:
        line_starts.append(offset)
        offset += len(line) + 1
    for i, line in enumerate(lines):
        s = line.strip()
        if _REQUEST_HEADING.match(s) and i + 1 < len(lines):
            if _looks_two_column(text, line_starts[i]):
                return None
            candidates.append(_skip_headings(text, line_starts[i + 1]))
            break
        m = _INLINE_REQUEST_HEADING.match(s)
        if m:
            candidates.append(line_starts[i] + (len(line) - len(line.lstrip())) + m.end())
            break
    for i, line in enumerate(lines):
        if _DEAR_BODY.match(line.strip()) and i + 1 < len(lines):
            candidates.append(_skip_headings(text, line_starts[i + 1]))
            break
    if candidates:
        start = min(candidates)
    else:
        start = _first_requesty_line(lines, line_starts)
        if start is None:
            return None
    end = quoted_end if quoted_end and start == candidates[0] else _end_of_request(text, start)
    if end <= start:
        return None
    return RequestSpan(start, end)


def _first_requesty_line(lines: list[str], line_starts: list[int]) -> int | None:
    for i, line in enumerate(lines[:25]):
        s = line.strip()
        if not s:
            continue
        if _RESPONSE_START.match(s):
            return None  # the answer starts before any request is shown
        if _AUTHORITY_VOICE.search(s) or s[0].islower():  # authority's words, or a wrapped line's tail
            continue
        if _REQUESTY.match(s) and len(s) > 15:
            return line_starts[i] + (len(line) - len(line.lstrip()))
    return None


def extract_request(text: str) -> str | None:
    span = find_request(text)
    return span.text_of(text) if span else None
