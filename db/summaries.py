"""Summary tables rebuilt after every load, so the exemption explorer, the charts and the canned queries read a
few thousand precomputed rows instead of grouping a million responses on every page view.

* `exemption_use`: responses per act × section × subsection level × authority × year. Each citation counts at
  three levels: the whole section (`subsection` = ""), its first subsection (`(1)`) and as printed (`(1)(a)`),
  each counting distinct responses, so "31", "31(1)" and "31(1)(a)" all have an exact row to read.
* `outcome_counts`: responses per authority × year × outcome × NCND flag.
* `citing_responses`: one row per response and section it cites, with the response's published date, year,
  authority and outcome beside it, and the subsections cited (" (2) (5) "), so "the newest responses citing
  s40(2) in 2019 that were refused" is one ordered walk of an index, not a sort of every citation.
"""
from __future__ import annotations

import sqlite_utils

SUMMARY_TABLES = {
    "exemption_use": {
        "columns": {"act": str, "section": str, "subsection": str, "authority": str, "year": int,
                    "responses": int, "ncnd_citations": int},
        "indexes": [["act", "section", "subsection"], ["authority"], ["year"]],
    },
    "outcome_counts": {
        "columns": {"authority": str, "year": int, "outcome": str, "ncnd": int, "responses": int},
        "indexes": [["authority"], ["year"], ["outcome"]],
    },
    "citing_responses": {
        "columns": {"act": str, "section": str, "subsections": str, "disclosure_id": str, "published": str,
                    "year": int, "authority": str, "outcome": str},
        # Covering: the newest-first walk of one section filters year, outcome, authority and subsection
        # without reading the table.
        "indexes": [["section", "act", "published", "year", "outcome", "authority", "subsections", "disclosure_id"]],
    },
}

# The first bracket of a subsection: "(1)(a)" -> "(1)"; "" stays "".
_FIRST_LEVEL = "substr(coalesce(subsection, ''), 1, instr(coalesce(subsection, ''), ')'))"

_REBUILD = {
    "exemption_use": f"""
INSERT INTO exemption_use (act, section, subsection, authority, year, responses, ncnd_citations)
SELECT act, section, '', authority, year, count(DISTINCT disclosure_id), sum(ncnd)
FROM exemption_citations GROUP BY act, section, authority, year
UNION ALL
SELECT act, section, {_FIRST_LEVEL}, authority, year, count(DISTINCT disclosure_id), sum(ncnd)
FROM exemption_citations WHERE coalesce(subsection, '') != '' GROUP BY act, section, 3, authority, year
UNION ALL
SELECT act, section, subsection, authority, year, count(DISTINCT disclosure_id), sum(ncnd)
FROM exemption_citations WHERE subsection != {_FIRST_LEVEL} AND coalesce(subsection, '') != ''
GROUP BY act, section, subsection, authority, year""",
    "outcome_counts": """
INSERT INTO outcome_counts (authority, year, outcome, ncnd, responses)
SELECT authority, year, outcome, ncnd, count(*) FROM disclosures GROUP BY authority, year, outcome, ncnd""",
    "citing_responses": """
INSERT INTO citing_responses (act, section, subsections, disclosure_id, published, year, authority, outcome)
SELECT c.act, c.section, ' ' || group_concat(coalesce(c.subsection, ''), ' ') || ' ', c.disclosure_id,
       d.published, d.year, d.authority, d.outcome
FROM exemption_citations c JOIN disclosures d ON d.id = c.disclosure_id
GROUP BY c.disclosure_id, c.act, c.section""",
}


def ensure_summary_tables(conn: sqlite_utils.Database) -> None:
    for name, spec in SUMMARY_TABLES.items():
        if not conn[name].exists():
            conn[name].create(spec["columns"])
        for columns in spec["indexes"]:
            conn[name].create_index(columns, if_not_exists=True, find_unique_name=False)


def rebuild_summaries(conn: sqlite_utils.Database) -> None:
    """Recount every summary table from its source table, in one transaction (readers never see half)."""
    ensure_summary_tables(conn)
    with conn.atomic():
        for name, sql in _REBUILD.items():
            conn.execute(f"DELETE FROM {name}")
            conn.execute(sql)
