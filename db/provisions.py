"""Reading a provision as a person types it: `40`, `s40`, `S.40(2)`, `section 40(2)`, `FOIA s31(1)(a)`, `EIR 12(5)(b)`.

Used by the exemption explorer's query parameters (registered as SQL functions by the Datasette plugin) and by
`foilog correct --citations`, so both read a provision the same way.
"""
from __future__ import annotations

import re
from typing import NamedTuple

ACTS = {"foia": "FOIA", "eir": "EIR", "foisa": "FOISA"}
# act? then "section"/"sec"/"s."/"s"/"reg"/"regulation"? then the number, then any bracketed subsections.
_PROVISION = re.compile(
    r"^\s*(?:(?P<act>foisa|foia|eir)\b\.?\s*)?"
    r"(?:(?:section|sect|sec|regulation|reg|s)\s*\.?\s*)?"
    r"(?P<section>\d{1,3}[a-z]?)\s*"
    r"(?P<subsection>(?:\(\s*[0-9a-z]{1,4}\s*\)\s*)*)$",
    re.IGNORECASE,
)


class Provision(NamedTuple):
    act: str | None  # None when the text names no Act
    section: str  # "40", "22A"
    subsection: str  # "(2)", "(1)(a)" or "" when none is given

    @property
    def label(self) -> str:
        """The label the database uses, e.g. "FOIA s31(1)(a)" (FOIA when no Act was given)."""
        return f"{self.act or 'FOIA'} s{self.section}{self.subsection}"


def parse_provision(text: str | None) -> Provision | None:
    """The provision `text` names, or None when it is not a section number (e.g. a name such as "health")."""
    match = _PROVISION.match(text or "")
    if not match:
        return None
    section = match["section"].upper()
    subsection = re.sub(r"\s+", "", match["subsection"]).lower()
    act = ACTS[match["act"].lower()] if match["act"] else None
    return Provision(act, section, subsection)


def resolve_exemption(text: str | None, statutes: list[dict]) -> Provision | None:
    """What the exemption explorer's box asks for: a provision as typed (Act defaulting to FOIA), or the statute
    whose name contains the words typed ("national security" -> FOIA s24), FOIA first; None when neither."""
    provision = parse_provision(text)
    if provision is not None:
        return provision._replace(act=provision.act or "FOIA")
    words = " ".join((text or "").lower().split())
    if not words:
        return None
    named = [s for s in statutes if words in s["short_name"].lower()]
    named.sort(key=lambda s: s["act"] != "FOIA")
    return Provision(named[0]["act"], named[0]["section"], "") if named else None
