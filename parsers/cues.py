"""Cue lexicons: the words in which police forces and PCCs state what they decided about a request.

Each lexicon is data (a list of phrase patterns, matched against lowercased text with lines unwrapped), compiled
once into one alternation. Every entry was seen in the responses of at least two different authorities in the
real labelled sets; the comment beside each gives two of them. Entries use bounded gaps only (`[^.]{0,80}`),
never nested unbounded repeats, so matching stays linear in the length of the text.
"""
from __future__ import annotations

import re


def compile_lexicon(phrases: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in phrases))


# Only an authority writes these: a decision, or giving/withholding information. A sentence carrying one is the
# response speaking even where it sits inside what was taken for the request (a response quoting the request in
# a two-column table, or a request found in the wrong place).
AUTHORITY_VOICE_PHRASES = [
    r"not obliged to (?:supply|provide|release|disclose|comply)",  # Wiltshire, South Wales, Cheshire
    r"neither confirms? n?or den(?:y|ies) (?:that|whether)",  # South Wales, PSNI, Met
    r"refusal notice|(?:this|the|your) request (?:is being|has been) (?:therefore )?refused",  # PSNI, Thames Valley ("was refused" is WhatDoTheyKnow's status line)
    r"represents? a (?:formal )?(?:refusal )?notice",  # Police Scotland, PSNI
    r"cost of complying with (?:your|this) request",  # PSNI, Hampshire
    r"(?:do|does) not hold (?:any |the |this )?(?:of the )?(?:recorded )?information",  # Police Scotland, Cleveland PCC
    r"no information (?:relevant to your request )?(?:is )?held",  # Cleveland, Avon and Somerset
    r"(?:decided|decision (?:has been|was) made) (?:not )?to (?:disclose|release|provide|supply)",  # Met, PSNI
    # giving: "I am able to disclose", "is being provided to you", "Please see the dates ... in the attached file"
    r"(?:i am|we are) (?:able|pleased) to (?:disclose|provide|supply)|(?:is|are) being provided to you|"
    r"(?:please )?see (?:the )?[^.\n]{0,80}in the attached|the table (?:below )?(?:provides|shows)",  # Northumbria, Cheshire, PSNI, Avon and Somerset
    r"(?:i|we) (?:can )?confirm that [^.]{0,80}(?:holds?|does not hold)",  # Northumbria, Cleveland PCC
]
AUTHORITY_VOICE = compile_lexicon(AUTHORITY_VOICE_PHRASES)

# ...unless the requester is speaking, supposing or asking: "I appreciate that you are not obliged to provide
# the information if...", "If no information is held, please say so" ("please see/find/note" is the authority's).
REQUESTER_VOICE = re.compile(
    r"\b(?:i|we) (?:would (?:like|ask|be grateful)|appreciate|understand|believe|accept|am aware|wish)\b|\bplease\b(?! (?:see|find|note))|\bif\b|\?")

# Something given, the rest withheld, in the response's own words ("cannot be disclosed in full", "Parts of this
# request are exempt", "some of this is being provided to you").
STATED_PARTIAL_PHRASES = [
    r"(?:cannot|can not|can't|could not|unable to|not able to|not possible to|not obliged to)\b[^.]{0,80}?\bin full\b",  # Northumbria, Wiltshire, City of London
    r"(?:parts?|some) of (?:this|your|the) (?:request|information)[^.]{0,40}(?:are|is) exempt",  # Wiltshire, PSNI, Scottish Police Authority
    # some given, or some withheld: "some of this is being provided to you", "Some data has been withheld"
    r"(?:some|part) of (?:this|the (?:requested )?information|it) (?:is being|has been|is|will be) (?:provided|disclosed|released|supplied)|"
    r"some (?:of the )?(?:data|information|details?) (?:has|have) been (?:withheld|redacted|removed)",  # PSNI, Met, West Yorkshire PCC
    # released with parts blacked out: "names have been redacted", "Please find attached a redacted document"
    r"(?:has|have) been redacted|\b(?:is|are) (?:therefore )?redacted|\ba redacted (?:document|copy|version)|redacted['’]",  # Avon and Somerset, West Yorkshire PCC, West Midlands, Cleveland PCC
]
STATED_PARTIAL = compile_lexicon(STATED_PARTIAL_PHRASES)

# The whole request refused in the response's own words.
STATED_REFUSED_PHRASES = [
    r"not obliged to (?:supply|provide|release|disclose) (?:you with )?(?:the|this|any) (?:requested )?information|"
    r"(?:decided|decision (?:has been|was) made) not to (?:supply|disclose|provide|release)",  # Wiltshire, South Wales, Cheshire, PSNI
]
STATED_REFUSED = compile_lexicon(STATED_REFUSED_PHRASES)

# None of what was asked for is held. Negation scopes over the words between: "No information relevant to your
# request is held", "our answer on this occasion is no information held".
WHOLLY_NOT_HELD_PHRASES = [
    r"\bno (?:recorded )?information\b[^.;\n]{0,80}?\b(?:is |was |are |were )?held\b",  # Avon and Somerset, Cleveland, Gwent PCC, Met
    r"(?:do|does) not hold (?:any of )?(?:this|that|the requested|the) information(?: (?:you have )?requested)?(?: by [^.\n]{0,40})?\.",  # Police Scotland, Cleveland PCC, Scottish Police Authority
]
WHOLLY_NOT_HELD = compile_lexicon(WHOLLY_NOT_HELD_PHRASES)

# Information given, in words ("We can however provide figures relating to...", "the remainder of the
# information is provided within the document attached", "They have forwarded to us the following information").
GIVEN_PHRASES = [
    r"please (?:find|see) (?:the )?(?:enclosed|attached) (?:table|data|spreadsheet|document|file|list)|"
    r"(?:provided|supplied|contained) (?:with)?in the (?:document|file|spreadsheet) attached",  # West Midlands, South Wales, North Yorkshire, Wiltshire, Cheshire
    r"(?:forwarded|supplied|located|found) (?:to us |you with |to you )?the following information",  # South Yorkshire, Norfolk
    r"the (?:following |attached |above )?tables? (?:below |above )?(?:provides?|shows?|details?|sets? out|lists?)\b|(?:see|in) the table below",  # Police Scotland, North Yorkshire PFCC
    r"(?<!if )(?<!if we )\bcan\s+(?:however\s+)?provide\s+(?:you\s+with\s+)?(?:the\s+)?(?:figures|data|information)\s+(?:relating to|in relation to|regarding|about)\b",  # West Midlands, Surrey
]
GIVEN = compile_lexicon(GIVEN_PHRASES)
