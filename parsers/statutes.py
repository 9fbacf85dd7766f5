"""The statute reference table: every provision a police FOI response may rely on to withhold information.

Kept as data (it becomes the `exemptions` database table). `ncnd_subsection` is the subsection that removes
the duty to confirm or deny; for FOISA there is none per section (Scotland uses s18 with an exemption).
"""
from __future__ import annotations

# (section, short name, kind, NCND subsection)
_FOIA = [
    # 12(2) lifts the duty to confirm or deny when finding out would cost too much: a cost refusal, not an
    # exemption used to neither confirm nor deny (the corpus convention), so no NCND subsection
    ("12", "Cost of compliance exceeds appropriate limit", "procedural", ""),
    ("14", "Vexatious or repeated requests", "procedural", ""),
    ("21", "Information accessible to applicant by other means", "absolute", ""),
    ("22", "Information intended for future publication", "qualified", "(2)"),
    ("22A", "Research information", "qualified", "(2)"),
    ("23", "Information supplied by, or concerning, certain security bodies", "absolute", "(5)"),
    ("24", "National security", "qualified", "(2)"),
    ("26", "Defence", "qualified", "(3)"),
    ("27", "International relations", "qualified", "(4)"),
    ("28", "Relations within the United Kingdom", "qualified", "(3)"),
    ("29", "The economy", "qualified", "(2)"),
    ("30", "Investigations and proceedings conducted by public authorities", "qualified", "(3)"),
    ("31", "Law enforcement", "qualified", "(3)"),
    ("32", "Court records", "absolute", "(3)"),
    ("33", "Audit functions", "qualified", "(3)"),
    ("34", "Parliamentary privilege", "absolute", "(2)"),
    ("35", "Formulation of government policy", "qualified", "(3)"),
    ("36", "Prejudice to effective conduct of public affairs", "qualified", "(3)"),
    ("37", "Communications with His Majesty, and honours", "qualified", "(2)"),
    ("38", "Health and safety", "qualified", "(2)"),
    ("39", "Environmental information", "qualified", "(2)"),
    ("40", "Personal information", "absolute", "(5)"),
    ("41", "Information provided in confidence", "absolute", "(2)"),
    ("42", "Legal professional privilege", "qualified", "(2)"),
    ("43", "Commercial interests", "qualified", "(3)"),
    ("44", "Prohibitions on disclosure", "absolute", "(2)"),
]

_EIR = [
    ("12", "Exceptions to the duty to disclose (12(4) and 12(5))", "qualified", "(6)"),
    ("13", "Personal data", "absolute", "(5)"),
]

_FOISA = [
    ("12", "Excessive cost of compliance", "procedural", ""),
    # Scotland's NCND: s18 lets an authority refuse to reveal whether information exists, with an exemption
    ("18", "Neither confirm nor deny (with an exemption)", "procedural", "(1)"),
    ("14", "Vexatious or repeated requests", "procedural", ""),
    ("25", "Information otherwise accessible", "absolute", ""),
    ("26", "Prohibitions on disclosure", "absolute", ""),
    ("27", "Information intended for future publication", "qualified", ""),
    ("28", "Relations within the United Kingdom", "qualified", ""),
    ("29", "Formulation of Scottish Administration policy", "qualified", ""),
    ("30", "Prejudice to effective conduct of public affairs", "qualified", ""),
    ("31", "National security and defence", "qualified", ""),
    ("32", "International relations", "qualified", ""),
    ("33", "Commercial interests and the economy", "qualified", ""),
    ("34", "Investigations by Scottish public authorities", "qualified", ""),
    ("35", "Law enforcement", "qualified", ""),
    ("36", "Confidentiality", "absolute", ""),
    ("37", "Court records", "absolute", ""),
    ("38", "Personal information", "absolute", ""),
    ("39", "Health, safety and the environment", "qualified", ""),
    ("40", "Audit functions", "qualified", ""),
    ("41", "Communications with His Majesty and honours", "qualified", ""),
]

STATUTES: list[dict] = [
    {"act": act, "section": s, "short_name": name, "kind": kind, "ncnd_subsection": ncnd}
    for act, rows in (("FOIA", _FOIA), ("EIR", _EIR), ("FOISA", _FOISA))
    for s, name, kind, ncnd in rows
]

_BY_KEY = {(row["act"], row["section"]): row for row in STATUTES}


def lookup(act: str, section: str) -> dict | None:
    return _BY_KEY.get((act, section))


def is_withholding_provision(act: str, section: str) -> bool:
    """True for the provisions that count as citations (Part II exemptions, s12, s14; EIR 12/13; FOISA)."""
    return (act, section) in _BY_KEY


# Provisions whose other subsections are procedure, not exceptions: EIR 12(1) is the public interest test,
# 12(2) the presumption in favour of disclosure, 12(7)-(11) mechanics; 12(4) and 12(5) are the exceptions and
# 12(6) their neither-confirm-nor-deny.
_EXCEPTION_SUBSECTIONS = {("EIR", "12"): ("(4)", "(5)", "(6)")}


def is_withholding_citation(act: str, section: str, subsection: str) -> bool:
    """Like is_withholding_provision, at the level of the subsection printed ("" = the bare section)."""
    if not is_withholding_provision(act, section):
        return False
    allowed = _EXCEPTION_SUBSECTIONS.get((act, section))
    return not allowed or not subsection or subsection.startswith(allowed)


# Sections that refuse the request as a whole (cost limit, vexatious or repeated): never an exemption used to
# neither confirm nor deny, even beside NCND wording
_WHOLE_REQUEST_REFUSALS = {("FOIA", "12"), ("FOIA", "14"), ("FOISA", "12"), ("FOISA", "14")}


def can_neither_confirm_nor_deny(act: str, section: str) -> bool:
    return (act, section) not in _WHOLE_REQUEST_REFUSALS


def is_ncnd_subsection(act: str, section: str, subsection: str) -> bool:
    """23(5), 24(2), 40(5), 40(5A), 40(5B)(a)(i)... the subsection that removes the duty to confirm or deny."""
    row = _BY_KEY.get((act, section))
    if not row or not row["ncnd_subsection"] or not subsection:
        return False
    ncnd = row["ncnd_subsection"]
    if subsection.startswith(ncnd):
        return True
    # 40(5A), 40(5B): the lettered variants of the NCND subsection
    return bool(ncnd[1:-1].isdigit() and subsection.startswith(ncnd[:-1]) and subsection[len(ncnd) - 1 : len(ncnd)].isalpha() and subsection[len(ncnd) - 1].isupper())
