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


# A field decided with less confidence than this is listed in `needs_review` for a person to check.
REVIEW_BELOW = 0.6


@dataclass(frozen=True)
class Decision:
    """How one field was decided: the words of the response it rests on, and how sure the parser is.

    `evidence` is copied verbatim from the clean body or the title (None when nothing in the text decided it,
    e.g. no reference printed); `confidence` is 0..1; `reason` names the cue that decided ("stated decision",
    "labelled reference", "no decision visible before the cut", ...).
    """

    evidence: str | None
    confidence: float
    reason: str = ""


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
    # Per decided field ("reference", "request_text", "citations", "ncnd", "outcome"): what decided it.
    decisions: dict[str, Decision] = field(default_factory=dict)

    @property
    def exemption_labels(self) -> list[str]:
        return [c.label for c in self.citations]

    @property
    def needs_review(self) -> list[str]:
        """Why a person should check this record: each field decided with low confidence, with its reason."""
        return [f"{name}: {d.reason or 'low confidence'} ({d.confidence:.2f})"
                for name, d in self.decisions.items() if d.confidence < REVIEW_BELOW]

    def to_dict(self) -> dict:
        d = asdict(self)
        del d["decisions"]
        d["citations"] = [c.to_dict() for c in self.citations]
        d["exemptions"] = self.exemption_labels
        d["evidence"] = {name: dec.evidence for name, dec in self.decisions.items()}
        d["confidence"] = {name: round(dec.confidence, 3) for name, dec in self.decisions.items()}
        d["decided_by"] = {name: dec.reason for name, dec in self.decisions.items()}
        d["needs_review"] = self.needs_review
        return d
