"""Score parsed records against human labels (the format of ../shared/corpus/labels.json).

Per field: reference (exact, whitespace collapsed), request start (first 40 characters, leading list
markers and quotes ignored), citation sections (micro F1 over (act, section, subsection, ncnd)),
NCND (F1 over documents, positive = NCND), outcome (accuracy).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from parsers.request import LIST_MARKER

_LIST_MARKER = re.compile("^" + LIST_MARKER, re.IGNORECASE)


def request_key(text: str | None) -> str | None:
    if text is None:
        return None
    s = " ".join(text.split())
    for _ in range(2):
        s = _LIST_MARKER.sub("", s).strip("\"'“”‘’ ")
    return s[:40]


def _ref_key(ref: str | None) -> str | None:
    return " ".join(ref.split()) if ref else None


def _cit_set(citations) -> set[tuple]:
    return {(c["act"], c["section"], c["subsection"], bool(c["ncnd"])) for c in citations}


def _f1(tp: int, fp: int, fn: int) -> float:
    if tp == fp == fn == 0:
        return 1.0
    return 2 * tp / (2 * tp + fp + fn)


@dataclass
class FieldScore:
    name: str
    correct: int = 0
    total: int = 0
    f1: float | None = None
    misses: list[str] = field(default_factory=list)

    @property
    def score(self) -> float:
        if self.f1 is not None:
            return self.f1
        return self.correct / self.total if self.total else 1.0


def evaluate(pairs: list[tuple[dict, dict]]) -> list[FieldScore]:
    """pairs: (label, record dict). Returns one FieldScore per field."""
    ref = FieldScore("reference")
    req = FieldScore("request_start")
    cit = FieldScore("citations")
    ncnd = FieldScore("ncnd")
    out = FieldScore("outcome")
    ctp = cfp = cfn = ntp = nfp = nfn = 0
    for label, rec in pairs:
        name = label["file"]
        for fs, want, got in (
            (ref, _ref_key(label.get("reference")), _ref_key(rec.get("reference"))),
            (req, request_key(label.get("request_start")), request_key(rec.get("request_text"))),
            (out, label.get("outcome"), rec.get("outcome")),
        ):
            fs.total += 1
            if want == got:
                fs.correct += 1
            else:
                fs.misses.append(f"{name}: got {got!r}, want {want!r}")
        want_c, got_c = _cit_set(label.get("citations", [])), _cit_set(rec.get("citations", []))
        ctp += len(want_c & got_c)
        cfp += len(got_c - want_c)
        cfn += len(want_c - got_c)
        cit.total += 1
        if want_c == got_c:
            cit.correct += 1
        else:
            fmt = lambda s: sorted(f"{a} {s_}{sub}{' NCND' if n else ''}" for a, s_, sub, n in s)  # noqa: E731
            cit.misses.append(f"{name}: extra {fmt(got_c - want_c)}, missing {fmt(want_c - got_c)}")
        w, g = bool(label.get("ncnd")), bool(rec.get("ncnd"))
        ncnd.total += 1
        ncnd.correct += w == g
        ntp += w and g
        nfp += g and not w
        nfn += w and not g
        if w != g:
            ncnd.misses.append(f"{name}: got {g}, want {w}")
    cit.f1 = _f1(ctp, cfp, cfn)
    ncnd.f1 = _f1(ntp, nfp, nfn)
    return [ref, req, cit, ncnd, out]


class LabelError(ValueError):
    """A labels file that cannot be scored against; the message names the file, the entry and what is wrong."""


_OPTIONAL_TEXT = ("reference", "request_start", "outcome", "authority", "notes", "evidence")


def _label_problem(entry, seen: set[str]) -> str | None:
    if not isinstance(entry, dict):
        return f"expected an object, got {type(entry).__name__}"
    if not isinstance(entry.get("file"), str) or not entry["file"].strip():
        return "'file' must name the labelled document"
    if entry["file"] in seen:
        return f"{entry['file']!r} is labelled twice"
    for key in _OPTIONAL_TEXT:
        if entry.get(key) is not None and not isinstance(entry[key], str):
            return f"{key!r} must be text or null, got {type(entry[key]).__name__}"
    for key in ("ncnd", "truncated"):
        if key in entry and not isinstance(entry[key], bool):
            return f"{key!r} must be true or false, got {entry[key]!r}"
    citations = entry.get("citations", [])
    if not isinstance(citations, list):
        return f"'citations' must be a list, got {type(citations).__name__}"
    for n, citation in enumerate(citations):
        if not isinstance(citation, dict):
            return f"citations[{n}] must be an object, got {type(citation).__name__}"
        for key in ("act", "section"):
            if not isinstance(citation.get(key), str):
                return f"citations[{n}] needs {key!r} as text"
        if citation.get("subsection") is not None and not isinstance(citation["subsection"], str):
            return f"citations[{n}] 'subsection' must be text or null"
        if not isinstance(citation.get("ncnd", False), bool):
            return f"citations[{n}] 'ncnd' must be true or false"
    return None


def load_labels(data: bytes, name: str = "labels") -> list[dict]:
    """Parse and check a labels file (a JSON list of objects as in ../shared/corpus/labels.json); every label
    comes back with the keys `evaluate` reads. Raises LabelError on the first problem."""
    import json

    try:
        labels = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise LabelError(f"{name}: not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise LabelError(f"{name}: not valid JSON (line {exc.lineno} column {exc.colno}: {exc.msg})") from None
    if not isinstance(labels, list):
        raise LabelError(f"{name}: expected a JSON list of labels, got {type(labels).__name__}")
    seen: set[str] = set()
    for position, entry in enumerate(labels):
        problem = _label_problem(entry, seen)
        if problem:
            file = entry.get("file") if isinstance(entry, dict) else None
            raise LabelError(f"{name} entry #{position + 1}{f' ({file})' if isinstance(file, str) else ''}: "
                             f"{problem}")
        seen.add(entry["file"])
    return [{**entry, "citations": [{"subsection": None, "ncnd": False, **c} for c in entry.get("citations", [])]}
            for entry in labels]
