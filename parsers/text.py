"""Plain text in, clean text out: normalise whitespace and remove the page chrome that sites wrap around a
response (Single Online Home banners, WhatDoTheyKnow status lines, cookie notices, appeal-rights footers).

Chrome is recognised by its wording, not by position, because the same sentences appear both in saved page
text (the seeds) and in the HTML we crawl; stripping them here keeps the two paths giving the same record.
"""
from __future__ import annotations

import re
import unicodedata

# Whole lines that are page furniture on the sites we crawl. Matched case-insensitively against a stripped line.
_CHROME_LINE_PATTERNS = [
    r"(?:quickly exit this site.*|leave this site)",
    r"skip to (?:main )?content.*|skip to site content.*|skip to main menu",
    r"we use some essential cookies to make our website work\..*",
    r"you can manage your preferences and cookie settings at any time.*",
    r"your cookie preferences have been saved\..*",
    r"tell us whether you accept cookies",
    r"cookies on the .{1,80} website|we[’']d also like to set additional cookies.*|you[’']ve (?:accepted|rejected) additional cookies.*|"
    r"(?:accept|reject) additional cookies (?:reject|accept) additional cookies.*|"
    r"we use some essential cookies to make this website work\..*|this is a new service\W+your feedback.*",
    # a breadcrumb trail: "Home > Transparency > Freedom of Information > Disclosure Log", "Home FOI Disclosure log 2023"
    r"home\s*(?:[>›»|/]\s*)?(?:foi|freedom of information|transparency|about us|your right to information)\b.{0,100}",
    # any trail of two or more steps from Home: "Home / Publication library / FOI 2022-23/041 - Expenses"
    r"home\s*[>›»|/]\s*[^>›»|/\n]{1,60}[>›»|/].{0,200}",
    r"(?:accept|reject) (?:all |additional |analytics )?cookies|customise cookies|cookie settings",
    # a site's own cookie notice: "We use cookies to collect information about how you use the Police Scotland
    # website.", "This website uses cookies to understand how you use it. Accept all cookies Reject optional cookies"
    r"(?:we use|this (?:web)?site uses|(?-i:(?:[A-Z][\w'’&]*\s){1,4})uses) (?:some )?(?:essential |necessary |analytics? |optional )?cookies (?:to|on|so|which|that)\b[^?]{0,240}",
    r"sorry, there was a technical problem\. please try again\.?",
    r"this site is a beta, which means it's a work in progress.*|this site is a beta.*feedback.*",
    r"beta\s*this is a new service\..*",
    r"please be aware we[’']re making some improvements and building a new website\..*",
    r"font size:|speech:|print this page|share this page|back to top",
    r"coronavirus \(covid-19\)",
    r"how we are working to keep our foi requests running during covid-19",
    r"disclosure details",
    # WhatDoTheyKnow (Alaveteli) page furniture
    r"this is an html version of an attachment to the freedom of information request.*",
    r".{1,120} made this freedom of information request to .{1,200}",
    r"this request has been closed to new correspondence.*",
    r"the request was (?:refused|partially successful|successful|not held|withdrawn|rejected).*",
    r"the request is waiting for clarification.*|this request is awaiting classification.*",
    r"automatic anti-spam measures are in place.*",
    r"response to this request is (?:long )?overdue\..*|response to this request is delayed\..*",
    r"show quoted sections|hide quoted sections",
    r"\d+ attachments?",
    r"\S.{0,60} left an annotation \(.*\)",
]
_CHROME_LINE = re.compile(r"^(?:" + "|".join(_CHROME_LINE_PATTERNS) + r")$", re.IGNORECASE)

# The appeal-rights footer most responses end with: standard wording, never part of the decision.
_APPEAL_HEADING = re.compile(
    r"^(?:complaint rights|your right to (?:complain|request (?:an? )?(?:internal )?review).*|(?:[^/\n]{1,40} / )?right of appeal|"
    r"appeals? procedure|internal review(?: procedure)?|if you are (?:dissatisfied|unhappy|not satisfied) with "
    r"(?:the|this|our) (?:handling|response|decision).*|if you are dissatisfied with .*internal review.*)$",
    re.IGNORECASE,
)

_FOOTER_HEADING = re.compile(r"review|appeal|complain|rights|not happy|unhappy|dissatisfied", re.IGNORECASE)
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def normalise(text: str) -> str:
    """Unicode NFC, one kind of newline and space, no invisible characters, trailing spaces trimmed."""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", text))
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(lines)


def is_chrome_line(line: str) -> bool:
    return bool(_CHROME_LINE.match(line.strip()))


def strip_chrome(text: str) -> str:
    """Remove chrome lines and the trailing appeal-rights section; collapse runs of blank lines."""
    lines = [line for line in normalise(text).split("\n") if not is_chrome_line(line)]
    # Cut the appeal-rights footer, but only in the last part of the text: earlier a heading like
    # "Internal review" may be the subject of the request itself.
    for i, line in enumerate(lines):
        if i > len(lines) * 0.5 and _APPEAL_HEADING.match(line):
            lines = lines[:i]
            # and the footer's own heading above it ("Your right to request a review", "Not happy with our response?")
            while lines and not lines[-1]:
                lines.pop()
            if lines and len(lines[-1]) < 60 and not lines[-1].endswith(".") and _FOOTER_HEADING.search(lines[-1]):
                lines.pop()
            break
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


def collapse_ws(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def lower_same_length(text: str) -> str:
    """text.lower() with offsets unchanged (a few characters lower to two), so matches found in the
    lowercased text point into the original. Matching lowercase text without re.IGNORECASE is several
    times faster in Python's re, which is most of the parser's time."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)


def unwrap_lines(text: str) -> str:
    """`text` with each single line break inside a paragraph made a space, offsets unchanged, so a phrase
    hard-wrapped over two lines ("does not hold the information you\nhave requested") still matches."""
    return re.sub(r"(?<=\S)\n(?=[ \t]*[^\s])", " ", text)
