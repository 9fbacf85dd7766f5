"""Load N synthetic responses through the db API, then time the disclosures page (with its facets) in Datasette.

    .venv/bin/python scripts/bench_facets.py [N] [--keep PATH]

Prints the load, FTS rebuild and page times; nothing is asserted (timings vary by machine).
"""
from __future__ import annotations

import argparse
import random
import socket
import tempfile
import time
from pathlib import Path

import httpx

import db
from scraper.serve import start_datasette

AUTHORITIES = [f"force-{n:02d}" for n in range(45)]
OUTCOMES = ["full", "partial", "refused", "ncnd", "not_held", "other", "unknown"]
CITATIONS = [("FOIA", "31", "(1)(a)", False), ("FOIA", "40", "(2)", False), ("FOIA", "24", "(2)", True),
             ("FOIA", "23", "(5)", True), ("FOIA", "12", "(1)", False), ("FOIA", "30", "(3)", True)]
WORDS = "police force request information held section exemption public interest officers vehicles firearms".split()


def synthetic_items(count: int, seed: int = 1):
    rng = random.Random(seed)
    for n in range(count):
        cited = rng.sample(CITATIONS, rng.randint(0, 3))
        year = rng.randint(2015, 2024)
        yield {
            "authority": rng.choice(AUTHORITIES),
            "url": f"https://www.example.police.uk/disclosures/{n}/",
            "fetched_at": "2024-05-01T08:00:00+00:00",
            "published": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "record": {
                "title": f"Request {n} about {rng.choice(WORDS)}",
                "reference": f"FOI/{year}/{n:06d}",
                "request_text": " ".join(rng.choices(WORDS, k=20)),
                "body": " ".join(rng.choices(WORDS, k=400)),
                "citations": [{"act": a, "section": s, "subsection": sub, "ncnd": ncnd} for a, s, sub, ncnd in cited],
                "exemptions": [f"{a} s{s}{sub}" for a, s, sub, _ in cited],
                "ncnd": any(ncnd for *_, ncnd in cited),
                "outcome": rng.choice(OUTCOMES),
                "source_format": "html",
                "problems": [],
            },
        }


def timed(label: str, action):
    start = time.perf_counter()
    result = action()
    print(f"{label}: {time.perf_counter() - start:.2f} s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, nargs="?", default=100_000)
    parser.add_argument("--keep", type=Path, help="write the database here instead of a temporary file")
    args = parser.parse_args()
    path = args.keep or Path(tempfile.mkdtemp(prefix="foilog-bench-")) / "bench.db"

    conn = db.open_db(path)
    db.ensure_db_shape(conn)
    print(timed(f"save_disclosures x{args.count}", lambda: db.save_disclosures(conn, synthetic_items(args.count))))
    timed("rebuild_fts", lambda: db.rebuild_fts(conn))
    print(timed("save_disclosures again", lambda: db.save_disclosures(conn, synthetic_items(args.count))))
    conn.close()

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    process = start_datasette(path, port=port)
    try:
        base = f"http://127.0.0.1:{port}/{path.stem}"
        for page in ("disclosures.json", "exemption_citations.json", "disclosures.json?_search=firearms",
                     "exemption_use_by_authority_and_year.json", "refusal_rate_by_authority.json"):
            data = timed(page, lambda: httpx.get(f"{base}/{page}", timeout=60).json())
            timed_out = [name for name, facet in data.get("facet_results", {}).items() if facet.get("timed_out")]
            print(f"  query_ms={data.get('query_ms', 0):.0f} facets timed out: {timed_out or 'none'}")
    finally:
        process.terminate()
        process.wait(timeout=10)


if __name__ == "__main__":
    main()
