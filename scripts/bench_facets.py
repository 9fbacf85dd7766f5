"""Time every page a journalist opens by default, at scale: N synthetic responses loaded through the db API,
served by `foilog serve`'s Datasette (same metadata, plugin and templates).

    .venv/bin/python scripts/bench_facets.py [N] [--keep PATH] [--reuse PATH]

Measures (median of 3 after one warm-up): the index and database pages, every table's default page with its
default facets, each facet's own SQL time, every canned query with typical parameters, the disclosures row page
and the dashboard's chart queries, a common-word and a rare-word search (the search page and the table's search
box). A page that fails, a facet Datasette dropped for running out of time (it omits it from the JSON silently;
listed in `facets_timed_out`) and a page over the 500 ms goal are reported as failures, never as a time.
Exits 1 when anything failed.
"""
from __future__ import annotations

import argparse
import random
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx
import yaml

import db
from scraper.serve import metadata_for, start_datasette

GOAL_MS = 500
AUTHORITIES = [f"force-{n:02d}" for n in range(45)]
OUTCOMES = ["full", "partial", "refused", "ncnd", "not_held", "other", "unknown"]
CITATIONS = [("FOIA", "31", "(1)(a)", False), ("FOIA", "40", "(2)", False), ("FOIA", "24", "(2)", True),
             ("FOIA", "23", "(5)", True), ("FOIA", "12", "(1)", False), ("FOIA", "30", "(3)", True),
             ("FOIA", "38", "(1)(a)", False), ("FOIA", "43", "(2)", False)]
WORDS = "police force request information held section exemption public interest officers vehicles firearms".split()
RARE_WORD = "zeppelin"  # in one response in 20,000
COMMON_WORD = "police"  # in every response


def vocabulary(rng: random.Random, size: int = 6000) -> list[str]:
    syllables = ["ka", "ro", "mi", "te", "su", "la", "po", "ne", "di", "va", "ché", "zu", "ri", "on", "el", "ba"]
    return sorted({"".join(rng.choices(syllables, k=rng.randint(2, 4))) for _ in range(size)})


def synthetic_items(count: int, seed: int = 1):
    """Responses spread over 45 forces and 10 years; requests from a 6,000-word vocabulary (so distinct requests
    are distinct) with one round-robin request in 500 sent to 5-40 forces."""
    rng = random.Random(seed)
    vocab = vocabulary(rng)
    round_robin = None
    for n in range(count):
        cited = rng.sample(CITATIONS, rng.choice([0, 0, 1, 1, 1, 2, 3]))
        year = rng.randint(2015, 2024)
        if round_robin is None and rng.random() < 1 / 500:
            round_robin = [" ".join(rng.choices(vocab, k=25)), rng.randint(5, 40)]
        if round_robin:
            request = round_robin[0]
            round_robin[1] -= 1
            round_robin = round_robin if round_robin[1] > 0 else None
        else:
            request = " ".join(rng.choices(vocab, k=25))
        body_words = rng.choices(WORDS, k=300) + rng.choices(vocab, k=60)
        if rng.random() < 1 / 20_000:
            body_words.append(RARE_WORD)
        yield {
            "authority": rng.choice(AUTHORITIES),
            "url": f"https://www.example.police.uk/disclosures/{n}/",
            "fetched_at": "2025-05-01T08:00:00+00:00",
            "published": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "record": {
                "title": f"Request {n} about {rng.choice(WORDS)} and {rng.choice(vocab)}",
                "reference": f"FOI/{year}/{n:07d}",
                "request_text": request,
                "body": " ".join(body_words),
                "citations": [{"act": a, "section": s, "subsection": sub, "ncnd": ncnd} for a, s, sub, ncnd in cited],
                "exemptions": [f"{a} s{s}{sub}" for a, s, sub, _ in cited],
                "ncnd": any(ncnd for *_, ncnd in cited),
                "outcome": rng.choice(OUTCOMES),
                "source_format": "html",
                "problems": [],
                "needs_review": ["outcome: low confidence (0.40)"] if rng.random() < 0.1 else [],
            },
        }


def build(path: Path, count: int) -> None:
    import parsers.statutes

    conn = db.open_db(path)
    db.ensure_db_shape(conn)
    db.save_authorities(conn, [{"slug": slug, "name": f"Force {slug[-2:]} Police", "kind": "force",
                                "platform": "soh", "url": f"https://www.example.police.uk/{slug}/"}
                               for slug in AUTHORITIES])
    db.save_statutes(conn, parsers.statutes.STATUTES)
    start = time.perf_counter()
    db.save_disclosures(conn, synthetic_items(count))
    print(f"save_disclosures x{count}: {time.perf_counter() - start:.0f} s", flush=True)
    start = time.perf_counter()
    db.finish_load(conn)
    print(f"finish_load (summaries, request groups, FTS): {time.perf_counter() - start:.0f} s", flush=True)
    conn.execute("ANALYZE")
    conn.close()


def pages(base: str, database: str, row_id: str) -> list[tuple[str, str, dict]]:
    """(label, url, params) for every page to time."""
    metadata = metadata_for(f"{database}.db")
    tables = metadata["databases"][database]["tables"]
    found = [("index page", "/", {}), ("database page", f"/{database}", {})]
    for table in ("disclosures", "exemption_citations", "exemptions", "authorities", "attachments", "crawl_runs",
                  "exemption_use", "outcome_counts", "request_groups"):
        found.append((f"table {table}" + (" + default facets" if tables.get(table, {}).get("facets") else ""),
                      f"/{database}/{table}.json", {}))
    found.append(("row page disclosures (html)", f"/{database}/disclosures/{row_id}", {}))
    found.append(("table disclosures (html)", f"/{database}/disclosures", {}))
    typical = {"exemption": "S.40(2)", "q": COMMON_WORD, "authority": "", "year": "", "outcome": ""}
    for name, query in metadata["databases"][database]["queries"].items():
        params = {key: value for key, value in typical.items() if f":{key}" in query["sql"]}
        found.append((f"query {name}" + (f" {params}" if params else ""), f"/{database}/{name}.json", params))
    found += [
        ("query responses_citing_a_section rare (s23, 2016, refused)", f"/{database}/responses_citing_a_section.json",
         {"exemption": "s23(5)", "year": "2016", "outcome": "refused", "authority": ""}),
        ("query authorities_citing_an_exemption by name", f"/{database}/authorities_citing_an_exemption.json",
         {"exemption": "national security", "year": ""}),
        ("feed new_refusals.atom", f"/{database}/new_refusals.atom", {"authority": ""}),
        ("feed new_ncnd.atom (one force)", f"/{database}/new_ncnd.atom", {"authority": "force-07"}),
        (f"search page, common word '{COMMON_WORD}'", f"/{database}/search_responses.json", {"q": COMMON_WORD}),
        (f"search page, rare word '{RARE_WORD}'", f"/{database}/search_responses.json", {"q": RARE_WORD}),
        (f"table search box, rare word '{RARE_WORD}'", f"/{database}/disclosures.json", {"_search": RARE_WORD}),
        (f"table search box, common word '{COMMON_WORD}'", f"/{database}/disclosures.json", {"_search": COMMON_WORD}),
        ("dashboard page", "/-/dashboards/overview", {}),
    ]
    dashboards = yaml.safe_load(yaml.safe_dump(metadata["plugins"]["datasette-dashboards"]))
    for chart_name, chart in dashboards["overview"]["charts"].items():
        sql = chart["query"].replace("[[", "").replace("]]", "")
        found.append((f"dashboard chart {chart_name} (filtered)", f"/{database}.json",
                      {"sql": sql, "authority": "force-07", "year": "2020", "act": "FOIA"}))
        sql_unfiltered = " ".join(part.split("]]")[-1] for part in chart["query"].split("[["))
        found.append((f"dashboard chart {chart_name}", f"/{database}.json", {"sql": sql_unfiltered}))
    return found


def measure(client: httpx.Client, base: str, url: str, params: dict) -> dict:
    times, response = [], None
    for attempt in range(4):  # one warm-up, then three timed
        start = time.perf_counter()
        response = client.get(base + url, params=params, timeout=60)
        if attempt:
            times.append((time.perf_counter() - start) * 1000)
    result = {"ms": statistics.median(times), "status": response.status_code, "problems": []}
    if response.status_code != 200:
        result["problems"].append(f"HTTP {response.status_code}")
    elif url.endswith(".json"):
        data = response.json()
        if data.get("ok") is False or data.get("error"):
            result["problems"].append(f"query failed: {data.get('error')}")
        timed_out = sorted(data.get("facets_timed_out") or [])
        timed_out += sorted(name for name, facet in (data.get("facet_results") or {}).items()
                            if facet.get("timed_out"))
        if timed_out:
            result["problems"].append(f"facets timed out: {', '.join(timed_out)}")
        result["facets"] = sorted((data.get("facet_results") or {}).keys())
    elif url.endswith(".atom") and b"<entry>" not in response.content:
        result["problems"].append("feed has no entries")
    if result["ms"] > GOAL_MS:
        result["problems"].append(f"over {GOAL_MS} ms")
    return result


def facet_sql_times(client: httpx.Client, base: str, database: str) -> list[tuple[str, dict]]:
    """Each default facet's own query, as Datasette runs it, so a slow one is named."""
    metadata = metadata_for(f"{database}.db")
    found = []
    facets = [(table, column) for table, spec in metadata["databases"][database]["tables"].items()
              for column in spec.get("facets") or []]
    facets.append(("exemption_citations", "label"))  # not a default facet, but the README promises it indexed
    for table, column in facets:
        sql = (f"select {column} as value, count(*) as count from {table} where {column} is not null "
               f"group by {column} order by count desc, value limit 31")
        found.append((f"facet {table}.{column}", measure(client, base, f"/{database}.json", {"sql": sql})))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, nargs="?", default=100_000)
    parser.add_argument("--keep", type=Path, help="build the database here (kept) instead of a temporary file")
    parser.add_argument("--reuse", type=Path, help="time an existing benchmark database instead of building one")
    args = parser.parse_args()
    path = args.reuse or args.keep or Path(tempfile.mkdtemp(prefix="foilog-bench-")) / "bench.db"
    if not args.reuse:
        build(path, args.count)
    conn = db.open_db(path)
    rows = conn.execute("SELECT count(*) FROM disclosures").fetchone()[0]
    row_id = conn.execute("SELECT id FROM disclosures ORDER BY published DESC LIMIT 1").fetchone()[0]
    conn.close()

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    process = start_datasette(path, port=port)
    results = []
    try:
        base = f"http://127.0.0.1:{port}"
        with httpx.Client() as client:
            for label, url, params in pages(base, path.stem, row_id):
                results.append((label, measure(client, base, url, params)))
            results += facet_sql_times(client, base, path.stem)
    finally:
        process.terminate()
        process.wait(timeout=10)

    print(f"\n{rows:,} responses; median of 3 after a warm-up; goal < {GOAL_MS} ms\n")
    print("| page | ms | result |\n| --- | ---: | --- |")
    for label, result in results:
        print(f"| {label} | {result['ms']:.0f} | {'; '.join(result['problems']) or 'ok'} |")
    failures = [(label, result) for label, result in results if result["problems"]]
    print(f"\n{len(results)} measured, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
