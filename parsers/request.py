"""Where the requester's own words are: from the first word of the request to where the answer begins.

Responses introduce the request in a handful of ways — an authority lead-in ("I note you seek access to the
following information:", "You asked:", "Below is your request and our response."), a "Request" heading, or,
on WhatDoTheyKnow, the requester's letter opening "Dear <authority>,". Without any of these, the first line
that reads like a request (a question, a list item, "Please provide...") after the title block is taken.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from parsers.figures import is_table_row
from parsers.reference import REF_TOKEN
from parsers.text import unwrap_lines

_LEAD_INS = [
    r"i note (?:that )?you (?:seek|sought|have sought) access to the following information\s*:?",
    r"\byou asked(?: us)?(?: for)?\s*:",
    r"you (?:requested|asked for|have requested|sought)(?: details of)?(?: the following)?(?: information)?\s*:",
    r"in which you requested(?: details of)?(?: the following)?(?: information)?\s*:",
    r"in which you (?:wrote|said|stated|asked|requested)(?: us)?(?: for)?(?: the following)?(?: information)?\s*:",
    r"requesting the following(?: information)?\s*:",
    r"(?:request|enquiry|email|letter)[^.\n:]{0,120}?\bas follows\s*:",
    r"below is your\s+request and our\s+response\.?",
    r"your request (?:was|is|reads|read)(?: as follows)?\s*:",
    r"(?:you|your request) (?:asked|stated|said|wrote)(?: to (?:us|the \w+))?(?: as follows)?\s*:",
    r"the request (?:was|is|reads)(?: as follows)?\s*:",
    r"(?:request|enquiry|e-?mail|letter)\b[^.\n:]{0,120}?\bwhich (?:reads|read|states|stated|said)(?: as follows)?\s*:",
    r"your request is (?:replicated|reproduced|repeated|restated|set out|copied) below[^\n.:]*[.:]",
    r"request, which (?:for clarity |for ease of reference )?is (?:replicated|reproduced|repeated|restated|set out|copied) below[^\n.:]*[.:]",
]
_LEAD_IN = re.compile("|".join(_LEAD_INS), re.IGNORECASE)
# An authority's line about the request that ends in a colon introduces it ("Thank you for your request
# dated 5 February 2024:", "Thank you for your request of 11 March for the following:"), unless the line
# is itself the start of the answer ("In response to your request, we can confirm the following:").
_LEAD_IN_LINE = re.compile(
    r"^(?!.*\b(?:response|respond|answer|confirm|hold|held|find|attached|provided?|decided)\b)"
    r".*\byour (?:request|e-?mail|letter|enquiry|correspondence|application)\b.*:\s*$",
    re.IGNORECASE,
)

# A line that is only a heading announcing the request ("Request", "FOI Request:", "REQUEST 1:", "Question").
_REQUEST_HEADING = re.compile(
    r"^(?:foi |your |information |(?:the )?(?:applicant|requester|requestor)['’]?s )?(?:request(?:ed)?|questions?|enquiry)(?: \d+| details| information)?\s*[:\-–]?\s*$",
    re.IGNORECASE,
)
_REFERENCE_ONLY = re.compile(REF_TOKEN)
_ANSWER_HEADING = re.compile(r"^(?:response|answer)s?\s*:?$", re.IGNORECASE)
_INLINE_REQUEST_HEADING = re.compile(r"^(?:foi )?request\s*[:\-–]\s*(?=\S)", re.IGNORECASE)

# WhatDoTheyKnow: the requester writes to the body ("Dear Kent Police,"), while authorities write to a
# person ("Dear Mr Smith", "Dear Member of the Public"). Only the former starts the request.
_DEAR_BODY = re.compile(
    # (a body's name may hold one comma: "Dear Northamptonshire Police, Fire and Crime Commissioner,")
    r"^dear (?:sir(?: or |/)madam|[^,\n]{0,80}(?:, [^,\n]{1,40})?\b(?:police|constabulary|commissioner|council|service|"
    r"authority|office|mps|npcc|foi|freedom of information|department|unit|team|pcc|opcc)\b[^,\n]{0,40}),?\s*$",
    re.IGNORECASE,
)

# Lines where the answer starts (the request ends just before).
_RESPONSE_START = re.compile(
    # an answer labelled on its own line: "A1. The force issued ...", "Answer: 45", "Response 2 - Not held"
    r"^(?:a\d{1,2}[a-z]?\s*[.:)\-–]|a\s?:|(?:answer|response|reply)(?: to (?:q(?:uestion)?\s*)?\d{1,2}| \d{1,2})?\s*[:\-–]).*$|"
    # a heading over each answer: "Response to question 1"
    r"^(?:answer|response|reply) to (?:q(?:uestion)?|part|point)\s*\d{1,2}[a-z]?\s*[:.\-–]?\s*$|"
    r"^(?:(?:[\w ]{2,30} / )?(?:in |our |foi |the )?(?:response|answer|reply)(?: to your request)?(?: is)?(?: as follows)?\s*:?|"
    # the authority naming itself over its answer: "Nottinghamshire Police response:"
    r"(?-i:[A-Z][\w&'’-]*\s+){1,5}(?:response|answer|reply)\s*:|in response\b.*|decision\s*:?|reason for decision|"
    r"i have (?:today )?decided\b.*|yours (?:faithfully|sincerely)\b.*|"
    r"(?:kind |best )?regards,?|many thanks,?|thank you,?|"
    r"please (?:find|see) (?:attached|enclosed|below)\b(?!.*\brequest\b).*|please (?:find|see) (?:our|the) (?:response|answer|reply)\b.*|"
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

# A list marker opening a line of the request: a bullet, "1.", "(a)", "iv)", "Q3:", "Question 1:".
LIST_MARKER = (r"(?:[-•*·⦁:>]+\s*|o\s+|\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.),:]\s*|q\d+[.:)]?\s*|"
               r"(?:question|request|part)\s*\d{1,2}[a-z]?\s*[.:)–-]\s*)")

# Lines that open a request when no lead-in says so.
_REQUESTY = re.compile(
    r"^[\"“‘']?" + LIST_MARKER + r"?"
    r"(?:please\b|could\b|can\b|would\b|will\b|i\b|i[’']\w+|we\b|under the\b|under section\b|"
    r"how\b|what\b|which\b|when\b|where\b|who\b|whether\b|why\b|is\b|are\b|do\b|does\b|did\b|has\b|have\b|"
    r"the number\b|number of\b|details\b|copies\b|a copy\b|all\b|any\b|for (?:each|the|every)\b|"
    r"in (?:the|relation|respect)\b|between\b|from\b|since\b|on (?:page|\w+day)\b|this is a request\b|"
    r"unless\b|further to\b|regarding\b|with regards?\b|dear\b|if\b|also\b|and\b|or\b|this\b|these\b|that\b)",
    re.IGNORECASE,
)
_AUTHORITY_VOICE = re.compile(
    r"\byour (?:recent |original |initial )?(?:request|e-?mail|letter|enquiry|application)\b|\bwe have (?:now|considered)|"
    r"\bi have considered\b|\bthank you for\b|\bprovision of information\b|\bas you may be aware\b|"
    r"\bissued \d|\bthis foi response\b|\bin response to\b|\bmy (?:first|second) duty\b|\bi can confirm\b|"
    r"\bi have (?:located|carefully)\b",
    re.IGNORECASE,
)
# A line in the authority's own voice: where a request that no marker line closes has ended. Only wording a
# requester does not use about their own request ("your request", "we can confirm", "I estimate").
_ANSWER_VOICE = re.compile(
    r"^(?:unfortunately|in (?:answer|reply) to|with (?:regard|reference) to your|regarding your|turning to|following (?:a|our) search|"
    r"having (?:searched|considered|reviewed)|before we can|to be of assistance|by way of explanation)\b|"
    r"\b(?:i|we) (?:can confirm|am treating|are treating|estimate|have (?:searched|located|now|carried out|"
    r"conducted|considered|reviewed|made enquiries)|(?:do not|don't) hold|hold (?:the|some|no|this)|"
    r"need (?:some )?(?:further|more) (?:information|detail|clarification))\b|"
    r"\bwe are (?:able|unable|pleased|not able|writing)\b|\bwe aim to (?:provide|respond|answer|deal)\b|"
    r"^(?:searches|enquiries|checks) (?:were|have been|has been) (?:carried out|conducted|made|undertaken|completed)\b|\bi am (?:pleased|writing to (?:confirm|advise|inform))\b|\bi (?:must|can) (?:inform|advise) you\b|"
    r"\byour (?:request|correspondence|e-?mail|letter|enquiry|application)\b|"
    # the authority speaking of itself: "The Office does not manage the contract.", "The force holds ..."
    r"^(?:the|this) (?:office|force|constabulary|commissioner|service|department|authority|pcc|opcc|pfcc)\b[^.?]{0,40}?"
    r"\b(?:holds?|does not (?:hold|manage|record|collect|have)|has (?:searched|located|considered|carried out|conducted|undertaken|completed)|can confirm|"
    r"is (?:not )?able|is unable)\b|"
    # ... or by name: "Lincolnshire Police does not record the type of organisation ..."
    r"^(?!(?:why|how|what|when|where|whether|which|who|did|does|do|is|are|can|could|would|will|please|has|have|if)\b)"
    r"(?-i:(?:(?:[A-Z][\w&'’-]*|&)\s+){0,5})(?:police|constabulary|commissioner|pcc|opcc|pfcc)(?:\s+\([A-Z]+\))?\s+"
    r"(?:holds?|does not|do not|did not|has (?:searched|located|considered|no|carried out|conducted|undertaken|completed)|can confirm|cannot|is (?:not )?able|is unable|"
    r"records?|recorded)\b",
    re.IGNORECASE,
)


@dataclass
class RequestSpan:
    start: int  # offset in the text
    end: int

    def text_of(self, text: str) -> str:
        return text[self.start : self.end].strip()


_COLUMN_HEADINGS = re.compile(r"^(?:request|question)s?\s*:?\s*\n\s*(?:response|answer)s?\s*:?\s*$", re.IGNORECASE | re.MULTILINE)


def _looks_two_column(text: str, pos: int) -> bool:
    """A flattened request/response table prints the two column headings one after the other. Where the lines
    below then interleave both columns (a fragment cut mid-sentence, then another sentence's start), no
    contiguous request text exists; where each row follows whole ("1. How many...?" then its answer), it does."""
    following = [ln.strip() for ln in text[pos:].split("\n") if ln.strip()][:4]
    if len(following) < 4 or not _COLUMN_HEADINGS.match("\n".join(following[:2])):
        return False
    first, second = following[2], following[3]
    return not first.endswith((".", "?", ":", ";")) and second[:1].isupper()


def _skip_headings(text: str, pos: int) -> int:
    """Move past blank lines and bare request headings ("REQUEST 1:") after a lead-in."""
    while True:
        m = re.match(r"\s*", text[pos:])
        pos += m.end()
        line_end = text.find("\n", pos)
        line = text[pos : line_end if line_end != -1 else len(text)]
        previous = text[:pos].rstrip().rsplit("\n", 1)[-1].strip()
        # a bare request heading, or the answer column's heading stacked under the question column's
        stacked = _REQUEST_HEADING.match(previous) and _ANSWER_HEADING.match(line.strip())
        lead_in_line = _LEAD_IN.fullmatch(line.strip())  # "You wrote:" under "Your request is repeated below."
        if line and (_REQUEST_HEADING.match(line.strip()) or stacked or lead_in_line) and line_end != -1:
            pos = line_end + 1
            continue
        return pos


_DATA_ROW = re.compile(r"^(?:[^|\n]*\|){2,}|^[\w/ -]{1,30}:\s*£?\d[\d,.]*%?$|^[\w£/().'’ -]{1,40}?\s[-–]\s*£?\d[\d,.]*(?:\s|%|$)")
_LIST_ITEM = re.compile(r"^(?:[-•*·⦁o]\s|\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.),:]\s|q\d+)", re.IGNORECASE)


# A statement under a question, though it opens like a request item ("The number of ..."): "The number of RPAS
# deployments in each division is published on the Police Scotland website."
_STATEMENT = re.compile(r"^(?:the|this|these|our|all|any)\b[^?]{20,}?\b(?:is|are|was|were|has|have)\b[^?]*[.:]$", re.IGNORECASE)


def _end_of_request(text: str, start: int) -> int:
    """The offset where the answer begins: a response marker line, or (in templates that answer each
    question under it) the first plain statement that follows a question."""
    offset = start
    previous = ""
    for i, line in enumerate(text[start:].split("\n")):
        s = line.strip()
        if i and s and (_RESPONSE_START.match(s) or _ANSWER_VOICE.search(s)):
            return offset
        if i and s and (_DATA_ROW.match(s) or is_table_row(s)) and not (_LIST_ITEM.match(s) or _REQUESTY.match(s)):
            return offset  # the answer's table or figures ("2021 – 1,036", "Month | Calls | ...")
        if i and s and previous.endswith("?") and (_STATEMENT.match(s) or not (
            _LIST_ITEM.match(s) or _REQUESTY.match(s) or s.endswith(("?", ":")) or s[0].islower()
        )):
            return offset
        if s:
            previous = s
        offset += len(line) + 1
    return len(text)


def _quoted_request_end(text: str, start: int) -> int | None:
    """A request printed in quotes ends at the closing quote that ends a line ("...over two years ago."),
    however many lines it runs to; None if `start` does not open a quote or no such close is found."""
    opening = text[start : start + 1]
    if not opening or opening not in "\"“‘'":
        return None
    close = {"“": "”", "‘": "’"}.get(opening, opening)
    pos = start + 1
    while True:
        pos = text.find(close, pos, start + 4000)
        if pos == -1:
            return None
        if re.match(r"[.,;]?[ \t]*(?:\n|$)", text[pos + 1 :]):
            return pos + 1
        pos += 1


def _lead_in(text: str) -> int | None:
    """The offset just after the first lead-in phrase or lead-in line, if any."""
    ends = []
    m = _LEAD_IN.search(unwrap_lines(text))  # a lead-in hard-wrapped: "... in which you\nasked:"
    if m:
        ends.append(m.end())
    offset = 0
    for line in text.split("\n")[:60]:
        if _LEAD_IN_LINE.match(line.strip()):
            ends.append(offset + len(line))
            break
        offset += len(line) + 1
    return min(ends) if ends else None


def find_request(text: str) -> RequestSpan | None:
    """The span of the request in clean text, or None if the text does not show it."""
    candidates: list[int] = []
    lead = _lead_in(text)
    if lead is not None:
        if _looks_two_column(text, lead):
            return None
        candidates.append(_skip_headings(text, lead))
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
            after = _skip_headings(text, line_starts[i + 1])
            # "Request" over "Thank you for your request ..., in which you asked:": the lead-in places it
            # (or by a lead-in line straight under the heading: "Request" / "You asked for the following:")
            between = text[after:lead] if lead is not None else ""
            if not (lead is not None and 0 < lead - after < 400
                    and (_AUTHORITY_VOICE.search(between) or "\n" not in between.strip())):
                candidates.append(after)
            break
        m = _INLINE_REQUEST_HEADING.match(s)
        if m and not _REFERENCE_ONLY.fullmatch(s[m.end():].strip()):  # "FOI Request: BP-FOI-24-1196" is a label
            candidates.append(line_starts[i] + (len(line) - len(line.lstrip())) + m.end())
            break
    for i, line in enumerate(lines):
        if _DEAR_BODY.match(line.strip()) and i + 1 < len(lines):
            after = _skip_headings(text, line_starts[i + 1])
            # "Dear Sir or Madam," from the authority opens its letter, not the request: its next line is in
            # the authority's voice, or a lead-in to the request follows within a few lines
            next_line = text[after : text.find("\n", after) if "\n" in text[after:] else len(text)]
            lead_follows = lead is not None and 0 < lead - after < 400
            if not _AUTHORITY_VOICE.search(next_line) and not lead_follows:
                candidates.append(after)
            break
    if candidates:
        start = min(candidates)
    else:
        start = _first_requesty_line(lines, line_starts)
        if start is None:
            return None
    quote = start
    greeting = _QUOTED_GREETING.match(text, start)
    if greeting:
        # the requester's own email, quoted from its greeting ("Dear Sir or Madam,"): the request is what follows
        start = greeting.end()
    end = _quoted_request_end(text, quote) or _end_of_request(text, start)
    if end <= start:
        return None
    return RequestSpan(start, end)


def _is_title_line(lines: list[str], i: int) -> bool:
    """The text's opening line as a title ("Number of PCSOs 2020 – 2025"): short, unpunctuated, no list
    marker, and followed by a line that opens a sentence of the request."""
    s = lines[i].strip()
    if any(ln.strip() for ln in lines[:i]) or len(s) > 80 or s.endswith((".", "?", ":", ";", ",")) or _LIST_ITEM.match(s):
        return False
    following = next((ln.strip() for ln in lines[i + 1 :] if ln.strip()), "")
    return following[:1].isupper() and bool(_REQUESTY.match(following))


_QUOTED_GREETING = re.compile(r"[\"“‘']?dear [^\n.?!]{0,60},?[ \t]*\n\s*", re.IGNORECASE)
# "Please find our response below." followed by the questions, each with its answer under it
_RESPONSE_BELOW = re.compile(r"^please (?:find|see) (?:our|the) (?:response|answers?|reply) below\b", re.IGNORECASE)


def _first_requesty_line(lines: list[str], line_starts: list[int]) -> int | None:
    for i, line in enumerate(lines[:40]):
        s = line.strip()
        if not s:
            continue
        if _RESPONSE_BELOW.match(s):
            following = next((ln.strip() for ln in lines[i + 1 :] if ln.strip()), "")
            if _LIST_ITEM.match(following) and following.endswith("?"):
                continue  # the questions come first, each answered in turn
        if _RESPONSE_START.match(s):
            return None  # the answer starts before any request is shown
        if _is_title_line(lines, i):
            continue
        if _AUTHORITY_VOICE.search(s) or (s[0].islower() and not _LIST_ITEM.match(s)):  # authority's words, or a wrapped line's tail
            continue
        if re.match(r"^dear [^.?!]{0,60}$", s, re.IGNORECASE):
            continue  # the letter's greeting
        if _REQUESTY.match(s) and len(s) > 15:
            if re.search(r"\?\s*\|\s*\S", s):
                return None  # a question | answer table row: the columns interleave, no request text stands alone
            return line_starts[i] + (len(line) - len(line.lstrip()))
    return None


def extract_request(text: str) -> str | None:
    span = find_request(text)
    return span.text_of(text) if span else None
