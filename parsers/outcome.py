"""The response's decision: full, partial, refused, ncnd, not_held, other or unknown, with its evidence.

Signals are read from the authority's part of the text only: after the request, and elsewhere only the
sentences an authority alone writes (`parsers.cues.AUTHORITY_VOICE`). A decision the response states itself
("decided to disclose some of the requested information") wins; otherwise, in this order, NCND weighed with
what else is said, something withheld (citations, refusal wording) against something given, "not held",
advice or transfer, and information given decide. Text that stops before any decision is visible stays
`unknown`: the parser invents nothing. `outcome_decision` returns the sentence that decided, the cue in
words and a confidence (`parsers.record.Decision`).
"""
from __future__ import annotations

import heapq
import re
from typing import NamedTuple

from parsers.citations import CLARIFICATION_SOUGHT, COST_REFUSAL, EARLIER_REQUEST, REQUEST_REFUSED, asserts_ncnd
from parsers.cues import AUTHORITY_VOICE, GIVEN, REQUESTER_VOICE, STATED_PARTIAL, STATED_REFUSED, WHOLLY_NOT_HELD
from parsers.dates import DATE_PATTERN
from parsers.figures import NUMBERED_THING, ROW_NUMBER, is_table_row
from parsers.record import Citation, Decision
from parsers.sentences import sentence_at, sentence_spans
from parsers.text import lower_same_length, unwrap_lines

_I = 0  # patterns are matched against lowercased text (see decide)

_STATED_PARTIAL = re.compile(
    # "I have today decided to disclose some of th": the formula decides even where the text stops inside it
    r"decided to (?:disclose|release|provide) (?:some|part) of\b|"
    r"partial(?:ly)? (?:disclos|releas|provid)|(?:disclose|release|provide) (?:some|part) of the information|"
    r"decided to (?:disclose|release|provide) the (?:requested )?information (?:for|in relation to|requested (?:at|in)) (?:questions?|parts?|points?) \d|"
    # released with redactions: "I have decided to release both, with some information removed."
    r"with (?:some )?(?:information|details|content|parts?|names?|data) (?:removed|redacted)|with redactions|"
    r"(?:released|disclosed|provided) in (?:a )?redacted (?:form|format|version)", _I)
_STATED_REFUSED = re.compile(
    r"decided (?:to exempt|not to (?:disclose|release|provide))|"
    + REQUEST_REFUSED + r"|must be considered as a whole|i am refusing your request|we are refusing|"
    r"unable to (?:provide|disclose|release) (?:you with )?(?:the|any|this) (?:information|data)(?: you have)?(?: requested)?|"
    r"(?:cannot|will not|can not) be (?:disclosed|provided|released)|not obliged to (?:release|disclose|provide)|"
    r"applies to the whole (?:of the |of your )?request|(?:apply|applies|refuse|refusing|refused|exempt|exempting)\b[^.]{0,30}\bthe whole of your request|refusal notice for (?:this|your) (?:particular )?request|"
    r"(?:exempt|exempting) (?:any|all) (?:the )?information|exempt the requested information|consider this (?:a|as a) refusal|"
    r"(?:is|are|am) refusing (?:your|this|the) request", _I)
_STATED_FULL = re.compile(
    r"decided to (?:disclose|release|provide) (?:all )?(?:of )?the (?:requested|located) information|"
    r"(?:disclose|release|provide) the (?:requested )?information (?:to you )?in full|"
    r"(?:provided|disclosed|released|supplied) in full\b|full disclosure|"
    r"holds? all (?:of )?the (?:requested )?information[^.]{0,60}\b(?:provided|set out|given) below|(?:the whole|all) of your request has been answered|"
    r"(?:disclose|release|provide) (?:all|the whole) of the (?:requested )?information|please (?:find|see) all (?:of )?the (?:requested )?information", _I)
_GIVEN = re.compile(
    r"please (?:find|see) (?:(?:the )?(?:information |data |figures |table )?below|overleaf)\s*(?:[.:]|\n|$)|"
    r"please (?:find|see) (?:the )?(?:data|figures|information|table|spreadsheet|documents?|details|answers?|attached (?:data|figures|spreadsheet|information|file|documents?))|"
    r"(?<!request for )(?:data|figures|information|spreadsheet|file) (?:is |are )?(?:attached|enclosed|below|as follows)|"
    r"i am (?:able|pleased) to (?:disclose|provide|confirm|attach|enclose|release|supply)|able to disclose|please (?:find|see) (?:below )?the (?:requested )?information|(?<!link )(?<!links )provided (?:in full )?below|provided in full|"
    r"gesture of goodwill|(?:i|we) (?:have )?(?:also )?(?:supplied|attached|enclosed)\b|(?:i|we) (?:attach|enclose)\b|please (?:find|see) (?:the )?attached (?![^.\n]{0,40}?\b(?:response|reply|letter)\b)|provided (?:you with )?(?:the|some) (?:information|data|figures)|"
    r"(?:the )?(?:figures|data) (?:provided|supplied)|see the data set below|dataset below|"
    r"the answer (?:is|to)|in addition to the (?:attached|above|figures|information)|regardless of the above provided|"
    # a yes/no answer; "No personal data is released" is not one
    r"(?:^|\n)[ \t]*(?:q\d+[.:]?[ \t]*|a?\d+[.):][ \t]*)?(?:yes\b[ ,.;:–-]|no(?:[,.;:–-]|[ \t]*(?:\n|$)| (?:we|i|it|they|there)\b))|"
    r"(?:information|data|figures|answers?|details|which|it) (?:is |are )?(?:given|set out|shown|listed|provided|detailed) (?:in the (?:tables?|list|attached \w+) )?below|\b(?:is|are) attached\b|in the attached\b|"
    # "I have provided the relevant link" points elsewhere (section 21); it gives nothing here
    r"(?:we|i) have (?:disclosed|released|provided (?:the|some|you)(?! (?:with )?(?:the |a )?(?:relevant |following )?(?:links?|explanation|url)\b))", _I)
# Figures that may be an answer, or may only describe the search behind a cost refusal.
_FIGURE_PHRASES = re.compile(
    r"there (?:are|were|is|was) (?:currently )?\d|(?:\|\s*\n[^\n]*){3}|total (?:of|number) .{0,40}\d|"
    # a count in words opening a statement: "Seven officers reported injuries."
    r"(?:^|\n|[.!?] )(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty)"
    r" (?!exemptions|sections|requests|working|days|weeks|months|years|hours)[a-z]+s (?:were|was|are|have|had|[a-z]+ed)\b", _I)
# Nothing requested is held: "none of the information you requested is held".
_WHOLLY_NOT_HELD = re.compile(
    r"none of the (?:requested )?information(?: (?:that )?you (?:have )?(?:requested|asked for|sought))? is held|"
    r"the information (?:that )?you (?:have )?(?:requested|asked for|sought) is (?:therefore |thus |consequently )?not held|"
    r"(?:do|does) not hold (?:the|any) (?:recorded )?information (?:you have |that you have |you )?(?:requested|asked for|sought)|"
    r"(?:do|does) not hold any (?:recorded )?information (?:relevant to|that would answer|within the scope of) (?:your|this) request|"
    r"holds? no (?:recorded )?information (?:relevant to|within the scope of|in relation to) (?:your|this|the)|"
    r"no (?:recorded )?information (?:is )?held (?:in relation to|relevant to|for) (?:any part of )?(?:your|this) request|"
    + WHOLLY_NOT_HELD.pattern, _I)
# Something requested is not held (all of it, or a part).
_NOT_HELD = re.compile(
    _WHOLLY_NOT_HELD.pattern + r"|"
    r"no (?:recorded )?information (?:is )?held|(?:information|data|it|this)(?: (?:that )?(?:you (?:have )?)?(?:requested|asked for|sought))? is (?:therefore |thus |consequently )?not held(?! in (?:an?|the) )|does not hold (?:the|any)|"
    r"do(?:es)? not hold (?:this |that |the |any |such )?(?:recorded )?(?:information|data|records?)|not held by|"
    r"holds? no (?:recorded )?(?:information|data|records?)|no (?:recorded )?information (?:of this (?:description|kind|type) )?(?:is )?held", _I)
# Some of it is held, so a "no information held" is about one part: "the information you seek is partly held"
_PARTLY_HELD = re.compile(r"partly held|held in part|(?:do|does) not hold some of")
_NCND_PART = re.compile(
    r"neither confirm n?or deny (?:that|whether) (?:it|we|the \w+) (?:holds?|hold) any (?:other|further|additional)|"
    r"any (?:other|further) information|in addition to the (?:attached|above)", _I)
_ATTACHED_RESPONSE = re.compile(r"please (?:see|find) (?:attached )?(?:our|the) (?:attached )?response|see attached our response", _I)
# The request sent on to the body that holds it: "I have transferred your request to Dorset Police". A
# transfer is the decision even where the letter also says this body holds nothing.
_TRANSFERRED = (r"(?:transferred|forwarded|passed|referred) (?:your (?:request|e-?mail|letter)|it|this request)(?: in full| on)? to|"
                r"(?:request|it|e-?mail|letter) (?:has been|was|have been|will be|is being|should be) (?:transferred|forwarded|passed|referred)")
_ADVICE_ONLY = re.compile(_TRANSFERRED + "|" + CLARIFICATION_SOUGHT + r"|not a public authority (?:for the purposes of|under)|not a request (?:that|which) can be (?:answered|dealt with)|(?:following|this) advice (?:is|may be) of assistance|"
                          r"rather than (?:for )?recorded information|not (?:already )?held in recorded form|"
                          r"(?:may wish to|should|will need to) (?:contact|write to|approach|apply to) (?!the (?:information )?commissioner|the ico\b)|not a valid request|"
                          r"(?:is|are) held by (?:another|a different)|"
                          r"(?:should|may wish to) (?:direct|redirect|send|submit) your request to|"
                          # pointed elsewhere: "I would therefore suggest that you send your request to the Constabulary"
                          r"(?:suggest|recommend|advise) (?:that )?you (?:send|submit|direct|redirect|contact|write to|make|approach)\b|(?:best|better) placed to (?:answer|respond|deal)|"
                          # not a request for recorded information: "We have therefore not treated your email as a request"
                          r"not (?:been )?treated (?:(?:your|this|it)\b[^.]{0,40}? )?as (?:a|an) (?:valid )?(?:foi |freedom of information )?request", _I)
_TRANSFER = re.compile(_TRANSFERRED, _I)
_ACKNOWLEDGEMENT = re.compile(
    r"will now be considered|acknowledge receipt|has been logged(?! under their)|logged under (?!their)|extension letter|"
    r"(?:extend|extending) the (?:time|deadline)|you will receive a response within|\b(?:is|are) (?:hereby )?acknowledged\b", _I)
_PART_SCOPED_REFUSAL = re.compile(
    r"(?:at (?:these|this) (?:points?|part)|this part of (?:your|the) request|(?:question|point|part)s? \d|q\d|(?:for|to|in) (?:this|that) question\b)", _I)


_OTHER_ACT_PROVISION = re.compile(
    r"\b(?:sections?|s\.?)\s?\d+[a-z]?(?:\(\w{1,4}\))*\s+of\s+the\s+(?:[a-z][\w'’]*\s+){1,6}?act(?:\s+\d{4})?", _I)
_FOI_ACT = re.compile(r"freedom of information|\bfoia?\b|information \(scotland\)|environmental information|\bthe act\b", _I)
_NOT_AN_ANSWER = re.compile(
    r"section|\bs\.?\s?\d|\bsec\.?\s?\d|\bact\b|regulation|page|telephone|\btel\b|e-?mail|article|principle|gdpr|\bdpa\b|"
    r"\bref\b|reference|https?:|"
    # a deadline or period, as in the rights-of-review footer: "apply to the Commissioner within 6 months",
    # "published on the website for 28 days"
    r"\b(?:within|for|after|up to) \d+ (?:calendar |working )?(?:days?|weeks?|months?)\b", _I)
# A paragraph that counts the work a search would take ("6,235 records at 5 minutes each"): its figures
# describe a cost refusal, not an answer.
_SEARCH_ARITHMETIC = re.compile(
    r"limit|hours?\b|minutes?\b|working days?|costs? (?:limit|threshold)|threshold|fees? regulations|"
    r"cost (?:of|to) (?:compl|locat|retriev|extract|search|review|answer|provid|respond|the (?:force|office|constabulary))|"
    r"would (?:take|require|need|involve)|(?:we|i) estimate", _I)
_QUESTION_LABEL = re.compile(r"^(?:(?:question|q|part|point)\s*\d+[a-z]?\s*[–:.)-]?|\d{1,2}[.):]|\(?[a-z]\))\s*", _I)
_REFERENCE_LIKE = re.compile(r"\b[a-z]+[-/]?\d[\w/-]*|\b\d+(?:[-/]\d+)+\b", _I)
_DATE_OR_YEAR = re.compile(DATE_PATTERN + r"|\b\d{1,2}(?:st|nd|rd|th)? (?:january|february|march|april|may|june|july|august|september|october|november|december)\b|\b(?:19|20)\d\d(?:/\d\d(?:\d\d)?)?\b|\b\d{1,2}(?:st|nd|rd|th)\b", _I)


# A number used as a quantity: money, a percentage, a count of something ("6 arrests"), or a stated value.
_QUANTITY = re.compile(
    # a number is read from its first digit (the look-behind), so a long run of digits costs linear time
    r"£\s?\d|\d\s?%|(?<![\d,.])\d(?:[\d,]|\.\d)*\s+(?!and\b|or\b|to\b)[a-z]{2,}|"
    r"(?:\b(?:is|are|was|were|total|totals|totalled)|[:=|–-])\s*\d|(?<![\d,.])\d[\d,.]*\s*\|", _I)


# The police phone lines are names, not figures: "abandoned 101 calls", "calls to 999", "the 111 service"
_SERVICE_NUMBER = re.compile(
    r"(?<!were )(?<!are )(?<!was )(?<!received )(?<!total of )(?<!: )\b(?:101|999|111)\b(?=(?:\s*(?:and|or|/|&)\s*(?:101|999|111)\b)*\s*(?:calls?|numbers?|services?|lines?|non-emergency|"
    r"emergency|contacts?|system|call handl|performance|data|statistics|figures|summar|reports?))|(?<=calls to )(?:101|999|111)\b|(?:(?<=dial )|(?<=ring )|(?<=call ))(?:101|999|111)\b", _I)


def _answers_with_figures(text: str) -> int | None:
    """The offset of a statement giving a figure ("The force has 22 qualified drone pilots.", "Refused in
    2023: 23"), the commonest way a full answer shows itself without any stock phrase; None when there is none."""
    # sentence by sentence: "The force owns 412 devices. Their locations are exempt under section 31."
    rows = 0
    first_row = None
    offset = 0
    candidates = []
    for paragraph in text.split("\n"):
        if ROW_NUMBER.fullmatch(paragraph.strip()):
            rows += 1
            first_row = offset if first_row is None else first_row
        if not _SEARCH_ARITHMETIC.search(paragraph):
            at = offset
            for sentence in re.split(r"(?<=[a-z0-9%)]\.)[ \t]+", paragraph):
                candidates.append((at, sentence))
                at += len(sentence) + 1
        offset += len(paragraph) + 1
    if rows >= 6:
        return first_row  # a table printed one cell per line
    for at, s in candidates:
        s = s.strip()
        # another Act's provision named beside a figure ("612 offences ..., contrary to section 3 of the
        # Dangerous Dogs Act 1991") leaves the figure an answer; a sentence about the FOI Act's own sections does not
        if _OTHER_ACT_PROVISION.search(s) and not _FOI_ACT.search(s):
            s = _OTHER_ACT_PROVISION.sub(" ", s)
        if not s or s.endswith("?") or _NOT_AN_ANSWER.search(s):
            continue
        s = _QUESTION_LABEL.sub("", s)  # the question's number
        if is_table_row(s):
            return at
        figures = _DATE_OR_YEAR.sub("", _REFERENCE_LIKE.sub("", re.sub(r"\(\w{1,4}\)", "", NUMBERED_THING.sub("", s))))
        if not _QUANTITY.search(figures):
            continue  # numbers that name things ("rounds 3 and 4") are not figures
        words = s.split()
        numeric = sum(bool(ROW_NUMBER.fullmatch(w)) for w in words)
        if len(words) >= 3 and (s.endswith(".") or re.search(r"(?::|\s[-–])\s*£?[\d,.]+", s) or "|" in s):
            return at
        if numeric >= 2 and len(words) <= 8:  # a row led by a date ("31 March 2017 24.6 FTE"), which _is_table_row drops
            return at
    return None


_SIGN_OFF = re.compile(r"^(?:[^/\n]{1,30} / )?(?:yours (?:sincerely|faithfully)|(?:kind |best |warm )?regards|many thanks)\b", re.IGNORECASE)


# The rights-of-review paragraph closes a response: text that has shown it was not cut before its decision.
_REVIEW_RIGHTS = re.compile(
    r"internal review|information commissioner|if you are (?:dis|not |un)?(?:satisfied|happy|unhappy)|"
    r"right (?:of|to) (?:review|appeal|complain)|complaint rights", re.IGNORECASE)


# The web page's own footer after the response: "Date responded: 19 December 2017", "Last updated: ...",
# "back to top", "Back to Category List", "No attachments".
_PAGE_END = re.compile(r"^(?:date (?:responded|of request|published|released)|last updated|back to (?:top|category list)|"
                       r"(?:no |include )?attachments\b|references$|related documents$)", re.IGNORECASE)


def _truncated(text: str) -> bool:
    lines = [ln.strip() for ln in text.rstrip().split("\n")]
    if any(_SIGN_OFF.match(ln) for ln in lines[-6:]):
        return False  # a signature block ends the letter: complete
    if any(_PAGE_END.match(ln) for ln in lines[-3:]):
        return False  # the page went on past the response: complete
    if _REVIEW_RIGHTS.search(text[-800:]):
        return False
    tail = text.rstrip()
    return bool(tail) and tail[-1] not in ".!?)\"”’'|:>"


class Verdict(NamedTuple):
    """The outcome, where in the text it was decided (an offset, None when nothing decided it), the cue that
    decided in a journalist's words, and how sure the parser is (0..1)."""

    outcome: str
    at: int | None
    reason: str
    confidence: float


def _first(*matches) -> int | None:
    """The offset of the first of these matches (or offsets) that exists."""
    for m in matches:
        if m is None or m is False:
            continue
        if isinstance(m, int) and not isinstance(m, bool):
            return m
        if hasattr(m, "start"):
            return m.start()
    return None


def decide_outcome(response_text: str, citations: list[Citation], ncnd: bool, request_text: str | None = None) -> str:
    """`response_text` is the authority's part (text after the request); `request_text` the request, if shown."""
    return decide(response_text, citations, ncnd, request_text).outcome


def decide(response_text: str, citations: list[Citation], ncnd: bool, request_text: str | None = None, *,
           partly_held: bool = False) -> Verdict:
    """The outcome of `response_text` (the authority's part), with the offset in it of the words that decided.
    `partly_held`: the text before the request says only part is held."""
    t = lower_same_length(response_text)
    if not t.strip():
        return Verdict("unknown", None, "no response text visible", 0.8)
    # phrases are searched in `flat`, where a hard-wrapped line ("does not hold the information you\nhave
    # requested") is rejoined; line-shaped signals (figures, parts, the cut) read `t`. Both have the same offsets.
    flat = unwrap_lines(t)
    citations, ncnd = _cost_not_ncnd(citations, ncnd, flat)
    request_parts = _last_part(lower_same_length(request_text or ""))  # 0 where its parts are not numbered
    withheld = [c for c in citations if not c.ncnd]
    acknowledged = list(_ACKNOWLEDGEMENT.finditer(flat))
    if acknowledged and not citations and not ncnd:
        # an acknowledgement or extension letter: no decision yet, unless a reply follows it (a thread)
        later = flat[acknowledged[-1].end():]
        if not (_STATED_FULL.search(later) or _STATED_PARTIAL.search(later) or _STATED_REFUSED.search(later)
                or _GIVEN.search(later) or _NOT_HELD.search(later) or _stated(_ADVICE_ONLY, later)):
            return Verdict("unknown", acknowledged[-1].start(), "an acknowledgement: no decision yet", 0.85)
    stated_partial = _first_match(_STATED_PARTIAL, STATED_PARTIAL, text=flat)
    if stated_partial:
        return Verdict("partial", stated_partial.start(), "the response says it gives part of the information", 0.9)
    given = _gives(t)
    given = given if given is not None else _gives(flat)
    attached = _ATTACHED_RESPONSE.search(flat)
    refusal = _first_match(_STATED_REFUSED, STATED_REFUSED, text=flat)
    not_held = _asserted(_NOT_HELD, flat)
    truncated = _truncated(t)
    unnumbered = _SERVICE_NUMBER.sub("", t)
    figures = _answers_with_figures(unnumbered)
    if figures is None:
        phrase = _FIGURE_PHRASES.search(unnumbered)
        figures = phrase.start() if phrase else None
    ncnd_at = _first(_NCND_WORDING.search(flat), _section_at(t, next((c.section for c in citations if c.ncnd), None)))
    if ncnd:
        part = _NCND_PART.search(flat)
        stated_full = _STATED_FULL.search(flat)
        if given is not None or figures is not None or attached or stated_full:
            return Verdict("partial", _first(given, figures, attached, stated_full, part, ncnd_at),
                           "information given, and NCND for the rest", 0.8)
        if part:  # NCND only for "any other information": something was said about the rest
            whole = _asserted(_WHOLLY_NOT_HELD, flat)
            if whole:
                return Verdict("not_held", whole.start(), "the information is not held (NCND only for any other)", 0.7)
            return Verdict("partial", part.start(), "NCND for any other information besides what was given", 0.6)
        if not_held:
            # one part denied, another neither confirmed nor denied: nothing given, so a refusal of the whole
            return Verdict("refused", _first(ncnd_at, not_held), "part not held and part NCND, nothing given", 0.7)
        ncnd_context = _context_at(t, ncnd_at) if ncnd_at is not None else ""
        if truncated and _PART_SCOPED_REFUSAL.search(ncnd_context) and not withheld:
            return Verdict("unknown", ncnd_at, "NCND for some parts, the text stops before the others", 0.6)
        # "This letter represents a Refusal Notice": the formal notice an NCND reply must give, not a withholding
        if withheld or (refusal and "refusal notice" not in refusal.group(0)):
            return Verdict("refused", _first(refusal, _section_at(t, withheld[0].section) if withheld else None, ncnd_at),
                           "exemptions applied and NCND, nothing given", 0.75)
        return Verdict("ncnd", ncnd_at, "neither confirms nor denies holding the information", 0.85)
    # refused on cost or as vexatious/repeated: figures describe the search or the requester's history
    procedural_only = bool(withheld) and all(_is_procedural_refusal(c) for c in withheld)
    if withheld or refusal:
        withheld_at = _first(refusal, *(_section_at(t, c.section) for c in withheld))
        # figures in a cost refusal usually describe the search that would be needed, not an answer
        if refusal and given is not None and _FRAMING_ONLY.match(flat, given):
            given = _first(_gives(t, framing_ok=False), _gives(flat, framing_ok=False))
        if given is not None or attached or (figures is not None and (not procedural_only or (_part_scoped_cost_refusal(t) and not refusal))):
            return Verdict("partial", _first(withheld_at, given, attached, figures),
                           "information given, and some withheld", 0.8)
        contexts = [_context(t, c.section) for c in withheld if c.section != "12"]
        if refusal:
            contexts.append(_context_at(t, refusal.start()))
        if truncated and contexts and all(_PART_SCOPED_REFUSAL.search(c) for c in contexts) and not any(c.section == "12" for c in withheld):
            # some parts refused, the rest cut off: the decision on the whole is not visible, unless every
            # part of the request has been dealt with before the cut (and nothing was given in any of them)
            refused_parts = {int(n) for n in re.findall(r"\b(?:question|point|part|q)s?\s*(\d{1,2})\b", t)}
            if not request_parts or not refused_parts.issuperset(range(1, request_parts + 1)):
                return Verdict("unknown", withheld_at, "some parts refused, the text stops before the others", 0.75)
        if refusal:
            return Verdict("refused", refusal.start(), "the response says it refuses", 0.9)
        if procedural_only:
            return Verdict("refused", withheld_at, "refused on cost or as vexatious/repeated, nothing given", 0.8)
        return Verdict("refused", withheld_at, "exemption applied, nothing given", 0.75)
    stated_full = _STATED_FULL.search(flat)
    if stated_full:
        # "it is provided in full below": a not-held remark is about something else
        return Verdict("full", stated_full.start(), "the response says it gives all the information", 0.9)
    transfer = _stated(_TRANSFER, flat)
    if transfer and given is None and figures is None:
        return Verdict("other", transfer.start(), "the request was transferred to another body", 0.8)
    if not_held:
        if given is not None or figures is not None:
            if _cut_before_last_part(t, truncated, request_parts):
                return Verdict("unknown", _first(given, figures), "parts answered, the text stops before the last part", 0.5)
            # a part not held is not withheld: "disclosed + part not held, nothing withheld = full"
            return Verdict("full", _first(given, figures), "information given; what is not given is not held", 0.5)
        # cut off after saying none of the requested information is held: the rest is explanation or advice
        whole = _asserted(_WHOLLY_NOT_HELD, flat)
        if whole and not _PART_SCOPED_REFUSAL.search(_context_at(t, whole.start())) and not (partly_held or _PARTLY_HELD.search(flat)):
            return Verdict("not_held", whole.start(), "the response says none of the information is held", 0.9)
        # every part of the request answered "not held" before the cut
        every_part = request_parts and _parts_not_held(t).issuperset(range(1, request_parts + 1))
        if truncated and not every_part:
            return Verdict("unknown", not_held.start(), "some information not held, the text stops before the rest", 0.5)
        return Verdict("not_held", not_held.start(), "the information is not held", 0.8)
    advice = _stated(_ADVICE_ONLY, flat)
    if advice and given is None:
        if truncated:
            return Verdict("unknown", advice.start(), "advice given, the text stops before any decision", 0.6)
        return Verdict("other", advice.start(), "advice or clarification only", 0.75)
    if given is not None or figures is not None:
        # answered part by part, and cut before the last part is reached, or inside the last part before its
        # answer shows: that part may yet be withheld
        if _cut_before_last_part(t, truncated, request_parts):
            return Verdict("unknown", _first(given, figures), "parts answered, the text stops before the last part", 0.5)
        if given is not None:
            return Verdict("full", given, "information given, nothing withheld", 0.8 if not truncated else 0.65)
        return Verdict("full", figures, "figures given, nothing withheld", 0.6 if not truncated else 0.45)
    if truncated:
        return Verdict("unknown", None, "no decision visible before the text stops", 0.8)
    return Verdict("unknown", None, "no decision found in a complete response", 0.5)


# NCND in words: "can neither confirm nor deny that it holds"
_NCND_WORDING = re.compile(r"neither confirm|\bncnd\b|confirm or deny")


def _cut_before_last_part(text: str, truncated: bool, request_parts: int) -> bool:
    """Answered part by part, and cut before the last part is reached, or inside the last part before its
    answer shows: that part may yet be withheld."""
    return truncated and (_last_part(text) < request_parts or bool(request_parts and _last_part_undecided(text)))


def _sentence_start(text: str, pos: int) -> int:
    """Where the sentence holding `pos` starts: after the last ". " or line break before it."""
    full_stop = text.rfind(". ", 0, pos)
    return max(full_stop + 2 if full_stop != -1 else 0, text.rfind("\n", 0, pos) + 1)


# A conditional: "If the correspondence cannot be dealt with as FOI, it will be forwarded internally".
_CONDITIONAL = re.compile(r"(?:if|should|where|unless|in the event)\b")


def _stated(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The first match of `pattern` in a sentence that states it, not one that only says what would happen if."""
    for m in pattern.finditer(text):
        start = _sentence_start(text, m.start())
        start += len(text[start : m.start()]) - len(text[start : m.start()].lstrip())
        if not _CONDITIONAL.match(text, start):
            return m
    return None


# A sentence about what confirming or denying would reveal: "confirming that information is not held would
# assist attackers" explains an NCND, it says nothing is held of nothing.
_HYPOTHETICAL = re.compile(r"\b(?:confirming|denying|whether|if|would|could|might)\b")
_SUPPOSED_AFTER = re.compile(r"\s(?:would|could|might)\b")  # "stating that no information is held would reveal"


def _asserted(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The first match of `pattern` not supposed by the words before it in its sentence."""
    for m in pattern.finditer(text):
        # the few words before it: a list joined to the next line by unwrapping has no sentence end to stop at
        start = max(_sentence_start(text, m.start()), m.start() - 60)
        if not _HYPOTHETICAL.search(text, start, m.start()) and not _SUPPOSED_AFTER.match(text, m.end()):
            return m
    return None


def _first_match(*patterns: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The earliest match in `text` of any of `patterns`."""
    matches = [m for m in (p.search(text) for p in patterns) if m]
    return min(matches, key=lambda m: m.start(), default=None)


def _cost_not_ncnd(citations: list[Citation], ncnd: bool, flat: str) -> tuple[list[Citation], bool]:
    """Section 12(2) (the cost of finding out whether anything is held) refuses on cost; it is not an NCND
    response unless the response also neither confirms nor denies in words."""
    cost_ncnd = [c for c in citations if c.ncnd and _is_procedural_refusal(c)]
    if not cost_ncnd or any(c.ncnd and not _is_procedural_refusal(c) for c in citations) or "neither confirm" in flat:
        return citations, ncnd
    return [Citation(c.act, c.section, c.subsection, False) if c in cost_ncnd else c for c in citations], False


def _section_at(text: str, section: str | None) -> int | None:
    if section is None:
        return None
    m = re.search(rf"(?:section|s\.?)\s?{section}\b", text, re.IGNORECASE)
    return m.start() if m else None


_PART_LABEL = re.compile(r"^[ \t]*(?:(?:(?:q(?:uestion)?|a(?:nswer)?|part|response)[ \t]*)?(\d{1,2})[ \t]*[.):–-]|"
                         r"(?:question|part|response|answer)[ \t]*(\d{1,2})[ \t]*$)", re.MULTILINE)


# A sentence about another request: "We responded to that request on 28 March and provided the information."
_ABOUT_ANOTHER_REQUEST = re.compile(EARLIER_REQUEST.pattern + r"|\bthat request\b|(?:previous|earlier|original) (?:response|reply)", _I)


# "Our response is provided below": it frames whatever follows, which may be a refusal.
_FRAMING_ONLY = re.compile(r"(?<=response )provided (?:in full )?below|(?<=response is )provided (?:in full )?below")


_YES_NO = re.compile(r"\n?(?<![ \t])[ \t]*(?:q\d+[.:]?[ \t]*|a?(?<!\d)\d+[.):][ \t]*)?(?:yes|no)\b")


def _gives(text: str, framing_ok: bool = True) -> int | None:
    """Where the response says it gives information; None if it does not, or only in a sentence about an
    earlier request. `framing_ok=False` does not count "our response is provided below"."""
    for m in heapq.merge(_GIVEN.finditer(text), GIVEN.finditer(text), key=lambda m: m.start()):  # lazily: the first good one ends it
        if not framing_ok and _FRAMING_ONLY.match(text, m.start()):
            continue
        if _YES_NO.match(text, m.start()) and "clarif" in text[max(0, m.start() - 200) : m.start()]:
            continue  # the requester's "Yes please" to the authority's clarifying question
        start = max(text.rfind(".", 0, m.start()), text.rfind("\n\n", 0, m.start())) + 1
        end = text.find(".", m.end())
        if not _ABOUT_ANOTHER_REQUEST.search(text[start : end if end != -1 else len(text)]):
            return m.start()
    return None


def _is_procedural_refusal(citation: Citation) -> bool:
    """Section 12 (cost) or 14 (vexatious, repeated) of FOIA/FOISA, or EIR 12(4)(b) (manifestly unreasonable)."""
    if citation.act == "EIR":
        return citation.section == "12" and citation.subsection.startswith("(4)(b)")
    return citation.section in ("12", "14")


_LETTER_LABEL = re.compile(r"^[ \t]*\(?([a-h])\)[ \t]", re.MULTILINE)


def _last_part(text: str) -> int:
    """The highest part labelled at a line start ("3.", "Q3", "A3:", or "c)" as 3), 0 where parts are not labelled."""
    return max([int(a or b) for a, b in _PART_LABEL.findall(text)]
               + [ord(letter) - ord("a") + 1 for letter in _LETTER_LABEL.findall(text)], default=0)


# Weighing release, which may end in withholding: "In considering whether these can be released, ..."
_DELIBERATION = re.compile(r"whether [^.]{0,60}(?:released|disclosed|provided|withheld|exempt)|public interest|\bexempt|prejudice", _I)


def _parts_not_held(text: str) -> set[int]:
    """The numbers of the parts whose answer (the text from one part label to the next) says 'not held'."""
    labels = list(_PART_LABEL.finditer(text))
    ends = [m.start() for m in labels[1:]] + [len(text)]
    return {int(m.group(1) or m.group(2)) for m, end in zip(labels, ends)
            if _NOT_HELD.search(unwrap_lines(text[m.start():end]))}


def _last_part_undecided(text: str) -> bool:
    """Cut inside the last part's answer while it is weighing release, before giving anything: information,
    figures, a table row or 'not held'."""
    labels = list(_PART_LABEL.finditer(text))
    if not labels:
        return False
    after = text[labels[-1].end():]
    answer = after
    first_line_end = after.find("\n")
    if first_line_end != -1 and after[:first_line_end].rstrip().endswith(("?", ":")):
        answer = after[first_line_end + 1:]  # the part's question, when its answer starts on the next line
    table = re.search(r"^[^\n|]*\|[^\n|]*\|", answer, re.MULTILINE)  # a row of a table being given
    answered = (table or _gives(answer) is not None or _answers_with_figures(_SERVICE_NUMBER.sub("", answer)) is not None
                or _NOT_HELD.search(unwrap_lines(answer)))
    return bool(_DELIBERATION.search(after)) and not answered


def _part_scoped_cost_refusal(text: str) -> bool:
    """A cost refusal for one question only ("not obliged to answer this part of your request"), so figures
    elsewhere are answers to the other questions, not a description of the search."""
    return any(_PART_SCOPED_REFUSAL.search(_context_at(text, m.start()) + text[m.end() : m.end() + 300])
               for m in COST_REFUSAL.finditer(text))


def _context(text: str, section: str) -> str:
    m = re.search(rf"(?:section|s\.?)\s?{section}\b", text, re.IGNORECASE)
    return _context_at(text, m.start()) if m else ""


def _context_at(text: str, pos: int) -> str:
    """The sentence at `pos` and the few lines before it, where a response says which part it answers; its
    whitespace collapsed, so a line wrapped by a PDF ("for\nthis question") reads as printed."""
    lines = [ln for ln in text[:pos].split("\n") if ln.strip()][-3:]
    sentence_end = text.find(".", pos)
    return " ".join((" ".join(lines)[-300:] + " " + text[pos : sentence_end if sentence_end != -1 else pos + 200]).split())


def outcome_decision(body: str, request_span: tuple[int, int] | None, citations: list[Citation], ncnd: bool,
                     request_text: str | None = None) -> tuple[str, Decision]:
    """The outcome of the response in `body`, and the Decision behind it: the sentence that decided
    (verbatim from `body`), the cue in words, and a confidence.

    The response is read after the request; before it and inside what was taken for the request, only the
    sentences an authority alone writes: a letter may state its decision before quoting the request ("I am
    not obliged to supply the information you have requested. You wrote: ..."), and a request found in the
    wrong place may have swallowed part of the response. A letterhead's phone numbers or the request's own
    figures are never read as an answer.
    """
    if not request_span:
        return _decided(body, decide(body, citations, ncnd, request_text), [(0, 0)])
    start, end = request_span
    # the text read: the authority's sentences before the response, one per line, then the response
    voiced = _authority_sentences(body, end)
    pieces, where, offsets = [], 0, []
    for a, b in voiced:
        offsets.append((where, a))
        pieces.append(body[a:b] + "\n")
        where += b - a + 1
    offsets.append((where + 1, end))
    text = "".join(pieces) + "\n" + body[end:]
    # an NCND statement inside the span was not seen by the caller, which reads outside the request
    ncnd = ncnd or any(start <= a and asserts_ncnd(body[a:b]) for a, b in voiced)
    partly_held = bool(_PARTLY_HELD.search(unwrap_lines(lower_same_length(body[:start]))))
    verdict = decide(text, citations, ncnd, request_text, partly_held=partly_held)
    if verdict.at is not None and start <= _to_body(verdict.at, offsets) < end:
        # decided by a sentence inside what was taken for the request: the response, or a requester quoting it
        verdict = verdict._replace(confidence=min(verdict.confidence, 0.7))
    return _decided(body, verdict, offsets)


def _to_body(pos: int, offsets: list[tuple[int, int]]) -> int:
    """The offset in the body of offset `pos` in the text read (`offsets`: where each piece starts, in the text
    read and in the body)."""
    text_start, body_start = max((o for o in offsets if o[0] <= pos), default=offsets[0])
    return body_start + pos - text_start


def _decided(body: str, verdict: Verdict, offsets: list[tuple[int, int]]) -> tuple[str, Decision]:
    """The outcome and its Decision, the evidence quoted from `body`."""
    evidence = sentence_at(body, _to_body(verdict.at, offsets)) if verdict.at is not None else None
    return verdict.outcome, Decision(evidence, verdict.confidence, verdict.reason)


def _authority_sentences(body: str, end: int) -> list[tuple[int, int]]:
    """The sentences of body[:end] (everything before the response) that only an authority writes."""
    flat = unwrap_lines(lower_same_length(body[:end]))
    return [(a, b) for a, b in sentence_spans(body[:end])
            if AUTHORITY_VOICE.search(flat, a, b) and not REQUESTER_VOICE.search(flat, a, b)]
