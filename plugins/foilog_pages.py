"""foilog's Datasette plugin (loaded by `foilog serve` with --plugins-dir): what the templates and canned
queries need that Datasette does not give them.

* SQL functions for the exemption explorer: foilog_act(query), foilog_section(query) and
  foilog_subsection(query), reading a provision as a person types it, or a statute's name (db/provisions.py),
  so the canned queries compare with constants and their indexes serve them; and
  foilog_fts_query(text) for the search page (words typed, never an FTS5 syntax error).
* The disclosures row page's context (templates/row.html): the citations with their statute names, the
  attachments, the parser's evidence and confidence, the correction, the same request at other authorities.
* Cells in words on the table pages: exemptions as labels, NCND as yes/no.

Everything scraped is passed to the templates as data; Jinja's autoescaping turns it into text, never markup.
"""
from __future__ import annotations

import json
import re

from datasette import hookimpl
from datasette.utils import urlsafe_components
from markupsafe import Markup, escape

from db.provisions import resolve_exemption
from parsers.statutes import STATUTES

DECIDED_FIELDS = ("reference", "request_text", "citations", "ncnd", "outcome")
OUTCOME_WORDS = {
    "full": "Released in full", "partial": "Partly released", "refused": "Refused (nothing released)",
    "ncnd": "Neither confirmed nor denied", "not_held": "Information not held",
    "other": "Other (advice, transfer or clarification)", "unknown": "Outcome not recognised",
}


def _resolved(query):
    return resolve_exemption(query, STATUTES)


def act_of(query):
    return provision.act if (provision := _resolved(query)) else None


def section_of(query):
    return provision.section if (provision := _resolved(query)) else None


def subsection_of(query) -> str:
    return provision.subsection if (provision := _resolved(query)) else ""


_RESPONSE_ID = re.compile(r"^[0-9a-f]{16}$")  # db.disclosure_id: 16 hex digits
_FTS_OPERATORS = re.compile(r'"|\*|\b(?:OR|AND|NOT|NEAR)\b')


def fts_query(text) -> str:
    """A search box's words as an FTS5 query: plain words (even "s40(2)") become quoted terms, all required;
    a query already using FTS5 syntax ("a phrase", word*, OR, NOT) is kept; nothing typed matches nothing."""
    text = (text or "").strip()
    if _FTS_OPERATORS.search(text):
        return text
    return " ".join('"' + word.replace('"', '') + '"' for word in text.split()) or '""'


@hookimpl
def prepare_connection(conn):
    conn.create_function("foilog_act", 1, act_of, deterministic=True)
    conn.create_function("foilog_section", 1, section_of, deterministic=True)
    conn.create_function("foilog_subsection", 1, subsection_of, deterministic=True)
    conn.create_function("foilog_fts_query", 1, fts_query, deterministic=True)


def _json(value, default):
    try:
        return json.loads(value) if value else default
    except (TypeError, ValueError):
        return default


def paragraphs(body: str | None) -> list[str]:
    """The response text as paragraphs: one per line of the clean text, blank lines dropped."""
    return [line.strip() for line in (body or "").splitlines() if line.strip()]


def safe_href(url: str | None) -> str | None:
    """Only http(s) links are links: a scraped `javascript:` or `data:` URL is shown as text, never clickable."""
    return url if url and url.lower().startswith(("http://", "https://")) else None


@hookimpl
def extra_template_vars(view_name, table, database, datasette, request):
    if view_name != "row" or table != "disclosures":
        return {}

    async def disclosure_page():
        row_id = urlsafe_components(request.url_vars["pks"])[0]
        db = datasette.get_database(database)
        row = (await db.execute("SELECT d.*, a.name AS authority_name FROM disclosures d "
                                "LEFT JOIN authorities a ON a.slug = d.authority WHERE d.id = ?", [row_id])).first()
        if row is None:
            return {"foilog": None}
        citations = (await db.execute(
            "SELECT c.act, c.section, c.subsection, c.ncnd, c.label, e.short_name, e.kind "
            "FROM exemption_citations c LEFT JOIN exemptions e ON e.act = c.act AND e.section = c.section "
            "WHERE c.disclosure_id = ? ORDER BY c.id", [row_id])).rows
        attachments = (await db.execute(
            "SELECT name, url, type, note FROM attachments WHERE disclosure_id = ? ORDER BY id", [row_id])).rows
        same_request = (await db.execute(
            "SELECT s.disclosure_id, s.authority, s.published, s.outcome, s.exemptions, s.similarity "
            "FROM same_request s WHERE s.group_id = (SELECT group_id FROM request_groups WHERE disclosure_id = ?) "
            "AND s.disclosure_id != ? ORDER BY s.published", [row_id, row_id])).rows
        evidence, confidence = _json(row["evidence"], {}), _json(row["confidence"], {})
        return {"foilog": {
            "response": dict(row),
            "outcome_words": OUTCOME_WORDS.get(row["outcome"], row["outcome"]),
            "citations": [dict(c) for c in citations],
            "attachments": [{**dict(a), "href": safe_href(a["url"])} for a in attachments],
            "published_href": safe_href(row["url"]),
            "paragraphs": paragraphs(row["body"]),
            # Per field, the words that decided it and how sure the parser is (absent when it said nothing).
            "read": {field: {"evidence": evidence.get(field), "confidence": confidence.get(field)}
                     for field in DECIDED_FIELDS if evidence.get(field) or field in confidence},
            "review_reasons": _json(row["review_reasons"], []),
            "same_request": [{**dict(s), "exemptions": ", ".join(_json(s["exemptions"], []))} for s in same_request],
        }}

    return disclosure_page


@hookimpl
def render_cell(value, column, table, database, datasette):
    if table in ("disclosures", "feed_entries", "same_request") or table is None:
        if column == "exemptions" and isinstance(value, str) and value.startswith("["):
            labels = _json(value, None)
            if isinstance(labels, list):
                return Markup(" ".join(f'<span class="exemption-label">{escape(label)}</span>' for label in labels)
                              or '<span class="none">none</span>')
        if column == "ncnd" and value in (0, 1):
            return "yes" if value else "no"
    # A canned query's response ids link to the response's page.
    if table is None and column in ("id", "disclosure_id") and isinstance(value, str) and _RESPONSE_ID.match(value):
        return Markup(f'<a href="{escape(datasette.urls.row(database, "disclosures", value))}">{escape(value)}</a>')
    return None
