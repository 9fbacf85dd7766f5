"""Source health, computed from `crawl_runs` after a crawl: how each source is doing, and the alarms it raises.

A source raises an alarm when its latest run and the one before both failed outright, or when it used to yield
items (the median of its earlier successful runs is above zero) and its latest run found none: the log has
probably moved or changed shape, which looks like a quiet night unless someone compares.
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass

import sqlite_utils

from db.runs import now_iso

FAILING_RUNS = 2  # consecutive failed runs that raise an alarm: one bad night is often the site's, not ours

FINISHED_RUNS = """
SELECT id, authority, ended, items_found, fatal FROM crawl_runs
WHERE ended IS NOT NULL ORDER BY authority, id"""


@dataclass(frozen=True)
class Alert:
    authority: str
    run_id: int
    kind: str  # "failing" | "no_items"
    message: str

    def line(self) -> str:
        """The log line: `ALERT <slug> <kind>: <message>`, the same wherever an alert is shown."""
        return f"ALERT {self.authority} {self.kind}: {self.message}"


@dataclass(frozen=True)
class Health:
    authority: str
    last_run: str
    last_success: str | None
    consecutive_failures: int
    items_last_run: int | None
    median_items_before: float | None
    runs: int


def assess(authority: str, runs: list[dict]) -> tuple[Health, list[Alert]]:
    """One source's health and alarms from its finished runs, oldest first."""
    latest = runs[-1]
    failures = 0
    for run in reversed(runs):
        if run["fatal"] is None:
            break
        failures += 1
    successes = [run for run in runs if run["fatal"] is None]
    earlier_items = [run["items_found"] for run in successes if run["id"] != latest["id"]
                     and run["items_found"] is not None]
    median_before = statistics.median(earlier_items) if earlier_items else None
    health = Health(authority, latest["ended"], successes[-1]["ended"] if successes else None, failures,
                    latest["items_found"], median_before, len(runs))
    alerts = []
    if failures >= FAILING_RUNS:
        alerts.append(Alert(authority, latest["id"], "failing",
                            f"failed {failures} runs running (latest: {latest['fatal']})"))
    elif latest["fatal"] is None and latest["items_found"] == 0 and median_before:
        alerts.append(Alert(authority, latest["id"], "no_items",
                            f"found no items; earlier runs found a median of {median_before:g}"))
    return health, alerts


def update_source_health(conn: sqlite_utils.Database) -> list[Alert]:
    """Recompute `source_health` from `crawl_runs` and record the latest runs' alarms in `source_alerts`
    (each once, however often this runs); returns the alarms standing on each source's latest run."""
    by_authority: dict[str, list[dict]] = {}
    cursor = conn.execute(FINISHED_RUNS)
    names = [d[0] for d in cursor.description]
    for row in cursor.fetchall():
        run = dict(zip(names, row))
        by_authority.setdefault(run["authority"], []).append(run)
    standing: list[Alert] = []
    with conn.atomic():
        conn.execute("DELETE FROM source_health")
        for authority, runs in by_authority.items():
            health, alerts = assess(authority, runs)
            conn["source_health"].insert(vars(health))
            for alert in alerts:
                conn.execute(
                    "INSERT INTO source_alerts (authority, run_id, raised, kind, message) SELECT ?, ?, ?, ?, ? "
                    "WHERE NOT EXISTS (SELECT 1 FROM source_alerts WHERE run_id = ? AND kind = ?)",
                    [alert.authority, alert.run_id, now_iso(), alert.kind, alert.message, alert.run_id, alert.kind])
            standing += alerts
    return standing


def standing_alerts(conn: sqlite_utils.Database) -> list[Alert]:
    """The recorded alarms on each source's latest run (what `foilog sources --db` shows)."""
    if not conn["source_alerts"].exists():
        return []
    rows = conn.execute(
        "SELECT authority, run_id, kind, message FROM source_alerts WHERE run_id IN "
        "(SELECT max(id) FROM crawl_runs WHERE ended IS NOT NULL GROUP BY authority) ORDER BY authority, kind")
    return [Alert(*row) for row in rows.fetchall()]
