"""Which provisions a response relies on to withhold, and which it uses to neither confirm nor deny.

Every "Section N(...)" mention is found and split into citations ("31(1)(a)(b)" -> (1)(a), (1)(b)), then
mentions that are not reliance are dropped by their context: the requester's own words, other Acts
("section 34 of the DPA 2018"), sentences about a previous request, hypotheticals ("would need to be
refused"), and definitions ("Section 40(3A)(a) states that..."). A bare "Section 31" is kept only when the
response never prints a more specific 31(...). Cost-limit refusals count as s12 even without the number.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from bisect import bisect_left, bisect_right
from functools import lru_cache

from parsers.record import Citation, Decision
from parsers.statutes import can_neither_confirm_nor_deny, is_ncnd_subsection, is_withholding_citation, is_withholding_provision
from parsers.text import lower_same_length, unwrap_lines

_SUB = r"\(\s*(?:\d{1,2}[A-Z]?|[a-z]{1,4})\s*\)"
_SUBCHAIN = rf"(?:\s?{_SUB})+(?:\s*(?:&|and|,)\s*(?:{_SUB}\s?)+)*"
_NUM = r"\d{1,2}[A-Z]?(?![\d/])"
_MENTION = re.compile(
    rf"(?<![’'])\b(?P<word>sections?|secs?\.?|ss?\.?(?=\s?\d)|regulations?|regs?\.?(?=\s?\d)|eir(?=\s?\d))\s?"
    rf"(?P<num>{_NUM})(?P<sub>{_SUBCHAIN})?"
    rf"(?P<more>(?:\s*(?:,|and|&|or)\s*(?!\d{{3}})(?:s\.?\s?)?{_NUM}(?:{_SUBCHAIN})?)*)",
    re.IGNORECASE,
)
_MORE_ITEM = re.compile(rf"(?:s\.?\s?)?(?P<num>{_NUM})(?P<sub>{_SUBCHAIN})?", re.IGNORECASE)
_SUB_TOKEN = re.compile(r"\(\s*([0-9A-Za-z]{1,4})\s*\)")
_ROMAN = {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"}

_OTHER_ACT_AFTER = re.compile(
    # "Section 43 and Section 43A of the Terrorism Act": the whole list belongs to that Act
    r"^(?:\s*(?:,|and|or|&)\s*(?:sections?|ss?\.?)\s?\d{1,3}[A-Z]?(?:\s?\(\w{1,4}\))*)*"
    r"(?:[\s,]*(?:of|under|in)\s+(?:the\s+)?(?!freedom of information|foia?\b|act\b|environmental information|eir\b)"
    # the Act's name: capitalised words, joined by "and", "of", "for" ("Police and Fire Reform (Scotland) Act")
    r"(?:(?-i:[A-Z])[\w'’()]*\s+(?:(?:\(?(?-i:[A-Z])[\w'’()]*|and|of|for|&)\s+){0,7}?)?(?:act|regulations?|order|code)\b"
    r"|[\s,]*(?:of|under|in)\s+(?:the\s+)?(?:dpa|gdpr|uk gdpr|data protection|pace|ripa|ipa|firearms|criminal|police act|misuse)"
    r"|[\s,]*(?:stop|search|power|powers|authorisations?|permits?|certificates?)\b)",
    re.IGNORECASE,
)
# another Act by its initials: "Section 24 JSA", "s.60 CJPOA", "section 44 TACT" (not applied to a heading in
# capitals, "SECTION 31 LAW ENFORCEMENT")
_OTHER_ACT_INITIALS = re.compile(
    r"^\s+(?:of\s+)?(?:the\s+)?(?!(?:FOIA|FOI|EIRS?|FOISA|NCND|PIT)\b)[A-Z]{2,6}\b(?![ \t]*[-–—(]|[ \t]+[A-Z])")
_OTHER_ACT_BEFORE = re.compile(r"(?:article|articles|dpa(?: 2018)?|gdpr|paragraph|schedule|part)\s*$", re.IGNORECASE)
_DEFINITION_AFTER = re.compile(
    r"^[\s,]*(?:of the (?:foi |freedom of information )?act(?: 2000)?\s*,?\s*)?"
    r"(?:states|allows|provides|says|sets out|stipulates|explains|defines|reads|requires|places|means|applies where|"
    r"is (?:a|an|not)\b|are (?:a|prejudice|class|qualified)\b|"
    r"does not|do not)",
    re.IGNORECASE,
)
# a sentence that opens by explaining a section ("Section 40(2) provides ..."), read in lowercased text
_DEFINING_SENTENCE = re.compile(
    r"^(?:section|s\.?)\s?(\d{1,2}[a-z]?)(?:\s?\(\w{1,4}\))*" + _DEFINITION_AFTER.pattern.removeprefix("^"))
_RANGE_AFTER = re.compile(r"^\s*(?:to|-|–)\s*\d", re.IGNORECASE)
# Another request than this one; section 14(2) mentions are exempt from this (see extract_citations).
EARLIER_REQUEST = re.compile(r"previous(?:ly)? request|earlier request|your previous")
# A whole request refused, in words; never "no part of your request has been refused".
REQUEST_REFUSED = r"(?<!no part of )(?:this|your|the) request (?:is being|has been|is) (?:therefore )?refused"
_NOT_RELIED_SENTENCE = re.compile(
    EARLIER_REQUEST.pattern + r"|previously (?:refused|advised)|"
    r"would need to be refused|would have to be refused|could be refused|may be refused|"
    r"can apply|could (?:reasonably )?(?:apply|rely)|may apply|these include|may be (?:engaged|applied|used|relied)|might|"
    # a provision still being considered: "may engage the exemption in section 43 ... before reaching a decision"
    r"\b(?:may|could) (?:well )?engage\b|before (?:reaching|making|coming to) (?:a|our|its|any) (?:final )?decision|"
    r"(?:may|could)\b[^.]{0,40}\bbe exempt|if you (?:consider|think|believe|feel)|^if |"
    r"for example|such as section|the act (?:contains|lists|details|creates)|"
    # counterfactuals and contrasts: "had it been necessary ... this would have exceeded the cost limit",
    # "Unlike section 12 of the FOIA, the EIR contain no fixed cost limit"
    r"\bhad (?:it|we|this|they|you)\b|\bwould have (?:exceeded|been|applied|engaged)|\bunlike\b|\brather than (?:relying on |applying |citing |using )?(?:s|section)|"
    r"equivalent to (?:s|section)|"
    # provisions said not to apply: "I have not relied on section 14(2)", "I do not think section 40 would be engaged"
    r"(?:do not|don't) (?:think|believe|accept)|\b(?:cannot|can ?not|could not|should not),? (?:\w+,? )?(?:be (?:withheld|exempt)|claim|rely on)\b|would not be engaged|(?:is|are) not engaged|not (?:been )?relied|"
    r"(?:have|has) not (?:been )?applied|not been necessary|(?:could|may|might|would) be withheld|"
    r"would (?:ordinarily|normally|usually|otherwise) apply|consider(?:ed|ing)? whether|\b(?:may|might|could) (?:well )?exceed|"
    # what an earlier request was told: "We responded to that request ..., redacted under section 40(2)"
    r"(?:responded|replied) to (?:that|the (?:earlier|previous|original)) request|in (?:that|our (?:previous|earlier|original)) (?:response|reply)|"
    # an internal review or a repeat request recounting the first answer: "Our response of 29 October 2019
    # refused the request under section 31", "On that occasion ... withheld under section 31(1)(a)"
    r"\b(?:our|the) (?:original|earlier|previous|initial|first) (?:response|reply|decision)|\bour (?:response|reply|letter) (?:of|dated) \d|"
    r"\bon that occasion\b|"
    # the request answered inside the cost limit: "could be answered well within the appropriate limit under section 12"
    r"^(?!.*\b(?:not|unable|cannot|can't|exceed\w*)\b).*\bwithin the (?:appropriate |cost |fees? )?limit|"
    # FOIA s39 sending an environmental request to the EIR: "Section 39 directs that ... dealt with under the EIR"
    r"(?:dealt with|handled|considered|processed|answered) under the (?:eir|environmental information regulations)|"
    r"\bunder (?:the )?(?:freedom of information act|foia?)\b[^.]{0,80}\bwould\b|"
    # a provision the reviewer finds does not apply: "I am not persuaded that section 31 was correctly applied"
    r"\b(?:s|section)\.? ?(?!1\b|1\()\d+\w*(?:\(\w+\))* (?:does|did) not apply|not (?:correctly|properly|appropriately) applied|not persuaded|not upheld|"
    # explanation of the Act, not reliance: "the bodies listed at Section 23(3)", "the limit under section 12 is £450"
    r"\b(?:listed|named|specified) (?:at|in|under) (?:s|section)|you may (?:also )?be aware|limit[^.]{0,60}\bis £\s?\d|"
    r"as currently worded|it is likely that|\bpossible that\b|"
    # a cost remark about work that was done: "came close to the appropriate limit ..., but we have been able to
    # provide everything"
    r"\beven if\b|does not arise|outside (?:the scope of )?(?:this|your|the) request|"
    r"consideration (?:was |has been )?given to whether|gave consideration to whether|(?:do|does) not consider that (?:disclosure|releasing|release)|"
    # a sentence about another request named by its reference: "In response to 2022/FOI/019 we withheld ..."
    r"\bin (?:our )?(?:response|reply|answer) to (?:request |ref(?:erence)?\.? )?[a-z]*[-/]?\d\w*[-/.]\w|"
    r"\bclose to (?:the )?(?:appropriate |cost )?limit|\bclose to the\b[^.]{0,40}\blimit|(?:have|has) been able to (?:provide|answer|comply)",
    0,
)
# Wording only an authority uses when it relies on a provision.
_RELIANCE = re.compile(
    r"by virtue of|exempt (?:under|by virtue|pursuant)|exempt from disclosure|we (?:will |must )?rely|relying on|"
    r"(?:am|are|is) refusing|is being refused|withheld under|neither confirm|in terms of (?:section|s\.?)|"
    r"refusal notice|(?:am|are|is) applying|has been applied|have applied|(?:are|is) engaged|pursuant to|not obliged"
)
# The requester speaking ("I appreciate that some details may be withheld under section 31, but I would ask...",
# "How many times did you rely on section 24(2)?").
_REQUESTER_VOICE = re.compile(
    r"\bi (?:would (?:ask|like|be grateful)|appreciate|understand|believe|think|accept|am aware|request|want|wish)\b|"
    r"\b(?:please|can you|could you|would you|how many|how often|my request|number of)\b|\?")
_NCND_PHRASE = re.compile(
    r"neither\s+confirm(?:s|ing)?\s+n?or\s+den(?:y|ies|ying)|\bncnd\b|duty to confirm or deny does not (?:apply|arise)|"
    r"(?:refus(?:e|es|ing)|not required) to reveal whether|section 18\s?\(1\) of the freedom of information \(scotland\)|"
    r"duty in s(?:ection)?\.?\s?1\s?\(\s?1\s?\)\s?\(\s?a\s?\).{0,80}?does not apply",
    re.IGNORECASE | re.DOTALL,
)
_NCND_ASSERTION = re.compile(
    r"\b(?:can|will|must|shall|would|does|do|cannot|to)\s+neither\s+confirm\s+n?or\s+deny|"
    r"(?:can|will)\s+not\s+confirm\s+or\s+deny|refus(?:e|es|ing) to reveal whether|neither confirm(?:s)? n?or den(?:y|ies) (?:whether|that|any|holding)",
    0,
)
COST_REFUSAL = re.compile(
    r"(?:exceed(?:s|ed|ing)?|in excess of|(?:is|are|be|well|far) (?:above|over|beyond))\s+(?:the\s+)?"
    r"[‘'\"“]?(?:(?:current|statutory|prescribed|foi|foia|relevant|set|£\s?\d+)\s+)*"
    r"(?:appropriate|cost|costs|fees?|time|reasonable cost|£\s?\d+)\s+(?:\(cost\)\s+)?(?:limit|level|threshold)|"
    # the sum named: "it would cost more than £450 to comply", "would be in excess of £450"
    r"\bcost (?:more than|in excess of|over|in the region of) £\s?\d|\bwould be (?:more than|in excess of|over) £\s?\d|"
    r"(?:appropriate|cost|fees?) limit (?:would be|is|has been|was) exceeded|"
    r"(?:not|unable to|cannot|could not|can't)\b[^.]{0,80}?within the (?:appropriate|cost)\s*(?:\(cost\)\s*)?limit|(?:above|exceed(?:s|ed)?) the amount to which we are legally required|"
    r"\b(?:18|eighteen)[- ]hour (?:threshold|limit)|too costly|excessive cost of compliance|"
    r"(?:exceed(?:s|ed|ing)?|well over|more than|in excess of|beyond|above) (?:the )?(?:18|eighteen) hours?|"
    r"appropriate level.{0,40}fees and appropriate limit",
    0,
)


@dataclass
class Mention:
    start: int
    end: int
    act: str
    section: str
    subsections: list[str]


def split_subsections(chain: str) -> list[str]:
    """'(2)(a)(b) and (3)(a)(i)(ii)(b)' -> ['(2)(a)', '(2)(b)', '(3)(a)(i)', '(3)(a)(ii)', '(3)(b)']."""
    tokens = _SUB_TOKEN.findall(chain or "")
    results: list[str] = []
    path: list[tuple[int, str]] = []
    for tok in tokens:
        if tok[0].isdigit():
            level = 0
        elif tok.lower() in _ROMAN and path and path[-1][0] >= 1 and not (
            path[-1][0] == 1 and len(tok) == 1 and ord(tok) == ord(path[-1][1]) + 1
        ):
            level = 2
        else:
            level = 1
        if path and path[-1][0] >= level:
            results.append("".join(f"({t})" for _, t in path))
            path = [p for p in path if p[0] < level]
        path.append((level, tok))
    if path:
        results.append("".join(f"({t})" for _, t in path))
    return results or [""]


def _is_sentence_break(text: str, nl: int) -> bool:
    """Is the newline at `nl` a sentence boundary? Not where hard-wrapped prose continues on the next line."""
    prev = text[max(0, text.rfind("\n", 0, nl) + 1) : nl].rstrip()
    nxt = text[nl + 1 : nl + 2]
    if not prev or not nxt.strip():
        return True
    if prev[-1] in ".:?!;":
        return True
    return not (nxt.islower() or nxt in "(" or (len(prev) >= 55 and prev[-1].isalnum()))


# The longest stretch read as one sentence (characters)
_MAX_SENTENCE = 1500
_BOUNDARY = re.compile(r"[.?!:](?=\s)|[.?!:]\Z|\n")


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """The sentence around `pos`: from after the last full stop (or sentence-ending newline) before it to the
    next one after it, punctuation included."""
    starts, end_at, end_value = _sentences(text)
    return starts[bisect_right(starts, pos) - 1], end_value[bisect_left(end_at, pos)]


@lru_cache(maxsize=4)
def _sentences(text: str) -> tuple[list[int], list[int], list[int]]:
    """Sentence boundaries of the whole text, found once: where sentences start, and for each sentence-ending
    character its position and where the sentence ends (after a full stop or colon, before a newline). A run
    longer than _MAX_SENTENCE without a boundary is cut into pieces of that length, so that no mention looks at
    more text than that (a page of capitals with no full stop would otherwise make parsing quadratic)."""
    starts = [0]
    end_at: list[int] = []
    end_value: list[int] = []
    for m in _BOUNDARY.finditer(text):
        i = m.start()
        ch = text[i]
        if ch == "\n":
            if _is_sentence_break(text, i):
                starts.append(i + 1)
                end_at.append(i)
                end_value.append(i)
            continue
        if ch != ":":
            starts.append(i + 1)
        end_at.append(i)
        end_value.append(i + 1)
    end_at.append(len(text))
    end_value.append(len(text))
    return _cut_long_runs(starts, len(text)), *_cut_long_runs_pairs(end_at, end_value)


def _cut_long_runs(points: list[int], length: int) -> list[int]:
    out = []
    for here, after in zip(points, points[1:] + [length]):
        out.extend(range(here, after, _MAX_SENTENCE) if after - here > _MAX_SENTENCE else (here,))
    return out


def _cut_long_runs_pairs(end_at: list[int], end_value: list[int]) -> tuple[list[int], list[int]]:
    at: list[int] = []
    value: list[int] = []
    previous = 0
    for i, v in zip(end_at, end_value):
        for forced in range(previous + _MAX_SENTENCE, i, _MAX_SENTENCE):
            at.append(forced)
            value.append(forced)
        at.append(i)
        value.append(v)
        previous = i
    return at, value


# A text cut inside a subsection chain: "Section 31(1)(a)(b" is the last thing printed
_CUT_SUB = re.compile(r"\(\s*[0-9A-Za-z]{1,4}\s*$")


def find_mentions(text: str, act_default: str) -> list[Mention]:
    mentions = []
    for m in _MENTION.finditer(text):
        word = m.group("word").lower()
        act = "EIR" if word.startswith(("reg", "eir")) else act_default
        sub = m.group("sub")
        if sub and not m.group("more") and len(text) - m.end() <= 8 and _CUT_SUB.match(text, m.end()):
            sub += text[m.end():].strip() + ")"
        items = [(m.group("num"), sub)]
        for more in _MORE_ITEM.finditer(m.group("more") or ""):
            items.append((more.group("num"), more.group("sub")))
        for num, sub in items:
            mentions.append(Mention(m.start(), m.end(), act, num.upper(), split_subsections(sub or "")))
    return mentions


def _ncnd_zones(text: str, exclude=()) -> list[tuple[int, int]]:
    """Spans in which a cited provision is used to neither confirm nor deny: the sentence with the NCND
    wording plus the list of provisions printed right after it; and, in a response that neither confirms nor
    denies, the sentence saying what would apply "if held", with its list."""
    zones: list[tuple[int, int]] = []
    lowered = text.lower()
    if "confirm" not in lowered and "ncnd" not in lowered and "reveal whether" not in lowered:
        return zones
    for m in _NCND_PHRASE.finditer(text):
        s, e = _sentence_bounds(text, m.start())
        if not _in_requesters_words(m.start(), " ".join(lowered[s:e].split()), exclude):
            zones.append(_zone_with_list(text, m.start(), m.end()))
    if zones:
        for m in _IF_HELD.finditer(text):
            zones.append(_zone_with_list(text, m.start(), m.end()))
        # FOISA s18(1) rests on other exemptions, named in the paragraph that invokes it: "In terms of section
        # 18(1) ... In this case the relevant exemptions are sections 35(1)(a) and (b)"
        for m in re.finditer(r"section 18\s?\(1\)", text, re.IGNORECASE):
            start = text.rfind("\n\n", 0, m.start()) + 1
            end = text.find("\n\n", m.end())
            zones.append((start, end if end != -1 else len(text)))
    return zones


# "If held, the information would be exempt under the following sections:" in an NCND response
_IF_HELD = re.compile(
    r"\bif (?:(?:it|the information|such information|any information|this information)(?: (?:that )?you (?:have )?(?:requested|asked for|seek|sought))? )?(?:is |was |were )?held\b|"
    r"\bwere (?:it|the information|such information|any information) (?:to be )?held\b|"
    r"\bif (?:it|such information|the information|any information) (?:did )?(?:existed|exists|exist|was held|were held)\b",
    re.IGNORECASE)


@lru_cache(maxsize=256)
def _names_provisions(text: str, start: int, end: int) -> bool:
    return _MENTION.search(text, start, end) is not None


def _zone_with_list(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around start..end, extended over a list of provisions printed on the lines after it."""
    s, e = _sentence_bounds(text, start)
    e = max(e, end)
    nl = text.find("\n", e)
    stop = e
    introduces_list = text[max(0, e - 1)] == ":" or (nl != -1 and text[e:nl].rstrip().endswith(":"))
    # a sentence that names its provisions and ends is complete: the "Section 31(1)(a)(b) – Law Enforcement"
    # heading under it opens the explanation of another part's exemption, not a list of NCND provisions
    names_its_provisions = _names_provisions(text, s, e)
    if (nl != -1 and text[e:nl].strip() == "" and not names_its_provisions) or introduces_list:
        pos = nl + 1 if nl != -1 else len(text)
        while pos < len(text):
            line_end = text.find("\n", pos)
            line_end = len(text) if line_end == -1 else line_end
            line = text[pos:line_end].strip()
            if line and not re.match(r"^(?:s(?:ection)?s?\.?\s?\d|reg)", line, re.IGNORECASE):
                break
            stop = line_end
            pos = line_end + 1
    return s, max(stop, e)


def detect_act(text: str) -> str:
    if re.search(r"freedom of information \(scotland\) act|\bfoisa\b|scottish information commissioner", text, re.IGNORECASE):
        return "FOISA"
    # Police Scotland's own phrasing and reference prefix, where the Act is not named
    if re.search(r"police scotland|scottish police authority|\bin terms of section\b|\bIM-FOI-\d", text, re.IGNORECASE) and not re.search(
            r"freedom of information act 2000", text, re.IGNORECASE):
        return "FOISA"
    return "FOIA"


def extract_citations(text: str, exclude: list[tuple[int, int]] = ()) -> list[Citation]:
    """Citations relied on in `text`, skipping mentions inside `exclude` spans (the request)."""
    return decide_citations(text, exclude)[0]


# Confidence of each way a citation is found, calibrated on corpus, corpus2 and corpus3 (see README): the
# reason shown to a journalist, and how often that kind of finding is right.
_HOW_FOUND = {
    "ncnd": ("named where the response neither confirms nor denies", 0.9),
    "relied": ("named with wording of reliance", 0.9),
    "heading": ("named as an exemption heading", 0.85),
    "in_request_span": ("named in the answer's voice inside what looked like the request", 0.75),
    "bare": ("named in the response, with no wording of reliance beside it", 0.7),
    "explained": ("explained in a refusal that names no other provision", 0.65),
    "published": ("explained beside a pointer to where the information is published", 0.65),
    "cost": ("a refusal on cost grounds (section 12), the number not printed", 0.75),
    "cost_framework": ("a refusal beside the cost-limit rules, no other ground given (section 12)", 0.6),
}
_MAX_EVIDENCE = 600  # characters: a longer NCND zone (a whole FOISA s18 paragraph) gives the mention's sentence
# The cost or time of answering, talked of (lowercased text)
_COST_TALK = re.compile(
    r"appropriate (?:limit|level)|cost (?:limit|of compliance|threshold)|£\s?(?:450|600)\b|\b18 hours\b|\bretriev|"
    r"\bmanual(?:ly)? (?:search|review|check)")
# Wording that says a provision is relied on (for confidence only: the filters above decide what is kept).
_RELIED_WORDING = re.compile(
    _RELIANCE.pattern + r"|\bexempt|\bexceptions?\b|\bappl(?:y|ies|ied|icable)\b|\bengag|\bwithh[eo]ld|\brefus|\bunder (?:s|section)|\bin terms of\b")


def decide_citations(text: str, exclude: list[tuple[int, int]] = ()) -> tuple[list[Citation], Decision]:
    """Citations relied on in `text` and the Decision behind them: the sentences that relied on the
    provisions (verbatim, joined with " … "), the weakest way any of them was found, and its confidence."""
    act_default = detect_act(text)
    lowered = _lowered(text)
    zones = _ncnd_zones(text, exclude)
    found: dict[tuple[str, str, str], bool] = {}
    order: list[tuple[str, str, str]] = []
    how: dict[tuple[str, str, str], tuple[str, tuple[int, int] | None]] = {}  # key -> (way found, sentence span)
    defined: list[Mention] = []  # provisions only explained ("Section 14(2) provides that ...")
    dropped = 0  # provisions named but not relied on
    for mention in find_mentions(text, act_default):
        if not is_withholding_provision(mention.act, mention.section):
            continue
        s, e = _sentence_bounds(text, mention.start)
        sentence = " ".join(lowered[s:e].split())
        after = text[mention.end : mention.end + 120]
        line_start = text.rfind("\n", 0, mention.start) + 1
        is_heading = bool(text[line_start : mention.start].strip() == "" and _HEADING_AFTER.match(after))
        if _in_requesters_words(mention.start, sentence, exclude, zones, is_heading):
            continue
        before = text[max(0, mention.start - 20) : mention.start]
        if _OTHER_ACT_AFTER.match(after) or _OTHER_ACT_BEFORE.search(before) or _RANGE_AFTER.match(after):
            continue
        if _OTHER_ACT_INITIALS.match(after) and not text[mention.start:mention.end].isupper():
            continue
        if mention.section == "14" and mention.act == "FOIA":
            # section 14(2) is *about* an earlier request: naming one is no sign that this mention is another's
            sentence = EARLIER_REQUEST.sub("", sentence)
        zone = next(((a, b) for a, b in zones if a <= mention.start <= b), None)
        in_zone = zone is not None
        # "If the information did exist and were held, it would be exempt under ...": in an NCND reply that
        # conditional is how the exemptions are relied on, not a hypothetical
        if _finds(_NOT_RELIED_SENTENCE, sentence[3:] if in_zone and sentence.startswith("if ") else sentence):
            dropped += 1
            continue
        defining = _DEFINING_SENTENCE.match(sentence)
        if (_DEFINITION_AFTER.match(after) and not is_heading) or (defining and defining.group(1) == mention.section.lower()):
            # "Section 40(2) provides an exemption ... where one of the conditions in Section 40(3A), (3B) or
            # 40(4A) is met": the parts of a section named in the sentence that explains it are explanation
            defined.append(mention)
            continue
        if in_zone:
            way = "ncnd"
        elif any(a <= mention.start < b for a, b in exclude):
            way = "in_request_span"
        elif _finds(_RELIED_WORDING, sentence):
            way = "relied"
        elif is_heading:
            way = "heading"
        else:
            way = "bare"
        for sub in mention.subsections:
            if not is_withholding_citation(mention.act, mention.section, sub):
                continue
            key = (mention.act, mention.section, sub)
            ncnd = is_ncnd_subsection(*key) or (in_zone and can_neither_confirm_nor_deny(mention.act, mention.section))
            # an NCND list's evidence is the sentence that neither confirms nor denies, with its list
            where = zone if way == "ncnd" and zone[1] - zone[0] <= _MAX_EVIDENCE else (s, e)
            if key not in found:
                order.append(key)
                found[key] = ncnd
                how[key] = (way, where)
            else:
                found[key] = found[key] or ncnd
                if _HOW_FOUND[way][1] > _HOW_FOUND[how[key][0]][1]:
                    how[key] = (way, where)
    # a refusal that cites nothing else relies on the provision it explains: "Section 14(2) provides that a
    # public authority is not obliged to comply ... We consider that this request is substantially similar"
    refusal_explains = bool(defined) and not order and _refuses(text, exclude)
    for mention in defined:
        # "It is published on our website. Section 25(1) of the Act provides that information which an applicant
        # can reasonably obtain ... is exempt": the accessible-elsewhere exemption is only explained to rely on it
        published = (mention.act, mention.section) in _ACCESSIBLE_ELSEWHERE and _PUBLISHED.search(lowered)
        if refusal_explains or published:
            for sub in mention.subsections:
                key = (mention.act, mention.section, sub)
                if is_withholding_citation(*key) and key not in found:
                    order.append(key)
                    found[key] = is_ncnd_subsection(*key)
                    how[key] = ("explained" if refusal_explains else "published", _sentence_bounds(text, mention.start))
    cost_way = None
    if not any(k[1] == "12" for k in order):
        cost_sentence = cost_refusal_span(text, exclude)
        if cost_sentence:
            cost_way = ("cost", cost_sentence)
        elif not order and _refuses(text, exclude):
            # "The Fees Regulations set a limit of 18 hours ... we are not obliged to provide the information"
            for framework in _COST_FRAMEWORK.finditer(lowered):
                fs, fe = _sentence_bounds(text, framework.start())
                if not (any(a <= framework.start() < b for a, b in exclude)
                        and _finds(_REQUESTER_VOICE, " ".join(lowered[fs:fe].split()))):
                    cost_way = ("cost_framework", (fs, fe))
                    break
    if cost_way:
        key = (act_default, "12", "")
        order.append(key)
        found[key] = False
        how[key] = cost_way
    for mention in defined:
        # a bare "section 12 applies to the whole of your request" (or a cost refusal that prints no number) is
        # the "Section 12(1) provides ..." it comes with: keep the provision at that subsection
        specific = [k for k in order if k[:2] == (mention.act, mention.section) and k[2]]
        if (mention.act, mention.section, "") in found and not specific:
            for sub in mention.subsections:
                key = (mention.act, mention.section, sub)
                if sub and is_withholding_citation(*key) and key not in found:
                    order.append(key)
                    found[key] = found[(mention.act, mention.section, "")] or is_ncnd_subsection(*key)
                    how[key] = how[(mention.act, mention.section, "")]
    kept = [
        k for k in order
        if not any(o != k and o[0] == k[0] and o[1] == k[1] and o[2].startswith(k[2]) for o in order)
    ]
    citations = [Citation(act, section, sub, found[(act, section, sub)]) for act, section, sub in kept]
    return citations, _citations_decision(text, exclude, [how[k] for k in kept], dropped + len(defined))


def _citations_decision(text: str, exclude, ways: list[tuple[str, tuple[int, int]]], not_relied: int) -> Decision:
    if not ways:
        if _refuses(text, exclude):
            return Decision(None, 0.6, "refusal wording, but no provision found")
        talk = _COST_TALK.search(_lowered(text))
        if talk:
            # most refusals the parser misses are cost refusals that never print section 12
            s, e = _sentence_bounds(text, talk.start())
            return Decision(text[s:e].strip(), 0.5, "no provision found, but the response talks of the cost or time of answering")
        if not_relied:
            return Decision(None, 0.85, "provisions named only in explanation, hypothetically or about another request")
        return Decision(None, 0.9, "no provision named")
    spans: list[tuple[int, int]] = []
    for _, span in ways:
        if span not in spans:
            spans.append(span)
    evidence = " … ".join(text[a:b].strip() for a, b in spans)
    weakest = min((way for way, _ in ways), key=lambda w: _HOW_FOUND[w][1])
    reason, confidence = _HOW_FOUND[weakest]
    return Decision(evidence, confidence, reason)


# The authority asking the requester to clarify or narrow before it answers (lowercased text). A cost estimate
# in such a letter invites a narrower request; it refuses nothing.
CLARIFICATION_SOUGHT = (
    r"please clarify|request for clarification|we require (?:further )?clarification|would you (?:please )?clarify|"
    r"need more (?:detail|information) from you|(?:once|when|until) we receive (?:your|this|the) clarification|"
    r"need (?:some |more |further )+(?:information|details?|clarification) from you|before we can respond to your request|"
    # "Under section 1(3) ... until we have the further information we reasonably need"; "it would help us if you could tell us"
    r"further information (?:we|i) (?:reasonably )?(?:need|require)|(?:help us|grateful) if you could (?:tell|let|confirm|clarify|specify)|"
    r"(?:once|when) we (?:receive|have) your (?:reply|response|clarification)|(?:ask|asking) you to clarify|clarify your request|"
    r"could you (?:also )?(?:please )?(?:confirm|clarify|specify|tell us) (?:whether|which|what|if)|"
    r"need you to (?:clarify|confirm|specify|narrow)|please could you (?:tell us|clarify|confirm|specify)|"
    r"until we (?:receive|have) (?:the|this|that) (?:further )?(?:information|clarification)")
_CLARIFICATION_SOUGHT = re.compile(CLARIFICATION_SOUGHT)

# Exemptions for information the requester can reach another way (FOIA s21, FOISA s25), and the response
# pointing to where it is.
_ACCESSIBLE_ELSEWHERE = {("FOIA", "21"), ("FOISA", "25")}
_PUBLISHED = re.compile(r"\b(?:is|are|was|were|been) (?:already )?(?:published|publicly available|available (?:on|at|via|from))|link below|following link")

# A response refusing the request, in words that do not name the provision.
_REFUSAL = re.compile(
    r"decided not to comply|(?:unable|not able) to comply with (?:your|this|the) request|"
    + REQUEST_REFUSED + r"|refusal notice|(?:is|are) therefore refused|"
    r"not obliged to comply with (?:your|this) request|(?:will not|won't|not) be able to provide (?:you with )?(?:the|this|any) information|not obliged to (?:provide|supply|release|disclose) (?:you with )?(?:the|this|any|a) (?:information|response)")
# The cost-limit framework named: with a refusal and no other ground, the refusal is on cost (section 12).
_COST_FRAMEWORK = re.compile(r"appropriate limit|fees (?:and appropriate limit )?regulations|cost limit|£\s?450\b|\b18 hours\b")


# An exemption said to apply: "The exemption applicable to the withheld information is section 31(1)(a)(b)",
# "Exemption 21 ... is engaged"
_AUTHORITY_APPLIES = re.compile(r"\bexempt|\bexceptions? (?:appl|(?:is|are) engaged)|\b(?:appl(?:y|ies|ied|icable)|engaged)\b")
# After a provision that opens its line, the dash of an exemption heading: "Section 30(1) – Investigations"
_HEADING_AFTER = re.compile(r"^[^.\n]{0,60}?[-–—]")


@lru_cache(maxsize=1024)
def _finds(pattern: re.Pattern, sentence: str) -> bool:
    """pattern.search(sentence), remembered: the mentions of one sentence ask the same questions of it."""
    return pattern.search(sentence) is not None


def _in_requesters_words(pos: int, sentence: str, exclude, zones=(), heading: bool = False) -> bool:
    """Is `pos` (in lowercased `sentence`) the requester's text? The request span is where the request finder
    thinks the request is, and it often runs on into the answer (an empty REQUEST heading, a table that lost its
    columns): inside it, a sentence in the authority's own voice ("South Wales Police neither confirms nor
    denies ... by virtue of", "is exempt under") or a provision listed under such a sentence is the answer's,
    unless the sentence also reads as the requester's ("please", "how many", a question). An exemption heading
    ("Section 30(1) – Investigations and proceedings") is the answer's too: requesters do not write them."""
    if not any(a <= pos < b for a, b in exclude):
        return False
    if _finds(_REQUESTER_VOICE, sentence):
        return True
    authority_voice = (heading or _finds(_RELIANCE, sentence) or _finds(_AUTHORITY_APPLIES, sentence)
                       or _finds(_NCND_ASSERTION, sentence) or any(a <= pos <= b for a, b in zones))
    return not authority_voice


# One lowercasing (and unwrapping) per document, however many questions are asked of it
@lru_cache(maxsize=4)
def _lowered(text: str) -> str:
    return lower_same_length(text)


@lru_cache(maxsize=4)
def _unwrapped(text: str) -> str:
    return unwrap_lines(_lowered(text))


def _refuses(text: str, exclude: list[tuple[int, int]]) -> bool:
    return _refuses_outside(text, tuple(exclude))


@lru_cache(maxsize=4)
def _refuses_outside(text: str, exclude: tuple[tuple[int, int], ...]) -> bool:
    return any(not any(a <= m.start() < b for a, b in exclude) for m in _REFUSAL.finditer(_unwrapped(text)))


def relies_on_cost_limit(text: str, exclude: list[tuple[int, int]] = ()) -> bool:
    """A refusal on cost grounds, even where section 12 is not printed."""
    return cost_refusal_span(text, exclude) is not None


def cost_refusal_span(text: str, exclude: list[tuple[int, int]] = ()) -> tuple[int, int] | None:
    """Where the sentence refusing on cost grounds is (start, end), even where section 12 is not printed."""
    lowered = _unwrapped(text)
    if not any(word in lowered for word in ("limit", "threshold", "costly", "cost", "hour", "legally required")):
        return None  # cheap pre-check: the full pattern is slow on long texts
    refuses = _refuses(text, exclude)
    if not refuses and any(not any(a <= m.start() < b for a, b in exclude) for m in _CLARIFICATION_SOUGHT.finditer(lowered)):
        return None  # "... would take well over 18 hours. Could you confirm which events you mean?"
    hedged = None
    for m in COST_REFUSAL.finditer(lowered):
        s, e = _sentence_bounds(text, m.start())
        sentence = " ".join(lowered[s:e].split())
        # a cost refusal is the authority's voice, unless the sentence reads as the requester's
        if any(a <= m.start() < b for a, b in exclude) and _finds(_REQUESTER_VOICE, sentence):
            continue
        if _finds(_NOT_RELIED_SENTENCE, sentence) or sentence.startswith("if "):
            continue
        if not _HEDGED_COST.search(sentence):
            return s, e
        hedged = hedged or (s, e)
    # "a search of those archives is likely to exceed the appropriate limit", "if the cost ... would exceed the
    # limit, we will let you know": a warning, unless the response also refuses something
    return hedged if refuses else None


# A cost remark about what might happen: advice before a future request, a conditional, a likelihood.
_HEDGED_COST = re.compile(r"\bif\b|\blikely to\b|\bin (?:the )?future\b|\bshould you\b|\bwere to\b|\bany future\b")


def asserts_ncnd(text: str, exclude: list[tuple[int, int]] = ()) -> bool:
    return ncnd_sentence(text, exclude) is not None


def ncnd_sentence(text: str, exclude: list[tuple[int, int]] = ()) -> str | None:
    """The first sentence in which the authority itself neither confirms nor denies, verbatim; None if none."""
    lowered = _lowered(text)
    if "neither" not in lowered and "not confirm" not in lowered and "reveal whether" not in lowered:
        return None  # cheap pre-check
    for m in _NCND_ASSERTION.finditer(lowered):
        s, e = _sentence_bounds(text, m.start())
        if not _in_requesters_words(m.start(), " ".join(lowered[s:e].split()), exclude):
            return text[s:e].strip()
    return None


# NCND stated in other words than "neither confirm nor deny", found where the provisions are (lowercased)
_NCND_WORDING = re.compile(r"\bncnd\b|duty to confirm or deny does not (?:apply|arise)|not required to reveal whether")


def decide_ncnd(text: str, citations: list[Citation], exclude: list[tuple[int, int]] = ()) -> tuple[bool, Decision]:
    """Does the response neither confirm nor deny (any part of) the request, and the sentence that says so."""
    sentence = ncnd_sentence(text, exclude)
    if sentence:
        return True, Decision(sentence, 0.9, "the response neither confirms nor denies")
    ncnd_citations = [c for c in citations if c.ncnd]
    if ncnd_citations:
        first = ncnd_citations[0]
        return True, Decision(_sentence_naming(text, first, exclude), 0.75,
                              f"an exemption used to neither confirm nor deny ({first.label})")
    lowered = _lowered(text)
    if "confirm or deny" in lowered or _NCND_WORDING.search(lowered):
        return False, Decision(None, 0.8, "confirm-or-deny wording only in explanation, not used")
    return False, Decision(None, 0.95, "no neither-confirm-nor-deny wording")


def _sentence_naming(text: str, citation: Citation, exclude) -> str | None:
    """The first sentence outside the requester's words that names `citation`'s section and subsection."""
    lowered = _lowered(text)
    zones = _ncnd_zones(text, exclude)
    for mention in find_mentions(text, citation.act):
        if mention.section == citation.section and any(sub.startswith(citation.subsection) for sub in mention.subsections):
            s, e = _sentence_bounds(text, mention.start)
            if not _in_requesters_words(mention.start, " ".join(lowered[s:e].split()), exclude, zones):
                return text[s:e].strip()
    return None
