"""How each registry entry is handled: platform, URL status and its last crawl, for `foilog sources`."""
from __future__ import annotations

from pathlib import Path

LAST_RUNS = """
SELECT authority, started, ended, pages_fetched, new, failed FROM crawl_runs
WHERE id IN (SELECT max(id) FROM crawl_runs GROUP BY authority)"""


def last_runs(db_path: str | Path | None) -> dict[str, dict]:
    """{slug: its latest crawl_runs row}; empty when there is no database yet."""
    if not db_path or not Path(db_path).exists():
        return {}
    import db

    conn = db.open_db(db_path)
    if not conn["crawl_runs"].exists():
        return {}
    columns = ("authority", "started", "ended", "pages_fetched", "new", "failed")
    return {row[0]: dict(zip(columns, row)) for row in conn.execute(LAST_RUNS).fetchall()}


def crawl_status(run: dict | None) -> str:
    if run is None:
        return "never crawled"
    when = (run["started"] or "")[:10]
    if run["ended"] is None:
        return f"{when} interrupted"
    if not run["pages_fetched"]:
        return f"{when} FAILED: nothing fetched"
    failed = f", {run['failed']} failed" if run["failed"] else ""
    return f"{when} ok: {run['new']} new{failed}"


def source_rows(sources, runs: dict[str, dict]) -> list[tuple[str, ...]]:
    """One row per registry entry: slug, kind, platform, where it is crawled from, url status, last crawl."""
    rows = []
    for source in sources:
        where = source.url or (f"whatdotheyknow.com/body/{source.wdtk_body}" if source.wdtk_body else "-")
        rows.append((source.slug, source.kind, source.platform, where, source.url_status,
                     crawl_status(runs.get(source.slug))))
    return rows


def table(rows: list[tuple[str, ...]]) -> str:
    header = ("source", "kind", "platform", "url", "url status", "last crawl")
    rows = [header, *rows]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header) - 1)]
    return "\n".join("  ".join(v.ljust(w) for v, w in zip(row, widths)) + "  " + row[-1] for row in rows)
