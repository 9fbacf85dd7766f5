"""Helpers the crawl tests share: crawl replica sites into a temporary database and read the rows back."""
from pathlib import Path

import db
from scraper import pipeline
from scraper.http import Client
from scraper.registry import parse_sources

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def crawl_entries(entries: list[dict], tmp_path: Path) -> list[pipeline.CrawlStats]:
    """Crawl registry entries (dicts as in sources.yml) into tmp_path/foilog.db, archive beside it."""
    with Client(default_delay=0, backoff=0.05) as client:
        return pipeline.crawl_sources(parse_sources({"sources": entries}), tmp_path / "foilog.db",
                                      tmp_path / "archive", client=client)


def query(tmp_path: Path, sql: str) -> list[dict]:
    cursor = db.open_db(tmp_path / "foilog.db").execute(sql)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def relative(rows: list[dict], base_url: str) -> list[dict]:
    """Rows with the replica's (random-port) base URL cut from every url column, so they compare literally."""
    return [{k: v.removeprefix(base_url) if isinstance(v, str) else v for k, v in row.items()} for row in rows]
