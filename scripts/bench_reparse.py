#!/usr/bin/env python3
"""Benchmark `foilog reparse`: build a WARC archive of N synthetic SOH item pages, then rebuild a database
from it and report seconds and pages/second. Goal: 100,000 pages in under 60 s on 2 cores.

    .venv/bin/python scripts/bench_reparse.py [--n 100000] [--processes N] [--keep DIR]

The pages are the replica's SOH item pages (full chrome) around the demo samples, with the reference, title
and date varied per page so no two bodies are the same.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scraper.archive import ArchiveWriter  # noqa: E402
from scraper.http import FetchResult  # noqa: E402
from scraper.pipeline import reparse  # noqa: E402
from scraper.replica import sample_items, soh_site  # noqa: E402
from scraper.replica.soh import item_path, render_item  # noqa: E402

SITE_SLUGS = ("demo-met", "demo-cleveland", "demo-northyorks")
BASE_URL = "https://bench.invalid"


def synthetic_items(n: int):
    """n variants of the sample responses: (site, item) pairs, each with its own slug, title and date."""
    samples = [(slug, item) for slug in SITE_SLUGS for item in sample_items(slug)]
    sites = {slug: soh_site(slug, f"Bench {slug}", [], pattern="year-month") for slug in SITE_SLUGS}
    for number in range(n):
        slug, sample = samples[number % len(samples)]
        published = dt.date(2018, 1, 1) + dt.timedelta(days=number % 2900)
        text = sample.text.replace(sample.reference or "\0", f"{sample.reference}-{number}") if sample.reference \
            else f"Reference: BENCH/{number}\n{sample.text}"
        yield sites[slug], replace(sample, slug=f"{sample.slug}-{number}", title=f"{sample.title} ({number})",
                                   published=published, text=text)


def build_archive(root: Path, n: int) -> None:
    writers = {slug: ArchiveWriter(root, slug) for slug in SITE_SLUGS}
    for site, item in synthetic_items(n):
        page = render_item(site, item)
        url = BASE_URL + item_path(site, item)
        headers = [("Content-Type", page.content_type), ("Content-Length", str(len(page.body)))]
        writers[site.slug].write(FetchResult(
            url=url, final_url=url, status=200, headers={k.lower(): v for k, v in headers}, content=page.body,
            fetched_at="2026-01-01T00:00:00Z", raw_headers=headers, raw_body=page.body, reason="OK",
            request_headers=[("User-Agent", "foilog-bench")]), role="item")
    for writer in writers.values():
        writer.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="number of synthetic item pages")
    parser.add_argument("--processes", type=int, default=os.cpu_count(), help="parser worker processes")
    parser.add_argument("--keep", type=Path, help="build in this directory and keep it (default: a temp dir)")
    args = parser.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="foilog-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    archive, db_path = work / "archive", work / "bench.db"
    try:
        started = time.perf_counter()
        build_archive(archive, args.n)
        print(f"archive of {args.n} pages built in {time.perf_counter() - started:.1f} s", flush=True)
        db_path.unlink(missing_ok=True)
        started = time.perf_counter()
        stats = reparse(db_path, archive, processes=args.processes)
        seconds = time.perf_counter() - started
        print(f"reparse: {stats.items} pages ({stats.new} new, {stats.failed} failed) in {seconds:.1f} s "
              f"= {stats.items / seconds:.0f} pages/s on {args.processes} processes")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
