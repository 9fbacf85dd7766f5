"""The shape of one parsed FOI response: what every format reader and field extractor fills in."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

OUTCOMES = ("full", "partial", "refused", "ncnd", "not_held", "other", "unknown")


@dataclass(frozen=True)
class Citation:
    """One provision a response relies on to withhold, or to neither confirm nor deny."""

    act: str  # "FOIA" | "EIR" | "FOISA"
    section: str  # "31", or for EIR the regulation number "12"
    subsection: str = ""  # "(1)(a)", "" when printed bare
    ncnd: bool = False

    @property
    def label(self) -> str:
        """Human label used in the `exemptions` JSON array, e.g. "FOIA s31(1)(a)" or "EIR reg12(5)(b)"."""
        unit = "reg" if self.act == "EIR" else "s"
        return f"{self.act} {unit}{self.section}{self.subsection}"

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Record:
    """Everything the parser can say about one response. Fields it cannot see stay None/empty."""

    body: str = ""  # clean text, page chrome removed
    title: str | None = None
    reference: str | None = None
    request_text: str | None = None
    citations: list[Citation] = field(default_factory=list)
    ncnd: bool = False
    outcome: str = "unknown"
    response_date: str | None = None  # ISO yyyy-mm-dd
    request_date: str | None = None  # ISO yyyy-mm-dd
    attachments: list[dict] = field(default_factory=list)  # {"url": ..., "name": ...}
    source_format: str = "text"  # text | html | pdf | docx
    problems: list[str] = field(default_factory=list)  # sanity-check findings, never fatal

    @property
    def exemption_labels(self) -> list[str]:
        return [c.label for c in self.citations]

    def to_dict(self) -> dict:
        d = asdict(self)
        d["citations"] = [c.to_dict() for c in self.citations]
        d["exemptions"] = self.exemption_labels
        return d
