"""Corrections a person makes to a parsed response, kept in a YAML file beside the database so they survive
rebuilding it; applied after every crawl, reparse and load (`db.finish_load`).

    corrections:
    - id: 226f10d4639ff009          # disclosures.id
      outcome: refused              # any of outcome, ncnd, citations; the rest stay as parsed
      ncnd: 0
      citations: [FOIA s31(1)(a), FOIA s40(2)]
      note: The letter withholds everything; the parser read the advice paragraph as a release.
      corrected_at: '2026-12-03T21:30:00+00:00'
"""
from __future__ import annotations

import json
from pathlib import Path

import sqlite_utils
import yaml

from db.provisions import parse_provision

OUTCOMES = ("full", "partial", "refused", "ncnd", "not_held", "other", "unknown")
FIELDS = ("outcome", "ncnd", "citations")
DEFAULT_NAME = "corrections.yml"


class CorrectionError(ValueError):
    """A correction (or the corrections file) that cannot be used; the message is one line for the user."""


def corrections_path_for(conn: sqlite_utils.Database) -> Path | None:
    """The corrections file this database uses: the one `foilog correct --corrections` chose, else
    corrections.yml beside the database file (None for an in-memory database)."""
    if conn["foilog_settings"].exists():
        chosen = conn.execute("SELECT value FROM foilog_settings WHERE key = 'corrections_file'").fetchone()
        if chosen:
            return Path(chosen[0])
    for _, name, filename in conn.execute("PRAGMA database_list").fetchall():
        if name == "main" and filename:
            return Path(filename).parent / DEFAULT_NAME
    return None


def choose_corrections_file(conn: sqlite_utils.Database, path: str | Path) -> None:
    """Remember `path` as this database's corrections file, so every later crawl, reparse and load reads it."""
    conn["foilog_settings"].insert({"key": "corrections_file", "value": str(Path(path).resolve())}, pk="key",
                                   replace=True)


def read_corrections(path: str | Path) -> list[dict]:
    """The corrections in `path`, validated; [] when the file does not exist."""
    path = Path(path)
    if not path.exists():
        return []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise CorrectionError(f"{path}: not valid YAML ({str(exc).splitlines()[0]})") from None
    entries = data.get("corrections") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise CorrectionError(f"{path}: expected a top-level 'corrections:' list")
    for n, entry in enumerate(entries, 1):
        validate(entry, where=f"{path}: correction {n}")
    return entries


def validate(entry: dict, where: str = "correction") -> None:
    if not isinstance(entry, dict) or not entry.get("id"):
        raise CorrectionError(f"{where}: needs an 'id' (the response's disclosures.id)")
    if not any(field in entry for field in FIELDS):
        raise CorrectionError(f"{where}: corrects nothing (give outcome, ncnd or citations)")
    if not str(entry.get("note") or "").strip():
        raise CorrectionError(f"{where}: needs a 'note' saying why")
    if "outcome" in entry and entry["outcome"] not in OUTCOMES:
        raise CorrectionError(f"{where}: outcome {entry['outcome']!r} is not one of {', '.join(OUTCOMES)}")
    if "ncnd" in entry and entry["ncnd"] not in (0, 1, True, False):
        raise CorrectionError(f"{where}: ncnd must be 0 or 1")
    for label in entry.get("citations") or []:
        if parse_provision(label) is None:
            raise CorrectionError(f"{where}: {label!r} is not a provision such as 'FOIA s31(1)(a)'")


def add_correction(path: str | Path, entry: dict) -> None:
    """Validate `entry` and write it to `path`, replacing the fields an earlier correction of the same id gave."""
    validate(entry)
    entries = read_corrections(path)
    earlier = next((e for e in entries if e["id"] == entry["id"]), None)
    if earlier is None:
        entries.append(entry)
    else:
        earlier.update(entry)
    Path(path).write_text(yaml.safe_dump({"corrections": entries}, sort_keys=False, allow_unicode=True),
                          encoding="utf-8")


def apply_corrections(conn: sqlite_utils.Database, entries: list[dict]) -> list[str]:
    """Write the corrected fields over each corrected response (and its citation rows); returns the ids of
    corrections whose response is not in the database (yet)."""
    sql = conn.conn
    ncnd_subsections = dict(((act, section), sub) for act, section, sub in
                            sql.execute("SELECT act, section, coalesce(ncnd_subsection, '') FROM exemptions"))
    missing = []
    with conn.atomic():
        for entry in entries:
            row = sql.execute("SELECT authority, year FROM disclosures WHERE id = ?", [entry["id"]]).fetchone()
            if row is None:
                missing.append(entry["id"])
                continue
            authority, year = row
            changes = {"corrected": 1, "correction_note": entry["note"]}
            if "outcome" in entry:
                changes["outcome"] = entry["outcome"]
            if "ncnd" in entry:
                changes["ncnd"] = int(bool(entry["ncnd"]))
            if "citations" in entry:
                citations = [_citation(label, ncnd_subsections) for label in entry["citations"] or []]
                changes["exemptions"] = json.dumps([c["label"] for c in citations])
                sql.execute("DELETE FROM exemption_citations WHERE disclosure_id = ?", [entry["id"]])
                sql.executemany(
                    "INSERT INTO exemption_citations (disclosure_id, authority, year, act, section, subsection, "
                    "ncnd, label) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [(entry["id"], authority, year, c["act"], c["section"], c["subsection"], int(c["ncnd"]),
                      c["label"]) for c in citations])
            sql.execute(f"UPDATE disclosures SET {', '.join(f'{c} = ?' for c in changes)} WHERE id = ?",
                        [*changes.values(), entry["id"]])
    return missing


def _citation(label: str, ncnd_subsections: dict) -> dict:
    provision = parse_provision(label)
    act = provision.act or "FOIA"
    ncnd_subsection = ncnd_subsections.get((act, provision.section), "")
    return {"act": act, "section": provision.section, "subsection": provision.subsection,
            "ncnd": bool(ncnd_subsection) and provision.subsection.startswith(ncnd_subsection),
            "label": f"{act} s{provision.section}{provision.subsection}"}


def correction_labels(conn: sqlite_utils.Database, entries: list[dict]) -> list[tuple[dict, str]]:
    """Each corrected response as (label, text) in the ../shared/corpus labels.json format, for `foilog eval`."""
    sql = conn.conn
    sql_rows = sql.execute(
        "SELECT d.id, coalesce(a.name, d.authority), d.reference, d.request_text, d.ncnd, d.outcome, d.body "
        "FROM disclosures d LEFT JOIN authorities a ON a.slug = d.authority WHERE d.corrected = 1")
    notes = {e["id"]: e["note"] for e in entries}
    labelled = []
    for row_id, authority, reference, request_text, ncnd, outcome, body in sql_rows:
        if row_id not in notes:
            continue
        citations = [{"act": act, "section": section, "subsection": subsection or "", "ncnd": bool(c_ncnd)}
                     for act, section, subsection, c_ncnd in sql.execute(
                         "SELECT act, section, subsection, ncnd FROM exemption_citations WHERE disclosure_id = ? "
                         "ORDER BY id", [row_id])]
        label = {"file": f"{row_id}.txt", "authority": authority, "reference": reference,
                 "request_start": " ".join((request_text or "").split())[:50] or None,
                 "citations": citations, "ncnd": bool(ncnd), "outcome": outcome, "truncated": False,
                 "notes": f"foilog correct: {notes[row_id]}"}
        labelled.append((label, body or ""))
    return labelled
