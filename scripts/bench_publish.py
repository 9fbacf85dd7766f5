"""Time the nightly publish on N synthetic responses: the consistent copy (VACUUM INTO, then the atomic rename)
and `datasette inspect`, against a plain byte copy of the same file in the same process (the baseline).

    .venv/bin/python scripts/bench_publish.py [N]

While the copy runs, a writer keeps committing to the live database: its slowest commit shows whether
publishing holds the crawl up. Nothing is asserted (timings vary by machine).
"""
from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import db  # noqa: E402
from bench_facets import synthetic_items  # noqa: E402
from db.publish import publish_copy  # noqa: E402
from scraper.serve import write_inspect_file  # noqa: E402


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def slowest_commit_while(live: Path, action) -> tuple[float, float]:
    """(seconds the action took, slowest writer commit meanwhile)."""
    writer = sqlite3.connect(live, check_same_thread=False)
    stop, slowest = threading.Event(), [0.0]

    def write():
        n = 0
        while not stop.is_set():
            n += 1
            slowest[0] = max(slowest[0], timed(lambda: (
                writer.execute("INSERT INTO crawl_runs (authority, pages_fetched) VALUES ('bench', ?)", [n]),
                writer.commit())))
            time.sleep(0.01)

    thread = threading.Thread(target=write)
    thread.start()
    took = timed(action)
    stop.set()
    thread.join()
    writer.close()
    return took, slowest[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, nargs="?", default=100_000)
    count = parser.parse_args().count
    with tempfile.TemporaryDirectory(prefix="foilog-bench-publish-") as tmp:
        live = Path(tmp) / "foilog.db"
        conn = db.open_db(live)
        db.ensure_db_shape(conn)
        db.save_authorities(conn, [{"slug": a, "name": a, "kind": "force", "platform": "soh", "url": "u"}
                                   for a in sorted({i["authority"] for i in synthetic_items(count)})]
                            + [{"slug": "bench", "name": "bench", "kind": "force", "platform": "soh", "url": "u"}])
        db.save_disclosures(conn, synthetic_items(count))
        db.rebuild_fts(conn)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = live.stat().st_size / 1e6
        baseline = timed(lambda: shutil.copyfile(live, Path(tmp) / "plain-copy.db"))
        published = Path(tmp) / "published" / "foilog.db"
        copy, slowest = slowest_commit_while(live, lambda: publish_copy(live, published))
        inspect = timed(lambda: write_inspect_file(published))
        _, idle = slowest_commit_while(live, lambda: time.sleep(copy))  # the same writer, nothing publishing
    print(f"{count} responses, {size:.0f} MB")
    print(f"plain byte copy (baseline): {baseline:.2f} s")
    print(f"publish_copy (VACUUM INTO + rename): {copy:.2f} s ({copy / baseline:.1f}x the byte copy)")
    print(f"datasette inspect: {inspect:.2f} s")
    print(f"slowest writer commit during publish: {slowest * 1000:.0f} ms (idle: {idle * 1000:.0f} ms)")


if __name__ == "__main__":
    main()
