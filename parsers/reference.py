"""The authority's own reference for a request, copied as printed.

Three places carry it, tried in order: a labelled line ("Our ref:", "Enquiry Reference:", "Freedom of
information request reference no:"), the title ("Drones (1748A/21)", "ANPR cameras - 322/15",
"FOI 2023/24-017 - Communications ..."), and a bare reference line in the letter head ("FOI/OPCC/18-021").
References of *other* requests quoted in the text ("released under 01.FOI.21.021978", "(Ref 126-2025)")
are never in those places, which is why the parser does not simply take the first reference-shaped token.
"""
from __future__ import annotations

import re

# One reference token: an optional capitalised prefix ("FOI/OPCC/", "HQ/PA/", "F-", "DC/FOI ", "FOI ") and
# digit-led parts joined by separators, allowing the loose spacing forces print ("14 -26", "275 - 24").
# a prefix part is capitals, or an initialism with a small letter inside ("CoLP", "MoD")
_PREFIX_PART = r"(?:[A-Z]{1,6}|[A-Z][a-z][A-Z]{1,4})"
_PREFIX = (rf"(?:{_PREFIX_PART}[ ](?=[A-Z]{{2,6}}[ /-]?\d))?(?:{_PREFIX_PART}(?:[/-]{_PREFIX_PART})*"
           r"(?:[ ]?[/.-]|[ ]|(?=\d)))?")
# digit groups joined by separators; a plain space joins only a group of 3+ digits ("DP 2024 0127",
# "HC 21 0933"), so "Ref: 1234 12 May 2024" stops before the date
REF_TOKEN = _PREFIX + r"\d[\w.]*(?:[ ]?[-/_.][ ]?[\w.]*\d[\w.]*|[ ]?[-/_][ ]?[A-Za-z0-9]+|[ ]\d{3,}\b(?![ ]?[-/:.]?[ ]?\d))*"
_REF = re.compile(REF_TOKEN)

_LABEL = re.compile(
    r"(?:"
    r"(?:freedom of information|foia?|information)?[ ]*(?:act[ ]*2000[ ]*)?(?:request[ ]*)?"
    r"(?:reference|ref)\.?[ ]*(?:nos?\.?|numbers?|#)?[ ]*[:.]?"
    r"|our[ ]+ref(?:erence)?\.?[ ]*(?:no\.?)?[ ]*:?"
    r"|enquiry[ ]+reference[ ]*(?:no\.?)?[ ]*:?"
    r"|foi[ ]+(?:response|request)[ ]*(?:no\.?|number)?[ ]*:"
    r"|(?:request|case|foi)[ ]+(?:no\.?|number|id)[ ]*:?"
    r"|response to (?:your )?(?:foi |freedom of information )?request(?:[ ]+(?:no\.?|number))?[ ]*:?"
    r"|freedom of information (?:act )?(?:request|response)(?=[ ]*[-–:]?[ ]*(?:[A-Z]{1,6}[ /-]?){0,3}\d)"
    r"|(?:allocated|given|assigned|logged (?:with|under))(?: the)? reference(?: number)?"
    # a heading "Request 2071/24 – Knife crime", "EIR 2004 – Request 118/24": the number has a separator
    r"|request(?=[ ]*:?[ ]+(?:[A-Z]{1,6}[ /.-]){0,3}\d+[-/.]\d)"
    r")[ ]*",
    re.IGNORECASE,
)
# Labels that name somebody else's reference: the requester's ("Your ref") or an earlier request's.
_NOT_OURS = re.compile(r"(?:your|previous|earlier|original|related|linked)\s*$", re.IGNORECASE)

# A label starts its line or follows a date/heading separator; "... a similar request (Ref 126-2025)" in a
# sentence is another request's reference.
_LABEL_POSITION = re.compile(r"(?:^\s*|\[\s*|[-–—:|/]\s*(?:[A-Z][\w'’&]*\s*){0,3}|^(?:(?:[A-Z][\w'’&]*|of|and|the|for)\s*){1,8})$")
_ALLOCATED = re.compile(r"(?:allocated|given|assigned|logged)\b", re.IGNORECASE)
_DATE_LIKE = re.compile(r"^(?:[0-2]?\d|3[01])[/.-](?:0?[1-9]|1[0-2])[/.-](?:\d{2}|(?:19|20)\d{2})$")
_TITLE_PAREN = re.compile(r"\((?:(?i:ref(?:erence)?)\.?:?[ ]?)?(" + REF_TOKEN + r")\)\s*$")
_TITLE_DASH_END = re.compile(r"\s[-–—]\s*(" + REF_TOKEN + r")\s*$")
_TITLE_DASH_START = re.compile(r"^((?:FOI|FOIA|REF)[ ]?" + REF_TOKEN + r")\s+[-–—]\s")
# any lettered reference opening a title before a dash: "IM-FOI-2024-2217 – Abandoned 101 calls"
# (letters, then digit groups joined by a separator, so a road name "A50 – ANPR cameras" is not one)
_TITLE_LETTERED_START = re.compile(r"^((?=(?:[A-Z]+[ /-]?)+\d+[-/.]\d)" + REF_TOKEN + r")\s+[-–—]\s")
# a title that opens with a prefixed reference: "FOIA-2022-1187 Vehicle pursuits", "RFI 22-0455 Drones"
_TITLE_PREFIXED_START = re.compile(r"^((?:FOIA?|RFI|EIR|REF)[ -]?\d[\w./-]*[/-][\w./-]*\d)\s+[A-Z]")


def _clean(token: str) -> str:
    token = re.sub(r"\s+", " ", token).strip()
    return token.rstrip(".,;:")


def _plausible(token: str, bare: bool) -> bool:
    year = re.fullmatch(r"((?:19|20)\d\d)[/-](\d\d|(?:19|20)\d\d)", token)
    if year and int(year.group(2)) % 100 == (int(year.group(1)) + 1) % 100:
        return False  # a financial year ("Gifts and hospitality – 2023/24")
    if re.fullmatch(r"[ABM]\d{1,4}", token):
        return False  # a road: "A5025", "M62"
    if re.fullmatch(r"(?:19|20)\d\d", token):
        return False  # a year: "Number of PCSOs 2020 – 2025" ends a range of years
    digits = sum(ch.isdigit() for ch in token)
    if digits < 2 and not re.search(r"\d+[A-Za-z]?/\d+", token):
        return False
    if bare:
        # a bare line must look like a reference, not a date, a year range or a publication number
        if _DATE_LIKE.match(token) or token.upper().startswith("PUB"):
            return False
        if digits < 3:
            return False
    return True


def _labelled(lines: list[str], ours_anywhere: bool = True) -> str | None:
    for i, line in enumerate(lines):
        for m in _LABEL.finditer(line):
            if not m.group(0).strip():
                continue
            before = line[: m.start()]
            if line[m.start() : m.start() + 1].isalpha() and before[-1:].isalpha():
                continue  # inside a word: "your reference" holds "our reference"
            if _NOT_OURS.search(before):
                continue
            # "... has been allocated reference number 2024-0999" is ours wherever it stands in a sentence
            # "Our reference" is ours wherever it stands: "Subject: RE: FOI request [Our reference: NCA/20/0391]"
            ours = m.group(0).lower().startswith("our")
            if not _LABEL_POSITION.search(before) and not _ALLOCATED.match(m.group(0)) and not (ours and ours_anywhere):
                continue
            rest = line[m.end():]
            label_has_colon = m.group(0).rstrip().endswith((":", "."))
            if not rest.strip() and label_has_colon and i + 1 < len(lines):
                rest = lines[i + 1]  # "Our ref:" with the reference on the next line
            # joint replies name the body before the number: "REFERENCE NOs: West Mercia Police 9707"
            rest = re.sub(r"^(?:[A-Z][a-z]+[ ]){1,4}(?=\d)", "", rest.strip().lstrip("-–—: "))
            tm = _REF.match(rest)
            # a date after a label is the date of the request ("Date of request: 11/01/2024"), never its reference
            if tm and _plausible(_clean(tm.group(0)), bare=False) and not _DATE_LIKE.match(_clean(tm.group(0))):
                # a body's code printed after the number ends the reference: "Our Ref: FOI 2019-23 OPCC"
                suffix = re.match(r"[ ][A-Z]{2,6}(?=\s*$)", rest[tm.end():])
                return _clean(tm.group(0) + (suffix.group(0) if suffix else ""))
    return None


def extract_reference(text: str, title: str | None = None, head_lines: int = 12) -> str | None:
    """The reference printed in the text (or title), or None. `text` is clean text (no chrome)."""
    lines = [ln for ln in text.split("\n") if ln.strip()]
    ref = _labelled(lines[:40], ours_anywhere=False)
    if ref:
        return ref
    titles = ([title] if title else []) + lines[:3]
    for t in titles:
        for pattern in (_TITLE_PAREN, _TITLE_DASH_END, _TITLE_DASH_START, _TITLE_LETTERED_START, _TITLE_PREFIXED_START):
            m = pattern.search(t)
            if m and _plausible(_clean(m.group(1)), bare=False):
                return _clean(m.group(1))
    # "our reference" inside a sentence comes after the title: "FOI 1048/24 – Raves" is this request, while
    # "a request from you (our reference FOI 837/24)" names an earlier one
    ref = _labelled(lines[:40])
    if ref:
        return ref
    for line in lines[:head_lines]:
        m = _REF.fullmatch(line.strip())
        if m and _plausible(_clean(m.group(0)), bare=True):
            return _clean(m.group(0))
    # a WhatDoTheyKnow thread prints the requester's letter first: the authority's labelled reference comes
    # with its reply, further down
    return _labelled(lines[40:])
